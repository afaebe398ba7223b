/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-referrals.c: signpost-cli referrals init|import|report, for link workers' scripts.
 *
 * The passphrase is read from the terminal with echo off, or from a file descriptor given
 * with --passphrase-fd (one line): never from the command line, where other users of the
 * machine could read it, and never printed.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sp-cli.h"
#include "sp-data-dir.h"
#include "sp-referral-import.h"
#include "sp-referral-report.h"
#include "sp-referral-store.h"

#define PASSPHRASE_MAX 1024

static char *
read_line_from (int      fd,
                GError **error)
{
  char *line = g_malloc0 (PASSPHRASE_MAX + 1);
  gsize len = 0;

  while (len < PASSPHRASE_MAX)
    {
      char c;
      ssize_t got = read (fd, &c, 1);

      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        {
          int saved = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("could not read the passphrase: %s"), g_strerror (saved));
          sp_wipe_string (&line);
          return NULL;
        }
      if (got == 0 || c == '\n')
        break;
      line[len++] = c;
    }
  if (len > 0 && line[len - 1] == '\r')
    line[--len] = '\0';
  return line;
}

/* One passphrase: a line from @fd, or typed at the terminal without echo. */
static char *
read_passphrase (int          fd,
                 const char  *prompt,
                 GError     **error)
{
  struct termios saved, quiet;
  char *passphrase;
  int tty;

  if (fd >= 0)
    return read_line_from (fd, error);

  tty = g_open ("/dev/tty", O_RDWR | O_CLOEXEC, 0);
  if (tty < 0 || tcgetattr (tty, &saved) != 0)
    {
      if (tty >= 0)
        close (tty);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("there is no terminal to ask for the passphrase: give it with --passphrase-fd N"));
      return NULL;
    }
  quiet = saved;
  quiet.c_lflag &= ~(ECHO | ECHONL);
  quiet.c_lflag |= ICANON;
  if (write (tty, prompt, strlen (prompt)) < 0 || tcsetattr (tty, TCSAFLUSH, &quiet) != 0)
    {
      close (tty);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("could not turn off echo on the terminal"));
      return NULL;
    }
  passphrase = read_line_from (tty, error);
  tcsetattr (tty, TCSAFLUSH, &saved);
  if (write (tty, "\n", 1) < 0)
    {
      /* Only the prompt's tidiness depends on it. */
    }
  close (tty);
  return passphrase;
}

typedef struct
{
  char *data_dir;
  char *account;
  int passphrase_fd;
} Common;

static void
common_clear (Common *common)
{
  g_free (common->data_dir);
  g_free (common->account);
}

static void
add_common (GOptionContext *context,
            Common         *common)
{
  GOptionEntry entries[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &common->data_dir, N_("Data folder"), N_("DIR") },
    { "account", 0, 0, G_OPTION_ARG_STRING, &common->account, N_("The link worker’s account"), N_("NAME") },
    { "passphrase-fd", 0, 0, G_OPTION_ARG_INT, &common->passphrase_fd,
      N_("Read the passphrase (one line) from this file descriptor instead of the terminal"), N_("N") },
    { NULL }
  };

  common->passphrase_fd = -1;
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

/* The existing referral store of the data folder, signed in; NULL after printing why not. */
static SpReferralStore *
open_and_sign_in (Common *common)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = sp_data_dir_resolve (common->data_dir);
  g_autofree char *path = sp_referral_store_path_in (dir);
  g_autoptr (SpReferralStore) store = NULL;
  g_auto (GStrv) accounts = NULL;
  g_autofree char *prompt = NULL;
  const char *account = common->account;
  char *passphrase;
  gboolean ok;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      sp_cli_fail (_("there is no referral store in %s: make one with signpost-cli referrals init --account NAME"),
                   dir);
      return NULL;
    }
  if ((store = sp_referral_store_open (path, &error)) == NULL)
    {
      sp_cli_fail ("%s", error->message);
      return NULL;
    }
  accounts = sp_referral_store_list_accounts (store);
  if (account == NULL && g_strv_length (accounts) == 1)
    account = accounts[0];
  if (account == NULL)
    {
      sp_cli_fail (_("the referral store has several accounts: say which with --account NAME"));
      return NULL;
    }
  prompt = g_strdup_printf (_("Passphrase for %s: "), account);
  if ((passphrase = read_passphrase (common->passphrase_fd, prompt, &error)) == NULL)
    {
      sp_cli_fail ("%s", error->message);
      return NULL;
    }
  ok = sp_referral_store_sign_in (store, account, passphrase, &error);
  sp_wipe_string (&passphrase);
  if (!ok)
    {
      sp_cli_fail ("%s", error->message);
      return NULL;
    }
  return g_steal_pointer (&store);
}

