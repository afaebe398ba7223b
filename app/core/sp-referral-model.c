/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-referral-model.c: people and referrals: copies, checks and the referral workflow.
 *
 * A referral goes new → contacted → accepted or declined (with a reason) → active → closed
 * (with an outcome). It can also be declined or closed early (a person who cannot be
 * reached is closed from new or contacted). Every change keeps when and by whom.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "sp-nhs-number.h"
#include "sp-referral-model.h"

G_DEFINE_QUARK (sp-referral-error-quark, sp_referral_error)

G_DEFINE_BOXED_TYPE (SpPerson, sp_person, sp_person_ref, sp_person_unref)
G_DEFINE_BOXED_TYPE (SpReferral, sp_referral, sp_referral_ref, sp_referral_unref)

/* ---- names for files and labels for people ----------------------------------------- */

static const char *source_names[] = { "gp", "nurse", "practice", "self", "agency" };
static const char *status_names[] = { "new", "contacted", "accepted", "declined", "active", "closed" };
static const char *reason_names[] = {
  "loneliness", "money", "housing", "bereavement", "carer", "memory", "mental-wellbeing",
  "physical-activity", "employment", "food",
};
static const char *contact_names[] = { "phone", "text", "email", "letter", "in-person" };

G_STATIC_ASSERT (G_N_ELEMENTS (source_names) == SP_REFERRAL_N_SOURCES);
G_STATIC_ASSERT (G_N_ELEMENTS (status_names) == SP_REFERRAL_N_STATUSES);
G_STATIC_ASSERT (G_N_ELEMENTS (reason_names) == SP_N_REASONS);
G_STATIC_ASSERT (G_N_ELEMENTS (contact_names) == SP_N_CONTACT_METHODS);

static gboolean
name_lookup (const char  *text,
             const char **names,
             guint        n,
             guint       *found)
{
  for (guint i = 0; text != NULL && i < n; i++)
    if (g_ascii_strcasecmp (text, names[i]) == 0)
      {
        *found = i;
        return TRUE;
      }
  return FALSE;
}

/* NAME_to_string() and NAME_from_string() of an enumeration whose names are @names. */
#define DEFINE_NAMES(prefix, Type, names, n)                                    \
  const char *                                                                  \
  prefix##_to_string (Type value)                                               \
  {                                                                             \
    g_return_val_if_fail ((guint) value < (n), NULL);                           \
    return names[value];                                                        \
  }                                                                             \
                                                                                \
  gboolean                                                                      \
  prefix##_from_string (const char *text,                                       \
                        Type       *value)                                      \
  {                                                                             \
    guint i;                                                                    \
                                                                                \
    if (!name_lookup (text, names, G_N_ELEMENTS (names), &i))                   \
      return FALSE;                                                             \
    *value = i;                                                                 \
    return TRUE;                                                                \
  }

DEFINE_NAMES (sp_referral_source, SpReferralSource, source_names, SP_REFERRAL_N_SOURCES)

const char *
sp_referral_source_label (SpReferralSource source)
{
  const char *labels[] = { N_("GP"), N_("Nurse"), N_("Other practice staff"), N_("Self-referral"),
                           N_("Another agency") };

  g_return_val_if_fail (source < SP_REFERRAL_N_SOURCES, NULL);
  return _(labels[source]);
}

DEFINE_NAMES (sp_referral_status, SpReferralStatus, status_names, SP_REFERRAL_N_STATUSES)

const char *
sp_referral_status_label (SpReferralStatus status)
{
  const char *labels[] = { N_("New"), N_("Contacted"), N_("Accepted"), N_("Declined"), N_("Active"),
                           N_("Closed") };

  g_return_val_if_fail (status < SP_REFERRAL_N_STATUSES, NULL);
  return _(labels[status]);
}

DEFINE_NAMES (sp_reason, SpReason, reason_names, SP_N_REASONS)

const char *
sp_reason_label (SpReason reason)
{
  const char *labels[] = {
    N_("Loneliness and isolation"), N_("Money and debt"), N_("Housing"), N_("Bereavement"),
    N_("Carer support"), N_("Memory concerns"), N_("Mental wellbeing"), N_("Physical activity"),
    N_("Employment"), N_("Food"),
  };

  g_return_val_if_fail (reason < SP_N_REASONS, NULL);
  return _(labels[reason]);
}

