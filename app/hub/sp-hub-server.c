/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-server.c: signpost-hub's HTTP server: routes, answers, caching, limits, shutdown.
 *
 * This file holds its life (setting up, each request's start and log line, shutting
 * down); sp-hub-server-answer.c routes and answers requests.
 *
 * libsoup runs in the main thread and nothing that reads the store happens there but one
 * small read per request: the store's state (its last change and that change's token),
 * which is every answer's entity tag. A request the hub can answer without reading the
 * directory is answered at once: a bad request, one whose If-None-Match is the current
 * state (304), one answered before since the directory last changed (kept gzipped in
 * memory, sp-hub-cache.c). Anything else is paused and handed to a pool of worker threads,
 * each with its own connection to the store and reader of the index (sp-hub-worker.c);
 * the answer comes back to the main thread, is kept, and sent. Feeds (the sync feed, ndjson,
 * minimal) are written once to a file and streamed (sp-hub-feed.c).
 *
 * Every answer carries Access-Control-Allow-Origin: * and X-Content-Type-Options: nosniff;
 * a 200 carries Cache-Control: public, max-age=N and its ETag, so an ordinary HTTP cache
 * (nginx, a CDN) in front of the hub answers repeated reads itself.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "sp-data-dir.h"
#include "sp-hub-log.h"
#include "sp-hub-server-private.h"
#include "sp-settings.h"

/* How long a shutdown waits for answers being sent before leaving anyway. */
#define SHUTDOWN_GRACE_SECONDS 20
/* How long the store's state read for one request stands for the next: a change shows in
 * answers this much later at most (a cache in front keeps them max-age anyway). */
#define STATE_CHECK_US (50 * 1000)
/* Recent searches' matches kept (sp-hub-matches.c): ~60 bytes each, ~6 MB in all. */
#define MAX_KEPT_MATCHES 100000

G_DEFINE_FINAL_TYPE (SpHubServer, sp_hub_server, G_TYPE_OBJECT)

static void
sp_hub_server_dispose (GObject *object)
{
  SpHubServer *self = SP_HUB_SERVER (object);

  g_clear_handle_id (&self->grace_id, g_source_remove);
  g_clear_pointer (&self->listener, sp_hub_listener_free);
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  if (self->workers != NULL)
    {
      /* Answers under way finish (their results go nowhere: the loop has stopped). */
      g_thread_pool_free (self->workers, FALSE, TRUE);
      self->workers = NULL;
    }
  g_clear_pointer (&self->feeds, sp_hub_feeds_free);
  g_clear_object (&self->soup);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sp_hub_server_parent_class)->dispose (object);
}

