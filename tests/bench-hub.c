/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-hub.c: signpost-hub serving 100 000 services, measured with wrk over loopback: requests a
 * second and p99 latency for a service by id, pages of 50 and searches, three ways (a hub that
 * keeps no answers, each URL asked once where there are enough; the hub as it runs, asked at
 * random from empty; only answers it already keeps); the hub's peak memory
 * under that load; a fresh client's full sync end to end (signpost-cli sync, searchable at the
 * end), a round bringing 100 changes and an unchanged round; what a full sync costs to serve.
 * Ends with every figure beside the goal issue 13 set for it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "sp-data-dir.h"
#include "sp-feed-generator.h"
#include "sp-search-directory.h"
#include "sp-test-hub.h"
#include "sp-test-sql.h"
#include "sp-test-util.h"
#include "sp-text.h"

/* The goals are for 100 000; SIGNPOST_BENCH_SERVICES sets fewer, to try the benchmark out. */
#define N_SERVICES 100000
static int n_services = N_SERVICES;
#define GOAL_READ_RPS 5000.0
#define GOAL_SEARCH_RPS 1000.0
#define GOAL_P99_MS 20.0
#define GOAL_MEMORY_MB 300.0
#define GOAL_FULL_SYNC_S 60.0
#define GOAL_CHANGES_ROUND_S 1.0
#define N_CHANGES 100
#define WRK_SECONDS "10"
#define WRK_CONNECTIONS "32"
#define WRK_THREADS "2"

static const char *queries[] = {
  "memory", "carers", "dementia%20support", "walking%20group", "food%20bank", "benefits", "lunch%20club",
  "tai%20chi", "befriending", "debt%20advice", "warm%20space", "singing", "hearing%20aid", "bereavement",
  "digital%20skills", "community%20transport", "gardening", "chair%20exercise", "knit%20and%20natter",
  "advocacy", "housing%20advice", "young%20carers", "memory%20cafe", "peer%20support", "falls", "respite",
  "punjabi", "lip%20reading", "loneliness", "money%20worries",
};
/* What a cold search adds to two of the queries: a place, a venue, a leader's name (words of
 * the generated listings), so that none of the run's searches was asked before. */
static const char *modifiers[] = {
  "tettenhall", "bilston", "wednesfield", "penn", "whitmore%20reans", "heath%20town", "low%20hill", "bushbury",
  "ettingshall", "blakenhall", "fallings%20park", "pendeford", "oxley", "merry%20hill", "finchfield", "graiseley",
  "park%20village", "springfield", "compton", "castlecroft", "library", "community%20centre", "church%20hall",
  "gurdwara", "mosque", "health%20centre", "village%20hall", "leisure%20centre", "scout%20hut", "baptist",
  "margaret", "sunita", "tomasz", "aisha", "derek", "gurpreet", "helen", "kwame", "irene", "bogdan", "shirley",
  "imran", "pauline", "desmond", "harjit", "agnieszka", "colin", "nasreen",
};

/* The start of every wrk script. wrk runs a copy of the script in each of its threads: setup()
 * numbers them (the global `id`, 1, 2, …), seed() seeds each one's random numbers apart (seeded
 * alike, both threads would ask the same URLs at the same moment, and one would wait for the
 * other's answer), and walk(list) shuffles a list alike in every thread and gives out thread k's
 * share of it (its k-th, k + threads-th, … entries) so that no two requests of a run ask the same
 * until the list runs out. */
#define LUA_PRELUDE \
  "local threads = 0\n" \
  "function setup(thread)\n" \
  "  threads = threads + 1\n" \
  "  thread:set(\"id\", threads)\n" \
  "end\n" \
  "local function seed()\n" \
  "  math.randomseed(os.time() * 1000 + id)\n" \
  "end\n" \
  "local function walk(list)\n" \
  "  math.randomseed(42)\n" \
  "  for i = #list, 2, -1 do\n" \
  "    local j = math.random(i)\n" \
  "    list[i], list[j] = list[j], list[i]\n" \
  "  end\n" \
  "  seed()\n" \
  "  local i = id - " WRK_THREADS "\n" \
  "  return function()\n" \
  "    i = i + " WRK_THREADS "\n" \
  "    if i > #list then i = id end\n" \
  "    return list[i]\n" \
  "  end\n" \
  "end\n"

