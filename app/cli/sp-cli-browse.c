/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-browse.c: signpost-cli list and stats. */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "sp-cli.h"
#include "sp-service.h"

/* A name from a feed may hold tabs or newlines; a listing keeps one service a line. */
static char *
one_line (const char *text)
{
  char *copy = g_strdup (text != NULL ? text : "");
  return g_strdelimit (copy, "\t\r\n", ' ');
}

int
sp_cli_list (int    argc,
             char **argv)
{
  g_autofree char *data_dir = NULL;
  g_autoptr (SpStore) store = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) services = NULL;
  GOptionEntry entries[] = {
    { NULL }
  };

  if (!sp_cli_parse_command (&argc, &argv, NULL,
                             _("List every service: id, a tab, its name."),
                             NULL, entries, &data_dir))
    return 2;
  if ((store = sp_cli_open_store (data_dir, TRUE)) == NULL)
    return 1;

  if ((services = sp_service_list_all (store, &error)) == NULL)
    return sp_cli_fail ("%s", error->message);
  for (guint i = 0; i < g_list_model_get_n_items (services); i++)
    {
      g_autoptr (SpService) service = g_list_model_get_item (services, i);
      g_autofree char *name = one_line (sp_service_get_name (service));
      printf ("%s\t%s\n", sp_service_get_id (service), name);
    }
  return 0;
}

int
sp_cli_stats (int    argc,
              char **argv)
{
  static const struct { const char *table; const char *label; } rows[] = {
    { "service", N_("Services") },
    { "organization", N_("Organisations") },
    { "location", N_("Locations") },
    { "schedule", N_("Schedules") },
    { "phone", N_("Phone numbers") },
    { "taxonomy_term", N_("Categories") },
    { "feed", N_("Feeds imported") },
  };
  g_autofree char *data_dir = NULL;
  g_autoptr (SpStore) store = NULL;
  GOptionEntry entries[] = {
    { NULL }
  };

  if (!sp_cli_parse_command (&argc, &argv, NULL,
                             _("Count what the directory holds."),
                             NULL, entries, &data_dir))
    return 2;
  if ((store = sp_cli_open_store (data_dir, TRUE)) == NULL)
    return 1;

  printf ("%-16s %s\n", _("Store"), sp_store_get_path (store));
  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    printf ("%-16s %" G_GINT64_FORMAT "\n", _(rows[i].label), sp_store_count (store, rows[i].table));
  return 0;
}
