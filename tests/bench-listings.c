/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-listings.c: moderated listing edits at 100 000 services: an edit saved as pending, an
 * approval applied and in the changed-services list the sync feed reads, and sign-in, with
 * Argon2id alone beside it. Prints p50/p99 of each beside the goal issue 14 set. */
#include "config.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "sp-data-dir.h"
#include "sp-feed-generator.h"
#include "sp-listings.h"
#include "sp-search-directory.h"
#include "sp-test-sql.h"
#include "sp-test-util.h"

#define N_SERVICES 100000
#define N_EDITS 60
#define N_SIGN_INS 20
#define GOAL_PENDING_MS 50.0
#define GOAL_APPROVED_MS 100.0
#define PASSPHRASE "benchmark passphrase"

static double
elapsed_ms (gint64 since)
{
  return (g_get_monotonic_time () - since) / 1000.0;
}

static void
report (const char *what,
        GArray     *samples,
        double      goal_ms)
{
  double p50 = sp_test_percentile (samples, 0.5);
  double p99 = sp_test_percentile (samples, 0.99);

  if (goal_ms > 0)
    printf ("  %-58s p50 %8.2f ms  p99 %8.2f ms  (goal < %.0f ms: %s)\n", what, p50, p99, goal_ms,
            p99 < goal_ms ? "met" : p50 < goal_ms ? "met at p50, NOT at p99" : "NOT met");
  else
    printf ("  %-58s p50 %8.2f ms  p99 %8.2f ms\n", what, p50, p99);
}

/* The id of the service at @offset in id order. */
static char *
service_at (SpStore *store,
            guint    offset)
{
  g_autofree char *text = g_strdup_printf ("%u", offset);

  return sp_test_sql_text (store, "SELECT id FROM service ORDER BY id LIMIT 1 OFFSET CAST(?1 AS INTEGER)", text);
}

static gboolean
listed (GPtrArray  *ids,
        const char *id)
{
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    if (strcmp (ids->pdata[i], id) == 0)
      return TRUE;
  return FALSE;
}

/* Proposes an edit of each of @n services, timing each; then approves each, timing the
 * approval and the read of what changed since, as /sync does. */
static void
measure_edits (SpListings *listings,
               SpAccount  *editor,
               guint       n_services,
               GArray     *pending_ms,
               GArray     *approved_ms)
{
  SpStore *store = sp_directory_get_store (sp_listings_get_directory (listings));
  g_autoptr (GArray) changes = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < N_EDITS; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *id = service_at (store, (i * 7919u) % n_services);
      g_autofree char *hash = NULL;
      g_autofree char *json = sp_listings_get_service_json (listings, editor, id, &hash, &error);
      g_autoptr (JsonNode) node = NULL;
      g_autofree char *edited = NULL;
      g_autofree char *description = g_strdup_printf ("Edited for the benchmark, round %u.", i);
      gint64 started, change;

      g_assert_no_error (error);
      node = json_from_string (json, &error);
      json_object_set_string_member (json_node_get_object (node), "description", description);
      edited = json_to_string (node, FALSE);
      started = g_get_monotonic_time ();
      change = sp_listings_propose_edit (listings, editor, id, hash, edited, &error);
      g_array_append_val (pending_ms, (double) { elapsed_ms (started) });
      g_assert_no_error (error);
      g_array_append_val (changes, change);
    }
  for (guint i = 0; i < changes->len; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (SpListingChange) change = sp_listings_get_change (listings, editor, g_array_index (changes, gint64, i),
                                                                   &error);
      g_autoptr (GPtrArray) changed = NULL;
      gint64 before, started;

      g_assert_no_error (error);
      g_assert_true (sp_store_get_change_seq (store, &before, &error));
      started = g_get_monotonic_time ();
      g_assert_true (sp_listings_approve (listings, editor, change->id, NULL, NULL, &error));
      g_assert_no_error (error);
      changed = sp_store_list_changed_services (store, before, &error);
      g_array_append_val (approved_ms, (double) { elapsed_ms (started) });
      g_assert_no_error (error);
      g_assert_true (listed (changed, change->service_id));
    }
}

/* A change that writes nothing: what the one write path costs by itself (the lock, the
 * transaction, the change number, the index following). */