typedef struct
{
  double rps;
  double p50_ms;
  double p99_ms;
  guint64 requests;
  guint64 errors;
} WrkFigures;

/* The figures side by side with their goals, printed at the end. */
static GString *summary;

static void
summarise (const char *what,
           const char *measured,
           const char *goal,
           gboolean    met)
{
  g_string_append_printf (summary, "  %-48s %-30s %-28s %s\n", what, measured, goal, met ? "met" : "NOT met");
}

/* A latency as wrk prints it ("1.23ms", "850.00us", "1.02s"), in milliseconds. */
static double
parse_latency (const char *text)
{
  char *end = NULL;
  double value = g_ascii_strtod (text, &end);

  if (g_str_has_prefix (end, "us"))
    return value / 1000;
  if (g_str_has_prefix (end, "ms"))
    return value;
  if (g_str_has_prefix (end, "s"))
    return value * 1000;
  if (g_str_has_prefix (end, "m"))
    return value * 60000;
  return value;
}

static WrkFigures
run_wrk (const char *url,
         const char *script,
         const char *encoding)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *header = g_strdup_printf ("Accept-Encoding: %s", encoding);
  const char *argv[] = { g_getenv ("SIGNPOST_WRK"), "-t" WRK_THREADS, "-c" WRK_CONNECTIONS, "-d" WRK_SECONDS "s", "--latency",
                         "-H", header, "-s", script, url, NULL };
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;
  WrkFigures figures = { 0 };
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("wrk failed: %s", err);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = g_strstrip (lines[i]);
      if (g_str_has_prefix (line, "Requests/sec:"))
        figures.rps = g_ascii_strtod (line + strlen ("Requests/sec:"), NULL);
      else if (g_str_has_prefix (line, "50%"))
        figures.p50_ms = parse_latency (g_strstrip ((char *) line + 3));
      else if (g_str_has_prefix (line, "99%"))
        figures.p99_ms = parse_latency (g_strstrip ((char *) line + 3));
      else if (strstr (line, " requests in ") != NULL)
        figures.requests = g_ascii_strtoull (line, NULL, 10);
      else if (g_str_has_prefix (line, "Non-2xx or 3xx responses:"))
        figures.errors += g_ascii_strtoull (line + strlen ("Non-2xx or 3xx responses:"), NULL, 10);
      else if (g_str_has_prefix (line, "Socket errors:"))
        {
          const char *p = line;
          while ((p = strpbrk (p, "0123456789")) != NULL)
            {
              char *end;
              figures.errors += g_ascii_strtoull (p, &end, 10);
              p = end;
            }
        }
    }
  return figures;
}

static double
peak_memory_mb (SpTestHub *hub)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/status", g_subprocess_get_identifier (hub->process));
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents (path, &status, NULL, NULL) || (line = strstr (status, "VmHWM:")) == NULL)
    return -1;
  return g_ascii_strtod (line + strlen ("VmHWM:"), NULL) / 1024.0;
}

/* @goal_p99_ms 0: the issue sets no latency for it (searches); @goal_rps 0: no goal at all
 * (the worst case, reported beside the figures the goals are for). */
static void
print_figures (const char *what,
               WrkFigures  f,
               double      goal_rps,
               double      goal_p99_ms)
{
  g_autofree char *measured = g_strdup_printf ("%.0f req/s, p99 %.1f ms", f.rps, f.p99_ms);
  g_autofree char *goal = goal_rps <= 0     ? g_strdup ("(no goal: worst case)")
                          : goal_p99_ms > 0 ? g_strdup_printf (">= %.0f req/s, p99 < %.0f ms", goal_rps, goal_p99_ms)
                                            : g_strdup_printf (">= %.0f req/s", goal_rps);
  gboolean met = f.rps >= goal_rps && (goal_p99_ms <= 0 || f.p99_ms < goal_p99_ms) && f.errors == 0;
  const char *verdict = goal_rps <= 0 ? (f.errors == 0 ? "reported" : "ERRORS") : met ? "met" : "NOT met";

  g_string_append_printf (summary, "  %-48s %-30s %-28s %s\n", what, measured, goal, verdict);
  printf ("%-48s %8.0f req/s  p50 %6.2f ms  p99 %7.2f ms  (%" G_GUINT64_FORMAT " requests, %" G_GUINT64_FORMAT
          " errors)  goal %s: %s\n",
          what, f.rps, f.p50_ms, f.p99_ms, f.requests, f.errors, goal, verdict);
  fflush (stdout);
}

