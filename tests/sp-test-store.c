/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-test-store.c: a store holding the bundled sample directory, for the suites that read it. */
#include "config.h"

#include "sp-import.h"
#include "sp-test-store.h"
#include "sp-test-util.h"

/* Creates @dir/directory.sqlite and imports data/sample-directory.json into it. */
SpStore *
sp_test_open_sample_store (const char *dir)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *db = g_build_filename (dir, "directory.sqlite", NULL);
  g_autofree char *sample = sp_test_source_path ("data", "sample-directory.json", NULL);
  SpStore *store = sp_store_open (db, &error);

  g_assert_no_error (error);
  sp_import_path (store, sample, SP_IMPORT_FLAGS_NONE, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return store;
}

/* The full record of a service the test knows is there. */
SpServiceDetail *
sp_test_load_detail (SpStore    *store,
                     const char *id)
{
  g_autoptr (GError) error = NULL;
  SpServiceDetail *detail = sp_service_detail_load (store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (detail);
  return detail;
}
