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

#include "sp-ui-language.h"

#include "sp-application.h"
#include "sp-data-dir.h"
#include "sp-import-dialog.h"
#include "sp-link-worker-window.h"
#include "sp-preferences-window.h"
#include "sp-search-directory.h"
#include "sp-search-index.h"
#include "sp-sync-client.h"
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
  guint sync_timer;
  GCancellable *sync_cancellable;   /* (nullable) while a round runs */
  GtkWindow *link_worker;    /* (nullable) (unowned) the Link Worker window, while open */
};

G_DEFINE_FINAL_TYPE (SpApplication, sp_application, ADW_TYPE_APPLICATION)

static void open_window (SpApplication *self,
                         SpWindow      *from);
static void schedule_sync (SpApplication *self);

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

/* What the thread hands the window: the store and an index brought up to date with it. */
typedef struct
{
  SpStore *store;
  SpSearchIndex *index;
} Prepared;

static void
prepared_free (Prepared *prepared)
{
  g_clear_pointer (&prepared->index, sp_search_index_close);
  g_clear_object (&prepared->store);
  g_free (prepared);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Prepared, prepared_free)

static void
prepare_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  const char *store_path = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (Prepared) prepared = g_new0 (Prepared, 1);

  /* The app only reads the store (imports write through a connection of their own), so
   * a data folder it may not change still works. The index is brought up to date here,
   * where a rebuild freezes nothing; the window then uses both on the main thread. */
  if ((prepared->store = sp_store_open_for_reading (store_path, &error)) == NULL ||
      (prepared->index = sp_search_index_open (prepared->store, NULL, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&prepared), (GDestroyNotify) prepared_free);
}

static void
prepared (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  g_autoptr (SpApplication) self = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (Prepared) ready = g_task_propagate_pointer (G_TASK (result), &error);

  if (self->window == NULL)
    return;
  if (ready == NULL)
    {
      sp_window_show_unavailable (self->window, error->message);
      return;
    }
  g_set_object (&self->store, ready->store);
  sp_window_set_directory (self->window, self->store, g_steal_pointer (&ready->index));
  /* At start, and then every sync interval. */
  if (self->sync_timer == 0)
    schedule_sync (self);
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

/* ---- keeping the directory current from the hub ------------------------------------- */

typedef struct
{
  char *store_path;
  char *hub_url;
  gboolean changed;      /* out: the round brought changes */
  char *status;          /* out: the window's line about the copy */
} SyncJob;

static void
sync_job_free (SyncJob *job)
{
  g_free (job->store_path);
  g_free (job->hub_url);
  g_free (job->status);
  g_free (job);
}

/* A round, off the main thread, through a write path of its own: the window's index
 * sees the changes once the round has committed them. */
static void
sync_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SyncJob *job = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (SpDirectory) directory = sp_search_open_directory (job->store_path, &error);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_auto (SpSyncSource) source_state = { 0 };
  SpSyncReport report = { 0 };

  if (directory == NULL)
    {
      /* A data folder this user may only read: someone else keeps it current. */
      g_debug ("Not syncing: %s", error->message);
      g_task_return_boolean (task, FALSE);
      return;
    }
  if (sp_sync_round (directory, job->hub_url, cancellable, &report, &error))
    job->changed = !report.unchanged && (report.written > 0 || report.removed > 0);
  else
    g_message ("Syncing from %s failed: %s", job->hub_url, error->message);
  if (sp_store_get_sync_source (sp_directory_get_store (directory), NULL, &source_state, NULL))
    job->status = sp_sync_describe (&source_state, now);
  g_task_return_boolean (task, TRUE);
}

static void
sync_finished (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr (SpApplication) self = data;
  SyncJob *job = g_task_get_task_data (G_TASK (result));

  g_clear_object (&self->sync_cancellable);
  if (!g_task_propagate_boolean (G_TASK (result), NULL) || self->window == NULL)
    return;
  if (job->changed)
    sp_window_directory_changed (self->window);
  sp_window_set_directory_status (self->window, job->status);
}

