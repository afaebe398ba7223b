/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-referral-store.c: opening the referral store, its SQLite plumbing and its settings.
 *
 * The file is opened with secure_delete (freed pages are zeroed, so a deleted record's
 * ciphertext does not linger), WAL, temp_store in memory (sorting and VACUUM never write a
 * temporary file) and foreign keys on; it is created readable by its owner alone.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "sp-referral-store-private.h"

#define SCHEMA_RESOURCE_DIR "/org/signpost/core/referrals-schema"

G_DEFINE_FINAL_TYPE (SpReferralStore, sp_referral_store, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SIGNED_IN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sp_referral_store_finalize (GObject *object)
{
  SpReferralStore *self = SP_REFERRAL_STORE (object);

  sp_referral_store_lock (self);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->working_days, sp_working_days_free);
  g_slist_free_full (self->step_faults, sp_referral_store_step_fault_free);
  g_free (self->batch_action);
  g_free (self->path);
  G_OBJECT_CLASS (sp_referral_store_parent_class)->finalize (object);
}

static void
sp_referral_store_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SpReferralStore *self = SP_REFERRAL_STORE (object);

  switch (prop_id)
    {
    case PROP_SIGNED_IN:
      g_value_set_boolean (value, sp_referral_store_is_signed_in (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_referral_store_class_init (SpReferralStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sp_referral_store_finalize;
  object_class->get_property = sp_referral_store_get_property;

  /**
   * SpReferralStore:signed-in:
   *
   * Whether someone is signed in: the keys and records are in memory. It turns %FALSE
   * when the store locks, and whatever shows records must then clear them.
   */
  properties[PROP_SIGNED_IN] = g_param_spec_boolean ("signed-in", NULL, NULL, FALSE,
                                                     G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                                                     G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sp_referral_store_init (SpReferralStore *self)
{
}

/* ---- SQLite ------------------------------------------------------------------------ */

gboolean
sp_referral_store_db_error (SpReferralStore *self,
                            int              rc,
                            const char      *doing,
                            GError         **error)
{
  /* The connection's own message when it is about this failure (not one a test injected). */
  const char *detail = self->db != NULL && sqlite3_extended_errcode (self->db) == rc
                       ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_CORRUPT,
                   _("The referral store %s is damaged (%s) while %s. Restore it from a backup."),
                   self->path, detail, doing);
      break;
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_IOERR:
    case SQLITE_FULL:
      g_set_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_OPEN,
                   _("Cannot write the referral store %s while %s: %s. Nothing was changed."),
                   self->path, doing, detail);
      break;
    default:
      g_set_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_FAILED,
                   _("The referral store %s failed while %s: %s."), self->path, doing, detail);
      break;
    }
  return FALSE;
}

gboolean
sp_referral_store_exec (SpReferralStore *self,
                        const char      *sql,
                        GError         **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return sp_referral_store_db_error (self, rc, _("updating it"), error);
  return TRUE;
}

/* Inside a batch, one transaction holds everything until sp_referral_store_commit_batch(). */
gboolean
sp_referral_store_begin (SpReferralStore *self,
                         GError         **error)
{
  if (self->batch_depth > 0)
    return TRUE;
  return sp_referral_store_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
sp_referral_store_commit (SpReferralStore *self,
                          GError         **error)
{
  if (self->batch_depth > 0)
    return TRUE;
  if (!sp_referral_store_exec (self, "COMMIT", error))
    {
      sp_referral_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

void
sp_referral_store_rollback (SpReferralStore *self)
{
  if (self->batch_depth == 0 && !sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/*
 * sp_referral_store_read_setting:
 * @value: (out) (transfer full) (nullable): the setting, %NULL when it is not set
 *
 * Reads one of the store's own settings, in the caller's transaction if any.
 *
 * Returns: %TRUE when read (set or not), %FALSE with @error set when the read failed
 */
gboolean
sp_referral_store_read_setting (SpReferralStore *self,
                                const char      *key,
                                char           **value,
                                GError         **error)
{
  g_autoptr (SpReferralStatement) stmt =
    sp_referral_statement_new (self, "SELECT value FROM store_setting WHERE key = ?", _("reading its settings"), error);
  SpStoreStep step;

  *value = NULL;
  if (stmt == NULL)
    return FALSE;
  sp_referral_statement_bind_text (stmt, 1, key);
  step = sp_referral_statement_step (stmt, error);
  if (step == SP_STORE_STEP_ROW)
    *value = g_strdup (sp_referral_statement_get_text (stmt, 0));
  return step != SP_STORE_STEP_ERROR;
}

/* A setting for the public getters, which have no way to fail: one that cannot be read is
 * said on the log and taken as not set (the default). */
char *
sp_referral_store_get_setting (SpReferralStore *self,
                               const char      *key)
{
  g_autoptr (GError) error = NULL;
  char *value = NULL;

  if (!sp_referral_store_read_setting (self, key, &value, &error))
    g_warning ("%s", error->message);
  return value;
}

gboolean
sp_referral_store_put_setting (SpReferralStore *self,
                               const char      *key,
                               const char      *value,
                               GError         **error)
{
  g_autoptr (SpReferralStatement) stmt = sp_referral_statement_new (self,
    "INSERT INTO store_setting (key, value) VALUES (?, ?) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value", _("saving a setting"), error);

  if (stmt == NULL)
    return FALSE;
  sp_referral_statement_bind_text (stmt, 1, key);
  sp_referral_statement_bind_text (stmt, 2, value);
  return sp_referral_statement_run (stmt, error);
}

/* The schema the file has, or -1 with @error set when it cannot be read. */
static int
user_version (SpReferralStore *self,
              GError         **error)
{
  g_autoptr (SpReferralStatement) stmt =
    sp_referral_statement_new (self, "PRAGMA user_version", _("opening it"), error);

  if (stmt == NULL)
    return -1;
  switch (sp_referral_statement_step (stmt, error))
    {
    case SP_STORE_STEP_ROW:
      return sp_referral_statement_get_int64 (stmt, 0);
    case SP_STORE_STEP_DONE:
      return 0;
    case SP_STORE_STEP_ERROR:
    default:
      return -1;
    }
}

/* Runs data/referrals-schema/NNN-*.sql past the file's user_version, each step in one
 * transaction with its version bump. */
static gboolean
upgrade_schema (SpReferralStore *self,
                GError         **error)
{
  g_auto (GStrv) steps = g_resources_enumerate_children (SCHEMA_RESOURCE_DIR, 0, error);
  int version;

  if (steps == NULL || (version = user_version (self, error)) < 0)
    return FALSE;
  if (version > SP_REFERRAL_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_TOO_NEW,
                   _("The referral store %s was written by a newer version of Signpost (schema %d; "
                     "this version knows %d). Update Signpost to open it."),
                   self->path, version, SP_REFERRAL_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  for (int step = version + 1; step <= SP_REFERRAL_STORE_SCHEMA_VERSION; step++)
    {
      g_autofree char *prefix = g_strdup_printf ("%03d-", step);
      g_autoptr (GBytes) sql = NULL;
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", step);

      for (guint i = 0; steps[i] != NULL && sql == NULL; i++)
        if (g_str_has_prefix (steps[i], prefix))
          {
            g_autofree char *resource = g_build_path ("/", SCHEMA_RESOURCE_DIR, steps[i], NULL);
            sql = g_resources_lookup_data (resource, 0, error);
            if (sql == NULL)
              return FALSE;
          }
      g_assert (sql != NULL);
      if (!sp_referral_store_begin (self, error) ||
          !sp_referral_store_exec (self, g_bytes_get_data (sql, NULL), error) ||
          !sp_referral_store_exec (self, bump, error) ||
          !sp_referral_store_commit (self, error))
        {
          sp_referral_store_rollback (self);
          g_prefix_error (error, _("Updating the referral store to schema %d: "), step);
          return FALSE;
        }
    }
  return TRUE;
}

/* Opens (or reopens, after a restore) the file at self->path. */
gboolean
sp_referral_store_reopen (SpReferralStore *self,
                          GError         **error)
{
  g_autofree char *changes = NULL;
  int fd;
  int rc;

  if (self->db != NULL)
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  /* Created private to its owner before SQLite sees it: SQLite gives the WAL and shared
   * memory files the same permissions. */
  fd = g_open (self->path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_OPEN,
                   _("Cannot open the referral store %s: %s"), self->path, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  rc = sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    return sp_referral_store_db_error (self, rc, _("opening it"), error);
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);
  if (!sp_referral_store_exec (self,
                               "PRAGMA secure_delete = ON;"
                               "PRAGMA journal_mode = WAL;"
                               "PRAGMA synchronous = FULL;"
                               "PRAGMA temp_store = MEMORY;"
                               "PRAGMA foreign_keys = ON;"
                               "PRAGMA trusted_schema = OFF;",
                               error) ||
      !upgrade_schema (self, error))
    return FALSE;

  changes = sp_referral_store_get_setting (self, "bank-holiday-changes");
  g_clear_pointer (&self->working_days, sp_working_days_free);
  self->working_days = sp_working_days_new ();
  if (changes != NULL)
    sp_working_days_set_changes (self->working_days, changes, NULL);
  return TRUE;
}

/* The referral store's file in the data folder @data_dir. */
char *
sp_referral_store_path_in (const char *data_dir)
{
  return g_build_filename (data_dir, SP_REFERRAL_STORE_FILE_NAME, NULL);
}

/**
 * sp_referral_store_open:
 * @path: the file; created (private to its owner) if missing
 *
 * Opens the referral store, locked. Nothing personal is read until someone signs in.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
SpReferralStore *
sp_referral_store_open (const char *path,
                        GError    **error)
{
  g_autoptr (SpReferralStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!sp_crypto_ready (error))
    return NULL;
  self = g_object_new (SP_TYPE_REFERRAL_STORE, NULL);
  self->path = g_strdup (path);
  if (!sp_referral_store_reopen (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
sp_referral_store_get_path (SpReferralStore *self)
{
  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), NULL);
  return self->path;
}

/* Training mode: NHS numbers only from the 999 test range, everything marked. */
gboolean
sp_referral_store_get_training (SpReferralStore *self)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), FALSE);
  value = sp_referral_store_get_setting (self, "training");
  return g_strcmp0 (value, "1") == 0;
}

/* Chosen when the store is made: a store that holds records keeps its mode. */
gboolean
sp_referral_store_set_training (SpReferralStore *self,
                                gboolean         training,
                                GError         **error)
{
  g_autoptr (SpReferralStatement) stmt = NULL;

  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), FALSE);

  stmt = sp_referral_statement_new (self, "SELECT count(*) FROM record", _("choosing training mode"), error);
  if (stmt == NULL || sp_referral_statement_step (stmt, error) != SP_STORE_STEP_ROW)
    return FALSE;
  if (sp_referral_statement_get_int64 (stmt, 0) != 0)
    {
      g_set_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_INVALID,
                   _("Training mode can only be chosen for an empty referral store."));
      return FALSE;
    }
  return sp_referral_store_put_setting (self, "training", training ? "1" : "0", error);
}

gboolean
sp_referral_store_require_signed_in (SpReferralStore *self,
                                     GError         **error)
{
  if (self->keys != NULL)
    return TRUE;
  g_set_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_LOCKED,
               _("The referral store is locked: sign in first."));
  return FALSE;
}

