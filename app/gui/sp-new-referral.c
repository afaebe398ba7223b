/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-new-referral.c: a new referral, for a new person or one already known, on one page.
 *
 * Made to be done in a minute or two with the person on the phone: the person (or who it
 * is for, from their page), consent, who referred them and why, then Save, which opens
 * the new referral so that services can be found for it. Defaults are what most referrals
 * are: received today, from the GP, consent given out loud. An NHS number already in the
 * store adds the referral to that person rather than making them twice.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-form-rows.h"
#include "sp-new-referral.h"
#include "sp-nhs-number.h"

struct _SpNewReferral
{
  AdwBin parent_instance;

  SpLinkWorkerWindow *window;   /* (unowned) */
  SpReferralStore *store;
  char *person_id;              /* (nullable) for someone already known */
  GtkBox *column;
  GtkWidget *first;             /* where a new form starts */
  GtkWidget *name, *born, *nhs, *phone, *postcode;
  GtkWidget *consent_how, *consent_given;
  GtkWidget *source, *received, *reasons[SP_N_REASONS], *other;
};

G_DEFINE_FINAL_TYPE (SpNewReferral, sp_new_referral, ADW_TYPE_BIN)

static void build (SpNewReferral *self);

static void
someone_else (SpNewReferral *self)
{
  sp_new_referral_start (self, NULL);
  sp_new_referral_focus (self);
}

static void
add_person_group (SpNewReferral *self)
{
  SpPerson *known = self->person_id != NULL ? sp_referral_store_get_person (self->store, self->person_id) : NULL;
  AdwPreferencesGroup *group = sp_form_group_new (self->column, _("Person"), NULL);

  if (known != NULL)
    {
      GtkWidget *row = sp_form_info_row (group, _("For"), known->name);
      GtkWidget *other = gtk_button_new_with_mnemonic (_("Someone _Else"));

      gtk_widget_set_valign (other, GTK_ALIGN_CENTER);
      g_signal_connect_swapped (other, "clicked", G_CALLBACK (someone_else), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), other);
      self->name = self->born = self->nhs = self->phone = self->postcode = NULL;
      return;
    }
  self->name = sp_form_entry_row (group, C_("a person's", "Name"), NULL);
  self->born = sp_form_entry_row (group, _("Date of birth (YYYY-MM-DD)"), NULL);
  self->nhs = sp_form_entry_row (group, _("NHS number"), NULL);
  self->phone = sp_form_entry_row (group, _("Phone"), NULL);
  self->postcode = sp_form_entry_row (group, _("Postcode"), NULL);
  self->first = self->name;
}

static void
add_consent_group (SpNewReferral *self)
{
  SpPerson *known = self->person_id != NULL ? sp_referral_store_get_person (self->store, self->person_id) : NULL;
  const char *how[] = { N_("Out loud"), N_("In writing"), N_("Electronically"), NULL };
  const char *translated[G_N_ELEMENTS (how)] = { NULL };
  AdwPreferencesGroup *group;

  if (known != NULL && known->consent_method != SP_CONSENT_NONE)
    {
      self->consent_how = self->consent_given = NULL;
      return;
    }
  group = sp_form_group_new (self->column, _("Consent"),
                             _("Ask first: what is kept, who it is shared with, and that they can say no."));
  for (guint i = 0; how[i] != NULL; i++)
    translated[i] = _(how[i]);
  self->consent_how = sp_form_combo_row (group, _("How they agreed"), translated, 0);
  self->consent_given = sp_form_check_row (group, _("They agreed today to the referral and to sharing with the "
                                                    "services chosen"), FALSE);
}

static void
add_referral_group (SpNewReferral *self)
{
  const char *sources[SP_REFERRAL_N_SOURCES + 1] = { NULL };
  g_autofree char *today = sp_day_format (sp_link_worker_window_get_today (self->window));
  AdwPreferencesGroup *group = sp_form_group_new (self->column, _("Referral"), NULL);

  for (SpReferralSource s = 0; s < SP_REFERRAL_N_SOURCES; s++)
    sources[s] = sp_referral_source_label (s);
  self->source = sp_form_combo_row (group, _("Referred by"), sources, SP_REFERRAL_SOURCE_GP);
  self->received = sp_form_entry_row (group, _("Received (YYYY-MM-DD)"), today);
  group = sp_form_group_new (self->column, _("Reasons"), _("As many as apply."));
  for (SpReason reason = 0; reason < SP_N_REASONS; reason++)
    self->reasons[reason] = sp_form_check_row (group, sp_reason_label (reason), FALSE);
  self->other = sp_form_entry_row (group, _("Other reasons"), NULL);
  if (self->first == NULL)
    self->first = self->source;
}

/* ---- saving ----------------------------------------------------------------------------------- */

/* The person the form describes: someone known, or new (not yet saved); %NULL with a toast
 * when something is missing. */
static SpPerson *
person_of_form (SpNewReferral *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *digits = NULL;
  g_autofree char *nhs = NULL;
  SpPerson *known = NULL;
  SpPerson *p;

  if (self->person_id != NULL)
    known = sp_referral_store_get_person (self->store, self->person_id);
  else if ((nhs = sp_form_dup_text (self->nhs)) != NULL && sp_nhs_number_check (nhs, &digits) == SP_NHS_NUMBER_VALID)
    known = sp_referral_store_find_by_nhs_number (self->store, digits);
  if (known != NULL)
    {
      p = sp_person_copy (known);
      if (known != sp_referral_store_get_person (self->store, self->person_id))
        sp_link_worker_window_toast (self->window, _("This NHS number is already known: the referral is added to "
                                                     "that person."));
      return p;
    }
  p = sp_person_new ();
  p->name = sp_form_dup_text (self->name);
  p->born = sp_form_get_day (self->born);
  p->nhs_number = digits != NULL ? g_steal_pointer (&digits) : g_steal_pointer (&nhs);
  p->phone = sp_form_dup_text (self->phone);
  p->postcode = sp_form_dup_text (self->postcode);
  if (!sp_person_validate (p, sp_referral_store_get_training (self->store), &error))
    {
      sp_link_worker_window_toast (self->window, error->message);
      sp_person_unref (p);
      return NULL;
    }
  return p;
}

