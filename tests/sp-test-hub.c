/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-test-hub.c: the real signpost-hub on a free loopback port, and HTTP to it, for tests and benchmarks. */
#include "config.h"

#include <signal.h>
#include <sys/prctl.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "sp-test-hub.h"
#include "sp-test-store.h"
#include "sp-test-util.h"

/* In the hub's process before it starts: it goes when the test does, even a test that failed. */
static void
leave_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/*
 * sp_test_hub_start:
 * @data_dir: the data folder it serves
 * @first_arg: (nullable): more options for it, NULL-terminated
 *
 * Starts $SIGNPOST_HUB on 127.0.0.1 with port 0 (it picks a free one and says which on
 * its first line of output), its feeds in a folder of its own and its stderr (the access
 * log) in a file. Fails the test if it does not start.
 */
SpTestHub *
sp_test_hub_start (const char *data_dir,
                   const char *first_arg,
                   ...)
{
  g_autoptr (SpTestHub) hub = g_new0 (SpTestHub, 1);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr (GDataInputStream) out = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *line = NULL;
  const char *binary = g_getenv ("SIGNPOST_HUB");
  va_list args;

  g_assert_nonnull (binary);
  hub->cache_dir = sp_test_make_tmpdir ();
  hub->log_path = g_build_filename (hub->cache_dir, "access.log", NULL);
  g_ptr_array_add (argv, (gpointer) binary);
  g_ptr_array_add (argv, "--data-dir");
  g_ptr_array_add (argv, (gpointer) data_dir);
  g_ptr_array_add (argv, "--listen");
  g_ptr_array_add (argv, "127.0.0.1:0");
  g_ptr_array_add (argv, "--cache-dir");
  g_ptr_array_add (argv, hub->cache_dir);
  va_start (args, first_arg);
  for (const char *a = first_arg; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_set_stderr_file_path (launcher, hub->log_path);
  g_subprocess_launcher_set_child_setup (launcher, leave_with_parent, NULL, NULL);
  hub->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (hub->process));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  if (line == NULL || !g_str_has_prefix (line, "signpost-hub: listening on "))
    {
      g_autofree char *log = NULL;
      g_file_get_contents (hub->log_path, &log, NULL, NULL);
      g_error ("signpost-hub did not start: %s", log != NULL ? log : "(no output)");
    }
  hub->url = g_strdup (line + strlen ("signpost-hub: listening on "));
  return g_steal_pointer (&hub);
}

/* Sends SIGTERM and waits: the exit status (128 + the signal if one killed it). */
int
sp_test_hub_stop (SpTestHub *hub)
{
  g_autoptr (GError) error = NULL;

  if (hub->process == NULL)
    return -1;
  g_subprocess_send_signal (hub->process, SIGTERM);
  g_subprocess_wait (hub->process, NULL, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_if_exited (hub->process))
    return g_subprocess_get_exit_status (hub->process);
  return 128 + g_subprocess_get_term_sig (hub->process);
}

void
sp_test_hub_free (SpTestHub *hub)
{
  if (hub == NULL)
    return;
  if (hub->process != NULL && g_subprocess_get_identifier (hub->process) != NULL)
    {
      g_subprocess_force_exit (hub->process);
      g_subprocess_wait (hub->process, NULL, NULL);
    }
  g_clear_object (&hub->process);
  sp_test_remove_tree (hub->cache_dir);
  g_free (hub->cache_dir);
  g_free (hub->log_path);
  g_free (hub->url);
  g_free (hub);
}

/* Waits (up to 10 s) until the access log records at least @n requests for @path: a line is
 * written once its answer has gone, a moment after the client has it. Returns the count. */
guint
sp_test_hub_wait_for_requests (SpTestHub  *hub,
                               const char *path,
                               guint       n)
{
  guint count = 0;

  for (guint i = 0; i < 500 && (count = sp_test_hub_count_requests (hub, path)) < n; i++)
    g_usleep (20000);
  return count;
}

char *
sp_test_hub_read_log (SpTestHub *hub)
{
  char *log = NULL;

  g_file_get_contents (hub->log_path, &log, NULL, NULL);
  return log != NULL ? log : g_strdup ("");
}

/* How many requests for @path the hub's access log records. */
guint
sp_test_hub_count_requests (SpTestHub  *hub,
                            const char *path)
{
  g_autofree char *log = sp_test_hub_read_log (hub);
  g_auto (GStrv) lines = g_strsplit (log, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      JsonObject *entry;

      if (!g_str_has_prefix (lines[i], "{") || !json_parser_load_from_data (parser, lines[i], -1, NULL))
        continue;
      entry = json_node_get_object (json_parser_get_root (parser));
      if (g_strcmp0 (json_object_get_string_member_with_default (entry, "path", NULL), path) == 0)
        n++;
    }
  return n;
}

