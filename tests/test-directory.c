/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-directory.c: the one write path: every change numbered, in one transaction, with search following. */
#include "config.h"

#include <string.h>

#include "sp-search-directory.h"
#include "sp-test-sql.h"
#include "sp-service-documents.h"
#include "sp-test-store.h"
#include "sp-test-util.h"

#define BILSTON_MEMORY_CAFE "1c63994a-12ec-5ae3-8d9f-0e240b4ba821"
#define PUNJABI_CARERS "3c6f19ce-7b47-5702-b830-2c2ab4da8ab1"

typedef struct
{
  char *dir;
  char *store_path;
  SpDirectory *directory;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *sample = sp_test_source_path ("data", "sample-directory.json", NULL);

  f->dir = sp_test_make_tmpdir ();
  f->store_path = g_build_filename (f->dir, "directory.sqlite", NULL);
  f->directory = sp_search_open_directory (f->store_path, &error);
  g_assert_no_error (error);
  g_assert_true (sp_directory_import (f->directory, sample, SP_IMPORT_FLAGS_NONE, NULL, NULL, NULL, NULL, NULL,
                                      &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_clear_object (&f->directory);
  sp_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->store_path);
}

static gint64
change_seq (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  gint64 seq = -1;

  g_assert_true (sp_store_get_change_seq (sp_directory_get_store (f->directory), &seq, &error));
  g_assert_no_error (error);
  return seq;
}

/* What a reader opening the index afresh finds for @text: the first hit's name, or NULL. */
static char *
first_hit (Fixture    *f,
           const char *text,
           gboolean   *rebuilt)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpStore) store = sp_store_open_for_reading (f->store_path, &error);
  g_autoptr (SpSearchIndex) index = NULL;
  g_autoptr (SpSearchResults) results = NULL;
  SpSearchQuery query = SP_SEARCH_QUERY_INIT;

  g_assert_no_error (error);
  index = sp_search_index_open (store, NULL, &error);
  g_assert_no_error (error);
  if (rebuilt != NULL)
    {
      g_assert_true (sp_search_index_sync (index, rebuilt, &error));
      g_assert_no_error (error);
    }
  query.text = text;
  results = sp_search_index_query (index, &query, &error);
  g_assert_no_error (error);
  return results->hits->len > 0 ? g_strdup (((SpSearchHit *) results->hits->pdata[0])->name) : NULL;
}

static gint64
service_seq (Fixture    *f,
             const char *id)
{
  return sp_test_sql_int (sp_directory_get_store (f->directory),
                          "SELECT change_seq FROM service WHERE id = ?1", id);
}

/* An import takes a change number, and an import that changes nothing takes none. */
static void
test_import_numbered (Fixture      *f,
                      gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *sample = sp_test_source_path ("data", "sample-directory.json", NULL);
  gint64 first = change_seq (f);

  g_assert_cmpint (first, >=, 1);
  g_assert_cmpint (service_seq (f, BILSTON_MEMORY_CAFE), ==, first);
  g_assert_true (sp_directory_import (f->directory, sample, SP_IMPORT_FLAGS_NONE, NULL, NULL, NULL, NULL, NULL,
                                      &error));
  g_assert_no_error (error);
  g_assert_cmpint (change_seq (f), ==, first);
}

static gboolean
rename_cafe (SpStore    *store,
             gpointer    user_data,
             GPtrArray  *changed,
             GPtrArray  *removed,
             GError    **error)
{
  const char *args[] = { user_data, BILSTON_MEMORY_CAFE, NULL };

  if (!sp_test_sql_run (store, "UPDATE service SET name = ?1 WHERE id = ?2", args, error))
    return FALSE;
  g_ptr_array_add (changed, g_strdup (BILSTON_MEMORY_CAFE));
  return TRUE;
}

/* A change made through the directory is numbered and found by search at once, and the
 * index knows it is current: a program opening it afterwards does not rebuild it. */
