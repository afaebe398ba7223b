/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-gui-test.c: what the GUI tests share: a window on the sample directory, the main
 * loop run until it settles, and widgets rendered to PNG.
 *
 * Every fixture has its own data folder with the sample directory imported and indexed,
 * and settings in memory (GSETTINGS_BACKEND=memory), so tests never see each other's
 * shortlist or text size.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "sp-gui-test.h"
#include "sp-search-index.h"
#include "sp-test-store.h"
#include "sp-test-util.h"
#include "sp-ui-language.h"

void
sp_gui_test_init (int    *argc,
                  char ***argv)
{
  g_test_init (argc, argv, NULL);
  /* The desktop's language (C.UTF-8: English), with the build's translations to switch to. */
  sp_ui_language_init ();
  gtk_init ();
  adw_init ();
  /* Pictures and checks of the end state, not of a crossfade half way. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  sp_window_ensure_resources ();
}

static gboolean
wake (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, wake, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Runs the main loop until the windows have caught up: a few frames (style, layout,
 * drawing happen on the frame clock), then whatever is still pending. */
void
sp_gui_settle (void)
{
  gint64 until;

  run_for (60);
  /* Never long: timers under test (the kiosk's idle time) must not fire while settling. */
  until = g_get_monotonic_time () + 20 * G_TIME_SPAN_MILLISECOND;
  while (g_main_context_pending (NULL) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

void
sp_gui_wait_ms (guint ms)
{
  run_for (ms);
  sp_gui_settle ();
}

/* A Tuesday in term time at 10:30, for next sessions and "open now" that do not move. */
GDateTime *
sp_gui_fixed_now (void)
{
  g_autoptr (GTimeZone) london = g_time_zone_new_identifier ("Europe/London");
  return g_date_time_new (london, 2026, 12, 8, 10, 30, 0);
}

void
sp_gui_fixture_open (SpGuiFixture *f,
                     gboolean      kiosk,
                     int           width,
                     int           height)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) now = sp_gui_fixed_now ();
  SpSearchIndex *index;

  f->dir = sp_test_make_tmpdir ();
  f->store = sp_test_open_sample_store (f->dir);
  index = sp_search_index_open (f->store, NULL, &error);
  g_assert_no_error (error);

  f->settings = g_settings_new (APP_ID);
  /* The memory backend is shared by the process: start each test from the defaults. */
  {
    g_autoptr (GSettingsSchema) schema = NULL;
    g_auto (GStrv) keys = NULL;
    g_object_get (f->settings, "settings-schema", &schema, NULL);
    keys = g_settings_schema_list_keys (schema);
    for (guint i = 0; keys[i] != NULL; i++)
      g_settings_reset (f->settings, keys[i]);
  }
  f->window = sp_window_new (NULL, f->settings, kiosk);
  g_object_ref_sink (f->window);
  if (kiosk)
    gtk_window_unfullscreen (GTK_WINDOW (f->window));
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, height);
  sp_window_set_now (f->window, now);
  sp_window_set_directory (f->window, f->store, index);
  gtk_window_present (GTK_WINDOW (f->window));
  sp_gui_settle ();
}

void
sp_gui_fixture_close (SpGuiFixture *f)
{
  if (f->window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (f->window));
      g_clear_object (&f->window);
    }
  sp_gui_settle ();
  g_clear_object (&f->settings);
  g_clear_object (&f->store);
  if (f->dir != NULL)
    sp_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

/* Types @text into the search box as a person would: one character at a time. */
void
sp_gui_type (SpWindow   *window,
             const char *text)
{
  GtkEditable *entry = sp_search_page_get_entry (sp_window_get_search_page (window));
  g_autoptr (GString) typed = g_string_new (gtk_editable_get_text (entry));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      g_string_append_unichar (typed, g_utf8_get_char (p));
      gtk_editable_set_text (entry, typed->str);
      gtk_editable_set_position (entry, -1);
      sp_gui_settle ();
    }
}

/* Finds the first descendant of @widget (or @widget itself) of @type whose label, text or
 * (a preferences row's) title is @label. */
GtkWidget *
sp_gui_find_labelled (GtkWidget  *widget,
                      GType       type,
                      const char *label)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    {
      const char *text = GTK_IS_BUTTON (widget) ? gtk_button_get_label (GTK_BUTTON (widget))
                         : GTK_IS_LABEL (widget) ? gtk_label_get_text (GTK_LABEL (widget))
                         : ADW_IS_PREFERENCES_ROW (widget) ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget))
                         : NULL;
      if (g_strcmp0 (text, label) == 0)
        return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = sp_gui_find_labelled (child, type, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

gboolean
sp_gui_file_has_content (const char *path)
{
  GStatBuf st;
  return g_stat (path, &st) == 0 && st.st_size > 0;
}

/* Waits up to @ms for @path to be written (a print, say); whether it was. */
gboolean
sp_gui_wait_for_file (const char *path,
                      guint       ms)
{
  for (guint waited = 0; waited < ms && !sp_gui_file_has_content (path); waited += 50)
    sp_gui_wait_ms (50);
  return sp_gui_file_has_content (path);
}

/* The message dialog shown whose heading is @heading, if any. */
AdwMessageDialog *
sp_gui_find_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWidget) window = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (window) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) == 0)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* Waits up to @ms for a message dialog with @heading to show. */
AdwMessageDialog *
sp_gui_wait_for_dialog (const char *heading,
                        guint       ms)
{
  for (guint waited = 0; waited < ms && sp_gui_find_dialog (heading) == NULL; waited += 50)
    sp_gui_wait_ms (50);
  return sp_gui_find_dialog (heading);
}

/* Renders @widget as it is on screen now into a PNG file. */
gboolean
sp_gui_save_png (GtkWidget  *widget,
                 const char *path)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;

  /* A window just presented may not have its size yet. */
  for (int i = 0; i < 100 && (width <= 0 || height <= 0); i++)
    {
      sp_gui_wait_ms (20);
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
    }
  if (width <= 0 || height <= 0)
    return FALSE;
  paintable = gtk_widget_paintable_new (widget);
  /* Mid-way through a page's slide (AdwLeaflet) a window may draw nothing for a frame. */
  for (int i = 0; i < 50 && node == NULL; i++)
    {
      if (i > 0)
        sp_gui_wait_ms (20);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  if (node == NULL)
    return FALSE;
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  return gdk_texture_save_to_png (texture, path);
}
