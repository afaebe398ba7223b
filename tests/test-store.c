/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store.c: opening, migrating and protecting the directory store. */
#include "config.h"

#include <glib/gstdio.h>

#include "sp-service-documents.h"
#include "sp-store.h"
#include "sp-test-sql.h"
#include "sp-test-util.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  f->dir = sp_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "directory.sqlite", NULL);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  sp_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
test_create (Fixture      *f,
             gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpStore) store = sp_store_open (f->path, &error);
  g_autofree char *mode = NULL;
  g_autofree char *fk = NULL;
  const char *tables[] = { "organization", "service", "location", "service_at_location", "address",
                           "phone", "contact", "schedule", "taxonomy", "taxonomy_term", "attribute",
                           "accessibility", "language", "cost_option", "service_area", "feed",
                           "import_run" };

  g_assert_no_error (error);
  g_assert_cmpint (sp_store_get_schema_version (store), ==, SP_STORE_SCHEMA_VERSION);
  for (gsize i = 0; i < G_N_ELEMENTS (tables); i++)
    g_assert_cmpint (sp_store_count (store, tables[i]), ==, 0);
  mode = sp_test_sql_text (store, "PRAGMA journal_mode", NULL);
  g_assert_cmpstr (mode, ==, "wal");
  fk = sp_test_sql_text (store, "PRAGMA foreign_keys", NULL);
  g_assert_cmpstr (fk, ==, "1");
  g_assert_true (sp_store_check_integrity (store, &error));
  g_assert_no_error (error);
}

static void
test_too_new (Fixture      *f,
              gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  SpStore *store = sp_store_open (f->path, &error);

  g_assert_no_error (error);
  g_assert_true (sp_store_exec (store, "PRAGMA user_version = 99", &error));
  g_object_unref (store);

  store = sp_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version of Signpost"));
}

static void
test_not_a_database (Fixture      *f,
                     gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpStore) store = NULL;
  g_autofree char *garbage = g_strnfill (8192, 'x');

  g_assert_true (g_file_set_contents (f->path, garbage, -1, NULL));
  store = sp_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, f->path));
}

/* A store left by schema 1 (before import history and match keys) opens with
 * its services intact and gains the match key for duplicate reports. */
static void
test_migrate_from_v1 (Fixture      *f,
                      gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  SpStore *store = sp_store_open_at_version (f->path, 1, &error);
  g_autofree char *key = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sp_store_get_schema_version (store), ==, 1);
  g_assert_true (sp_store_exec (store,
                                "INSERT INTO organization(id, name, description) VALUES "
                                "('8d0b1a3e-6f0c-4f55-9a37-5f1c2f3b9a01', 'Tettenhall Good Neighbours', 'x');"
                                "INSERT INTO service(id, organization_id, name, status) VALUES "
                                "('3f0c2b51-2a57-4d2e-9a60-91c9c3b0a1b2', '8d0b1a3e-6f0c-4f55-9a37-5f1c2f3b9a01',"
                                " 'St Peter''s Carers & Friends', 'active');",
                                &error));
  g_assert_no_error (error);
  g_object_unref (store);

  store = sp_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_store_get_schema_version (store), ==, SP_STORE_SCHEMA_VERSION);
  g_assert_cmpint (sp_store_count (store, "service"), ==, 1);
  key = sp_test_sql_text (store, "SELECT match_key FROM service", NULL);
  g_assert_cmpstr (key, ==, "st peters carers and friends");
  g_assert_true (sp_store_check_integrity (store, &error));
  g_object_unref (store);
}

/* A store of schema 8 keeps its services' ready documents through schema 9 (an ordinary
 * table, the summary first), and a service removed still takes its document with it. */
