/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-schedule.c: schedules in words and their next sessions, from real imported stores. */
#include "config.h"

#include <string.h>

#include "sp-import.h"
#include "sp-occurrence.h"
#include "sp-schedule.h"
#include "sp-service-detail.h"
#include "sp-test-sql.h"
#include "sp-test-store.h"
#include "sp-test-util.h"

#define MEMORY_MATTERS_CLINIC "f781c303-fe4e-58ba-9d62-abc6f61021ac"
#define MEMORY_CHECK_LINE     "4f13d279-a438-5400-a218-336b308c5e57"
#define LIVING_WELL_COURSE    "c8857c63-7edb-58cc-8dd0-419f6fc25e1f"
#define ASSESSMENT_CLINIC     "3a3697f6-88bf-5b16-96ee-6bead76014f2"
#define BILSTON_CLINIC        "00a7e60e-510b-5b02-b24e-641603a1dd31"
#define BILSTON_CAFE          "1c63994a-12ec-5ae3-8d9f-0e240b4ba821"
#define FORGET_ME_NOT_CAFE    "7804d930-2fe3-525f-a9fb-b5850cf60166"
#define ONLINE_SESSIONS       "a7c02dc4-7b79-5814-b7bf-f9ffdbc3f05b"
#define COMMUNITY_FRIDGE      "f4e1b602-14c0-5ea2-a51b-69c36d145669"
#define SANJH_CARERS          "3c6f19ce-7b47-5702-b830-2c2ab4da8ab1"
#define REPAIR_CAFE           "31959316-a137-5bd2-84fd-49db931afd7e"
#define STREET_OUTREACH       "7e0cdfd1-d5fa-5765-afa2-f656c8b34bf4"

typedef SpTestSampleFixture Fixture;

static SpServiceDetail *
load (Fixture    *f,
      const char *id)
{
  return sp_test_load_detail (f->store, id);
}

static GDateTime *
london (int year, int month, int day, int hour, int minute)
{
  return g_date_time_new (sp_occurrence_get_time_zone (), year, month, day, hour, minute, 0);
}

/* The words of each row of a service, one a line, in feed order. */
static char *
words_of (Fixture    *f,
          const char *id)
{
  g_autoptr (SpServiceDetail) detail = load (f, id);
  GPtrArray *schedules = sp_service_detail_get_schedules (detail);
  GString *all = g_string_new (NULL);

  for (guint i = 0; i < schedules->len; i++)
    {
      g_autofree char *words = sp_schedule_dup_words (schedules->pdata[i]);
      g_string_append_printf (all, "%s%s", i > 0 ? "\n" : "", words != NULL ? words : "(none)");
    }
  return g_string_free (all, FALSE);
}

static void
assert_words (Fixture    *f,
              const char *id,
              const char *expected)
{
  g_autofree char *words = words_of (f, id);
  g_assert_cmpstr (words, ==, expected);
}

/* The recurrences of the sample directory in the words a slip prints. */
static void
test_words (Fixture      *f,
            gconstpointer data)
{
  assert_words (f, BILSTON_CLINIC, "Every Thursday, 09:30–16:00");
  assert_words (f, FORGET_ME_NOT_CAFE, "Every other Monday, 10:00–12:00");
  assert_words (f, ASSESSMENT_CLINIC, "Monday to Friday, 09:00–16:30");
  assert_words (f, MEMORY_CHECK_LINE, "Mondays, Wednesdays and Fridays, 09:30–16:30");
  assert_words (f, COMMUNITY_FRIDGE, "Mondays and Thursdays, 10:00–16:00");
  assert_words (f, STREET_OUTREACH, "Every day, 06:00–10:00");
  assert_words (f, ONLINE_SESSIONS, "On the 15th of every month, 18:00–19:00");
  assert_words (f, SANJH_CARERS, "Every second and fourth Wednesday of the month, 11:00–13:00");
  assert_words (f, MEMORY_MATTERS_CLINIC,
                "Every first Monday of the month, 10:00–12:30\n"
                "Every second Tuesday of the month, 10:00–12:30\n"
                "Every third Wednesday of the month, 13:30–16:00\n"
                "Every fourth Thursday of the month, 10:00–12:30\n"
                "Last Friday of the month, 10:00–12:30");
  /* A holiday closure is said with its dates. */
  assert_words (f, BILSTON_CAFE,
                "Every second Tuesday of the month, 13:30–15:30\n"
                "Closed from 1 December 2026 to 31 December 2026");
}

