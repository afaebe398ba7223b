/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-server.c: signpost-hub's HTTP server: routes, answers, caching, limits, shutdown.
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

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "sp-data-dir.h"
#include "sp-hub-api.h"
#include "sp-hub-cache.h"
#include "sp-hub-feed.h"
#include "sp-hub-html.h"
#include "sp-hub-listener.h"
#include "sp-hub-log.h"
#include "sp-hub-params.h"
#include "sp-hub-server.h"
#include "sp-hub-worker.h"
#include "sp-settings.h"
#include "sp-text.h"

#define MAX_URI_BYTES 8192
#define MAX_HEADER_BYTES 16384
/* An answer smaller than this is sent as it is: gzip would save little. */
#define GZIP_ABOVE_BYTES 512
/* How long a shutdown waits for answers being sent before leaving anyway. */
#define SHUTDOWN_GRACE_SECONDS 20
#define EXCHANGE_KEY "sp-hub-exchange"
#define BUSY_RETRY_SECONDS "5"
/* How long the store's state read for one request stands for the next: a change shows in
 * answers this much later at most (a cache in front keeps them max-age anyway). */
#define STATE_CHECK_US (50 * 1000)

#define CORS_ALLOW_METHODS "GET, HEAD, OPTIONS"
#define CORS_ALLOW_HEADERS "Accept, Accept-Language, Content-Type, If-None-Match"
/* Pages have no script, no frames, no forms posting elsewhere; their one style sheet is the hub's. */
#define PAGE_POLICY "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; " \
                    "frame-ancestors 'none'; base-uri 'none'"

struct _SpHubServer
{
  GObject parent_instance;

  SpHubConfig *config;       /* a copy: the strings below point into it */
  char *store_path;
  char *public_url;
  SoupServer *soup;
  SpHubListener *listener;
  SpStore *store;            /* the main thread's, for the state only */
  GThreadPool *workers;
  SpHubCache *cache;
  SpHubFeeds *feeds;
  GMainContext *context;
  GBytes *openapi;
  GBytes *style;
  char *cache_control;

  SpSyncState state;
  char *state_tag;           /* "store-seq-token" */
  gint64 state_checked;      /* when, monotonic */

  guint in_flight;           /* requests whose headers came and whose answer is not over */
  gboolean stopping;
  GSourceFunc stopped;
  gpointer stopped_data;
  guint grace_id;
};

G_DEFINE_FINAL_TYPE (SpHubServer, sp_hub_server, G_TYPE_OBJECT)

/* One request's life in the main thread, from its start to its log line. */
typedef struct
{
  SpHubServer *server;       /* (unowned) the server outlives its messages */
  gint64 started;
  guint64 bytes;
  gboolean counted;          /* in @server's in_flight */
  gboolean over;             /* the message finished: nothing more may touch it */
  gboolean streamed;         /* its body is a feed's, counted there */
  gboolean gzip;             /* the client takes gzip */
} Exchange;

typedef struct
{
  SpHubServer *server;
  SoupServerMessage *message;
  SpHubRequest *request;
  char *cache_key;
  char *state_tag;           /* the store's state when the request came */
  gboolean negotiated;       /* the answer depends on Accept */
  SpHubResponse *response;
  GBytes *gzipped;
  GError *error;
} Job;

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
static gboolean
refresh_state (SpHubServer *self,
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

/* ---- answering --------------------------------------------------------------------------------- */

static Exchange *
exchange_of (SoupServerMessage *message)
{
  return g_object_get_data (G_OBJECT (message), EXCHANGE_KEY);
}

static void
set_common_headers (SpHubServer       *self,
                    SoupServerMessage *message)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);

  soup_message_headers_replace (headers, "Access-Control-Allow-Origin", "*");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  if (self->stopping)
    soup_message_headers_replace (headers, "Connection", "close");
}

/* Sends @response on @message (in the main thread). @negotiated: the answer depends on
 * the Accept header as well as the URL. @gzipped: (nullable) the body, gzipped. */
