/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-service-finder.h: searching the directory from inside a referral. */
#pragma once

#include <adwaita.h>

#include "sp-link-worker-window.h"

G_BEGIN_DECLS

#define SP_TYPE_SERVICE_FINDER (sp_service_finder_get_type ())
G_DECLARE_FINAL_TYPE (SpServiceFinder, sp_service_finder, SP, SERVICE_FINDER, AdwBin)

SpServiceFinder *sp_service_finder_new (SpLinkWorkerWindow *window,
                                        SpReferralStore    *store,
                                        const char         *referral_id);

G_END_DECLS
