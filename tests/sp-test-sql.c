/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-test-sql.c: TEST ONLY. SQL on a test's store, through the store's own statements. */
#include "config.h"

#include "sp-test-sql.h"

/* @sql's first row, with @arg (if any) bound to ?1; asserts that it ran. NULL when it gave
 * no row. */
static SpStoreStatement *
first_row (SpStore    *store,
           const char *sql,
           const char *arg)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpStoreStatement) stmt = sp_store_statement_new (store, sql, "testing", &error);
  SpStoreStep step;

  g_assert_no_error (error);
  if (arg != NULL)
    sp_store_statement_bind_text (stmt, 1, arg);
  step = sp_store_statement_step (stmt, &error);
  g_assert_no_error (error);
  return step == SP_STORE_STEP_ROW ? g_steal_pointer (&stmt) : NULL;
}

/* The first column of @sql's first row (@arg, if any, bound to ?1), or -1 when there is no
 * row or it is NULL. Asserts that the query runs. */
gint64
sp_test_sql_int (SpStore    *store,
                 const char *sql,
                 const char *arg)
{
  g_autoptr (SpStoreStatement) row = first_row (store, sql, arg);

  if (row == NULL || sp_store_statement_is_null (row, 0))
    return -1;
  return sp_store_statement_get_int64 (row, 0);
}

/* The first column of @sql's first row (@arg, if any, bound to ?1), or NULL when there is
 * no row or it is NULL. Asserts that the query runs. */
char *
sp_test_sql_text (SpStore    *store,
                  const char *sql,
                  const char *arg)
{
  g_autoptr (SpStoreStatement) row = first_row (store, sql, arg);

  return row != NULL ? sp_store_statement_dup_text (row, 0) : NULL;
}

/* Runs one statement with @args (NULL-terminated texts) bound to ?1, ?2, …. */
gboolean
sp_test_sql_run (SpStore            *store,
                 const char         *sql,
                 const char * const *args,
                 GError            **error)
{
  g_autoptr (SpStoreStatement) stmt = sp_store_statement_new (store, sql, "testing", error);

  if (stmt == NULL)
    return FALSE;
  for (int i = 0; args[i] != NULL; i++)
    sp_store_statement_bind_text (stmt, i + 1, args[i]);
  return sp_store_statement_run (stmt, error);
}
