/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-schedule-parse.c: a group's opening times typed in words, read into an ORUK schedule.
 *
 * The web form lets a group type a session the way people say it ("every Monday and
 * Thursday 9:30-11", "first Wednesday of the month 2pm–4pm", "every other Tuesday
 * 10:00–12:00", "closed 24 December 2026 to 2 January 2027") rather than fill in iCal
 * fields. An ordinal before a weekday is its place in the month ("2nd Tuesday" = MONTHLY
 * 2TU), as in DOMAIN.md; fortnightly is "every other", "alternate" or "fortnightly". The
 * words are English: the form's own language. The result is checked again by the import's
 * schedule rules when the document is proposed.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "sp-listings.h"

static const char *const day_codes[] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };
static const char *const day_names[] = { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" };
static const char *const ordinal_words[] = { "first", "second", "third", "fourth", "fifth" };
static const char *const month_names[] = { "january", "february", "march", "april", "may", "june", "july",
                                           "august", "september", "october", "november", "december" };

typedef struct
{
  char **tokens;
  guint at;
  GError **error;
} Reader;

static gboolean
invalid (Reader     *reader,
         const char *message)
{
  g_set_error_literal (reader->error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_INVALID, message);
  return FALSE;
}

static const char *
peek (Reader *reader)
{
  return reader->tokens[reader->at];
}

static gboolean
accept (Reader     *reader,
        const char *word)
{
  if (peek (reader) != NULL && strcmp (peek (reader), word) == 0)
    {
      reader->at++;
      return TRUE;
    }
  return FALSE;
}

/* Lower-cased words, with dashes, commas and "&" made words of their own. */
static char **
tokenize (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);
  g_autoptr (GString) spaced = g_string_new (NULL);
  g_autoptr (GPtrArray) tokens = g_ptr_array_new ();
  g_auto (GStrv) words = NULL;

  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x2013 || c == 0x2014 || c == '-')
        g_string_append (spaced, " - ");
      else if (c == ',' || c == ';')
        g_string_append_c (spaced, ' ');
      else if (c == '&')
        g_string_append (spaced, " and ");
      else
        g_string_append_unichar (spaced, c);
    }
  words = g_strsplit_set (spaced->str, " \t\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_ptr_array_add (tokens, g_strdup (words[i]));
  g_ptr_array_add (tokens, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&tokens), FALSE);
}

/* A weekday, singular or plural ("tuesday", "tuesdays", "tue"): 0…6, or -1. */
static int
weekday_of (const char *word)
{
  if (word == NULL)
    return -1;
  for (int i = 0; i < 7; i++)
    {
      size_t length = strlen (day_names[i]);
      if (g_str_has_prefix (word, day_names[i]) && (word[length] == '\0' || strcmp (word + length, "s") == 0))
        return i;
      if (strlen (word) >= 3 && g_str_has_prefix (day_names[i], word))
        return i;
    }
  return -1;
}

/* "1st", "2nd", "second", "last": 1…, -1 for last, 0 when not an ordinal. */
static int
ordinal_of (const char *word)
{
  char *end = NULL;
  long n;

  if (word == NULL)
    return 0;
  if (strcmp (word, "last") == 0)
    return -1;
  for (int i = 0; i < (int) G_N_ELEMENTS (ordinal_words); i++)
    if (strcmp (word, ordinal_words[i]) == 0)
      return i + 1;
  if (!g_ascii_isdigit (*word))
    return 0;
  n = strtol (word, &end, 10);
  if (g_strcmp0 (end, "st") == 0 || g_strcmp0 (end, "nd") == 0 || g_strcmp0 (end, "rd") == 0 ||
      g_strcmp0 (end, "th") == 0)
    return n > 0 && n < 1000 ? (int) n : 1000;
  return 0;
}

