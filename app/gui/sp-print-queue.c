/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-print-queue.c: a kiosk's slip sent to a named print queue, followed until it printed.
 *
 * GTK 4.8's GtkPrintOperation, asked to print with no dialog on a printer named in its
 * settings, frees its printer search twice once it finds that printer by name (a crash on
 * every kiosk print to a real CUPS queue), and, when the name matches no printer, prints
 * on the default one instead. So a kiosk print finds its printer itself
 * (gtk_enumerate_printers), draws the slip's pages on the job's own surface and sends a
 * GtkPrintJob, whose status it follows: the visitor is told to collect the slip once the
 * queue says it printed, and told to ask staff when the printer is not there, refuses the
 * job, is stopped (paused) or needs attention (out of paper, offline), or has not printed
 * it in time.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtkunixprint.h>

#include "sp-print-queue.h"

typedef struct
{
  gatomicrefcount refs;
  SpSlip *slip;
  GtkPageSetup *setup;
  char *printer_name;          /* (nullable) NULL for the default printer */
  char *job_name;
  SpPrintDoneFunc done;        /* (nullable) once called */
  gpointer user_data;
  GtkPrinter *printer;         /* once found */
  GtkPrintJob *job;            /* once sent */
  guint timeout_source;
} QueuePrint;

static QueuePrint *
queue_print_ref (QueuePrint *print)
{
  g_atomic_ref_count_inc (&print->refs);
  return print;
}

static void
queue_print_unref (gpointer data)
{
  QueuePrint *print = data;

  if (!g_atomic_ref_count_dec (&print->refs))
    return;
  g_assert (print->timeout_source == 0);
  if (print->job != NULL)
    g_signal_handlers_disconnect_by_data (print->job, print);
  g_clear_object (&print->job);
  g_clear_object (&print->printer);
  g_clear_object (&print->slip);
  g_clear_object (&print->setup);
  g_free (print->printer_name);
  g_free (print->job_name);
  g_free (print);
}

static const char *
printer_words (QueuePrint *print)
{
  return print->printer_name != NULL ? print->printer_name : _("(the default printer)");
}

/* Tells the caller how it went, once; whatever the queue does afterwards goes unheard. */
static void
report (QueuePrint *print,
        GError     *error)
{
  SpPrintDoneFunc done = g_steal_pointer (&print->done);

  if (done == NULL)
    return;
  /* Removing the time-out drops its reference, maybe the last but this one. */
  queue_print_ref (print);
  g_clear_handle_id (&print->timeout_source, g_source_remove);
  if (print->job != NULL)
    g_signal_handlers_disconnect_by_data (print->job, print);
  done (error, g_steal_pointer (&print->user_data));
  queue_print_unref (print);
}

static void
report_failure (QueuePrint *print,
                const char *format,
                ...) G_GNUC_PRINTF (2, 3);

static void
report_failure (QueuePrint *print,
                const char *format,
                ...)
{
  g_autoptr (GError) error = NULL;
  va_list args;

  va_start (args, format);
  error = g_error_new_valist (GTK_PRINT_ERROR, GTK_PRINT_ERROR_GENERAL, format, args);
  va_end (args);
  report (print, error);
}

static gboolean
timed_out (gpointer data)
{
  QueuePrint *print = data;

  print->timeout_source = 0;
  if (print->job == NULL)
    report_failure (print, _("The printer “%s” did not answer in time."), printer_words (print));
  else
    /* Still queued: it may print later, but the visitor should not wait for it. */
    report_failure (print, _("The printer “%s” did not print the slip in time."), printer_words (print));
  return G_SOURCE_REMOVE;
}

static void
status_changed (GtkPrintJob *job,
                QueuePrint  *print)
{
  switch (gtk_print_job_get_status (job))
    {
    case GTK_PRINT_STATUS_FINISHED:
      report (print, NULL);
      break;
    case GTK_PRINT_STATUS_FINISHED_ABORTED:
      report_failure (print, _("The printer “%s” gave up on the slip."), printer_words (print));
      break;
    case GTK_PRINT_STATUS_PENDING_ISSUE:
      report_failure (print, _("The printer “%s” needs attention (paper, ink or connection)."),
                      printer_words (print));
      break;
    case GTK_PRINT_STATUS_INITIAL:
    case GTK_PRINT_STATUS_PREPARING:
    case GTK_PRINT_STATUS_GENERATING_DATA:
    case GTK_PRINT_STATUS_SENDING_DATA:
    case GTK_PRINT_STATUS_PENDING:
    case GTK_PRINT_STATUS_PRINTING:
    default:
      break;
    }
}

