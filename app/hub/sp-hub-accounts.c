/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-accounts.c: `signpost-hub --data-dir DIR add-editor EMAIL`, the first editor.
 *
 * The passphrase is asked twice without echo on a terminal, or read as two lines from a
 * pipe (for scripts and tests). Each buffer that held it is wiped before it is freed.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "sp-data-dir.h"
#include "sp-hub-accounts.h"
#include "sp-listings.h"
#include "sp-search-directory.h"

#define LINE_BYTES 1100

static int
complain (const char *message)
{
  g_autofree char *line = g_strdup (message);

  g_strdelimit (line, "\r\n", ' ');
  fprintf (stderr, "signpost-hub: %s\n", line);
  return 1;
}

/* Reads one line into @line (its end of line removed), without echo when @terminal. */
static gboolean
read_secret_line (const char *prompt,
                  gboolean    terminal,
                  char        line[LINE_BYTES])
{
  struct termios saved, quiet;
  gboolean ok;

  if (terminal)
    {
      fputs (prompt, stderr);
      fflush (stderr);
      if (tcgetattr (STDIN_FILENO, &saved) != 0)
        return FALSE;
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }
  ok = fgets (line, LINE_BYTES, stdin) != NULL;
  if (terminal)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      fputc ('\n', stderr);
    }
  if (!ok)
    return FALSE;
  line[strcspn (line, "\r\n")] = '\0';
  return TRUE;
}

static int
create_editor (const char *data_dir,
               const char *email,
               const char *passphrase)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = sp_data_dir_ensure (data_dir, &error);
  g_autofree char *store_path = NULL;
  g_autoptr (SpDirectory) directory = NULL;
  g_autoptr (SpListings) listings = NULL;
  g_autoptr (SpAccount) account = NULL;
  GPtrArray *problems;

  if (dir == NULL)
    return complain (error->message);
  store_path = sp_data_dir_store_path (dir);
  if ((directory = sp_search_open_directory (store_path, &error)) == NULL)
    return complain (error->message);
  listings = sp_listings_new (directory);
  if ((account = sp_listings_add_editor (listings, email, passphrase, &error)) == NULL)
    {
      problems = sp_listings_error_get_problems (error);
      for (guint i = 0; problems != NULL && i < problems->len; i++)
        complain (((SpFieldProblem *) problems->pdata[i])->message);
      return problems != NULL && problems->len > 0 ? 1 : complain (error->message);
    }
  printf (_("Created the editor account %s.\n"), account->email);
  return 0;
}

/*
 * sp_hub_add_editor:
 * Creates an editor account in the directory of @data_dir (%NULL: the default). Returns
 * the process's exit status, having said on stderr what went wrong.
 */
int
sp_hub_add_editor (const char *data_dir,
                   const char *email)
{
  gboolean terminal = isatty (STDIN_FILENO);
  char *first, *second;
  int status;

  if (sodium_init () < 0)
    return complain (_("libsodium cannot start."));
  first = sodium_malloc (LINE_BYTES);
  second = sodium_malloc (LINE_BYTES);
  if (first == NULL || second == NULL)
    {
      sodium_free (first);
      sodium_free (second);
      return complain (_("There is not enough memory to keep the passphrase safe."));
    }
  if (!read_secret_line (_("Passphrase: "), terminal, first) ||
      !read_secret_line (_("The same passphrase again: "), terminal, second))
    status = complain (_("Give the passphrase twice (two lines on standard input); no account was made."));
  else if (strcmp (first, second) != 0)
    status = complain (_("The two passphrases differ; no account was made."));
  else
    status = create_editor (data_dir, email, first);
  sodium_free (first);   /* sodium_free() wipes the memory before freeing it */
  sodium_free (second);
  return status;
}
