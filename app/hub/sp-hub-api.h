/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-api.h: the Open Referral UK 3.0 read API's answers, made by a worker. */
#pragma once

#include "sp-hub-params.h"
#include "sp-hub-request.h"
#include "sp-hub-worker.h"

G_BEGIN_DECLS

#define SP_HUB_ORUK_VERSION "HSDS-UK-3.0"
#define SP_HUB_ORUK_PROFILE "https://github.com/OpenReferralUK/uk-profile"

SpHubResponse *sp_hub_api_answer          (SpHubWorker     *worker,
                                           SpHubRequest    *request,
                                           GError         **error);
SpHubResponse *sp_hub_api_details         (SpHubRequest    *request);
gboolean       sp_hub_api_is_feed         (SpHubRoute       route,
                                           const SpHubParams *params);
gboolean       sp_hub_api_write_list_feed (SpHubRequest    *request,
                                           GOutputStream   *out,
                                           GCancellable    *cancellable,
                                           GError         **error);
gboolean       sp_hub_api_write_sync_feed (SpHubRequest    *request,
                                           GOutputStream   *out,
                                           GCancellable    *cancellable,
                                           GError         **error);
gboolean       sp_hub_api_find_point      (SpHubWorker     *worker,
                                           SpHubRequest    *request,
                                           SpHubParams     *params,
                                           SpHubResponse  **bad,
                                           GError         **error);

G_END_DECLS