static void
send_response (SpHubServer       *self,
               SoupServerMessage *message,
               SpHubResponse     *response,
               GBytes            *gzipped,
               gboolean           negotiated)
{
  Exchange *exchange = exchange_of (message);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  SoupMessageBody *body = soup_server_message_get_response_body (message);
  g_autoptr (GBytes) plain = NULL;
  gboolean gzip = exchange != NULL && exchange->gzip && gzipped != NULL;
  gboolean ok = response->status >= 200 && response->status < 300;

  set_common_headers (self, message);
  soup_server_message_set_status (message, response->status, NULL);
  soup_message_headers_replace (headers, "Cache-Control", ok && response->cacheable ? self->cache_control : "no-store");
  if (response->etag != NULL)
    {
      g_autofree char *etag = NULL;

      if (gzip)
        etag = g_strdup_printf ("%.*s-gzip\"", (int) strlen (response->etag) - 1, response->etag);
      soup_message_headers_replace (headers, "ETag", gzip ? etag : response->etag);
    }
  if (gzipped != NULL || response->body == NULL || g_bytes_get_size (response->body) >= GZIP_ABOVE_BYTES)
    soup_message_headers_replace (headers, "Vary", negotiated ? "Accept, Accept-Encoding" : "Accept-Encoding");
  else if (negotiated)
    soup_message_headers_replace (headers, "Vary", "Accept");
  if (response->allow != NULL)
    soup_message_headers_replace (headers, "Allow", response->allow);
  if (response->content_type != NULL)
    {
      soup_message_headers_replace (headers, "Content-Type", response->content_type);
      if (g_str_has_prefix (response->content_type, "text/html"))
        {
          soup_message_headers_replace (headers, "Content-Security-Policy", PAGE_POLICY);
          soup_message_headers_replace (headers, "Referrer-Policy", "no-referrer");
        }
    }
  if (response->status == SOUP_STATUS_NOT_MODIFIED)
    return;
  if (gzip)
    {
      soup_message_headers_replace (headers, "Content-Encoding", "gzip");
      soup_message_body_append_bytes (body, gzipped);
    }
  else
    {
      if (response->body == NULL && gzipped != NULL)
        plain = sp_hub_gunzip (gzipped);
      else if (response->body != NULL)
        plain = g_bytes_ref (response->body);
      if (plain != NULL)
        soup_message_body_append_bytes (body, plain);
    }
}

/* Sends an answer made without the store: an error, api details, a static file. */
static void
send_now (SpHubServer       *self,
          SoupServerMessage *message,
          SpHubResponse     *response,
          gboolean           negotiated)
{
  g_autoptr (SpHubResponse) owned = response;
  g_autoptr (GBytes) gzipped = NULL;

  if (owned->body != NULL && g_bytes_get_size (owned->body) >= GZIP_ABOVE_BYTES)
    gzipped = sp_hub_gzip (owned->body);
  send_response (self, message, owned, gzipped, negotiated);
}

static gboolean job_done (gpointer data);

/* Runs in a worker thread. */
static void
answer_in_worker (gpointer data,
                  gpointer user_data)
{
  Job *job = data;
  SpHubRequest *request = job->request;
  SpHubWorker *worker = sp_hub_worker_get_for_thread (request->store_path, &job->error);

  if (worker == NULL)
    ;
  else if (request->route == SP_HUB_ROUTE_FIND || (request->html && (request->route == SP_HUB_ROUTE_ROOT ||
                                                                       request->route == SP_HUB_ROUTE_SERVICE)))
    job->response = sp_hub_html_answer (worker, request, &job->error);
  else
    job->response = sp_hub_api_answer (worker, request, &job->error);
  if (job->response != NULL && job->response->body != NULL &&
      g_bytes_get_size (job->response->body) >= GZIP_ABOVE_BYTES)
    job->gzipped = sp_hub_gzip (job->response->body);
  g_main_context_invoke (job->server->context, job_done, job);
}

static void
job_free (Job *job)
{
  g_object_unref (job->message);
  sp_hub_request_free (job->request);
  g_free (job->cache_key);
  g_free (job->state_tag);
  g_clear_pointer (&job->response, sp_hub_response_free);
  g_clear_pointer (&job->gzipped, g_bytes_unref);
  g_clear_error (&job->error);
  g_object_unref (job->server);
  g_free (job);
}

