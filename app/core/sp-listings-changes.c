/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-listings-changes.c: a group's proposed document checked by the import's rules, saved
 * as pending, and applied through the one write path.
 *
 * A service is edited as its whole ORUK 3.0 document. Checking one runs it through the
 * import's record code (sp_import_service()) inside a transaction that is always rolled
 * back, and collects every problem with its field; anything the import would skip or drop
 * refuses the edit. Applying runs the same code inside sp_directory_change(), together with
 * the history row and the change's status, so all three commit or none does, the change
 * sequence moves and the index follows.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sp-export.h"
#include "sp-import-private.h"
#include "sp-listings-private.h"
#include "sp-service-documents.h"
#include "sp-text.h"

#define LISTING_EDITS_FEED "signpost-hub:listing-edits"

/*
 * sp_listings_service_organization:
 * Reads the organisation of service @service_id (%NULL when it has none). FALSE with
 * _NOT_FOUND when there is no such service.
 */
gboolean
sp_listings_service_organization (SpListings *self,
                                  const char *service_id,
                                  char      **organization_id,
                                  GError    **error)
{
  SpStoreStatement *stmt = sp_store_statement_cached (sp_listings_store (self),
                                                      "SELECT organization_id FROM service WHERE id = ?1",
                                                      N_("reading a service's organisation"), error);
  SpStoreStep step;

  *organization_id = NULL;
  if (stmt == NULL)
    return FALSE;
  sp_store_statement_bind_text (stmt, 1, service_id);
  if ((step = sp_store_statement_step (stmt, error)) == SP_STORE_STEP_ROW)
    *organization_id = sp_store_statement_dup_text (stmt, 0);
  sp_store_statement_reset (stmt);
  if (step == SP_STORE_STEP_DONE)
    g_set_error (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_NOT_FOUND,
                 _("There is no service %s in the directory."), service_id);
  return step == SP_STORE_STEP_ROW;
}

/*
 * sp_listings_may_see_service:
 * Whether @actor may read and propose changes to @service_id: an editor any service, a
 * member those of its own organisation. FALSE with _FORBIDDEN or _NOT_FOUND.
 */
gboolean
sp_listings_may_see_service (SpListings      *self,
                             const SpAccount *actor,
                             const char      *service_id,
                             GError         **error)
{
  g_autofree char *organization_id = NULL;

  if (actor == NULL || actor->disabled)
    {
      g_set_error_literal (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_FORBIDDEN, _("You are not signed in."));
      return FALSE;
    }
  if (service_id == NULL || !sp_listings_service_organization (self, service_id, &organization_id, error))
    {
      if (service_id == NULL)
        g_set_error_literal (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_NOT_FOUND, _("No service was given."));
      return FALSE;
    }
  if (actor->role == SP_ACCOUNT_ROLE_EDITOR ||
      (organization_id != NULL && g_strcmp0 (organization_id, actor->organization_id) == 0))
    return TRUE;
  g_set_error_literal (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_FORBIDDEN,
                       _("This service belongs to another organisation; you may not see or change it."));
  return FALSE;
}

/*
 * sp_listings_current_document:
 * The service's document as the store keeps it ready (schema 7), or exported when it keeps
 * none yet. FALSE with _NOT_FOUND when there is no such service.
 */
gboolean
sp_listings_current_document (SpStore    *store,
                              const char *service_id,
                              char      **text,
                              GError    **error)
{
  g_autoptr (JsonObject) exported = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GError) local = NULL;

  if (!sp_service_documents_read (store, service_id, TRUE, text, error))
    return FALSE;
  if (*text != NULL)
    return TRUE;
  if ((exported = sp_export_service (store, service_id, &local)) == NULL)
    {
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_NOT_FOUND,
                     _("There is no service %s in the directory."), service_id);
      return FALSE;
    }
  node = json_node_init_object (json_node_alloc (), exported);
  *text = json_to_string (node, FALSE);
  return TRUE;
}

/* @text without the dates every applied change moves (last_modified, and assured_date that
 * "still correct" sets): two versions that differ only there are the same to an edit, so a
 * group's confirmation does not make its own pending edit conflict. */
