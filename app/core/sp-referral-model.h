/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-referral-model.h: what a link worker records: people, referrals and their outcomes.
 *
 * Plain reference-counted records. The referral store owns the ones it holds and never
 * changes them in place: to edit, copy (sp_person_copy()), change the copy, save it. Every
 * string is wiped before it is freed, so a locked store leaves no personal value behind
 * in memory it let go of.
 */
#pragma once

#include <glib-object.h>

#include "sp-wellbeing.h"
#include "sp-working-days.h"

G_BEGIN_DECLS

#define SP_REFERRAL_ERROR (sp_referral_error_quark ())
GQuark sp_referral_error_quark (void);

typedef enum
{
  SP_REFERRAL_ERROR_OPEN,             /* the file cannot be opened or created */
  SP_REFERRAL_ERROR_CORRUPT,          /* not a referral store, damaged, or a record will not decrypt */
  SP_REFERRAL_ERROR_TOO_NEW,          /* written by a newer Signpost */
  SP_REFERRAL_ERROR_LOCKED,           /* nobody is signed in */
  SP_REFERRAL_ERROR_NO_ACCOUNT,       /* no account of that name */
  SP_REFERRAL_ERROR_ACCOUNT_EXISTS,   /* an account of that name exists already */
  SP_REFERRAL_ERROR_WRONG_PASSPHRASE, /* the passphrase does not open the key */
  SP_REFERRAL_ERROR_TOO_SOON,         /* failed attempts: wait before trying again */
  SP_REFERRAL_ERROR_WEAK_PASSPHRASE,  /* too short to protect health records */
  SP_REFERRAL_ERROR_INVALID,          /* a field's value breaks a rule */
  SP_REFERRAL_ERROR_NO_CONSENT,       /* a referral for a person with no consent recorded */
  SP_REFERRAL_ERROR_TRANSITION,       /* a status change the workflow does not allow */
  SP_REFERRAL_ERROR_TAMPERED,         /* the audit log was changed */
  SP_REFERRAL_ERROR_BACKUP,           /* a backup cannot be read (wrong passphrase, damaged) */
  SP_REFERRAL_ERROR_FAILED,           /* anything else */
} SpReferralError;

typedef enum
{
  SP_REFERRAL_SOURCE_GP,
  SP_REFERRAL_SOURCE_NURSE,
  SP_REFERRAL_SOURCE_PRACTICE,       /* other practice staff */
  SP_REFERRAL_SOURCE_SELF,
  SP_REFERRAL_SOURCE_AGENCY,         /* another agency */
  SP_REFERRAL_N_SOURCES,
} SpReferralSource;

typedef enum
{
  SP_REFERRAL_STATUS_NEW,
  SP_REFERRAL_STATUS_CONTACTED,
  SP_REFERRAL_STATUS_ACCEPTED,
  SP_REFERRAL_STATUS_DECLINED,       /* with a reason */
  SP_REFERRAL_STATUS_ACTIVE,
  SP_REFERRAL_STATUS_CLOSED,         /* with an outcome */
  SP_REFERRAL_N_STATUSES,
} SpReferralStatus;

/* The common reasons, as bits of SpReferral.reasons. */
typedef enum
{
  SP_REASON_LONELINESS,
  SP_REASON_MONEY,
  SP_REASON_HOUSING,
  SP_REASON_BEREAVEMENT,
  SP_REASON_CARER,
  SP_REASON_MEMORY,
  SP_REASON_MENTAL_WELLBEING,
  SP_REASON_PHYSICAL_ACTIVITY,
  SP_REASON_EMPLOYMENT,
  SP_REASON_FOOD,
  SP_N_REASONS,
} SpReason;

typedef enum
{
  SP_CONTACT_METHOD_PHONE,
  SP_CONTACT_METHOD_TEXT,
  SP_CONTACT_METHOD_EMAIL,
  SP_CONTACT_METHOD_LETTER,
  SP_CONTACT_METHOD_IN_PERSON,
  SP_N_CONTACT_METHODS,
} SpContactMethod;

typedef enum
{
  SP_CARER_ROLE_NONE,
  SP_CARER_ROLE_CARER,
  SP_CARER_ROLE_CARED_FOR,
  SP_CARER_ROLE_BOTH,
  SP_N_CARER_ROLES,
} SpCarerRole;

