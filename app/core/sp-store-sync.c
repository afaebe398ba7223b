/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-store-sync.c: where this copy of the directory syncs from, and how it went (schema 006). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sp-store-private.h"

void
sp_sync_source_clear (SpSyncSource *source)
{
  g_clear_pointer (&source->url, g_free);
  g_clear_pointer (&source->store_id, g_free);
  g_clear_pointer (&source->token, g_free);
  g_clear_pointer (&source->etag, g_free);
  g_clear_pointer (&source->last_success_at, g_free);
  g_clear_pointer (&source->last_attempt_at, g_free);
  g_clear_pointer (&source->last_error, g_free);
  source->seq = 0;
}

#define SOURCE_COLUMNS "url, store_id, seq, token, etag, last_success_at, last_attempt_at, last_error"

static gboolean
read_source (SpStoreStatement *stmt,
             SpSyncSource     *source,
             GError          **error)
{
  SpStoreStep step = sp_store_statement_step (stmt, error);

  if (step == SP_STORE_STEP_ROW)
    {
      source->url = sp_store_statement_dup_text (stmt, 0);
      source->store_id = sp_store_statement_dup_text (stmt, 1);
      source->seq = sp_store_statement_get_int64 (stmt, 2);
      source->token = sp_store_statement_dup_text (stmt, 3);
      source->etag = sp_store_statement_dup_text (stmt, 4);
      source->last_success_at = sp_store_statement_dup_text (stmt, 5);
      source->last_attempt_at = sp_store_statement_dup_text (stmt, 6);
      source->last_error = sp_store_statement_dup_text (stmt, 7);
    }
  sp_store_statement_reset (stmt);
  return step != SP_STORE_STEP_ERROR;
}

/*
 * sp_store_get_sync_source:
 * @url: (nullable): the hub; NULL for the one synced from most recently
 * What this copy knows of the hub: @source is cleared first and left so (url NULL) when
 * it has never synced from it. Returns FALSE with @error set if the store cannot be read.
 */
gboolean
sp_store_get_sync_source (SpStore      *self,
                          const char   *url,
                          SpSyncSource *source,
                          GError      **error)
{
  SpStoreStatement *stmt;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (source != NULL, FALSE);

  sp_sync_source_clear (source);
  stmt = sp_store_statement_cached (self, url != NULL
                                    ? "SELECT " SOURCE_COLUMNS " FROM sync_source WHERE url = ?1"
                                    : "SELECT " SOURCE_COLUMNS " FROM sync_source ORDER BY last_attempt_at DESC LIMIT 1",
                                    N_("reading where it syncs from"), error);
  if (stmt == NULL)
    return FALSE;
  if (url != NULL)
    sp_store_statement_bind_text (stmt, 1, url);
  return read_source (stmt, source, error);
}

/*
 * sp_store_put_sync_source:
 * Records @source whole, in the caller's transaction (with the changes the round applied,
 * so that the copy never believes it holds a change it does not). Returns FALSE with
 * @error set if it could not; the caller rolls back.
 */
gboolean
sp_store_put_sync_source (SpStore            *self,
                          const SpSyncSource *source,
                          GError            **error)
{
  SpStoreStatement *stmt;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (source != NULL && source->url != NULL, FALSE);

  stmt = sp_store_statement_cached (self,
    "INSERT OR REPLACE INTO sync_source (" SOURCE_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    N_("recording where it syncs from"), error);
  if (stmt == NULL)
    return FALSE;
  sp_store_statement_bind_text (stmt, 1, source->url);
  sp_store_statement_bind_text (stmt, 2, source->store_id);
  sp_store_statement_bind_int64 (stmt, 3, source->seq);
  sp_store_statement_bind_text (stmt, 4, source->token);
  sp_store_statement_bind_text (stmt, 5, source->etag);
  sp_store_statement_bind_text (stmt, 6, source->last_success_at);
  sp_store_statement_bind_text (stmt, 7, source->last_attempt_at);
  sp_store_statement_bind_text (stmt, 8, source->last_error);
  return sp_store_statement_run (stmt, error);
}

/*
 * sp_store_note_sync_attempt:
 * @problem: (nullable): why the round failed, in words; NULL when it succeeded with
 *   nothing to apply
 * Records a round that changed nothing, in a transaction of its own: when it was tried and
 * (on success) when the copy was last known current. What the copy holds is left alone.
 */
gboolean
sp_store_note_sync_attempt (SpStore    *self,
                            const char *url,
                            const char *when,
                            const char *problem,
                            GError    **error)
{
  SpStoreStatement *stmt;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (url != NULL && when != NULL, FALSE);

  stmt = sp_store_statement_cached (self,
    "INSERT INTO sync_source (url, last_attempt_at, last_error, last_success_at) VALUES (?1, ?2, ?3, "
    " CASE WHEN ?3 IS NULL THEN ?2 END) "
    "ON CONFLICT (url) DO UPDATE SET last_attempt_at = ?2, last_error = ?3, "
    " last_success_at = CASE WHEN ?3 IS NULL THEN ?2 ELSE last_success_at END",
    N_("recording a sync"), error);
  if (stmt == NULL)
    return FALSE;
  sp_store_statement_bind_text (stmt, 1, url);
  sp_store_statement_bind_text (stmt, 2, when);
  sp_store_statement_bind_text (stmt, 3, problem);
  return sp_store_statement_run (stmt, error);
}
