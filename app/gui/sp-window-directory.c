/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-window-directory.c: the directory a window shows: its store and search index, read
 * again after another program changed them, and the index rebuilt when it is damaged.
 *
 * The window searches on the main thread: a search fits in a frame, a rebuild does not.
 * The window's index handle never rebuilds (sp_search_index_set_rebuild_when_damaged());
 * when a search finds it damaged, the page says the directory is being made ready and a
 * thread repairs it with a handle and a store connection of its own, so nothing the main
 * thread uses is touched off it. The window's handle then reads the repaired index.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-window-private.h"

/* What the repairing thread needs: where the store and the index are, and the search that
 * met the damage (a copy: the page's own goes on changing). */
typedef struct
{
  char *store_path;
  char *index_path;
  gboolean has_query;
  SpSearchQuery query;   /* its strings point at the three below */
  char *text;
  char *category;
  char *language;
} Repair;

static void
repair_free (Repair *repair)
{
  g_free (repair->store_path);
  g_free (repair->index_path);
  g_free (repair->text);
  g_free (repair->category);
  g_free (repair->language);
  g_free (repair);
}

static Repair *
repair_new (SpWindow            *self,
            const SpSearchQuery *query)
{
  Repair *repair = g_new0 (Repair, 1);

  repair->store_path = g_strdup (sp_store_get_path (self->store));
  repair->index_path = g_strdup (sp_search_index_get_path (self->index));
  if (query != NULL)
    {
      repair->has_query = TRUE;
      repair->query = *query;
      repair->query.text = repair->text = g_strdup (query->text);
      repair->query.category = repair->category = g_strdup (query->category);
      repair->query.language = repair->language = g_strdup (query->language);
    }
  return repair;
}

/* Opening the index rebuilds it when its checks find it damaged; damage they miss shows
 * in the search that met it, asked again here on a handle that rebuilds. Either way the
 * index is rebuilt once, here, where it may take its time. */
static void
repair_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Repair *repair = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (SpStore) store = sp_store_open_for_reading (repair->store_path, &error);
  g_autoptr (SpSearchIndex) index = NULL;
  g_autoptr (SpSearchResults) results = NULL;

  if (store == NULL || (index = sp_search_index_open (store, repair->index_path, &error)) == NULL ||
      (repair->has_query && (results = sp_search_index_query (index, &repair->query, &error)) == NULL))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/* Reads the index and the store afresh and shows them: the topics, counts and results,
 * and the open service. FALSE when the index cannot be read; @damaged then says whether
 * it needs rebuilding. */
static gboolean
read_again (SpWindow *self,
            gboolean *damaged,
            GError  **error)
{
  SpServiceDetail *shown;

  *damaged = FALSE;
  if (!sp_search_index_reopen (self->index, error))
    {
      *damaged = g_error_matches (*error, SP_SEARCH_ERROR, SP_SEARCH_ERROR_NEEDS_REBUILD);
      return FALSE;
    }
  sp_detail_cache_clear (self->details);
  sp_search_page_set_preparing (self->search_page, FALSE);
  shown = sp_service_page_get_detail (self->service_page);
  if (shown != NULL)
    {
      g_autofree char *id = g_strdup (sp_service_detail_get_id (shown));
      sp_window_open_service (self, id);
    }
  return TRUE;
}

static void
repaired (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  SpWindow *self = SP_WINDOW (source);
  g_autoptr (GCancellable) cancellable = g_object_ref (g_task_get_cancellable (G_TASK (result)));
  g_autoptr (GError) error = NULL;
  gboolean damaged;

  if (g_cancellable_is_cancelled (cancellable))
    return;
  g_clear_object (&self->repair);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      sp_window_show_unavailable (self, error->message);
      return;
    }
  /* A search that still finds the index damaged now is not repaired by doing it again. */
  self->checking_repair = TRUE;
  if (!read_again (self, &damaged, &error))
    sp_window_show_unavailable (self, damaged ? _("The search index is damaged and could not be repaired. "
                                                  "Ask whoever looks after this computer.")
                                              : error->message);
  self->checking_repair = FALSE;
}

/* Rebuilds the index in a thread, the page saying meanwhile that the directory is being
 * made ready; @query (nullable) is the search that found it damaged. */
static void
repair_index (SpWindow            *self,
              const SpSearchQuery *query)
{
  g_autoptr (GTask) task = NULL;

  if (self->repair != NULL || self->index == NULL)
    return;
  g_debug ("The search index is damaged: rebuilding it in a thread");
  sp_search_page_set_preparing (self->search_page, TRUE);
  self->repair = g_cancellable_new ();
  task = g_task_new (self, self->repair, repaired, NULL);
  g_task_set_task_data (task, repair_new (self, query), (GDestroyNotify) repair_free);
  g_task_run_in_thread (task, repair_thread);
}