/* Back in the main thread with a worker's answer. */
static gboolean
job_done (gpointer data)
{
  Job *job = data;
  SpHubServer *self = job->server;
  Exchange *exchange = exchange_of (job->message);

  if (job->response == NULL)
    {
      g_printerr ("signpost-hub: %s: %s\n", job->request->path, job->error != NULL ? job->error->message : "failed");
      job->response = sp_hub_response_new_error (500, "The directory could not be read; try again shortly.");
    }
  else if (job->response->cacheable && job->cache_key != NULL)
    sp_hub_cache_insert (self->cache, job->cache_key, job->state_tag, job->response->content_type, job->response->etag, job->response->body, job->gzipped);
  /* The client may have gone while the worker read the store. */
  if (exchange != NULL && !exchange->over)
    {
      send_response (self, job->message, job->response, job->gzipped, job->negotiated);
      soup_server_message_unpause (job->message);
    }
  job_free (job);
  return G_SOURCE_REMOVE;
}

/* ---- requests ---------------------------------------------------------------------------------- */

static gboolean
is_negotiated (SpHubRoute route)
{
  return route == SP_HUB_ROUTE_ROOT || route == SP_HUB_ROUTE_SERVICE;
}

/* Which endpoint @path is, and the {id} in it; FALSE for none. */
static gboolean
route_path (const char *path,
            SpHubRoute *route,
            char      **id)
{
  static const struct
  {
    const char *prefix;
    SpHubRoute list;
    SpHubRoute one;
  } collections[] = {
    { "/services", SP_HUB_ROUTE_SERVICES, SP_HUB_ROUTE_SERVICE },
    { "/organizations", SP_HUB_ROUTE_ORGANIZATIONS, SP_HUB_ROUTE_ORGANIZATION },
    { "/taxonomies", SP_HUB_ROUTE_TAXONOMIES, SP_HUB_ROUTE_TAXONOMY },
    { "/taxonomy_terms", SP_HUB_ROUTE_TAXONOMY_TERMS, SP_HUB_ROUTE_TAXONOMY_TERM },
    { "/service_at_locations", SP_HUB_ROUTE_SERVICE_AT_LOCATIONS, SP_HUB_ROUTE_SERVICE_AT_LOCATION },
  };
  static const struct
  {
    const char *path;
    SpHubRoute route;
  } fixed[] = {
    { "/", SP_HUB_ROUTE_ROOT },
    { "/openapi.json", SP_HUB_ROUTE_OPENAPI },
    { "/static/hub.css", SP_HUB_ROUTE_STYLE },
    { "/sync", SP_HUB_ROUTE_SYNC },
    { "/find", SP_HUB_ROUTE_FIND },
  };

  *id = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    if (g_str_equal (path, fixed[i].path))
      {
        *route = fixed[i].route;
        return TRUE;
      }
  for (guint i = 0; i < G_N_ELEMENTS (collections); i++)
    {
      gsize length = strlen (collections[i].prefix);

      if (strncmp (path, collections[i].prefix, length) != 0)
        continue;
      if (path[length] == '\0')
        {
          *route = collections[i].list;
          return TRUE;
        }
      if (path[length] == '/' && path[length + 1] != '\0' && strchr (path + length + 1, '/') == NULL)
        {
          *route = collections[i].one;
          *id = g_ascii_strdown (path + length + 1, -1);
          return TRUE;
        }
    }
  return FALSE;
}

