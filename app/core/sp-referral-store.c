/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-referral-store.c: opening the referral store, and its records in and out of memory.
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
  const char *detail = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

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

sqlite3_stmt *
sp_referral_store_prepare (SpReferralStore *self,
                           const char      *sql,
                           GError         **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      sp_referral_store_db_error (self, rc, _("reading it"), error);
      return NULL;
    }
  return stmt;
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

char *
sp_referral_store_get_setting (SpReferralStore *self,
                               const char      *key)
{
  sqlite3_stmt *stmt = sp_referral_store_prepare (self, "SELECT value FROM store_setting WHERE key = ?", NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

gboolean
sp_referral_store_put_setting (SpReferralStore *self,
                               const char      *key,
                               const char      *value,
                               GError         **error)
{
  sqlite3_stmt *stmt = sp_referral_store_prepare (self,
    "INSERT INTO store_setting (key, value) VALUES (?, ?) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sp_referral_store_db_error (self, rc, _("saving a setting"), error);
  return TRUE;
}

static int
user_version (SpReferralStore *self)
{
  sqlite3_stmt *stmt = sp_referral_store_prepare (self, "PRAGMA user_version", NULL);
  int version = -1;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

/* Runs data/referrals-schema/NNN-*.sql past the file's user_version, each step in one
 * transaction with its version bump. */
static gboolean
upgrade_schema (SpReferralStore *self,
                GError         **error)
{
  g_auto (GStrv) steps = g_resources_enumerate_children (SCHEMA_RESOURCE_DIR, 0, error);
  int version = user_version (self);

  if (steps == NULL)
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
  sqlite3_stmt *stmt;
  gboolean empty;

  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), FALSE);

  if ((stmt = sp_referral_store_prepare (self, "SELECT count(*) FROM record", error)) == NULL)
    return FALSE;
  empty = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) == 0;
  sqlite3_finalize (stmt);
  if (!empty)
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

/* ---- records in and out of memory --------------------------------------------------- */

static char *
record_associated_data (const char *kind,
                        const char *id)
{
  return g_strdup_printf ("signpost-referral-record:1:%s:%s", kind, id);
}

typedef struct
{
  char *id;
  char *kind;
  GBytes *sealed;
  gpointer record;      /* SpPerson or SpReferral */
  gboolean failed;
} SealedRow;

typedef struct
{
  GArray *rows;
  const guint8 *key;
  guint first;
  guint step;
} OpenJob;

static gpointer
open_rows (gpointer data)
{
  OpenJob *job = data;

  for (guint i = job->first; i < job->rows->len; i += job->step)
    {
      SealedRow *row = &g_array_index (job->rows, SealedRow, i);
      g_autofree char *associated = record_associated_data (row->kind, row->id);
      gsize sealed_len, plain_len = 0;
      const guint8 *sealed = g_bytes_get_data (row->sealed, &sealed_len);
      guint8 *plain = sp_crypto_open (job->key, sealed, sealed_len, associated, &plain_len);

      if (plain == NULL)
        {
          row->failed = TRUE;
          continue;
        }
      if (g_str_equal (row->kind, "person"))
        {
          SpPerson *person = sp_person_from_json ((const char *) plain, plain_len, NULL);
          row->record = person;
          row->failed = person == NULL || g_strcmp0 (person->id, row->id) != 0;
        }
      else
        {
          SpReferral *referral = sp_referral_from_json ((const char *) plain, plain_len, NULL);
          row->record = referral;
          row->failed = referral == NULL || g_strcmp0 (referral->id, row->id) != 0;
        }
      sp_crypto_free_plain (plain, plain_len);
    }
  return NULL;
}

static void
sealed_row_clear (gpointer data)
{
  SealedRow *row = data;

  g_free (row->id);
  g_free (row->kind);
  g_bytes_unref (row->sealed);
}

/*
 * sp_referral_store_load_records:
 * Reads and decrypts every record into memory, on every core: JSON parsing is most of a
 * sign-in. A record that will not open means a damaged file or a wrong key; then nothing
 * is loaded.
 */
gboolean
sp_referral_store_load_records (SpReferralStore *self,
                                GError         **error)
{
  g_autoptr (GArray) rows = g_array_new (FALSE, TRUE, sizeof (SealedRow));
  sqlite3_stmt *stmt;
  guint n_threads = CLAMP (g_get_num_processors (), 1, 4);
  GThread *threads[4] = { NULL };
  OpenJob jobs[4];
  int rc;

  g_array_set_clear_func (rows, sealed_row_clear);
  if ((stmt = sp_referral_store_prepare (self, "SELECT id, kind, sealed FROM record", error)) == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SealedRow row = {
        g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
        g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
        g_bytes_new (sqlite3_column_blob (stmt, 2), sqlite3_column_bytes (stmt, 2)),
        NULL, FALSE,
      };
      g_array_append_val (rows, row);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sp_referral_store_db_error (self, rc, _("reading the records"), error);

  if (rows->len < 256)
    n_threads = 1;
  for (guint t = 0; t < n_threads; t++)
    {
      jobs[t] = (OpenJob) { rows, self->keys->records, t, n_threads };
      if (t > 0)
        threads[t] = g_thread_new ("sp-open-records", open_rows, &jobs[t]);
    }
  open_rows (&jobs[0]);
  for (guint t = 1; t < n_threads; t++)
    g_thread_join (threads[t]);

  self->people = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) sp_person_unref);
  self->referrals = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) sp_referral_unref);
  for (guint i = 0; i < rows->len; i++)
    {
      SealedRow *row = &g_array_index (rows, SealedRow, i);

      if (row->failed)
        {
          g_set_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_CORRUPT,
                       _("The %s record %s in %s does not decrypt: the file was changed or damaged. "
                         "Restore it from a backup."), row->kind, row->id, self->path);
          for (guint j = i; j < rows->len; j++)
            {
              SealedRow *rest = &g_array_index (rows, SealedRow, j);
              if (rest->record != NULL && g_str_equal (rest->kind, "person"))
                sp_person_unref (rest->record);
              else if (rest->record != NULL)
                sp_referral_unref (rest->record);
            }
          sp_referral_store_drop_records (self);
          return FALSE;
        }
      if (g_str_equal (row->kind, "person"))
        g_hash_table_replace (self->people, ((SpPerson *) row->record)->id, row->record);
      else
        g_hash_table_replace (self->referrals, ((SpReferral *) row->record)->id, row->record);
    }
  return TRUE;
}