/* GETs each of @paths once, so that their answers are kept (the "warm" runs). */
static void
warm_up (SpTestHub  *hub,
         GPtrArray  *paths)
{
  g_autoptr (SoupSession) session = sp_test_http_session ();

  for (guint i = 0; i < paths->len; i++)
    {
      g_autofree char *url = g_strconcat (hub->url, paths->pdata[i], NULL);
      g_autoptr (SpTestResponse) response = sp_test_http_get (session, url, "Accept-Encoding", "gzip", NULL);
      g_assert_cmpuint (response->status, ==, 200);
    }
}

/* Reads the data folder's files once, so that the runs measure the hub rather than the disk
 * (the machine's other work may have pushed them out of the page cache). */
static void
read_through (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_autoptr (GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);
      volatile guint8 sum = 0;
      const guint8 *data = file != NULL ? (const guint8 *) g_mapped_file_get_contents (file) : NULL;

      for (gsize i = 0; data != NULL && i < g_mapped_file_get_length (file); i += 4096)
        sum += data[i];
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      read_through (child);
    }
}

/* A wrk script that asks at random: @setup (Lua) makes the lists, then each request GETs
 * the Lua expression @path. Takes @setup. */
static char *
random_script (char       *setup,
               const char *path)
{
  g_autofree char *lists = setup;

  return g_strconcat (lists,
                      LUA_PRELUDE
                      "function init(args)\n"
                      "  seed()\n"
                      "end\n"
                      "request = function()\n"
                      "  return wrk.format(\"GET\", ", path, ")\n"
                      "end\n", NULL);
}

static char *
write_script (const char *dir,
              const char *name,
              const char *text)
{
  return sp_test_write_tmp (dir, name, text, -1);
}

/* The feed's ids, one a line, for the Lua scripts: from GET /services?minimal=true. */
static void
fetch_ids (SpTestHub  *hub,
           const char *path,
           guint      *n_ids,
           double     *seconds)
{
  g_autoptr (SoupSession) session = sp_test_http_session ();
  g_autofree char *url = g_strconcat (hub->url, "/services?minimal=true", NULL);
  gint64 started = g_get_monotonic_time ();
  g_autoptr (SpTestResponse) response = sp_test_http_get (session, url, NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GString) ids = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  JsonArray *contents;

  *seconds = (g_get_monotonic_time () - started) / 1e6;
  g_assert_cmpuint (response->status, ==, 200);
  json_parser_load_from_data (parser, g_bytes_get_data (response->body, NULL), g_bytes_get_size (response->body), &error);
  g_assert_no_error (error);
  contents = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "contents");
  for (guint i = 0; i < json_array_get_length (contents); i++)
    g_string_append_printf (ids, "%s\n", json_object_get_string_member (json_array_get_object_element (contents, i), "id"));
  *n_ids = json_array_get_length (contents);
  g_assert_true (g_file_set_contents (path, ids->str, ids->len, NULL));
}

/* A fresh client's full sync: bytes (gzip, as libsoup's clients ask) and time to serve,
 * the first time (the feed written while it streams) and again (from the file). */