typedef enum
{
  SP_CONSENT_NONE,                   /* not recorded yet: no referral can be saved */
  SP_CONSENT_VERBAL,
  SP_CONSENT_WRITTEN,
  SP_CONSENT_ELECTRONIC,
  SP_CONSENT_BEFORE_IMPORT,          /* "consent recorded before import" */
  SP_N_CONSENT_METHODS,
} SpConsentMethod;

typedef enum
{
  SP_SERVICE_LINK_SIGNPOSTED,
  SP_SERVICE_LINK_REFERRED,
} SpServiceLinkKind;

typedef enum
{
  SP_ATTENDED_UNKNOWN,
  SP_ATTENDED_YES,
  SP_ATTENDED_NO,
} SpAttended;

typedef struct
{
  char *id;                   /* random; NULL until first saved */
  gboolean training;          /* made in training mode: not a real person */
  char *name;
  SpDay born;
  char *nhs_number;           /* ten digits, or NULL */
  char *address;
  char *postcode;
  char *phone;
  char *email;
  SpContactMethod preferred_contact;
  char *language;
  gboolean interpreter;
  SpCarerRole carer;
  char *gp_practice;
  SpConsentMethod consent_method;
  char *consent_scope;        /* what was agreed */
  SpDay consent_on;
  gint64 created_at;          /* Unix seconds */
  gint64 updated_at;
  char *created_by;           /* account name */
  char *updated_by;
} SpPerson;

typedef struct
{
  SpReferralStatus status;
  gint64 at;
  char *by;
  char *note;                 /* the reason for declined, the outcome for closed */
} SpStatusChange;

typedef struct
{
  char *service_id;           /* in the directory */
  char *service_name;
  SpServiceLinkKind kind;
  SpAttended attended;
  SpDay added_on;
} SpServiceLink;

typedef struct
{
  SpDay on;
  SpContactMethod how;
  char *note;
  char *by;
} SpContactNote;

/* One sitting of the outcome measures. Missing ONS4 answers are -1, missing SWEMWBS items 0;
 * swemwbs_raw is the items' sum, or a total imported without its items (0: none). */
typedef struct
{
  SpDay taken_on;
  gint8 ons4[SP_ONS4_N_QUESTIONS];
  gint8 swemwbs[SP_SWEMWBS_N_ITEMS];
  gint8 swemwbs_raw;
} SpOutcome;

typedef struct
{
  char *id;
  char *person_id;
  gboolean training;
  SpReferralSource source;
  SpDay received_on;
  guint reasons;              /* bits: 1 << SpReason */
  char *other_reasons;        /* free text */
  SpReferralStatus status;
  gboolean accepted;          /* reached accepted (or was imported past it) */
  char *declined_reason;
  char *closing_outcome;
  SpDay first_contact_on;
  SpDay last_contact_on;
  SpDay next_contact_on;
  SpDay closed_on;
  GArray *history;            /* (element-type SpStatusChange) */
  GArray *services;           /* (element-type SpServiceLink) */
  GArray *contacts;           /* (element-type SpContactNote) */
  SpOutcome first;
  SpOutcome review;
  char *notes;
  gint64 created_at;
  gint64 updated_at;
  char *created_by;
  char *updated_by;
} SpReferral;

/* Followed-up state for the caseload: what needs doing. */
typedef enum
{
  SP_FOLLOW_UP_NONE = 0,
  SP_FOLLOW_UP_DUE_TODAY = 1 << 0,
  SP_FOLLOW_UP_OVERDUE = 1 << 1,
  SP_FOLLOW_UP_NO_CONTACT = 1 << 2,    /* SP_NO_CONTACT_WORKING_DAYS without contact */
} SpFollowUp;

#define SP_NO_CONTACT_WORKING_DAYS 6

/* SNOMED CT concepts for the GP record. */
#define SP_SNOMED_REFERRAL_ACCEPTED "871731000000106"
#define SP_SNOMED_REFERRAL_DECLINED "871711000000103"

