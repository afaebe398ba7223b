/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-search-page.c: the start page, search as you type, filters, results and the shortlist.
 *
 * Every keystroke and every filter runs the query again, on the main thread: the index
 * answers in a few milliseconds even for 100 000 services, well inside a frame, and a
 * synchronous answer can never arrive out of order. With nothing typed and no filter the
 * page shows the topics (the top of the taxonomy) with their counts; a topic chosen shows
 * as a chip that takes it away again.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "sp-category-tile.h"
#include "sp-kiosk-guard.h"
#include "sp-open-now.h"
#include "sp-result-row.h"
#include "sp-result.h"
#include "sp-search-document.h"
#include "sp-search-page.h"
#include "sp-settings.h"
#include "sp-text-controls.h"

/* Results listed at first, and again each time the list is scrolled to its end (or "Show
 * more" pressed). A screenful, not more: GTK 4.8's list view makes a row for every item up
 * to 200, and laying out each row's wrapped text is what a keystroke spends its frame on. */
#define RESULT_PAGE 12

static const guint distance_metres[] = { 0, 1609, 3219, 8047, 16093 };

struct _SpSearchPage
{
  GtkWidget parent_instance;

  AdwHeaderBar *header;
  AdwWindowTitle *window_title;
  GtkLabel *directory_status_label;
  GtkWidget *main_menu_button;
  GtkWidget *text_button;
  GtkBox *text_popover_box;
  GtkToggleButton *saved_button;
  AdwButtonContent *saved_content;
  GtkBox *kiosk_bar;
  GtkSearchEntry *entry;
  GtkBox *filters;
  GtkWidget *category_chip;
  AdwButtonContent *category_chip_content;
  GtkToggleButton *free_toggle;
  GtkToggleButton *open_now_toggle;
  GtkToggleButton *wheelchair_toggle;
  GtkDropDown *day_dropdown;
  GtkDropDown *language_dropdown;
  GtkDropDown *distance_dropdown;
  GtkDropDown *sort_dropdown;
  GtkStack *stack;
  GtkWidget *attract_label;
  GtkFlowBox *tiles;
  GtkSpinner *busy_spinner;
  GtkLabel *status_label;
  GtkLabel *corrected_label;
  GtkListView *results_view;
  GtkScrolledWindow *results_scroller;
  GtkWidget *topics_scroller;
  GtkBox *topics_box;
  GtkWidget *more_button;
  AdwStatusPage *empty_page;
  GtkWidget *clear_button;
  GtkBox *saved_actions;
  GtkLabel *saved_label;
  GtkStack *saved_stack;
  GtkListView *saved_view;
  AdwStatusPage *unavailable_page;
  GtkBox *saved_buttons;

  gboolean kiosk;
  SpStore *store;
  SpSearchIndex *index;       /* (unowned) the window's */
  SpDetailCache *details;
  SpShortlist *shortlist;
  GSettings *settings;
  GListStore *results;
  GPtrArray *topic_chips;     /* (element-type GtkButton) a chip per topic, in topics_box:
                               * each shows whichever topic is its place in count order */
  GPtrArray *topic_ids;       /* (element-type utf8) the topics, the top of the taxonomy */
  GPtrArray *topic_names;     /* (element-type utf8) and their names */
  GPtrArray *language_codes;  /* (element-type utf8) the language dropdown's codes, after "any" */
  char *category_id;
  char *category_name;
  GDateTime *now;             /* (nullable) a fixed "now", for tests */
  guint wanted;               /* results the list holds for this query, a page at a time */
  guint total;                /* services the last query matched */
  gboolean resetting;
  gboolean preparing;         /* the index is being made ready: no searching until it is */
  GCancellable *open_now_look; /* (nullable) while services are read for "Open now" */
};

G_DEFINE_FINAL_TYPE (SpSearchPage, sp_search_page, GTK_TYPE_WIDGET)

