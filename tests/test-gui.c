/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui.c: the app as people use it: typing, filters, a service page, the kiosk.
 *
 * Real windows on the sample directory under the display the test command provides
 * (Xvfb in CI), driven the way a person would: text typed into the search box one
 * character at a time, toggles pressed, rows activated. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>

#include "sp-feed-generator.h"
#include "sp-gui-test.h"
#include "sp-import.h"
#include "sp-open-now.h"
#include "sp-pin.h"
#include "sp-preferences-window.h"
#include "sp-print.h"
#include "sp-result.h"
#include "sp-result-row.h"
#include "sp-search-directory.h"
#include "sp-test-sql.h"
#include "sp-test-store.h"
#include "sp-test-util.h"
#include "sp-urgent-help.h"

#define BILSTON_MEMORY_CAFE "1c63994a-12ec-5ae3-8d9f-0e240b4ba821"
#define PUNJABI_CARERS "3c6f19ce-7b47-5702-b830-2c2ab4da8ab1"

static SpSearchPage *
page_of (SpGuiFixture *f)
{
  return sp_window_get_search_page (f->window);
}

static guint
n_results (SpGuiFixture *f)
{
  return g_list_model_get_n_items (sp_search_page_get_results (page_of (f)));
}

static SpResult *
result (SpGuiFixture *f,
        guint         i)
{
  g_autoptr (SpResult) item = g_list_model_get_item (sp_search_page_get_results (page_of (f)), i);
  g_assert_nonnull (item);
  return item;  /* the model keeps it alive */
}

static gboolean
top3_has (SpGuiFixture *f,
          const char   *needle)
{
  for (guint i = 0; i < MIN (3, n_results (f)); i++)
    if (strstr (sp_result_get_name (result (f, i)), needle) != NULL)
      return TRUE;
  return FALSE;
}

static char *
service_text (SpGuiFixture *f)
{
  return sp_service_page_dup_text (sp_window_get_service_page (f->window));
}

/* Typing a lay word, letter by letter, shows the services a person means. */
static void
test_typing_finds (void)
{
  SpGuiFixture f = { 0 };
  GtkWidget *corrected;

  sp_gui_fixture_open (&f, FALSE, 1200, 800);
  g_assert_cmpstr (sp_search_page_get_visible_name (page_of (&f)), ==, "start");
  sp_gui_type (f.window, "lonely");
  g_assert_cmpstr (sp_search_page_get_visible_name (page_of (&f)), ==, "results");
  g_assert_true (top3_has (&f, "befriending") || top3_has (&f, "Companions"));

  /* A misspelling still finds, and the page says what it searched for instead. */
  gtk_editable_set_text (sp_search_page_get_entry (page_of (&f)), "");
  sp_gui_type (f.window, "demensia cafe");
  g_assert_true (top3_has (&f, "Memory Café"));
  corrected = sp_gui_find_labelled (GTK_WIDGET (page_of (&f)), GTK_TYPE_LABEL, "Showing results for dementia cafe");
  g_assert_nonnull (corrected);
  g_assert_true (gtk_widget_get_visible (corrected));

  /* Nothing found is a kind page, not an empty list. */
  gtk_editable_set_text (sp_search_page_get_entry (page_of (&f)), "zzqqxxv");
  sp_gui_settle ();
  g_assert_cmpstr (sp_search_page_get_visible_name (page_of (&f)), ==, "empty");
  sp_gui_fixture_close (&f);
}

/* The first widget of @type in @widget, depth first. */
static GtkWidget *
first_of_type (GtkWidget *widget,
               GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (widget), type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = first_of_type (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The label that holds the emergency and crisis lines, when it is drawn where a person
 * would see it, else NULL. */
static GtkWidget *
urgent_help_shown (SpGuiFixture *f)
{
  g_autofree char *lines = sp_urgent_help_text ();
  GtkWidget *label = sp_gui_find_labelled (GTK_WIDGET (page_of (f)), GTK_TYPE_LABEL, lines);

  return label != NULL && gtk_widget_is_drawable (label) ? label : NULL;
}

/* Words that suggest someone is in danger now bring the emergency and crisis lines above
 * the results, on the desktop and on a kiosk, even when nothing is found; other words do
 * not, and a kiosk's reset takes them away with everything else. */
static void
test_urgent_help_shown (gconstpointer data)
{
  gboolean kiosk = GPOINTER_TO_INT (data);
  SpGuiFixture f = { 0 };
  GtkWidget *label;
  graphene_rect_t where, list;

  sp_gui_fixture_open (&f, kiosk, 1280, 900);
  sp_gui_type (f.window, "memory cafe");
  g_assert_null (urgent_help_shown (&f));

  gtk_editable_set_text (sp_search_page_get_entry (page_of (&f)), "");
  sp_gui_type (f.window, "i want to end my life");
  g_assert_cmpstr (sp_search_page_get_visible_name (page_of (&f)), ==, "results");
  label = urgent_help_shown (&f);
  g_assert_nonnull (label);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "999"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "111"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "116 123"));
  /* Above the results, not after them. */
  g_assert_true (gtk_widget_compute_bounds (label, GTK_WIDGET (f.window), &where));
  g_assert_true (gtk_widget_compute_bounds (first_of_type (GTK_WIDGET (page_of (&f)), SP_TYPE_RESULT_ROW),
                                            GTK_WIDGET (f.window), &list));
  g_assert_cmpfloat (where.origin.y + where.size.height, <=, list.origin.y);

  /* Nothing found, and the lines still there. */
  gtk_editable_set_text (sp_search_page_get_entry (page_of (&f)), "");
  sp_gui_type (f.window, "zzqqxxv suicidal");
  g_assert_nonnull (urgent_help_shown (&f));

  gtk_editable_set_text (sp_search_page_get_entry (page_of (&f)), "");
  sp_gui_settle ();
  g_assert_null (urgent_help_shown (&f));

  if (kiosk)
    {
      sp_gui_type (f.window, "he hits me");
      g_assert_nonnull (urgent_help_shown (&f));
      sp_search_page_reset (page_of (&f));
      sp_gui_settle ();
      g_assert_null (urgent_help_shown (&f));
    }
  sp_gui_fixture_close (&f);
}

