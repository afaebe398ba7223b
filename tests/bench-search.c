/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-search.c: Signpost's Xapian index against an SQLite FTS5 bm25 baseline, on the same
 * generated directories of 1 000, 10 000 and 100 000 services: query latency (p50/p99,
 * including the top 20 results' fields), build rate, index size, and how soon a changed
 * service shows in search. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "sp-feed-generator.h"
#include "sp-import.h"
#include "sp-bench-fts5.h"
#include "sp-search-index.h"
#include "sp-test-sql.h"
#include "sp-test-util.h"

#define GOAL_P99_MS 5.0
#define GOAL_SPEEDUP 5.0
#define GOAL_BUILD_RATE 3000.0
#define GOAL_UPDATE_MS 50.0
#define QUERY_RUNS 400

/* One to three words, as people type them into a directory. */
static const char *queries[] = {
  "memory", "carers", "dementia support", "walking group", "food bank", "benefits",
  "lunch club bilston", "tai chi", "befriending", "debt advice line", "warm space",
  "singing for the brain", "hearing aid", "men's shed", "bereavement", "digital skills",
  "community transport penn", "gardening", "chair exercise", "knit and natter", "advocacy",
  "housing advice", "tettenhall", "young carers club", "memory café wednesfield", "peer support",
  "falls prevention", "wellbeing hub", "respite", "punjabi", "kitchen", "lip reading",
};

/* Peak resident memory since the last reset, from the kernel's high-water mark. */
static double
peak_rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmHWM:")) == NULL)
    return -1;
  return g_ascii_strtod (line + strlen ("VmHWM:"), NULL) / 1024.0;
}

/* Starts a new high-water mark at the memory in use now (Linux: clear_refs 5). */
static void
reset_peak_rss (void)
{
  FILE *clear = fopen ("/proc/self/clear_refs", "w");

  if (clear != NULL)
    {
      fputs ("5", clear);
      fclose (clear);
    }
}

static gint64
folder_size (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  gint64 total = 0;
  GStatBuf st;

  if (dir == NULL)
    return g_stat (path, &st) == 0 ? st.st_size : 0;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      total += folder_size (child);
    }
  return total;
}

static void
time_xapian (SpSearchIndex *index,
             GArray        *samples)
{
  for (guint run = 0; run < QUERY_RUNS; run++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (SpSearchResults) results = NULL;
      SpSearchQuery query = SP_SEARCH_QUERY_INIT;
      gint64 started = g_get_monotonic_time ();
      double ms;

      query.text = queries[run % G_N_ELEMENTS (queries)];
      results = sp_search_index_query (index, &query, &error);
      g_assert_no_error (error);
      ms = (g_get_monotonic_time () - started) / 1000.0;
      g_array_append_val (samples, ms);
    }
}

