/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-hub-web.c: signpost-hub as a web server: pages for people, hostile input, limits, shutdown, its log. */
#include "config.h"

#include <signal.h>
#include <string.h>

#include <cairo.h>
#include <glib/gstdio.h>

#include "sp-test-hub.h"
#include "sp-test-qr.h"
#include "sp-test-store.h"
#include "sp-test-util.h"

#define SAMPLE_SERVICES 158
#define MEMORY_MATTERS "f781c303-fe4e-58ba-9d62-abc6f61021ac"
#define MEMORY_MATTERS_NAME "Memory Matters pop-up memory clinic"
#define HOSTILE_ID "0badf00d-0000-4000-8000-0000000000aa"
/* What Firefox and Chrome send for a page: text/html first, anything else lower. */
#define BROWSER_ACCEPT "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"

typedef SpTestHubFixture Fixture;

static guint
count_of (const char *text,
          const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static gint64
service_count (Fixture *f)
{
  g_autoptr (JsonNode) page = sp_test_hub_get_json (f, "/services?per_page=1", 200);

  return json_object_get_int_member (json_node_get_object (page), "total_items");
}

/* A browser gets a page for people at the address the QR codes use; an API client at the
 * same address gets JSON. */
static void
test_service_page (Fixture      *f,
                   gconstpointer data)
{
  g_autoptr (SpTestResponse) page = sp_test_hub_get (f, "/services/" MEMORY_MATTERS, "Accept", BROWSER_ACCEPT, NULL);
  g_autoptr (SpTestResponse) json = sp_test_hub_get (f, "/services/" MEMORY_MATTERS, "Accept", "application/json", NULL);
  g_autoptr (SpTestResponse) any = sp_test_hub_get (f, "/services/" MEMORY_MATTERS, "Accept", "*/*", NULL);
  g_autoptr (SpTestResponse) none = sp_test_hub_get (f, "/services/" MEMORY_MATTERS, NULL);
  g_autofree char *html = sp_test_response_text (page);
  const char *policy = sp_test_response_header (page, "Content-Security-Policy");

  g_assert_cmpuint (page->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (page->headers, NULL), ==, "text/html");
  g_assert_nonnull (strstr (sp_test_response_header (page, "Vary"), "Accept"));
  g_assert_nonnull (policy);
  g_assert_nonnull (strstr (policy, "default-src 'none'"));
  g_assert_null (strstr (policy, "unsafe"));
  for (SpTestResponse *r = json; r != NULL; r = r == json ? any : r == any ? none : NULL)
    {
      g_assert_cmpuint (r->status, ==, 200);
      g_assert_cmpstr (soup_message_headers_get_content_type (r->headers, NULL), ==, "application/json");
      g_assert_nonnull (strstr (sp_test_response_header (r, "Vary"), "Accept"));
    }
  g_assert_cmpstr (sp_test_response_header (page, "ETag"), !=, sp_test_response_header (json, "ETag"));

  /* One h1, a language, landmarks, no script; the service in words. */
  g_assert_cmpuint (count_of (html, "<h1"), ==, 1);
  g_assert_nonnull (strstr (html, "<h1>" MEMORY_MATTERS_NAME "</h1>"));
  g_assert_nonnull (strstr (html, "<html lang=\"en-GB\">"));
  g_assert_nonnull (strstr (html, "<main id=\"main\">"));
  g_assert_nonnull (strstr (html, "<header"));
  g_assert_nonnull (strstr (html, "<footer"));
  g_assert_nonnull (strstr (html, "name=\"viewport\""));
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, " style="));
  g_assert_nonnull (strstr (html, "href=\"tel:01214960176\""));
  g_assert_nonnull (strstr (html, "Text <a href=\"sms:07700900881\">07700 900881</a>"));
  g_assert_nonnull (strstr (html, "https://www.openstreetmap.org/?mlat=52.59920&amp;mlon=-2.16680"));
  g_assert_nonnull (strstr (html, "Next: "));
  g_assert_nonnull (strstr (html, "Tettenhall Library"));
  g_assert_nonnull (strstr (html, "Information last checked on 9 February 2026."));
  g_assert_nonnull (strstr (html, "<h2 id=\"cost\">Cost</h2>"));
  g_assert_nonnull (strstr (html, "Step-free access"));

  /* Its style sheet is the hub's own, as the policy allows. */
  {
    g_autoptr (SpTestResponse) css = sp_test_hub_get (f, "/static/hub.css", NULL);
    g_assert_cmpuint (css->status, ==, 200);
    g_assert_cmpstr (soup_message_headers_get_content_type (css->headers, NULL), ==, "text/css");
  }
  /* No such service: a page saying so, still a 404. */
  {
    g_autoptr (SpTestResponse) missing = sp_test_hub_get (f, "/services/0badf00d-0000-4000-8000-00000000dead",
                                                          "Accept", BROWSER_ACCEPT, NULL);
    g_autofree char *text = sp_test_response_text (missing);
    g_assert_cmpuint (missing->status, ==, 404);
    g_assert_cmpuint (count_of (text, "<h1"), ==, 1);
  }
}

