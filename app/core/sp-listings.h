/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-listings.h: voluntary groups' moderated edits of their own listings, accounts and freshness.
 *
 * The tables live in the directory store (schema 008) and every change that touches a
 * service goes through sp_directory_change(), so an approval, its history row and the
 * change's status commit in one transaction and reach kiosks with the next sync.
 *
 * Rights are checked here, not by the caller: every function that reads or changes a
 * group's data takes the acting account (@actor, from sp_listings_session_lookup()) and
 * refuses with %SP_LISTINGS_ERROR_FORBIDDEN what that account may not do. A member may
 * read and propose only for services of its own organisation; only an editor approves,
 * rejects, restores, invites, and sees history, accounts and freshness.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sp-directory.h"

G_BEGIN_DECLS

#define SP_LISTINGS_ERROR (sp_listings_error_quark ())
GQuark sp_listings_error_quark (void);

typedef enum
{
  SP_LISTINGS_ERROR_FORBIDDEN,      /* the acting account may not do this */
  SP_LISTINGS_ERROR_NOT_FOUND,      /* no such service, change, version, account or session */
  SP_LISTINGS_ERROR_INVALID,        /* the input breaks the import's rules: see
                                     * sp_listings_error_get_problems() */
  SP_LISTINGS_ERROR_THROTTLED,      /* too many sign-ins: see sp_listings_error_get_retry_after() */
  SP_LISTINGS_ERROR_CONFLICT,       /* the service changed since the edit began, or the
                                     * change was already decided */
  SP_LISTINGS_ERROR_EXPIRED,        /* a session or an invitation is past its time, or used */
  SP_LISTINGS_ERROR_BAD_PASSPHRASE, /* unknown email or wrong passphrase (never told apart) */
  SP_LISTINGS_ERROR_EXISTS,         /* an account with this email already exists */
  SP_LISTINGS_ERROR_FAILED,         /* anything else (the store says why) */
} SpListingsError;

/* One problem with one field of a proposed document, for the form to show beside it. */
typedef struct
{
  char *field;    /* "email", "schedules[0].byday", "phones[1].number"; "" for the whole */
  char *message;  /* in words a person can act on, translated */
} SpFieldProblem;

void        sp_field_problem_free              (SpFieldProblem *problem);

/* (transfer none) (element-type SpFieldProblem) (nullable): the per-field problems of an
 * %SP_LISTINGS_ERROR_INVALID error, %NULL for any other error. */
GPtrArray  *sp_listings_error_get_problems     (const GError   *error);
/* Seconds to wait before trying again, for %SP_LISTINGS_ERROR_THROTTLED; 0 otherwise. */
guint       sp_listings_error_get_retry_after  (const GError   *error);

/* ---- accounts ---------------------------------------------------------------------- */

typedef enum
{
  SP_ACCOUNT_ROLE_EDITOR,   /* runs the directory: moderates every organisation */
  SP_ACCOUNT_ROLE_MEMBER,   /* belongs to one organisation */
} SpAccountRole;

/* The shortest passphrase accepted, in characters. */
#define SP_LISTINGS_MIN_PASSPHRASE 10

typedef struct
{
  gint64 id;
  char *email;               /* lower-cased */
  SpAccountRole role;
  char *organization_id;     /* (nullable) %NULL for an editor */
  char *organization_name;   /* (nullable) */
  char *created;             /* UTC ISO 8601 */
  gboolean disabled;
} SpAccount;

SpAccount  *sp_account_copy                    (const SpAccount *account);
void        sp_account_free                    (SpAccount      *account);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpAccount, sp_account_free)

/* A signed-in session, as the hub needs it on each request. */
typedef struct
{
  SpAccount *account;
  char *csrf_token;          /* the plain CSRF token to put in every form of this session */
  char *expires;             /* UTC ISO 8601: the absolute end */
} SpSession;

void        sp_session_free                    (SpSession      *session);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpSession, sp_session_free)

/* How long sessions and invitations last. */
#define SP_LISTINGS_SESSION_IDLE_SECONDS     (2 * 60 * 60)
#define SP_LISTINGS_SESSION_ABSOLUTE_SECONDS (12 * 60 * 60)
#define SP_LISTINGS_INVITATION_SECONDS       (7 * 24 * 60 * 60)

