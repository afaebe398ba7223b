/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-cache.h: answers kept in memory until the directory changes. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *content_type;   /* a constant */
  char *etag;                 /* (nullable) */
  GBytes *body;               /* (nullable) when only @gzipped is kept */
  GBytes *gzipped;            /* (nullable) when the body did not shrink */
} SpHubCached;

typedef struct _SpHubCache SpHubCache;

SpHubCache        *sp_hub_cache_new        (gsize         max_bytes);
void               sp_hub_cache_free       (SpHubCache   *self);
void               sp_hub_cache_set_state  (SpHubCache   *self,
                                            const char   *state);
const SpHubCached *sp_hub_cache_lookup     (SpHubCache   *self,
                                            const char   *key);
void               sp_hub_cache_insert     (SpHubCache   *self,
                                            const char   *key,
                                            const char   *state,
                                            const char   *content_type,
                                            const char   *etag,
                                            GBytes       *body,
                                            GBytes       *gzipped);
gsize              sp_hub_cache_get_size   (SpHubCache   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpHubCache, sp_hub_cache_free)

G_END_DECLS