/* Whatever a feed put in a service's name or description is text on the page, never markup. */
static void
test_pages_escape_markup (Fixture      *f,
                          gconstpointer data)
{
  g_autoptr (SpTestResponse) page = NULL, search = NULL;
  g_autofree char *html = NULL, *results = NULL;

  sp_test_hub_import (f, "{\"id\": \"" HOSTILE_ID "\", \"status\": \"active\","
                         " \"name\": \"Knit <script>alert('x')</script> & \\\"natter\\\" <b>club</b>\","
                         " \"description\": \"<img src=x onerror=alert(1)> Bring your needles.\","
                         " \"url\": \"javascript:alert(1)\"}");
  page = sp_test_hub_get (f, "/services/" HOSTILE_ID, "Accept", BROWSER_ACCEPT, NULL);
  html = sp_test_response_text (page);
  g_assert_cmpuint (page->status, ==, 200);
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "<b>"));
  g_assert_null (strstr (html, "<img"));
  g_assert_null (strstr (html, "javascript:"));
  /* The page shows the name as the store keeps it (plain text: HTML is read only in
   * descriptions, at the import), every tag in it text, its & and " escaped. */
  g_assert_nonnull (strstr (html, "<h1>Knit &lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;natter&quot; "
                                  "&lt;b&gt;club&lt;/b&gt;</h1>"));

  /* A result shows the name as the index keeps it: every tag in it is text. */
  search = sp_test_hub_get (f, "/find?q=%3Cscript%3Eknit", NULL);
  results = sp_test_response_text (search);
  g_assert_cmpuint (search->status, ==, 200);
  g_assert_null (strstr (results, "<script"));
  g_assert_null (strstr (results, "<b>"));
  g_assert_nonnull (strstr (results, "<h1>Results for &lt;script&gt;knit</h1>"));
  g_assert_nonnull (strstr (results, "\">Knit &lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;natter&quot; "
                                     "&lt;b&gt;club&lt;/b&gt;</a>"));
}

/* The search page: results that lead to services' pages, a next page, words that find
 * nothing; and / is that page for a browser, JSON for anyone else. */
static void
test_search_page (Fixture      *f,
                  gconstpointer data)
{
  g_autoptr (SpTestResponse) results = sp_test_hub_get (f, "/find?q=memory", NULL);
  g_autoptr (SpTestResponse) second = sp_test_hub_get (f, "/find?q=support&page=2", NULL);
  g_autoptr (SpTestResponse) nothing = sp_test_hub_get (f, "/find?q=zzqxv", NULL);
  g_autoptr (SpTestResponse) home = sp_test_hub_get (f, "/", "Accept", BROWSER_ACCEPT, NULL);
  g_autoptr (SpTestResponse) api = sp_test_hub_get (f, "/", "Accept", "application/json", NULL);
  g_autofree char *html = sp_test_response_text (results);
  g_autofree char *html2 = sp_test_response_text (second);
  g_autofree char *none = sp_test_response_text (nothing);
  g_autofree char *start = sp_test_response_text (home);
  const char *link;

  g_assert_cmpuint (results->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (results->headers, NULL), ==, "text/html");
  g_assert_cmpuint (count_of (html, "<h1"), ==, 1);
  g_assert_cmpuint (count_of (html, "<li>\n<h2><a href=\"/services/"), >, 3);
  g_assert_nonnull (strstr (html, "Memory Matters"));
  /* A result leads to that service's page. */
  link = strstr (html, "<h2><a href=\"/services/");
  {
    g_autofree char *path = g_strndup (link + strlen ("<h2><a href=\""), strlen ("/services/") + 36);
    g_autoptr (SpTestResponse) target = sp_test_hub_get (f, path, "Accept", BROWSER_ACCEPT, NULL);
    g_assert_cmpuint (target->status, ==, 200);
  }
  g_assert_nonnull (strstr (html2, "rel=\"prev\""));
  g_assert_nonnull (strstr (html2, "<ol class=\"results\" start=\"21\">"));
  g_assert_nonnull (strstr (none, "Nothing found"));
  g_assert_cmpuint (home->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (home->headers, NULL), ==, "text/html");
  g_assert_nonnull (strstr (start, "action=\"/find\""));
  g_assert_cmpstr (soup_message_headers_get_content_type (api->headers, NULL), ==, "application/json");
}

