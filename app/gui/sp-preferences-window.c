/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-preferences-window.c: Preferences: home location, order, text, and the kiosk's policy.
 *
 * Everything is a GSettings key, bound both ways, except two that need work first: the
 * home location is looked up in the directory itself (offline) before it is kept, and a
 * new kiosk PIN is kept only as its Argon2id hash, made in a thread (it takes a fraction
 * of a second).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-pin.h"
#include "sp-place.h"
#include "sp-preferences-window.h"

struct _SpPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  AdwEntryRow *home_row;
  AdwActionRow *home_status_row;
  GtkWidget *home_clear_button;
  AdwComboRow *sort_row;
  AdwComboRow *text_size_row;
  GtkWidget *contrast_switch;
  GtkWidget *kiosk_switch;
  AdwEntryRow *pin_row;
  AdwActionRow *pin_status_row;
  GtkWidget *idle_spin;
  GtkWidget *prompt_spin;
  AdwEntryRow *location_row;
  AdwEntryRow *printer_row;
  AdwComboRow *paper_row;
  GtkWidget *prints_spin;

  GSettings *settings;
  SpStore *store;
  GCancellable *hashing;   /* (nullable) while a new PIN is hashed in a thread */
};

G_DEFINE_FINAL_TYPE (SpPreferencesWindow, sp_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char *papers[] = { "a4", "a5", "receipt80" };

static void
show_home (SpPreferencesWindow *self)
{
  g_autofree char *name = g_settings_get_string (self->settings, "home-name");
  g_autofree char *where = NULL;

  if (*name == '\0')
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->home_status_row), _("No home location set"));
      adw_action_row_set_subtitle (self->home_status_row, "");
      gtk_widget_set_sensitive (self->home_clear_button, FALSE);
      return;
    }
  where = g_strdup_printf ("%.4f, %.4f", g_settings_get_double (self->settings, "home-latitude"),
                           g_settings_get_double (self->settings, "home-longitude"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->home_status_row), name);
  adw_action_row_set_subtitle (self->home_status_row, where);
  gtk_widget_set_sensitive (self->home_clear_button, TRUE);
}

static void
home_applied (AdwEntryRow         *row,
              SpPreferencesWindow *self)
{
  g_autoptr (GError) error = NULL;
  SpPlace place = { 0 };

  if (!sp_place_lookup (self->store, gtk_editable_get_text (GTK_EDITABLE (row)), &place, &error))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      return;
    }
  g_settings_set_double (self->settings, "home-latitude", place.latitude);
  g_settings_set_double (self->settings, "home-longitude", place.longitude);
  g_settings_set_string (self->settings, "home-name", place.label);
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  sp_place_clear (&place);
  show_home (self);
}

static void
home_cleared (GtkButton           *button,
              SpPreferencesWindow *self)
{
  g_settings_set_string (self->settings, "home-name", "");
  show_home (self);
}

static void
show_pin (SpPreferencesWindow *self)
{
  g_autofree char *hash = g_settings_get_string (self->settings, "kiosk-pin-hash");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->pin_status_row),
                                 *hash != '\0' ? _("A PIN is set: Ctrl+Alt+K, then the PIN, leaves kiosk mode")
                                               : _("No PIN set: kiosk mode cannot be left from the kiosk"));
}

static void
pin_hashed (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr (SpPreferencesWindow) self = data;
  g_autoptr (GError) error = NULL;
  g_autofree char *hash = sp_pin_hash_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->hashing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->pin_row), TRUE);
  show_pin (self);
  if (hash == NULL)
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      return;
    }
  g_settings_set_string (self->settings, "kiosk-pin-hash", hash);
  gtk_editable_set_text (GTK_EDITABLE (self->pin_row), "");
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (_("The new PIN is set")));
  show_pin (self);
}

static void
pin_applied (AdwEntryRow         *row,
             SpPreferencesWindow *self)
{
  g_autofree char *reason = NULL;
  const char *pin = gtk_editable_get_text (GTK_EDITABLE (row));

  if (self->hashing != NULL)
    return;
  if (!sp_pin_is_acceptable (pin, &reason))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (reason));
      return;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->pin_status_row), _("Saving the new PIN…"));
  self->hashing = g_cancellable_new ();
  sp_pin_hash_async (pin, self->hashing, pin_hashed, g_object_ref (self));
}

static gboolean
paper_to_index (GValue   *value,
                GVariant *variant,
                gpointer  data)
{
  const char *paper = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    if (g_str_equal (paper, papers[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
index_to_paper (const GValue       *value,
                const GVariantType *type,
                gpointer            data)
{
  guint i = g_value_get_uint (value);
  return g_variant_new_string (papers[MIN (i, G_N_ELEMENTS (papers) - 1)]);
}

static gboolean
enum_to_index (GValue   *value,
               GVariant *variant,
               gpointer  data)
{
  g_value_set_uint (value, g_str_equal (g_variant_get_string (variant, NULL), "distance") ? 1 : 0);
  return TRUE;
}

static GVariant *
index_to_enum (const GValue       *value,
               const GVariantType *type,
               gpointer            data)
{
  return g_variant_new_string (g_value_get_uint (value) == 1 ? "distance" : "relevance");
}

static void
sp_preferences_window_dispose (GObject *object)
{
  SpPreferencesWindow *self = SP_PREFERENCES_WINDOW (object);

  if (self->hashing != NULL)
    g_cancellable_cancel (self->hashing);
  g_clear_object (&self->hashing);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_PREFERENCES_WINDOW);
  G_OBJECT_CLASS (sp_preferences_window_parent_class)->dispose (object);
}

static void
sp_preferences_window_class_init (SpPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_preferences_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/org/signpost/Signpost/sp-preferences-window.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, SpPreferencesWindow, name)
  BIND (home_row); BIND (home_status_row); BIND (home_clear_button); BIND (sort_row);
  BIND (text_size_row); BIND (contrast_switch); BIND (kiosk_switch); BIND (pin_row);
  BIND (pin_status_row); BIND (idle_spin); BIND (prompt_spin); BIND (location_row);
  BIND (printer_row); BIND (paper_row); BIND (prints_spin);
#undef BIND
}

static void
sp_preferences_window_init (SpPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sp_preferences_window_new (GtkWindow *parent,
                           GSettings *settings,
                           SpStore   *store)
{
  SpPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  self = g_object_new (SP_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->settings = g_object_ref (settings);
  self->store = g_object_ref (store);

  g_settings_bind_with_mapping (settings, "default-sort", self->sort_row, "selected", G_SETTINGS_BIND_DEFAULT,
                                enum_to_index, index_to_enum, NULL, NULL);
  g_settings_bind (settings, "text-size", self->text_size_row, "selected", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "high-contrast", self->contrast_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "kiosk-mode", self->kiosk_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "kiosk-idle-seconds", self->idle_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "kiosk-prompt-seconds", self->prompt_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "kiosk-prints-per-visit", self->prints_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "kiosk-location", self->location_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "kiosk-printer", self->printer_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "kiosk-paper", self->paper_row, "selected", G_SETTINGS_BIND_DEFAULT,
                                paper_to_index, index_to_paper, NULL, NULL);

  g_signal_connect (self->home_row, "apply", G_CALLBACK (home_applied), self);
  g_signal_connect (self->home_clear_button, "clicked", G_CALLBACK (home_cleared), self);
  g_signal_connect (self->pin_row, "apply", G_CALLBACK (pin_applied), self);
  show_home (self);
  show_pin (self);
  return GTK_WIDGET (self);
}
