/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-referral-page.c: one referral: whose it is, its status and SNOMED CT code, follow-up
 * and notes (services, the slip and outcomes are in sp-referral-page-services.c).
 *
 * Every change is made to a copy and saved; the page is then built again from the store,
 * with focus back on the control that made the change, so a keyboard stays where it was.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-caseload-view.h"
#include "sp-nhs-number.h"
#include "sp-referral-page-private.h"

G_DEFINE_FINAL_TYPE (SpReferralPage, sp_referral_page, ADW_TYPE_BIN)

SpReferral *
sp_referral_page_get_referral (SpReferralPage *self)
{
  return sp_referral_store_get_referral (self->store, self->referral_id);
}

/**
 * sp_referral_page_save_copy:
 * @changed: a changed copy of a referral the store holds
 *
 * Saves it, or says why not in a toast; the caseload follows.
 */
gboolean
sp_referral_page_save_copy (SpLinkWorkerWindow *window,
                            SpReferralStore    *store,
                            SpReferral         *changed)
{
  g_autoptr (GError) error = NULL;

  if (!sp_referral_store_save_referral (store, changed, &error))
    {
      sp_link_worker_window_toast (window, error->message);
      return FALSE;
    }
  sp_link_worker_window_records_changed (window);
  return TRUE;
}

/* Saves @changed and shows the page again, focus on the control called @focus_key. */
static void
save_and_rebuild (SpReferralPage *self,
                  SpReferral     *changed,
                  const char     *focus_key)
{
  if (!sp_referral_page_save_copy (self->window, self->store, changed))
    return;
  g_object_set_data_full (G_OBJECT (self), "sp-refocus", g_strdup (focus_key), g_free);
  sp_referral_page_rebuild (self);
}

/* Gives focus to the page's control @focus_key ("find-services", "outcome-review" …). */
gboolean
sp_referral_page_focus (SpReferralPage *self,
                        const char     *focus_key)
{
  g_return_val_if_fail (SP_IS_REFERRAL_PAGE (self), FALSE);
  return sp_form_focus_key (GTK_WIDGET (self), focus_key);
}

/* ---- person and referral ------------------------------------------------------------------- */

static void
back_to_list (SpReferralPage *self)
{
  GtkWidget *view = gtk_widget_get_ancestor (GTK_WIDGET (self), SP_TYPE_CASELOAD_VIEW);

  if (view != NULL)
    sp_caseload_view_show_list (SP_CASELOAD_VIEW (view));
}

static void
open_person (SpReferralPage *self)
{
  SpReferral *r = sp_referral_page_get_referral (self);

  if (r != NULL)
    sp_link_worker_window_open_person (self->window, r->person_id);
}

static void
copy_snomed (GtkButton      *button,
             SpReferralPage *self)
{
  const char *code = g_object_get_data (G_OBJECT (button), "code");

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), code);
  sp_link_worker_window_toast (self->window, _("SNOMED CT code copied for the GP record"));
}

