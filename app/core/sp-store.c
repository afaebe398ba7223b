/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-store.c: opening, migrating and transacting on the directory store. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "sp-store-private.h"
#include "sp-text.h"

G_DEFINE_QUARK (sp-store-error-quark, sp_store_error)

G_DEFINE_FINAL_TYPE (SpStore, sp_store, G_TYPE_OBJECT)

#define SCHEMA_RESOURCE_DIR "/org/signpost/core/schema"

static void
sp_store_finalize (GObject *object)
{
  SpStore *self = SP_STORE (object);

  /* Statements first: the connection closes only once they are finalized. */
  g_clear_pointer (&self->cached, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);

  G_OBJECT_CLASS (sp_store_parent_class)->finalize (object);
}

static void
sp_store_class_init (SpStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_store_finalize;
}

static void
sp_store_init (SpStore *self)
{
}

/*
 * sp_store_set_error:
 * Turns an SQLite result code into a GError a person can act on. @detail is SQLite's
 * own words for it; @doing (translated) says what Signpost was doing ("saving the
 * import"). Always returns FALSE so a caller can write `return sp_store_set_error (...)`.
 */
gboolean
sp_store_set_error (SpStore    *self,
                    int         rc,
                    const char *detail,
                    const char *doing,
                    GError    **error)
{
  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_FULL,
                   _("The disk holding %s is full while %s. Free some space and try again; "
                     "nothing was changed."),
                   self->path, doing);
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT,
                   _("The directory store %s is damaged (%s). Move it aside and import "
                     "your feeds again."),
                   self->path, detail);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_BUSY,
                   _("The directory store %s is busy: another program has been changing it "
                     "for over %d seconds (while %s). Try again when it has finished."),
                   self->path, SP_STORE_BUSY_TIMEOUT_MS / 1000, doing);
      break;
    case SQLITE_READONLY:
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_READ_ONLY,
                   _("The directory store %s may only be read, not changed, by this user "
                     "(while %s). Ask whoever looks after this computer to make the data folder "
                     "writable, or to make the change themselves."),
                   self->path, doing);
      break;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_IOERR:
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_OPEN,
                   _("Cannot read or write the directory store %s while %s: %s."),
                   self->path, doing, detail);
      break;
    default:
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_FAILED,
                   _("The directory store %s failed while %s: %s."),
                   self->path, doing, detail);
      break;
    }
  return FALSE;
}

/* sp_store_set_error() with the connection's own words for its last error. */
gboolean
sp_store_set_error_from_db (SpStore    *self,
                            int         rc,
                            const char *doing,
                            GError    **error)
{
  return sp_store_set_error (self, rc, self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc),
                             doing, error);
}

/*
 * sp_store_exec:
 * Runs one or more SQL statements without parameters whose rows, if any, do not matter
 * (PRAGMAs, the schema's steps). In the caller's transaction when there is one, else each
 * statement in its own. Returns FALSE with @error set at the first that fails; those
 * before it stay run unless the caller rolls back.
 */
gboolean
sp_store_exec (SpStore    *self,
               const char *sql,
               GError    **error)
{
  int rc;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);

  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return sp_store_set_error_from_db (self, rc, _("updating the directory"), error);
  return TRUE;
}

/*
 * sp_store_begin:
 * Starts a write transaction, taking the write lock up front (BEGIN IMMEDIATE) so that a
 * second writer waits for it (SP_STORE_BUSY_TIMEOUT_MS) instead of failing half-way
 * through an import. Does not nest. Returns FALSE with @error set (SP_STORE_ERROR_BUSY
 * after the wait) when it could not start; nothing is open then.
 */
gboolean
sp_store_begin (SpStore *self,
                GError **error)
{
  int rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return sp_store_set_error_from_db (self, rc, _("starting a change"), error);
  return TRUE;
}

/*
 * sp_store_commit:
 * Commits the transaction sp_store_begin() started. On failure (a full disk, a busy
 * reader in the way) it is rolled back and FALSE returned with @error set: the store is
 * as it was before sp_store_begin().
 */
