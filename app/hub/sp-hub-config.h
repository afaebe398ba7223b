/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-config.h: how a hub runs: its data folder, address, limits; from the command line and a key file. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *data_dir;            /* the data folder it serves (read only) */
  char *listen;              /* ADDR:PORT; port 0 picks a free one */
  char *tls_cert;            /* (nullable) PEM files: both or neither */
  char *tls_key;
  char *public_url;          /* (nullable) where clients reach it, for links in answers */
  char *cache_dir;           /* where feeds are kept once written */
  guint workers;             /* threads answering requests */
  guint max_connections;     /* beyond this, 503 with Retry-After */
  guint idle_timeout;        /* seconds a connection may be silent (idle, or stalled reading or writing) */
  guint header_timeout;      /* seconds a client has to send a request's headers */
  guint cache_mb;            /* memory for answers kept until the directory changes */
  guint feed_cache_mb;       /* disk for feeds kept until the directory changes */
  guint max_age;             /* Cache-Control max-age, seconds */
  char **trusted_proxies;    /* (nullable) addresses of proxies whose X-Forwarded-For is believed */
} SpHubConfig;

SpHubConfig *sp_hub_config_new        (void);
gboolean     sp_hub_config_load_file  (SpHubConfig  *self,
                                       const char   *path,
                                       GError      **error);
gboolean     sp_hub_config_check      (SpHubConfig  *self,
                                       GError      **error);
void         sp_hub_config_free       (SpHubConfig  *self);
char        *sp_hub_config_client_address (const SpHubConfig *self,
                                           const char        *peer,
                                           const char        *forwarded_for);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpHubConfig, sp_hub_config_free)

G_END_DECLS
