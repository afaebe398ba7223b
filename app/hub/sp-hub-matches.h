/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-matches.h: recent searches' best matches, shared by the hub's threads. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SpHubMatches SpHubMatches;

SpHubMatches *sp_hub_matches_new    (guint          max_ids);
void          sp_hub_matches_free   (SpHubMatches  *self);
GPtrArray    *sp_hub_matches_lookup (SpHubMatches  *self,
                                     const char    *revision,
                                     const char    *text,
                                     guint          max,
                                     guint          offset,
                                     guint          limit,
                                     guint         *total);
void          sp_hub_matches_insert (SpHubMatches  *self,
                                     const char    *revision,
                                     const char    *text,
                                     guint          max,
                                     GPtrArray     *best,
                                     guint          total);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpHubMatches, sp_hub_matches_free)

G_END_DECLS