enum
{
  SERVICE_ACTIVATED,
  INDEX_DAMAGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void run_search (SpSearchPage *self);
static void list_more (SpSearchPage *self);

static GDateTime *
dup_now (SpSearchPage *self)
{
  return self->now != NULL ? g_date_time_ref (self->now) : g_date_time_new_now_local ();
}

static gboolean
has_home (SpSearchPage *self)
{
  g_autofree char *home = self->settings != NULL ? g_settings_get_string (self->settings, "home-name") : NULL;
  return home != NULL && *home != '\0';
}

/* The order a search starts in: the settings' when distances can be reckoned. */
static guint
default_sort (SpSearchPage *self)
{
  return has_home (self) ? (guint) g_settings_get_enum (self->settings, "default-sort") : 0;
}

static void
fill_query (SpSearchPage  *self,
            SpSearchQuery *query,
            GDateTime     *now)
{
  guint day = gtk_drop_down_get_selected (self->day_dropdown);
  guint language = gtk_drop_down_get_selected (self->language_dropdown);
  guint distance = gtk_drop_down_get_selected (self->distance_dropdown);

  query->text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  query->category = self->category_id;
  query->free_only = gtk_toggle_button_get_active (self->free_toggle);
  query->wheelchair = gtk_toggle_button_get_active (self->wheelchair_toggle);
  if (language > 0 && language <= self->language_codes->len)
    query->language = g_ptr_array_index (self->language_codes, language - 1);
  if (gtk_toggle_button_get_active (self->open_now_toggle))
    query->day = sp_open_now_day (now);
  else if (day > 0 && day <= 7)
    query->day = day - 1;
  query->limit = self->wanted;
  if (has_home (self))
    {
      query->has_point = TRUE;
      query->latitude = g_settings_get_double (self->settings, "home-latitude");
      query->longitude = g_settings_get_double (self->settings, "home-longitude");
      if (distance < G_N_ELEMENTS (distance_metres))
        query->within_metres = distance_metres[distance];
      if (gtk_drop_down_get_selected (self->sort_dropdown) == 1)
        query->sort = SP_SEARCH_SORT_DISTANCE;
    }
}

static gboolean
has_words (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static gboolean
anything_asked (SpSearchPage *self)
{
  return has_words (gtk_editable_get_text (GTK_EDITABLE (self->entry))) || self->category_id != NULL ||
         gtk_toggle_button_get_active (self->free_toggle) ||
         gtk_toggle_button_get_active (self->open_now_toggle) ||
         gtk_toggle_button_get_active (self->wheelchair_toggle) ||
         gtk_drop_down_get_selected (self->day_dropdown) > 0 ||
         gtk_drop_down_get_selected (self->language_dropdown) > 0 ||
         (gtk_drop_down_get_selected (self->distance_dropdown) > 0 && has_home (self));
}

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

typedef struct
{
  const char *id;
  const char *name;
  guint count;
} TopicCount;

static int
most_first (gconstpointer a,
            gconstpointer b)
{
  const TopicCount *x = a, *y = b;
  return x->count != y->count ? (x->count < y->count ? 1 : -1) : g_utf8_collate (x->name, y->name);
}

/* The topics among the results, each with how many it holds: "Memory & dementia (4)", a
 * chip that narrows the results to it, the biggest first. The chips are made once, with
 * the tiles, and only relabelled here (one whose topic and count are unchanged is left
 * alone); none while a topic is chosen, or for "Open now", whose counts would be of the
 * pool it looked in. */
static void
show_topics (SpSearchPage *self,
             GHashTable   *facets)
{
  g_autoptr (GArray) topics = g_array_new (FALSE, FALSE, sizeof (TopicCount));

  for (guint i = 0; facets != NULL && self->category_id == NULL && i < self->topic_ids->len; i++)
    {
      TopicCount topic = { g_ptr_array_index (self->topic_ids, i), g_ptr_array_index (self->topic_names, i), 0 };

      topic.count = GPOINTER_TO_UINT (g_hash_table_lookup (facets, topic.id));
      if (topic.count > 0)
        g_array_append_val (topics, topic);
    }
  g_array_sort (topics, most_first);

  for (guint i = 0; i < self->topic_chips->len; i++)
    {
      GtkWidget *chip = g_ptr_array_index (self->topic_chips, i);
      const TopicCount *topic = i < topics->len ? &g_array_index (topics, TopicCount, i) : NULL;

      if (topic != NULL &&
          (topic->count != GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (chip), "sp-count")) ||
           g_strcmp0 (topic->id, g_object_get_data (G_OBJECT (chip), "sp-term-id")) != 0))
        {
          /* Translators: a topic and how many of the results are in it: "Carers (12)". */
          g_autofree char *label = g_strdup_printf (_("%s (%u)"), topic->name, topic->count);
          g_autofree char *spoken = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u result. Show only these",
                                                                  "%s: %u results. Show only these", topic->count),
                                                     topic->name, topic->count);
          gtk_button_set_label (GTK_BUTTON (chip), label);
          gtk_accessible_update_property (GTK_ACCESSIBLE (chip), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
          g_object_set_data (G_OBJECT (chip), "sp-count", GUINT_TO_POINTER (topic->count));
          g_object_set_data (G_OBJECT (chip), "sp-term-id", (gpointer) topic->id);
          g_object_set_data (G_OBJECT (chip), "sp-term-name", (gpointer) topic->name);
        }
      gtk_widget_set_visible (chip, topic != NULL);
    }
  gtk_widget_set_visible (self->topics_scroller, topics->len > 0);
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
static void
list_hits (SpSearchPage    *self,
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
    show_topics (self, open_now ? NULL : results->facets);
  gtk_widget_set_visible (self->more_button, !open_now && results->total > shown);
  gtk_stack_set_visible_child_name (self->stack, "results");
}

/* ---- "Open now", found in a thread ------------------------------------------------- */

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
static void
stop_looking (SpSearchPage *self)
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
  list_hits (self, look->results, hits, 0, TRUE);
}

/* Reads the matches of @results in a thread and lists those open at @now: reading up to
 * SP_OPEN_NOW_POOL services takes longer than a frame. Meanwhile the page says it is
 * looking. */
