/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-worker.h: what each of the hub's threads reads the directory through. */
#pragma once

#include "sp-directory.h"
#include "sp-hub-matches.h"
#include "sp-listings.h"
#include "sp-place.h"
#include "sp-search-index.h"
#include "sp-store.h"

G_BEGIN_DECLS

/* A thread's own connection to the store and reader of the search index: SQLite
 * connections and Xapian databases are not shared between threads. */
typedef struct _SpHubWorker SpHubWorker;

SpHubWorker   *sp_hub_worker_get_for_thread (const char    *store_path,
                                             GError       **error);
SpStore       *sp_hub_worker_get_store      (SpHubWorker   *self);
SpDirectory   *sp_hub_worker_get_directory  (SpHubWorker   *self,
                                             GError       **error);
SpListings    *sp_hub_worker_get_listings   (SpHubWorker   *self,
                                             GError       **error);
SpSearchIndex *sp_hub_worker_get_index      (SpHubWorker   *self,
                                             gint64         seq,
                                             GError       **error);
GPtrArray     *sp_hub_worker_get_all_ids    (SpHubWorker   *self,
                                             gint64         seq,
                                             GError       **error);
GPtrArray     *sp_hub_worker_match          (SpHubWorker   *self,
                                             gint64         seq,
                                             const char    *text,
                                             guint          max,
                                             GError       **error);
GPtrArray     *sp_hub_worker_match_page     (SpHubWorker   *self,
                                             SpHubMatches  *shared,
                                             gint64         seq,
                                             const char    *text,
                                             guint          offset,
                                             guint          limit,
                                             guint          max,
                                             guint         *total,
                                             GError       **error);
gboolean       sp_hub_worker_find_place     (SpHubWorker   *self,
                                             gint64         seq,
                                             const char    *text,
                                             SpPlace       *place,
                                             GError       **error);

G_END_DECLS