static void
run_size (guint n)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = sp_test_make_tmpdir ();
  g_autofree char *feed = g_build_filename (dir, "feed.json", NULL);
  g_autofree char *db_path = g_build_filename (dir, "directory.sqlite", NULL);
  g_autofree char *fts_path = g_build_filename (dir, "fts.sqlite", NULL);
  g_autofree char *index_path = NULL;
  g_autoptr (SpStore) store = NULL;
  g_autoptr (SpSearchIndex) index = NULL;
  g_autoptr (GArray) xapian_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) fts_ms = g_array_new (FALSE, FALSE, sizeof (double));
  SpBenchFts5 *fts;
  double build_rate, fts_rate, update_ms, x50, x99, f50, f99;
  double build_mb, fts_build_mb, query_mb, fts_query_mb;
  gint64 started;
  const char *ids[2] = { NULL, NULL };
  g_autofree char *first_id = NULL;

  if (!sp_feed_generate (feed, n, 2026, &error))
    g_error ("%s", error->message);
  store = sp_store_open (db_path, &error);
  g_assert_no_error (error);
  if (!sp_import_path (store, feed, SP_IMPORT_FLAGS_NONE, NULL, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);

  reset_peak_rss ();
  started = g_get_monotonic_time ();
  index = sp_search_index_open (store, NULL, &error);
  g_assert_no_error (error);
  build_rate = n / ((g_get_monotonic_time () - started) / 1e6);
  build_mb = peak_rss_mb ();
  index_path = sp_search_index_path_for_store (store);

  reset_peak_rss ();
  fts = sp_bench_fts5_build (store, fts_path, &fts_rate);
  fts_build_mb = peak_rss_mb ();

  reset_peak_rss ();
  time_xapian (index, xapian_ms);
  query_mb = peak_rss_mb ();
  reset_peak_rss ();
  sp_bench_fts5_time (fts, queries, G_N_ELEMENTS (queries), QUERY_RUNS, fts_ms);
  fts_query_mb = peak_rss_mb ();
  x50 = sp_test_percentile (xapian_ms, 0.50);
  x99 = sp_test_percentile (xapian_ms, 0.99);
  f50 = sp_test_percentile (fts_ms, 0.50);
  f99 = sp_test_percentile (fts_ms, 0.99);

  /* One changed service, from the write to being found. */
  first_id = sp_test_sql_text (store, "SELECT id FROM service ORDER BY id LIMIT 1", NULL);
  ids[0] = first_id;
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE service SET name = 'Quizzical tapestry club' "
                                            "WHERE id = '%s'", first_id);
    g_autoptr (SpSearchResults) found = NULL;
    SpSearchQuery query = SP_SEARCH_QUERY_INIT;

    sp_store_exec (store, sql, NULL);
    started = g_get_monotonic_time ();
    g_assert_true (sp_search_index_update (index, ids, &error));
    query.text = "quizzical tapestry";
    found = sp_search_index_query (index, &query, &error);
    update_ms = (g_get_monotonic_time () - started) / 1000.0;
    g_assert_cmpuint (found->hits->len, >, 0);
    g_assert_cmpstr (((SpSearchHit *) found->hits->pdata[0])->id, ==, first_id);
  }

  printf ("\n%u services                               Signpost (Xapian)   FTS5 bm25     goal\n", n);
  printf ("  query p50, ms                          %10.3f   %10.3f\n", x50, f50);
  printf ("  query p99, ms                          %10.3f   %10.3f   %6.1f %s\n", x99, f99,
          GOAL_P99_MS, n < 100000 ? "" : x99 <= GOAL_P99_MS ? "met" : "MISSED");
  printf ("  p99 speed-up over FTS5                 %10.1fx               %5.0fx %s\n", f99 / x99,
          GOAL_SPEEDUP, f99 / x99 >= GOAL_SPEEDUP ? "met" : "MISSED");
  printf ("  full build, services/s                 %10.0f   %10.0f   %6.0f %s\n", build_rate, fts_rate,
          GOAL_BUILD_RATE, build_rate >= GOAL_BUILD_RATE ? "met" : "MISSED");
  printf ("  peak memory building, MB               %10.0f   %10.0f\n", build_mb, fts_build_mb);
  printf ("  peak memory querying, MB               %10.0f   %10.0f\n", query_mb, fts_query_mb);
  printf ("  index size, MB                         %10.1f   %10.1f\n",
          folder_size (index_path) / 1048576.0, folder_size (fts_path) / 1048576.0);
  printf ("  one service changed -> found, ms       %10.1f                %6.0f %s\n", update_ms,
          GOAL_UPDATE_MS, update_ms < GOAL_UPDATE_MS ? "met" : "MISSED");
  fflush (stdout);

  sp_bench_fts5_close (fts);
  g_clear_pointer (&index, sp_search_index_close);
  g_clear_object (&store);
  sp_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  guint sizes[] = { 1000, 10000, 100000 };
  guint n_sizes = G_N_ELEMENTS (sizes);

  /* bench-search 5000: one size only. */
  if (argc > 1)
    {
      sizes[0] = (guint) g_ascii_strtoull (argv[1], NULL, 10);
      n_sizes = 1;
    }
  printf ("Search benchmark: %u runs of %zu one-to-three-word queries, top 20 with fields\n",
          QUERY_RUNS, G_N_ELEMENTS (queries));
  for (guint i = 0; i < n_sizes; i++)
    run_size (sizes[i]);
  return 0;
}
