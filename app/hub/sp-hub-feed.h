/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-feed.h: feeds written once to a file of the hub's and streamed from it to every client. */
#pragma once

#include <libsoup/soup.h>

#include "sp-hub-request.h"

G_BEGIN_DECLS

typedef struct _SpHubFeeds SpHubFeeds;

/* Called in the server's thread when a feed's answer is over: @bytes were sent; @complete
 * is FALSE when it was cut short (the feed failed, or the client left). */
typedef void (*SpHubFeedDone) (SoupServerMessage *message,
                               guint64            bytes,
                               gboolean           complete,
                               gpointer           user_data);

SpHubFeeds *sp_hub_feeds_new          (const char        *folder,
                                       guint64            max_bytes,
                                       guint              max_writers,
                                       GError           **error);
void        sp_hub_feeds_free         (SpHubFeeds        *self);
void        sp_hub_feeds_set_state    (SpHubFeeds        *self,
                                       const char        *state);
void        sp_hub_feeds_serve        (SpHubFeeds        *self,
                                       SoupServerMessage *message,
                                       const char        *key,
                                       SpHubFeedWriter    writer,
                                       SpHubRequest      *request,
                                       gboolean           gzip,
                                       SpHubFeedDone      done,
                                       gpointer           user_data);
guint       sp_hub_feeds_get_n_writing (SpHubFeeds       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpHubFeeds, sp_hub_feeds_free)

G_END_DECLS
