/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-export.c: writing the directory out as Open Referral UK 3.0 JSON. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sp-export.h"
#include "sp-hsds.h"
#include "sp-output-file.h"
#include "sp-store-statement.h"

/*
 * The export walks the same table descriptors as the import, so every field
 * Signpost stores goes back out under its HSDS name. Fields without a value
 * are left out (no null, no ""), children come in the order the feed gave
 * them (rowid) and services in id order, so the same store always gives the
 * same bytes.
 */

typedef struct
{
  SpStore *store;
  GHashTable *selects;     /* SpTable -> its SELECT text */
  gboolean own_fields_only; /* leave out the arrays and objects that hang off a record */
  GError *error;           /* the first read that failed: the export fails with it */
} Exporter;

static void
exporter_init (Exporter *self,
               SpStore  *store)
{
  self->store = store;
  self->selects = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->own_fields_only = FALSE;
  self->error = NULL;
}

static void
exporter_clear (Exporter *self)
{
  g_hash_table_unref (self->selects);
  g_clear_error (&self->error);
}

static SpStoreStatement *
statement (Exporter   *self,
           const char *sql)
{
  /* The store's statements: an export of one service after another (a result list)
   * compiles each SQL text once. */
  if (self->error != NULL)
    return NULL;
  return sp_store_statement_cached (self->store, sql, N_("exporting the directory"), &self->error);
}

static const char *
select_sql (Exporter      *self,
            const SpTable *table)
{
  GString *sql;
  const char *cached = g_hash_table_lookup (self->selects, table);

  if (cached != NULL)
    return cached;
  sql = g_string_new ("SELECT id");
  for (const SpField *f = table->fields; f->name != NULL; f++)
    g_string_append_printf (sql, ", \"%s\"", f->name);
  g_string_append_printf (sql, " FROM %s WHERE id = ?", table->name);
  g_hash_table_insert (self->selects, (gpointer) table, g_string_free (sql, FALSE));
  return g_hash_table_lookup (self->selects, table);
}

static JsonObject *export_record (Exporter      *self,
                                  const SpTable *table,
                                  const char    *id);

/* The ids of @table's rows whose @column is @parent_id, in feed order; NULL with
 * self->error set when they could not all be read. */
static GPtrArray *
child_ids (Exporter      *self,
           const SpTable *table,
           const char    *column,
           const char    *parent_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE %s = ? ORDER BY rowid",
                                          table->name, column);
  SpStoreStatement *stmt = statement (self, sql);

  if (stmt == NULL)
    return NULL;
  sp_store_statement_bind_text (stmt, 1, parent_id);
  return sp_store_statement_collect_texts (stmt, &self->error);
}

/* Open Referral requires a description on organisations, programs and
 * taxonomy terms, and real feeds often lack one; the export then repeats the
 * name rather than fail validation. The store keeps the truth (absent). */
static gboolean
needs_description_fallback (const SpTable *table)
{
  return table == &sp_hsds_organization || table == &sp_hsds_taxonomy_term ||
         table == &sp_hsds_taxonomy || table == &sp_hsds_program;
}

/* The fields of @table from the row @stmt is on (id first, then the fields in order) into
 * @object, leaving out those without a value. */
static void
add_fields (JsonObject       *object,
            const SpTable    *table,
            SpStoreStatement *stmt)
{
  int col = 1;

  json_object_set_string_member (object, "id", sp_store_statement_get_text (stmt, 0));
  for (const SpField *f = table->fields; f->name != NULL; f++, col++)
    {
      if (sp_store_statement_is_null (stmt, col))
        {
          if (g_str_equal (f->name, "description") && needs_description_fallback (table) &&
              json_object_has_member (object, "name"))
            json_object_set_string_member (object, "description",
                                           json_object_get_string_member (object, "name"));
          continue;
        }
      switch (f->kind)
        {
        case SP_FIELD_INTEGER:
        case SP_FIELD_AGE:
          json_object_set_int_member (object, f->name, sp_store_statement_get_int64 (stmt, col));
          break;
        case SP_FIELD_NUMBER:
        case SP_FIELD_LATITUDE:
        case SP_FIELD_LONGITUDE:
          json_object_set_double_member (object, f->name, sp_store_statement_get_double (stmt, col));
          break;
        default:
          {
            const char *text = sp_store_statement_get_text (stmt, col);
            if (text != NULL && *text != '\0')
              json_object_set_string_member (object, f->name, text);
          }
          break;
        }
    }
}

/* The children @link hangs off the record @row_id, as a list under @link's key of
 * @object (none when it has none). FALSE with self->error set when a read failed. */
