/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-window.c: Signpost's window, on the desktop or as a public kiosk.
 *
 * An AdwLeaflet of two panes, search and the chosen service: side by side on a wide
 * window, one at a time from 360 px wide. The desktop and the kiosk are the same widgets
 * with different policies. A kiosk is full screen and undecorated and cannot be closed;
 * it has no file choosers, import or preferences, and nothing opens outside it; it prints
 * straight to its printer, a few slips a visit; and after a quiet time it asks whether
 * anyone is still there, then clears everything for the next person. A directory editor
 * leaves it with Ctrl+Alt+K and the PIN set in Preferences. The kiosk's policy is in
 * sp-window-kiosk.c.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-detail-cache.h"
#include "sp-print.h"
#include "sp-text-controls.h"
#include "sp-window-private.h"


G_DEFINE_FINAL_TYPE (SpWindow, sp_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  LEAVE_KIOSK,
  REPLACED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Our style sheet and icons, loaded once per process, with or without an application. */
void
sp_window_ensure_resources (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      GtkCssProvider *provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_resource (provider, "/org/signpost/Signpost/signpost.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                        "/org/signpost/Signpost/icons");
      g_once_init_leave (&done, 1);
    }
}

static void
toast_dismissed (AdwToast *toast,
                 SpWindow *self)
{
  g_ptr_array_remove (self->toasts_shown, toast);
}

/* Shows @toast (taking it), and keeps it until it goes: a kiosk's reset takes away the
 * last visitor's. */
void
sp_window_add_toast (SpWindow *self,
                     AdwToast *toast)
{
  g_ptr_array_add (self->toasts_shown, g_object_ref (toast));
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed), self, 0);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

void
sp_window_dismiss_toasts (SpWindow *self)
{
  g_autoptr (GPtrArray) shown = g_steal_pointer (&self->toasts_shown);

  self->toasts_shown = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < shown->len; i++)
    adw_toast_dismiss (g_ptr_array_index (shown, i));
}

static GDateTime *
dup_now (SpWindow *self)
{
  return self->now != NULL ? g_date_time_ref (self->now) : g_date_time_new_now_local ();
}

/* ---- text size and contrast ------------------------------------------------------- */

static void
apply_text (SpWindow *self)
{
  sp_text_style_apply (GTK_WIDGET (self), self->text_size, self->high_contrast);
}

static void
set_text_size (SpWindow *self,
               guint     step)
{
  step = MIN (step, SP_TEXT_SIZE_STEPS - 1);
  self->text_size = step;
  g_action_group_change_action_state (G_ACTION_GROUP (self), "text-size", g_variant_new_uint32 (step));
}

static void
text_size_changed (GSimpleAction *action,
                   GVariant      *state,
                   gpointer       data)
{
  SpWindow *self = SP_WINDOW (data);

  self->text_size = MIN (g_variant_get_uint32 (state), SP_TEXT_SIZE_STEPS - 1);
  g_simple_action_set_state (action, g_variant_new_uint32 (self->text_size));
  /* A kiosk's next visitor starts at the normal size: only the desktop remembers. */
  if (!self->kiosk && self->settings != NULL && g_settings_get_uint (self->settings, "text-size") != self->text_size)
    g_settings_set_uint (self->settings, "text-size", self->text_size);
  apply_text (self);
}

static void
high_contrast_changed (GSimpleAction *action,
                       GVariant      *state,
                       gpointer       data)
{
  SpWindow *self = SP_WINDOW (data);

  self->high_contrast = g_variant_get_boolean (state);
  g_simple_action_set_state (action, state);
  if (!self->kiosk && self->settings != NULL &&
      g_settings_get_boolean (self->settings, "high-contrast") != self->high_contrast)
    g_settings_set_boolean (self->settings, "high-contrast", self->high_contrast);
  apply_text (self);
}

static void
text_setting_changed (GSettings  *settings,
                      const char *key,
                      SpWindow   *self)
{
  if (g_str_equal (key, "text-size"))
    set_text_size (self, g_settings_get_uint (settings, key));
  else
    g_action_group_change_action_state (G_ACTION_GROUP (self), "high-contrast",
                                        g_variant_new_boolean (g_settings_get_boolean (settings, key)));
}

static void
text_larger (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       data)
{
  SpWindow *self = SP_WINDOW (data);
  set_text_size (self, self->text_size + 1);
}

static void
text_smaller (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       data)
{
  SpWindow *self = SP_WINDOW (data);
  if (self->text_size > 0)
    set_text_size (self, self->text_size - 1);
}

