/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-schedule-words.c: a schedule's rule and hours in plain, translatable words.
 *
 * "Every Tuesday, 10:00–12:00", "Every other Wednesday", "Every second Tuesday of the
 * month", "Last Friday of the month", "Mondays and Thursdays", "On the 1st of every month".
 * The common shapes (one weekday, every or every other week) are whole strings in tables so
 * a translator can decline a day name as the language needs; rarer combinations are built
 * from translatable pieces. Anything stranger falls back to the feed's own description,
 * which a person wrote, rather than risk words that say something the rule does not.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sp-schedule-private.h"

static const char * const every_day_of_week[] = {
  N_("Every Monday"), N_("Every Tuesday"), N_("Every Wednesday"), N_("Every Thursday"),
  N_("Every Friday"), N_("Every Saturday"), N_("Every Sunday"),
};
static const char * const every_other_day_of_week[] = {
  N_("Every other Monday"), N_("Every other Tuesday"), N_("Every other Wednesday"),
  N_("Every other Thursday"), N_("Every other Friday"), N_("Every other Saturday"),
  N_("Every other Sunday"),
};
static const char * const plural_days[] = {
  N_("Mondays"), N_("Tuesdays"), N_("Wednesdays"), N_("Thursdays"), N_("Fridays"),
  N_("Saturdays"), N_("Sundays"),
};
static const char * const singular_days[] = {
  N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"),
  N_("Sunday"),
};
/* Week of the month, as in "the second Tuesday of the month": 1…5, then -1, -2, once for
 * each weekday. An ordinal agrees with its day in many languages (Polish "drugi wtorek",
 * "druga środa"; Punjabi and Urdu likewise by the day's gender), so each weekday has its own
 * ordinals, told apart by context, for a translator to give the form that day needs. */
static const char * const week_ordinal_contexts[] = {
  "week of the month, before Monday",
  "week of the month, before Tuesday",
  "week of the month, before Wednesday",
  "week of the month, before Thursday",
  "week of the month, before Friday",
  "week of the month, before Saturday",
  "week of the month, before Sunday",
};
static const char * const week_ordinals[7][7] = {
  { NC_("week of the month, before Monday", "first"), NC_("week of the month, before Monday", "second"), NC_("week of the month, before Monday", "third"), NC_("week of the month, before Monday", "fourth"), NC_("week of the month, before Monday", "fifth"), NC_("week of the month, before Monday", "last"), NC_("week of the month, before Monday", "second to last") },
  { NC_("week of the month, before Tuesday", "first"), NC_("week of the month, before Tuesday", "second"), NC_("week of the month, before Tuesday", "third"), NC_("week of the month, before Tuesday", "fourth"), NC_("week of the month, before Tuesday", "fifth"), NC_("week of the month, before Tuesday", "last"), NC_("week of the month, before Tuesday", "second to last") },
  { NC_("week of the month, before Wednesday", "first"), NC_("week of the month, before Wednesday", "second"), NC_("week of the month, before Wednesday", "third"), NC_("week of the month, before Wednesday", "fourth"), NC_("week of the month, before Wednesday", "fifth"), NC_("week of the month, before Wednesday", "last"), NC_("week of the month, before Wednesday", "second to last") },
  { NC_("week of the month, before Thursday", "first"), NC_("week of the month, before Thursday", "second"), NC_("week of the month, before Thursday", "third"), NC_("week of the month, before Thursday", "fourth"), NC_("week of the month, before Thursday", "fifth"), NC_("week of the month, before Thursday", "last"), NC_("week of the month, before Thursday", "second to last") },
  { NC_("week of the month, before Friday", "first"), NC_("week of the month, before Friday", "second"), NC_("week of the month, before Friday", "third"), NC_("week of the month, before Friday", "fourth"), NC_("week of the month, before Friday", "fifth"), NC_("week of the month, before Friday", "last"), NC_("week of the month, before Friday", "second to last") },
  { NC_("week of the month, before Saturday", "first"), NC_("week of the month, before Saturday", "second"), NC_("week of the month, before Saturday", "third"), NC_("week of the month, before Saturday", "fourth"), NC_("week of the month, before Saturday", "fifth"), NC_("week of the month, before Saturday", "last"), NC_("week of the month, before Saturday", "second to last") },
  { NC_("week of the month, before Sunday", "first"), NC_("week of the month, before Sunday", "second"), NC_("week of the month, before Sunday", "third"), NC_("week of the month, before Sunday", "fourth"), NC_("week of the month, before Sunday", "fifth"), NC_("week of the month, before Sunday", "last"), NC_("week of the month, before Sunday", "second to last") },
};
/* "Last Friday of the month", whole, for the same reason. */
static const char * const last_day_of_month[] = {
  N_("Last Monday of the month"),
  N_("Last Tuesday of the month"),
  N_("Last Wednesday of the month"),
  N_("Last Thursday of the month"),
  N_("Last Friday of the month"),
  N_("Last Saturday of the month"),
  N_("Last Sunday of the month"),
};
/* Day of the month, as in "on the 1st of every month". */
static const char * const day_ordinals[] = {
  N_("1st"), N_("2nd"), N_("3rd"), N_("4th"), N_("5th"), N_("6th"), N_("7th"), N_("8th"),
  N_("9th"), N_("10th"), N_("11th"), N_("12th"), N_("13th"), N_("14th"), N_("15th"),
  N_("16th"), N_("17th"), N_("18th"), N_("19th"), N_("20th"), N_("21st"), N_("22nd"),
  N_("23rd"), N_("24th"), N_("25th"), N_("26th"), N_("27th"), N_("28th"), N_("29th"),
  N_("30th"), N_("31st"),
};

