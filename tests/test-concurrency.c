/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-concurrency.c: several programs on one data folder, and folders that may only be read.
 *
 * A kiosk searches while an administrator imports; two imports start together; a kiosk's
 * data folder is kept by an administrator and may only be read. Each through the real
 * programs (signpost-cli, signpost), several at once.
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "sp-feed-generator.h"
#include "sp-test-util.h"

#define SAMPLE_SERVICES 158
#define BILSTON_MEMORY_CAFE "1c63994a-12ec-5ae3-8d9f-0e240b4ba821"

typedef struct
{
  char *dir;
  char *data_dir;
  char *sample;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  f->dir = sp_test_make_tmpdir ();
  f->data_dir = g_build_filename (f->dir, "data", NULL);
  f->sample = sp_test_source_path ("data", "sample-directory.json", NULL);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  sp_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->data_dir);
  g_free (f->sample);
}

/* signpost-cli ARGS… started in the background, its output captured. */
static GSubprocess *
start_cli (const char *first_arg,
           ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  GSubprocess *process;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("SIGNPOST_CLI"));
  va_start (args, first_arg);
  for (const char *a = first_arg; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  return process;
}

/* Waits for @process; returns its exit status with its output in @out and @err. */
static int
finish (GSubprocess *process,
        char       **out,
        char       **err)
{
  g_autoptr (GError) error = NULL;

  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  return g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process)
                                              : 128 + g_subprocess_get_term_sig (process);
}

static void
import_sample (Fixture *f)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (sp_test_run_cli (&out, &err, "import", f->sample, "--data-dir", f->data_dir, NULL) != 0)
    g_error ("Importing the sample directory failed: %s", err);
}

/* A kiosk (or anyone) searches over and over while a 20 000-service import runs: every
 * search answers from a whole index, and the import brings search up to date. Each
 * search is a program of its own that finds the store changed under the index and must
 * neither rebuild it over the importer's work nor read a half-built one. */
static void
test_search_during_import (Fixture      *f,
                           gconstpointer data)
{
  g_autofree char *feed = g_build_filename (f->dir, "generated.json", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) import = NULL;
  g_autofree char *import_out = NULL;
  g_autofree char *import_err = NULL;
  g_autofree char *after = NULL;
  guint searches = 0, during = 0;

  import_sample (f);
  g_assert_true (sp_feed_generate (feed, 20000, 11, &error));
  g_assert_no_error (error);

  import = start_cli ("import", feed, "--quiet", "--data-dir", f->data_dir, NULL);
  for (gboolean running = TRUE; running || searches < 5;)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status;

      running = g_subprocess_get_identifier (import) != NULL;
      status = sp_test_run_cli (&out, &err, "search", "memory", "cafe", "--data-dir", f->data_dir, NULL);
      if (status != 0)
        g_error ("Search %u failed (status %d) while an import ran: %s", searches, status, err);
      g_assert_nonnull (strstr (out, "Memory"));
      searches++;
      during += running;
    }
  g_assert_cmpint (finish (import, &import_out, &import_err), ==, 0);
  g_test_message ("%u searches, %u of them while the import ran", searches, during);
  g_assert_cmpuint (during, >=, 1);
  g_assert_cmpstr (import_err, ==, "");

  /* The import's services are found, and the sample's still are. */
  g_assert_cmpint (sp_test_run_cli (&after, NULL, "index", "--data-dir", f->data_dir, NULL), ==, 0);
  g_assert_nonnull (strstr (after, "20158 services"));
}

/* Two imports started at the same moment into a new data folder: both succeed, one after
 * the other, and neither reports damage. */
static void
test_two_imports_at_once (Fixture      *f,
                          gconstpointer data)
{
  g_autofree char *feed = g_build_filename (f->dir, "generated.json", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) first = NULL;
  g_autoptr (GSubprocess) second = NULL;
  g_autofree char *out1 = NULL, *err1 = NULL, *out2 = NULL, *err2 = NULL, *stats = NULL;

  g_assert_true (sp_feed_generate (feed, 3000, 5, &error));
  first = start_cli ("import", f->sample, "--data-dir", f->data_dir, NULL);
  second = start_cli ("import", feed, "--data-dir", f->data_dir, NULL);
  if (finish (first, &out1, &err1) != 0)
    g_error ("The first import failed: %s", err1);
  if (finish (second, &out2, &err2) != 0)
    g_error ("The second import failed: %s", err2);
  g_assert_null (strstr (err1, "schema"));
  g_assert_null (strstr (err2, "schema"));

  g_assert_cmpint (sp_test_run_cli (&stats, NULL, "index", "--data-dir", f->data_dir, NULL), ==, 0);
  g_assert_nonnull (strstr (stats, "3158 services"));
}

