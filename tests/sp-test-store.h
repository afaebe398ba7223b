/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-test-store.h: stores for the suites — empty, or holding the bundled sample directory —
 * and the few ways they look inside them. */
#pragma once

#include "sp-import.h"
#include "sp-service-detail.h"
#include "sp-store.h"

G_BEGIN_DECLS

/* A test case's own temporary folder holding a copy of the sample store: a fixture for
 * g_test_add() with sp_test_sample_fixture_set_up() and sp_test_sample_fixture_tear_down(). */
typedef struct
{
  char *dir;
  SpStore *store;
} SpTestSampleFixture;

SpStore         *sp_test_open_sample_store        (const char          *dir);
SpServiceDetail *sp_test_load_detail              (SpStore             *store,
                                                   const char          *id);
void             sp_test_sample_fixture_set_up    (SpTestSampleFixture *f,
                                                   gconstpointer        data);
void             sp_test_sample_fixture_tear_down (SpTestSampleFixture *f,
                                                   gconstpointer        data);

/* The same with an empty store. */
typedef SpTestSampleFixture SpTestStoreFixture;

void             sp_test_store_fixture_set_up     (SpTestStoreFixture  *f,
                                                   gconstpointer        data);
void             sp_test_store_fixture_tear_down  (SpTestStoreFixture  *f,
                                                   gconstpointer        data);

SpImportReport  *sp_test_import_ok                (SpStore             *store,
                                                   const char          *path,
                                                   SpImportFlags        flags);
void             sp_test_exec_sql                 (SpStore             *store,
                                                   const char          *sql);
void             sp_test_assert_documents_current (SpStore             *store);
gint64           sp_test_query_int                (SpStore             *store,
                                                   const char          *sql,
                                                   const char          *arg);

G_END_DECLS
