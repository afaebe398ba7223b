/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-test-store.h: a store holding the bundled sample directory, for the suites that read it. */
#pragma once

#include "sp-service-detail.h"
#include "sp-store.h"

G_BEGIN_DECLS

SpStore         *sp_test_open_sample_store  (const char *dir);
SpServiceDetail *sp_test_load_detail        (SpStore    *store,
                                             const char *id);

G_END_DECLS