static char *
comparable_text (const char *text)
{
  g_autoptr (JsonNode) node = text != NULL ? json_from_string (text, NULL) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return g_strdup (text);
  json_object_remove_member (json_node_get_object (node), "last_modified");
  json_object_remove_member (json_node_get_object (node), "assured_date");
  return json_to_string (node, FALSE);
}

/* A document's version, for telling whether it changed since an edit began. */
char *
sp_listings_document_hash (const char *text)
{
  g_autofree char *comparable = comparable_text (text);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, comparable, -1);
}

/**
 * sp_listings_get_service_json:
 * @hash: (out) (optional) (transfer full): the document's version, for a later proposal
 *
 * Returns: (transfer full): the service's ORUK 3.0 JSON, or %NULL with @error set
 */
char *
sp_listings_get_service_json (SpListings      *self,
                              const SpAccount *actor,
                              const char      *service_id,
                              char           **hash,
                              GError         **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (SP_IS_LISTINGS (self), NULL);
  if (!sp_listings_may_see_service (self, actor, service_id, error) ||
      !sp_listings_current_document (sp_listings_store (self), service_id, &text, error))
    return NULL;
  if (hash != NULL)
    *hash = sp_listings_document_hash (text);
  return g_steal_pointer (&text);
}

static GPtrArray *
new_problems (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) sp_field_problem_free);
}

