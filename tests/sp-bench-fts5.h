/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-bench-fts5.h: BENCHMARK ONLY. An SQLite FTS5 index of the same documents, the baseline Xapian is measured against. */
#pragma once

#include "sp-store.h"

G_BEGIN_DECLS

typedef struct _SpBenchFts5 SpBenchFts5;

SpBenchFts5 *sp_bench_fts5_build (SpStore            *store,
                                  const char         *path,
                                  double             *rate);
void         sp_bench_fts5_time  (SpBenchFts5        *self,
                                  const char * const *queries,
                                  guint               n_queries,
                                  guint               runs,
                                  GArray             *samples);
void         sp_bench_fts5_close (SpBenchFts5        *self);

G_END_DECLS