static void
start_sync_round (SpApplication *self)
{
  g_autofree char *hub_url = g_settings_get_string (self->settings, "hub-url");
  g_autoptr (GTask) task = NULL;
  SyncJob *job;

  if (*hub_url == '\0' || self->store_path == NULL || self->sync_cancellable != NULL)
    return;
  job = g_new0 (SyncJob, 1);
  job->store_path = g_strdup (self->store_path);
  job->hub_url = g_steal_pointer (&hub_url);
  self->sync_cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->sync_cancellable, sync_finished, g_object_ref (self));
  g_task_set_task_data (task, job, (GDestroyNotify) sync_job_free);
  g_task_run_in_thread (task, sync_thread);
}

static gboolean
sync_due (gpointer data)
{
  start_sync_round (SP_APPLICATION (data));
  return G_SOURCE_CONTINUE;
}

/* A round now, and one every sync interval (monotonic: a clock that jumps changes
 * nothing); again when the hub or the interval is changed. */
static void
schedule_sync (SpApplication *self)
{
  g_clear_handle_id (&self->sync_timer, g_source_remove);
  if (self->settings == NULL)
    return;
  start_sync_round (self);
  self->sync_timer = g_timeout_add_seconds (60 * MAX (1u, g_settings_get_uint (self->settings, "sync-interval-minutes")),
                                            sync_due, self);
}

static void
sync_setting_changed (GSettings     *settings,
                      const char    *key,
                      SpApplication *self)
{
  if (self->store != NULL)
    schedule_sync (self);
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

/* The desktop window takes the kiosk's store and index: nothing is opened again. */
static void
leave_kiosk (SpWindow      *window,
             SpApplication *self)
{
  SpWindow *old = self->window;

  self->kiosk = FALSE;
  self->window = NULL;
  open_window (self, old);
  gtk_window_destroy (GTK_WINDOW (old));
}

static void
window_destroyed (SpWindow      *window,
                  SpApplication *self)
{
  if (self->window == window)
    self->window = NULL;
}

static void window_replaced (SpWindow *window, SpWindow *fresh, SpApplication *self);

static void
watch_window (SpApplication *self,
              SpWindow      *window)
{
  g_signal_connect (window, "leave-kiosk", G_CALLBACK (leave_kiosk), self);
  g_signal_connect (window, "destroy", G_CALLBACK (window_destroyed), self);
  g_signal_connect (window, "replaced", G_CALLBACK (window_replaced), self);
}

/* A kiosk visitor chose a language: the window built in it is the app's window now. */
static void
window_replaced (SpWindow      *window,
                 SpWindow      *fresh,
                 SpApplication *self)
{
  if (self->window == window)
    self->window = fresh;
  watch_window (self, fresh);
}

/* A new window, showing the directory of @from (nullable) when it has one, else the
 * directory opened afresh in a thread. */
static void
open_window (SpApplication *self,
             SpWindow      *from)
{
  set_accels (self);
  self->window = sp_window_new (GTK_APPLICATION (self), self->settings, self->kiosk);
  watch_window (self, self->window);
  gtk_window_present (GTK_WINDOW (self->window));
  if (from == NULL || !sp_window_take_directory (self->window, from))
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
  /* Urdu reads right to left: the whole window mirrors. GTK would take this from its own
   * catalogue, which may lack the language; Signpost's translators say it in its own. */
  gtk_widget_set_default_direction (sp_ui_language_is_rtl () ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
  self->settings = g_settings_new (APP_ID);
  g_signal_connect (self->settings, "changed::hub-url", G_CALLBACK (sync_setting_changed), self);
  g_signal_connect (self->settings, "changed::sync-interval-minutes", G_CALLBACK (sync_setting_changed), self);
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
  open_window (self, NULL);
}

static void
sp_application_shutdown (GApplication *application)
{
  SpApplication *self = SP_APPLICATION (application);

  g_clear_handle_id (&self->sync_timer, g_source_remove);
  if (self->sync_cancellable != NULL)
    g_cancellable_cancel (self->sync_cancellable);
  G_APPLICATION_CLASS (sp_application_parent_class)->shutdown (application);
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
  app_class->shutdown = sp_application_shutdown;
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
