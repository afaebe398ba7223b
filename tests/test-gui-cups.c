/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-cups.c: the kiosk's "Print this" through a real CUPS print queue.
 *
 * The suite starts a cupsd of its own (its own configuration folder and socket, reached
 * through CUPS_SERVER; the machine's cupsd is never used) with a cups-pdf queue, the
 * virtual printer that writes each job as a PDF file. The slip that comes out is read
 * back: its text with pdftotext, its QR code with zbarimg. A queue that is stopped
 * (a printer offline) or refuses jobs gives the visitor the "ask a member of staff"
 * message and staff a log line, in bounded time.
 *
 * cups-pdf refuses to run without root (it hands each PDF to the job's owner): as
 * anyone else the suite is skipped, and build-aux/dev runs it as root.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sp-gui-test.h"
#include "sp-test-util.h"

#define BILSTON_MEMORY_CAFE "1c63994a-12ec-5ae3-8d9f-0e240b4ba821"
/* A real print queue, filters and ghostscript on a loaded 2-core machine. */
#define PATIENCE_MS 60000

static char *cups_dir;
static char *cups_socket;
static GPid cupsd;

static gboolean
says (GtkWidget  *widget,
      const char *text)
{
  GtkWidget *label = sp_gui_find_labelled (widget, GTK_TYPE_LABEL, text);
  return label != NULL && gtk_widget_is_visible (label);
}

/* Runs @argv against the suite's cupsd; its output, or NULL when it failed. */
static char *
run (const char * const *argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error))
    g_error ("%s: %s", argv[0], error->message);
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_test_message ("%s failed: %s", argv[0], err);
      g_free (out);
      return NULL;
    }
  return out;
}

static void
write_file (const char *dir,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* A cupsd of the suite's own, in @cups_dir, taking requests on a socket there. */
static void
start_cupsd (void)
{
  const char *folders[] = { "spool", "tmp", "cache", "state", "log", "ppd" };
  g_autofree char *conf = NULL;
  g_autofree char *files = NULL;
  g_autofree char *cupsd_conf = NULL;
  g_autofree char *files_conf = NULL;
  g_autoptr (GError) error = NULL;

  cups_dir = sp_test_make_tmpdir ();
  /* cupsd runs its filters as lp: they read the spool. */
  g_chmod (cups_dir, 0755);
  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *path = g_build_filename (cups_dir, folders[i], NULL);
      g_mkdir (path, 0777);
      g_chmod (path, 0777);
    }
  cups_socket = g_build_filename (cups_dir, "cups.sock", NULL);
  conf = g_strdup_printf ("Listen %s\nLogLevel info\nWebInterface No\nBrowsing No\nDefaultAuthType None\n"
                          "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
                          "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n",
                          cups_socket);
  files = g_strdup_printf ("ServerRoot %1$s\nRequestRoot %1$s/spool\nTempDir %1$s/tmp\nCacheDir %1$s/cache\n"
                           "StateDir %1$s/state\nErrorLog %1$s/log/error_log\nAccessLog %1$s/log/access_log\n"
                           "PageLog %1$s/log/page_log\nServerBin /usr/lib/cups\nDataDir /usr/share/cups\n"
                           "Sandboxing Relaxed\nFileDevice No\n",
                           cups_dir);
  write_file (cups_dir, "cupsd.conf", conf);
  write_file (cups_dir, "cups-files.conf", files);
  cupsd_conf = g_build_filename (cups_dir, "cupsd.conf", NULL);
  files_conf = g_build_filename (cups_dir, "cups-files.conf", NULL);
  {
    const char *argv[] = { "cupsd", "-f", "-c", cupsd_conf, "-s", files_conf, NULL };
    if (!g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                        &cupsd, &error))
      g_error ("cupsd: %s", error->message);
  }
  /* Every CUPS client here (GTK's print backend, lpadmin, lpstat) asks this one. */
  g_setenv ("CUPS_SERVER", cups_socket, TRUE);
  for (int waited = 0; !g_file_test (cups_socket, G_FILE_TEST_EXISTS); waited += 50)
    {
      g_assert_cmpint (waited, <, 20000);
      g_usleep (50 * 1000);
    }
}