/* Parses @json as one object; a problem (field "") when it is not. */
static JsonObject *
parse_document (const char *json,
                GPtrArray  *problems)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GError) local = NULL;
  JsonNode *root;

  if (json == NULL || strlen (json) > 4 * 1024 * 1024 || !json_parser_load_from_data (parser, json, -1, &local) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_ptr_array_add (problems, sp_field_problem_new ("", _("The service is not a JSON object.")));
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

static const char *
member_text (JsonObject *object,
             const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* The document must stay the service @service_id of @organization_id: a member cannot move
 * a service to another organisation, nor write over another service, by its body. */
static void
check_identity (JsonObject *document,
                const char *service_id,
                const char *organization_id,
                GPtrArray  *problems)
{
  JsonObject *organization = json_object_has_member (document, "organization") &&
                             JSON_NODE_HOLDS_OBJECT (json_object_get_member (document, "organization"))
                             ? json_object_get_object_member (document, "organization") : NULL;
  const char *nested = member_text (organization, "id");

  if (g_strcmp0 (member_text (document, "id"), service_id) != 0)
    g_ptr_array_add (problems, sp_field_problem_new ("id", _("The service's id cannot be changed.")));
  if (g_strcmp0 (member_text (document, "organization_id"), organization_id) != 0 ||
      (organization != NULL && g_strcmp0 (nested, organization_id) != 0))
    g_ptr_array_add (problems, sp_field_problem_new ("organization_id",
                                                     _("The service's organisation cannot be changed here.")));
}

/* Runs @document through the import's record code in the caller's transaction. Adds the
 * import's problems to @problems and the service written to @changed. FALSE with @error
 * only when the store failed. */
static gboolean
import_document (SpStore    *store,
                 JsonObject *document,
                 gint64      feed_id,
                 GPtrArray  *problems,
                 GPtrArray  *changed,
                 GError    **error)
{
  g_autoptr (SpImport) import = sp_import_new (store, SP_IMPORT_FLAGS_NONE, NULL);
  const char *id = json_object_get_string_member_with_default (document, "id", NULL);
  g_autofree char *feed_hash = NULL;
  gboolean existed = FALSE;
  SpServiceOutcome outcome;

  import->feed_id = feed_id;
  import->now = sp_listings_now_text (0);
  if (!sp_store_exec (store, "PRAGMA defer_foreign_keys = ON", error))
    return FALSE;
  /* The checksum of the feed's copy this change is made over, kept so that importing the
   * same feed again leaves the group's change alone (sp_import_service()). */
  if (id != NULL && !sp_import_read_content_hash (import, id, &existed, &feed_hash))
    return !sp_import_take_failure (import, error);
  if (feed_hash != NULL && g_str_has_prefix (feed_hash, SP_IMPORT_EDITED_MARK))
    memmove (feed_hash, feed_hash + strlen (SP_IMPORT_EDITED_MARK), strlen (feed_hash) - strlen (SP_IMPORT_EDITED_MARK) + 1);
  outcome = sp_import_service (import, document, NULL);
  if (outcome != SP_SERVICE_SKIPPED && id != NULL)
    sp_import_mark_edited (import, id, feed_hash);
  if (sp_import_take_failure (import, error))
    return FALSE;
  for (guint i = 0; i < import->report->problems->len; i++)
    {
      SpImportProblem *p = g_ptr_array_index (import->report->problems, i);
      g_ptr_array_add (problems, sp_field_problem_new (p->field, p->message));
    }
  if (outcome == SP_SERVICE_SKIPPED && problems->len == 0)
    g_ptr_array_add (problems, sp_field_problem_new ("", _("The service cannot be saved as it is.")));
  if (changed != NULL)
    for (guint i = 0; i < import->report->changed->len; i++)
      g_ptr_array_add (changed, g_strdup (g_ptr_array_index (import->report->changed, i)));
  return TRUE;
}

/* Checks @document by the import's rules, writing nothing: a transaction rolled back. */
static gboolean
check_by_import (SpListings *self,
                 JsonObject *document,
                 GPtrArray  *problems,
                 GError    **error)
{
  SpStore *store = sp_listings_store (self);
  gboolean ok;

  if (!sp_store_begin (store, error))
    return FALSE;
  ok = import_document (store, document, 0, problems, NULL, error);
  sp_store_rollback (store);
  return ok;
}

/**
 * sp_listings_check_document:
 * Returns: (transfer full) (element-type SpFieldProblem): the problems, empty when none;
 *   %NULL with @error set when the store failed
 */
GPtrArray *
sp_listings_check_document (SpListings *self,
                            const char *json,
                            GError    **error)
{
  g_autoptr (GPtrArray) problems = new_problems ();
  g_autoptr (JsonObject) document = NULL;

  g_return_val_if_fail (SP_IS_LISTINGS (self), NULL);
  if ((document = parse_document (json, problems)) != NULL && !check_by_import (self, document, problems, error))
    return NULL;
  return g_steal_pointer (&problems);
}

static gint64
insert_change (SpStore        *store,
               SpChangeKind    kind,
               const char     *service_id,
               const char     *organization_id,
               gint64          proposed_by,
               const char     *base,
               const char     *proposed,
               SpChangeStatus  status,
               GError        **error)
{
  g_autofree char *now = sp_listings_now_text (0);
  SpStoreStatement *stmt = sp_store_statement_cached (store,
    "INSERT INTO listing_change (service_id, organization_id, kind, proposed_by, proposed_at, base, proposed, "
    "status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id", N_("saving a proposed change"), error);
  gint64 id;

  if (stmt == NULL)
    return 0;
  sp_store_statement_bind_text (stmt, 1, service_id);
  sp_store_statement_bind_text (stmt, 2, organization_id);
  sp_store_statement_bind_text (stmt, 3, sp_change_kind_to_string (kind));
  sp_store_statement_bind_int64 (stmt, 4, proposed_by);
  sp_store_statement_bind_text (stmt, 5, now);
  sp_store_statement_bind_text (stmt, 6, base);
  sp_store_statement_bind_text (stmt, 7, proposed);
  sp_store_statement_bind_text (stmt, 8, sp_change_status_to_string (status));
  if (sp_store_statement_step (stmt, error) != SP_STORE_STEP_ROW)
    return 0;
  id = sp_store_statement_get_int64 (stmt, 0);
  sp_store_statement_reset (stmt);
  return id;
}

/* A member may not write over a place another organisation's services use: every location
 * its document names must be new, or used only by services of its own organisation. */
/* The locations of a document by id, each as JSON text. */
static GHashTable *
locations_of (JsonObject *document)
{
  GHashTable *found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonNode *links = document != NULL ? json_object_get_member (document, "service_at_locations") : NULL;
  JsonArray *array;

  if (links == NULL || !JSON_NODE_HOLDS_ARRAY (links))
    return found;
  array = json_node_get_array (links);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *link = json_array_get_element (array, i);
      JsonNode *location;

      if (!JSON_NODE_HOLDS_OBJECT (link) ||
          (location = json_object_get_member (json_node_get_object (link), "location")) == NULL ||
          !JSON_NODE_HOLDS_OBJECT (location) || member_text (json_node_get_object (location), "id") == NULL)
        continue;
      g_hash_table_replace (found, g_strdup (member_text (json_node_get_object (location), "id")),
                            json_to_string (location, FALSE));
    }
  return found;
}

static gboolean
check_locations (SpListings      *self,
                 const SpAccount *actor,
                 JsonObject      *document,
                 const char      *base,
                 GPtrArray       *problems,
                 GError         **error)
{
  JsonNode *links = json_object_get_member (document, "service_at_locations");
  g_autoptr (GPtrArray) ignored = new_problems ();
  g_autoptr (JsonObject) base_document = base != NULL ? parse_document (base, ignored) : NULL;
  g_autoptr (GHashTable) before = locations_of (base_document);
  JsonArray *array;

  if (actor->role == SP_ACCOUNT_ROLE_EDITOR || links == NULL || !JSON_NODE_HOLDS_ARRAY (links))
    return TRUE;
  array = json_node_get_array (links);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *link = json_array_get_element (array, i);
      JsonObject *location = NULL;
      const char *id;
      SpStoreStatement *stmt;
      SpStoreStep step;

      if (!JSON_NODE_HOLDS_OBJECT (link))
        continue;
      if (json_object_has_member (json_node_get_object (link), "location") &&
          JSON_NODE_HOLDS_OBJECT (json_object_get_member (json_node_get_object (link), "location")))
        location = json_object_get_object_member (json_node_get_object (link), "location");
      id = location != NULL ? member_text (location, "id") : member_text (json_node_get_object (link), "location_id");
      if (id == NULL)
        continue;
      /* A place the service already uses, kept as it was, is no one else's business. */
      if (location != NULL && g_hash_table_contains (before, id))
        {
          g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), location);
          g_autofree char *now = json_to_string (node, FALSE);
          if (g_strcmp0 (now, g_hash_table_lookup (before, id)) == 0)
            continue;
        }
      stmt = sp_store_statement_cached (sp_listings_store (self),
        "SELECT 1 FROM service_at_location sl JOIN service s ON s.id = sl.service_id "
        "WHERE sl.location_id = ?1 AND s.organization_id IS NOT ?2 LIMIT 1",
        N_("checking whose a location is"), error);
      if (stmt == NULL)
        return FALSE;
      sp_store_statement_bind_text (stmt, 1, id);
      sp_store_statement_bind_text (stmt, 2, actor->organization_id);
      step = sp_store_statement_step (stmt, error);
      sp_store_statement_reset (stmt);
      if (step == SP_STORE_STEP_ERROR)
        return FALSE;
      if (step == SP_STORE_STEP_ROW)
        {
          g_autofree char *field = g_strdup_printf ("service_at_locations[%u].location", i);
          g_ptr_array_add (problems, sp_field_problem_new (field, _("This place is also used by another "
                                                                    "organisation's services; only the directory's "
                                                                    "editor can change it. Add it as a new place.")));
        }
    }
  return TRUE;
}

