/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sync.c: a copy of the directory kept current from a hub, and kept whole when that fails.
 *
 * The hub here is a small libsoup server on loopback, in a thread of its own, serving the
 * real sync feed (sp_sync_feed_write) of a real store — or, on request, the ways a hub
 * fails: dying mid-stream, a truncated or corrupt feed, a web page, an error, figures that
 * do not add up. The client is the real sp_sync_round() into a real store and index.
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "sp-search-directory.h"
#include "sp-sync-client.h"
#include "sp-sync-feed.h"
#include "sp-test-sql.h"
#include "sp-test-store.h"
#include "sp-test-util.h"

#define BILSTON_MEMORY_CAFE "1c63994a-12ec-5ae3-8d9f-0e240b4ba821"
#define PUNJABI_CARERS "3c6f19ce-7b47-5702-b830-2c2ab4da8ab1"
#define SAMPLE_SERVICES 158

typedef enum
{
  HUB_NORMAL,
  HUB_DIES_MID_STREAM,
  HUB_TRUNCATES,
  HUB_CORRUPTS,
  HUB_SENDS_A_WEB_PAGE,
  HUB_FAILS,
  HUB_MISCOUNTS,
} HubMode;

typedef struct
{
  char *dir;
  char *hub_path;
  char *client_path;
  SpDirectory *hub;
  SpDirectory *client;
  /* The server's thread. */
  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
  SoupServer *server;
  char *url;
  GMutex lock;
  GCond ready;
  gboolean started;
  volatile gint mode;           /* HubMode */
  volatile gint requests;
  volatile gint not_modified;
} Fixture;

/* ---- the hub --------------------------------------------------------------------------- */

static GBytes *
feed_bytes (Fixture    *f,
            gint64      since,
            const char *token)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpStore) store = sp_store_open_for_reading (f->hub_path, &error);
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();

  g_assert_no_error (error);
  g_assert_true (sp_sync_feed_write (store, since, token, out, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, NULL);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

/* Writes a 200 with a body longer than it sends, then hangs up: a hub that died. */
static void
die_mid_stream (SoupServerMessage *message,
                GBytes            *body)
{
  g_autoptr (GIOStream) connection = soup_server_message_steal_connection (message);
  g_autofree char *head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: " SP_SYNC_FEED_CONTENT_TYPE "\r\n"
                                           "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n", g_bytes_get_size (body));
  GOutputStream *out = g_io_stream_get_output_stream (connection);

  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
  g_output_stream_write_all (out, g_bytes_get_data (body, NULL), g_bytes_get_size (body) / 2, NULL, NULL, NULL);
  g_io_stream_close (connection, NULL, NULL);
}

/* The feed without its last line (or with its figures changed). */
static GBytes *
spoil (GBytes  *body,
       HubMode  mode)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (body, &size);
  g_autoptr (GString) text = g_string_new_len (data, size);

  if (mode == HUB_TRUNCATES)
    {
      const char *end = g_strrstr (text->str, "{\"end\"");
      g_string_truncate (text, end - text->str);
    }
  else if (mode == HUB_CORRUPTS)
    g_string_insert (text, strchr (text->str, '\n') + 1 - text->str, "{\"service\": {\"id\": \"x\", \"na\n");
  else if (mode == HUB_MISCOUNTS)
    g_string_replace (text, "\"removed\":0}}", "\"removed\":3}}", 1);
  return g_string_free_to_bytes (g_steal_pointer (&text));
}

