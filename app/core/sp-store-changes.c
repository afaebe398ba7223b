/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-store-changes.c: the directory's change sequence (schema 005).
 *
 * Every change to the directory takes the next number of one sequence, in the same
 * transaction, and stamps the services it wrote with it (or remembers the ones it removed).
 * Sync clients ask for what changed after the number they have; the search index records
 * the number it was built at.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sp-service-documents.h"
#include "sp-store-private.h"

/*
 * sp_store_get_change_seq:
 * The number of the last change to the directory: 0 for a new store. Reads in its own
 * statement (or the caller's transaction). Returns FALSE with @error set if it cannot be read.
 */
gboolean
sp_store_get_change_seq (SpStore *self,
                         gint64  *seq,
                         GError **error)
{
  SpStoreStatement *stmt;
  SpStoreStep step;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (seq != NULL, FALSE);

  stmt = sp_store_statement_cached (self, "SELECT value FROM change_sequence WHERE id = 1",
                                    N_("reading which changes it holds"), error);
  if (stmt == NULL)
    return FALSE;
  step = sp_store_statement_step (stmt, error);
  *seq = step == SP_STORE_STEP_ROW ? sp_store_statement_get_int64 (stmt, 0) : 0;
  sp_store_statement_reset (stmt);
  return step != SP_STORE_STEP_ERROR;
}

/* The store's statement for @sql, for recording a change. */
static SpStoreStatement *
change_statement (SpStore    *self,
                  const char *sql,
                  GError    **error)
{
  return sp_store_statement_cached (self, sql, N_("recording a change"), error);
}

/*
 * sp_store_get_change_token:
 * The store's id and the random token of change @seq, which tell a sync client whether the
 * change it knows by that number is the one this store made. @token is set to NULL when
 * the store has no record of change @seq (it was never made, or before schema 5).
 */
gboolean
sp_store_get_change_token (SpStore *self,
                           gint64   seq,
                           char   **store_id,
                           char   **token,
                           GError **error)
{
  SpStoreStatement *stmt;
  SpStoreStep step;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);

  if ((stmt = sp_store_statement_cached (self,
         "SELECT store_id, (SELECT token FROM change_log WHERE seq = ?1) FROM change_sequence WHERE id = 1",
         N_("reading which changes it holds"), error)) == NULL)
    return FALSE;
  sp_store_statement_bind_int64 (stmt, 1, seq);
  step = sp_store_statement_step (stmt, error);
  if (step == SP_STORE_STEP_ROW)
    {
      if (store_id != NULL)
        *store_id = sp_store_statement_dup_text (stmt, 0);
      if (token != NULL)
        *token = sp_store_statement_dup_text (stmt, 1);
    }
  sp_store_statement_reset (stmt);
  /* The sequence's one row is made with the table: without it the store is damaged. */
  if (step == SP_STORE_STEP_DONE)
    return sp_store_set_error (self, SQLITE_CORRUPT, sqlite3_errstr (SQLITE_CORRUPT),
                               _("reading which changes it holds"), error);
  return step == SP_STORE_STEP_ROW;
}

/**
 * sp_store_set_keep_documents:
 * @keep: %TRUE (the default) to write each changed service's ready JSON
 *
 * Only a hub reads the services' ready JSON (schema 7). A copy kept current by sync — a
 * kiosk's, a desktop's — need not spend a third of a full sync's time and two thirds of its
 * disk writing it: with @keep %FALSE a change drops the documents of the services it
 * changes instead, so that none is ever stale, and a hub that should one day serve the copy
 * assembles those services as it reads them.
 */
void
sp_store_set_keep_documents (SpStore  *self,
                             gboolean  keep)
{
  g_return_if_fail (SP_IS_STORE (self));
  self->drop_documents = !keep;
}

/*
 * sp_store_record_change:
 * @changed_ids: (element-type utf8) (nullable): services written (new or changed)
 * @feed_id: a feed all of whose services count as written (a tabular package, which
 *   changes rows rather than whole services), or 0
 * @removed_ids: (element-type utf8) (nullable): services removed from the store
 * @seq: (out) (optional): the change's number
 *
 * Takes the next number of the change sequence and stamps the services with it. Must be
 * called inside the caller's write transaction (sp_store_begin()), so that the number
 * commits or rolls back with the change. A change that wrote and removed nothing takes no
 * number. Returns FALSE with @error set if the store could not record it; the caller then
 * rolls back.
 */