/* Checks and saves a pending change; the services and the change sequence stay as they are. */
static gint64
save_pending (SpListings      *self,
              const SpAccount *actor,
              SpChangeKind     kind,
              const char      *service_id,
              const char      *organization_id,
              const char      *base,
              JsonObject      *document,
              GPtrArray       *problems,
              GError         **error)
{
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *text = NULL;

  check_identity (document, service_id, organization_id, problems);
  if (!check_locations (self, actor, document, base, problems, error) ||
      (problems->len == 0 && !check_by_import (self, document, problems, error)))
    return 0;
  if (problems->len > 0)
    {
      sp_listings_set_invalid (error, g_ptr_array_ref (problems));
      return 0;
    }
  node = json_node_init_object (json_node_alloc (), document);
  text = json_to_string (node, FALSE);
  return insert_change (sp_listings_store (self), kind, service_id, organization_id, actor->id, base, text,
                        SP_CHANGE_STATUS_PENDING, error);
}

/* The current document of a service @actor may change, checked against @base_hash. */
static char *
document_for_edit (SpListings      *self,
                   const SpAccount *actor,
                   const char      *service_id,
                   const char      *base_hash,
                   char           **organization_id,
                   GError         **error)
{
  g_autofree char *base = NULL;
  g_autofree char *hash = NULL;

  if (!sp_listings_may_see_service (self, actor, service_id, error) ||
      !sp_listings_service_organization (self, service_id, organization_id, error) ||
      !sp_listings_current_document (sp_listings_store (self), service_id, &base, error))
    return NULL;
  hash = sp_listings_document_hash (base);
  if (base_hash != NULL && g_strcmp0 (base_hash, hash) != 0)
    {
      g_set_error_literal (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_CONFLICT,
                           _("The service has changed since you began this edit. Open it again to see "
                             "the latest version."));
      return NULL;
    }
  return g_steal_pointer (&base);
}