/* The line saying where the copy came from and when is in sight on the start page of a window
 * of the usual size, on the desktop and on a kiosk's screen, whatever the topics take: below
 * the topics, it was out of sight until someone scrolled. */
static void
test_directory_status_in_sight (gconstpointer data)
{
  gboolean kiosk = GPOINTER_TO_INT (data);
  const char *line = "Could not reach hub.example.org today at 10:45; showing the directory as it was today at 09:15";
  SpGuiFixture f = { 0 };
  GtkWidget *label;
  graphene_rect_t where;

  sp_gui_fixture_open (&f, kiosk, kiosk ? 1280 : 1100, kiosk ? 800 : 740);
  sp_window_set_directory_status (f.window, line);
  sp_gui_settle ();
  g_assert_cmpstr (sp_search_page_get_visible_name (page_of (&f)), ==, "start");
  label = sp_gui_find_labelled (GTK_WIDGET (page_of (&f)), GTK_TYPE_LABEL, line);
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_is_drawable (label));
  g_assert_true (gtk_widget_compute_bounds (label, GTK_WIDGET (f.window), &where));
  g_assert_cmpfloat (where.origin.y, >=, 0);
  g_assert_cmpfloat (where.origin.y + where.size.height, <=, gtk_widget_get_height (GTK_WIDGET (f.window)));
  g_assert_cmpfloat (where.size.height, >, 0);

  /* A copy that never synced says nothing. */
  sp_window_set_directory_status (f.window, NULL);
  sp_gui_settle ();
  g_assert_false (gtk_widget_is_drawable (label));
  sp_gui_fixture_close (&f);
}

/* A filter narrows the results to services it fits. */
static void
test_filter_narrows (void)
{
  SpGuiFixture f = { 0 };
  guint all, listed;
  GtkWidget *free_toggle, *more;
  g_autofree char *first = NULL;

  sp_gui_fixture_open (&f, FALSE, 1200, 800);
  sp_gui_type (f.window, "carers");
  all = sp_search_page_get_total (page_of (&f));
  g_assert_cmpuint (all, >, n_results (&f));

  /* The list holds a screenful; "Show more" (or scrolling to the end) lists the next. */
  more = sp_gui_find_labelled (GTK_WIDGET (page_of (&f)), GTK_TYPE_BUTTON, "Show more");
  g_assert_nonnull (more);
  g_assert_true (gtk_widget_get_visible (more));
  first = g_strdup (sp_result_get_id (result (&f, 0)));
  listed = n_results (&f);
  g_signal_emit_by_name (more, "clicked");
  sp_gui_settle ();
  g_assert_cmpuint (n_results (&f), >, listed);
  g_assert_cmpuint (n_results (&f), <=, all);
  g_assert_cmpstr (sp_result_get_id (result (&f, 0)), ==, first);
  for (guint i = 0; i < n_results (&f); i++)
    for (guint j = i + 1; j < n_results (&f); j++)
      g_assert_cmpstr (sp_result_get_id (result (&f, i)), !=, sp_result_get_id (result (&f, j)));

  free_toggle = sp_gui_find_labelled (GTK_WIDGET (page_of (&f)), GTK_TYPE_TOGGLE_BUTTON, "Free");
  g_assert_nonnull (free_toggle);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (free_toggle), TRUE);
  sp_gui_settle ();
  g_assert_cmpuint (sp_search_page_get_total (page_of (&f)), <, all);
  g_assert_cmpuint (n_results (&f), >, 0);
  for (guint i = 0; i < n_results (&f); i++)
    g_assert_true (sp_result_get_free (result (&f, i)));

  /* A topic chosen on the start page is a filter too. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (free_toggle), FALSE);
  gtk_editable_set_text (sp_search_page_get_entry (page_of (&f)), "");
  sp_search_page_set_category (page_of (&f), "e566e25c-16e0-576c-bfbe-092d816319a6", "Memory & dementia");
  sp_gui_settle ();
  g_assert_cmpuint (sp_search_page_get_total (page_of (&f)), ==, 23);
  sp_gui_fixture_close (&f);
}

/* The first descendant of @widget that is a button whose label starts with @prefix. */
static GtkWidget *
find_button_starting (GtkWidget  *widget,
                      const char *prefix)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_visible (widget) &&
      g_str_has_prefix (gtk_button_get_label (GTK_BUTTON (widget)) ?: "", prefix))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_starting (child, prefix);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Above the results, the topics they fall in with their counts; choosing one narrows the
 * results to exactly that many. */
