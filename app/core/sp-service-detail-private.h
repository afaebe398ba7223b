/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-service-detail-private.h: what the service detail (sp-service-detail.c) and its reading
 * of the export (sp-service-detail-read.c) share. */
#pragma once

#include <json-glib/json-glib.h>

#include "sp-service-detail.h"

G_BEGIN_DECLS

/* Bounds for display. A name longer than this is not a name; a slip still prints it. */
#define SP_DETAIL_MAX_LINE_BYTES 1024
#define SP_DETAIL_MAX_PARAGRAPH_BYTES (16 * 1024)
#define SP_DETAIL_MAX_SUMMARY_CHARS 240

struct _SpServiceDetail
{
  GObject parent_instance;

  SpService *service;
  char *name;
  char *organization_name;
  char *description;
  char *summary;
  char *url;
  char *email;
  GPtrArray *phones;       /* SpServicePhone */
  GPtrArray *places;       /* SpServicePlace */
  GPtrArray *schedules;    /* SpSchedule */
  char *cost;
  gboolean is_free;
  GStrv languages;
  GStrv accessibility;
  char *age_range;
  char *eligibility;
  GStrv categories;
};

char *sp_service_detail_clean_text   (const char      *text,
                                      gboolean         paragraph);
void  sp_service_detail_read_export  (SpServiceDetail *self,
                                      JsonObject      *service);
void  sp_service_detail_add_unique   (GPtrArray       *list,
                                      char            *text);

G_END_DECLS
