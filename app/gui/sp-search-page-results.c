/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-search-page-results.c: the search run on the index, and its results listed.
 *
 * Every keystroke and every filter runs the query again, on the main thread: the index
 * answers in a few milliseconds even for 100 000 services, well inside a frame, and a
 * synchronous answer can never arrive out of order. An index found damaged is not rebuilt
 * here: the page says the directory is being made ready and tells its window
 * (::index-damaged), which rebuilds it in a thread.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-open-now.h"
#include "sp-result-row.h"
#include "sp-search-page-private.h"
#include "sp-urgent-help.h"

static void
show_status (SpSearchPage    *self,
             SpSearchResults *results,
             guint            shown)
{
  g_autofree char *counted = NULL;

  if (gtk_toggle_button_get_active (self->open_now_toggle))
    counted = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u service open now", "%u services open now", shown), shown);
  else if (results->total > shown)
    counted = g_strdup_printf (_("The best %u of %u services"), shown, results->total);
  else
    counted = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u service", "%u services", shown), shown);

  /* What was searched for instead has a line of its own, which may wrap. The count
   * changes on every keystroke and stays on one line: a label that wraps is laid out
   * a dozen times over whenever its text changes, as much as the search itself. */
  if (results->corrected != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (results->corrected, -1);
      /* Translators: %s is what was searched for instead of a misspelling. */
      g_autofree char *instead = g_strdup_printf (_("Showing results for <b>%s</b>"), escaped);
      if (g_strcmp0 (gtk_label_get_label (self->corrected_label), instead) != 0)
        gtk_label_set_markup (self->corrected_label, instead);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->corrected_label), results->corrected != NULL);
  gtk_label_set_text (self->status_label, counted);
}

static void
show_nothing_found (SpSearchPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *title = NULL;

  if (text != NULL && *text != '\0')
    title = g_strdup_printf (_("Nothing found for “%s”"), text);
  else
    title = g_strdup (_("Nothing matches these choices"));
  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page,
    _("Try fewer words, or other words for the same thing: “memory” instead of “forgetful”, "
      "“money” instead of “bills”. You can also turn a filter off, or choose a topic."));
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* Lists @hits from position @from on, in place of what the list held there: the results
 * already there take the new hits (their rows redraw only if a result changed), and the
 * list grows or shrinks by the difference, so the list's rows are not made anew. */
static void
place_hits (SpSearchPage *self,
            guint         from,
            GPtrArray    *hits)
{
  GListModel *model = G_LIST_MODEL (self->results);
  guint had = g_list_model_get_n_items (model) - from;
  guint kept = MIN (had, hits->len);
  g_autoptr (GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < kept; i++)
    {
      g_autoptr (SpResult) result = g_list_model_get_item (model, from + i);
      sp_result_set_hit (result, g_ptr_array_index (hits, i));
    }
  for (guint i = kept; i < hits->len; i++)
    g_ptr_array_add (added, sp_result_new_from_hit (g_ptr_array_index (hits, i)));
  if (had > kept || added->len > 0)
    g_list_store_splice (self->results, from + kept, had - kept, added->pdata, added->len);
}

/* Lists @hits (the results to show, best first, up to self->wanted) from position
 * @listed on, and says how many there are. @results is the search they come from; for
 * "Open now" @hits are those of its matches found open. */
void
sp_search_page_list_hits (SpSearchPage    *self,
                          SpSearchResults *results,
                          GPtrArray       *hits,
                          guint            listed,
                          gboolean         open_now)
{
  guint shown = MIN (hits->len, self->wanted);
  g_autoptr (GPtrArray) added = g_ptr_array_new ();

  for (guint i = listed; i < shown; i++)
    g_ptr_array_add (added, g_ptr_array_index (hits, i));
  /* "Open now" counts only what it found open among the matches it looked at. */
  self->total = open_now ? shown : results->total;
  place_hits (self, listed, added);
  if (shown == 0)
    {
      show_nothing_found (self);
      return;
    }
  show_status (self, results, shown);
  if (listed == 0)
    sp_search_page_show_topics (self, open_now ? NULL : results->facets);
  gtk_widget_set_visible (self->more_button, !open_now && results->total > shown);
  gtk_stack_set_visible_child_name (self->stack, "results");
}

/* Runs the query for the first self->wanted results and lists them; with @more, keeps the
 * rows already listed (the same query answers the same way) and adds those after them. */
static void
query_and_list (SpSearchPage *self,
                gboolean      more)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpSearchResults) results = NULL;
  g_autoptr (GDateTime) now = sp_search_page_dup_now (self);
  gboolean open_now = gtk_toggle_button_get_active (self->open_now_toggle);
  SpSearchQuery query = SP_SEARCH_QUERY_INIT;

  sp_search_page_stop_looking (self);
  sp_search_page_fill_query (self, &query, now);
  if (open_now)
    query.limit = SP_OPEN_NOW_POOL;
  results = sp_search_index_query (self->index, &query, &error);
  if (results == NULL && g_error_matches (error, SP_SEARCH_ERROR, SP_SEARCH_ERROR_NEEDS_REBUILD))
    {
      /* The window rebuilds it in a thread and makes the page ready again. */
      gtk_stack_set_visible_child_name (self->stack, "preparing");
      g_signal_emit_by_name (self, "index-damaged", &query);
      return;
    }
  if (results == NULL)
    {
      sp_search_page_show_unavailable (self, error->message);
      return;
    }
  if (open_now)
    sp_search_page_look_for_open (self, g_steal_pointer (&results), now);
  else
    sp_search_page_list_hits (self, results, results->hits,
                              more ? g_list_model_get_n_items (G_LIST_MODEL (self->results)) : 0, FALSE);
}