/* Lets go of every decrypted record; each wipes itself as it goes. */
void
sp_referral_store_drop_records (SpReferralStore *self)
{
  g_clear_pointer (&self->people, g_hash_table_unref);
  g_clear_pointer (&self->referrals, g_hash_table_unref);
}

static GPtrArray *
dup_values (GHashTable    *table,
            GBoxedCopyFunc ref,
            GDestroyNotify unref)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (unref);
  GHashTableIter iter;
  gpointer value;

  if (table == NULL)
    return values;
  g_ptr_array_set_size (values, 0);
  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (values, ref (value));
  return values;
}

/**
 * sp_referral_store_dup_people:
 *
 * Returns: (transfer full) (element-type SpPerson): every person, in no order; empty when locked
 */
GPtrArray *
sp_referral_store_dup_people (SpReferralStore *self)
{
  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), NULL);
  return dup_values (self->people, (GBoxedCopyFunc) sp_person_ref, (GDestroyNotify) sp_person_unref);
}

/**
 * sp_referral_store_dup_referrals:
 *
 * Returns: (transfer full) (element-type SpReferral): every referral, in no order
 */
GPtrArray *
sp_referral_store_dup_referrals (SpReferralStore *self)
{
  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), NULL);
  return dup_values (self->referrals, (GBoxedCopyFunc) sp_referral_ref, (GDestroyNotify) sp_referral_unref);
}

