/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-hub-tls.c: signpost-hub serving HTTPS with the certificate and key it is given.
 *
 * A suite of its own because, under AddressSanitizer, LeakSanitizer's tracer crashes
 * (signal 11, "Tracer caught signal 11") at the exit of any process that made a TLS
 * connection through Debian 12's glib-networking and GnuTLS: this test and the hub it starts
 * would end with status 134 whatever they did. tests/meson.build turns leak detection off
 * for this suite alone; every other hub suite looks for the hub's leaks.
 */
#include "config.h"

#include <string.h>

#include "sp-test-hub.h"
#include "sp-test-store.h"
#include "sp-test-util.h"

#define MEMORY_MATTERS "f781c303-fe4e-58ba-9d62-abc6f61021ac"
#define MEMORY_MATTERS_NAME "Memory Matters pop-up memory clinic"

static gboolean
accept_test_certificate (SoupMessage         *message,
                         GTlsCertificate     *certificate,
                         GTlsCertificateFlags errors,
                         gpointer             data)
{
  return TRUE;
}

/* HTTPS with the certificate and key given. */
static void
test_tls (void)
{
  g_autofree char *dir = sp_test_make_tmpdir ();
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  g_autoptr (SpTestHub) hub = NULL;
  g_autoptr (SoupSession) session = sp_test_http_session ();
  g_autoptr (SoupMessage) message = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;
  const char *argv[] = { "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                         "/CN=127.0.0.1", "-keyout", key, "-out", cert, NULL };
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_object_unref (sp_test_open_sample_store (dir));
  hub = sp_test_hub_start (dir, "--tls-cert", cert, "--tls-key", key, NULL);
  g_assert_true (g_str_has_prefix (hub->url, "https://127.0.0.1:"));
  url = g_strconcat (hub->url, "/services/" MEMORY_MATTERS, NULL);
  message = soup_message_new (SOUP_METHOD_GET, url);
  /* The test's own certificate: accepted for this one connection. */
  g_signal_connect (message, "accept-certificate", G_CALLBACK (accept_test_certificate), NULL);
  body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body), MEMORY_MATTERS_NAME));

  /* Over TLS the /manage/ pages' cookies are Secure and __Host- (so Path=/). */
  {
    g_autofree char *sign_in = g_strconcat (hub->url, "/manage/sign-in", NULL);
    g_autoptr (SoupMessage) page = soup_message_new (SOUP_METHOD_GET, sign_in);
    g_autoptr (GBytes) html = NULL;
    const char *cookie;

    g_signal_connect (page, "accept-certificate", G_CALLBACK (accept_test_certificate), NULL);
    html = soup_session_send_and_read (session, page, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (soup_message_get_status (page), ==, 200);
    cookie = soup_message_headers_get_one (soup_message_get_response_headers (page), "Set-Cookie");
    g_assert_nonnull (cookie);
    g_assert_true (g_str_has_prefix (cookie, "__Host-signpost-form="));
    g_assert_nonnull (strstr (cookie, "; Path=/; HttpOnly; SameSite=Strict; Secure"));
  }
  g_assert_cmpint (sp_test_hub_stop (hub), ==, 0);
  sp_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/signpost/hub/tls", test_tls);
  return g_test_run ();
}
