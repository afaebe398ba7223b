/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-referral-page.h: one referral: its status and SNOMED CT code, follow-up, services with
 * their slip, outcomes and notes. */
#pragma once

#include <adwaita.h>

#include "sp-link-worker-window.h"

G_BEGIN_DECLS

#define SP_TYPE_REFERRAL_PAGE (sp_referral_page_get_type ())
G_DECLARE_FINAL_TYPE (SpReferralPage, sp_referral_page, SP, REFERRAL_PAGE, AdwBin)

SpReferralPage *sp_referral_page_new (SpLinkWorkerWindow *window,
                                      SpReferralStore    *store,
                                      const char         *referral_id);
gboolean        sp_referral_page_focus (SpReferralPage     *self,
                                        const char         *focus_key);

/* Shared with the pages that change a referral (sp-referral-page-services.c and others). */
gboolean        sp_referral_page_save_copy (SpLinkWorkerWindow *window,
                                            SpReferralStore    *store,
                                            SpReferral         *changed);

G_END_DECLS
