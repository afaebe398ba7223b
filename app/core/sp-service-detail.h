/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-service-detail.h: everything about one service a person reads, for its page and slips. */
#pragma once

#include <gio/gio.h>

#include "sp-service.h"
#include "sp-store.h"

G_BEGIN_DECLS

/* A phone number and what it is for ("Appointments and enquiries"). */
typedef struct
{
  char *number;
  char *type;          /* (nullable) HSDS phone type: "voice", "text", "fax", "textphone"… */
  char *description;   /* (nullable) */
} SpServicePhone;

/* A place where the service is given, with its address written for a person. */
typedef struct
{
  char *location_id;
  char *service_at_location_id;   /* (nullable) */
  char *name;                     /* (nullable) "Tettenhall Library" */
  char *address_line;             /* (nullable) "Tettenhall Library, Regis Road, Wolverhampton WV6 8RW" */
  char *address_lines;            /* (nullable) the same, one part a line */
  char *postal_code;              /* (nullable) */
  gboolean has_coordinates;
  double latitude;
  double longitude;
  char **accessibility;           /* (array zero-terminated=1) notes about access there */
} SpServicePlace;

#define SP_TYPE_SERVICE_DETAIL (sp_service_detail_get_type ())
G_DECLARE_FINAL_TYPE (SpServiceDetail, sp_service_detail, SP, SERVICE_DETAIL, GObject)

SpServiceDetail    *sp_service_detail_load                 (SpStore          *store,
                                                            const char       *id,
                                                            GError          **error);

SpService          *sp_service_detail_get_service          (SpServiceDetail  *self);
const char         *sp_service_detail_get_id               (SpServiceDetail  *self);
const char         *sp_service_detail_get_name             (SpServiceDetail  *self);
const char         *sp_service_detail_get_organization_name (SpServiceDetail *self);
const char         *sp_service_detail_get_description      (SpServiceDetail  *self);
const char         *sp_service_detail_get_summary          (SpServiceDetail  *self);
const char         *sp_service_detail_get_url              (SpServiceDetail  *self);
const char         *sp_service_detail_get_email            (SpServiceDetail  *self);
GPtrArray          *sp_service_detail_get_phones           (SpServiceDetail  *self);
GPtrArray          *sp_service_detail_get_places           (SpServiceDetail  *self);
GPtrArray          *sp_service_detail_get_schedules        (SpServiceDetail  *self);
const char         *sp_service_detail_get_cost             (SpServiceDetail  *self);
gboolean            sp_service_detail_get_is_free          (SpServiceDetail  *self);
const char * const *sp_service_detail_get_languages        (SpServiceDetail  *self);
const char * const *sp_service_detail_get_accessibility    (SpServiceDetail  *self);
const char         *sp_service_detail_get_age_range        (SpServiceDetail  *self);
const char         *sp_service_detail_get_eligibility      (SpServiceDetail  *self);
const char * const *sp_service_detail_get_categories       (SpServiceDetail  *self);
const char         *sp_service_detail_get_checked_date     (SpServiceDetail  *self);
char               *sp_service_detail_dup_checked_words    (SpServiceDetail  *self);
gboolean            sp_service_detail_is_out_of_date       (SpServiceDetail  *self,
                                                            GDateTime        *now);
char               *sp_service_detail_dup_checked_notice   (SpServiceDetail  *self,
                                                            GDateTime        *now);
char               *sp_service_detail_dup_schedule_words   (SpServiceDetail  *self,
                                                            GDateTime        *now);
char               *sp_service_detail_dup_next_session     (SpServiceDetail  *self,
                                                            GDateTime        *now);

char               *sp_service_detail_summarize            (const char       *text);

G_END_DECLS
