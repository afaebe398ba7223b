/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-directory.c: the one way the directory changes, with what is derived from it kept in step.
 *
 * Importing a feed, applying a batch from the hub and applying an approved edit all go
 * through an SpDirectory: it owns the store (opened for writing) and the index derived
 * from it, and makes each change in one transaction that also takes the directory's next
 * change number, then brings the index up to date before it lets the next change in. The
 * index's lock, shared by every program on the data folder, is held from before the store
 * changes until the index has followed, so another program that meets the changed store
 * meanwhile keeps using the whole index it has, and a second change waits its turn. No
 * front end updates an index itself, so none can forget to.
 *
 * The core knows the index only as an SpDirectoryIndex; search/ provides the Xapian one
 * (sp_search_open_directory()).
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sp-directory.h"

G_DEFINE_QUARK (sp-directory-error-quark, sp_directory_error)
G_DEFINE_INTERFACE (SpDirectoryIndex, sp_directory_index, G_TYPE_OBJECT)

static void
sp_directory_index_default_init (SpDirectoryIndexInterface *iface)
{
}

struct _SpDirectory
{
  GObject parent_instance;

  SpStore *store;
  SpDirectoryIndex *index;
};

G_DEFINE_FINAL_TYPE (SpDirectory, sp_directory, G_TYPE_OBJECT)

static void
sp_directory_dispose (GObject *object)
{
  SpDirectory *self = SP_DIRECTORY (object);

  g_clear_object (&self->index);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (sp_directory_parent_class)->dispose (object);
}

static void
sp_directory_class_init (SpDirectoryClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sp_directory_dispose;
}

static void
sp_directory_init (SpDirectory *self)
{
}

/**
 * sp_directory_new:
 * @store: the store, opened for writing
 * @index: the index kept in step with it
 *
 * Returns: (transfer full): the directory
 */
SpDirectory *
sp_directory_new (SpStore          *store,
                  SpDirectoryIndex *index)
{
  SpDirectory *self;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (SP_IS_DIRECTORY_INDEX (index), NULL);

  self = g_object_new (SP_TYPE_DIRECTORY, NULL);
  self->store = g_object_ref (store);
  self->index = g_object_ref (index);
  return self;
}

/* (transfer none): the store, for reading */
SpStore *
sp_directory_get_store (SpDirectory *self)
{
  g_return_val_if_fail (SP_IS_DIRECTORY (self), NULL);
  return self->store;
}

static gboolean
lock_index (SpDirectory         *self,
            SpDirectoryWaitFunc  waiting,
            gpointer             user_data,
            GError             **error)
{
  return SP_DIRECTORY_INDEX_GET_IFACE (self->index)->lock (self->index, waiting, user_data, error);
}

static void
unlock_index (SpDirectory *self)
{
  SP_DIRECTORY_INDEX_GET_IFACE (self->index)->unlock (self->index);
}

/* After a commit: the index follows, or the error says the change was saved anyway. */
static gboolean
follow (SpDirectory *self,
        GPtrArray   *changed,
        GPtrArray   *removed,
        GError     **error)
{
  g_autoptr (GError) local_error = NULL;
  gboolean ok = SP_DIRECTORY_INDEX_GET_IFACE (self->index)->update (self->index, changed, removed, &local_error);

  unlock_index (self);
  if (!ok)
    g_set_error (error, SP_DIRECTORY_ERROR, SP_DIRECTORY_ERROR_INDEX_BEHIND,
                 _("The change was saved, but search could not be brought up to date with it (%s). "
                   "It will be the next time Signpost opens the directory."),
                 local_error->message);
  return ok;
}

/**
 * sp_directory_import_with:
 * @import: (scope call): imports, in a transaction of its own
 * @waiting: (nullable) (scope call): called once, with @wait_data, if another program is
 *   changing the directory and this import has to wait for it to finish
 * @report: (out) (optional) (transfer full): what the import did, set whenever it was saved
 *
 * Runs @import under the index's lock and brings the index up to date with what it wrote
 * and removed.
 *
 * Returns: %FALSE with @error set when nothing was imported, or when the import was saved
 *   (@report is then set) but the index could not follow (%SP_DIRECTORY_ERROR_INDEX_BEHIND)
 */
