/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-api-records.h: the organisations, taxonomies and taxonomy terms an Open Referral API query lists. */
#pragma once

#include "sp-store.h"

G_BEGIN_DECLS

/* The records a list asks for; each part is off when NULL or FALSE. */
typedef struct
{
  const char *name_contains;   /* its name holds this, ignoring case */
  const char *taxonomy_id;     /* terms: of this taxonomy */
  const char *parent_id;       /* terms: directly under this term */
  gboolean top_only;           /* terms: with no parent in the directory */
} SpApiRecordFilter;

#define SP_API_RECORD_FILTER_INIT { NULL, NULL, NULL, FALSE }

gboolean   sp_api_count_records  (SpStore                 *store,
                                  const char              *table,
                                  const SpApiRecordFilter *filter,
                                  gint64                  *count,
                                  GError                 **error);
GPtrArray *sp_api_list_records   (SpStore                 *store,
                                  const char              *table,
                                  const SpApiRecordFilter *filter,
                                  gint64                   offset,
                                  gint64                   limit,
                                  GError                 **error);
gboolean   sp_api_record_exists  (SpStore                 *store,
                                  const char              *table,
                                  const char              *id,
                                  gboolean                *exists,
                                  GError                 **error);

G_END_DECLS