/* Runs @argv with @dir mounted read-only over itself, in a mount namespace of its own
 * (unshare), so that no one — not even root, as tests often run — may write it, and a
 * writable cache folder beside it. Returns the exit status, or -1 if this machine does
 * not allow the namespace. */
static int
run_with_read_only (const char  *dir,
                    const char **argv,
                    char       **out,
                    char       **err)
{
  g_autoptr (GPtrArray) full = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  int status = 0;

  g_autofree char *parent = g_path_get_dirname (dir);
  g_autofree char *cache = g_strconcat ("XDG_CACHE_HOME=", parent, "/cache", NULL);
  const char *wrapper[] = { "unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
                            "mount --bind \"$0\" \"$0\" && mount -o remount,bind,ro \"$0\" || exit 97; "
                            "exec \"$@\"", dir, "env", cache };

  for (gsize i = 0; i < G_N_ELEMENTS (wrapper); i++)
    g_ptr_array_add (full, (gpointer) wrapper[i]);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (full, (gpointer) argv[i]);
  g_ptr_array_add (full, NULL);
  g_spawn_sync (NULL, (char **) full->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  if (!WIFEXITED (status))
    return 128 + WTERMSIG (status);
  if (WEXITSTATUS (status) == 97 || (err != NULL && *err != NULL && g_str_has_prefix (*err, "unshare:")))
    return -1;
  return WEXITSTATUS (status);
}

static int
cli_read_only (Fixture    *f,
               char      **out,
               char      **err,
               const char *first_arg,
               ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("SIGNPOST_CLI"));
  va_start (args, first_arg);
  for (const char *a = first_arg; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, (gpointer) "--data-dir");
  g_ptr_array_add (argv, f->data_dir);
  g_ptr_array_add (argv, NULL);
  return run_with_read_only (f->data_dir, (const char **) argv->pdata, out, err);
}

/* A data folder that may only be read (a kiosk whose directory an administrator keeps):
 * every reading command works, also once the last writer's -wal and -shm files are gone,
 * and one that needs to write says that the folder may only be read. */
static void
test_read_only_folder (Fixture      *f,
                       gconstpointer data)
{
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  const struct { const char *args[4]; const char *expect; } reading[] = {
    { { "stats", NULL }, "158" },
    { { "list", NULL }, "Bilston Memory Café" },
    { { "search", "memory", "cafe", NULL }, BILSTON_MEMORY_CAFE },
    { { "show", BILSTON_MEMORY_CAFE, NULL }, "Bilston Memory Café" },
    { { "export", NULL }, "\"total_items\":158" },
    { { "settings", NULL }, "directory-name" },
    { { "index", NULL }, "158 services" },
  };

  import_sample (f);
  wal = g_strconcat (f->data_dir, "/directory.sqlite-wal", NULL);
  shm = g_strconcat (f->data_dir, "/directory.sqlite-shm", NULL);
  for (int round = 0; round < 2; round++)
    {
      if (round == 1)
        {
          /* As an older writer, or a copy, would leave it: no -wal or -shm to read with. */
          g_remove (wal);
          g_remove (shm);
        }
      for (gsize i = 0; i < G_N_ELEMENTS (reading); i++)
        {
          g_autofree char *out = NULL;
          g_autofree char *err = NULL;
          int status = cli_read_only (f, &out, &err, reading[i].args[0], reading[i].args[1], reading[i].args[2],
                                      reading[i].args[3], NULL);
          if (status == -1)
            {
              g_test_skip ("This machine does not allow a mount namespace (unshare) to make a folder read-only");
              return;
            }
          if (status != 0)
            g_error ("signpost-cli %s failed in a read-only data folder: %s", reading[i].args[0], err);
          if (strstr (out, reading[i].expect) == NULL)
            g_error ("signpost-cli %s printed no “%s”: %s", reading[i].args[0], reading[i].expect, out);
        }
    }

  /* Writing needs the folder, and the message says so rather than blaming a read. */
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_assert_cmpint (cli_read_only (f, &out, &err, "import", f->sample, NULL), ==, 1);
    g_assert_nonnull (strstr (err, "may only be read"));
    g_clear_pointer (&err, g_free);
    g_clear_pointer (&out, g_free);
    g_assert_cmpint (cli_read_only (f, &out, &err, "settings", "directory-name", "Ours", NULL), ==, 1);
    g_assert_nonnull (strstr (err, "may only be read"));
  }
}

