/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-api-records.c: the organisations, taxonomies and taxonomy terms an Open Referral API query lists.
 *
 * As in sp-api-services.c: one statement per combination of filters, from fixed fragments,
 * every value a bound parameter; pages in id order; reads in the caller's transaction.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sp-api-records.h"

/* The tables a list may name: never a client's text. */
static const char * const listable[] = {
  "organization", "taxonomy", "taxonomy_term", "service", "service_at_location", "location", NULL,
};

static gboolean
is_listable (const char *table)
{
  return table != NULL && g_strv_contains (listable, table);
}

static char *
build_sql (const char              *table,
           const SpApiRecordFilter *filter,
           gboolean                 counting)
{
  GString *sql = g_string_new (NULL);

  gsize where;

  g_string_append_printf (sql, "SELECT %s FROM \"%s\" r", counting ? "count(*)" : "r.id", table);
  /* As in sp-api-services.c: " AND …" each, the first made the WHERE; none for no filter. */
  where = sql->len;
  if (filter->name_contains != NULL)
    g_string_append (sql, " AND r.name LIKE '%' || :name || '%' ESCAPE '\\'");
  if (g_str_equal (table, "taxonomy_term"))
    {
      if (filter->taxonomy_id != NULL)
        g_string_append (sql, " AND r.taxonomy_id = :taxonomy");
      if (filter->parent_id != NULL)
        g_string_append (sql, " AND r.parent_id = :parent");
      /* A parent a feed names but does not ship makes a term no less the top. */
      if (filter->top_only)
        g_string_append (sql, " AND (r.parent_id IS NULL OR NOT EXISTS "
                              "(SELECT 1 FROM taxonomy_term p WHERE p.id = r.parent_id))");
    }
  if (sql->len > where)
    {
      g_assert (strncmp (sql->str + where, " AND ", 5) == 0);
      g_string_erase (sql, where, strlen (" AND"));
      g_string_insert (sql, where, " WHERE");
    }
  if (!counting)
    g_string_append (sql, " ORDER BY r.id LIMIT :limit OFFSET :offset");
  return g_string_free (sql, FALSE);
}

/* @text with LIKE's wildcards and its escape character made plain. */
static char *
escape_like (const char *text)
{
  GString *escaped = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (escaped, '\\');
      g_string_append_c (escaped, *p);
    }
  return g_string_free (escaped, FALSE);
}

static void
bind_text (sqlite3_stmt *stmt,
           const char   *name,
           const char   *value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0 && value != NULL)
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

static sqlite3_stmt *
prepare (SpStore                 *store,
         const char              *table,
         const SpApiRecordFilter *filter,
         gboolean                 counting,
         GError                 **error)
{
  g_autofree char *sql = build_sql (table, filter, counting);
  sqlite3_stmt *stmt = sp_store_prepare_cached (store, sql, error);

  if (stmt == NULL)
    return NULL;
  if (filter->name_contains != NULL)
    {
      g_autofree char *pattern = escape_like (filter->name_contains);
      bind_text (stmt, ":name", pattern);
    }
  bind_text (stmt, ":taxonomy", filter->taxonomy_id);
  bind_text (stmt, ":parent", filter->parent_id);
  return stmt;
}

/*
 * sp_api_count_records:
 * @table: "organization", "taxonomy", "taxonomy_term"… (a constant of the caller's)
 *
 * How many records of @table @filter selects, into @count. Reads in the caller's
 * transaction, if any. Returns FALSE with @error set when the store cannot be read.
 */
gboolean
sp_api_count_records (SpStore                 *store,
                      const char              *table,
                      const SpApiRecordFilter *filter,
                      gint64                  *count,
                      GError                 **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (is_listable (table), FALSE);
  g_return_val_if_fail (filter != NULL && count != NULL, FALSE);

  if ((stmt = prepare (store, table, filter, TRUE, error)) == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return sp_store_set_error_from_db (store, rc, _("counting records"), error);
  return TRUE;
}

/*
 * sp_api_list_records:
 * The ids of the records of @table that @filter selects, in id order, from the
 * @offset-th on, at most @limit. Reads in the caller's transaction, if any. Returns
 * (transfer full) the ids, or NULL with @error set; a failed step is an error, never a
 * short page.
 */
GPtrArray *
sp_api_list_records (SpStore                 *store,
                     const char              *table,
                     const SpApiRecordFilter *filter,
                     gint64                   offset,
                     gint64                   limit,
                     GError                 **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (is_listable (table), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  if ((stmt = prepare (store, table, filter, FALSE, error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":limit"), limit);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":offset"), offset);
  return sp_store_read_ids (store, stmt, error);
}

/*
 * sp_api_record_exists:
 * Whether @table holds a record with @id (ids are stored in lower case), into @exists.
 * Reads in the caller's transaction, if any. Returns FALSE with @error set when the store
 * cannot be read.
 */
gboolean
sp_api_record_exists (SpStore    *store,
                      const char *table,
                      const char *id,
                      gboolean   *exists,
                      GError    **error)
{
  g_autofree char *sql = NULL;
  g_autofree char *lower = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (is_listable (table), FALSE);
  g_return_val_if_fail (id != NULL && exists != NULL, FALSE);

  sql = g_strdup_printf ("SELECT 1 FROM \"%s\" WHERE id = ?1", table);
  if ((stmt = sp_store_prepare_cached (store, sql, error)) == NULL)
    return FALSE;
  lower = g_ascii_strdown (id, -1);
  sqlite3_bind_text (stmt, 1, lower, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return sp_store_set_error_from_db (store, rc, _("looking up a record"), error);
  *exists = rc == SQLITE_ROW;
  return TRUE;
}
