/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-search-page-open-now.c: "Open now": the day's best matches read in a thread.
 *
 * The search narrows to services that meet today (sp_open_now_day()); which of them are
 * open this minute needs each one's record read, up to SP_OPEN_NOW_POOL of them: more
 * than a frame's work. A thread with a store connection of its own reads them
 * (sp_open_now_select()) while the status line says the page is looking; a newer search
 * cancels a look still going on.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-open-now.h"
#include "sp-search-page-private.h"

/* The best matches that meet today, to be read in a thread for those open now. */
typedef struct
{
  char *store_path;
  GStrv ids;
  GDateTime *now;
  guint most;
  SpSearchResults *results;   /* the search they come from: for the main thread only */
} OpenNowLook;

static void
open_now_look_free (OpenNowLook *look)
{
  g_free (look->store_path);
  g_strfreev (look->ids);
  g_date_time_unref (look->now);
  sp_search_results_free (look->results);
  g_free (look);
}

static void
open_now_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  OpenNowLook *look = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (SpStore) store = sp_store_open_for_reading (look->store_path, &error);
  GArray *open = NULL;

  if (store == NULL ||
      (open = sp_open_now_select (store, (const char * const *) look->ids, look->now, look->most,
                                  cancellable, &error)) == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, open, (GDestroyNotify) g_array_unref);
}

static void
show_busy (SpSearchPage *self,
           gboolean      busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), busy);
  if (busy)
    gtk_label_set_text (self->status_label, _("Looking for services open now…"));
}

/* A look still going on is of no more use: the search changed. */
void
sp_search_page_stop_looking (SpSearchPage *self)
{
  if (self->open_now_look != NULL)
    g_cancellable_cancel (self->open_now_look);
  g_clear_object (&self->open_now_look);
  show_busy (self, FALSE);
}

static void
open_now_found (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  SpSearchPage *self = SP_SEARCH_PAGE (source);
  OpenNowLook *look = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) open = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr (GPtrArray) hits = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->open_now_look);
  show_busy (self, FALSE);
  if (open == NULL)
    {
      sp_search_page_show_unavailable (self, error->message);
      return;
    }
  hits = g_ptr_array_new ();
  for (guint i = 0; i < open->len; i++)
    g_ptr_array_add (hits, g_ptr_array_index (look->results->hits, g_array_index (open, guint, i)));
  sp_search_page_list_hits (self, look->results, hits, 0, TRUE);
}

/* Reads the matches of @results in a thread and lists those open at @now: reading up to
 * SP_OPEN_NOW_POOL services takes longer than a frame. Meanwhile the page says it is
 * looking. */
void
sp_search_page_look_for_open (SpSearchPage    *self,
                              SpSearchResults *results,
                              GDateTime       *now)
{
  g_autoptr (GTask) task = NULL;
  OpenNowLook *look = g_new0 (OpenNowLook, 1);

  sp_search_page_stop_looking (self);
  look->store_path = g_strdup (sp_store_get_path (self->store));
  look->ids = g_new0 (char *, results->hits->len + 1);
  for (guint i = 0; i < results->hits->len; i++)
    look->ids[i] = g_strdup (((SpSearchHit *) g_ptr_array_index (results->hits, i))->id);
  look->now = g_date_time_ref (now);
  look->most = self->wanted;
  look->results = results;

  if (!g_str_equal (gtk_stack_get_visible_child_name (self->stack), "results"))
    g_list_store_remove_all (self->results);
  sp_search_page_show_topics (self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->corrected_label), FALSE);
  gtk_widget_set_visible (self->more_button, FALSE);
  show_busy (self, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "results");

  self->open_now_look = g_cancellable_new ();
  task = g_task_new (self, self->open_now_look, open_now_found, NULL);
  g_task_set_task_data (task, look, (GDestroyNotify) open_now_look_free);
  g_task_run_in_thread (task, open_now_thread);
}

