/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-export.c: signpost-cli export and show. */
#include "config.h"

#include <stdio.h>
#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>

#include "sp-cli.h"
#include "sp-export.h"

int
sp_cli_export (int    argc,
               char **argv)
{
  g_autofree char *data_dir = NULL;
  g_autofree char *output = NULL;
  g_autoptr (SpStore) store = NULL;
  g_autoptr (GError) error = NULL;
  guint n = 0;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };

  if (!sp_cli_parse_command (&argc, &argv, NULL,
                             _("Export every service as one Open Referral UK 3.0 page. "
                                "The same directory always gives the same bytes."),
                             NULL, entries, &data_dir))
    return 2;
  if (argc != 1)
    return sp_cli_fail (_("export takes no arguments besides its options (see signpost-cli export --help)"));
  if ((store = sp_cli_open_store (data_dir, TRUE)) == NULL)
    return 1;

  if (output != NULL)
    {
      if (!sp_export_all_to_file (store, output, &n, &error))
        return sp_cli_fail (_("Cannot export to %s: %s"), output, error->message);
      fprintf (stderr, _("Exported %u services to %s.\n"), n, output);
    }
  else
    {
      g_autoptr (GOutputStream) out = g_unix_output_stream_new (fileno (stdout), FALSE);
      g_autoptr (GOutputStream) buffered = g_buffered_output_stream_new_sized (out, 256 * 1024);

      if (!sp_export_all (store, buffered, NULL, &n, &error) ||
          !g_output_stream_close (buffered, NULL, &error))
        return sp_cli_fail (_("Cannot export: %s"), error->message);
    }
  return 0;
}

static void
print_field (const char *label,
             const char *value)
{
  if (value != NULL && *value != '\0')
    printf ("%-14s %s\n", label, value);
}

static const char *
member (JsonObject *object,
        const char *name)
{
  return object != NULL ? json_object_get_string_member_with_default (object, name, NULL) : NULL;
}

static void
print_list (JsonObject *object,
            const char *key,
            const char *label,
            const char *field)
{
  JsonArray *array;

  if (object == NULL || !json_object_has_member (object, key))
    return;
  array = json_object_get_array_member (object, key);
  for (guint i = 0; i < json_array_get_length (array); i++)
    print_field (i == 0 ? label : "", member (json_array_get_object_element (array, i), field));
}

int
sp_cli_show (int    argc,
             char **argv)
{
  g_autofree char *data_dir = NULL;
  gboolean as_json = FALSE;
  g_autoptr (SpStore) store = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) service = NULL;
  JsonObject *organization;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print the service as ORUK 3.0 JSON"), NULL },
    { NULL }
  };

  if (!sp_cli_parse_command (&argc, &argv, _("ID"),
                             _("Show one service."),
                             NULL, entries, &data_dir))
    return 2;
  if (argc != 2)
    return sp_cli_fail (_("show needs exactly one service id (signpost-cli list shows them)"));
  if ((store = sp_cli_open_store (data_dir, TRUE)) == NULL)
    return 1;

  service = sp_export_service (store, argv[1], &error);
  if (service == NULL)
    return sp_cli_fail ("%s", error->message);

  if (as_json)
    {
      g_autoptr (JsonGenerator) generator = json_generator_new ();
      g_autoptr (JsonNode) root = json_node_new (JSON_NODE_OBJECT);
      g_autofree char *text = NULL;

      json_node_set_object (root, service);
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      json_generator_set_indent (generator, 2);
      text = json_generator_to_data (generator, NULL);
      printf ("%s\n", text);
      return 0;
    }

  organization = json_object_has_member (service, "organization")
                   ? json_object_get_object_member (service, "organization") : NULL;
  print_field (C_("a service's", "Name"), member (service, "name"));
  print_field (_("Organisation"), member (organization, "name"));
  print_field (_("Status"), member (service, "status"));
  print_field (_("Description"), member (service, "description"));
  print_field (_("Web"), member (service, "url"));
  print_field (_("Email"), member (service, "email"));
  print_list (service, "phones", _("Phone"), "number");
  print_list (service, "schedules", _("When"), "description");
  if (json_object_has_member (service, "service_at_locations"))
    {
      JsonArray *places = json_object_get_array_member (service, "service_at_locations");
      for (guint i = 0; i < json_array_get_length (places); i++)
        {
          JsonObject *sal = json_array_get_object_element (places, i);
          JsonObject *location = json_object_has_member (sal, "location")
                                   ? json_object_get_object_member (sal, "location") : NULL;
          print_field (_("Where"), member (location, "name"));
          if (location != NULL && json_object_has_member (location, "addresses"))
            {
              JsonObject *a = json_array_get_object_element (json_object_get_array_member (location, "addresses"), 0);
              g_autofree char *line = g_strjoin (", ", member (a, "address_1") ?: "", member (a, "city") ?: "",
                                                 member (a, "postal_code") ?: "", NULL);
              print_field (_("Address"), line);
            }
        }
    }
  print_list (service, "cost_options", _("Cost"), "amount_description");
  print_list (service, "languages", _("Languages"), "name");
  print_field (_("Eligibility"), member (service, "eligibility_description"));
  print_field (_("Last checked"), member (service, "assured_date"));
  print_field (_("Id"), member (service, "id"));
  return 0;
}
