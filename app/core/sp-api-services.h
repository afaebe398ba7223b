/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-api-services.h: which services (and services at locations) an Open Referral API query selects. */
#pragma once

#include <json-glib/json-glib.h>

#include "sp-store.h"

G_BEGIN_DECLS

/* What GET /services asks for, every part ANDed; each part is off when NULL or -1. The
 * strings are the caller's, checked by it (ids are ids, dates are dates). */
typedef struct
{
  GPtrArray *ids;                /* (element-type utf8) only these services, in this order
                                  * (a search's matches, best first) */
  const char *taxonomy_term_id;  /* in this category or any under it */
  const char *taxonomy_id;       /* in any category of this taxonomy */
  const char *organization_id;   /* given by this organisation */
  const char *modified_after;    /* ISO 8601: last modified (else imported) at or after it */
  gboolean has_point;            /* given within @within_metres of this point */
  double latitude;
  double longitude;
  double within_metres;
  int minimum_age;               /* its minimum age is at least this (none counts as 0) */
  int maximum_age;               /* its maximum age is at most this (none is no maximum) */
  int day;                       /* meets on this weekday: 0 Monday … 6 Sunday */
  int opens_from;                /* a session opens at or after this, minutes after midnight */
  int closes_by;                 /* a session closes at or before this, minutes after midnight */
} SpApiServiceFilter;

#define SP_API_SERVICE_FILTER_INIT { NULL, NULL, NULL, NULL, NULL, FALSE, 0, 0, 0, -1, -1, -1, -1, -1 }

/* What a list of services is of. */
typedef enum
{
  SP_API_ROWS_SERVICES,
  SP_API_ROWS_SERVICE_AT_LOCATIONS,   /* the places of the services */
} SpApiRows;

/* Called for each service in turn; returning FALSE (with @error set) stops the walk. */
typedef gboolean (*SpApiServiceFunc) (const char  *id,
                                      const char  *last_modified,
                                      gpointer     user_data,
                                      GError     **error);

gboolean    sp_api_count_services            (SpStore                  *store,
                                              const SpApiServiceFilter *filter,
                                              SpApiRows                 rows,
                                              gint64                   *count,
                                              GError                  **error);
GPtrArray  *sp_api_list_services             (SpStore                  *store,
                                              const SpApiServiceFilter *filter,
                                              SpApiRows                 rows,
                                              gint64                    offset,
                                              gint64                    limit,
                                              GError                  **error);
gboolean    sp_api_foreach_service           (SpStore                  *store,
                                              const SpApiServiceFilter *filter,
                                              SpApiServiceFunc          func,
                                              gpointer                  user_data,
                                              GError                  **error);
JsonObject *sp_api_service_summary           (SpStore                  *store,
                                              const char               *id,
                                              GError                  **error);


G_END_DECLS
