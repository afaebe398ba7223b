/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-manage-page.c: the practice's settings of the referral store.
 *
 * Accounts (another link worker's, added by someone signed in; a new passphrase for your
 * own), backups (sp-manage-backup.c), retention (closed referrals older than the setting,
 * offered for deletion and deleted for real once confirmed), the one-off table of bank
 * holiday changes that follow-up flags count working days by, and how soon the window
 * locks. Argon2id (accounts) and deleting with VACUUM run in a thread.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-form-rows.h"
#include "sp-manage-page.h"

struct _SpManagePage
{
  AdwBin parent_instance;

  SpLinkWorkerWindow *window;   /* (unowned) */
  SpReferralStore *store;
  GtkWidget *holidays;          /* GtkTextView of the one-off changes */
};

G_DEFINE_FINAL_TYPE (SpManagePage, sp_manage_page, ADW_TYPE_BIN)

/* ---- a thread's job --------------------------------------------------------------------------- */

SpStoreJob *
sp_store_job_new (SpReferralStore *store,
                  const char      *first,
                  const char      *second,
                  const char      *third)
{
  SpStoreJob *job = g_new0 (SpStoreJob, 1);

  *job = (SpStoreJob) { g_object_ref (store), g_strdup (first), g_strdup (second), g_strdup (third), NULL };
  return job;
}

void
sp_store_job_free (gpointer data)
{
  SpStoreJob *job = data;

  g_object_unref (job->store);
  sp_wipe_string (&job->first);
  sp_wipe_string (&job->second);
  sp_wipe_string (&job->third);
  g_clear_pointer (&job->records, g_ptr_array_unref);
  g_free (job);
}

/* Says how a job went: @done, or why it failed. */
void
sp_store_job_report (SpLinkWorkerWindow *window,
                     GAsyncResult       *result,
                     const char         *done)
{
  g_autoptr (GError) error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    sp_link_worker_window_toast (window, done);
  else
    sp_link_worker_window_toast (window, error->message);
}

/* ---- accounts --------------------------------------------------------------------------------- */

static gboolean
passphrases_agree (SpLinkWorkerWindow *window,
                   GtkWidget          *one,
                   GtkWidget          *again)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (one)), gtk_editable_get_text (GTK_EDITABLE (again))) == 0)
    return TRUE;
  sp_link_worker_window_toast (window, _("The two passphrases are not the same: nothing was changed."));
  return FALSE;
}

