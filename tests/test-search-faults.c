/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-search-faults.c: every way an exception can reach the search index's C API comes
 * out as a GError — an index that cannot be read, a reopen that fails, memory running
 * out, a write that fails, a merge Xapian finds damaged — never as the program's end. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "sp-import.h"
#include "sp-search-fault.h"
#include "sp-search-index.h"
#include "sp-test-search.h"
#include "sp-test-store.h"
#include "sp-test-util.h"

typedef SpTestIndexFixture Fixture;

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  sp_search_fault_reset ();
  sp_test_index_fixture_tear_down (f, data);
}


static void
assert_search_works (SpSearchIndex *index)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpSearchResults) results = sp_test_search_for (index, "memory", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (results->hits->len, >, 0);
}

/* An index whose generation cannot be opened (unreadable files, which root cannot be shown
 * with permissions): opening and rebuilding fail with an error, and it opens again once the
 * files can be read. */
static void
test_unreadable_index (Fixture      *f,
                       gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpSearchIndex) again = NULL;

  g_clear_pointer (&f->index, sp_search_index_close);
  sp_search_fault_inject (SP_SEARCH_FAULT_OPEN, 0, 1000);
  again = sp_search_index_open (f->sample.store, NULL, &error);
  g_assert_error (error, SP_SEARCH_ERROR, SP_SEARCH_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "cannot open the index"));
  g_assert_null (again);

  sp_search_fault_reset ();
  g_clear_error (&error);
  again = sp_search_index_open (f->sample.store, NULL, &error);
  g_assert_no_error (error);
  assert_search_works (again);
}

/* A reopen that fails while searching (another program has moved the index on): that
 * search fails with an error, the next one works. */
static void
test_reopen_fails (Fixture      *f,
                   gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpSearchResults) results = NULL;

  assert_search_works (f->index);
  sp_search_fault_inject (SP_SEARCH_FAULT_REOPEN, 0, 1);
  results = sp_test_search_for (f->index, "memory", &error);
  g_assert_error (error, SP_SEARCH_ERROR, SP_SEARCH_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "cannot reopen the index"));
  g_assert_null (results);
  assert_search_works (f->index);
}

/* Memory running out in each entry point that allocates. */
static void
test_out_of_memory (Fixture      *f,
                    gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpSearchIndex) again = NULL;
  g_autoptr (SpSearchResults) results = NULL;
  const char *ids[] = { "1c63994a-12ec-5ae3-8d9f-0e240b4ba821", NULL };

  sp_search_fault_inject (SP_SEARCH_FAULT_ALLOC, 0, 1);
  again = sp_search_index_open (f->sample.store, NULL, &error);
  g_assert_error (error, SP_SEARCH_ERROR, SP_SEARCH_ERROR_FAILED);
  g_assert_null (again);
  g_clear_error (&error);

  sp_search_fault_inject (SP_SEARCH_FAULT_ALLOC, 0, 1);
  results = sp_test_search_for (f->index, "memory", &error);
  g_assert_error (error, SP_SEARCH_ERROR, SP_SEARCH_ERROR_FAILED);
  g_assert_null (results);
  g_clear_error (&error);

  sp_search_fault_inject (SP_SEARCH_FAULT_ALLOC, 0, 1);
  g_assert_false (sp_search_index_update (f->index, ids, &error));
  g_assert_error (error, SP_SEARCH_ERROR, SP_SEARCH_ERROR_FAILED);
  g_clear_error (&error);

  assert_search_works (f->index);
}

/* A write that fails (as on a full disk) while updating and while rebuilding: an error,
 * the index in use untouched, and the next attempt succeeds. */
static void
test_write_fails (Fixture      *f,
                  gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  const char *ids[] = { "1c63994a-12ec-5ae3-8d9f-0e240b4ba821", NULL };

  sp_search_fault_inject (SP_SEARCH_FAULT_WRITE, 0, 1);
  g_assert_false (sp_search_index_update (f->index, ids, &error));
  g_assert_error (error, SP_SEARCH_ERROR, SP_SEARCH_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "Error writing to file"));
  g_clear_error (&error);
  assert_search_works (f->index);

  sp_search_fault_inject (SP_SEARCH_FAULT_WRITE, 0, 1);
  g_assert_false (sp_search_index_rebuild (f->index, &error));
  g_assert_error (error, SP_SEARCH_ERROR, SP_SEARCH_ERROR_FAILED);
  g_clear_error (&error);
  assert_search_works (f->index);

  g_assert_true (sp_search_index_update (f->index, ids, &error));
  g_assert_no_error (error);
  g_assert_true (sp_search_index_rebuild (f->index, &error));
  g_assert_no_error (error);
}

