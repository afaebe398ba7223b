/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-import-dialog.c: File → Import…: a feed imported off the main thread, with progress.
 *
 * The import runs in a GTask thread with its own connection to the store and its own
 * handle on the search index, so the window stays responsive (and searchable, on the
 * store as it was) for the minute a large feed can take. The dialog shows a progress bar
 * and a Cancel button; cancelling, like any failure, changes nothing. At the end it shows
 * what happened: new, updated, unchanged, and what was skipped and why.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "sp-import-dialog.h"
#include "sp-search-directory.h"

/* Reasons listed in the summary; the rest are counted. */
#define SHOWN_PROBLEMS 12

typedef struct
{
  char *store_path;
  char *feed_path;
  SpImportedFunc imported;
  gpointer user_data;
  GtkWindow *parent;           /* kept alive until @imported has been called */
  AdwMessageDialog *dialog;
  GtkProgressBar *bar;
  GCancellable *cancellable;
  /* Progress, written by the import thread and read on the main thread. */
  GMutex lock;
  double fraction;
  guint services;
  gboolean waiting;
  guint progress_source;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_clear_handle_id (&job->progress_source, g_source_remove);
  g_free (job->store_path);
  g_free (job->feed_path);
  g_clear_object (&job->cancellable);
  if (job->dialog != NULL)
    g_signal_handlers_disconnect_by_data (job->dialog, job);
  g_clear_object (&job->dialog);
  g_clear_object (&job->parent);
  g_mutex_clear (&job->lock);
  g_free (job);
}

static void
on_progress (gpointer user_data,
             guint64  bytes_done,
             guint64  bytes_total,
             guint    services_done)
{
  ImportJob *job = user_data;

  g_mutex_lock (&job->lock);
  job->fraction = bytes_total > 0 ? (double) bytes_done / bytes_total : 0;
  job->services = services_done;
  job->waiting = FALSE;
  g_mutex_unlock (&job->lock);
}

/* Another program (signpost-cli, a sync) is changing the directory: this import waits. */
static void
on_waiting (gpointer user_data)
{
  ImportJob *job = user_data;

  g_mutex_lock (&job->lock);
  job->waiting = TRUE;
  g_mutex_unlock (&job->lock);
}

static gboolean
show_progress (gpointer data)
{
  ImportJob *job = data;
  g_autofree char *text = NULL;
  double fraction;
  guint services;
  gboolean waiting;

  g_mutex_lock (&job->lock);
  fraction = job->fraction;
  services = job->services;
  waiting = job->waiting;
  g_mutex_unlock (&job->lock);

  if (waiting)
    {
      gtk_progress_bar_pulse (job->bar);
      gtk_progress_bar_set_text (job->bar, _("Waiting for another program that is changing the directory…"));
      return G_SOURCE_CONTINUE;
    }

  if (fraction > 0)
    gtk_progress_bar_set_fraction (job->bar, CLAMP (fraction, 0, 1));
  else
    gtk_progress_bar_pulse (job->bar);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u service read", "%u services read", services), services);
  gtk_progress_bar_set_text (job->bar, text);
  return G_SOURCE_CONTINUE;
}

static void
import_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (SpDirectory) directory = sp_search_open_directory (job->store_path, &error);
  SpImportReport *report = NULL;

  if (directory == NULL ||
      !sp_directory_import (directory, job->feed_path, SP_IMPORT_FLAGS_NONE, on_progress, job, on_waiting,
                            cancellable, &report, &error))
    {
      g_clear_pointer (&report, sp_import_report_free);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, report, (GDestroyNotify) sp_import_report_free);
}

static char *
describe_report (const SpImportReport *report)
{
  GString *text = g_string_new (NULL);
  guint skipped_shown = 0, skipped_total = 0;

  g_string_append_printf (text, _("%u new, %u updated, %u unchanged."), report->imported, report->updated,
                          report->unchanged);
  if (report->skipped > 0)
    {
      g_string_append (text, " ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u service was left out:",
                                                 "%u services were left out:", report->skipped),
                              report->skipped);
    }
  for (guint i = 0; i < report->problems->len; i++)
    {
      SpImportProblem *problem = report->problems->pdata[i];
      if (problem->kind != SP_IMPORT_PROBLEM_SKIPPED)
        continue;
      skipped_total++;
      if (skipped_shown++ < SHOWN_PROBLEMS)
        g_string_append_printf (text, "\n• %s: %s", problem->record_id != NULL ? problem->record_id : "?",
                                problem->message);
    }
  if (skipped_total > SHOWN_PROBLEMS)
    g_string_append_printf (text, _("\n… and %u more."), skipped_total - SHOWN_PROBLEMS);
  if (report->warned > 0)
    {
      g_string_append (text, "\n\n");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
        "%u service was kept with a value that could not be used (for example a malformed email address).",
        "%u services were kept with values that could not be used (for example malformed email addresses).",
        report->warned), report->warned);
    }
  return g_string_free (text, FALSE);
}

