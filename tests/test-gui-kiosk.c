/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-kiosk.c: a public kiosk forgets each visitor and keeps them inside the app.
 *
 * A visitor leaves; the kiosk's idle guard asks "Are you still there?", nobody answers,
 * and the next visitor must find nothing of the last one: not their words (nor Ctrl+Z's
 * memory of them), not what they copied, not the emoji they picked, not their filters,
 * order, open menus, dialogs or windows. Keys are pressed on the real keyboard of the
 * display (xdotool, through the X server) where the point is what a visitor's keys do. */
#include "config.h"

#include <string.h>

#include <gdk/x11/gdkx.h>

#include "sp-gui-test.h"
#include "sp-result.h"
#include "sp-text-controls.h"

#define BILSTON_MEMORY_CAFE "1c63994a-12ec-5ae3-8d9f-0e240b4ba821"
#define EMOJI_SCHEMA "org.gtk.gtk4.Settings.EmojiChooser"
/* A dozen seconds is far more than any step here takes on a loaded machine. */
#define PATIENCE_MS 12000

static SpSearchPage *
page_of (SpGuiFixture *f)
{
  return sp_window_get_search_page (f->window);
}

static GtkEditable *
entry_of (SpGuiFixture *f)
{
  return sp_search_page_get_entry (page_of (f));
}

/* The GtkText inside the search entry: where the keys, undo and the clipboard act. */
static GtkWidget *
entry_text_of (SpGuiFixture *f)
{
  return GTK_WIDGET (gtk_editable_get_delegate (entry_of (f)));
}

/* Counts the reset and gives the next visitor a long quiet time at once: the guard
 * starts its next quiet time as the reset ends, and a loaded machine may not come back
 * to the test before a short one is over. */
static void
reset_seen (SpKioskGuard *guard,
            guint        *resets)
{
  (*resets)++;
  sp_kiosk_guard_set_times (guard, 600000, 600000);
}

/* Leaves the kiosk alone until its guard has asked, waited and reset it, as when a
 * visitor walks away. */
static void
walk_away (SpGuiFixture *f)
{
  SpKioskGuard *guard = sp_window_get_kiosk_guard (f->window);
  guint resets = 0;
  gulong handler = g_signal_connect (guard, "reset", G_CALLBACK (reset_seen), &resets);

  sp_kiosk_guard_set_times (guard, 50, 50);
  for (int waited = 0; waited < PATIENCE_MS && resets == 0; waited += 20)
    sp_gui_wait_ms (20);
  g_signal_handler_disconnect (guard, handler);
  g_assert_cmpuint (resets, ==, 1);
  sp_gui_settle ();
}

/* Presses @keys ("ctrl+shift+i", in xdotool's names) on the display's keyboard with
 * @window focused, as a visitor would: the X server delivers them like any key press. */
static void
press_keys (GtkWindow  *window,
            const char *keys)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *command = g_strdup_printf ("xdotool windowfocus --sync %lu key --clearmodifiers %s",
                                              (gulong) gdk_x11_surface_get_xid (surface), keys);
  g_autoptr (GError) error = NULL;
  int status = -1;

  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  sp_gui_wait_ms (300);
}

/* Every window shown but the kiosk's own. */
static guint
other_windows_shown (SpGuiFixture *f)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint shown = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWidget) window = g_list_model_get_item (toplevels, i);
      if (window != GTK_WIDGET (f->window) && gtk_widget_get_visible (window))
        {
          g_test_message ("shown: %s", G_OBJECT_TYPE_NAME (window));
          shown++;
        }
    }
  return shown;
}

static gboolean
has_visible (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_visible (widget))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_visible (child, type))
      return TRUE;
  return FALSE;
}

/* A label with @text somewhere in @widget that is showing: a toast's title, say. */
static gboolean
says (GtkWidget  *widget,
      const char *text)
{
  GtkWidget *label = sp_gui_find_labelled (widget, GTK_TYPE_LABEL, text);
  return label != NULL && gtk_widget_is_visible (label);
}

/* ---- search text and its undo history ------------------------------------------------ */

