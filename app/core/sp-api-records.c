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
#include "sp-store-statement.h"

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

/* Binds a copy of @value to the parameter @name, when the statement has it. */
static void
bind_text (SpStoreStatement *stmt,
           const char       *name,
           const char       *value)
{
  int index = sp_store_statement_parameter (stmt, name);

  if (index > 0 && value != NULL)
    sp_store_statement_bind_text_take (stmt, index, g_strdup (value));
}

/* The store's statement for @filter, bound; NULL with @error set. */
static SpStoreStatement *
prepare (SpStore                 *store,
         const char              *table,
         const SpApiRecordFilter *filter,
         gboolean                 counting,
         GError                 **error)
{
  g_autofree char *sql = build_sql (table, filter, counting);
  SpStoreStatement *stmt = sp_store_statement_cached (store, sql, counting ? N_("counting records")
                                                                           : N_("listing records"), error);

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
  SpStoreStatement *stmt;
  SpStoreStep step;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (is_listable (table), FALSE);
  g_return_val_if_fail (filter != NULL && count != NULL, FALSE);

  if ((stmt = prepare (store, table, filter, TRUE, error)) == NULL)
    return FALSE;
  step = sp_store_statement_step (stmt, error);
  if (step == SP_STORE_STEP_ROW)
    *count = sp_store_statement_get_int64 (stmt, 0);
  else if (step == SP_STORE_STEP_DONE)
    g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_FAILED, _("Counting records gave no count."));
  sp_store_statement_reset (stmt);
  return step == SP_STORE_STEP_ROW;
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
  SpStoreStatement *stmt;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (is_listable (table), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  if ((stmt = prepare (store, table, filter, FALSE, error)) == NULL)
    return NULL;
  sp_store_statement_bind_int64 (stmt, sp_store_statement_parameter (stmt, ":limit"), limit);
  sp_store_statement_bind_int64 (stmt, sp_store_statement_parameter (stmt, ":offset"), offset);
  return sp_store_statement_collect_texts (stmt, error);
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
  SpStoreStatement *stmt;
  SpStoreStep step;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (is_listable (table), FALSE);
  g_return_val_if_fail (id != NULL && exists != NULL, FALSE);

  sql = g_strdup_printf ("SELECT 1 FROM \"%s\" WHERE id = ?1", table);
  if ((stmt = sp_store_statement_cached (store, sql, N_("looking up a record"), error)) == NULL)
    return FALSE;
  lower = g_ascii_strdown (id, -1);
  sp_store_statement_bind_text (stmt, 1, lower);
  step = sp_store_statement_step (stmt, error);
  sp_store_statement_reset (stmt);
  if (step == SP_STORE_STEP_ERROR)
    return FALSE;
  *exists = step == SP_STORE_STEP_ROW;
  return TRUE;
}