/* Joins translated items as a list: "a", "a and b", "a, b and c". */
static char *
join_list (GPtrArray *items)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    {
      if (i > 0 && i == items->len - 1)
        /* Translators: between the last two items of a list: "Mondays and Thursdays". */
        g_string_append (text, _(" and "));
      else if (i > 0)
        /* Translators: between items of a list but the last two: "Mondays, Tuesdays and…". */
        g_string_append (text, _(", "));
      g_string_append (text, g_ptr_array_index (items, i));
    }
  return g_string_free (text, FALSE);
}

/* Minutes after midnight as the clock shows them: "10:00", "14:30". */
char *
sp_schedule_format_time (int minutes)
{
  /* Translators: a time of day from hours and minutes; 24-hour clock by default. */
  return g_strdup_printf (C_("time of day", "%02d:%02d"), (minutes / 60) % 24, minutes % 60);
}

/**
 * sp_schedule_dup_hours_words:
 *
 * The hours in words: "10:00–12:00", "from 10:00", "until 16:00".
 *
 * Returns: (transfer full) (nullable): the hours, or %NULL if the row gives none
 */
char *
sp_schedule_dup_hours_words (SpSchedule *self)
{
  g_autofree char *opens = NULL;
  g_autofree char *closes = NULL;

  g_return_val_if_fail (SP_IS_SCHEDULE (self), NULL);

  if (self->opens_at >= 0)
    opens = sp_schedule_format_time (self->opens_at);
  if (self->closes_at >= 0)
    closes = sp_schedule_format_time (self->closes_at);
  if (opens != NULL && closes != NULL)
    /* Translators: opening hours, "10:00–12:00". */
    return g_strdup_printf (C_("opening hours", "%s–%s"), opens, closes);
  if (opens != NULL)
    /* Translators: opening hours with no closing time given. */
    return g_strdup_printf (C_("opening hours", "from %s"), opens);
  if (closes != NULL)
    /* Translators: opening hours with no opening time given. */
    return g_strdup_printf (C_("opening hours", "until %s"), closes);
  return NULL;
}

/* The weekdays of a weekly rule, Monday first, as a bit set; from dtstart when the rule
 * names none (iCal's own default). */
static guint
weekday_set (SpSchedule *self)
{
  guint set = 0;

  for (guint i = 0; i < self->n_byday; i++)
    set |= 1u << self->byday[i].weekday;
  if (set == 0 && g_date_valid (&self->dtstart))
    set = 1u << (g_date_get_weekday (&self->dtstart) - G_DATE_MONDAY);
  return set;
}

/* "Mondays and Thursdays", or "Monday to Friday" for a run of three days or more. */
static char *
weekday_list (guint set)
{
  g_autoptr (GPtrArray) days = g_ptr_array_new ();
  int first = -1, last = -1;
  gboolean contiguous = TRUE;

  for (int d = 0; d < 7; d++)
    if (set & (1u << d))
      {
        if (first >= 0 && d != last + 1)
          contiguous = FALSE;
        if (first < 0)
          first = d;
        last = d;
        g_ptr_array_add (days, (gpointer) _(plural_days[d]));
      }
  if (contiguous && last - first >= 2)
    /* Translators: a run of weekdays, "Monday to Friday". */
    return g_strdup_printf (_("%s to %s"), _(singular_days[first]), _(singular_days[last]));
  return join_list (days);
}