/* Ctrl+Z after a reset brings back nothing of the last visitor's words. */
static void
test_reset_forgets_undo (void)
{
  SpGuiFixture f = { 0 };

  sp_gui_fixture_open (&f, TRUE, 1280, 900);
  sp_gui_type (f.window, "debt help");
  g_assert_cmpstr (gtk_editable_get_text (entry_of (&f)), ==, "debt help");
  walk_away (&f);
  g_assert_cmpstr (gtk_editable_get_text (entry_of (&f)), ==, "");

  /* The entry's own undo, as its context menu and keybinding run it… */
  sp_search_page_focus_entry (page_of (&f));
  gtk_widget_activate_action (entry_text_of (&f), "text.undo", NULL);
  sp_gui_settle ();
  g_assert_cmpstr (gtk_editable_get_text (entry_of (&f)), ==, "");
  /* …and Ctrl+Z pressed, again and again. */
  press_keys (GTK_WINDOW (f.window), "ctrl+z ctrl+z ctrl+z");
  g_assert_cmpstr (gtk_editable_get_text (entry_of (&f)), ==, "");
  /* Undo itself still works for the visitor now at the kiosk. */
  sp_gui_type (f.window, "food");
  press_keys (GTK_WINDOW (f.window), "ctrl+z");
  g_assert_cmpstr (gtk_editable_get_text (entry_of (&f)), !=, "food");
  sp_gui_fixture_close (&f);
}

/* ---- clipboard and primary selection ------------------------------------------------- */

typedef struct
{
  gboolean done;
  char *text;
} TextRead;

static void
text_read (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  TextRead *read = data;

  /* An empty clipboard is an error here: that is fine, it is what we want. */
  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  read->done = TRUE;
}

static char *
read_clipboard (GdkClipboard *clipboard)
{
  TextRead read = { FALSE, NULL };

  gdk_clipboard_read_text_async (clipboard, NULL, text_read, &read);
  for (int waited = 0; waited < PATIENCE_MS && !read.done; waited += 20)
    sp_gui_wait_ms (20);
  g_assert_true (read.done);
  return read.text;
}

/* What a visitor copied or selected cannot be pasted by the next one. */
static void
test_reset_clears_clipboards (void)
{
  SpGuiFixture f = { 0 };
  GdkDisplay *display;
  GtkWidget *phone;
  g_autofree char *copied = NULL;
  g_autofree char *selected = NULL;
  g_autofree char *copied_after = NULL;
  g_autofree char *selected_after = NULL;

  sp_gui_fixture_open (&f, TRUE, 1280, 900);
  display = gtk_widget_get_display (GTK_WIDGET (f.window));
  sp_gui_type (f.window, "my bank card 4929");
  sp_search_page_focus_entry (page_of (&f));
  gtk_editable_select_region (entry_of (&f), 0, -1);
  gtk_widget_activate_action (entry_text_of (&f), "clipboard.copy", NULL);
  /* The phone number on a service page, selected: the primary selection. */
  sp_window_open_service (f.window, BILSTON_MEMORY_CAFE);
  sp_gui_settle ();
  phone = sp_gui_find_labelled (GTK_WIDGET (sp_window_get_service_page (f.window)), GTK_TYPE_LABEL, "07700 900982");
  g_assert_nonnull (phone);
  gtk_label_select_region (GTK_LABEL (phone), 0, -1);
  sp_gui_settle ();
  copied = read_clipboard (gdk_display_get_clipboard (display));
  selected = read_clipboard (gdk_display_get_primary_clipboard (display));
  g_assert_cmpstr (copied, ==, "my bank card 4929");
  g_assert_cmpstr (selected, ==, "07700 900982");

  walk_away (&f);
  copied_after = read_clipboard (gdk_display_get_clipboard (display));
  selected_after = read_clipboard (gdk_display_get_primary_clipboard (display));
  g_assert_true (copied_after == NULL || *copied_after == '\0');
  g_assert_true (selected_after == NULL || *selected_after == '\0');

  /* And pasting into the search box brings nothing. */
  sp_search_page_focus_entry (page_of (&f));
  gtk_widget_activate_action (entry_text_of (&f), "clipboard.paste", NULL);
  sp_gui_wait_ms (100);
  g_assert_cmpstr (gtk_editable_get_text (entry_of (&f)), ==, "");
  sp_gui_fixture_close (&f);
}

