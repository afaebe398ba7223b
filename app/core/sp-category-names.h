/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-category-names.h: Signpost's own topics, named in the language in use. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *sp_category_display_name (const char *code,
                                      const char *name);

G_END_DECLS
