/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-referral-store.h: the link workers' encrypted store of people and referrals.
 *
 * Its own SQLite file (referrals.sqlite in the data folder), never opened by a kiosk.
 * Locked, it holds no key and no record; signing in unwraps the data key with the
 * account's passphrase and decrypts every record into memory, where all reading is done;
 * each save writes the changed record back sealed, with an audit entry, in one
 * transaction. Locking wipes the keys and every decrypted record. Not thread-safe: use a
 * store from one thread at a time (a sign-in in a GTask thread, then the main loop).
 */
#pragma once

#include <glib-object.h>

#include "sp-referral-model.h"
#include "sp-working-days.h"

G_BEGIN_DECLS

/* The newest schema this build knows; PRAGMA user_version of a current store. */
#define SP_REFERRAL_STORE_SCHEMA_VERSION 1
#define SP_REFERRAL_STORE_FILE_NAME "referrals.sqlite"
#define SP_REFERRAL_DEFAULT_RETENTION_YEARS 8

typedef struct
{
  gint64 seq;
  gint64 at;              /* Unix seconds */
  char *account;          /* who */
  char *action;           /* sign-in, sign-out, view, create, change, delete, export, import, … */
  char *kind;             /* (nullable) person or referral */
  char *record_id;        /* (nullable) */
  char *detail;           /* (nullable) never a personal value */
} SpAuditEntry;

#define SP_TYPE_REFERRAL_STORE (sp_referral_store_get_type ())
G_DECLARE_FINAL_TYPE (SpReferralStore, sp_referral_store, SP, REFERRAL_STORE, GObject)

char            *sp_referral_store_path_in              (const char       *data_dir);
SpReferralStore *sp_referral_store_open                 (const char       *path,
                                                         GError          **error);
const char      *sp_referral_store_get_path             (SpReferralStore  *self);
gboolean         sp_referral_store_get_training         (SpReferralStore  *self);
gboolean         sp_referral_store_set_training         (SpReferralStore  *self,
                                                         gboolean          training,
                                                         GError          **error);

/* Accounts and signing in (sp-referral-accounts.c). */
gboolean         sp_passphrase_is_acceptable            (const char       *passphrase,
                                                         char            **reason);
guint            sp_referral_sign_in_delay              (guint             failures);
char           **sp_referral_store_list_accounts        (SpReferralStore  *self);
gboolean         sp_referral_store_create_first_account (SpReferralStore  *self,
                                                         const char       *name,
                                                         const char       *passphrase,
                                                         GError          **error);
gboolean         sp_referral_store_add_account          (SpReferralStore  *self,
                                                         const char       *name,
                                                         const char       *passphrase,
                                                         GError          **error);
gboolean         sp_referral_store_sign_in              (SpReferralStore  *self,
                                                         const char       *name,
                                                         const char       *passphrase,
                                                         GError          **error);
gboolean         sp_referral_store_change_passphrase    (SpReferralStore  *self,
                                                         const char       *old_passphrase,
                                                         const char       *new_passphrase,
                                                         GError          **error);
void             sp_referral_store_lock                 (SpReferralStore  *self);
gboolean         sp_referral_store_is_signed_in         (SpReferralStore  *self);
const char      *sp_referral_store_get_account          (SpReferralStore  *self);
void             sp_referral_store_get_sign_in_timings  (SpReferralStore  *self,
                                                         double           *passphrase_ms,
                                                         double           *records_ms,
                                                         double           *records_cpu_ms);

/* Records, in memory after sign-in. */
GPtrArray       *sp_referral_store_dup_people           (SpReferralStore  *self);
GPtrArray       *sp_referral_store_dup_referrals        (SpReferralStore  *self);
SpPerson        *sp_referral_store_get_person           (SpReferralStore  *self,
                                                         const char       *id);
SpReferral      *sp_referral_store_get_referral         (SpReferralStore  *self,
                                                         const char       *id);
GPtrArray       *sp_referral_store_referrals_of         (SpReferralStore  *self,
                                                         const char       *person_id);
SpPerson        *sp_referral_store_find_by_nhs_number   (SpReferralStore  *self,
                                                         const char       *nhs_number);
GPtrArray       *sp_referral_store_find_by_name         (SpReferralStore  *self,
                                                         const char       *name);
gboolean         sp_referral_store_save_person          (SpReferralStore  *self,
                                                         SpPerson         *person,
                                                         GError          **error);
gboolean         sp_referral_store_save_referral        (SpReferralStore  *self,
                                                         SpReferral       *referral,
                                                         GError          **error);
gboolean         sp_referral_store_delete_person        (SpReferralStore  *self,
                                                         const char       *id,
                                                         GError          **error);
gboolean         sp_referral_store_delete_referral      (SpReferralStore  *self,
                                                         const char       *id,
                                                         GError          **error);
gboolean         sp_referral_store_begin_batch          (SpReferralStore  *self,
                                                         const char       *action,
                                                         GError          **error);
gboolean         sp_referral_store_commit_batch         (SpReferralStore  *self,
                                                         GError          **error);
void             sp_referral_store_rollback_batch       (SpReferralStore  *self);
void             sp_referral_store_note_viewed          (SpReferralStore  *self,
                                                         const char       *kind,
                                                         const char       *id);
gboolean         sp_referral_store_note_exported        (SpReferralStore  *self,
                                                         const char       *what,
                                                         GError          **error);

/* Settings kept in the store: they are the practice's, not one computer's. */
SpWorkingDays   *sp_referral_store_get_working_days     (SpReferralStore  *self);
char            *sp_referral_store_dup_bank_holiday_changes (SpReferralStore *self);
gboolean         sp_referral_store_set_bank_holiday_changes (SpReferralStore *self,
                                                         const char       *table,
                                                         GError          **error);
guint            sp_referral_store_get_retention_years  (SpReferralStore  *self);
gboolean         sp_referral_store_set_retention_years  (SpReferralStore  *self,
                                                         guint             years,
                                                         GError          **error);

/* The audit log (sp-referral-audit.c). */
GPtrArray       *sp_referral_store_list_audit           (SpReferralStore  *self,
                                                         GError          **error);
gboolean         sp_referral_store_verify_audit         (SpReferralStore  *self,
                                                         guint            *n_entries,
                                                         GError          **error);
void             sp_audit_entry_free                    (SpAuditEntry     *entry);

/* Retention, backup and restore (sp-referral-backup.c). */
GPtrArray       *sp_referral_store_list_expired         (SpReferralStore  *self,
                                                         SpDay             today);
gboolean         sp_referral_store_delete_expired       (SpReferralStore  *self,
                                                         GPtrArray        *referrals,
                                                         GError          **error);
gboolean         sp_referral_store_backup               (SpReferralStore  *self,
                                                         const char       *path,
                                                         const char       *passphrase,
                                                         GError          **error);
gboolean         sp_referral_store_restore              (SpReferralStore  *self,
                                                         const char       *path,
                                                         const char       *passphrase,
                                                         GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpAuditEntry, sp_audit_entry_free)

G_END_DECLS
