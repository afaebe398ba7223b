/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-search-import.h: importing a feed and keeping the search index in step with it. */
#pragma once

#include "sp-import.h"
#include "sp-search-index.h"

G_BEGIN_DECLS

gboolean sp_search_import_path (SpStore               *store,
                                const char            *path,
                                SpImportFlags          flags,
                                SpImportProgressFunc   progress,
                                gpointer               progress_data,
                                SpSearchWaitFunc       waiting,
                                GCancellable          *cancellable,
                                SpImportReport       **report,
                                GError               **error);

G_END_DECLS
