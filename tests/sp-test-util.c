/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-test-util.c: fixtures shared by the test suites. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "sp-test-util.h"

char *
sp_test_make_tmpdir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("signpost-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
sp_test_remove_tree (const char *path)
{
  g_autoptr (GDir) dir = NULL;
  const char *name;

  if (path == NULL)
    return;
  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_remove (path);
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      sp_test_remove_tree (child);
    }
  g_rmdir (path);
}

static char *
build_under (const char *root,
             const char *first,
             va_list     args)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new ();

  g_ptr_array_add (parts, (gpointer) root);
  for (const char *p = first; p != NULL; p = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) p);
  g_ptr_array_add (parts, NULL);
  return g_build_filenamev ((char **) parts->pdata);
}

/* A file under tests/fixtures (the Open Referral schemas, examples and feeds, with their
 * sources in tests/fixtures/README.md). Tests need them, so a missing one fails the test
 * rather than skipping it. */
char *
sp_test_fixture_path (const char *first,
                      ...)
{
  const char *root = g_getenv ("SIGNPOST_SOURCE_ROOT");
  g_autofree char *fixtures = NULL;
  va_list args;
  char *path;

  g_assert_nonnull (root);
  fixtures = g_build_filename (root, "tests", "fixtures", NULL);
  va_start (args, first);
  path = build_under (fixtures, first, args);
  va_end (args);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    g_error ("Test fixture %s is missing from the repository", path);
  return path;
}

char *
sp_test_source_path (const char *first,
                     ...)
{
  const char *root = g_getenv ("SIGNPOST_SOURCE_ROOT");
  va_list args;
  char *path;

  g_assert_nonnull (root);
  va_start (args, first);
  path = build_under (root, first, args);
  va_end (args);
  return path;
}

/* Runs the real signpost-cli; returns its exit status. */
int
sp_test_run_cli (char      **out,
                 char      **err,
                 const char *first_arg,
                 ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  const char *cli = g_getenv ("SIGNPOST_CLI");
  int status = 0;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  va_start (args, first_arg);
  for (const char *a = first_arg; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status,
                &error);
  g_assert_no_error (error);
  if (WIFEXITED (status))
    return WEXITSTATUS (status);
  return 128 + WTERMSIG (status);
}

char *
sp_test_write_tmp (const char *dir,
                   const char *name,
                   const char *contents,
                   gssize      length)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

/* Overwrites every file of the search index generation in use in @index_folder (the one
 * its link "current" names) with garbage, as a failing disk might. Returns that
 * generation's folder. */
char *
sp_test_damage_index (const char *index_folder)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *link = g_build_filename (index_folder, "current", NULL);
  g_autofree char *target = g_file_read_link (link, &error);
  g_autofree char *path = NULL;
  g_autoptr (GDir) dir = NULL;
  const char *name;
  guint damaged = 0;

  g_assert_no_error (error);
  path = g_build_filename (index_folder, target, NULL);
  dir = g_dir_open (path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_autofree char *garbage = g_strnfill (4096, 'x');
      g_assert_true (g_file_set_contents (file, garbage, -1, NULL));
      damaged++;
    }
  g_assert_cmpuint (damaged, >, 0);
  return g_steal_pointer (&path);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* The @p quantile (0.5 for the median, 1 for the worst) of @samples, an array of double,
 * which it sorts; 0 when there are none. The benchmarks' figures. */
double
sp_test_percentile (GArray *samples,
                    double  p)
{
  if (samples->len == 0)
    return 0;
  g_array_sort (samples, compare_doubles);
  return g_array_index (samples, double, MIN (samples->len - 1, (guint) (p * samples->len)));
}