static void
test_topic_chips (void)
{
  SpGuiFixture f = { 0 };
  GtkWidget *chip;
  guint count = 0;

  sp_gui_fixture_open (&f, FALSE, 1200, 800);
  sp_gui_type (f.window, "memory");
  chip = find_button_starting (GTK_WIDGET (page_of (&f)), "Memory & dementia (");
  g_assert_nonnull (chip);
  g_assert_cmpint (sscanf (gtk_button_get_label (GTK_BUTTON (chip)), "Memory & dementia (%u)", &count), ==, 1);
  g_assert_cmpuint (count, >, 0);
  g_assert_cmpuint (count, <=, sp_search_page_get_total (page_of (&f)));

  g_signal_emit_by_name (chip, "clicked");
  sp_gui_settle ();
  g_assert_cmpuint (sp_search_page_get_total (page_of (&f)), ==, count);
  /* With a topic chosen it shows as the one chip that takes it away; the counts go. */
  g_assert_null (find_button_starting (GTK_WIDGET (page_of (&f)), "Memory & dementia ("));
  sp_gui_fixture_close (&f);
}

/* A directory whose topics cannot all be read says it is unavailable, rather than show a
 * start page with topics missing. */
static void
test_unreadable_topics (void)
{
  SpGuiFixture f = { 0 };

  sp_gui_fixture_open (&f, FALSE, 1200, 800);
  g_assert_cmpstr (sp_search_page_get_visible_name (page_of (&f)), ==, "start");
  sp_store_inject_step_failure (f.store, "WHERE parent_id IS NULL AND name IS NOT NULL", 1, SP_STORE_FAULT_IO);
  sp_search_page_refresh (page_of (&f));
  sp_gui_settle ();
  g_assert_cmpstr (sp_search_page_get_visible_name (page_of (&f)), ==, "unavailable");
  sp_gui_fixture_close (&f);
}

/* "Open now" lists the services with a session going on at that moment. Reading the
 * day's services for it is done off the main thread: right after the toggle the page says
 * it is looking, and the results follow. */
static void
test_open_now (void)
{
  SpGuiFixture f = { 0 };
  g_autoptr (GDateTime) now = sp_gui_fixed_now ();
  const char *looking = "Looking for services open now…";
  g_autofree char *counted = NULL;
  GtkWidget *toggle;

  sp_gui_fixture_open (&f, FALSE, 1200, 800);
  toggle = sp_gui_find_labelled (GTK_WIDGET (page_of (&f)), GTK_TYPE_TOGGLE_BUTTON, "Open now");
  g_assert_nonnull (toggle);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
  g_assert_nonnull (sp_gui_find_labelled (GTK_WIDGET (page_of (&f)), GTK_TYPE_LABEL, looking));
  for (guint waited = 0; waited < 30000 && sp_gui_find_labelled (GTK_WIDGET (page_of (&f)), GTK_TYPE_LABEL, looking);
       waited += 20)
    sp_gui_wait_ms (20);
  g_assert_null (sp_gui_find_labelled (GTK_WIDGET (page_of (&f)), GTK_TYPE_LABEL, looking));

  g_assert_cmpstr (sp_search_page_get_visible_name (page_of (&f)), ==, "results");
  g_assert_cmpuint (n_results (&f), >, 0);
  for (guint i = 0; i < n_results (&f); i++)
    {
      g_autoptr (SpServiceDetail) detail = sp_test_load_detail (f.store, sp_result_get_id (result (&f, i)));
      g_assert_true (sp_open_now_is_open (detail, now));
    }
  counted = g_strdup_printf ("%u services open now", n_results (&f));
  g_assert_nonnull (sp_gui_find_labelled (GTK_WIDGET (page_of (&f)), GTK_TYPE_LABEL, counted));
  sp_gui_fixture_close (&f);
}