/* The store as the index must follow it now: a service checked again. */
static void
touch_store (Fixture    *f,
             const char *when)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();
  g_autofree char *sql = g_strdup_printf ("UPDATE service SET imported_at = '%s' WHERE id = "
                                          "'1c63994a-12ec-5ae3-8d9f-0e240b4ba821'", when);

  /* As every change does: it takes the directory's next change number. */
  g_ptr_array_add (ids, (gpointer) "1c63994a-12ec-5ae3-8d9f-0e240b4ba821");
  g_assert_true (sp_store_begin (f->sample.store, &error));
  sp_test_exec_sql (f->sample.store, sql);
  g_assert_true (sp_store_record_change (f->sample.store, ids, 0, NULL, NULL, &error));
  g_assert_true (sp_store_commit (f->sample.store, &error));
  g_assert_no_error (error);
}

/* A build that fails the same way every time (Xapian reads what it merged back damaged)
 * is tried once for the store as it is, not again by every program that opens it: the
 * next open answers with the error at once. A change to the store, or "index --rebuild",
 * tries again. A failed write (a full disk) is not remembered: it may go better. */
static void
test_failed_build_not_retried (Fixture      *f,
                               gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpSearchIndex) again = NULL;
  g_autoptr (SpSearchIndex) handle = NULL;

  g_clear_pointer (&f->index, sp_search_index_close);
  touch_store (f, "2099-01-01T00:00:00Z");
  sp_search_fault_inject (SP_SEARCH_FAULT_WRITE, 0, 1);
  g_assert_null (sp_search_index_open (f->sample.store, NULL, &error));
  g_assert_error (error, SP_SEARCH_ERROR, SP_SEARCH_ERROR_FAILED);
  g_clear_error (&error);
  again = sp_search_index_open (f->sample.store, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&again, sp_search_index_close);

  touch_store (f, "2099-01-02T00:00:00Z");
  sp_search_fault_inject (SP_SEARCH_FAULT_DAMAGED, 0, 1);
  g_assert_null (sp_search_index_open (f->sample.store, NULL, &error));
  g_assert_error (error, SP_SEARCH_ERROR, SP_SEARCH_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "Too few chunks"));
  g_clear_error (&error);
  /* Not built again: the last whole index serves, out of date ... */
  again = sp_search_index_open (f->sample.store, NULL, &error);
  g_assert_no_error (error);
  assert_search_works (again);
  g_clear_pointer (&again, sp_search_index_close);
  /* ... and where there is none, the error comes at once, from the note the failed build
   * left. */
  {
    g_autofree char *folder = sp_search_index_path_for_store (f->sample.store);
    g_autofree char *current = g_build_filename (folder, "current", NULL);
    g_assert_cmpint (g_remove (current), ==, 0);
  }
  g_assert_null (sp_search_index_open (f->sample.store, NULL, &error));
  g_assert_error (error, SP_SEARCH_ERROR, SP_SEARCH_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "last time"));
  g_assert_nonnull (strstr (error->message, "Too few chunks"));
  g_clear_error (&error);

  /* "index --rebuild" tries at once. */
  handle = sp_search_index_new (f->sample.store, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sp_search_index_rebuild (handle, &error));
  g_assert_no_error (error);
  assert_search_works (handle);

  /* So does a change to the store. */
  touch_store (f, "2099-01-03T00:00:00Z");
  sp_search_fault_inject (SP_SEARCH_FAULT_DAMAGED, 0, 1);
  g_assert_null (sp_search_index_open (f->sample.store, NULL, &error));
  g_clear_error (&error);
  touch_store (f, "2099-01-04T00:00:00Z");
  again = sp_search_index_open (f->sample.store, NULL, &error);
  g_assert_no_error (error);
  assert_search_works (again);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, sp_test_index_fixture_set_up, func, fixture_tear_down)
  ADD ("/signpost/search-faults/unreadable-index", test_unreadable_index);
  ADD ("/signpost/search-faults/reopen-fails", test_reopen_fails);
  ADD ("/signpost/search-faults/out-of-memory", test_out_of_memory);
  ADD ("/signpost/search-faults/write-fails", test_write_fails);
  ADD ("/signpost/search-faults/failed-build-not-retried", test_failed_build_not_retried);
#undef ADD

  return g_test_run ();
}
