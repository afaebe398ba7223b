/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-referral-report.c: the commissioners' figures over a date range, and the CSV of them.
 *
 * Computed from the decrypted referrals in memory. A range holds the referrals received
 * on a day inside it. Only counts and figures made from counts come out: never a name, a
 * date of birth, a free-text reason or a note. A count from 1 to 4 is shown as "<5"; so is
 * a rate, median or mean that rests on 1 to 4 referrals or people (or a rate whose
 * numerator is that small), since it would give the count away.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sp-referral-report.h"

#define TOP_SERVICES 10

struct _SpReferralReport
{
  SpDay from;
  SpDay to;
  GPtrArray *figures;   /* (element-type SpReportFigure) in CSV order */
};

static void
figure_free (gpointer data)
{
  SpReportFigure *figure = data;

  g_free (figure->measure);
  g_free (figure->group);
  g_free (figure);
}

static SpReportFigure *
add (SpReferralReport *report,
     const char       *measure,
     const char       *group,
     SpFigureKind      kind,
     double            value,
     guint             base)
{
  SpReportFigure *figure = g_new0 (SpReportFigure, 1);

  figure->measure = g_strdup (measure);
  figure->group = g_strdup (group);
  figure->kind = kind;
  figure->value = value;
  figure->base = base;
  g_ptr_array_add (report->figures, figure);
  return figure;
}

static void
add_count (SpReferralReport *report,
           const char       *measure,
           const char       *group,
           guint             count)
{
  add (report, measure, group, SP_FIGURE_COUNT, count, count);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (GArray *values)
{
  guint n = values->len;

  if (n == 0)
    return 0;
  g_array_sort (values, compare_doubles);
  if (n % 2 == 1)
    return g_array_index (values, double, n / 2);
  return (g_array_index (values, double, n / 2 - 1) + g_array_index (values, double, n / 2)) / 2;
}

typedef struct
{
  char *name;
  guint referred;
  guint signposted;
  GHashTable *went;     /* person ids who went */
} ServiceTally;

static void
service_tally_free (gpointer data)
{
  ServiceTally *tally = data;

  g_free (tally->name);
  g_hash_table_unref (tally->went);
  g_free (tally);
}

static int
compare_tallies (gconstpointer a,
                 gconstpointer b)
{
  const ServiceTally *x = *(ServiceTally * const *) a, *y = *(ServiceTally * const *) b;

  if (x->referred != y->referred)
    return x->referred > y->referred ? -1 : 1;
  if (x->signposted != y->signposted)
    return x->signposted > y->signposted ? -1 : 1;
  return g_strcmp0 (x->name, y->name);
}

static void
add_services (SpReferralReport *report,
              GPtrArray        *in_range)
{
  g_autoptr (GHashTable) by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, service_tally_free);
  g_autoptr (GPtrArray) sorted = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < in_range->len; i++)
    {
      SpReferral *r = in_range->pdata[i];
      for (guint j = 0; j < r->services->len; j++)
        {
          SpServiceLink *link = &g_array_index (r->services, SpServiceLink, j);
          ServiceTally *tally = g_hash_table_lookup (by_id, link->service_id);

          if (tally == NULL)
            {
              tally = g_new0 (ServiceTally, 1);
              tally->name = g_strdup (link->service_name != NULL ? link->service_name : link->service_id);
              tally->went = g_hash_table_new (g_str_hash, g_str_equal);
              g_hash_table_insert (by_id, g_strdup (link->service_id), tally);
            }
          if (link->kind == SP_SERVICE_LINK_REFERRED)
            tally->referred++;
          else
            tally->signposted++;
          if (link->attended == SP_ATTENDED_YES)
            g_hash_table_add (tally->went, r->person_id);
        }
    }
  g_hash_table_iter_init (&iter, by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (sorted, value);
  g_ptr_array_sort (sorted, compare_tallies);
  for (guint i = 0; i < MIN (sorted->len, TOP_SERVICES); i++)
    {
      ServiceTally *tally = sorted->pdata[i];
      add_count (report, "services_referred", tally->name, tally->referred);
      add_count (report, "services_signposted", tally->name, tally->signposted);
      add_count (report, "services_people_went", tally->name, g_hash_table_size (tally->went));
    }
}

