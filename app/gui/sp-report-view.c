/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-report-view.c: the commissioners' report in the app: key figures, charts, wellbeing.
 *
 * Over a range of days (the last year unless changed), from the referrals in memory: the
 * same figures and cairo charts as the PDF, with counts from 1 to 4 shown as "<5". Saving
 * the PDF or the CSV runs in a thread, on a report of its own (a lock frees this one).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-form-rows.h"
#include "sp-referral-report.h"
#include "sp-report-view.h"

struct _SpReportView
{
  AdwBin parent_instance;

  SpLinkWorkerWindow *window;   /* (unowned) */
  SpReferralStore *store;
  SpReferralReport *report;     /* (nullable) until shown */
  GtkBox *column;
  GtkWidget *from;
  GtkWidget *to;
  GtkWidget *figures;           /* a box the figures and charts are put in afresh */
};

G_DEFINE_FINAL_TYPE (SpReportView, sp_report_view, ADW_TYPE_BIN)

static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        data)
{
  SpReportView *self = g_object_get_data (G_OBJECT (area), "view");

  if (self->report != NULL)
    sp_referral_report_draw_chart (self->report, data, cr, width, height);
}

static void
add_figures (SpReportView        *self,
             AdwPreferencesGroup *group,
             SpReportSection      section)
{
  for (const char * const *m = sp_referral_report_measures (section); *m != NULL; m++)
    {
      const SpReportFigure *figure = sp_referral_report_lookup (self->report, *m, NULL);
      g_autofree char *label = sp_referral_report_measure_label (*m);
      g_autofree char *value = figure != NULL ? sp_report_figure_format (figure) : g_strdup (_("none"));

      if (figure != NULL || !g_str_has_suffix (*m, "_change_mean") || !g_str_has_prefix (*m, "ons4_"))
        sp_form_info_row (group, label, value);
    }
}

static void
add_chart (SpReportView *self,
           GtkBox       *box,
           const char   *measure)
{
  g_autofree char *title = sp_referral_report_measure_label (measure);
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_box_append (box, heading);
  g_object_set_data (G_OBJECT (area), "view", self);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_chart, (gpointer) measure, NULL);
  gtk_widget_set_size_request (area, -1, (int) sp_referral_report_chart_height (self->report, measure));
  gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_box_append (box, area);
}

/* Works the figures out again for the range in the boxes, and shows them. */
void
sp_report_view_show (SpReportView *self)
{
  g_autoptr (GPtrArray) referrals = NULL;
  SpDay from = sp_form_get_day (self->from), to = sp_form_get_day (self->to);
  GtkWidget *figures = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  AdwPreferencesGroup *group;

  g_return_if_fail (SP_IS_REPORT_VIEW (self));

  if (from == 0 || to == 0 || to < from)
    {
      sp_link_worker_window_toast (self->window, _("Give the range as two dates, YYYY-MM-DD, the second not before "
                                                   "the first."));
      return;
    }
  referrals = sp_referral_store_dup_referrals (self->store);
  g_clear_pointer (&self->report, sp_referral_report_free);
  self->report = sp_referral_report_new (referrals, from, to);
  group = sp_form_group_new (GTK_BOX (figures), _("Key figures"), _("Counts from 1 to 4 are shown as <5."));
  add_figures (self, group, SP_REPORT_SECTION_KEY);
  for (const char * const *m = sp_referral_report_measures (SP_REPORT_SECTION_CHARTS); *m != NULL; m++)
    add_chart (self, GTK_BOX (figures), *m);
  group = sp_form_group_new (GTK_BOX (figures), _("Wellbeing"), _("People with a first and a review measure."));
  add_figures (self, group, SP_REPORT_SECTION_WELLBEING);
  gtk_box_insert_child_after (self->column, figures, self->figures);
  sp_form_release_focus (self->figures);
  gtk_box_remove (self->column, self->figures);
  self->figures = figures;
}

/* The records changed: the figures are worked out again when next shown. */
void
sp_report_view_invalidate (SpReportView *self)
{
  g_return_if_fail (SP_IS_REPORT_VIEW (self));
  g_clear_pointer (&self->report, sp_referral_report_free);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    sp_report_view_show (self);
}

/* ---- saving it -------------------------------------------------------------------------------- */

typedef struct
{
  SpReferralReport *report;
  char *path;
  gboolean csv;
} Saving;

static void
saving_free (gpointer data)
{
  Saving *job = data;

  sp_referral_report_free (job->report);
  g_free (job->path);
  g_free (job);
}

static void
save_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  Saving *job = data;
  GError *error = NULL;
  gboolean ok = job->csv ? sp_referral_report_write_csv (job->report, job->path, &error)
                         : sp_referral_report_write_pdf (job->report, job->path, &error);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