/* An invitation as its sign-up page shows it. */
typedef struct
{
  SpAccountRole role;
  char *organization_id;     /* (nullable) */
  char *organization_name;   /* (nullable) */
  char *expires;             /* UTC ISO 8601 */
} SpInvitation;

void        sp_invitation_free                 (SpInvitation   *invitation);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpInvitation, sp_invitation_free)

#define SP_TYPE_LISTINGS (sp_listings_get_type ())
G_DECLARE_FINAL_TYPE (SpListings, sp_listings, SP, LISTINGS, GObject)

SpListings *sp_listings_new                    (SpDirectory    *directory);
SpDirectory *sp_listings_get_directory         (SpListings     *self);

/* One organisation of the directory, for choosing it by name. */
typedef struct
{
  char *id;
  char *name;
} SpOrganizationChoice;

void         sp_organization_choice_free       (SpOrganizationChoice *choice);
/* (transfer full) (element-type SpOrganizationChoice) The directory's organisations by
 * name, or NULL with @error set when the store could not be read. */
GPtrArray   *sp_listings_list_organizations   (SpListings     *self,
                                               GError        **error);


/* Creates an editor account (signpost-hub add-editor): no actor, the terminal is trusted.
 * %SP_LISTINGS_ERROR_INVALID for a bad email or a short passphrase, _EXISTS. */
SpAccount  *sp_listings_add_editor             (SpListings     *self,
                                                const char     *email,
                                                const char     *passphrase,
                                                GError        **error);

/* An editor invites a member of @organization_id (or another editor, @organization_id
 * %NULL). Returns (transfer full) the one-time token for the sign-up link; only its hash is
 * kept. */
char       *sp_listings_invite                 (SpListings     *self,
                                                const SpAccount *actor,
                                                SpAccountRole   role,
                                                const char     *organization_id,
                                                GError        **error);
/* What an invitation token is for; %SP_LISTINGS_ERROR_EXPIRED when used or past its time,
 * _NOT_FOUND when unknown. */
SpInvitation *sp_listings_lookup_invitation    (SpListings     *self,
                                                const char     *token,
                                                GError        **error);
/* Uses the invitation once: creates the account. */
SpAccount  *sp_listings_accept_invitation      (SpListings     *self,
                                                const char     *token,
                                                const char     *email,
                                                const char     *passphrase,
                                                GError        **error);
/* (element-type SpAccount): every account, for an editor. */
GPtrArray  *sp_listings_list_accounts          (SpListings     *self,
                                                const SpAccount *actor,
                                                GError        **error);
/* An editor disables (or enables again) an account; disabling ends its sessions. */
gboolean    sp_listings_set_account_disabled   (SpListings     *self,
                                                const SpAccount *actor,
                                                gint64          account_id,
                                                gboolean        disabled,
                                                GError        **error);

/* ---- sessions ---------------------------------------------------------------------- */

/* Signs in from @address (the client's IP address, for throttling). Returns (transfer full)
 * the session cookie's token and sets @session. %SP_LISTINGS_ERROR_BAD_PASSPHRASE for an
 * unknown email, a wrong passphrase or a disabled account; _THROTTLED after repeated
 * failures for the account or the address. */
char       *sp_listings_sign_in                (SpListings     *self,
                                                const char     *email,
                                                const char     *passphrase,
                                                const char     *address,
                                                SpSession     **session,
                                                GError        **error);
/* The session of a cookie token, its idle time renewed; _EXPIRED when idle or past its
 * absolute end, _NOT_FOUND when unknown (signed out). */
SpSession  *sp_listings_session_lookup         (SpListings     *self,
                                                const char     *token,
                                                GError        **error);
/* Whether @csrf_token is the session's (in constant time). */
gboolean    sp_session_check_csrf              (const SpSession *session,
                                                const char     *csrf_token);
gboolean    sp_listings_sign_out               (SpListings     *self,
                                                const char     *token,
                                                GError        **error);
/* Ends every session of @actor. */
gboolean    sp_listings_sign_out_everywhere    (SpListings     *self,
                                                const SpAccount *actor,
                                                GError        **error);

/* ---- listings and changes ---------------------------------------------------------- */

/* A service as the "my listings" and freshness pages list it. */
typedef struct
{
  char *service_id;
  char *name;
  char *status;
  char *organization_id;
  char *organization_name;
  char *checked_date;        /* YYYY-MM-DD (sp_service_get_checked_date()), or %NULL */
  gboolean due_review;       /* not checked for 6 months */
  guint pending;             /* changes waiting for the editor */
} SpListingSummary;

