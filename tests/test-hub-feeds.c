/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-hub-feeds.c: signpost-hub's feeds: the sync feed, ndjson lists and minimal, over loopback HTTP. */
#include "config.h"

#include <string.h>

#include "sp-test-hub.h"
#include "sp-test-util.h"

#define SAMPLE_SERVICES 158
#define MEMORY_MATTERS "f781c303-fe4e-58ba-9d62-abc6f61021ac"

typedef SpTestHubFixture Fixture;

/* The lines of an ndjson body, each parsed. */
static GPtrArray *
parse_lines (GBytes *body)
{
  gsize length;
  const char *data = g_bytes_get_data (body, &length);
  g_autofree char *text = g_strndup (data, length);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  GPtrArray *nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  g_assert_true (g_str_has_suffix (text, "\n"));
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      JsonNode *node;

      if (*lines[i] == '\0')
        continue;
      node = json_from_string (lines[i], &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
      g_ptr_array_add (nodes, node);
    }
  return nodes;
}

typedef struct
{
  JsonObject *header;
  GPtrArray *services;    /* JsonNode of each {"service": …} */
  guint removed;
  JsonObject *end;
  GPtrArray *lines;
} Feed;

static void
feed_clear (Feed *feed)
{
  g_clear_pointer (&feed->services, g_ptr_array_unref);
  g_clear_pointer (&feed->lines, g_ptr_array_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Feed, feed_clear)

/* Reads a sync feed: a header, services, removals and an end line whose counts agree. */
static void
read_feed (GBytes *body,
           Feed   *feed)
{
  feed->lines = parse_lines (body);
  feed->services = g_ptr_array_new ();
  g_assert_cmpuint (feed->lines->len, >=, 2);
  feed->header = json_node_get_object (feed->lines->pdata[0]);
  g_assert_cmpint (json_object_get_int_member (feed->header, "signpost_sync"), ==, 1);
  for (guint i = 1; i + 1 < feed->lines->len; i++)
    {
      JsonObject *line = json_node_get_object (feed->lines->pdata[i]);
      if (json_object_has_member (line, "service"))
        g_ptr_array_add (feed->services, json_object_get_member (line, "service"));
      else
        {
          g_assert_true (json_object_has_member (line, "removed"));
          feed->removed++;
        }
    }
  feed->end = json_object_get_object_member (json_node_get_object (feed->lines->pdata[feed->lines->len - 1]), "end");
  g_assert_nonnull (feed->end);
  g_assert_cmpint (json_object_get_int_member (feed->end, "services"), ==, feed->services->len);
  g_assert_cmpint (json_object_get_int_member (feed->end, "removed"), ==, feed->removed);
  g_assert_cmpint (json_object_get_int_member (feed->end, "seq"), ==, json_object_get_int_member (feed->header, "seq"));
}

static void
assert_feed_headers (SpTestResponse *response,
                     const char     *content_type)
{
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (response->headers, NULL), ==, content_type);
  g_assert_true (g_str_has_prefix (sp_test_response_header (response, "Cache-Control"), "public, max-age="));
  g_assert_nonnull (sp_test_response_header (response, "ETag"));
  g_assert_nonnull (strstr (sp_test_response_header (response, "Vary"), "Accept-Encoding"));
}

/* A fresh client's feed: the whole directory, each service in full and valid ORUK; gzip when
 * asked, the same feed. */
static void
test_sync_full (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (SpTestResponse) plain = sp_test_hub_get (f, "/sync?since=0", NULL);
  g_autoptr (SpTestResponse) zipped = sp_test_hub_get (f, "/sync?since=0", "Accept-Encoding", "gzip", NULL);
  g_autoptr (GBytes) unzipped = NULL;
  g_auto (Feed) feed = { 0 };

  assert_feed_headers (plain, "application/x-ndjson");
  assert_feed_headers (zipped, "application/x-ndjson");
  g_assert_null (sp_test_response_header (plain, "Content-Encoding"));
  g_assert_cmpstr (sp_test_response_header (zipped, "Content-Encoding"), ==, "gzip");
  unzipped = sp_test_gunzip (zipped->body);
  g_assert_true (g_bytes_equal (unzipped, plain->body));
  g_assert_cmpuint (g_bytes_get_size (zipped->body), <, g_bytes_get_size (plain->body) / 3);

  read_feed (plain->body, &feed);
  g_assert_true (json_object_get_boolean_member (feed.header, "full"));
  g_assert_cmpuint (feed.services->len, ==, SAMPLE_SERVICES);
  for (guint i = 0; i < feed.services->len; i++)
    sp_test_oruk_validate (f, "service", feed.services->pdata[i]);
  sp_test_oruk_check (f);
}

