/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-test-sql.h: TEST ONLY. SQL on a test's store, through the store's own statements.
 *
 * For what a suite sets up or checks beneath the named operations the app uses (a
 * description changed behind the index's back, a count of rows an import left), with
 * sp_store_exec() for statements without parameters. The app never runs SQL outside
 * app/core; the sql-boundary test checks that.
 */
#pragma once

#include "sp-store-statement.h"
#include "sp-store-testing.h"

G_BEGIN_DECLS

gint64    sp_test_sql_int  (SpStore            *store,
                            const char         *sql,
                            const char         *arg);
char     *sp_test_sql_text (SpStore            *store,
                            const char         *sql,
                            const char         *arg);
gboolean  sp_test_sql_run  (SpStore            *store,
                            const char         *sql,
                            const char * const *args,
                            GError            **error);

G_END_DECLS