/* A session that sends only the headers a test gives: no Accept-Encoding of its own, and
 * gzip left as it came. */
SoupSession *
sp_test_http_session (void)
{
  SoupSession *session = soup_session_new_with_options ("timeout", 60, NULL);

  soup_session_remove_feature_by_type (session, SOUP_TYPE_CONTENT_DECODER);
  return session;
}

static SpTestResponse *
get_valist (SoupSession *session,
            const char  *url,
            const char  *first_header,
            va_list      args)
{
  g_autoptr (SoupMessage) message = soup_message_new (SOUP_METHOD_GET, url);
  g_autoptr (GError) error = NULL;
  SpTestResponse *response;

  g_assert_nonnull (message);
  for (const char *name = first_header; name != NULL; name = va_arg (args, const char *))
    soup_message_headers_replace (soup_message_get_request_headers (message), name, va_arg (args, const char *));
  response = g_new0 (SpTestResponse, 1);
  response->body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  response->status = soup_message_get_status (message);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (message));
  return response;
}

/* GETs @url with the headers given as name, value pairs. */
SpTestResponse *
sp_test_http_get (SoupSession *session,
                  const char  *url,
                  const char  *first_header,
                  ...)
{
  SpTestResponse *response;
  va_list args;

  va_start (args, first_header);
  response = get_valist (session, url, first_header, args);
  va_end (args);
  return response;
}

void
sp_test_response_free (SpTestResponse *response)
{
  if (response == NULL)
    return;
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_free (response);
}

const char *
sp_test_response_header (SpTestResponse *response,
                         const char     *name)
{
  return soup_message_headers_get_one (response->headers, name);
}

/* The body as text (NUL-terminated). */
char *
sp_test_response_text (SpTestResponse *response)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (response->body, &length);

  return g_strndup (data != NULL ? data : "", length);
}

/* Sends @request as it is to the host and port of @url and reads until the hub closes the
 * connection: the whole answer, with the status of its first line in @status (0 if none,
 * or if the connection was refused). */
char *
sp_test_http_raw (const char *url,
                  const char *request,
                  gsize       length,
                  guint      *status)
{
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GSocketConnection) connection = NULL;
  g_autoptr (GByteArray) answer = g_byte_array_new ();
  g_autoptr (GError) error = NULL;
  guint8 buffer[8192];
  gssize n;

  g_assert_nonnull (uri);
  g_socket_client_set_timeout (client, 30);
  *status = 0;
  connection = g_socket_client_connect_to_host (client, g_uri_get_host (uri), g_uri_get_port (uri), NULL, &error);
  if (connection == NULL)
    return g_strdup ("");
  /* The hub may refuse and close before all is sent: that is an answer too. */
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)), request, length, NULL, NULL, NULL);
  /* Until the hub closes the connection (or resets it: then what came is the answer). */
  while ((n = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (connection)), buffer, sizeof buffer,
                                   NULL, NULL)) > 0)
    g_byte_array_append (answer, buffer, n);
  g_byte_array_append (answer, (const guint8 *) "", 1);
  *status = 0;
  if (g_str_has_prefix ((const char *) answer->data, "HTTP/1.1 ") || g_str_has_prefix ((const char *) answer->data, "HTTP/1.0 "))
    *status = g_ascii_strtoull ((const char *) answer->data + 9, NULL, 10);
  return (char *) g_byte_array_free (g_steal_pointer (&answer), FALSE);
}

/* ---- a fixture: the sample directory served by a hub --------------------------------------- */

void
sp_test_hub_fixture_set_up (SpTestHubFixture *f,
                            gconstpointer     data)
{
  f->dir = sp_test_make_tmpdir ();
  f->data_dir = g_build_filename (f->dir, "data", NULL);
  g_assert_cmpint (g_mkdir (f->data_dir, 0700), ==, 0);
  g_object_unref (sp_test_open_sample_store (f->data_dir));
  f->hub = sp_test_hub_start (f->data_dir, NULL, NULL);
  f->session = sp_test_http_session ();
  f->to_validate = g_ptr_array_new_with_free_func (g_free);
}

