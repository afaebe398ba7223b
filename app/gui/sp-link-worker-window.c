/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-link-worker-window.c: the Link Worker area: signing in, the pages, and work in threads.
 *
 * A window of its own, opened from the main menu; never in kiosk mode, where neither the
 * action nor this window exists and the referral store is never opened. Locked, it shows
 * only the sign-in page. Signed in, it shows the caseload (with the referral, person,
 * directory search and outcome pages inside it), a new referral, the report, the audit log
 * and the practice's settings. Locking (sp-link-worker-window-lock.c) destroys all of those.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-link-worker-window-private.h"

G_DEFINE_FINAL_TYPE (SpLinkWorkerWindow, sp_link_worker_window, ADW_TYPE_APPLICATION_WINDOW)

/* ---- what the pages borrow ------------------------------------------------------------ */

void
sp_link_worker_window_toast (SpLinkWorkerWindow *self,
                             const char         *message)
{
  AdwToast *toast = adw_toast_new (message);

  /* Kept until dismissed, so that locking can take every toast off the screen. */
  g_ptr_array_add (self->toasts_shown, g_object_ref (toast));
  g_signal_connect_swapped (toast, "dismissed", G_CALLBACK (g_ptr_array_remove), self->toasts_shown);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

SpDay
sp_link_worker_window_get_today (SpLinkWorkerWindow *self)
{
  return self->today != 0 ? self->today : sp_day_today ();
}

GSettings *
sp_link_worker_window_get_settings (SpLinkWorkerWindow *self)
{
  return self->settings;
}

/* Returns: (transfer none) (nullable): the directory, while the main window has one open */
SpStore *
sp_link_worker_window_get_directory (SpLinkWorkerWindow *self)
{
  SpSearchIndex *index = NULL;

  if (self->directory_window != NULL)
    return sp_window_get_directory (self->directory_window, &index);
  return self->directory;
}

SpSearchIndex *
sp_link_worker_window_get_index (SpLinkWorkerWindow *self)
{
  SpSearchIndex *index = NULL;

  if (self->directory_window != NULL)
    {
      sp_window_get_directory (self->directory_window, &index);
      return index;
    }
  return self->index;
}

const char *
sp_link_worker_window_get_slip_output (SpLinkWorkerWindow *self)
{
  return self->slip_output;
}

void
sp_link_worker_window_open_referral (SpLinkWorkerWindow *self,
                                     const char         *referral_id)
{
  if (self->caseload_view == NULL)
    return;
  adw_view_stack_set_visible_child_name (self->views, "caseload");
  sp_caseload_view_show_referral (self->caseload_view, referral_id);
}

void
sp_link_worker_window_open_person (SpLinkWorkerWindow *self,
                                   const char         *person_id)
{
  if (self->caseload_view == NULL)
    return;
  adw_view_stack_set_visible_child_name (self->views, "caseload");
  sp_caseload_view_show_person (self->caseload_view, person_id);
}

/* The new-referral page, for someone already known (@person_id) or a new person (NULL). */
void
sp_link_worker_window_new_referral_for (SpLinkWorkerWindow *self,
                                        const char         *person_id)
{
  if (self->new_referral == NULL)
    return;
  sp_new_referral_start (self->new_referral, person_id);
  adw_view_stack_set_visible_child_name (self->views, "new");
  sp_new_referral_focus (self->new_referral);
}

/* A record was saved: the caseload, its flags and counts follow. */
void
sp_link_worker_window_records_changed (SpLinkWorkerWindow *self)
{
  if (self->caseload_view != NULL)
    sp_caseload_view_refresh (self->caseload_view);
  if (self->report_view != NULL)
    sp_report_view_invalidate (self->report_view);
}

/* A dialog (an AdwMessageDialog) to destroy if the window locks before it is answered. */
void
sp_link_worker_window_keep_dialog (SpLinkWorkerWindow *self,
                                   GtkWindow          *dialog)
{
  g_ptr_array_add (self->dialogs, g_object_ref (dialog));
  /* Answered, it closes itself: nothing to destroy then. */
  g_signal_connect_swapped (dialog, "response", G_CALLBACK (g_ptr_array_remove), self->dialogs);
}

void
sp_link_worker_window_keep_chooser (SpLinkWorkerWindow *self,
                                    GtkNativeDialog    *chooser)
{
  g_ptr_array_add (self->choosers, g_object_ref (chooser));
  g_signal_connect_swapped (chooser, "response", G_CALLBACK (g_ptr_array_remove), self->choosers);
}

/* ---- work in a thread ------------------------------------------------------------------- */

gboolean
sp_link_worker_window_is_busy (SpLinkWorkerWindow *self)
{
  return self->busy;
}

typedef struct
{
  SpLinkWorkerDone done;
  gpointer done_data;
  guint generation;
} Pending;

static void
task_over (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  SpLinkWorkerWindow *self = SP_LINK_WORKER_WINDOW (source);
  Pending *pending = data;

  self->busy = FALSE;
  sp_link_worker_lock_task_over (self);
  if (self->views == NULL)
    {
      /* The window was closed meanwhile: nothing left to show the result in. */
      g_free (pending);
      return;
    }
  gtk_widget_set_visible (self->busy_spinner, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->views), TRUE);
  if (pending->generation == self->generation && pending->done != NULL)
    pending->done (self, result, pending->done_data);
  g_free (pending);
}

