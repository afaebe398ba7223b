/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-hub-nginx.c: Debian's nginx as an ordinary caching proxy in front of signpost-hub.
 *
 * The way a national directory scales past one machine: the hub's answers say how long
 * they may be kept (Cache-Control) and what state they are of (ETag), so a cache in front
 * serves repeated reads itself, and once they are old asks the hub only whether they still
 * hold (If-None-Match: a 304, no body). The hub's access log counts what reached it.
 *
 * nginx connects to the hub from 127.0.0.2, the proxy the hub is told to trust, and adds
 * the address it saw to X-Forwarded-For, as the README's site does.
 */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "sp-test-hub.h"
#include "sp-test-store.h"
#include "sp-test-util.h"

#define MEMORY_MATTERS "f781c303-fe4e-58ba-9d62-abc6f61021ac"
#define MAX_AGE_SECONDS 2
#define PROXY_ADDRESS "127.0.0.2"

typedef struct
{
  char *dir;
  SpTestHub *hub;
  GSubprocess *nginx;
  char *url;           /* nginx's */
  SoupSession *session;
} Fixture;

/* A port no one listens on now (the kernel's pick for port 0). */
static guint16
free_port (void)
{
  g_autoptr (GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GError) error = NULL;

  g_socket_bind (socket, any, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autofree char *hub_config = NULL, *nginx_config = NULL, *text = NULL;
  g_autofree char *max_age = g_strdup_printf ("[hub]\nmax-age=%d\ntrusted-proxies=" PROXY_ADDRESS "\n", MAX_AGE_SECONDS);
  g_autoptr (GError) error = NULL;
  const char *nginx = g_getenv ("SIGNPOST_NGINX");
  guint16 port;

  g_assert_nonnull (nginx);
  f->dir = sp_test_make_tmpdir ();
  g_object_unref (sp_test_open_sample_store (f->dir));
  hub_config = sp_test_write_tmp (f->dir, "hub.conf", max_age, -1);
  f->hub = sp_test_hub_start (f->dir, "--config", hub_config, NULL);

  /* nginx with everything of its own in the test's folder. */
  for (guint attempt = 0; attempt < 5; attempt++)
    {
      g_autofree char *log = NULL;
      g_autofree char *error_log = g_build_filename (f->dir, "nginx-error.log", NULL);

      port = free_port ();
      text = g_strdup_printf (
        "daemon off;\n"
        "master_process off;\n"
        "worker_processes 1;\n"
        "pid %s/nginx.pid;\n"
        "error_log %s/nginx-error.log warn;\n"
        "events { worker_connections 64; }\n"
        "http {\n"
        "  access_log off;\n"
        "  client_body_temp_path %s/body;\n"
        "  proxy_temp_path %s/proxy;\n"
        "  fastcgi_temp_path %s/fastcgi;\n"
        "  uwsgi_temp_path %s/uwsgi;\n"
        "  scgi_temp_path %s/scgi;\n"
        "  proxy_cache_path %s/cache levels=1:2 keys_zone=hub:1m max_size=64m inactive=10m use_temp_path=off;\n"
        "  server {\n"
        "    listen 127.0.0.1:%u;\n"
        "    location / {\n"
        "      proxy_pass %s;\n"
        "      proxy_http_version 1.1;\n"
        "      proxy_bind " PROXY_ADDRESS ";\n"
        "      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n"
        "      proxy_cache hub;\n"
        "      proxy_cache_revalidate on;\n"
        "      proxy_cache_lock on;\n"
        "      add_header X-Cache-Status $upstream_cache_status always;\n"
        "    }\n"
        "  }\n"
        "}\n",
        f->dir, f->dir, f->dir, f->dir, f->dir, f->dir, f->dir, f->dir, port, f->hub->url);
      g_free (nginx_config);
      nginx_config = sp_test_write_tmp (f->dir, "nginx.conf", text, -1);
      g_clear_pointer (&text, g_free);
      {
        const char *argv[] = { nginx, "-p", f->dir, "-e", error_log, "-c", nginx_config, NULL };
        f->nginx = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
        g_assert_no_error (error);
      }
      f->url = g_strdup_printf ("http://127.0.0.1:%u", port);
      /* Ready when it answers; a port taken meanwhile makes it leave: try another. */
      for (guint i = 0; i < 100; i++)
        {
          g_autoptr (GSocketClient) client = g_socket_client_new ();
          g_autoptr (GSocketConnection) connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);

          if (connection != NULL || g_subprocess_get_identifier (f->nginx) == NULL)
            break;
          g_usleep (20000);
        }
      if (g_subprocess_get_identifier (f->nginx) != NULL)
        break;
      g_file_get_contents (error_log, &log, NULL, NULL);
      g_test_message ("nginx did not start: %s", log != NULL ? log : "");
      g_clear_object (&f->nginx);
      g_clear_pointer (&f->url, g_free);
    }
  g_assert_nonnull (f->nginx);
  f->session = sp_test_http_session ();
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_clear_object (&f->session);
  if (f->nginx != NULL)
    {
      g_subprocess_send_signal (f->nginx, SIGQUIT);
      g_subprocess_wait (f->nginx, NULL, NULL);
      g_clear_object (&f->nginx);
    }
  g_assert_cmpint (sp_test_hub_stop (f->hub), ==, 0);
  g_clear_pointer (&f->hub, sp_test_hub_free);
  sp_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->url);
}