/* For each person, the latest referral in range with both sittings of a measure. */
static GPtrArray *
latest_with_both (GPtrArray *in_range,
                  gboolean (*has_both) (const SpReferral *))
{
  g_autoptr (GHashTable) by_person = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *chosen = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < in_range->len; i++)
    {
      SpReferral *r = in_range->pdata[i];
      SpReferral *kept;

      if (!has_both (r))
        continue;
      kept = g_hash_table_lookup (by_person, r->person_id);
      if (kept == NULL || r->received_on > kept->received_on ||
          (r->received_on == kept->received_on && g_strcmp0 (r->id, kept->id) > 0))
        g_hash_table_insert (by_person, r->person_id, r);
    }
  g_hash_table_iter_init (&iter, by_person);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (chosen, value);
  return chosen;
}

static gboolean
has_both_ons4 (const SpReferral *r)
{
  return sp_outcome_has_ons4 (&r->first) && sp_outcome_has_ons4 (&r->review);
}

static gboolean
has_both_swemwbs (const SpReferral *r)
{
  return sp_outcome_swemwbs_raw (&r->first) > 0 && sp_outcome_swemwbs_raw (&r->review) > 0;
}

static void
add_outcomes (SpReferralReport *report,
              GPtrArray        *in_range)
{
  g_autoptr (GPtrArray) ons4 = latest_with_both (in_range, has_both_ons4);
  g_autoptr (GPtrArray) swemwbs = latest_with_both (in_range, has_both_swemwbs);
  double first_sum = 0, review_sum = 0;
  guint improved = 0, declined = 0;

  add_count (report, "ons4_people_with_both", NULL, ons4->len);
  for (SpOns4Question q = 0; q < SP_ONS4_N_QUESTIONS; q++)
    {
      g_autofree char *measure = g_strdup_printf ("ons4_%s_change_mean", sp_ons4_question_key (q));
      double sum = 0;

      for (guint i = 0; i < ons4->len; i++)
        {
          SpReferral *r = ons4->pdata[i];
          sum += r->review.ons4[q] - r->first.ons4[q];
        }
      add (report, measure, NULL, SP_FIGURE_MEAN, ons4->len > 0 ? sum / ons4->len : 0, ons4->len);
    }

  add_count (report, "swemwbs_people_with_both", NULL, swemwbs->len);
  for (guint i = 0; i < swemwbs->len; i++)
    {
      SpReferral *r = swemwbs->pdata[i];
      double first = sp_swemwbs_metric (sp_outcome_swemwbs_raw (&r->first));
      double review = sp_swemwbs_metric (sp_outcome_swemwbs_raw (&r->review));

      first_sum += first;
      review_sum += review;
      if (sp_swemwbs_is_meaningful (review - first))
        {
          improved += review > first;
          declined += review < first;
        }
    }
  add (report, "swemwbs_metric_first_mean", NULL, SP_FIGURE_MEAN,
       swemwbs->len > 0 ? first_sum / swemwbs->len : 0, swemwbs->len);
  add (report, "swemwbs_metric_review_mean", NULL, SP_FIGURE_MEAN,
       swemwbs->len > 0 ? review_sum / swemwbs->len : 0, swemwbs->len);
  add (report, "swemwbs_metric_change_mean", NULL, SP_FIGURE_MEAN,
       swemwbs->len > 0 ? (review_sum - first_sum) / swemwbs->len : 0, swemwbs->len);
  add_count (report, "swemwbs_meaningful_improvement", NULL, improved);
  add_count (report, "swemwbs_meaningful_decline", NULL, declined);
}