static gboolean
add_children (Exporter     *self,
              JsonObject   *object,
              const SpLink *link,
              const char   *row_id)
{
  g_autoptr (GPtrArray) ids = child_ids (self, link->table, link->column, row_id);
  JsonArray *array;

  if (ids == NULL)
    return FALSE;
  if (ids->len == 0)
    return TRUE;
  array = json_array_sized_new (ids->len);
  json_object_set_array_member (object, link->key, array);
  for (guint i = 0; i < ids->len; i++)
    {
      JsonObject *child = export_record (self, link->table, g_ptr_array_index (ids, i));

      if (child != NULL)
        json_array_add_object_element (array, child);
      else if (self->error != NULL)
        return FALSE;
    }
  return TRUE;
}

/* What hangs off the record @object of @table: the records its columns point at (an
 * organisation, a location) and its lists of children. FALSE with self->error set when
 * a read failed. */
static gboolean
add_links (Exporter      *self,
           JsonObject    *object,
           const SpTable *table)
{
  const char *row_id = json_object_get_string_member (object, "id");

  for (const SpLink *link = table->links; link->key != NULL; link++)
    {
      if (link->kind == SP_LINK_OBJECT)
        {
          const char *target = json_object_get_string_member_with_default (object, link->column, NULL);
          JsonObject *nested;

          if (target == NULL)
            continue;
          nested = export_record (self, link->table, target);
          if (nested != NULL)
            json_object_set_object_member (object, link->key, nested);
          else if (self->error != NULL)
            return FALSE;
        }
      else if (!add_children (self, object, link, row_id))
        return FALSE;
    }
  return TRUE;
}

/* The record @id of @table with everything nested in it; NULL when there is none, or
 * with self->error set when a read failed (never a record with parts missing). */
static JsonObject *
export_record (Exporter      *self,
               const SpTable *table,
               const char    *id)
{
  g_autoptr (JsonObject) object = NULL;
  SpStoreStatement *stmt = statement (self, select_sql (self, table));

  if (stmt == NULL)
    return NULL;
  sp_store_statement_bind_text (stmt, 1, id);
  switch (sp_store_statement_step (stmt, &self->error))
    {
    case SP_STORE_STEP_ROW:
      break;
    case SP_STORE_STEP_DONE:
      sp_store_statement_reset (stmt);
      return NULL;
    case SP_STORE_STEP_ERROR:
    default:
      return NULL;
    }
  object = json_object_new ();
  add_fields (object, table, stmt);
  sp_store_statement_reset (stmt);  /* the statement is reused by the nested records below */

  if (!self->own_fields_only && !add_links (self, object, table))
    return NULL;
  return g_steal_pointer (&object);
}

/**
 * sp_export_record:
 * @table: an HSDS table: "service", "organization", "taxonomy", "service_at_location"…
 * @id: the record's id
 * @nested: with everything nested in it (its phones, schedules, location…), or only its
 *   own fields (a list's one-to-one view of it)
 *
 * One record as an ORUK 3.0 object, fields without a value left out. Reads in the caller's
 * transaction, if any, and changes nothing.
 *
 * Returns: (transfer full): the object, or %NULL with @error set (G_IO_ERROR_NOT_FOUND if
 *   there is no such record; a read that failed, never a record with parts missing)
 */
JsonObject *
sp_export_record (SpStore    *store,
                  const char *table,
                  const char *id,
                  gboolean    nested,
                  GError    **error)
{
  const SpTable *spec;
  Exporter self;
  JsonObject *object;
  g_autofree char *lower = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  spec = sp_hsds_table_by_name (table);
  g_return_val_if_fail (spec != NULL, NULL);
  lower = g_ascii_strdown (id, -1);
  exporter_init (&self, store);
  self.own_fields_only = !nested;
  object = export_record (&self, spec, lower);
  if (object == NULL)
    {
      if (self.error != NULL)
        g_propagate_error (error, g_steal_pointer (&self.error));
      else if (spec == &sp_hsds_service)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     _("There is no service with the id “%s” in the directory."), id);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     _("There is no %s with the id “%s” in the directory."), table, id);
    }
  exporter_clear (&self);
  return object;
}

/**
 * sp_export_service:
 * @id: a service id
 *
 * The service with everything nested in it, as an ORUK 3.0 service object.
 *
 * Returns: (transfer full): the object, or %NULL with @error set (G_IO_ERROR_NOT_FOUND
 *   if there is no such service)
 */
JsonObject *
sp_export_service (SpStore    *store,
                   const char *id,
                   GError    **error)
{
  return sp_export_record (store, "service", id, TRUE, error);
}

