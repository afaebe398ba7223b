/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-link-worker-window-lock.c: the Link Worker window's sign-in page, and locking it.
 *
 * Signing in (Argon2id, then every record decrypted) runs in a thread. After the idle
 * time (Preferences key referrals-lock-minutes), on Ctrl+L, or when the screen locks
 * (org.gnome.ScreenSaver ActiveChanged on the session bus, or logind's Lock on the system
 * bus), the store locks: keys and records are wiped and every page, dialog and toast that
 * could show them is destroyed. While a thread has the store, the screen clears at once
 * and the keys go the moment the thread is done.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-link-worker-window-private.h"

/* ---- locking ---------------------------------------------------------------------------- */

static void
show_sign_in (SpLinkWorkerWindow *self)
{
  g_auto (GStrv) accounts = sp_referral_store_list_accounts (self->store);
  gboolean first = accounts[0] == NULL;

  gtk_button_set_label (GTK_BUTTON (self->sign_in_button), first ? _("_Create Account") : _("_Sign In"));
  gtk_widget_set_visible (self->restore_button, first);
  if (accounts[0] != NULL && accounts[1] == NULL &&
      *gtk_editable_get_text (GTK_EDITABLE (self->account_row)) == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->account_row), accounts[0]);
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  gtk_stack_set_visible_child_name (self->stack, "sign-in");
  if (*gtk_editable_get_text (GTK_EDITABLE (self->account_row)) != '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->account_row));
}

static void
describe_sign_in (SpLinkWorkerWindow *self,
                  const char         *why)
{
  g_auto (GStrv) accounts = sp_referral_store_list_accounts (self->store);

  if (why != NULL)
    adw_status_page_set_description (self->sign_in_page, why);
  else if (accounts[0] == NULL)
    adw_status_page_set_description (self->sign_in_page,
      _("Nobody has an account yet. Choose a name and a passphrase of at least ten characters for the first "
        "one; it can add the others. Or restore the referrals from a backup."));
  else
    adw_status_page_set_description (self->sign_in_page,
      _("Referrals are private: sign in to see them. Signpost locks them again when you step away."));
}

/* Everything that showed a record goes; the sign-in page says why it is back. */
static void
clear_screen (SpLinkWorkerWindow *self,
              const char         *why)
{
  g_clear_handle_id (&self->idle_source, g_source_remove);
  sp_link_worker_window_destroy_views (self);
  describe_sign_in (self, why);
  show_sign_in (self);
}

static void
lock_now (SpLinkWorkerWindow *self,
          const char         *why)
{
  if (self->busy)
    self->lock_pending = TRUE;
  else
    sp_referral_store_lock (self->store);
  clear_screen (self, why);
}

/* A thread let go of the store: a lock asked for meanwhile happens now. */
void
sp_link_worker_lock_task_over (SpLinkWorkerWindow *self)
{
  if (!self->lock_pending)
    return;
  self->lock_pending = FALSE;
  sp_referral_store_lock (self->store);
}

