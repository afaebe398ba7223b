/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-occurrence.h: the sessions a service's schedules give, closures applied, in local time. */
#pragma once

#include <glib-object.h>

#include "sp-schedule.h"

G_BEGIN_DECLS

typedef struct
{
  GDateTime *start;       /* local time (Europe/London); midnight when the row gives no hours */
  GDateTime *end;         /* (nullable): when the row gives no closing time */
  gboolean has_time;      /* whether @start is an opening time, not just the day */
  SpSchedule *schedule;   /* the row it comes from */
} SpOccurrence;

#define SP_TYPE_OCCURRENCE (sp_occurrence_get_type ())
GType         sp_occurrence_get_type        (void) G_GNUC_CONST;
SpOccurrence *sp_occurrence_copy            (const SpOccurrence *self);
void          sp_occurrence_free            (SpOccurrence       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpOccurrence, sp_occurrence_free)

GTimeZone    *sp_occurrence_get_time_zone   (void);
GPtrArray    *sp_occurrence_list_next       (GPtrArray          *schedules,
                                             GDateTime          *after,
                                             guint               n);
char         *sp_occurrence_dup_words       (const SpOccurrence *self,
                                             GDateTime          *now);
char         *sp_occurrence_dup_next_words  (GPtrArray          *schedules,
                                             GDateTime          *now);

G_END_DECLS
