/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-request.h: a request as the hub's workers see it, and the answer they give. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sp-hub-matches.h"
#include "sp-sync-feed.h"

G_BEGIN_DECLS

typedef enum
{
  SP_HUB_ROUTE_ROOT,                  /* GET /: the API's details, or the search page */
  SP_HUB_ROUTE_OPENAPI,               /* /openapi.json */
  SP_HUB_ROUTE_STYLE,                 /* /static/hub.css */
  SP_HUB_ROUTE_SERVICES,
  SP_HUB_ROUTE_SERVICE,
  SP_HUB_ROUTE_ORGANIZATIONS,
  SP_HUB_ROUTE_ORGANIZATION,
  SP_HUB_ROUTE_TAXONOMIES,
  SP_HUB_ROUTE_TAXONOMY,
  SP_HUB_ROUTE_TAXONOMY_TERMS,
  SP_HUB_ROUTE_TAXONOMY_TERM,
  SP_HUB_ROUTE_SERVICE_AT_LOCATIONS,
  SP_HUB_ROUTE_SERVICE_AT_LOCATION,
  SP_HUB_ROUTE_SYNC,
  SP_HUB_ROUTE_FIND,                  /* the public search page */
} SpHubRoute;

/* What a worker needs to answer a request: copied from the message in the server's thread,
 * so a worker never touches libsoup. */
typedef struct
{
  SpHubRoute route;
  char *path;
  char *id;                 /* (nullable) the {id} of the path, lower case */
  GHashTable *params;       /* name -> value, each given once, checked UTF-8 */
  gboolean html;            /* the client prefers a page to JSON */
  SpSyncState state;        /* the store's state when the request came */
  char *etag;               /* (nullable) the answer's entity tag, if it depends only on @state */
  GDateTime *now;
  const char *public_url;   /* without a trailing slash */
  const char *store_path;   /* the store a worker opens */
  SpHubMatches *matches;    /* recent searches' matches, the server's */
} SpHubRequest;

void sp_hub_request_free (SpHubRequest *request);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpHubRequest, sp_hub_request_free)

typedef struct _SpHubFeed SpHubFeed;

/* A feed (the sync feed, an ndjson list) written once to a file and streamed from it. */
typedef gboolean (*SpHubFeedWriter) (SpHubRequest   *request,
                                     GOutputStream  *out,
                                     GCancellable   *cancellable,
                                     GError        **error);

typedef struct
{
  guint status;
  const char *content_type;   /* a constant */
  GBytes *body;               /* (nullable) */
  char *etag;                 /* (nullable) */
  gboolean cacheable;         /* the same request gives the same answer until the store changes */
  char *allow;                /* (nullable) for 405 */
  /* Instead of @body: a feed to stream, written by @feed_writer under @feed_key. */
  SpHubFeedWriter feed_writer;
  char *feed_key;
  /* The /manage/ pages': more headers (Set-Cookie, Location, Retry-After), and whether the
   * answer changed the directory (its state is read again before the next answer). */
  GPtrArray *headers;         /* (nullable) name, value, name, value… */
  gboolean changed_directory;
} SpHubResponse;

SpHubResponse *sp_hub_response_new        (guint          status,
                                           const char    *content_type,
                                           GBytes        *body);
SpHubResponse *sp_hub_response_new_json   (guint          status,
                                           JsonNode      *node);
SpHubResponse *sp_hub_response_new_error  (guint          status,
                                           const char    *format,
                                           ...) G_GNUC_PRINTF (2, 3);
SpHubResponse *sp_hub_response_new_bad_parameter (const char *name,
                                           const char    *format,
                                           ...) G_GNUC_PRINTF (2, 3);
void           sp_hub_response_free       (SpHubResponse *response);
void           sp_hub_response_add_header (SpHubResponse *response,
                                           const char    *name,
                                           const char    *value);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpHubResponse, sp_hub_response_free)

gboolean       sp_hub_accept_prefers_html (const char   *accept);
gboolean       sp_hub_accepts_gzip        (const char    *accept_encoding);
gboolean       sp_hub_etag_matches        (const char    *if_none_match,
                                           const char    *etag);
GBytes        *sp_hub_gzip                (GBytes        *bytes);
GBytes        *sp_hub_gunzip              (GBytes        *bytes);

#define SP_HUB_JSON "application/json"
#define SP_HUB_HTML "text/html; charset=utf-8"

G_END_DECLS
