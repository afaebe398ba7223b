/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-sync-client.h: keeping a copy of the directory current from a hub. */
#pragma once

#include <gio/gio.h>

#include "sp-directory.h"

G_BEGIN_DECLS

#define SP_SYNC_ERROR (sp_sync_error_quark ())
GQuark sp_sync_error_quark (void);

typedef enum
{
  SP_SYNC_ERROR_BAD_URL,       /* not an http or https address */
  SP_SYNC_ERROR_UNREACHABLE,   /* no answer, or the connection broke */
  SP_SYNC_ERROR_HTTP,          /* the hub answered with an error */
  SP_SYNC_ERROR_NOT_A_FEED,    /* the answer is not a Signpost sync feed */
  SP_SYNC_ERROR_INCOMPLETE,    /* the feed was cut short, or does not add up */
} SpSyncError;

typedef struct
{
  gboolean unchanged;    /* the hub had nothing new */
  gboolean full;         /* the whole directory came (a first round, or the hub started afresh) */
  gint64 seq;            /* the hub's last change this copy now holds */
  guint written;         /* services new or changed */
  guint removed;         /* services removed */
  guint64 bytes;         /* what was downloaded */
} SpSyncReport;

gboolean  sp_sync_round        (SpDirectory    *directory,
                                const char     *hub_url,
                                GCancellable   *cancellable,
                                SpSyncReport   *report,
                                GError        **error);
char     *sp_sync_normalise_url (const char    *hub_url,
                                 GError       **error);
char     *sp_sync_describe      (const SpSyncSource *source,
                                 GDateTime     *now);

G_END_DECLS
