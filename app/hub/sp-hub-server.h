/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-server.h: signpost-hub's HTTP server: routes, answers, caching, limits, shutdown. */
#pragma once

#include <glib-object.h>

#include "sp-hub-config.h"

G_BEGIN_DECLS

#define SP_TYPE_HUB_SERVER (sp_hub_server_get_type ())
G_DECLARE_FINAL_TYPE (SpHubServer, sp_hub_server, SP, HUB_SERVER, GObject)

SpHubServer *sp_hub_server_new          (const SpHubConfig  *config,
                                         GError            **error);
char        *sp_hub_server_get_url      (SpHubServer        *self);
void         sp_hub_server_shut_down    (SpHubServer        *self,
                                         GSourceFunc         done,
                                         gpointer            user_data);

G_END_DECLS
