/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-hub-sync.c: the real signpost-hub serving a data folder, and the real client
 * (signpost-cli sync) keeping another folder current from it over loopback HTTP.
 *
 * Nothing here is in-process but the test's own reads of the client's copy: the hub is the
 * installed-to-be binary on a free port, changes reach its folder the way an administrator
 * makes them (signpost-cli import) or through the one write path another program on the
 * folder would use (SpDirectory), and each round is `signpost-cli sync URL`, or the app
 * itself (signpost) with its hub-url set in a key file of settings, looked at through the
 * accessibility bus. The hub's access log says what each round cost it.
 */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "sp-data-dir.h"
#include "sp-search-directory.h"
#include "sp-text.h"
#include "sp-test-hub.h"
#include "sp-test-sql.h"
#include "sp-test-util.h"

#define SAMPLE_SERVICES 158
#define BILSTON_MEMORY_CAFE "1c63994a-12ec-5ae3-8d9f-0e240b4ba821"
#define PUNJABI_CARERS "3c6f19ce-7b47-5702-b830-2c2ab4da8ab1"
#define KINGFISHER_KNITTERS "5a1e0c3b-6f0d-4c55-9d1e-0b7f1d2a9c01"

typedef struct
{
  SpTestHubFixture hub;
  char *client_dir;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  sp_test_hub_fixture_set_up (&f->hub, data);
  f->client_dir = g_build_filename (f->hub.dir, "client", NULL);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  sp_test_hub_fixture_tear_down (&f->hub, data);
  g_free (f->client_dir);
}

/* One round of `signpost-cli sync`; returns its exit status, its output in @out. */
static int
client_sync (Fixture    *f,
             const char *url,
             char      **out)
{
  g_autofree char *err = NULL;
  int status = sp_test_run_cli (out, &err, "sync", url, "--data-dir", f->client_dir, NULL);

  if (status != 0)
    g_test_message ("signpost-cli sync %s: %s", url, err);
  return status;
}

static void
client_sync_ok (Fixture    *f,
                const char *expect)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (client_sync (f, f->hub.hub->url, &out), ==, 0);
  g_test_message ("%s", out);
  if (strstr (out, expect) == NULL)
    g_error ("signpost-cli sync said “%s”, not “%s”", out, expect);
}

/* The ids `signpost-cli search` finds in the client's copy for @text, one a line. */
static char *
client_search (Fixture    *f,
               const char *text)
{
  g_autofree char *out = NULL, *err = NULL;

  if (sp_test_run_cli (&out, &err, "search", text, "--data-dir", f->client_dir, NULL) != 0)
    g_error ("signpost-cli search %s failed: %s", text, err);
  return g_steal_pointer (&out);
}

static guint
client_count (Fixture *f)
{
  g_autofree char *out = NULL, *err = NULL;
  guint lines = 0;

  if (sp_test_run_cli (&out, &err, "list", "--data-dir", f->client_dir, NULL) != 0)
    g_error ("signpost-cli list failed: %s", err);
  for (const char *p = out; (p = strchr (p, '\n')) != NULL; p++)
    lines++;
  return lines;
}