/* "9", "9:30", "9.30", "930"?, with "am"/"pm" in the word or the next: minutes, or -1. */
static int
read_time (Reader *reader)
{
  const char *word = peek (reader);
  g_autofree char *digits = NULL;
  const char *suffix;
  char *end = NULL;
  long hours, minutes = 0;

  if (word == NULL)
    return -1;
  if (strcmp (word, "noon") == 0 || strcmp (word, "midday") == 0)
    return reader->at++, 12 * 60;
  if (!g_ascii_isdigit (*word))
    return -1;
  hours = strtol (word, &end, 10);
  if (*end == ':' || *end == '.')
    {
      const char *m = end + 1;
      if (!g_ascii_isdigit (m[0]) || !g_ascii_isdigit (m[1]))
        return -2;
      minutes = (m[0] - '0') * 10 + (m[1] - '0');
      end = (char *) m + 2;
    }
  reader->at++;
  suffix = *end != '\0' ? end : NULL;
  if (suffix == NULL && (g_strcmp0 (peek (reader), "am") == 0 || g_strcmp0 (peek (reader), "pm") == 0))
    suffix = reader->tokens[reader->at++];
  if (suffix != NULL && strcmp (suffix, "am") != 0 && strcmp (suffix, "pm") != 0)
    return -2;
  if (minutes > 59 || hours > 23 || (suffix != NULL && (hours < 1 || hours > 12)))
    return -2;
  if (suffix != NULL && strcmp (suffix, "pm") == 0 && hours != 12)
    hours += 12;
  else if (suffix != NULL && strcmp (suffix, "am") == 0 && hours == 12)
    hours = 0;
  return (int) (hours * 60 + minutes);
}

/* "10:00–12:00", "2pm to 4pm", "9:30-11": both ends, the first "pm" carried over as people
 * write "2–4pm". */
static gboolean
read_hours (Reader *reader,
            int    *opens,
            int    *closes)
{
  guint start = reader->at;

  accept (reader, "from");
  *opens = read_time (reader);
  if (*opens == -1 && reader->at == start)
    return TRUE;
  if (*opens < 0)
    return invalid (reader, _("The opening time cannot be read: write it like 10:00 or 10am."));
  if (!accept (reader, "-") && !accept (reader, "to") && !accept (reader, "until") && !accept (reader, "till"))
    return invalid (reader, _("Give the closing time too, like 10:00–12:00."));
  *closes = read_time (reader);
  if (*closes < 0)
    return invalid (reader, _("The closing time cannot be read: write it like 12:00 or 12pm."));
  /* "2-4pm": the opening hour takes the closing one's half of the day when that fits. */
  if (*closes >= 12 * 60 && *opens + 12 * 60 < *closes && *opens < 12 * 60 &&
      strchr (reader->tokens[start + (g_strcmp0 (reader->tokens[start], "from") == 0)], 'm') == NULL)
    *opens += 12 * 60;
  if (*closes <= *opens)
    return invalid (reader, _("The closing time must be after the opening time."));
  return TRUE;
}

