/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-referral-model.c: the facts a link worker's records rest on: NHS numbers, bank
 * holidays and working days, ONS4 and SWEMWBS, the referral workflow, names as lookups
 * compare them. */
#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "sp-nhs-number.h"
#include "sp-referral-model.h"

/* The NHS's own examples, with spaces and without; a wrong check digit, a check of 10,
 * and text that is not ten digits. */
static void
test_nhs_number (void)
{
  const char *valid[] = { "943 476 5919", "6541003238", "671-668-9966", "401 023 2137" };
  g_autofree char *digits = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    g_assert_cmpint (sp_nhs_number_check (valid[i], NULL), ==, SP_NHS_NUMBER_VALID);
  g_assert_cmpint (sp_nhs_number_check ("987 654 4321", NULL), ==, SP_NHS_NUMBER_BAD_CHECK_DIGIT);
  g_assert_cmpint (sp_nhs_number_check ("943 476 5918", NULL), ==, SP_NHS_NUMBER_BAD_CHECK_DIGIT);
  g_assert_cmpint (sp_nhs_number_check ("943 476 591", NULL), ==, SP_NHS_NUMBER_NOT_TEN_DIGITS);
  g_assert_cmpint (sp_nhs_number_check ("943 476 59190", NULL), ==, SP_NHS_NUMBER_NOT_TEN_DIGITS);
  g_assert_cmpint (sp_nhs_number_check ("943a765919", NULL), ==, SP_NHS_NUMBER_NOT_TEN_DIGITS);
  g_assert_cmpint (sp_nhs_number_check ("", NULL), ==, SP_NHS_NUMBER_NOT_TEN_DIGITS);
  /* 000000001x: the weighted sum is 2, so the check digit would be 9. */
  g_assert_cmpint (sp_nhs_number_check ("0000000019", NULL), ==, SP_NHS_NUMBER_VALID);
  /* 000000005x: the sum is 10, 11 − 10 = 1 … and 0000000060 has 11 − 1 = 10: no valid number. */
  g_assert_null (sp_nhs_number_make_valid (6));

  g_assert_cmpint (sp_nhs_number_check ("943 476 5919", &digits), ==, SP_NHS_NUMBER_VALID);
  g_assert_cmpstr (digits, ==, "9434765919");
  {
    g_autofree char *shown = sp_nhs_number_format (digits);
    g_assert_cmpstr (shown, ==, "943 476 5919");
  }

  /* Made-up numbers for tests come from the 999 range and pass the check. */
  for (guint64 n = 999000000; n < 999000200; n++)
    {
      g_autofree char *fake = sp_nhs_number_make_valid (n);
      if (fake == NULL)
        continue;
      g_assert_cmpint (sp_nhs_number_check (fake, NULL), ==, SP_NHS_NUMBER_VALID);
      g_assert_true (sp_nhs_number_is_test_range (fake));
    }
  g_assert_false (sp_nhs_number_is_test_range ("9434765919"));
}

static SpDay
day (const char *text)
{
  SpDay d = sp_day_parse (text);
  g_assert_cmpuint (d, !=, 0);
  return d;
}

