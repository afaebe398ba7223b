/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-sync-feed.h: what changed in a directory after a given change, as a hub serves it. */
#pragma once

#include <gio/gio.h>

#include "sp-store.h"

G_BEGIN_DECLS

/* One JSON object per line (see sp-sync-feed.c for the lines). */
#define SP_SYNC_FEED_CONTENT_TYPE "application/x-ndjson"
#define SP_SYNC_FEED_VERSION 1

typedef struct
{
  char *store_id;   /* names the store */
  gint64 seq;       /* its last change */
  char *token;      /* that change's random token */
} SpSyncState;

void      sp_sync_state_clear      (SpSyncState    *state);
gboolean  sp_sync_feed_get_state   (SpStore        *store,
                                    SpSyncState    *state,
                                    GError        **error);
char     *sp_sync_feed_etag        (const SpSyncState *state);
gboolean  sp_sync_feed_write       (SpStore        *store,
                                    gint64          since,
                                    const char     *since_token,
                                    GOutputStream  *out,
                                    GCancellable   *cancellable,
                                    GError        **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SpSyncState, sp_sync_state_clear)

G_END_DECLS