/* ---- navigation --------------------------------------------------------------------- */

static void
go_back (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       data)
{
  SpWindow *self = SP_WINDOW (data);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->search_page));
  sp_search_page_focus_entry (self->search_page);
}

static void
focus_search (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       data)
{
  SpWindow *self = SP_WINDOW (data);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->search_page));
  sp_search_page_focus_entry (self->search_page);
  gtk_editable_select_region (sp_search_page_get_entry (self->search_page), 0, -1);
}

/* Side by side, the window's buttons go at the outer ends; one pane at a time, each has
 * them all. A kiosk has none: it is not to be closed or moved. */
static void
folded_changed (SpWindow *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);
  AdwHeaderBar *left = sp_search_page_get_header (self->search_page);
  AdwHeaderBar *right = sp_service_page_get_header (self->service_page);

  sp_service_page_set_back_visible (self->service_page, folded);
  adw_header_bar_set_show_start_title_buttons (left, !self->kiosk);
  adw_header_bar_set_show_end_title_buttons (left, !self->kiosk && folded);
  adw_header_bar_set_show_start_title_buttons (right, !self->kiosk && folded);
  adw_header_bar_set_show_end_title_buttons (right, !self->kiosk);
}

/* With no service open the search pane has the whole window; beside one it keeps its
 * natural width and the service takes the rest. */
void
sp_window_show_service_pane (SpWindow *self,
                             gboolean  shown)
{
  gtk_widget_set_visible (GTK_WIDGET (self->service_page), shown);
  gtk_widget_set_hexpand (GTK_WIDGET (self->search_page), !shown);
}

/**
 * sp_window_open_service:
 *
 * Shows the service @id on the service page (and goes to it on a narrow window).
 */
void
sp_window_open_service (SpWindow   *self,
                        const char *id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) now = NULL;
  SpServiceDetail *detail;

  g_return_if_fail (SP_IS_WINDOW (self));
  g_return_if_fail (id != NULL);

  if (self->details == NULL)
    return;
  detail = sp_detail_cache_get (self->details, id, &error);
  if (detail == NULL)
    {
      sp_window_add_toast (self, adw_toast_new (error->message));
      return;
    }
  now = dup_now (self);
  sp_service_page_show (self->service_page, detail, now);
  sp_window_show_service_pane (self, TRUE);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->service_page));
}

static void
service_activated (SpSearchPage *page,
                   const char   *id,
                   SpWindow     *self)
{
  sp_window_open_service (self, id);
}

/* Escape on the service page of a narrow window goes back to the results. */
static gboolean
service_key_pressed (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     SpWindow              *self)
{
  if (keyval == GDK_KEY_Escape && adw_leaflet_get_folded (self->leaflet))
    {
      go_back (NULL, NULL, self);
      return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

/* ---- slips ------------------------------------------------------------------------- */

static GPtrArray *
saved_details (SpWindow *self)
{
  GPtrArray *details = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < sp_shortlist_get_count (self->shortlist); i++)
    {
      SpServiceDetail *detail = sp_detail_cache_get (self->details, sp_shortlist_get_id (self->shortlist, i), NULL);
      if (detail != NULL)
        g_ptr_array_add (details, g_object_ref (detail));
    }
  return details;
}

static GPtrArray *
shown_details (SpWindow *self)
{
  GPtrArray *details = g_ptr_array_new_with_free_func (g_object_unref);
  SpServiceDetail *detail = sp_service_page_get_detail (self->service_page);

  if (detail != NULL)
    g_ptr_array_add (details, g_object_ref (detail));
  return details;
}

static void
printed (GError   *error,
         gpointer  data)
{
  g_autoptr (SpWindow) self = data;

  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not print or save: %s"), error->message);
      sp_window_add_toast (self, adw_toast_new (message));
    }
}

static void
print_details (SpWindow  *self,
               GPtrArray *details)
{
  g_autoptr (GDateTime) now = dup_now (self);
  SpSlipContent content = { self->store, details, self->text_size >= 2, NULL, now };

  if (self->store == NULL || details->len == 0)
    return;
  if (!self->kiosk)
    {
      sp_print_with_dialog (GTK_WINDOW (self), &content, printed, g_object_ref (self));
      return;
    }

  sp_window_print_kiosk (self, &content);
}

static void
print_service (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       data)
{
  SpWindow *self = SP_WINDOW (data);
  g_autoptr (GPtrArray) details = shown_details (self);

  print_details (self, details);
}

