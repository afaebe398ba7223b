/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-hub-manage.c: the /manage/ pages' writes over loopback HTTP at 100 000 services: a member's
 * edit saved as pending, and an editor's approval until the change is in /sync.
 *
 * The real signpost-hub serves a generated directory; a member of one service's organisation
 * and an editor are made with the core (sp-listings.h). Each round the member changes the
 * service's description (GET the form, POST it: timed from the POST to the page it leads to)
 * and the editor approves it (timed from the POST until GET /sync?since=SEQ, the delta a kiosk
 * asks for, holds the service). Prints the median and worst of each beside issue 14's goals.
 * SIGNPOST_BENCH_SERVICES sets fewer services, to try it out. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "sp-feed-generator.h"
#include "sp-listings.h"
#include "sp-search-directory.h"
#include "sp-test-hub.h"
#include "sp-test-manage.h"
#include "sp-test-util.h"

#define N_ROUNDS 20
#define GOAL_PENDING_MS 50.0
#define GOAL_APPROVED_MS 100.0
#define PASSPHRASE "correct horse battery staple"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* One service of the directory and its organisation, read from the store. */
static void
pick_service (SpListings *listings,
              const SpAccount *editor,
              char      **service_id,
              char      **organization_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) due = sp_listings_list_due_review (listings, editor, NULL, &error);
  SpListingSummary *summary;

  g_assert_no_error (error);
  g_assert_cmpuint (due->len, >, 0);
  summary = due->pdata[due->len / 2];
  *service_id = g_strdup (summary->service_id);
  *organization_id = g_strdup (summary->organization_id);
}

/* The hub's own time for each kind of request (its access log's "ms"), median: where
 * the time above goes. */