gboolean
sp_store_commit (SpStore *self,
                 GError **error)
{
  int rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      sp_store_set_error_from_db (self, rc, _("saving the change"), error);
      sp_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

/* Undoes the open transaction, if any; the store is as it was before it began. */
void
sp_store_rollback (SpStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/*
 * sp_store_begin_read:
 * A read transaction: what the reads until sp_store_end_read() see is one state of the
 * store, whatever another program commits meanwhile (WAL). Nests in no other transaction.
 * Returns FALSE with @error set when it could not start.
 */
gboolean
sp_store_begin_read (SpStore *self,
                     GError **error)
{
  int rc;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);

  rc = sqlite3_exec (self->db, "BEGIN", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return sp_store_set_error_from_db (self, rc, _("reading the directory"), error);
  return TRUE;
}

/* Ends the read transaction sp_store_begin_read() started; it changed nothing to keep. */
void
sp_store_end_read (SpStore *self)
{
  g_return_if_fail (SP_IS_STORE (self));
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
}

static void
sql_match_key (sqlite3_context *context,
               int              argc,
               sqlite3_value  **argv)
{
  g_autofree char *key = NULL;

  if (sqlite3_value_type (argv[0]) == SQLITE_NULL)
    {
      sqlite3_result_null (context);
      return;
    }
  key = sp_text_match_key ((const char *) sqlite3_value_text (argv[0]));
  sqlite3_result_text (context, key, -1, SQLITE_TRANSIENT);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/*
 * migrate:
 * Brings the schema from its current user_version up to @target by running
 * data/schema/NNN-*.sql in order, each one in its own transaction together
 * with the user_version bump, so a crash leaves a store at a whole version.
 */
static gboolean
migrate (SpStore *self,
         int      target,
         GError **error)
{
  g_auto (GStrv) names = NULL;
  int version = sp_store_get_schema_version (self);

  if (version > SP_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_TOO_NEW,
                   _("The directory store %s was written by a newer version of Signpost "
                     "(schema %d; this version knows %d). Update Signpost to open it."),
                   self->path, version, SP_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  names = g_resources_enumerate_children (SCHEMA_RESOURCE_DIR, 0, error);
  if (names == NULL)
    return FALSE;
  qsort (names, g_strv_length (names), sizeof (char *), compare_names);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *resource_path = g_build_path ("/", SCHEMA_RESOURCE_DIR, names[i], NULL);
      g_autoptr (GBytes) sql = NULL;
      g_autofree char *bump = NULL;
      int step = atoi (names[i]);

      if (step <= version || step > target)
        continue;

      sql = g_resources_lookup_data (resource_path, 0, error);
      if (sql == NULL)
        return FALSE;

      if (!sp_store_begin (self, error))
        return FALSE;
      /* Another program opening the store at the same moment may have taken this step
       * while this one waited for the write lock. */
      if (sp_store_get_schema_version (self) >= step)
        {
          sp_store_rollback (self);
          version = step;
          continue;
        }
      bump = g_strdup_printf ("PRAGMA user_version = %d", step);
      if (!sp_store_exec (self, g_bytes_get_data (sql, NULL), error) ||
          !sp_store_exec (self, bump, error) ||
          !sp_store_commit (self, error))
        {
          sp_store_rollback (self);
          g_prefix_error (error, _("Updating the directory store to schema %d: "), step);
          return FALSE;
        }
      version = step;
    }
  return TRUE;
}

/* Reads PRAGMA user_version into @version; returns SQLite's result code. */
static int
read_schema_version (SpStore *self,
                     int     *version)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL);

  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *version = sqlite3_column_int (stmt, 0);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  return rc;
}

/* A new store object with a connection to @path (or @uri, a file: URI for it) opened with
 * @flags, our SQL functions and a patient busy handler; %NULL with @error set. */
static SpStore *
connect (const char *path,
         const char *uri,
         int         flags,
         GError    **error)
{
  g_autoptr (SpStore) self = g_object_new (SP_TYPE_STORE, NULL);
  int rc;

  self->path = g_strdup (path);
  rc = sqlite3_open_v2 (uri != NULL ? uri : path, &self->db, flags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      sp_store_set_error_from_db (self, rc, _("opening it"), error);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_create_function (self->db, "sp_match_key", 1,
                           SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                           NULL, sql_match_key, NULL, NULL);
  /* Another program's import holds the write lock for as long as it takes; a writer
   * waits this long for it before saying the store is busy. Readers never wait (WAL). */
  sqlite3_busy_timeout (self->db, SP_STORE_BUSY_TIMEOUT_MS);
  return g_steal_pointer (&self);
}

/* Puts the store in WAL mode, once, when it is new. Two programs creating a store at the
 * same moment both try; the switch needs the file to themselves, and SQLite answers BUSY
 * at once rather than waiting for the other, so this waits for its turn itself. */
static gboolean
use_wal (SpStore *self,
         GError **error)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) SP_STORE_BUSY_TIMEOUT_MS * 1000;

  for (;;)
    {
      sqlite3_stmt *stmt = NULL;
      gboolean wal = FALSE;
      int rc = sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode", -1, &stmt, NULL);

      if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          wal = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
          rc = SQLITE_OK;
        }
      sqlite3_finalize (stmt);
      if (rc == SQLITE_OK && !wal)
        rc = sqlite3_exec (self->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
      if (rc == SQLITE_OK)
        return TRUE;
      if ((rc & 0xff) != SQLITE_BUSY || g_get_monotonic_time () > deadline)
        return sp_store_set_error_from_db (self, rc, _("opening it"), error);
      g_usleep (20 * 1000);
    }
}

