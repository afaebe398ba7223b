/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-referral-report-pdf.c: the commissioners' report drawn: bar charts and an A4 PDF.
 *
 * The app's report page and the PDF draw the same charts with the same code. A bar for a
 * suppressed count ("<5") is not drawn, since its length would give the count away.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "sp-referral-report.h"

#define ROW_HEIGHT 22.0
#define PAGE_WIDTH 595.0     /* A4 in points */
#define PAGE_HEIGHT 842.0
#define MARGIN 56.0

static GPtrArray *
figures_of (SpReferralReport *report,
            const char       *measure)
{
  GPtrArray *chosen = g_ptr_array_new ();
  GPtrArray *all = sp_referral_report_get_figures (report);

  for (guint i = 0; i < all->len; i++)
    if (g_str_equal (((SpReportFigure *) all->pdata[i])->measure, measure))
      g_ptr_array_add (chosen, all->pdata[i]);
  return chosen;
}

/* How tall sp_referral_report_draw_chart() wants to draw @measure, in points or pixels. */
double
sp_referral_report_chart_height (SpReferralReport *report,
                                 const char       *measure)
{
  g_autoptr (GPtrArray) figures = figures_of (report, measure);
  return MAX (1, figures->len) * ROW_HEIGHT;
}

static void
show_text (cairo_t    *cr,
           const char *text,
           double      x,
           double      y,
           double      width,
           double      size,
           gboolean    bold,
           PangoAlignment align)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("DejaVu Sans");
  int height;

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, NULL, &height);
  cairo_move_to (cr, x, y - height / 2.0);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (font);
  g_object_unref (layout);
}

/**
 * sp_referral_report_draw_chart:
 * @measure: referrals_by_month, referrals_by_source, services_referred, …
 *
 * Draws @measure's figures as horizontal bars, one a row, each labelled and with its value
 * at its end, into the box (0, 0, @width, @height) of @cr.
 */
void
sp_referral_report_draw_chart (SpReferralReport *report,
                               const char       *measure,
                               cairo_t          *cr,
                               double            width,
                               double            height)
{
  g_autoptr (GPtrArray) figures = figures_of (report, measure);
  double label_width = width * 0.38;
  double value_width = 48;
  double bar_space = MAX (10, width - label_width - value_width - 12);
  double row = figures->len > 0 ? MIN (ROW_HEIGHT, height / figures->len) : ROW_HEIGHT;
  double largest = 0;

  for (guint i = 0; i < figures->len; i++)
    largest = MAX (largest, ((SpReportFigure *) figures->pdata[i])->value);

  cairo_save (cr);
  for (guint i = 0; i < figures->len; i++)
    {
      SpReportFigure *figure = figures->pdata[i];
      g_autofree char *label = sp_referral_report_group_label (figure->measure, figure->group);
      g_autofree char *value = sp_report_figure_format (figure);
      gboolean suppressed = g_str_equal (value, "<5");
      double middle = row * i + row / 2;
      double bar = !suppressed && largest > 0 ? bar_space * figure->value / largest : 0;

      cairo_set_source_rgb (cr, 0.14, 0.16, 0.18);
      show_text (cr, label, 0, middle, label_width - 8, row * 0.5, FALSE, PANGO_ALIGN_RIGHT);
      if (bar > 0)
        {
          cairo_set_source_rgb (cr, 0.11, 0.44, 0.85);
          cairo_rectangle (cr, label_width, middle - row * 0.32, MAX (bar, 1), row * 0.64);
          cairo_fill (cr);
        }
      cairo_set_source_rgb (cr, 0.14, 0.16, 0.18);
      show_text (cr, value, label_width + bar + 6, middle, value_width, row * 0.5, FALSE, PANGO_ALIGN_LEFT);
    }
  cairo_restore (cr);
}

typedef struct
{
  cairo_t *cr;
  double y;
} Page;

static void
need (Page  *page,
      double height)
{
  if (page->y + height <= PAGE_HEIGHT - MARGIN)
    return;
  cairo_show_page (page->cr);
  page->y = MARGIN;
}

static void
heading (Page       *page,
         const char *text,
         double      size)
{
  need (page, size * 2.6 + ROW_HEIGHT * 2);
  page->y += size * 1.2;
  cairo_set_source_rgb (page->cr, 0, 0, 0);
  show_text (page->cr, text, MARGIN, page->y, PAGE_WIDTH - 2 * MARGIN, size, TRUE, PANGO_ALIGN_LEFT);
  page->y += size * 1.4;
}