static int
referrals_init (int    argc,
                char **argv)
{
  Common common = { 0 };
  gboolean training = FALSE;
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (SpReferralStore) store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *prompt = NULL;
  char *passphrase = NULL;
  char *again = NULL;
  gboolean ok;
  GOptionEntry entries[] = {
    { "training", 0, 0, G_OPTION_ARG_NONE, &training,
      N_("A training store: only NHS numbers from the 999 test range, everything marked"), NULL },
    { NULL }
  };
  int status = 0;

  g_option_context_set_summary (context, _("Create the referral store in the data folder and its first "
                                           "link worker account (--account NAME)."));
  add_common (context, &common);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!sp_cli_parse (context, &argc, &argv))
    {
      common_clear (&common);
      return 2;
    }
  if (common.account == NULL || argc != 1)
    {
      common_clear (&common);
      return sp_cli_fail (_("referrals init needs --account NAME and nothing else (see --help)"));
    }
  if ((dir = sp_data_dir_ensure (common.data_dir, &error)) == NULL)
    status = sp_cli_fail ("%s", error->message);
  else if (path = sp_referral_store_path_in (dir), g_file_test (path, G_FILE_TEST_EXISTS))
    status = sp_cli_fail (_("%s exists already: add accounts from the app by signing in"), path);
  else
    {
      prompt = g_strdup_printf (_("New passphrase for %s: "), common.account);
      passphrase = read_passphrase (common.passphrase_fd, prompt, &error);
      if (passphrase != NULL && common.passphrase_fd < 0)
        {
          again = read_passphrase (-1, _("The same passphrase again: "), &error);
          if (again != NULL && g_strcmp0 (again, passphrase) != 0)
            {
              g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("the two passphrases are not the same; nothing was created"));
              sp_wipe_string (&passphrase);
            }
          sp_wipe_string (&again);
        }
      if (passphrase == NULL)
        status = sp_cli_fail ("%s", error->message);
      else
        {
          ok = (store = sp_referral_store_open (path, &error)) != NULL &&
               sp_referral_store_set_training (store, training, &error) &&
               sp_referral_store_create_first_account (store, common.account, passphrase, &error);
          sp_wipe_string (&passphrase);
          if (!ok)
            {
              g_clear_object (&store);
              g_remove (path);
              status = sp_cli_fail ("%s", error->message);
            }
          else
            printf (training ? _("Created the training referral store %s with the account %s.\n")
                             : _("Created the referral store %s with the account %s.\n"),
                    path, common.account);
        }
    }
  common_clear (&common);
  return status;
}

static int
referrals_import (int    argc,
                  char **argv)
{
  Common common = { 0 };
  gboolean skip_bad_rows = FALSE;
  g_autoptr (GOptionContext) context = g_option_context_new (_("FILE.csv"));
  g_autoptr (GError) error = NULL;
  g_autoptr (SpReferralStore) store = NULL;
  g_autoptr (SpReferralImportReport) report = NULL;
  GOptionEntry entries[] = {
    { "skip-bad-rows", 0, 0, G_OPTION_ARG_NONE, &skip_bad_rows, N_("Import the good rows even if some break a rule"), NULL },
    { NULL }
  };
  gboolean ok;
  int status;

  g_option_context_set_summary (context, _("Import a caseload from a spreadsheet saved as CSV, one referral "
                                           "a row (the columns are in the README)."));
  add_common (context, &common);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!sp_cli_parse (context, &argc, &argv))
    {
      common_clear (&common);
      return 2;
    }
  if (argc != 2)
    {
      common_clear (&common);
      return sp_cli_fail (_("referrals import needs exactly one CSV file"));
    }
  store = open_and_sign_in (&common);
  common_clear (&common);
  if (store == NULL)
    return 1;

  ok = sp_referral_import_csv (store, argv[1], skip_bad_rows, &report, &error);
  if (report != NULL)
    for (guint i = 0; i < report->problems->len; i++)
      {
        SpReferralImportProblem *p = report->problems->pdata[i];
        fprintf (stderr, _("%s: line %u, %s: %s\n"), argv[1], p->line, p->field, p->message);
      }
  if (!ok)
    status = sp_cli_fail ("%s", error->message);
  else
    {
      printf (_("Imported %u referrals from %s: %u people added, %u matched to people already known, "
                "%u rows skipped.\n"),
              report->referrals_added, argv[1], report->people_added, report->people_matched, report->rows_skipped);
      status = 0;
    }
  sp_referral_store_lock (store);
  return status;
}