/* Returns: (transfer none) (nullable): the person, while the store holds it */
SpPerson *
sp_referral_store_get_person (SpReferralStore *self,
                              const char      *id)
{
  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), NULL);
  return self->people != NULL && id != NULL ? g_hash_table_lookup (self->people, id) : NULL;
}

SpReferral *
sp_referral_store_get_referral (SpReferralStore *self,
                                const char      *id)
{
  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), NULL);
  return self->referrals != NULL && id != NULL ? g_hash_table_lookup (self->referrals, id) : NULL;
}

static int
compare_received (gconstpointer a,
                  gconstpointer b)
{
  const SpReferral *x = *(SpReferral * const *) a, *y = *(SpReferral * const *) b;
  return x->received_on < y->received_on ? -1 : x->received_on > y->received_on;
}

/**
 * sp_referral_store_referrals_of:
 *
 * Returns: (transfer full) (element-type SpReferral): the person's referrals, oldest first
 */
GPtrArray *
sp_referral_store_referrals_of (SpReferralStore *self,
                                const char      *person_id)
{
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_referral_unref);
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), found);

  if (self->referrals == NULL)
    return found;
  g_hash_table_iter_init (&iter, self->referrals);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_strcmp0 (((SpReferral *) value)->person_id, person_id) == 0)
      g_ptr_array_add (found, sp_referral_ref (value));
  g_ptr_array_sort (found, compare_received);
  return found;
}

/* The ids whose lookup hash is that of @kind:@value. */
static GPtrArray *
lookup_ids (SpReferralStore *self,
            const char      *kind,
            const char      *value)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  guint8 hash[SP_HASH_BYTES];
  sqlite3_stmt *stmt;

  if (self->keys == NULL)
    return ids;
  sp_crypto_keyed_hash (self->keys->lookup, kind, value, hash);
  if ((stmt = sp_referral_store_prepare (self, "SELECT record_id FROM lookup WHERE hash = ?", NULL)) == NULL)
    return ids;
  sqlite3_bind_blob (stmt, 1, hash, sizeof hash, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  return ids;
}

/**
 * sp_referral_store_find_by_nhs_number:
 *
 * Finds a person by NHS number through its keyed hash (spaces and dashes allowed).
 *
 * Returns: (transfer none) (nullable): the person
 */
SpPerson *
sp_referral_store_find_by_nhs_number (SpReferralStore *self,
                                      const char      *nhs_number)
{
  g_autoptr (GPtrArray) ids = NULL;
  g_autoptr (GString) digits = g_string_new (NULL);

  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), NULL);

  for (const char *p = nhs_number != NULL ? nhs_number : ""; *p != '\0'; p++)
    if (*p != ' ' && *p != '-')
      g_string_append_c (digits, *p);
  ids = lookup_ids (self, "nhs", digits->str);
  return ids->len > 0 ? sp_referral_store_get_person (self, ids->pdata[0]) : NULL;
}

/**
 * sp_referral_store_find_by_name:
 *
 * People whose name matches @name once case, accents and punctuation are set aside.
 *
 * Returns: (transfer full) (element-type SpPerson): the people
 */
GPtrArray *
sp_referral_store_find_by_name (SpReferralStore *self,
                                const char      *name)
{
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_person_unref);
  g_autofree char *key = sp_name_match_key (name);
  g_autoptr (GPtrArray) ids = NULL;

  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), found);

  ids = lookup_ids (self, "name", key);
  for (guint i = 0; i < ids->len; i++)
    {
      SpPerson *person = sp_referral_store_get_person (self, ids->pdata[i]);
      if (person != NULL)
        g_ptr_array_add (found, sp_person_ref (person));
    }
  return found;
}

/* ---- saving --------------------------------------------------------------------------- */

