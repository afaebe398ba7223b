/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-caseload-item.h: one referral and its person, as a row of the link worker's caseload. */
#pragma once

#include <glib-object.h>

#include "sp-referral-model.h"

G_BEGIN_DECLS

#define SP_TYPE_CASELOAD_ITEM (sp_caseload_item_get_type ())
G_DECLARE_FINAL_TYPE (SpCaseloadItem, sp_caseload_item, SP, CASELOAD_ITEM, GObject)

SpCaseloadItem *sp_caseload_item_new          (SpPerson       *person,
                                               SpReferral     *referral,
                                               SpFollowUp      follow_up);
SpPerson       *sp_caseload_item_get_person   (SpCaseloadItem *self);
SpReferral     *sp_caseload_item_get_referral (SpCaseloadItem *self);
SpFollowUp      sp_caseload_item_get_follow_up (SpCaseloadItem *self);
char           *sp_caseload_item_dup_summary  (SpCaseloadItem *self);
gboolean        sp_caseload_item_matches      (SpCaseloadItem *self,
                                               const char     *needle,
                                               const char     *digits);

G_END_DECLS