/**
 * sp_link_worker_window_run:
 * @thread: runs in a thread of its own; it may use the referral store, which nothing else
 *   touches until it is over
 * @done: (nullable): then called in the main thread, unless the window locked meanwhile
 *
 * Runs slow work (Argon2id, a backup, a report PDF, deleting and vacuuming) off the main
 * loop, with a spinner in the header and the pages insensitive meanwhile.
 */
void
sp_link_worker_window_run (SpLinkWorkerWindow *self,
                           GTaskThreadFunc     thread,
                           gpointer            task_data,
                           GDestroyNotify      task_data_free,
                           SpLinkWorkerDone    done,
                           gpointer            done_data)
{
  g_autoptr (GTask) task = NULL;
  Pending *pending;

  if (self->busy)
    {
      /* A dialog answered while something else runs: one thing at a time. */
      sp_link_worker_window_toast (self, _("Wait a moment: Signpost is still busy with the last thing asked."));
      if (task_data_free != NULL)
        task_data_free (task_data);
      return;
    }
  pending = g_new0 (Pending, 1);
  *pending = (Pending) { done, done_data, self->generation };
  self->busy = TRUE;
  gtk_widget_set_visible (self->busy_spinner, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->views), FALSE);
  task = g_task_new (self, NULL, task_over, pending);
  g_task_set_task_data (task, task_data, task_data_free);
  g_task_run_in_thread (task, thread);
}

/* ---- the pages -------------------------------------------------------------------------- */

static AdwViewStackPage *
add_view (SpLinkWorkerWindow *self,
          GtkWidget          *view,
          const char         *name,
          const char         *title,
          const char         *icon)
{
  AdwViewStackPage *page = adw_view_stack_add_titled (self->views, view, name, title);

  adw_view_stack_page_set_icon_name (page, icon);
  return page;
}

/* After signing in: every page, made afresh from the records now in memory. */
void
sp_link_worker_window_build_views (SpLinkWorkerWindow *self)
{
  self->caseload_view = sp_caseload_view_new (self, self->store);
  self->new_referral = sp_new_referral_new (self, self->store);
  self->report_view = sp_report_view_new (self, self->store);
  self->audit_view = sp_audit_view_new (self, self->store);
  self->manage_page = sp_manage_page_new (self, self->store);
  add_view (self, GTK_WIDGET (self->caseload_view), "caseload", _("Caseload"), "view-list-symbolic");
  add_view (self, GTK_WIDGET (self->new_referral), "new", _("New Referral"), "list-add-symbolic");
  add_view (self, GTK_WIDGET (self->report_view), "report", _("Report"), "x-office-spreadsheet-symbolic");
  add_view (self, GTK_WIDGET (self->audit_view), "audit", _("Audit Log"), "document-open-recent-symbolic");
  add_view (self, GTK_WIDGET (self->manage_page), "manage", _("Manage"), "emblem-system-symbolic");
  adw_view_stack_set_visible_child_name (self->views, "caseload");
  sp_caseload_view_focus_search (self->caseload_view);
}