static int
compare_names (const void *a,
               const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The key an answer is kept under: what asked for it, parameters in order. */
static char *
cache_key_for (SpHubRequest *request,
               const char   *path)
{
  guint n_names = 0;
  g_autofree const char **names = (const char **) g_hash_table_get_keys_as_array (request->params, &n_names);
  GString *key = g_string_new (request->html ? "html\x1f" : "json\x1f");

  qsort (names, n_names, sizeof (char *), compare_names);
  g_string_append (key, path);
  for (guint i = 0; i < n_names; i++)
    g_string_append_printf (key, "\x1f%s=%s", names[i], (const char *) g_hash_table_lookup (request->params, names[i]));
  /* A page says when the next session is: it is kept for the hour at most. */
  if (request->html)
    {
      g_autofree char *hour = g_date_time_format (request->now, "%Y%m%d%H");
      g_string_append_printf (key, "\x1f%s", hour);
    }
  return g_string_free (key, FALSE);
}

static void
feed_done (SoupServerMessage *message,
           guint64            bytes,
           gboolean           complete,
           gpointer           user_data)
{
  Exchange *exchange = exchange_of (message);

  if (exchange != NULL)
    exchange->bytes = bytes;
}

static void
serve_feed (SpHubServer       *self,
            SoupServerMessage *message,
            SpHubRequest      *request,
            const SpHubParams *params,
            const char        *key)
{
  Exchange *exchange = exchange_of (message);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  gboolean sync = request->route == SP_HUB_ROUTE_SYNC;
  const char *type = sync ? SP_SYNC_FEED_CONTENT_TYPE : params->ndjson ? "application/x-ndjson" : SP_HUB_JSON;
  g_autofree char *etag = g_strdup_printf ("%.*s-gzip\"", (int) strlen (request->etag) - 1, request->etag);

  set_common_headers (self, message);
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_message_headers_replace (headers, "Content-Type", type);
  soup_message_headers_replace (headers, "Cache-Control", self->cache_control);
  soup_message_headers_replace (headers, "Vary", "Accept-Encoding");
  soup_message_headers_replace (headers, "ETag", exchange->gzip ? etag : request->etag);
  if (g_str_equal (soup_server_message_get_method (message), SOUP_METHOD_HEAD))
    return;
  exchange->streamed = TRUE;
  sp_hub_feeds_serve (self->feeds, message, key, sync ? sp_hub_api_write_sync_feed : sp_hub_api_write_list_feed,
                      request, exchange->gzip, feed_done, NULL);
}

static GBytes *
static_body (SpHubServer *self,
             SpHubRoute   route)
{
  return g_bytes_ref (route == SP_HUB_ROUTE_OPENAPI ? self->openapi : self->style);
}

static void
handle_get (SpHubServer       *self,
            SoupServerMessage *message,
            const char        *path)
{
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (message);
  g_autoptr (SpHubRequest) request = g_new0 (SpHubRequest, 1);
  g_auto (SpHubParams) params = { 0 };
  g_autoptr (GError) error = NULL;
  GHashTable *split = NULL;
  SpHubResponse *bad;
  const SpHubCached *cached;
  g_autofree char *key = NULL;
  Job *job;

  if (!route_path (path, &request->route, &request->id))
    {
      send_now (self, message, sp_hub_response_new_error (404, "There is nothing at %s on this hub.", path), FALSE);
      return;
    }
  if ((bad = sp_hub_params_split (g_uri_get_query (soup_server_message_get_uri (message)), &split)) != NULL)
    {
      send_now (self, message, bad, FALSE);
      return;
    }
  request->params = split;
  request->path = g_strdup (path);
  request->html = is_negotiated (request->route) &&
                  sp_hub_accept_prefers_html (soup_message_headers_get_one (request_headers, "Accept"));
  if (request->route == SP_HUB_ROUTE_FIND)
    request->html = TRUE;
  request->now = g_date_time_new_now_utc ();
  request->public_url = self->public_url;
  request->store_path = self->store_path;
  if ((bad = sp_hub_params_read (request->route, request->params, &params)) != NULL)
    {
      send_now (self, message, bad, FALSE);
      return;
    }
  if (request->id != NULL && !sp_text_is_uuid (request->id))
    {
      send_now (self, message, request->html ? sp_hub_html_not_found (request)
                                             : sp_hub_response_new_error (404, "There is nothing at %s on this hub.", path),
                is_negotiated (request->route));
      return;
    }

  switch (request->route)
    {
    case SP_HUB_ROUTE_ROOT:
      if (!request->html)
        {
          SpHubResponse *details = sp_hub_api_details (request);

          details->cacheable = TRUE;
          send_now (self, message, details, TRUE);
          return;
        }
      break;
    case SP_HUB_ROUTE_OPENAPI:
    case SP_HUB_ROUTE_STYLE:
      {
        SpHubResponse *response = sp_hub_response_new (200, request->route == SP_HUB_ROUTE_OPENAPI ? SP_HUB_JSON
                                                                                                      : "text/css; charset=utf-8",
                                                       static_body (self, request->route));
        response->cacheable = TRUE;
        send_now (self, message, response, FALSE);
        return;
      }
    default:
      break;
    }

  /* Everything else depends on the directory: its state first. */
  if (!refresh_state (self, &error))
    {
      g_printerr ("signpost-hub: %s\n", error->message);
      send_now (self, message, sp_hub_response_new_error (503, "The directory cannot be read just now."), FALSE);
      return;
    }
  request->state.store_id = g_strdup (self->state.store_id);
  request->state.seq = self->state.seq;
  request->state.token = g_strdup (self->state.token);
  if (request->html)
    {
      g_autofree char *hour = g_date_time_format (request->now, "%Y%m%d%H");
      request->etag = g_strdup_printf ("\"%s-html-%s\"", self->state_tag, hour);
    }
  else
    request->etag = sp_sync_feed_etag (&self->state);

  if (sp_hub_etag_matches (soup_message_headers_get_one (request_headers, "If-None-Match"), request->etag))
    {
      g_autoptr (SpHubResponse) not_modified = sp_hub_response_new (SOUP_STATUS_NOT_MODIFIED, NULL, NULL);

      not_modified->etag = g_strdup (request->etag);
      not_modified->cacheable = TRUE;
      send_response (self, message, not_modified, NULL, is_negotiated (request->route));
      return;
    }

  key = cache_key_for (request, path);
  if (sp_hub_api_is_feed (request->route, &params))
    {
      g_autofree char *feed_key = g_strconcat (self->state_tag, "\x1f", key, NULL);
      serve_feed (self, message, g_steal_pointer (&request), &params, feed_key);
      return;
    }
  if ((cached = sp_hub_cache_lookup (self->cache, key)) != NULL)
    {
      g_autoptr (SpHubResponse) response = sp_hub_response_new (200, cached->content_type,
                                                                cached->body != NULL ? g_bytes_ref (cached->body) : NULL);

      response->etag = g_strdup (cached->etag);
      response->cacheable = TRUE;
      send_response (self, message, response, cached->gzipped, is_negotiated (request->route));
      return;
    }

  job = g_new0 (Job, 1);
  job->server = g_object_ref (self);
  job->message = g_object_ref (message);
  job->request = g_steal_pointer (&request);
  job->cache_key = g_steal_pointer (&key);
  job->state_tag = g_strdup (self->state_tag);
  job->negotiated = is_negotiated (job->request->route);
  soup_server_message_pause (message);
  g_thread_pool_push (self->workers, job, NULL);
}

static void
handle_options (SpHubServer       *self,
                SoupServerMessage *message)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);

  set_common_headers (self, message);
  soup_server_message_set_status (message, SOUP_STATUS_NO_CONTENT, NULL);
  soup_message_headers_replace (headers, "Allow", CORS_ALLOW_METHODS);
  soup_message_headers_replace (headers, "Access-Control-Allow-Methods", CORS_ALLOW_METHODS);
  soup_message_headers_replace (headers, "Access-Control-Allow-Headers", CORS_ALLOW_HEADERS);
  soup_message_headers_replace (headers, "Access-Control-Max-Age", "86400");
  soup_message_headers_replace (headers, "Cache-Control", "public, max-age=86400");
}

