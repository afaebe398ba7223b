/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: signpost-hub, the directory's Open Referral UK API, sync feed and public pages. */
#include "config.h"

#include <locale.h>
#include <stdio.h>

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "sp-hub-accounts.h"
#include "sp-hub-server.h"

typedef struct
{
  GMainLoop *loop;
  SpHubServer *server;
  gboolean stopping;
} Hub;

static gboolean
stopped (gpointer data)
{
  Hub *hub = data;

  g_main_loop_quit (hub->loop);
  return G_SOURCE_REMOVE;
}

/* SIGTERM or SIGINT: stop taking requests, finish those under way, leave with status 0. */
static gboolean
on_signal (gpointer data)
{
  Hub *hub = data;

  if (!hub->stopping)
    {
      hub->stopping = TRUE;
      g_printerr ("signpost-hub: stopping once the answers under way are sent\n");
      sp_hub_server_shut_down (hub->server, stopped, hub);
    }
  return G_SOURCE_CONTINUE;
}

static int
fail (const char *message)
{
  g_autofree char *line = g_strdup (message);

  g_strdelimit (line, "\r\n", ' ');
  fprintf (stderr, "signpost-hub: %s\n", line);
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (SpHubConfig) config = sp_hub_config_new ();
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *config_file = NULL, *data_dir = NULL, *listen = NULL, *tls_cert = NULL, *tls_key = NULL;
  g_autofree char *public_url = NULL, *cache_dir = NULL, *url = NULL;
  g_auto (GStrv) trusted_proxies = NULL;
  int workers = 0, max_connections = 0;
  Hub hub = { NULL, NULL, FALSE };
  GOptionEntry entries[] = {
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config_file, N_("Read settings from FILE (a key file, [hub] group)"), N_("FILE") },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, N_("Serve the directory in DIR"), N_("DIR") },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen, N_("Listen on ADDR:PORT (default 127.0.0.1:8080; port 0 picks one)"), N_("ADDR:PORT") },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &tls_cert, N_("Serve HTTPS with this PEM certificate"), N_("FILE") },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key, N_("The certificate's PEM private key"), N_("FILE") },
    { "public-url", 0, 0, G_OPTION_ARG_STRING, &public_url, N_("Where clients reach the hub (for links in answers)"), N_("URL") },
    { "cache-dir", 0, 0, G_OPTION_ARG_FILENAME, &cache_dir, N_("Keep feeds in DIR (default $XDG_CACHE_HOME/signpost-hub)"), N_("DIR") },
    { "workers", 0, 0, G_OPTION_ARG_INT, &workers, N_("Threads answering requests"), N_("N") },
    { "max-connections", 0, 0, G_OPTION_ARG_INT, &max_connections, N_("Connections at once; more are answered 503"), N_("N") },
    { "trusted-proxy", 0, 0, G_OPTION_ARG_STRING_ARRAY, &trusted_proxies,
      N_("Believe the X-Forwarded-For header of the proxy at ADDR (repeat for more)"), N_("ADDR") },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("[add-editor EMAIL]"));
  g_option_context_set_summary (context, _("Serves a Signpost directory: the Open Referral UK 3.0 API, the sync "
                                           "feed kiosks and desktops keep their copies current from, and a page "
                                           "for each service."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (error->message);
  if (argc > 1 && g_strcmp0 (argv[1], "add-editor") != 0)
    return fail (_("Unexpected arguments; see --help."));
  if (argc > 1 && argc != 3)
    return fail (_("Usage: signpost-hub --data-dir DIR add-editor EMAIL"));
  if (config_file != NULL && !sp_hub_config_load_file (config, config_file, &error))
    return fail (error->message);

#define OVERRIDE(field, value) if ((value) != NULL) { g_free (config->field); config->field = g_steal_pointer (&(value)); }
  OVERRIDE (data_dir, data_dir);
  OVERRIDE (listen, listen);
  OVERRIDE (tls_cert, tls_cert);
  OVERRIDE (tls_key, tls_key);
  OVERRIDE (public_url, public_url);
  OVERRIDE (cache_dir, cache_dir);
#undef OVERRIDE
  if (trusted_proxies != NULL)
    {
      g_strfreev (config->trusted_proxies);
      config->trusted_proxies = g_steal_pointer (&trusted_proxies);
    }
  /* A command from the terminal rather than serving. */
  if (argc == 3)
    return sp_hub_add_editor (config->data_dir, argv[2]);
  if (workers < 0 || workers > 64 || max_connections < 0 || max_connections > 100000)
    return fail (_("--workers takes 1 to 64, --max-connections 1 to 100000."));
  if (workers > 0)
    config->workers = workers;
  if (max_connections > 0)
    config->max_connections = max_connections;
  if (!sp_hub_config_check (config, &error))
    return fail (error->message);

  if ((hub.server = sp_hub_server_new (config, &error)) == NULL)
    return fail (error->message);
  hub.loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, on_signal, &hub);
  g_unix_signal_add (SIGINT, on_signal, &hub);
  url = sp_hub_server_get_url (hub.server);
  /* Scripts and tests read where it listens from this line (port 0 picks a free port). */
  printf ("signpost-hub: listening on %s\n", url);
  fflush (stdout);
  g_main_loop_run (hub.loop);
  g_clear_object (&hub.server);
  g_main_loop_unref (hub.loop);
  g_printerr ("signpost-hub: stopped\n");
  return 0;
}
