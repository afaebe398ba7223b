/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-service.h: a service as the front ends see it, and GListModels of them. */
#pragma once

#include <gio/gio.h>

#include "sp-store.h"

G_BEGIN_DECLS

#define SP_TYPE_SERVICE (sp_service_get_type ())
G_DECLARE_FINAL_TYPE (SpService, sp_service, SP, SERVICE, GObject)

const char *sp_service_get_id                (SpService   *self);
const char *sp_service_get_name              (SpService   *self);
const char *sp_service_get_description       (SpService   *self);
const char *sp_service_get_status            (SpService   *self);
const char *sp_service_get_url               (SpService   *self);
const char *sp_service_get_email             (SpService   *self);
const char *sp_service_get_organization_name (SpService   *self);
const char *sp_service_get_assured_date      (SpService   *self);
const char *sp_service_get_last_modified     (SpService   *self);
const char *sp_service_get_feed              (SpService   *self);
const char *sp_service_get_checked_date      (SpService   *self);

GListModel *sp_service_list_all              (SpStore     *store,
                                              GError     **error);
GListModel *sp_service_list_by_ids           (SpStore     *store,
                                              const char * const *ids,
                                              GError     **error);
SpService  *sp_service_lookup                (SpStore     *store,
                                              const char  *id,
                                              GError     **error);
GPtrArray  *sp_service_list_ids              (SpStore     *store,
                                              GError     **error);
GPtrArray  *sp_service_list_languages        (SpStore     *store,
                                              guint        limit,
                                              GError     **error);

G_END_DECLS
