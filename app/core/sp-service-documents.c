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
#include "sp-store-statement.h"

static char *
object_to_text (JsonObject *object)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return json_to_string (node, FALSE);
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
  SpStoreStatement *stmt;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  if ((stmt = sp_store_statement_cached (store, "SELECT id FROM service WHERE change_seq = ?1",
                                         N_("keeping the services' documents"), error)) == NULL)
    return FALSE;
  sp_store_statement_bind_int64 (stmt, 1, seq);
  if ((ids = sp_store_statement_collect_texts (stmt, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = ids->pdata[i];
      g_autoptr (JsonObject) whole = sp_export_service (store, id, error);
      g_autoptr (JsonObject) summary = whole != NULL ? sp_api_service_summary (store, id, error) : NULL;

      if (summary == NULL)
        return FALSE;
      if ((stmt = sp_store_statement_cached (store,
             "INSERT INTO service_document (service_id, document, summary) VALUES (?1, ?2, ?3) "
             "ON CONFLICT (service_id) DO UPDATE SET document = excluded.document, summary = excluded.summary",
             N_("keeping the services' documents"), error)) == NULL)
        return FALSE;
      sp_store_statement_bind_text (stmt, 1, id);
      sp_store_statement_bind_text_take (stmt, 2, object_to_text (whole));
      sp_store_statement_bind_text_take (stmt, 3, object_to_text (summary));
      if (!sp_store_statement_run (stmt, error))
        return FALSE;
    }
  /* Whatever way a service went (a removal, a feed replaced), its document goes with it:
   * from schema 8 a trigger deletes it with the service; before, a sweep of every document. */
  if (sp_store_get_schema_version (store) >= 8)
    return TRUE;
  if ((stmt = sp_store_statement_cached (store,
         "DELETE FROM service_document WHERE NOT EXISTS (SELECT 1 FROM service WHERE service.id = service_id)",
         N_("keeping the services' documents"), error)) == NULL)
    return FALSE;
  return sp_store_statement_run (stmt, error);
}

/*
 * sp_service_documents_drop:
 * @seq: the change being recorded
 *
 * Deletes the documents of every service stamped with change @seq (see
 * sp_store_set_keep_documents()); services removed take theirs by the schema's trigger.
 * Inside the change's write transaction, like sp_service_documents_refresh().
 */
gboolean
sp_service_documents_drop (SpStore  *store,
                           gint64    seq,
                           GError  **error)
{
  SpStoreStatement *stmt;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  if ((stmt = sp_store_statement_cached (store,
         "DELETE FROM service_document WHERE service_id IN (SELECT id FROM service WHERE change_seq = ?1)",
         N_("keeping the services' documents"), error)) == NULL)
    return FALSE;
  sp_store_statement_bind_int64 (stmt, 1, seq);
  return sp_store_statement_run (stmt, error);
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
  SpStoreStatement *stmt;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  *text = NULL;
  stmt = sp_store_statement_cached (store,
                                    whole ? "SELECT document FROM service_document WHERE service_id = ?1"
                                          : "SELECT summary FROM service_document WHERE service_id = ?1",
                                    N_("reading a service's document"), error);
  if (stmt == NULL)
    return FALSE;
  sp_store_statement_bind_text (stmt, 1, id);
  switch (sp_store_statement_step (stmt, error))
    {
    case SP_STORE_STEP_ROW:
      *text = sp_store_statement_dup_text (stmt, 0);
      sp_store_statement_reset (stmt);
      return TRUE;
    case SP_STORE_STEP_DONE:
      return TRUE;
    case SP_STORE_STEP_ERROR:
    default:
      return FALSE;
    }
}