static void
look_for_open (SpSearchPage    *self,
               SpSearchResults *results,
               GDateTime       *now)
{
  g_autoptr (GTask) task = NULL;
  OpenNowLook *look = g_new0 (OpenNowLook, 1);

  stop_looking (self);
  look->store_path = g_strdup (sp_store_get_path (self->store));
  look->ids = g_new0 (char *, results->hits->len + 1);
  for (guint i = 0; i < results->hits->len; i++)
    look->ids[i] = g_strdup (((SpSearchHit *) g_ptr_array_index (results->hits, i))->id);
  look->now = g_date_time_ref (now);
  look->most = self->wanted;
  look->results = results;

  if (!g_str_equal (gtk_stack_get_visible_child_name (self->stack), "results"))
    g_list_store_remove_all (self->results);
  show_topics (self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->corrected_label), FALSE);
  gtk_widget_set_visible (self->more_button, FALSE);
  show_busy (self, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "results");

  self->open_now_look = g_cancellable_new ();
  task = g_task_new (self, self->open_now_look, open_now_found, NULL);
  g_task_set_task_data (task, look, (GDestroyNotify) open_now_look_free);
  g_task_run_in_thread (task, open_now_thread);
}

/* Runs the query for the first self->wanted results and lists them; with @more, keeps the
 * rows already listed (the same query answers the same way) and adds those after them. */
static void
query_and_list (SpSearchPage *self,
                gboolean      more)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpSearchResults) results = NULL;
  g_autoptr (GDateTime) now = dup_now (self);
  gboolean open_now = gtk_toggle_button_get_active (self->open_now_toggle);
  SpSearchQuery query = SP_SEARCH_QUERY_INIT;

  stop_looking (self);
  fill_query (self, &query, now);
  if (open_now)
    query.limit = SP_OPEN_NOW_POOL;
  results = sp_search_index_query (self->index, &query, &error);
  if (results == NULL && g_error_matches (error, SP_SEARCH_ERROR, SP_SEARCH_ERROR_NEEDS_REBUILD))
    {
      /* The window rebuilds it in a thread and makes the page ready again. */
      gtk_stack_set_visible_child_name (self->stack, "preparing");
      g_signal_emit (self, signals[INDEX_DAMAGED], 0, &query);
      return;
    }
  if (results == NULL)
    {
      sp_search_page_show_unavailable (self, error->message);
      return;
    }
  if (open_now)
    look_for_open (self, g_steal_pointer (&results), now);
  else
    list_hits (self, results, results->hits, more ? g_list_model_get_n_items (G_LIST_MODEL (self->results)) : 0,
               FALSE);
}

static void
run_search (SpSearchPage *self)
{
  if (self->index == NULL || self->resetting)
    return;
  stop_looking (self);
  gtk_toggle_button_set_active (self->saved_button, FALSE);
  if (self->preparing)
    {
      gtk_stack_set_visible_child_name (self->stack, "preparing");
      return;
    }
  self->wanted = RESULT_PAGE;
  self->total = 0;
  if (!anything_asked (self))
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
  g_autoptr (GDateTime) now = dup_now (self);
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

static void
bind_saved (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            SpSearchPage             *self)
{
  g_autoptr (GDateTime) now = dup_now (self);
  GtkStringObject *id = gtk_list_item_get_item (item);
  SpServiceDetail *detail = sp_detail_cache_get (self->details, gtk_string_object_get_string (id), NULL);
  g_autoptr (SpResult) result = NULL;

  if (detail != NULL)
    result = sp_result_new (sp_service_detail_get_id (detail), sp_service_detail_get_name (detail),
                            sp_service_detail_get_organization_name (detail));
  else
    result = sp_result_new (gtk_string_object_get_string (id),
                            _("This service is no longer in the directory"), NULL);
  sp_result_row_set_result (SP_RESULT_ROW (gtk_list_item_get_child (item)), result,
                            detail != NULL ? self->details : NULL, now);
}

static void
result_activated (GtkListView  *view,
                  guint         position,
                  SpSearchPage *self)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (view));
  g_autoptr (GObject) item = g_list_model_get_item (model, position);

  if (SP_IS_RESULT (item))
    g_signal_emit (self, signals[SERVICE_ACTIVATED], 0, sp_result_get_id (SP_RESULT (item)));
  else if (GTK_IS_STRING_OBJECT (item))
    g_signal_emit (self, signals[SERVICE_ACTIVATED], 0, gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
}

static GtkListItemFactory *
make_factory (SpSearchPage *self,
              GCallback     bind)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", bind, self);
  return factory;
}

/* ---- the shortlist --------------------------------------------------------------- */

