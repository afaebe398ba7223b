/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-server-private.h: what the files of the hub's server (sp-hub-server*.c) share. */
#pragma once

#include <libsoup/soup.h>

#include "sp-hub-cache.h"
#include "sp-hub-feed.h"
#include "sp-hub-listener.h"
#include "sp-hub-server.h"
#include "sp-store.h"
#include "sp-sync-feed.h"

G_BEGIN_DECLS

#define EXCHANGE_KEY "sp-hub-exchange"
#define BUSY_RETRY_SECONDS "5"

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
  SpHubMatches *matches;     /* recent searches' matches, for the workers */
  GHashTable *answering;     /* cache key -> a worker's job answering it (sp-hub-server-answer.c) */
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
  char *remote;              /* (nullable) the client's address, read with its request */
} SpHubExchange;

static inline SpHubExchange *
sp_hub_exchange_of (SoupServerMessage *message)
{
  return g_object_get_data (G_OBJECT (message), EXCHANGE_KEY);
}

gboolean sp_hub_server_refresh_state  (SpHubServer       *self,
                                       GError           **error);
void     sp_hub_server_answer_in_worker (gpointer         data,
                                       gpointer           user_data);
void     sp_hub_server_handle_request (SoupServer        *soup,
                                       SoupServerMessage *message,
                                       const char        *path,
                                       GHashTable        *query,
                                       gpointer           data);
void     sp_hub_server_check_request  (SoupServer        *soup,
                                       SoupServerMessage *message,
                                       const char        *path,
                                       GHashTable        *query,
                                       gpointer           data);

G_END_DECLS
