/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-store-statement.c: SQL statements on the directory store, and the faults tests inject into them.
 *
 * A thin typed layer over sqlite3_stmt whose step tells a row, the end and an error apart,
 * and turns an error into a GError that says what Signpost was doing. Every statement the
 * rest of app/core runs goes through here, so that is the one place a failure can be
 * injected for the tests (sp-store-testing.h).
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sp-store-private.h"

struct _SpStoreStatement
{
  SpStore *store;       /* a reference when owned; the store's own when cached */
  sqlite3_stmt *stmt;
  const char *doing;    /* untranslated, N_(): translated only for a message */
  int bind_rc;          /* the first bind that failed since the last reset, or SQLITE_OK */
  gboolean owned;
};

/* A failure a test asked for (sp-store-testing.h). They are the process's, not a
 * connection's: an index rebuild reads the store through connections of its own. */
typedef struct
{
  char *path;           /* of the store whose statements fail */
  char *sql_substring;
  guint n_steps_first;
  int rc;
} StepFault;

static GMutex faults_lock;
static GSList *faults;  /* StepFault; read without the lock only to see whether it is empty */

static int take_fault (SpStore      *store,
                       sqlite3_stmt *stmt);

static SpStoreStatement *
statement_prepare (SpStore    *store,
                   const char *sql,
                   const char *doing,
                   GError    **error)
{
  SpStoreStatement *self;
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v3 (store->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      sp_store_set_error_from_db (store, rc, _(doing), error);
      return NULL;
    }
  self = g_new0 (SpStoreStatement, 1);
  self->store = store;
  self->stmt = stmt;
  self->doing = doing;
  return self;
}

/*
 * sp_store_statement_new:
 * @sql: one SQL statement; its parameters are numbered from 1
 * @doing: what the statement is for, untranslated (N_("saving the import")): the error
 *   messages of every step say it
 *
 * Compiles @sql for the caller, who keeps it for as long as it is useful (an import reuses
 * one upsert per table for every record) and frees it with sp_store_statement_free(),
 * which it may do after the store is unreferenced: the statement holds a reference.
 * Touches no data and starts no transaction.
 *
 * Returns: (transfer full): the statement, or %NULL with @error set (a damaged store, or
 *   SQL that does not fit the schema)
 */
SpStoreStatement *
sp_store_statement_new (SpStore    *store,
                        const char *sql,
                        const char *doing,
                        GError    **error)
{
  SpStoreStatement *self;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (sql != NULL && doing != NULL, NULL);

  self = statement_prepare (store, sql, doing, error);
  if (self != NULL)
    {
      g_object_ref (store);
      self->owned = TRUE;
    }
  return self;
}

static void
statement_destroy (SpStoreStatement *self)
{
  sqlite3_finalize (self->stmt);
  g_free (self);
}

/*
 * sp_store_statement_cached:
 *
 * Like sp_store_statement_new(), but the statement is the store's, kept for the next
 * caller with the same SQL text, and comes reset with its parameters cleared: compiling
 * SQL costs more than running a small query, and reading one service's full record runs
 * a dozen of them. The caller resets it when it stops before the end of the rows, and must
 * not use it again from a nested call with the same SQL. Never free it.
 *
 * Returns: (transfer none): the statement, valid as long as the store, or %NULL with
 *   @error set
 */
SpStoreStatement *
sp_store_statement_cached (SpStore    *store,
                           const char *sql,
                           const char *doing,
                           GError    **error)
{
  SpStoreStatement *self;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (sql != NULL && doing != NULL, NULL);

  if (store->cached == NULL)
    store->cached = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) statement_destroy);
  self = g_hash_table_lookup (store->cached, sql);
  if (self != NULL)
    {
      sp_store_statement_reset (self);
      self->doing = doing;
      return self;
    }
  self = statement_prepare (store, sql, doing, error);
  if (self != NULL)
    g_hash_table_insert (store->cached, g_strdup (sql), self);
  return self;
}

/* Frees a statement from sp_store_statement_new(); %NULL is ignored. */
void
sp_store_statement_free (SpStoreStatement *self)
{
  SpStore *store;

  if (self == NULL)
    return;
  g_return_if_fail (self->owned);
  store = self->store;
  statement_destroy (self);
  g_object_unref (store);
}

static void
note_bind (SpStoreStatement *self,
           int               rc)
{
  if (G_UNLIKELY (rc != SQLITE_OK) && self->bind_rc == SQLITE_OK)
    self->bind_rc = rc;
}

/*
 * sp_store_statement_bind_text:
 * @index: the parameter, from 1
 * @text: (nullable): the value; %NULL binds SQL NULL
 *
 * Binds @text without copying it: it must stay as it is until the statement is reset or
 * the parameter bound again. A bind that fails (a value too big for SQLite) makes the next
 * step fail with the reason; binding never fails by itself.
 */