/* Every page goes, not just hidden: nothing that showed a record outlives a lock. */
void
sp_link_worker_window_destroy_views (SpLinkWorkerWindow *self)
{
  GtkWidget *child;

  self->generation++;
  self->caseload_view = NULL;
  self->new_referral = NULL;
  self->report_view = NULL;
  self->audit_view = NULL;
  self->manage_page = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->views))) != NULL)
    adw_view_stack_remove (self->views, child);
  {
    g_autoptr (GPtrArray) dialogs = g_steal_pointer (&self->dialogs);
    self->dialogs = g_ptr_array_new_with_free_func (g_object_unref);
    for (guint i = 0; i < dialogs->len; i++)
      gtk_window_destroy (dialogs->pdata[i]);
  }
  for (guint i = 0; i < self->choosers->len; i++)
    gtk_native_dialog_destroy (self->choosers->pdata[i]);
  g_ptr_array_set_size (self->choosers, 0);
  {
    g_autoptr (GPtrArray) toasts = g_ptr_array_new_with_free_func (g_object_unref);
    for (guint i = 0; i < self->toasts_shown->len; i++)
      g_ptr_array_add (toasts, g_object_ref (self->toasts_shown->pdata[i]));
    for (guint i = 0; i < toasts->len; i++)
      adw_toast_dismiss (toasts->pdata[i]);
    g_ptr_array_set_size (self->toasts_shown, 0);
  }
}

static void
view_changed (SpLinkWorkerWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->views);

  if (g_strcmp0 (name, "audit") == 0 && self->audit_view != NULL)
    sp_audit_view_refresh (self->audit_view);
  else if (g_strcmp0 (name, "report") == 0 && self->report_view != NULL)
    sp_report_view_show (self->report_view);
  else if (g_strcmp0 (name, "manage") == 0 && self->manage_page != NULL)
    sp_manage_page_refresh (self->manage_page);
  else if (g_strcmp0 (name, "new") == 0 && self->new_referral != NULL)
    sp_new_referral_focus (self->new_referral);
}

/* ---- the window ------------------------------------------------------------------------- */

static void
sp_link_worker_window_dispose (GObject *object)
{
  SpLinkWorkerWindow *self = SP_LINK_WORKER_WINDOW (object);

  sp_link_worker_lock_dispose (self);
  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->store, self);
      if (self->busy)
        self->lock_pending = TRUE;   /* when the thread lets go */
      else
        sp_referral_store_lock (self->store);
    }
  if (self->dialogs != NULL)
    sp_link_worker_window_destroy_views (self);
  if (self->directory_window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->directory_window), (gpointer *) &self->directory_window);
  self->directory_window = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_LINK_WORKER_WINDOW);
  G_OBJECT_CLASS (sp_link_worker_window_parent_class)->dispose (object);
}

static void
sp_link_worker_window_finalize (GObject *object)
{
  SpLinkWorkerWindow *self = SP_LINK_WORKER_WINDOW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->directory);
  g_clear_pointer (&self->index, sp_search_index_close);
  g_clear_pointer (&self->dialogs, g_ptr_array_unref);
  g_clear_pointer (&self->choosers, g_ptr_array_unref);
  g_clear_pointer (&self->toasts_shown, g_ptr_array_unref);
  g_free (self->slip_output);
  G_OBJECT_CLASS (sp_link_worker_window_parent_class)->finalize (object);
}

static void
sp_link_worker_window_class_init (SpLinkWorkerWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_link_worker_window_dispose;
  object_class->finalize = sp_link_worker_window_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, "/org/signpost/Signpost/sp-link-worker-window.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, SpLinkWorkerWindow, name)
  BIND (toasts); BIND (stack); BIND (sign_in_page); BIND (account_row); BIND (passphrase_row);
  BIND (sign_in_button); BIND (sign_in_spinner); BIND (restore_button); BIND (views); BIND (busy_spinner);
#undef BIND
  sp_link_worker_lock_class_init (widget_class);
}