static void
line (Page       *page,
      const char *label,
      const char *value)
{
  need (page, ROW_HEIGHT);
  cairo_set_source_rgb (page->cr, 0.14, 0.16, 0.18);
  show_text (page->cr, label, MARGIN, page->y + ROW_HEIGHT / 2, 330, 10.5, FALSE, PANGO_ALIGN_LEFT);
  show_text (page->cr, value, MARGIN + 340, page->y + ROW_HEIGHT / 2, PAGE_WIDTH - 2 * MARGIN - 340, 10.5,
             TRUE, PANGO_ALIGN_LEFT);
  page->y += ROW_HEIGHT;
}

/* A figure of the report: the ONS4 changes only when there are any. */
static void
figure_line (Page             *page,
             SpReferralReport *report,
             const char       *measure)
{
  const SpReportFigure *figure = sp_referral_report_lookup (report, measure, NULL);
  g_autofree char *value = figure != NULL ? sp_report_figure_format (figure) : g_strdup ("");
  g_autofree char *label = sp_referral_report_measure_label (measure);

  if (figure == NULL && g_str_has_prefix (measure, "ons4_") && g_str_has_suffix (measure, "_change_mean"))
    return;
  line (page, label, *value != '\0' ? value : _("none"));
}

static void
chart (Page             *page,
       SpReferralReport *report,
       const char       *measure)
{
  double height = sp_referral_report_chart_height (report, measure);
  g_autofree char *title = sp_referral_report_measure_label (measure);

  heading (page, title, 13);
  need (page, height);
  cairo_save (page->cr);
  cairo_translate (page->cr, MARGIN, page->y);
  sp_referral_report_draw_chart (report, measure, page->cr, PAGE_WIDTH - 2 * MARGIN, height);
  cairo_restore (page->cr);
  page->y += height + 8;
}

/**
 * sp_referral_report_write_pdf:
 *
 * Writes the report as an A4 PDF: the key figures, charts by month, source, status and
 * reason, the services most referred to, and the outcome measures. Nothing personal.
 */
gboolean
sp_referral_report_write_pdf (SpReferralReport *report,
                              const char       *path,
                              GError          **error)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, PAGE_WIDTH, PAGE_HEIGHT);
  g_autofree char *from = sp_day_format (sp_referral_report_get_from (report));
  g_autofree char *to = sp_day_format (sp_referral_report_get_to (report));
  g_autofree char *range = g_strdup_printf (_("Referrals received from %s to %s"), from, to);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *made = g_date_time_format (now, _("Made by Signpost on %Y-%m-%d. No personal details are "
                                                   "included."));
  Page page = { cairo_create (surface), MARGIN };
  cairo_status_t status;

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Social prescribing report"));
  heading (&page, _("Social prescribing report"), 20);
  line (&page, range, "");
  cairo_set_source_rgb (page.cr, 0.3, 0.3, 0.3);
  show_text (page.cr, made, MARGIN, page.y + 8, PAGE_WIDTH - 2 * MARGIN, 8.5, FALSE, PANGO_ALIGN_LEFT);
  show_text (page.cr, _("Counts from 1 to 4 are shown as <5, and so are figures resting on so few."), MARGIN,
             page.y + 20, PAGE_WIDTH - 2 * MARGIN, 8.5, FALSE, PANGO_ALIGN_LEFT);
  page.y += 36;

  heading (&page, _("Key figures"), 13);
  for (const char * const *m = sp_referral_report_measures (SP_REPORT_SECTION_KEY); *m != NULL; m++)
    figure_line (&page, report, *m);
  for (const char * const *m = sp_referral_report_measures (SP_REPORT_SECTION_CHARTS); *m != NULL; m++)
    chart (&page, report, *m);
  heading (&page, _("Wellbeing: people with a first and a review measure"), 13);
  for (const char * const *m = sp_referral_report_measures (SP_REPORT_SECTION_WELLBEING); *m != NULL; m++)
    figure_line (&page, report, *m);

  cairo_show_page (page.cr);
  cairo_destroy (page.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The report could not be written to %s: %s"),
                   path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