void
sp_store_statement_bind_text (SpStoreStatement *self,
                              int               index,
                              const char       *text)
{
  note_bind (self, sqlite3_bind_text (self->stmt, index, text, -1, SQLITE_STATIC));
}

/*
 * sp_store_statement_bind_text_take:
 * @text: (transfer full) (nullable): the value, freed with g_free() when no longer bound
 *
 * Binds @text and takes it: for a value made only to be bound.
 */
void
sp_store_statement_bind_text_take (SpStoreStatement *self,
                                   int               index,
                                   char             *text)
{
  note_bind (self, sqlite3_bind_text (self->stmt, index, text, -1, g_free));
}

void
sp_store_statement_bind_int64 (SpStoreStatement *self,
                               int               index,
                               gint64            value)
{
  note_bind (self, sqlite3_bind_int64 (self->stmt, index, value));
}

void
sp_store_statement_bind_double (SpStoreStatement *self,
                                int               index,
                                double            value)
{
  note_bind (self, sqlite3_bind_double (self->stmt, index, value));
}

void
sp_store_statement_bind_null (SpStoreStatement *self,
                              int               index)
{
  note_bind (self, sqlite3_bind_null (self->stmt, index));
}

/*
 * sp_store_statement_parameter:
 * @name: a named parameter of the statement's SQL, with its prefix (":limit")
 *
 * For SQL put together from optional fragments, where a parameter's number depends on
 * which fragments are there.
 *
 * Returns: the parameter's number for the binders, or 0 when the SQL has no such
 *   parameter (binding 0 makes the next step fail)
 */
int
sp_store_statement_parameter (SpStoreStatement *self,
                              const char       *name)
{
  return sqlite3_bind_parameter_index (self->stmt, name);
}

/*
 * sp_store_statement_step:
 *
 * Runs the statement to its next row. It reads and writes in the caller's transaction, or
 * in one of its own that ends with the statement when there is none.
 *
 * Returns: %SP_STORE_STEP_ROW with a row to read, %SP_STORE_STEP_DONE at the end (a
 *   statement that returns no rows is done at once), or %SP_STORE_STEP_ERROR with @error
 *   set; the statement is then reset (its parameters kept) and may be run again. A caller
 *   that meets an error in a write transaction rolls it back.
 */
SpStoreStep
sp_store_statement_step (SpStoreStatement *self,
                         GError          **error)
{
  const char *detail;
  int rc;

  if (G_UNLIKELY (self->bind_rc != SQLITE_OK))
    detail = sqlite3_errstr (rc = self->bind_rc);
  else if (G_UNLIKELY (g_atomic_pointer_get (&faults) != NULL) &&
           (rc = take_fault (self->store, self->stmt)) != SQLITE_OK)
    detail = sqlite3_errstr (rc);
  else
    {
      rc = sqlite3_step (self->stmt);
      if (G_LIKELY (rc == SQLITE_ROW))
        return SP_STORE_STEP_ROW;
      if (rc == SQLITE_DONE)
        return SP_STORE_STEP_DONE;
      detail = sqlite3_errmsg (self->store->db);
    }

  sp_store_set_error (self->store, rc, detail, _(self->doing), error);
  sqlite3_reset (self->stmt);
  self->bind_rc = SQLITE_OK;
  return SP_STORE_STEP_ERROR;
}

/*
 * sp_store_statement_run:
 *
 * Runs a statement that changes the store (or whose rows do not matter) and resets it,
 * clearing its parameters. A statement with RETURNING has made all its changes by its
 * first row, so a row counts as success too.
 *
 * Returns: %TRUE when it ran, %FALSE with @error set when it failed; in a write
 *   transaction the caller then rolls back
 */
gboolean
sp_store_statement_run (SpStoreStatement *self,
                        GError          **error)
{
  SpStoreStep step = sp_store_statement_step (self, error);

  sp_store_statement_reset (self);
  return step != SP_STORE_STEP_ERROR;
}

/* Back to before its first step, with every parameter NULL. */
void
sp_store_statement_reset (SpStoreStatement *self)
{
  sqlite3_reset (self->stmt);
  sqlite3_clear_bindings (self->stmt);
  self->bind_rc = SQLITE_OK;
}

/*
 * sp_store_statement_collect_texts:
 *
 * Runs the statement (bound by the caller) to its end and collects the text of the first
 * column of its rows, leaving out NULL and empty texts; then resets it.
 *
 * Returns: (transfer full) (element-type utf8): the texts, in the rows' order, or %NULL
 *   with @error set when a step failed: never the rows before the failure
 */
GPtrArray *
sp_store_statement_collect_texts (SpStoreStatement *self,
                                  GError          **error)
{
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  SpStoreStep step;

  while ((step = sp_store_statement_step (self, error)) == SP_STORE_STEP_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (self->stmt, 0);
      if (text != NULL && *text != '\0')
        g_ptr_array_add (texts, g_strdup (text));
    }
  sp_store_statement_reset (self);
  if (step == SP_STORE_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&texts);
}