/**
 * sp_referral_report_new:
 * @referrals: (element-type SpReferral): every referral (those outside the range are
 *   left out here)
 * @from: the first day of the range
 * @to: the last day, included
 *
 * Returns: (transfer full): the figures of the referrals received from @from to @to
 */
SpReferralReport *
sp_referral_report_new (GPtrArray *referrals,
                        SpDay      from,
                        SpDay      to)
{
  SpReferralReport *report = g_new0 (SpReferralReport, 1);
  g_autoptr (GPtrArray) in_range = g_ptr_array_new ();
  g_autoptr (GArray) days = g_array_new (FALSE, FALSE, sizeof (double));
  guint by_source[SP_REFERRAL_N_SOURCES] = { 0 };
  guint by_status[SP_REFERRAL_N_STATUSES] = { 0 };
  guint by_reason[SP_N_REASONS] = { 0 };
  guint other_reason = 0;
  guint accepted = 0;
  GDate month;
  SpReportFigure *rate;

  g_return_val_if_fail (referrals != NULL, NULL);

  report->from = from;
  report->to = to;
  report->figures = g_ptr_array_new_with_free_func (figure_free);
  for (guint i = 0; i < referrals->len; i++)
    {
      SpReferral *r = referrals->pdata[i];

      if (r->received_on < from || r->received_on > to)
        continue;
      g_ptr_array_add (in_range, r);
      by_source[MIN (r->source, SP_REFERRAL_N_SOURCES - 1)]++;
      by_status[MIN (r->status, SP_REFERRAL_N_STATUSES - 1)]++;
      for (SpReason reason = 0; reason < SP_N_REASONS; reason++)
        by_reason[reason] += (r->reasons >> reason) & 1;
      other_reason += r->other_reasons != NULL && *r->other_reasons != '\0';
      accepted += r->accepted;
      if (r->first_contact_on != 0)
        {
          double d = (double) r->first_contact_on - r->received_on;
          g_array_append_val (days, d);
        }
    }

  add_count (report, "referrals_received", NULL, in_range->len);
  for (SpReferralSource s = 0; s < SP_REFERRAL_N_SOURCES; s++)
    add_count (report, "referrals_by_source", sp_referral_source_to_string (s), by_source[s]);
  for (SpReason reason = 0; reason < SP_N_REASONS; reason++)
    add_count (report, "referrals_by_reason", sp_reason_to_string (reason), by_reason[reason]);
  add_count (report, "referrals_by_reason", "other", other_reason);
  for (SpReferralStatus s = 0; s < SP_REFERRAL_N_STATUSES; s++)
    add_count (report, "referrals_by_status", sp_referral_status_to_string (s), by_status[s]);

  g_date_clear (&month, 1);
  g_date_set_julian (&month, from);
  g_date_set_day (&month, 1);
  while (g_date_get_julian (&month) <= to)
    {
      g_autofree char *key = g_strdup_printf ("%04d-%02d", g_date_get_year (&month), g_date_get_month (&month));
      SpDay start = MAX (g_date_get_julian (&month), from);
      SpDay end;
      guint n = 0;

      g_date_add_months (&month, 1);
      end = MIN (g_date_get_julian (&month) - 1, to);
      for (guint i = 0; i < in_range->len; i++)
        {
          SpReferral *r = in_range->pdata[i];
          n += r->received_on >= start && r->received_on <= end;
        }
      add_count (report, "referrals_by_month", key, n);
    }

  rate = add (report, "accepted_rate", NULL, SP_FIGURE_RATE,
              in_range->len > 0 ? (double) accepted / in_range->len : 0, in_range->len);
  rate->numerator = accepted;
  add (report, "median_days_to_first_contact", NULL, SP_FIGURE_MEDIAN, median (days), days->len);
  add_services (report, in_range);
  add_outcomes (report, in_range);
  return report;
}

