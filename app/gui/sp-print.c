/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-print.c: printing signposting slips and saving them as PDF, from the app.
 *
 * The desktop prints through the system dialog: the paper chosen there (A4, A5 or a
 * receipt roll) decides the slip's layout when printing begins. A kiosk prints straight
 * to its configured print queue with no dialog and follows the job until the queue says
 * it printed (sp-print-queue.c), or exports the same pages to a file instead. Save as PDF asks where, and lays out and writes the file
 * in a thread through sp_slip_write_pdf, which never leaves half a file; the window shows
 * a busy pointer meanwhile.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-print.h"
#include "sp-print-queue.h"
#include "sp-settings.h"

/* Paper narrower than this is a receipt roll; narrower than A4 (210 mm) is A5. */
#define RECEIPT_MAX_POINTS (100 / 25.4 * 72)
#define A5_MAX_POINTS (170 / 25.4 * 72)

typedef struct
{
  SpStore *store;
  GPtrArray *details;
  gboolean large_print;
  char *kiosk_location;
  GDateTime *now;
  SpSlip *slip;
  SpPrintDoneFunc done;        /* (nullable) once it has been called */
  gpointer user_data;
  char *path;                  /* a PDF's file */
  GtkWidget *parent;           /* (nullable) the window busy while a PDF is written */
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_clear_object (&job->store);
  g_clear_pointer (&job->details, g_ptr_array_unref);
  g_free (job->kiosk_location);
  g_clear_pointer (&job->now, g_date_time_unref);
  g_clear_object (&job->slip);
  g_free (job->path);
  g_clear_object (&job->parent);
  g_free (job);
}

static PrintJob *
print_job_new (const SpSlipContent *content,
               SpPrintDoneFunc      done,
               gpointer             user_data)
{
  PrintJob *job = g_new0 (PrintJob, 1);

  job->store = g_object_ref (content->store);
  job->details = g_ptr_array_ref (content->details);
  job->large_print = content->large_print;
  job->kiosk_location = g_strdup (content->kiosk_location);
  job->now = content->now != NULL ? g_date_time_ref (content->now) : NULL;
  job->done = done;
  job->user_data = user_data;
  return job;
}

/* Tells the caller how it went, once. */
static void
report (PrintJob *job,
        GError   *error)
{
  SpPrintDoneFunc done = g_steal_pointer (&job->done);

  if (done != NULL)
    done (error, g_steal_pointer (&job->user_data));
}

static void
finish (PrintJob *job,
        GError   *error)
{
  report (job, error);
  print_job_free (job);
}

static SpSlipContent
content_of (PrintJob *job)
{
  return (SpSlipContent) { job->store, job->details, job->large_print, job->kiosk_location, job->now };
}

/* A slip of @content's services on @paper, with the directory's name and public address
 * from the store's settings, not yet laid out: that may be done in another thread, as it
 * needs the store no more. */
static SpSlip *
new_slip (const SpSlipContent *content,
          SpSlipPaper          paper)
{
  g_autoptr (SpSlip) slip = sp_slip_new (paper);
  g_autofree char *name = sp_settings_get (content->store, SP_SETTING_DIRECTORY_NAME, NULL);
  g_autofree char *base_url = sp_settings_get (content->store, SP_SETTING_PUBLIC_BASE_URL, NULL);
  g_autofree char *location = NULL;

  if (content->kiosk_location != NULL && *content->kiosk_location != '\0')
    location = g_strdup (content->kiosk_location);
  sp_slip_set_large_print (slip, content->large_print);
  if (name != NULL && *name != '\0')
    sp_slip_set_directory_name (slip, name);
  if (base_url != NULL && *base_url != '\0')
    sp_slip_set_public_base_url (slip, base_url);
  if (location != NULL)
    sp_slip_set_kiosk_location (slip, location);
  if (content->now != NULL)
    sp_slip_set_now (slip, content->now);
  for (guint i = 0; i < content->details->len; i++)
    sp_slip_add_service (slip, content->details->pdata[i]);
  return g_steal_pointer (&slip);
}

/**
 * sp_print_make_slip:
 *
 * Lays out a slip of @content's services on @paper, with the directory's name and public
 * address from the store's settings.
 *
 * Returns: (transfer full): the slip, laid out, or %NULL with @error set
 */