static void
stop_cupsd (void)
{
  kill (cupsd, SIGTERM);
  waitpid (cupsd, NULL, 0);
  g_spawn_close_pid (cupsd);
  sp_test_remove_tree (cups_dir);
  g_clear_pointer (&cups_dir, g_free);
  g_clear_pointer (&cups_socket, g_free);
}

typedef struct
{
  char *name;
  char *out;       /* where cups-pdf writes its PDFs */
  char *config;    /* cups-pdf's configuration for the queue: /etc/cups is where it reads */
} Queue;

/* A cups-pdf queue of its own, writing into a folder of its own. */
static void
queue_add (Queue *q)
{
  g_autofree char *uri = NULL;
  g_autofree char *config = NULL;
  g_autofree char *out = NULL;

  q->name = g_strdup_printf ("signpost-slips-%d", (int) getpid ());
  q->out = g_build_filename (cups_dir, q->name, NULL);
  g_mkdir (q->out, 0777);
  g_chmod (q->out, 0777);
  q->config = g_strdup_printf ("/etc/cups/cups-pdf-%s.conf", q->name);
  config = g_strdup_printf ("Out %s\nLabel 1\n", q->out);
  g_assert_true (g_file_set_contents (q->config, config, -1, NULL));
  uri = g_strdup_printf ("cups-pdf:/%s", q->name);
  {
    /* cups-pdf takes PostScript: the slip's PDF is turned into it by poppler, which keeps
     * the text as text (Ghostscript, the default, draws the page as one picture). */
    const char *argv[] = { "lpadmin", "-p", q->name, "-E", "-v", uri,
                           "-P", "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd",
                           "-o", "pdftops-renderer-default=pdftops", NULL };
    out = run (argv);
    g_assert_nonnull (out);
  }
}

static void
queue_remove (Queue *q)
{
  const char *argv[] = { "lpadmin", "-x", q->name, NULL };
  g_autofree char *out = run (argv);

  g_unlink (q->config);
  g_free (q->name);
  g_free (q->out);
  g_free (q->config);
}

/* The first PDF cups-pdf writes for @q, once it is whole. */
static char *
wait_for_pdf (Queue *q)
{
  for (int waited = 0; waited < PATIENCE_MS; waited += 200)
    {
      g_autoptr (GDir) dir = g_dir_open (q->out, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (name, ".pdf"))
          {
            g_autofree char *path = g_build_filename (q->out, name, NULL);
            const char *argv[] = { "pdfinfo", path, NULL };
            g_autofree char *info = run (argv);
            /* cups-pdf writes it in place: readable means finished. */
            if (info != NULL)
              return g_steal_pointer (&path);
          }
      sp_gui_wait_ms (200);
    }
  return NULL;
}

static void
print_and_wait (SpGuiFixture *f)
{
  sp_window_open_service (f->window, BILSTON_MEMORY_CAFE);
  sp_gui_settle ();
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "print-service", NULL);
  sp_gui_settle ();
}

/* "Print this" on a kiosk sends the slip through the queue to the printer: the visitor is
 * told to collect it once the queue says it printed, and what came out is the slip. */
