/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-listener.h: the hub's connections: listened for, counted, timed out, capped. */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _SpHubListener SpHubListener;

SpHubListener *sp_hub_listener_new             (SoupServer        *server,
                                                const char        *address,
                                                GTlsCertificate   *certificate,
                                                guint              max_connections,
                                                guint              idle_timeout,
                                                guint              header_timeout,
                                                GError           **error);
void           sp_hub_listener_free            (SpHubListener     *self);
char          *sp_hub_listener_get_url         (SpHubListener     *self);
guint          sp_hub_listener_get_n_connections (SpHubListener   *self);
void           sp_hub_listener_stop            (SpHubListener     *self);
void           sp_hub_listener_request_started (SpHubListener     *self,
                                                SoupServerMessage *message);
gboolean       sp_hub_listener_got_headers     (SpHubListener     *self,
                                                SoupServerMessage *message);
void           sp_hub_listener_request_over    (SpHubListener     *self,
                                                SoupServerMessage *message);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpHubListener, sp_hub_listener_free)

G_END_DECLS