static int
referrals_report (int    argc,
                  char **argv)
{
  Common common = { 0 };
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *pdf = NULL;
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (SpReferralStore) store = NULL;
  g_autoptr (SpReferralReport) report = NULL;
  g_autoptr (GPtrArray) referrals = NULL;
  g_autofree char *what = NULL;
  SpDay from, to;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("First day of the range (YYYY-MM-DD)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("Last day of the range, included (YYYY-MM-DD)"), N_("DATE") },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv, N_("Write the figures as CSV (measure,group,value)"), N_("FILE") },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, N_("Write the report with its charts as PDF"), N_("FILE") },
    { NULL }
  };
  gboolean ok = TRUE;

  g_option_context_set_summary (context, _("The commissioners’ figures for referrals received in a date range: "
                                           "counts only, any count from 1 to 4 shown as <5. Without --csv or "
                                           "--pdf the CSV goes to standard output."));
  add_common (context, &common);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!sp_cli_parse (context, &argc, &argv))
    {
      common_clear (&common);
      return 2;
    }
  from = sp_day_parse (from_text);
  to = sp_day_parse (to_text);
  if (from == 0 || to == 0 || to < from || argc != 1)
    {
      common_clear (&common);
      return sp_cli_fail (_("referrals report needs --from DATE and --to DATE (YYYY-MM-DD, --to not before --from)"));
    }
  store = open_and_sign_in (&common);
  common_clear (&common);
  if (store == NULL)
    return 1;

  referrals = sp_referral_store_dup_referrals (store);
  report = sp_referral_report_new (referrals, from, to);
  what = g_strdup_printf ("report %s to %s%s%s", from_text, to_text, csv != NULL ? " csv" : "",
                          pdf != NULL ? " pdf" : "");
  ok = sp_referral_store_note_exported (store, what, &error);
  if (ok && csv != NULL)
    ok = sp_referral_report_write_csv (report, csv, &error);
  if (ok && pdf != NULL)
    ok = sp_referral_report_write_pdf (report, pdf, &error);
  if (ok && csv == NULL && pdf == NULL)
    {
      g_autofree char *text = sp_referral_report_to_csv (report);
      fputs (text, stdout);
    }
  sp_referral_store_lock (store);
  return ok ? 0 : sp_cli_fail ("%s", error->message);
}

int
sp_cli_referrals (int    argc,
                  char **argv)
{
  static const SpCliCommand subcommands[] = {
    { "init", N_("Create the referral store and its first account"), referrals_init },
    { "import", N_("Import a caseload from a CSV file"), referrals_import },
    { "report", N_("Commissioners’ figures for a date range (CSV or PDF)"), referrals_report },
  };

  if (argc >= 2)
    for (gsize i = 0; i < G_N_ELEMENTS (subcommands); i++)
      if (g_str_equal (argv[1], subcommands[i].name))
        return subcommands[i].run (argc - 1, argv + 1);

  fprintf (argc >= 2 && g_str_equal (argv[1], "--help") ? stdout : stderr, "%s\n",
           _("Usage: signpost-cli referrals init|import|report [OPTION…]"));
  for (gsize i = 0; i < G_N_ELEMENTS (subcommands); i++)
    fprintf (argc >= 2 && g_str_equal (argv[1], "--help") ? stdout : stderr, "  %-8s %s\n",
             subcommands[i].name, _(subcommands[i].summary));
  return argc >= 2 && g_str_equal (argv[1], "--help") ? 0 : 2;
}