static void
handle_request (SoupServer        *soup,
                SoupServerMessage *message,
                const char        *path,
                GHashTable        *query,
                gpointer           data)
{
  SpHubServer *self = data;
  const char *method = soup_server_message_get_method (message);

  if (method == SOUP_METHOD_OPTIONS)
    handle_options (self, message);
  else
    handle_get (self, message, path);
}

/* After the headers, before any body: what can be refused without reading more is. */
static void
check_request (SoupServer        *soup,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query,
               gpointer           data)
{
  SpHubServer *self = data;
  Exchange *exchange = exchange_of (message);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  const char *method = soup_server_message_get_method (message);
  g_autofree char *uri = g_uri_to_string (soup_server_message_get_uri (message));
  SoupMessageHeadersIter iter;
  const char *name, *value;
  gsize header_bytes = 0;
  SpHubResponse *refusal = NULL;
  gboolean refused;

  refused = sp_hub_listener_got_headers (self->listener, message);
  if (exchange != NULL && !exchange->counted)
    {
      exchange->counted = TRUE;
      self->in_flight++;
      exchange->gzip = sp_hub_accepts_gzip (soup_message_headers_get_one (headers, "Accept-Encoding"));
    }

  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    header_bytes += strlen (name) + strlen (value) + 4;

  if (refused)
    {
      refusal = sp_hub_response_new_error (503, "The hub is at its limit of connections; try again in a few seconds.");
      soup_message_headers_replace (soup_server_message_get_response_headers (message), "Retry-After", BUSY_RETRY_SECONDS);
    }
  else if (method != SOUP_METHOD_GET && method != SOUP_METHOD_HEAD && method != SOUP_METHOD_OPTIONS)
    {
      refusal = sp_hub_response_new_error (405, "This hub only reads: use GET (or HEAD, or OPTIONS).");
      refusal->allow = g_strdup (CORS_ALLOW_METHODS);
    }
  else if (soup_message_headers_get_content_length (headers) > 0 ||
           soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CHUNKED)
    refusal = sp_hub_response_new_error (413, "A request to this hub has no body.");
  else if (header_bytes > MAX_HEADER_BYTES)
    refusal = sp_hub_response_new_error (431, "The request's headers are too large (at most %d bytes).", MAX_HEADER_BYTES);
  else if (strlen (uri) > MAX_URI_BYTES)
    refusal = sp_hub_response_new_error (414, "The request's address is too long (at most %d bytes).", MAX_URI_BYTES);
  if (refusal == NULL)
    return;
  /* A body not read leaves the connection unusable (and one over the cap must go): it
   * closes after the answer. */
  soup_message_headers_replace (soup_server_message_get_response_headers (message), "Connection", "close");
  send_now (self, message, refusal, FALSE);
}