static void
test_migrate_documents_from_v8 (Fixture      *f,
                                gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  SpStore *store = sp_store_open_at_version (f->path, 8, &error);
  g_autofree char *summary = NULL, *document = NULL;

  g_assert_no_error (error);
  g_assert_true (sp_store_exec (store,
                                "INSERT INTO service(id, name, status) VALUES "
                                "('3f0c2b51-2a57-4d2e-9a60-91c9c3b0a1b2', 'St Peter''s Carers', 'active'),"
                                "('5b6c0d2e-1f3a-4b5c-8d7e-9f0a1b2c3d4e', 'Bilston Lunch Club', 'active');"
                                "INSERT INTO service_document(service_id, document, summary) VALUES "
                                "('3f0c2b51-2a57-4d2e-9a60-91c9c3b0a1b2', '{\"whole\":1}', '{\"summary\":1}'),"
                                "('5b6c0d2e-1f3a-4b5c-8d7e-9f0a1b2c3d4e', '{\"whole\":2}', '{\"summary\":2}');",
                                &error));
  g_assert_no_error (error);
  g_object_unref (store);

  store = sp_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_store_get_schema_version (store), ==, SP_STORE_SCHEMA_VERSION);
  g_assert_true (sp_service_documents_read (store, "3f0c2b51-2a57-4d2e-9a60-91c9c3b0a1b2", FALSE, &summary, &error));
  g_assert_true (sp_service_documents_read (store, "3f0c2b51-2a57-4d2e-9a60-91c9c3b0a1b2", TRUE, &document, &error));
  g_assert_cmpstr (summary, ==, "{\"summary\":1}");
  g_assert_cmpstr (document, ==, "{\"whole\":1}");
  g_assert_true (sp_store_exec (store, "DELETE FROM service WHERE id = '5b6c0d2e-1f3a-4b5c-8d7e-9f0a1b2c3d4e'", &error));
  g_assert_cmpint (sp_store_count (store, "service_document"), ==, 1);
  g_assert_true (sp_store_check_integrity (store, &error));
  g_object_unref (store);
}

/* A full disk mid-change rolls back and says so. max_page_count is how SQLite
 * itself reports a full disk (SQLITE_FULL). */
static void
test_full_disk_rolls_back (Fixture      *f,
                           gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpStore) store = sp_store_open (f->path, &error);
  g_autofree char *big = g_strnfill (4000, 'a');
  g_autoptr (SpStoreStatement) stmt = NULL;
  gboolean ran = TRUE;

  g_assert_no_error (error);
  g_assert_true (sp_store_exec (store,
                                "INSERT INTO service(id, name, status) VALUES "
                                "('3f0c2b51-2a57-4d2e-9a60-91c9c3b0a1b2', 'Kept', 'active')", &error));
  g_assert_true (sp_store_set_size_limit (store, 512 * 1024, &error));
  g_assert_true (sp_store_begin (store, &error));
  stmt = sp_store_statement_new (store, "INSERT INTO service(id, name, status, description) "
                                        "VALUES (printf('id-%d', ?1), 'Filler', 'active', ?2)",
                                 "importing", &error);
  g_assert_no_error (error);
  for (int i = 0; i < 10000 && ran; i++)
    {
      sp_store_statement_bind_int64 (stmt, 1, i);
      sp_store_statement_bind_text (stmt, 2, big);
      ran = sp_store_statement_run (stmt, &error);
    }
  g_assert_false (ran);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, "Free some space"));
  sp_store_rollback (store);
  g_assert_cmpint (sp_store_count (store, "service"), ==, 1);
}

/* @sql compiled on the store at f->path, opened into @store. */
static SpStoreStatement *
statement_on_new_store (Fixture    *f,
                        SpStore   **store,
                        const char *sql)
{
  g_autoptr (GError) error = NULL;
  SpStoreStatement *stmt;

  *store = sp_store_open (f->path, &error);
  g_assert_no_error (error);
  stmt = sp_store_statement_new (*store, sql, "counting", &error);
  g_assert_no_error (error);
  return stmt;
}

/* A step that fails is an error, never the end of the rows, part-way through as much as
 * at the start; the statement can be run again afterwards. */
static void
test_step_tells_error_from_end (Fixture      *f,
                                gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpStore) store = NULL;
  g_autoptr (SpStoreStatement) stmt = statement_on_new_store (f, &store,
    "WITH RECURSIVE n(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM n WHERE value < 5) SELECT value FROM n");
  SpStoreStep step;
  guint rows = 0;

  sp_store_inject_step_failure (store, "value", 2, SP_STORE_FAULT_IO);
  while ((step = sp_store_statement_step (stmt, &error)) == SP_STORE_STEP_ROW)
    rows++;
  g_assert_cmpint (step, ==, SP_STORE_STEP_ERROR);
  g_assert_cmpuint (rows, ==, 2);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "counting"));
  g_assert_nonnull (strstr (error->message, f->path));
  g_clear_error (&error);

  /* Once: the statement starts again from its first row and runs to its end. */
  rows = 0;
  while ((step = sp_store_statement_step (stmt, &error)) == SP_STORE_STEP_ROW)
    g_assert_cmpint (sp_store_statement_get_int64 (stmt, 0), ==, ++rows);
  g_assert_no_error (error);
  g_assert_cmpint (step, ==, SP_STORE_STEP_DONE);
  g_assert_cmpuint (rows, ==, 5);
}