/* Places are named when a service meets in several; a row's words come with them. */
static void
test_words_with_places (Fixture      *f,
                        gconstpointer data)
{
  g_autoptr (SpServiceDetail) detail = load (f, MEMORY_MATTERS_CLINIC);
  g_autoptr (GDateTime) now = london (2026, 3, 1, 9, 0);
  g_autofree char *lines = sp_service_detail_dup_schedule_words (detail, now);
  g_autofree char *next = sp_service_detail_dup_next_session (detail, now);

  g_assert_true (g_str_has_prefix (lines, "Every first Monday of the month, 10:00–12:30, at Tettenhall Library\n"));
  g_assert_nonnull (strstr (lines, "Last Friday of the month, 10:00–12:30, at Wolverhampton Central Library"));
  /* 1 March 2026 is a Sunday: the first Monday is the next day. */
  g_assert_cmpstr (next, ==, "Next: Mon 2 Mar, 10:00–12:30, at Tettenhall Library");
}

static void
assert_dates (GPtrArray          *occurrences,
              const char * const *expected)
{
  guint i;

  for (i = 0; expected[i] != NULL; i++)
    {
      g_autofree char *text = NULL;

      g_assert_cmpuint (i, <, occurrences->len);
      text = g_date_time_format (((SpOccurrence *) occurrences->pdata[i])->start, "%Y-%m-%d %H:%M");
      g_assert_cmpstr (text, ==, expected[i]);
    }
  g_assert_cmpuint (i, ==, occurrences->len);
}

/* Sessions across the end of a month, in the order they happen. */
static void
test_month_boundary (Fixture      *f,
                     gconstpointer data)
{
  g_autoptr (SpServiceDetail) detail = load (f, MEMORY_MATTERS_CLINIC);
  g_autoptr (GDateTime) after = london (2026, 1, 28, 12, 0);
  g_autoptr (GPtrArray) next = sp_occurrence_list_next (sp_service_detail_get_schedules (detail), after, 6);
  /* January 2026 ends with the last Friday, the 30th; February brings all five places. */
  const char * const dates[] = {
    "2026-01-30 10:00", "2026-02-02 10:00", "2026-02-10 10:00", "2026-02-18 13:30",
    "2026-02-26 10:00", "2026-02-27 10:00", NULL
  };

  assert_dates (next, dates);
}

/* A session keeps its wall-clock time when the clocks go forward: 09:30 GMT, then 09:30 BST. */
static void
test_daylight_saving (Fixture      *f,
                      gconstpointer data)
{
  g_autoptr (SpServiceDetail) detail = load (f, BILSTON_CLINIC);
  g_autoptr (GDateTime) after = london (2026, 3, 20, 18, 0);
  g_autoptr (GPtrArray) next = sp_occurrence_list_next (sp_service_detail_get_schedules (detail), after, 2);
  const char * const dates[] = { "2026-03-26 09:30", "2026-04-02 09:30", NULL };
  g_autoptr (GDateTime) before_utc = NULL;
  g_autoptr (GDateTime) after_utc = NULL;

  assert_dates (next, dates);
  before_utc = g_date_time_to_utc (((SpOccurrence *) next->pdata[0])->start);
  after_utc = g_date_time_to_utc (((SpOccurrence *) next->pdata[1])->start);
  g_assert_cmpint (g_date_time_get_hour (before_utc), ==, 9);
  g_assert_cmpint (g_date_time_get_hour (after_utc), ==, 8);
  /* The week between them is one hour short of seven days. */
  g_assert_cmpint (g_date_time_difference (((SpOccurrence *) next->pdata[1])->start,
                                           ((SpOccurrence *) next->pdata[0])->start),
                   ==, (7 * 24 - 1) * G_TIME_SPAN_HOUR);
}

