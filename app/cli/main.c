/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: signpost-cli, the command line to the directory store. */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "sp-ui-language.h"

#include "sp-cli.h"

static const SpCliCommand commands[] = {
  { "import", N_("Import an Open Referral feed (file or folder)"), sp_cli_import },
  { "sync", N_("Bring the directory up to date from a Signpost hub"), sp_cli_sync },
  { "export", N_("Export every service as one ORUK 3.0 page"), sp_cli_export },
  { "list", N_("List services, one per line: id, tab, name"), sp_cli_list },
  { "show", N_("Show one service"), sp_cli_show },
  { "stats", N_("Count what the directory holds"), sp_cli_stats },
  { "search", N_("Search the directory"), sp_cli_search },
  { "index", N_("Bring the search index up to date (--rebuild: afresh)"), sp_cli_index },
  { "slip", N_("Make a signposting slip (PDF or PNG) of services"), sp_cli_slip },
  { "settings", N_("Show or change the directory's settings"), sp_cli_settings },
  { "referrals", N_("Link workers' referrals: init, import, report"), sp_cli_referrals },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n%s\n", _("Usage: signpost-cli COMMAND [OPTION…]"), _("Commands:"));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-9s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Every command takes --data-dir DIR (default $SIGNPOST_DATA_DIR, "
                            "else ~/.local/share/signpost). Run signpost-cli COMMAND --help for more."));
}

int
main (int   argc,
      char *argv[])
{
  sp_ui_language_init ();
  g_set_prgname ("signpost-cli");

  /* "--data-dir DIR" may come before the command too: move it after. */
  g_autofree char **args = g_new0 (char *, argc + 1);
  int n_lead = 0;
  if (argc > 1 && g_str_has_prefix (argv[1], "--data-dir"))
    n_lead = (strchr (argv[1], '=') != NULL || argc == 2) ? 1 : 2;
  if (n_lead > 0 && argc > n_lead + 1)
    {
      args[0] = argv[0];
      args[1] = argv[n_lead + 1];
      for (int i = 0; i < n_lead; i++)
        args[2 + i] = argv[1 + i];
      for (int i = n_lead + 2; i < argc; i++)
        args[i] = argv[i];
      argv = args;
    }

  if (argc < 2)
    {
      print_usage (stderr);
      return 2;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return 0;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      printf ("signpost-cli %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (n_lead > 0 && argc <= n_lead + 1)
    return sp_cli_fail (_("no command given. Run signpost-cli --help for the list."));

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        int status = commands[i].run (argc - 1, argv + 1);

        /* printf only fails for real when stdio flushes: a full disk or a closed pipe
         * must not pass for success. */
        if (fflush (stdout) != 0 || ferror (stdout))
          return status != 0 ? status : sp_cli_fail (_("could not write the output: %s"),
                                                     g_strerror (errno));
        return status;
      }

  fprintf (stderr, _("signpost-cli: unknown command “%s”. Run signpost-cli --help for the list.\n"),
           argv[1]);
  return 2;
}