SpSlip *
sp_print_make_slip (const SpSlipContent *content,
                    SpSlipPaper          paper,
                    GError             **error)
{
  g_autoptr (SpSlip) slip = new_slip (content, paper);

  if (!sp_slip_layout (slip, error))
    return NULL;
  return g_steal_pointer (&slip);
}

static GtkPageSetup *
page_setup_for (SpSlip *slip)
{
  GtkPageSetup *setup = gtk_page_setup_new ();
  g_autoptr (GtkPaperSize) paper = NULL;
  double width, height;

  sp_slip_get_page_size (slip, &width, &height);
  paper = gtk_paper_size_new_custom ("signpost-slip", _("Signpost slip"), width, height, GTK_UNIT_POINTS);
  gtk_page_setup_set_paper_size (setup, paper);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  /* The slip keeps its own margins. */
  gtk_page_setup_set_left_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_right_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_top_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_bottom_margin (setup, 0, GTK_UNIT_POINTS);
  return setup;
}

/* The paper the person chose in the dialog decides the slip: lay it out now. */
static void
begin_print (GtkPrintOperation *operation,
             GtkPrintContext   *context,
             PrintJob          *job)
{
  g_autoptr (GError) error = NULL;
  SpSlipContent content = content_of (job);
  double width = gtk_print_context_get_width (context);
  SpSlipPaper paper = width <= RECEIPT_MAX_POINTS ? SP_SLIP_PAPER_RECEIPT_80
                      : width <= A5_MAX_POINTS ? SP_SLIP_PAPER_A5 : SP_SLIP_PAPER_A4;

  g_clear_object (&job->slip);
  job->slip = sp_print_make_slip (&content, paper, &error);
  if (job->slip == NULL)
    {
      gtk_print_operation_cancel (operation);
      return;
    }
  gtk_print_operation_set_n_pages (operation, (int) sp_slip_get_n_pages (job->slip));
}

static void
draw_page (GtkPrintOperation *operation,
           GtkPrintContext   *context,
           int                page,
           PrintJob          *job)
{
  sp_slip_render_page (job->slip, gtk_print_context_get_cairo_context (context), (guint) page);
}

static void
print_done (GtkPrintOperation       *operation,
            GtkPrintOperationResult  result,
            PrintJob                *job)
{
  g_autoptr (GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      if (error == NULL)
        g_set_error_literal (&error, GTK_PRINT_ERROR, GTK_PRINT_ERROR_GENERAL, _("The printer reported a problem."));
    }
  finish (job, error);
  g_object_unref (operation);
}

static GtkPrintOperation *
make_operation (PrintJob *job)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();

  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, TRUE);
  gtk_print_operation_set_job_name (operation, _("Signpost slip"));
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page), job);
  g_signal_connect (operation, "done", G_CALLBACK (print_done), job);
  return operation;
}

static void
run (GtkPrintOperation       *operation,
     GtkPrintOperationAction  action,
     GtkWindow               *parent,
     PrintJob                *job)
{
  g_autoptr (GError) error = NULL;
  GtkPrintOperationResult result = gtk_print_operation_run (operation, action, parent, &error);

  /* Asynchronous runs finish in ::done; a run that could not start ends here. */
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_signal_handlers_disconnect_by_data (operation, job);
      finish (job, error);
      g_object_unref (operation);
    }
}

/**
 * sp_print_with_dialog:
 *
 * Prints a slip of @content's services after the system print dialog, on an A4 page
 * unless the person chooses other paper.
 */