/* "24 december 2026": a day, a month and a year. */
static gboolean
read_date (Reader *reader,
           GDate  *date)
{
  const char *day_word = peek (reader);
  int day = day_word != NULL ? atoi (day_word) : 0;
  int month = 0;
  int year;

  if (day_word == NULL || !g_ascii_isdigit (*day_word))
    return invalid (reader, _("Write the dates like 24 December 2026."));
  reader->at++;
  for (int i = 0; i < 12 && peek (reader) != NULL; i++)
    if (g_str_has_prefix (month_names[i], peek (reader)) && strlen (peek (reader)) >= 3)
      month = i + 1;
  if (month == 0)
    return invalid (reader, _("Write the dates like 24 December 2026, with the month in words."));
  reader->at++;
  year = peek (reader) != NULL ? atoi (peek (reader)) : 0;
  if (year < 2000 || year > 2200)
    return invalid (reader, _("Give the year of each date, like 24 December 2026."));
  reader->at++;
  if (!g_date_valid_dmy (day, month, year))
    return invalid (reader, _("That date does not exist."));
  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

static char *
date_text (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

/* Sets @name to @text, taking it. */
static void
set_string_taken (JsonObject *object,
                              const char *name,
                              char       *text)
{
  json_object_set_string_member (object, name, text);
  g_free (text);
}

static gboolean
read_closure (Reader     *reader,
              JsonObject *schedule)
{
  GDate from, to;

  if (!accept (reader, "on"))
    accept (reader, "from");
  if (!read_date (reader, &from))
    return FALSE;
  to = from;
  if ((accept (reader, "to") || accept (reader, "-") || accept (reader, "until")) && !read_date (reader, &to))
    return FALSE;
  if (g_date_compare (&to, &from) < 0)
    return invalid (reader, _("The closure must end on or after the day it starts."));
  set_string_taken (schedule, "valid_from", date_text (&from));
  set_string_taken (schedule, "valid_to", date_text (&to));
  return TRUE;
}

typedef struct
{
  int ordinal;   /* 0: every such day; -1 last; 1…5 */
  int day;       /* 0 Monday … 6 Sunday */
} DayRule;

/* "monday and thursday", "1st and 3rd tuesday", "first monday and third wednesday",
 * "weekdays", "every day": into @days. */
static gboolean
read_days (Reader *reader,
           GArray *days)
{
  g_autoptr (GArray) pending = g_array_new (FALSE, FALSE, sizeof (int));

  for (const char *word; (word = peek (reader)) != NULL; )
    {
      int ordinal = ordinal_of (word);
      int day = weekday_of (word);

      if (ordinal != 0)
        {
          if (ordinal > 5)
            return invalid (reader, _("A weekday comes at most five times in a month: use 1st to 5th, or last."));
          g_array_append_val (pending, ordinal);
        }
      else if (day >= 0)
        {
          for (guint i = 0; i < MAX (pending->len, 1); i++)
            {
              DayRule rule = { pending->len > 0 ? g_array_index (pending, int, i) : 0, day };
              g_array_append_val (days, rule);
            }
          g_array_set_size (pending, 0);
        }
      else if (strcmp (word, "weekday") == 0 || strcmp (word, "weekdays") == 0 || strcmp (word, "day") == 0 ||
               strcmp (word, "days") == 0 || strcmp (word, "daily") == 0)
        for (int d = 0; d < (word[0] == 'w' ? 5 : 7); d++)
          {
            DayRule rule = { 0, d };
            g_array_append_val (days, rule);
          }
      else if (strcmp (word, "and") != 0 && strcmp (word, "on") != 0)
        break;
      reader->at++;
    }
  if (pending->len > 0)
    return invalid (reader, _("Say which weekday, like “2nd Tuesday”."));
  if (days->len == 0)
    return invalid (reader, _("Say which days, like “every Monday” or “first Wednesday of the month”."));
  return TRUE;
}

/* The first day on or after @today that is weekday @day: a fortnightly rule's start. */
static char *
first_on_or_after (GDate *today,
                   int    day)
{
  GDate date;

  if (today != NULL)
    date = *today;
  else
    {
      g_date_clear (&date, 1);
      g_date_set_time_t (&date, time (NULL));
    }
  while ((int) g_date_get_weekday (&date) - 1 != day)
    g_date_add_days (&date, 1);
  return date_text (&date);
}

static gboolean
read_rule (Reader     *reader,
           JsonObject *schedule,
           GDate      *today)
{
  g_autoptr (GArray) days = g_array_new (FALSE, FALSE, sizeof (DayRule));
  g_autoptr (GString) byday = g_string_new (NULL);
  gboolean fortnightly = FALSE;
  gboolean monthly;

  if (!accept (reader, "every") && !accept (reader, "each"))
    accept (reader, "on");
  if (accept (reader, "other") || accept (reader, "alternate") || accept (reader, "fortnightly"))
    fortnightly = TRUE;
  else if (g_strcmp0 (peek (reader), "2") == 0 && g_strcmp0 (reader->tokens[reader->at + 1], "weeks") == 0)
    fortnightly = TRUE, reader->at += 2;
  accept (reader, "on");
  if (!read_days (reader, days))
    return FALSE;
  monthly = g_array_index (days, DayRule, 0).ordinal != 0;
  for (guint i = 0; i < days->len; i++)
    {
      DayRule *rule = &g_array_index (days, DayRule, i);
      if ((rule->ordinal != 0) != monthly)
        return invalid (reader, _("Give either weekly days or days of the month, not both in one line."));
      if (rule->ordinal != 0)
        g_string_append_printf (byday, "%s%d%s", byday->len > 0 ? "," : "", rule->ordinal, day_codes[rule->day]);
      else
        g_string_append_printf (byday, "%s%s", byday->len > 0 ? "," : "", day_codes[rule->day]);
    }
  if (monthly)
    while (accept (reader, "of") || accept (reader, "in") || accept (reader, "the") || accept (reader, "every") ||
           accept (reader, "each") || accept (reader, "month"))
      ;
  if (monthly && fortnightly)
    return invalid (reader, _("Give either “every other” or a day of the month, not both."));
  json_object_set_string_member (schedule, "freq", monthly ? "MONTHLY" : "WEEKLY");
  json_object_set_int_member (schedule, "interval", fortnightly ? 2 : 1);
  json_object_set_string_member (schedule, "byday", byday->str);
  if (fortnightly)
    set_string_taken (schedule, "dtstart", first_on_or_after (today, g_array_index (days, DayRule, 0).day));
  return TRUE;
}

static char *
time_text (int minutes)
{
  return g_strdup_printf ("%02d:%02d", minutes / 60, minutes % 60);
}

/**
 * sp_schedule_parse_words:
 * @text: one session or closure, in English words
 * @today: (nullable): the day a fortnightly rule starts from; today when %NULL
 *
 * Returns: (transfer full): an ORUK 3.0 schedule object, or %NULL with
 *   %SP_LISTINGS_ERROR_INVALID and a message a person can act on
 */
JsonObject *
sp_schedule_parse_words (const char *text,
                         GDate      *today,
                         GError    **error)
{
  g_auto (GStrv) tokens = NULL;
  g_autoptr (JsonObject) schedule = json_object_new ();
  g_autofree char *trimmed = NULL;
  Reader reader = { NULL, 0, error };
  int opens = -1, closes = -1;

  if (text == NULL || !g_utf8_validate (text, -1, NULL) || strlen (text) > 500)
    {
      g_set_error_literal (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_INVALID, _("Write the times in words, in one line."));
      return NULL;
    }
  trimmed = g_strstrip (g_strdup (text));
  reader.tokens = tokens = tokenize (trimmed);
  if (peek (&reader) == NULL)
    return invalid (&reader, _("Write when it happens, like “every Tuesday 10:00–12:00”.")), NULL;
  if (accept (&reader, "closed"))
    {
      if (!read_closure (&reader, schedule))
        return NULL;
    }
  else if (!read_rule (&reader, schedule, today) || !read_hours (&reader, &opens, &closes))
    return NULL;
  if (peek (&reader) != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” cannot be read here. Write it like "
                                                    "“every Tuesday 10:00–12:00”."), peek (&reader));
      g_set_error_literal (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_INVALID, message);
      return NULL;
    }
  if (opens >= 0)
    {
      set_string_taken (schedule, "opens_at", time_text (opens));
      set_string_taken (schedule, "closes_at", time_text (closes));
    }
  json_object_set_string_member (schedule, "description", trimmed);
  return g_steal_pointer (&schedule);
}

