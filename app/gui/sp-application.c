/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-application.c: the Signpost application: options, actions, opening the directory.
 *
 * `signpost [--kiosk] [--data-dir DIR]`. The window shows at once; the directory store
 * and its search index are opened in a thread, because a missing or stale index is
 * rebuilt first (half a minute for 100 000 services) and the window must not freeze for
 * it. When that is done the window gets the store and a search index it can query.
 */
#include "config.h"

#include <string.h>
#include <time.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "sp-application.h"
#include "sp-data-dir.h"
#include "sp-import-dialog.h"
#include "sp-link-worker-window.h"
#include "sp-preferences-window.h"
#include "sp-search-index.h"
#include "sp-window.h"

struct _SpApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
  char *data_dir_option;
  gboolean kiosk_option;
  gboolean kiosk;
  char *store_path;
  SpStore *store;
  SpWindow *window;
  GtkWindow *link_worker;    /* (nullable) (unowned) the Link Worker window, while open */
};

G_DEFINE_FINAL_TYPE (SpApplication, sp_application, ADW_TYPE_APPLICATION)

static void open_window (SpApplication *self);

/* ---- opening the directory ----------------------------------------------------------- */

/* SIGNPOST_STARTUP_PROBE=1: once the first frame with the directory searchable has been
 * drawn, print how long since the process started and quit (the startup benchmark). */
static void
startup_painted (GdkFrameClock *clock,
                 SpApplication *self)
{
  g_autofree char *stat = NULL;
  g_auto (GStrv) fields = NULL;
  double since_start = -1;

  g_signal_handlers_disconnect_by_func (clock, startup_painted, self);
  /* Field 22 of /proc/self/stat: when the process started, in clock ticks since boot. */
  if (g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL))
    {
      const char *after_name = strrchr (stat, ')');
      if (after_name != NULL && (fields = g_strsplit (after_name + 2, " ", -1)) != NULL &&
          g_strv_length (fields) > 19)
        {
          double started = g_ascii_strtod (fields[19], NULL) / sysconf (_SC_CLK_TCK);
          struct timespec now;
          clock_gettime (CLOCK_BOOTTIME, &now);
          since_start = now.tv_sec + now.tv_nsec / 1e9 - started;
        }
    }
  g_print ("signpost: interactive %.0f ms after the process started\n", since_start * 1000);
  g_application_quit (G_APPLICATION (self));
}

static void
probe_first_frame (SpApplication *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->window));

  if (clock == NULL)
    return;
  g_signal_connect (clock, "after-paint", G_CALLBACK (startup_painted), self);
  gtk_widget_queue_draw (GTK_WIDGET (self->window));
}

