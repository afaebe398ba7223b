/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-import-sql.c: the statements an import writes with, built from the HSDS table descriptors.
 *
 * Every statement runs inside the import's one write transaction (sp_import_start()). The
 * first that fails sets the import's store_error; from then on no statement is handed out
 * and nothing more is written, and sp_import_finish() rolls the whole import back.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sp-import-private.h"
#include "sp-text.h"

/* Foreign-key columns and the table each refers to. Other *_id fields
 * (parent_id, parent_organization_id) are plain identifiers. */
static const struct { const char *column; const char *table; } foreign_keys[] = {
  { "organization_id", "organization" }, { "program_id", "program" },
  { "service_id", "service" }, { "location_id", "location" }, { "phone_id", "phone" },
  { "contact_id", "contact" }, { "service_at_location_id", "service_at_location" },
  { "taxonomy_term_id", "taxonomy_term" }, { "taxonomy_id", "taxonomy" },
};

/* The table @column refers to, or NULL when it is not a foreign key. */
const char *
sp_import_foreign_key_target (const char *column)
{
  for (guint i = 0; i < G_N_ELEMENTS (foreign_keys); i++)
    if (g_str_equal (foreign_keys[i].column, column))
      return foreign_keys[i].table;
  return NULL;
}

/*
 * sp_import_statement:
 * @doing: what it is for, untranslated, for the message should it fail
 *
 * The statement for @sql, compiled once per import and reused across records, reset.
 * Returns NULL once the import has failed (store_error set), or when SQLite refuses the
 * SQL, which only a damaged store does (store_error is then set).
 */
SpStoreStatement *
sp_import_statement (SpImport   *self,
                     const char *sql,
                     const char *doing)
{
  SpStoreStatement *stmt;

  if (self->store_error != NULL)
    return NULL;
  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sp_store_statement_reset (stmt);
      return stmt;
    }
  stmt = sp_store_statement_new (self->store, sql, doing, &self->store_error);
  if (stmt != NULL)
    g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

/*
 * sp_import_run:
 * Runs a statement that writes (or whose rows do not matter) and resets it. A failure
 * stops the import: FALSE, with store_error set to the first one.
 */
gboolean
sp_import_run (SpImport         *self,
               SpStoreStatement *stmt)
{
  return sp_store_statement_run (stmt, self->store_error == NULL ? &self->store_error : NULL);
}

/*
 * sp_import_row_exists:
 * Whether @table has a row @id, as the import's transaction sees it. A read that fails is
 * not "no": it stops the import (store_error set) and FALSE is returned; callers check
 * sp_import_failed() before acting on a FALSE.
 */
gboolean
sp_import_row_exists (SpImport   *self,
                      const char *table,
                      const char *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?", table);
  SpStoreStatement *stmt = sp_import_statement (self, sql, N_("saving the import"));
  SpStoreStep step;

  if (stmt == NULL)
    return FALSE;
  sp_store_statement_bind_text (stmt, 1, id);
  step = sp_store_statement_step (stmt, self->store_error == NULL ? &self->store_error : NULL);
  sp_store_statement_reset (stmt);
  return step == SP_STORE_STEP_ROW;
}

/*
 * sp_import_read_content_hash:
 * @existed: (out): whether the store holds the service @id
 *
 * The checksum of the record the service @id was last imported from (NULL when unknown).
 * FALSE with store_error set when it could not be read: the import stops.
 */
gboolean
sp_import_read_content_hash (SpImport   *self,
                             const char *id,
                             gboolean   *existed,
                             char      **content_hash)
{
  SpStoreStatement *stmt = sp_import_statement (self, "SELECT content_hash FROM service WHERE id = ?",
                                                N_("saving the import"));
  SpStoreStep step;

  *existed = FALSE;
  *content_hash = NULL;
  if (stmt == NULL)
    return FALSE;
  sp_store_statement_bind_text (stmt, 1, id);
  step = sp_store_statement_step (stmt, self->store_error == NULL ? &self->store_error : NULL);
  if (step == SP_STORE_STEP_ROW)
    {
      *existed = TRUE;
      *content_hash = sp_store_statement_dup_text (stmt, 0);
    }
  sp_store_statement_reset (stmt);
  return step != SP_STORE_STEP_ERROR;
}

