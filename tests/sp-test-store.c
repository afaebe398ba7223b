/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-test-store.c: stores for the suites — empty, or holding the bundled sample directory —
 * and the few ways they look inside them. */
#include "config.h"

#include <stdlib.h>

#include <gio/gio.h>

#include "sp-import.h"
#include "sp-test-sql.h"
#include "sp-api-services.h"
#include "sp-export.h"
#include "sp-service-documents.h"
#include "sp-test-sql.h"
#include "sp-test-store.h"
#include "sp-test-util.h"

/* The sample directory is imported once per test program into a template, and each test
 * gets a copy of that file: importing it afresh for every test case was most of the
 * suites' time under AddressSanitizer, and slowed the rest of the run beside them. */
static char *template_dir;

static void
remove_template (void)
{
  sp_test_remove_tree (template_dir);
  g_clear_pointer (&template_dir, g_free);
}

static const char *
template_store (void)
{
  static char *path;

  if (path == NULL)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *sample = sp_test_source_path ("data", "sample-directory.json", NULL);
      g_autoptr (SpStore) store = NULL;

      template_dir = sp_test_make_tmpdir ();
      atexit (remove_template);
      path = g_build_filename (template_dir, "directory.sqlite", NULL);
      store = sp_store_open (path, &error);
      g_assert_no_error (error);
      sp_import_path (store, sample, SP_IMPORT_FLAGS_NONE, NULL, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      /* Everything into the main file, so copying that one file copies the store. */
      sp_store_exec (store, "PRAGMA wal_checkpoint(TRUNCATE)", &error);
      g_assert_no_error (error);
    }
  return path;
}

/* Creates @dir/directory.sqlite holding data/sample-directory.json, imported. */
SpStore *
sp_test_open_sample_store (const char *dir)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *db = g_build_filename (dir, "directory.sqlite", NULL);
  g_autoptr (GFile) from = g_file_new_for_path (template_store ());
  g_autoptr (GFile) to = g_file_new_for_path (db);
  SpStore *store;

  g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  store = sp_store_open (db, &error);
  g_assert_no_error (error);
  return store;
}

void
sp_test_sample_fixture_set_up (SpTestSampleFixture *f,
                               gconstpointer        data)
{
  f->dir = sp_test_make_tmpdir ();
  f->store = sp_test_open_sample_store (f->dir);
}

void
sp_test_sample_fixture_tear_down (SpTestSampleFixture *f,
                                  gconstpointer        data)
{
  g_clear_object (&f->store);
  sp_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

void
sp_test_store_fixture_set_up (SpTestStoreFixture *f,
                              gconstpointer       data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *db = NULL;

  f->dir = sp_test_make_tmpdir ();
  db = g_build_filename (f->dir, "directory.sqlite", NULL);
  f->store = sp_store_open (db, &error);
  g_assert_no_error (error);
}

void
sp_test_store_fixture_tear_down (SpTestStoreFixture *f,
                                 gconstpointer       data)
{
  sp_test_sample_fixture_tear_down (f, data);
}

/* Imports @path, which must work; returns its report. */
SpImportReport *
sp_test_import_ok (SpStore      *store,
                   const char   *path,
                   SpImportFlags flags)
{
  g_autoptr (GError) error = NULL;
  SpImportReport *report = NULL;

  g_assert_true (sp_import_path (store, path, flags, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

/* Changes the store behind the code under test's back. */
void
sp_test_exec_sql (SpStore    *store,
                  const char *sql)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (sp_store_exec (store, sql, &error));
  g_assert_no_error (error);
}

/* The first column of the first row of @sql, with @arg (nullable) bound to ?1; -1 for no
 * row (or a NULL). Through the store's statements, as every suite's SQL (sp-test-sql.h). */
gint64
sp_test_query_int (SpStore    *store,
                   const char *sql,
                   const char *arg)
{
  return sp_test_sql_int (store, sql, arg);
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

static char *
object_text (JsonObject *object)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  g_assert_nonnull (object);
  json_node_set_object (node, object);
  return json_to_string (node, FALSE);
}

/* Every service's JSON kept ready in @store (sp-service-documents.c) is what a fresh export
 * gives, whole and as a list shows it, and no service that is gone keeps any. */
void
sp_test_assert_documents_current (SpStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpStoreStatement) stmt = sp_store_statement_new (store, "SELECT id FROM service ORDER BY id",
                                                               "listing services", &error);
  g_autoptr (GPtrArray) ids = NULL;
  guint n = 0;

  g_assert_no_error (error);
  ids = sp_store_statement_collect_texts (stmt, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = ids->pdata[i];
      g_autofree char *document = NULL, *summary = NULL, *exported = NULL, *listed = NULL;
      g_autoptr (JsonObject) whole = sp_export_service (store, id, &error);
      g_autoptr (JsonObject) item = NULL;

      g_assert_no_error (error);
      item = sp_api_service_summary (store, id, &error);
      g_assert_no_error (error);
      exported = object_text (whole);
      listed = object_text (item);
      g_assert_true (sp_service_documents_read (store, id, TRUE, &document, &error));
      g_assert_no_error (error);
      g_assert_true (sp_service_documents_read (store, id, FALSE, &summary, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (document, ==, exported);
      g_assert_cmpstr (summary, ==, listed);
      n++;
    }
  g_assert_cmpint (sp_store_count (store, "service_document"), ==, n);
}