static void
measure_full_sync (SpTestHub *hub)
{
  g_autofree char *url = g_strconcat (hub->url, "/sync?since=0", NULL);

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr (SoupSession) session = sp_test_http_session ();
      g_autoptr (SoupMessage) message = soup_message_new (SOUP_METHOD_GET, url);
      g_autoptr (GInputStream) body = NULL;
      g_autoptr (GError) error = NULL;
      gint64 started = g_get_monotonic_time (), first_byte = 0;
      guint64 bytes = 0;
      char buffer[65536];
      gssize n;

      soup_message_headers_replace (soup_message_get_request_headers (message), "Accept-Encoding", "gzip");
      body = soup_session_send (session, message, NULL, &error);
      g_assert_no_error (error);
      while ((n = g_input_stream_read (body, buffer, sizeof buffer, NULL, &error)) > 0)
        {
          if (first_byte == 0)
            first_byte = g_get_monotonic_time ();
          bytes += n;
        }
      g_assert_no_error (error);
      printf ("full sync of %d services, %s: %.1f MB gzipped in %.1f s (first byte after %.2f s), peak memory %.0f MB\n",
              n_services, round == 0 ? "first client (feed written as it streams)" : "next client (from the feed file)",
              bytes / 1e6, (g_get_monotonic_time () - started) / 1e6, (first_byte - started) / 1e6, peak_memory_mb (hub));
      fflush (stdout);
    }
}

/* One round of `signpost-cli sync` into @client_dir: its wall-clock seconds, what it said. */
static double
client_round (SpTestHub  *hub,
              const char *client_dir,
              char      **said)
{
  g_autofree char *out = NULL, *err = NULL;
  gint64 started = g_get_monotonic_time ();

  if (sp_test_run_cli (&out, &err, "sync", hub->url, "--data-dir", client_dir, NULL) != 0)
    g_error ("signpost-cli sync failed: %s", err);
  *said = g_strdup (g_strstrip (out));
  return (g_get_monotonic_time () - started) / 1e6;
}

/* How many lines the hub's access log has for /sync answered @status. */
static guint
count_sync_answers (SpTestHub *hub,
                    gint64     status)
{
  g_autofree char *log = sp_test_hub_read_log (hub);
  g_auto (GStrv) lines = g_strsplit (log, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr (JsonNode) node = *lines[i] == '{' ? json_from_string (lines[i], NULL) : NULL;
      JsonObject *entry = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (entry != NULL && g_strcmp0 (json_object_get_string_member_with_default (entry, "path", ""), "/sync") == 0 &&
          json_object_get_int_member_with_default (entry, "status", 0) == status)
        n++;
    }
  return n;
}

typedef struct
{
  char **ids;
} Renames;

/* Renames the services @user_data lists: changes as the hub's folder takes them, through
 * its one write path. */
static gboolean
rename_services (SpStore    *store,
                 gpointer    user_data,
                 GPtrArray  *changed,
                 GPtrArray  *removed,
                 GError    **error)
{
  Renames *renames = user_data;

  for (guint i = 0; renames->ids[i] != NULL; i++)
    {
      g_autofree char *sql = NULL;

      g_assert_true (sp_text_is_uuid (renames->ids[i]));
      sql = g_strdup_printf ("UPDATE service SET name = name || ' (renamed)' WHERE id = '%s'", renames->ids[i]);
      if (!sp_store_exec (store, sql, error))
        return FALSE;
      g_ptr_array_add (changed, g_strdup (renames->ids[i]));
    }
  return TRUE;
}

/* What a kiosk's copy costs: a fresh client's whole directory, a round bringing N_CHANGES
 * changes made in the hub's folder, an unchanged round; the copy searched after each. */
