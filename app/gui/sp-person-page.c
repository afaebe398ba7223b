/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-person-page.c: one person: who they are, how to reach them, their consent, referrals.
 *
 * Contact details are changed in place (type, then Enter); each change is saved at once,
 * audited like any other. Name, date of birth and NHS number identify the person and are
 * shown, not edited here.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-caseload-view.h"
#include "sp-form-rows.h"
#include "sp-nhs-number.h"
#include "sp-person-page.h"

struct _SpPersonPage
{
  AdwBin parent_instance;

  SpLinkWorkerWindow *window;   /* (unowned) */
  SpReferralStore *store;
  char *person_id;
};

G_DEFINE_FINAL_TYPE (SpPersonPage, sp_person_page, ADW_TYPE_BIN)

/* The text fields a link worker keeps up to date. */
static const struct
{
  const char *title;
  gsize offset;
} text_fields[] = {
  { N_("Phone"), G_STRUCT_OFFSET (SpPerson, phone) },
  { N_("Email"), G_STRUCT_OFFSET (SpPerson, email) },
  { N_("Address"), G_STRUCT_OFFSET (SpPerson, address) },
  { N_("Postcode"), G_STRUCT_OFFSET (SpPerson, postcode) },
  { N_("Language"), G_STRUCT_OFFSET (SpPerson, language) },
  { N_("GP practice"), G_STRUCT_OFFSET (SpPerson, gp_practice) },
};

static void rebuild (SpPersonPage *self);

static void
save (SpPersonPage *self,
      SpPerson     *changed,
      const char   *focus_key)
{
  g_autoptr (GError) error = NULL;

  if (!sp_referral_store_save_person (self->store, changed, &error))
    {
      sp_link_worker_window_toast (self->window, error->message);
      return;
    }
  sp_link_worker_window_records_changed (self->window);
  sp_form_rebuild_later (GTK_WIDGET (self), (SpFormRebuild) rebuild, focus_key);
}

static void
text_applied (AdwEntryRow  *row,
              SpPersonPage *self)
{
  SpPerson *p = sp_referral_store_get_person (self->store, self->person_id);
  guint field = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "field"));
  g_autoptr (SpPerson) copy = NULL;
  char **value;

  if (p == NULL)
    return;
  copy = sp_person_copy (p);
  value = G_STRUCT_MEMBER_P (copy, text_fields[field].offset);
  sp_wipe_string (value);
  *value = sp_form_dup_text (GTK_WIDGET (row));
  save (self, copy, sp_form_get_focus_key (GTK_WIDGET (row)));
}

static void
choice_changed (AdwComboRow  *row,
                GParamSpec   *pspec,
                SpPersonPage *self)
{
  SpPerson *p = sp_referral_store_get_person (self->store, self->person_id);
  g_autoptr (SpPerson) copy = NULL;
  g_autofree char *key = g_strdup (sp_form_get_focus_key (GTK_WIDGET (row)));

  if (p == NULL)
    return;
  copy = sp_person_copy (p);
  if (g_str_equal (key, "preferred"))
    copy->preferred_contact = adw_combo_row_get_selected (row);
  else
    copy->carer = adw_combo_row_get_selected (row);
  save (self, copy, key);
}

static void
interpreter_toggled (GtkCheckButton *check,
                     SpPersonPage   *self)
{
  SpPerson *p = sp_referral_store_get_person (self->store, self->person_id);
  g_autoptr (SpPerson) copy = NULL;

  if (p == NULL)
    return;
  copy = sp_person_copy (p);
  copy->interpreter = gtk_check_button_get_active (check);
  save (self, copy, "interpreter");
}

static void
add_contact_group (SpPersonPage *self,
                   GtkBox       *column,
                   SpPerson     *p)
{
  AdwPreferencesGroup *group = sp_form_group_new (column, _("Getting in touch"),
                                                  _("Change a detail, then Enter (or the tick) to save it."));
  const char *methods[SP_N_CONTACT_METHODS + 1] = { NULL };
  const char *roles[SP_N_CARER_ROLES + 1] = { NULL };
  GtkWidget *row, *check;

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      g_autofree char *key = g_strdup_printf ("text-%u", i);
      row = sp_form_entry_row (group, _(text_fields[i].title), G_STRUCT_MEMBER (char *, p, text_fields[i].offset));
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "field", GUINT_TO_POINTER (i));
      sp_form_set_focus_key (row, key);
      g_signal_connect (row, "apply", G_CALLBACK (text_applied), self);
    }
  for (SpContactMethod m = 0; m < SP_N_CONTACT_METHODS; m++)
    methods[m] = sp_contact_method_label (m);
  row = sp_form_combo_row (group, _("Preferred way to be contacted"), methods, p->preferred_contact);
  sp_form_set_focus_key (row, "preferred");
  g_signal_connect (row, "notify::selected", G_CALLBACK (choice_changed), self);
  check = sp_form_check_row (group, _("Needs an interpreter"), p->interpreter);
  sp_form_set_focus_key (check, "interpreter");
  g_signal_connect (check, "toggled", G_CALLBACK (interpreter_toggled), self);
  for (SpCarerRole r = 0; r < SP_N_CARER_ROLES; r++)
    roles[r] = sp_carer_role_label (r);
  row = sp_form_combo_row (group, _("Carer"), roles, p->carer);
  sp_form_set_focus_key (row, "carer");
  g_signal_connect (row, "notify::selected", G_CALLBACK (choice_changed), self);
}