/* ---- developer tools ------------------------------------------------------------------ */

/* Ctrl+Shift+I and Ctrl+Shift+D open no inspector, on the kiosk or over a dialog; one
 * opened anyway (GTK_DEBUG=interactive) is gone after the reset. */
static void
test_no_developer_tools (void)
{
  SpGuiFixture f = { 0 };
  AdwMessageDialog *pin;

  sp_gui_fixture_open (&f, TRUE, 1280, 900);
  g_assert_cmpuint (other_windows_shown (&f), ==, 0);
  press_keys (GTK_WINDOW (f.window), "ctrl+shift+i");
  g_assert_cmpuint (other_windows_shown (&f), ==, 0);
  press_keys (GTK_WINDOW (f.window), "ctrl+shift+d");
  g_assert_cmpuint (other_windows_shown (&f), ==, 0);

  /* A dialog is a window of its own, with the same keys. */
  g_action_group_activate_action (G_ACTION_GROUP (f.window), "leave-kiosk", NULL);
  sp_gui_settle ();
  pin = sp_gui_find_dialog ("Leave kiosk mode?");
  g_assert_nonnull (pin);
  press_keys (GTK_WINDOW (pin), "ctrl+shift+i");
  press_keys (GTK_WINDOW (pin), "ctrl+shift+d");
  g_assert_cmpuint (other_windows_shown (&f), ==, 1);

#ifndef __SANITIZE_ADDRESS__
  /* The inspector takes the process past 2048 quarks, and GLib 2.74 then lets go of its
   * first quark block for good, which LeakSanitizer reports with no stack to tell it by:
   * this part is for the normal build. */
  gtk_window_set_interactive_debugging (TRUE);
  sp_gui_settle ();
  g_assert_cmpuint (other_windows_shown (&f), >, 1);
#endif
  walk_away (&f);
  g_assert_cmpuint (other_windows_shown (&f), ==, 0);
  sp_gui_fixture_close (&f);
}

/* ---- emoji ------------------------------------------------------------------------------ */

/* No emoji chooser in the search box (so no recents written), and the recents a desktop
 * session left are cleared at the reset. */
static void
test_no_emoji_recents (void)
{
  SpGuiFixture f = { 0 };
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettings) emoji = NULL;
  g_autoptr (GVariant) recent = NULL;

  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (), EMOJI_SCHEMA, TRUE);
  if (schema == NULL)
    {
      g_test_skip ("GTK's emoji chooser settings are not installed");
      return;
    }
  emoji = g_settings_new_full (schema, NULL, NULL);
  g_assert_true (g_settings_set_value (emoji, "recent-emoji",
    g_variant_new_parsed ("[(([uint32 0x1f4b8], 'money with wings', ['money'], uint32 0), uint32 0)]")));

  sp_gui_fixture_open (&f, TRUE, 1280, 900);
  g_assert_true (gtk_text_get_input_hints (GTK_TEXT (entry_text_of (&f))) & GTK_INPUT_HINT_NO_EMOJI);
  sp_search_page_focus_entry (page_of (&f));
  press_keys (GTK_WINDOW (f.window), "ctrl+period");
  g_assert_false (has_visible (entry_text_of (&f), GTK_TYPE_EMOJI_CHOOSER));

  walk_away (&f);
  recent = g_settings_get_value (emoji, "recent-emoji");
  g_assert_cmpuint (g_variant_n_children (recent), ==, 0);
  sp_gui_fixture_close (&f);
}

/* ---- filters, order, menus, scrolling, focus, toasts ---------------------------------- */