/* The store locked by itself (a restore): the screen follows, in the main thread. */
static gboolean
store_locked (gpointer data)
{
  SpLinkWorkerWindow *self = data;

  if (!sp_referral_store_is_signed_in (self->store) && gtk_widget_get_first_child (GTK_WIDGET (self->views)))
    clear_screen (self, NULL);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static void
signed_in_changed (SpLinkWorkerWindow *self)
{
  g_main_context_invoke (NULL, store_locked, g_object_ref (self));
}

/* A restore from the Manage page has locked the store and replaced it. */
void
sp_link_worker_window_locked_by_restore (SpLinkWorkerWindow *self,
                                         const char         *message)
{
  gtk_editable_set_text (GTK_EDITABLE (self->account_row), "");
  clear_screen (self, message);
}

static void
lock_activated (GtkWidget  *widget,
                const char *action,
                GVariant   *parameter)
{
  lock_now (SP_LINK_WORKER_WINDOW (widget), _("Locked. Sign in again to go on."));
}

static gboolean
idle_reached (gpointer data)
{
  SpLinkWorkerWindow *self = data;

  self->idle_source = 0;
  lock_now (self, _("Locked after a time without use. Sign in again to go on."));
  return G_SOURCE_REMOVE;
}

void
sp_link_worker_lock_restart_idle (SpLinkWorkerWindow *self)
{
  g_clear_handle_id (&self->idle_source, g_source_remove);
  if (sp_referral_store_is_signed_in (self->store))
    self->idle_source = g_timeout_add (self->idle_ms, idle_reached, self);
}

static gboolean
event_seen (GtkEventControllerLegacy *controller,
            GdkEvent                 *event,
            SpLinkWorkerWindow       *self)
{
  switch (gdk_event_get_event_type (event))
    {
    case GDK_KEY_PRESS:
      self->keyboard_user = TRUE;
      if (self->idle_source != 0)
        sp_link_worker_lock_restart_idle (self);
      break;
    case GDK_BUTTON_PRESS:
    case GDK_TOUCH_BEGIN:
    case GDK_SCROLL:
      self->keyboard_user = FALSE;
      if (self->idle_source != 0)
        sp_link_worker_lock_restart_idle (self);
      break;
    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
screen_lock_signal (GDBusConnection *connection,
                    const char      *sender,
                    const char      *path,
                    const char      *interface,
                    const char      *signal,
                    GVariant        *parameters,
                    gpointer         data)
{
  SpLinkWorkerWindow *self = data;
  gboolean active = TRUE;

  if (g_str_equal (signal, "ActiveChanged"))
    {
      if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
        return;
      g_variant_get (parameters, "(b)", &active);
    }
  if (active && sp_referral_store_is_signed_in (self->store))
    lock_now (self, _("Locked with the screen. Sign in again to go on."));
}

/* GNOME's screensaver on the session bus, logind's Lock on the system bus (any session's:
 * locking too often is safe). Either bus may be missing (a container, CI): then the idle
 * time and Ctrl+L still lock. */
static void
watch_screen_lock (SpLinkWorkerWindow *self)
{
  self->session_bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (self->session_bus != NULL)
    self->screensaver_watch = g_dbus_connection_signal_subscribe (self->session_bus, NULL, "org.gnome.ScreenSaver",
                                                                  "ActiveChanged", NULL, NULL,
                                                                  G_DBUS_SIGNAL_FLAGS_NONE, screen_lock_signal,
                                                                  self, NULL);
  self->system_bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, NULL);
  if (self->system_bus != NULL)
    self->logind_watch = g_dbus_connection_signal_subscribe (self->system_bus, "org.freedesktop.login1",
                                                             "org.freedesktop.login1.Session", "Lock", NULL, NULL,
                                                             G_DBUS_SIGNAL_FLAGS_NONE, screen_lock_signal,
                                                             self, NULL);
}

/* ---- signing in ------------------------------------------------------------------------- */

typedef struct
{
  char *account;
  char *passphrase;
  gboolean create;
} SignIn;

static void
sign_in_free (gpointer data)
{
  SignIn *job = data;

  g_free (job->account);
  sp_wipe_string (&job->passphrase);
  g_free (job);
}

static void
sign_in_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  SpLinkWorkerWindow *self = source;
  SignIn *job = data;
  GError *error = NULL;
  gboolean ok = job->create
    ? sp_referral_store_create_first_account (self->store, job->account, job->passphrase, &error)
    : sp_referral_store_sign_in (self->store, job->account, job->passphrase, &error);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
signed_in (SpLinkWorkerWindow *self,
           GAsyncResult       *result,
           gpointer            data)
{
  g_autoptr (GError) error = NULL;

  gtk_widget_set_visible (self->sign_in_spinner, FALSE);
  gtk_widget_set_sensitive (self->sign_in_button, TRUE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      sp_link_worker_window_toast (self, error->message);
      show_sign_in (self);
      return;
    }
  if (!sp_referral_store_is_signed_in (self->store))
    return;  /* locked by the screen while signing in */
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  sp_link_worker_window_build_views (self);
  gtk_stack_set_visible_child_name (self->stack, "work");
  sp_link_worker_lock_restart_idle (self);
}

static void
sign_in_clicked (SpLinkWorkerWindow *self)
{
  g_auto (GStrv) accounts = NULL;
  SignIn *job;

  if (self->busy)
    return;
  accounts = sp_referral_store_list_accounts (self->store);
  job = g_new0 (SignIn, 1);
  job->account = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->account_row)));
  job->passphrase = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row)));
  job->create = accounts[0] == NULL;
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  gtk_widget_set_sensitive (self->sign_in_button, FALSE);
  gtk_widget_set_visible (self->sign_in_spinner, TRUE);
  sp_link_worker_window_run (self, sign_in_thread, job, sign_in_free, signed_in, NULL);
}

/* ---- a restore on a computer with no account yet ----------------------------------------- */

static void
restore_from_sign_in (SpLinkWorkerWindow *self)
{
  sp_manage_page_start_restore (self, self->store);
}

/* ---- the window's part ------------------------------------------------------------------- */

void
sp_link_worker_lock_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "referrals.lock", NULL, lock_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "referrals.lock", NULL);
}

/* Pages move the focus themselves (to the first field of a form, back to the button that
 * opened a page): someone at the keyboard must see where it went, not only after a Tab. */
static void
focus_moved (SpLinkWorkerWindow *self)
{
  if (self->keyboard_user && gtk_window_get_focus (GTK_WINDOW (self)) != NULL)
    gtk_window_set_focus_visible (GTK_WINDOW (self), TRUE);
}

void
sp_link_worker_lock_init (SpLinkWorkerWindow *self)
{
  GtkEventController *watcher = gtk_event_controller_legacy_new ();

  gtk_event_controller_set_propagation_phase (watcher, GTK_PHASE_CAPTURE);
  g_signal_connect (watcher, "event", G_CALLBACK (event_seen), self);
  gtk_widget_add_controller (GTK_WIDGET (self), watcher);
  g_signal_connect (self, "notify::focus-widget", G_CALLBACK (focus_moved), NULL);
  g_signal_connect_swapped (self->sign_in_button, "clicked", G_CALLBACK (sign_in_clicked), self);
  g_signal_connect_swapped (self->passphrase_row, "entry-activated", G_CALLBACK (sign_in_clicked), self);
  g_signal_connect_swapped (self->restore_button, "clicked", G_CALLBACK (restore_from_sign_in), self);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (self->passphrase_row), FALSE);
}

/* The store is open: watch for screen locks, and ask for a passphrase. */
void
sp_link_worker_lock_start (SpLinkWorkerWindow *self)
{
  g_signal_connect_swapped (self->store, "notify::signed-in", G_CALLBACK (signed_in_changed), self);
  watch_screen_lock (self);
  describe_sign_in (self, NULL);
  show_sign_in (self);
}

void
sp_link_worker_lock_dispose (SpLinkWorkerWindow *self)
{
  g_clear_handle_id (&self->idle_source, g_source_remove);
  if (self->session_bus != NULL && self->screensaver_watch != 0)
    g_dbus_connection_signal_unsubscribe (self->session_bus, self->screensaver_watch);
  if (self->system_bus != NULL && self->logind_watch != 0)
    g_dbus_connection_signal_unsubscribe (self->system_bus, self->logind_watch);
  self->screensaver_watch = self->logind_watch = 0;
  g_clear_object (&self->session_bus);
  g_clear_object (&self->system_bus);
}
