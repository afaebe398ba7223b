/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-server-answer.c: how signpost-hub's server routes a request and answers it.
 *
 * In the main thread: what can be refused from the headers alone is (before any body is
 * read); the path is routed and the parameters checked; then the store's state gives the
 * answer's ETag (If-None-Match on it is a 304), an answer kept since the directory last
 * changed is sent from memory, a feed is streamed (sp-hub-feed.c), and anything else is
 * paused and answered by a worker thread (sp-hub-api.c, sp-hub-html.c), kept, and sent;
 * the same request coming while a worker answers it waits for that answer.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sp-hub-api.h"
#include "sp-hub-html.h"
#include "sp-hub-manage.h"
#include "sp-hub-params.h"
#include "sp-hub-server-private.h"
#include "sp-hub-worker.h"
#include "sp-text.h"

#define MAX_URI_BYTES 8192
#define MAX_HEADER_BYTES 16384
/* An answer smaller than this is sent as it is: gzip would save little. */
#define GZIP_ABOVE_BYTES 512

#define CORS_ALLOW_METHODS "GET, HEAD, OPTIONS"
#define CORS_ALLOW_HEADERS "Accept, Accept-Language, Content-Type, If-None-Match"
/* Pages have no script, no frames, no forms posting elsewhere; their one style sheet is the hub's. */
#define PAGE_POLICY "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; " \
                    "frame-ancestors 'none'; base-uri 'none'"

typedef struct
{
  SpHubServer *server;
  SoupServerMessage *message;
  SpHubRequest *request;
  SpHubManageRequest *manage; /* instead of @request: a /manage/ page's */
  char *cache_key;
  char *state_tag;           /* the store's state when the request came */
  gboolean negotiated;       /* the answer depends on Accept */
  SpHubResponse *response;
  GBytes *gzipped;
  GError *error;
  GPtrArray *waiting;        /* (nullable) more messages asking the same, answered with this */
} Job;

/* ---- answering --------------------------------------------------------------------------------- */

