/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-params.h: a request's query parameters, checked against what its endpoint takes. */
#pragma once

#include "sp-api-records.h"
#include "sp-api-services.h"
#include "sp-hub-request.h"

G_BEGIN_DECLS

#define SP_HUB_DEFAULT_PER_PAGE 50
#define SP_HUB_MAX_PER_PAGE 500
/* A search gives its most relevant matches, at most this many. */
#define SP_HUB_MAX_SEARCH_RESULTS 1000

/* What a request's parameters say, read and checked. Strings point into the request's
 * parameters, or are owned (modified_after). */
typedef struct
{
  gint64 page;                 /* from 1 */
  gint64 per_page;
  gboolean ndjson;             /* format=ndjson */
  gboolean minimal;
  gboolean full;
  gboolean full_service;
  const char *search;          /* (nullable) */
  const char *postcode;        /* (nullable) with @proximity */
  double proximity;
  SpApiServiceFilter services; /* its point is found later, from @postcode */
  SpApiRecordFilter records;
  char *modified_after;        /* normalised, UTC */
  gint64 since;                /* /sync */
  const char *token;
} SpHubParams;

SpHubResponse *sp_hub_params_split  (const char    *query,
                                     GHashTable   **params);
SpHubResponse *sp_hub_params_read   (SpHubRoute     route,
                                     GHashTable    *params,
                                     SpHubParams   *out);
void           sp_hub_params_clear  (SpHubParams   *params);
gboolean       sp_hub_params_has_service_filter (const SpHubParams *params);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SpHubParams, sp_hub_params_clear)

G_END_DECLS
