/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-occurrence.c: the sessions a service's schedules give, closures applied, in local time.
 *
 * A service's rows are read together: regular rules give dates (libical, in
 * sp-schedule.c), and exception rows — holiday closures and special hours, which feeds
 * send as extra rows with a narrow validity window — take sessions away inside their
 * window. Dates are local dates in Europe/London, and GLib turns a date and an opening
 * time into an instant, so a session at 10:00 stays at 10:00 across a change of the clocks.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sp-occurrence.h"
#include "sp-schedule-private.h"

/* How far ahead a search for sessions looks. Beyond it, "next session" is not news a
 * person can use, and it bounds the work a rule under an open-ended closure can cause. */
#define HORIZON_DAYS (3 * 366)

G_DEFINE_BOXED_TYPE (SpOccurrence, sp_occurrence, sp_occurrence_copy, sp_occurrence_free)

SpOccurrence *
sp_occurrence_copy (const SpOccurrence *self)
{
  SpOccurrence *copy = g_new0 (SpOccurrence, 1);

  copy->start = g_date_time_ref (self->start);
  copy->end = self->end != NULL ? g_date_time_ref (self->end) : NULL;
  copy->has_time = self->has_time;
  copy->schedule = g_object_ref (self->schedule);
  return copy;
}

void
sp_occurrence_free (SpOccurrence *self)
{
  if (self == NULL)
    return;
  g_date_time_unref (self->start);
  g_clear_pointer (&self->end, g_date_time_unref);
  g_object_unref (self->schedule);
  g_free (self);
}

/**
 * sp_occurrence_get_time_zone:
 *
 * Europe/London, the zone of every directory Signpost serves; UTC if the machine has no
 * time zone data (then the tzdata package is missing).
 *
 * Returns: (transfer none): the zone
 */
GTimeZone *
sp_occurrence_get_time_zone (void)
{
  static GTimeZone *zone;

  if (g_once_init_enter (&zone))
    {
      GTimeZone *london = g_time_zone_new_identifier ("Europe/London");

      g_once_init_leave (&zone, london != NULL ? london : g_time_zone_new_utc ());
    }
  return zone;
}

/* The instant a local date and a clock time name. 24:00 is the next midnight. */
static GDateTime *
local_time (const GDate *date,
            int          minutes)
{
  GDate day = *date;

  if (minutes >= 24 * 60)
    {
      g_date_add_days (&day, 1);
      minutes = 0;
    }
  return g_date_time_new (sp_occurrence_get_time_zone (), g_date_get_year (&day),
                          g_date_get_month (&day), g_date_get_day (&day), minutes / 60,
                          minutes % 60, 0);
}

static SpOccurrence *
occurrence_new (SpSchedule  *schedule,
                const GDate *date)
{
  SpOccurrence *self = g_new0 (SpOccurrence, 1);

  self->schedule = g_object_ref (schedule);
  self->has_time = schedule->opens_at >= 0;
  self->start = local_time (date, MAX (schedule->opens_at, 0));
  if (schedule->closes_at >= 0)
    {
      GDate end_day = *date;

      /* Closing at or before opening is an evening session that ends after midnight. */
      if (schedule->opens_at >= 0 && schedule->closes_at <= schedule->opens_at)
        g_date_add_days (&end_day, 1);
      self->end = local_time (&end_day, schedule->closes_at);
    }
  return self;
}

/* When the session is over: its closing time, else the end of its day. */
static gboolean
occurrence_is_over (SpOccurrence *self,
                    GDateTime    *after)
{
  if (self->end != NULL)
    return g_date_time_compare (self->end, after) <= 0;
  if (self->has_time)
    return g_date_time_compare (self->start, after) < 0;
  {
    g_autoptr (GDateTime) next_day = g_date_time_add_days (self->start, 1);
    return g_date_time_compare (next_day, after) <= 0;
  }
}

static gboolean
occurrence_equal (SpOccurrence *a,
                  SpOccurrence *b)
{
  return g_date_time_equal (a->start, b->start) &&
         (a->end == NULL ? b->end == NULL : b->end != NULL && g_date_time_equal (a->end, b->end)) &&
         g_strcmp0 (a->schedule->service_at_location_id, b->schedule->service_at_location_id) == 0 &&
         g_strcmp0 (a->schedule->location_id, b->schedule->location_id) == 0;
}

typedef struct
{
  SpSchedule *schedule;
  SpScheduleCursor *cursor;
  GDate next;
  gboolean done;
} Source;

static void
source_advance (Source *source)
{
  source->done = !sp_schedule_cursor_next (source->cursor, &source->next);
}

/* Whether an exception row takes this session away. Special hours replace the regular
 * sessions of their days; they are never taken away themselves. */
static gboolean
is_cancelled (GPtrArray   *schedules,
              SpSchedule  *schedule,
              const GDate *date)
{
  if (schedule->kind == SP_SCHEDULE_KIND_SPECIAL_HOURS)
    return FALSE;
  for (guint i = 0; i < schedules->len; i++)
    {
      SpSchedule *exception = g_ptr_array_index (schedules, i);

      if ((exception->kind == SP_SCHEDULE_KIND_CLOSED ||
           exception->kind == SP_SCHEDULE_KIND_SPECIAL_HOURS) &&
          sp_schedule_applies_to (exception, schedule) && sp_schedule_covers_date (exception, date))
        return TRUE;
    }
  return FALSE;
}