gboolean
sp_referral_store_is_signed_in (SpReferralStore *self)
{
  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), FALSE);
  return self->keys != NULL;
}

/* ---- settings -------------------------------------------------------------------------- */

/* Returns: (transfer none): the calendar follow-ups count working days on */
SpWorkingDays *
sp_referral_store_get_working_days (SpReferralStore *self)
{
  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), NULL);
  return self->working_days;
}

char *
sp_referral_store_dup_bank_holiday_changes (SpReferralStore *self)
{
  char *table;

  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), NULL);
  table = sp_referral_store_get_setting (self, "bank-holiday-changes");
  return table != NULL ? table : g_strdup (sp_working_days_default_changes ());
}

/* Replaces the table of one-off bank holiday changes (see sp_working_days_set_changes()). */
gboolean
sp_referral_store_set_bank_holiday_changes (SpReferralStore *self,
                                            const char      *table,
                                            GError         **error)
{
  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), FALSE);

  if (!sp_working_days_set_changes (self->working_days, table, error))
    return FALSE;
  return sp_referral_store_put_setting (self, "bank-holiday-changes", table, error);
}

guint
sp_referral_store_get_retention_years (SpReferralStore *self)
{
  g_autofree char *value = NULL;
  guint64 years = 0;

  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), SP_REFERRAL_DEFAULT_RETENTION_YEARS);
  value = sp_referral_store_get_setting (self, "retention-years");
  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 1, 100, &years, NULL))
    return SP_REFERRAL_DEFAULT_RETENTION_YEARS;
  return years;
}

gboolean
sp_referral_store_set_retention_years (SpReferralStore *self,
                                       guint            years,
                                       GError         **error)
{
  g_autofree char *value = g_strdup_printf ("%u", years);

  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), FALSE);

  if (years < 1 || years > 100)
    {
      g_set_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_INVALID,
                   _("retention: keep closed referrals for 1 to 100 years"));
      return FALSE;
    }
  return sp_referral_store_put_setting (self, "retention-years", value, error);
}