void
sp_print_with_dialog (GtkWindow           *parent,
                      const SpSlipContent *content,
                      SpPrintDoneFunc      done,
                      gpointer             user_data)
{
  PrintJob *job = print_job_new (content, done, user_data);
  GtkPrintOperation *operation = make_operation (job);
  g_autoptr (GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr (GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, job);
}

/**
 * sp_print_direct:
 * @printer: (nullable): the print queue's name; %NULL or "" for the default printer
 * @output_uri: (nullable): a file to export the pages to as PDF instead of printing them
 * @timeout_ms: how long the printer has to print the slip
 *
 * Prints a slip on @paper straight to @printer, with no dialog: the kiosk's "Print this".
 * @done is called once: with no error when the queue says the slip printed (or the file
 * is written), with one when there is no such printer, it refuses the job, is stopped or
 * needs attention, or has not printed it within @timeout_ms.
 */
void
sp_print_direct (GtkWindow           *parent,
                 const SpSlipContent *content,
                 SpSlipPaper          paper,
                 const char          *printer,
                 const char          *output_uri,
                 guint                timeout_ms,
                 SpPrintDoneFunc      done,
                 gpointer             user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpSlip) slip = sp_print_make_slip (content, paper, &error);
  g_autoptr (GtkPageSetup) setup = NULL;
  PrintJob *job;
  GtkPrintOperation *operation;
  g_autofree char *path = NULL;

  if (slip == NULL)
    {
      done (error, user_data);
      return;
    }
  setup = page_setup_for (slip);
  if (output_uri == NULL)
    {
      sp_print_queue_send (slip, setup, printer, _("Signpost slip"), timeout_ms, done, user_data);
      return;
    }

  /* A print operation whose pages are exported to a PDF file instead: the slip is laid
   * out for the kiosk's paper already, whatever the context. */
  job = print_job_new (content, done, user_data);
  job->slip = g_steal_pointer (&slip);
  operation = make_operation (job);
  g_signal_handlers_disconnect_by_func (operation, begin_print, job);
  gtk_print_operation_set_n_pages (operation, (int) sp_slip_get_n_pages (job->slip));
  gtk_print_operation_set_default_page_setup (operation, setup);
  path = g_filename_from_uri (output_uri, NULL, NULL);
  gtk_print_operation_set_export_filename (operation, path != NULL ? path : output_uri);
  run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, parent, job);
}

static void
write_pdf_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  PrintJob *job = task_data;
  GError *error = NULL;

  if (!sp_slip_layout (job->slip, &error) || !sp_slip_write_pdf (job->slip, job->path, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
pdf_written (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  PrintJob *job = data;
  g_autoptr (GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  if (job->parent != NULL)
    gtk_widget_set_cursor (job->parent, NULL);
  finish (job, error);
}

static void
write_pdf (PrintJob *job)
{
  SpSlipContent content = content_of (job);
  g_autoptr (GTask) task = g_task_new (NULL, NULL, pdf_written, job);

  /* The job is the callback's to free, on the main thread: not the task's, whose last
   * reference may go in the thread. */
  g_task_set_task_data (task, job, NULL);
  job->slip = new_slip (&content, SP_SLIP_PAPER_A4);
  if (job->parent != NULL)
    gtk_widget_set_cursor_from_name (job->parent, "progress");
  g_task_run_in_thread (task, write_pdf_thread);
}

/**
 * sp_print_save_pdf_to:
 * @parent: (nullable): the window that shows a busy pointer until the file is written
 * @path: where to write
 *
 * Writes an A4 slip of @content's services to @path as a PDF, laying it out and writing
 * it in a thread; @done is called once it is written or failed.
 */
void
sp_print_save_pdf_to (GtkWindow           *parent,
                      const SpSlipContent *content,
                      const char          *path,
                      SpPrintDoneFunc      done,
                      gpointer             user_data)
{
  PrintJob *job = print_job_new (content, done, user_data);

  job->path = g_strdup (path);
  job->parent = parent != NULL ? g_object_ref (GTK_WIDGET (parent)) : NULL;
  write_pdf (job);
}

static void
pdf_chosen (GtkNativeDialog *chooser,
            int              response,
            PrintJob        *job)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    {
      finish (job, NULL);
      g_object_unref (chooser);
      return;
    }
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  job->path = g_file_get_path (file);
  g_object_unref (chooser);
  if (job->path == NULL)
    {
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Signpost can only save the PDF in a folder on this computer. Choose another place."));
      finish (job, error);
      return;
    }
  write_pdf (job);
}

/**
 * sp_print_save_pdf:
 * @suggested_name: the file name offered ("Bilston Memory Café.pdf")
 *
 * Asks where to save, then writes an A4 slip of @content's services there as a PDF.
 */
void
sp_print_save_pdf (GtkWindow           *parent,
                   const SpSlipContent *content,
                   const char          *suggested_name,
                   SpPrintDoneFunc      done,
                   gpointer             user_data)
{
  PrintJob *job = print_job_new (content, done, user_data);
  GtkFileChooserNative *chooser;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *safe = g_strdup (suggested_name);

  job->parent = parent != NULL ? g_object_ref (GTK_WIDGET (parent)) : NULL;
  chooser = gtk_file_chooser_native_new (_("Save as PDF"), parent,
                                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                                               _("_Save"), _("_Cancel"));

  /* A name with a slash in it would name a folder. */
  g_strdelimit (safe, "/\\", '-');
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), safe);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (pdf_chosen), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