static void
prepare_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  const char *store_path = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (SpStore) store = sp_store_open (store_path, &error);
  g_autoptr (SpSearchIndex) index = NULL;

  /* Bring the index up to date here, where a rebuild freezes nothing. */
  if (store == NULL || (index = sp_search_index_open (store, NULL, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
prepared (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  g_autoptr (SpApplication) self = data;
  g_autoptr (GError) error = NULL;
  SpSearchIndex *index;

  if (self->window == NULL)
    return;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *message = g_strdup_printf (_("%s\n\nCheck that the data folder can be read, or ask "
                                                    "whoever looks after this computer."), error->message);
      sp_window_show_unavailable (self->window, message);
      return;
    }
  if (self->store == NULL && (self->store = sp_store_open (self->store_path, &error)) == NULL)
    {
      sp_window_show_unavailable (self->window, error->message);
      return;
    }
  index = sp_search_index_open (self->store, NULL, &error);
  if (index == NULL)
    {
      sp_window_show_unavailable (self->window, error->message);
      return;
    }
  sp_window_set_directory (self->window, self->store, index);
  if (g_getenv ("SIGNPOST_STARTUP_PROBE") != NULL)
    probe_first_frame (self);
}

static void
open_directory (SpApplication *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GTask) task = NULL;
  g_autofree char *dir = NULL;

  if (self->store_path == NULL)
    {
      dir = sp_data_dir_ensure (self->data_dir_option, &error);
      if (dir == NULL)
        {
          sp_window_show_unavailable (self->window, error->message);
          return;
        }
      self->store_path = sp_data_dir_store_path (dir);
    }
  task = g_task_new (NULL, NULL, prepared, g_object_ref (self));
  g_task_set_task_data (task, g_strdup (self->store_path), g_free);
  g_task_run_in_thread (task, prepare_thread);
}

/* ---- actions --------------------------------------------------------------------------- */

static void
show_about (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       data)
{
  SpApplication *self = SP_APPLICATION (data);
  const char *developers[] = { _("The Signpost developers"), NULL };

  adw_show_about_window (GTK_WINDOW (self->window),
                         "application-name", _("Signpost"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Signpost developers"),
                         "developers", developers,
                         "comments", _("Find local support and activities: memory cafés, carers’ groups, "
                                       "befriending, money and housing advice, and more."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static void
show_preferences (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       data)
{
  SpApplication *self = SP_APPLICATION (data);

  if (self->kiosk || self->store == NULL)
    return;
  gtk_window_present (GTK_WINDOW (sp_preferences_window_new (GTK_WINDOW (self->window), self->settings,
                                                             self->store)));
}

static void
imported (gpointer data)
{
  SpApplication *self = SP_APPLICATION (data);

  if (self->window != NULL)
    sp_window_directory_changed (self->window);
}

static void
import_feed (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       data)
{
  SpApplication *self = SP_APPLICATION (data);

  if (self->kiosk || self->store_path == NULL)
    return;
  sp_import_dialog_choose_and_run (GTK_WINDOW (self->window), self->store_path, imported, self);
}

static void
quit (GSimpleAction *action,
      GVariant      *parameter,
      gpointer       data)
{
  SpApplication *self = SP_APPLICATION (data);

  if (self->kiosk)
    return;
  if (self->window != NULL)
    gtk_window_close (GTK_WINDOW (self->window));
}

/* ---- the Link Worker area: not in a kiosk, where the action does not exist -------------- */

static void
open_link_worker (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       data)
{
  SpApplication *self = SP_APPLICATION (data);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  SpLinkWorkerWindow *window;

  if (self->kiosk)
    return;
  if (self->link_worker != NULL)
    {
      gtk_window_present (self->link_worker);
      return;
    }
  if ((dir = sp_data_dir_ensure (self->data_dir_option, &error)) == NULL ||
      (window = sp_link_worker_window_new (GTK_APPLICATION (self), self->settings, dir, &error)) == NULL)
    {
      AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self->window),
                                                                             _("The referrals cannot be opened"),
                                                                             error->message));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  sp_link_worker_window_set_directory_window (window, self->window);
  self->link_worker = GTK_WINDOW (window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->link_worker);
  gtk_window_present (self->link_worker);
}

static void
update_link_worker_action (SpApplication *self)
{
  static const GActionEntry entry[] = { { "link-worker", open_link_worker } };

  if (self->kiosk)
    g_action_map_remove_action (G_ACTION_MAP (self), "link-worker");
  else if (g_action_map_lookup_action (G_ACTION_MAP (self), "link-worker") == NULL)
    g_action_map_add_action_entries (G_ACTION_MAP (self), entry, 1, self);
}

static const GActionEntry app_actions[] = {
  { "about", show_about },
  { "preferences", show_preferences },
  { "import", import_feed },
  { "quit", quit },
};

/* Accelerators a kiosk does not have: nothing that quits, imports or configures. */
static void
set_accels (SpApplication *self)
{
  GtkApplication *app = GTK_APPLICATION (self);
  const char *none[] = { NULL };
  struct { const char *action; const char *accels[3]; } always[] = {
    { "win.focus-search", { "<Control>f", NULL } },
    { "win.back", { "<Alt>Left", NULL } },
    { "win.text-larger", { "<Control>plus", "<Control>equal", NULL } },
    { "win.text-smaller", { "<Control>minus", NULL } },
  }, desktop[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.import", { "<Control>o", NULL } },
    { "win.print-service", { "<Control>p", NULL } },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (always); i++)
    gtk_application_set_accels_for_action (app, always[i].action, always[i].accels);
  for (gsize i = 0; i < G_N_ELEMENTS (desktop); i++)
    gtk_application_set_accels_for_action (app, desktop[i].action, self->kiosk ? none : desktop[i].accels);
  gtk_application_set_accels_for_action (app, "win.leave-kiosk",
                                         self->kiosk ? (const char *[]) { "<Control><Alt>k", NULL } : none);
  for (gsize i = 0; i < G_N_ELEMENTS (app_actions); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), app_actions[i].name);
      g_simple_action_set_enabled (G_SIMPLE_ACTION (action),
                                   !self->kiosk || g_str_equal (app_actions[i].name, "about"));
    }
  update_link_worker_action (self);
}

static void
leave_kiosk (SpWindow      *window,
             SpApplication *self)
{
  SpWindow *old = self->window;

  self->kiosk = FALSE;
  self->window = NULL;
  open_window (self);
  gtk_window_destroy (GTK_WINDOW (old));
}

static void
window_destroyed (SpWindow      *window,
                  SpApplication *self)
{
  if (self->window == window)
    self->window = NULL;
}

static void
open_window (SpApplication *self)
{
  set_accels (self);
  self->window = sp_window_new (GTK_APPLICATION (self), self->settings, self->kiosk);
  g_signal_connect (self->window, "leave-kiosk", G_CALLBACK (leave_kiosk), self);
  g_signal_connect (self->window, "destroy", G_CALLBACK (window_destroyed), self);
  gtk_window_present (GTK_WINDOW (self->window));
  if (self->store != NULL)
    {
      g_autoptr (GError) error = NULL;
      SpSearchIndex *index = sp_search_index_open (self->store, NULL, &error);
      if (index != NULL)
        sp_window_set_directory (self->window, self->store, index);
      else
        sp_window_show_unavailable (self->window, error->message);
    }
  else
    open_directory (self);
}

/* ---- the application -------------------------------------------------------------------- */

static int
sp_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  SpApplication *self = SP_APPLICATION (application);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("signpost %s\n", PACKAGE_VERSION);
      return 0;
    }
  g_variant_dict_lookup (options, "data-dir", "^ay", &self->data_dir_option);
  self->kiosk_option = g_variant_dict_contains (options, "kiosk");
  return G_APPLICATION_CLASS (sp_application_parent_class)->handle_local_options (application, options);
}