static void
update_saved (SpSearchPage *self)
{
  guint count = self->shortlist != NULL ? sp_shortlist_get_count (self->shortlist) : 0;
  g_autofree char *label = count > 0 ? g_strdup_printf (_("Saved (%u)"), count) : g_strdup (_("Saved"));
  g_autofree char *heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u saved service",
                                                           "%u saved services", count), count);

  adw_button_content_set_label (self->saved_content, label);
  gtk_label_set_text (self->saved_label, heading);
  gtk_stack_set_visible_child_name (self->saved_stack, count > 0 ? "list" : "none");
  if (self->saved_buttons != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->saved_buttons), count > 0);
}

static void
saved_toggled (GtkToggleButton *button,
               SpSearchPage    *self)
{
  if (gtk_toggle_button_get_active (button))
    {
      update_saved (self);
      gtk_stack_set_visible_child_name (self->stack, "saved");
    }
  else if (g_str_equal (gtk_stack_get_visible_child_name (self->stack), "saved"))
    {
      if (self->index != NULL)
        run_search (self);
    }
}

/* ---- topics ------------------------------------------------------------------------ */

static void
tile_clicked (SpCategoryTile *tile,
              SpSearchPage   *self)
{
  sp_search_page_set_category (self, sp_category_tile_get_term_id (tile), sp_category_tile_get_name (tile));
}

static void
topic_chip_clicked (GtkButton    *chip,
                    SpSearchPage *self)
{
  g_autofree char *id = g_strdup (g_object_get_data (G_OBJECT (chip), "sp-term-id"));
  g_autofree char *name = g_strdup (g_object_get_data (G_OBJECT (chip), "sp-term-name"));

  sp_search_page_set_category (self, id, name);
}

/* The top of the taxonomy, each with its count, as tiles on the start page and as chips
 * above the results; topics with no service are left out. */
static void
build_tiles (SpSearchPage *self)
{
  sqlite3_stmt *stmt;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tiles))) != NULL)
    gtk_flow_box_remove (self->tiles, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->topics_box))) != NULL)
    gtk_box_remove (self->topics_box, child);
  g_ptr_array_set_size (self->topic_chips, 0);
  g_ptr_array_set_size (self->topic_ids, 0);
  g_ptr_array_set_size (self->topic_names, 0);
  stmt = sp_store_prepare (self->store, "SELECT id, code, name FROM taxonomy_term"
                                        " WHERE parent_id IS NULL AND name IS NOT NULL ORDER BY name", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      guint count = sp_search_index_count_in_category (self->index, id);
      GtkWidget *tile, *chip;

      if (count == 0)
        continue;
      tile = sp_category_tile_new (id, (const char *) sqlite3_column_text (stmt, 1),
                                   (const char *) sqlite3_column_text (stmt, 2), count);
      g_signal_connect (tile, "clicked", G_CALLBACK (tile_clicked), self);
      gtk_flow_box_append (self->tiles, tile);

      g_ptr_array_add (self->topic_ids, g_strdup (id));
      g_ptr_array_add (self->topic_names, g_strdup ((const char *) sqlite3_column_text (stmt, 2)));
      chip = gtk_button_new ();
      gtk_widget_add_css_class (chip, "sp-chip");
      gtk_widget_set_visible (chip, FALSE);
      g_signal_connect (chip, "clicked", G_CALLBACK (topic_chip_clicked), self);
      gtk_box_append (self->topics_box, chip);
      g_ptr_array_add (self->topic_chips, chip);
    }
  sqlite3_finalize (stmt);
}

/* ---- filters ----------------------------------------------------------------------- */

static void
set_choices (GtkDropDown        *dropdown,
             const char * const *choices)
{
  g_autoptr (GtkStringList) list = gtk_string_list_new (choices);
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
}

static void
build_languages (SpSearchPage *self)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  sqlite3_stmt *stmt;

  g_ptr_array_set_size (self->language_codes, 0);
  gtk_string_list_append (names, _("Any language"));
  stmt = sp_store_prepare (self->store,
                           "SELECT lower(coalesce(nullif(code, ''), name)) AS c, count(DISTINCT service_id) AS n"
                           " FROM language WHERE service_id IS NOT NULL GROUP BY c ORDER BY n DESC LIMIT 24", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 0);
      if (code == NULL || *code == '\0')
        continue;
      g_ptr_array_add (self->language_codes, g_strdup (code));
      gtk_string_list_append (names, sp_language_name (code));
    }
  sqlite3_finalize (stmt);
  gtk_drop_down_set_model (self->language_dropdown, G_LIST_MODEL (names));
}

static void
update_home (SpSearchPage *self)
{
  gboolean home = has_home (self);
  const char *why = _("Set your home location in Preferences to see distances");

  gtk_widget_set_sensitive (GTK_WIDGET (self->distance_dropdown), home);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sort_dropdown), home);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->distance_dropdown), home ? _("How far from your home location") : why);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sort_dropdown), home ? _("The order of the results") : why);
  if (!home)
    {
      gtk_drop_down_set_selected (self->distance_dropdown, 0);
      gtk_drop_down_set_selected (self->sort_dropdown, 0);
    }
}

