/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-search-directory.h: a directory whose search index follows every change. */
#pragma once

#include "sp-directory.h"
#include "sp-search-index.h"

G_BEGIN_DECLS

#define SP_TYPE_SEARCH_DIRECTORY_INDEX (sp_search_directory_index_get_type ())
G_DECLARE_FINAL_TYPE (SpSearchDirectoryIndex, sp_search_directory_index, SP, SEARCH_DIRECTORY_INDEX, GObject)

SpDirectory *sp_search_open_directory (const char  *store_path,
                                       GError     **error);

G_END_DECLS
