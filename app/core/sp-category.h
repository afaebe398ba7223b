/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-category.h: the directory's topics, the top of its taxonomy, for browsing. */
#pragma once

#include "sp-store.h"

G_BEGIN_DECLS

/* One topic: a taxonomy term with no parent. */
typedef struct
{
  char *id;
  char *code;   /* the taxonomy's code ("memory"), for its icon; may be NULL */
  char *name;
  char *top_id; /* sp_category_list_terms(): the top-level topic it is under (its own id at the top) */
} SpCategory;

void       sp_category_free           (SpCategory  *category);
GPtrArray *sp_category_list_top_level (SpStore     *store,
                                       GError     **error);
GPtrArray *sp_category_list_terms     (SpStore     *store,
                                       GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpCategory, sp_category_free)

G_END_DECLS
