/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-test-search.h: the sample store with its search index open, for the search suites. */
#pragma once

#include "sp-search-index.h"
#include "sp-test-store.h"

G_BEGIN_DECLS

typedef struct
{
  SpTestSampleFixture sample;
  SpSearchIndex *index;
} SpTestIndexFixture;

void             sp_test_index_fixture_set_up    (SpTestIndexFixture *f,
                                                  gconstpointer       data);
void             sp_test_index_fixture_tear_down (SpTestIndexFixture *f,
                                                  gconstpointer       data);
SpSearchResults *sp_test_search_for              (SpSearchIndex      *index,
                                                  const char         *text,
                                                  GError            **error);

G_END_DECLS
