/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-referral-backup.c: retention (real deletion) and encrypted backup and restore.
 *
 * A backup is the whole store (accounts, sealed records, audit log) as one SQLite image,
 * sealed again under a key that Argon2id makes from a backup passphrase the link worker
 * chooses: without it the file is noise; with it, it is still the store, whose records need
 * an account's passphrase. The image is made and restored in memory, so no unsealed copy
 * ever touches the disk.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sp-referral-store-private.h"

#define BACKUP_MAGIC "SPREFBK1"
#define BACKUP_MAGIC_LEN 8
#define BACKUP_HEADER_LEN (BACKUP_MAGIC_LEN + SP_SALT_BYTES + 8 + 8)

/* ---- retention ------------------------------------------------------------------------ */

/* The day a referral ended: closed, or declined (from its history); 0 while open. */
static SpDay
ended_on (const SpReferral *r)
{
  if (r->status == SP_REFERRAL_STATUS_CLOSED)
    return r->closed_on != 0 ? r->closed_on : r->received_on;
  if (r->status == SP_REFERRAL_STATUS_DECLINED)
    {
      for (guint i = r->history->len; i > 0; i--)
        {
          const SpStatusChange *c = &g_array_index (r->history, SpStatusChange, i - 1);
          if (c->status == SP_REFERRAL_STATUS_DECLINED)
            return sp_day_from_unix (c->at);
        }
      return r->received_on;
    }
  return 0;
}

/**
 * sp_referral_store_list_expired:
 * @today: the day to judge from
 *
 * Closed and declined referrals that ended longer ago than the retention setting (8 years
 * unless changed): the ones to offer for deletion.
 *
 * Returns: (transfer full) (element-type SpReferral): them, oldest first
 */
GPtrArray *
sp_referral_store_list_expired (SpReferralStore *self,
                                SpDay            today)
{
  g_autoptr (GPtrArray) all = NULL;
  GPtrArray *expired = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_referral_unref);
  GDate cutoff;

  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), expired);

  g_date_clear (&cutoff, 1);
  g_date_set_julian (&cutoff, today);
  g_date_subtract_years (&cutoff, sp_referral_store_get_retention_years (self));
  all = sp_referral_store_dup_referrals (self);
  for (guint i = 0; i < all->len; i++)
    {
      SpReferral *r = all->pdata[i];
      SpDay ended = ended_on (r);
      if (ended != 0 && ended < g_date_get_julian (&cutoff))
        g_ptr_array_add (expired, sp_referral_ref (r));
    }
  return expired;
}

/* Checkpoints the WAL into the file and empties it, then rebuilds the file without its
 * free pages: what was deleted is gone from both. */
static gboolean
compact (SpReferralStore *self,
         GError         **error)
{
  return sp_referral_store_exec (self, "PRAGMA wal_checkpoint(TRUNCATE)", error) &&
         sp_referral_store_exec (self, "VACUUM", error) &&
         sp_referral_store_exec (self, "PRAGMA wal_checkpoint(TRUNCATE)", error);
}

/**
 * sp_referral_store_delete_expired:
 * @referrals: (element-type SpReferral): referrals from sp_referral_store_list_expired()
 *
 * Deletes them for real, and every person left with no referral: one transaction, an audit
 * entry each; then the log is checkpointed and the file vacuumed, so neither keeps the
 * deleted records (secure_delete zeroes freed pages as well).
 */
gboolean
sp_referral_store_delete_expired (SpReferralStore *self,
                                  GPtrArray       *referrals,
                                  GError         **error)
{
  g_autoptr (GHashTable) people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean ok;

  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), FALSE);

  if (!sp_referral_store_begin_batch (self, "retention", error))
    return FALSE;
  ok = TRUE;
  for (guint i = 0; ok && i < referrals->len; i++)
    {
      SpReferral *r = referrals->pdata[i];
      g_hash_table_add (people, g_strdup (r->person_id));
      ok = sp_referral_store_delete_referral (self, r->id, error);
    }
  {
    GHashTableIter iter;
    gpointer person_id;

    g_hash_table_iter_init (&iter, people);
    while (ok && g_hash_table_iter_next (&iter, &person_id, NULL))
      {
        g_autoptr (GPtrArray) left = sp_referral_store_referrals_of (self, person_id);
        if (left->len == 0 && sp_referral_store_get_person (self, person_id) != NULL)
          ok = sp_referral_store_delete_person (self, person_id, error);
      }
  }
  if (!ok)
    {
      sp_referral_store_rollback_batch (self);
      return FALSE;
    }
  return sp_referral_store_commit_batch (self, error) && compact (self, error);
}

/* ---- backup and restore --------------------------------------------------------------- */

static void
put_u64 (guint8  *out,
         guint64  value)
{
  guint64 be = GUINT64_TO_BE (value);
  memcpy (out, &be, 8);
}

static guint64
get_u64 (const guint8 *in)
{
  guint64 be;
  memcpy (&be, in, 8);
  return GUINT64_FROM_BE (be);
}