static SpReferral *
referral_of_form (SpNewReferral *self)
{
  SpReferral *r = sp_referral_new ();

  r->source = adw_combo_row_get_selected (ADW_COMBO_ROW (self->source));
  r->received_on = sp_form_get_day (self->received);
  for (SpReason reason = 0; reason < SP_N_REASONS; reason++)
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->reasons[reason])))
      r->reasons |= 1u << reason;
  r->other_reasons = sp_form_dup_text (self->other);
  return r;
}

/* Saves the person (unless @person_known is already as saved) and the referral: both or
 * neither, since a person without the referral they came for is not kept. */
static gboolean
save_both (SpNewReferral *self,
           SpPerson      *person,
           gboolean       person_known,
           SpReferral    *referral)
{
  g_autoptr (GError) error = NULL;
  gboolean ok = sp_referral_store_begin_batch (self->store, NULL, &error);

  if (ok && !person_known)
    ok = sp_referral_store_save_person (self->store, person, &error);
  if (ok)
    {
      g_free (referral->person_id);
      referral->person_id = g_strdup (person->id);
      ok = sp_referral_store_save_referral (self->store, referral, &error) &&
           sp_referral_store_commit_batch (self->store, &error);
    }
  if (!ok)
    {
      sp_referral_store_rollback_batch (self->store);
      sp_link_worker_window_toast (self->window, error->message);
    }
  return ok;
}

static void
save_clicked (SpNewReferral *self)
{
  g_autoptr (SpPerson) person = NULL;
  g_autoptr (SpReferral) referral = referral_of_form (self);
  g_autoptr (GError) error = NULL;

  if ((person = person_of_form (self)) == NULL)
    return;
  if (self->consent_given != NULL)
    {
      if (!gtk_check_button_get_active (GTK_CHECK_BUTTON (self->consent_given)))
        {
          sp_link_worker_window_toast (self->window, _("Record the person’s consent before saving a referral."));
          return;
        }
      person->consent_method = SP_CONSENT_VERBAL + adw_combo_row_get_selected (ADW_COMBO_ROW (self->consent_how));
      person->consent_on = sp_link_worker_window_get_today (self->window);
      g_free (person->consent_scope);
      person->consent_scope = g_strdup (_("Referral to social prescribing and sharing with the services chosen"));
    }
  referral->person_id = g_strdup (person->id != NULL ? person->id : "");
  if (!sp_referral_validate (referral, &error))
    {
      sp_link_worker_window_toast (self->window, error->message);
      return;
    }
  if (!save_both (self, person, person->id != NULL && self->consent_given == NULL, referral))
    return;
  sp_link_worker_window_toast (self->window, _("Referral saved: now find services for it"));
  sp_link_worker_window_records_changed (self->window);
  sp_new_referral_start (self, NULL);
  sp_link_worker_window_open_referral (self->window, referral->id);
}

/* ---- the page ---------------------------------------------------------------------------------- */

static void
build (SpNewReferral *self)
{
  GtkBox *column;
  GtkWidget *page = sp_form_page_new (&column);
  GtkWidget *title = gtk_label_new (_("New Referral"));

  self->column = column;
  self->first = NULL;
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "title-2");
  gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LEVEL, 1, -1);
  gtk_box_append (column, title);
  add_person_group (self);
  add_consent_group (self);
  add_referral_group (self);
  gtk_box_append (column, sp_form_buttons_new (sp_form_button_new (_("_Save Referral"), TRUE,
                                                                   G_CALLBACK (save_clicked), self), NULL));
  sp_form_bin_replace (ADW_BIN (self), page);
}

/* A blank form, for @person_id (someone known) or for a new person (%NULL). */
void
sp_new_referral_start (SpNewReferral *self,
                       const char    *person_id)
{
  g_return_if_fail (SP_IS_NEW_REFERRAL (self));

  g_free (self->person_id);
  self->person_id = g_strdup (person_id);
  build (self);
}

/* Focus on the form's first field; a form not made yet is made now. */
void
sp_new_referral_focus (SpNewReferral *self)
{
  g_return_if_fail (SP_IS_NEW_REFERRAL (self));

  if (self->first == NULL)
    build (self);
  gtk_widget_grab_focus (self->first);
}

static void
sp_new_referral_finalize (GObject *object)
{
  SpNewReferral *self = SP_NEW_REFERRAL (object);

  g_clear_object (&self->store);
  g_free (self->person_id);
  G_OBJECT_CLASS (sp_new_referral_parent_class)->finalize (object);
}

static void
sp_new_referral_class_init (SpNewReferralClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_new_referral_finalize;
}

static void
sp_new_referral_init (SpNewReferral *self)
{
}

SpNewReferral *
sp_new_referral_new (SpLinkWorkerWindow *window,
                     SpReferralStore    *store)
{
  SpNewReferral *self = g_object_new (SP_TYPE_NEW_REFERRAL, NULL);

  self->window = window;
  self->store = g_object_ref (store);
  /* Made when first shown (sp_new_referral_focus()): not on the way to the caseload. */
  return self;
}