/*
 * sp_import_mark_edited:
 * @feed_hash: (nullable): the checksum of the feed's copy the change was made over
 *
 * Marks the service @id, just written from its group's change on the hub, so that a later
 * import of the same feed does not write over it (sp_import_service()).
 */
gboolean
sp_import_mark_edited (SpImport   *self,
                       const char *id,
                       const char *feed_hash)
{
  SpStoreStatement *stmt = sp_import_statement (self, "UPDATE service SET content_hash = ?2 WHERE id = ?1",
                                                N_("saving the import"));
  g_autofree char *mark = g_strconcat (SP_IMPORT_EDITED_MARK, feed_hash, NULL);

  if (stmt == NULL)
    return FALSE;
  sp_store_statement_bind_text (stmt, 1, id);
  sp_store_statement_bind_text (stmt, 2, mark);
  return sp_store_statement_run (stmt, self->store_error == NULL ? &self->store_error : NULL);
}

/* The statement cached for a descriptor (an SpTable's upsert, an SpLink's delete of owned
 * children): @build writes its SQL the first time. Looking a descriptor up by address is
 * much cheaper per record than hashing the SQL text. */
typedef char *(*SqlBuilder) (gconstpointer key);

static SpStoreStatement *
keyed_statement (SpImport     *self,
                 gconstpointer key,
                 SqlBuilder    build)
{
  SpStoreStatement *stmt;
  g_autofree char *sql = NULL;

  if (self->store_error != NULL)
    return NULL;
  stmt = g_hash_table_lookup (self->keyed_statements, key);
  if (stmt != NULL)
    {
      sp_store_statement_reset (stmt);
      return stmt;
    }
  sql = build (key);
  stmt = sp_store_statement_new (self->store, sql, N_("saving the import"), &self->store_error);
  if (stmt != NULL)
    g_hash_table_insert (self->keyed_statements, (gpointer) key, stmt);
  return stmt;
}

/* The INSERT … ON CONFLICT DO UPDATE for @table, built once per import. */
static char *
upsert_sql (gconstpointer key)
{
  const SpTable *table = key;
  GString *sql;
  GString *values;
  GString *update;

  sql = g_string_new (NULL);
  values = g_string_new ("?");
  update = g_string_new (NULL);
  g_string_append_printf (sql, "INSERT INTO %s (id", table->name);
  for (const SpField *f = table->fields; f->name != NULL; f++)
    {
      g_string_append_printf (sql, ", \"%s\"", f->name);
      g_string_append (values, ", ?");
      /* HSDS lets one phone, schedule or contact hang off several parents
       * (a service and its location); a link written by one parent survives
       * the same record arriving under another. */
      if (f->kind == SP_FIELD_REF && sp_import_foreign_key_target (f->name) != NULL)
        g_string_append_printf (update, "%s\"%s\" = coalesce(excluded.\"%s\", \"%s\")",
                                update->len ? ", " : "", f->name, f->name, f->name);
      else
        g_string_append_printf (update, "%s\"%s\" = excluded.\"%s\"", update->len ? ", " : "",
                                f->name, f->name);
    }
  if (table->has_source)
    {
      g_string_append (sql, ", feed_id, source_id, imported_at");
      g_string_append (values, ", ?, ?, ?");
      g_string_append (update, ", feed_id = excluded.feed_id, source_id = excluded.source_id,"
                               " imported_at = excluded.imported_at");
    }
  if (table == &sp_hsds_service)
    {
      g_string_append (sql, ", match_key, content_hash");
      g_string_append (values, ", ?, ?");
      g_string_append (update, ", match_key = excluded.match_key, content_hash = excluded.content_hash");
    }
  g_string_append_printf (sql, ") VALUES (%s) ON CONFLICT (id) DO UPDATE SET %s", values->str, update->str);
  g_string_free (values, TRUE);
  g_string_free (update, TRUE);
  return g_string_free (sql, FALSE);
}