static void
add_snomed_row (SpReferralPage      *self,
                AdwPreferencesGroup *group,
                SpReferral          *r)
{
  const char *term = NULL;
  const char *code = sp_referral_snomed_code (r->status == SP_REFERRAL_STATUS_DECLINED ? r->status
                                              : r->accepted ? SP_REFERRAL_STATUS_ACCEPTED : r->status, &term);
  g_autofree char *line = code != NULL ? g_strdup_printf ("%s %s", code, term) : NULL;
  GtkWidget *row = sp_form_info_row (group, _("SNOMED CT for the GP record"),
                                     line != NULL ? line : _("None until the person accepts or declines"));
  GtkWidget *copy;

  if (code == NULL)
    return;
  copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (copy, "flat");
  gtk_widget_set_tooltip_text (copy, _("Copy the SNOMED CT code"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Copy the SNOMED CT code"), -1);
  g_object_set_data_full (G_OBJECT (copy), "code", g_strdup (code), g_free);
  g_signal_connect (copy, "clicked", G_CALLBACK (copy_snomed), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), copy);
}

static char *
reasons_text (SpReferral *r)
{
  GString *text = g_string_new (NULL);

  for (SpReason reason = 0; reason < SP_N_REASONS; reason++)
    if (r->reasons & (1u << reason))
      g_string_append_printf (text, "%s%s", text->len > 0 ? "; " : "", sp_reason_label (reason));
  if (r->other_reasons != NULL)
    g_string_append_printf (text, "%s%s", text->len > 0 ? "; " : "", r->other_reasons);
  return g_string_free (text, FALSE);
}

static void change_status_clicked (SpReferralPage *self);

static void
add_referral_group (SpReferralPage *self,
                    SpPerson       *p,
                    SpReferral     *r)
{
  AdwPreferencesGroup *group = sp_form_group_new (self->column, NULL, NULL);
  g_autofree char *born = sp_day_format (p->born);
  g_autofree char *nhs = p->nhs_number != NULL ? sp_nhs_number_format (p->nhs_number) : g_strdup (_("no NHS number"));
  g_autofree char *who = g_strdup_printf (_("Born %s · NHS number %s"), born, nhs);
  g_autofree char *received = sp_day_format (r->received_on);
  g_autofree char *when = g_strdup_printf (_("%s, from %s"), received, sp_referral_source_label (r->source));
  g_autofree char *reasons = reasons_text (r);
  GtkWidget *row, *change;

  sp_form_set_focus_key (sp_form_link_row (group, p->name, who, G_CALLBACK (open_person), self), "person");
  group = sp_form_group_new (self->column, _("Referral"), r->training ? _("Training: not a real person") : NULL);
  sp_form_info_row (group, _("Received"), when);
  sp_form_info_row (group, _("Reasons"), reasons);
  row = sp_form_info_row (group, _("Status"), sp_referral_status_label (r->status));
  change = gtk_button_new_with_mnemonic (_("C_hange…"));
  gtk_widget_set_valign (change, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (change), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Change the status"), -1);
  gtk_widget_set_sensitive (change, r->status != SP_REFERRAL_STATUS_DECLINED && r->status != SP_REFERRAL_STATUS_CLOSED);
  g_signal_connect_swapped (change, "clicked", G_CALLBACK (change_status_clicked), self);
  sp_form_set_focus_key (change, "status");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), change);
  if (r->declined_reason != NULL)
    sp_form_info_row (group, _("Why declined"), r->declined_reason);
  if (r->closing_outcome != NULL)
    sp_form_info_row (group, _("Outcome when closed"), r->closing_outcome);
  add_snomed_row (self, group, r);
}

/* ---- changing the status ------------------------------------------------------------------- */

static void
status_chosen (AdwMessageDialog *dialog,
               const char       *response,
               SpReferralPage   *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpReferral) copy = NULL;
  SpReferral *r = sp_referral_page_get_referral (self);
  GtkWidget *combo = g_object_get_data (G_OBJECT (dialog), "status");
  GtkWidget *note = g_object_get_data (G_OBJECT (dialog), "note");
  GArray *choices = g_object_get_data (G_OBJECT (dialog), "choices");
  g_autofree char *text = sp_form_dup_text (note);
  SpReferralStatus to;

  if (!g_str_equal (response, "change") || r == NULL)
    return;
  to = g_array_index (choices, SpReferralStatus, adw_combo_row_get_selected (ADW_COMBO_ROW (combo)));
  copy = sp_referral_copy (r);
  if (!sp_referral_change_status (copy, to, text, sp_referral_store_get_account (self->store),
                                  g_get_real_time () / G_USEC_PER_SEC, &error))
    {
      sp_link_worker_window_toast (self->window, error->message);
      return;
    }
  save_and_rebuild (self, copy, "status");
}