static gboolean
write_nothing (SpStore    *store,
               gpointer    user_data,
               GPtrArray  *changed,
               GPtrArray  *removed,
               GError    **error)
{
  return TRUE;
}

static void
measure_write_path (SpDirectory *directory,
                    GArray      *empty_ms)
{
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr (GError) error = NULL;
      gint64 started = g_get_monotonic_time ();

      g_assert_true (sp_directory_change (directory, write_nothing, NULL, NULL, NULL, NULL, &error));
      g_array_append_val (empty_ms, (double) { elapsed_ms (started) });
      g_assert_no_error (error);
    }
}

static void
measure_sign_in (SpListings *listings,
                 GArray     *sign_in_ms,
                 GArray     *argon_ms)
{
  char hash[crypto_pwhash_STRBYTES];

  g_assert_cmpint (crypto_pwhash_str_alg (hash, PASSPHRASE, strlen (PASSPHRASE), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                          crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13), ==, 0);
  for (guint i = 0; i < N_SIGN_INS; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (SpSession) session = NULL;
      g_autofree char *token = NULL;
      gint64 started = g_get_monotonic_time ();

      token = sp_listings_sign_in (listings, "bench.editor@example.org", PASSPHRASE, "192.0.2.10", &session, &error);
      g_array_append_val (sign_in_ms, (double) { elapsed_ms (started) });
      g_assert_no_error (error);
      started = g_get_monotonic_time ();
      g_assert_cmpint (crypto_pwhash_str_verify (hash, PASSPHRASE, strlen (PASSPHRASE)), ==, 0);
      g_array_append_val (argon_ms, (double) { elapsed_ms (started) });
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = sp_test_make_tmpdir ();
  g_autofree char *feed = g_build_filename (dir, "feed.json", NULL);
  g_autofree char *store_path = g_build_filename (dir, "directory.sqlite", NULL);
  g_autofree char *loadavg = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SpDirectory) directory = NULL;
  g_autoptr (SpListings) listings = NULL;
  g_autoptr (SpAccount) editor = NULL;
  g_autoptr (GArray) pending_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) approved_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) sign_in_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) argon_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) empty_ms = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_services = N_SERVICES;
  gint64 started;

  setvbuf (stdout, NULL, _IOLBF, 0);
  g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL);
  printf ("bench-listings: %u processors, load average %s", g_get_num_processors (), loadavg != NULL ? loadavg : "?\n");
  if (g_getenv ("SIGNPOST_BENCH_SERVICES") != NULL)
    n_services = MAX (1000, atoi (g_getenv ("SIGNPOST_BENCH_SERVICES")));
  started = g_get_monotonic_time ();
  g_assert_true (sp_feed_generate (feed, n_services, 42, &error));
  g_assert_no_error (error);
  directory = sp_search_open_directory (store_path, &error);
  g_assert_no_error (error);
  g_assert_true (sp_directory_import (directory, feed, SP_IMPORT_FLAGS_NONE, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_unlink (feed);
  printf ("%u services generated and imported (with their index) in %.0f s\n", n_services, elapsed_ms (started) / 1000);

  listings = sp_listings_new (directory);
  editor = sp_listings_add_editor (listings, "bench.editor@example.org", PASSPHRASE, &error);
  g_assert_no_error (error);
  measure_edits (listings, editor, n_services, pending_ms, approved_ms);
  measure_sign_in (listings, sign_in_ms, argon_ms);
  measure_write_path (directory, empty_ms);

  printf ("\nFigures at %u services (%u edits, %u sign-ins):\n", n_services, N_EDITS, N_SIGN_INS);
  report ("an edit saved as pending", pending_ms, GOAL_PENDING_MS);
  report ("an approval applied, in the changed-services list (/sync)", approved_ms, GOAL_APPROVED_MS);
  report ("for comparison: an empty change through the write path", empty_ms, 0);
  report ("sign-in, whole", sign_in_ms, 0);
  report ("of which Argon2id (interactive limits) alone", argon_ms, 0);
  g_clear_object (&listings);
  g_clear_object (&directory);
  sp_test_remove_tree (dir);
  return 0;
}