/* The first result row drawn in @widget whose service is free. */
static SpResultRow *
find_free_row (GtkWidget *widget)
{
  if (SP_IS_RESULT_ROW (widget) && gtk_widget_get_mapped (widget) &&
      sp_result_get_free (sp_result_row_get_result (SP_RESULT_ROW (widget))))
    return SP_RESULT_ROW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      SpResultRow *found = find_free_row (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The colour the row draws the start of @text in, as "#rrggbb". */
static char *
colour_of (SpResultRow *row,
           const char  *text)
{
  PangoLayout *layout = sp_result_row_get_layout (row);
  const char *found = strstr (pango_layout_get_text (layout), text);
  int index;
  g_autoptr (PangoAttrIterator) iter = NULL;
  PangoAttrColor *colour;

  g_assert_nonnull (found);
  index = found - pango_layout_get_text (layout);
  iter = pango_attr_list_get_iterator (pango_layout_get_attributes (layout));
  do
    {
      int start, end;
      pango_attr_iterator_range (iter, &start, &end);
      if (start <= index && index < end)
        break;
    }
  while (pango_attr_iterator_next (iter));
  colour = (PangoAttrColor *) pango_attr_iterator_get (iter, PANGO_ATTR_FOREGROUND);
  g_assert_nonnull (colour);
  return g_strdup_printf ("#%02x%02x%02x", colour->color.red >> 8, colour->color.green >> 8, colour->color.blue >> 8);
}

/* The badges follow high contrast: black like the rest of the text, not the theme's green. */
static void
test_badges_follow_high_contrast (void)
{
  SpGuiFixture f = { 0 };
  SpResultRow *row;
  g_autofree char *normal = NULL;
  g_autofree char *contrast = NULL;
  g_autofree char *back = NULL;

  sp_gui_fixture_open (&f, FALSE, 1200, 800);
  sp_gui_type (f.window, "carers");
  row = find_free_row (GTK_WIDGET (page_of (&f)));
  g_assert_nonnull (row);
  normal = colour_of (row, "Free");
  g_assert_cmpstr (normal, !=, "#000000");

  g_action_group_activate_action (G_ACTION_GROUP (f.window), "high-contrast", NULL);
  sp_gui_settle ();
  contrast = colour_of (row, "Free");
  g_assert_cmpstr (contrast, ==, "#000000");

  g_action_group_activate_action (G_ACTION_GROUP (f.window), "high-contrast", NULL);
  sp_gui_settle ();
  back = colour_of (row, "Free");
  g_assert_cmpstr (back, ==, normal);
  sp_gui_fixture_close (&f);
}

/* Opening a result shows its schedule in words and the next dates; Enter opens the best. */
static void
test_service_page (void)
{
  SpGuiFixture f = { 0 };
  g_autofree char *text = NULL;

  sp_gui_fixture_open (&f, FALSE, 1200, 800);
  sp_gui_type (f.window, "bilston memory cafe");
  g_assert_cmpstr (sp_result_get_id (result (&f, 0)), ==, BILSTON_MEMORY_CAFE);
  g_signal_emit_by_name (sp_search_page_get_entry (page_of (&f)), "activate");
  sp_gui_settle ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (sp_window_get_service_page (f.window))));
  text = service_text (&f);
  g_assert_nonnull (strstr (text, "Bilston Memory Café"));
  g_assert_nonnull (strstr (text, "Every second Tuesday of the month, 13:30–15:30"));
  g_assert_nonnull (strstr (text, "Next dates"));
  /* Closed all December 2026: the next date is in January. */
  g_assert_nonnull (strstr (text, "Tue 12 Jan 2027, 13:30–15:30"));
  g_assert_nonnull (strstr (text, "07700 900982"));
  g_assert_nonnull (strstr (text, "Information last checked"));
  sp_gui_fixture_close (&f);
}

/* Information not checked for over a year says so, in warning colour. */
static void
test_stale_information_warns (void)
{
  SpGuiFixture f = { 0 };
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;

  sp_gui_fixture_open (&f, FALSE, 1200, 800);
  g_assert_true (sp_store_exec (f.store, "UPDATE service SET assured_date = '2024-03-03' WHERE id = '"
                                         BILSTON_MEMORY_CAFE "'", &error));
  sp_window_open_service (f.window, BILSTON_MEMORY_CAFE);
  sp_gui_settle ();
  text = service_text (&f);
  g_assert_nonnull (strstr (text, "Information last checked 3 March 2024, more than a year ago: it may be out of date"));
  g_assert_nonnull (sp_gui_find_labelled (GTK_WIDGET (sp_window_get_service_page (f.window)), GTK_TYPE_LABEL,
                                   "Information last checked 3 March 2024, more than a year ago: "
                                   "it may be out of date. Phone before you go."));
  g_assert_true (gtk_widget_has_css_class (sp_gui_find_labelled (GTK_WIDGET (sp_window_get_service_page (f.window)),
    GTK_TYPE_LABEL, "Information last checked 3 March 2024, more than a year ago: it may be out of date. Phone before you go."),
    "warning"));
  sp_gui_fixture_close (&f);
}

