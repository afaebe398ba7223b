/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-search-page.c: the start page, search as you type, filters, results and the shortlist.
 *
 * With nothing typed and no filter the page shows the topics (the top of the taxonomy)
 * with their counts; anything asked shows the results. This file has the page itself
 * and what it reads from the directory when it is set or changes (the topics and the
 * languages offered); the rest of the page is in sp-search-page-filters.c (what is asked),
 * -results.c (the search and its list), -open-now.c, -topics.c and -saved.c (the
 * shortlist).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "sp-category.h"
#include "sp-category-names.h"
#include "sp-accessible.h"
#include "sp-category-tile.h"
#include "sp-kiosk-guard.h"
#include "sp-result-row.h"
#include "sp-result.h"
#include "sp-search-document.h"
#include "sp-search-page-private.h"
#include "sp-service.h"
#include "sp-settings.h"
#include "sp-text-controls.h"
#include "sp-ui-language.h"

static void add_language_buttons (SpSearchPage *self);

/* The language filter offers the languages most services are offered in, up to this many. */
#define MAX_LANGUAGES 24

G_DEFINE_FINAL_TYPE (SpSearchPage, sp_search_page, GTK_TYPE_WIDGET)

enum
{
  SERVICE_ACTIVATED,
  INDEX_DAMAGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Now, or the fixed "now" of a test. */
GDateTime *
sp_search_page_dup_now (SpSearchPage *self)
{
  return self->now != NULL ? g_date_time_ref (self->now) : g_date_time_new_now_local ();
}

/* ---- the topics and languages of the directory ------------------------------------ */

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
 * above the results; topics with no service are left out. FALSE with @error set when the
 * topics could not be read: no tiles then, rather than some. */
static gboolean
build_tiles (SpSearchPage *self,
             GError      **error)
{
  g_autoptr (GPtrArray) categories = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tiles))) != NULL)
    gtk_flow_box_remove (self->tiles, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->topics_box))) != NULL)
    gtk_box_remove (self->topics_box, child);
  g_ptr_array_set_size (self->topic_chips, 0);
  g_ptr_array_set_size (self->topic_ids, 0);
  g_ptr_array_set_size (self->topic_names, 0);
  if ((categories = sp_category_list_top_level (self->store, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < categories->len; i++)
    {
      SpCategory *category = g_ptr_array_index (categories, i);
      guint count = sp_search_index_count_in_category (self->index, category->id);
      GtkWidget *tile, *chip;

      if (count == 0)
        continue;
      const char *name = sp_category_display_name (category->code, category->name);

      tile = sp_category_tile_new (category->id, category->code, name, count);
      g_signal_connect (tile, "clicked", G_CALLBACK (tile_clicked), self);
      gtk_flow_box_append (self->tiles, tile);

      g_ptr_array_add (self->topic_ids, g_strdup (category->id));
      g_ptr_array_add (self->topic_names, g_strdup (name));
      chip = gtk_button_new ();
      gtk_widget_add_css_class (chip, "sp-chip");
      gtk_widget_set_visible (chip, FALSE);
      g_signal_connect (chip, "clicked", G_CALLBACK (topic_chip_clicked), self);
      gtk_box_append (self->topics_box, chip);
      g_ptr_array_add (self->topic_chips, chip);
    }
  return TRUE;
}

/* The languages most services are offered in, as the language filter's choices. FALSE
 * with @error set when they could not be read. */
static gboolean
build_languages (SpSearchPage *self,
                 GError      **error)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr (GPtrArray) codes = sp_service_list_languages (self->store, MAX_LANGUAGES, error);

  if (codes == NULL)
    return FALSE;
  g_ptr_array_set_size (self->language_codes, 0);
  gtk_string_list_append (names, _("Any language"));
  for (guint i = 0; i < codes->len; i++)
    {
      const char *code = g_ptr_array_index (codes, i);
      g_ptr_array_add (self->language_codes, g_strdup (code));
      gtk_string_list_append (names, sp_language_name (code));
    }
  gtk_drop_down_set_model (self->language_dropdown, G_LIST_MODEL (names));
  return TRUE;
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
  BIND (urgent_help_label);
  BIND (results_scroller); BIND (more_button); BIND (topics_scroller); BIND (topics_box);
  BIND (empty_page); BIND (clear_button); BIND (saved_actions); BIND (saved_label);
  BIND (saved_stack); BIND (saved_view); BIND (unavailable_page);
#undef BIND
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sp_search_page_init (SpSearchPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sp_accessible_name_menu_button (GTK_MENU_BUTTON (self->main_menu_button), _("Main Menu"));
  sp_accessible_name_menu_button (GTK_MENU_BUTTON (self->text_button), _("Text Size and Contrast"));
  self->language_codes = g_ptr_array_new_with_free_func (g_free);
  self->topic_chips = g_ptr_array_new ();  /* the chips are topics_box's */
  self->topic_ids = g_ptr_array_new_with_free_func (g_free);
  self->topic_names = g_ptr_array_new_with_free_func (g_free);
  sp_search_page_init_filters (self);
  sp_search_page_init_results (self);
  sp_search_page_init_topics (self);
  sp_search_page_init_saved (self);
  gtk_box_append (self->text_popover_box, sp_text_controls_new (FALSE));
  gtk_stack_set_visible_child_name (self->stack, "preparing");
}

GtkWidget *
sp_search_page_new (gboolean kiosk)
{
  SpSearchPage *self = g_object_new (SP_TYPE_SEARCH_PAGE, NULL);

  self->kiosk = kiosk;
  sp_search_page_add_saved_buttons (self);
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
      add_language_buttons (self);
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
  g_signal_connect_swapped (shortlist, "notify::count", G_CALLBACK (sp_search_page_update_saved), self);
  gtk_list_view_set_model (self->saved_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (shortlist)))));
  {
    g_autofree char *name = sp_settings_get (store, SP_SETTING_DIRECTORY_NAME, NULL);
    adw_window_title_set_subtitle (self->window_title, name != NULL ? name : "");
  }
  sp_search_page_set_settings (self, settings);
  sp_search_page_update_saved (self);
  sp_search_page_refresh (self);
}