static void
home_changed (GSettings    *settings,
              const char   *key,
              SpSearchPage *self)
{
  update_home (self);
  if (g_str_equal (key, "default-sort") && has_home (self))
    gtk_drop_down_set_selected (self->sort_dropdown, default_sort (self));
  run_search (self);
}

static void
filter_changed (SpSearchPage *self)
{
  run_search (self);
}

static void
category_chip_clicked (GtkButton    *button,
                       SpSearchPage *self)
{
  sp_search_page_set_category (self, NULL, NULL);
}

static void
clear_clicked (GtkButton    *button,
               SpSearchPage *self)
{
  sp_search_page_reset (self);
  sp_search_page_focus_entry (self);
}

/* Down from the search entry goes into the results; Escape clears the words. */
static gboolean
entry_key_pressed (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   SpSearchPage          *self)
{
  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down) &&
      g_str_equal (gtk_stack_get_visible_child_name (self->stack), "results"))
    return gtk_widget_child_focus (GTK_WIDGET (self->results_view), GTK_DIR_TAB_FORWARD);
  return FALSE;
}

static void
entry_activated (GtkSearchEntry *entry,
                 SpSearchPage   *self)
{
  /* Enter in the search box opens the best result. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->results)) > 0 &&
      g_str_equal (gtk_stack_get_visible_child_name (self->stack), "results"))
    result_activated (self->results_view, 0, self);
}

static void
stop_search (GtkSearchEntry *entry,
             SpSearchPage   *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

/* ---- the page ---------------------------------------------------------------------- */

static void
sp_search_page_dispose (GObject *object)
{
  SpSearchPage *self = SP_SEARCH_PAGE (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->open_now_look != NULL)
    g_cancellable_cancel (self->open_now_look);
  g_clear_object (&self->open_now_look);
  g_clear_object (&self->store);
  self->index = NULL;
  g_clear_object (&self->details);
  g_clear_object (&self->shortlist);
  g_clear_object (&self->settings);
  g_clear_object (&self->results);
  g_clear_pointer (&self->now, g_date_time_unref);
  g_ptr_array_set_size (self->topic_chips, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_SEARCH_PAGE);
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  G_OBJECT_CLASS (sp_search_page_parent_class)->dispose (object);
}

static void
sp_search_page_finalize (GObject *object)
{
  SpSearchPage *self = SP_SEARCH_PAGE (object);

  g_ptr_array_unref (self->language_codes);
  g_ptr_array_unref (self->topic_chips);
  g_ptr_array_unref (self->topic_ids);
  g_ptr_array_unref (self->topic_names);
  g_free (self->category_id);
  g_free (self->category_name);
  G_OBJECT_CLASS (sp_search_page_parent_class)->finalize (object);
}

static void
sp_search_page_class_init (SpSearchPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_search_page_dispose;
  object_class->finalize = sp_search_page_finalize;

  /**
   * SpSearchPage::service-activated:
   * @id: the service chosen
   */
  signals[SERVICE_ACTIVATED] = g_signal_new ("service-activated", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * SpSearchPage::index-damaged:
   * @query: (type gpointer): the SpSearchQuery that met the damage, valid during the emission
   *
   * A search found the index damaged. The page shows that the directory is being made
   * ready; whoever owns the index rebuilds it off the main thread, then calls
   * sp_search_page_set_preparing() with %FALSE.
   */
  signals[INDEX_DAMAGED] = g_signal_new ("index-damaged", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/signpost/Signpost/sp-search-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, SpSearchPage, name)
  BIND (header); BIND (window_title); BIND (directory_status_label); BIND (main_menu_button); BIND (text_button);
  BIND (text_popover_box); BIND (saved_button); BIND (saved_content); BIND (kiosk_bar);
  BIND (entry); BIND (filters); BIND (category_chip); BIND (category_chip_content);
  BIND (free_toggle); BIND (open_now_toggle); BIND (wheelchair_toggle); BIND (day_dropdown);
  BIND (language_dropdown); BIND (distance_dropdown); BIND (sort_dropdown); BIND (stack);
  BIND (attract_label); BIND (tiles); BIND (busy_spinner); BIND (status_label); BIND (corrected_label); BIND (results_view);
  BIND (results_scroller); BIND (more_button); BIND (topics_scroller); BIND (topics_box);
  BIND (empty_page); BIND (clear_button); BIND (saved_actions); BIND (saved_label);
  BIND (saved_stack); BIND (saved_view); BIND (unavailable_page);
#undef BIND
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sp_search_page_init (SpSearchPage *self)
{
  static const char *days[] = { N_("Any day"), N_("Monday"), N_("Tuesday"), N_("Wednesday"),
                                N_("Thursday"), N_("Friday"), N_("Saturday"), N_("Sunday"), NULL };
  static const char *distances[] = { N_("Any distance"), N_("Within 1 mile"), N_("Within 2 miles"),
                                     N_("Within 5 miles"), N_("Within 10 miles"), NULL };
  static const char *sorts[] = { N_("Best match first"), N_("Nearest first"), NULL };
  const char *translated[G_N_ELEMENTS (days)];
  g_autoptr (GtkListItemFactory) results_factory = NULL;
  g_autoptr (GtkListItemFactory) saved_factory = NULL;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->language_codes = g_ptr_array_new_with_free_func (g_free);
  self->topic_chips = g_ptr_array_new ();  /* the chips are topics_box's */
  self->topic_ids = g_ptr_array_new_with_free_func (g_free);
  self->topic_names = g_ptr_array_new_with_free_func (g_free);
  self->results = g_list_store_new (SP_TYPE_RESULT);

#define TRANSLATE(list) \
  G_STMT_START { \
    guint n = 0; \
    for (; list[n] != NULL; n++) \
      translated[n] = _(list[n]); \
    translated[n] = NULL; \
  } G_STMT_END
  TRANSLATE (days);
  set_choices (self->day_dropdown, translated);
  TRANSLATE (distances);
  set_choices (self->distance_dropdown, translated);
  TRANSLATE (sorts);
  set_choices (self->sort_dropdown, translated);
#undef TRANSLATE
  set_choices (self->language_dropdown, (const char *[]) { _("Any language"), NULL });

  results_factory = make_factory (self, G_CALLBACK (bind_result));
  g_signal_connect (results_factory, "unbind", G_CALLBACK (unbind_result), self);
  gtk_list_view_set_factory (self->results_view, results_factory);
  /* Rows are opened, not selected: the open service is on its own page. */
  gtk_list_view_set_model (self->results_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->results)))));
  g_signal_connect (self->results_view, "activate", G_CALLBACK (result_activated), self);
  g_signal_connect (self->results_scroller, "edge-reached", G_CALLBACK (results_edge_reached), self);
  g_signal_connect_swapped (self->more_button, "clicked", G_CALLBACK (list_more), self);
  saved_factory = make_factory (self, G_CALLBACK (bind_saved));
  gtk_list_view_set_factory (self->saved_view, saved_factory);
  g_signal_connect (self->saved_view, "activate", G_CALLBACK (result_activated), self);

  gtk_box_append (self->text_popover_box, sp_text_controls_new (FALSE));

  g_signal_connect_swapped (self->entry, "search-changed", G_CALLBACK (filter_changed), self);
  g_signal_connect (self->entry, "activate", G_CALLBACK (entry_activated), self);
  g_signal_connect (self->entry, "stop-search", G_CALLBACK (stop_search), self);
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (entry_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);
  g_signal_connect_swapped (self->free_toggle, "toggled", G_CALLBACK (filter_changed), self);
  g_signal_connect_swapped (self->open_now_toggle, "toggled", G_CALLBACK (filter_changed), self);
  g_signal_connect_swapped (self->wheelchair_toggle, "toggled", G_CALLBACK (filter_changed), self);
  g_signal_connect_swapped (self->day_dropdown, "notify::selected", G_CALLBACK (filter_changed), self);
  g_signal_connect_swapped (self->language_dropdown, "notify::selected", G_CALLBACK (filter_changed), self);
  g_signal_connect_swapped (self->distance_dropdown, "notify::selected", G_CALLBACK (filter_changed), self);
  g_signal_connect_swapped (self->sort_dropdown, "notify::selected", G_CALLBACK (filter_changed), self);
  g_signal_connect (self->category_chip, "clicked", G_CALLBACK (category_chip_clicked), self);
  g_signal_connect (self->clear_button, "clicked", G_CALLBACK (clear_clicked), self);
  g_signal_connect (self->saved_button, "toggled", G_CALLBACK (saved_toggled), self);

  gtk_stack_set_visible_child_name (self->stack, "preparing");
}