/* On the desktop the shortlist lasts: it is in the settings. */
static void
test_shortlist_persists (void)
{
  SpGuiFixture f = { 0 };
  g_autoptr (SpShortlist) again = NULL;
  GtkWidget *save;

  sp_gui_fixture_open (&f, FALSE, 1200, 800);
  sp_window_open_service (f.window, BILSTON_MEMORY_CAFE);
  sp_gui_settle ();
  save = sp_gui_find_labelled (GTK_WIDGET (sp_window_get_service_page (f.window)), GTK_TYPE_LABEL, "Save");
  g_assert_nonnull (save);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (gtk_widget_get_ancestor (save, GTK_TYPE_TOGGLE_BUTTON)), TRUE);
  sp_gui_settle ();
  g_assert_cmpuint (sp_shortlist_get_count (sp_window_get_shortlist (f.window)), ==, 1);
  again = sp_shortlist_new (f.settings);
  g_assert_true (sp_shortlist_contains (again, BILSTON_MEMORY_CAFE));

  sp_search_page_set_showing_saved (page_of (&f), TRUE);
  sp_gui_settle ();
  g_assert_cmpstr (sp_search_page_get_visible_name (page_of (&f)), ==, "saved");
  sp_gui_fixture_close (&f);
}

/* Each text size step makes the text larger, up to twice the normal size. */
static void
test_text_size_steps (void)
{
  SpGuiFixture f = { 0 };
  double heights[5];
  GtkWidget *label;

  sp_gui_fixture_open (&f, FALSE, 1200, 800);
  sp_window_open_service (f.window, BILSTON_MEMORY_CAFE);
  sp_gui_settle ();
  label = sp_gui_find_labelled (GTK_WIDGET (sp_window_get_service_page (f.window)), GTK_TYPE_LABEL, "When");
  g_assert_nonnull (label);
  for (guint step = 0; step < 5; step++)
    {
      PangoLayout *layout;
      int width, height;

      g_action_group_activate_action (G_ACTION_GROUP (f.window), "text-size", g_variant_new_uint32 (step));
      sp_gui_settle ();
      layout = gtk_label_get_layout (GTK_LABEL (label));
      pango_layout_get_pixel_size (layout, &width, &height);
      heights[step] = height;
      g_test_message ("step %u: %d px high, classes %s", step, height,
                      gtk_widget_has_css_class (GTK_WIDGET (f.window), "sp-text-size-1") ? "1" : "-");
      if (step > 0)
        g_assert_cmpfloat (heights[step], >, heights[step - 1]);
    }
  g_assert_cmpfloat (heights[4] / heights[0], >=, 1.8);
  /* The desktop remembers the choice. */
  g_assert_cmpuint (g_settings_get_uint (f.settings, "text-size"), ==, 4);
  sp_gui_fixture_close (&f);
}

/* An import through the write path, which keeps the index in step, shows in the window
 * once it is told: the window reads the index again and rebuilds nothing. */