#define SP_TYPE_PERSON (sp_person_get_type ())
#define SP_TYPE_REFERRAL (sp_referral_get_type ())
GType        sp_person_get_type               (void) G_GNUC_CONST;
GType        sp_referral_get_type             (void) G_GNUC_CONST;

SpPerson    *sp_person_new                    (void);
SpPerson    *sp_person_ref                    (SpPerson         *person);
void         sp_person_unref                  (SpPerson         *person);
SpPerson    *sp_person_copy                   (const SpPerson   *person);
gboolean     sp_person_validate               (const SpPerson   *person,
                                               gboolean          training,
                                               GError          **error);

SpReferral  *sp_referral_new                  (void);
SpReferral  *sp_referral_ref                  (SpReferral       *referral);
void         sp_referral_unref                (SpReferral       *referral);
SpReferral  *sp_referral_copy                 (const SpReferral *referral);
gboolean     sp_referral_validate             (const SpReferral *referral,
                                               GError          **error);
void         sp_referral_add_service          (SpReferral       *referral,
                                               const char       *service_id,
                                               const char       *service_name,
                                               SpServiceLinkKind kind,
                                               SpDay             on);
void         sp_referral_add_contact          (SpReferral       *referral,
                                               SpDay             on,
                                               SpContactMethod   how,
                                               const char       *note,
                                               const char       *by);
gboolean     sp_referral_can_change_status    (SpReferralStatus  from,
                                               SpReferralStatus  to);
gboolean     sp_referral_change_status        (SpReferral       *referral,
                                               SpReferralStatus  to,
                                               const char       *note,
                                               const char       *by,
                                               gint64            at,
                                               GError          **error);
const char  *sp_referral_snomed_code          (SpReferralStatus  status,
                                               const char      **term);
SpFollowUp   sp_referral_follow_up            (const SpReferral *referral,
                                               SpDay             today,
                                               SpWorkingDays    *working_days);

void         sp_outcome_clear                 (SpOutcome        *outcome);
gboolean     sp_outcome_has_ons4              (const SpOutcome  *outcome);
int          sp_outcome_swemwbs_raw           (const SpOutcome  *outcome);

const char  *sp_referral_source_to_string     (SpReferralSource  source);
gboolean     sp_referral_source_from_string   (const char       *text,
                                               SpReferralSource *source);
const char  *sp_referral_source_label         (SpReferralSource  source);
const char  *sp_referral_status_to_string     (SpReferralStatus  status);
gboolean     sp_referral_status_from_string   (const char       *text,
                                               SpReferralStatus *status);
const char  *sp_referral_status_label         (SpReferralStatus  status);
const char  *sp_reason_to_string              (SpReason          reason);
gboolean     sp_reason_from_string            (const char       *text,
                                               SpReason         *reason);
const char  *sp_reason_label                  (SpReason          reason);
const char  *sp_reason_directory_category     (SpReason          reason);
const char  *sp_contact_method_to_string      (SpContactMethod   method);
const char  *sp_contact_method_label          (SpContactMethod   method);
const char  *sp_carer_role_label              (SpCarerRole       role);
const char  *sp_consent_method_label          (SpConsentMethod   method);
char        *sp_name_match_key                (const char       *name);

void         sp_wipe_string                   (char            **text);

/* Serialised form, encrypted by the store (sp-referral-record.c): a format byte, then the
 * fields in order. Format 1, JSON, is still read (sp-referral-json.c). */
#define SP_RECORD_FORMAT_JSON 1
#define SP_RECORD_FORMAT 2

guint8      *sp_person_serialize              (const SpPerson   *person,
                                               gsize            *length);
SpPerson    *sp_person_deserialize            (const guint8     *data,
                                               gsize             length,
                                               GError          **error);
guint8      *sp_referral_serialize            (const SpReferral *referral,
                                               gsize            *length);
SpReferral  *sp_referral_deserialize          (const guint8     *data,
                                               gsize             length,
                                               GError          **error);
guint        sp_referral_record_format        (const guint8     *data,
                                               gsize             length);
SpPerson    *sp_person_from_json              (const char       *json,
                                               gsize             length,
                                               GError          **error);
SpReferral  *sp_referral_from_json            (const char       *json,
                                               gsize             length,
                                               GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpPerson, sp_person_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpReferral, sp_referral_unref)

G_END_DECLS