/* An unchanged directory costs a 304; a client that is up to date gets an empty delta; a
 * change reaches the next round as one service; a token the hub never gave means the
 * whole directory again. */
static void
test_sync_rounds (Fixture      *f,
                  gconstpointer data)
{
  g_autoptr (SpTestResponse) first = sp_test_hub_get (f, "/sync?since=0", NULL);
  g_autoptr (SpTestResponse) unchanged = NULL, empty = NULL, delta = NULL, stale = NULL, foreign = NULL;
  g_auto (Feed) feed = { 0 };
  g_auto (Feed) empty_feed = { 0 };
  g_auto (Feed) delta_feed = { 0 };
  g_auto (Feed) foreign_feed = { 0 };
  g_autofree char *etag = g_strdup (sp_test_response_header (first, "ETag"));
  g_autofree char *since = NULL, *foreign_since = NULL;
  JsonObject *service;

  read_feed (first->body, &feed);
  since = g_strdup_printf ("/sync?since=%" G_GINT64_FORMAT "&token=%s", json_object_get_int_member (feed.header, "seq"),
                           json_object_get_string_member (feed.header, "token"));

  unchanged = sp_test_hub_get (f, since, "If-None-Match", etag, NULL);
  g_assert_cmpuint (unchanged->status, ==, 304);
  g_assert_cmpuint (g_bytes_get_size (unchanged->body), ==, 0);

  empty = sp_test_hub_get (f, since, NULL);
  assert_feed_headers (empty, "application/x-ndjson");
  read_feed (empty->body, &empty_feed);
  g_assert_false (json_object_get_boolean_member (empty_feed.header, "full"));
  g_assert_cmpuint (empty_feed.services->len, ==, 0);

  sp_test_hub_import (f, "{\"id\": \"" MEMORY_MATTERS "\", \"name\": \"Memory Matters, now weekly\", \"status\": \"active\"}");
  stale = sp_test_hub_get (f, since, "If-None-Match", etag, NULL);
  g_assert_cmpuint (stale->status, ==, 200);
  g_assert_cmpstr (sp_test_response_header (stale, "ETag"), !=, etag);
  delta = sp_test_hub_get (f, since, "Accept-Encoding", "gzip", NULL);
  {
    g_autoptr (GBytes) body = sp_test_gunzip (delta->body);
    read_feed (body, &delta_feed);
  }
  g_assert_false (json_object_get_boolean_member (delta_feed.header, "full"));
  g_assert_cmpuint (delta_feed.services->len, ==, 1);
  service = json_node_get_object (delta_feed.services->pdata[0]);
  g_assert_cmpstr (json_object_get_string_member (service, "id"), ==, MEMORY_MATTERS);
  g_assert_cmpstr (json_object_get_string_member (service, "name"), ==, "Memory Matters, now weekly");
  g_assert_cmpint (json_object_get_int_member (delta_feed.header, "seq"), >, json_object_get_int_member (feed.header, "seq"));

  /* A client whose change this hub never made starts afresh. */
  foreign_since = g_strdup_printf ("/sync?since=%" G_GINT64_FORMAT "&token=00ff00ff00ff00ff",
                                   json_object_get_int_member (feed.header, "seq"));
  foreign = sp_test_hub_get (f, foreign_since, NULL);
  read_feed (foreign->body, &foreign_feed);
  g_assert_true (json_object_get_boolean_member (foreign_feed.header, "full"));
  g_assert_cmpuint (foreign_feed.services->len, ==, SAMPLE_SERVICES);
}

typedef struct
{
  GBytes *body;
  gboolean gzip;
  guint *pending;
} Fetch;

static void
fetched (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Fetch *fetch = data;
  g_autoptr (GError) error = NULL;

  fetch->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_assert_no_error (error);
  (*fetch->pending)--;
}

/* Several clients asking at once for a feed no one has asked for yet (so it is still being
 * written while they read it) each get all of it. */