static SpTestResponse *
get_through_cache (Fixture    *f,
                   const char *path,
                   const char *accept_encoding)
{
  g_autofree char *url = g_strconcat (f->url, path, NULL);

  return sp_test_http_get (f->session, url, "Accept-Encoding", accept_encoding, NULL);
}

/* Reads, each five times through nginx: only the first of each reaches the hub, the rest
 * are nginx's (X-Cache-Status: HIT), the same bytes. */
static void
test_repeated_reads_stay_in_the_cache (Fixture      *f,
                                       gconstpointer data)
{
  const char *paths[] = {
    "/", "/services?page=2&per_page=10", "/services/" MEMORY_MATTERS, "/taxonomy_terms", "/sync?since=0",
    "/services?format=ndjson&day=monday",
  };
  const char *hub_paths[] = { "/", "/services", "/services/" MEMORY_MATTERS, "/taxonomy_terms", "/sync", "/services" };
  guint before[G_N_ELEMENTS (paths)];

  for (guint p = 0; p < G_N_ELEMENTS (paths); p++)
    before[p] = sp_test_hub_count_requests (f->hub, hub_paths[p]);
  for (guint p = 0; p < G_N_ELEMENTS (paths); p++)
    {
      g_autoptr (SpTestResponse) first = get_through_cache (f, paths[p], "gzip");

      g_assert_cmpuint (first->status, ==, 200);
      g_assert_cmpstr (sp_test_response_header (first, "X-Cache-Status"), ==, "MISS");
      for (guint i = 0; i < 4; i++)
        {
          g_autoptr (SpTestResponse) again = get_through_cache (f, paths[p], "gzip");

          g_assert_cmpuint (again->status, ==, 200);
          g_assert_cmpstr (sp_test_response_header (again, "X-Cache-Status"), ==, "HIT");
          g_assert_true (g_bytes_equal (again->body, first->body));
          g_assert_cmpstr (sp_test_response_header (again, "Access-Control-Allow-Origin"), ==, "*");
        }
    }
  /* Each first request's line (written once its answer has gone), and then a while for any
   * other to show. */
  sp_test_hub_wait_for_requests (f->hub, "/sync", before[4] + 1);
  g_usleep (500000);
  g_assert_cmpuint (sp_test_hub_count_requests (f->hub, "/") - before[0], ==, 1);
  g_assert_cmpuint (sp_test_hub_count_requests (f->hub, "/services") - before[1], ==, 2);
  g_assert_cmpuint (sp_test_hub_count_requests (f->hub, "/services/" MEMORY_MATTERS) - before[2], ==, 1);
  g_assert_cmpuint (sp_test_hub_count_requests (f->hub, "/taxonomy_terms") - before[3], ==, 1);
  g_assert_cmpuint (sp_test_hub_count_requests (f->hub, "/sync") - before[4], ==, 1);
}

/* The two encodings are two answers (Vary: Accept-Encoding), each cached. */
static void
test_encodings_cached_apart (Fixture      *f,
                             gconstpointer data)
{
  g_autoptr (SpTestResponse) zipped = get_through_cache (f, "/services?per_page=30", "gzip");
  g_autoptr (SpTestResponse) plain = get_through_cache (f, "/services?per_page=30", "identity");
  g_autoptr (SpTestResponse) zipped_again = get_through_cache (f, "/services?per_page=30", "gzip");
  g_autoptr (SpTestResponse) plain_again = get_through_cache (f, "/services?per_page=30", "identity");

  g_assert_cmpstr (sp_test_response_header (zipped, "Content-Encoding"), ==, "gzip");
  g_assert_null (sp_test_response_header (plain, "Content-Encoding"));
  g_assert_cmpstr (sp_test_response_header (zipped_again, "X-Cache-Status"), ==, "HIT");
  g_assert_cmpstr (sp_test_response_header (plain_again, "X-Cache-Status"), ==, "HIT");
  g_assert_true (g_bytes_equal (plain_again->body, plain->body));
}