static void
serve_sync (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           data)
{
  Fixture *f = data;
  HubMode mode = g_atomic_int_get (&f->mode);
  const char *since = query != NULL ? g_hash_table_lookup (query, "since") : NULL;
  const char *token = query != NULL ? g_hash_table_lookup (query, "token") : NULL;
  const char *match = soup_message_headers_get_one (soup_server_message_get_request_headers (message), "If-None-Match");
  g_autoptr (GError) error = NULL;
  g_autoptr (SpStore) store = sp_store_open_for_reading (f->hub_path, &error);
  g_auto (SpSyncState) state = { NULL, 0, NULL };
  g_autofree char *etag = NULL;
  g_autoptr (GBytes) body = NULL;

  g_atomic_int_inc (&f->requests);
  g_assert_no_error (error);
  g_assert_true (sp_sync_feed_get_state (store, &state, &error));
  etag = sp_sync_feed_etag (&state);
  if (mode == HUB_FAILS)
    {
      soup_server_message_set_status (message, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
      return;
    }
  if (mode == HUB_SENDS_A_WEB_PAGE)
    {
      const char *page = "<!doctype html><title>Sign in to the library Wi-Fi</title>";
      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC, page, strlen (page));
      return;
    }
  if (mode == HUB_NORMAL && match != NULL && g_str_equal (match, etag))
    {
      g_atomic_int_inc (&f->not_modified);
      soup_server_message_set_status (message, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }
  body = feed_bytes (f, since != NULL ? g_ascii_strtoll (since, NULL, 10) : 0, token);
  if (mode == HUB_DIES_MID_STREAM)
    {
      die_mid_stream (message, body);
      return;
    }
  if (mode != HUB_NORMAL)
    {
      GBytes *spoilt = spoil (body, mode);
      g_bytes_unref (body);
      body = spoilt;
    }
  soup_message_headers_replace (soup_server_message_get_response_headers (message), "ETag", etag);
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, SP_SYNC_FEED_CONTENT_TYPE, SOUP_MEMORY_COPY,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static gpointer
run_hub (gpointer data)
{
  Fixture *f = data;
  g_autoptr (GError) error = NULL;
  g_autoslist (GUri) uris = NULL;

  g_main_context_push_thread_default (f->context);
  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, "/sync", serve_sync, f, NULL);
  soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  g_mutex_lock (&f->lock);
  f->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  f->started = TRUE;
  g_cond_signal (&f->ready);
  g_mutex_unlock (&f->lock);
  g_main_loop_run (f->loop);
  g_clear_object (&f->server);
  g_main_context_pop_thread_default (f->context);
  return NULL;
}

/* ---- fixture -------------------------------------------------------------------------- */

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *sample = sp_test_source_path ("data", "sample-directory.json", NULL);
  g_autofree char *hub_dir = NULL;
  g_autofree char *client_dir = NULL;

  f->dir = sp_test_make_tmpdir ();
  hub_dir = g_build_filename (f->dir, "hub", NULL);
  client_dir = g_build_filename (f->dir, "client", NULL);
  g_mkdir (hub_dir, 0700);
  g_mkdir (client_dir, 0700);
  f->hub_path = g_build_filename (hub_dir, "directory.sqlite", NULL);
  f->client_path = g_build_filename (client_dir, "directory.sqlite", NULL);
  f->hub = sp_search_open_directory (f->hub_path, &error);
  g_assert_no_error (error);
  g_assert_true (sp_directory_import (f->hub, sample, SP_IMPORT_FLAGS_NONE, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  f->client = sp_search_open_directory (f->client_path, &error);
  g_assert_no_error (error);

  g_mutex_init (&f->lock);
  g_cond_init (&f->ready);
  f->context = g_main_context_new ();
  f->loop = g_main_loop_new (f->context, FALSE);
  f->thread = g_thread_new ("hub", run_hub, f);
  g_mutex_lock (&f->lock);
  while (!f->started)
    g_cond_wait (&f->ready, &f->lock);
  g_mutex_unlock (&f->lock);
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_main_context_invoke (f->context, quit_loop, f->loop);
  g_thread_join (f->thread);
  g_main_loop_unref (f->loop);
  g_main_context_unref (f->context);
  g_mutex_clear (&f->lock);
  g_cond_clear (&f->ready);
  g_clear_object (&f->hub);
  g_clear_object (&f->client);
  sp_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->hub_path);
  g_free (f->client_path);
  g_free (f->url);
}

/* ---- what the client holds ---------------------------------------------------------- */

static char *
name_of (SpStore    *store,
         const char *id)
{
  return sp_test_sql_text (store, "SELECT name FROM service WHERE id = ?1", id);
}

/* A summary of the client's copy: its services' ids and names, and its sync state. */
static char *
client_fingerprint (Fixture *f)
{
  SpStore *store = sp_directory_get_store (f->client);
  g_autofree char *names = sp_test_sql_text (store,
    "SELECT group_concat(id || '=' || name, ';') FROM (SELECT id, name FROM service ORDER BY id)", NULL);
  g_auto (SpSyncSource) source = { 0 };

  sp_store_get_sync_source (store, f->url, &source, NULL);
  return g_strdup_printf ("%s|%" G_GINT64_FORMAT "|%s", names != NULL ? names : "", source.seq,
                          source.token != NULL ? source.token : "");
}

/* What a program opening the client's index afresh finds for @text first. */
static char *
client_search (Fixture    *f,
               const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpStore) store = sp_store_open_for_reading (f->client_path, &error);
  g_autoptr (SpSearchIndex) index = sp_search_index_open (store, NULL, &error);
  g_autoptr (SpSearchResults) results = NULL;
  SpSearchQuery query = SP_SEARCH_QUERY_INIT;

  g_assert_no_error (error);
  query.text = text;
  results = sp_search_index_query (index, &query, &error);
  g_assert_no_error (error);
  return results->hits->len > 0 ? g_strdup (((SpSearchHit *) results->hits->pdata[0])->id) : NULL;
}