/**
 * sp_reason_directory_category:
 *
 * The directory's top-level category (its taxonomy term code: "friendship", "money" …) for
 * services that meet a reason for referral, to narrow a search from inside a referral.
 *
 * Returns: (nullable): the code, or %NULL when no one category fits (employment)
 */
const char *
sp_reason_directory_category (SpReason reason)
{
  static const char *codes[] = {
    "friendship", "money", "housing", "bereavement", "carers", "memory", "wellbeing", "active", NULL, "food",
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (codes) == SP_N_REASONS);
  g_return_val_if_fail (reason < SP_N_REASONS, NULL);
  return codes[reason];
}

const char *
sp_contact_method_to_string (SpContactMethod method)
{
  g_return_val_if_fail (method < SP_N_CONTACT_METHODS, NULL);
  return contact_names[method];
}

const char *
sp_contact_method_label (SpContactMethod method)
{
  const char *labels[] = { N_("Phone"), N_("Text message"), N_("Email"), N_("Letter"), N_("In person") };

  g_return_val_if_fail (method < SP_N_CONTACT_METHODS, NULL);
  return _(labels[method]);
}

const char *
sp_carer_role_label (SpCarerRole role)
{
  const char *labels[] = { N_("Neither"), N_("Is a carer"), N_("Is cared for"), N_("Both") };

  g_return_val_if_fail (role < SP_N_CARER_ROLES, NULL);
  return _(labels[role]);
}

const char *
sp_consent_method_label (SpConsentMethod method)
{
  const char *labels[] = { N_("Not recorded"), N_("Verbal"), N_("Written"), N_("Electronic"),
                           N_("Consent recorded before import") };

  g_return_val_if_fail (method < SP_N_CONSENT_METHODS, NULL);
  return _(labels[method]);
}

/* A name as lookups compare it: case-folded, accents and punctuation gone, one space
 * between words ("  O'Brien-Smith, Ánna" and "obrien smith anna" match). */
char *
sp_name_match_key (const char *name)
{
  g_autofree char *folded = NULL;
  g_autofree char *decomposed = NULL;
  GString *key;
  gboolean space = FALSE;

  if (name == NULL)
    return g_strdup ("");
  folded = g_utf8_casefold (name, -1);
  decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKD);
  key = g_string_new (NULL);
  for (const char *p = decomposed != NULL ? decomposed : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        {
          if (space && key->len > 0)
            g_string_append_c (key, ' ');
          space = FALSE;
          g_string_append_unichar (key, c);
        }
      else if (g_unichar_isspace (c) || c == '-' || c == ',')
        space = TRUE;
    }
  return g_string_free (key, FALSE);
}

/* ---- wiping ------------------------------------------------------------------------- */

