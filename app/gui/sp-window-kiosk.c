/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-window-kiosk.c: the window's policy as a public kiosk.
 *
 * Full screen and undecorated; "Print this" prints straight to the kiosk's printer, a few
 * slips a visit; after a quiet time the guard asks whether anyone is still there, then
 * the window clears everything for the next person. A directory editor leaves with
 * Ctrl+Alt+K and the PIN set in Preferences.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-kiosk-placement.h"
#include "sp-pin.h"
#include "sp-text-controls.h"
#include "sp-ui-language.h"
#include "sp-window-private.h"

/* Two taps on "Print this" within this long are one request. */
#define PRINT_REPEAT_US (5 * G_USEC_PER_SEC)
/* A printer that has not taken a slip in this long is not going to. */
#define KIOSK_PRINT_TIMEOUT_MS 30000

/* ---- printing ------------------------------------------------------------------------- */

/* A kiosk's slip on its way to the printer. */
typedef struct
{
  SpWindow *window;
  guint visit;
  char *printer;
  AdwToast *printing;
} KioskPrint;

static void
kiosk_print_free (KioskPrint *print)
{
  g_object_unref (print->window);
  g_free (print->printer);
  g_object_unref (print->printing);
  g_free (print);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskPrint, kiosk_print_free)

/* Shows @dialog over the kiosk, in the kiosk's large type, at the visitor's text size
 * and contrast. */
static void
present_dialog (SpWindow         *self,
                AdwMessageDialog *dialog)
{
  gtk_widget_add_css_class (GTK_WIDGET (dialog), "sp-kiosk-dialog");
  sp_text_style_copy (GTK_WIDGET (self), GTK_WIDGET (dialog));
  sp_kiosk_centre_dialog (GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Counted only once the printer has the slip. The visitor is told to ask staff when it
 * failed, and staff find why in the log; a reset meanwhile means the visitor has gone,
 * and the next one hears nothing of it. */
static void
kiosk_printed (GError   *error,
               gpointer  data)
{
  g_autoptr (KioskPrint) print = data;
  SpWindow *self = print->window;
  AdwMessageDialog *dialog;
  gboolean same_visit = print->visit == self->visit;

  adw_toast_dismiss (print->printing);
  if (same_visit)
    self->printing = FALSE;
  if (error != NULL)
    {
      /* A message, not a warning: a printer out of paper is no fault of the app. */
      g_message ("Kiosk slip not printed on printer “%s”: %s",
                 print->printer != NULL ? print->printer : "(default)", error->message);
      if (!same_visit)
        return;
      /* Trying again straight away is not a double tap. */
      self->last_print = 0;
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Your slip could not be printed"),
        _("Please ask a member of staff for help. The details are on the screen, and you can write them down.")));
      adw_message_dialog_add_response (dialog, "close", _("_OK"));
      present_dialog (self, dialog);
      return;
    }
  if (!same_visit)
    return;
  self->prints_this_visit++;
  {
    AdwToast *toast = adw_toast_new (_("Please collect your slip from the printer"));
    adw_toast_set_timeout (toast, 8);
    sp_window_add_toast (self, toast);
  }
}

void
sp_window_print_kiosk (SpWindow      *self,
                       SpSlipContent *content)
{
  g_autofree char *location = NULL;
  g_autofree char *paper_name = NULL;
  SpSlipPaper paper = SP_SLIP_PAPER_RECEIPT_80;
  KioskPrint *print;

  /* A kiosk prints a few slips a visit, one at a time, and a second tap is not a second
   * slip. */
  if (self->printing ||
      (g_get_monotonic_time () - self->last_print < PRINT_REPEAT_US && self->last_print != 0))
    return;
  if (self->prints_this_visit >= g_settings_get_uint (self->settings, "kiosk-prints-per-visit"))
    {
      sp_window_add_toast (self,
        adw_toast_new (_("This kiosk has printed all the slips it can for one visit. Please ask a member of staff if you need more.")));
      return;
    }
  self->printing = TRUE;
  self->last_print = g_get_monotonic_time ();
  location = g_settings_get_string (self->settings, "kiosk-location");
  content->kiosk_location = location;
  paper_name = g_settings_get_string (self->settings, "kiosk-paper");
  sp_slip_paper_from_string (paper_name, &paper);

  print = g_new0 (KioskPrint, 1);
  print->window = g_object_ref (self);
  print->visit = self->visit;
  print->printer = g_settings_get_string (self->settings, "kiosk-printer");
  /* Until the printer has it: "please collect" is for a slip that is coming. */
  print->printing = g_object_ref (adw_toast_new (_("Printing…")));
  adw_toast_set_timeout (print->printing, 0);
  sp_window_add_toast (self, print->printing);
  sp_print_direct (GTK_WINDOW (self), content, paper, print->printer, self->print_output,
                   self->print_timeout_ms, kiosk_printed, print);
}

/* ---- the visit ------------------------------------------------------------------------ */