static void
print_saved (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       data)
{
  SpWindow *self = SP_WINDOW (data);
  g_autoptr (GPtrArray) details = saved_details (self);

  print_details (self, details);
}

static void
save_pdf (SpWindow   *self,
          GPtrArray  *details,
          const char *name)
{
  g_autoptr (GDateTime) now = dup_now (self);
  g_autofree char *file_name = g_strdup_printf ("%s.pdf", name);
  SpSlipContent content = { self->store, details, self->text_size >= 2, NULL, now };

  if (self->kiosk || self->store == NULL || details->len == 0)
    return;
  sp_print_save_pdf (GTK_WINDOW (self), &content, file_name, printed, g_object_ref (self));
}

static void
pdf_service (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       data)
{
  SpWindow *self = SP_WINDOW (data);
  g_autoptr (GPtrArray) details = shown_details (self);

  if (details->len > 0)
    save_pdf (self, details, sp_service_detail_get_name (details->pdata[0]));
}

static void
pdf_saved (GSimpleAction *action,
           GVariant      *parameter,
           gpointer       data)
{
  SpWindow *self = SP_WINDOW (data);
  g_autoptr (GPtrArray) details = saved_details (self);

  save_pdf (self, details, _("Saved services"));
}

static void
clear_saved (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       data)
{
  SpWindow *self = SP_WINDOW (data);

  if (self->shortlist != NULL)
    sp_shortlist_clear (self->shortlist);
}

static gboolean
close_requested (GtkWindow *window,
                 gpointer   data)
{
  SpWindow *self = SP_WINDOW (window);

  if (self->kiosk)
    return TRUE;
  if (self->settings != NULL)
    {
      int width, height;
      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
    }
  return FALSE;
}

/* ---- the window ------------------------------------------------------------------------ */

static const GActionEntry desktop_actions[] = {
  { "pdf-service", pdf_service },
  { "pdf-saved", pdf_saved },
};

static const GActionEntry actions[] = {
  { "back", go_back },
  { "focus-search", focus_search },
  { "text-size", NULL, "u", "uint32 0", text_size_changed },
  { "high-contrast", NULL, NULL, "false", high_contrast_changed },
  { "text-larger", text_larger },
  { "text-smaller", text_smaller },
  { "print-service", print_service },
  { "print-saved", print_saved },
  { "clear-saved", clear_saved },
  { "leave-kiosk", sp_window_leave_kiosk },
  { "choose-language", sp_window_choose_language, "s" },
};

static void
sp_window_dispose (GObject *object)
{
  SpWindow *self = SP_WINDOW (object);

  if (self->guard != NULL)
    sp_kiosk_guard_stop (self->guard);
  g_clear_object (&self->guard);
  sp_window_stop_repair (self);
  /* A print that ends after the window has gone (leaving kiosk mode) tells nobody. */
  self->visit++;
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_WINDOW);
  G_OBJECT_CLASS (sp_window_parent_class)->dispose (object);
}

static void
sp_window_finalize (GObject *object)
{
  SpWindow *self = SP_WINDOW (object);

  /* The pages used the index; they are gone now. */
  g_clear_pointer (&self->index, sp_search_index_close);
  g_clear_object (&self->details);
  g_clear_object (&self->shortlist);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->now, g_date_time_unref);
  g_free (self->print_output);
  g_free (self->directory_status);
  g_ptr_array_unref (self->toasts_shown);
  G_OBJECT_CLASS (sp_window_parent_class)->finalize (object);
}