saved (SpLinkWorkerWindow *window,
       GAsyncResult       *result,
       gpointer            data)
{
  g_autoptr (GError) error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    sp_link_worker_window_toast (window, _("Report saved"));
  else
    sp_link_worker_window_toast (window, error->message);
}

/* Writes the shown report to @path in a thread, on a copy made from the records now. */
void
sp_report_view_save_to (SpReportView *self,
                        const char   *path,
                        gboolean      csv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) referrals = NULL;
  Saving *job;

  g_return_if_fail (SP_IS_REPORT_VIEW (self));

  if (self->report == NULL)
    sp_report_view_show (self);
  if (self->report == NULL || sp_link_worker_window_is_busy (self->window))
    return;
  if (!sp_referral_store_note_exported (self->store, csv ? "report csv" : "report pdf", &error))
    {
      sp_link_worker_window_toast (self->window, error->message);
      return;
    }
  referrals = sp_referral_store_dup_referrals (self->store);
  job = g_new0 (Saving, 1);
  job->report = sp_referral_report_new (referrals, sp_referral_report_get_from (self->report),
                                        sp_referral_report_get_to (self->report));
  job->path = g_strdup (path);
  job->csv = csv;
  sp_link_worker_window_run (self->window, save_thread, job, saving_free, saved, NULL);
}

static void
file_chosen (GtkNativeDialog *chooser,
             int              response,
             SpReportView    *self)
{
  g_autoptr (GFile) file = response == GTK_RESPONSE_ACCEPT ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))
                                                          : NULL;
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  gboolean csv = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "csv"));

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (path != NULL)
    sp_report_view_save_to (self, path, csv);
}

static void
choose_file (SpReportView *self,
             gboolean      csv)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (csv ? _("Save the Figures as CSV") : _("Save the Report"),
                                                               GTK_WINDOW (self->window), GTK_FILE_CHOOSER_ACTION_SAVE,
                                                               _("_Save"), _("_Cancel"));

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), csv ? _("Social prescribing figures.csv")
                                                                     : _("Social prescribing report.pdf"));
  g_object_set_data (G_OBJECT (chooser), "csv", GINT_TO_POINTER (csv));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (file_chosen), self);
  sp_link_worker_window_keep_chooser (self->window, GTK_NATIVE_DIALOG (chooser));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
save_pdf_clicked (SpReportView *self)
{
  choose_file (self, FALSE);
}

static void
save_csv_clicked (SpReportView *self)
{
  choose_file (self, TRUE);
}

/* ---- the view --------------------------------------------------------------------------------- */

static void
sp_report_view_finalize (GObject *object)
{
  SpReportView *self = SP_REPORT_VIEW (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->report, sp_referral_report_free);
  G_OBJECT_CLASS (sp_report_view_parent_class)->finalize (object);
}

static void
sp_report_view_class_init (SpReportViewClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_report_view_finalize;
}

static void
sp_report_view_init (SpReportView *self)
{
}

SpReportView *
sp_report_view_new (SpLinkWorkerWindow *window,
                    SpReferralStore    *store)
{
  SpReportView *self = g_object_new (SP_TYPE_REPORT_VIEW, NULL);
  SpDay today = sp_link_worker_window_get_today (window);
  g_autofree char *from = sp_day_format (today - 364);
  g_autofree char *to = sp_day_format (today);
  GtkWidget *page = sp_form_page_new (&self->column);
  AdwPreferencesGroup *group = sp_form_group_new (self->column, _("Report"),
                                                  _("Referrals received in a range of days, counts only."));

  self->window = window;
  self->store = g_object_ref (store);
  self->from = sp_form_entry_row (group, _("From (YYYY-MM-DD)"), from);
  self->to = sp_form_entry_row (group, _("To, included (YYYY-MM-DD)"), to);
  g_signal_connect_swapped (self->from, "entry-activated", G_CALLBACK (sp_report_view_show), self);
  g_signal_connect_swapped (self->to, "entry-activated", G_CALLBACK (sp_report_view_show), self);
  gtk_box_append (self->column, sp_form_buttons_new (
    sp_form_button_new (_("S_how"), TRUE, G_CALLBACK (sp_report_view_show), self),
    sp_form_button_new (_("Save as _PDF…"), FALSE, G_CALLBACK (save_pdf_clicked), self),
    sp_form_button_new (_("Save as _CSV…"), FALSE, G_CALLBACK (save_csv_clicked), self), NULL));
  self->figures = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (self->column, self->figures);
  adw_bin_set_child (ADW_BIN (self), page);
  return self;
}