#define EMOJI_CHOOSER_SCHEMA "org.gtk.gtk4.Settings.EmojiChooser"

/* Puts away every popover in @widget: a dropdown's list, a menu, the entry's context
 * menu. */
static void
close_popovers (GtkWidget *widget)
{
  if (GTK_IS_POPOVER (widget) && gtk_widget_get_visible (widget))
    gtk_popover_popdown (GTK_POPOVER (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    close_popovers (child);
}

/* Every other window the visit opened: the shortcuts window, the PIN dialog, a failed
 * print's dialog, GTK's inspector should it be open (GTK_DEBUG=interactive). A window that
 * refuses to close is hidden. */
static void
close_other_windows (SpWindow *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr (GPtrArray) shown = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_window_set_interactive_debugging (FALSE);
  /* Closing one changes the list: the windows first, then close them. */
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      GtkWidget *window = g_list_model_get_item (toplevels, i);
      if (window != GTK_WIDGET (self) && gtk_widget_get_visible (window))
        g_ptr_array_add (shown, window);
      else
        g_object_unref (window);
    }
  for (guint i = 0; i < shown->len; i++)
    {
      GtkWindow *window = g_ptr_array_index (shown, i);
      gtk_window_close (window);
      if (gtk_widget_get_visible (GTK_WIDGET (window)))
        gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
    }
}

/* What the visitor copied, and what they selected (X11's middle-click paste). */
static void
forget_clipboards (SpWindow *self)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));

  gdk_clipboard_set_content (gdk_display_get_clipboard (display), NULL);
  gdk_clipboard_set_content (gdk_display_get_primary_clipboard (display), NULL);
}

/* GTK keeps the emoji picked in its chooser in the user's settings, where the next
 * visitor would see them (and a desktop session may have left some). Without GTK's
 * schema there is nothing to clear. */
static void
forget_emoji_recents (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettings) settings = NULL;

  if (source == NULL ||
      (schema = g_settings_schema_source_lookup (source, EMOJI_CHOOSER_SCHEMA, TRUE)) == NULL ||
      !g_settings_schema_has_key (schema, "recent-emoji"))
    return;
  settings = g_settings_new_full (schema, NULL, NULL);
  g_settings_reset (settings, "recent-emoji");
}

/**
 * sp_window_reset_visit:
 *
 * Clears everything the last person typed, opened, saved or asked to print, and shows the
 * start page: the kiosk's fresh start.
 */
void
sp_window_reset_visit (SpWindow *self)
{
  g_return_if_fail (SP_IS_WINDOW (self));

  self->visit++;
  self->printing = FALSE;
  close_other_windows (self);
  close_popovers (GTK_WIDGET (self));
  sp_window_dismiss_toasts (self);
  sp_search_page_reset (self->search_page);
  sp_service_page_clear (self->service_page);
  sp_window_show_service_pane (self, FALSE);
  if (self->shortlist != NULL)
    sp_shortlist_clear (self->shortlist);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->search_page));
  self->prints_this_visit = 0;
  self->last_print = 0;
  g_action_group_change_action_state (G_ACTION_GROUP (self), "text-size", g_variant_new_uint32 (0));
  g_action_group_change_action_state (G_ACTION_GROUP (self), "high-contrast", g_variant_new_boolean (FALSE));
  /* After the search box is emptied, which gives up its own selection. */
  forget_clipboards (self);
  forget_emoji_recents ();
  /* Not on a row or a button the last visitor left it on. */
  sp_search_page_focus_entry (self->search_page);
}

/**
 * sp_window_use_language:
 * @code: (nullable): a language code, or %NULL for the desktop's
 *
 * Speaks @code from now on. Every string on every page was translated when the page was
 * built, so rather than relabel each widget (and miss the ones made in code), a kiosk
 * builds a fresh window in the new language, in the new direction (Urdu mirrors), hands it
 * the directory already open, and emits ::replaced before this one goes. Nothing of a
 * visit is carried over: the choice is made on the start page, where nothing has been.
 */
