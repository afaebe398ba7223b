/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-referral-report.c: the commissioners' figures on a generated caseload, checked
 * against totals counted here another way; the CSV holds no personal field and hides small
 * counts; the PDF reads back. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sp-referral-fixture.h"
#include "sp-referral-report.h"
#include "sp-test-util.h"

typedef struct
{
  char *dir;
  SpReferralStore *store;
  GPtrArray *referrals;
  SpDay from;
  SpDay to;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autofree char *data_dir = NULL;

  f->dir = sp_test_make_tmpdir ();
  data_dir = g_build_filename (f->dir, "data", NULL);
  f->store = sp_test_referral_store_new (data_dir);
  sp_test_generate_caseload (f->store, 300, 420, sp_day_parse ("2025-01-01"), sp_day_parse ("2025-12-31"), 7);
  f->referrals = sp_referral_store_dup_referrals (f->store);
  f->from = sp_day_parse ("2025-02-01");
  f->to = sp_day_parse ("2025-10-31");
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_clear_pointer (&f->referrals, g_ptr_array_unref);
  g_clear_object (&f->store);
  sp_test_remove_tree (f->dir);
  g_free (f->dir);
}

static double
value_of (SpReferralReport *report,
          const char       *measure,
          const char       *group)
{
  const SpReportFigure *figure = sp_referral_report_lookup (report, measure, group);

  if (figure == NULL)
    g_error ("No figure %s,%s", measure, group ? group : "");
  return figure->value;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* Each figure equals what a plain count over the referrals in range gives. */
static void
test_figures (Fixture      *f,
              gconstpointer data)
{
  g_autoptr (SpReferralReport) report = sp_referral_report_new (f->referrals, f->from, f->to);
  g_autoptr (GArray) days = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GHashTable) latest = g_hash_table_new (g_str_hash, g_str_equal);
  guint received = 0, accepted = 0, gp = 0, closed = 0, loneliness = 0, march = 0;
  double change_sum = 0;
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < f->referrals->len; i++)
    {
      SpReferral *r = f->referrals->pdata[i];
      g_autofree char *day = sp_day_format (r->received_on);

      if (r->received_on < f->from || r->received_on > f->to)
        continue;
      received++;
      accepted += r->status == SP_REFERRAL_STATUS_ACCEPTED || r->status == SP_REFERRAL_STATUS_ACTIVE ||
                  r->status == SP_REFERRAL_STATUS_CLOSED;
      gp += r->source == SP_REFERRAL_SOURCE_GP;
      closed += r->status == SP_REFERRAL_STATUS_CLOSED;
      loneliness += (r->reasons & (1u << SP_REASON_LONELINESS)) != 0;
      march += g_str_has_prefix (day, "2025-03");
      if (r->first_contact_on != 0)
        {
          double d = r->first_contact_on - r->received_on;
          g_array_append_val (days, d);
        }
      if (sp_outcome_swemwbs_raw (&r->first) > 0 && sp_outcome_swemwbs_raw (&r->review) > 0)
        {
          SpReferral *kept = g_hash_table_lookup (latest, r->person_id);
          if (kept == NULL || kept->received_on < r->received_on ||
              (kept->received_on == r->received_on && strcmp (kept->id, r->id) < 0))
            g_hash_table_insert (latest, r->person_id, r);
        }
    }
  g_hash_table_iter_init (&iter, latest);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      SpReferral *r = value;
      change_sum += sp_swemwbs_metric (sp_outcome_swemwbs_raw (&r->review)) -
                    sp_swemwbs_metric (sp_outcome_swemwbs_raw (&r->first));
    }
  g_array_sort (days, compare_doubles);

  g_assert_cmpuint (received, >, 100);
  g_assert_cmpfloat (value_of (report, "referrals_received", NULL), ==, received);
  g_assert_cmpfloat (value_of (report, "referrals_by_source", "gp"), ==, gp);
  g_assert_cmpfloat (value_of (report, "referrals_by_status", "closed"), ==, closed);
  g_assert_cmpfloat (value_of (report, "referrals_by_reason", "loneliness"), ==, loneliness);
  g_assert_cmpfloat (value_of (report, "referrals_by_month", "2025-03"), ==, march);
  g_assert_null (sp_referral_report_lookup (report, "referrals_by_month", "2025-01"));
  g_assert_nonnull (sp_referral_report_lookup (report, "referrals_by_month", "2025-10"));
  g_assert_cmpfloat_with_epsilon (value_of (report, "accepted_rate", NULL), (double) accepted / received, 1e-9);
  g_assert_cmpfloat (value_of (report, "median_days_to_first_contact", NULL), ==,
                     days->len % 2 ? g_array_index (days, double, days->len / 2)
                                   : (g_array_index (days, double, days->len / 2 - 1) +
                                      g_array_index (days, double, days->len / 2)) / 2);
  g_assert_cmpfloat (value_of (report, "swemwbs_people_with_both", NULL), ==, g_hash_table_size (latest));
  g_assert_cmpfloat_with_epsilon (value_of (report, "swemwbs_metric_change_mean", NULL),
                                  change_sum / g_hash_table_size (latest), 1e-9);
  {
    double sources = 0;
    for (SpReferralSource s = 0; s < SP_REFERRAL_N_SOURCES; s++)
      sources += value_of (report, "referrals_by_source", sp_referral_source_to_string (s));
    g_assert_cmpfloat (sources, ==, received);
  }
}

/* The CSV is long-form counts: a fixed header, three fields a row, no personal value, and
 * nothing from 1 to 4. */