static char *
weekly_words (SpSchedule *self)
{
  guint set = weekday_set (self);
  g_autofree char *list = NULL;
  int only = -1;

  if (set == 0)
    return NULL;
  if (set == 0x7f && self->interval == 1)
    return g_strdup (_("Every day"));
  for (int d = 0; d < 7; d++)
    if (set == 1u << d)
      only = d;
  if (only >= 0 && self->interval == 1)
    return g_strdup (_(every_day_of_week[only]));
  if (only >= 0 && self->interval == 2)
    return g_strdup (_(every_other_day_of_week[only]));

  list = weekday_list (set);
  if (self->interval == 1)
    return g_steal_pointer (&list);
  if (self->interval == 2)
    /* Translators: weekdays of a fortnightly rule, "Mondays and Thursdays, every other week". */
    return g_strdup_printf (_("%s, every other week"), list);
  /* Translators: weekdays of a rule repeating every few weeks, "Tuesdays, every 3 weeks". */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, every %d week", "%s, every %d weeks",
                                       self->interval),
                          list, self->interval);
}

/* The ordinal of the week of the month @position, in the form @weekday's name needs. */
static const char *
week_ordinal (int position,
              int weekday)
{
  int column;

  if (position >= 1 && position <= 5)
    column = position - 1;
  else if (position <= -1 && position >= -2)
    column = 5 - position - 1;
  else
    return NULL;
  return g_dpgettext2 (GETTEXT_PACKAGE, week_ordinal_contexts[weekday], week_ordinals[weekday][column]);
}

/* "Every second Tuesday of the month", "Last Friday of the month", "Every second and fourth
 * Wednesday of the month", "Every first Monday and third Thursday of the month". */
static char *
monthly_byday_words (SpSchedule *self)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *phrase = NULL;
  gboolean done[7] = { FALSE };

  guint n_every = 0;

  for (guint i = 0; i < self->n_byday; i++)
    n_every += self->byday[i].position == 0;
  if (n_every > 0)
    {
      /* "TU" under MONTHLY is every Tuesday of every month: weekly in words. Mixed with
       * "2WE" it is neither, and the description says it better. */
      if (n_every != self->n_byday || self->interval != 1)
        return NULL;
      return weekly_words (self);
    }

  if (self->n_byday == 1 && self->byday[0].position == -1)
    return g_strdup (_(last_day_of_month[self->byday[0].weekday]));

  /* One item per weekday, in the order the rule first names it, with its ordinals. */
  for (guint i = 0; i < self->n_byday; i++)
    {
      int weekday = self->byday[i].weekday;
      g_autoptr (GPtrArray) ordinals = g_ptr_array_new ();
      g_autofree char *list = NULL;

      if (done[weekday])
        continue;
      done[weekday] = TRUE;
      /* First to fifth, then last weeks: "second and last Friday". */
      for (int position = 1; position <= 5; position++)
        for (guint j = 0; j < self->n_byday; j++)
          if (self->byday[j].weekday == weekday && self->byday[j].position == position)
            g_ptr_array_add (ordinals, (gpointer) week_ordinal (position, weekday));
      for (int position = -2; position <= -1; position++)
        for (guint j = 0; j < self->n_byday; j++)
          if (self->byday[j].weekday == weekday && self->byday[j].position == position)
            g_ptr_array_add (ordinals, (gpointer) week_ordinal (position, weekday));
      for (guint j = 0; j < self->n_byday; j++)
        if (self->byday[j].weekday == weekday && week_ordinal (self->byday[j].position, weekday) == NULL)
          return NULL;  /* fifth to last: valid iCal, no plain words */
      list = join_list (ordinals);
      /* Translators: a week of the month and a weekday, "second and fourth Wednesday". */
      g_ptr_array_add (items, g_strdup_printf (C_("week of month", "%s %s"), list,
                                               _(singular_days[weekday])));
    }
  phrase = join_list (items);
  /* Translators: %s is like "second Tuesday" (an ordinal and a weekday, as the
   * "week of the month" strings give them): "Every second Tuesday of the month". Put it
   * where your language needs it, for example "%s każdego miesiąca". */
  return g_strdup_printf (_("Every %s of the month"), phrase);
}

static char *
monthly_bymonthday_words (SpSchedule *self)
{
  g_autoptr (GPtrArray) days = g_ptr_array_new ();
  g_autofree char *list = NULL;
  int fallback[1];
  const int *monthdays = self->bymonthday;
  guint n = self->n_bymonthday;

  if (n == 0)
    {
      if (!g_date_valid (&self->dtstart))
        return NULL;
      fallback[0] = g_date_get_day (&self->dtstart);
      monthdays = fallback;
      n = 1;
    }
  if (n == 1 && monthdays[0] == -1)
    return g_strdup (_("On the last day of every month"));
  for (guint i = 0; i < n; i++)
    {
      if (monthdays[i] < 1)
        return NULL;
      g_ptr_array_add (days, (gpointer) _(day_ordinals[monthdays[i] - 1]));
    }
  list = join_list (days);
  /* Translators: %s is like "1st" or "1st and 15th": "On the 1st of every month". */
  return g_strdup_printf (_("On the %s of every month"), list);
}

