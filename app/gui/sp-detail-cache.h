/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-detail-cache.h: full service records, loaded once and kept while they are in use. */
#pragma once

#include "sp-service-detail.h"

G_BEGIN_DECLS

#define SP_TYPE_DETAIL_CACHE (sp_detail_cache_get_type ())
G_DECLARE_FINAL_TYPE (SpDetailCache, sp_detail_cache, SP, DETAIL_CACHE, GObject)

SpDetailCache   *sp_detail_cache_new     (SpStore        *store);
SpServiceDetail *sp_detail_cache_get     (SpDetailCache  *self,
                                          const char     *id,
                                          GError        **error);
void             sp_detail_cache_clear   (SpDetailCache  *self);

G_END_DECLS