static void
sp_hub_server_finalize (GObject *object)
{
  SpHubServer *self = SP_HUB_SERVER (object);

  g_clear_pointer (&self->cache, sp_hub_cache_free);
  g_clear_pointer (&self->matches, sp_hub_matches_free);
  g_clear_pointer (&self->answering, g_hash_table_unref);
  g_clear_pointer (&self->openapi, g_bytes_unref);
  g_clear_pointer (&self->style, g_bytes_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  sp_sync_state_clear (&self->state);
  g_free (self->state_tag);
  g_free (self->cache_control);
  g_free (self->store_path);
  g_free (self->public_url);
  sp_hub_config_free (self->config);

  G_OBJECT_CLASS (sp_hub_server_parent_class)->finalize (object);
}

static void
sp_hub_server_class_init (SpHubServerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sp_hub_server_dispose;
  G_OBJECT_CLASS (klass)->finalize = sp_hub_server_finalize;
}

static void
sp_hub_server_init (SpHubServer *self)
{
}

/* ---- the store's state ------------------------------------------------------------------------ */

/* Reads the store's state (at most every STATE_CHECK_US: under load, once for many
 * requests); when it moved on, what was kept for the old one goes. */
gboolean
sp_hub_server_refresh_state (SpHubServer *self,
                             GError     **error)
{
  g_auto (SpSyncState) state = { NULL, 0, NULL };
  gint64 now = g_get_monotonic_time ();

  if (self->state_tag != NULL && now - self->state_checked < STATE_CHECK_US)
    return TRUE;
  if (!sp_sync_feed_get_state (self->store, &state, error))
    return FALSE;
  self->state_checked = now;
  if (self->state_tag == NULL || state.seq != self->state.seq || g_strcmp0 (state.token, self->state.token) != 0 ||
      g_strcmp0 (state.store_id, self->state.store_id) != 0)
    {
      sp_sync_state_clear (&self->state);
      self->state = state;
      state = (SpSyncState) { NULL, 0, NULL };
      g_free (self->state_tag);
      self->state_tag = g_strdup_printf ("%s-%" G_GINT64_FORMAT "-%s", self->state.store_id, self->state.seq,
                                         self->state.token != NULL ? self->state.token : "");
      sp_hub_cache_set_state (self->cache, self->state_tag);
      sp_hub_feeds_set_state (self->feeds, self->state_tag);
    }
  return TRUE;
}

static void
exchange_free (gpointer data)
{
  SpHubExchange *exchange = data;

  g_free (exchange->remote);
  g_free (exchange);
}

static void
request_started (SoupServer        *soup,
                 SoupServerMessage *message,
                 gpointer           data)
{
  SpHubServer *self = data;
  SpHubExchange *exchange = g_new0 (SpHubExchange, 1);

  exchange->server = self;
  exchange->started = g_get_monotonic_time ();
  g_object_set_data_full (G_OBJECT (message), EXCHANGE_KEY, exchange, exchange_free);
  sp_hub_listener_request_started (self->listener, message);
}

static void
wrote_body_data (SoupServerMessage *message,
                 guint              chunk_size,
                 gpointer           data)
{
  SpHubExchange *exchange = sp_hub_exchange_of (message);

  if (exchange != NULL && !exchange->streamed)
    exchange->bytes += chunk_size;
}

static void
check_stopped (SpHubServer *self)
{
  GSourceFunc stopped;

  if (!self->stopping || self->in_flight > 0 || sp_hub_feeds_get_n_writing (self->feeds) > 0 ||
      self->stopped == NULL)
    return;
  g_clear_handle_id (&self->grace_id, g_source_remove);
  stopped = g_steal_pointer (&self->stopped);
  g_idle_add (stopped, self->stopped_data);
}

static void
request_over (SoupServer        *soup,
              SoupServerMessage *message,
              gpointer           data)
{
  SpHubServer *self = data;
  SpHubExchange *exchange = sp_hub_exchange_of (message);
  SpHubLogEntry entry = { 0 };

  if (exchange == NULL || exchange->over)
    return;
  exchange->over = TRUE;
  sp_hub_listener_request_over (self->listener, message);
  if (!exchange->counted)
    return;   /* a connection closed between requests: nothing was asked */
  self->in_flight--;
  entry.remote = exchange->remote;
  entry.method = soup_server_message_get_method (message);
  entry.path = g_uri_get_path (soup_server_message_get_uri (message));
  entry.query = g_uri_get_query (soup_server_message_get_uri (message));
  entry.status = soup_server_message_get_status (message);
  entry.bytes = exchange->bytes;
  entry.duration_ms = (g_get_monotonic_time () - exchange->started) / 1000.0;
  entry.user_agent = soup_message_headers_get_one (soup_server_message_get_request_headers (message), "User-Agent");
  sp_hub_log_write (&entry);
  check_stopped (self);
}

/* The client's address, asked of the socket itself: libsoup's
 * soup_server_message_get_remote_address() warns when the client has already gone
 * (a warning the hub must not give for a client's doing), and is asked only once. From a
 * trusted proxy, the address it forwards for (sp_hub_config_client_address()). */
static char *
remote_address_of (SpHubServer       *self,
                   SoupServerMessage *message)
{
  GSocket *socket = soup_server_message_get_socket (message);
  g_autoptr (GSocketAddress) remote = socket != NULL ? g_socket_get_remote_address (socket, NULL) : NULL;
  g_autofree char *peer = NULL;

  if (!G_IS_INET_SOCKET_ADDRESS (remote))
    return NULL;
  peer = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote)));
  return sp_hub_config_client_address (self->config, peer,
                                       soup_message_headers_get_list (soup_server_message_get_request_headers (message),
                                                                      "X-Forwarded-For"));
}

static void
request_read (SoupServer        *soup,
              SoupServerMessage *message,
              gpointer           data)
{
  SpHubExchange *exchange = sp_hub_exchange_of (message);

  if (exchange != NULL && exchange->remote == NULL)
    exchange->remote = remote_address_of (data, message);
  g_signal_connect (message, "wrote-body-data", G_CALLBACK (wrote_body_data), NULL);
}

/* ---- setting up ----------------------------------------------------------------------------------- */

/* Where clients reach the hub: --public-url, else the directory's public-base-url, else
 * where it listens. Never the Host header a client sent: a cache in front would keep a
 * link to wherever a client said. */
static char *
choose_public_url (SpHubServer *self)
{
  g_autofree char *setting = NULL;

  if (self->config->public_url != NULL)
    return g_strdup (self->config->public_url);
  setting = sp_settings_get (self->store, SP_SETTING_PUBLIC_BASE_URL, NULL);
  if (setting != NULL && *setting != '\0')
    {
      while (g_str_has_suffix (setting, "/"))
        setting[strlen (setting) - 1] = '\0';
      return g_steal_pointer (&setting);
    }
  return sp_hub_listener_get_url (self->listener);
}

static SpHubConfig *
config_copy (const SpHubConfig *config)
{
  SpHubConfig *copy = g_new0 (SpHubConfig, 1);

  *copy = *config;
  copy->data_dir = g_strdup (config->data_dir);
  copy->listen = g_strdup (config->listen);
  copy->tls_cert = g_strdup (config->tls_cert);
  copy->tls_key = g_strdup (config->tls_key);
  copy->public_url = g_strdup (config->public_url);
  copy->cache_dir = g_strdup (config->cache_dir);
  copy->trusted_proxies = g_strdupv (config->trusted_proxies);
  return copy;
}