static void
test_change_follows (Fixture      *f,
                     gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *found = NULL;
  gint64 before = change_seq (f), seq = 0;
  gboolean rebuilt = TRUE;

  g_assert_true (sp_directory_change (f->directory, rename_cafe, (gpointer) "Quokka memory afternoon", NULL, NULL,
                                      &seq, &error));
  g_assert_no_error (error);
  g_assert_cmpint (seq, ==, before + 1);
  g_assert_cmpint (service_seq (f, BILSTON_MEMORY_CAFE), ==, seq);
  found = first_hit (f, "quokka", &rebuilt);
  g_assert_cmpstr (found, ==, "Quokka memory afternoon");
  g_assert_false (rebuilt);
}

static gboolean
rename_then_fail (SpStore    *store,
                  gpointer    user_data,
                  GPtrArray  *changed,
                  GPtrArray  *removed,
                  GError    **error)
{
  if (!rename_cafe (store, user_data, changed, removed, error))
    return FALSE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the change could not be finished");
  return FALSE;
}

/* A change that fails part-way changes nothing and takes no number. */
static void
test_failed_change_rolls_back (Fixture      *f,
                               gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *found = NULL;
  gint64 before = change_seq (f);

  g_assert_false (sp_directory_change (f->directory, rename_then_fail, (gpointer) "Wombat tea party", NULL, NULL,
                                       NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_cmpint (change_seq (f), ==, before);
  found = first_hit (f, "wombat", NULL);
  g_assert_null (found);
  g_clear_pointer (&found, g_free);
  found = first_hit (f, "bilston memory cafe", NULL);
  g_assert_cmpstr (found, ==, "Bilston Memory Café");
}

static gboolean
remove_carers (SpStore    *store,
               gpointer    user_data,
               GPtrArray  *changed,
               GPtrArray  *removed,
               GError    **error)
{
  if (!sp_store_exec (store, "DELETE FROM service WHERE id = '" PUNJABI_CARERS "'", error))
    return FALSE;
  g_ptr_array_add (removed, g_strdup (PUNJABI_CARERS));
  return TRUE;
}

/* A removal is remembered with its number (for sync clients) and leaves search. */
static void
test_removal_remembered (Fixture      *f,
                         gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *found = NULL;
  gint64 seq = 0;

  g_assert_true (sp_directory_change (f->directory, remove_carers, NULL, NULL, NULL, &seq, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sp_test_sql_int (sp_directory_get_store (f->directory),
                                    "SELECT change_seq FROM service_removal WHERE service_id = ?1",
                                    PUNJABI_CARERS), ==, seq);
  found = first_hit (f, "sanjh punjabi carers", NULL);
  g_assert_cmpstr (found, !=, "Sanjh Punjabi Carers");
}

/* Each service's JSON kept ready in the store (what the hub serves) matches a fresh export
 * after an import, a change and a removal, and a removed service keeps none. */
static void
test_documents_follow (Fixture      *f,
                       gconstpointer data)
{
  SpStore *store = sp_directory_get_store (f->directory);
  g_autoptr (GError) error = NULL;
  g_autofree char *document = NULL, *gone = NULL;

  g_assert_cmpint (sp_store_count (store, "service_document"), ==, sp_store_count (store, "service"));
  sp_test_assert_documents_current (store);

  g_assert_true (sp_directory_change (f->directory, rename_cafe, (gpointer) "Quokka memory afternoon", NULL, NULL,
                                      NULL, &error));
  g_assert_no_error (error);
  sp_test_assert_documents_current (store);
  g_assert_true (sp_service_documents_read (store, BILSTON_MEMORY_CAFE, TRUE, &document, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (document, "Quokka memory afternoon"));

  g_assert_true (sp_directory_change (f->directory, remove_carers, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  sp_test_assert_documents_current (store);
  g_assert_true (sp_service_documents_read (store, PUNJABI_CARERS, TRUE, &gone, &error));
  g_assert_no_error (error);
  g_assert_null (gone);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/signpost/directory/import-numbered", test_import_numbered);
  ADD ("/signpost/directory/change-follows", test_change_follows);
  ADD ("/signpost/directory/failed-change-rolls-back", test_failed_change_rolls_back);
  ADD ("/signpost/directory/removal-remembered", test_removal_remembered);
  ADD ("/signpost/directory/documents-follow", test_documents_follow);
#undef ADD

  return g_test_run ();
}