/* How many /sync requests the hub's access log (a JSON object a line) has answered @status. */
static guint
count_sync_answers (Fixture *f,
                    gint64   status)
{
  g_autofree char *log = sp_test_hub_read_log (f->hub.hub);
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

static gboolean
remove_service (SpStore    *store,
                gpointer    user_data,
                GPtrArray  *changed,
                GPtrArray  *removed,
                GError    **error)
{
  g_autofree char *sql = g_strdup_printf ("DELETE FROM service WHERE id = '%s'", (const char *) user_data);

  g_assert_true (sp_text_is_uuid (user_data));
  g_ptr_array_add (removed, g_strdup (user_data));
  return sp_store_exec (store, sql, error);
}

/* Removes a service from the hub's folder as another program on it would: through the
 * folder's one write path, its index kept in step, while the hub serves it. */
static void
hub_remove (Fixture    *f,
            const char *id)
{
  g_autofree char *store_path = sp_data_dir_store_path (f->hub.data_dir);
  g_autoptr (GError) error = NULL;
  g_autoptr (SpDirectory) directory = sp_search_open_directory (store_path, &error);

  g_assert_no_error (error);
  g_assert_true (sp_directory_change (directory, remove_service, (gpointer) id, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* A fresh copy gets the whole directory and can search it; an unchanged directory costs the
 * hub one 304; an import in the hub's folder reaches the next round, as only what changed;
 * a removal does; and a copy whose hub is down keeps working. */
static void
test_rounds (Fixture      *f,
             gconstpointer data)
{
  g_autofree char *found = NULL, *knitters = NULL, *renamed = NULL, *gone = NULL, *out = NULL;
  guint requests, not_modified;

  /* A fresh copy: everything, searchable. */
  client_sync_ok (f, "(the whole directory): 158 new or changed, 0 removed");
  g_assert_cmpuint (client_count (f), ==, SAMPLE_SERVICES);
  found = client_search (f, "bilston memory cafe");
  g_assert_true (g_str_has_prefix (found, BILSTON_MEMORY_CAFE "\t"));

  /* Unchanged: one request, answered 304. */
  requests = sp_test_hub_wait_for_requests (f->hub.hub, "/sync", 1);
  g_assert_cmpuint (requests, ==, 1);
  not_modified = count_sync_answers (f, 304);
  client_sync_ok (f, "Already up to date with");
  g_assert_cmpuint (sp_test_hub_wait_for_requests (f->hub.hub, "/sync", requests + 1), ==, requests + 1);
  g_assert_cmpuint (count_sync_answers (f, 304), ==, not_modified + 1);
  g_assert_cmpuint (client_count (f), ==, SAMPLE_SERVICES);

  /* An import in the hub's folder: a new service and a renamed one, and nothing else. */
  sp_test_hub_import (&f->hub,
                      "[{\"id\": \"" KINGFISHER_KNITTERS "\", \"status\": \"active\","
                      "  \"name\": \"Kingfisher knit and natter\","
                      "  \"description\": \"Bring your needles and a friend.\"},"
                      " {\"id\": \"" BILSTON_MEMORY_CAFE "\", \"status\": \"active\","
                      "  \"name\": \"Bilston Heron Memory Café\"}]");
  client_sync_ok (f, ": 2 new or changed, 0 removed");
  g_assert_cmpuint (client_count (f), ==, SAMPLE_SERVICES + 1);
  knitters = client_search (f, "kingfisher natter");
  g_assert_true (g_str_has_prefix (knitters, KINGFISHER_KNITTERS "\t"));
  renamed = client_search (f, "heron");
  g_assert_true (g_str_has_prefix (renamed, BILSTON_MEMORY_CAFE "\tBilston Heron Memory Café"));

  /* The copy keeps no ready JSON of the hub's (only a hub reads it); a hub serving the copy
   * assembles each service as it reads it, the same as the hub it came from. */
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *store_path = g_build_filename (f->client_dir, "directory.sqlite", NULL);
    g_autoptr (SpStore) store = sp_store_open_for_reading (store_path, &error);
    g_autoptr (SpTestHub) mirror = NULL;
    g_autoptr (SoupSession) session = sp_test_http_session ();
    g_autofree char *origin_url = g_strconcat (f->hub.hub->url, "/services/" BILSTON_MEMORY_CAFE, NULL);
    g_autofree char *mirror_url = NULL;
    g_autoptr (SpTestResponse) from_origin = NULL, from_mirror = NULL;
    g_autofree char *origin_text = NULL, *mirror_text = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (sp_store_count (store, "service_document"), ==, 0);
    g_clear_object (&store);
    mirror = sp_test_hub_start (f->client_dir, NULL, NULL);
    mirror_url = g_strconcat (mirror->url, "/services/" BILSTON_MEMORY_CAFE, NULL);
    from_origin = sp_test_http_get (session, origin_url, "Accept-Encoding", "identity", NULL);
    from_mirror = sp_test_http_get (session, mirror_url, "Accept-Encoding", "identity", NULL);
    g_assert_cmpuint (from_mirror->status, ==, 200);
    origin_text = sp_test_response_text (from_origin);
    mirror_text = sp_test_response_text (from_mirror);
    g_assert_cmpstr (mirror_text, ==, origin_text);
    g_assert_cmpint (sp_test_hub_stop (mirror), ==, 0);
    /* The hub reads its store's state at most every 50 ms: a change made sooner after the
     * request above would reach a round only after that. */
    g_usleep (100000);
  }

  /* A removal. */
  hub_remove (f, PUNJABI_CARERS);
  client_sync_ok (f, ": 0 new or changed, 1 removed");
  g_assert_cmpuint (client_count (f), ==, SAMPLE_SERVICES);
  gone = client_search (f, "punjabi carers");
  g_assert_null (strstr (gone, PUNJABI_CARERS));

  /* The hub goes away: the round fails, saying so, and the copy is as it was. */
  g_assert_cmpint (sp_test_hub_stop (f->hub.hub), ==, 0);
  g_assert_cmpint (client_sync (f, f->hub.hub->url, &out), !=, 0);
  g_assert_cmpuint (client_count (f), ==, SAMPLE_SERVICES);
  g_clear_pointer (&knitters, g_free);
  knitters = client_search (f, "kingfisher natter");
  g_assert_true (g_str_has_prefix (knitters, KINGFISHER_KNITTERS "\t"));
  g_clear_pointer (&f->hub.hub, sp_test_hub_free);
}

/* A hub address that is not one is refused with a message, and nothing is written. */
static void
test_bad_address (Fixture      *f,
                  gconstpointer data)
{
  const char *bad[] = { "not a url", "ftp://127.0.0.1/", "file:///etc/passwd" };
  g_autofree char *page_url = g_strconcat (f->hub.hub->url, "/find", NULL);

  client_sync_ok (f, "(the whole directory)");
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *out = NULL, *err = NULL;

      g_assert_cmpint (sp_test_run_cli (&out, &err, "sync", bad[i], "--data-dir", f->client_dir, NULL), ==, 1);
      g_assert_cmpstr (err, !=, "");
      g_assert_cmpuint (client_count (f), ==, SAMPLE_SERVICES);
    }
  /* An address on the hub that is not the hub's (its search page) is not one either. */
  {
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (sp_test_run_cli (&out, &err, "sync", page_url, "--data-dir", f->client_dir, NULL), ==, 1);
    g_test_message ("%s", err);
    g_assert_cmpuint (client_count (f), ==, SAMPLE_SERVICES);
  }
}

static gboolean
rename_service (SpStore    *store,
                gpointer    user_data,
                GPtrArray  *changed,
                GPtrArray  *removed,
                GError    **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE service SET name = 'Zebrafinch Memory Café' WHERE id = '%s'",
                                          (const char *) user_data);

  g_assert_true (sp_text_is_uuid (user_data));
  g_ptr_array_add (changed, g_strdup (user_data));
  return sp_store_exec (store, sql, error);
}

/* Renames a service in the hub's folder through its one write path, while the hub serves it. */
static void
hub_rename (Fixture    *f,
            const char *id)
{
  g_autofree char *store_path = sp_data_dir_store_path (f->hub.data_dir);
  g_autoptr (GError) error = NULL;
  g_autoptr (SpDirectory) directory = sp_search_open_directory (store_path, &error);

  g_assert_no_error (error);
  g_assert_true (sp_directory_change (directory, rename_service, (gpointer) id, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* What the running app shows, through the real AT-SPI bus of its D-Bus session: the probe's
 * output for @command (atspi-probe.py), or NULL when it failed. */
static char *
probe (const char *bus_address,
       const char *command,
       ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_auto (GStrv) env = g_environ_setenv (g_get_environ (), "DBUS_SESSION_BUS_ADDRESS", bus_address, TRUE);
  g_autofree char *out = NULL, *err = NULL;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("SIGNPOST_PYTHON_ATSPI"));
  g_ptr_array_add (argv, (gpointer) g_getenv ("SIGNPOST_ATSPI_PROBE"));
  g_ptr_array_add (argv, (gpointer) command);
  va_start (args, command);
  for (const char *a = va_arg (args, const char *); a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, NULL));
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_test_message ("atspi-probe %s: %s%s", command, out, err);
      return NULL;
    }
  return g_strdup (g_strstrip (out));
}

/* Waits up to @seconds for the hub to have answered @n rounds of /sync in all. */
static guint
wait_for_rounds (Fixture *f,
                 guint    n,
                 guint    seconds)
{
  guint count = 0;

  for (guint i = 0; i < seconds * 10 && (count = sp_test_hub_count_requests (f->hub.hub, "/sync")) < n; i++)
    g_usleep (100000);
  return count;
}

/* The app, as a kiosk's administrator sets it up (hub-url and a sync interval of one minute in
 * a key file of settings), keeps an empty data folder current from the real hub: a round at
 * start, in the background, after which its copy is searchable and its start page says when and
 * from where the directory was updated (read through the accessibility bus, as a screen reader
 * would); a change made at the hub reaches the window at the next round, a minute later, with
 * no one touching it; and when the hub is gone, the next round leaves the copy in use and the
 * line says, quietly, that the hub could not be reached. */
static void
test_app_rounds (Fixture      *f,
                 gconstpointer data)
{
  g_autofree char *settings_dir = g_build_filename (g_get_user_config_dir (), "glib-2.0", "settings", NULL);
  g_autofree char *keyfile_path = g_build_filename (settings_dir, "keyfile", NULL);
  g_autofree char *keyfile = g_strdup_printf ("[org/signpost/Signpost]\nhub-url='%s'\nsync-interval-minutes=uint32 1\n",
                                              f->hub.hub->url);
  g_autofree char *address_path = g_build_filename (f->hub.dir, "bus-address", NULL);
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr (GSubprocess) app = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *found = NULL, *log = NULL, *line = NULL, *pid_and_address = NULL, *shown = NULL;
  char *address = NULL;
  GPid app_pid = 0;
  gint64 first_round, second_round;
  guint count = 0;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_skip ("No display to open the app on");
      return;
    }
  g_assert_cmpint (g_mkdir_with_parents (settings_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (keyfile_path, keyfile, -1, NULL));
  g_assert_cmpint (g_mkdir_with_parents (f->client_dir, 0700), ==, 0);
  /* The app reads its settings key file (and keeps its cache) where this test case put them. */
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  /* Warnings are not fatal: GTK warns that it has no session bus. Nor are GTK's leaks at
   * exit under AddressSanitizer (see test-concurrency.c). A screen reader must see it: not
   * the GUI suites' GTK_A11Y=none, and a D-Bus session of its own for the accessibility bus. */
  g_subprocess_launcher_setenv (launcher, "G_DEBUG", "gc-friendly", TRUE);
  g_subprocess_launcher_setenv (launcher, "ASAN_OPTIONS", "detect_leaks=0", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "GTK_A11Y");
  g_subprocess_launcher_unsetenv (launcher, "DBUS_SESSION_BUS_ADDRESS");
  /* The shell writes the bus's address and its own pid, which the app takes over. */
  app = g_subprocess_launcher_spawn (launcher, &error, "dbus-run-session", "--", "sh", "-c",
                                     "echo \"$$ $DBUS_SESSION_BUS_ADDRESS\" > \"$1\"; exec \"$2\" --data-dir \"$3\"",
                                     "sh", address_path, g_getenv ("SIGNPOST_GUI"), f->client_dir, NULL);
  g_assert_no_error (error);

  /* Up to a minute for the app to start, ask and apply the whole directory. */
  g_assert_cmpuint (wait_for_rounds (f, 1, 60), ==, 1);
  first_round = g_get_monotonic_time ();
  for (guint i = 0; i < 600 && client_count (f) < SAMPLE_SERVICES; i++)
    g_usleep (100000);
  g_assert_cmpuint (client_count (f), ==, SAMPLE_SERVICES);
  /* The store has them once the round commits; the index follows in the same round. */
  for (guint i = 0; i < 600; i++)
    {
      g_clear_pointer (&found, g_free);
      found = client_search (f, "bilston memory cafe");
      if (g_str_has_prefix (found, BILSTON_MEMORY_CAFE "\t"))
        break;
      g_usleep (100000);
    }
  g_assert_true (g_str_has_prefix (found, BILSTON_MEMORY_CAFE "\t"));
  log = sp_test_hub_read_log (f->hub.hub);
  g_assert_nonnull (strstr (log, "\"path\":\"/sync\",\"params\":[\"since\"],\"status\":200"));
  g_assert_nonnull (strstr (log, "\"user_agent\":\"Signpost/"));

  /* The start page's line, as the accessibility bus has it. */
  g_assert_true (g_file_get_contents (address_path, &pid_and_address, NULL, NULL));
  app_pid = (GPid) g_ascii_strtoll (pid_and_address, &address, 10);
  g_strstrip (address);
  g_assert_cmpint (app_pid, >, 0);
  g_assert_true (g_str_has_prefix (address, "unix:"));
  line = probe (address, "label", "Directory updated", "30", NULL);
  g_assert_nonnull (line);
  g_test_message ("the start page says: %s", line);
  g_assert_true (g_str_has_prefix (line, "Directory updated today at "));
  g_assert_true (g_str_has_suffix (line, " from 127.0.0.1"));
  shown = probe (address, "search", "zebrafinch", NULL);
  g_assert_cmpstr (shown, ==, "0");
  g_clear_pointer (&shown, g_free);

  /* A change at the hub: the next round, on the interval, brings it to the window. */
  hub_rename (f, BILSTON_MEMORY_CAFE);
  count = wait_for_rounds (f, 2, 90);
  second_round = g_get_monotonic_time ();
  g_assert_cmpuint (count, ==, 2);
  g_test_message ("the second round came %.1f s after the first", (second_round - first_round) / 1e6);
  g_assert_cmpfloat ((second_round - first_round) / 1e6, >=, 50.0);
  for (guint i = 0; i < 300; i++)
    {
      g_clear_pointer (&found, g_free);
      found = client_search (f, "zebrafinch");
      if (g_str_has_prefix (found, BILSTON_MEMORY_CAFE "\t"))
        break;
      g_usleep (100000);
    }
  g_assert_true (g_str_has_prefix (found, BILSTON_MEMORY_CAFE "\t"));
  shown = probe (address, "search", "zebrafinch", NULL);
  g_assert_cmpstr (shown, ==, "1");

  /* The hub gone: the next round fails, the copy stays in use, the line says so. */
  g_assert_cmpint (sp_test_hub_stop (f->hub.hub), ==, 0);
  g_clear_pointer (&line, g_free);
  line = probe (address, "label", "Could not reach 127.0.0.1", "90", NULL);
  g_assert_nonnull (line);
  g_test_message ("then: %s", line);
  g_assert_nonnull (strstr (line, "; showing the directory as it was today at "));
  g_assert_cmpuint (client_count (f), ==, SAMPLE_SERVICES);
  g_clear_pointer (&shown, g_free);
  shown = probe (address, "search", "zebrafinch", NULL);
  g_assert_cmpstr (shown, ==, "1");
  g_assert_true (g_subprocess_get_identifier (app) != NULL);

  /* The app, not dbus-run-session: once the app has gone, dbus-run-session ends its bus (and
   * the accessibility bus with it) and leaves; stopped itself, it would leave them running. */
  g_assert_cmpint (kill (app_pid, SIGTERM), ==, 0);
  g_subprocess_wait (app, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/signpost/hub-sync/rounds", test_rounds);
  ADD ("/signpost/hub-sync/bad-address", test_bad_address);
  ADD ("/signpost/hub-sync/app-rounds", test_app_rounds);
#undef ADD

  return g_test_run ();
}
