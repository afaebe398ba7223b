/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-search-import.c: importing a feed and keeping the search index in step with it.
 *
 * What every front end that imports (signpost-cli import, File → Import… in the app) does,
 * so that none can leave search disagreeing with the store.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sp-search-import.h"

/**
 * sp_search_import_path:
 * @store: a store opened for writing
 * @waiting: (nullable) (scope call): called once, with @progress_data, if another program
 *   is changing the directory and this import has to wait for it to finish
 * @report: (out) (optional) (transfer full): what the import did, set whenever it was saved
 *
 * Imports @path into @store (one transaction, as sp_import_path()) and brings the search
 * index beside the store up to date with what it wrote. The index's lock is held from
 * before the store changes until the index matches it again: another program that meets
 * the changed store meanwhile keeps searching the whole index it has, and a second import
 * waits its turn. Under the lock the index is first brought up to date (a program may
 * have died between changing the store and the index), so that afterwards only what this
 * import wrote needs indexing.
 *
 * Returns: %FALSE with @error set when nothing was imported, or when the import was saved
 *   (@report is then set) but the index could not be updated; it is then brought up to
 *   date the next time it is opened.
 */
gboolean
sp_search_import_path (SpStore               *store,
                       const char            *path,
                       SpImportFlags          flags,
                       SpImportProgressFunc   progress,
                       gpointer               progress_data,
                       SpSearchWaitFunc       waiting,
                       GCancellable          *cancellable,
                       SpImportReport       **report,
                       GError               **error)
{
  g_autoptr (SpSearchIndex) index = NULL;
  g_autoptr (SpImportReport) done = NULL;
  g_autoptr (GError) index_error = NULL;
  gboolean locked = FALSE;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  index = sp_search_index_open (store, NULL, &index_error);
  if (index != NULL && !(locked = sp_search_index_lock (index, waiting, progress_data, error)))
    return FALSE;
  if (index != NULL && !sp_search_index_sync (index, NULL, &index_error))
    g_clear_pointer (&index, sp_search_index_close);

  if (!sp_import_path (store, path, flags, progress, progress_data, cancellable, &done, error))
    return FALSE;

  if (index != NULL && !sp_search_index_apply_changes (index, done->changed, &index_error))
    g_clear_pointer (&index, sp_search_index_close);
  if (index == NULL)
    {
      /* The lock went with the handle: open afresh, which rebuilds. */
      g_clear_error (&index_error);
      index = sp_search_index_open (store, NULL, &index_error);
      locked = FALSE;
    }
  if (index != NULL && locked)
    sp_search_index_unlock (index);
  if (report != NULL)
    *report = g_steal_pointer (&done);
  if (index == NULL)
    {
      g_set_error (error, SP_SEARCH_ERROR, SP_SEARCH_ERROR_FAILED,
                   _("The feed was imported, but search could not be brought up to date with it "
                     "(%s). It will be the next time Signpost opens the directory."),
                   index_error->message);
      return FALSE;
    }
  return TRUE;
}