static void
test_import_shows (void)
{
  SpGuiFixture f = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (SpDirectory) directory = NULL;
  g_autofree char *feed = NULL;
  g_autofree char *link = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  sp_gui_fixture_open (&f, FALSE, 1200, 800);
  sp_gui_type (f.window, "quilting");
  g_assert_cmpstr (sp_search_page_get_visible_name (page_of (&f)), ==, "empty");

  feed = sp_test_write_tmp (f.dir, "more.json",
                            "[{\"id\":\"6b1d2c3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e\",\"name\":\"Quilting for wellbeing\","
                            "\"status\":\"active\"}]", -1);
  directory = sp_search_open_directory (sp_store_get_path (f.store), &error);
  g_assert_no_error (error);
  g_assert_true (sp_directory_import (directory, feed, SP_IMPORT_FLAGS_NONE, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  link = g_build_filename (f.dir, "search-index", "current", NULL);
  before = g_file_read_link (link, NULL);

  sp_window_directory_changed (f.window);
  sp_gui_settle ();
  g_assert_cmpstr (sp_search_page_get_visible_name (page_of (&f)), ==, "results");
  g_assert_cmpstr (sp_result_get_name (result (&f, 0)), ==, "Quilting for wellbeing");
  after = g_file_read_link (link, NULL);
  g_assert_cmpstr (after, ==, before);
  sp_gui_fixture_close (&f);
}

typedef struct
{
  SpSearchPage *page;
  guint frames;          /* drawn while the page said it was getting ready */
  gint64 last_frame;     /* when the last of them was drawn */
  gint64 longest_gap;    /* the longest wait between two of them */
  gboolean said_ready;   /* the page showed "Getting the directory ready…" */
} Preparing;

static void
count_frame (GdkFrameClock *clock,
             Preparing     *preparing)
{
  gint64 now = g_get_monotonic_time ();

  if (!g_str_equal (sp_search_page_get_visible_name (preparing->page), "preparing"))
    {
      preparing->last_frame = 0;
      return;
    }
  if (preparing->last_frame != 0)
    preparing->longest_gap = MAX (preparing->longest_gap, now - preparing->last_frame);
  preparing->last_frame = now;
  preparing->frames++;
  if (sp_gui_find_labelled (GTK_WIDGET (preparing->page), GTK_TYPE_LABEL, "Getting the directory ready…") != NULL)
    preparing->said_ready = TRUE;
}

/* An index damaged under a running window is rebuilt off the main thread: the window
 * says it is getting the directory ready and goes on drawing frames meanwhile (before, a
 * search rebuilt it on the main thread and the window froze for the whole rebuild), then
 * shows the results for what was typed. */
static void
test_damaged_index_rebuilds_in_thread (void)
{
  SpGuiFixture f = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *feed = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *damaged = NULL;
  GdkFrameClock *clock;
  Preparing preparing = { 0 };
  gint64 started, waited;

  sp_gui_fixture_open (&f, FALSE, 1200, 800);
  /* Enough services that the rebuild takes many frames. */
  feed = g_build_filename (f.dir, "generated.json", NULL);
  g_assert_true (sp_feed_generate (feed, 2000, 11, &error));
  g_assert_true (sp_import_path (f.store, feed, SP_IMPORT_FLAGS_NONE, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  folder = sp_search_index_path_for_store (f.store);
  damaged = sp_test_damage_index (folder);

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (f.window));
  preparing.page = page_of (&f);
  g_signal_connect (clock, "after-paint", G_CALLBACK (count_frame), &preparing);
  started = g_get_monotonic_time ();
  /* The rebuild may be over before the last letter is typed: the frames tell. */
  sp_gui_type (f.window, "carers punjabi");
  while (g_str_equal (sp_search_page_get_visible_name (page_of (&f)), "preparing") &&
         g_get_monotonic_time () - started < 180 * G_USEC_PER_SEC)
    sp_gui_wait_ms (20);
  waited = g_get_monotonic_time () - started;
  g_signal_handlers_disconnect_by_func (clock, count_frame, &preparing);
  g_test_message ("%u frames drawn while getting ready, at most %.2f s apart (%.2f s in all)", preparing.frames,
                  preparing.longest_gap / 1e6, waited / 1e6);
  g_assert_true (preparing.said_ready);

  g_assert_cmpstr (sp_search_page_get_visible_name (page_of (&f)), ==, "results");
  g_assert_cmpstr (sp_result_get_id (result (&f, 0)), ==, PUNJABI_CARERS);
  /* The rebuilt index holds the services imported since it was built. */
  g_assert_cmpuint (sp_search_page_get_total (page_of (&f)), >, 20);
  /* The window never stops drawing for long, however slow the machine (two seconds allow
   * for AddressSanitizer on a busy one; a rebuild on the main thread shows no "getting
   * ready" at all). */
  g_assert_cmpuint (preparing.frames, >=, 2);
  g_assert_cmpint (preparing.longest_gap, <, 2 * G_USEC_PER_SEC);
  sp_gui_fixture_close (&f);
}

static void
count_signal (gpointer  instance,
              guint    *count)
{
  (*count)++;
}

/* A kiosk's PIN is hashed (in Preferences) and checked (at the kiosk) off the main thread:
 * Argon2id takes a fraction of a second. Preferences says it is saving the PIN until it is
 * set; the kiosk is left once the PIN has been checked. */
static void
test_pin_off_main_thread (void)
{
  SpGuiFixture f = { 0 };
  SpGuiFixture kiosk = { 0 };
  GtkWidget *preferences;
  GtkWidget *row;
  AdwMessageDialog *dialog;
  g_autofree char *hash = NULL;
  guint left = 0;

  sp_gui_fixture_open (&f, FALSE, 1200, 800);
  preferences = sp_preferences_window_new (GTK_WINDOW (f.window), f.settings, f.store);
  gtk_window_present (GTK_WINDOW (preferences));
  sp_gui_settle ();
  row = sp_gui_find_labelled (preferences, ADW_TYPE_ENTRY_ROW, "New PIN to leave kiosk mode");
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "2468");
  g_signal_emit_by_name (row, "apply");
  g_assert_nonnull (sp_gui_find_labelled (preferences, ADW_TYPE_ACTION_ROW, "Saving the new PIN…"));
  g_assert_false (gtk_widget_get_sensitive (row));
  for (guint waited = 0; waited < 20000 && !gtk_widget_get_sensitive (row); waited += 20)
    sp_gui_wait_ms (20);
  hash = g_settings_get_string (f.settings, "kiosk-pin-hash");
  g_assert_true (sp_pin_verify (hash, "2468"));
  g_assert_nonnull (sp_gui_find_labelled (preferences, ADW_TYPE_ACTION_ROW,
                                          "A PIN is set: Ctrl+Alt+K, then the PIN, leaves kiosk mode"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "");
  gtk_window_destroy (GTK_WINDOW (preferences));

  sp_gui_fixture_open (&kiosk, TRUE, 1200, 800);
  g_settings_set_string (kiosk.settings, "kiosk-pin-hash", hash);
  g_signal_connect (kiosk.window, "leave-kiosk", G_CALLBACK (count_signal), &left);
  g_action_group_activate_action (G_ACTION_GROUP (kiosk.window), "leave-kiosk", NULL);
  sp_gui_settle ();
  dialog = sp_gui_find_dialog ("Leave kiosk mode?");
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "2468");
  /* As its button does. The dialog closes cleanly with a PIN typed (a GtkPasswordEntry
   * there left a handler on freed memory, a fatal warning here). */
  adw_message_dialog_response (dialog, "leave");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_cmpuint (left, ==, 0);
  for (guint waited = 0; waited < 20000 && left == 0; waited += 20)
    sp_gui_wait_ms (20);
  g_assert_cmpuint (left, ==, 1);
  sp_gui_fixture_close (&kiosk);
  sp_gui_fixture_close (&f);
}

typedef struct
{
  gboolean done;
  GError *error;
} Outcome;

static void
outcome_done (GError   *error,
              gpointer  data)
{
  Outcome *outcome = data;

  outcome->done = TRUE;
  outcome->error = error != NULL ? g_error_copy (error) : NULL;
}

/* A slip saved as PDF is laid out and written in a thread, the window showing a busy
 * pointer until it is. */
static void
test_pdf_off_main_thread (void)
{
  SpGuiFixture f = { 0 };
  g_autoptr (GDateTime) now = sp_gui_fixed_now ();
  g_autoptr (GPtrArray) details = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *path = NULL;
  g_autofree char *written = NULL;
  Outcome outcome = { 0 };
  GdkCursor *busy;
  SpSlipContent content;

  sp_gui_fixture_open (&f, FALSE, 1200, 800);
  g_ptr_array_add (details, sp_test_load_detail (f.store, BILSTON_MEMORY_CAFE));
  content = (SpSlipContent) { f.store, details, FALSE, NULL, now };
  path = g_build_filename (f.dir, "slip.pdf", NULL);
  sp_print_save_pdf_to (GTK_WINDOW (f.window), &content, path, outcome_done, &outcome);
  g_assert_false (outcome.done);
  busy = gtk_widget_get_cursor (GTK_WIDGET (f.window));
  g_assert_nonnull (busy);
  g_assert_cmpstr (gdk_cursor_get_name (busy), ==, "progress");
  for (guint waited = 0; waited < 30000 && !outcome.done; waited += 20)
    sp_gui_wait_ms (20);
  g_assert_true (outcome.done);
  g_assert_no_error (outcome.error);
  g_assert_null (gtk_widget_get_cursor (GTK_WIDGET (f.window)));
  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  g_assert_true (g_str_has_prefix (written, "%PDF"));
  sp_gui_fixture_close (&f);
}

/* A kiosk cannot be closed from the window: close-request is refused. */
static void
test_kiosk_cannot_close (void)
{
  SpGuiFixture f = { 0 };

  sp_gui_fixture_open (&f, TRUE, 1280, 900);
  g_object_add_weak_pointer (G_OBJECT (f.window), (gpointer *) &f.window);
  gtk_window_close (GTK_WINDOW (f.window));
  sp_gui_settle ();
  g_assert_nonnull (f.window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f.window)));
  g_assert_false (gtk_window_get_decorated (GTK_WINDOW (f.window)));
  /* Nothing that leaves the directory: no import, preferences or PDF files. */
  g_assert_false (g_action_group_has_action (G_ACTION_GROUP (f.window), "pdf-service"));
  g_object_remove_weak_pointer (G_OBJECT (f.window), (gpointer *) &f.window);
  sp_gui_fixture_close (&f);
}