static gboolean
write_text (GOutputStream *out,
            const char    *text,
            gsize          length,
            GCancellable  *cancellable,
            GError       **error)
{
  return g_output_stream_write_all (out, text, length, NULL, cancellable, error);
}

/* Writes one service as a line of the page: @first says whether it is the first. */
static gboolean
write_service (GOutputStream *out,
               JsonGenerator *generator,
               JsonObject    *service,
               gboolean       first,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;
  gsize length;

  json_node_take_object (node, service);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &length);
  return write_text (out, first ? "\n" : ",\n", first ? 1 : 2, cancellable, error) &&
         write_text (out, text, length, cancellable, error);
}

/* The page's opening, up to its list of services, for @total services. */
static char *
page_header (gint64 total)
{
  return g_strdup_printf ("{\"total_items\":%" G_GINT64_FORMAT ",\"total_pages\":%d,\"page_number\":1,"
                          "\"size\":%" G_GINT64_FORMAT ",\"first_page\":true,\"last_page\":true,"
                          "\"empty\":%s,\"contents\":[",
                          total, total > 0 ? 1 : 0, total, total == 0 ? "true" : "false");
}

/* Writes every service, in id order, after the page's header; FALSE with @error set when
 * a read or a write failed. */
static gboolean
write_services (Exporter      *self,
                GOutputStream *out,
                GCancellable  *cancellable,
                guint         *written,
                GError       **error)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (SpStoreStatement) ids = NULL;
  SpStoreStep step;

  ids = sp_store_statement_new (self->store, "SELECT id FROM service ORDER BY id",
                                N_("exporting the directory"), error);
  if (ids == NULL)
    return FALSE;
  while ((step = sp_store_statement_step (ids, error)) == SP_STORE_STEP_ROW)
    {
      JsonObject *service = export_record (self, &sp_hsds_service, sp_store_statement_get_text (ids, 0));

      if (service == NULL && self->error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&self->error));
          return FALSE;
        }
      if (service == NULL)
        continue;
      if (!write_service (out, generator, service, *written == 0, cancellable, error))
        return FALSE;
      (*written)++;
    }
  return step == SP_STORE_STEP_DONE;
}

/* How many services the store holds, for the page's header. */
static gboolean
count_services (SpStore *store,
                gint64  *total,
                GError **error)
{
  g_autoptr (SpStoreStatement) count = NULL;

  count = sp_store_statement_new (store, "SELECT count(*) FROM service", N_("exporting the directory"), error);
  if (count == NULL || sp_store_statement_step (count, error) != SP_STORE_STEP_ROW)
    return FALSE;
  *total = sp_store_statement_get_int64 (count, 0);
  return TRUE;
}

/**
 * sp_export_all:
 * @out: where to write
 * @n_services: (out) (optional): how many services were written
 *
 * Writes every service as one ORUK 3.0 page (total_items, …, contents), one
 * service per line, in id order: the same store gives the same bytes.
 * Memory stays bounded by the largest service, whatever the directory's size.
 * Reads in one read transaction of its own, so a change committed meanwhile cannot tear
 * the page, and changes nothing.
 *
 * Returns: %TRUE when the whole page was written; %FALSE with @error set when a read or a
 *   write failed, after which what @out holds is not a page (sp_export_all_to_file()
 *   keeps no file then)
 */
gboolean
sp_export_all (SpStore        *store,
               GOutputStream  *out,
               GCancellable   *cancellable,
               guint          *n_services,
               GError        **error)
{
  Exporter self;
  g_autofree char *header = NULL;
  gint64 total = 0;
  guint written = 0;
  gboolean ok;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  if (!sp_store_begin_read (store, error))
    return FALSE;
  exporter_init (&self, store);
  ok = count_services (store, &total, error);
  if (ok)
    {
      header = page_header (total);
      ok = write_text (out, header, strlen (header), cancellable, error) &&
           write_services (&self, out, cancellable, &written, error) &&
           write_text (out, "\n]}\n", 4, cancellable, error);
    }
  exporter_clear (&self);
  sp_store_end_read (store);

  if (ok && n_services != NULL)
    *n_services = written;
  return ok;
}

/* Exports to @path through a temporary file renamed into place, so a full disk or a
 * crash never leaves half an export under the real name, nor an unfinished new file. */
gboolean
sp_export_all_to_file (SpStore    *store,
                       const char *path,
                       guint      *n_services,
                       GError    **error)
{
  g_autoptr (SpOutputFile) file = sp_output_file_new (path, error);

  if (file == NULL)
    return FALSE;
  return sp_export_all (store, sp_output_file_get_stream (file), NULL, n_services, error) &&
         sp_output_file_commit (file, error);
}
