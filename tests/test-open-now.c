/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-open-now.c: what "open now" means, for the app and the command line alike. */
#include "config.h"

#include "sp-open-now.h"
#include "sp-test-store.h"

/* Second Tuesday of the month, 13:30–15:30; closed all December 2026. */
#define BILSTON_MEMORY_CAFE "1c63994a-12ec-5ae3-8d9f-0e240b4ba821"
/* Second and fourth Wednesday of the month, 11:00–13:00. */
#define PUNJABI_CARERS "3c6f19ce-7b47-5702-b830-2c2ab4da8ab1"

static GDateTime *
london (int year,
        int month,
        int day,
        int hour,
        int minute)
{
  g_autoptr (GTimeZone) zone = g_time_zone_new_identifier ("Europe/London");
  return g_date_time_new (zone, year, month, day, hour, minute, 0);
}

/* Open while a session goes on: not before it starts, not after it ends, not on another
 * day, nor on a day it is closed. */
static void
test_is_open (SpTestSampleFixture *f,
              gconstpointer        data)
{
  g_autoptr (SpServiceDetail) cafe = sp_test_load_detail (f->store, BILSTON_MEMORY_CAFE);
  struct { int month, day, hour, minute; gboolean open; } moments[] = {
    { 1, 12, 14, 0, TRUE },     /* second Tuesday of January 2027, during */
    { 1, 12, 13, 30, TRUE },    /* as it opens */
    { 1, 12, 13, 0, FALSE },    /* that day, before */
    { 1, 12, 16, 0, FALSE },    /* that day, after */
    { 1, 19, 14, 0, FALSE },    /* the third Tuesday */
    { 1, 13, 14, 0, FALSE },    /* a Wednesday */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (moments); i++)
    {
      g_autoptr (GDateTime) when = london (2027, moments[i].month, moments[i].day, moments[i].hour, moments[i].minute);
      g_test_message ("%d/%d %02d:%02d", moments[i].day, moments[i].month, moments[i].hour, moments[i].minute);
      g_assert_cmpint (sp_open_now_is_open (cafe, when), ==, moments[i].open);
    }
  {
    /* The second Tuesday of December 2026 falls in its closure. */
    g_autoptr (GDateTime) closed = london (2026, 12, 8, 14, 0);
    g_assert_false (sp_open_now_is_open (cafe, closed));
  }
}

/* The day a search narrows to is the day where the services meet, whatever zone the
 * moment is given in. */
static void
test_day (void)
{
  g_autoptr (GDateTime) tuesday = london (2027, 1, 12, 14, 0);
  g_autoptr (GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
  /* Tuesday 23:30 in New York is Wednesday 04:30 in London. */
  g_autoptr (GDateTime) late = g_date_time_new (new_york, 2027, 1, 12, 23, 30, 0);

  g_assert_cmpint (sp_open_now_day (tuesday), ==, 1);
  g_assert_cmpint (sp_open_now_day (late), ==, 2);
}

/* Of services listed best first, those open then, in order, up to the number wanted; a
 * service the store no longer has is left out. */
static void
test_select (SpTestSampleFixture *f,
             gconstpointer        data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) wednesday = london (2027, 1, 13, 12, 0);
  const char *ids[] = { BILSTON_MEMORY_CAFE, "00000000-0000-4000-8000-000000000000", PUNJABI_CARERS,
                        PUNJABI_CARERS, NULL };
  g_autoptr (GArray) open = sp_open_now_select (f->store, ids, wednesday, 10, NULL, &error);
  g_autoptr (GArray) one = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GArray) cancelled = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 2);
  g_assert_cmpuint (g_array_index (open, guint, 0), ==, 2);
  g_assert_cmpuint (g_array_index (open, guint, 1), ==, 3);

  one = sp_open_now_select (f->store, ids, wednesday, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (one->len, ==, 1);

  g_cancellable_cancel (cancellable);
  cancelled = sp_open_now_select (f->store, ids, wednesday, 10, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (cancelled);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add ("/signpost/open-now/is-open", SpTestSampleFixture, NULL, sp_test_sample_fixture_set_up,
              test_is_open, sp_test_sample_fixture_tear_down);
  g_test_add_func ("/signpost/open-now/day", test_day);
  g_test_add ("/signpost/open-now/select", SpTestSampleFixture, NULL, sp_test_sample_fixture_set_up,
              test_select, sp_test_sample_fixture_tear_down);
  return g_test_run ();
}