/**
 * sp_listings_propose_edit:
 * Returns: the pending change's id, or 0 with @error set
 */
gint64
sp_listings_propose_edit (SpListings      *self,
                          const SpAccount *actor,
                          const char      *service_id,
                          const char      *base_hash,
                          const char      *json,
                          GError         **error)
{
  g_autoptr (GPtrArray) problems = new_problems ();
  g_autoptr (JsonObject) document = NULL;
  g_autofree char *organization_id = NULL;
  g_autofree char *base = NULL;

  g_return_val_if_fail (SP_IS_LISTINGS (self), 0);
  if ((base = document_for_edit (self, actor, service_id, base_hash, &organization_id, error)) == NULL)
    return 0;
  if ((document = parse_document (json, problems)) == NULL)
    {
      sp_listings_set_invalid (error, g_steal_pointer (&problems));
      return 0;
    }
  return save_pending (self, actor, SP_CHANGE_KIND_EDIT, service_id, organization_id, base, document, problems, error);
}

/**
 * sp_listings_propose_close:
 * Returns: the pending change's id, or 0 with @error set
 */
gint64
sp_listings_propose_close (SpListings      *self,
                           const SpAccount *actor,
                           const char      *service_id,
                           const char      *base_hash,
                           GError         **error)
{
  g_autoptr (GPtrArray) problems = new_problems ();
  g_autoptr (JsonObject) document = NULL;
  g_autofree char *organization_id = NULL;
  g_autofree char *base = NULL;

  g_return_val_if_fail (SP_IS_LISTINGS (self), 0);
  if ((base = document_for_edit (self, actor, service_id, base_hash, &organization_id, error)) == NULL)
    return 0;
  if ((document = parse_document (base, problems)) == NULL)
    {
      sp_listings_set_invalid (error, g_steal_pointer (&problems));
      return 0;
    }
  json_object_set_string_member (document, "status", "defunct");
  return save_pending (self, actor, SP_CHANGE_KIND_CLOSE, service_id, organization_id, base, document, problems, error);
}

/**
 * sp_listings_propose_new:
 * @organization_id: the organisation the new service belongs to (a member's own)
 *
 * The document's id is kept when it is a UUID no service has, or one is made for it.
 *
 * Returns: the pending change's id, or 0 with @error set
 */
gint64
sp_listings_propose_new (SpListings      *self,
                         const SpAccount *actor,
                         const char      *organization_id,
                         const char      *json,
                         GError         **error)
{
  g_autoptr (GPtrArray) problems = new_problems ();
  g_autoptr (JsonObject) document = NULL;
  g_autofree char *existing = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (SP_IS_LISTINGS (self), 0);
  if (actor == NULL || actor->disabled || organization_id == NULL ||
      (actor->role != SP_ACCOUNT_ROLE_EDITOR && g_strcmp0 (actor->organization_id, organization_id) != 0))
    {
      g_set_error_literal (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_FORBIDDEN,
                           _("You may propose services only for your own organisation."));
      return 0;
    }
  if ((document = parse_document (json, problems)) == NULL)
    {
      sp_listings_set_invalid (error, g_steal_pointer (&problems));
      return 0;
    }
  id = g_strdup (member_text (document, "id"));
  if (id == NULL || !sp_text_is_uuid (id) || sp_listings_service_organization (self, id, &existing, NULL))
    {
      g_free (id);
      id = g_uuid_string_random ();
      json_object_set_string_member (document, "id", id);
    }
  if (!json_object_has_member (document, "organization_id"))
    json_object_set_string_member (document, "organization_id", organization_id);
  return save_pending (self, actor, SP_CHANGE_KIND_NEW, id, organization_id, NULL, document, problems, error);
}