static void
open_referral (SpPersonPage *self,
               GtkWidget    *row)
{
  sp_link_worker_window_open_referral (self->window, g_object_get_data (G_OBJECT (row), "referral-id"));
}

static void
new_referral (SpPersonPage *self)
{
  sp_link_worker_window_new_referral_for (self->window, self->person_id);
}

static void
add_referrals_group (SpPersonPage *self,
                     GtkBox       *column,
                     SpPerson     *p)
{
  g_autoptr (GPtrArray) referrals = sp_referral_store_referrals_of (self->store, p->id);
  AdwPreferencesGroup *group = sp_form_group_new (column, _("Referrals"), NULL);

  for (guint i = referrals->len; i > 0; i--)
    {
      SpReferral *r = referrals->pdata[i - 1];
      g_autofree char *day = sp_day_format (r->received_on);
      g_autofree char *title = g_strdup_printf (_("Referred %s by %s"), day, sp_referral_source_label (r->source));
      GtkWidget *row = sp_form_link_row (group, title, sp_referral_status_label (r->status),
                                         G_CALLBACK (open_referral), self);

      g_object_set_data_full (G_OBJECT (row), "referral-id", g_strdup (r->id), g_free);
    }
  gtk_box_append (column, sp_form_buttons_new (sp_form_button_new (_("_New Referral for This Person"), TRUE,
                                                                   G_CALLBACK (new_referral), self), NULL));
}

static void
back (SpPersonPage *self)
{
  GtkWidget *view = gtk_widget_get_ancestor (GTK_WIDGET (self), SP_TYPE_CASELOAD_VIEW);

  if (view != NULL)
    sp_caseload_view_go_back (SP_CASELOAD_VIEW (view));
}

static void
rebuild (SpPersonPage *self)
{
  SpPerson *p = sp_referral_store_get_person (self->store, self->person_id);
  GtkBox *column;
  GtkWidget *page;
  AdwPreferencesGroup *group;
  g_autofree char *born = NULL;
  g_autofree char *nhs = NULL;
  g_autofree char *consent_on = NULL;

  if (p == NULL)
    return;
  page = sp_form_page_new (&column);
  born = sp_day_format (p->born);
  nhs = p->nhs_number != NULL ? sp_nhs_number_format (p->nhs_number) : NULL;
  consent_on = p->consent_on != 0 ? sp_day_format (p->consent_on) : NULL;
  gtk_box_append (column, sp_form_header_new (p->name, _("Back"), G_CALLBACK (back), self));
  group = sp_form_group_new (column, NULL, p->training ? _("Training: not a real person") : NULL);
  sp_form_info_row (group, _("Date of birth"), born);
  sp_form_info_row (group, _("NHS number"), nhs);
  add_contact_group (self, column, p);
  group = sp_form_group_new (column, _("Consent"), NULL);
  sp_form_info_row (group, _("How"), sp_consent_method_label (p->consent_method));
  sp_form_info_row (group, _("When"), consent_on);
  sp_form_info_row (group, _("What was agreed"), p->consent_scope);
  add_referrals_group (self, column, p);
  sp_form_bin_replace (ADW_BIN (self), page);
}

static void
sp_person_page_finalize (GObject *object)
{
  SpPersonPage *self = SP_PERSON_PAGE (object);

  g_clear_object (&self->store);
  g_free (self->person_id);
  G_OBJECT_CLASS (sp_person_page_parent_class)->finalize (object);
}

static void
sp_person_page_class_init (SpPersonPageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_person_page_finalize;
}

static void
sp_person_page_init (SpPersonPage *self)
{
  sp_form_on_escape (GTK_WIDGET (self), G_CALLBACK (back), self);
}

/* A page for the person @person_id, noted in the audit log as viewed. */
SpPersonPage *
sp_person_page_new (SpLinkWorkerWindow *window,
                    SpReferralStore    *store,
                    const char         *person_id)
{
  SpPersonPage *self = g_object_new (SP_TYPE_PERSON_PAGE, NULL);

  self->window = window;
  self->store = g_object_ref (store);
  self->person_id = g_strdup (person_id);
  rebuild (self);
  sp_referral_store_note_viewed (store, "person", person_id);
  return self;
}
