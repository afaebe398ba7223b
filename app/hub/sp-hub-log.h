/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-log.h: the hub's access log, one JSON object a line on stderr. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *remote;       /* the client's address */
  const char *method;
  const char *path;         /* decoded; never the query's values */
  const char *query;        /* (nullable) as sent: only its parameters' names are logged */
  guint status;
  guint64 bytes;            /* of the body sent */
  double duration_ms;
  const char *user_agent;   /* (nullable) */
} SpHubLogEntry;

char *sp_hub_log_format (const SpHubLogEntry *entry);
void  sp_hub_log_write  (const SpHubLogEntry *entry);

G_END_DECLS