/**
 * sp_hub_server_new:
 *
 * Opens the data folder's store for reading, and listens. Requests are answered as the
 * thread-default main context runs.
 *
 * Returns: (transfer full): the server, or %NULL with @error set
 */
SpHubServer *
sp_hub_server_new (const SpHubConfig *config,
                   GError           **error)
{
  g_autoptr (SpHubServer) self = g_object_new (SP_TYPE_HUB_SERVER, NULL);
  g_autoptr (GTlsCertificate) certificate = NULL;
  g_autofree char *feeds_dir = NULL;
  g_autofree char *data_dir = NULL;

  self->config = config_copy (config);
  self->context = g_main_context_ref_thread_default ();
  data_dir = sp_data_dir_resolve (config->data_dir);
  if (!g_file_test (data_dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no data folder %s."), data_dir);
      return NULL;
    }
  self->store_path = sp_data_dir_store_path (data_dir);
  if ((self->store = sp_store_open_for_reading (self->store_path, error)) == NULL)
    return NULL;
  self->cache_control = g_strdup_printf ("public, max-age=%u", config->max_age);
  self->cache = sp_hub_cache_new ((gsize) config->cache_mb * 1024 * 1024);
  self->matches = sp_hub_matches_new (MAX_KEPT_MATCHES);
  self->answering = g_hash_table_new (g_str_hash, g_str_equal);
  feeds_dir = g_build_filename (config->cache_dir, "feeds", NULL);
  if ((self->feeds = sp_hub_feeds_new (feeds_dir, (guint64) config->feed_cache_mb * 1024 * 1024, 2, error)) == NULL)
    return NULL;
  if (!sp_hub_server_refresh_state (self, error))
    return NULL;
  self->openapi = g_resources_lookup_data ("/org/signpost/hub/openapi.json", 0, error);
  self->style = g_resources_lookup_data ("/org/signpost/hub/hub.css", 0, error);
  if (self->openapi == NULL || self->style == NULL)
    return NULL;

  if (config->tls_cert != NULL &&
      (certificate = g_tls_certificate_new_from_files (config->tls_cert, config->tls_key, error)) == NULL)
    {
      g_prefix_error (error, _("Reading the TLS certificate %s and key %s: "), config->tls_cert, config->tls_key);
      return NULL;
    }

  self->soup = soup_server_new ("server-header", "signpost-hub/" PACKAGE_VERSION " ", NULL);
  soup_server_add_early_handler (self->soup, NULL, sp_hub_server_check_request, self, NULL);
  soup_server_add_handler (self->soup, NULL, sp_hub_server_handle_request, self, NULL);
  g_signal_connect (self->soup, "request-started", G_CALLBACK (request_started), self);
  g_signal_connect (self->soup, "request-read", G_CALLBACK (request_read), self);
  g_signal_connect (self->soup, "request-finished", G_CALLBACK (request_over), self);
  g_signal_connect (self->soup, "request-aborted", G_CALLBACK (request_over), self);

  self->workers = g_thread_pool_new (sp_hub_server_answer_in_worker, self, config->workers, TRUE, error);
  if (self->workers == NULL)
    return NULL;
  self->listener = sp_hub_listener_new (self->soup, config->listen, certificate, config->max_connections,
                                        config->idle_timeout, config->header_timeout, error);
  if (self->listener == NULL)
    return NULL;
  self->public_url = choose_public_url (self);
  return g_steal_pointer (&self);
}

/* Where it listens: "http://127.0.0.1:41234". */
char *
sp_hub_server_get_url (SpHubServer *self)
{
  g_return_val_if_fail (SP_IS_HUB_SERVER (self), NULL);
  return sp_hub_listener_get_url (self->listener);
}

static gboolean
grace_over (gpointer data)
{
  SpHubServer *self = data;
  GSourceFunc stopped = g_steal_pointer (&self->stopped);

  self->grace_id = 0;
  g_printerr ("signpost-hub: %u answers still being sent after %d s; leaving them.\n", self->in_flight,
              SHUTDOWN_GRACE_SECONDS);
  if (stopped != NULL)
    stopped (self->stopped_data);
  return G_SOURCE_REMOVE;
}

/**
 * sp_hub_server_shut_down:
 * @done: called (once, from the main loop) when every answer under way has been sent
 *
 * Stops taking connections and closes those between requests; requests under way are
 * answered (with Connection: close), then @done runs. After SHUTDOWN_GRACE_SECONDS it runs
 * anyway.
 */
void
sp_hub_server_shut_down (SpHubServer *self,
                         GSourceFunc  done,
                         gpointer     user_data)
{
  g_return_if_fail (SP_IS_HUB_SERVER (self));

  if (self->stopping)
    return;
  self->stopping = TRUE;
  self->stopped = done;
  self->stopped_data = user_data;
  sp_hub_listener_stop (self->listener);
  self->grace_id = g_timeout_add_seconds (SHUTDOWN_GRACE_SECONDS, grace_over, self);
  check_stopped (self);
}