static void
print_server_times (SpTestHub *hub)
{
  static const struct
  {
    const char *method;
    const char *prefix;
    const char *suffix;
    const char *what;
  } kinds[] = {
    { "POST", "/manage/services/", "/edit", "POST the edit form" },
    { "GET", "/manage/", "/manage/", "GET the listings page" },
    { "GET", "/manage/changes/", "", "GET a change's page (where a saved edit leads, and an approval)" },
    { "GET", "/manage/services/", "/edit", "GET the edit form" },
    { "POST", "/manage/changes/", "", "POST the approval" },
    { "GET", "/sync", "", "GET /sync?since=&token=" },
  };
  g_autofree char *log = sp_test_hub_read_log (hub);
  g_auto (GStrv) lines = g_strsplit (log, "\n", -1);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_autoptr (JsonNode) node = *lines[i] == '{' ? json_from_string (lines[i], NULL) : NULL;
          JsonObject *entry = node != NULL ? json_node_get_object (node) : NULL;
          const char *path = entry != NULL ? json_object_get_string_member_with_default (entry, "path", "") : "";
          const char *method = entry != NULL ? json_object_get_string_member_with_default (entry, "method", "") : "";
          double ms;

          if (entry == NULL || g_strcmp0 (method, kinds[k].method) != 0 || !g_str_has_prefix (path, kinds[k].prefix) ||
              !g_str_has_suffix (path, kinds[k].suffix))
            continue;
          ms = json_object_get_double_member_with_default (entry, "ms", 0);
          g_array_append_val (times, ms);
        }
      if (times->len == 0)
        continue;
      g_array_sort (times, compare_doubles);
      printf ("  the hub's time to %s: median %.1f ms (%u requests)\n", kinds[k].what,
              g_array_index (times, double, times->len / 2), times->len);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = sp_test_make_tmpdir ();
  g_autofree char *data_dir = g_build_filename (dir, "data", NULL);
  g_autofree char *feed = g_build_filename (dir, "feed.json", NULL);
  g_autofree char *store = g_build_filename (data_dir, "directory.sqlite", NULL);
  g_autofree char *out = NULL, *err = NULL, *service = NULL, *organization = NULL, *token = NULL;
  g_autofree char *edit_path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SpDirectory) directory = NULL;
  g_autoptr (SpListings) listings = NULL;
  g_autoptr (SpAccount) editor = NULL, member = NULL;
  g_autoptr (SpTestHub) hub = NULL;
  g_autoptr (SpTestBrowser) as_member = NULL, as_editor = NULL;
  g_autoptr (SoupSession) session = sp_test_http_session ();
  double pending_ms[N_ROUNDS], approved_ms[N_ROUNDS], posted_ms[N_ROUNDS];
  int n_services = 100000;

  setvbuf (stdout, NULL, _IOLBF, 0);
  {
    g_autofree char *loadavg = NULL;

    g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL);
    printf ("bench-hub-manage: %u processors, load average %s", g_get_num_processors (), loadavg != NULL ? loadavg : "?\n");
  }
  if (g_getenv ("SIGNPOST_BENCH_SERVICES") != NULL)
    n_services = MAX (100, atoi (g_getenv ("SIGNPOST_BENCH_SERVICES")));
  g_assert_cmpint (g_mkdir (data_dir, 0700), ==, 0);
  sp_feed_generate (feed, n_services, 42, &error);
  g_assert_no_error (error);
  if (sp_test_run_cli (&out, &err, "import", feed, "--data-dir", data_dir, NULL) != 0)
    g_error ("signpost-cli import failed: %s", err);
  g_unlink (feed);

  directory = sp_search_open_directory (store, &error);
  g_assert_no_error (error);
  listings = sp_listings_new (directory);
  editor = sp_listings_add_editor (listings, "editor@example.org", PASSPHRASE, &error);
  g_assert_no_error (error);
  pick_service (listings, editor, &service, &organization);
  token = sp_listings_invite (listings, editor, SP_ACCOUNT_ROLE_MEMBER, organization, &error);
  g_assert_no_error (error);
  member = sp_listings_accept_invitation (listings, token, "member@example.org", PASSPHRASE, &error);
  g_assert_no_error (error);

  hub = sp_test_hub_start (data_dir, NULL, NULL);
  as_member = sp_test_browser_sign_in (hub->url, "member@example.org", PASSPHRASE);
  as_editor = sp_test_browser_sign_in (hub->url, "editor@example.org", PASSPHRASE);
  edit_path = g_strdup_printf ("/manage/services/%s/edit", service);
  for (guint round = 0; round < N_ROUNDS; round++)
    {
      g_autoptr (GHashTable) form = NULL;
      g_autofree char *description = g_strdup_printf ("Changed in round %u of the benchmark.", round);
      g_autofree char *change = NULL, *sync_url = NULL, *decision = NULL;
      g_autofree char *since = sp_test_hub_sync_query (hub->url);
      gint64 start;
      const char *link;
      gboolean seen = FALSE;
      guint polls = 0;

      g_assert_cmpuint (sp_test_browser_get (as_member, edit_path), ==, 200);
      form = sp_test_browser_form_fields (as_member, edit_path);
      g_hash_table_replace (form, g_strdup ("description"), g_strdup (description));
      start = g_get_monotonic_time ();
      g_assert_cmpuint (sp_test_browser_post_form (as_member, edit_path, form), ==, 200);
      pending_ms[round] = (g_get_monotonic_time () - start) / 1000.0;
      if (!g_str_has_suffix (as_member->location, "?done=saved"))
        g_error ("the edit was not saved: %s", as_member->page);

      g_assert_cmpuint (sp_test_browser_get (as_editor, "/manage/changes"), ==, 200);
      link = strstr (as_editor->page, "href=\"/manage/changes/");
      g_assert_nonnull (link);
      link += strlen ("href=\"");
      change = g_strndup (link, strcspn (link, "\""));
      g_assert_cmpuint (sp_test_browser_get (as_editor, change), ==, 200);
      g_clear_pointer (&form, g_hash_table_unref);
      form = sp_test_browser_form_fields (as_editor, change);
      g_hash_table_replace (form, g_strdup ("decision"), g_strdup ("approve"));
      sync_url = g_strdup_printf ("%s/sync?%s", hub->url, since);
      start = g_get_monotonic_time ();
      g_assert_cmpuint (sp_test_browser_post_form (as_editor, change, form), ==, 200);
      posted_ms[round] = (g_get_monotonic_time () - start) / 1000.0;
      for (guint i = 0; i < 1000 && !seen; i++)
        {
          g_autoptr (SpTestResponse) delta = sp_test_http_get (session, sync_url, NULL);
          g_autofree char *text = sp_test_response_text (delta);

          seen = strstr (text, description) != NULL;
          if (i == 0 && strstr (text, "\"full\":true") != NULL)
            g_error ("/sync?%s sent the whole directory, not the changes since", since);
          polls = i + 1;
        }
      approved_ms[round] = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_true (seen);
      if (polls > 1)
        printf ("round %u: /sync held the change at its request %u\n", round, polls);
    }
  qsort (pending_ms, N_ROUNDS, sizeof (double), compare_doubles);
  qsort (approved_ms, N_ROUNDS, sizeof (double), compare_doubles);
  qsort (posted_ms, N_ROUNDS, sizeof (double), compare_doubles);
  printf ("bench-hub-manage: %d services, %d rounds\n", n_services, N_ROUNDS);
  printf ("edit saved as pending (POST and its page): median %.1f ms, worst %.1f ms (goal < %.0f ms)\n",
          pending_ms[N_ROUNDS / 2], pending_ms[N_ROUNDS - 1], GOAL_PENDING_MS);
  printf ("approval applied and in /sync?since= (POST, its page, the delta): median %.1f ms, worst %.1f ms (goal < %.0f ms)\n",
          approved_ms[N_ROUNDS / 2], approved_ms[N_ROUNDS - 1], GOAL_APPROVED_MS);
  printf ("  of which the approval's POST and its page: median %.1f ms\n", posted_ms[N_ROUNDS / 2]);
  print_server_times (hub);
  g_assert_cmpint (sp_test_hub_stop (hub), ==, 0);
  sp_test_remove_tree (dir);
  return 0;
}
