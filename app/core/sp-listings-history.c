/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-listings-history.c: each applied change's previous version, restored by the editor;
 * and a readable field-by-field difference between two service documents.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sp-listings-private.h"

/**
 * sp_listings_history:
 * Returns: (transfer full) (element-type SpServiceVersion): newest first, or %NULL with
 *   @error set
 */
GPtrArray *
sp_listings_history (SpListings      *self,
                     const SpAccount *actor,
                     const char      *service_id,
                     GError         **error)
{
  g_autoptr (GPtrArray) versions = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_service_version_free);
  SpStoreStatement *stmt;
  SpStoreStep step;

  g_return_val_if_fail (SP_IS_LISTINGS (self), NULL);
  if (!sp_listings_require_editor (actor, error))
    return NULL;
  stmt = sp_store_statement_cached (sp_listings_store (self),
    "SELECT v.id, v.service_id, v.applied_at, v.previous, v.change_id, p.email, a.email "
    "FROM service_version v JOIN hub_account p ON p.id = v.proposed_by JOIN hub_account a ON a.id = v.approved_by "
    "WHERE v.service_id = ?1 ORDER BY v.id DESC", N_("reading a service's history"), error);
  if (stmt == NULL)
    return NULL;
  sp_store_statement_bind_text (stmt, 1, service_id);
  while ((step = sp_store_statement_step (stmt, error)) == SP_STORE_STEP_ROW)
    {
      SpServiceVersion *v = g_new0 (SpServiceVersion, 1);

      v->id = sp_store_statement_get_int64 (stmt, 0);
      v->service_id = sp_store_statement_dup_text (stmt, 1);
      v->when = sp_store_statement_dup_text (stmt, 2);
      v->previous_json = sp_store_statement_dup_text (stmt, 3);
      v->change_id = sp_store_statement_get_int64 (stmt, 4);
      v->proposed_by_email = sp_store_statement_dup_text (stmt, 5);
      v->approved_by_email = sp_store_statement_dup_text (stmt, 6);
      g_ptr_array_add (versions, v);
    }
  sp_store_statement_reset (stmt);
  return step == SP_STORE_STEP_DONE ? g_steal_pointer (&versions) : NULL;
}

/**
 * sp_listings_restore:
 * @version_id: a history row's id (sp_listings_history())
 * @seq: (out) (optional): the change's number in the directory's change sequence
 *
 * Puts back the document the row kept, as an applied change of kind restore, with a
 * history row of its own (so a restore can be undone the same way).
 */
gboolean
sp_listings_restore (SpListings      *self,
                     const SpAccount *actor,
                     gint64           version_id,
                     gint64          *seq,
                     GError         **error)
{
  g_autofree char *service_id = NULL;
  g_autofree char *previous = NULL;
  g_autofree char *organization_id = NULL;
  g_autofree char *current = NULL;
  SpListingsApply apply = { 0 };
  SpStoreStatement *stmt;
  SpStoreStep step;

  g_return_val_if_fail (SP_IS_LISTINGS (self), FALSE);
  if (!sp_listings_require_editor (actor, error))
    return FALSE;
  stmt = sp_store_statement_cached (sp_listings_store (self),
                                    "SELECT service_id, previous FROM service_version WHERE id = ?1",
                                    N_("reading a service's history"), error);
  if (stmt == NULL)
    return FALSE;
  sp_store_statement_bind_int64 (stmt, 1, version_id);
  if ((step = sp_store_statement_step (stmt, error)) == SP_STORE_STEP_ROW)
    {
      service_id = sp_store_statement_dup_text (stmt, 0);
      previous = sp_store_statement_dup_text (stmt, 1);
    }
  sp_store_statement_reset (stmt);
  if (step != SP_STORE_STEP_ROW)
    {
      if (step == SP_STORE_STEP_DONE)
        g_set_error (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_NOT_FOUND,
                     _("There is no earlier version %lld."), (long long) version_id);
      return FALSE;
    }
  if (previous == NULL)
    {
      g_set_error_literal (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_CONFLICT,
                           _("The service was new then: there is no earlier version to restore. Close it instead."));
      return FALSE;
    }
  if (!sp_listings_service_organization (self, service_id, &organization_id, error) ||
      !sp_listings_current_document (sp_listings_store (self), service_id, &current, error))
    return FALSE;
  apply.kind = SP_CHANGE_KIND_RESTORE;
  apply.service_id = service_id;
  apply.organization_id = organization_id;
  apply.base = current;
  apply.proposed = previous;
  apply.proposed_by = actor->id;
  apply.approved_by = actor->id;
  return sp_listings_apply (self, &apply, seq, error);
}

/* ---- differences --------------------------------------------------------------------- */

/* Flattens @node into @fields: "phones[0].number" -> its value as text, in document order. */
static void
flatten (JsonNode   *node,
         const char *path,
         GPtrArray  *order,
         GHashTable *fields)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &member))
        {
          g_autofree char *child = *path != '\0' ? g_strconcat (path, ".", name, NULL) : g_strdup (name);
          flatten (member, child, order, fields);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *child = g_strdup_printf ("%s[%u]", path, i);
          flatten (json_array_get_element (array, i), child, order, fields);
        }
    }
  else if (!JSON_NODE_HOLDS_NULL (node))
    {
      char *text = json_node_get_value_type (node) == G_TYPE_STRING ? g_strdup (json_node_get_string (node))
                                                                    : json_to_string (node, FALSE);
      if (!g_hash_table_contains (fields, path))
        g_ptr_array_add (order, g_strdup (path));
      g_hash_table_replace (fields, g_strdup (path), text);
    }
}

static gboolean
flatten_text (const char *json,
              GPtrArray  *order,
              GHashTable *fields,
              GError    **error)
{
  g_autoptr (JsonNode) node = NULL;

  if (json == NULL)
    return TRUE;
  if ((node = json_from_string (json, error)) == NULL)
    return FALSE;
  flatten (node, "", order, fields);
  return TRUE;
}

/**
 * sp_listings_describe_difference:
 * Returns: (transfer full) (element-type SpFieldDifference): every field whose value
 *   differs, or %NULL with @error set when either is not JSON
 */
GPtrArray *
sp_listings_describe_difference (const char *before,
                                 const char *after,
                                 GError    **error)
{
  g_autoptr (GPtrArray) order = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) old_fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) new_fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) differences = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_field_difference_free);

  if (!flatten_text (before, order, old_fields, error) || !flatten_text (after, order, new_fields, error))
    return NULL;
  for (guint i = 0; i < order->len; i++)
    {
      const char *field = order->pdata[i];
      const char *was = g_hash_table_lookup (old_fields, field);
      const char *is = g_hash_table_lookup (new_fields, field);
      SpFieldDifference *d;

      /* last_modified moves with every change; it says nothing to a reader. */
      if (!g_hash_table_add (seen, (gpointer) field) || g_strcmp0 (was, is) == 0 ||
          g_strcmp0 (field, "last_modified") == 0)
        continue;
      d = g_new0 (SpFieldDifference, 1);
      d->field = g_strdup (field);
      d->before = g_strdup (was);
      d->after = g_strdup (is);
      g_ptr_array_add (differences, d);
    }
  return g_steal_pointer (&differences);
}