void
sp_referral_report_free (SpReferralReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->figures);
  g_free (report);
}

SpDay
sp_referral_report_get_from (SpReferralReport *report)
{
  return report->from;
}

SpDay
sp_referral_report_get_to (SpReferralReport *report)
{
  return report->to;
}

/* Returns: (transfer none) (element-type SpReportFigure): every figure, in CSV order */
GPtrArray *
sp_referral_report_get_figures (SpReferralReport *report)
{
  return report->figures;
}

/* Returns: (nullable) (transfer none): the figure for @measure and @group (%NULL for none) */
const SpReportFigure *
sp_referral_report_lookup (SpReferralReport *report,
                           const char       *measure,
                           const char       *group)
{
  for (guint i = 0; i < report->figures->len; i++)
    {
      SpReportFigure *figure = report->figures->pdata[i];
      if (g_str_equal (figure->measure, measure) && g_strcmp0 (figure->group, group) == 0)
        return figure;
    }
  return NULL;
}

static gboolean
small (guint n)
{
  return n > 0 && n < SP_REPORT_SMALLEST_SHOWN;
}

/**
 * sp_report_figure_format:
 *
 * The figure as the CSV and PDF show it: a whole number for a count, two decimals for a
 * rate or mean, the median as it is; "<5" where it is suppressed, "" where it rests on
 * nothing.
 *
 * Returns: (transfer full): the text
 */
char *
sp_report_figure_format (const SpReportFigure *figure)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (small (figure->base) || (figure->kind == SP_FIGURE_RATE && small (figure->numerator)))
    return g_strdup ("<5");
  if (figure->kind != SP_FIGURE_COUNT && figure->base == 0)
    return g_strdup ("");
  switch (figure->kind)
    {
    case SP_FIGURE_COUNT:
      return g_strdup_printf ("%.0f", figure->value);
    case SP_FIGURE_MEDIAN:
      return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%g", figure->value));
    case SP_FIGURE_RATE:
    case SP_FIGURE_MEAN:
    default:
      /* -0.00 reads as a change that is not there. */
      return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.2f",
                                        fabs (figure->value) < 0.005 ? 0.0 : figure->value));
    }
}

