/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-referral-cli.c: signpost-cli referrals init, import and report, through the real binary,
 * the passphrase always given on a file descriptor. */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "sp-nhs-number.h"
#include "sp-referral-fixture.h"
#include "sp-test-util.h"

#define HEADER "name,date_of_birth,nhs_number,postcode,phone,referred_on,source,reasons,status," \
               "first_contact_on,closed_on,swemwbs_first,swemwbs_review\n"

typedef struct
{
  char *dir;
  char *data_dir;
  char *secret;     /* a file holding the passphrase */
} Fixture;

/* Runs signpost-cli with the passphrase on fd 3; returns its exit status. */
static int
run (Fixture    *f,
     char      **out,
     char      **err,
     const char *first,
     ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  va_list args;
  int fd = g_open (f->secret, O_RDONLY, 0);

  g_assert_cmpint (fd, >=, 0);
  g_ptr_array_add (argv, (gpointer) g_getenv ("SIGNPOST_CLI"));
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, (gpointer) "--data-dir");
  g_ptr_array_add (argv, f->data_dir);
  g_ptr_array_add (argv, (gpointer) "--passphrase-fd");
  g_ptr_array_add (argv, (gpointer) "3");
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_take_fd (launcher, fd, 3);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (process);
}

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  f->dir = sp_test_make_tmpdir ();
  f->data_dir = g_build_filename (f->dir, "data", NULL);
  f->secret = sp_test_write_tmp (f->dir, "secret", SP_TEST_PASSPHRASE "\n", -1);
  if (run (f, &out, &err, "referrals", "init", "--account", SP_TEST_ACCOUNT, "--training", NULL) != 0)
    g_error ("referrals init failed: %s", err);
  g_assert_nonnull (strstr (out, "training referral store"));
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  sp_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->data_dir);
  g_free (f->secret);
}

static char *
fake_nhs (guint n)
{
  char *number;
  guint64 nine = 999100000 + n * 7;

  while ((number = sp_nhs_number_make_valid (nine)) == NULL)
    nine++;
  return number;
}