/**
 * sp_referral_store_backup:
 * @path: the backup file to write (replaced if it exists; made readable by its owner only)
 * @passphrase: the backup's own passphrase, needed to restore it
 *
 * Writes an encrypted copy of the whole store, noting the export in the audit log first
 * (so the backup holds that entry too).
 */
gboolean
sp_referral_store_backup (SpReferralStore *self,
                          const char      *path,
                          const char      *passphrase,
                          GError         **error)
{
  g_autofree char *reason = NULL;
  g_autoptr (GBytes) sealed = NULL;
  guint8 header[BACKUP_HEADER_LEN];
  guint8 *key;
  g_autoptr (GBytes) image = NULL;
  GByteArray *file;
  gboolean ok;

  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), FALSE);

  if (!sp_referral_store_require_signed_in (self, error))
    return FALSE;
  if (!sp_passphrase_is_acceptable (passphrase, &reason))
    {
      g_set_error_literal (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_WEAK_PASSPHRASE, reason);
      return FALSE;
    }
  if (!sp_referral_store_note_exported (self, "backup", error))
    return FALSE;

  if ((image = sp_referral_store_serialize (self, error)) == NULL)
    return FALSE;

  memcpy (header, BACKUP_MAGIC, BACKUP_MAGIC_LEN);
  randombytes_buf (header + BACKUP_MAGIC_LEN, SP_SALT_BYTES);
  put_u64 (header + BACKUP_MAGIC_LEN + SP_SALT_BYTES, SP_PASSPHRASE_OPSLIMIT);
  put_u64 (header + BACKUP_MAGIC_LEN + SP_SALT_BYTES + 8, SP_PASSPHRASE_MEMLIMIT);
  key = sp_secret_new ();
  if (!sp_crypto_derive_passphrase_key (passphrase, header + BACKUP_MAGIC_LEN, SP_PASSPHRASE_OPSLIMIT,
                                        SP_PASSPHRASE_MEMLIMIT, key, error))
    {
      sp_secret_free (key);
      return FALSE;
    }
  {
    g_autofree char *associated = g_base64_encode (header, sizeof header);
    sealed = sp_crypto_seal (key, g_bytes_get_data (image, NULL), g_bytes_get_size (image), associated);
  }
  sp_secret_free (key);
  g_clear_pointer (&image, g_bytes_unref);

  file = g_byte_array_new ();
  g_byte_array_append (file, header, sizeof header);
  g_byte_array_append (file, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed));
  ok = g_file_set_contents_full (path, (const char *) file->data, file->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
  g_byte_array_unref (file);
  if (!ok)
    g_prefix_error (error, _("The backup could not be written: "));
  return ok;
}

static gboolean
backup_unreadable (const char *path,
                   GError    **error)
{
  g_set_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_BACKUP,
               _("%s cannot be restored: the passphrase is not the backup’s, or the file is not a "
                 "Signpost referral backup or is damaged."), path);
  return FALSE;
}

/**
 * sp_referral_store_restore:
 * @path: a backup sp_referral_store_backup() wrote
 * @passphrase: the backup's passphrase
 *
 * Replaces the whole store with the backup's and locks it: sign in again with an account
 * the backup holds. The restore is noted in the audit log at that sign-in. A backup that
 * does not open, or is not a referral store, changes nothing.
 */
gboolean
sp_referral_store_restore (SpReferralStore *self,
                           const char      *path,
                           const char      *passphrase,
                           GError         **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *associated = NULL;
  gsize length = 0;
  guint8 *key;
  guint8 *image;
  gsize image_len = 0;
  g_autoptr (SpReferralImage) opened = NULL;
  g_autofree char *when = NULL;

  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), FALSE);

  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;
  if (length < BACKUP_HEADER_LEN || memcmp (contents, BACKUP_MAGIC, BACKUP_MAGIC_LEN) != 0)
    return backup_unreadable (path, error);
  key = sp_secret_new ();
  if (!sp_crypto_derive_passphrase_key (passphrase, (const guint8 *) contents + BACKUP_MAGIC_LEN,
                                        get_u64 ((const guint8 *) contents + BACKUP_MAGIC_LEN + SP_SALT_BYTES),
                                        get_u64 ((const guint8 *) contents + BACKUP_MAGIC_LEN + SP_SALT_BYTES + 8),
                                        key, error))
    {
      sp_secret_free (key);
      return FALSE;
    }
  associated = g_base64_encode ((const guint8 *) contents, BACKUP_HEADER_LEN);
  image = sp_crypto_open (key, (const guint8 *) contents + BACKUP_HEADER_LEN, length - BACKUP_HEADER_LEN,
                          associated, &image_len);
  sp_secret_free (key);
  if (image == NULL)
    return backup_unreadable (path, error);

  opened = sp_referral_image_open (image, image_len);
  sp_crypto_free_plain (image, image_len);
  if (opened == NULL)
    return backup_unreadable (path, error);

  sp_referral_store_lock (self);
  if (!sp_referral_store_replace_with_image (self, opened, error))
    return FALSE;
  when = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC);
  return sp_referral_store_put_setting (self, "restored-at", when, error) &&
         sp_referral_store_exec (self, "PRAGMA wal_checkpoint(TRUNCATE)", error) &&
         sp_referral_store_reopen (self, error);
}
