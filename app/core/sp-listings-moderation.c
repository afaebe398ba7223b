/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-listings-moderation.c: the pending changes, read with rights, approved or rejected by
 * the editor; "still correct" applied at once.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sp-listings-private.h"

#define CHANGE_COLUMNS \
  "c.id, c.service_id, c.organization_id, c.kind, c.proposed_by, p.email, c.proposed_at, c.base, " \
  "c.proposed, c.status, coalesce(c.decided_by, 0), d.email, c.decided_at, c.note"
#define CHANGE_FROM \
  " FROM listing_change c JOIN hub_account p ON p.id = c.proposed_by " \
  "LEFT JOIN hub_account d ON d.id = c.decided_by "

static int
index_of (const char       *text,
          const char *const names[],
          int               count)
{
  for (int i = 0; i < count; i++)
    if (g_strcmp0 (text, names[i]) == 0)
      return i;
  return 0;
}

static char *
name_of_document (const char *json)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return g_strdup (json_object_get_string_member_with_default (json_node_get_object (root), "name", NULL));
}

static SpListingChange *
change_from_row (SpStoreStatement *stmt)
{
  static const char *const kinds[] = { "edit", "new", "close", "confirm", "restore" };
  static const char *const statuses[] = { "pending", "approved", "rejected" };
  SpListingChange *c = g_new0 (SpListingChange, 1);

  c->id = sp_store_statement_get_int64 (stmt, 0);
  c->service_id = sp_store_statement_dup_text (stmt, 1);
  c->organization_id = sp_store_statement_dup_text (stmt, 2);
  c->kind = index_of (sp_store_statement_get_text (stmt, 3), kinds, G_N_ELEMENTS (kinds));
  c->proposed_by = sp_store_statement_get_int64 (stmt, 4);
  c->proposed_by_email = sp_store_statement_dup_text (stmt, 5);
  c->proposed_at = sp_store_statement_dup_text (stmt, 6);
  c->base_json = sp_store_statement_dup_text (stmt, 7);
  c->proposed_json = sp_store_statement_dup_text (stmt, 8);
  c->status = index_of (sp_store_statement_get_text (stmt, 9), statuses, G_N_ELEMENTS (statuses));
  c->decided_by = sp_store_statement_get_int64 (stmt, 10);
  c->decided_by_email = sp_store_statement_dup_text (stmt, 11);
  c->decided_at = sp_store_statement_dup_text (stmt, 12);
  c->note = sp_store_statement_dup_text (stmt, 13);
  c->service_name = name_of_document (c->proposed_json);
  return c;
}

/* Reads change @change_id whoever asks; the callers check rights. */
SpListingChange *
sp_listings_read_change (SpListings *self,
                         gint64      change_id,
                         GError    **error)
{
  SpStoreStatement *stmt = sp_store_statement_cached (sp_listings_store (self),
                                                      "SELECT " CHANGE_COLUMNS CHANGE_FROM "WHERE c.id = ?1",
                                                      N_("reading a proposed change"), error);
  SpListingChange *change = NULL;
  SpStoreStep step;

  if (stmt == NULL)
    return NULL;
  sp_store_statement_bind_int64 (stmt, 1, change_id);
  if ((step = sp_store_statement_step (stmt, error)) == SP_STORE_STEP_ROW)
    change = change_from_row (stmt);
  sp_store_statement_reset (stmt);
  if (step == SP_STORE_STEP_DONE)
    g_set_error (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_NOT_FOUND,
                 _("There is no proposed change %lld."), (long long) change_id);
  return change;
}

static gboolean
signed_in (const SpAccount *actor,
           GError         **error)
{
  if (actor != NULL && !actor->disabled)
    return TRUE;
  g_set_error_literal (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_FORBIDDEN, _("You are not signed in."));
  return FALSE;
}

/**
 * sp_listings_get_change:
 * Returns: (transfer full): the change, if @actor may see it (an editor, or a member of
 *   the change's organisation), or %NULL with @error set
 */
SpListingChange *
sp_listings_get_change (SpListings      *self,
                        const SpAccount *actor,
                        gint64           change_id,
                        GError         **error)
{
  g_autoptr (SpListingChange) change = NULL;

  g_return_val_if_fail (SP_IS_LISTINGS (self), NULL);
  if (!signed_in (actor, error) || (change = sp_listings_read_change (self, change_id, error)) == NULL)
    return NULL;
  if (actor->role != SP_ACCOUNT_ROLE_EDITOR &&
      (change->organization_id == NULL || g_strcmp0 (change->organization_id, actor->organization_id) != 0))
    {
      g_set_error_literal (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_FORBIDDEN,
                           _("This change is another organisation's; you may not see it."));
      return NULL;
    }
  return g_steal_pointer (&change);
}

/**
 * sp_listings_list_changes:
 * @status: an #SpChangeStatus, or -1 for any
 *
 * Returns: (transfer full) (element-type SpListingChange): newest first, at most 500
 */