/* Stops the hub, which must leave cleanly (SIGTERM, status 0). */
void
sp_test_hub_fixture_tear_down (SpTestHubFixture *f,
                               gconstpointer     data)
{
  g_clear_object (&f->session);
  g_clear_pointer (&f->to_validate, g_ptr_array_unref);
  if (f->hub != NULL)
    {
      int status = sp_test_hub_stop (f->hub);
      if (status != 0)
        {
          g_autofree char *log = sp_test_hub_read_log (f->hub);
          g_error ("signpost-hub left with status %d:\n%s", status, log);
        }
    }
  g_clear_pointer (&f->hub, sp_test_hub_free);
  sp_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->data_dir);
}

/* GETs a path of the fixture's hub; every answer, whatever its status, must allow any
 * origin (CORS) and forbid sniffing. */
SpTestResponse *
sp_test_hub_get (SpTestHubFixture *f,
                 const char       *path_and_query,
                 const char       *first_header,
                 ...)
{
  g_autofree char *url = g_strconcat (f->hub->url, path_and_query, NULL);
  SpTestResponse *response;
  va_list args;

  va_start (args, first_header);
  response = get_valist (f->session, url, first_header, args);
  va_end (args);
  if (g_strcmp0 (sp_test_response_header (response, "Access-Control-Allow-Origin"), "*") != 0)
    g_error ("%s answered %u without Access-Control-Allow-Origin: *", path_and_query, response->status);
  g_assert_cmpstr (sp_test_response_header (response, "X-Content-Type-Options"), ==, "nosniff");
  return response;
}

/* GETs a path as JSON, asserting its status and content type. */
JsonNode *
sp_test_hub_get_json (SpTestHubFixture *f,
                      const char       *path_and_query,
                      guint             status)
{
  g_autoptr (SpTestResponse) response = sp_test_hub_get (f, path_and_query, "Accept", "application/json", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (response->body, &length);

  if (response->status != status)
    g_error ("%s answered %u, not %u: %.*s", path_and_query, response->status, status, (int) MIN (length, 400), data);
  g_assert_cmpstr (soup_message_headers_get_content_type (response->headers, NULL), ==, "application/json");
  json_parser_load_from_data (parser, data, length, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* Imports @json (an ORUK 3.0 service or page) into the fixture's data folder with the real
 * signpost-cli, as an administrator would while the hub runs. */
void
sp_test_hub_import (SpTestHubFixture *f,
                    const char       *json)
{
  g_autofree char *path = sp_test_write_tmp (f->dir, "change.json", json, -1);
  g_autofree char *out = NULL, *err = NULL;

  if (sp_test_run_cli (&out, &err, "import", path, "--data-dir", f->data_dir, NULL) != 0)
    g_error ("signpost-cli import failed: %s", err);
}

/* Keeps @answer to be validated as @kind ("service_list:50", "service"…) by the next
 * sp_test_oruk_check(): the validator starts once for many answers. */
void
sp_test_oruk_validate (SpTestHubFixture *f,
                       const char       *kind,
                       JsonNode         *answer)
{
  g_autofree char *name = g_strdup_printf ("answer-%u.json", f->to_validate->len);
  g_autofree char *text = json_to_string (answer, FALSE);
  g_autofree char *path = sp_test_write_tmp (f->dir, name, text, -1);

  g_ptr_array_add (f->to_validate, g_strdup_printf ("%s=%s", kind, path));
}

/* Validates the answers kept with tests/oruk-api-validate.py: ORUK 3.0's schemas and the
 * checklist of DOMAIN.md. */
void
sp_test_oruk_check (SpTestHubFixture *f)
{
  g_autofree char *script = sp_test_source_path ("tests", "oruk-api-validate.py", NULL);
  g_autofree char *fixtures = sp_test_fixture_path (".", NULL);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  g_assert_cmpuint (f->to_validate->len, >, 0);
  g_ptr_array_add (argv, "/usr/bin/python3");
  g_ptr_array_add (argv, script);
  g_ptr_array_add (argv, fixtures);
  for (guint i = 0; i < f->to_validate->len; i++)
    g_ptr_array_add (argv, f->to_validate->pdata[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_auto (GStrv) lines = g_strsplit (out, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        if (*lines[i] != '\0')
          g_test_message ("%s", lines[i]);
      g_error ("Answers are not valid ORUK 3.0 (the problems are listed above) %s", err);
    }
  g_ptr_array_set_size (f->to_validate, 0);
}

/* @zipped (a gzip body) unzipped; fails the test if it is not gzip. */
GBytes *
sp_test_gunzip (GBytes *zipped)
{
  g_autoptr (GZlibDecompressor) decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr (GInputStream) in = g_memory_input_stream_new_from_bytes (zipped);
  g_autoptr (GInputStream) unzip = g_converter_input_stream_new (in, G_CONVERTER (decompressor));
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (GError) error = NULL;

  g_output_stream_splice (out, unzip, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}