static GtkDropDown *
dropdown (SpGuiFixture *f,
          const char   *tooltip)
{
  GtkWidget *filters = sp_gui_find_labelled (GTK_WIDGET (page_of (f)), GTK_TYPE_TOGGLE_BUTTON, "Free");

  for (GtkWidget *child = gtk_widget_get_first_child (gtk_widget_get_parent (filters)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_DROP_DOWN (child) && g_strcmp0 (gtk_widget_get_tooltip_text (child), tooltip) == 0)
      return GTK_DROP_DOWN (child);
  g_assert_not_reached ();
}

static GtkToggleButton *
toggle (SpGuiFixture *f,
        const char   *label)
{
  GtkWidget *button = sp_gui_find_labelled (GTK_WIDGET (page_of (f)), GTK_TYPE_TOGGLE_BUTTON, label);
  g_assert_nonnull (button);
  return GTK_TOGGLE_BUTTON (button);
}

/* Scrolls every scrolled window in @widget that shows to its end, as far as it goes. */
static void
scroll_all_to_end (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_SCROLLED_WINDOW (widget))
    {
      GtkAdjustment *adjustments[] = { gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (widget)),
                                       gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (widget)) };
      for (guint i = 0; i < G_N_ELEMENTS (adjustments); i++)
        gtk_adjustment_set_value (adjustments[i], gtk_adjustment_get_upper (adjustments[i]) -
                                                   gtk_adjustment_get_page_size (adjustments[i]));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    scroll_all_to_end (child);
}

/* How far the furthest-scrolled scrolled window shown in @widget is from its start. */
static double
furthest_scrolled (GtkWidget *widget)
{
  double furthest = 0;

  if (!gtk_widget_get_mapped (widget))
    return 0;
  if (GTK_IS_SCROLLED_WINDOW (widget))
    {
      GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (widget));
      GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (widget));
      furthest = MAX (gtk_adjustment_get_value (h) - gtk_adjustment_get_lower (h),
                      gtk_adjustment_get_value (v) - gtk_adjustment_get_lower (v));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    furthest = MAX (furthest, furthest_scrolled (child));
  return furthest;
}

/* Every filter and the order back to the defaults, no menu left open, the lists at their
 * start, no toast, and the keyboard in the search box. */
static void
test_reset_restores_defaults (void)
{
  SpGuiFixture f = { 0 };
  const char *toggles[] = { "Free", "Open now", "Wheelchair access" };
  const char *dropdowns[] = { "The day it meets", "A language spoken there", "How far from your home location",
                              "The order of the results" };
  const char *wrong_pin = "That PIN is not right";
  AdwMessageDialog *pin;
  GtkWidget *sort_popover;
  GtkWidget *focus;

  sp_gui_fixture_open (&f, TRUE, 1280, 900);
  /* The library sets its own place as home: distances and the order can be chosen. */
  g_settings_set_string (f.settings, "home-name", "Bilston Library");
  g_settings_set_double (f.settings, "home-latitude", 52.566);
  g_settings_set_double (f.settings, "home-longitude", -2.073);
  sp_gui_settle ();
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (dropdown (&f, "The order of the results"))));

  sp_gui_type (f.window, "carers");
  scroll_all_to_end (GTK_WIDGET (page_of (&f)));
  sp_gui_settle ();
  g_assert_cmpfloat (furthest_scrolled (GTK_WIDGET (page_of (&f))), >, 0);
  for (guint i = 0; i < G_N_ELEMENTS (toggles); i++)
    gtk_toggle_button_set_active (toggle (&f, toggles[i]), TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (dropdowns); i++)
    gtk_drop_down_set_selected (dropdown (&f, dropdowns[i]), 1);
  sp_search_page_set_category (page_of (&f), "e566e25c-16e0-576c-bfbe-092d816319a6", "Memory & dementia");
  sp_gui_settle ();
  scroll_all_to_end (GTK_WIDGET (page_of (&f)));
  /* A visitor's toast (a wrong PIN), and the order's list of choices left open. */
  g_action_group_activate_action (G_ACTION_GROUP (f.window), "leave-kiosk", NULL);
  sp_gui_settle ();
  pin = sp_gui_find_dialog ("Leave kiosk mode?");
  g_assert_nonnull (pin);
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (pin)), "0000");
  adw_message_dialog_response (pin, "leave");
  sp_gui_settle ();
  g_assert_true (says (GTK_WIDGET (f.window), wrong_pin));
  sort_popover = GTK_WIDGET (gtk_widget_get_first_child (GTK_WIDGET (dropdown (&f, "The order of the results"))));
  for (; sort_popover != NULL && !GTK_IS_POPOVER (sort_popover); sort_popover = gtk_widget_get_next_sibling (sort_popover))
    ;
  g_assert_nonnull (sort_popover);
  gtk_popover_popup (GTK_POPOVER (sort_popover));
  sp_gui_settle ();
  g_assert_true (gtk_widget_get_visible (sort_popover));
  gtk_widget_grab_focus (GTK_WIDGET (toggle (&f, "Free")));

  walk_away (&f);
  g_assert_cmpstr (sp_search_page_get_visible_name (page_of (&f)), ==, "start");
  for (guint i = 0; i < G_N_ELEMENTS (toggles); i++)
    g_assert_false (gtk_toggle_button_get_active (toggle (&f, toggles[i])));
  for (guint i = 0; i < G_N_ELEMENTS (dropdowns); i++)
    g_assert_cmpuint (gtk_drop_down_get_selected (dropdown (&f, dropdowns[i])), ==, 0);
  g_assert_false (gtk_widget_get_visible (sort_popover));
  g_assert_false (has_visible (GTK_WIDGET (f.window), GTK_TYPE_POPOVER));
  g_assert_cmpfloat (furthest_scrolled (GTK_WIDGET (page_of (&f))), ==, 0);
  g_assert_false (says (GTK_WIDGET (f.window), wrong_pin));
  focus = gtk_root_get_focus (GTK_ROOT (f.window));
  g_assert_nonnull (focus);
  g_assert_true (focus == GTK_WIDGET (entry_of (&f)) || gtk_widget_is_ancestor (focus, GTK_WIDGET (entry_of (&f))));

  /* The next search lists its results from the top. */
  sp_gui_type (f.window, "carers");
  g_assert_cmpfloat (furthest_scrolled (GTK_WIDGET (page_of (&f))), ==, 0);
  sp_gui_fixture_close (&f);
}