static void
test_sync_together (Fixture      *f,
                    gconstpointer data)
{
  g_autofree char *url = g_strconcat (f->hub->url, "/sync?since=0", NULL);
  g_autoptr (GMainContext) context = g_main_context_new ();
  g_autoptr (SpTestResponse) reference = NULL;
  g_autoptr (SoupSession) session = NULL;
  Fetch fetches[6] = { { 0 } };
  guint pending = G_N_ELEMENTS (fetches);

  g_main_context_push_thread_default (context);
  session = sp_test_http_session ();
  for (guint i = 0; i < G_N_ELEMENTS (fetches); i++)
    {
      g_autoptr (SoupMessage) message = soup_message_new (SOUP_METHOD_GET, url);

      fetches[i].gzip = i % 2 == 0;
      fetches[i].pending = &pending;
      if (fetches[i].gzip)
        soup_message_headers_replace (soup_message_get_request_headers (message), "Accept-Encoding", "gzip");
      soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL, fetched, &fetches[i]);
    }
  while (pending > 0)
    g_main_context_iteration (context, TRUE);
  g_clear_object (&session);
  g_main_context_pop_thread_default (context);

  reference = sp_test_hub_get (f, "/sync?since=0", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (fetches); i++)
    {
      g_autoptr (GBytes) body = fetches[i].gzip ? sp_test_gunzip (fetches[i].body) : g_bytes_ref (fetches[i].body);
      g_auto (Feed) feed = { 0 };

      g_assert_true (g_bytes_equal (body, reference->body));
      read_feed (body, &feed);
      g_assert_cmpuint (feed.services->len, ==, SAMPLE_SERVICES);
      g_bytes_unref (fetches[i].body);
    }
}

/* format=ndjson: every service a line, as many as the page says there are; with a filter,
 * the same services as its pages. */
static void
test_services_ndjson (Fixture      *f,
                      gconstpointer data)
{
  g_autoptr (SpTestResponse) all = sp_test_hub_get (f, "/services?format=ndjson", NULL);
  g_autoptr (SpTestResponse) some = sp_test_hub_get (f, "/services?format=ndjson&day=tuesday&full=true", NULL);
  g_autoptr (JsonNode) page = sp_test_hub_get_json (f, "/services?day=tuesday&per_page=500", 200);
  g_autoptr (GPtrArray) lines = NULL;
  g_autoptr (GPtrArray) some_lines = NULL;
  JsonArray *contents = json_object_get_array_member (json_node_get_object (page), "contents");

  assert_feed_headers (all, "application/x-ndjson");
  lines = parse_lines (all->body);
  g_assert_cmpuint (lines->len, ==, SAMPLE_SERVICES);
  for (guint i = 0; i < lines->len; i += 10)
    sp_test_oruk_validate (f, "service", lines->pdata[i]);
  some_lines = parse_lines (some->body);
  g_assert_cmpuint (some_lines->len, ==, json_array_get_length (contents));
  for (guint i = 0; i < some_lines->len; i++)
    {
      JsonObject *line = json_node_get_object (some_lines->pdata[i]);
      g_assert_cmpstr (json_object_get_string_member (line, "id"), ==,
                       json_object_get_string_member (json_array_get_object_element (contents, i), "id"));
      /* full=true: nested. */
      g_assert_true (json_object_has_member (line, "schedules"));
      sp_test_oruk_validate (f, "service", some_lines->pdata[i]);
    }
  sp_test_oruk_check (f);

  {
    g_autoptr (SpTestResponse) organizations = sp_test_hub_get (f, "/organizations?format=ndjson", NULL);
    g_autoptr (JsonNode) organization_page = sp_test_hub_get_json (f, "/organizations", 200);
    g_autoptr (GPtrArray) organization_lines = parse_lines (organizations->body);

    g_assert_cmpint (organization_lines->len, ==,
                     json_object_get_int_member (json_node_get_object (organization_page), "total_items"));
  }
}

/* minimal=true: every service's id and modified_date, in one call. */
static void
test_services_minimal (Fixture      *f,
                       gconstpointer data)
{
  g_autoptr (JsonNode) minimal = sp_test_hub_get_json (f, "/services?minimal=true", 200);
  JsonObject *page = json_node_get_object (minimal);
  JsonArray *contents = json_object_get_array_member (page, "contents");

  g_assert_cmpint (json_object_get_int_member (page, "total_items"), ==, SAMPLE_SERVICES);
  g_assert_cmpint (json_object_get_int_member (page, "size"), ==, SAMPLE_SERVICES);
  g_assert_cmpuint (json_array_get_length (contents), ==, SAMPLE_SERVICES);
  for (guint i = 0; i < json_array_get_length (contents); i++)
    {
      JsonObject *item = json_array_get_object_element (contents, i);
      g_assert_cmpuint (json_object_get_size (item), ==, 2);
      g_assert_true (json_object_has_member (item, "id"));
      g_assert_true (json_object_has_member (item, "modified_date"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, sp_test_hub_fixture_set_up, func, sp_test_hub_fixture_tear_down)
  ADD ("/signpost/hub/sync-full", test_sync_full);
  ADD ("/signpost/hub/sync-rounds", test_sync_rounds);
  ADD ("/signpost/hub/sync-together", test_sync_together);
  ADD ("/signpost/hub/services-ndjson", test_services_ndjson);
  ADD ("/signpost/hub/services-minimal", test_services_minimal);
#undef ADD

  return g_test_run ();
}