static void
sync_ok (Fixture      *f,
         SpSyncReport *report)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (sp_sync_round (f->client, f->url, NULL, report, &error));
  g_assert_no_error (error);
}

static gboolean
rename_service (SpStore    *store,
                gpointer    user_data,
                GPtrArray  *changed,
                GPtrArray  *removed,
                GError    **error)
{
  const char **what = user_data;
  const char *args[] = { what[1], what[0], NULL };

  if (!sp_test_sql_run (store, "UPDATE service SET name = ?1, content_hash = NULL WHERE id = ?2", args, error))
    return FALSE;
  g_ptr_array_add (changed, g_strdup (what[0]));
  return TRUE;
}

static void
hub_rename (Fixture    *f,
            const char *id,
            const char *name)
{
  g_autoptr (GError) error = NULL;
  const char *what[] = { id, name };

  g_assert_true (sp_directory_change (f->hub, rename_service, what, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static gboolean
remove_service (SpStore    *store,
                gpointer    user_data,
                GPtrArray  *changed,
                GPtrArray  *removed,
                GError    **error)
{
  g_autofree char *sql = g_strdup_printf ("DELETE FROM service WHERE id = '%s'", (const char *) user_data);

  g_ptr_array_add (removed, g_strdup (user_data));
  return sp_store_exec (store, sql, error);
}

/* ---- tests ----------------------------------------------------------------------------- */

/* A new copy gets the whole directory and can search it; asking again is one 304. */
static void
test_first_round_then_unchanged (Fixture      *f,
                                 gconstpointer data)
{
  SpSyncReport report = { 0 };
  g_autofree char *found = NULL;

  sync_ok (f, &report);
  g_assert_true (report.full);
  g_assert_false (report.unchanged);
  g_assert_cmpuint (report.written, ==, SAMPLE_SERVICES);
  g_assert_cmpint (sp_store_count (sp_directory_get_store (f->client), "service"), ==, SAMPLE_SERVICES);
  found = client_search (f, "bilston memory cafe");
  g_assert_cmpstr (found, ==, BILSTON_MEMORY_CAFE);

  sync_ok (f, &report);
  g_assert_true (report.unchanged);
  g_assert_cmpint (g_atomic_int_get (&f->requests), ==, 2);
  g_assert_cmpint (g_atomic_int_get (&f->not_modified), ==, 1);
}

/* Later rounds bring only what changed: a renamed service and a removed one. */
static void
test_changes_only (Fixture      *f,
                   gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  SpSyncReport report = { 0 };
  g_autofree char *name = NULL;
  g_autofree char *found = NULL;
  g_autofree char *gone = NULL;

  sync_ok (f, &report);
  hub_rename (f, BILSTON_MEMORY_CAFE, "Bilston Kingfisher Café");
  g_assert_true (sp_directory_change (f->hub, remove_service, (gpointer) PUNJABI_CARERS, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  sync_ok (f, &report);
  g_assert_false (report.full);
  g_assert_cmpuint (report.written, ==, 1);
  g_assert_cmpuint (report.removed, ==, 1);
  name = name_of (sp_directory_get_store (f->client), BILSTON_MEMORY_CAFE);
  g_assert_cmpstr (name, ==, "Bilston Kingfisher Café");
  gone = name_of (sp_directory_get_store (f->client), PUNJABI_CARERS);
  g_assert_null (gone);
  found = client_search (f, "kingfisher");
  g_assert_cmpstr (found, ==, BILSTON_MEMORY_CAFE);
  /* The hub's services kept ready as JSON follow the change; the copy keeps none (only a
   * hub reads them), so none of its can be stale. */
  sp_test_assert_documents_current (sp_directory_get_store (f->hub));
  g_assert_cmpint (sp_store_count (sp_directory_get_store (f->client), "service_document"), ==, 0);
}

/* Every way a round fails leaves the copy exactly as it was, says why, and the next
 * round recovers. */
static void
test_failures_keep_the_copy (Fixture      *f,
                             gconstpointer data)
{
  static const struct { HubMode mode; int code; } failures[] = {
    { HUB_DIES_MID_STREAM, -1 },   /* libsoup's or ours, depending on where it broke */
    { HUB_TRUNCATES, SP_SYNC_ERROR_INCOMPLETE },
    { HUB_CORRUPTS, SP_SYNC_ERROR_NOT_A_FEED },
    { HUB_SENDS_A_WEB_PAGE, SP_SYNC_ERROR_NOT_A_FEED },
    { HUB_FAILS, SP_SYNC_ERROR_HTTP },
    { HUB_MISCOUNTS, SP_SYNC_ERROR_INCOMPLETE },
  };
  SpSyncReport report = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *name = NULL;

  sync_ok (f, &report);
  hub_rename (f, BILSTON_MEMORY_CAFE, "Bilston Heron Café");
  before = client_fingerprint (f);
  for (gsize i = 0; i < G_N_ELEMENTS (failures); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *after = NULL;
      g_auto (SpSyncSource) source = { 0 };

      g_atomic_int_set (&f->mode, failures[i].mode);
      g_assert_false (sp_sync_round (f->client, f->url, NULL, &report, &error));
      g_assert_nonnull (error);
      if (failures[i].code >= 0)
        g_assert_error (error, SP_SYNC_ERROR, failures[i].code);
      g_test_message ("hub mode %d: %s", failures[i].mode, error->message);
      after = client_fingerprint (f);
      g_assert_cmpstr (after, ==, before);
      g_assert_true (sp_store_get_sync_source (sp_directory_get_store (f->client), f->url, &source, NULL));
      g_assert_nonnull (source.last_error);
    }

  g_atomic_int_set (&f->mode, HUB_NORMAL);
  sync_ok (f, &report);
  name = name_of (sp_directory_get_store (f->client), BILSTON_MEMORY_CAFE);
  g_assert_cmpstr (name, ==, "Bilston Heron Café");
}

/* No hub at the address at all: a clear error, the copy kept. */
static void
test_hub_unreachable (Fixture      *f,
                      gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  SpSyncReport report = { 0 };

  g_assert_false (sp_sync_round (f->client, "http://127.0.0.1:9", NULL, &report, &error));
  g_assert_error (error, SP_SYNC_ERROR, SP_SYNC_ERROR_UNREACHABLE);
  g_clear_error (&error);
  g_assert_false (sp_sync_round (f->client, "ftp://hub.example.org", NULL, &report, &error));
  g_assert_error (error, SP_SYNC_ERROR, SP_SYNC_ERROR_BAD_URL);
}

/* The hub is restored from an older copy and changed since: its change numbers go back,
 * then reach again the one the client holds, with other changes. The client notices and
 * takes the whole directory, ending as the hub is. */
static void
test_hub_restored_from_backup (Fixture      *f,
                               gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *backup = g_strconcat (f->hub_path, ".backup", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *lost = NULL;
  SpSyncReport report = { 0 };
  gsize length;

  sync_ok (f, &report);
  /* The backup: the store file as it is now (its WAL checkpointed into it by closing). */
  g_clear_object (&f->hub);
  g_assert_true (g_file_get_contents (f->hub_path, &contents, &length, &error));
  g_assert_true (g_file_set_contents (backup, contents, length, &error));
  f->hub = sp_search_open_directory (f->hub_path, &error);
  g_assert_no_error (error);

  hub_rename (f, BILSTON_MEMORY_CAFE, "Lost in the restore");
  sync_ok (f, &report);
  lost = name_of (sp_directory_get_store (f->client), BILSTON_MEMORY_CAFE);
  g_assert_cmpstr (lost, ==, "Lost in the restore");

  /* Restore, and make another change: the same number as the lost one. */
  g_clear_object (&f->hub);
  g_assert_true (g_file_set_contents (f->hub_path, contents, length, &error));
  g_clear_pointer (&lost, g_free);
  {
    g_autofree char *wal = g_strconcat (f->hub_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (f->hub_path, "-shm", NULL);
    g_remove (wal);
    g_remove (shm);
  }
  f->hub = sp_search_open_directory (f->hub_path, &error);
  g_assert_no_error (error);
  hub_rename (f, PUNJABI_CARERS, "Made after the restore");

  sync_ok (f, &report);
  g_assert_true (report.full);
  lost = name_of (sp_directory_get_store (f->client), BILSTON_MEMORY_CAFE);
  g_assert_cmpstr (lost, ==, "Bilston Memory Café");
  kept = name_of (sp_directory_get_store (f->client), PUNJABI_CARERS);
  g_assert_cmpstr (kept, ==, "Made after the restore");
}

/* The computer's clock jumped: the copy's record of its last round lies in the future.
 * Rounds do not depend on it: the next one still brings the change. */
static void
test_clock_jump (Fixture      *f,
                 gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  SpSyncReport report = { 0 };
  g_autofree char *name = NULL;

  sync_ok (f, &report);
  g_assert_true (sp_store_note_sync_attempt (sp_directory_get_store (f->client), f->url, "2099-01-01T00:00:00Z",
                                             NULL, &error));
  hub_rename (f, BILSTON_MEMORY_CAFE, "After the clock jumped");
  sync_ok (f, &report);
  name = name_of (sp_directory_get_store (f->client), BILSTON_MEMORY_CAFE);
  g_assert_cmpstr (name, ==, "After the clock jumped");
}

/* The window's line about the copy: quiet, and true to what happened. */
static void
test_describe (void)
{
  g_autoptr (GTimeZone) london = g_time_zone_new_identifier ("Europe/London");
  g_autoptr (GDateTime) now = g_date_time_new (london, 2026, 12, 4, 11, 0, 0);
  SpSyncSource source = { (char *) "https://hub.example.org", (char *) "abc", 7, (char *) "t", NULL,
                          (char *) "2026-12-04T10:42:00Z", (char *) "2026-12-04T10:42:00Z", NULL };
  g_autofree char *good = NULL;
  g_autofree char *failed = NULL;
  g_autofree char *never = NULL;
  g_autofree char *older = NULL;
  SpSyncSource empty = { 0 };

  good = sp_sync_describe (&source, now);
  g_assert_cmpstr (good, ==, "Directory updated today at 10:42 from hub.example.org");
  source.last_attempt_at = (char *) "2026-12-04T10:55:00Z";
  source.last_error = (char *) "Could not reach the hub";
  source.last_success_at = (char *) "2026-12-03T18:00:00Z";
  failed = sp_sync_describe (&source, now);
  g_assert_cmpstr (failed, ==, "Could not reach hub.example.org today at 10:55; showing the directory as it was "
                               "yesterday at 18:00");
  source.last_success_at = (char *) "2026-11-28T09:15:00Z";
  older = sp_sync_describe (&source, now);
  g_assert_nonnull (strstr (older, "on 28 November at 09:15"));
  source.last_success_at = NULL;
  never = sp_sync_describe (&source, now);
  g_assert_nonnull (strstr (never, "Could not reach hub.example.org yet"));
  g_assert_null (sp_sync_describe (&empty, now));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/signpost/sync/first-round-then-unchanged", test_first_round_then_unchanged);
  ADD ("/signpost/sync/changes-only", test_changes_only);
  ADD ("/signpost/sync/failures-keep-the-copy", test_failures_keep_the_copy);
  ADD ("/signpost/sync/hub-unreachable", test_hub_unreachable);
  ADD ("/signpost/sync/hub-restored-from-backup", test_hub_restored_from_backup);
  ADD ("/signpost/sync/clock-jump", test_clock_jump);
#undef ADD
  g_test_add_func ("/signpost/sync/describe", test_describe);

  return g_test_run ();
}
