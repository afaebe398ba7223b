/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-kiosk-guard.c: a kiosk's idle reset — "Are you still there?", then a fresh start.
 *
 * People walk away from a kiosk mid-search. After a quiet time with no touch, click, key
 * or pointer movement, a prompt asks whether anyone is still there and counts down (WCAG
 * 2.2 asks for at least 20 seconds and one action to continue); one big button carries
 * on. If nobody answers, the guard emits ::reset and the window clears everything the
 * last person typed, opened, saved or queued.
 *
 * While it guards, no window of the app opens GTK's inspector: Ctrl+Shift+I and
 * Ctrl+Shift+D would otherwise give a visitor a tool that edits any widget and saves
 * files anywhere on the disk.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "sp-kiosk-guard.h"
#include "sp-kiosk-placement.h"
#include "sp-text-controls.h"

struct _SpKioskGuard
{
  GObject parent_instance;

  GtkWindow *window;           /* (unowned) it owns the guard through the controller */
  GtkEventController *watcher;
  guint idle_ms;
  guint prompt_ms;
  guint idle_source;
  guint tick_source;
  gint64 prompt_ends;          /* monotonic µs */
  AdwMessageDialog *prompt;
  GListModel *toplevels;       /* (nullable) every window of the process, while guarding */
};

G_DEFINE_FINAL_TYPE (SpKioskGuard, sp_kiosk_guard, G_TYPE_OBJECT)

enum
{
  RESET,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean idle_reached (gpointer data);

static void
stop_timers (SpKioskGuard *self)
{
  g_clear_handle_id (&self->idle_source, g_source_remove);
  g_clear_handle_id (&self->tick_source, g_source_remove);
}

static void
restart_idle (SpKioskGuard *self)
{
  g_clear_handle_id (&self->idle_source, g_source_remove);
  if (self->window != NULL)
    self->idle_source = g_timeout_add (self->idle_ms, idle_reached, self);
}

static void
close_prompt (SpKioskGuard *self)
{
  g_clear_handle_id (&self->tick_source, g_source_remove);
  if (self->prompt != NULL)
    {
      AdwMessageDialog *prompt = g_steal_pointer (&self->prompt);
      gtk_window_destroy (GTK_WINDOW (prompt));
    }
}

static void
update_countdown (SpKioskGuard *self)
{
  gint64 left_us = self->prompt_ends - g_get_monotonic_time ();
  guint left = (guint) MAX (0, (left_us + 999999) / 1000000);
  g_autofree char *body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
    "The screen will clear in %u second, so that the next person starts afresh.",
    "The screen will clear in %u seconds, so that the next person starts afresh.", left), left);

  adw_message_dialog_set_body (self->prompt, body);
}

static gboolean
tick (gpointer data)
{
  SpKioskGuard *self = data;

  if (g_get_monotonic_time () < self->prompt_ends)
    {
      update_countdown (self);
      return G_SOURCE_CONTINUE;
    }
  self->tick_source = 0;
  close_prompt (self);
  g_signal_emit (self, signals[RESET], 0);
  restart_idle (self);
  return G_SOURCE_REMOVE;
}

static void
prompt_answered (AdwMessageDialog *dialog,
                 const char       *response,
                 SpKioskGuard     *self)
{
  /* Whatever closed it, someone is there. */
  if (self->prompt == dialog)
    {
      g_clear_handle_id (&self->tick_source, g_source_remove);
      self->prompt = NULL;
    }
  restart_idle (self);
}

static gboolean
idle_reached (gpointer data)
{
  SpKioskGuard *self = data;

  self->idle_source = 0;
  if (self->window == NULL || self->prompt != NULL)
    return G_SOURCE_REMOVE;

  self->prompt = ADW_MESSAGE_DIALOG (adw_message_dialog_new (self->window, _("Are you still there?"), NULL));
  adw_message_dialog_add_response (self->prompt, "continue", _("_Yes, I’m still here"));
  adw_message_dialog_set_response_appearance (self->prompt, "continue", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (self->prompt, "continue");
  adw_message_dialog_set_close_response (self->prompt, "continue");
  gtk_widget_add_css_class (GTK_WIDGET (self->prompt), "sp-kiosk-dialog");
  /* The visitor who made the text larger or the contrast higher needs it here too. */
  sp_text_style_copy (GTK_WIDGET (self->window), GTK_WIDGET (self->prompt));
  g_signal_connect (self->prompt, "response", G_CALLBACK (prompt_answered), self);
  self->prompt_ends = g_get_monotonic_time () + (gint64) self->prompt_ms * 1000;
  update_countdown (self);
  self->tick_source = g_timeout_add (MIN (self->prompt_ms, 250), tick, self);
  sp_kiosk_centre_dialog (GTK_WINDOW (self->prompt));
  gtk_window_present (GTK_WINDOW (self->prompt));
  return G_SOURCE_REMOVE;
}

/* GtkWindow::enable-debugging, the inspector's keybinding: the signal has no
 * accumulator, so only stopping it keeps GtkWindow's own handler from opening the
 * inspector. */
static gboolean
refuse_debugging (GtkWindow    *window,
                  gboolean      toggle,
                  SpKioskGuard *self)
{
  g_signal_stop_emission_by_name (window, "enable-debugging");
  return TRUE;
}

/* Every window, the kiosk's own and every dialog, has the inspector's keybinding. */
static void
toplevels_changed (GListModel   *toplevels,
                   guint         position,
                   guint         removed,
                   guint         added,
                   SpKioskGuard *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (g_signal_handler_find (window, G_SIGNAL_MATCH_FUNC | G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                                 refuse_debugging, self) == 0)
        g_signal_connect (window, "enable-debugging", G_CALLBACK (refuse_debugging), self);
    }
}