static void
measure_client (SpTestHub  *hub,
                const char *data_dir,
                const char *client_dir,
                const char *ids_path)
{
  g_autofree char *said = NULL, *found = NULL, *err = NULL, *ids_text = NULL, *listed = NULL;
  g_autofree char *measured = NULL, *goal = NULL, *store_path = sp_data_dir_store_path (data_dir);
  g_auto (GStrv) ids = NULL;
  g_autoptr (SpDirectory) hub_folder = NULL;
  g_autoptr (GError) error = NULL;
  Renames renames;
  double seconds, search_s;
  guint listed_n = 0, before_304, before_all;
  gint64 started;
  gboolean searchable;

  seconds = client_round (hub, client_dir, &said);
  started = g_get_monotonic_time ();
  if (sp_test_run_cli (&found, &err, "search", "memory cafe", "--data-dir", client_dir, NULL) != 0)
    g_error ("signpost-cli search failed: %s", err);
  search_s = (g_get_monotonic_time () - started) / 1e6;
  g_clear_pointer (&err, g_free);
  if (sp_test_run_cli (&listed, &err, "list", "--data-dir", client_dir, NULL) != 0)
    g_error ("signpost-cli list failed: %s", err);
  for (const char *p = listed; (p = strchr (p, '\n')) != NULL; p++)
    listed_n++;
  searchable = found != NULL && strchr (found, '\t') != NULL && listed_n == (guint) n_services;
  printf ("a fresh client's full sync (signpost-cli sync, end to end): %.1f s; it said “%s”\n"
          "  then holds %u services; a search of its copy (a process of its own) took %.2f s and %s\n",
          seconds, said, listed_n, search_s, searchable ? "found services" : "FOUND NOTHING");
  measured = g_strdup_printf ("%.1f s, %s", seconds, searchable ? "searchable" : "NOT searchable");
  goal = g_strdup_printf ("< %.0f s, searchable", GOAL_FULL_SYNC_S);
  summarise ("fresh client's full sync", measured, goal, seconds < GOAL_FULL_SYNC_S && searchable);

  /* N_CHANGES services renamed in the hub's folder. */
  g_assert_true (g_file_get_contents (ids_path, &ids_text, NULL, NULL));
  ids = g_strsplit (ids_text, "\n", N_CHANGES + 1);
  g_free (ids[N_CHANGES]);
  ids[N_CHANGES] = NULL;
  renames.ids = ids;
  hub_folder = sp_search_open_directory (store_path, &error);
  g_assert_no_error (error);
  g_assert_true (sp_directory_change (hub_folder, rename_services, &renames, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&hub_folder);
  g_clear_pointer (&said, g_free);
  seconds = client_round (hub, client_dir, &said);
  g_clear_pointer (&found, g_free);
  g_clear_pointer (&err, g_free);
  if (sp_test_run_cli (&found, &err, "search", "renamed", "--data-dir", client_dir, NULL) != 0)
    g_error ("signpost-cli search failed: %s", err);
  searchable = found != NULL && strstr (found, "(renamed)") != NULL;
  printf ("a round bringing %d changes: %.2f s; it said “%s”; the changes %s\n", N_CHANGES, seconds, said,
          searchable ? "are searchable" : "ARE NOT searchable");
  g_clear_pointer (&measured, g_free);
  g_clear_pointer (&goal, g_free);
  measured = g_strdup_printf ("%.2f s%s", seconds, strstr (said, ": 100 new or changed") != NULL ? "" : " (NOT 100)");
  goal = g_strdup_printf ("< %.0f s", GOAL_CHANGES_ROUND_S);
  summarise ("a round bringing 100 changes", measured, goal,
             seconds < GOAL_CHANGES_ROUND_S && searchable && strstr (said, ": 100 new or changed") != NULL);

  /* Unchanged: one request, a 304. */
  before_all = sp_test_hub_wait_for_requests (hub, "/sync", 0);
  before_304 = count_sync_answers (hub, 304);
  g_clear_pointer (&said, g_free);
  seconds = client_round (hub, client_dir, &said);
  {
    guint requests = sp_test_hub_wait_for_requests (hub, "/sync", before_all + 1) - before_all;
    guint not_modified = count_sync_answers (hub, 304) - before_304;

    printf ("an unchanged round: %.2f s; it said “%s”; the hub's log: %u request, %u answered 304\n", seconds, said,
            requests, not_modified);
    g_clear_pointer (&measured, g_free);
    measured = g_strdup_printf ("%u request, %u a 304 (%.2f s)", requests, not_modified, seconds);
    summarise ("an unchanged round", measured, "one 304", requests == 1 && not_modified == 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = sp_test_make_tmpdir ();
  g_autofree char *feed = g_build_filename (dir, "feed.json", NULL);
  g_autofree char *data_dir = g_build_filename (dir, "data", NULL);
  g_autofree char *ids_path = g_build_filename (dir, "ids.txt", NULL);
  g_autofree char *client_dir = g_build_filename (dir, "client", NULL);
  g_autofree char *out = NULL, *err = NULL, *loadavg = NULL;
  g_autofree char *by_id = NULL, *by_id_warm = NULL, *pages = NULL, *pages_warm = NULL;
  g_autofree char *search_warm = NULL, *search_cold = NULL, *by_id_random = NULL, *search_random = NULL;
  g_autoptr (GPtrArray) warm_paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) query_list = g_string_new (NULL);
  g_autoptr (GString) modifier_list = g_string_new (NULL);
  guint n_cold_searches;
  double cold_peak_mb = -1;
  g_autoptr (SpTestHub) hub = NULL;
  g_autoptr (GError) error = NULL;
  WrkFigures f;
  double seconds;
  guint n_ids = 0;
  gint64 started;

  g_assert_nonnull (g_getenv ("SIGNPOST_WRK"));
  setvbuf (stdout, NULL, _IOLBF, 0);
  summary = g_string_new (NULL);
  g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL);
  printf ("bench-hub: %u processors, load average %s", g_get_num_processors (), loadavg != NULL ? loadavg : "?\n");
  started = g_get_monotonic_time ();
  if (g_getenv ("SIGNPOST_BENCH_SERVICES") != NULL)
    n_services = MAX (1000, atoi (g_getenv ("SIGNPOST_BENCH_SERVICES")));
  sp_feed_generate (feed, n_services, 42, &error);
  g_assert_no_error (error);
  if (sp_test_run_cli (&out, &err, "import", feed, "--data-dir", data_dir, NULL) != 0)
    g_error ("signpost-cli import failed: %s", err);
  printf ("%d services generated and imported (with their index) in %.0f s\n", n_services,
          (g_get_monotonic_time () - started) / 1e6);
  g_unlink (feed);

  hub = sp_test_hub_start (data_dir, NULL, NULL);
  fetch_ids (hub, ids_path, &n_ids, &seconds);
  printf ("GET /services?minimal=true (every id, one call): %u ids in %.2f s\n", n_ids, seconds);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    g_string_append_printf (query_list, "%s\"%s\"", i > 0 ? ", " : "", queries[i]);
  for (guint i = 0; i < G_N_ELEMENTS (modifiers); i++)
    g_string_append_printf (modifier_list, "%s\"%s\"", i > 0 ? ", " : "", modifiers[i]);
  n_cold_searches = G_N_ELEMENTS (queries) * (G_N_ELEMENTS (queries) - 1) * G_N_ELEMENTS (modifiers);
  by_id = g_strdup_printf ("local ids = {}\n"
                           "for line in io.lines(\"%s\") do ids[#ids + 1] = line end\n"
                           LUA_PRELUDE
                           "local next_id\n"
                           "function init(args)\n"
                           "  next_id = walk(ids)\n"
                           "end\n"
                           "request = function()\n"
                           "  return wrk.format(\"GET\", \"/services/\" .. next_id())\n"
                           "end\n", ids_path);
  by_id_random = random_script (g_strdup_printf ("local ids = {}\n"
                                                 "for line in io.lines(\"%s\") do ids[#ids + 1] = line end\n",
                                                 ids_path),
                                 "\"/services/\" .. ids[math.random(#ids)]");
  by_id_warm = random_script (g_strdup_printf ("local ids = {}\n"
                                               "for line in io.lines(\"%s\") do if #ids < 2000 then ids[#ids + 1] = line end end\n",
                                               ids_path),
                               "\"/services/\" .. ids[math.random(#ids)]");
  pages = random_script (g_strdup_printf ("local pages = %d\n", n_services / 50),
                         "\"/services?per_page=50&page=\" .. math.random(pages)");
  pages_warm = random_script (g_strdup (""), "\"/services?per_page=50&page=\" .. math.random(200)");
  search_warm = random_script (g_strdup_printf ("local q = { %s }\n", query_list->str),
                               "\"/services?search=\" .. q[math.random(#q)]");
  /* Two of the queries, on page 1, 2 or 3: 2 700 URLs, asked at random. */
  search_random = random_script (g_strdup_printf ("local q = { %s }\n", query_list->str),
                                 "\"/services?search=\" .. q[math.random(#q)] .. \"%20\" .. q[math.random(#q)] .. "
                                 "\"&page=\" .. math.random(3)");
  /* Two different queries and a modifier, each text once in the run: its first page, as a
   * person asks a new search (later pages come after a first, and the random run has them). */
  search_cold = g_strdup_printf ("local q = { %s }\n"
                                 "local m = { %s }\n"
                                 "local texts = {}\n"
                                 "for a = 1, #q do\n"
                                 "  for b = 1, #q do\n"
                                 "    if a ~= b then\n"
                                 "      for c = 1, #m do texts[#texts + 1] = q[a] .. \"%%20\" .. q[b] .. \"%%20\" .. m[c] end\n"
                                 "    end\n"
                                 "  end\n"
                                 "end\n"
                                 LUA_PRELUDE
                                 "local next_text\n"
                                 "function init(args)\n"
                                 "  next_text = walk(texts)\n"
                                 "end\n"
                                 "request = function()\n"
                                 "  return wrk.format(\"GET\", \"/services?search=\" .. next_text())\n"
                                 "end\n", query_list->str, modifier_list->str);
  {
    g_autofree char *s_by_id = write_script (dir, "by-id.lua", by_id);
    g_autofree char *s_by_id_warm = write_script (dir, "by-id-warm.lua", by_id_warm);
    g_autofree char *s_pages = write_script (dir, "pages.lua", pages);
    g_autofree char *s_pages_warm = write_script (dir, "pages-warm.lua", pages_warm);
    g_autofree char *s_search_warm = write_script (dir, "search-warm.lua", search_warm);
    g_autofree char *s_search_cold = write_script (dir, "search-cold.lua", search_cold);
    g_autofree char *s_by_id_random = write_script (dir, "by-id-random.lua", by_id_random);
    g_autofree char *s_search_random = write_script (dir, "search-random.lua", search_random);
    g_autofree char *no_cache = sp_test_write_tmp (dir, "no-cache.conf", "[hub]\ncache-mb=0\n", -1);
    g_autoptr (SpTestHub) cold_hub = NULL;
    g_autofree char *cold_what = NULL;

    printf ("wrk -t%s -c%s -d%ss, Accept-Encoding: gzip unless said; each wrk thread's random numbers seeded apart.\n"
            "'nothing kept': a hub that keeps no answers (cache-mb=0), so each is made from the store and the index; "
            "by id, each service once; searches, each text once, its first page (%u texts of three parts); pages of 50 "
            "at random.\n"
            "'random': the hub as it runs (answers kept until the directory changes, 64 MB), from empty, asked for "
            "any service, any page (%d), any of 2 700 searches (two of 30 queries, page 1 to 3) at random.\n"
            "'warm': only answers already kept.\n",
            WRK_THREADS, WRK_CONNECTIONS, WRK_SECONDS, n_cold_searches, n_services / 50);
    g_assert_cmpint (sp_test_hub_stop (hub), ==, 0);
    g_clear_pointer (&hub, sp_test_hub_free);
    cold_hub = sp_test_hub_start (data_dir, "--config", no_cache, NULL);
    read_through (data_dir);
    f = run_wrk (cold_hub->url, s_by_id, "gzip");
    cold_what = g_strdup_printf ("GET /services/{id}, nothing kept%s", f.requests > n_ids ? " (some twice)" : "");
    print_figures (cold_what, f, 0, 0);
    f = run_wrk (cold_hub->url, s_pages, "gzip");
    print_figures ("GET /services?page=N, nothing kept", f, 0, 0);
    f = run_wrk (cold_hub->url, s_search_cold, "gzip");
    g_clear_pointer (&cold_what, g_free);
    cold_what = g_strdup_printf ("GET /services?search=…, nothing kept%s", f.requests > n_cold_searches ? " (some twice)" : "");
    print_figures (cold_what, f, 0, 0);
    cold_peak_mb = peak_memory_mb (cold_hub);
    printf ("that hub's peak memory (VmHWM): %.0f MB\n", cold_peak_mb);
    g_assert_cmpint (sp_test_hub_stop (cold_hub), ==, 0);

    hub = sp_test_hub_start (data_dir, NULL, NULL);
    f = run_wrk (hub->url, s_by_id_random, "gzip");
    print_figures ("GET /services/{id}, random", f, GOAL_READ_RPS, GOAL_P99_MS);
    f = run_wrk (hub->url, s_pages, "gzip");
    print_figures ("GET /services?per_page=50&page=N, random", f, GOAL_READ_RPS, GOAL_P99_MS);
    f = run_wrk (hub->url, s_search_random, "gzip");
    print_figures ("GET /services?search=…, random (2 700 URLs)", f, GOAL_SEARCH_RPS, 0);
    {
      g_autofree char *ids = NULL;
      g_auto (GStrv) lines = NULL;

      g_assert_true (g_file_get_contents (ids_path, &ids, NULL, NULL));
      lines = g_strsplit (ids, "\n", 2001);
      for (guint i = 0; i < 2000 && lines[i] != NULL && *lines[i] != '\0'; i++)
        g_ptr_array_add (warm_paths, g_strconcat ("/services/", lines[i], NULL));
      for (guint page = 1; page <= 200; page++)
        g_ptr_array_add (warm_paths, g_strdup_printf ("/services?per_page=50&page=%u", page));
      for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
        g_ptr_array_add (warm_paths, g_strconcat ("/services?search=", queries[i], NULL));
      warm_up (hub, warm_paths);
    }
    f = run_wrk (hub->url, s_by_id_warm, "gzip");
    print_figures ("GET /services/{id}, 2 000 of them (warm)", f, GOAL_READ_RPS, GOAL_P99_MS);
    f = run_wrk (hub->url, s_by_id_warm, "identity");
    print_figures ("GET /services/{id}, 2 000 (warm, uncompressed)", f, GOAL_READ_RPS, GOAL_P99_MS);
    f = run_wrk (hub->url, s_pages_warm, "gzip");
    print_figures ("GET /services?per_page=50&page=N, 200 (warm)", f, GOAL_READ_RPS, GOAL_P99_MS);
    f = run_wrk (hub->url, s_search_warm, "gzip");
    print_figures ("GET /services?search=… (warm: 30 queries)", f, GOAL_SEARCH_RPS, 0);
  }
  printf ("hub peak memory (VmHWM) under that load: %.0f MB (goal < %.0f MB)\n", peak_memory_mb (hub), GOAL_MEMORY_MB);
  fflush (stdout);
  measure_client (hub, data_dir, client_dir, ids_path);
  measure_full_sync (hub);
  {
    double peak = peak_memory_mb (hub);
    g_autofree char *measured = g_strdup_printf ("%.0f MB (no-cache hub %.0f MB)", peak, cold_peak_mb);
    g_autofree char *goal = g_strdup_printf ("< %.0f MB", GOAL_MEMORY_MB);

    printf ("hub peak memory (VmHWM) after all of it, full syncs included: %.0f MB\n", peak);
    summarise ("hub peak memory (VmHWM), all of the above", measured, goal,
               peak >= 0 && peak < GOAL_MEMORY_MB && cold_peak_mb >= 0 && cold_peak_mb < GOAL_MEMORY_MB);
  }
  g_clear_pointer (&loadavg, g_free);
  g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL);
  printf ("\nbench-hub: the figures beside issue 13's goals (%d services, %u processors; load average at the end %s)\n"
          "  %-48s %-30s %-28s %s\n%s",
          n_services, g_get_num_processors (), loadavg != NULL ? g_strstrip (loadavg) : "?", "figure", "measured", "goal",
          "", summary->str);
  g_string_free (summary, TRUE);
  g_assert_cmpint (sp_test_hub_stop (hub), ==, 0);
  sp_test_remove_tree (dir);
  return 0;
}
