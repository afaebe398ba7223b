/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-search-directory.c: a directory whose search index follows every change.
 *
 * The Xapian index as the SpDirectoryIndex of the one write path (app/core/sp-directory.c):
 * its lock is the index folder's (sp-search-folder.cc), held across each change.
 */
#include "config.h"

#include "sp-search-directory.h"

struct _SpSearchDirectoryIndex
{
  GObject parent_instance;

  SpStore *store;
  SpSearchIndex *index;    /* (nullable) opened at the first change */
};

static void directory_index_iface_init (SpDirectoryIndexInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SpSearchDirectoryIndex, sp_search_directory_index, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SP_TYPE_DIRECTORY_INDEX, directory_index_iface_init))

static gboolean
index_lock (SpDirectoryIndex    *iface,
            SpDirectoryWaitFunc  waiting,
            gpointer             user_data,
            GError             **error)
{
  SpSearchDirectoryIndex *self = SP_SEARCH_DIRECTORY_INDEX (iface);

  if (self->index == NULL && (self->index = sp_search_index_open (self->store, NULL, error)) == NULL)
    return FALSE;
  if (!sp_search_index_lock (self->index, waiting, user_data, error))
    return FALSE;
  /* A program may have died between changing the store and the index: catch up first,
   * so that afterwards only what this change writes needs indexing. */
  if (!sp_search_index_sync (self->index, NULL, NULL))
    g_debug ("The index could not be brought up to date before a change; it will be after it");
  return TRUE;
}

static gboolean
index_update (SpDirectoryIndex *iface,
              GPtrArray        *changed_ids,
              GPtrArray        *removed_ids,
              GError          **error)
{
  SpSearchDirectoryIndex *self = SP_SEARCH_DIRECTORY_INDEX (iface);
  g_autoptr (GPtrArray) ids = NULL;

  if (changed_ids == NULL)
    return sp_search_index_apply_changes (self->index, NULL, error);
  /* A removed service is one the store no longer has: updating it removes it. */
  ids = g_ptr_array_new ();
  for (guint i = 0; i < changed_ids->len; i++)
    g_ptr_array_add (ids, changed_ids->pdata[i]);
  for (guint i = 0; removed_ids != NULL && i < removed_ids->len; i++)
    g_ptr_array_add (ids, removed_ids->pdata[i]);
  return sp_search_index_apply_changes (self->index, ids, error);
}

static void
index_unlock (SpDirectoryIndex *iface)
{
  SpSearchDirectoryIndex *self = SP_SEARCH_DIRECTORY_INDEX (iface);

  sp_search_index_unlock (self->index);
}

static void
directory_index_iface_init (SpDirectoryIndexInterface *iface)
{
  iface->lock = index_lock;
  iface->update = index_update;
  iface->unlock = index_unlock;
}

static void
sp_search_directory_index_finalize (GObject *object)
{
  SpSearchDirectoryIndex *self = SP_SEARCH_DIRECTORY_INDEX (object);

  g_clear_pointer (&self->index, sp_search_index_close);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (sp_search_directory_index_parent_class)->finalize (object);
}

static void
sp_search_directory_index_class_init (SpSearchDirectoryIndexClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_search_directory_index_finalize;
}

static void
sp_search_directory_index_init (SpSearchDirectoryIndex *self)
{
}

/**
 * sp_search_open_directory:
 * @store_path: the directory store; created if missing
 *
 * Opens the store for writing, with its search index as the index every change keeps in
 * step: what importing, syncing and approved edits change the directory through.
 *
 * Returns: (transfer full): the directory, or %NULL with @error set
 */
SpDirectory *
sp_search_open_directory (const char  *store_path,
                          GError     **error)
{
  g_autoptr (SpStore) store = NULL;
  g_autoptr (SpSearchDirectoryIndex) index = NULL;

  g_return_val_if_fail (store_path != NULL, NULL);

  if ((store = sp_store_open (store_path, error)) == NULL)
    return NULL;
  index = g_object_new (SP_TYPE_SEARCH_DIRECTORY_INDEX, NULL);
  index->store = g_object_ref (store);
  return sp_directory_new (store, SP_DIRECTORY_INDEX (index));
}