/* The Christmas closure takes December's café away; the next one is in January 2027,
 * and the words show the year because it is not this year's. */
static void
test_closure_skipped (Fixture      *f,
                      gconstpointer data)
{
  g_autoptr (SpServiceDetail) detail = load (f, BILSTON_CAFE);
  g_autoptr (GDateTime) now = london (2026, 11, 20, 9, 0);
  g_autoptr (GPtrArray) next = sp_occurrence_list_next (sp_service_detail_get_schedules (detail), now, 2);
  const char * const dates[] = { "2027-01-12 13:30", "2027-02-09 13:30", NULL };
  g_autofree char *words = sp_service_detail_dup_next_session (detail, now);
  g_autoptr (GDateTime) october = london (2026, 10, 1, 9, 0);
  g_autofree char *before = sp_service_detail_dup_next_session (detail, october);

  assert_dates (next, dates);
  g_assert_cmpstr (words, ==, "Next: Tue 12 Jan 2027, 13:30–15:30");
  g_assert_cmpstr (before, ==, "Next: Tue 13 Oct, 13:30–15:30");
}

/* A course runs between its valid_from and valid_to, twice a year. */
static void
test_validity (Fixture      *f,
               gconstpointer data)
{
  g_autoptr (SpServiceDetail) detail = load (f, LIVING_WELL_COURSE);
  g_autoptr (GDateTime) after = london (2026, 6, 1, 9, 0);
  g_autoptr (GPtrArray) next = sp_occurrence_list_next (sp_service_detail_get_schedules (detail), after, 8);
  const char * const dates[] = {
    "2026-10-06 10:00", "2026-10-13 10:00", "2026-10-20 10:00", "2026-10-27 10:00",
    "2026-11-03 10:00", "2026-11-10 10:00", "2027-01-12 10:00", "2027-01-19 10:00", NULL
  };
  g_autoptr (SpServiceDetail) repair = load (f, REPAIR_CAFE);
  g_autoptr (GPtrArray) none = sp_occurrence_list_next (sp_service_detail_get_schedules (repair), after, 3);

  assert_dates (next, dates);
  /* The repair café's rows ended in 2025. */
  g_assert_cmpuint (none->len, ==, 0);
}

/* A session under way still counts as the next one; one that has ended does not. */
static void
test_under_way (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (SpServiceDetail) detail = load (f, BILSTON_CLINIC);
  g_autoptr (GDateTime) during = london (2026, 3, 26, 15, 59);
  g_autoptr (GDateTime) over = london (2026, 3, 26, 16, 0);
  g_autofree char *now_words = sp_service_detail_dup_next_session (detail, during);
  g_autofree char *later_words = sp_service_detail_dup_next_session (detail, over);

  g_assert_cmpstr (now_words, ==, "Next: Thu 26 Mar, 09:30–16:00");
  g_assert_cmpstr (later_words, ==, "Next: Thu 2 Apr, 09:30–16:00");
}

/* Adds a row straight to the store, as an older Signpost or a hand edit might have left it:
 * the import would have refused much of this. */
static void
insert_row (Fixture    *f,
            const char *id,
            const char *columns,
            const char *values)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO schedule (id, service_id, %s) VALUES ('%s', '%s', %s)",
                                          columns, id, BILSTON_CLINIC, values);
  g_autoptr (GError) error = NULL;

  sp_store_exec (f->store, sql, &error);
  g_assert_no_error (error);
}

static SpSchedule *
row (SpServiceDetail *detail,
     const char      *id)
{
  GPtrArray *schedules = sp_service_detail_get_schedules (detail);

  for (guint i = 0; i < schedules->len; i++)
    if (g_strcmp0 (sp_schedule_get_id (schedules->pdata[i]), id) == 0)
      return schedules->pdata[i];
  g_assert_not_reached ();
}

