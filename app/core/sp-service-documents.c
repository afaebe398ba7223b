/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-service-documents.c: each service's Open Referral UK JSON, kept ready in the store (schema 007).
 *
 * The hub answers GET /services/{id}, its lists and the sync feed with these stored bytes
 * rather than assembling each service from a dozen queries per request. They are written
 * by sp_store_record_change(), which every change to the directory passes through inside
 * its write transaction (imports, sync rounds and edits, all through SpDirectory): every
 * service the change stamps is written out afresh, and the rows of services that are gone
 * are deleted, so that a stored document always matches a fresh sp_export_service(). A
 * service without a row (a store from before schema 7, until the service next changes)
 * is assembled as before by whoever reads it.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sp-api-services.h"
#include "sp-export.h"
#include "sp-service-documents.h"

static char *
object_to_text (JsonObject *object)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return json_to_string (node, FALSE);
}

static gboolean
step_done (SpStore      *store,
           sqlite3_stmt *stmt,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return sp_store_set_error_from_db (store, rc, _("keeping the services' documents"), error);
  return TRUE;
}

/*
 * sp_service_documents_refresh:
 * @seq: the change being recorded
 *
 * Writes the documents of every service stamped with change @seq and deletes those of
 * services no longer in the store. Must run inside the change's write transaction, after
 * the stamping (sp_store_record_change() calls it); returns FALSE with @error set when the
 * store could not be read or written, and the caller then rolls back.
 */
gboolean
sp_service_documents_refresh (SpStore  *store,
                              gint64    seq,
                              GError  **error)
{
  g_autoptr (GPtrArray) ids = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  if ((stmt = sp_store_prepare_cached (store, "SELECT id FROM service WHERE change_seq = ?1", error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  if ((ids = sp_store_read_ids (store, stmt, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = ids->pdata[i];
      g_autoptr (JsonObject) whole = sp_export_service (store, id, error);
      g_autoptr (JsonObject) summary = whole != NULL ? sp_api_service_summary (store, id, error) : NULL;
      g_autofree char *whole_text = NULL, *summary_text = NULL;

      if (summary == NULL)
        return FALSE;
      whole_text = object_to_text (whole);
      summary_text = object_to_text (summary);
      if ((stmt = sp_store_prepare_cached (store,
             "INSERT INTO service_document (service_id, document, summary) VALUES (?1, ?2, ?3) "
             "ON CONFLICT (service_id) DO UPDATE SET document = excluded.document, summary = excluded.summary",
             error)) == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, whole_text, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, summary_text, -1, SQLITE_STATIC);
      if (!step_done (store, stmt, error))
        return FALSE;
    }
  /* Whatever way a service went (a removal, a feed replaced), its document goes with it. */
  if ((stmt = sp_store_prepare_cached (store,
         "DELETE FROM service_document WHERE NOT EXISTS (SELECT 1 FROM service WHERE service.id = service_id)",
         error)) == NULL)
    return FALSE;
  return step_done (store, stmt, error);
}

/*
 * sp_service_documents_read:
 * @whole: the service whole, or as a list shows it
 * @text: (out) (transfer full): the stored JSON, or %NULL when the store keeps none for @id
 *
 * Reads in the caller's transaction, if any. Returns FALSE with @error set when the store
 * could not be read (no document is not an error).
 */
gboolean
sp_service_documents_read (SpStore     *store,
                           const char  *id,
                           gboolean     whole,
                           char       **text,
                           GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  *text = NULL;
  stmt = sp_store_prepare_cached (store,
                                  whole ? "SELECT document FROM service_document WHERE service_id = ?1"
                                        : "SELECT summary FROM service_document WHERE service_id = ?1",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return sp_store_set_error_from_db (store, rc, _("reading a service's document"), error);
  return TRUE;
}
