/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-caseload-item.c: one referral and its person, as a row of the link worker's caseload.
 * It holds references to the decrypted records; the window drops every item when the
 * store locks. */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "sp-caseload-item.h"

struct _SpCaseloadItem
{
  GObject parent_instance;

  SpPerson *person;
  SpReferral *referral;
  SpFollowUp follow_up;
  char *search_key;   /* the name case-folded, then the NHS number */
};

G_DEFINE_FINAL_TYPE (SpCaseloadItem, sp_caseload_item, G_TYPE_OBJECT)

static void
sp_caseload_item_finalize (GObject *object)
{
  SpCaseloadItem *self = SP_CASELOAD_ITEM (object);

  g_clear_pointer (&self->person, sp_person_unref);
  g_clear_pointer (&self->referral, sp_referral_unref);
  sp_wipe_string (&self->search_key);
  G_OBJECT_CLASS (sp_caseload_item_parent_class)->finalize (object);
}

static void
sp_caseload_item_class_init (SpCaseloadItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_caseload_item_finalize;
}

static void
sp_caseload_item_init (SpCaseloadItem *self)
{
}

SpCaseloadItem *
sp_caseload_item_new (SpPerson   *person,
                      SpReferral *referral,
                      SpFollowUp  follow_up)
{
  SpCaseloadItem *self = g_object_new (SP_TYPE_CASELOAD_ITEM, NULL);

  self->person = sp_person_ref (person);
  self->referral = sp_referral_ref (referral);
  self->follow_up = follow_up;
  return self;
}

/* Whether @needle (already case-folded) is in the person's name, or @digits (spaces taken
 * out) in their NHS number. */
gboolean
sp_caseload_item_matches (SpCaseloadItem *self,
                          const char     *needle,
                          const char     *digits)
{
  const char *nhs, *found;

  /* Made at the first search, not for every referral at sign-in. */
  if (self->search_key == NULL)
    {
      g_autofree char *folded = g_utf8_casefold (self->person->name != NULL ? self->person->name : "", -1);
      self->search_key = g_strconcat (folded, "\n", self->person->nhs_number != NULL ? self->person->nhs_number : "",
                                      NULL);
      sp_wipe_string (&folded);
    }
  nhs = strchr (self->search_key, '\n');
  found = strstr (self->search_key, needle);

  if (found != NULL && found < nhs)
    return TRUE;
  return *digits != '\0' && strstr (nhs + 1, digits) != NULL;
}

SpPerson *
sp_caseload_item_get_person (SpCaseloadItem *self)
{
  return self->person;
}

SpReferral *
sp_caseload_item_get_referral (SpCaseloadItem *self)
{
  return self->referral;
}

SpFollowUp
sp_caseload_item_get_follow_up (SpCaseloadItem *self)
{
  return self->follow_up;
}

/* "Active · next contact 2026-03-09 · overdue": the row's second line. */
char *
sp_caseload_item_dup_summary (SpCaseloadItem *self)
{
  GString *text = g_string_new (sp_referral_status_label (self->referral->status));

  if (self->referral->next_contact_on != 0)
    {
      g_autofree char *next = sp_day_format (self->referral->next_contact_on);
      g_string_append_printf (text, _(" · next contact %s"), next);
    }
  if (self->follow_up & SP_FOLLOW_UP_DUE_TODAY)
    g_string_append (text, _(" · due today"));
  if (self->follow_up & SP_FOLLOW_UP_OVERDUE)
    g_string_append (text, _(" · overdue"));
  if (self->follow_up & SP_FOLLOW_UP_NO_CONTACT)
    g_string_append (text, _(" · no contact for 6 working days"));
  if (self->referral->training)
    g_string_append (text, _(" · training"));
  return g_string_free (text, FALSE);
}