/* After a quiet time a kiosk asks; an answer keeps everything, silence clears it all. */
static void
test_kiosk_idle_reset (void)
{
  SpGuiFixture f = { 0 };
  SpKioskGuard *guard;

  sp_gui_fixture_open (&f, TRUE, 1280, 900);
  guard = sp_window_get_kiosk_guard (f.window);
  g_assert_nonnull (guard);

  sp_gui_type (f.window, "carers");
  sp_window_open_service (f.window, PUNJABI_CARERS);
  sp_shortlist_add (sp_window_get_shortlist (f.window), PUNJABI_CARERS);
  g_action_group_activate_action (G_ACTION_GROUP (f.window), "text-size", g_variant_new_uint32 (3));
  sp_gui_settle ();
  /* The test's own changes are not touches: the quiet time starts now. */
  sp_kiosk_guard_set_times (guard, 700, 900);

  /* Quiet: the prompt comes; someone answers; nothing is lost. */
  sp_gui_wait_ms (900);
  g_assert_true (sp_kiosk_guard_is_asking (guard));
  sp_kiosk_guard_poke (guard);
  sp_gui_settle ();
  g_assert_false (sp_kiosk_guard_is_asking (guard));
  g_assert_cmpstr (gtk_editable_get_text (sp_search_page_get_entry (page_of (&f))), ==, "carers");
  g_assert_cmpuint (sp_shortlist_get_count (sp_window_get_shortlist (f.window)), ==, 1);

  /* Quiet again, and nobody answers: a fresh start for the next person. */
  sp_gui_wait_ms (900);
  g_assert_true (sp_kiosk_guard_is_asking (guard));
  sp_gui_wait_ms (1000);
  g_assert_false (sp_kiosk_guard_is_asking (guard));
  g_assert_cmpstr (gtk_editable_get_text (sp_search_page_get_entry (page_of (&f))), ==, "");
  g_assert_cmpstr (sp_search_page_get_visible_name (page_of (&f)), ==, "start");
  g_assert_null (sp_service_page_get_detail (sp_window_get_service_page (f.window)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (sp_window_get_service_page (f.window))));
  g_assert_cmpuint (sp_shortlist_get_count (sp_window_get_shortlist (f.window)), ==, 0);
  {
    g_autoptr (GVariant) size = g_action_group_get_action_state (G_ACTION_GROUP (f.window), "text-size");
    g_assert_cmpuint (g_variant_get_uint32 (size), ==, 0);
  }
  /* The kiosk's shortlist was never written to the settings. */
  {
    g_auto (GStrv) saved = g_settings_get_strv (f.settings, "shortlist");
    g_assert_cmpuint (g_strv_length (saved), ==, 0);
  }
  sp_gui_fixture_close (&f);
}

