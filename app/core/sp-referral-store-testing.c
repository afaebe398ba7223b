/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-referral-store-testing.c: TEST ONLY. A referral store's file opened with plain SQLite, as someone with the file but no passphrase.
 *
 * The suites change the file behind the store's back (an audit entry swapped, a sign-in
 * wait moved back in time) and look into it (is a deleted record really gone?) the way an
 * outsider could; the SQLite calls for that stay here, in the store's files.
 */
#include "config.h"

#include <sqlite3.h>
#include <gio/gio.h>

#include "sp-referral-store-testing.h"

struct _SpReferralRawFile
{
  sqlite3 *db;
  char *path;
};

static gboolean
raw_error (SpReferralRawFile *self,
           int                rc,
           const char        *sql,
           GError           **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s: %s", self->path, sql,
               self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
  return FALSE;
}

/* Returns: (transfer full): the handle, or %NULL with @error set */
SpReferralRawFile *
sp_referral_raw_file_open (const char *path,
                           GError    **error)
{
  g_autoptr (SpReferralRawFile) self = g_new0 (SpReferralRawFile, 1);
  int rc;

  self->path = g_strdup (path);
  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      raw_error (self, rc, "opening", error);
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 5000);
  return g_steal_pointer (&self);
}

/* Runs @sql, one or more statements without parameters, each in its own transaction. */
gboolean
sp_referral_raw_file_exec (SpReferralRawFile *self,
                           const char        *sql,
                           GError           **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  return rc == SQLITE_OK || raw_error (self, rc, sql, error);
}

/* The first column of @sql's one row, with @args (NULL-terminated, nullable) bound to ?1,
 * ?2, …: FALSE with @error set when it fails or gives no row. */
gboolean
sp_referral_raw_file_query_int (SpReferralRawFile  *self,
                                const char         *sql,
                                const char * const *args,
                                gint64             *value,
                                GError            **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return raw_error (self, rc, sql, error);
  for (int i = 0; args != NULL && args[i] != NULL; i++)
    sqlite3_bind_text (stmt, i + 1, args[i], -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s: %s: no row", self->path, sql);
      return FALSE;
    }
  return rc == SQLITE_ROW || raw_error (self, rc, sql, error);
}

/* %NULL is ignored. */
void
sp_referral_raw_file_close (SpReferralRawFile *self)
{
  if (self == NULL)
    return;
  sqlite3_close (self->db);
  g_free (self->path);
  g_free (self);
}
