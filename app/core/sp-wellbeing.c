/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-wellbeing.c: the outcome measures: ONS4 (four 0–10 answers) and SWEMWBS (seven 1–5 items).
 *
 * ONS4 answers are kept and reported separately, never added up. SWEMWBS raw totals
 * (7 to 35) are converted to metric scores with Warwick's published table before any
 * comparison: the raw scale is not interval. PAM and MYCaW are licensed and not scored here.
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "sp-wellbeing.h"

/* Warwick's conversion, raw 7 … 35. */
static const double swemwbs_metric_table[] = {
  7.00, 9.51, 11.25, 12.40, 13.33, 14.08, 14.75, 15.32, 15.84, 16.36, 16.88, 17.43, 17.98,
  18.59, 19.25, 19.98, 20.73, 21.54, 22.35, 23.21, 24.11, 25.03, 26.02, 27.03, 28.13, 29.31,
  30.70, 32.55, 35.00,
};

G_STATIC_ASSERT (G_N_ELEMENTS (swemwbs_metric_table) == SP_SWEMWBS_RAW_MAX - SP_SWEMWBS_RAW_MIN + 1);

/* Stable names for files and reports. */
const char *
sp_ons4_question_key (SpOns4Question question)
{
  static const char *keys[] = { "life_satisfaction", "worthwhile", "happy", "anxious" };

  g_return_val_if_fail (question < SP_ONS4_N_QUESTIONS, NULL);
  return keys[question];
}

/* The ONS wording, asked on a scale where 0 is "not at all" and 10 "completely". */
const char *
sp_ons4_question_text (SpOns4Question question)
{
  g_return_val_if_fail (question < SP_ONS4_N_QUESTIONS, NULL);
  switch (question)
    {
    case SP_ONS4_LIFE_SATISFACTION:
      return _("Overall, how satisfied are you with your life nowadays?");
    case SP_ONS4_WORTHWHILE:
      return _("Overall, to what extent do you feel that the things you do in your life are worthwhile?");
    case SP_ONS4_HAPPY:
      return _("Overall, how happy did you feel yesterday?");
    case SP_ONS4_ANXIOUS:
    default:
      return _("On a scale where nought is ‘not at all anxious’ and 10 is ‘completely anxious’, "
               "overall, how anxious did you feel yesterday?");
    }
}

const char *
sp_ons4_question_short (SpOns4Question question)
{
  g_return_val_if_fail (question < SP_ONS4_N_QUESTIONS, NULL);
  switch (question)
    {
    case SP_ONS4_LIFE_SATISFACTION:
      return _("Life satisfaction");
    case SP_ONS4_WORTHWHILE:
      return _("Worthwhile");
    case SP_ONS4_HAPPY:
      return _("Happiness yesterday");
    case SP_ONS4_ANXIOUS:
    default:
      return _("Anxiety yesterday");
    }
}

/**
 * sp_ons4_band:
 *
 * The ONS's band for an answer: satisfaction, worthwhile and happiness 0–4 low, 5–6
 * medium, 7–8 high, 9–10 very high; anxiety 0–1 very low, 2–3 low, 4–5 medium, 6–10 high.
 *
 * Returns: (nullable): the band's name, %NULL for a score outside 0–10
 */
const char *
sp_ons4_band (SpOns4Question question,
              int            score)
{
  g_return_val_if_fail (question < SP_ONS4_N_QUESTIONS, NULL);

  if (score < 0 || score > 10)
    return NULL;
  if (question == SP_ONS4_ANXIOUS)
    return score <= 1 ? _("very low") : score <= 3 ? _("low") : score <= 5 ? _("medium") : _("high");
  return score <= 4 ? _("low") : score <= 6 ? _("medium") : score <= 8 ? _("high") : _("very high");
}

/* How much better the review answer is than the first: review − first, or first − review for
 * anxiety, where lower is better. */
double
sp_ons4_improvement (SpOns4Question question,
                     int            first,
                     int            review)
{
  return question == SP_ONS4_ANXIOUS ? first - review : review - first;
}

/* The seven SWEMWBS statements ("Over the last two weeks…"), each scored 1 (none of the
 * time) to 5 (all of the time). */
const char *
sp_swemwbs_item_text (guint item)
{
  g_return_val_if_fail (item < SP_SWEMWBS_N_ITEMS, NULL);
  switch (item)
    {
    case 0:
      return _("I’ve been feeling optimistic about the future");
    case 1:
      return _("I’ve been feeling useful");
    case 2:
      return _("I’ve been feeling relaxed");
    case 3:
      return _("I’ve been dealing with problems well");
    case 4:
      return _("I’ve been thinking clearly");
    case 5:
      return _("I’ve been feeling close to other people");
    case 6:
    default:
      return _("I’ve been able to make up my own mind about things");
    }
}

/* The words each SWEMWBS answer is given as: 1 "None of the time" … 5 "All of the time".
 * Returns: (nullable): the words, %NULL for a score outside 1–5 */
const char *
sp_swemwbs_answer_label (int score)
{
  switch (score)
    {
    case 1:
      return _("None of the time");
    case 2:
      return _("Rarely");
    case 3:
      return _("Some of the time");
    case 4:
      return _("Often");
    case 5:
      return _("All of the time");
    default:
      return NULL;
    }
}

/* The ends of an ONS4 question's scale, as the ONS words them for the person answering. */
void
sp_ons4_scale_ends (SpOns4Question question,
                    const char   **nought,
                    const char   **ten)
{
  g_return_if_fail (question < SP_ONS4_N_QUESTIONS);
  *nought = question == SP_ONS4_ANXIOUS ? _("not at all anxious") : _("not at all");
  *ten = question == SP_ONS4_ANXIOUS ? _("completely anxious") : _("completely");
}

/**
 * sp_swemwbs_metric:
 * @raw: the sum of the seven items, 7 to 35
 *
 * Returns: the metric score from Warwick's table, or NAN for a raw score outside 7–35
 */
double
sp_swemwbs_metric (int raw)
{
  if (raw < SP_SWEMWBS_RAW_MIN || raw > SP_SWEMWBS_RAW_MAX)
    return NAN;
  return swemwbs_metric_table[raw - SP_SWEMWBS_RAW_MIN];
}

/* The raw total of seven answers (each 1–5), or 0 when any is missing or out of range. */
int
sp_swemwbs_raw_from_items (const gint8 *items)
{
  int sum = 0;

  for (guint i = 0; i < SP_SWEMWBS_N_ITEMS; i++)
    {
      if (items[i] < 1 || items[i] > 5)
        return 0;
      sum += items[i];
    }
  return sum;
}

/* Whether a change in one person's metric score is beyond measurement error. */
gboolean
sp_swemwbs_is_meaningful (double change)
{
  /* The table's values have two decimals: compare in hundredths. */
  return fabs (round (change * 100)) >= round (SP_SWEMWBS_MEANINGFUL_CHANGE * 100);
}