static void
index_damaged (SpSearchPage        *page,
               const SpSearchQuery *query,
               SpWindow            *self)
{
  if (self->checking_repair)
    {
      sp_window_show_unavailable (self, _("The search index is damaged and could not be repaired. "
                                          "Ask whoever looks after this computer."));
      return;
    }
  repair_index (self, query);
}

/* For sp_window_new(): the search page tells the window when the index is damaged. */
void
sp_window_watch_index (SpWindow *self)
{
  g_signal_connect (self->search_page, "index-damaged", G_CALLBACK (index_damaged), self);
}

/* For dispose: a repair that ends after the window has gone tells nobody. */
void
sp_window_stop_repair (SpWindow *self)
{
  if (self->repair != NULL)
    g_cancellable_cancel (self->repair);
  g_clear_object (&self->repair);
}

/**
 * sp_window_set_directory:
 * @index: (transfer full): the search index of @store; the window closes it
 *
 * Shows @store, searched through @index. The window's searches never rebuild @index on
 * the main thread: a damaged one is rebuilt in a thread.
 */
void
sp_window_set_directory (SpWindow      *self,
                         SpStore       *store,
                         SpSearchIndex *index)
{
  g_return_if_fail (SP_IS_WINDOW (self));
  g_return_if_fail (SP_IS_STORE (store));
  g_return_if_fail (index != NULL);

  sp_window_stop_repair (self);
  sp_search_index_set_rebuild_when_damaged (index, FALSE);
  g_set_object (&self->store, store);
  g_clear_object (&self->details);
  self->details = sp_detail_cache_new (store);
  sp_search_page_set_directory (self->search_page, store, index, self->details, self->shortlist,
                                self->settings);
  g_clear_pointer (&self->index, sp_search_index_close);
  self->index = index;
  sp_search_page_focus_entry (self->search_page);
}

/**
 * sp_window_take_directory:
 * @from: a window about to close (a kiosk being left)
 *
 * Shows the directory @from showed, taking its store and index, rather than opening them
 * again on the main thread.
 *
 * Returns: whether @from had a directory to take
 */
gboolean
sp_window_take_directory (SpWindow *self,
                          SpWindow *from)
{
  g_autoptr (SpStore) store = NULL;
  SpSearchIndex *index;

  g_return_val_if_fail (SP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (SP_IS_WINDOW (from), FALSE);

  if (from->index == NULL)
    return FALSE;
  sp_window_stop_repair (from);
  store = g_object_ref (from->store);
  index = g_steal_pointer (&from->index);
  /* Its page searches no more: it would read the handle this window now owns. */
  sp_search_page_set_preparing (from->search_page, TRUE);
  sp_window_set_directory (self, store, index);
  sp_window_set_directory_status (self, from->directory_status);
  return TRUE;
}

/**
 * sp_window_get_directory:
 * @index: (out) (transfer none) (optional): its search index
 *
 * Returns: (transfer none) (nullable): the directory the window shows, or %NULL before one
 *   is open
 */
SpStore *
sp_window_get_directory (SpWindow       *self,
                         SpSearchIndex **index)
{
  g_return_val_if_fail (SP_IS_WINDOW (self), NULL);

  if (index != NULL)
    *index = self->index;
  return self->store;
}

/**
 * sp_window_directory_changed:
 *
 * After another program or thread changed the directory (an import, a sync): the changes
 * went through the one write path, which kept the index in step, so the window only reads
 * both again and shows the topics, counts, results and open service afresh.
 */
void
sp_window_directory_changed (SpWindow *self)
{
  g_autoptr (GError) error = NULL;
  gboolean damaged;

  g_return_if_fail (SP_IS_WINDOW (self));

  if (self->index == NULL || self->repair != NULL)
    return;
  if (!read_again (self, &damaged, &error))
    {
      if (damaged)
        repair_index (self, NULL);
      else
        sp_window_show_unavailable (self, error->message);
    }
}

/* Says when the directory was last updated and from where (%NULL: nothing to say). */
void
sp_window_set_directory_status (SpWindow   *self,
                                const char *status)
{
  g_return_if_fail (SP_IS_WINDOW (self));
  if (status != self->directory_status)
    {
      g_free (self->directory_status);
      self->directory_status = g_strdup (status);
    }
  sp_search_page_set_directory_status (self->search_page, status);
}

void
sp_window_show_unavailable (SpWindow   *self,
                            const char *message)
{
  g_return_if_fail (SP_IS_WINDOW (self));
  sp_search_page_show_unavailable (self->search_page, message);
}