static gboolean
write_sealed (SpReferralStore *self,
              const char      *kind,
              const char      *id,
              const char      *json,
              gsize            json_len,
              GError         **error)
{
  g_autofree char *associated = record_associated_data (kind, id);
  g_autoptr (GBytes) sealed = sp_crypto_seal (self->keys->records, json, json_len, associated);
  sqlite3_stmt *stmt = sp_referral_store_prepare (self,
    "INSERT INTO record (id, kind, sealed) VALUES (?, ?, ?) "
    "ON CONFLICT (id) DO UPDATE SET sealed = excluded.sealed", error);
  gsize len;
  const void *data = g_bytes_get_data (sealed, &len);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, 3, data, len, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sp_referral_store_db_error (self, rc, _("saving a record"), error);
  return TRUE;
}

static gboolean
write_lookups (SpReferralStore *self,
               const SpPerson  *person,
               GError         **error)
{
  g_autofree char *name_key = sp_name_match_key (person->name);
  const char *kinds[] = { "nhs", "name" };
  const char *values[] = { person->nhs_number, name_key };
  sqlite3_stmt *stmt = sp_referral_store_prepare (self, "DELETE FROM lookup WHERE record_id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, person->id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sp_referral_store_db_error (self, rc, _("saving a record"), error);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      guint8 hash[SP_HASH_BYTES];

      if (values[i] == NULL || *values[i] == '\0')
        continue;
      sp_crypto_keyed_hash (self->keys->lookup, kinds[i], values[i], hash);
      if ((stmt = sp_referral_store_prepare (self,
             "INSERT OR IGNORE INTO lookup (hash, record_id) VALUES (?, ?)", error)) == NULL)
        return FALSE;
      sqlite3_bind_blob (stmt, 1, hash, sizeof hash, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, person->id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        return sp_referral_store_db_error (self, rc, _("saving a record"), error);
    }
  return TRUE;
}

/* Gives a new record its id and both records their stamps; returns whether it was new. */
static gboolean
stamp (SpReferralStore *self,
       char           **id,
       gint64          *created_at,
       char           **created_by,
       gint64          *updated_at,
       char           **updated_by)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean is_new = *id == NULL;

  if (is_new)
    {
      char fresh[33];

      sp_random_id (fresh);
      *id = g_strdup (fresh);
      *created_at = now;
      g_free (*created_by);
      *created_by = g_strdup (self->account_name);
    }
  *updated_at = now;
  g_free (*updated_by);
  *updated_by = g_strdup (self->account_name);
  return is_new;
}

/* Writes @kind @id's sealed JSON and its audit entry, in one transaction of its own unless
 * a batch holds one. */
static gboolean
write_record (SpReferralStore *self,
              const char      *kind,
              const char      *id,
              gboolean         is_new,
              char            *json,
              gsize            json_len,
              const SpPerson  *lookups_of,
              GError         **error)
{
  gboolean ok = sp_referral_store_begin (self, error) &&
                write_sealed (self, kind, id, json, json_len, error) &&
                (lookups_of == NULL || write_lookups (self, lookups_of, error)) &&
                sp_referral_store_append_audit (self, is_new ? "create" : "change", kind, id,
                                                self->batch_action, error) &&
                sp_referral_store_commit (self, error);

  sodium_memzero (json, json_len);
  g_free (json);
  if (!ok)
    sp_referral_store_rollback (self);
  return ok;
}

/**
 * sp_referral_store_save_person:
 * @person: a person, new (no id) or a changed copy of one the store holds
 *
 * Checks, seals and saves @person, with an audit entry, and keeps it (a reference) as the
 * person of that id. A new person gets an id; two people never share an NHS number.
 */