static void
sp_link_worker_window_init (SpLinkWorkerWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->dialogs = g_ptr_array_new_with_free_func (g_object_unref);
  self->choosers = g_ptr_array_new_with_free_func (g_object_unref);
  self->toasts_shown = g_ptr_array_new_with_free_func (g_object_unref);
  self->idle_ms = 10 * 60 * 1000;
  g_signal_connect_swapped (self->views, "notify::visible-child-name", G_CALLBACK (view_changed), self);
  sp_link_worker_lock_init (self);
}

/**
 * sp_link_worker_window_new:
 * @settings: (nullable): for the idle time (referrals-lock-minutes)
 * @data_dir: the data folder, which holds (or will hold) referrals.sqlite
 *
 * Opens the referral store, locked, and a window on it at its sign-in page.
 *
 * Returns: (transfer floating): the window, or %NULL with @error set
 */
SpLinkWorkerWindow *
sp_link_worker_window_new (GtkApplication *application,
                           GSettings      *settings,
                           const char     *data_dir,
                           GError        **error)
{
  g_autofree char *path = sp_referral_store_path_in (data_dir);
  g_autoptr (SpReferralStore) store = sp_referral_store_open (path, error);
  SpLinkWorkerWindow *self;

  if (store == NULL)
    return NULL;
  self = g_object_new (SP_TYPE_LINK_WORKER_WINDOW, "application", application, NULL);
  self->store = g_steal_pointer (&store);
  self->settings = settings != NULL ? g_object_ref (settings) : NULL;
  if (settings != NULL)
    self->idle_ms = g_settings_get_uint (settings, "referrals-lock-minutes") * 60 * 1000;
  sp_link_worker_lock_start (self);
  return self;
}

/* Returns: (transfer none): the window's referral store */
SpReferralStore *
sp_link_worker_window_get_store (SpLinkWorkerWindow *self)
{
  g_return_val_if_fail (SP_IS_LINK_WORKER_WINDOW (self), NULL);
  return self->store;
}

/**
 * sp_link_worker_window_set_directory_window:
 * @window: (nullable): the main window, whose directory and search index a referral's
 *   search of services uses for as long as it is open
 */
void
sp_link_worker_window_set_directory_window (SpLinkWorkerWindow *self,
                                            SpWindow           *window)
{
  g_return_if_fail (SP_IS_LINK_WORKER_WINDOW (self));

  if (self->directory_window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->directory_window), (gpointer *) &self->directory_window);
  self->directory_window = window;
  if (window != NULL)
    g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->directory_window);
}

/**
 * sp_link_worker_window_set_directory:
 * @index: (transfer full): the search index of @directory
 *
 * A directory of the window's own (tests, and where there is no main window).
 */
void
sp_link_worker_window_set_directory (SpLinkWorkerWindow *self,
                                     SpStore            *directory,
                                     SpSearchIndex      *index)
{
  g_return_if_fail (SP_IS_LINK_WORKER_WINDOW (self));

  g_set_object (&self->directory, directory);
  g_clear_pointer (&self->index, sp_search_index_close);
  self->index = index;
}

/* The idle time before locking, in milliseconds (tests use a short one). */
void
sp_link_worker_window_set_idle_ms (SpLinkWorkerWindow *self,
                                   guint               idle_ms)
{
  g_return_if_fail (SP_IS_LINK_WORKER_WINDOW (self));
  self->idle_ms = idle_ms;
  sp_link_worker_lock_restart_idle (self);
}

/* A fixed "today" for due dates and flags (tests, screenshots). */
void
sp_link_worker_window_set_today (SpLinkWorkerWindow *self,
                                 SpDay               today)
{
  g_return_if_fail (SP_IS_LINK_WORKER_WINDOW (self));
  self->today = today;
}

/* Slips print to this file URI, with no dialog (tests), instead of through the printer. */
void
sp_link_worker_window_set_slip_output (SpLinkWorkerWindow *self,
                                       const char         *uri)
{
  g_return_if_fail (SP_IS_LINK_WORKER_WINDOW (self));
  g_free (self->slip_output);
  self->slip_output = g_strdup (uri);
}

void
sp_link_worker_window_show_view (SpLinkWorkerWindow *self,
                                 const char         *name)
{
  g_return_if_fail (SP_IS_LINK_WORKER_WINDOW (self));
  if (sp_referral_store_is_signed_in (self->store))
    adw_view_stack_set_visible_child_name (self->views, name);
}