static void
bind_value (SpStoreStatement    *stmt,
            int                  column,
            const SpImportValue *value)
{
  switch (value->type)
    {
    case SP_IMPORT_VALUE_TEXT:
      sp_store_statement_bind_text (stmt, column, value->text);
      break;
    case SP_IMPORT_VALUE_INT:
      sp_store_statement_bind_int64 (stmt, column, value->i);
      break;
    case SP_IMPORT_VALUE_REAL:
      sp_store_statement_bind_double (stmt, column, value->d);
      break;
    case SP_IMPORT_VALUE_NONE:
    default:
      sp_store_statement_bind_null (stmt, column);
      break;
    }
}

/*
 * sp_import_write_row:
 * @values: one value per field of @table, in its order
 * @source_id: (nullable): the id the feed gave, when Signpost made @id from it
 *
 * Inserts the row @id of @table, or updates it in place when it is there already, with
 * the import's feed and time. FALSE with store_error set when the write failed.
 */
gboolean
sp_import_write_row (SpImport            *self,
                     const SpTable       *table,
                     const char          *id,
                     const SpImportValue *values,
                     const char          *source_id)
{
  SpStoreStatement *stmt = keyed_statement (self, table, upsert_sql);
  int col = 1;
  guint i = 0;

  if (stmt == NULL)
    return FALSE;
  sp_store_statement_bind_text (stmt, col++, id);
  for (const SpField *f = table->fields; f->name != NULL; f++, i++)
    bind_value (stmt, col++, &values[i]);
  if (table->has_source)
    {
      sp_store_statement_bind_int64 (stmt, col++, self->feed_id);
      sp_store_statement_bind_text (stmt, col++, source_id != NULL ? source_id : id);
      sp_store_statement_bind_text (stmt, col++, self->now);
    }
  if (table == &sp_hsds_service)
    {
      const SpImportValue *name = &values[sp_import_field_index (table, "name")];

      sp_store_statement_bind_text_take (stmt, col++, sp_text_match_key (name->text));
      sp_store_statement_bind_text (stmt, col++, self->content_hash);
    }
  return sp_import_run (self, stmt);
}

static char *
delete_children_sql (gconstpointer key)
{
  const SpLink *link = key;

  return g_strdup_printf ("DELETE FROM %s WHERE %s = ?", link->table->name, link->column);
}

/*
 * sp_import_delete_owned_children:
 * Deletes the rows that hang off the record @id of @table and belong to it alone (its
 * phones, its schedules; not shared records such as locations), before the record is
 * written again. FALSE with store_error set when a delete failed.
 */
gboolean
sp_import_delete_owned_children (SpImport      *self,
                                 const SpTable *table,
                                 const char    *id)
{
  for (const SpLink *link = table->links; link->key != NULL; link++)
    {
      SpStoreStatement *stmt;

      if (link->kind == SP_LINK_OBJECT || link->table->shared)
        continue;
      stmt = keyed_statement (self, link, delete_children_sql);
      if (stmt == NULL)
        return FALSE;
      sp_store_statement_bind_text (stmt, 1, id);
      if (!sp_import_run (self, stmt))
        return FALSE;
    }
  return TRUE;
}

/*
 * sp_import_clear_reference:
 * Empties @column of the row @id of @table: a reference to a record that is neither in the
 * feed nor in the directory. FALSE with store_error set when the write failed.
 */
gboolean
sp_import_clear_reference (SpImport      *self,
                           const SpTable *table,
                           const char    *column,
                           const char    *id)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET %s = NULL WHERE id = ?", table->name, column);
  SpStoreStatement *stmt = sp_import_statement (self, sql, N_("saving the import"));

  if (stmt == NULL)
    return FALSE;
  sp_store_statement_bind_text (stmt, 1, id);
  return sp_import_run (self, stmt);
}