static void
allow_debugging (SpKioskGuard *self)
{
  if (self->toplevels == NULL)
    return;
  g_signal_handlers_disconnect_by_func (self->toplevels, toplevels_changed, self);
  for (guint i = 0; i < g_list_model_get_n_items (self->toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (self->toplevels, i);
      g_signal_handlers_disconnect_by_func (window, refuse_debugging, self);
    }
  g_clear_object (&self->toplevels);
}

static gboolean
event_seen (GtkEventControllerLegacy *controller,
            GdkEvent                 *event,
            SpKioskGuard             *self)
{
  switch (gdk_event_get_event_type (event))
    {
    case GDK_KEY_PRESS:
    case GDK_BUTTON_PRESS:
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCH_UPDATE:
    case GDK_MOTION_NOTIFY:
    case GDK_SCROLL:
      if (self->prompt == NULL)
        restart_idle (self);
      break;
    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
sp_kiosk_guard_dispose (GObject *object)
{
  SpKioskGuard *self = SP_KIOSK_GUARD (object);

  sp_kiosk_guard_stop (self);
  G_OBJECT_CLASS (sp_kiosk_guard_parent_class)->dispose (object);
}

static void
sp_kiosk_guard_class_init (SpKioskGuardClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sp_kiosk_guard_dispose;

  /**
   * SpKioskGuard::reset:
   *
   * Nobody answered: clear everything the last person did.
   */
  signals[RESET] = g_signal_new ("reset", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sp_kiosk_guard_init (SpKioskGuard *self)
{
}

/**
 * sp_kiosk_guard_new:
 * @idle_ms: quiet time before the prompt
 * @prompt_ms: how long the prompt waits for an answer
 *
 * Starts watching @window's input.
 */
SpKioskGuard *
sp_kiosk_guard_new (GtkWindow *window,
                    guint      idle_ms,
                    guint      prompt_ms)
{
  SpKioskGuard *self;

  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);

  self = g_object_new (SP_TYPE_KIOSK_GUARD, NULL);
  self->window = window;
  self->idle_ms = MAX (idle_ms, 1);
  self->prompt_ms = MAX (prompt_ms, 1);
  self->watcher = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (self->watcher, GTK_PHASE_CAPTURE);
  g_signal_connect (self->watcher, "event", G_CALLBACK (event_seen), self);
  gtk_widget_add_controller (GTK_WIDGET (window), g_object_ref (self->watcher));
  self->toplevels = g_object_ref (gtk_window_get_toplevels ());
  g_signal_connect (self->toplevels, "items-changed", G_CALLBACK (toplevels_changed), self);
  toplevels_changed (self->toplevels, 0, 0, g_list_model_get_n_items (self->toplevels), self);
  restart_idle (self);
  return self;
}

void
sp_kiosk_guard_set_times (SpKioskGuard *self,
                          guint         idle_ms,
                          guint         prompt_ms)
{
  g_return_if_fail (SP_IS_KIOSK_GUARD (self));
  self->idle_ms = MAX (idle_ms, 1);
  self->prompt_ms = MAX (prompt_ms, 1);
  if (self->prompt == NULL)
    restart_idle (self);
}

/* Counts as a touch: the idle time starts again (and an open prompt is answered). */
void
sp_kiosk_guard_poke (SpKioskGuard *self)
{
  g_return_if_fail (SP_IS_KIOSK_GUARD (self));
  if (self->prompt != NULL)
    adw_message_dialog_response (self->prompt, "continue");
  restart_idle (self);
}

gboolean
sp_kiosk_guard_is_asking (SpKioskGuard *self)
{
  g_return_val_if_fail (SP_IS_KIOSK_GUARD (self), FALSE);
  return self->prompt != NULL;
}

/**
 * sp_kiosk_guard_get_prompt:
 *
 * Returns: (transfer none) (nullable): the "Are you still there?" prompt while it shows
 */
GtkWidget *
sp_kiosk_guard_get_prompt (SpKioskGuard *self)
{
  g_return_val_if_fail (SP_IS_KIOSK_GUARD (self), NULL);
  return self->prompt != NULL ? GTK_WIDGET (self->prompt) : NULL;
}

/* Stops watching: the window is leaving kiosk mode or closing. */
void
sp_kiosk_guard_stop (SpKioskGuard *self)
{
  g_return_if_fail (SP_IS_KIOSK_GUARD (self));

  stop_timers (self);
  close_prompt (self);
  if (self->watcher != NULL && self->window != NULL)
    gtk_widget_remove_controller (GTK_WIDGET (self->window), self->watcher);
  g_clear_object (&self->watcher);
  allow_debugging (self);
  self->window = NULL;
}

/**
 * sp_kiosk_guard_forbid_emoji:
 *
 * Takes GTK's emoji chooser (its menu item, Ctrl+. and Ctrl+;) away from @editable: the
 * chooser keeps the emoji picked in it for the next person to see.
 */
void
sp_kiosk_guard_forbid_emoji (GtkEditable *editable)
{
  GtkEditable *delegate;

  g_return_if_fail (GTK_IS_EDITABLE (editable));

  for (delegate = editable; gtk_editable_get_delegate (delegate) != NULL;
       delegate = gtk_editable_get_delegate (delegate))
    ;
  if (GTK_IS_TEXT (delegate))
    gtk_text_set_input_hints (GTK_TEXT (delegate),
                              gtk_text_get_input_hints (GTK_TEXT (delegate)) | GTK_INPUT_HINT_NO_EMOJI);
}
