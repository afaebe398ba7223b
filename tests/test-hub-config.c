/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-hub-config.c: the hub's settings: a proxy's X-Forwarded-For believed only from a proxy named as trusted.
 *
 * The address the hub takes for a client is what its access log says and what sign-ins are
 * throttled by. Behind nginx every connection comes from the proxy: without a trusted proxy
 * one person's wrong passphrases would lock everyone out, and with a header believed from
 * anyone a person could dodge the throttle by writing a new address in each request.
 */
#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "sp-hub-config.h"
#include "sp-test-util.h"

static SpHubConfig *
config_trusting (const char *first,
                 ...)
{
  SpHubConfig *config = sp_hub_config_new ();
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (GError) error = NULL;
  va_list args;

  va_start (args, first);
  for (const char *address = first; address != NULL; address = va_arg (args, const char *))
    g_strv_builder_add (builder, address);
  va_end (args);
  config->trusted_proxies = g_strv_builder_end (builder);
  config->data_dir = g_strdup ("/nonexistent");
  g_assert_true (sp_hub_config_check (config, &error));
  g_assert_no_error (error);
  return config;
}

static void
assert_client (const SpHubConfig *config,
               const char        *peer,
               const char        *forwarded_for,
               const char        *expected)
{
  g_autofree char *client = sp_hub_config_client_address (config, peer, forwarded_for);

  g_assert_cmpstr (client, ==, expected);
}

static void
test_no_trusted_proxy (void)
{
  g_autoptr (SpHubConfig) config = config_trusting (NULL);

  /* The header is a client's own words: never read. */
  assert_client (config, "127.0.0.1", "203.0.113.9", "127.0.0.1");
  assert_client (config, "198.51.100.4", NULL, "198.51.100.4");
  assert_client (config, NULL, "203.0.113.9", NULL);
}

static void
test_trusted_proxy (void)
{
  g_autoptr (SpHubConfig) config = config_trusting ("127.0.0.2", "::1", NULL);

  /* From the proxy: the address it saw, the right-hand end of the list. */
  assert_client (config, "127.0.0.2", "198.51.100.4", "198.51.100.4");
  /* A client's own X-Forwarded-For is to the left of what the proxy added: not believed. */
  assert_client (config, "127.0.0.2", "203.0.113.9, 198.51.100.4", "198.51.100.4");
  /* Past a chain of trusted proxies to the first address none of them is. */
  assert_client (config, "127.0.0.2", "203.0.113.9, 198.51.100.4, 127.0.0.2", "198.51.100.4");
  assert_client (config, "::1", "2001:db8::7", "2001:db8::7");
  /* Written in another form, compared as addresses. */
  assert_client (config, "::1", "2001:0db8:0000::0007", "2001:db8::7");
  /* A list that does not parse stops at the last address believed: the proxy itself here. */
  assert_client (config, "127.0.0.2", "198.51.100.4, not-an-address", "127.0.0.2");
  assert_client (config, "127.0.0.2", "", "127.0.0.2");
  assert_client (config, "127.0.0.2", NULL, "127.0.0.2");
  /* Another peer, even with the header, is itself. */
  assert_client (config, "198.51.100.8", "203.0.113.9", "198.51.100.8");
}

static void
test_bad_trusted_proxy (void)
{
  g_autoptr (SpHubConfig) config = sp_hub_config_new ();
  g_autoptr (GError) error = NULL;

  config->data_dir = g_strdup ("/nonexistent");
  config->trusted_proxies = g_strsplit ("127.0.0.1,proxy.example.org", ",", -1);
  g_assert_false (sp_hub_config_check (config, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "“proxy.example.org”"));
}

static void
test_key_file (void)
{
  g_autofree char *dir = sp_test_make_tmpdir ();
  g_autofree char *path = sp_test_write_tmp (dir, "hub.conf", "[hub]\ndata-dir=/srv/signpost\n"
                                                              "trusted-proxies=127.0.0.1; ::1\n", -1);
  g_autoptr (SpHubConfig) config = sp_hub_config_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (sp_hub_config_load_file (config, path, &error));
  g_assert_no_error (error);
  g_assert_true (sp_hub_config_check (config, &error));
  g_assert_cmpuint (g_strv_length (config->trusted_proxies), ==, 2);
  g_assert_cmpstr (config->trusted_proxies[1], ==, "::1");
  assert_client (config, "::1", "192.0.2.44", "192.0.2.44");
  sp_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/signpost/hub-config/no-trusted-proxy", test_no_trusted_proxy);
  g_test_add_func ("/signpost/hub-config/trusted-proxy", test_trusted_proxy);
  g_test_add_func ("/signpost/hub-config/bad-trusted-proxy", test_bad_trusted_proxy);
  g_test_add_func ("/signpost/hub-config/key-file", test_key_file);

  return g_test_run ();
}