/* Print, save as PDF or clear every saved service: the window's actions do it. */
static void
add_saved_buttons (SpSearchPage *self)
{
  const struct { const char *label; const char *action; const char *style; gboolean desktop_only; } buttons[] = {
    { N_("_Print All"), "win.print-saved", "suggested-action", FALSE },
    { N_("Save as P_DF"), "win.pdf-saved", NULL, TRUE },
    { N_("_Clear"), "win.clear-saved", "destructive-action", FALSE },
  };

  self->saved_buttons = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6));
  for (gsize i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkWidget *button;

      if (buttons[i].desktop_only && self->kiosk)
        continue;
      button = gtk_button_new_with_mnemonic (_(buttons[i].label));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), buttons[i].action);
      if (buttons[i].style != NULL)
        gtk_widget_add_css_class (button, buttons[i].style);
      gtk_box_append (self->saved_buttons, button);
    }
  gtk_box_append (self->saved_actions, GTK_WIDGET (self->saved_buttons));
}

GtkWidget *
sp_search_page_new (gboolean kiosk)
{
  SpSearchPage *self = g_object_new (SP_TYPE_SEARCH_PAGE, NULL);

  self->kiosk = kiosk;
  add_saved_buttons (self);
  gtk_widget_set_visible (self->main_menu_button, !kiosk);
  gtk_widget_set_visible (self->text_button, !kiosk);
  gtk_widget_set_visible (self->attract_label, kiosk);
  gtk_widget_set_visible (GTK_WIDGET (self->kiosk_bar), kiosk);
  if (kiosk)
    {
      GtkWidget *controls = sp_text_controls_new (TRUE);
      gtk_widget_set_hexpand (controls, TRUE);
      gtk_widget_set_halign (controls, GTK_ALIGN_END);
      gtk_box_append (self->kiosk_bar, controls);
      gtk_widget_add_css_class (GTK_WIDGET (self), "sp-kiosk");
      /* GTK keeps the emoji picked in its chooser for the next person to see. */
      sp_kiosk_guard_forbid_emoji (GTK_EDITABLE (self->entry));
    }
  return GTK_WIDGET (self);
}