/* The store changed behind the index's back, and the folder may only be read: search
 * builds an index of its own in the user's cache rather than failing or showing the old. */
static void
test_read_only_stale_index (Fixture      *f,
                            gconstpointer data)
{
  g_autofree char *feed = sp_test_write_tmp (f->dir, "one.json",
    "[{\"id\":\"6b1d2c3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e\",\"name\":\"Quilting for wellbeing\","
    "\"status\":\"active\"}]", -1);
  g_autofree char *index_dir = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  import_sample (f);
  /* Keep the sample's index aside while the one-service import updates the live one,
   * then put it back: an index that no longer matches the store. */
  index_dir = g_build_filename (f->data_dir, "search-index", NULL);
  moved = g_build_filename (f->dir, "index-before", NULL);
  {
    g_autofree char *copy = g_strdup_printf ("cp -a '%s' '%s'", index_dir, moved);
    g_autofree char *restore = g_strdup_printf ("rm -rf '%s' && mv '%s' '%s'", index_dir, moved, index_dir);
    g_autofree char *o = NULL;
    g_assert_true (g_spawn_command_line_sync (copy, NULL, NULL, NULL, NULL));
    g_assert_cmpint (sp_test_run_cli (&o, NULL, "import", feed, "--data-dir", f->data_dir, NULL), ==, 0);
    g_assert_true (g_spawn_command_line_sync (restore, NULL, NULL, NULL, NULL));
  }

  status = cli_read_only (f, &out, &err, "search", "quilting", NULL);
  if (status == -1)
    {
      g_test_skip ("This machine does not allow a mount namespace (unshare) to make a folder read-only");
      return;
    }
  if (status != 0 || strstr (out, "Quilting for wellbeing") == NULL)
    g_error ("Search in a read-only folder with an index out of date failed (status %d): %s%s", status, out, err);
}

/* The app opens on a data folder it may only read, and becomes searchable. */
static void
test_read_only_app (Fixture      *f,
                    gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  /* Warnings are not fatal here: GTK warns that it has no session bus. Nor are leaks, under
   * AddressSanitizer: Debian 12's GTK leaks the icons it fails to load there (its SVG loader
   * does not load in a sanitized process), which would end the app at exit before its status
   * says anything about read-only folders. The GUI suites look for the app's own leaks. */
  const char *argv[] = { "timeout", "120", "env", "SIGNPOST_STARTUP_PROBE=1", "G_DEBUG=gc-friendly",
                         "ASAN_OPTIONS=detect_leaks=0:abort_on_error=1",
                         g_getenv ("SIGNPOST_GUI"), "--data-dir", f->data_dir, NULL };
  int status;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_skip ("No display to open the app on");
      return;
    }
  import_sample (f);
  status = run_with_read_only (f->data_dir, argv, &out, &err);
  if (status == -1)
    {
      g_test_skip ("This machine does not allow a mount namespace (unshare) to make a folder read-only");
      return;
    }
  if (status != 0 || strstr (out, "interactive") == NULL)
    g_error ("The app did not become searchable on a read-only data folder (status %d): %s %s", status, out, err);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/signpost/concurrency/search-during-import", test_search_during_import);
  ADD ("/signpost/concurrency/two-imports-at-once", test_two_imports_at_once);
  ADD ("/signpost/concurrency/read-only-folder", test_read_only_folder);
  ADD ("/signpost/concurrency/read-only-stale-index", test_read_only_stale_index);
  ADD ("/signpost/concurrency/read-only-app", test_read_only_app);
#undef ADD

  return g_test_run ();
}
