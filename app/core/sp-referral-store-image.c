/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-referral-store-image.c: the referral store as one image of its file, for backups and restores.
 *
 * A backup seals the whole database as SQLite serializes it; a restore checks that an
 * opened image is a referral store this build can read before it replaces the file's
 * contents with it. SQLite's own calls for both stay here, in the store's files.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sp-referral-store-private.h"

struct _SpReferralImage
{
  sqlite3 *db;  /* the image, in memory */
};

/*
 * sp_referral_store_serialize:
 *
 * The whole store as SQLite writes its file, read in one go; changes nothing.
 *
 * Returns: (transfer full): the image, or %NULL with @error set
 */
GBytes *
sp_referral_store_serialize (SpReferralStore *self,
                             GError         **error)
{
  sqlite3_int64 size = 0;
  unsigned char *image = sqlite3_serialize (self->db, "main", &size, 0);

  if (image == NULL)
    {
      sp_referral_store_db_error (self, SQLITE_NOMEM, _("making a backup"), error);
      return NULL;
    }
  return g_bytes_new_with_free_func (image, size, sqlite3_free, image);
}

/* Whether @db looks like a referral store this build can open: a known schema, at least
 * one account, and SQLite's integrity check passes. Every step checked. */
static gboolean
is_referral_store (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT (SELECT user_version FROM pragma_user_version), "
                              "(SELECT count(*) FROM account), (SELECT integrity_check FROM pragma_integrity_check)",
                          -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    ok = sqlite3_column_int (stmt, 0) >= 1 && sqlite3_column_int (stmt, 0) <= SP_REFERRAL_STORE_SCHEMA_VERSION &&
         sqlite3_column_int (stmt, 1) > 0 && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2), "ok") == 0;
  sqlite3_finalize (stmt);
  return ok;
}

/*
 * sp_referral_image_open:
 * @image: the bytes of a referral store's file, as sp_referral_store_serialize() gave them
 *
 * Opens a copy of @image in memory and checks that it is a referral store this build can
 * read. Touches no file.
 *
 * Returns: (transfer full) (nullable): the image, or %NULL when it is not one
 */
SpReferralImage *
sp_referral_image_open (const guint8 *image,
                        gsize         len)
{
  g_autoptr (SpReferralImage) self = g_new0 (SpReferralImage, 1);
  unsigned char *copy;
  int rc;

  if (len < 100 || len > G_MAXINT64)
    return NULL;
  copy = sqlite3_malloc64 (len);
  if (copy == NULL)
    return NULL;
  memcpy (copy, image, len);
  /* The image says WAL (file format bytes 18 and 19), which a database in memory cannot
   * use: read it as a rollback-journal database. */
  copy[18] = copy[19] = 1;
  if (sqlite3_open_v2 (":memory:", &self->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      sqlite3_free (copy);
      return NULL;
    }
  rc = sqlite3_deserialize (self->db, "main", copy, len, len,
                            SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE);
  if (rc != SQLITE_OK || !is_referral_store (self->db))
    return NULL;
  return g_steal_pointer (&self);
}

void
sp_referral_image_free (SpReferralImage *self)
{
  if (self == NULL)
    return;
  sqlite3_close (self->db);
  g_free (self);
}

/*
 * sp_referral_store_replace_with_image:
 *
 * Replaces everything in the store's file with @image, in one step of SQLite's backup
 * (readers see the old store or the new, never a mix). The caller locks the store first
 * and reopens it after.
 *
 * Returns: %TRUE when replaced, %FALSE with @error set when the file was left as it was
 */
gboolean
sp_referral_store_replace_with_image (SpReferralStore *self,
                                      SpReferralImage *image,
                                      GError         **error)
{
  sqlite3_backup *backup = sqlite3_backup_init (self->db, "main", image->db, "main");
  int rc;

  if (backup == NULL)
    return sp_referral_store_db_error (self, sqlite3_errcode (self->db), _("restoring a backup"), error);
  rc = sqlite3_backup_step (backup, -1);
  if (rc == SQLITE_DONE)
    rc = SQLITE_OK;
  if (sqlite3_backup_finish (backup) != SQLITE_OK && rc == SQLITE_OK)
    rc = sqlite3_errcode (self->db);
  if (rc != SQLITE_OK)
    return sp_referral_store_db_error (self, rc, _("restoring a backup"), error);
  return TRUE;
}