/* ---- applying ------------------------------------------------------------------------ */

typedef struct
{
  SpListingsApply *apply;
  GPtrArray *problems;
} ApplyRun;

/* The feed a service written by an edit keeps: the one it came from, or the hub's own. */
static gboolean
feed_for_service (SpStore    *store,
                  const char *service_id,
                  gint64     *feed_id,
                  GError    **error)
{
  g_autofree char *now = sp_listings_now_text (0);
  SpStoreStatement *stmt = sp_store_statement_cached (store,
    "SELECT coalesce((SELECT feed_id FROM service WHERE id = ?1), "
    "(SELECT id FROM feed WHERE source = ?2))", N_("reading a service's feed"), error);
  SpStoreStep step;

  if (stmt == NULL)
    return FALSE;
  sp_store_statement_bind_text (stmt, 1, service_id);
  sp_store_statement_bind_text (stmt, 2, LISTING_EDITS_FEED);
  step = sp_store_statement_step (stmt, error);
  *feed_id = step == SP_STORE_STEP_ROW ? sp_store_statement_get_int64 (stmt, 0) : 0;
  sp_store_statement_reset (stmt);
  if (step != SP_STORE_STEP_ROW)
    return FALSE;
  if (*feed_id != 0)
    return TRUE;
  stmt = sp_store_statement_cached (store,
                                    "INSERT INTO feed (source, format, first_imported_at, last_imported_at) "
                                    "VALUES (?1, 'Signpost listing edits', ?2, ?2) RETURNING id",
                                    N_("recording the listing edits' feed"), error);
  if (stmt == NULL)
    return FALSE;
  sp_store_statement_bind_text (stmt, 1, LISTING_EDITS_FEED);
  sp_store_statement_bind_text (stmt, 2, now);
  if (sp_store_statement_step (stmt, error) != SP_STORE_STEP_ROW)
    return FALSE;
  *feed_id = sp_store_statement_get_int64 (stmt, 0);
  sp_store_statement_reset (stmt);
  return TRUE;
}

/* FALSE with _CONFLICT unless the service is now what the change was made from. */
static gboolean
check_base (SpStore         *store,
            SpListingsApply *apply,
            char           **previous,
            GError         **error)
{
  SpStoreStatement *stmt = sp_store_statement_cached (store, "SELECT 1 FROM service WHERE id = ?1",
                                                      N_("reading a service"), error);
  SpStoreStep step;

  *previous = NULL;
  if (stmt == NULL)
    return FALSE;
  sp_store_statement_bind_text (stmt, 1, apply->service_id);
  step = sp_store_statement_step (stmt, error);
  sp_store_statement_reset (stmt);
  if (step == SP_STORE_STEP_ERROR ||
      (step == SP_STORE_STEP_ROW && !sp_listings_current_document (store, apply->service_id, previous, error)))
    return FALSE;
  if (*previous == NULL || apply->base == NULL)
    {
      if (*previous == apply->base)
        return TRUE;
    }
  else
    {
      g_autofree char *now = comparable_text (*previous);
      g_autofree char *then = comparable_text (apply->base);

      if (g_strcmp0 (now, then) == 0)
        return TRUE;
    }
  g_set_error_literal (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_CONFLICT,
                       apply->base == NULL ? _("A service with this id is already in the directory.")
                                           : _("The service has changed since this edit was made: it "
                                               "cannot be applied over the newer version."));
  return FALSE;
}

/* The document to write: dated now, and checked today when the group vouched for it. */
static char *
dated_document (SpListingsApply *apply,
                GPtrArray       *problems)
{
  g_autoptr (JsonObject) document = parse_document (apply->proposed, problems);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");

  if (document == NULL)
    return NULL;
  json_object_set_string_member (document, "last_modified", stamp);
  if (apply->set_assured_date)
    {
      g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
      json_object_set_string_member (document, "assured_date", today);
    }
  node = json_node_init_object (json_node_alloc (), document);
  return json_to_string (node, FALSE);
}