void
sp_window_use_language (SpWindow   *self,
                        const char *code)
{
  SpWindow *fresh;

  g_return_if_fail (SP_IS_WINDOW (self));

  if (g_strcmp0 (code, sp_ui_language_get ()) == 0)
    return;
  sp_ui_language_set (code);
  gtk_widget_set_default_direction (sp_ui_language_is_rtl () ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
  fresh = sp_window_new (gtk_window_get_application (GTK_WINDOW (self)), self->settings, self->kiosk);
  g_free (fresh->print_output);
  fresh->print_output = g_strdup (self->print_output);
  if (self->now != NULL)
    fresh->now = g_date_time_ref (self->now);
  gtk_window_present (GTK_WINDOW (fresh));
  sp_window_take_directory (fresh, self);
  g_signal_emit_by_name (self, "replaced", fresh);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* win.choose-language("pl"): a language button on the kiosk's start page. */
void
sp_window_choose_language (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  const char *code = g_variant_get_string (parameter, NULL);

  sp_window_use_language (SP_WINDOW (user_data), *code != '\0' ? code : NULL);
}

static gboolean
back_to_own_language (gpointer data)
{
  SpWindow *self = data;

  if (gtk_widget_get_visible (GTK_WIDGET (self)))
    sp_window_use_language (self, NULL);
  return G_SOURCE_REMOVE;
}

static void
guard_reset (SpKioskGuard *guard,
             SpWindow     *self)
{
  sp_window_reset_visit (self);
  /* The next person starts in the kiosk's own language; the window is replaced once the
   * guard has finished telling of the reset. */
  if (sp_ui_language_get () != NULL)
    g_idle_add_full (G_PRIORITY_DEFAULT, back_to_own_language, g_object_ref (self), g_object_unref);
}

/* A PIN checked in a thread (Argon2id takes a fraction of a second) for the visit it was
 * typed in: after a reset, or once the window has gone, it counts for nothing. */
typedef struct
{
  SpWindow *window;
  guint visit;
} PinCheck;

static void
pin_checked (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  PinCheck *check = data;
  g_autoptr (SpWindow) self = check->window;
  gboolean right = sp_pin_verify_finish (result, NULL);
  guint visit = check->visit;

  g_free (check);
  if (visit != self->visit)
    return;
  if (right)
    g_signal_emit_by_name (self, "leave-kiosk");
  else
    sp_window_add_toast (self, adw_toast_new (_("That PIN is not right")));
}

static void
pin_answered (AdwMessageDialog *dialog,
              const char       *response,
              SpWindow         *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *hash = g_settings_get_string (self->settings, "kiosk-pin-hash");
  PinCheck *check;

  if (!g_str_equal (response, "leave"))
    return;
  check = g_new0 (PinCheck, 1);
  check->window = g_object_ref (self);
  check->visit = self->visit;
  sp_pin_verify_async (hash, gtk_editable_get_text (entry), NULL, pin_checked, check);
}

/* win.leave-kiosk (Ctrl+Alt+K): asks for the PIN. */
void
sp_window_leave_kiosk (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       data)
{
  SpWindow *self = SP_WINDOW (data);
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  if (!self->kiosk)
    return;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Leave kiosk mode?"),
                                                       _("For directory editors: type the kiosk’s PIN.")));
  /* Not a GtkPasswordEntry: GTK 4.8's warns of a freed widget as its dialog closes, and
   * can crash. An entry that hides what is typed does the same for a PIN. */
  entry = gtk_entry_new ();
  gtk_entry_set_visibility (GTK_ENTRY (entry), FALSE);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_PIN);
  gtk_entry_set_max_length (GTK_ENTRY (entry), SP_PIN_MAX_DIGITS);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  sp_kiosk_guard_forbid_emoji (GTK_EDITABLE (entry));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("PIN"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "leave", _("_Leave Kiosk Mode"), NULL);
  adw_message_dialog_set_default_response (dialog, "leave");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (pin_answered), self);
  present_dialog (self, dialog);
}

/* How long a kiosk's printer has to take a slip before the visitor is told it failed
 * (tests: shorter). */
void
sp_window_set_print_timeout (SpWindow *self,
                             guint     timeout_ms)
{
  g_return_if_fail (SP_IS_WINDOW (self));
  self->print_timeout_ms = timeout_ms;
}

/* Ctrl+? shows the keys a kiosk has, not the desktop's (GtkApplication gives every window
 * gtk/help-overlay.ui, with import, preferences and quitting). */
static void
show_kiosk_shortcuts (SpWindow *self)
{
  g_autoptr (GtkBuilder) builder = gtk_builder_new_from_resource ("/org/signpost/Signpost/sp-kiosk-shortcuts.ui");

  gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (self),
                                           GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "kiosk_shortcuts")));
}

/* Makes @self a kiosk: called once, as it is made. */
void
sp_window_start_kiosk (SpWindow *self)
{
  guint idle = self->settings != NULL ? g_settings_get_uint (self->settings, "kiosk-idle-seconds") : 90;
  guint prompt = self->settings != NULL ? g_settings_get_uint (self->settings, "kiosk-prompt-seconds") : 30;

  gtk_widget_add_css_class (GTK_WIDGET (self), "sp-kiosk");
  gtk_window_set_decorated (GTK_WINDOW (self), FALSE);
  gtk_window_set_deletable (GTK_WINDOW (self), FALSE);
  sp_kiosk_fill_screen (GTK_WINDOW (self));
  show_kiosk_shortcuts (self);
  self->print_timeout_ms = KIOSK_PRINT_TIMEOUT_MS;
  self->guard = sp_kiosk_guard_new (GTK_WINDOW (self), idle * 1000, prompt * 1000);
  g_signal_connect (self->guard, "reset", G_CALLBACK (guard_reset), self);
}