/**
 * sp_schedule_dup_rule_words:
 *
 * The recurrence alone in words, "Every other Wednesday", without the hours.
 *
 * Returns: (transfer full) (nullable): the words, or %NULL if the row has no rule that
 *   can be put in words
 */
char *
sp_schedule_dup_rule_words (SpSchedule *self)
{
  g_return_val_if_fail (SP_IS_SCHEDULE (self), NULL);

  if (self->kind != SP_SCHEDULE_KIND_REGULAR || !self->rule_ok)
    return NULL;
  switch (self->freq)
    {
    case SP_FREQ_DAILY:
      return self->interval == 1 ? g_strdup (_("Every day")) : NULL;
    case SP_FREQ_WEEKLY:
      return weekly_words (self);
    case SP_FREQ_MONTHLY:
      /* "every other month" on top of a week of the month reads badly; the feed's own
       * description says it better. */
      if (self->interval != 1)
        return NULL;
      if (self->n_byday > 0)
        return monthly_byday_words (self);
      return monthly_bymonthday_words (self);
    case SP_FREQ_NONE:
    case SP_FREQ_UNSUPPORTED:
    default:
      return NULL;
    }
}

static char *
long_date (const GDate *date)
{
  g_autoptr (GDateTime) dt = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                                                  g_date_get_day (date), 0, 0, 0);
  /* Translators: a full date, see g_date_time_format(); UK style by default. */
  return g_date_time_format (dt, C_("long date", "%-d %B %Y"));
}

static char *
window_words (SpSchedule *self)
{
  g_autofree char *from = g_date_valid (&self->valid_from) ? long_date (&self->valid_from) : NULL;
  g_autofree char *to = g_date_valid (&self->valid_to) ? long_date (&self->valid_to) : NULL;

  if (from != NULL && (to == NULL ? self->kind == SP_SCHEDULE_KIND_SPECIAL_HOURS
                                  : g_date_compare (&self->valid_from, &self->valid_to) == 0))
    /* Translators: a single day, "on 25 December 2026". */
    return g_strdup_printf (_("on %s"), from);
  if (from != NULL && to != NULL)
    /* Translators: a span of days, "from 21 December 2026 to 3 January 2027". */
    return g_strdup_printf (_("from %s to %s"), from, to);
  if (from != NULL)
    return g_strdup_printf (_("from %s"), from);
  if (to != NULL)
    return g_strdup_printf (_("until %s"), to);
  return NULL;
}

/**
 * sp_schedule_dup_words:
 *
 * The row in words for a person: "Every Tuesday, 10:00–12:00"; "Closed from 21 December
 * 2026 to 3 January 2027"; or, when the rule cannot be put in words, the feed's own
 * description.
 *
 * Returns: (transfer full) (nullable): the words, or %NULL if the row says nothing usable
 */
char *
sp_schedule_dup_words (SpSchedule *self)
{
  g_autofree char *rule = NULL;
  g_autofree char *hours = NULL;
  g_autofree char *window = NULL;

  g_return_val_if_fail (SP_IS_SCHEDULE (self), NULL);

  hours = sp_schedule_dup_hours_words (self);
  switch (self->kind)
    {
    case SP_SCHEDULE_KIND_REGULAR:
      rule = sp_schedule_dup_rule_words (self);
      if (rule == NULL)
        break;
      if (hours == NULL)
        return g_steal_pointer (&rule);
      /* Translators: a recurrence and its hours, "Every Tuesday, 10:00–12:00". */
      return g_strdup_printf (_("%s, %s"), rule, hours);
    case SP_SCHEDULE_KIND_CLOSED:
      window = window_words (self);
      /* Translators: %s is like "from 21 December 2026 to 3 January 2027". */
      return window != NULL ? g_strdup_printf (_("Closed %s"), window) : NULL;
    case SP_SCHEDULE_KIND_SPECIAL_HOURS:
      window = window_words (self);
      if (window != NULL && hours != NULL)
        /* Translators: special opening hours, "Open 10:00–14:00 on 31 December 2026". */
        return g_strdup_printf (_("Open %s %s"), hours, window);
      break;
    case SP_SCHEDULE_KIND_ONE_OFF:
      {
        g_autoptr (GDateTime) dt = g_date_time_new_utc (g_date_get_year (&self->dtstart),
                                                        g_date_get_month (&self->dtstart),
                                                        g_date_get_day (&self->dtstart), 0, 0, 0);
        /* Translators: the date of a one-off session, see g_date_time_format(). */
        g_autofree char *day = g_date_time_format (dt, C_("one-off date", "%A %-d %B %Y"));

        return hours != NULL ? g_strdup_printf (_("%s, %s"), day, hours) : g_steal_pointer (&day);
      }
    case SP_SCHEDULE_KIND_NOTE:
    default:
      break;
    }
  return g_strdup (self->description);
}