gboolean
sp_store_record_change (SpStore   *self,
                        GPtrArray *changed_ids,
                        gint64     feed_id,
                        GPtrArray *removed_ids,
                        gint64    *seq,
                        GError   **error)
{
  SpStoreStatement *stmt;
  gint64 next;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (!sqlite3_get_autocommit (self->db), FALSE);

  if (!sp_store_get_change_seq (self, &next, error))
    return FALSE;
  if ((changed_ids == NULL || changed_ids->len == 0) && feed_id == 0 &&
      (removed_ids == NULL || removed_ids->len == 0))
    {
      if (seq != NULL)
        *seq = next;
      return TRUE;
    }
  next++;

  if ((stmt = change_statement (self, "UPDATE change_sequence SET value = ?1 WHERE id = 1", error)) == NULL)
    return FALSE;
  sp_store_statement_bind_int64 (stmt, 1, next);
  if (!sp_store_statement_run (stmt, error))
    return FALSE;
  if ((stmt = change_statement (self,
         "INSERT OR REPLACE INTO change_log (seq, token, made_at) "
         "VALUES (?1, lower(hex(randomblob(8))), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))", error)) == NULL)
    return FALSE;
  sp_store_statement_bind_int64 (stmt, 1, next);
  if (!sp_store_statement_run (stmt, error))
    return FALSE;

  if (feed_id != 0)
    {
      if ((stmt = change_statement (self, "UPDATE service SET change_seq = ?1 WHERE feed_id = ?2", error)) == NULL)
        return FALSE;
      sp_store_statement_bind_int64 (stmt, 1, next);
      sp_store_statement_bind_int64 (stmt, 2, feed_id);
      if (!sp_store_statement_run (stmt, error))
        return FALSE;
    }
  for (guint i = 0; changed_ids != NULL && i < changed_ids->len; i++)
    {
      const char *id = g_ptr_array_index (changed_ids, i);

      if ((stmt = change_statement (self, "UPDATE service SET change_seq = ?1 WHERE id = ?2", error)) == NULL)
        return FALSE;
      sp_store_statement_bind_int64 (stmt, 1, next);
      sp_store_statement_bind_text (stmt, 2, id);
      if (!sp_store_statement_run (stmt, error))
        return FALSE;
      /* Back again after a removal: no longer removed. */
      if ((stmt = change_statement (self, "DELETE FROM service_removal WHERE service_id = ?1", error)) == NULL)
        return FALSE;
      sp_store_statement_bind_text (stmt, 1, id);
      if (!sp_store_statement_run (stmt, error))
        return FALSE;
    }
  for (guint i = 0; removed_ids != NULL && i < removed_ids->len; i++)
    {
      if ((stmt = change_statement (self,
             "INSERT INTO service_removal (service_id, change_seq) VALUES (?1, ?2) "
             "ON CONFLICT (service_id) DO UPDATE SET change_seq = excluded.change_seq", error)) == NULL)
        return FALSE;
      sp_store_statement_bind_text (stmt, 1, g_ptr_array_index (removed_ids, i));
      sp_store_statement_bind_int64 (stmt, 2, next);
      if (!sp_store_statement_run (stmt, error))
        return FALSE;
    }
  /* The services' stored JSON follows in the same transaction. */
  if (!(self->drop_documents ? sp_service_documents_drop (self, next, error)
                             : sp_service_documents_refresh (self, next, error)))
    return FALSE;
  if (seq != NULL)
    *seq = next;
  return TRUE;
}

/*
 * sp_store_list_changed_services:
 * The ids of the services written after change @since (all of them for 0), in the order
 * of their changes. Read in the caller's transaction, if any. Returns (transfer full) the
 * ids, or NULL with @error set.
 */
GPtrArray *
sp_store_list_changed_services (SpStore *self,
                                gint64   since,
                                GError **error)
{
  SpStoreStatement *stmt;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);

  if ((stmt = sp_store_statement_cached (self,
         "SELECT id FROM service WHERE change_seq > ?1 ORDER BY change_seq, id",
         N_("reading which services changed"), error)) == NULL)
    return NULL;
  sp_store_statement_bind_int64 (stmt, 1, since);
  return sp_store_statement_collect_texts (stmt, error);
}

/*
 * sp_store_list_removed_services:
 * The ids of the services removed after change @since and not written again since, in the
 * order of their removal. Read in the caller's transaction, if any. Returns (transfer full)
 * the ids, or NULL with @error set.
 */
GPtrArray *
sp_store_list_removed_services (SpStore *self,
                                gint64   since,
                                GError **error)
{
  SpStoreStatement *stmt;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);

  if ((stmt = sp_store_statement_cached (self,
         "SELECT service_id FROM service_removal WHERE change_seq > ?1 ORDER BY change_seq, service_id",
         N_("reading which services changed"), error)) == NULL)
    return NULL;
  sp_store_statement_bind_int64 (stmt, 1, since);
  return sp_store_statement_collect_texts (stmt, error);
}