/* Shows what is asked now: the start page when nothing is, else the first page of results
 * (or, while the index is made ready, that it is). */
/* The emergency and crisis lines above the results, or the empty page, while what is
 * typed suggests someone is in danger now; set before anything else so that neither a
 * damaged index nor an empty answer can hide them. */
static void
show_urgent_help (SpSearchPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  gboolean urgent = sp_urgent_help_suggested (text);

  if (urgent)
    {
      g_autofree char *lines = sp_urgent_help_text ();
      if (g_strcmp0 (gtk_label_get_label (self->urgent_help_label), lines) != 0)
        gtk_label_set_text (self->urgent_help_label, lines);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->urgent_help_label), urgent);
}

void
sp_search_page_run_search (SpSearchPage *self)
{
  if (self->resetting)
    return;
  show_urgent_help (self);
  if (self->index == NULL)
    return;
  sp_search_page_stop_looking (self);
  gtk_toggle_button_set_active (self->saved_button, FALSE);
  if (self->preparing)
    {
      gtk_stack_set_visible_child_name (self->stack, "preparing");
      return;
    }
  self->wanted = RESULT_PAGE;
  self->total = 0;
  if (!sp_search_page_anything_asked (self))
    {
      g_list_store_remove_all (self->results);
      gtk_stack_set_visible_child_name (self->stack, "start");
      return;
    }
  query_and_list (self, FALSE);
}

/* The next page of the same query, after those listed. */
static void
list_more (SpSearchPage *self)
{
  guint listed = g_list_model_get_n_items (G_LIST_MODEL (self->results));

  if (self->index == NULL || self->preparing || listed == 0 || listed >= self->total ||
      gtk_toggle_button_get_active (self->open_now_toggle))
    return;
  self->wanted = listed + RESULT_PAGE;
  query_and_list (self, TRUE);
}

static void
results_edge_reached (GtkScrolledWindow *scroller,
                      GtkPositionType    position,
                      SpSearchPage      *self)
{
  if (position == GTK_POS_BOTTOM)
    list_more (self);
}

/* ---- the results list ----------------------------------------------------------- */

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  gtk_list_item_set_child (item, sp_result_row_new ());
}

static void
show_result (SpSearchPage *self,
             GtkListItem  *item)
{
  g_autoptr (GDateTime) now = sp_search_page_dup_now (self);
  SpResult *result = gtk_list_item_get_item (item);

  sp_result_row_set_result (SP_RESULT_ROW (gtk_list_item_get_child (item)), result, self->details, now);
}

static void
result_changed (SpResult    *result,
                GtkListItem *item)
{
  show_result (g_object_get_data (G_OBJECT (item), "sp-search-page"), item);
}

static void
bind_result (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             SpSearchPage             *self)
{
  g_object_set_data (G_OBJECT (item), "sp-search-page", self);
  g_signal_connect (gtk_list_item_get_item (item), "changed", G_CALLBACK (result_changed), item);
  show_result (self, item);
}

static void
unbind_result (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               SpSearchPage             *self)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item), result_changed, item);
}

/* A row of the results or of the shortlist opened: its service is shown. */
void
sp_search_page_result_activated (GtkListView  *view,
                                 guint         position,
                                 SpSearchPage *self)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (view));
  g_autoptr (GObject) item = g_list_model_get_item (model, position);

  if (SP_IS_RESULT (item))
    g_signal_emit_by_name (self, "service-activated", sp_result_get_id (SP_RESULT (item)));
  else if (GTK_IS_STRING_OBJECT (item))
    g_signal_emit_by_name (self, "service-activated", gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
}

/* Rows of results for a list: @bind fills one. */
GtkListItemFactory *
sp_search_page_make_factory (SpSearchPage *self,
                             GCallback     bind)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", bind, self);
  return factory;
}

/* For init: the results list, its rows and the ways to list more. */
void
sp_search_page_init_results (SpSearchPage *self)
{
  g_autoptr (GtkListItemFactory) factory = sp_search_page_make_factory (self, G_CALLBACK (bind_result));

  self->results = g_list_store_new (SP_TYPE_RESULT);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_result), self);
  gtk_list_view_set_factory (self->results_view, factory);
  /* Rows are opened, not selected: the open service is on its own page. */
  gtk_list_view_set_model (self->results_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->results)))));
  g_signal_connect (self->results_view, "activate", G_CALLBACK (sp_search_page_result_activated), self);
  g_signal_connect (self->results_scroller, "edge-reached", G_CALLBACK (results_edge_reached), self);
  g_signal_connect_swapped (self->more_button, "clicked", G_CALLBACK (list_more), self);
}