/* ---- windows and dialogs ---------------------------------------------------------------- */

/* Every shortcut @widget lists, as "title=accelerator;". */
static void
collect_shortcuts (GtkWidget *widget,
                   GString   *listed)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *title = NULL;
      g_autofree char *accelerator = NULL;

      g_object_get (widget, "title", &title, "accelerator", &accelerator, NULL);
      g_string_append_printf (listed, "%s=%s;", title, accelerator);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shortcuts (child, listed);
}

/* Ctrl+? on a kiosk lists the keys it has: not importing, preferences, printing with
 * Ctrl+P or quitting, which only the desktop has. */
static void
test_own_shortcuts (void)
{
  SpGuiFixture f = { 0 };
  g_autoptr (GString) listed = g_string_new (NULL);
  GtkShortcutsWindow *shortcuts;

  sp_gui_fixture_open (&f, TRUE, 1280, 900);
  shortcuts = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f.window));
  g_assert_nonnull (shortcuts);
  collect_shortcuts (GTK_WIDGET (shortcuts), listed);
  g_test_message ("%s", listed->str);
  g_assert_nonnull (strstr (listed->str, "=<Control>f;"));
  g_assert_nonnull (strstr (listed->str, "=<Control>plus;"));
  for (const char * const *desktop = (const char * const[]) { "<Control>o", "<Control>q", "<Control>comma",
                                                              "<Control>p", NULL };
       *desktop != NULL; desktop++)
    {
      g_autofree char *shown = g_strdup_printf ("=%s;", *desktop);
      g_assert_null (strstr (listed->str, shown));
    }
  sp_gui_fixture_close (&f);
}

/* The shortcuts window, the PIN dialog, a failed print's dialog and any other window the
 * last visitor opened are closed by the reset; the kiosk window stays. */
static void
test_reset_closes_windows (void)
{
  SpGuiFixture f = { 0 };
  GtkShortcutsWindow *shortcuts;
  GtkWidget *other;

  sp_gui_fixture_open (&f, TRUE, 1280, 900);
  shortcuts = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f.window));
  g_assert_nonnull (shortcuts);
  g_action_group_activate_action (G_ACTION_GROUP (f.window), "show-help-overlay", NULL);
  g_action_group_activate_action (G_ACTION_GROUP (f.window), "leave-kiosk", NULL);
  other = gtk_window_new ();
  gtk_window_set_transient_for (GTK_WINDOW (other), GTK_WINDOW (f.window));
  gtk_window_present (GTK_WINDOW (other));
  sp_gui_settle ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  g_assert_nonnull (sp_gui_find_dialog ("Leave kiosk mode?"));
  g_assert_cmpuint (other_windows_shown (&f), ==, 3);

  walk_away (&f);
  g_assert_cmpuint (other_windows_shown (&f), ==, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f.window)));
  /* The shortcuts can still be shown to the next visitor. */
  g_action_group_activate_action (G_ACTION_GROUP (f.window), "show-help-overlay", NULL);
  sp_gui_settle ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  sp_gui_fixture_close (&f);
}