gboolean
sp_referral_store_save_person (SpReferralStore *self,
                               SpPerson        *person,
                               GError         **error)
{
  gboolean training;
  gboolean is_new;
  gsize json_len = 0;
  char *json;

  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), FALSE);
  g_return_val_if_fail (person != NULL, FALSE);

  if (!sp_referral_store_require_signed_in (self, error))
    return FALSE;
  training = sp_referral_store_get_training (self);
  if (!sp_person_validate (person, training, error))
    return FALSE;
  if (person->nhs_number != NULL)
    {
      SpPerson *other = sp_referral_store_find_by_nhs_number (self, person->nhs_number);
      if (other != NULL && g_strcmp0 (other->id, person->id) != 0)
        {
          g_set_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_INVALID,
                       _("nhs_number: another person already has this NHS number"));
          return FALSE;
        }
    }
  person->training = training;
  is_new = stamp (self, &person->id, &person->created_at, &person->created_by, &person->updated_at,
                  &person->updated_by);
  json = sp_person_to_json (person, &json_len);
  if (!write_record (self, "person", person->id, is_new, json, json_len, person, error))
    {
      if (is_new)
        g_clear_pointer (&person->id, g_free);
      return FALSE;
    }
  g_hash_table_replace (self->people, person->id, sp_person_ref (person));
  return TRUE;
}

/**
 * sp_referral_store_save_referral:
 *
 * Like sp_referral_store_save_person(). The person must be saved first, with their consent
 * recorded: no referral is kept for someone who has not agreed to it.
 */
gboolean
sp_referral_store_save_referral (SpReferralStore *self,
                                 SpReferral      *referral,
                                 GError         **error)
{
  SpPerson *person;
  gboolean is_new;
  gsize json_len = 0;
  char *json;

  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), FALSE);
  g_return_val_if_fail (referral != NULL, FALSE);

  if (!sp_referral_store_require_signed_in (self, error) || !sp_referral_validate (referral, error))
    return FALSE;
  person = sp_referral_store_get_person (self, referral->person_id);
  if (person == NULL)
    {
      g_set_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_INVALID,
                   _("person: the referral’s person %s is not in the store"), referral->person_id);
      return FALSE;
    }
  if (person->consent_method == SP_CONSENT_NONE)
    {
      g_set_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_NO_CONSENT,
                   _("Record the person’s consent (what they agreed to, when and how) before saving a referral."));
      return FALSE;
    }
  referral->training = sp_referral_store_get_training (self);
  is_new = stamp (self, &referral->id, &referral->created_at, &referral->created_by, &referral->updated_at,
                  &referral->updated_by);
  if (is_new && referral->history->len == 0)
    {
      SpStatusChange first = { referral->status, referral->created_at, g_strdup (self->account_name),
                               self->batch_action != NULL ? g_strdup (self->batch_action) : NULL };
      g_array_append_val (referral->history, first);
    }
  json = sp_referral_to_json (referral, &json_len);
  if (!write_record (self, "referral", referral->id, is_new, json, json_len, NULL, error))
    {
      if (is_new)
        g_clear_pointer (&referral->id, g_free);
      return FALSE;
    }
  g_hash_table_replace (self->referrals, referral->id, sp_referral_ref (referral));
  return TRUE;
}

static gboolean
delete_row (SpReferralStore *self,
            const char      *id,
            GError         **error)
{
  sqlite3_stmt *stmt = sp_referral_store_prepare (self, "DELETE FROM record WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sp_referral_store_db_error (self, rc, _("deleting a record"), error);
  return TRUE;
}

gboolean
sp_referral_store_delete_referral (SpReferralStore *self,
                                   const char      *id,
                                   GError         **error)
{
  g_autofree char *kept = g_strdup (id);

  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), FALSE);

  if (!sp_referral_store_require_signed_in (self, error))
    return FALSE;
  if (!sp_referral_store_begin (self, error) || !delete_row (self, kept, error) ||
      !sp_referral_store_append_audit (self, "delete", "referral", kept, self->batch_action, error) ||
      !sp_referral_store_commit (self, error))
    {
      sp_referral_store_rollback (self);
      return FALSE;
    }
  g_hash_table_remove (self->referrals, kept);
  return TRUE;
}

