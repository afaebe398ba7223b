/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-national.c: a national directory end to end — generate, import, build the search
 * index (in parts, merged) and search it — at 1 000 000 services, or the size given. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <glib/gstdio.h>

#include "sp-feed-generator.h"
#include "sp-import.h"
#include "sp-search-index.h"
#include "sp-test-util.h"

static const char *queries[] = {
  "memory cafe", "carers", "lunch club", "befriending", "food bank", "walking group",
  "debt advice", "bereavement", "chair exercise", "digital skills",
};

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

static double
folder_mb (const char *path)
{
  g_autofree char *out = NULL;
  const char *argv[] = { "du", "-sk", path, NULL };

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     &out, NULL, NULL, NULL))
    return -1;
  return g_ascii_strtod (out, NULL) / 1024.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = sp_test_make_tmpdir ();
  g_autofree char *feed = g_build_filename (dir, "feed.json", NULL);
  g_autofree char *db = g_build_filename (dir, "directory.sqlite", NULL);
  g_autofree char *index_path = NULL;
  g_autoptr (SpStore) store = NULL;
  g_autoptr (SpImportReport) report = NULL;
  g_autoptr (SpSearchIndex) index = NULL;
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 1000000;
  double slowest = 0, total = 0;
  gint64 t0;
  struct rusage usage;

  /* Figures as they come: a run takes many minutes. */
  setvbuf (stdout, NULL, _IOLBF, 0);
  t0 = g_get_monotonic_time ();
  if (!sp_feed_generate (feed, n, 2026, &error))
    g_error ("%s", error->message);
  printf ("National directory benchmark: %u generated ORUK 3.0 services\n", n);
  printf ("%-40s %10.1f\n", "generate the feed, s", seconds_since (t0));

  store = sp_store_open (db, &error);
  g_assert_no_error (error);
  t0 = g_get_monotonic_time ();
  if (!sp_import_path (store, feed, SP_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &report, &error))
    g_error ("%s", error->message);
  printf ("%-40s %10.1f\n", "import, s", seconds_since (t0));
  g_assert_cmpuint (report->imported, ==, n);
  g_remove (feed);

  index_path = sp_search_index_path_for_store (store);
  t0 = g_get_monotonic_time ();
  /* One build: a handle that has not looked at the index yet, then a rebuild. */
  index = sp_search_index_new (store, index_path, &error);
  if (index == NULL || !sp_search_index_rebuild (index, &error))
    g_error ("building the index: %s", error->message);
  printf ("%-40s %10.1f\n", "build the index (parts merged), s", seconds_since (t0));
  printf ("%-40s %10.0f\n", "index size, MB", folder_mb (index_path));
  g_assert_cmpuint (sp_search_index_get_n_services (index), ==, n);

  for (gsize i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      SpSearchQuery query = SP_SEARCH_QUERY_INIT;
      g_autoptr (SpSearchResults) results = NULL;
      double took;

      query.text = queries[i];
      t0 = g_get_monotonic_time ();
      results = sp_search_index_query (index, &query, &error);
      took = seconds_since (t0) * 1000;
      g_assert_no_error (error);
      g_assert_cmpuint (results->hits->len, >, 0);
      total += took;
      slowest = MAX (slowest, took);
    }
  printf ("%-40s %10.1f\n", "search, mean ms", total / G_N_ELEMENTS (queries));
  printf ("%-40s %10.1f\n", "search, slowest ms", slowest);
  getrusage (RUSAGE_SELF, &usage);
  printf ("%-40s %10.0f\n", "peak RSS, MB", usage.ru_maxrss / 1024.0);

  g_clear_pointer (&index, sp_search_index_close);
  g_clear_object (&store);
  sp_test_remove_tree (dir);
  return 0;
}