/* ---- printing ------------------------------------------------------------------------------ */

/* A printer that is not there: the visitor is told to ask staff, staff get a log line,
 * and the slip is not counted against the visit; the next try still prints. */
static void
test_print_failure (void)
{
  SpGuiFixture f = { 0 };
  AdwMessageDialog *failed;
  g_autofree char *slip = NULL;
  g_autofree char *slip_uri = NULL;

  sp_gui_fixture_open (&f, TRUE, 1280, 900);
  slip = g_build_filename (f.dir, "slip.pdf", NULL);
  slip_uri = g_filename_to_uri (slip, NULL, NULL);
  g_settings_set_string (f.settings, "kiosk-printer", "sp-test-no-such-printer");
  g_settings_set_uint (f.settings, "kiosk-prints-per-visit", 1);
  /* A printer that never answers gives up after this long (30 s in the app). */
  sp_window_set_print_timeout (f.window, 2000);
  sp_window_open_service (f.window, BILSTON_MEMORY_CAFE);
  sp_gui_settle ();

  g_test_expect_message ("Signpost", G_LOG_LEVEL_MESSAGE, "Kiosk slip not printed*sp-test-no-such-printer*");
  /* The print queues are searched at once: "Printing…" may be gone before a frame. */
  g_action_group_activate_action (G_ACTION_GROUP (f.window), "print-service", NULL);
  failed = sp_gui_wait_for_dialog ("Your slip could not be printed", PATIENCE_MS);
  g_assert_nonnull (failed);
  g_test_assert_expected_messages ();
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (failed), "Please ask a member of staff for help."));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (failed), "sp-kiosk-dialog"));
  g_assert_false (says (GTK_WIDGET (f.window), "Printing…"));
  g_assert_false (says (GTK_WIDGET (f.window), "Please collect your slip from the printer"));
  gtk_window_close (GTK_WINDOW (failed));
  sp_gui_settle ();

  /* It was not counted: the visit's one slip can still be printed. */
  sp_window_set_print_output (f.window, slip_uri);
  g_action_group_activate_action (G_ACTION_GROUP (f.window), "print-service", NULL);
  g_assert_true (sp_gui_wait_for_file (slip, PATIENCE_MS));
  g_assert_true (says (GTK_WIDGET (f.window), "Please collect your slip from the printer"));
  g_assert_null (sp_gui_find_dialog ("Your slip could not be printed"));
  sp_gui_fixture_close (&f);
}

/* ---- text size and contrast in dialogs ----------------------------------------------------- */

/* The height of a line of the prompt's heading (which may wrap), at text size @step. */
static double
prompt_heading_line (SpGuiFixture *f,
                       guint         step,
                       gboolean      high_contrast)
{
  SpKioskGuard *guard = sp_window_get_kiosk_guard (f->window);
  GtkWidget *prompt, *heading;
  PangoLayout *layout;
  int width, height;

  g_action_group_activate_action (G_ACTION_GROUP (f->window), "text-size", g_variant_new_uint32 (step));
  g_action_group_change_action_state (G_ACTION_GROUP (f->window), "high-contrast", g_variant_new_boolean (high_contrast));
  sp_kiosk_guard_set_times (guard, 50, 600000);
  for (int waited = 0; waited < PATIENCE_MS && !sp_kiosk_guard_is_asking (guard); waited += 20)
    sp_gui_wait_ms (20);
  prompt = sp_kiosk_guard_get_prompt (guard);
  g_assert_nonnull (prompt);
  sp_gui_wait_ms (100);
  if (step > 0)
    {
      g_autofree char *size_class = g_strdup_printf ("sp-text-size-%u", step);
      g_assert_true (gtk_widget_has_css_class (prompt, size_class));
    }
  g_assert_true (gtk_widget_has_css_class (prompt, "sp-high-contrast") == high_contrast);
  heading = sp_gui_find_labelled (prompt, GTK_TYPE_LABEL, "Are you still there?");
  g_assert_nonnull (heading);
  layout = gtk_label_get_layout (GTK_LABEL (heading));
  pango_layout_get_pixel_size (layout, &width, &height);
  g_test_message ("step %u: the prompt's heading is %d × %d px in %d lines", step, width, height,
                  pango_layout_get_line_count (layout));
  sp_kiosk_guard_poke (guard);
  sp_kiosk_guard_set_times (guard, 600000, 600000);
  sp_gui_settle ();
  return (double) height / pango_layout_get_line_count (layout);
}

