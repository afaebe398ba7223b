/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-common.c: option parsing, opening the store and failing for every command. */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "sp-cli.h"
#include "sp-data-dir.h"

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
  return TRUE;
}

SpStore *
sp_cli_open_store (const char *data_dir)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = sp_data_dir_ensure (data_dir, &error);
  g_autofree char *path = NULL;
  SpStore *store;

  if (dir == NULL)
    {
      sp_cli_fail ("%s", error->message);
      return NULL;
    }
  path = sp_data_dir_store_path (dir);
  store = sp_store_open (path, &error);
  if (store == NULL)
    sp_cli_fail ("%s", error->message);
  return store;
}