static void
sp_window_class_init (SpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_window_dispose;
  object_class->finalize = sp_window_finalize;

  /**
   * SpWindow::leave-kiosk:
   *
   * A directory editor gave the right PIN: the application should leave kiosk mode.
   */
  signals[LEAVE_KIOSK] = g_signal_new ("leave-kiosk", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * SpWindow::replaced:
   * @fresh: the window that takes this one's place
   *
   * A kiosk visitor chose another language: @fresh, built in it, shows the same directory
   * and this window is about to be destroyed. Whoever kept this window keeps @fresh.
   */
  signals[REPLACED] = g_signal_new ("replaced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, SP_TYPE_WINDOW);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/signpost/Signpost/sp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SpWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, leaflet);
}

static void
sp_window_init (SpWindow *self)
{
  sp_window_ensure_resources ();
  gtk_widget_init_template (GTK_WIDGET (self));
  self->toasts_shown = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * sp_window_new:
 * @application: (nullable): the application, for its actions and accelerators
 * @settings: (nullable): the app's settings; %NULL uses none (tests)
 * @kiosk: whether the window is a public kiosk
 */
SpWindow *
sp_window_new (GtkApplication *application,
               GSettings      *settings,
               gboolean        kiosk)
{
  SpWindow *self = g_object_new (SP_TYPE_WINDOW, "application", application, NULL);
  GtkEventController *keys;

  self->kiosk = kiosk;
  self->settings = settings != NULL ? g_object_ref (settings) : NULL;
  self->shortlist = sp_shortlist_new (kiosk ? NULL : settings);
  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
  if (!kiosk)
    g_action_map_add_action_entries (G_ACTION_MAP (self), desktop_actions, G_N_ELEMENTS (desktop_actions), self);

  self->search_page = SP_SEARCH_PAGE (sp_search_page_new (kiosk));
  self->service_page = SP_SERVICE_PAGE (sp_service_page_new (kiosk));
  adw_leaflet_append (self->leaflet, GTK_WIDGET (self->search_page));
  adw_leaflet_append (self->leaflet, GTK_WIDGET (self->service_page));
  gtk_widget_set_size_request (GTK_WIDGET (self->search_page), 360, -1);
  gtk_widget_set_size_request (GTK_WIDGET (self->service_page), 360, -1);
  gtk_widget_set_hexpand (GTK_WIDGET (self->service_page), TRUE);
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (folded_changed), self);
  g_signal_connect (self->search_page, "service-activated", G_CALLBACK (service_activated), self);
  sp_window_watch_index (self);
  sp_service_page_set_shortlist (self->service_page, self->shortlist);
  sp_window_show_service_pane (self, FALSE);
  folded_changed (self);

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (service_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->service_page), keys);
  gtk_search_entry_set_key_capture_widget (GTK_SEARCH_ENTRY (sp_search_page_get_entry (self->search_page)),
                                           GTK_WIDGET (self));
  g_signal_connect (self, "close-request", G_CALLBACK (close_requested), NULL);

  if (settings != NULL && !kiosk)
    {
      set_text_size (self, g_settings_get_uint (settings, "text-size"));
      g_action_group_change_action_state (G_ACTION_GROUP (self), "high-contrast",
                                          g_variant_new_boolean (g_settings_get_boolean (settings, "high-contrast")));
      g_signal_connect (settings, "changed::text-size", G_CALLBACK (text_setting_changed), self);
      g_signal_connect (settings, "changed::high-contrast", G_CALLBACK (text_setting_changed), self);
      gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
  else
    gtk_window_set_default_size (GTK_WINDOW (self), 1100, 760);

  if (kiosk)
    sp_window_start_kiosk (self);
  apply_text (self);
  return self;
}

gboolean
sp_window_get_kiosk (SpWindow *self)
{
  g_return_val_if_fail (SP_IS_WINDOW (self), FALSE);
  return self->kiosk;
}

SpSearchPage *
sp_window_get_search_page (SpWindow *self)
{
  g_return_val_if_fail (SP_IS_WINDOW (self), NULL);
  return self->search_page;
}

SpServicePage *
sp_window_get_service_page (SpWindow *self)
{
  g_return_val_if_fail (SP_IS_WINDOW (self), NULL);
  return self->service_page;
}

SpShortlist *
sp_window_get_shortlist (SpWindow *self)
{
  g_return_val_if_fail (SP_IS_WINDOW (self), NULL);
  return self->shortlist;
}

/**
 * sp_window_get_kiosk_guard:
 *
 * Returns: (transfer none) (nullable): the idle guard of a kiosk window
 */
SpKioskGuard *
sp_window_get_kiosk_guard (SpWindow *self)
{
  g_return_val_if_fail (SP_IS_WINDOW (self), NULL);
  return self->guard;
}

/* The kiosk's print operation exports its pages to this PDF file instead of printing them
 * (tests: CI has no printer). */
void
sp_window_set_print_output (SpWindow   *self,
                            const char *uri)
{
  g_return_if_fail (SP_IS_WINDOW (self));
  g_free (self->print_output);
  self->print_output = g_strdup (uri);
}

void
sp_window_set_now (SpWindow  *self,
                   GDateTime *now)
{
  g_return_if_fail (SP_IS_WINDOW (self));
  g_clear_pointer (&self->now, g_date_time_unref);
  self->now = now != NULL ? g_date_time_ref (now) : NULL;
  sp_search_page_set_now (self->search_page, now);
}