/* Deletes a person and every referral of theirs. */
gboolean
sp_referral_store_delete_person (SpReferralStore *self,
                                 const char      *id,
                                 GError         **error)
{
  g_autofree char *kept = g_strdup (id);
  g_autoptr (GPtrArray) referrals = NULL;
  gboolean ok;

  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), FALSE);

  if (!sp_referral_store_require_signed_in (self, error))
    return FALSE;
  referrals = sp_referral_store_referrals_of (self, kept);
  ok = sp_referral_store_begin (self, error);
  for (guint i = 0; ok && i < referrals->len; i++)
    {
      SpReferral *referral = referrals->pdata[i];
      ok = delete_row (self, referral->id, error) &&
           sp_referral_store_append_audit (self, "delete", "referral", referral->id, self->batch_action, error);
    }
  ok = ok && delete_row (self, kept, error) &&
       sp_referral_store_append_audit (self, "delete", "person", kept, self->batch_action, error) &&
       sp_referral_store_commit (self, error);
  if (!ok)
    {
      sp_referral_store_rollback (self);
      return FALSE;
    }
  for (guint i = 0; i < referrals->len; i++)
    g_hash_table_remove (self->referrals, ((SpReferral *) referrals->pdata[i])->id);
  g_hash_table_remove (self->people, kept);
  return TRUE;
}

/**
 * sp_referral_store_begin_batch:
 * @action: (nullable): what the batch is ("import"), noted on each of its audit entries
 *
 * Saves until sp_referral_store_commit_batch() are one transaction: all or nothing (an
 * import). sp_referral_store_rollback_batch() undoes them, in memory too.
 */
gboolean
sp_referral_store_begin_batch (SpReferralStore *self,
                               const char      *action,
                               GError         **error)
{
  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), FALSE);
  g_return_val_if_fail (self->batch_depth == 0, FALSE);

  if (!sp_referral_store_require_signed_in (self, error) || !sp_referral_store_begin (self, error))
    return FALSE;
  self->batch_depth = 1;
  g_free (self->batch_action);
  self->batch_action = g_strdup (action);
  return TRUE;
}

gboolean
sp_referral_store_commit_batch (SpReferralStore *self,
                                GError         **error)
{
  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), FALSE);
  g_return_val_if_fail (self->batch_depth == 1, FALSE);

  self->batch_depth = 0;
  g_clear_pointer (&self->batch_action, g_free);
  if (!sp_referral_store_commit (self, error))
    {
      /* Memory has the batch's records: read back what the file really holds. */
      sp_referral_store_drop_records (self);
      sp_referral_store_load_records (self, NULL);
      return FALSE;
    }
  return TRUE;
}

void
sp_referral_store_rollback_batch (SpReferralStore *self)
{
  g_return_if_fail (SP_IS_REFERRAL_STORE (self));

  if (self->batch_depth == 0)
    return;
  self->batch_depth = 0;
  g_clear_pointer (&self->batch_action, g_free);
  sp_referral_store_rollback (self);
  if (self->keys != NULL)
    {
      sp_referral_store_drop_records (self);
      sp_referral_store_load_records (self, NULL);
    }
}

/* Notes in the audit log that the signed-in account looked at a record. */
void
sp_referral_store_note_viewed (SpReferralStore *self,
                               const char      *kind,
                               const char      *id)
{
  g_autoptr (GError) error = NULL;

  g_return_if_fail (SP_IS_REFERRAL_STORE (self));

  if (self->keys == NULL)
    return;
  if (!sp_referral_store_begin (self, &error) ||
      !sp_referral_store_append_audit (self, "view", kind, id, NULL, &error) ||
      !sp_referral_store_commit (self, &error))
    {
      sp_referral_store_rollback (self);
      g_warning ("Could not note a view in the audit log: %s", error->message);
    }
}

/* Notes in the audit log that something left the store (a report, a backup, a slip). */
gboolean
sp_referral_store_note_exported (SpReferralStore *self,
                                 const char      *what,
                                 GError         **error)
{
  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), FALSE);

  if (!sp_referral_store_require_signed_in (self, error))
    return FALSE;
  if (!sp_referral_store_begin (self, error) ||
      !sp_referral_store_append_audit (self, "export", NULL, NULL, what, error) ||
      !sp_referral_store_commit (self, error))
    {
      sp_referral_store_rollback (self);
      return FALSE;
    }
  return TRUE;
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