/* Easter from the computus, checked against known dates. */
static void
test_easter (void)
{
  struct { int year; const char *sunday; } known[] = {
    { 1818, "1818-03-22" }, { 2000, "2000-04-23" }, { 2019, "2019-04-21" }, { 2024, "2024-03-31" },
    { 2025, "2025-04-20" }, { 2026, "2026-04-05" }, { 2027, "2027-03-28" }, { 2038, "2038-04-25" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    g_assert_cmpuint (sp_easter_sunday (known[i].year), ==, day (known[i].sunday));
}

static char *
holidays_of (SpWorkingDays *wd,
             int            year)
{
  GString *out = g_string_new (NULL);

  for (SpDay d = sp_day_from_ymd (year, 1, 1); d <= sp_day_from_ymd (year, 12, 31); d++)
    if (sp_working_days_is_holiday (wd, d))
      {
        g_autofree char *text = sp_day_format (d);
        g_string_append_printf (out, "%s%s", out->len > 0 ? " " : "", text);
      }
  return g_string_free (out, FALSE);
}

/* Weekend holidays move to the next weekday not already one; one-off changes apply. */
static void
test_bank_holidays (void)
{
  g_autoptr (SpWorkingDays) wd = sp_working_days_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *y2021 = holidays_of (wd, 2021);
  g_autofree char *y2022 = holidays_of (wd, 2022);
  g_autofree char *y2026 = holidays_of (wd, 2026);
  g_autofree char *y2027 = NULL;

  /* Christmas on Saturday and Boxing Day on Sunday: Monday and Tuesday. */
  g_assert_cmpstr (y2021, ==, "2021-01-01 2021-04-02 2021-04-05 2021-05-03 2021-05-31 2021-08-30 "
                              "2021-12-27 2021-12-28");
  /* New Year on Saturday; Christmas on Sunday moves past Boxing Day Monday; the Platinum
   * Jubilee and the State Funeral from the one-off table, the spring holiday moved. */
  g_assert_cmpstr (y2022, ==, "2022-01-03 2022-04-15 2022-04-18 2022-05-02 2022-06-02 2022-06-03 "
                              "2022-08-29 2022-09-19 2022-12-26 2022-12-27");
  g_assert_cmpstr (y2026, ==, "2026-01-01 2026-04-03 2026-04-06 2026-05-04 2026-05-25 2026-08-31 "
                              "2026-12-25 2026-12-28");

  /* The table is editable: an extra day and a removed one. */
  g_assert_true (sp_working_days_set_changes (wd, "# test\n2027-06-07 + made up\n2027-05-31 -\n", &error));
  g_assert_no_error (error);
  y2027 = holidays_of (wd, 2027);
  g_assert_cmpstr (y2027, ==, "2027-01-01 2027-03-26 2027-03-29 2027-05-03 2027-06-07 2027-08-30 "
                              "2027-12-27 2027-12-28");
  g_assert_false (sp_working_days_set_changes (wd, "2027-13-01 +\n", &error));
  g_assert_error (error, SP_WORKING_DAYS_ERROR, SP_WORKING_DAYS_ERROR_PARSE);
  g_assert_true (sp_working_days_is_holiday (wd, day ("2027-06-07")));
}

/* A referral unanswered since the Thursday before Easter is flagged on the sixth working
 * day, Good Friday and Easter Monday not counted: Tuesday 14, not Friday 10. */
static void
test_no_contact_flag (void)
{
  g_autoptr (SpWorkingDays) wd = sp_working_days_new ();
  g_autoptr (SpReferral) r = sp_referral_new ();

  r->person_id = g_strdup ("p");
  r->received_on = day ("2026-04-02");
  g_assert_cmpuint (sp_working_days_between (wd, day ("2026-04-02"), day ("2026-04-10")), ==, 4);
  g_assert_cmpuint (sp_working_days_add (wd, day ("2026-04-02"), 6), ==, day ("2026-04-14"));
  g_assert_cmpint (sp_referral_follow_up (r, day ("2026-04-10"), wd), ==, SP_FOLLOW_UP_NONE);
  g_assert_cmpint (sp_referral_follow_up (r, day ("2026-04-13"), wd), ==, SP_FOLLOW_UP_NONE);
  g_assert_cmpint (sp_referral_follow_up (r, day ("2026-04-14"), wd), ==, SP_FOLLOW_UP_NO_CONTACT);

  /* A contact starts the count again; a next contact date makes it due, then overdue. */
  sp_referral_add_contact (r, day ("2026-04-13"), SP_CONTACT_METHOD_PHONE, NULL, "tester");
  r->next_contact_on = day ("2026-04-16");
  g_assert_cmpint (sp_referral_follow_up (r, day ("2026-04-14"), wd), ==, SP_FOLLOW_UP_NONE);
  g_assert_cmpint (sp_referral_follow_up (r, day ("2026-04-16"), wd), ==, SP_FOLLOW_UP_DUE_TODAY);
  g_assert_cmpint (sp_referral_follow_up (r, day ("2026-04-17"), wd), ==, SP_FOLLOW_UP_OVERDUE);
  g_assert_cmpint (sp_referral_follow_up (r, day ("2026-04-21"), wd), ==,
                   SP_FOLLOW_UP_OVERDUE | SP_FOLLOW_UP_NO_CONTACT);
  /* Closed referrals need nothing. */
  r->status = SP_REFERRAL_STATUS_CLOSED;
  g_assert_cmpint (sp_referral_follow_up (r, day ("2026-04-21"), wd), ==, SP_FOLLOW_UP_NONE);
}

/* Every raw SWEMWBS score converts by Warwick's table; nothing outside 7–35 does. */
static void
test_swemwbs (void)
{
  const double table[] = {
    7.00, 9.51, 11.25, 12.40, 13.33, 14.08, 14.75, 15.32, 15.84, 16.36, 16.88, 17.43, 17.98, 18.59,
    19.25, 19.98, 20.73, 21.54, 22.35, 23.21, 24.11, 25.03, 26.02, 27.03, 28.13, 29.31, 30.70, 32.55, 35.00,
  };
  gint8 items[SP_SWEMWBS_N_ITEMS] = { 1, 2, 3, 4, 5, 1, 2 };

  for (int raw = 7; raw <= 35; raw++)
    g_assert_cmpfloat_with_epsilon (sp_swemwbs_metric (raw), table[raw - 7], 1e-9);
  g_assert_true (isnan (sp_swemwbs_metric (6)));
  g_assert_true (isnan (sp_swemwbs_metric (36)));
  g_assert_true (isnan (sp_swemwbs_metric (0)));

  g_assert_cmpint (sp_swemwbs_raw_from_items (items), ==, 18);
  items[3] = 0;
  g_assert_cmpint (sp_swemwbs_raw_from_items (items), ==, 0);
  items[3] = 6;
  g_assert_cmpint (sp_swemwbs_raw_from_items (items), ==, 0);

  /* 19 → 23 raw is 17.98 → 20.73 metric: 2.75, not meaningful; 19 → 24 is 3.56, meaningful. */
  g_assert_false (sp_swemwbs_is_meaningful (sp_swemwbs_metric (23) - sp_swemwbs_metric (19)));
  g_assert_true (sp_swemwbs_is_meaningful (sp_swemwbs_metric (24) - sp_swemwbs_metric (19)));
  g_assert_true (sp_swemwbs_is_meaningful (sp_swemwbs_metric (19) - sp_swemwbs_metric (24)));
}

/* The ONS bands at each edge, and anxiety where lower is better. */
static void
test_ons4 (void)
{
  const char *life[] = { "low", "low", "low", "low", "low", "medium", "medium", "high", "high",
                         "very high", "very high" };
  const char *anxious[] = { "very low", "very low", "low", "low", "medium", "medium", "high", "high",
                            "high", "high", "high" };

  for (int score = 0; score <= 10; score++)
    {
      g_assert_cmpstr (sp_ons4_band (SP_ONS4_LIFE_SATISFACTION, score), ==, life[score]);
      g_assert_cmpstr (sp_ons4_band (SP_ONS4_WORTHWHILE, score), ==, life[score]);
      g_assert_cmpstr (sp_ons4_band (SP_ONS4_HAPPY, score), ==, life[score]);
      g_assert_cmpstr (sp_ons4_band (SP_ONS4_ANXIOUS, score), ==, anxious[score]);
    }
  g_assert_null (sp_ons4_band (SP_ONS4_HAPPY, 11));
  g_assert_null (sp_ons4_band (SP_ONS4_HAPPY, -1));
  g_assert_cmpfloat (sp_ons4_improvement (SP_ONS4_HAPPY, 4, 7), ==, 3);
  g_assert_cmpfloat (sp_ons4_improvement (SP_ONS4_ANXIOUS, 7, 4), ==, 3);
  g_assert_true (g_str_has_prefix (sp_ons4_question_text (SP_ONS4_LIFE_SATISFACTION), "Overall, how satisfied"));
  g_assert_nonnull (strstr (sp_ons4_question_text (SP_ONS4_ANXIOUS), "not at all anxious"));
}

/* new → contacted → accepted → active → closed; declined and closed need their reason;
 * no step back; SNOMED codes for accepting and declining. */
static void
test_workflow (void)
{
  g_autoptr (SpReferral) r = sp_referral_new ();
  g_autoptr (GError) error = NULL;
  const char *term = NULL;
  g_autoptr (GDateTime) moment = g_date_time_new_utc (2026, 3, 2, 10, 0, 0);
  gint64 at = g_date_time_to_unix (moment);

  r->received_on = day ("2026-03-01");
  g_assert_false (sp_referral_change_status (r, SP_REFERRAL_STATUS_ACTIVE, NULL, "a", at, &error));
  g_assert_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_TRANSITION);
  g_clear_error (&error);
  g_assert_true (sp_referral_change_status (r, SP_REFERRAL_STATUS_CONTACTED, NULL, "a", at, &error));
  g_assert_cmpuint (r->first_contact_on, ==, day ("2026-03-02"));
  g_assert_false (sp_referral_change_status (r, SP_REFERRAL_STATUS_DECLINED, "", "a", at, &error));
  g_assert_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (sp_referral_change_status (r, SP_REFERRAL_STATUS_ACCEPTED, NULL, "a", at + 86400, &error));
  g_assert_true (r->accepted);
  g_assert_true (sp_referral_change_status (r, SP_REFERRAL_STATUS_ACTIVE, NULL, "b", at + 2 * 86400, &error));
  g_assert_false (sp_referral_change_status (r, SP_REFERRAL_STATUS_CLOSED, NULL, "b", at + 9 * 86400, &error));
  g_clear_error (&error);
  g_assert_true (sp_referral_change_status (r, SP_REFERRAL_STATUS_CLOSED, "Goals met", "b", at + 9 * 86400, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r->closed_on, ==, day ("2026-03-11"));
  g_assert_false (sp_referral_can_change_status (SP_REFERRAL_STATUS_CLOSED, SP_REFERRAL_STATUS_ACTIVE));
  g_assert_cmpuint (r->history->len, ==, 4);
  g_assert_cmpstr (g_array_index (r->history, SpStatusChange, 3).by, ==, "b");
  g_assert_cmpint (g_array_index (r->history, SpStatusChange, 3).at, ==, at + 9 * 86400);

  g_assert_cmpstr (sp_referral_snomed_code (SP_REFERRAL_STATUS_ACCEPTED, &term), ==, "871731000000106");
  g_assert_cmpstr (term, ==, "Referral to social prescribing service");
  g_assert_cmpstr (sp_referral_snomed_code (SP_REFERRAL_STATUS_DECLINED, &term), ==, "871711000000103");
  g_assert_cmpstr (term, ==, "Social prescribing declined");
  g_assert_null (sp_referral_snomed_code (SP_REFERRAL_STATUS_ACTIVE, NULL));
}

/* The forms ask the questions in the published words, and SWEMWBS answers in its five. */
static void
test_wording (void)
{
  const char *ons4[] = {
    "Overall, how satisfied are you with your life nowadays?",
    "Overall, to what extent do you feel that the things you do in your life are worthwhile?",
    "Overall, how happy did you feel yesterday?",
    "On a scale where nought is ‘not at all anxious’ and 10 is ‘completely anxious’, overall, how anxious did "
    "you feel yesterday?",
  };
  const char *swemwbs[] = {
    "I’ve been feeling optimistic about the future", "I’ve been feeling useful", "I’ve been feeling relaxed",
    "I’ve been dealing with problems well", "I’ve been thinking clearly", "I’ve been feeling close to other people",
    "I’ve been able to make up my own mind about things",
  };
  const char *answers[] = { "None of the time", "Rarely", "Some of the time", "Often", "All of the time" };
  const char *nought, *ten;

  for (guint q = 0; q < SP_ONS4_N_QUESTIONS; q++)
    g_assert_cmpstr (sp_ons4_question_text (q), ==, ons4[q]);
  for (guint i = 0; i < SP_SWEMWBS_N_ITEMS; i++)
    g_assert_cmpstr (sp_swemwbs_item_text (i), ==, swemwbs[i]);
  for (int score = 1; score <= 5; score++)
    g_assert_cmpstr (sp_swemwbs_answer_label (score), ==, answers[score - 1]);
  g_assert_null (sp_swemwbs_answer_label (0));
  g_assert_null (sp_swemwbs_answer_label (6));
  sp_ons4_scale_ends (SP_ONS4_ANXIOUS, &nought, &ten);
  g_assert_cmpstr (nought, ==, "not at all anxious");
  g_assert_cmpstr (ten, ==, "completely anxious");
}

/* Each reason's directory category is a top-level term of the sample directory's taxonomy. */
static void
test_reason_categories (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("SIGNPOST_SOURCE_ROOT"), "data", "sample-directory.json", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GHashTable) top = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GError) error = NULL;
  JsonArray *services;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  services = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "contents");
  for (guint i = 0; i < json_array_get_length (services); i++)
    {
      JsonArray *attributes = json_object_get_array_member (json_array_get_object_element (services, i), "attributes");
      for (guint j = 0; attributes != NULL && j < json_array_get_length (attributes); j++)
        {
          JsonObject *term = json_object_get_object_member (json_array_get_object_element (attributes, j),
                                                            "taxonomy_term");
          if (!json_object_has_member (term, "parent_id") || json_object_get_null_member (term, "parent_id"))
            g_hash_table_add (top, (gpointer) json_object_get_string_member (term, "code"));
        }
    }
  for (SpReason reason = 0; reason < SP_N_REASONS; reason++)
    {
      const char *code = sp_reason_directory_category (reason);
      if (reason == SP_REASON_EMPLOYMENT)
        g_assert_null (code);
      else
        g_assert_true (g_hash_table_contains (top, code));
    }
  g_assert_cmpstr (sp_reason_directory_category (SP_REASON_LONELINESS), ==, "friendship");
  g_assert_cmpstr (sp_reason_directory_category (SP_REASON_PHYSICAL_ACTIVITY), ==, "active");
}

static void
test_name_key (void)
{
  g_autofree char *a = sp_name_match_key ("  Testperson  O'Álpha-Beta ");
  g_autofree char *b = sp_name_match_key ("testperson oalpha beta");

  g_assert_cmpstr (a, ==, b);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/signpost/referral-model/nhs-number", test_nhs_number);
  g_test_add_func ("/signpost/referral-model/easter", test_easter);
  g_test_add_func ("/signpost/referral-model/bank-holidays", test_bank_holidays);
  g_test_add_func ("/signpost/referral-model/no-contact-flag", test_no_contact_flag);
  g_test_add_func ("/signpost/referral-model/swemwbs", test_swemwbs);
  g_test_add_func ("/signpost/referral-model/ons4", test_ons4);
  g_test_add_func ("/signpost/referral-model/workflow", test_workflow);
  g_test_add_func ("/signpost/referral-model/wording", test_wording);
  g_test_add_func ("/signpost/referral-model/reason-categories", test_reason_categories);
  g_test_add_func ("/signpost/referral-model/name-key", test_name_key);
  return g_test_run ();
}