static void
test_csv (Fixture      *f,
          gconstpointer data)
{
  g_autoptr (SpReferralReport) report = sp_referral_report_new (f->referrals, f->from, f->to);
  g_autoptr (GPtrArray) people = sp_referral_store_dup_people (f->store);
  g_autofree char *csv = sp_referral_report_to_csv (report);
  g_auto (GStrv) lines = g_strsplit (csv, "\n", -1);
  guint suppressed = 0;

  g_assert_cmpstr (lines[0], ==, "measure,group,value");
  for (guint i = 1; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_auto (GStrv) fields = g_strsplit (lines[i], ",", -1);
      guint64 count;

      g_assert_cmpuint (g_strv_length (fields), ==, 3);
      suppressed += g_str_equal (fields[2], "<5");
      if (g_ascii_string_to_unsigned (fields[2], 10, 0, G_MAXUINT, &count, NULL))
        g_assert_true (count == 0 || count >= 5);
    }
  for (guint i = 0; i < people->len; i++)
    {
      SpPerson *p = people->pdata[i];
      g_assert_null (strstr (csv, p->name));
      g_assert_null (strstr (csv, p->nhs_number));
      g_assert_null (strstr (csv, p->postcode));
    }
  g_assert_null (strstr (csv, "Testperson"));
  g_assert_nonnull (strstr (csv, "\nreferrals_by_status,accepted,"));
  g_assert_nonnull (strstr (csv, "\naccepted_rate,,0."));
  g_assert_nonnull (strstr (csv, "\nreferrals_by_month,2025-03,"));

  /* A range of a few days: its counts are all hidden, and so are its rates. */
  {
    g_autoptr (SpReferralReport) narrow = NULL;
    g_autofree char *narrow_csv = NULL;
    SpDay day = 0;

    /* A day on which 1 to 4 referrals were received (the fixture is random: the first
     * referral's day may hold 5 or more, whose count is then rightly shown). */
    for (guint i = 0; i < f->referrals->len && day == 0; i++)
      {
        SpDay candidate = ((SpReferral *) f->referrals->pdata[i])->received_on;
        guint on_day = 0;

        for (guint j = 0; j < f->referrals->len; j++)
          on_day += ((SpReferral *) f->referrals->pdata[j])->received_on == candidate;
        if (on_day < 5)
          day = candidate;
      }
    g_assert_cmpint (day, !=, 0);

    narrow = sp_referral_report_new (f->referrals, day, day);
    narrow_csv = sp_referral_report_to_csv (narrow);
    g_assert_nonnull (strstr (narrow_csv, "\nreferrals_received,,<5\n"));
    g_assert_nonnull (strstr (narrow_csv, "\naccepted_rate,,<5\n"));
    g_assert_null (strstr (narrow_csv, ",1\n"));
    g_assert_null (strstr (narrow_csv, ",2\n"));
  }
  (void) suppressed;
}

/* A service name with a comma is quoted, as RFC 4180 asks. */
static void
test_csv_quoting (Fixture      *f,
                  gconstpointer data)
{
  g_autoptr (GPtrArray) some = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_referral_unref);
  g_autoptr (SpReferralReport) report = NULL;
  g_autofree char *csv = NULL;

  for (guint i = 0; i < 6; i++)
    {
      SpReferral *r = sp_referral_copy (f->referrals->pdata[i]);
      r->received_on = sp_day_parse ("2025-06-02");
      sp_referral_add_service (r, "svc-comma", "Tea, Cake \"and\" Chat", SP_SERVICE_LINK_REFERRED, r->received_on);
      g_ptr_array_add (some, r);
    }
  report = sp_referral_report_new (some, sp_day_parse ("2025-06-01"), sp_day_parse ("2025-06-30"));
  csv = sp_referral_report_to_csv (report);
  g_assert_nonnull (strstr (csv, "\nservices_referred,\"Tea, Cake \"\"and\"\" Chat\",6\n"));
}

/* The PDF has the headings, the figures and the suppression note, read back by pdftotext. */
static void
test_pdf (Fixture      *f,
          gconstpointer data)
{
  g_autoptr (SpReferralReport) report = sp_referral_report_new (f->referrals, f->from, f->to);
  g_autoptr (GError) error = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "report.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *received = NULL;
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  int status = 0;

  g_assert_true (sp_referral_report_write_pdf (report, pdf, &error));
  g_assert_no_error (error);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &text, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "Social prescribing report"));
  g_assert_nonnull (strstr (text, "Referrals received from 2025-02-01 to 2025-10-31"));
  g_assert_nonnull (strstr (text, "Referrals by source"));
  g_assert_nonnull (strstr (text, "Another agency"));
  g_assert_nonnull (strstr (text, "Mar 2025"));
  g_assert_nonnull (strstr (text, "SWEMWBS metric change (mean)"));
  received = g_strdup_printf ("%.0f", value_of (report, "referrals_received", NULL));
  g_assert_nonnull (strstr (text, received));
  g_assert_null (strstr (text, "Testperson"));
  {
    g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ?: ".", "screenshots", NULL);
    g_autofree char *kept = g_build_filename (dir, "referral-report.pdf", NULL);
    g_autofree char *contents = NULL;
    gsize length;

    /* Kept for people to look at, like the slips. */
    g_mkdir_with_parents (dir, 0755);
    g_file_get_contents (pdf, &contents, &length, NULL);
    g_file_set_contents (kept, contents, length, NULL);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
#define ADD(path, func) g_test_add ("/signpost/referral-report/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("figures", test_figures);
  ADD ("csv", test_csv);
  ADD ("csv-quoting", test_csv_quoting);
  ADD ("pdf", test_pdf);
#undef ADD
  return g_test_run ();
}
