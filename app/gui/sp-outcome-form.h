/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-outcome-form.h: ONS4 and SWEMWBS, asked at first contact or at review, and how to say
 * what they found and what changed. */
#pragma once

#include <adwaita.h>

#include "sp-link-worker-window.h"

G_BEGIN_DECLS

#define SP_TYPE_OUTCOME_FORM (sp_outcome_form_get_type ())
G_DECLARE_FINAL_TYPE (SpOutcomeForm, sp_outcome_form, SP, OUTCOME_FORM, AdwBin)

SpOutcomeForm *sp_outcome_form_new          (SpLinkWorkerWindow *window,
                                             SpReferralStore    *store,
                                             const char         *referral_id,
                                             gboolean            review);

char          *sp_outcome_describe          (const SpOutcome    *outcome);
GPtrArray     *sp_outcome_describe_changes  (const SpOutcome    *first,
                                             const SpOutcome    *review);

G_END_DECLS
