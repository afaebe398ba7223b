/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-output-file.c: a file written whole or not at all.
 *
 * Slips and exports are written to a temporary file beside the target (".NAME.XXXXXX"),
 * which is synced and renamed over the target only once every byte is on disk. A full
 * disk, a write error or a crash leaves the target as it was — absent, if it was new —
 * and the temporary file is removed on any failure. (g_file_replace() writes a new file
 * in place, so a failure there leaves half a file under the real name.)
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gunixoutputstream.h>

#include "sp-output-file.h"

struct _SpOutputFile
{
  char *path;
  char *temporary;            /* (nullable) until committed or given up */
  int fd;
  GOutputStream *stream;      /* writes to @fd, buffered */
};

/**
 * sp_output_file_new:
 * @path: the file to write; replaced only by sp_output_file_commit()
 *
 * Returns: (transfer full): a file to write through sp_output_file_get_stream(), or %NULL
 *   with @error set when the folder cannot be written
 */
SpOutputFile *
sp_output_file_new (const char *path,
                    GError    **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *template = NULL;
  SpOutputFile *self;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  template = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  /* The usual permissions of a new file (the umask applies), not mkstemp's 0600. */
  fd = g_mkstemp_full (template, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Cannot write %s: %s"), path,
                   g_strerror (saved));
      return NULL;
    }
  self = g_new0 (SpOutputFile, 1);
  self->path = g_strdup (path);
  self->temporary = g_steal_pointer (&template);
  self->fd = fd;
  {
    g_autoptr (GOutputStream) unbuffered = g_unix_output_stream_new (fd, FALSE);
    self->stream = g_buffered_output_stream_new_sized (unbuffered, 64 * 1024);
  }
  return self;
}

/* (transfer none): where to write the file's contents */
GOutputStream *
sp_output_file_get_stream (SpOutputFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->stream;
}

static void
give_up (SpOutputFile *self)
{
  if (self->stream != NULL)
    g_output_stream_close (self->stream, NULL, NULL);
  g_clear_object (&self->stream);
  if (self->fd >= 0)
    close (self->fd);
  self->fd = -1;
  if (self->temporary != NULL)
    g_unlink (self->temporary);
  g_clear_pointer (&self->temporary, g_free);
}

/**
 * sp_output_file_commit:
 *
 * Puts what was written in place under the file's name, once it is all on disk. On
 * failure the temporary file is removed and the file's name is left as it was.
 */
gboolean
sp_output_file_commit (SpOutputFile *self,
                       GError      **error)
{
  g_autoptr (GError) local_error = NULL;
  int saved = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->temporary != NULL, FALSE);

  if (g_output_stream_flush (self->stream, NULL, &local_error))
    {
      int fd = self->fd;

      self->fd = -1;
      if (fsync (fd) != 0)
        {
          saved = errno;
          close (fd);
        }
      else if (close (fd) != 0 || g_rename (self->temporary, self->path) != 0)
        saved = errno;
      else
        g_clear_pointer (&self->temporary, g_free);
    }
  if (local_error == NULL && saved == 0)
    {
      g_clear_object (&self->stream);
      return TRUE;
    }
  g_set_error (error, G_IO_ERROR, local_error != NULL ? local_error->code : (int) g_io_error_from_errno (saved),
               _("Cannot write %s: %s"), self->path,
               local_error != NULL ? local_error->message : g_strerror (saved));
  give_up (self);
  return FALSE;
}

/* Frees @self; a file not committed is not written at all. */
void
sp_output_file_free (SpOutputFile *self)
{
  if (self == NULL)
    return;
  give_up (self);
  g_free (self->path);
  g_free (self);
}
