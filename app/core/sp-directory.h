/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-directory.h: the one way the directory changes, with what is derived from it kept in step. */
#pragma once

#include <gio/gio.h>

#include "sp-import.h"
#include "sp-store.h"

G_BEGIN_DECLS

#define SP_DIRECTORY_ERROR (sp_directory_error_quark ())
GQuark sp_directory_error_quark (void);

typedef enum
{
  /* The change was saved, but the index could not follow it; it is brought up to date the
   * next time it is opened. */
  SP_DIRECTORY_ERROR_INDEX_BEHIND,
} SpDirectoryError;

/* Called once, with the caller's data, when a change must wait for another program's. */
typedef void (*SpDirectoryWaitFunc) (gpointer user_data);

/* What a directory keeps in step with its store: the search index (search/ implements it;
 * the store knows nothing of Xapian). */
#define SP_TYPE_DIRECTORY_INDEX (sp_directory_index_get_type ())
G_DECLARE_INTERFACE (SpDirectoryIndex, sp_directory_index, SP, DIRECTORY_INDEX, GObject)

struct _SpDirectoryIndexInterface
{
  GTypeInterface parent_iface;

  /* Takes the write lock every program on the data folder shares, waiting for another's
   * change, and brings the index up to date with the store as it is. */
  gboolean (*lock)   (SpDirectoryIndex    *self,
                      SpDirectoryWaitFunc  waiting,
                      gpointer             user_data,
                      GError             **error);
  /* After a change committed: indexes what it wrote (@changed_ids %NULL: it cannot say)
   * and removed. The lock stays held. */
  gboolean (*update) (SpDirectoryIndex    *self,
                      GPtrArray           *changed_ids,
                      GPtrArray           *removed_ids,
                      GError             **error);
  void     (*unlock) (SpDirectoryIndex    *self);
};

/* Makes a change inside the directory's write transaction: writes, and lists in @changed
 * and @removed the ids of the services it wrote and removed. FALSE with @error set rolls
 * the change back. */
typedef gboolean (*SpDirectoryChangeFunc) (SpStore    *store,
                                           gpointer    user_data,
                                           GPtrArray  *changed,
                                           GPtrArray  *removed,
                                           GError    **error);

/* Imports into the store in a transaction of its own (an SpImport: an import, a sync
 * round), setting @report whenever it committed; FALSE with @error set when it did not. */
typedef gboolean (*SpDirectoryImportFunc) (SpStore          *store,
                                           gpointer          user_data,
                                           SpImportReport  **report,
                                           GError          **error);

#define SP_TYPE_DIRECTORY (sp_directory_get_type ())
G_DECLARE_FINAL_TYPE (SpDirectory, sp_directory, SP, DIRECTORY, GObject)

SpDirectory *sp_directory_new        (SpStore                *store,
                                      SpDirectoryIndex       *index);
SpStore     *sp_directory_get_store  (SpDirectory            *self);
gboolean     sp_directory_import     (SpDirectory            *self,
                                      const char             *path,
                                      SpImportFlags           flags,
                                      SpImportProgressFunc    progress,
                                      gpointer                progress_data,
                                      SpDirectoryWaitFunc     waiting,
                                      GCancellable           *cancellable,
                                      SpImportReport        **report,
                                      GError                **error);
gboolean     sp_directory_import_with (SpDirectory           *self,
                                      SpDirectoryImportFunc   import,
                                      gpointer                user_data,
                                      SpDirectoryWaitFunc     waiting,
                                      gpointer                wait_data,
                                      SpImportReport        **report,
                                      GError                **error);
gboolean     sp_directory_change     (SpDirectory            *self,
                                      SpDirectoryChangeFunc   change,
                                      gpointer                user_data,
                                      SpDirectoryWaitFunc     waiting,
                                      gpointer                wait_data,
                                      gint64                 *seq,
                                      GError                **error);

G_END_DECLS