static void
append_day_list (GString    *words,
                 GPtrArray  *items)
{
  for (guint i = 0; i < items->len; i++)
    {
      if (i > 0)
        g_string_append (words, i + 1 == items->len ? " and " : ", ");
      g_string_append (words, items->pdata[i]);
    }
}

static char *
long_date_text (const char *iso)
{
  static const char *const months[] = { "January", "February", "March", "April", "May", "June", "July",
                                        "August", "September", "October", "November", "December" };
  int year, month, day;

  if (iso == NULL || sscanf (iso, "%d-%d-%d", &year, &month, &day) != 3 || month < 1 || month > 12)
    return NULL;
  return g_strdup_printf ("%d %s %d", day, months[month - 1], year);
}

/* The rule of @schedule in the words sp_schedule_parse_words() reads, or NULL. */
static char *
rule_words (JsonObject *schedule)
{
  static const char *const names[] = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" };
  static const char *const ordinals[] = { "1st", "2nd", "3rd", "4th", "5th" };
  const char *freq = json_object_get_string_member_with_default (schedule, "freq", "");
  gint64 interval = json_object_get_int_member_with_default (schedule, "interval", 1);
  g_auto (GStrv) codes = g_strsplit (json_object_get_string_member_with_default (schedule, "byday", ""), ",", -1);
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  gboolean monthly = g_strcmp0 (freq, "MONTHLY") == 0;
  g_autoptr (GString) words = g_string_new (NULL);

  if ((!monthly && g_strcmp0 (freq, "WEEKLY") != 0) || interval < 1 || interval > 2 || (monthly && interval != 1) ||
      codes[0] == NULL || *codes[0] == '\0')
    return NULL;
  for (guint i = 0; codes[i] != NULL; i++)
    {
      char *end = NULL;
      long n = strtol (codes[i], &end, 10);
      int day = -1;

      for (int d = 0; d < 7; d++)
        if (g_ascii_strcasecmp (end, day_codes[d]) == 0)
          day = d;
      if (day < 0 || (end == codes[i]) == monthly || n < -1 || n > 5 || (monthly && n == 0))
        return NULL;
      g_ptr_array_add (items, monthly ? g_strdup_printf ("%s %s", n == -1 ? "last" : ordinals[n - 1], names[day])
                                      : g_strdup (names[day]));
    }
  g_string_append (words, interval == 2 ? "every other " : monthly ? "" : "every ");
  append_day_list (words, items);
  if (monthly)
    g_string_append (words, " of the month");
  return g_string_free (g_steal_pointer (&words), FALSE);
}

