/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-person-page.h: one person: who they are, how to reach them, their consent and referrals. */
#pragma once

#include <adwaita.h>

#include "sp-link-worker-window.h"

G_BEGIN_DECLS

#define SP_TYPE_PERSON_PAGE (sp_person_page_get_type ())
G_DECLARE_FINAL_TYPE (SpPersonPage, sp_person_page, SP, PERSON_PAGE, AdwBin)

SpPersonPage *sp_person_page_new (SpLinkWorkerWindow *window,
                                  SpReferralStore    *store,
                                  const char         *person_id);

G_END_DECLS
