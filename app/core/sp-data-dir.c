/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-data-dir.c: where Signpost keeps its store and index. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "sp-data-dir.h"

/**
 * sp_data_dir_resolve:
 * @override: (nullable): a folder given on the command line (--data-dir)
 *
 * The data folder: @override if given, else $SIGNPOST_DATA_DIR, else
 * $XDG_DATA_HOME/signpost.
 *
 * Returns: (transfer full): an absolute path
 */
char *
sp_data_dir_resolve (const char *override)
{
  const char *env = g_getenv ("SIGNPOST_DATA_DIR");
  const char *chosen = NULL;

  if (override != NULL && *override != '\0')
    chosen = override;
  else if (env != NULL && *env != '\0')
    chosen = env;

  if (chosen != NULL)
    return g_canonicalize_filename (chosen, NULL);
  return g_build_filename (g_get_user_data_dir (), "signpost", NULL);
}

/* Resolves the data folder and creates it (private to the user) if needed. */
char *
sp_data_dir_ensure (const char *override,
                    GError    **error)
{
  g_autofree char *dir = sp_data_dir_resolve (override);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot create the data folder %s: %s"), dir, g_strerror (saved));
      return NULL;
    }
  return g_steal_pointer (&dir);
}

char *
sp_data_dir_store_path (const char *data_dir)
{
  return g_build_filename (data_dir, "directory.sqlite", NULL);
}
