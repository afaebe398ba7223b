/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-html.h: the hub's pages for people: a service (where the slips' QR codes lead) and search. */
#pragma once

#include "sp-hub-request.h"
#include "sp-hub-worker.h"

G_BEGIN_DECLS

SpHubResponse *sp_hub_html_answer    (SpHubWorker   *worker,
                                      SpHubRequest  *request,
                                      GError       **error);
SpHubResponse *sp_hub_html_not_found (SpHubRequest  *request);

G_END_DECLS
