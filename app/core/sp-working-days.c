/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-working-days.c: weekdays that are not England and Wales bank holidays.
 *
 * The regular holidays follow rules: 1 January, Good Friday, Easter Monday, the first and
 * last Mondays of May, the last Monday of August, 25 and 26 December; one that falls on a
 * weekend moves to the next weekday that is not already a holiday. Easter comes from the
 * Gregorian computus. Now and then a day is added or a holiday moved by proclamation: those
 * are a small table of one-off changes that a practice can edit, one line a day,
 * "YYYY-MM-DD +" (a holiday) or "YYYY-MM-DD -" (not one after all), with a note after.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sp-working-days.h"

G_DEFINE_QUARK (sp-working-days-error-quark, sp_working_days_error)

struct _SpWorkingDays
{
  GHashTable *years;     /* years computed so far (GINT_TO_POINTER) */
  GHashTable *holidays;  /* SpDay → GINT_TO_POINTER (1): rule-based holidays of those years */
  GHashTable *added;     /* SpDay: one-off extra holidays */
  GHashTable *removed;   /* SpDay: rule-based days that were not holidays that year */
};

static const char default_changes[] =
  "2012-05-28 - Spring bank holiday moved to 4 June\n"
  "2012-06-04 + Spring bank holiday\n"
  "2012-06-05 + Queen's Diamond Jubilee\n"
  "2020-05-04 - Early May bank holiday moved to 8 May (VE Day)\n"
  "2020-05-08 + Early May bank holiday (VE Day)\n"
  "2022-05-30 - Spring bank holiday moved to 2 June\n"
  "2022-06-02 + Spring bank holiday\n"
  "2022-06-03 + Queen's Platinum Jubilee\n"
  "2022-09-19 + State Funeral of Queen Elizabeth II\n"
  "2023-05-08 + Coronation of King Charles III\n";

SpDay
sp_day_from_ymd (int year,
                 int month,
                 int day)
{
  if (!g_date_valid_dmy (day, month, year))
    return 0;
  {
    GDate date;
    g_date_clear (&date, 1);
    g_date_set_dmy (&date, day, month, year);
    return g_date_get_julian (&date);
  }
}

/* "YYYY-MM-DD" exactly, as files and forms hold dates; 0 when it is not a real date. */
SpDay
sp_day_parse (const char *text)
{
  int year, month, day;
  char *end;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return 0;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return 0;
  year = strtol (text, &end, 10);
  month = strtol (text + 5, &end, 10);
  day = strtol (text + 8, &end, 10);
  if (year < 1800)
    return 0;
  return sp_day_from_ymd (year, month, day);
}

char *
sp_day_format (SpDay day)
{
  GDate date;

  if (day == 0 || !g_date_valid_julian (day))
    return g_strdup ("");
  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

/* The local calendar day of a moment. */
SpDay
sp_day_from_unix (gint64 seconds)
{
  g_autoptr (GDateTime) moment = g_date_time_new_from_unix_local (seconds);

  if (moment == NULL)
    return 0;
  return sp_day_from_ymd (g_date_time_get_year (moment), g_date_time_get_month (moment),
                          g_date_time_get_day_of_month (moment));
}

SpDay
sp_day_today (void)
{
  return sp_day_from_unix (g_get_real_time () / G_USEC_PER_SEC);
}

/* 1 Monday … 7 Sunday. */
static int
weekday (SpDay day)
{
  return (int) ((day - 1) % 7) + 1;  /* Julian day 1 (1 January 1) was a Monday */
}

/* Easter Sunday in the Gregorian calendar: the anonymous computus (Meeus/Jones/Butcher). */
SpDay
sp_easter_sunday (int year)
{
  int a = year % 19, b = year / 100, c = year % 100;
  int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
  int h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4, k = c % 4;
  int l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31;
  int day = (h + l - 7 * m + 114) % 31 + 1;

  return sp_day_from_ymd (year, month, day);
}

/* The @n-th Monday of @month (n > 0), or the last one (n = -1). */
static SpDay
monday_of (int year,
           int month,
           int n)
{
  if (n > 0)
    {
      SpDay first = sp_day_from_ymd (year, month, 1);
      return first + (8 - weekday (first)) % 7 + 7 * (n - 1);
    }
  else
    {
      SpDay last = sp_day_from_ymd (year, month, g_date_get_days_in_month (month, year));
      return last - (weekday (last) + 6) % 7;
    }
}

static gboolean
contains (const SpDay *days,
          guint        n,
          SpDay        day)
{
  for (guint i = 0; i < n; i++)
    if (days[i] == day)
      return TRUE;
  return FALSE;
}

/**
 * sp_bank_holidays_of_year:
 * @days: (out caller-allocates) (array fixed-size=8): room for eight days
 *
 * The rule-based England and Wales bank holidays of @year, weekend ones already moved to
 * their substitute days, in date order. One-off changes are not included.
 *
 * Returns: how many (always 8)
 */
guint
sp_bank_holidays_of_year (int    year,
                          SpDay *days)
{
  SpDay easter = sp_easter_sunday (year);
  SpDay rule[] = {
    sp_day_from_ymd (year, 1, 1), easter - 2, easter + 1, monday_of (year, 5, 1),
    monday_of (year, 5, -1), monday_of (year, 8, -1), sp_day_from_ymd (year, 12, 25),
    sp_day_from_ymd (year, 12, 26),
  };
  guint n = 0;

  /* Weekday holidays first, so a substitute never lands on one (Christmas on a Sunday
   * moves past Boxing Day on the Monday). */
  for (guint i = 0; i < G_N_ELEMENTS (rule); i++)
    if (weekday (rule[i]) <= 5)
      days[n++] = rule[i];
  for (guint i = 0; i < G_N_ELEMENTS (rule); i++)
    if (weekday (rule[i]) > 5)
      {
        SpDay moved = rule[i] + 1;
        while (weekday (moved) > 5 || contains (days, n, moved))
          moved++;
        days[n++] = moved;
      }
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && days[j - 1] > days[j]; j--)
      {
        SpDay swap = days[j];
        days[j] = days[j - 1];
        days[j - 1] = swap;
      }
  return n;
}