/**
 * sp_schedule_words_for_form:
 * @schedule: an ORUK 3.0 schedule object
 *
 * Returns: (transfer full) (nullable): the schedule in words sp_schedule_parse_words()
 *   reads back to the same rule, or %NULL when it cannot be said that way
 */
char *
sp_schedule_words_for_form (JsonObject *schedule)
{
  const char *opens = json_object_get_string_member_with_default (schedule, "opens_at", NULL);
  const char *closes = json_object_get_string_member_with_default (schedule, "closes_at", NULL);
  g_autofree char *from = long_date_text (json_object_get_string_member_with_default (schedule, "valid_from", NULL));
  g_autofree char *to = long_date_text (json_object_get_string_member_with_default (schedule, "valid_to", NULL));
  g_autofree char *rule = NULL;

  g_return_val_if_fail (schedule != NULL, NULL);
  if (!json_object_has_member (schedule, "freq") && opens == NULL && from != NULL)
    return to != NULL && g_strcmp0 (from, to) != 0 ? g_strdup_printf ("closed %s to %s", from, to)
                                                   : g_strdup_printf ("closed %s", from);
  if ((rule = rule_words (schedule)) == NULL)
    return NULL;
  if (opens == NULL || closes == NULL)
    return NULL;
  return g_strdup_printf ("%s %.5s\xe2\x80\x93%.5s", rule, opens, closes);
}
