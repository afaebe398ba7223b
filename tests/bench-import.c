/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-import.c: import throughput and peak memory on a generated 100 000-service feed. */
#include "config.h"

#include <stdio.h>
#include <sys/resource.h>
#include <glib/gstdio.h>

#include "sp-export.h"
#include "sp-feed-generator.h"
#include "sp-import.h"
#include "sp-test-util.h"

#define GOAL_SERVICES_PER_SECOND 5000.0
#define GOAL_PEAK_RSS_MB 300.0

static double
peak_rss_mb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;  /* kilobytes on Linux */
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *feed = NULL;
  g_autofree char *db = NULL;
  g_autofree char *out = NULL;
  g_autoptr (SpStore) store = NULL;
  g_autoptr (SpImportReport) first = NULL;
  g_autoptr (SpImportReport) again = NULL;
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 100000;
  GStatBuf st;
  gint64 t0, t1, t2, t3;
  double rate, rss, rate_again;
  guint exported = 0;

  dir = sp_test_make_tmpdir ();
  feed = g_build_filename (dir, "feed.json", NULL);
  db = g_build_filename (dir, "directory.sqlite", NULL);
  out = g_build_filename (dir, "export.json", NULL);

  if (!sp_feed_generate (feed, n, 2026, &error))
    g_error ("%s", error->message);
  g_stat (feed, &st);

  store = sp_store_open (db, &error);
  g_assert_no_error (error);

  t0 = g_get_monotonic_time ();
  if (!sp_import_path (store, feed, SP_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &first, &error))
    g_error ("%s", error->message);
  t1 = g_get_monotonic_time ();
  rss = peak_rss_mb ();
  if (!sp_import_path (store, feed, SP_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &again, &error))
    g_error ("%s", error->message);
  t2 = g_get_monotonic_time ();
  if (!sp_export_all_to_file (store, out, &exported, &error))
    g_error ("%s", error->message);
  t3 = g_get_monotonic_time ();

  rate = first->imported / ((t1 - t0) / 1e6);
  rate_again = again->unchanged / ((t2 - t1) / 1e6);
  printf ("Import benchmark: %u generated ORUK 3.0 services, feed %.0f MB\n", n, st.st_size / 1048576.0);
  printf ("%-34s %14s %14s %s\n", "", "measured", "goal", "");
  printf ("%-34s %14.0f %14.0f %s\n", "first import, services/s", rate, GOAL_SERVICES_PER_SECOND,
          rate >= GOAL_SERVICES_PER_SECOND ? "met" : "MISSED");
  printf ("%-34s %14.1f %14.0f %s\n", "peak RSS during import, MB", rss, GOAL_PEAK_RSS_MB,
          rss < GOAL_PEAK_RSS_MB ? "met" : "MISSED");
  printf ("%-34s %14.1f\n", "first import, seconds", (t1 - t0) / 1e6);
  printf ("%-34s %14.0f\n", "re-import (unchanged), services/s", rate_again);
  printf ("%-34s %14.0f\n", "export, services/s", exported / ((t3 - t2) / 1e6));
  g_assert_cmpuint (first->imported, ==, n);
  g_assert_cmpuint (again->unchanged, ==, n);
  g_assert_cmpuint (exported, ==, n);

  g_clear_object (&store);
  sp_test_remove_tree (dir);
  return 0;
}
