/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-referral-store-private.h: what the referral store's files share. */
#pragma once

#include <sqlite3.h>

#include "sp-referral-crypto.h"
#include "sp-referral-store.h"

G_BEGIN_DECLS

struct _SpReferralStore
{
  GObject parent_instance;

  char *path;
  sqlite3 *db;
  int batch_depth;          /* > 0: inside sp_referral_store_begin_batch() */
  char *batch_action;       /* (nullable) what the batch is, for its audit entries */

  /* Signed in: all NULL when locked. */
  SpKeys *keys;
  char *account_id;
  char *account_name;
  GHashTable *people;       /* id → SpPerson */
  GHashTable *referrals;    /* id → SpReferral */
  GPtrArray *stale;         /* ids of records read in an older record format */

  SpWorkingDays *working_days;
  double passphrase_ms;
  double records_ms;
  double records_cpu_ms;
};

gboolean  sp_referral_store_db_error        (SpReferralStore *self,
                                             int              rc,
                                             const char      *doing,
                                             GError         **error);
gboolean  sp_referral_store_exec            (SpReferralStore *self,
                                             const char      *sql,
                                             GError         **error);
sqlite3_stmt *sp_referral_store_prepare     (SpReferralStore *self,
                                             const char      *sql,
                                             GError         **error);
gboolean  sp_referral_store_step            (SpReferralStore *self,
                                             sqlite3_stmt    *stmt,
                                             const char      *doing,
                                             GError         **error);
gboolean  sp_referral_store_begin           (SpReferralStore *self,
                                             GError         **error);
gboolean  sp_referral_store_commit          (SpReferralStore *self,
                                             GError         **error);
void      sp_referral_store_rollback        (SpReferralStore *self);
gboolean  sp_referral_store_require_signed_in (SpReferralStore *self,
                                             GError         **error);
char     *sp_referral_store_get_setting     (SpReferralStore *self,
                                             const char      *key);
gboolean  sp_referral_store_put_setting     (SpReferralStore *self,
                                             const char      *key,
                                             const char      *value,
                                             GError         **error);
char     *sp_referral_record_associated_data (const char *kind,
                                             const char      *id);
gboolean  sp_referral_store_load_records    (SpReferralStore *self,
                                             GError         **error);
void      sp_referral_store_drop_records    (SpReferralStore *self);
gboolean  sp_referral_store_upgrade_records (SpReferralStore *self,
                                             GError         **error);
gboolean  sp_referral_store_reopen          (SpReferralStore *self,
                                             GError         **error);

gboolean  sp_referral_store_append_audit    (SpReferralStore *self,
                                             const char      *action,
                                             const char      *kind,
                                             const char      *record_id,
                                             const char      *detail,
                                             GError         **error);

G_END_DECLS
