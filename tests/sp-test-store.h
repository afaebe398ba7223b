/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-test-store.h: a store holding the bundled sample directory, for the suites that read it. */
#pragma once

#include "sp-service-detail.h"
#include "sp-store.h"

G_BEGIN_DECLS

/* A test case's own copy of the sample directory's store, in a folder of its own. */
typedef struct
{
  char *dir;
  SpStore *store;
} SpTestSampleFixture;

void             sp_test_sample_fixture_set_up    (SpTestSampleFixture *f,
                                                   gconstpointer        data);
void             sp_test_sample_fixture_tear_down (SpTestSampleFixture *f,
                                                   gconstpointer        data);

SpStore         *sp_test_open_sample_store  (const char *dir);
SpServiceDetail *sp_test_load_detail        (SpStore    *store,
                                             const char *id);

G_END_DECLS