/**
 * sp_occurrence_list_next:
 * @schedules: (element-type SpSchedule): all the rows of one service
 * @after: sessions that have not ended by then count; any time zone
 * @n: how many to give at most
 *
 * The next @n sessions, in time order, inside each row's validity, until and count, with
 * closures and special hours applied. Rows whose rule cannot be read give none: a slip
 * leaves a date out rather than print a wrong one. Sessions more than three years ahead
 * are not looked for.
 *
 * Returns: (transfer full) (element-type SpOccurrence): the sessions, perhaps none
 */
GPtrArray *
sp_occurrence_list_next (GPtrArray *schedules,
                         GDateTime *after,
                         guint      n)
{
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_occurrence_free);
  g_autoptr (GArray) sources = g_array_new (FALSE, TRUE, sizeof (Source));
  g_autoptr (GDateTime) local = NULL;
  GDate from, horizon;

  g_return_val_if_fail (schedules != NULL, found);
  g_return_val_if_fail (after != NULL, found);

  local = g_date_time_to_timezone (after, sp_occurrence_get_time_zone ());
  g_date_clear (&from, 1);
  g_date_set_dmy (&from, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  /* An evening session that began yesterday may still be on. */
  g_date_subtract_days (&from, 1);
  horizon = from;
  g_date_add_days (&horizon, HORIZON_DAYS);

  for (guint i = 0; i < schedules->len; i++)
    {
      Source source = { g_ptr_array_index (schedules, i), NULL, { 0 }, FALSE };

      source.cursor = sp_schedule_cursor_new (source.schedule, &from);
      if (source.cursor == NULL)
        continue;
      source_advance (&source);
      g_array_append_val (sources, source);
    }

  while (found->len < n)
    {
      Source *earliest = NULL;
      g_autoptr (SpOccurrence) occurrence = NULL;
      gboolean repeated = FALSE;

      for (guint i = 0; i < sources->len; i++)
        {
          Source *s = &g_array_index (sources, Source, i);

          if (!s->done && (earliest == NULL || g_date_compare (&s->next, &earliest->next) < 0 ||
                           (g_date_compare (&s->next, &earliest->next) == 0 &&
                            s->schedule->opens_at < earliest->schedule->opens_at)))
            earliest = s;
        }
      if (earliest == NULL || g_date_compare (&earliest->next, &horizon) > 0)
        break;

      if (!is_cancelled (schedules, earliest->schedule, &earliest->next))
        {
          occurrence = occurrence_new (earliest->schedule, &earliest->next);
          for (guint i = 0; i < found->len && !repeated; i++)
            repeated = occurrence_equal (g_ptr_array_index (found, i), occurrence);
          if (!repeated && !occurrence_is_over (occurrence, after))
            g_ptr_array_add (found, g_steal_pointer (&occurrence));
        }
      source_advance (earliest);
    }

  for (guint i = 0; i < sources->len; i++)
    sp_schedule_cursor_free (g_array_index (sources, Source, i).cursor);
  return found;
}

/**
 * sp_occurrence_dup_words:
 * @now: (nullable): the year is shown when the session is not in @now's year
 *
 * The session in words, "Tue 9 Dec, 10:00–12:00", with the locale's names; the format
 * is translatable (UK style by default).
 *
 * Returns: (transfer full): the words
 */
char *
sp_occurrence_dup_words (const SpOccurrence *self,
                         GDateTime          *now)
{
  g_autofree char *day = NULL;
  g_autofree char *hours = NULL;
  gboolean same_year;

  g_return_val_if_fail (self != NULL, NULL);

  same_year = now == NULL || g_date_time_get_year (now) == g_date_time_get_year (self->start);
  day = g_date_time_format (self->start, same_year
                            /* Translators: a session's date, see g_date_time_format(). */
                            ? C_("session date", "%a %-d %b")
                            /* Translators: a session's date in another year. */
                            : C_("session date", "%a %-d %b %Y"));
  hours = sp_schedule_dup_hours_words (self->schedule);
  if (hours == NULL)
    return g_steal_pointer (&day);
  /* Translators: a session's date and hours, "Tue 9 Dec, 10:00–12:00". */
  return g_strdup_printf (C_("session", "%s, %s"), day, hours);
}

/**
 * sp_occurrence_dup_next_words:
 * @schedules: (element-type SpSchedule): all the rows of one service
 * @now: the moment the words are for
 *
 * "Next: Tue 9 Dec, 10:00–12:00", for the next session that has not ended by @now.
 *
 * Returns: (transfer full) (nullable): the words, or %NULL if no session is known
 */
char *
sp_occurrence_dup_next_words (GPtrArray *schedules,
                              GDateTime *now)
{
  g_autoptr (GPtrArray) next = NULL;
  g_autofree char *words = NULL;

  g_return_val_if_fail (schedules != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  next = sp_occurrence_list_next (schedules, now, 1);
  if (next->len == 0)
    return NULL;
  words = sp_occurrence_dup_words (g_ptr_array_index (next, 0), now);
  /* Translators: the next session of a service, "Next: Tue 9 Dec, 10:00–12:00". */
  return g_strdup_printf (_("Next: %s"), words);
}