/* A slip's QR code, read back with zbar as a phone would, opens the service's page. */
static void
test_slip_qr_opens_page (Fixture      *f,
                         gconstpointer data)
{
  g_autofree char *png = g_build_filename (f->dir, "slip.png", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (GPtrArray) codes = NULL;
  g_autoptr (SoupSession) phone = sp_test_http_session ();
  g_autoptr (SpTestResponse) page = NULL;
  g_autofree char *html = NULL;
  cairo_surface_t *surface;

  if (sp_test_run_cli (&out, &err, "slip", MEMORY_MATTERS, "--output", png, "--base-url", f->hub->url,
                       "--data-dir", f->data_dir, NULL) != 0)
    g_error ("signpost-cli slip failed: %s", err);
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  codes = sp_test_qr_decode_all (surface);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (codes->len, ==, 1);
  g_assert_true (g_str_has_prefix (codes->pdata[0], f->hub->url));
  g_assert_true (g_str_has_suffix (codes->pdata[0], "/services/" MEMORY_MATTERS));

  page = sp_test_http_get (phone, codes->pdata[0], "Accept", BROWSER_ACCEPT, "User-Agent",
                           "Mozilla/5.0 (Linux; Android 14) Mobile", NULL);
  html = sp_test_response_text (page);
  g_assert_cmpuint (page->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (page->headers, NULL), ==, "text/html");
  g_assert_nonnull (strstr (html, "<h1>" MEMORY_MATTERS_NAME "</h1>"));
}

/* Requests made to hurt: each is a 4xx, the hub stays up and the directory is unchanged. */
static void
test_hostile_input (Fixture      *f,
                    gconstpointer data)
{
  g_autofree char *long_query = NULL, *long_header = NULL, *many = NULL;
  static const struct
  {
    const char *request;
    guint status;             /* 4: any 4xx (libsoup's answer, not the hub's) */
  } cases[] = {
    { "GET /services HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello", 413 },
    { "GET /services HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n", 413 },
    { "POST /services HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}", 405 },
    { "DELETE /services/" MEMORY_MATTERS " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 405 },
    { "GET /services/%FF%FE HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 404 },
    { "GET /services?search=%FF HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400 },
    { "GET /services?search=a%00b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400 },
    { "GET /services?search=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400 },
    { "GET /services?%FF=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400 },
    { "GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 404 },
    { "GET /static/..%2F..%2Fdirectory.sqlite HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 4 },
    { "GET /services HTTP/1.1\r\nHost: x\r\nAccept: text/html;q=2,,;;,=\r\nAccept-Encoding: ;;q=x\r\nIf-None-Match: \"\r\nConnection: close\r\n\r\n", 200 },
    { "G\xff\xfeT / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 4 },
  };
  const char *sql[] = {
    "/services?search=%27%3B%20DROP%20TABLE%20service%3B--",
    "/services?search=%22%20OR%201%3D1%20--",
    "/organizations?search=%25%27%20OR%20%271%27%3D%271",
    "/taxonomy_terms?search=_%25_",
    "/services?postcode=%27%20OR%201%3D1--&proximity=1000",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint status = 0;
      g_autofree char *answer = sp_test_http_raw (f->hub->url, cases[i].request, strlen (cases[i].request), &status);
      if (cases[i].status == 4 ? status / 100 != 4 : status != cases[i].status)
        {
          g_test_message ("%s", answer);
          g_error ("Request %u answered %u, not %u", i, status, cases[i].status);
        }
    }

  /* Too long: the address (a 414 from the hub; past 64 KB of headers libsoup drops the
   * connection without an answer), a header, the number of parameters. */
  for (guint size = 3000; size <= 30000; size *= 10)
    {
      GString *query = g_string_new ("GET /services?search=");
      guint status = 0;
      g_autofree char *answer = NULL;

      for (guint i = 0; i < size; i++)
        g_string_append (query, "memory%20");
      g_string_append (query, " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      g_free (long_query);
      long_query = g_string_free (query, FALSE);
      answer = sp_test_http_raw (f->hub->url, long_query, strlen (long_query), &status);
      if (size == 3000)
        g_assert_cmpuint (status, ==, 414);
      else
        g_assert_true (status == 0 || status / 100 == 4);
    }
  {
    GString *header = g_string_new ("GET /services HTTP/1.1\r\nHost: x\r\nX-Filler: ");
    guint status = 0;
    g_autofree char *answer = NULL;

    for (guint i = 0; i < 40000; i++)
      g_string_append_c (header, 'a');
    g_string_append (header, "\r\nConnection: close\r\n\r\n");
    long_header = g_string_free (header, FALSE);
    answer = sp_test_http_raw (f->hub->url, long_header, strlen (long_header), &status);
    g_assert_cmpuint (status, >=, 400);
    g_assert_cmpuint (status, <, 500);
  }
  {
    GString *path = g_string_new ("/services?page=1");
    g_autoptr (JsonNode) answer = NULL;

    for (guint i = 0; i < 100; i++)
      g_string_append_printf (path, "&p%u=1", i);
    many = g_string_free (path, FALSE);
    answer = sp_test_hub_get_json (f, many, 400);
  }
  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      g_autoptr (SpTestResponse) answer = sp_test_hub_get (f, sql[i], NULL);
      g_assert_cmpuint (answer->status, <, 500);
    }

  /* Still up, and nothing changed. */
  g_assert_cmpint (service_count (f), ==, SAMPLE_SERVICES);
  json_node_unref (sp_test_hub_get_json (f, "/", 200));
}

/* The hub's access log: a JSON line per request with what an operator needs, and never
 * what a person searched for. */
static void
test_access_log (Fixture      *f,
                 gconstpointer data)
{
  g_autoptr (SpTestResponse) search = sp_test_hub_get (f, "/services?search=mum%20keeps%20forgetting&per_page=3",
                                                       "User-Agent", "TestAgent/1.0", "Cookie", "session=secret-cookie", NULL);
  g_autoptr (SpTestResponse) missing = sp_test_hub_get (f, "/services/0badf00d-0000-4000-8000-00000000dead", NULL);
  g_autofree char *log = NULL;
  g_auto (GStrv) lines = NULL;
  gboolean found = FALSE;

  sp_test_hub_wait_for_requests (f->hub, "/services/0badf00d-0000-4000-8000-00000000dead", 1);
  log = sp_test_hub_read_log (f->hub);
  g_assert_null (strstr (log, "forgetting"));
  g_assert_null (strstr (log, "secret-cookie"));
  lines = g_strsplit (log, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr (JsonNode) node = NULL;
      JsonObject *entry;

      if (!g_str_has_prefix (lines[i], "{"))
        continue;
      node = json_from_string (lines[i], NULL);
      g_assert_nonnull (node);
      entry = json_node_get_object (node);
      for (guint k = 0; k < 7; k++)
        {
          const char *keys[] = { "time", "remote", "method", "path", "status", "bytes", "ms" };
          g_assert_true (json_object_has_member (entry, keys[k]));
        }
      if (g_str_equal (json_object_get_string_member (entry, "path"), "/services") &&
          g_strcmp0 (json_object_get_string_member_with_default (entry, "user_agent", NULL), "TestAgent/1.0") == 0)
        {
          JsonArray *params = json_object_get_array_member (entry, "params");
          found = TRUE;
          g_assert_cmpint (json_object_get_int_member (entry, "status"), ==, 200);
          g_assert_cmpint (json_object_get_int_member (entry, "bytes"), ==, g_bytes_get_size (search->body));
          g_assert_cmpstr (json_object_get_string_member (entry, "remote"), ==, "127.0.0.1");
          g_assert_cmpstr (json_array_get_string_element (params, 0), ==, "search");
          g_assert_cmpstr (json_array_get_string_element (params, 1), ==, "per_page");
        }
    }
  g_assert_true (found);
}

/* Beyond its cap of connections, a client is told to come back (503, Retry-After), and
 * served once others have gone. */
static void
test_connection_cap (void)
{
  g_autofree char *dir = sp_test_make_tmpdir ();
  g_autoptr (SpTestHub) hub = NULL;
  g_autoptr (GUri) uri = NULL;
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  const char *request = "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  g_autofree char *answer = NULL;
  guint status = 0;

  g_object_unref (sp_test_open_sample_store (dir));
  hub = sp_test_hub_start (dir, "--max-connections", "3", NULL);
  uri = g_uri_parse (hub->url, G_URI_FLAGS_NONE, NULL);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (GError) error = NULL;
      GSocketConnection *connection = g_socket_client_connect_to_host (client, "127.0.0.1", g_uri_get_port (uri), NULL, &error);
      g_assert_no_error (error);
      g_ptr_array_add (held, connection);
    }
  /* The hub counts a connection once it has accepted it. */
  g_usleep (200000);
  answer = sp_test_http_raw (hub->url, request, strlen (request), &status);
  g_assert_cmpuint (status, ==, 503);
  g_assert_nonnull (strstr (answer, "Retry-After: "));
  g_assert_nonnull (strstr (answer, "Access-Control-Allow-Origin: *"));
  g_assert_nonnull (strstr (answer, "\"status\":503"));

  g_ptr_array_set_size (held, 0);
  for (guint i = 0; i < 100 && status != 200; i++)
    {
      g_free (answer);
      g_usleep (20000);
      answer = sp_test_http_raw (hub->url, request, strlen (request), &status);
    }
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpint (sp_test_hub_stop (hub), ==, 0);
  sp_test_remove_tree (dir);
}

/* A client that opens a connection and sends its headers a little at a time, or nothing, is
 * cut off after header-timeout (set in a configuration file here). */
static void
test_slow_client_cut_off (void)
{
  g_autofree char *dir = sp_test_make_tmpdir ();
  g_autofree char *config = sp_test_write_tmp (dir, "hub.conf", "[hub]\nheader-timeout=1\nidle-timeout=2\n", -1);
  g_autoptr (SpTestHub) hub = NULL;
  g_autoptr (GUri) uri = NULL;
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GSocketConnection) connection = NULL;
  g_autoptr (GError) error = NULL;
  GInputStream *in;
  GOutputStream *out;
  gint64 started;
  char buffer[256];
  gssize n;

  g_object_unref (sp_test_open_sample_store (dir));
  hub = sp_test_hub_start (dir, "--config", config, NULL);
  uri = g_uri_parse (hub->url, G_URI_FLAGS_NONE, NULL);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", g_uri_get_port (uri), NULL, &error);
  g_assert_no_error (error);
  in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  started = g_get_monotonic_time ();
  g_output_stream_write_all (out, "GET / HTTP/1.1\r\nHo", 18, NULL, NULL, &error);
  g_assert_no_error (error);
  /* A byte now and then, never the end of the headers. */
  for (guint i = 0; i < 5; i++)
    {
      g_usleep (400000);
      if (!g_output_stream_write_all (out, "s", 1, NULL, NULL, NULL))
        break;
    }
  n = g_input_stream_read (in, buffer, sizeof buffer, NULL, NULL);
  g_assert_cmpint (n, <=, 0);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 8 * G_USEC_PER_SEC);
  g_assert_cmpint (sp_test_hub_stop (hub), ==, 0);
  sp_test_remove_tree (dir);
}

/* SIGTERM: the answer under way is finished, no new connection is taken, and the hub
 * leaves with status 0. */
static void
test_sigterm_finishes_answers (Fixture      *f,
                               gconstpointer data)
{
  g_autoptr (GUri) uri = g_uri_parse (f->hub->url, G_URI_FLAGS_NONE, NULL);
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GSocketConnection) connection = NULL;
  g_autoptr (GByteArray) answer = g_byte_array_new ();
  g_autoptr (GError) error = NULL;
  const char *request = "GET /sync?since=0 HTTP/1.1\r\nHost: x\r\n\r\n";
  guint8 buffer[4096];
  gssize n;
  int status;

  /* The feed written once first: under a sanitizer on a busy machine, writing it could take
   * longer than the hub's grace for answers under way (20 s). */
  {
    g_autoptr (SpTestResponse) whole = sp_test_hub_get (f, "/sync?since=0", NULL);
    g_assert_cmpuint (whole->status, ==, 200);
  }
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", g_uri_get_port (uri), NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)), request, strlen (request),
                             NULL, NULL, &error);
  g_assert_no_error (error);
  n = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (connection)), buffer, sizeof buffer, NULL, &error);
  g_assert_cmpint (n, >, 0);
  g_byte_array_append (answer, buffer, n);

  g_subprocess_send_signal (f->hub->process, SIGTERM);
  g_usleep (300000);
  /* A client arriving now is not served. */
  {
    const char *late = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
    guint late_status = 0;
    g_autofree char *late_answer = sp_test_http_raw (f->hub->url, late, strlen (late), &late_status);
    g_assert_cmpuint (late_status, ==, 0);
  }
  while ((n = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (connection)), buffer, sizeof buffer,
                                   NULL, NULL)) > 0)
    g_byte_array_append (answer, buffer, n);
  g_byte_array_append (answer, (const guint8 *) "", 1);
  if (strstr ((const char *) answer->data, "{\"end\":{\"seq\":") == NULL)
    {
      g_autofree char *log = sp_test_hub_read_log (f->hub);
      g_test_message ("%u bytes came; the hub said: %s", answer->len, log);
    }
  g_assert_true (g_str_has_prefix ((const char *) answer->data, "HTTP/1.1 200"));
  /* All of it: the end line and the chunked body's last chunk. */
  g_assert_nonnull (strstr ((const char *) answer->data, "{\"end\":{\"seq\":"));
  g_assert_true (g_str_has_suffix ((const char *) answer->data, "0\r\n\r\n"));

  g_subprocess_wait (f->hub->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (f->hub->process));
  status = g_subprocess_get_exit_status (f->hub->process);
  g_assert_cmpint (status, ==, 0);
  g_clear_object (&f->hub->process);
  g_clear_pointer (&f->hub, sp_test_hub_free);
}

/* The configuration example runs as it is (with the folders a test may use), and a wrong
 * value in a configuration file is refused with its name. */
static void
test_configuration_files (void)
{
  g_autofree char *dir = sp_test_make_tmpdir ();
  g_autofree char *example = sp_test_source_path ("data", "signpost-hub.conf.example", NULL);
  g_autofree char *bad = sp_test_write_tmp (dir, "bad.conf", "[hub]\nworkers=lots\n", -1);
  g_autoptr (SpTestHub) hub = NULL;
  g_autofree char *out = NULL, *err = NULL;
  const char *argv[] = { g_getenv ("SIGNPOST_HUB"), "--config", bad, "--data-dir", dir, NULL };
  int status = 0;

  g_object_unref (sp_test_open_sample_store (dir));
  hub = sp_test_hub_start (dir, "--config", example, NULL);
  {
    g_autoptr (SoupSession) session = sp_test_http_session ();
    g_autofree char *url = g_strconcat (hub->url, "/", NULL);
    g_autoptr (SpTestResponse) root = sp_test_http_get (session, url, NULL);
    g_assert_cmpuint (root->status, ==, 200);
  }
  g_assert_cmpint (sp_test_hub_stop (hub), ==, 0);

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, NULL);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "workers"));
  sp_test_remove_tree (dir);
}