/* Once an answer is older than max-age, nginx asks the hub whether it still holds: the hub
 * answers 304 from the ETag alone, and nginx serves what it kept. */
static void
test_stale_answers_revalidated (Fixture      *f,
                                gconstpointer data)
{
  g_autoptr (SpTestResponse) first = get_through_cache (f, "/services/" MEMORY_MATTERS, "gzip");
  g_autoptr (SpTestResponse) later = NULL;
  g_autofree char *log = NULL;
  guint before = sp_test_hub_wait_for_requests (f->hub, "/services/" MEMORY_MATTERS, 1);

  g_usleep ((MAX_AGE_SECONDS + 1) * G_USEC_PER_SEC);
  later = get_through_cache (f, "/services/" MEMORY_MATTERS, "gzip");
  g_assert_cmpuint (later->status, ==, 200);
  g_assert_cmpstr (sp_test_response_header (later, "X-Cache-Status"), ==, "REVALIDATED");
  g_assert_true (g_bytes_equal (later->body, first->body));
  g_assert_cmpuint (sp_test_hub_wait_for_requests (f->hub, "/services/" MEMORY_MATTERS, before + 1), ==, before + 1);
  log = sp_test_hub_read_log (f->hub);
  g_assert_nonnull (strstr (log, "\"path\":\"/services/" MEMORY_MATTERS "\",\"status\":304"));
}

/* The hub's log line for the last request of @path. */
static char *
last_log_line (Fixture    *f,
               const char *path)
{
  g_autofree char *log = sp_test_hub_read_log (f->hub);
  g_autofree char *needle = g_strdup_printf ("\"path\":\"%s\"", path);
  g_auto (GStrv) lines = g_strsplit (log, "\n", -1);

  for (guint i = g_strv_length (lines); i-- > 0;)
    if (strstr (lines[i], needle) != NULL)
      return g_strdup (lines[i]);
  g_error ("no line for %s in the hub's log:\n%s", path, log);
}

/* Behind the trusted proxy the hub logs (and throttles sign-ins by) the address nginx saw,
 * not nginx's own nor one a client wrote in X-Forwarded-For; straight to the hub, that
 * header is never believed. */
static void
test_client_address_through_proxy (Fixture      *f,
                                   gconstpointer data)
{
  g_autofree char *direct_url = g_strconcat (f->hub->url, "/organizations", NULL);
  g_autoptr (SpTestResponse) through = NULL, direct = NULL;
  g_autofree char *through_line = NULL, *direct_line = NULL;
  guint before = sp_test_hub_count_requests (f->hub, "/taxonomies");

  through = get_through_cache (f, "/taxonomies", "identity");
  g_assert_cmpuint (through->status, ==, 200);
  g_clear_pointer (&through, sp_test_response_free);
  {
    g_autofree char *url = g_strconcat (f->url, "/taxonomies?page=1", NULL);

    through = sp_test_http_get (f->session, url, "X-Forwarded-For", "203.0.113.9", NULL);
  }
  g_assert_cmpuint (through->status, ==, 200);
  sp_test_hub_wait_for_requests (f->hub, "/taxonomies", before + 2);
  through_line = last_log_line (f, "/taxonomies");
  g_test_message ("through nginx: %s", through_line);
  g_assert_nonnull (strstr (through_line, "\"remote\":\"127.0.0.1\""));

  direct = sp_test_http_get (f->session, direct_url, "X-Forwarded-For", "203.0.113.9", NULL);
  g_assert_cmpuint (direct->status, ==, 200);
  sp_test_hub_wait_for_requests (f->hub, "/organizations", 1);
  direct_line = last_log_line (f, "/organizations");
  g_test_message ("straight to the hub: %s", direct_line);
  g_assert_nonnull (strstr (direct_line, "\"remote\":\"127.0.0.1\""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/signpost/hub-nginx/repeated-reads-stay-in-the-cache", Fixture, NULL, fixture_set_up,
              test_repeated_reads_stay_in_the_cache, fixture_tear_down);
  g_test_add ("/signpost/hub-nginx/encodings-cached-apart", Fixture, NULL, fixture_set_up,
              test_encodings_cached_apart, fixture_tear_down);
  g_test_add ("/signpost/hub-nginx/stale-answers-revalidated", Fixture, NULL, fixture_set_up,
              test_stale_answers_revalidated, fixture_tear_down);
  g_test_add ("/signpost/hub-nginx/client-address-through-proxy", Fixture, NULL, fixture_set_up,
              test_client_address_through_proxy, fixture_tear_down);

  return g_test_run ();
}