/* Overwrites a string with zeros, frees it and sets the pointer to NULL. */
void
sp_wipe_string (char **text)
{
  if (*text == NULL)
    return;
  sodium_memzero (*text, strlen (*text));
  g_clear_pointer (text, g_free);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static char *
dup_or_null (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

/* ---- people -------------------------------------------------------------------------- */

static void
person_clear (SpPerson *p)
{
  char **strings[] = { &p->id, &p->name, &p->nhs_number, &p->address, &p->postcode, &p->phone,
                       &p->email, &p->language, &p->gp_practice, &p->consent_scope, &p->created_by,
                       &p->updated_by };

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    sp_wipe_string (strings[i]);
  sodium_memzero (p, sizeof *p);
}

SpPerson *
sp_person_new (void)
{
  return g_rc_box_new0 (SpPerson);
}

SpPerson *
sp_person_ref (SpPerson *person)
{
  return g_rc_box_acquire (person);
}

void
sp_person_unref (SpPerson *person)
{
  g_rc_box_release_full (person, (GDestroyNotify) person_clear);
}

SpPerson *
sp_person_copy (const SpPerson *p)
{
  SpPerson *copy = sp_person_new ();

  *copy = *p;
  copy->id = g_strdup (p->id);
  copy->name = g_strdup (p->name);
  copy->nhs_number = g_strdup (p->nhs_number);
  copy->address = g_strdup (p->address);
  copy->postcode = g_strdup (p->postcode);
  copy->phone = g_strdup (p->phone);
  copy->email = g_strdup (p->email);
  copy->language = g_strdup (p->language);
  copy->gp_practice = g_strdup (p->gp_practice);
  copy->consent_scope = g_strdup (p->consent_scope);
  copy->created_by = g_strdup (p->created_by);
  copy->updated_by = g_strdup (p->updated_by);
  return copy;
}

static gboolean
invalid (GError    **error,
         const char *field,
         const char *format,
         ...) G_GNUC_PRINTF (3, 4);

static gboolean
invalid (GError    **error,
         const char *field,
         const char *format,
         ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_INVALID, "%s: %s", field, message);
  return FALSE;
}

/**
 * sp_person_validate:
 * @training: whether the store is in training mode, where only the 999 test range of NHS
 *   numbers is allowed (and outside it, never)
 *
 * Checks what a person's record must hold: a name, a date of birth in the past, a valid
 * NHS number if there is one. @error names the field.
 */
gboolean
sp_person_validate (const SpPerson *person,
                    gboolean        training,
                    GError        **error)
{
  g_return_val_if_fail (person != NULL, FALSE);

  if (is_blank (person->name))
    return invalid (error, "name", _("a person needs a name"));
  if (person->born == 0 || person->born > sp_day_today ())
    return invalid (error, "date_of_birth", _("a date of birth in the past is needed"));
  if (person->nhs_number != NULL)
    {
      g_autofree char *digits = NULL;

      switch (sp_nhs_number_check (person->nhs_number, &digits))
        {
        case SP_NHS_NUMBER_NOT_TEN_DIGITS:
          return invalid (error, "nhs_number", _("“%s” is not ten digits"), person->nhs_number);
        case SP_NHS_NUMBER_BAD_CHECK_DIGIT:
          return invalid (error, "nhs_number", _("%s is not a valid NHS number (its check digit is wrong)"),
                          person->nhs_number);
        case SP_NHS_NUMBER_VALID:
        default:
          break;
        }
      if (sp_nhs_number_is_test_range (digits) && !training)
        return invalid (error, "nhs_number",
                        _("%s is in the 999 test range, which is only for training mode"), person->nhs_number);
      if (!sp_nhs_number_is_test_range (digits) && training)
        return invalid (error, "nhs_number",
                        _("in training mode only NHS numbers from the 999 test range may be used"));
    }
  if (person->consent_method != SP_CONSENT_NONE && person->consent_on == 0)
    return invalid (error, "consent", _("say when consent was given"));
  return TRUE;
}

/* ---- referrals ----------------------------------------------------------------------- */

static void
status_change_clear (gpointer data)
{
  SpStatusChange *change = data;

  sp_wipe_string (&change->by);
  sp_wipe_string (&change->note);
}

static void
service_link_clear (gpointer data)
{
  SpServiceLink *link = data;

  g_clear_pointer (&link->service_id, g_free);
  g_clear_pointer (&link->service_name, g_free);
}

static void
contact_note_clear (gpointer data)
{
  SpContactNote *contact = data;

  sp_wipe_string (&contact->note);
  sp_wipe_string (&contact->by);
}

static void
referral_init_arrays (SpReferral *r)
{
  r->history = g_array_new (FALSE, TRUE, sizeof (SpStatusChange));
  g_array_set_clear_func (r->history, status_change_clear);
  r->services = g_array_new (FALSE, TRUE, sizeof (SpServiceLink));
  g_array_set_clear_func (r->services, service_link_clear);
  r->contacts = g_array_new (FALSE, TRUE, sizeof (SpContactNote));
  g_array_set_clear_func (r->contacts, contact_note_clear);
}

void
sp_outcome_clear (SpOutcome *outcome)
{
  memset (outcome, 0, sizeof *outcome);
  for (guint i = 0; i < SP_ONS4_N_QUESTIONS; i++)
    outcome->ons4[i] = -1;
}

/* Whether all four ONS4 answers were given. */
gboolean
sp_outcome_has_ons4 (const SpOutcome *outcome)
{
  for (guint i = 0; i < SP_ONS4_N_QUESTIONS; i++)
    if (outcome->ons4[i] < 0 || outcome->ons4[i] > 10)
      return FALSE;
  return TRUE;
}

/* The SWEMWBS raw total, from the items when all seven were answered; 0 when there is none. */
int
sp_outcome_swemwbs_raw (const SpOutcome *outcome)
{
  int from_items = sp_swemwbs_raw_from_items (outcome->swemwbs);

  if (from_items > 0)
    return from_items;
  if (outcome->swemwbs_raw >= SP_SWEMWBS_RAW_MIN && outcome->swemwbs_raw <= SP_SWEMWBS_RAW_MAX)
    return outcome->swemwbs_raw;
  return 0;
}

static void
referral_clear (SpReferral *r)
{
  char **strings[] = { &r->id, &r->person_id, &r->other_reasons, &r->declined_reason,
                       &r->closing_outcome, &r->notes, &r->created_by, &r->updated_by };

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    sp_wipe_string (strings[i]);
  g_clear_pointer (&r->history, g_array_unref);
  g_clear_pointer (&r->services, g_array_unref);
  g_clear_pointer (&r->contacts, g_array_unref);
  sodium_memzero (r, sizeof *r);
}

SpReferral *
sp_referral_new (void)
{
  SpReferral *r = g_rc_box_new0 (SpReferral);

  referral_init_arrays (r);
  sp_outcome_clear (&r->first);
  sp_outcome_clear (&r->review);
  return r;
}

SpReferral *
sp_referral_ref (SpReferral *referral)
{
  return g_rc_box_acquire (referral);
}

void
sp_referral_unref (SpReferral *referral)
{
  g_rc_box_release_full (referral, (GDestroyNotify) referral_clear);
}

SpReferral *
sp_referral_copy (const SpReferral *r)
{
  SpReferral *copy = sp_referral_new ();
  GArray *history = copy->history, *services = copy->services, *contacts = copy->contacts;

  *copy = *r;
  copy->history = history;
  copy->services = services;
  copy->contacts = contacts;
  copy->id = g_strdup (r->id);
  copy->person_id = g_strdup (r->person_id);
  copy->other_reasons = g_strdup (r->other_reasons);
  copy->declined_reason = g_strdup (r->declined_reason);
  copy->closing_outcome = g_strdup (r->closing_outcome);
  copy->notes = g_strdup (r->notes);
  copy->created_by = g_strdup (r->created_by);
  copy->updated_by = g_strdup (r->updated_by);
  for (guint i = 0; i < r->history->len; i++)
    {
      SpStatusChange change = g_array_index (r->history, SpStatusChange, i);
      change.by = g_strdup (change.by);
      change.note = g_strdup (change.note);
      g_array_append_val (copy->history, change);
    }
  for (guint i = 0; i < r->services->len; i++)
    {
      SpServiceLink link = g_array_index (r->services, SpServiceLink, i);
      link.service_id = g_strdup (link.service_id);
      link.service_name = g_strdup (link.service_name);
      g_array_append_val (copy->services, link);
    }
  for (guint i = 0; i < r->contacts->len; i++)
    {
      SpContactNote contact = g_array_index (r->contacts, SpContactNote, i);
      contact.note = g_strdup (contact.note);
      contact.by = g_strdup (contact.by);
      g_array_append_val (copy->contacts, contact);
    }
  return copy;
}

static gboolean
validate_outcome (const SpOutcome *outcome,
                  const char      *which,
                  GError         **error)
{
  for (guint i = 0; i < SP_ONS4_N_QUESTIONS; i++)
    if (outcome->ons4[i] < -1 || outcome->ons4[i] > 10)
      return invalid (error, which, _("ONS4 answers are 0 to 10"));
  for (guint i = 0; i < SP_SWEMWBS_N_ITEMS; i++)
    if (outcome->swemwbs[i] < 0 || outcome->swemwbs[i] > 5)
      return invalid (error, which, _("SWEMWBS answers are 1 to 5"));
  if (outcome->swemwbs_raw != 0 &&
      (outcome->swemwbs_raw < SP_SWEMWBS_RAW_MIN || outcome->swemwbs_raw > SP_SWEMWBS_RAW_MAX))
    return invalid (error, which, _("a SWEMWBS total is 7 to 35"));
  return TRUE;
}

/* Checks what a referral must hold: whose it is, when it came, a reason, and for declined
 * and closed referrals why. @error names the field. */
gboolean
sp_referral_validate (const SpReferral *r,
                      GError          **error)
{
  g_return_val_if_fail (r != NULL, FALSE);

  if (r->person_id == NULL)
    return invalid (error, "person", _("a referral belongs to a person"));
  if (r->source >= SP_REFERRAL_N_SOURCES)
    return invalid (error, "source", _("say who referred the person"));
  if (r->received_on == 0)
    return invalid (error, "referred_on", _("say when the referral was received"));
  if (r->reasons == 0 && is_blank (r->other_reasons))
    return invalid (error, "reasons", _("give at least one reason for the referral"));
  if (r->status >= SP_REFERRAL_N_STATUSES)
    return invalid (error, "status", _("unknown status"));
  if (r->status == SP_REFERRAL_STATUS_DECLINED && is_blank (r->declined_reason))
    return invalid (error, "status", _("a declined referral needs the reason"));
  if (r->first_contact_on != 0 && r->first_contact_on < r->received_on)
    return invalid (error, "first_contact_on", _("the first contact cannot come before the referral"));
  if (r->closed_on != 0 && r->closed_on < r->received_on)
    return invalid (error, "closed_on", _("a referral cannot close before it was received"));
  return validate_outcome (&r->first, "swemwbs_first", error) &&
         validate_outcome (&r->review, "swemwbs_review", error);
}

/* Adds a service to the referral; the same service again only changes how it was linked. */
void
sp_referral_add_service (SpReferral       *referral,
                         const char       *service_id,
                         const char       *service_name,
                         SpServiceLinkKind kind,
                         SpDay             on)
{
  SpServiceLink link = { 0 };

  g_return_if_fail (referral != NULL && service_id != NULL);

  for (guint i = 0; i < referral->services->len; i++)
    {
      SpServiceLink *existing = &g_array_index (referral->services, SpServiceLink, i);
      if (g_strcmp0 (existing->service_id, service_id) == 0)
        {
          existing->kind = kind;
          return;
        }
    }
  link.service_id = g_strdup (service_id);
  link.service_name = g_strdup (service_name);
  link.kind = kind;
  link.added_on = on;
  g_array_append_val (referral->services, link);
}

/* Records a contact with the person; the first one also moves a new referral's first
 * contact date. */
void
sp_referral_add_contact (SpReferral     *referral,
                         SpDay           on,
                         SpContactMethod how,
                         const char     *note,
                         const char     *by)
{
  SpContactNote contact = { on, how, dup_or_null (note), dup_or_null (by) };

  g_return_if_fail (referral != NULL && on != 0);

  g_array_append_val (referral->contacts, contact);
  if (referral->first_contact_on == 0 || on < referral->first_contact_on)
    referral->first_contact_on = on;
  if (on > referral->last_contact_on)
    referral->last_contact_on = on;
}

/* The workflow: which status may follow which. */
gboolean
sp_referral_can_change_status (SpReferralStatus from,
                               SpReferralStatus to)
{
  switch (from)
    {
    case SP_REFERRAL_STATUS_NEW:
      return to == SP_REFERRAL_STATUS_CONTACTED || to == SP_REFERRAL_STATUS_DECLINED ||
             to == SP_REFERRAL_STATUS_CLOSED;
    case SP_REFERRAL_STATUS_CONTACTED:
      return to == SP_REFERRAL_STATUS_ACCEPTED || to == SP_REFERRAL_STATUS_DECLINED ||
             to == SP_REFERRAL_STATUS_CLOSED;
    case SP_REFERRAL_STATUS_ACCEPTED:
      return to == SP_REFERRAL_STATUS_ACTIVE || to == SP_REFERRAL_STATUS_CLOSED;
    case SP_REFERRAL_STATUS_ACTIVE:
      return to == SP_REFERRAL_STATUS_CLOSED;
    case SP_REFERRAL_STATUS_DECLINED:
    case SP_REFERRAL_STATUS_CLOSED:
    default:
      return FALSE;
    }
}

/**
 * sp_referral_change_status:
 * @note: (nullable): the reason for declining, the outcome for closing (both required),
 *   or a remark
 * @by: the account making the change
 * @at: when, Unix seconds
 *
 * Moves the referral on, if the workflow allows it, and keeps the change in its history.
 */
gboolean
sp_referral_change_status (SpReferral       *r,
                           SpReferralStatus  to,
                           const char       *note,
                           const char       *by,
                           gint64            at,
                           GError          **error)
{
  SpStatusChange change = { to, at, g_strdup (by), dup_or_null (note) };
  SpDay day = sp_day_from_unix (at);

  g_return_val_if_fail (r != NULL, FALSE);

  if (!sp_referral_can_change_status (r->status, to))
    {
      g_set_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_TRANSITION,
                   _("A referral that is %s cannot become %s."),
                   sp_referral_status_label (r->status), sp_referral_status_label (to));
      status_change_clear (&change);
      return FALSE;
    }
  if ((to == SP_REFERRAL_STATUS_DECLINED || to == SP_REFERRAL_STATUS_CLOSED) && change.note == NULL)
    {
      status_change_clear (&change);
      return invalid (error, "status", to == SP_REFERRAL_STATUS_DECLINED
                      ? _("say why the person declined") : _("say what the outcome was"));
    }
  r->status = to;
  switch (to)
    {
    case SP_REFERRAL_STATUS_CONTACTED:
      if (r->first_contact_on == 0)
        r->first_contact_on = MAX (day, r->received_on);
      r->last_contact_on = MAX (r->last_contact_on, day);
      break;
    case SP_REFERRAL_STATUS_ACCEPTED:
    case SP_REFERRAL_STATUS_ACTIVE:
      r->accepted = TRUE;
      break;
    case SP_REFERRAL_STATUS_DECLINED:
      g_free (r->declined_reason);
      r->declined_reason = g_strdup (change.note);
      r->next_contact_on = 0;
      break;
    case SP_REFERRAL_STATUS_CLOSED:
      g_free (r->closing_outcome);
      r->closing_outcome = g_strdup (change.note);
      r->closed_on = MAX (day, r->received_on);
      r->next_contact_on = 0;
      break;
    case SP_REFERRAL_STATUS_NEW:
    default:
      break;
    }
  g_array_append_val (r->history, change);
  return TRUE;
}

