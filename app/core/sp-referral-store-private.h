/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-referral-store-private.h: what the referral store's files share.
 *
 * SQLite stays in the store's own files (sp-referral-store*.c); the modules that keep
 * accounts, records and the audit log run their SQL through SpReferralStatement, whose
 * step tells a row, the end and an error apart.
 */
#pragma once

#include <sqlite3.h>

#include "sp-referral-crypto.h"
#include "sp-referral-store.h"
#include "sp-store-statement.h"

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

  GSList *step_faults;      /* what tests asked to fail (sp-referral-store-testing.h) */

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
void      sp_referral_store_step_fault_free (gpointer         fault);

typedef struct _SpReferralStatement SpReferralStatement;

SpReferralStatement *sp_referral_statement_new        (SpReferralStore     *store,
                                                       const char          *sql,
                                                       const char          *doing,
                                                       GError             **error);
void                 sp_referral_statement_free       (SpReferralStatement *self);
void                 sp_referral_statement_bind_text  (SpReferralStatement *self,
                                                       int                  index,
                                                       const char          *text);
void                 sp_referral_statement_bind_blob  (SpReferralStatement *self,
                                                       int                  index,
                                                       const void          *data,
                                                       gsize                len);
void                 sp_referral_statement_bind_int64 (SpReferralStatement *self,
                                                       int                  index,
                                                       gint64               value);
SpStoreStep          sp_referral_statement_step       (SpReferralStatement *self,
                                                       GError             **error);
gboolean             sp_referral_statement_run        (SpReferralStatement *self,
                                                       GError             **error);
gboolean             sp_referral_statement_failed_unique (SpReferralStatement *self);
const char          *sp_referral_statement_get_text   (SpReferralStatement *self,
                                                       int                  column);
const guint8        *sp_referral_statement_get_blob   (SpReferralStatement *self,
                                                       int                  column,
                                                       gsize               *len);
gint64               sp_referral_statement_get_int64  (SpReferralStatement *self,
                                                       int                  column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpReferralStatement, sp_referral_statement_free)

typedef struct _SpReferralImage SpReferralImage;

GBytes          *sp_referral_store_serialize          (SpReferralStore *self,
                                                       GError         **error);
SpReferralImage *sp_referral_image_open               (const guint8    *image,
                                                       gsize            len);
void             sp_referral_image_free               (SpReferralImage *self);
gboolean         sp_referral_store_replace_with_image (SpReferralStore *self,
                                                       SpReferralImage *image,
                                                       GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpReferralImage, sp_referral_image_free)

gboolean  sp_referral_store_begin           (SpReferralStore *self,
                                             GError         **error);
gboolean  sp_referral_store_commit          (SpReferralStore *self,
                                             GError         **error);
void      sp_referral_store_rollback        (SpReferralStore *self);
gboolean  sp_referral_store_require_signed_in (SpReferralStore *self,
                                             GError         **error);
gboolean  sp_referral_store_read_setting    (SpReferralStore *self,
                                             const char      *key,
                                             char           **value,
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

gboolean  sp_referral_store_lookup_nhs_number (SpReferralStore *self,
                                             const char      *nhs_number,
                                             SpPerson       **person,
                                             GError         **error);

gboolean  sp_referral_store_append_audit    (SpReferralStore *self,
                                             const char      *action,
                                             const char      *kind,
                                             const char      *record_id,
                                             const char      *detail,
                                             GError         **error);

G_END_DECLS