/* The prompt is as large and as contrasting as the visitor made the kiosk. */
static void
test_prompt_text_size (void)
{
  SpGuiFixture f = { 0 };
  double normal, largest;

  sp_gui_fixture_open (&f, TRUE, 1280, 900);
  normal = prompt_heading_line (&f, 0, FALSE);
  largest = prompt_heading_line (&f, SP_TEXT_SIZE_STEPS - 1, TRUE);
  /* Twice the size, give or take the line's spacing. */
  g_assert_cmpfloat (largest / normal, >=, 1.8);
  sp_gui_fixture_close (&f);
}

/* The PIN and print-failure dialogs too. */
static void
test_dialogs_text_size (void)
{
  SpGuiFixture f = { 0 };
  g_autofree char *size_class = g_strdup_printf ("sp-text-size-%u", SP_TEXT_SIZE_STEPS - 1);
  AdwMessageDialog *dialog;

  sp_gui_fixture_open (&f, TRUE, 1280, 900);
  g_action_group_activate_action (G_ACTION_GROUP (f.window), "text-size", g_variant_new_uint32 (SP_TEXT_SIZE_STEPS - 1));
  g_action_group_activate_action (G_ACTION_GROUP (f.window), "high-contrast", NULL);
  g_action_group_activate_action (G_ACTION_GROUP (f.window), "leave-kiosk", NULL);
  sp_gui_settle ();
  dialog = sp_gui_find_dialog ("Leave kiosk mode?");
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (dialog), size_class));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (dialog), "sp-high-contrast"));
  adw_message_dialog_response (dialog, "cancel");

  g_settings_set_string (f.settings, "kiosk-printer", "sp-test-no-such-printer");
  sp_window_set_print_timeout (f.window, 200);
  sp_window_open_service (f.window, BILSTON_MEMORY_CAFE);
  g_test_expect_message ("Signpost", G_LOG_LEVEL_MESSAGE, "Kiosk slip not printed*");
  g_action_group_activate_action (G_ACTION_GROUP (f.window), "print-service", NULL);
  dialog = sp_gui_wait_for_dialog ("Your slip could not be printed", PATIENCE_MS);
  g_assert_nonnull (dialog);
  g_test_assert_expected_messages ();
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (dialog), size_class));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (dialog), "sp-high-contrast"));
  sp_gui_fixture_close (&f);
}

int
main (int   argc,
      char *argv[])
{
  sp_gui_test_init (&argc, &argv);
  g_test_add_func ("/signpost/gui/kiosk/reset-forgets-undo", test_reset_forgets_undo);
  g_test_add_func ("/signpost/gui/kiosk/reset-clears-clipboards", test_reset_clears_clipboards);
  g_test_add_func ("/signpost/gui/kiosk/no-developer-tools", test_no_developer_tools);
  g_test_add_func ("/signpost/gui/kiosk/no-emoji-recents", test_no_emoji_recents);
  g_test_add_func ("/signpost/gui/kiosk/reset-restores-defaults", test_reset_restores_defaults);
  g_test_add_func ("/signpost/gui/kiosk/own-shortcuts", test_own_shortcuts);
  g_test_add_func ("/signpost/gui/kiosk/reset-closes-windows", test_reset_closes_windows);
  g_test_add_func ("/signpost/gui/kiosk/print-failure", test_print_failure);
  g_test_add_func ("/signpost/gui/kiosk/prompt-text-size", test_prompt_text_size);
  g_test_add_func ("/signpost/gui/kiosk/dialogs-text-size", test_dialogs_text_size);
  return g_test_run ();
}
