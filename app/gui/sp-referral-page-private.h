/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-referral-page-private.h: the referral page's parts, shared by sp-referral-page.c
 * (status, follow-up, notes) and sp-referral-page-services.c (services, slip, outcomes). */
#pragma once

#include "sp-form-rows.h"
#include "sp-referral-page.h"

G_BEGIN_DECLS

struct _SpReferralPage
{
  AdwBin parent_instance;

  SpLinkWorkerWindow *window;   /* (unowned) */
  SpReferralStore *store;
  char *referral_id;
  GtkBox *column;
};

/* The referral as the store holds it now (transfer none), or NULL if it is gone. */
SpReferral *sp_referral_page_get_referral   (SpReferralPage      *self);
void        sp_referral_page_rebuild        (SpReferralPage      *self);
void        sp_referral_page_add_services   (SpReferralPage      *self,
                                             SpReferral          *referral);
void        sp_referral_page_add_outcomes   (SpReferralPage      *self,
                                             SpReferral          *referral);

G_END_DECLS
