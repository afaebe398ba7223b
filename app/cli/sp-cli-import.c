/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-import.c: signpost-cli import and sync: the two ways data comes in. */
#include "config.h"

#include <stdio.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "sp-cli.h"
#include "sp-search-directory.h"
#include "sp-sync-client.h"

#define SHOWN_PROBLEMS 20

static void
print_problems (SpImportReport      *report,
                SpImportProblemKind  kind,
                const char          *heading,
                gboolean             verbose)
{
  guint shown = 0;
  guint total = 0;

  for (guint i = 0; i < report->problems->len; i++)
    total += ((SpImportProblem *) g_ptr_array_index (report->problems, i))->kind == kind;
  if (total == 0)
    return;

  printf ("%s\n", heading);
  for (guint i = 0; i < report->problems->len; i++)
    {
      SpImportProblem *p = g_ptr_array_index (report->problems, i);

      if (p->kind != kind)
        continue;
      if (!verbose && shown == SHOWN_PROBLEMS)
        {
          printf (_("  … and %u more (--verbose shows them all)\n"), total - shown);
          break;
        }
      if (p->field != NULL && *p->field != '\0')
        printf ("  %s, %s: %s\n", p->record_id ? p->record_id : "?", p->field, p->message);
      else
        printf ("  %s: %s\n", p->record_id ? p->record_id : "?", p->message);
      shown++;
    }
}

static void
print_progress (gpointer user_data,
                guint64  done,
                guint64  total,
                guint    services)
{
  if (total > 0)
    fprintf (stderr, _("\r%u services read (%d%%)…"), services, (int) (100 * done / total));
}

static void
say_waiting (gpointer user_data)
{
  fprintf (stderr, "%s\n", _("Another program is changing the directory; waiting for it to finish…"));
}

int
sp_cli_import (int    argc,
               char **argv)
{
  g_autofree char *data_dir = NULL;
  gboolean strict = FALSE;
  gboolean replace_edited = FALSE;
  gboolean verbose = FALSE;
  gboolean quiet = FALSE;
  g_autoptr (SpDirectory) directory = NULL;
  g_autoptr (SpImportReport) report = NULL;
  g_autoptr (GError) error = NULL;
  gboolean show_progress;
  GOptionEntry entries[] = {
    { "strict", 0, 0, G_OPTION_ARG_NONE, &strict, N_("Reject the whole file on any problem"), NULL },
    { "replace-edited", 0, 0, G_OPTION_ARG_NONE, &replace_edited,
      N_("Take the feed's copy even of services their groups have changed on the hub since"), NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, N_("List every problem, not just the first ones"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print only the one-line summary"), NULL },
    { NULL }
  };

  if (!sp_cli_parse_command (&argc, &argv, _("FILE|FOLDER"),
                             _("Import an Open Referral feed: ORUK 3.0 / HSDS 3.0 JSON (one service, "
                                "a page or a list), ORUK 1.0 JSON, or a folder holding an HSDS "
                                "tabular data package. Importing a feed again updates it in place."),
                             NULL, entries, &data_dir))
    return 2;
  if (argc != 2)
    return sp_cli_fail (_("import needs exactly one file or folder (see signpost-cli import --help)"));
  if ((directory = sp_cli_open_directory (data_dir)) == NULL)
    return 1;

  show_progress = !quiet && isatty (fileno (stderr));
  if (!sp_directory_import (directory, argv[1],
                            (strict ? SP_IMPORT_FLAGS_STRICT : SP_IMPORT_FLAGS_NONE) |
                              (replace_edited ? SP_IMPORT_FLAGS_REPLACE_EDITED : SP_IMPORT_FLAGS_NONE),
                            show_progress ? print_progress : NULL, NULL, say_waiting, NULL, &report, &error))
    {
      if (show_progress)
        fputc ('\n', stderr);
      return sp_cli_fail ("%s", error->message);
    }
  if (show_progress)
    fputc ('\n', stderr);

  printf (_("Imported %s (%s): %u new, %u updated, %u unchanged, %u skipped, %u kept with "
            "warnings (%u warnings).\n"),
          report->source, report->format, report->imported, report->updated, report->unchanged,
          report->skipped, report->warned, report->warnings);
  if (report->kept_edited > 0)
    printf (g_dngettext (GETTEXT_PACKAGE,
                         "%u service keeps the change its group made on the hub: the feed's different copy was not "
                         "taken (--replace-edited takes it).\n",
                         "%u services keep the changes their groups made on the hub: the feed's different copies were "
                         "not taken (--replace-edited takes them).\n", report->kept_edited),
            report->kept_edited);
  if (quiet)
    return 0;

  print_problems (report, SP_IMPORT_PROBLEM_SKIPPED, _("Skipped:"), verbose);
  print_problems (report, SP_IMPORT_PROBLEM_WARNING, _("Warnings (the records were kept):"), verbose);
  if (report->problems_dropped > 0)
    printf (_("  (%u further problems were counted but not listed)\n"), report->problems_dropped);
  if (report->duplicates->len > 0)
    {
      printf ("%s\n", _("Probable duplicates (same name and postcode as a service from another feed):"));
      for (guint i = 0; i < report->duplicates->len; i++)
        {
          SpImportDuplicate *d = g_ptr_array_index (report->duplicates, i);
          printf (_("  “%s” %s matches %s from %s (%s)\n"), d->service_name, d->service_id,
                  d->other_id, d->other_feed ? d->other_feed : _("an earlier import"), d->postal_code);
        }
    }
  return 0;
}

int
sp_cli_sync (int    argc,
             char **argv)
{
  g_autofree char *data_dir = NULL;
  g_autoptr (SpDirectory) directory = NULL;
  g_autoptr (GError) error = NULL;
  SpSyncReport report = { 0 };

  if (!sp_cli_parse_command (&argc, &argv, _("URL"),
                             _("Bring the directory up to date from a Signpost hub: one round, "
                               "fetching only what changed since the last one."),
                             NULL, NULL, &data_dir))
    return 2;
  if (argc != 2)
    return sp_cli_fail (_("sync needs the hub's address, such as https://hub.example.org (see signpost-cli sync --help)"));
  if ((directory = sp_cli_open_directory (data_dir)) == NULL)
    return 1;
  if (!sp_sync_round (directory, argv[1], NULL, &report, &error))
    return sp_cli_fail ("%s", error->message);
  if (report.unchanged)
    printf (_("Already up to date with %s (change %lld).\n"), argv[1], (long long) report.seq);
  else
    printf (_("Synced from %s%s: %u new or changed, %u removed; now at change %lld (%.1f MB).\n"),
            argv[1], report.full ? _(" (the whole directory)") : "", report.written, report.removed, (long long) report.seq,
            report.bytes / 1e6);
  return 0;
}
