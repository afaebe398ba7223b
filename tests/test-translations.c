/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-translations.c: Polish, Punjabi and Urdu as a person reading them would notice.
 *
 * The translations the build made (SIGNPOST_LOCALEDIR) are switched to at run time, as a
 * kiosk does: schedules read with ordinals and plurals in each language's forms, Urdu says
 * it is written right to left, the crisis lines are translated, and choosing the desktop's
 * language again brings English back. */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "sp-schedule.h"
#include "sp-ui-language.h"
#include "sp-urgent-help.h"

static char *
words_for (const char *json)
{
  g_autoptr (JsonNode) node = json_from_string (json, NULL);
  g_autoptr (SpSchedule) schedule = NULL;

  g_assert_nonnull (node);
  schedule = sp_schedule_new_from_json (json_node_get_object (node));
  g_assert_nonnull (schedule);
  return sp_schedule_dup_words (schedule);
}

#define SECOND_WEDNESDAY "{\"id\":\"a\",\"freq\":\"MONTHLY\",\"byday\":\"2WE\",\"opens_at\":\"10:00\",\"closes_at\":\"12:00\"}"
#define SECOND_TUESDAY "{\"id\":\"b\",\"freq\":\"MONTHLY\",\"byday\":\"2TU\",\"opens_at\":\"10:00\",\"closes_at\":\"12:00\"}"
#define LAST_SATURDAY "{\"id\":\"c\",\"freq\":\"MONTHLY\",\"byday\":\"-1SA\"}"
#define EVERY_3_WEEKS "{\"id\":\"d\",\"freq\":\"WEEKLY\",\"interval\":3,\"dtstart\":\"2026-01-05\",\"byday\":\"MO,TH\"}"
#define EVERY_5_WEEKS "{\"id\":\"e\",\"freq\":\"WEEKLY\",\"interval\":5,\"dtstart\":\"2026-01-05\",\"byday\":\"MO,TH\"}"

static void
assert_words (const char *json,
              const char *expected)
{
  g_autofree char *words = words_for (json);
  g_assert_cmpstr (words, ==, expected);
}

static void
test_english (void)
{
  sp_ui_language_set ("en");
  assert_words (SECOND_WEDNESDAY, "Every second Wednesday of the month, 10:00–12:00");
  assert_words (LAST_SATURDAY, "Last Saturday of the month");
  g_assert_false (sp_ui_language_is_rtl ());
  sp_ui_language_set (NULL);
}

/* Polish: the ordinal agrees with the day (drugi wtorek, druga środa) and "weeks" takes
 * its few-and-many forms (3 tygodnie, 5 tygodni). */
static void
test_polish (void)
{
  sp_ui_language_set ("pl");
  assert_words (SECOND_WEDNESDAY, "druga środa każdego miesiąca, 10:00–12:00");
  assert_words (SECOND_TUESDAY, "drugi wtorek każdego miesiąca, 10:00–12:00");
  assert_words (LAST_SATURDAY, "Ostatnia sobota miesiąca");
  assert_words (EVERY_3_WEEKS, "poniedziałki i czwartki, co 3 tygodnie");
  assert_words (EVERY_5_WEEKS, "poniedziałki i czwartki, co 5 tygodni");
  g_assert_false (sp_ui_language_is_rtl ());
  sp_ui_language_set (NULL);
}

/* Punjabi in Gurmukhi. */
static void
test_punjabi (void)
{
  sp_ui_language_set ("pa");
  assert_words (SECOND_TUESDAY, "ਹਰ ਮਹੀਨੇ ਦਾ ਦੂਜਾ ਮੰਗਲਵਾਰ, 10:00–12:00");
  assert_words (EVERY_3_WEEKS, "ਸੋਮਵਾਰ ਅਤੇ ਵੀਰਵਾਰ, ਹਰ 3 ਹਫ਼ਤਿਆਂ ਬਾਅਦ");
  g_assert_false (sp_ui_language_is_rtl ());
  sp_ui_language_set (NULL);
}

/* Urdu: right to left, and Thursday (جمعرات) is feminine. */
static void
test_urdu (void)
{
  g_autofree char *lines = NULL;

  sp_ui_language_set ("ur");
  g_assert_true (sp_ui_language_is_rtl ());
  assert_words ("{\"id\":\"f\",\"freq\":\"MONTHLY\",\"byday\":\"2TH\"}", "ہر مہینے میں دوسری جمعرات");
  assert_words ("{\"id\":\"g\",\"freq\":\"MONTHLY\",\"byday\":\"2MO\"}", "ہر مہینے میں دوسرا پیر");
  lines = sp_urgent_help_text ();
  g_assert_nonnull (strstr (lines, "خطرے"));
  /* The number kept left to right inside the Urdu line. */
  g_assert_nonnull (strstr (lines, "\u2066" "116 123" "\u2069"));
  sp_ui_language_set (NULL);
  g_assert_false (sp_ui_language_is_rtl ());
  assert_words (LAST_SATURDAY, "Last Saturday of the month");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  sp_ui_language_init ();
  g_test_add_func ("/signpost/translations/english", test_english);
  g_test_add_func ("/signpost/translations/polish", test_polish);
  g_test_add_func ("/signpost/translations/punjabi", test_punjabi);
  g_test_add_func ("/signpost/translations/urdu", test_urdu);
  return g_test_run ();
}
