/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-caseload-view.h: the caseload, with the referral, person, directory and outcome pages
 * beside it. */
#pragma once

#include <adwaita.h>

#include "sp-link-worker-window.h"

G_BEGIN_DECLS

#define SP_TYPE_CASELOAD_VIEW (sp_caseload_view_get_type ())
G_DECLARE_FINAL_TYPE (SpCaseloadView, sp_caseload_view, SP, CASELOAD_VIEW, AdwBin)

/* What the caseload lists. */
typedef enum
{
  SP_CASELOAD_OPEN,           /* every referral not declined or closed */
  SP_CASELOAD_DUE,            /* next contact due today or overdue */
  SP_CASELOAD_NO_CONTACT,     /* no contact for six working days */
  SP_CASELOAD_ALL,
} SpCaseloadFilter;

SpCaseloadView *sp_caseload_view_new            (SpLinkWorkerWindow *window,
                                                 SpReferralStore    *store);
void            sp_caseload_view_refresh        (SpCaseloadView     *self);
void            sp_caseload_view_focus_search   (SpCaseloadView     *self);
void            sp_caseload_view_set_filter     (SpCaseloadView     *self,
                                                 SpCaseloadFilter    filter);
void            sp_caseload_view_show_referral  (SpCaseloadView     *self,
                                                 const char         *referral_id);
void            sp_caseload_view_show_referral_at (SpCaseloadView   *self,
                                                 const char         *referral_id,
                                                 const char         *focus_key);
void            sp_caseload_view_show_person    (SpCaseloadView     *self,
                                                 const char         *person_id);
void            sp_caseload_view_show_finder    (SpCaseloadView     *self,
                                                 const char         *referral_id);
void            sp_caseload_view_show_outcome   (SpCaseloadView     *self,
                                                 const char         *referral_id,
                                                 gboolean            review);
void            sp_caseload_view_show_list      (SpCaseloadView     *self);
void            sp_caseload_view_go_back        (SpCaseloadView     *self);

G_END_DECLS
