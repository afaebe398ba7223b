/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-test-search.c: the sample store with its search index open, for the search suites. */
#include "config.h"

#include "sp-test-search.h"

void
sp_test_index_fixture_set_up (SpTestIndexFixture *f,
                              gconstpointer       data)
{
  g_autoptr (GError) error = NULL;

  sp_test_sample_fixture_set_up (&f->sample, data);
  f->index = sp_search_index_open (f->sample.store, NULL, &error);
  g_assert_no_error (error);
}

void
sp_test_index_fixture_tear_down (SpTestIndexFixture *f,
                                 gconstpointer       data)
{
  g_clear_pointer (&f->index, sp_search_index_close);
  sp_test_sample_fixture_tear_down (&f->sample, data);
}

/* Searches @index for @text with no filters. */
SpSearchResults *
sp_test_search_for (SpSearchIndex *index,
                    const char    *text,
                    GError       **error)
{
  SpSearchQuery query = SP_SEARCH_QUERY_INIT;

  query.text = text;
  return sp_search_index_query (index, &query, error);
}