static void
test_prints_through_cups (void)
{
  SpGuiFixture f = { 0 };
  Queue q = { 0 };
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *codes = NULL;
  g_autofree char *png_root = NULL;
  g_autofree char *png = NULL;
  gint64 started;

  queue_add (&q);
  sp_gui_fixture_open (&f, TRUE, 1280, 900);
  g_settings_set_string (f.settings, "kiosk-printer", q.name);
  g_settings_set_string (f.settings, "kiosk-location", "Bilston Library");
  started = g_get_monotonic_time ();
  print_and_wait (&f);
  g_assert_true (says (GTK_WIDGET (f.window), "Printing…"));

  for (int waited = 0; waited < PATIENCE_MS && !says (GTK_WIDGET (f.window), "Please collect your slip from the printer");
       waited += 100)
    sp_gui_wait_ms (100);
  g_assert_true (says (GTK_WIDGET (f.window), "Please collect your slip from the printer"));
  g_test_message ("the queue said it printed after %.1f s", (g_get_monotonic_time () - started) / 1e6);
  g_assert_null (sp_gui_find_dialog ("Your slip could not be printed"));

  pdf = wait_for_pdf (&q);
  g_assert_nonnull (pdf);
  g_test_message ("cups-pdf wrote %s after %.1f s", pdf, (g_get_monotonic_time () - started) / 1e6);
  {
    const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
    text = run (argv);
  }
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "Bilston Memory Café"));
  g_assert_nonnull (strstr (text, "Bilston Library"));
  png_root = g_build_filename (q.out, "page", NULL);
  {
    const char *argv[] = { "pdftoppm", "-png", "-r", "200", "-singlefile", pdf, png_root, NULL };
    g_autofree char *out = run (argv);
    g_assert_nonnull (out);
  }
  png = g_strconcat (png_root, ".png", NULL);
  {
    const char *argv[] = { "zbarimg", "--quiet", "--raw", png, NULL };
    codes = run (argv);
  }
  g_assert_nonnull (codes);
  g_test_message ("QR code: %s", codes);
  g_assert_nonnull (strstr (codes, "Bilston Memory Café"));

  sp_gui_fixture_close (&f);
  queue_remove (&q);
}

/* A queue that does not print: the visitor is told to ask staff, staff get a log line, in
 * bounded time, and nothing hangs. @how stops it the way a printer fails. */
static void
fails_clearly (const char *command,
               guint       timeout_ms)
{
  SpGuiFixture f = { 0 };
  Queue q = { 0 };
  AdwMessageDialog *failed;
  g_autofree char *pattern = NULL;
  gint64 started;

  queue_add (&q);
  {
    const char *argv[] = { command, q.name, NULL };
    g_autofree char *out = run (argv);
    g_assert_nonnull (out);
  }
  sp_gui_fixture_open (&f, TRUE, 1280, 900);
  g_settings_set_string (f.settings, "kiosk-printer", q.name);
  sp_window_set_print_timeout (f.window, timeout_ms);
  pattern = g_strdup_printf ("Kiosk slip not printed*%s*", q.name);
  g_test_expect_message ("Signpost", G_LOG_LEVEL_MESSAGE, pattern);
  started = g_get_monotonic_time ();
  print_and_wait (&f);
  failed = sp_gui_wait_for_dialog ("Your slip could not be printed", PATIENCE_MS);
  g_assert_nonnull (failed);
  g_test_message ("%s: the visitor was told after %.1f s", command, (g_get_monotonic_time () - started) / 1e6);
  g_test_assert_expected_messages ();
  g_assert_false (says (GTK_WIDGET (f.window), "Please collect your slip from the printer"));
  g_assert_false (says (GTK_WIDGET (f.window), "Printing…"));
  gtk_window_close (GTK_WINDOW (failed));
  sp_gui_fixture_close (&f);
  queue_remove (&q);
}

static void
test_printer_stopped (void)
{
  /* cupsdisable: a printer offline, or stopped by an error. The job waits in the queue:
   * the kiosk gives up after its time-out (30 s in the app). */
  fails_clearly ("cupsdisable", 5000);
}

static void
test_printer_rejecting (void)
{
  fails_clearly ("cupsreject", 5000);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (getuid () == 0)
    start_cupsd ();
  sp_gui_test_init (&argc, &argv);
  if (getuid () != 0)
    {
      g_test_skip ("cups-pdf only runs as root: build-aux/dev test runs this suite as root");
      return g_test_run ();
    }
  /* GTK's CUPS backend asks colord for the printer's colour profile over the system bus,
   * which a test machine (and many a kiosk) lacks: it warns, through structured logging
   * that no fatal handler sees, and prints all the same. Criticals stay fatal. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_test_add_func ("/signpost/kiosk-cups/prints", test_prints_through_cups);
  g_test_add_func ("/signpost/kiosk-cups/printer-stopped", test_printer_stopped);
  g_test_add_func ("/signpost/kiosk-cups/printer-rejecting", test_printer_rejecting);
  status = g_test_run ();
  stop_cupsd ();
  return status;
}