/* The column getters read the row the last step returned; @column counts from 0. */

gboolean
sp_store_statement_is_null (SpStoreStatement *self,
                            int               column)
{
  return sqlite3_column_type (self->stmt, column) == SQLITE_NULL;
}

/* Returns: (transfer none) (nullable): valid until the next step or reset */
const char *
sp_store_statement_get_text (SpStoreStatement *self,
                             int               column)
{
  return (const char *) sqlite3_column_text (self->stmt, column);
}

/* Returns: (transfer full) (nullable): a copy of the text */
char *
sp_store_statement_dup_text (SpStoreStatement *self,
                             int               column)
{
  return g_strdup ((const char *) sqlite3_column_text (self->stmt, column));
}

/* 0 for NULL. */
gint64
sp_store_statement_get_int64 (SpStoreStatement *self,
                              int               column)
{
  return sqlite3_column_int64 (self->stmt, column);
}

/* 0.0 for NULL. */
double
sp_store_statement_get_double (SpStoreStatement *self,
                               int               column)
{
  return sqlite3_column_double (self->stmt, column);
}

/*
 * sp_store_count_changes:
 * How many rows the last INSERT, UPDATE or DELETE to finish changed (not counting what
 * triggers and foreign-key actions changed).
 */
gint64
sp_store_count_changes (SpStore *store)
{
  g_return_val_if_fail (SP_IS_STORE (store), 0);
  return sqlite3_changes64 (store->db);
}

/* ---- faults the test suites inject (sp-store-testing.h) -------------------------- */

static void
step_fault_free (gpointer data)
{
  StepFault *fault = data;

  g_free (fault->path);
  g_free (fault->sql_substring);
  g_free (fault);
}

/*
 * sp_store_inject_step_failure:
 * @sql_substring: the failure is for a statement whose SQL contains this
 * @n_steps_first: how many steps of such statements succeed first (rows read, rows
 *   written), so that a failure can come part-way through
 *
 * TEST ONLY. The next step of a matching statement after those, on any connection this
 * process has to the file of @self, fails with @fault, once, as a failing disk would make
 * it: through sp_store_statement_step(), so every caller's handling of the failure is
 * exercised.
 */
void
sp_store_inject_step_failure (SpStore      *self,
                              const char   *sql_substring,
                              guint         n_steps_first,
                              SpStoreFault  fault)
{
  static const int codes[] = {
    [SP_STORE_FAULT_IO] = SQLITE_IOERR,
    [SP_STORE_FAULT_CORRUPT] = SQLITE_CORRUPT,
    [SP_STORE_FAULT_FULL] = SQLITE_FULL,
  };
  StepFault *step_fault;

  g_return_if_fail (SP_IS_STORE (self));
  g_return_if_fail (sql_substring != NULL);
  g_return_if_fail ((guint) fault < G_N_ELEMENTS (codes));

  step_fault = g_new0 (StepFault, 1);
  step_fault->path = g_strdup (self->path);
  step_fault->sql_substring = g_strdup (sql_substring);
  step_fault->n_steps_first = n_steps_first;
  step_fault->rc = codes[fault];
  g_mutex_lock (&faults_lock);
  faults = g_slist_append (faults, step_fault);
  g_mutex_unlock (&faults_lock);
}

/* TEST ONLY. Forgets the failures injected into the file of @self and not yet met. */
void
sp_store_clear_faults (SpStore *self)
{
  GSList *kept = NULL;

  g_return_if_fail (SP_IS_STORE (self));

  g_mutex_lock (&faults_lock);
  for (GSList *l = faults; l != NULL; l = l->next)
    {
      StepFault *fault = l->data;

      if (g_strcmp0 (fault->path, self->path) == 0)
        step_fault_free (fault);
      else
        kept = g_slist_prepend (kept, fault);
    }
  g_slist_free (faults);
  faults = g_slist_reverse (kept);
  g_mutex_unlock (&faults_lock);
}

/* TEST ONLY. Whether a write transaction (or a read one) is open on @self. */
gboolean
sp_store_in_transaction (SpStore *self)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  return !sqlite3_get_autocommit (self->db);
}

/* The result an injected failure gives this step of @stmt, or SQLITE_OK to step it. */
static int
take_fault (SpStore      *store,
            sqlite3_stmt *stmt)
{
  const char *sql = sqlite3_sql (stmt);
  int rc = SQLITE_OK;

  g_mutex_lock (&faults_lock);
  for (GSList *l = faults; l != NULL; l = l->next)
    {
      StepFault *fault = l->data;

      if (g_strcmp0 (fault->path, store->path) != 0 || sql == NULL ||
          strstr (sql, fault->sql_substring) == NULL)
        continue;
      if (fault->n_steps_first > 0)
        fault->n_steps_first--;
      else
        {
          rc = fault->rc;
          faults = g_slist_delete_link (faults, l);
          step_fault_free (fault);
        }
      break;
    }
  g_mutex_unlock (&faults_lock);
  return rc;
}
