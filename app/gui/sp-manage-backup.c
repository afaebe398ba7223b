/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-manage-backup.c: backing up the referral store to a file, and restoring it.
 *
 * The link worker chooses the file (GtkFileChooserNative: the portal's dialog where there
 * is one), then a passphrase for the backup; sealing it (Argon2id and the whole store)
 * runs in a thread. A restore replaces everything and locks the window first: afterwards,
 * sign in with an account the backup holds. On a computer with no account yet, the
 * sign-in page offers a restore too.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-form-rows.h"
#include "sp-manage-page.h"

typedef struct
{
  SpLinkWorkerWindow *window;
  SpReferralStore *store;
  gboolean restore;
} Choosing;

static void
backup_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  SpStoreJob *job = data;
  GError *error = NULL;

  if (sp_referral_store_backup (job->store, job->first, job->second, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
backed_up (SpLinkWorkerWindow *window,
           GAsyncResult       *result,
           gpointer            data)
{
  sp_store_job_report (window, result, _("Backed up: keep the file and its passphrase apart"));
}

static void
restore_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  SpStoreJob *job = data;
  GError *error = NULL;

  if (sp_referral_store_restore (job->store, job->first, job->second, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
restored (SpLinkWorkerWindow *window,
          GAsyncResult       *result,
          gpointer            data)
{
  g_autoptr (GError) error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    sp_link_worker_window_locked_by_restore (window, _("Restored from the backup. Sign in with an account it holds."));
  else
    sp_link_worker_window_toast (window, error->message);
}

static void
choosing_free (gpointer  data,
               GClosure *closure)
{
  g_free (data);
}

static void
passphrase_given (AdwMessageDialog *dialog,
                  const char       *response,
                  Choosing         *choosing)
{
  GtkWidget *one = g_object_get_data (G_OBJECT (dialog), "one");
  GtkWidget *again = g_object_get_data (G_OBJECT (dialog), "again");
  const char *path = g_object_get_data (G_OBJECT (dialog), "path");
  SpLinkWorkerWindow *window;
  SpStoreJob *job;

  if (g_str_equal (response, "cancel"))
    return;
  if (again != NULL &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (one)), gtk_editable_get_text (GTK_EDITABLE (again))) != 0)
    {
      sp_link_worker_window_toast (choosing->window, _("The two passphrases are not the same: nothing was saved."));
      return;
    }
  job = sp_store_job_new (choosing->store, path, gtk_editable_get_text (GTK_EDITABLE (one)), NULL);
  window = choosing->window;
  if (!choosing->restore)
    {
      sp_link_worker_window_run (window, backup_thread, job, sp_store_job_free, backed_up, NULL);
      return;
    }
  /* Everything shown goes (this dialog and @choosing too) before the store is replaced;
   * then the thread has it alone. */
  sp_referral_store_lock (job->store);
  sp_link_worker_window_run (window, restore_thread, job, sp_store_job_free, restored, NULL);
}

static void
ask_passphrase (Choosing   *choosing,
                const char *path)
{
  GtkWidget *one = adw_password_entry_row_new ();
  GtkWidget *again = choosing->restore ? NULL : adw_password_entry_row_new ();
  GtkWidget *dialog;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (one), choosing->restore
                                 ? _("The backup’s passphrase") : _("A passphrase for the backup (ten characters or more)"));
  if (again != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (again), _("The passphrase again"));
  dialog = choosing->restore
    ? sp_form_dialog_new (choosing->window, _("Restore This Backup?"),
                          _("Everything in the referral store now is replaced by the backup. Anything recorded since "
                            "it was made is lost."),
                          sp_form_dialog_list_new (one, NULL), "restore", _("_Restore"), TRUE)
    : sp_form_dialog_new (choosing->window, _("Seal the Backup"),
                          _("Without this passphrase nobody can open the backup, you included: keep it apart from "
                            "the file."),
                          sp_form_dialog_list_new (one, again, NULL), "backup", _("_Back Up"), FALSE);
  g_object_set_data (G_OBJECT (dialog), "one", one);
  g_object_set_data (G_OBJECT (dialog), "again", again);
  g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (path), g_free);
  g_signal_connect_data (dialog, "response", G_CALLBACK (passphrase_given), choosing, choosing_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
file_chosen (GtkNativeDialog *chooser,
             int              response,
             Choosing        *choosing)
{
  g_autoptr (GFile) file = response == GTK_RESPONSE_ACCEPT ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))
                                                          : NULL;
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (path == NULL)
    {
      if (file != NULL)
        sp_link_worker_window_toast (choosing->window, _("Choose a file on this computer."));
      g_free (choosing);
      return;
    }
  ask_passphrase (choosing, path);
}

static void
choose_file (SpLinkWorkerWindow *window,
             SpReferralStore    *store,
             gboolean            restore)
{
  Choosing *choosing = g_new0 (Choosing, 1);
  GtkFileChooserNative *chooser;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  *choosing = (Choosing) { window, store, restore };
  chooser = gtk_file_chooser_native_new (restore ? _("Restore from a Backup") : _("Back Up the Referrals"),
                                         GTK_WINDOW (window),
                                         restore ? GTK_FILE_CHOOSER_ACTION_OPEN : GTK_FILE_CHOOSER_ACTION_SAVE,
                                         restore ? _("_Open") : _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Signpost referral backups"));
  gtk_file_filter_add_pattern (filter, "*.spbackup");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (!restore)
    {
      g_autofree char *today = sp_day_format (sp_link_worker_window_get_today (window));
      g_autofree char *name = g_strdup_printf (_("Referrals %s.spbackup"), today);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (file_chosen), choosing);
  sp_link_worker_window_keep_chooser (window, GTK_NATIVE_DIALOG (chooser));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
sp_manage_page_start_backup (SpLinkWorkerWindow *window,
                             SpReferralStore    *store)
{
  choose_file (window, store, FALSE);
}

void
sp_manage_page_start_restore (SpLinkWorkerWindow *window,
                              SpReferralStore    *store)
{
  choose_file (window, store, TRUE);
}