static void
exchange_free (gpointer data)
{
  g_free (data);
}

static void
request_started (SoupServer        *soup,
                 SoupServerMessage *message,
                 gpointer           data)
{
  SpHubServer *self = data;
  Exchange *exchange = g_new0 (Exchange, 1);

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
  Exchange *exchange = exchange_of (message);

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
  Exchange *exchange = exchange_of (message);
  GSocketAddress *remote = soup_server_message_get_remote_address (message);
  g_autofree char *remote_text = NULL;
  SpHubLogEntry entry = { 0 };

  if (exchange == NULL || exchange->over)
    return;
  exchange->over = TRUE;
  sp_hub_listener_request_over (self->listener, message);
  if (!exchange->counted)
    return;   /* a connection closed between requests: nothing was asked */
  self->in_flight--;
  if (G_IS_INET_SOCKET_ADDRESS (remote))
    remote_text = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote)));
  entry.remote = remote_text;
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

static void
request_read (SoupServer        *soup,
              SoupServerMessage *message,
              gpointer           data)
{
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
  feeds_dir = g_build_filename (config->cache_dir, "feeds", NULL);
  if ((self->feeds = sp_hub_feeds_new (feeds_dir, (guint64) config->feed_cache_mb * 1024 * 1024, 2, error)) == NULL)
    return NULL;
  if (!refresh_state (self, error))
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
  soup_server_add_early_handler (self->soup, NULL, check_request, self, NULL);
  soup_server_add_handler (self->soup, NULL, handle_request, self, NULL);
  g_signal_connect (self->soup, "request-started", G_CALLBACK (request_started), self);
  g_signal_connect (self->soup, "request-read", G_CALLBACK (request_read), self);
  g_signal_connect (self->soup, "request-finished", G_CALLBACK (request_over), self);
  g_signal_connect (self->soup, "request-aborted", G_CALLBACK (request_over), self);

  self->workers = g_thread_pool_new (answer_in_worker, self, config->workers, TRUE, error);
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