/**
 * sp_referral_snomed_code:
 * @term: (out) (optional): the concept's term
 *
 * The SNOMED CT concept a status change goes into the GP record as: the referral to social
 * prescribing is recorded once, when the person accepts; a decline has its own.
 *
 * The terms are SNOMED CT's own, in English, as the GP record takes them: not translated.
 *
 * Returns: (nullable): the concept id, or %NULL when the status has none
 */
const char *
sp_referral_snomed_code (SpReferralStatus status,
                         const char     **term)
{
  if (status == SP_REFERRAL_STATUS_ACCEPTED)
    {
      if (term != NULL)
        *term = "Referral to social prescribing service";
      return SP_SNOMED_REFERRAL_ACCEPTED;
    }
  if (status == SP_REFERRAL_STATUS_DECLINED)
    {
      if (term != NULL)
        *term = "Social prescribing declined";
      return SP_SNOMED_REFERRAL_DECLINED;
    }
  if (term != NULL)
    *term = NULL;
  return NULL;
}

/**
 * sp_referral_follow_up:
 * @today: the day to judge from
 *
 * What an open referral needs: its next contact is due today or overdue; or nobody has been
 * in touch (since it came, or since the last contact) for %SP_NO_CONTACT_WORKING_DAYS
 * working days, weekends and bank holidays not counted. Declined and closed referrals need
 * nothing.
 */
SpFollowUp
sp_referral_follow_up (const SpReferral *r,
                       SpDay             today,
                       SpWorkingDays    *working_days)
{
  SpFollowUp flags = SP_FOLLOW_UP_NONE;
  SpDay since;

  g_return_val_if_fail (r != NULL, SP_FOLLOW_UP_NONE);

  if (r->status == SP_REFERRAL_STATUS_DECLINED || r->status == SP_REFERRAL_STATUS_CLOSED)
    return SP_FOLLOW_UP_NONE;
  if (r->next_contact_on != 0 && r->next_contact_on == today)
    flags |= SP_FOLLOW_UP_DUE_TODAY;
  else if (r->next_contact_on != 0 && r->next_contact_on < today)
    flags |= SP_FOLLOW_UP_OVERDUE;
  since = MAX (r->received_on, r->last_contact_on);
  /* Counting forward six working days, not every day since: old referrals are many. */
  if (since != 0 && sp_working_days_add (working_days, since, SP_NO_CONTACT_WORKING_DAYS) <= today)
    flags |= SP_FOLLOW_UP_NO_CONTACT;
  return flags;
}