static gboolean
record_decision (SpStore         *store,
                 SpListingsApply *apply,
                 const char      *previous,
                 GError         **error)
{
  g_autofree char *now = sp_listings_now_text (0);
  SpStoreStatement *stmt = sp_store_statement_cached (store,
    "UPDATE listing_change SET status = 'approved', decided_by = ?2, decided_at = ?3, note = ?4 "
    "WHERE id = ?1 AND status = 'pending'", N_("recording the decision"), error);

  if (stmt == NULL)
    return FALSE;
  sp_store_statement_bind_int64 (stmt, 1, apply->recorded_change_id);
  sp_store_statement_bind_int64 (stmt, 2, apply->approved_by);
  sp_store_statement_bind_text (stmt, 3, now);
  sp_store_statement_bind_text (stmt, 4, apply->note);
  if (!sp_store_statement_run (stmt, error))
    return FALSE;
  if (sp_store_count_changes (store) != 1)
    {
      g_set_error_literal (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_CONFLICT,
                           _("This change has already been decided."));
      return FALSE;
    }
  stmt = sp_store_statement_cached (store,
    "INSERT INTO service_version (service_id, applied_at, previous, change_id, proposed_by, approved_by) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", N_("keeping the previous version"), error);
  if (stmt == NULL)
    return FALSE;
  sp_store_statement_bind_text (stmt, 1, apply->service_id);
  sp_store_statement_bind_text (stmt, 2, now);
  sp_store_statement_bind_text (stmt, 3, previous);
  sp_store_statement_bind_int64 (stmt, 4, apply->recorded_change_id);
  sp_store_statement_bind_int64 (stmt, 5, apply->proposed_by);
  sp_store_statement_bind_int64 (stmt, 6, apply->approved_by);
  return sp_store_statement_run (stmt, error);
}

/* The change's writing, inside sp_directory_change()'s transaction (an SpDirectoryChangeFunc). */
static gboolean
apply_in_transaction (SpStore    *store,
                      gpointer    user_data,
                      GPtrArray  *changed,
                      GPtrArray  *removed,
                      GError    **error)
{
  ApplyRun *run = user_data;
  SpListingsApply *apply = run->apply;
  g_autoptr (JsonObject) document = NULL;
  g_autofree char *previous = NULL;
  g_autofree char *text = NULL;
  gint64 feed_id;

  if (!check_base (store, apply, &previous, error) ||
      (text = dated_document (apply, run->problems)) == NULL ||
      (document = parse_document (text, run->problems)) == NULL)
    return run->problems->len > 0 ? (sp_listings_set_invalid (error, g_ptr_array_ref (run->problems)), FALSE) : FALSE;
  check_identity (document, apply->service_id, apply->organization_id, run->problems);
  if (run->problems->len == 0 &&
      (!feed_for_service (store, apply->service_id, &feed_id, error) ||
       !import_document (store, document, feed_id, run->problems, changed, error)))
    return FALSE;
  if (run->problems->len > 0)
    {
      sp_listings_set_invalid (error, g_ptr_array_ref (run->problems));
      return FALSE;
    }
  if (apply->change_id == 0)
    apply->recorded_change_id = insert_change (store, apply->kind, apply->service_id, apply->organization_id,
                                               apply->proposed_by, previous, text, SP_CHANGE_STATUS_PENDING, error);
  else
    apply->recorded_change_id = apply->change_id;
  return apply->recorded_change_id != 0 && record_decision (store, apply, previous, error);
}

/*
 * sp_listings_apply:
 * Writes @apply's document through the one write path: the service (by the import's
 * record code), its history row and the change's status, in one transaction that takes the
 * directory's next change number; then the index follows. Nothing is written when it fails.
 */
gboolean
sp_listings_apply (SpListings      *self,
                   SpListingsApply *apply,
                   gint64          *seq,
                   GError         **error)
{
  g_autoptr (GPtrArray) problems = new_problems ();
  ApplyRun run = { apply, problems };
  g_autoptr (GError) local = NULL;

  if (sp_directory_change (self->directory, apply_in_transaction, &run, NULL, NULL, seq, &local))
    return TRUE;
  /* The change was saved; only the index lags, and catches up when next opened. */
  if (g_error_matches (local, SP_DIRECTORY_ERROR, SP_DIRECTORY_ERROR_INDEX_BEHIND))
    {
      g_warning ("%s", local->message);
      return TRUE;
    }
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}
