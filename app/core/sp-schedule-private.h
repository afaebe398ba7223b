/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-schedule-private.h: what the schedule reader, its words and its expansion share. */
#pragma once

#include "sp-schedule.h"

G_BEGIN_DECLS

typedef enum
{
  SP_FREQ_NONE,
  SP_FREQ_DAILY,
  SP_FREQ_WEEKLY,
  SP_FREQ_MONTHLY,
  SP_FREQ_UNSUPPORTED,   /* YEARLY, or a rule using BYWEEKNO / BYYEARDAY */
} SpFreq;

/* The years a date may fall in: libical 3.0 repeats one date for ever before 1970, and
 * nothing a directory lists is planned past 2200. */
#define SP_SCHEDULE_FIRST_YEAR 1970
#define SP_SCHEDULE_LAST_YEAR 2200

typedef enum
{
  SP_SCHEDULE_DATE_ABSENT,     /* none, or not a date */
  SP_SCHEDULE_DATE_OK,
  SP_SCHEDULE_DATE_TOO_EARLY,  /* a real date before SP_SCHEDULE_FIRST_YEAR */
  SP_SCHEDULE_DATE_TOO_LATE,   /* a real date after SP_SCHEDULE_LAST_YEAR */
} SpScheduleDate;

/* The most BYDAY or BYMONTHDAY entries a rule may hold; more is nonsense. */
#define SP_SCHEDULE_MAX_BY 31

typedef struct
{
  int position;   /* 0 = every; 1…5 = first…fifth; -1…-5 = last…fifth to last */
  int weekday;    /* 0 = Monday … 6 = Sunday */
} SpByDay;

struct _SpSchedule
{
  GObject parent_instance;

  char *id;
  char *description;
  char *notes;
  char *service_at_location_id;
  char *location_id;
  SpScheduleKind kind;

  /* The rule, checked. rule_ok is FALSE when anything in it was nonsense or cannot be
   * used: then neither words nor dates come from it, only the feed's description, and
   * rule_problem says why. */
  SpFreq freq;
  gboolean rule_ok;
  char *rule_problem;
  const char *rule_problem_field;   /* the member rule_problem is about */
  int interval;
  SpByDay byday[SP_SCHEDULE_MAX_BY];
  guint n_byday;
  int bymonthday[SP_SCHEDULE_MAX_BY];
  guint n_bymonthday;
  gint64 count;                 /* 0: no count */
  GDate dtstart;                /* each GDate may be invalid: absent */
  GDate valid_from;
  GDate valid_to;
  GDate until;
  int opens_at;                 /* minutes after midnight, or -1 */
  int closes_at;
};

/* Walks the dates a schedule falls on (local dates, Europe/London). */
typedef struct _SpScheduleCursor SpScheduleCursor;

SpScheduleCursor *sp_schedule_cursor_new   (SpSchedule       *schedule,
                                            const GDate      *from);
gboolean          sp_schedule_cursor_next  (SpScheduleCursor *self,
                                            GDate            *date);
void              sp_schedule_cursor_free  (SpScheduleCursor *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpScheduleCursor, sp_schedule_cursor_free)

gboolean          sp_schedule_covers_date  (SpSchedule       *self,
                                            const GDate      *date);

char             *sp_schedule_format_time  (int               minutes);

SpScheduleDate    sp_schedule_parse_date   (const char       *text,
                                            GDate            *date);
const char       *sp_schedule_get_rule_problem (SpSchedule   *self,
                                                const char  **field);

G_END_DECLS
