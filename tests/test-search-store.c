/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-search-store.c: the index reads a service from the store whole, or fails; never a part of one. */
#include "config.h"

#include <string.h>

#include "sp-search-index.h"
#include "sp-test-sql.h"
#include "sp-test-store.h"
#include "sp-test-util.h"

#define MEMORY_CATEGORY "e566e25c-16e0-576c-bfbe-092d816319a6"
#define BILSTON_MEMORY_CAFE "1c63994a-12ec-5ae3-8d9f-0e240b4ba821"

typedef struct
{
  SpTestSampleFixture sample;
  SpSearchIndex *index;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  sp_test_sample_fixture_set_up (&f->sample, data);
  f->index = sp_search_index_open (f->sample.store, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_clear_pointer (&f->index, sp_search_index_close);
  sp_test_sample_fixture_tear_down (&f->sample, data);
}

/* Whether the service @id is among those the index holds in @category. */
static gboolean
in_category (SpSearchIndex *index,
             const char    *category,
             const char    *id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpSearchResults) results = NULL;
  SpSearchQuery query = SP_SEARCH_QUERY_INIT;

  query.category = category;
  query.limit = 500;
  results = sp_search_index_query (index, &query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < results->hits->len; i++)
    if (g_str_equal (((SpSearchHit *) results->hits->pdata[i])->id, id))
      return TRUE;
  return FALSE;
}

/* A service whose categories cannot be read is not indexed without them: the update fails
 * and the index keeps the service as it was. */
static void
test_update_keeps_the_service (Fixture      *f,
                               gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  const char *ids[] = { BILSTON_MEMORY_CAFE, NULL };
  guint memory = sp_search_index_count_in_category (f->index, MEMORY_CATEGORY);

  g_assert_true (in_category (f->index, MEMORY_CATEGORY, BILSTON_MEMORY_CAFE));
  g_assert_true (sp_store_exec (f->sample.store, "UPDATE service SET name = 'Bilston remembering café' "
                                                 "WHERE id = '" BILSTON_MEMORY_CAFE "'", &error));
  sp_store_inject_step_failure (f->sample.store, "FROM attribute", 0, SP_STORE_FAULT_IO);
  g_assert_false (sp_search_index_update (f->index, ids, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "reading a service to index"));
  g_assert_true (in_category (f->index, MEMORY_CATEGORY, BILSTON_MEMORY_CAFE));
  g_assert_cmpuint (sp_search_index_count_in_category (f->index, MEMORY_CATEGORY), ==, memory);
}

/* A rebuild that cannot read some service's categories fails, part-way through, and the
 * index in use stays; it reads the store on connections of its own, which fail too. */
static void
test_rebuild_fails_whole (Fixture      *f,
                          gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  guint memory = sp_search_index_count_in_category (f->index, MEMORY_CATEGORY);

  sp_store_inject_step_failure (f->sample.store, "FROM attribute", 20, SP_STORE_FAULT_IO);
  g_assert_false (sp_search_index_rebuild (f->index, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "reading a service to index"));
  g_assert_true (in_category (f->index, MEMORY_CATEGORY, BILSTON_MEMORY_CAFE));
  g_assert_cmpuint (sp_search_index_count_in_category (f->index, MEMORY_CATEGORY), ==, memory);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/signpost/search-store/update-keeps-the-service", test_update_keeps_the_service);
  ADD ("/signpost/search-store/rebuild-fails-whole", test_rebuild_fails_whole);
#undef ADD
  return g_test_run ();
}