/**
 * sp_store_open_at_version:
 * @path: the database file; created if missing
 * @version: the schema version to migrate to
 *
 * Opens the store for reading and writing and migrates it forward to @version. Only tests
 * ask for a version older than %SP_STORE_SCHEMA_VERSION, to build a store as an older
 * Signpost left it.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
SpStore *
sp_store_open_at_version (const char *path,
                          int         version,
                          GError    **error)
{
  g_autoptr (SpStore) self = NULL;
  int persist_wal = 1;

  g_return_val_if_fail (path != NULL, NULL);

  self = connect (path, NULL, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error);
  if (self == NULL)
    return NULL;
  /* A file we may only read opens read-only without a word; say so now, not at the
   * first write. */
  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      sp_store_set_error_from_db (self, SQLITE_READONLY, _("opening it"), error);
      return NULL;
    }
  /* The -wal and -shm files stay when the last writer closes, so that a program that may
   * only read the data folder (a kiosk whose directory an administrator keeps) can still
   * read the store in WAL mode, seeing each change whole. */
  sqlite3_file_control (self->db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist_wal);

  /* journal_mode is the first statement that reads the file, so a file that is
   * not a database is caught here. */
  if (!use_wal (self, error) ||
      !sp_store_exec (self,
                      "PRAGMA journal_size_limit = 4194304;"
                      "PRAGMA synchronous = NORMAL;"
                      "PRAGMA foreign_keys = ON;"
                      "PRAGMA trusted_schema = OFF;",
                      error))
    return NULL;

  if (!migrate (self, version, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * sp_store_open:
 * @path: the database file; created if missing
 *
 * Opens the directory store at @path for reading and writing, creating it or migrating an
 * older one to the current schema.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
SpStore *
sp_store_open (const char *path,
               GError    **error)
{
  return sp_store_open_at_version (path, SP_STORE_SCHEMA_VERSION, error);
}

/* A read-only connection, or %NULL with @error set (and the SQLite code in @rc_out). In a
 * folder that cannot be written, a store whose last writer left no -shm file cannot be
 * read in WAL mode; it is then read as an unchanging file (immutable), which is what such
 * a folder holds. */
static SpStore *
connect_read_only (const char *path,
                   int        *version,
                   GError    **error)
{
  g_autoptr (SpStore) self = connect (path, NULL, SQLITE_OPEN_READONLY, error);
  int rc;

  if (self == NULL)
    return NULL;
  rc = read_schema_version (self, version);
  if ((rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_CANTOPEN)
    {
      g_autofree char *file_uri = g_filename_to_uri (path, NULL, NULL);
      g_autofree char *uri = g_strconcat (file_uri, "?immutable=1", NULL);

      g_clear_object (&self);
      if (file_uri == NULL || (self = connect (path, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, error)) == NULL)
        return NULL;
      rc = read_schema_version (self, version);
    }
  if (rc != SQLITE_OK)
    {
      sp_store_set_error_from_db (self, rc, _("reading it"), error);
      return NULL;
    }
  if (!sp_store_exec (self, "PRAGMA trusted_schema = OFF; PRAGMA query_only = ON;", error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * sp_store_open_for_reading:
 * @path: the database file
 *
 * Opens the store for reading only: nothing is written to it or its folder, so this works
 * where the data folder may only be read (a kiosk whose directory an administrator keeps).
 * A store that does not exist yet is created, and one an older Signpost wrote is brought
 * up to date first; both need the folder to be writable, and the error says so.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
SpStore *
sp_store_open_for_reading (const char *path,
                           GError    **error)
{
  g_autoptr (SpStore) self = NULL;
  int version = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return sp_store_open (path, error);
  if ((self = connect_read_only (path, &version, error)) == NULL)
    return NULL;
  if (version > SP_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_TOO_NEW,
                   _("The directory store %s was written by a newer version of Signpost "
                     "(schema %d; this version knows %d). Update Signpost to open it."),
                   path, version, SP_STORE_SCHEMA_VERSION);
      return NULL;
    }
  if (version < SP_STORE_SCHEMA_VERSION)
    {
      g_autoptr (GError) local_error = NULL;
      g_autoptr (SpStore) writer = NULL;

      g_clear_object (&self);
      writer = sp_store_open (path, &local_error);
      if (writer == NULL)
        {
          g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_OPEN,
                       _("The directory store %s was written by an older version of Signpost and "
                         "must be brought up to date before it can be read, which needs its "
                         "folder to be writable. %s"),
                       path, local_error->message);
          return NULL;
        }
      g_clear_object (&writer);
      if ((self = connect_read_only (path, &version, error)) == NULL)
        return NULL;
    }
  return g_steal_pointer (&self);
}

/* Whether the store was opened for reading only. */
gboolean
sp_store_is_read_only (SpStore *self)
{
  g_return_val_if_fail (SP_IS_STORE (self), TRUE);
  return sqlite3_db_readonly (self->db, "main") != 0;
}

const char *
sp_store_get_path (SpStore *self)
{
  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  return self->path;
}

int
sp_store_get_schema_version (SpStore *self)
{
  int version = 0;

  g_return_val_if_fail (SP_IS_STORE (self), -1);

  read_schema_version (self, &version);
  return version;
}

/* Number of rows in @table, or -1 if it cannot be counted. @table is one of
 * our own table names, never user input. */
gint64
sp_store_count (SpStore    *self,
                const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", table);
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_return_val_if_fail (SP_IS_STORE (self), -1);

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/*
 * sp_store_set_size_limit:
 * Caps the database at about @bytes (SQLite's max_page_count), for a kiosk
 * with a small disk. Writes past it fail with SP_STORE_ERROR_FULL and roll
 * back like a full disk would.
 */
gboolean
sp_store_set_size_limit (SpStore *self,
                         gint64   bytes,
                         GError **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 page_size = 4096;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);

  if (sqlite3_prepare_v2 (self->db, "PRAGMA page_size", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    page_size = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  sql = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, MAX (1, bytes / page_size));
  return sp_store_exec (self, sql, error);
}

/*
 * sp_store_check_integrity:
 * Runs SQLite's own consistency checks: the file's structure, then every foreign key.
 * Reads in its own transaction (or the caller's) and changes nothing. Returns FALSE with
 * @error set (SP_STORE_ERROR_CORRUPT listing the problems) when the store is inconsistent,
 * or with the reason when the checks themselves could not run.
 */
gboolean
sp_store_check_integrity (SpStore *self,
                          GError **error)
{
  g_autoptr (SpStoreStatement) structure = NULL;
  g_autoptr (SpStoreStatement) references = NULL;
  g_autoptr (GString) problems = g_string_new (NULL);
  SpStoreStep step;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);

  structure = sp_store_statement_new (self, "PRAGMA integrity_check", N_("checking it"), error);
  if (structure == NULL)
    return FALSE;
  while ((step = sp_store_statement_step (structure, error)) == SP_STORE_STEP_ROW)
    {
      const char *line = sp_store_statement_get_text (structure, 0);
      if (g_strcmp0 (line, "ok") != 0)
        g_string_append_printf (problems, "%s; ", line);
    }
  if (step == SP_STORE_STEP_ERROR)
    return FALSE;

  references = sp_store_statement_new (self, "PRAGMA foreign_key_check", N_("checking it"), error);
  if (references == NULL)
    return FALSE;
  while ((step = sp_store_statement_step (references, error)) == SP_STORE_STEP_ROW)
    g_string_append_printf (problems, "%s row %" G_GINT64_FORMAT " refers to a missing %s; ",
                            sp_store_statement_get_text (references, 0),
                            sp_store_statement_get_int64 (references, 1),
                            sp_store_statement_get_text (references, 2));
  if (step == SP_STORE_STEP_ERROR)
    return FALSE;

  if (problems->len > 0)
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT,
                   _("The directory store %s is inconsistent: %s"), self->path, problems->str);
      return FALSE;
    }
  return TRUE;
}