void        sp_listing_summary_free            (SpListingSummary *summary);

typedef enum
{
  SP_CHANGE_KIND_EDIT,
  SP_CHANGE_KIND_NEW,
  SP_CHANGE_KIND_CLOSE,
  SP_CHANGE_KIND_CONFIRM,    /* "still correct": applied at once */
  SP_CHANGE_KIND_RESTORE,    /* an editor put back a previous version */
} SpChangeKind;

typedef enum
{
  SP_CHANGE_STATUS_PENDING,
  SP_CHANGE_STATUS_APPROVED,
  SP_CHANGE_STATUS_REJECTED,
} SpChangeStatus;

const char *sp_change_kind_to_string           (SpChangeKind    kind);
const char *sp_change_status_to_string         (SpChangeStatus  status);

typedef struct
{
  gint64 id;
  char *service_id;
  char *service_name;        /* from the proposed document */
  char *organization_id;
  SpChangeKind kind;
  gint64 proposed_by;
  char *proposed_by_email;
  char *proposed_at;         /* UTC ISO 8601 */
  char *base_json;           /* (nullable) the service when the edit began; %NULL for a new one */
  char *proposed_json;
  SpChangeStatus status;
  gint64 decided_by;         /* 0 while pending */
  char *decided_by_email;    /* (nullable) */
  char *decided_at;          /* (nullable) */
  char *note;                /* (nullable) the editor's note */
} SpListingChange;

void        sp_listing_change_free             (SpListingChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpListingChange, sp_listing_change_free)

/* (element-type SpListingSummary): a member's own organisation's services; for an editor
 * those of @organization_id, or every organisation's due a review when %NULL. */
GPtrArray  *sp_listings_list_services          (SpListings     *self,
                                                const SpAccount *actor,
                                                const char     *organization_id,
                                                GError        **error);
/* (transfer full) The service's ORUK 3.0 JSON as the store keeps it, and (optional) @hash
 * its version for sp_listings_propose_edit()'s @base_hash. */
char       *sp_listings_get_service_json       (SpListings     *self,
                                                const SpAccount *actor,
                                                const char     *service_id,
                                                char          **hash,
                                                GError        **error);

/* Checks a whole ORUK 3.0 service document by the import's rules without writing.
 * Returns (element-type SpFieldProblem) (transfer full): the problems, empty when none. */
GPtrArray  *sp_listings_check_document         (SpListings     *self,
                                                const char     *json,
                                                GError        **error);

/* A member (or an editor) proposes @json, the whole new document of @service_id. The
 * change is saved as pending; the store's services and change sequence stay as they are.
 * @base_hash (nullable) is the hash sp_listings_get_service_json() gave when the edit
 * began: _CONFLICT if the service changed since. _INVALID with per-field problems, and
 * nothing saved, if the document breaks the import's rules or its id is not @service_id.
 * Returns the change's id, or 0 with @error set. */
gint64      sp_listings_propose_edit           (SpListings     *self,
                                                const SpAccount *actor,
                                                const char     *service_id,
                                                const char     *base_hash,
                                                const char     *json,
                                                GError        **error);
/* Proposes a new service of @organization_id (the document's organization must be it). */
gint64      sp_listings_propose_new            (SpListings     *self,
                                                const SpAccount *actor,
                                                const char     *organization_id,
                                                const char     *json,
                                                GError        **error);
/* Proposes closing the service: its document with status "defunct". */
gint64      sp_listings_propose_close          (SpListings     *self,
                                                const SpAccount *actor,
                                                const char     *service_id,
                                                const char     *base_hash,
                                                GError        **error);
/* "Still correct": sets the service's assured date to today at once, through the one
 * write path (the change sequence moves, kiosks get it with the next sync). Recorded as
 * an approved change and a history row. @seq (optional): the change's number. */
gboolean    sp_listings_confirm                (SpListings     *self,
                                                const SpAccount *actor,
                                                const char     *service_id,
                                                gint64         *seq,
                                                GError        **error);

/* (element-type SpListingChange): changes with @status (-1: any), newest first; a member
 * sees only its organisation's, an editor every one. */
GPtrArray  *sp_listings_list_changes           (SpListings     *self,
                                                const SpAccount *actor,
                                                int             status,
                                                GError        **error);
