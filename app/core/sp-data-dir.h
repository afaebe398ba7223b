/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-data-dir.h: where Signpost keeps its store and index. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *sp_data_dir_resolve     (const char  *override);
char *sp_data_dir_ensure      (const char  *override,
                               GError     **error);
char *sp_data_dir_store_path  (const char  *data_dir);

G_END_DECLS