/**
 * sp_search_page_set_directory:
 * @settings: (nullable): where the home location and default sort are; %NULL for none
 *
 * Makes the page search @index (which must outlive it: the window owns it), and shows
 * the topics.
 */
void
sp_search_page_set_directory (SpSearchPage  *self,
                              SpStore       *store,
                              SpSearchIndex *index,
                              SpDetailCache *details,
                              SpShortlist   *shortlist,
                              GSettings     *settings)
{
  g_return_if_fail (SP_IS_SEARCH_PAGE (self));
  g_return_if_fail (SP_IS_STORE (store));
  g_return_if_fail (index != NULL);

  g_set_object (&self->store, store);
  self->index = index;
  self->preparing = FALSE;
  g_set_object (&self->details, details);
  if (self->shortlist != NULL)
    g_signal_handlers_disconnect_by_data (self->shortlist, self);
  g_set_object (&self->shortlist, shortlist);
  g_signal_connect_swapped (shortlist, "notify::count", G_CALLBACK (update_saved), self);
  gtk_list_view_set_model (self->saved_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (shortlist)))));
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  if (settings != NULL)
    {
      g_signal_connect (settings, "changed::home-name", G_CALLBACK (home_changed), self);
      g_signal_connect (settings, "changed::default-sort", G_CALLBACK (home_changed), self);
    }

  {
    g_autofree char *name = sp_settings_get (store, SP_SETTING_DIRECTORY_NAME, NULL);
    adw_window_title_set_subtitle (self->window_title, name != NULL ? name : "");
  }
  update_home (self);
  if (has_home (self))
    gtk_drop_down_set_selected (self->sort_dropdown, default_sort (self));
  update_saved (self);
  sp_search_page_refresh (self);
}

/* After an import: new topics, counts and languages, and the results again. */
void
sp_search_page_refresh (SpSearchPage *self)
{
  g_return_if_fail (SP_IS_SEARCH_PAGE (self));

  if (self->index == NULL)
    return;
  build_tiles (self);
  self->resetting = TRUE;
  build_languages (self);
  self->resetting = FALSE;
  run_search (self);
}

/**
 * sp_search_page_set_preparing:
 * @preparing: whether the index is being made ready
 *
 * While the index is made ready (rebuilt in a thread) the page says so and searches
 * nothing; what is typed meanwhile is kept. When it is ready the page reads the topics
 * and counts again and shows the results for what is asked by then.
 */
void
sp_search_page_set_preparing (SpSearchPage *self,
                              gboolean      preparing)
{
  g_return_if_fail (SP_IS_SEARCH_PAGE (self));

  self->preparing = preparing;
  if (preparing)
    gtk_stack_set_visible_child_name (self->stack, "preparing");
  else
    sp_search_page_refresh (self);
}

void
sp_search_page_show_unavailable (SpSearchPage *self,
                                 const char   *message)
{
  g_return_if_fail (SP_IS_SEARCH_PAGE (self));
  adw_status_page_set_description (self->unavailable_page, message);
  gtk_stack_set_visible_child_name (self->stack, "unavailable");
}

/* Scrolls every scrolled window in @widget back to its start (top, and left), but for
 * list views: one scrolls only to a row it has and while it is shown. */
static void
scroll_to_start (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget) && !GTK_IS_LIST_VIEW (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (widget))))
    {
      GtkAdjustment *adjustments[] = { gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (widget)),
                                       gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (widget)) };
      for (gsize i = 0; i < G_N_ELEMENTS (adjustments); i++)
        gtk_adjustment_set_value (adjustments[i], gtk_adjustment_get_lower (adjustments[i]));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    scroll_to_start (child);
}

/* A list view starts from its first row with a new model (GTK 4.8 has no way to scroll
 * one that is hidden or empty). */
static void
list_from_top (GtkListView *view)
{
  GtkNoSelection *old = GTK_NO_SELECTION (gtk_list_view_get_model (view));
  g_autoptr (GtkNoSelection) renewed = NULL;

  if (old == NULL)
    return;
  renewed = gtk_no_selection_new (g_object_ref (gtk_no_selection_get_model (old)));
  gtk_list_view_set_model (view, GTK_SELECTION_MODEL (renewed));
}