static void
add_account_thread (GTask        *task,
                    gpointer      source,
                    gpointer      data,
                    GCancellable *cancellable)
{
  SpStoreJob *job = data;
  GError *error = NULL;

  if (sp_referral_store_add_account (job->store, job->first, job->second, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
account_added (SpLinkWorkerWindow *window,
               GAsyncResult       *result,
               gpointer            data)
{
  sp_store_job_report (window, result, _("Account added: its link worker can sign in now"));
  sp_manage_page_refresh (data);
}

static void
add_account_response (AdwMessageDialog *dialog,
                      const char       *response,
                      SpManagePage     *self)
{
  GtkWidget *name = g_object_get_data (G_OBJECT (dialog), "name");
  GtkWidget *one = g_object_get_data (G_OBJECT (dialog), "one");
  GtkWidget *again = g_object_get_data (G_OBJECT (dialog), "again");
  g_autofree char *account = sp_form_dup_text (name);

  if (!g_str_equal (response, "add") || !passphrases_agree (self->window, one, again))
    return;
  sp_link_worker_window_run (self->window, add_account_thread,
                             sp_store_job_new (self->store, account, gtk_editable_get_text (GTK_EDITABLE (one)), NULL),
                             sp_store_job_free, account_added, self);
}

static void
add_account_clicked (SpManagePage *self)
{
  GtkWidget *name = sp_form_entry_row (NULL, _("Their name, to sign in with"), NULL);
  GtkWidget *one = adw_password_entry_row_new ();
  GtkWidget *again = adw_password_entry_row_new ();
  GtkWidget *dialog;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (one), _("Their passphrase (ten characters or more)"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (again), _("The passphrase again"));
  dialog = sp_form_dialog_new (self->window, _("Add a Link Worker"),
                               _("They share these referrals. Give them the passphrase in person; they can change it."),
                               sp_form_dialog_list_new (name, one, again, NULL), "add", _("_Add"), FALSE);
  g_object_set_data (G_OBJECT (dialog), "name", name);
  g_object_set_data (G_OBJECT (dialog), "one", one);
  g_object_set_data (G_OBJECT (dialog), "again", again);
  g_signal_connect (dialog, "response", G_CALLBACK (add_account_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
change_passphrase_thread (GTask        *task,
                          gpointer      source,
                          gpointer      data,
                          GCancellable *cancellable)
{
  SpStoreJob *job = data;
  GError *error = NULL;

  if (sp_referral_store_change_passphrase (job->store, job->first, job->second, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
passphrase_changed (SpLinkWorkerWindow *window,
                    GAsyncResult       *result,
                    gpointer            data)
{
  sp_store_job_report (window, result, _("Passphrase changed: use the new one from now on"));
}

static void
change_passphrase_response (AdwMessageDialog *dialog,
                            const char       *response,
                            SpManagePage     *self)
{
  GtkWidget *old = g_object_get_data (G_OBJECT (dialog), "old");
  GtkWidget *one = g_object_get_data (G_OBJECT (dialog), "one");
  GtkWidget *again = g_object_get_data (G_OBJECT (dialog), "again");

  if (!g_str_equal (response, "change") || !passphrases_agree (self->window, one, again))
    return;
  sp_link_worker_window_run (self->window, change_passphrase_thread,
                             sp_store_job_new (self->store, gtk_editable_get_text (GTK_EDITABLE (old)),
                                               gtk_editable_get_text (GTK_EDITABLE (one)), NULL),
                             sp_store_job_free, passphrase_changed, self);
}

static void
change_passphrase_clicked (SpManagePage *self)
{
  GtkWidget *old = adw_password_entry_row_new ();
  GtkWidget *one = adw_password_entry_row_new ();
  GtkWidget *again = adw_password_entry_row_new ();
  GtkWidget *dialog;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (old), _("Your passphrase now"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (one), _("New passphrase (ten characters or more)"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (again), _("The new passphrase again"));
  dialog = sp_form_dialog_new (self->window, _("Change Your Passphrase"), NULL,
                               sp_form_dialog_list_new (old, one, again, NULL), "change", _("C_hange"), FALSE);
  g_object_set_data (G_OBJECT (dialog), "old", old);
  g_object_set_data (G_OBJECT (dialog), "one", one);
  g_object_set_data (G_OBJECT (dialog), "again", again);
  g_signal_connect (dialog, "response", G_CALLBACK (change_passphrase_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_accounts (SpManagePage *self,
              GtkBox       *column)
{
  g_autofree char *me = g_strdup_printf (_("Signed in as %s"), sp_referral_store_get_account (self->store));
  g_auto (GStrv) accounts = sp_referral_store_list_accounts (self->store);
  AdwPreferencesGroup *group = sp_form_group_new (column, _("Accounts"), me);

  for (guint i = 0; accounts[i] != NULL; i++)
    sp_form_info_row (group, accounts[i], g_strcmp0 (accounts[i], sp_referral_store_get_account (self->store)) == 0
                                          ? _("You") : _("Link worker"));
  gtk_box_append (column, sp_form_buttons_new (
    sp_form_button_new (_("Change Your _Passphrase…"), FALSE, G_CALLBACK (change_passphrase_clicked), self),
    sp_form_button_new (_("_Add an Account…"), FALSE, G_CALLBACK (add_account_clicked), self), NULL));
}

/* ---- backups ---------------------------------------------------------------------------------- */

static void
backup_clicked (SpManagePage *self)
{
  sp_manage_page_start_backup (self->window, self->store);
}

static void
restore_clicked (SpManagePage *self)
{
  sp_manage_page_start_restore (self->window, self->store);
}

static void
add_backups (SpManagePage *self,
             GtkBox       *column)
{
  sp_form_group_new (column, _("Backups"),
                     _("A backup is the whole store, sealed again under a passphrase of its own, in a file you "
                       "choose. Restoring one replaces everything here with it."));
  gtk_box_append (column, sp_form_buttons_new (
    sp_form_button_new (_("_Back Up…"), FALSE, G_CALLBACK (backup_clicked), self),
    sp_form_button_new (_("_Restore…"), FALSE, G_CALLBACK (restore_clicked), self), NULL));
}

/* ---- retention -------------------------------------------------------------------------------- */

static void
delete_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  SpStoreJob *job = data;
  GError *error = NULL;

  if (sp_referral_store_delete_expired (job->store, job->records, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
deleted (SpLinkWorkerWindow *window,
         GAsyncResult       *result,
         gpointer            data)
{
  sp_store_job_report (window, result, _("Deleted for good, with everyone who had no other referral"));
  sp_link_worker_window_records_changed (window);
  sp_manage_page_refresh (data);
}

static void
delete_response (AdwMessageDialog *dialog,
                 const char       *response,
                 SpManagePage     *self)
{
  SpStoreJob *job;

  if (!g_str_equal (response, "delete"))
    return;
  job = sp_store_job_new (self->store, NULL, NULL, NULL);
  job->records = sp_referral_store_list_expired (self->store, sp_link_worker_window_get_today (self->window));
  sp_link_worker_window_run (self->window, delete_thread, job, sp_store_job_free, deleted, self);
}

static void
delete_clicked (SpManagePage *self)
{
  g_autoptr (GPtrArray) expired = sp_referral_store_list_expired (self->store,
                                                                  sp_link_worker_window_get_today (self->window));
  g_autofree char *body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
    "%u closed referral, and anyone left with no other, will be deleted for good. This cannot be undone.",
    "%u closed referrals, and anyone left with no other, will be deleted for good. This cannot be undone.",
    expired->len), expired->len);
  GtkWidget *dialog = sp_form_dialog_new (self->window, _("Delete Old Referrals?"), body, NULL, "delete",
                                          _("_Delete"), TRUE);

  g_signal_connect (dialog, "response", G_CALLBACK (delete_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
years_applied (AdwEntryRow  *row,
               SpManagePage *self)
{
  g_autoptr (GError) error = NULL;
  guint64 years = 0;

  if (!g_ascii_string_to_unsigned (gtk_editable_get_text (GTK_EDITABLE (row)), 10, 1, 100, &years, NULL) ||
      !sp_referral_store_set_retention_years (self->store, years, &error))
    {
      sp_link_worker_window_toast (self->window, error != NULL ? error->message : _("Give a number of years, 1 to 100."));
      return;
    }
  sp_manage_page_refresh (self);
  sp_form_focus_key (GTK_WIDGET (self), "years");
}

static void
add_retention (SpManagePage *self,
               GtkBox       *column)
{
  guint years = sp_referral_store_get_retention_years (self->store);
  g_autofree char *text = g_strdup_printf ("%u", years);
  g_autoptr (GPtrArray) expired = sp_referral_store_list_expired (self->store,
                                                                  sp_link_worker_window_get_today (self->window));
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
    "%u closed referral ended longer ago than that", "%u closed referrals ended longer ago than that", expired->len),
    expired->len);
  AdwPreferencesGroup *group = sp_form_group_new (column, _("Keeping records"), NULL);
  GtkWidget *row = sp_form_entry_row (group, _("Keep closed referrals for (years), then Enter"), text);
  GtkWidget *button;

  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_DIGITS);
  sp_form_set_focus_key (row, "years");
  g_signal_connect (row, "apply", G_CALLBACK (years_applied), self);
  sp_form_info_row (group, _("Past that"), count);
  button = sp_form_button_new (_("_Delete Them…"), FALSE, G_CALLBACK (delete_clicked), self);
  gtk_widget_add_css_class (button, "destructive-action");
  gtk_widget_set_sensitive (button, expired->len > 0);
  gtk_box_append (column, sp_form_buttons_new (button, NULL));
}

/* ---- bank holidays and locking ----------------------------------------------------------------- */

static void
save_holidays (SpManagePage *self)
{
  g_autoptr (GError) error = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->holidays));
  GtkTextIter start, end;
  g_autofree char *table = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  table = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (!sp_referral_store_set_bank_holiday_changes (self->store, table, &error))
    {
      sp_link_worker_window_toast (self->window, error->message);
      return;
    }
  sp_link_worker_window_records_changed (self->window);
  sp_link_worker_window_toast (self->window, _("Bank holidays saved: follow-up flags count by them now"));
}

static void
add_bank_holidays (SpManagePage *self,
                   GtkBox       *column)
{
  g_autofree char *table = sp_referral_store_dup_bank_holiday_changes (self->store);
  GtkWidget *frame = gtk_frame_new (NULL);

  sp_form_group_new (column, _("Bank holidays"),
                     _("England and Wales bank holidays are worked out by themselves. Extra days and moved ones go "
                       "here, one a line: YYYY-MM-DD, then + (a holiday) or − (not one after all), then a note."));
  self->holidays = gtk_text_view_new ();
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->holidays)), table, -1);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (self->holidays), TRUE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->holidays), 9);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self->holidays), 9);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->holidays), 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->holidays), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Extra and moved bank holidays"), -1);
  gtk_frame_set_child (GTK_FRAME (frame), self->holidays);
  gtk_box_append (column, frame);
  gtk_box_append (column, sp_form_buttons_new (sp_form_button_new (_("Save Bank _Holidays"), FALSE,
                                                                   G_CALLBACK (save_holidays), self), NULL));
}

static void
minutes_applied (AdwEntryRow  *row,
                 SpManagePage *self)
{
  GSettings *settings = sp_link_worker_window_get_settings (self->window);
  guint64 minutes = 0;

  if (!g_ascii_string_to_unsigned (gtk_editable_get_text (GTK_EDITABLE (row)), 10, 1, 120, &minutes, NULL))
    {
      sp_link_worker_window_toast (self->window, _("Give a number of minutes, 1 to 120."));
      return;
    }
  g_settings_set_uint (settings, "referrals-lock-minutes", minutes);
  sp_link_worker_window_set_idle_ms (self->window, minutes * 60 * 1000);
  sp_link_worker_window_toast (self->window, _("Saved: it locks after that long from now on"));
}

static void
add_locking (SpManagePage *self,
             GtkBox       *column)
{
  GSettings *settings = sp_link_worker_window_get_settings (self->window);
  g_autofree char *minutes = NULL;
  AdwPreferencesGroup *group;
  GtkWidget *row;

  if (settings == NULL)
    return;
  minutes = g_strdup_printf ("%u", g_settings_get_uint (settings, "referrals-lock-minutes"));
  group = sp_form_group_new (column, _("Locking"), _("It locks by itself when the screen locks, and after this long "
                                                     "without a key pressed or a click here. Ctrl+L locks it now."));
  row = sp_form_entry_row (group, _("Lock after (minutes), then Enter"), minutes);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_signal_connect (row, "apply", G_CALLBACK (minutes_applied), self);
}

/* ---- the page --------------------------------------------------------------------------------- */

void
sp_manage_page_refresh (SpManagePage *self)
{
  GtkBox *column;
  GtkWidget *page;
  GtkWidget *title = gtk_label_new (_("Manage"));

  g_return_if_fail (SP_IS_MANAGE_PAGE (self));

  if (!sp_referral_store_is_signed_in (self->store))
    return;
  page = sp_form_page_new (&column);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "title-2");
  gtk_box_append (column, title);
  add_accounts (self, column);
  add_backups (self, column);
  add_retention (self, column);
  add_bank_holidays (self, column);
  add_locking (self, column);
  sp_form_bin_replace (ADW_BIN (self), page);
}

static void
sp_manage_page_finalize (GObject *object)
{
  g_clear_object (&SP_MANAGE_PAGE (object)->store);
  G_OBJECT_CLASS (sp_manage_page_parent_class)->finalize (object);
}

static void
sp_manage_page_class_init (SpManagePageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_manage_page_finalize;
}

static void
sp_manage_page_init (SpManagePage *self)
{
}

SpManagePage *
sp_manage_page_new (SpLinkWorkerWindow *window,
                    SpReferralStore    *store)
{
  SpManagePage *self = g_object_new (SP_TYPE_MANAGE_PAGE, NULL);

  self->window = window;
  self->store = g_object_ref (store);
  /* Made when first shown (sp_manage_page_refresh()): not on the way to the caseload. */
  return self;
}