static void
sent (GtkPrintJob  *job,
      gpointer      data,
      const GError *error)
{
  QueuePrint *print = data;

  if (error != NULL)
    report (print, (GError *) error);
}

/* Draws every page of the slip on the job's surface. */
static gboolean
draw_pages (QueuePrint *print,
            GError    **error)
{
  cairo_surface_t *surface = gtk_print_job_get_surface (print->job, error);
  cairo_t *cr;
  cairo_status_t status;

  if (surface == NULL)
    return FALSE;
  cr = cairo_create (surface);
  for (guint page = 0; page < sp_slip_get_n_pages (print->slip); page++)
    {
      cairo_save (cr);
      sp_slip_render_page (print->slip, cr, page);
      cairo_restore (cr);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, GTK_PRINT_ERROR, GTK_PRINT_ERROR_GENERAL, _("The slip could not be drawn for the printer: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

static void
send (QueuePrint *print)
{
  g_autoptr (GtkPrintSettings) settings = gtk_print_settings_new ();
  g_autoptr (GError) error = NULL;

  gtk_print_settings_set_printer (settings, gtk_printer_get_name (print->printer));
  print->job = gtk_print_job_new (print->job_name, print->printer, settings, print->setup);
  gtk_print_job_set_track_print_status (print->job, TRUE);
  g_signal_connect (print->job, "status-changed", G_CALLBACK (status_changed), print);
  if (!draw_pages (print, &error))
    {
      report (print, error);
      return;
    }
  gtk_print_job_send (print->job, sent, queue_print_ref (print), queue_print_unref);
}

/* Each printer the backends know of, until the one asked for: TRUE stops the search. */
static gboolean
each_printer (GtkPrinter *printer,
              gpointer    data)
{
  QueuePrint *print = data;

  if (print->done == NULL)
    return TRUE;
  if (gtk_printer_is_virtual (printer))
    return FALSE;
  if (print->printer_name != NULL ? g_strcmp0 (gtk_printer_get_name (printer), print->printer_name) != 0
                                  : !gtk_printer_is_default (printer))
    return FALSE;
  g_set_object (&print->printer, printer);
  return TRUE;
}

/* The search is over: found or not. */
static void
searched (gpointer data)
{
  QueuePrint *print = data;

  if (print->done != NULL)
    {
      if (print->printer == NULL)
        report_failure (print, _("There is no printer “%s”."), printer_words (print));
      else if (gtk_printer_is_paused (print->printer))
        report_failure (print, _("The printer “%s” is stopped."), printer_words (print));
      else if (!gtk_printer_is_accepting_jobs (print->printer))
        report_failure (print, _("The printer “%s” is not taking jobs."), printer_words (print));
      else
        send (print);
    }
  queue_print_unref (print);
}

/**
 * sp_print_queue_send:
 * @slip: a slip, laid out
 * @setup: its paper
 * @printer: (nullable): the queue's name; %NULL for the default printer
 * @job_name: what the queue calls the job
 * @timeout_ms: how long the printer has to print it
 *
 * Sends @slip's pages to @printer and calls @done once: with no error when the queue says
 * the slip printed; with one when there is no such printer, it refuses the job, it is
 * stopped or needs attention, the job was aborted, or @timeout_ms passed first.
 */
void
sp_print_queue_send (SpSlip          *slip,
                     GtkPageSetup    *setup,
                     const char      *printer,
                     const char      *job_name,
                     guint            timeout_ms,
                     SpPrintDoneFunc  done,
                     gpointer         user_data)
{
  QueuePrint *print = g_new0 (QueuePrint, 1);

  g_return_if_fail (SP_IS_SLIP (slip));
  g_return_if_fail (GTK_IS_PAGE_SETUP (setup));

  g_atomic_ref_count_init (&print->refs);
  print->slip = g_object_ref (slip);
  print->setup = g_object_ref (setup);
  print->printer_name = printer != NULL && *printer != '\0' ? g_strdup (printer) : NULL;
  print->job_name = g_strdup (job_name);
  print->done = done;
  print->user_data = user_data;
  print->timeout_source = g_timeout_add_full (G_PRIORITY_DEFAULT, timeout_ms, timed_out,
                                              queue_print_ref (print), queue_print_unref);
  /* The first reference is the search's, dropped in searched(). */
  gtk_enumerate_printers (each_printer, print, searched, FALSE);
}
