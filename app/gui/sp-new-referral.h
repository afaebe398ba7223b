/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-new-referral.h: a new referral, for a new person or one already known, on one page. */
#pragma once

#include <adwaita.h>

#include "sp-link-worker-window.h"

G_BEGIN_DECLS

#define SP_TYPE_NEW_REFERRAL (sp_new_referral_get_type ())
G_DECLARE_FINAL_TYPE (SpNewReferral, sp_new_referral, SP, NEW_REFERRAL, AdwBin)

SpNewReferral *sp_new_referral_new   (SpLinkWorkerWindow *window,
                                      SpReferralStore    *store);
void           sp_new_referral_start (SpNewReferral      *self,
                                      const char         *person_id);
void           sp_new_referral_focus (SpNewReferral      *self);

G_END_DECLS
