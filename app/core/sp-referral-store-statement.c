/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-referral-store-statement.c: SQL statements on the referral store, for its own files.
 *
 * The referral store is a database of its own (sp-referral-store.c opens it), and its SQL
 * stays in its files as the directory store's stays in its: the modules that read and
 * write accounts, records, lookups and the audit log run statements through here, whose
 * step tells a row, the end and an error apart, so a failed read is never "no more rows".
 * Tests can make one step of one statement fail (sp-referral-store-testing.h).
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sp-referral-store-private.h"
#include "sp-referral-store-testing.h"

struct _SpReferralStatement
{
  SpReferralStore *store;  /* (unowned): a statement lives within one call on the store */
  sqlite3_stmt *stmt;
  const char *doing;       /* translated: what the statement is for, in its errors */
  int bind_rc;             /* the first bind that failed since the last reset, or SQLITE_OK */
  int failed_rc;           /* the result of the last step that failed, or SQLITE_OK */
};

/* A failure a test asked for (sp-referral-store-testing.h), on this store's statements. */
typedef struct
{
  char *sql_substring;
  guint n_steps_first;
} StepFault;

/* Frees a fault; also the store's finalize, for faults no step met. */
void
sp_referral_store_step_fault_free (gpointer data)
{
  StepFault *fault = data;

  g_free (fault->sql_substring);
  g_free (fault);
}

/*
 * sp_referral_statement_new:
 * @sql: one SQL statement; its parameters are numbered from 1
 * @doing: what it is for, translated (_("reading the records")): every error says it
 *
 * Compiles @sql on the store's connection. Touches no data and starts no transaction; the
 * statement runs in the caller's transaction (sp_referral_store_begin()), or in one of its
 * own when there is none.
 *
 * Returns: (transfer full): the statement, to free with sp_referral_statement_free()
 *   before the store is (it holds no reference: the store's own finalize signs out
 *   through statements), or %NULL with @error set
 */
SpReferralStatement *
sp_referral_statement_new (SpReferralStore *store,
                           const char      *sql,
                           const char      *doing,
                           GError         **error)
{
  SpReferralStatement *self;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (SP_IS_REFERRAL_STORE (store), NULL);
  g_return_val_if_fail (sql != NULL && doing != NULL, NULL);

  rc = sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      sp_referral_store_db_error (store, rc, doing, error);
      return NULL;
    }
  self = g_new0 (SpReferralStatement, 1);
  self->store = store;
  self->stmt = stmt;
  self->doing = doing;
  return self;
}

/* %NULL is ignored. */
void
sp_referral_statement_free (SpReferralStatement *self)
{
  if (self == NULL)
    return;
  sqlite3_finalize (self->stmt);
  g_free (self);
}

static void
note_bind (SpReferralStatement *self,
           int                  rc)
{
  if (G_UNLIKELY (rc != SQLITE_OK) && self->bind_rc == SQLITE_OK)
    self->bind_rc = rc;
}

/* The binders do not copy: the value must stay as it is until the statement is freed, reset
 * or bound again. A bind that fails makes the next step fail with the reason. */

void
sp_referral_statement_bind_text (SpReferralStatement *self,
                                 int                  index,
                                 const char          *text)
{
  note_bind (self, sqlite3_bind_text (self->stmt, index, text, -1, SQLITE_STATIC));
}

void
sp_referral_statement_bind_blob (SpReferralStatement *self,
                                 int                  index,
                                 const void          *data,
                                 gsize                len)
{
  if (len > G_MAXINT)
    note_bind (self, SQLITE_TOOBIG);
  else
    note_bind (self, sqlite3_bind_blob (self->stmt, index, data, (int) len, SQLITE_STATIC));
}

void
sp_referral_statement_bind_int64 (SpReferralStatement *self,
                                  int                  index,
                                  gint64               value)
{
  note_bind (self, sqlite3_bind_int64 (self->stmt, index, value));
}