/* Back to the start: no words (and nothing for Ctrl+Z to bring back), no filters, no
 * topic, the default order, every list at its top, the topics shown. */
void
sp_search_page_reset (SpSearchPage *self)
{
  g_return_if_fail (SP_IS_SEARCH_PAGE (self));

  self->resetting = TRUE;
  scroll_to_start (GTK_WIDGET (self));
  list_from_top (self->results_view);
  list_from_top (self->saved_view);
  /* Turning undo off forgets its history; on a kiosk the next person's Ctrl+Z would
   * otherwise bring back the last one's words. */
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->entry), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->entry), TRUE);
  g_clear_pointer (&self->category_id, g_free);
  g_clear_pointer (&self->category_name, g_free);
  gtk_widget_set_visible (self->category_chip, FALSE);
  gtk_toggle_button_set_active (self->free_toggle, FALSE);
  gtk_toggle_button_set_active (self->open_now_toggle, FALSE);
  gtk_toggle_button_set_active (self->wheelchair_toggle, FALSE);
  gtk_drop_down_set_selected (self->day_dropdown, 0);
  gtk_drop_down_set_selected (self->language_dropdown, 0);
  gtk_drop_down_set_selected (self->distance_dropdown, 0);
  gtk_drop_down_set_selected (self->sort_dropdown, default_sort (self));
  gtk_toggle_button_set_active (self->saved_button, FALSE);
  self->resetting = FALSE;
  run_search (self);
}

void
sp_search_page_focus_entry (SpSearchPage *self)
{
  g_return_if_fail (SP_IS_SEARCH_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

GtkEditable *
sp_search_page_get_entry (SpSearchPage *self)
{
  g_return_val_if_fail (SP_IS_SEARCH_PAGE (self), NULL);
  return GTK_EDITABLE (self->entry);
}

void
sp_search_page_set_showing_saved (SpSearchPage *self,
                                  gboolean      showing)
{
  g_return_if_fail (SP_IS_SEARCH_PAGE (self));
  gtk_toggle_button_set_active (self->saved_button, showing);
}

/**
 * sp_search_page_set_category:
 * @term_id: (nullable): a taxonomy term, or %NULL for every topic
 */
void
sp_search_page_set_category (SpSearchPage *self,
                             const char   *term_id,
                             const char   *name)
{
  g_return_if_fail (SP_IS_SEARCH_PAGE (self));

  g_free (self->category_id);
  self->category_id = g_strdup (term_id);
  g_free (self->category_name);
  self->category_name = g_strdup (name);
  gtk_widget_set_visible (self->category_chip, term_id != NULL);
  if (term_id != NULL)
    {
      g_autofree char *spoken = g_strdup_printf (_("Topic: %s. Remove this topic"), name);
      adw_button_content_set_label (self->category_chip_content, name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->category_chip), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      spoken, -1);
    }
  run_search (self);
}

void
sp_search_page_set_free_only (SpSearchPage *self,
                              gboolean      free_only)
{
  g_return_if_fail (SP_IS_SEARCH_PAGE (self));
  gtk_toggle_button_set_active (self->free_toggle, free_only);
}

/**
 * sp_search_page_get_results:
 *
 * Returns: (transfer none): the results shown, a model of SpResult
 */
GListModel *
sp_search_page_get_results (SpSearchPage *self)
{
  g_return_val_if_fail (SP_IS_SEARCH_PAGE (self), NULL);
  return G_LIST_MODEL (self->results);
}

/**
 * sp_search_page_get_total:
 *
 * Returns: how many services the current query and filters match, of which the results
 *   list holds the best (a page at a time)
 */
guint
sp_search_page_get_total (SpSearchPage *self)
{
  g_return_val_if_fail (SP_IS_SEARCH_PAGE (self), 0);
  return self->total;
}

AdwHeaderBar *
sp_search_page_get_header (SpSearchPage *self)
{
  g_return_val_if_fail (SP_IS_SEARCH_PAGE (self), NULL);
  return self->header;
}

/* Which of the page's views shows: "start", "results", "empty", "saved"… */
const char *
sp_search_page_get_visible_name (SpSearchPage *self)
{
  g_return_val_if_fail (SP_IS_SEARCH_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

/* Reckons "next session" and "open now" from @now instead of the clock (tests). */
void
sp_search_page_set_now (SpSearchPage *self,
                        GDateTime    *now)
{
  g_return_if_fail (SP_IS_SEARCH_PAGE (self));
  g_clear_pointer (&self->now, g_date_time_unref);
  self->now = now != NULL ? g_date_time_ref (now) : NULL;
}

/* The start page's quiet line about the directory: when it was last updated, and from
 * where (sp_sync_describe()); %NULL hides it. */
void
sp_search_page_set_directory_status (SpSearchPage *self,
                                     const char   *status)
{
  g_return_if_fail (SP_IS_SEARCH_PAGE (self));
  gtk_label_set_text (self->directory_status_label, status != NULL ? status : "");
  gtk_widget_set_visible (GTK_WIDGET (self->directory_status_label), status != NULL);
}