static void
sp_application_startup (GApplication *application)
{
  SpApplication *self = SP_APPLICATION (application);

  G_APPLICATION_CLASS (sp_application_parent_class)->startup (application);
  self->settings = g_settings_new (APP_ID);
  self->kiosk = self->kiosk_option || g_settings_get_boolean (self->settings, "kiosk-mode");
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_window_set_default_icon_name (APP_ID);
}

static void
sp_application_activate (GApplication *application)
{
  SpApplication *self = SP_APPLICATION (application);

  if (self->window != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->window));
      return;
    }
  open_window (self);
}

static void
sp_application_finalize (GObject *object)
{
  SpApplication *self = SP_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_free (self->data_dir_option);
  g_free (self->store_path);
  G_OBJECT_CLASS (sp_application_parent_class)->finalize (object);
}

static void
sp_application_class_init (SpApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = sp_application_finalize;
  app_class->handle_local_options = sp_application_handle_local_options;
  app_class->startup = sp_application_startup;
  app_class->activate = sp_application_activate;
}

static void
sp_application_init (SpApplication *self)
{
  const GOptionEntry options[] = {
    { "kiosk", 'k', 0, G_OPTION_ARG_NONE, NULL, N_("Run as a public kiosk: full screen, reset after each visit"), NULL },
    { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, NULL, N_("Data folder (default $SIGNPOST_DATA_DIR, else ~/.local/share/signpost)"), N_("DIR") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and quit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

SpApplication *
sp_application_new (void)
{
  /* One process per session; a kiosk and a second desktop window would share it. */
  return g_object_new (SP_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/org/signpost/Signpost",
                       NULL);
}
