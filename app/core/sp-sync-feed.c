/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-sync-feed.c: what changed in a directory after a given change, as a hub serves it.
 *
 * A sync client holds a copy of the hub's directory as it was at change N of the hub's
 * change sequence, and the token of that change. It asks for what changed after N; the
 * feed is one JSON object per line:
 *
 *   {"signpost_sync":1,"store":"…","since":N,"seq":M,"token":"…","full":false}
 *   {"service":{… the whole ORUK 3.0 service …}}          one per service written after N
 *   {"removed":"<service id>"}                            one per service removed after N
 *   {"end":{"seq":M,"services":K,"removed":R}}
 *
 * The client applies it only when the end line came and its counts match, in one
 * transaction, so a feed cut short changes nothing. When the hub's change N is not the
 * client's (a different token: the hub was restored from an older copy and changed since,
 * or N is beyond what the hub has), the feed is the whole directory instead ("full": true)
 * and the client makes its copy exactly that.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "sp-export.h"
#include "sp-service-documents.h"
#include "sp-sync-feed.h"

void
sp_sync_state_clear (SpSyncState *state)
{
  g_clear_pointer (&state->store_id, g_free);
  g_clear_pointer (&state->token, g_free);
  state->seq = 0;
}

/* The store's id, last change and its token. */
gboolean
sp_sync_feed_get_state (SpStore     *store,
                        SpSyncState *state,
                        GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  sp_sync_state_clear (state);
  return sp_store_get_change_seq (store, &state->seq, error) &&
         sp_store_get_change_token (store, state->seq, &state->store_id, &state->token, error);
}

/* The entity tag of every feed of the store as it is: it changes with each change. */
char *
sp_sync_feed_etag (const SpSyncState *state)
{
  return g_strdup_printf ("\"%s-%" G_GINT64_FORMAT "-%s\"", state->store_id, state->seq,
                          state->token != NULL ? state->token : "");
}

static gboolean
write_line (GOutputStream *out,
            JsonNode      *node,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *text = json_to_string (node, FALSE);

  return g_output_stream_write_all (out, text, strlen (text), NULL, cancellable, error) &&
         g_output_stream_write_all (out, "\n", 1, NULL, cancellable, error);
}

static gboolean
write_header (GOutputStream     *out,
              const SpSyncState *state,
              gint64             since,
              gboolean           full,
              GCancellable      *cancellable,
              GError           **error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "signpost_sync");
  json_builder_add_int_value (builder, SP_SYNC_FEED_VERSION);
  json_builder_set_member_name (builder, "store");
  json_builder_add_string_value (builder, state->store_id);
  json_builder_set_member_name (builder, "since");
  json_builder_add_int_value (builder, full ? 0 : since);
  json_builder_set_member_name (builder, "seq");
  json_builder_add_int_value (builder, state->seq);
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, state->token);
  json_builder_set_member_name (builder, "full");
  json_builder_add_boolean_value (builder, full);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  return write_line (out, node, cancellable, error);
}

/* Writes one {"service": …} line per service changed after @since, in order of change. */
static gboolean
write_services (SpStore       *store,
                gint64         since,
                GOutputStream *out,
                GCancellable  *cancellable,
                guint         *count,
                GError       **error)
{
  g_autoptr (GPtrArray) ids = NULL;

  if ((ids = sp_store_list_changed_services (store, since, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (JsonNode) node = NULL;
      g_autoptr (JsonObject) line = NULL;
      g_autofree char *stored = NULL;
      JsonObject *service;

      if (!sp_service_documents_read (store, g_ptr_array_index (ids, i), TRUE, &stored, error))
        return FALSE;
      /* The service as the store keeps it ready: the same bytes an export would give. */
      if (stored != NULL)
        {
          if (!g_output_stream_write_all (out, "{\"service\":", strlen ("{\"service\":"), NULL, cancellable, error) ||
              !g_output_stream_write_all (out, stored, strlen (stored), NULL, cancellable, error) ||
              !g_output_stream_write_all (out, "}\n", 2, NULL, cancellable, error))
            return FALSE;
          (*count)++;
          continue;
        }
      if ((service = sp_export_service (store, g_ptr_array_index (ids, i), error)) == NULL)
        return FALSE;
      node = json_node_new (JSON_NODE_OBJECT);
      line = json_object_new ();
      json_object_set_object_member (line, "service", service);
      json_node_set_object (node, line);
      if (!write_line (out, node, cancellable, error))
        return FALSE;
      (*count)++;
    }
  return TRUE;
}

static gboolean
write_removals (SpStore       *store,
                gint64         since,
                GOutputStream *out,
                GCancellable  *cancellable,
                guint         *count,
                GError       **error)
{
  g_autoptr (GPtrArray) ids = NULL;

  if ((ids = sp_store_list_removed_services (store, since, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      g_autoptr (JsonObject) line = json_object_new ();

      json_object_set_string_member (line, "removed", g_ptr_array_index (ids, i));
      json_node_set_object (node, line);
      if (!write_line (out, node, cancellable, error))
        return FALSE;
      (*count)++;
    }
  return TRUE;
}

static gboolean
write_end (GOutputStream *out,
           gint64         seq,
           guint          services,
           guint          removed,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autofree char *line = g_strdup_printf ("{\"end\":{\"seq\":%" G_GINT64_FORMAT ",\"services\":%u,\"removed\":%u}}\n",
                                           seq, services, removed);

  return g_output_stream_write_all (out, line, strlen (line), NULL, cancellable, error);
}

/**
 * sp_sync_feed_write:
 * @since: the last change the client has, 0 for none
 * @since_token: (nullable): that change's token as the client knows it
 * @out: where to write the feed
 *
 * Writes what changed after @since, read in one transaction so a change committing
 * meanwhile cannot tear it; or the whole directory when @since is 0 or not the change the
 * client thinks it is.
 */
gboolean
sp_sync_feed_write (SpStore       *store,
                    gint64         since,
                    const char    *since_token,
                    GOutputStream *out,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_auto (SpSyncState) state = { NULL, 0, NULL };
  g_autofree char *known_token = NULL;
  guint services = 0, removed = 0;
  gboolean full, ok;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  if (!sp_store_begin_read (store, error))
    return FALSE;
  ok = sp_sync_feed_get_state (store, &state, error) &&
       (since <= 0 || sp_store_get_change_token (store, since, NULL, &known_token, error));
  full = since <= 0 || since > state.seq || known_token == NULL || g_strcmp0 (known_token, since_token) != 0;
  if (full)
    since = 0;
  ok = ok && write_header (out, &state, since, full, cancellable, error) &&
       write_services (store, since, out, cancellable, &services, error) &&
       (full || write_removals (store, since, out, cancellable, &removed, error)) &&
       write_end (out, state.seq, services, removed, cancellable, error);
  sp_store_end_read (store);
  return ok;
}