/* "Print this" on a kiosk prints straight away, a few slips a visit. */
static void
test_kiosk_prints (void)
{
  SpGuiFixture f = { 0 };
  g_autofree char *first = NULL;
  g_autofree char *first_uri = NULL;
  g_autofree char *text = NULL;
  g_autofree char *command = NULL;

  sp_gui_fixture_open (&f, TRUE, 1280, 900);
  first = g_build_filename (f.dir, "slip.pdf", NULL);
  first_uri = g_filename_to_uri (first, NULL, NULL);
  g_settings_set_uint (f.settings, "kiosk-prints-per-visit", 1);
  g_settings_set_string (f.settings, "kiosk-paper", "a5");
  sp_window_set_print_output (f.window, first_uri);
  sp_window_open_service (f.window, BILSTON_MEMORY_CAFE);
  sp_gui_settle ();

  g_action_group_activate_action (G_ACTION_GROUP (f.window), "print-service", NULL);
  g_assert_true (sp_gui_wait_for_file (first, 5000));
  command = g_strdup_printf ("pdftotext '%s' -", first);
  g_assert_true (g_spawn_command_line_sync (command, &text, NULL, NULL, NULL));
  g_assert_nonnull (strstr (text, "Bilston Memory Café"));
  g_assert_nonnull (strstr (text, "07700 900982"));

  /* The visit's one slip is printed: another tap prints nothing. */
  g_assert_cmpint (g_remove (first), ==, 0);
  sp_gui_wait_ms (100);
  g_action_group_activate_action (G_ACTION_GROUP (f.window), "print-service", NULL);
  sp_gui_wait_ms (500);
  g_assert_false (sp_gui_file_has_content (first));

  /* The next visit may print again. */
  sp_window_reset_visit (f.window);
  sp_window_open_service (f.window, BILSTON_MEMORY_CAFE);
  g_action_group_activate_action (G_ACTION_GROUP (f.window), "print-service", NULL);
  g_assert_true (sp_gui_wait_for_file (first, 5000));
  sp_gui_fixture_close (&f);
}

int
main (int   argc,
      char *argv[])
{
  sp_gui_test_init (&argc, &argv);
  g_test_add_func ("/signpost/gui/typing-finds", test_typing_finds);
  g_test_add_func ("/signpost/gui/filter-narrows", test_filter_narrows);
  g_test_add_data_func ("/signpost/gui/urgent-help/desktop", GINT_TO_POINTER (FALSE), test_urgent_help_shown);
  g_test_add_data_func ("/signpost/gui/urgent-help/kiosk", GINT_TO_POINTER (TRUE), test_urgent_help_shown);
  g_test_add_data_func ("/signpost/gui/directory-status-in-sight/desktop", GINT_TO_POINTER (FALSE),
                        test_directory_status_in_sight);
  g_test_add_data_func ("/signpost/gui/directory-status-in-sight/kiosk", GINT_TO_POINTER (TRUE),
                        test_directory_status_in_sight);
  g_test_add_func ("/signpost/gui/topic-chips", test_topic_chips);
  g_test_add_func ("/signpost/gui/unreadable-topics", test_unreadable_topics);
  g_test_add_func ("/signpost/gui/open-now", test_open_now);
  g_test_add_func ("/signpost/gui/badges-follow-high-contrast", test_badges_follow_high_contrast);
  g_test_add_func ("/signpost/gui/service-page", test_service_page);
  g_test_add_func ("/signpost/gui/stale-information-warns", test_stale_information_warns);
  g_test_add_func ("/signpost/gui/shortlist-persists", test_shortlist_persists);
  g_test_add_func ("/signpost/gui/text-size-steps", test_text_size_steps);
  g_test_add_func ("/signpost/gui/import-shows", test_import_shows);
  g_test_add_func ("/signpost/gui/damaged-index-rebuilds-in-thread", test_damaged_index_rebuilds_in_thread);
  g_test_add_func ("/signpost/gui/pin-off-main-thread", test_pin_off_main_thread);
  g_test_add_func ("/signpost/gui/pdf-off-main-thread", test_pdf_off_main_thread);
  g_test_add_func ("/signpost/gui/kiosk-cannot-close", test_kiosk_cannot_close);
  g_test_add_func ("/signpost/gui/kiosk-idle-reset", test_kiosk_idle_reset);
  g_test_add_func ("/signpost/gui/kiosk-prints", test_kiosk_prints);
  return g_test_run ();
}