static void
set_common_headers (SpHubServer       *self,
                    SoupServerMessage *message)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);

  /* The /manage/ pages are for the hub's own pages only: no other origin reads them. */
  if (!sp_hub_manage_is_path (g_uri_get_path (soup_server_message_get_uri (message))))
    soup_message_headers_replace (headers, "Access-Control-Allow-Origin", "*");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  if (sp_hub_manage_is_path (g_uri_get_path (soup_server_message_get_uri (message))))
    {
      soup_message_headers_replace (headers, "Content-Security-Policy", PAGE_POLICY);
      soup_message_headers_replace (headers, "Referrer-Policy", "no-referrer");
      soup_message_headers_replace (headers, "X-Frame-Options", "DENY");
    }
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
  SpHubExchange *exchange = sp_hub_exchange_of (message);
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
  for (guint i = 0; response->headers != NULL && i + 1 < response->headers->len; i += 2)
    soup_message_headers_append (headers, response->headers->pdata[i], response->headers->pdata[i + 1]);
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
void
sp_hub_server_answer_in_worker (gpointer data,
                                gpointer user_data)
{
  Job *job = data;
  SpHubWorker *worker = sp_hub_worker_get_for_thread (job->server->store_path, &job->error);
  SpHubRequest *request = job->request;

  if (worker == NULL)
    ;
  else if (job->manage != NULL)
    {
      /* Never gzipped: a page holding a form's secret token and text the visitor typed
       * would tell the token by its compressed size (BREACH). */
      job->response = sp_hub_manage_answer (worker, job->manage, &job->error);
      g_main_context_invoke (job->server->context, job_done, job);
      return;
    }
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
  g_clear_pointer (&job->waiting, g_ptr_array_unref);
  g_clear_pointer (&job->request, sp_hub_request_free);
  g_clear_pointer (&job->manage, sp_hub_manage_request_free);
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
  SpHubExchange *exchange = sp_hub_exchange_of (job->message);

  if (job->response == NULL)
    {
      g_printerr ("signpost-hub: %s: %s\n", job->request != NULL ? job->request->path : job->manage->path,
                  job->error != NULL ? job->error->message : "failed");
      job->response = sp_hub_response_new_error (500, "The directory could not be read; try again shortly.");
    }
  else if (job->response->changed_directory)
    {
      g_autoptr (GError) error = NULL;

      /* What a page changed shows in every answer from now on: the state is read again,
       * which drops what was kept for the old one. */
      self->state_checked = 0;
      if (!sp_hub_server_refresh_state (self, &error))
        g_printerr ("signpost-hub: %s\n", error->message);
    }
  else if (job->response->cacheable && job->cache_key != NULL)
    sp_hub_cache_insert (self->cache, job->cache_key, job->state_tag, job->response->content_type, job->response->etag, job->response->body, job->gzipped);
  if (job->cache_key != NULL && g_hash_table_lookup (self->answering, job->cache_key) == job)
    g_hash_table_remove (self->answering, job->cache_key);
  /* The client may have gone while the worker read the store. */
  if (exchange != NULL && !exchange->over)
    {
      send_response (self, job->message, job->response, job->gzipped, job->negotiated);
      soup_server_message_unpause (job->message);
    }
  for (guint i = 0; job->waiting != NULL && i < job->waiting->len; i++)
    {
      SoupServerMessage *message = job->waiting->pdata[i];

      exchange = sp_hub_exchange_of (message);
      if (exchange != NULL && !exchange->over)
        {
          send_response (self, message, job->response, job->gzipped, job->negotiated);
          soup_server_message_unpause (message);
        }
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
  SpHubExchange *exchange = sp_hub_exchange_of (message);

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
  SpHubExchange *exchange = sp_hub_exchange_of (message);
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
  request->matches = self->matches;
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
  if (!sp_hub_server_refresh_state (self, &error))
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

  /* The same asked again while a worker answers it (the same answer, at the same state):
   * that answer serves both, rather than two workers making it. */
  if ((job = g_hash_table_lookup (self->answering, key)) != NULL && g_str_equal (job->state_tag, self->state_tag))
    {
      if (job->waiting == NULL)
        job->waiting = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (job->waiting, g_object_ref (message));
      soup_server_message_pause (message);
      return;
    }

  job = g_new0 (Job, 1);
  job->server = g_object_ref (self);
  job->message = g_object_ref (message);
  job->request = g_steal_pointer (&request);
  job->cache_key = g_steal_pointer (&key);
  job->state_tag = g_strdup (self->state_tag);
  job->negotiated = is_negotiated (job->request->route);
  g_hash_table_replace (self->answering, job->cache_key, job);
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

/* A /manage/ page: always answered by a worker (it reads accounts and may write), never
 * kept, never cached by anyone (Cache-Control: no-store, no ETag). */
static void
handle_manage (SpHubServer       *self,
               SoupServerMessage *message,
               const char        *path)
{
  SpHubExchange *exchange = sp_hub_exchange_of (message);
  SpHubManageRequest *manage = NULL;
  SpHubResponse *refusal;
  gboolean secure = self->config->tls_cert != NULL || g_str_has_prefix (self->public_url, "https://");
  Job *job;

  refusal = sp_hub_manage_read_request (message, path, secure, exchange != NULL ? exchange->remote : NULL, &manage);
  if (refusal != NULL)
    {
      send_now (self, message, refusal, FALSE);
      return;
    }
  job = g_new0 (Job, 1);
  job->server = g_object_ref (self);
  job->message = g_object_ref (message);
  job->manage = manage;
  soup_server_message_pause (message);
  g_thread_pool_push (self->workers, job, NULL);
}

void
sp_hub_server_handle_request (SoupServer        *soup,
                              SoupServerMessage *message,
                              const char        *path,
                              GHashTable        *query,
                              gpointer           data)
{
  SpHubServer *self = data;
  const char *method = soup_server_message_get_method (message);

  if (sp_hub_manage_is_path (path))
    handle_manage (self, message, path);
  else if (method == SOUP_METHOD_OPTIONS)
    handle_options (self, message);
  else
    handle_get (self, message, path);
}

/* After the headers, before any body: what can be refused without reading more is. */
void
sp_hub_server_check_request (SoupServer        *soup,
                             SoupServerMessage *message,
                             const char        *path,
                             GHashTable        *query,
                             gpointer           data)
{
  SpHubServer *self = data;
  SpHubExchange *exchange = sp_hub_exchange_of (message);
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
  else if (sp_hub_manage_is_path (path))
    refusal = sp_hub_manage_check_headers (message);
  else if (method != SOUP_METHOD_GET && method != SOUP_METHOD_HEAD && method != SOUP_METHOD_OPTIONS)
    {
      refusal = sp_hub_response_new_error (405, "This hub only reads: use GET (or HEAD, or OPTIONS).");
      refusal->allow = g_strdup (CORS_ALLOW_METHODS);
    }
  else if (soup_message_headers_get_content_length (headers) > 0 ||
           soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CHUNKED)
    refusal = sp_hub_response_new_error (413, "A request to this hub has no body.");
  if (refusal == NULL && header_bytes > MAX_HEADER_BYTES)
    refusal = sp_hub_response_new_error (431, "The request's headers are too large (at most %d bytes).", MAX_HEADER_BYTES);
  else if (refusal == NULL && strlen (uri) > MAX_URI_BYTES)
    refusal = sp_hub_response_new_error (414, "The request's address is too long (at most %d bytes).", MAX_URI_BYTES);
  if (refusal == NULL)
    return;
  /* A body not read leaves the connection unusable (and one over the cap must go): it
   * closes after the answer. */
  soup_message_headers_replace (soup_server_message_get_response_headers (message), "Connection", "close");
  send_now (self, message, refusal, FALSE);
}
