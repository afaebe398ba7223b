/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-referral-report.h: the commissioners' figures over a date range, as CSV, PDF and charts. */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "sp-referral-model.h"

G_BEGIN_DECLS

/* Counts from 1 to this are shown as "<5", never as themselves. */
#define SP_REPORT_SMALLEST_SHOWN 5

typedef enum
{
  SP_FIGURE_COUNT,
  SP_FIGURE_RATE,
  SP_FIGURE_MEDIAN,
  SP_FIGURE_MEAN,
} SpFigureKind;

typedef struct
{
  char *measure;            /* referrals_by_status, accepted_rate, … */
  char *group;              /* (nullable) accepted, 2026-03, a service's name … */
  SpFigureKind kind;
  double value;
  guint base;               /* how many referrals or people it rests on */
  guint numerator;          /* for a rate: how many of them */
} SpReportFigure;

typedef enum
{
  SP_REPORT_SECTION_KEY,
  SP_REPORT_SECTION_CHARTS,
  SP_REPORT_SECTION_WELLBEING,
} SpReportSection;

typedef struct _SpReferralReport SpReferralReport;

SpReferralReport *sp_referral_report_new            (GPtrArray        *referrals,
                                                     SpDay             from,
                                                     SpDay             to);
void              sp_referral_report_free           (SpReferralReport *report);
SpDay             sp_referral_report_get_from       (SpReferralReport *report);
SpDay             sp_referral_report_get_to         (SpReferralReport *report);
GPtrArray        *sp_referral_report_get_figures    (SpReferralReport *report);
const SpReportFigure *sp_referral_report_lookup     (SpReferralReport *report,
                                                     const char       *measure,
                                                     const char       *group);
char             *sp_report_figure_format           (const SpReportFigure *figure);
char             *sp_referral_report_to_csv         (SpReferralReport *report);
gboolean          sp_referral_report_write_csv      (SpReferralReport *report,
                                                     const char       *path,
                                                     GError          **error);
char             *sp_referral_report_group_label    (const char       *measure,
                                                     const char       *group);
void              sp_referral_report_draw_chart     (SpReferralReport *report,
                                                     const char       *measure,
                                                     cairo_t          *cr,
                                                     double            width,
                                                     double            height);
double            sp_referral_report_chart_height   (SpReferralReport *report,
                                                     const char       *measure);
const char * const *sp_referral_report_measures    (SpReportSection   section);
char             *sp_referral_report_measure_label  (const char       *measure);
gboolean          sp_referral_report_write_pdf      (SpReferralReport *report,
                                                     const char       *path,
                                                     GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpReferralReport, sp_referral_report_free)

G_END_DECLS
