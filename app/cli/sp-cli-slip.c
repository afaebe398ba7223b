/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-slip.c: signpost-cli slip (a PDF or PNG signposting slip) and settings. */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "sp-cli.h"
#include "sp-service-detail.h"
#include "sp-settings.h"
#include "sp-slip.h"

/* A PNG for a screen or a quick look; print from the PDF. */
#define PNG_DPI 150

/* The directory's setting, unless the command line gave its own. */
static char *
setting_or (SpStore    *store,
            const char *key,
            const char *given)
{
  if (given != NULL)
    return g_strdup (given);
  return sp_settings_get (store, key, NULL);
}

int
sp_cli_slip (int    argc,
             char **argv)
{
  g_autofree char *data_dir = NULL;
  g_autofree char *output = NULL;
  g_autofree char *paper_name = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *kiosk_location = NULL;
  g_autofree char *now_text = NULL;
  g_autofree char *directory_name = NULL;
  g_autofree char *base_url_setting = NULL;
  g_autofree char *kiosk_setting = NULL;
  gboolean large_print = FALSE;
  g_autoptr (SpStore) store = NULL;
  g_autoptr (SpSlip) slip = NULL;
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GError) error = NULL;
  SpSlipPaper paper = SP_SLIP_PAPER_A4;
  gboolean as_pdf;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the slip to FILE.pdf or FILE.png"), N_("FILE") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_name, N_("a4 (the default), a5 or receipt80"), N_("PAPER") },
    { "large-print", 0, 0, G_OPTION_ARG_NONE, &large_print, N_("Large print: body text of 16 pt"), NULL },
    { "base-url", 0, 0, G_OPTION_ARG_STRING, &base_url, N_("Public page base URL for the QR codes (default: the public-base-url setting)"), N_("URL") },
    { "kiosk-location", 0, 0, G_OPTION_ARG_STRING, &kiosk_location, N_("Where the slip is printed (default: the kiosk-location setting)"), N_("TEXT") },
    { "now", 0, 0, G_OPTION_ARG_STRING, &now_text, N_("Date and time the next sessions are for, ISO 8601 (default: now)"), N_("TIME") },
    { NULL }
  };

  if (!sp_cli_parse_command (&argc, &argv, _("ID…"),
                             _("Make a signposting slip of one or more services: what each is, "
                                "when and where it meets, how to get in touch, and a QR code."),
                             NULL, entries, &data_dir))
    return 2;
  if (argc < 2)
    return sp_cli_fail (_("slip needs at least one service id (signpost-cli list shows them)"));
  if (output == NULL)
    return sp_cli_fail (_("slip needs --output FILE.pdf or --output FILE.png"));
  as_pdf = g_str_has_suffix (output, ".pdf") || g_str_has_suffix (output, ".PDF");
  if (!as_pdf && !g_str_has_suffix (output, ".png") && !g_str_has_suffix (output, ".PNG"))
    return sp_cli_fail (_("cannot tell what to write from the name %s: end it in .pdf or .png"), output);
  if (paper_name != NULL && !sp_slip_paper_from_string (paper_name, &paper))
    return sp_cli_fail (_("unknown paper “%s”: use a4, a5 or receipt80"), paper_name);
  if (now_text != NULL &&
      (now = g_date_time_new_from_iso8601 (now_text, utc)) == NULL)
    return sp_cli_fail (_("“%s” is not a date and time such as 2026-03-01T09:00:00Z"), now_text);
  if ((store = sp_cli_open_store (data_dir, TRUE)) == NULL)
    return 1;

  slip = sp_slip_new (paper);
  sp_slip_set_large_print (slip, large_print);
  sp_slip_set_now (slip, now);
  directory_name = sp_settings_get (store, SP_SETTING_DIRECTORY_NAME, NULL);
  base_url_setting = setting_or (store, SP_SETTING_PUBLIC_BASE_URL, base_url);
  kiosk_setting = setting_or (store, SP_SETTING_KIOSK_LOCATION, kiosk_location);
  sp_slip_set_directory_name (slip, directory_name);
  sp_slip_set_public_base_url (slip, base_url_setting);
  sp_slip_set_kiosk_location (slip, kiosk_setting);

  /* Every id is checked before anything is written. */
  for (int i = 1; i < argc; i++)
    {
      g_autoptr (SpServiceDetail) service = sp_service_detail_load (store, argv[i], &error);

      if (service == NULL)
        return sp_cli_fail ("%s", error->message);
      sp_slip_add_service (slip, service);
    }

  if (as_pdf ? !sp_slip_write_pdf (slip, output, &error) : !sp_slip_write_png (slip, output, PNG_DPI, &error))
    return sp_cli_fail ("%s", error->message);
  fprintf (stderr, g_dngettext (GETTEXT_PACKAGE, "Wrote a slip of %u page to %s.\n",
                                "Wrote a slip of %u pages to %s.\n", sp_slip_get_n_pages (slip)),
           sp_slip_get_n_pages (slip), output);
  return 0;
}

int
sp_cli_settings (int    argc,
                 char **argv)
{
  g_autofree char *data_dir = NULL;
  g_autoptr (SpStore) store = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) description = g_string_new (_("Settings:"));
  const char * const *keys = sp_settings_list_keys ();
  GOptionEntry entries[] = {
    { NULL }
  };

  for (guint i = 0; keys[i] != NULL; i++)
    g_string_append_printf (description, "\n  %-16s %s", keys[i], sp_settings_describe_key (keys[i]));
  if (!sp_cli_parse_command (&argc, &argv, _("[KEY [VALUE]]"),
                             _("Show or change the directory's settings. With no KEY, every "
                                "setting and its value; with KEY, its value; with KEY VALUE, set it "
                                "(an empty VALUE removes it)."),
                             description->str, entries, &data_dir))
    return 2;
  if (argc > 3)
    return sp_cli_fail (_("settings takes at most a KEY and a VALUE (quote a VALUE with spaces)"));
  if ((store = sp_cli_open_store (data_dir, argc < 3)) == NULL)
    return 1;

  if (argc == 1)
    {
      for (guint i = 0; keys[i] != NULL; i++)
        {
          g_autofree char *value = sp_settings_get (store, keys[i], &error);

          if (error != NULL)
            return sp_cli_fail ("%s", error->message);
          printf ("%s\t%s\n", keys[i], value != NULL ? value : "");
        }
      return 0;
    }
  if (argc == 2)
    {
      g_autofree char *value = sp_settings_get (store, argv[1], &error);

      if (error != NULL)
        return sp_cli_fail ("%s", error->message);
      if (value != NULL)
        printf ("%s\n", value);
      return 0;
    }
  if (!sp_settings_set (store, argv[1], argv[2], &error))
    return sp_cli_fail ("%s", error->message);
  return 0;
}