/* A value that cannot be bound makes the next step fail with the reason; binding itself
 * says nothing, so a caller need check only the step. */
static void
test_failed_bind_fails_the_step (Fixture      *f,
                                 gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpStore) store = NULL;
  g_autoptr (SpStoreStatement) stmt = statement_on_new_store (f, &store,
                                                              "SELECT count(*) FROM service WHERE id = ?1");

  sp_store_statement_bind_text (stmt, 2, "no such parameter");
  g_assert_cmpint (sp_store_statement_step (stmt, &error), ==, SP_STORE_STEP_ERROR);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_FAILED);
  g_clear_error (&error);

  sp_store_statement_bind_text (stmt, 1, "3f0c2b51-2a57-4d2e-9a60-91c9c3b0a1b2");
  g_assert_cmpint (sp_store_statement_step (stmt, &error), ==, SP_STORE_STEP_ROW);
  g_assert_no_error (error);
  g_assert_cmpint (sp_store_statement_get_int64 (stmt, 0), ==, 0);
}

/* A named parameter has the number SQLite gave it; one the SQL does not have is 0, and
 * binding to it fails the step rather than run the statement without the value. */
static void
test_named_parameters (Fixture      *f,
                       gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpStore) store = NULL;
  g_autoptr (SpStoreStatement) stmt = statement_on_new_store (f, &store, "SELECT :first || '-' || :second");

  g_assert_cmpint (sp_store_statement_parameter (stmt, ":first"), ==, 1);
  g_assert_cmpint (sp_store_statement_parameter (stmt, ":second"), ==, 2);
  g_assert_cmpint (sp_store_statement_parameter (stmt, ":third"), ==, 0);
  sp_store_statement_bind_text (stmt, sp_store_statement_parameter (stmt, ":second"), "b");
  sp_store_statement_bind_text (stmt, sp_store_statement_parameter (stmt, ":first"), "a");
  g_assert_cmpint (sp_store_statement_step (stmt, &error), ==, SP_STORE_STEP_ROW);
  g_assert_no_error (error);
  g_assert_cmpstr (sp_store_statement_get_text (stmt, 0), ==, "a-b");
  sp_store_statement_reset (stmt);

  sp_store_statement_bind_text (stmt, sp_store_statement_parameter (stmt, ":third"), "c");
  g_assert_cmpint (sp_store_statement_step (stmt, &error), ==, SP_STORE_STEP_ERROR);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_FAILED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/signpost/store/create", Fixture, NULL, fixture_set_up, test_create, fixture_tear_down);
  g_test_add ("/signpost/store/too-new", Fixture, NULL, fixture_set_up, test_too_new, fixture_tear_down);
  g_test_add ("/signpost/store/not-a-database", Fixture, NULL, fixture_set_up, test_not_a_database,
              fixture_tear_down);
  g_test_add ("/signpost/store/migrate-from-v1", Fixture, NULL, fixture_set_up, test_migrate_from_v1,
              fixture_tear_down);
  g_test_add ("/signpost/store/migrate-documents-from-v8", Fixture, NULL, fixture_set_up,
              test_migrate_documents_from_v8, fixture_tear_down);
  g_test_add ("/signpost/store/full-disk-rolls-back", Fixture, NULL, fixture_set_up,
              test_full_disk_rolls_back, fixture_tear_down);
  g_test_add ("/signpost/store/step-tells-error-from-end", Fixture, NULL, fixture_set_up,
              test_step_tells_error_from_end, fixture_tear_down);
  g_test_add ("/signpost/store/failed-bind-fails-the-step", Fixture, NULL, fixture_set_up,
              test_failed_bind_fails_the_step, fixture_tear_down);
  g_test_add ("/signpost/store/named-parameters", Fixture, NULL, fixture_set_up,
              test_named_parameters, fixture_tear_down);
  return g_test_run ();
}