/* The pages as Debian's chromium draws them, on a phone 360 px wide and a desktop, into
 * the build folder's tests/screenshots/ for a person to look at: each is drawn, at the
 * width asked, and not blank. */
static void
test_pages_rendered (Fixture      *f,
                     gconstpointer data)
{
  static const struct
  {
    const char *name;
    const char *path;
    int width;
    int height;
  } pages[] = {
    { "hub-service-phone", "/services/" MEMORY_MATTERS, 360, 2400 },
    { "hub-service-desktop", "/services/" MEMORY_MATTERS, 1280, 1400 },
    { "hub-search-phone", "/find?q=memory%20cafe", 360, 1400 },
    { "hub-start-desktop", "/", 1280, 720 },
  };
  const char *chromium = g_getenv ("SIGNPOST_CHROMIUM");
  g_autofree char *folder = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "screenshots", NULL);
  g_autofree char *profile = g_build_filename (f->dir, "chromium", NULL);

  g_autofree char *home = g_strconcat ("HOME=", f->dir, NULL);
  const char *envp[] = { "PATH=/usr/local/bin:/usr/bin:/bin", home, "LC_ALL=C.UTF-8", NULL };

  g_assert_nonnull (chromium);
  g_mkdir_with_parents (folder, 0755);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *png = g_strdup_printf ("%s/%s.png", folder, pages[i].name);
      g_autofree char *screenshot = g_strconcat ("--screenshot=", png, NULL);
      g_autofree char *size = g_strdup_printf ("--window-size=%d,%d", pages[i].width, pages[i].height);
      g_autofree char *user_data = g_strconcat ("--user-data-dir=", profile, NULL);
      g_autofree char *url = g_strconcat (f->hub->url, pages[i].path, NULL);
      const char *argv[] = { chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                             "--no-first-run", user_data, screenshot, size, url, NULL };
      g_autoptr (GError) error = NULL;
      g_autofree char *err = NULL;
      cairo_surface_t *surface;
      int status = 0;

      g_unlink (png);
      /* A plain environment: the test's (malloc checking, folders made up per test) is not
       * one chromium starts in. */
      g_spawn_sync (NULL, (char **) argv, (char **) envp, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status,
                    &error);
      g_assert_no_error (error);
      if (!g_file_test (png, G_FILE_TEST_EXISTS))
        g_error ("chromium drew nothing (%s); it said: %s", pages[i].name, err);
      surface = cairo_image_surface_create_from_png (png);
      g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (surface), ==, pages[i].width);
      /* Not blank: the QR-code reader would find no code, but the page has dark text. */
      {
        const guint8 *pixels;
        guint dark = 0;
        int stride = cairo_image_surface_get_stride (surface);

        cairo_surface_flush (surface);
        pixels = cairo_image_surface_get_data (surface);
        for (int y = 0; y < cairo_image_surface_get_height (surface); y += 2)
          for (int x = 0; x < pages[i].width; x += 2)
            dark += (*(const guint32 *) (pixels + y * stride + 4 * x) & 0xff) < 0x60;
        g_assert_cmpuint (dark, >, 500);
      }
      cairo_surface_destroy (surface);
      g_test_message ("%s", png);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, sp_test_hub_fixture_set_up, func, sp_test_hub_fixture_tear_down)
  ADD ("/signpost/hub/service-page", test_service_page);
  ADD ("/signpost/hub/pages-escape-markup", test_pages_escape_markup);
  ADD ("/signpost/hub/search-page", test_search_page);
  ADD ("/signpost/hub/slip-qr-opens-page", test_slip_qr_opens_page);
  ADD ("/signpost/hub/hostile-input", test_hostile_input);
  ADD ("/signpost/hub/access-log", test_access_log);
  ADD ("/signpost/hub/sigterm-finishes-answers", test_sigterm_finishes_answers);
  ADD ("/signpost/hub/pages-rendered", test_pages_rendered);
#undef ADD
  g_test_add_func ("/signpost/hub/connection-cap", test_connection_cap);
  g_test_add_func ("/signpost/hub/slow-client-cut-off", test_slow_client_cut_off);
  g_test_add_func ("/signpost/hub/configuration-files", test_configuration_files);

  return g_test_run ();
}