GPtrArray *
sp_listings_list_changes (SpListings      *self,
                          const SpAccount *actor,
                          int              status,
                          GError         **error)
{
  g_autoptr (GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_listing_change_free);
  SpStoreStatement *stmt;
  SpStoreStep step;

  g_return_val_if_fail (SP_IS_LISTINGS (self), NULL);
  if (!signed_in (actor, error))
    return NULL;
  stmt = sp_store_statement_cached (sp_listings_store (self),
                                    "SELECT " CHANGE_COLUMNS CHANGE_FROM
                                    "WHERE (?1 IS NULL OR c.status = ?1) AND (?2 IS NULL OR c.organization_id = ?2) "
                                    "ORDER BY c.id DESC LIMIT 500", N_("listing proposed changes"), error);
  if (stmt == NULL)
    return NULL;
  if (status >= SP_CHANGE_STATUS_PENDING && status <= SP_CHANGE_STATUS_REJECTED)
    sp_store_statement_bind_text (stmt, 1, sp_change_status_to_string (status));
  /* A member without an organisation sees nothing: NULL = NULL is never true. */
  if (actor->role != SP_ACCOUNT_ROLE_EDITOR)
    sp_store_statement_bind_text (stmt, 2, actor->organization_id != NULL ? actor->organization_id : "");
  while ((step = sp_store_statement_step (stmt, error)) == SP_STORE_STEP_ROW)
    g_ptr_array_add (changes, change_from_row (stmt));
  sp_store_statement_reset (stmt);
  return step == SP_STORE_STEP_DONE ? g_steal_pointer (&changes) : NULL;
}

/**
 * sp_listings_approve:
 * @note: (nullable): the editor's note, shown to the group
 * @seq: (out) (optional): the change's number in the directory's change sequence
 */
gboolean
sp_listings_approve (SpListings      *self,
                     const SpAccount *actor,
                     gint64           change_id,
                     const char      *note,
                     gint64          *seq,
                     GError         **error)
{
  g_autoptr (SpListingChange) change = NULL;
  SpListingsApply apply = { 0 };

  g_return_val_if_fail (SP_IS_LISTINGS (self), FALSE);
  if (!sp_listings_require_editor (actor, error) ||
      (change = sp_listings_read_change (self, change_id, error)) == NULL)
    return FALSE;
  if (change->status != SP_CHANGE_STATUS_PENDING)
    {
      g_set_error_literal (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_CONFLICT, _("This change has already been decided."));
      return FALSE;
    }
  apply.change_id = change->id;
  apply.kind = change->kind;
  apply.service_id = change->service_id;
  apply.organization_id = change->organization_id;
  apply.base = change->base_json;
  apply.proposed = change->proposed_json;
  apply.proposed_by = change->proposed_by;
  apply.approved_by = actor->id;
  apply.note = note;
  apply.set_assured_date = change->kind != SP_CHANGE_KIND_CLOSE;
  return sp_listings_apply (self, &apply, seq, error);
}

/**
 * sp_listings_reject:
 * @note: (nullable): why, shown to the group
 */
gboolean
sp_listings_reject (SpListings      *self,
                    const SpAccount *actor,
                    gint64           change_id,
                    const char      *note,
                    GError         **error)
{
  g_autofree char *now = sp_listings_now_text (0);
  g_autoptr (SpListingChange) change = NULL;
  SpStore *store = sp_listings_store (self);
  SpStoreStatement *stmt;

  g_return_val_if_fail (SP_IS_LISTINGS (self), FALSE);
  if (!sp_listings_require_editor (actor, error) ||
      (change = sp_listings_read_change (self, change_id, error)) == NULL)
    return FALSE;
  stmt = sp_store_statement_cached (store,
    "UPDATE listing_change SET status = 'rejected', decided_by = ?2, decided_at = ?3, note = ?4 "
    "WHERE id = ?1 AND status = 'pending'", N_("recording the decision"), error);
  if (stmt == NULL)
    return FALSE;
  sp_store_statement_bind_int64 (stmt, 1, change_id);
  sp_store_statement_bind_int64 (stmt, 2, actor->id);
  sp_store_statement_bind_text (stmt, 3, now);
  sp_store_statement_bind_text (stmt, 4, note);
  if (!sp_store_statement_run (stmt, error))
    return FALSE;
  if (sp_store_count_changes (store) != 1)
    {
      g_set_error_literal (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_CONFLICT, _("This change has already been decided."));
      return FALSE;
    }
  return TRUE;
}

/**
 * sp_listings_confirm:
 * @seq: (out) (optional): the change's number in the directory's change sequence
 */
gboolean
sp_listings_confirm (SpListings      *self,
                     const SpAccount *actor,
                     const char      *service_id,
                     gint64          *seq,
                     GError         **error)
{
  g_autofree char *organization_id = NULL;
  g_autofree char *current = NULL;
  SpListingsApply apply = { 0 };

  g_return_val_if_fail (SP_IS_LISTINGS (self), FALSE);
  if (!sp_listings_may_see_service (self, actor, service_id, error) ||
      !sp_listings_service_organization (self, service_id, &organization_id, error) ||
      !sp_listings_current_document (sp_listings_store (self), service_id, &current, error))
    return FALSE;
  apply.kind = SP_CHANGE_KIND_CONFIRM;
  apply.service_id = service_id;
  apply.organization_id = organization_id;
  apply.base = current;
  apply.proposed = current;
  apply.proposed_by = actor->id;
  apply.approved_by = actor->id;
  apply.set_assured_date = TRUE;
  return sp_listings_apply (self, &apply, seq, error);
}
