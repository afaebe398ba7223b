/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-schedule.h: one schedule row of a service, read for people: its rule in words. */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* What a schedule row means. Feeds mix regular opening times with exceptions
 * (ORUK 1.0 holiday_schedules, HSDS rows with a narrow validity window). */
typedef enum
{
  SP_SCHEDULE_KIND_REGULAR,        /* a recurrence: freq, interval, byday… */
  SP_SCHEDULE_KIND_ONE_OFF,        /* no recurrence; a session on dtstart */
  SP_SCHEDULE_KIND_SPECIAL_HOURS,  /* no recurrence; these hours on each day of its window, instead
                                    * of the regular ones (ORUK 1.0 "closed": false) */
  SP_SCHEDULE_KIND_CLOSED,         /* no recurrence and no hours; closed over its window */
  SP_SCHEDULE_KIND_NOTE,           /* nothing a program can use; only its description */
} SpScheduleKind;

#define SP_TYPE_SCHEDULE (sp_schedule_get_type ())
G_DECLARE_FINAL_TYPE (SpSchedule, sp_schedule, SP, SCHEDULE, GObject)

SpSchedule     *sp_schedule_new_from_json              (JsonObject  *object);

const char     *sp_schedule_get_id                     (SpSchedule  *self);
const char     *sp_schedule_get_description            (SpSchedule  *self);
const char     *sp_schedule_get_notes                  (SpSchedule  *self);
const char     *sp_schedule_get_service_at_location_id (SpSchedule  *self);
const char     *sp_schedule_get_location_id            (SpSchedule  *self);
SpScheduleKind  sp_schedule_get_kind                   (SpSchedule  *self);
gboolean        sp_schedule_get_valid_from             (SpSchedule  *self,
                                                        GDate       *date);
gboolean        sp_schedule_get_valid_to               (SpSchedule  *self,
                                                        GDate       *date);
int             sp_schedule_get_opens_at               (SpSchedule  *self);
int             sp_schedule_get_closes_at              (SpSchedule  *self);

char           *sp_schedule_dup_words                  (SpSchedule  *self);
char           *sp_schedule_dup_rule_words             (SpSchedule  *self);
char           *sp_schedule_dup_hours_words            (SpSchedule  *self);

gboolean        sp_schedule_applies_to                 (SpSchedule  *self,
                                                        SpSchedule  *other);

G_END_DECLS