static SpReferralStore *
signed_in_store (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = sp_referral_store_path_in (f->data_dir);
  SpReferralStore *store = sp_referral_store_open (path, &error);

  g_assert_no_error (error);
  sp_referral_store_sign_in (store, SP_TEST_ACCOUNT, SP_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  return store;
}

/* A good file imports every row; one person on two rows is one person with two referrals,
 * marked as consenting before the import. */
static void
test_import (Fixture      *f,
             gconstpointer data)
{
  g_autofree char *a = fake_nhs (1);
  g_autofree char *b = fake_nhs (2);
  g_autofree char *csv = g_strdup_printf (HEADER
    "Testperson Alpha,1950-01-02,%s,ZZ99 1ZZ,01632 960001,2025-03-03,gp,loneliness;food,active,2025-03-05,,19,\n"
    "\"Testperson Alpha\",1950-01-02,%s,ZZ99 1ZZ,,2025-09-01,self,money;Testreason free text,closed,2025-09-02,2025-11-30,20,26\n"
    "Testperson Bravo,1941-12-31,%s,,,2025-04-04,agency,bereavement,new,,,,\n", a, a, b);
  g_autofree char *path = sp_test_write_tmp (f->dir, "caseload.csv", csv, -1);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (SpReferralStore) store = NULL;
  g_autoptr (GPtrArray) people = NULL;
  g_autoptr (GPtrArray) of_alpha = NULL;
  SpPerson *alpha;

  g_assert_cmpint (run (f, &out, &err, "referrals", "import", path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Imported 3 referrals"));
  g_assert_nonnull (strstr (out, "2 people added"));

  store = signed_in_store (f);
  people = sp_referral_store_dup_people (store);
  g_assert_cmpuint (people->len, ==, 2);
  alpha = sp_referral_store_find_by_nhs_number (store, a);
  g_assert_nonnull (alpha);
  g_assert_cmpint (alpha->consent_method, ==, SP_CONSENT_BEFORE_IMPORT);
  g_assert_cmpuint (alpha->consent_on, ==, sp_day_today ());
  g_assert_cmpstr (alpha->postcode, ==, "ZZ99 1ZZ");
  of_alpha = sp_referral_store_referrals_of (store, alpha->id);
  g_assert_cmpuint (of_alpha->len, ==, 2);
  {
    SpReferral *second = of_alpha->pdata[1];
    g_assert_cmpint (second->status, ==, SP_REFERRAL_STATUS_CLOSED);
    g_assert_cmpint (second->source, ==, SP_REFERRAL_SOURCE_SELF);
    g_assert_cmpuint (second->reasons, ==, 1u << SP_REASON_MONEY);
    g_assert_cmpstr (second->other_reasons, ==, "Testreason free text");
    g_assert_cmpuint (second->closed_on, ==, sp_day_parse ("2025-11-30"));
    g_assert_cmpint (sp_outcome_swemwbs_raw (&second->review), ==, 26);
  }

  /* Importing again matches the people already there. */
  g_clear_object (&store);
  g_free (out);
  g_free (err);
  g_assert_cmpint (run (f, &out, &err, "referrals", "import", path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "0 people added, 3 matched"));
}

/* Rows that break a rule are listed by line and column; nothing is imported unless
 * --skip-bad-rows, which imports the rest. */
static void
test_import_bad_rows (Fixture      *f,
                      gconstpointer data)
{
  g_autofree char *a = fake_nhs (3);
  g_autofree char *b = fake_nhs (4);
  g_autofree char *csv = g_strdup_printf (HEADER
    "Testperson Charlie,1950-01-02,%s,,,2025-03-03,gp,loneliness,new,,,,\n"
    "Testperson Delta,1950-13-02,999 000 0000,,,2025-03-03,doctor,,waiting,,,40,\n"
    "Testperson Echo,1960-05-05,%s,,,2025-03-03,nurse,food,closed,,,,\n"
    "Testperson Other,1970-05-05,%s,,,2025-03-03,nurse,food,new,,,,\n", a, b, a);
  g_autofree char *path = sp_test_write_tmp (f->dir, "bad.csv", csv, -1);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (SpReferralStore) store = NULL;
  g_autoptr (GPtrArray) people = NULL;

  g_assert_cmpint (run (f, &out, &err, "referrals", "import", path, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "line 3, date_of_birth:"));
  g_assert_nonnull (strstr (err, "line 3, nhs_number:"));
  g_assert_nonnull (strstr (err, "line 3, source:"));
  g_assert_nonnull (strstr (err, "line 3, reasons:"));
  g_assert_nonnull (strstr (err, "line 3, status:"));
  g_assert_nonnull (strstr (err, "line 3, swemwbs_first:"));
  g_assert_nonnull (strstr (err, "line 4, closed_on:"));
  g_assert_nonnull (strstr (err, "line 5, nhs_number: the same NHS number as line 2"));
  g_assert_nonnull (strstr (err, "nothing was imported"));
  g_assert_null (strstr (err, "Testperson"));
  store = signed_in_store (f);
  people = sp_referral_store_dup_people (store);
  g_assert_cmpuint (people->len, ==, 0);
  g_clear_object (&store);

  g_free (out);
  g_free (err);
  g_assert_cmpint (run (f, &out, &err, "referrals", "import", path, "--skip-bad-rows", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Imported 1 referrals"));
  g_assert_nonnull (strstr (out, "3 rows skipped"));
}

/* A wrong passphrase is refused; the report writes CSV and PDF with counts only. */
static void
test_report (Fixture      *f,
             gconstpointer data)
{
  g_autoptr (SpReferralStore) store = signed_in_store (f);
  g_autofree char *csv = g_build_filename (f->dir, "report.csv", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "report.pdf", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *wrong = sp_test_write_tmp (f->dir, "wrong", "not it at all\n", -1);

  sp_test_generate_caseload (store, 60, 80, sp_day_parse ("2025-01-01"), sp_day_parse ("2025-06-30"), 3);
  g_clear_object (&store);

  g_assert_cmpint (run (f, &out, &err, "referrals", "report", "--from", "2025-01-01", "--to", "2025-06-30",
                        "--csv", csv, "--pdf", pdf, NULL), ==, 0);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "measure,group,value\nreferrals_received,,80\n"));
  g_assert_nonnull (strstr (contents, "\nreferrals_by_month,2025-03,"));
  g_assert_null (strstr (contents, "Testperson"));
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  /* Without a file, the CSV goes to standard output. */
  g_free (out);
  g_free (err);
  g_assert_cmpint (run (f, &out, &err, "referrals", "report", "--from", "2025-01-01", "--to", "2025-06-30", NULL), ==, 0);
  g_assert_cmpstr (out, ==, contents);

  g_free (out);
  g_free (err);
  g_free (f->secret);
  f->secret = g_strdup (wrong);
  g_assert_cmpint (run (f, &out, &err, "referrals", "report", "--from", "2025-01-01", "--to", "2025-06-30", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "passphrase is not right"));
  g_assert_cmpstr (out, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
#define ADD(path, func) g_test_add ("/signpost/referral-cli/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("import", test_import);
  ADD ("import-bad-rows", test_import_bad_rows);
  ADD ("report", test_report);
#undef ADD
  return g_test_run ();
}