static guint
count_from (SpSchedule *schedule,
            GDateTime  *after,
            guint       n)
{
  g_autoptr (GPtrArray) one = g_ptr_array_new ();
  g_autoptr (GPtrArray) next = NULL;

  g_ptr_array_add (one, schedule);
  next = sp_occurrence_list_next (one, after, n);
  return next->len;
}

/* Nonsense never crashes: the words fall back to the feed's description and no dates are
 * made up from a rule that cannot be read. */
static void
test_nonsense (Fixture      *f,
               gconstpointer data)
{
  g_autoptr (SpServiceDetail) detail = NULL;
  g_autoptr (GDateTime) after = london (2026, 3, 1, 0, 0);
  struct { const char *id, *columns, *values, *words; guint n; } rows[] = {
    { "bad-day", "freq, byday, description", "'WEEKLY', 'XX', 'Tuesdays'", "Tuesdays", 0 },
    { "weekly-position", "freq, byday, description", "'WEEKLY', '9TU', 'Odd'", "Odd", 0 },
    { "monthly-position", "freq, byday", "'MONTHLY', '7TU'", "(none)", 0 },
    { "interval-zero", "freq, interval, byday, description", "'WEEKLY', 0, 'TU', 'Weekly'", "Weekly", 0 },
    { "interval-text", "freq, interval, byday", "'WEEKLY', 'often', 'TU'", "(none)", 0 },
    { "interval-huge", "freq, interval, byday", "'WEEKLY', 100000, 'TU'", "(none)", 0 },
    { "no-times", "freq, byday", "'WEEKLY', 'TU'", "Every Tuesday", 3 },
    { "bad-times", "freq, byday, opens_at, closes_at", "'WEEKLY', 'WE', '99:99', '1pm'", "Every Wednesday", 3 },
    { "closing-only", "freq, byday, closes_at", "'weekly', 'fr', '16:00'", "Every Friday, until 16:00", 3 },
    { "hourly", "freq, description", "'HOURLY', 'All the time'", "All the time", 0 },
    { "yearly", "freq, dtstart", "'YEARLY', '2026-05-01'", "(none)", 0 },
    { "empty-byday", "freq, byday, description", "'WEEKLY', ',,', 'Commas'", "Commas", 0 },
    { "fortnight-no-start", "freq, interval, byday", "'WEEKLY', 2, 'WE'", "Every other Wednesday", 0 },
    { "huge-count", "freq, byday, dtstart, count, opens_at", "'WEEKLY', 'MO', '2000-01-03', 9223372036854775807, '10:00'",
      "Every Monday, from 10:00", 3 },
    /* A count needs its start, and a start before 1970 is not a real one. */
    { "ancient", "freq, byday, dtstart, count", "'WEEKLY', 'MO', '1900-01-01', 5000000", "Every Monday", 0 },
    { "count-three", "freq, byday, dtstart, count", "'WEEKLY', 'SA', '2026-02-28', 3", "Every Saturday", 2 },
    { "until", "freq, byday, until, opens_at", "'WEEKLY', 'SU', '2026-03-08T00:00:00Z', '11:00'", "Every Sunday, from 11:00", 2 },
    { "bad-dates", "freq, byday, valid_from, valid_to", "'WEEKLY', 'TH', '2026-02-30', 'soon'", "Every Thursday", 3 },
    { "both-by", "freq, byday, bymonthday, description", "'MONTHLY', '1FR', '13', 'Friday 13th'", "Friday 13th", 0 },
    { "last-day", "freq, bymonthday", "'MONTHLY', '-1'", "On the last day of every month", 3 },
    { "mixed-monthly", "freq, byday, description", "'MONTHLY', 'TU,2WE', 'Mixed'", "Mixed", 3 },
    { "no-rule", "description", "'Ring for times'", "Ring for times", 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    insert_row (f, rows[i].id, rows[i].columns, rows[i].values);
  detail = load (f, BILSTON_CLINIC);

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      SpSchedule *schedule = row (detail, rows[i].id);
      g_autofree char *words = sp_schedule_dup_words (schedule);

      g_test_message ("row %s", rows[i].id);
      g_assert_cmpstr (words != NULL ? words : "(none)", ==, rows[i].words);
      g_assert_cmpuint (count_from (schedule, after, 3), ==, rows[i].n);
    }

  /* A row without hours gives the day alone. */
  {
    g_autoptr (GPtrArray) one = g_ptr_array_new ();
    g_autofree char *next = NULL;

    g_ptr_array_add (one, row (detail, "no-times"));
    next = sp_occurrence_dup_next_words (one, after);
    g_assert_cmpstr (next, ==, "Next: Tue 3 Mar");
  }
}

/* Writes an ORUK 1.0 feed with holiday schedules and imports it. */
static SpServiceDetail *
import_oruk1_holidays (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  const char *feed =
    "[{\"id\": \"5b8e2c1a-0d3e-4f7a-9b61-2c4d5e6f7a81\", \"name\": \"Tuesday lunch club\","
    "  \"status\": \"active\", \"description\": \"Lunch and a chat.\","
    "  \"organization\": {\"id\": \"6c9f3d2b-1e4f-4a8b-8c72-3d5e6f7a8b92\", \"name\": \"Age Well\","
    "                    \"description\": \"A charity\"},"
    "  \"regular_schedules\": [{\"id\": \"7da04e3c-2f50-4b9c-9d83-4e6f7a8b9ca3\", \"weekday\": \"Tuesday\","
    "                          \"opens_at\": \"12:00\", \"closes_at\": \"14:00\", \"valid_from\": \"2024-01-01\"}],"
    "  \"holiday_schedules\": ["
    "    {\"id\": \"8eb15f4d-3061-4cad-ae94-5f7a8b9cadb4\", \"closed\": true,"
    "     \"start_date\": \"2024-12-23\", \"end_date\": \"2025-01-03\"},"
    "    {\"id\": \"9fc2605e-4172-4dbe-bfa5-6a8b9cadbec5\", \"closed\": false,"
    "     \"opens_at\": \"11:00\", \"closes_at\": \"13:00\","
    "     \"start_date\": \"2024-12-27\", \"end_date\": \"2024-12-27\"}]}]";

  path = sp_test_write_tmp (f->dir, "oruk1-holidays.json", feed, -1);
  sp_import_path (f->store, path, SP_IMPORT_FLAGS_NONE, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return load (f, "5b8e2c1a-0d3e-4f7a-9b61-2c4d5e6f7a81");
}

/* ORUK 1.0 holiday_schedules: closed over Christmas, but open specially on the 27th. */
static void
test_oruk1_holidays (Fixture      *f,
                     gconstpointer data)
{
  g_autoptr (SpServiceDetail) detail = import_oruk1_holidays (f);
  g_autoptr (GDateTime) after = london (2024, 12, 18, 15, 0);
  g_autoptr (GPtrArray) next = sp_occurrence_list_next (sp_service_detail_get_schedules (detail), after, 3);
  const char * const dates[] = { "2024-12-27 11:00", "2025-01-07 12:00", "2025-01-14 12:00", NULL };
  g_autofree char *words = sp_service_detail_dup_schedule_words (detail, after);

  assert_dates (next, dates);
  g_assert_cmpstr (words, ==,
                   "Every Tuesday, 12:00–14:00\n"
                   "Closed from 23 December 2024 to 3 January 2025\n"
                   "Open 11:00–13:00 on 27 December 2024");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add ("/signpost/schedule/" path, Fixture, NULL, sp_test_sample_fixture_set_up, func, \
                                sp_test_sample_fixture_tear_down)
  ADD ("words", test_words);
  ADD ("words-with-places", test_words_with_places);
  ADD ("month-boundary", test_month_boundary);
  ADD ("daylight-saving", test_daylight_saving);
  ADD ("closure-skipped", test_closure_skipped);
  ADD ("validity", test_validity);
  ADD ("under-way", test_under_way);
  ADD ("nonsense", test_nonsense);
  ADD ("oruk1-holidays", test_oruk1_holidays);
#undef ADD

  return g_test_run ();
}