static void
append_csv_field (GString    *out,
                  const char *text)
{
  if (text == NULL)
    return;
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* The long-form CSV: a header "measure,group,value", then one figure a row. */
char *
sp_referral_report_to_csv (SpReferralReport *report)
{
  GString *out = g_string_new ("measure,group,value\n");

  for (guint i = 0; i < report->figures->len; i++)
    {
      SpReportFigure *figure = report->figures->pdata[i];
      g_autofree char *value = sp_report_figure_format (figure);

      append_csv_field (out, figure->measure);
      g_string_append_c (out, ',');
      append_csv_field (out, figure->group);
      g_string_append_c (out, ',');
      append_csv_field (out, value);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

gboolean
sp_referral_report_write_csv (SpReferralReport *report,
                              const char       *path,
                              GError          **error)
{
  g_autofree char *csv = sp_referral_report_to_csv (report);

  return g_file_set_contents_full (path, csv, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

/* A group's name in words: "GP" for gp, "March 2026" for 2026-03; service names as they are. */
char *
sp_referral_report_group_label (const char *measure,
                                const char *group)
{
  SpReferralSource source;
  SpReferralStatus status;
  SpReason reason;

  if (group == NULL)
    return g_strdup ("");
  if (g_str_equal (measure, "referrals_by_source") && sp_referral_source_from_string (group, &source))
    return g_strdup (sp_referral_source_label (source));
  if (g_str_equal (measure, "referrals_by_status") && sp_referral_status_from_string (group, &status))
    return g_strdup (sp_referral_status_label (status));
  if (g_str_equal (measure, "referrals_by_reason"))
    return g_strdup (sp_reason_from_string (group, &reason) ? sp_reason_label (reason) : _("Other reasons"));
  if (g_str_equal (measure, "referrals_by_month"))
    {
      g_autoptr (GDateTime) month = NULL;
      int year = 0, number = 0;

      if (sscanf (group, "%d-%d", &year, &number) == 2 &&
          (month = g_date_time_new_utc (year, number, 1, 0, 0, 0)) != NULL)
        return g_date_time_format (month, "%b %Y");
    }
  return g_strdup (group);
}

/* ---- what each figure is called ----------------------------------------------------------- */

static const char *key_measures[] = {
  "referrals_received", "accepted_rate", "median_days_to_first_contact", NULL,
};
static const char *chart_measures[] = {
  "referrals_by_month", "referrals_by_source", "referrals_by_status", "referrals_by_reason", "services_referred",
  "services_people_went", NULL,
};
static const char *wellbeing_measures[] = {
  "ons4_people_with_both", "ons4_life_satisfaction_change_mean", "ons4_worthwhile_change_mean",
  "ons4_happy_change_mean", "ons4_anxious_change_mean", "swemwbs_people_with_both", "swemwbs_metric_first_mean",
  "swemwbs_metric_review_mean", "swemwbs_metric_change_mean", "swemwbs_meaningful_improvement",
  "swemwbs_meaningful_decline", NULL,
};

/**
 * sp_referral_report_measures:
 *
 * The measures a report shows, in order: the key figures, the charts, or the wellbeing
 * figures (people with a first and a review measure).
 *
 * Returns: (transfer none): a %NULL-terminated array of measure names
 */
const char * const *
sp_referral_report_measures (SpReportSection section)
{
  switch (section)
    {
    case SP_REPORT_SECTION_KEY:
      return key_measures;
    case SP_REPORT_SECTION_CHARTS:
      return chart_measures;
    case SP_REPORT_SECTION_WELLBEING:
    default:
      return wellbeing_measures;
    }
}

/* A measure's name in words, for the app and the PDF alike. */
char *
sp_referral_report_measure_label (const char *measure)
{
  static const struct { const char *measure; const char *label; } labels[] = {
    { "referrals_received", N_("Referrals received") },
    { "accepted_rate", N_("Accepted ÷ received") },
    { "median_days_to_first_contact", N_("Median days from referral to first contact") },
    { "referrals_by_month", N_("Referrals by month") },
    { "referrals_by_source", N_("Referrals by source") },
    { "referrals_by_status", N_("Referrals by status") },
    { "referrals_by_reason", N_("Referrals by reason") },
    { "services_referred", N_("Services most referred to") },
    { "services_people_went", N_("People who went, by service") },
    { "ons4_people_with_both", N_("People with both ONS4 measures") },
    { "swemwbs_people_with_both", N_("People with both SWEMWBS measures") },
    { "swemwbs_metric_first_mean", N_("SWEMWBS metric score, first (mean)") },
    { "swemwbs_metric_review_mean", N_("SWEMWBS metric score, review (mean)") },
    { "swemwbs_metric_change_mean", N_("SWEMWBS metric change (mean)") },
    { "swemwbs_meaningful_improvement", N_("Meaningful improvement (2.87 points or more)") },
    { "swemwbs_meaningful_decline", N_("Meaningful decline (2.87 points or more)") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (measure, labels[i].measure))
      return g_strdup (_(labels[i].label));
  for (SpOns4Question q = 0; q < SP_ONS4_N_QUESTIONS; q++)
    {
      g_autofree char *name = g_strdup_printf ("ons4_%s_change_mean", sp_ons4_question_key (q));
      if (g_str_equal (measure, name))
        return g_strdup_printf (q == SP_ONS4_ANXIOUS ? _("%s: mean change (lower is better)") : _("%s: mean change"),
                                sp_ons4_question_short (q));
    }
  return g_strdup (measure);
}
