/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-wellbeing.h: the outcome measures: ONS4 (four 0–10 answers) and SWEMWBS (seven 1–5 items). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SP_ONS4_LIFE_SATISFACTION,
  SP_ONS4_WORTHWHILE,
  SP_ONS4_HAPPY,
  SP_ONS4_ANXIOUS,           /* lower is better */
  SP_ONS4_N_QUESTIONS,
} SpOns4Question;

#define SP_SWEMWBS_N_ITEMS 7
#define SP_SWEMWBS_RAW_MIN 7
#define SP_SWEMWBS_RAW_MAX 35

/* Shah et al. 2018: a change in an individual's metric score beyond 2.77 standard errors of
 * measurement (2.87 points) is meaningful; one SEM is 1.03 points. */
#define SP_SWEMWBS_MEANINGFUL_CHANGE 2.87

const char *sp_ons4_question_key      (SpOns4Question question);
const char *sp_ons4_question_text     (SpOns4Question question);
const char *sp_ons4_question_short    (SpOns4Question question);
const char *sp_ons4_band              (SpOns4Question question,
                                       int            score);
double      sp_ons4_improvement       (SpOns4Question question,
                                       int            first,
                                       int            review);
void        sp_ons4_scale_ends        (SpOns4Question question,
                                       const char   **nought,
                                       const char   **ten);

const char *sp_swemwbs_item_text      (guint          item);
const char *sp_swemwbs_answer_label   (int            score);
double      sp_swemwbs_metric         (int            raw);
int         sp_swemwbs_raw_from_items (const gint8   *items);
gboolean    sp_swemwbs_is_meaningful  (double         change);

G_END_DECLS