/* Replaces the progress dialog with one saying how it went. */
static void
show_outcome (ImportJob  *job,
              const char *heading,
              const char *body)
{
  AdwMessageDialog *outcome = ADW_MESSAGE_DIALOG (adw_message_dialog_new (job->parent, heading, body));

  adw_message_dialog_add_response (outcome, "close", _("_Close"));
  adw_message_dialog_set_default_response (outcome, "close");
  gtk_window_present (GTK_WINDOW (outcome));
}

static void
import_finished (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  ImportJob *job = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (SpImportReport) report = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *summary = NULL;

  g_clear_handle_id (&job->progress_source, g_source_remove);
  g_signal_handlers_disconnect_by_data (job->dialog, job);
  gtk_window_destroy (GTK_WINDOW (job->dialog));

  if (report == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_error_matches (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_CANCELLED))
        {
          summary = g_strdup_printf (_("%s\n\nNothing in the directory was changed."), error->message);
          show_outcome (job, _("The feed was not imported"), summary);
        }
      import_job_free (job);
      return;
    }

  summary = describe_report (report);
  show_outcome (job, _("Feed imported"), summary);
  if (job->imported != NULL)
    job->imported (job->user_data);
  import_job_free (job);
}

static void
dialog_response (AdwMessageDialog *dialog,
                 const char       *response,
                 ImportJob        *job)
{
  if (g_str_equal (response, "cancel"))
    g_cancellable_cancel (job->cancellable);
}

/**
 * sp_import_dialog_run:
 * @imported: (scope async) (nullable): called once the store has changed
 *
 * Imports @feed_path into the store at @store_path, showing its progress and then a
 * summary in a dialog over @parent.
 */
void
sp_import_dialog_run (GtkWindow      *parent,
                      const char     *store_path,
                      const char     *feed_path,
                      SpImportedFunc  imported,
                      gpointer        user_data)
{
  ImportJob *job = g_new0 (ImportJob, 1);
  g_autoptr (GTask) task = NULL;
  g_autofree char *base = g_path_get_basename (feed_path);
  g_autofree char *heading = g_strdup_printf (_("Importing “%s”"), base);

  g_mutex_init (&job->lock);
  job->store_path = g_strdup (store_path);
  job->feed_path = g_strdup (feed_path);
  job->imported = imported;
  job->user_data = user_data;
  job->parent = g_object_ref (parent);
  job->cancellable = g_cancellable_new ();

  job->dialog = g_object_ref_sink (ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading,
    _("Services are added or updated as they are read. Cancelling changes nothing."))));
  job->bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_progress_bar_set_show_text (job->bar, TRUE);
  adw_message_dialog_set_extra_child (job->dialog, GTK_WIDGET (job->bar));
  adw_message_dialog_add_response (job->dialog, "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (job->dialog, "cancel");
  g_signal_connect (job->dialog, "response", G_CALLBACK (dialog_response), job);
  gtk_window_present (GTK_WINDOW (job->dialog));
  job->progress_source = g_timeout_add (100, show_progress, job);

  task = g_task_new (NULL, job->cancellable, import_finished, job);
  g_task_set_task_data (task, job, NULL);
  g_task_run_in_thread (task, import_thread);
}

typedef struct
{
  GtkWindow *parent;
  char *store_path;
  SpImportedFunc imported;
  gpointer user_data;
} ChooseJob;

static void
feed_chosen (GtkNativeDialog *chooser,
             int              response,
             ChooseJob       *choose)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        sp_import_dialog_run (choose->parent, choose->store_path, path, choose->imported, choose->user_data);
    }
  g_object_unref (chooser);
  g_clear_object (&choose->parent);
  g_free (choose->store_path);
  g_free (choose);
}

/* Asks for an Open Referral feed, then imports it. */
void
sp_import_dialog_choose_and_run (GtkWindow      *parent,
                                 const char     *store_path,
                                 SpImportedFunc  imported,
                                 gpointer        user_data)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Import a Feed"), parent,
                                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                                               _("_Import"), _("_Cancel"));
  g_autoptr (GtkFileFilter) feeds = gtk_file_filter_new ();
  ChooseJob *choose = g_new0 (ChooseJob, 1);

  gtk_file_filter_set_name (feeds, _("Open Referral feeds (JSON)"));
  gtk_file_filter_add_mime_type (feeds, "application/json");
  gtk_file_filter_add_pattern (feeds, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), feeds);
  choose->parent = g_object_ref (parent);
  choose->store_path = g_strdup (store_path);
  choose->imported = imported;
  choose->user_data = user_data;
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (feed_chosen), choose);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