SpListingChange *sp_listings_get_change        (SpListings     *self,
                                                const SpAccount *actor,
                                                gint64          change_id,
                                                GError        **error);
/* An editor applies a pending change through the one write path, with its history row
 * and its status, in one transaction. _CONFLICT when the service changed since the edit
 * began or the change is no longer pending. */
gboolean    sp_listings_approve                (SpListings     *self,
                                                const SpAccount *actor,
                                                gint64          change_id,
                                                const char     *note,
                                                gint64         *seq,
                                                GError        **error);
gboolean    sp_listings_reject                 (SpListings     *self,
                                                const SpAccount *actor,
                                                gint64          change_id,
                                                const char     *note,
                                                GError        **error);

/* One line of a readable before/after difference. */
typedef struct
{
  char *field;     /* "phones[0].number" */
  char *before;    /* (nullable) absent before */
  char *after;     /* (nullable) absent after */
} SpFieldDifference;

void        sp_field_difference_free           (SpFieldDifference *difference);
/* (element-type SpFieldDifference): what differs between two service documents, field by
 * field in document order; @before may be %NULL (a new service). */
GPtrArray  *sp_listings_describe_difference    (const char     *before,
                                                const char     *after,
                                                GError        **error);

/* ---- history ----------------------------------------------------------------------- */

typedef struct
{
  gint64 id;
  char *service_id;
  char *when;                /* UTC ISO 8601: when the change replacing it was applied */
  char *previous_json;       /* (nullable) the service before; %NULL when it was new */
  gint64 change_id;
  char *proposed_by_email;
  char *approved_by_email;
} SpServiceVersion;

void        sp_service_version_free            (SpServiceVersion *version);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpServiceVersion, sp_service_version_free)

/* (element-type SpServiceVersion): an editor reads a service's history, newest first. */
GPtrArray  *sp_listings_history                (SpListings     *self,
                                                const SpAccount *actor,
                                                const char     *service_id,
                                                GError        **error);
/* An editor puts back the document a history row kept, as an applied RESTORE change. */
gboolean    sp_listings_restore                (SpListings     *self,
                                                const SpAccount *actor,
                                                gint64          version_id,
                                                gint64         *seq,
                                                GError        **error);

/* ---- freshness --------------------------------------------------------------------- */

/* Services not checked for this many months are due a review; after twice that the
 * public sees "may be out of date". */
#define SP_LISTINGS_REVIEW_MONTHS 6

typedef struct
{
  guint services;            /* active services in all */
  guint within_6_months;     /* checked within 6 months */
  guint within_12_months;
} SpFreshness;

/* An editor's view of how fresh the directory is, as of @today (%NULL: today). */
gboolean    sp_listings_get_freshness          (SpListings     *self,
                                                const SpAccount *actor,
                                                GDate          *today,
                                                SpFreshness    *freshness,
                                                GError        **error);
/* (element-type SpListingSummary): services due a review: a member's own organisation's
 * (shown on sign-in), every one for an editor. */
GPtrArray  *sp_listings_list_due_review        (SpListings     *self,
                                                const SpAccount *actor,
                                                GDate          *today,
                                                GError        **error);
/* (transfer full): CSV (RFC 4180) of the contact details of the organisations with
 * services due a review, for an editor. */
char       *sp_listings_export_due_review_csv  (SpListings     *self,
                                                const SpAccount *actor,
                                                GDate          *today,
                                                GError        **error);

/* ---- schedules in words (sp-schedule-parse.c) ------------------------------------ */

/* Reads "every 2nd Tuesday, 10:00–12:00", "every Monday and Thursday 9:30-11", "first
 * Wednesday of the month 2pm–4pm", "closed 24 December 2026 to 2 January 2027" into one
 * ORUK 3.0 schedule object (freq, interval, byday, opens_at, closes_at, valid_from,
 * valid_to, description). @today (nullable) anchors a fortnightly rule's dtstart.
 * %SP_LISTINGS_ERROR_INVALID with a message a person can act on. */
JsonObject *sp_schedule_parse_words            (const char     *text,
                                                GDate          *today,
                                                GError        **error);
/* (transfer full) A schedule object back into words sp_schedule_parse_words() reads, or
 * %NULL when it cannot be said that way. */
char       *sp_schedule_words_for_form         (JsonObject     *schedule);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpOrganizationChoice, sp_organization_choice_free)

G_END_DECLS