static void
change_status_clicked (SpReferralPage *self)
{
  SpReferral *r = sp_referral_page_get_referral (self);
  GArray *choices = g_array_new (FALSE, FALSE, sizeof (SpReferralStatus));
  g_autoptr (GStrvBuilder) labels = g_strv_builder_new ();
  g_auto (GStrv) items = NULL;
  GtkWidget *combo, *note, *dialog;

  for (SpReferralStatus s = 0; r != NULL && s < SP_REFERRAL_N_STATUSES; s++)
    if (sp_referral_can_change_status (r->status, s))
      {
        g_array_append_val (choices, s);
        g_strv_builder_add (labels, sp_referral_status_label (s));
      }
  items = g_strv_builder_end (labels);
  combo = sp_form_combo_row (NULL, _("New status"), (const char * const *) items, 0);
  note = sp_form_entry_row (NULL, _("Why declined, or the outcome when closing"), NULL);
  dialog = sp_form_dialog_new (self->window, _("Change the Status"),
                               _("Declined needs the person’s reason, and closed the outcome. The change is kept "
                                 "with the date and your name."),
                               sp_form_dialog_list_new (combo, note, NULL), "change", _("C_hange"), FALSE);
  g_object_set_data (G_OBJECT (dialog), "status", combo);
  g_object_set_data (G_OBJECT (dialog), "note", note);
  g_object_set_data_full (G_OBJECT (dialog), "choices", choices, (GDestroyNotify) g_array_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (status_chosen), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- follow-up ------------------------------------------------------------------------------ */

static char *
follow_up_text (SpReferralPage *self,
                SpReferral     *r)
{
  SpFollowUp flags = sp_referral_follow_up (r, sp_link_worker_window_get_today (self->window),
                                            sp_referral_store_get_working_days (self->store));
  GString *text = g_string_new (NULL);

  if (flags & SP_FOLLOW_UP_DUE_TODAY)
    g_string_append (text, _("Contact due today. "));
  if (flags & SP_FOLLOW_UP_OVERDUE)
    g_string_append (text, _("Contact overdue. "));
  if (flags & SP_FOLLOW_UP_NO_CONTACT)
    g_string_append (text, _("No contact for 6 working days or more."));
  if (text->len == 0)
    g_string_append (text, _("Nothing due."));
  return g_string_free (text, FALSE);
}

static void
next_contact_applied (AdwEntryRow    *row,
                      SpReferralPage *self)
{
  SpReferral *r = sp_referral_page_get_referral (self);
  SpDay day = sp_form_get_day (GTK_WIDGET (row));
  g_autoptr (SpReferral) copy = NULL;

  if (r == NULL)
    return;
  if (day == 0 && *gtk_editable_get_text (GTK_EDITABLE (row)) != '\0')
    {
      sp_link_worker_window_toast (self->window, _("Give the next contact as a date, YYYY-MM-DD."));
      return;
    }
  copy = sp_referral_copy (r);
  copy->next_contact_on = day;
  save_and_rebuild (self, copy, "next-contact");
}

static void
contact_recorded (AdwMessageDialog *dialog,
                  const char       *response,
                  SpReferralPage   *self)
{
  SpReferral *r = sp_referral_page_get_referral (self);
  GtkWidget *date = g_object_get_data (G_OBJECT (dialog), "date");
  GtkWidget *how = g_object_get_data (G_OBJECT (dialog), "how");
  g_autofree char *note = sp_form_dup_text (g_object_get_data (G_OBJECT (dialog), "note"));
  const char *account = sp_referral_store_get_account (self->store);
  g_autoptr (SpReferral) copy = NULL;
  SpDay day = sp_form_get_day (date);

  if (!g_str_equal (response, "record") || r == NULL)
    return;
  if (day == 0 || day > sp_link_worker_window_get_today (self->window) || day < r->received_on)
    {
      sp_link_worker_window_toast (self->window, _("Give the day of the contact, YYYY-MM-DD, not before the "
                                                   "referral and not in the future."));
      return;
    }
  copy = sp_referral_copy (r);
  sp_referral_add_contact (copy, day, adw_combo_row_get_selected (ADW_COMBO_ROW (how)), note, account);
  /* A first contact moves a new referral on by itself: one thing less to do. */
  if (copy->status == SP_REFERRAL_STATUS_NEW)
    sp_referral_change_status (copy, SP_REFERRAL_STATUS_CONTACTED, NULL, account, g_get_real_time () / G_USEC_PER_SEC,
                               NULL);
  save_and_rebuild (self, copy, "record-contact");
}

static void
record_contact_clicked (SpReferralPage *self)
{
  g_autofree char *today = sp_day_format (sp_link_worker_window_get_today (self->window));
  const char *methods[SP_N_CONTACT_METHODS + 1] = { NULL };
  GtkWidget *date, *how, *note, *dialog;

  for (SpContactMethod m = 0; m < SP_N_CONTACT_METHODS; m++)
    methods[m] = sp_contact_method_label (m);
  date = sp_form_entry_row (NULL, _("Day (YYYY-MM-DD)"), today);
  how = sp_form_combo_row (NULL, _("How"), methods, SP_CONTACT_METHOD_PHONE);
  note = sp_form_entry_row (NULL, _("Note (optional)"), NULL);
  dialog = sp_form_dialog_new (self->window, _("Record a Contact"), NULL, sp_form_dialog_list_new (date, how, note, NULL),
                               "record", _("_Record"), FALSE);
  g_object_set_data (G_OBJECT (dialog), "date", date);
  g_object_set_data (G_OBJECT (dialog), "how", how);
  g_object_set_data (G_OBJECT (dialog), "note", note);
  g_signal_connect (dialog, "response", G_CALLBACK (contact_recorded), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_follow_up_group (SpReferralPage *self,
                     SpReferral     *r)
{
  AdwPreferencesGroup *group = sp_form_group_new (self->column, _("Follow-up"), NULL);
  g_autofree char *flags = follow_up_text (self, r);
  g_autofree char *next = r->next_contact_on != 0 ? sp_day_format (r->next_contact_on) : NULL;
  g_autofree char *first = r->first_contact_on != 0 ? sp_day_format (r->first_contact_on) : NULL;
  GtkWidget *row, *button;

  sp_form_info_row (group, _("Needs doing"), flags);
  row = sp_form_entry_row (group, _("Next contact (YYYY-MM-DD), then Enter"), next);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_signal_connect (row, "apply", G_CALLBACK (next_contact_applied), self);
  sp_form_set_focus_key (row, "next-contact");
  sp_form_info_row (group, _("First contact"), first);
  for (guint i = r->contacts->len; i > 0 && i + 5 > r->contacts->len; i--)
    {
      SpContactNote *c = &g_array_index (r->contacts, SpContactNote, i - 1);
      g_autofree char *day = sp_day_format (c->on);
      g_autofree char *title = g_strdup_printf ("%s · %s", day, sp_contact_method_label (c->how));
      sp_form_info_row (group, title, c->note);
    }
  button = sp_form_button_new (_("Record a _Contact…"), FALSE, G_CALLBACK (record_contact_clicked), self);
  sp_form_set_focus_key (button, "record-contact");
  gtk_box_append (self->column, sp_form_buttons_new (button, NULL));
}

/* ---- notes ---------------------------------------------------------------------------------- */

static void
notes_applied (AdwEntryRow    *row,
               SpReferralPage *self)
{
  SpReferral *r = sp_referral_page_get_referral (self);
  g_autoptr (SpReferral) copy = NULL;

  if (r == NULL)
    return;
  copy = sp_referral_copy (r);
  sp_wipe_string (&copy->notes);
  copy->notes = sp_form_dup_text (GTK_WIDGET (row));
  save_and_rebuild (self, copy, "notes");
}

/* ---- the page -------------------------------------------------------------------------------- */

void
sp_referral_page_rebuild (SpReferralPage *self)
{
  SpReferral *r = sp_referral_page_get_referral (self);
  SpPerson *p = r != NULL ? sp_referral_store_get_person (self->store, r->person_id) : NULL;
  g_autofree char *title = NULL;
  const char *key = g_object_get_data (G_OBJECT (self), "sp-refocus");
  GtkBox *column;
  GtkWidget *page, *notes;
  AdwPreferencesGroup *group;

  if (r == NULL || p == NULL)
    return;
  page = sp_form_page_new (&column);
  self->column = column;
  title = g_strdup_printf (_("Referral of %s"), p->name);
  gtk_box_append (column, sp_form_header_new (title, _("Back to the caseload"), G_CALLBACK (back_to_list), self));
  add_referral_group (self, p, r);
  add_follow_up_group (self, r);
  sp_referral_page_add_services (self, r);
  sp_referral_page_add_outcomes (self, r);
  group = sp_form_group_new (column, _("Notes"), NULL);
  notes = sp_form_entry_row (group, _("Notes, then Enter"), r->notes);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (notes), TRUE);
  g_signal_connect (notes, "apply", G_CALLBACK (notes_applied), self);
  sp_form_set_focus_key (notes, "notes");
  sp_form_bin_replace (ADW_BIN (self), page);
  sp_form_focus_key (page, key);
}

static void
sp_referral_page_finalize (GObject *object)
{
  SpReferralPage *self = SP_REFERRAL_PAGE (object);

  g_clear_object (&self->store);
  g_free (self->referral_id);
  G_OBJECT_CLASS (sp_referral_page_parent_class)->finalize (object);
}

static void
sp_referral_page_class_init (SpReferralPageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_referral_page_finalize;
}

static void
sp_referral_page_init (SpReferralPage *self)
{
  sp_form_on_escape (GTK_WIDGET (self), G_CALLBACK (back_to_list), self);
}

/* A page for the referral @referral_id, noted in the audit log as viewed. */
SpReferralPage *
sp_referral_page_new (SpLinkWorkerWindow *window,
                      SpReferralStore    *store,
                      const char         *referral_id)
{
  SpReferralPage *self = g_object_new (SP_TYPE_REFERRAL_PAGE, NULL);

  self->window = window;
  self->store = g_object_ref (store);
  self->referral_id = g_strdup (referral_id);
  sp_referral_page_rebuild (self);
  sp_referral_store_note_viewed (store, "referral", referral_id);
  return self;
}
