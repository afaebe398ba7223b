/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-common.c: option parsing, opening the store and failing for every command. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "sp-cli.h"
#include "sp-data-dir.h"
#include "sp-search-directory.h"

/* Prints "signpost-cli: REASON" on one line of stderr and returns exit status 1. */
int
sp_cli_fail (const char *format,
             ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* One line, whatever the message held. */
  g_strdelimit (message, "\r\n", ' ');
  fprintf (stderr, "signpost-cli: %s\n", message);
  return 1;
}

/* Parses a command's options, saying on stderr what was wrong with them. */
gboolean
sp_cli_parse (GOptionContext *context,
              int            *argc,
              char         ***argv)
{
  g_autoptr (GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      sp_cli_fail ("%s", error->message);
      return FALSE;
    }
  /* GOption leaves the "--" that ends the options among the arguments: after it come
   * words that merely look like options ("search -- -memory"), and it is none of them. */
  for (int i = 1; i < *argc; i++)
    if (g_str_equal ((*argv)[i], "--"))
      {
        memmove (*argv + i, *argv + i + 1, (*argc - i) * sizeof (char *));
        (*argc)--;
        break;
      }
  return TRUE;
}

/**
 * sp_cli_parse_command:
 * @parameter: (nullable): what follows the options in the usage line ("ID…")
 * @summary: what the command does, for --help
 * @description: (nullable): more for --help, after the options
 * @entries: the command's own options; --data-dir, which every command takes, is added
 * @data_dir: (out): the --data-dir given, or %NULL
 *
 * Reads a command's options from @argc/@argv, leaving the other arguments. On a mistake
 * says so on stderr and returns %FALSE: the command then exits with status 2.
 */
gboolean
sp_cli_parse_command (int                *argc,
                      char             ***argv,
                      const char         *parameter,
                      const char         *summary,
                      const char         *description,
                      const GOptionEntry *entries,
                      char              **data_dir)
{
  g_autoptr (GOptionContext) context = g_option_context_new (parameter);
  const GOptionEntry data_dir_entry[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, data_dir, N_("Data folder"), N_("DIR") },
    { NULL }
  };

  g_option_context_set_summary (context, summary);
  if (description != NULL)
    g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, data_dir_entry, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return sp_cli_parse (context, argc, argv);
}

/* Opens the data folder's directory for a command that changes it: the store for writing,
 * with the search index that follows every change. */
SpDirectory *
sp_cli_open_directory (const char *data_dir)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = sp_data_dir_ensure (data_dir, &error);
  g_autofree char *path = NULL;
  SpDirectory *directory;

  if (dir == NULL)
    {
      sp_cli_fail ("%s", error->message);
      return NULL;
    }
  path = sp_data_dir_store_path (dir);
  if ((directory = sp_search_open_directory (path, &error)) == NULL)
    sp_cli_fail ("%s", error->message);
  return directory;
}

/* Opens the store of the data folder for a command that changes it (@for_reading FALSE),
 * or for one that only reads it, which then works where the folder may only be read. */
SpStore *
sp_cli_open_store (const char *data_dir,
                   gboolean    for_reading)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  SpStore *store;

  /* A folder that exists is used as it is: creating it is for a first import. */
  dir = sp_data_dir_resolve (data_dir);
  if (!(for_reading && g_file_test (dir, G_FILE_TEST_IS_DIR)))
    {
      g_free (dir);
      if ((dir = sp_data_dir_ensure (data_dir, &error)) == NULL)
        {
          sp_cli_fail ("%s", error->message);
          return NULL;
        }
    }
  path = sp_data_dir_store_path (dir);
  store = for_reading ? sp_store_open_for_reading (path, &error) : sp_store_open (path, &error);
  if (store == NULL)
    sp_cli_fail ("%s", error->message);
  return store;
}