gboolean
sp_directory_import_with (SpDirectory           *self,
                          SpDirectoryImportFunc  import,
                          gpointer               user_data,
                          SpDirectoryWaitFunc    waiting,
                          gpointer               wait_data,
                          SpImportReport       **report,
                          GError               **error)
{
  g_autoptr (SpImportReport) done = NULL;
  gboolean followed;

  g_return_val_if_fail (SP_IS_DIRECTORY (self), FALSE);
  g_return_val_if_fail (import != NULL, FALSE);

  if (!lock_index (self, waiting, wait_data, error))
    return FALSE;
  if (!import (self->store, user_data, &done, error))
    {
      unlock_index (self);
      return FALSE;
    }
  followed = follow (self, done->changed, done->removed, error);
  if (report != NULL)
    *report = g_steal_pointer (&done);
  return followed;
}

typedef struct
{
  const char *path;
  SpImportFlags flags;
  SpImportProgressFunc progress;
  gpointer progress_data;
  GCancellable *cancellable;
} FileImport;

static gboolean
import_file (SpStore          *store,
             gpointer          user_data,
             SpImportReport  **report,
             GError          **error)
{
  FileImport *file = user_data;

  return sp_import_path (store, file->path, file->flags, file->progress, file->progress_data, file->cancellable,
                         report, error);
}

/**
 * sp_directory_import:
 * @waiting: (nullable) (scope call): called once, with @progress_data, if another program
 *   is changing the directory and this import has to wait for it to finish
 * @report: (out) (optional) (transfer full): what the import did, set whenever it was saved
 *
 * Imports @path (one transaction, as sp_import_path()) and brings the index up to date
 * with what it wrote.
 *
 * Returns: %FALSE with @error set when nothing was imported, or when the import was saved
 *   (@report is then set) but the index could not follow (%SP_DIRECTORY_ERROR_INDEX_BEHIND)
 */
gboolean
sp_directory_import (SpDirectory           *self,
                     const char            *path,
                     SpImportFlags          flags,
                     SpImportProgressFunc   progress,
                     gpointer               progress_data,
                     SpDirectoryWaitFunc    waiting,
                     GCancellable          *cancellable,
                     SpImportReport       **report,
                     GError               **error)
{
  FileImport file = { path, flags, progress, progress_data, cancellable };

  g_return_val_if_fail (path != NULL, FALSE);
  return sp_directory_import_with (self, import_file, &file, waiting, progress_data, report, error);
}

/**
 * sp_directory_change:
 * @change: (scope call): writes the change, inside the transaction
 * @waiting: (nullable) (scope call): called once, with @wait_data, if another program is
 *   changing the directory and this change has to wait for it
 * @seq: (out) (optional): the change's number in the directory's change sequence
 *
 * Makes one change to the directory: in one write transaction, @change writes and the
 * services it wrote and removed take the next change number; then the index follows.
 *
 * Returns: %FALSE with @error set when nothing changed, or when the change was saved but
 *   the index could not follow (%SP_DIRECTORY_ERROR_INDEX_BEHIND)
 */
gboolean
sp_directory_change (SpDirectory           *self,
                     SpDirectoryChangeFunc  change,
                     gpointer               user_data,
                     SpDirectoryWaitFunc    waiting,
                     gpointer               wait_data,
                     gint64                *seq,
                     GError               **error)
{
  g_autoptr (GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) removed = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (SP_IS_DIRECTORY (self), FALSE);
  g_return_val_if_fail (change != NULL, FALSE);

  if (!lock_index (self, waiting, wait_data, error))
    return FALSE;
  if (!sp_store_begin (self->store, error))
    {
      unlock_index (self);
      return FALSE;
    }
  if (!change (self->store, user_data, changed, removed, error) ||
      !sp_store_record_change (self->store, changed, 0, removed, seq, error) ||
      !sp_store_commit (self->store, error))
    {
      sp_store_rollback (self->store);
      unlock_index (self);
      return FALSE;
    }
  return follow (self, changed, removed, error);
}