/* Whether a test asked for this step to fail; counts the steps it lets through first. */
static gboolean
take_fault (SpReferralStatement *self)
{
  SpReferralStore *store = self->store;
  const char *sql = sqlite3_sql (self->stmt);

  for (GSList *l = store->step_faults; l != NULL; l = l->next)
    {
      StepFault *fault = l->data;

      if (sql == NULL || strstr (sql, fault->sql_substring) == NULL)
        continue;
      if (fault->n_steps_first > 0)
        {
          fault->n_steps_first--;
          return FALSE;
        }
      store->step_faults = g_slist_delete_link (store->step_faults, l);
      sp_referral_store_step_fault_free (fault);
      return TRUE;
    }
  return FALSE;
}

/*
 * sp_referral_statement_step:
 *
 * Runs the statement to its next row.
 *
 * Returns: %SP_STORE_STEP_ROW with a row to read, %SP_STORE_STEP_DONE at the end (a
 *   statement without rows is done at once), or %SP_STORE_STEP_ERROR with @error set; the
 *   statement is then reset. A caller in a write transaction rolls it back.
 */
SpStoreStep
sp_referral_statement_step (SpReferralStatement *self,
                            GError             **error)
{
  int rc;

  if (G_UNLIKELY (self->bind_rc != SQLITE_OK))
    rc = self->bind_rc;
  else if (G_UNLIKELY (self->store->step_faults != NULL) && take_fault (self))
    rc = SQLITE_IOERR;
  else
    {
      rc = sqlite3_step (self->stmt);
      if (G_LIKELY (rc == SQLITE_ROW))
        return SP_STORE_STEP_ROW;
      if (rc == SQLITE_DONE)
        return SP_STORE_STEP_DONE;
    }

  self->failed_rc = rc;
  sp_referral_store_db_error (self->store, rc, self->doing, error);
  sqlite3_reset (self->stmt);
  self->bind_rc = SQLITE_OK;
  return SP_STORE_STEP_ERROR;
}

/*
 * sp_referral_statement_run:
 *
 * Runs a statement that changes the store, or whose rows do not matter, to its end.
 *
 * Returns: %TRUE when it ran, %FALSE with @error set when it failed
 */
gboolean
sp_referral_statement_run (SpReferralStatement *self,
                           GError             **error)
{
  SpStoreStep step;

  while ((step = sp_referral_statement_step (self, error)) == SP_STORE_STEP_ROW)
    ;
  return step == SP_STORE_STEP_DONE;
}

/* Whether the last step that failed broke a UNIQUE constraint (a name already taken). */
gboolean
sp_referral_statement_failed_unique (SpReferralStatement *self)
{
  return self->failed_rc == SQLITE_CONSTRAINT_UNIQUE;
}

/* The column getters read the row the last step returned; @column counts from 0. */

/* Returns: (transfer none) (nullable): valid until the next step */
const char *
sp_referral_statement_get_text (SpReferralStatement *self,
                                int                  column)
{
  return (const char *) sqlite3_column_text (self->stmt, column);
}

/* Returns: (transfer none) (nullable): the bytes, @len of them, valid until the next step */
const guint8 *
sp_referral_statement_get_blob (SpReferralStatement *self,
                                int                  column,
                                gsize               *len)
{
  const guint8 *data = sqlite3_column_blob (self->stmt, column);

  *len = sqlite3_column_bytes (self->stmt, column);
  return data;
}

/* 0 for NULL. */
gint64
sp_referral_statement_get_int64 (SpReferralStatement *self,
                                 int                  column)
{
  return sqlite3_column_int64 (self->stmt, column);
}

/* ---- faults the tests inject (sp-referral-store-testing.h) ---------------------------- */

/*
 * sp_referral_store_inject_step_failure:
 * @sql_substring: the failure is for a statement whose SQL contains this
 * @n_steps_first: how many steps of such statements succeed first
 *
 * TEST ONLY. The next step of a matching statement on @self after those fails once, as a
 * disk error would make it (SQLITE_IOERR), through sp_referral_statement_step().
 */
void
sp_referral_store_inject_step_failure (SpReferralStore *self,
                                       const char      *sql_substring,
                                       guint            n_steps_first)
{
  StepFault *fault;

  g_return_if_fail (SP_IS_REFERRAL_STORE (self));
  g_return_if_fail (sql_substring != NULL);

  fault = g_new0 (StepFault, 1);
  fault->sql_substring = g_strdup (sql_substring);
  fault->n_steps_first = n_steps_first;
  self->step_faults = g_slist_append (self->step_faults, fault);
}