SpWorkingDays *
sp_working_days_new (void)
{
  SpWorkingDays *self = g_new0 (SpWorkingDays, 1);

  self->years = g_hash_table_new (NULL, NULL);
  self->holidays = g_hash_table_new (NULL, NULL);
  self->added = g_hash_table_new (NULL, NULL);
  self->removed = g_hash_table_new (NULL, NULL);
  sp_working_days_set_changes (self, default_changes, NULL);
  return self;
}

void
sp_working_days_free (SpWorkingDays *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->years);
  g_hash_table_unref (self->holidays);
  g_hash_table_unref (self->added);
  g_hash_table_unref (self->removed);
  g_free (self);
}

/* The one-off changes a new store starts with: the moved and extra days of 2012 to 2023. */
const char *
sp_working_days_default_changes (void)
{
  return default_changes;
}

/**
 * sp_working_days_set_changes:
 * @table: lines "YYYY-MM-DD +" (an extra holiday) or "YYYY-MM-DD -" (a rule-based
 *   holiday that was moved away), each with an optional note; blank lines and lines
 *   starting with # are skipped
 *
 * Replaces the one-off changes. On a line that cannot be read nothing changes and @error
 * names the line.
 */
gboolean
sp_working_days_set_changes (SpWorkingDays *self,
                             const char    *table,
                             GError       **error)
{
  g_auto (GStrv) lines = g_strsplit (table != NULL ? table : "", "\n", -1);
  g_autoptr (GHashTable) added = g_hash_table_new (NULL, NULL);
  g_autoptr (GHashTable) removed = g_hash_table_new (NULL, NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (lines[i]));
      g_autofree char *date = NULL;
      SpDay day;
      char sign;

      if (*line == '\0' || *line == '#')
        continue;
      date = g_strndup (line, 10);
      day = sp_day_parse (date);
      sign = strlen (line) > 10 ? g_strchug (line + 10)[0] : '\0';
      if (day == 0 || (sign != '+' && sign != '-'))
        {
          g_set_error (error, SP_WORKING_DAYS_ERROR, SP_WORKING_DAYS_ERROR_PARSE,
                       _("Line %u of the bank holiday changes, “%s”, is not a date (YYYY-MM-DD) "
                         "followed by + for an extra holiday or - for one that was moved."),
                       i + 1, lines[i]);
          return FALSE;
        }
      g_hash_table_add (sign == '+' ? added : removed, GUINT_TO_POINTER (day));
    }
  g_hash_table_remove_all (self->added);
  g_hash_table_remove_all (self->removed);
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, added);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_hash_table_add (self->added, key);
    g_hash_table_iter_init (&iter, removed);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_hash_table_add (self->removed, key);
  }
  return TRUE;
}

gboolean
sp_working_days_is_holiday (SpWorkingDays *self,
                            SpDay          day)
{
  GDate date;
  int year;

  g_return_val_if_fail (self != NULL, FALSE);

  if (g_hash_table_contains (self->added, GUINT_TO_POINTER (day)))
    return TRUE;
  if (g_hash_table_contains (self->removed, GUINT_TO_POINTER (day)) || !g_date_valid_julian (day))
    return FALSE;
  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  year = g_date_get_year (&date);
  if (!g_hash_table_contains (self->years, GINT_TO_POINTER (year)))
    {
      SpDay days[8];
      guint n = sp_bank_holidays_of_year (year, days);

      for (guint i = 0; i < n; i++)
        g_hash_table_add (self->holidays, GUINT_TO_POINTER (days[i]));
      g_hash_table_add (self->years, GINT_TO_POINTER (year));
    }
  return g_hash_table_contains (self->holidays, GUINT_TO_POINTER (day));
}

gboolean
sp_working_days_is_working (SpWorkingDays *self,
                            SpDay          day)
{
  return weekday (day) <= 5 && !sp_working_days_is_holiday (self, day);
}

/* Working days after @from up to and including @to: 0 when @to is not after @from. */
guint
sp_working_days_between (SpWorkingDays *self,
                         SpDay          from,
                         SpDay          to)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (SpDay day = from + 1; day <= to; day++)
    n += sp_working_days_is_working (self, day);
  return n;
}

/* The day @n working days after @from. */
SpDay
sp_working_days_add (SpWorkingDays *self,
                     SpDay          from,
                     guint          n)
{
  SpDay day = from;

  g_return_val_if_fail (self != NULL, 0);

  while (n > 0)
    {
      day++;
      n -= sp_working_days_is_working (self, day);
    }
  return day;
}