/* The kiosk's language choice, under the invitation on the start page: one button per
 * language, each named in itself (a person who reads only Urdu looks for "اردو", not
 * "Urdu"), the one in use marked. */
static void
add_language_buttons (SpSearchPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  const char *current = sp_ui_language_get ();
  guint n;
  const SpUiLanguage *languages = sp_ui_language_choices (&n);

  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Language"), -1);
  gtk_widget_add_css_class (box, "sp-languages");
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *button = gtk_button_new_with_label (languages[i].own_name);
      gboolean in_use = current != NULL ? g_str_equal (current, languages[i].code) : i == 0;

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.choose-language");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", i == 0 && current == NULL ? "" : languages[i].code);
      gtk_widget_add_css_class (button, in_use ? "suggested-action" : "pill");
      if (in_use)
        gtk_widget_add_css_class (button, "pill");
      gtk_box_append (GTK_BOX (box), button);
    }
  gtk_widget_insert_after (box, gtk_widget_get_parent (self->attract_label), self->attract_label);
}

/* After an import: new topics, counts and languages, and the results again. A store that
 * cannot be read shows the unavailable page rather than a start page with topics missing. */
void
sp_search_page_refresh (SpSearchPage *self)
{
  g_autoptr (GError) error = NULL;
  gboolean built;

  g_return_if_fail (SP_IS_SEARCH_PAGE (self));

  if (self->index == NULL)
    return;
  built = build_tiles (self, &error);
  self->resetting = TRUE;
  built = built && build_languages (self, &error);
  self->resetting = FALSE;
  if (!built)
    {
      sp_search_page_show_unavailable (self, error->message);
      return;
    }
  sp_search_page_run_search (self);
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
  gtk_drop_down_set_selected (self->sort_dropdown, sp_search_page_default_sort (self));
  gtk_toggle_button_set_active (self->saved_button, FALSE);
  self->resetting = FALSE;
  sp_search_page_run_search (self);
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
