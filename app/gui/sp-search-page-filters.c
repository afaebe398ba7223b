/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-search-page-filters.c: what is asked, from the search box and the filters.
 *
 * Every keystroke and every filter runs the search again (sp-search-page-results.c). The
 * distance filter and "nearest first" need a home location, set in Preferences; the
 * order a search starts in is the settings' default.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-accessible.h"
#include "sp-open-now.h"
#include "sp-search-page-private.h"

static const guint distance_metres[] = { 0, 1609, 3219, 8047, 16093 };

gboolean
sp_search_page_has_home (SpSearchPage *self)
{
  g_autofree char *home = self->settings != NULL ? g_settings_get_string (self->settings, "home-name") : NULL;
  return home != NULL && *home != '\0';
}

/* The order a search starts in: the settings' when distances can be reckoned. */
guint
sp_search_page_default_sort (SpSearchPage *self)
{
  return sp_search_page_has_home (self) ? (guint) g_settings_get_enum (self->settings, "default-sort") : 0;
}

void
sp_search_page_fill_query (SpSearchPage  *self,
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
  if (sp_search_page_has_home (self))
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

gboolean
sp_search_page_anything_asked (SpSearchPage *self)
{
  return has_words (gtk_editable_get_text (GTK_EDITABLE (self->entry))) || self->category_id != NULL ||
         gtk_toggle_button_get_active (self->free_toggle) ||
         gtk_toggle_button_get_active (self->open_now_toggle) ||
         gtk_toggle_button_get_active (self->wheelchair_toggle) ||
         gtk_drop_down_get_selected (self->day_dropdown) > 0 ||
         gtk_drop_down_get_selected (self->language_dropdown) > 0 ||
         (gtk_drop_down_get_selected (self->distance_dropdown) > 0 && sp_search_page_has_home (self));
}

static void
set_choices (GtkDropDown        *dropdown,
             const char * const *choices)
{
  g_autoptr (GtkStringList) list = gtk_string_list_new (choices);
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
}

static void
update_home (SpSearchPage *self)
{
  gboolean home = sp_search_page_has_home (self);
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
  if (g_str_equal (key, "default-sort") && sp_search_page_has_home (self))
    gtk_drop_down_set_selected (self->sort_dropdown, sp_search_page_default_sort (self));
  sp_search_page_run_search (self);
}

static void
filter_changed (SpSearchPage *self)
{
  sp_search_page_run_search (self);
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
    sp_search_page_result_activated (self->results_view, 0, self);
}

static void
stop_search (GtkSearchEntry *entry,
             SpSearchPage   *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

/* Follows the home location and default order in @settings (nullable). */
void
sp_search_page_set_settings (SpSearchPage *self,
                             GSettings    *settings)
{
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  if (settings != NULL)
    {
      g_signal_connect (settings, "changed::home-name", G_CALLBACK (home_changed), self);
      g_signal_connect (settings, "changed::default-sort", G_CALLBACK (home_changed), self);
    }
  update_home (self);
  if (sp_search_page_has_home (self))
    gtk_drop_down_set_selected (self->sort_dropdown, sp_search_page_default_sort (self));
}

/* For init: the filters' choices, and every change to them searching again. */
void
sp_search_page_init_filters (SpSearchPage *self)
{
  static const char *days[] = { N_("Any day"), N_("Monday"), N_("Tuesday"), N_("Wednesday"),
                                N_("Thursday"), N_("Friday"), N_("Saturday"), N_("Sunday"), NULL };
  static const char *distances[] = { N_("Any distance"), N_("Within 1 mile"), N_("Within 2 miles"),
                                     N_("Within 5 miles"), N_("Within 10 miles"), NULL };
  static const char *sorts[] = { N_("Best match first"), N_("Nearest first"), NULL };
  const char *translated[G_N_ELEMENTS (days)];
  GtkEventController *keys;

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
  sp_accessible_name_dropdown (self->day_dropdown, _("Day"));
  sp_accessible_name_dropdown (self->language_dropdown, _("Language"));
  sp_accessible_name_dropdown (self->distance_dropdown, _("Distance"));
  sp_accessible_name_dropdown (self->sort_dropdown, _("Order"));

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
  g_signal_connect (self->clear_button, "clicked", G_CALLBACK (clear_clicked), self);
}

void
sp_search_page_set_free_only (SpSearchPage *self,
                              gboolean      free_only)
{
  g_return_if_fail (SP_IS_SEARCH_PAGE (self));
  gtk_toggle_button_set_active (self->free_toggle, free_only);
}
