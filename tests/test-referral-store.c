/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-referral-store.c: the encrypted referral store: accounts, records, the audit log,
 * retention, backup and restore, and that nothing personal reaches the disk in the clear. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "sp-nhs-number.h"
#include "sp-referral-fixture.h"
#include "sp-referral-store-testing.h"
#include "sp-test-util.h"

#define SECOND_ACCOUNT "Test Worker Two"
#define SECOND_PASSPHRASE "another test passphrase"

typedef struct
{
  char *dir;
  char *data_dir;
  char *path;
  SpReferralStore *store;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  f->dir = sp_test_make_tmpdir ();
  f->data_dir = g_build_filename (f->dir, "data", NULL);
  f->path = sp_referral_store_path_in (f->data_dir);
  f->store = sp_test_referral_store_new (f->data_dir);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_clear_object (&f->store);
  sp_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->data_dir);
  g_free (f->path);
}

static SpPerson *
save_person (Fixture *f,
             guint    n)
{
  g_autoptr (GError) error = NULL;
  SpPerson *p = sp_test_person_new (n);

  g_assert_true (sp_referral_store_save_person (f->store, p, &error));
  g_assert_no_error (error);
  g_assert_nonnull (p->id);
  return p;
}

static void
sign_in (Fixture    *f,
         const char *account,
         const char *passphrase)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (sp_referral_store_sign_in (f->store, account, passphrase, &error));
  g_assert_no_error (error);
}

/* Opens the file a second time with plain SQLite, as someone with the file but no key. */
static SpReferralRawFile *
open_raw (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  SpReferralRawFile *raw = sp_referral_raw_file_open (f->path, &error);

  g_assert_no_error (error);
  return raw;
}

static void
exec_raw (SpReferralRawFile *raw,
          const char        *sql)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (sp_referral_raw_file_exec (raw, sql, &error));
  g_assert_no_error (error);
}

/* Every field of a person and a referral, saved, locked and read back after signing in. */
static void
test_round_trip (Fixture      *f,
                 gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpPerson) p = sp_test_person_new (1);
  g_autoptr (SpReferral) r = NULL;
  g_autofree char *person_text = NULL;
  g_autofree char *referral_text = NULL;
  g_autofree char *person_id = NULL;
  g_autofree char *referral_id = NULL;
  SpPerson *loaded_person;
  SpReferral *loaded_referral;

  p->address = g_strdup ("1 Test Row, Testtown");
  p->email = g_strdup ("alpha@example.invalid");
  p->language = g_strdup ("cy");
  p->interpreter = TRUE;
  p->carer = SP_CARER_ROLE_CARER;
  p->gp_practice = g_strdup ("Test Surgery");
  p->preferred_contact = SP_CONTACT_METHOD_LETTER;
  g_assert_true (sp_referral_store_save_person (f->store, p, &error));
  g_assert_no_error (error);
  g_assert_true (p->training);
  g_assert_cmpstr (p->created_by, ==, SP_TEST_ACCOUNT);

  r = sp_test_referral_new (p, 3, sp_day_parse ("2026-02-10"));
  r->other_reasons = g_strdup ("Testreason free text");
  r->notes = g_strdup ("Testnote free text");
  sp_referral_change_status (r, SP_REFERRAL_STATUS_CONTACTED, NULL, SP_TEST_ACCOUNT, 1770800000, NULL);
  sp_referral_add_service (r, "svc-a", "Test Service A", SP_SERVICE_LINK_REFERRED, sp_day_parse ("2026-02-12"));
  sp_referral_add_contact (r, sp_day_parse ("2026-02-12"), SP_CONTACT_METHOD_PHONE, "Left a message", SP_TEST_ACCOUNT);
  r->first.taken_on = sp_day_parse ("2026-02-12");
  r->first.ons4[0] = 4;
  r->first.ons4[1] = 5;
  r->first.ons4[2] = 6;
  r->first.ons4[3] = 7;
  r->first.swemwbs_raw = 19;
  g_assert_true (sp_referral_store_save_referral (f->store, r, &error));
  g_assert_no_error (error);

  person_text = sp_test_person_describe (p);
  referral_text = sp_test_referral_describe (r);
  person_id = g_strdup (p->id);
  referral_id = g_strdup (r->id);

  sp_referral_store_lock (f->store);
  g_assert_false (sp_referral_store_is_signed_in (f->store));
  g_assert_null (sp_referral_store_get_person (f->store, person_id));
  g_clear_object (&f->store);

  f->store = sp_referral_store_open (f->path, &error);
  g_assert_no_error (error);
  sign_in (f, SP_TEST_ACCOUNT, SP_TEST_PASSPHRASE);
  loaded_person = sp_referral_store_get_person (f->store, person_id);
  loaded_referral = sp_referral_store_get_referral (f->store, referral_id);
  g_assert_nonnull (loaded_person);
  g_assert_nonnull (loaded_referral);
  {
    g_autofree char *again_person = sp_test_person_describe (loaded_person);
    g_autofree char *again_referral = sp_test_referral_describe (loaded_referral);
    g_assert_cmpstr (again_person, ==, person_text);
    g_assert_cmpstr (again_referral, ==, referral_text);
  }

  /* A change is a copy saved; the store then holds the new version. */
  {
    g_autoptr (SpReferral) changed = sp_referral_copy (loaded_referral);
    g_autoptr (GPtrArray) of_person = NULL;

    g_assert_true (sp_referral_change_status (changed, SP_REFERRAL_STATUS_ACCEPTED, NULL, SP_TEST_ACCOUNT,
                                              1770900000, &error));
    g_assert_true (sp_referral_store_save_referral (f->store, changed, &error));
    g_assert_no_error (error);
    g_assert_cmpint (sp_referral_store_get_referral (f->store, referral_id)->status, ==, SP_REFERRAL_STATUS_ACCEPTED);
    of_person = sp_referral_store_referrals_of (f->store, person_id);
    g_assert_cmpuint (of_person->len, ==, 1);
  }
}

/* A referral is refused until the person's consent is recorded. */
static void
test_consent_first (Fixture      *f,
                    gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpPerson) p = sp_test_person_new (2);
  g_autoptr (SpReferral) r = NULL;

  p->consent_method = SP_CONSENT_NONE;
  p->consent_on = 0;
  g_assert_true (sp_referral_store_save_person (f->store, p, &error));
  r = sp_test_referral_new (p, 1, sp_day_parse ("2026-01-05"));
  g_assert_false (sp_referral_store_save_referral (f->store, r, &error));
  g_assert_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_NO_CONSENT);
  g_assert_null (r->id);
}

/* Training stores take only 999 numbers and mark everything; others never take them. */
static void
test_training (Fixture      *f,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpPerson) real = sp_test_person_new (3);
  g_autofree char *other_dir = g_build_filename (f->dir, "other", NULL);
  g_autofree char *other_path = sp_referral_store_path_in (other_dir);
  g_autoptr (SpReferralStore) other = NULL;
  g_autoptr (SpPerson) fake = sp_test_person_new (4);

  g_free (real->nhs_number);
  real->nhs_number = g_strdup ("9434765919");
  g_assert_false (sp_referral_store_save_person (f->store, real, &error));
  g_assert_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "nhs_number"));
  g_clear_error (&error);

  g_mkdir_with_parents (other_dir, 0700);
  other = sp_referral_store_open (other_path, &error);
  g_assert_no_error (error);
  g_assert_true (sp_referral_store_create_first_account (other, SP_TEST_ACCOUNT, SP_TEST_PASSPHRASE, &error));
  g_assert_false (sp_referral_store_get_training (other));
  g_assert_false (sp_referral_store_save_person (other, fake, &error));
  g_assert_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "999"));
  g_clear_error (&error);
  /* A bad check digit is refused anywhere. */
  g_free (real->nhs_number);
  real->nhs_number = g_strdup ("9876544321");
  g_assert_false (sp_referral_store_save_person (other, real, &error));
  g_assert_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_INVALID);
}

/* A wrong passphrase is refused clearly; from the third in a row, attempts must wait. */
static void
test_wrong_passphrase (Fixture      *f,
                       gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpPerson) p = save_person (f, 5);
  g_autoptr (GPtrArray) audit = NULL;
  SpReferralRawFile *db;

  sp_referral_store_lock (f->store);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_false (sp_referral_store_sign_in (f->store, SP_TEST_ACCOUNT, "not the passphrase", &error));
      g_assert_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_WRONG_PASSPHRASE);
      g_assert_nonnull (strstr (error->message, SP_TEST_ACCOUNT));
      g_clear_error (&error);
      g_assert_false (sp_referral_store_is_signed_in (f->store));
      g_assert_null (sp_referral_store_get_person (f->store, p->id));
    }
  g_assert_cmpuint (sp_referral_sign_in_delay (2), ==, 0);
  g_assert_cmpuint (sp_referral_sign_in_delay (3), ==, 2);
  g_assert_cmpuint (sp_referral_sign_in_delay (4), ==, 4);
  g_assert_cmpuint (sp_referral_sign_in_delay (5), <, sp_referral_sign_in_delay (6));
  g_assert_cmpuint (sp_referral_sign_in_delay (100), ==, 300);

  /* Even the right passphrase waits its turn. */
  g_assert_false (sp_referral_store_sign_in (f->store, SP_TEST_ACCOUNT, SP_TEST_PASSPHRASE, &error));
  g_assert_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_TOO_SOON);
  g_clear_error (&error);
  g_assert_false (sp_referral_store_sign_in (f->store, "Nobody", SP_TEST_PASSPHRASE, &error));
  g_assert_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_NO_ACCOUNT);
  g_clear_error (&error);

  /* Once the wait is over (moved back in time here), it opens, and says what happened. */
  db = open_raw (f);
  exec_raw (db, "UPDATE account SET last_failure_at = last_failure_at - 10");
  sp_referral_raw_file_close (db);
  sign_in (f, SP_TEST_ACCOUNT, SP_TEST_PASSPHRASE);
  g_assert_nonnull (sp_referral_store_get_person (f->store, p->id));
  audit = sp_referral_store_list_audit (f->store, &error);
  g_assert_no_error (error);
  {
    SpAuditEntry *last = audit->pdata[audit->len - 1];
    g_assert_cmpstr (last->action, ==, "sign-in");
    g_assert_cmpstr (last->detail, ==, "after 3 failed attempts");
  }
}

/* A second account is added by someone signed in, and opens the same records; passphrase
 * changes re-wrap one account's key and leave the other alone. */
static void
test_accounts (Fixture      *f,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpPerson) p = save_person (f, 6);
  g_auto (GStrv) names = NULL;

  g_assert_false (sp_referral_store_add_account (f->store, SECOND_ACCOUNT, "short", &error));
  g_assert_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_WEAK_PASSPHRASE);
  g_clear_error (&error);
  g_assert_true (sp_referral_store_add_account (f->store, SECOND_ACCOUNT, SECOND_PASSPHRASE, &error));
  g_assert_no_error (error);
  g_assert_false (sp_referral_store_add_account (f->store, SECOND_ACCOUNT, SECOND_PASSPHRASE, &error));
  g_assert_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_ACCOUNT_EXISTS);
  g_clear_error (&error);
  names = sp_referral_store_list_accounts (f->store);
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_cmpstr (names[1], ==, SECOND_ACCOUNT);

  sp_referral_store_lock (f->store);
  g_assert_false (sp_referral_store_add_account (f->store, "Test Worker Three", SECOND_PASSPHRASE, &error));
  g_assert_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_false (sp_referral_store_create_first_account (f->store, "Test Worker Three", SECOND_PASSPHRASE, &error));
  g_assert_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_ACCOUNT_EXISTS);
  g_clear_error (&error);

  sign_in (f, SECOND_ACCOUNT, SECOND_PASSPHRASE);
  g_assert_cmpstr (sp_referral_store_get_account (f->store), ==, SECOND_ACCOUNT);
  g_assert_cmpstr (sp_referral_store_get_person (f->store, p->id)->name, ==, p->name);

  /* The old passphrase is asked again; then only the new one opens. */
  g_assert_false (sp_referral_store_change_passphrase (f->store, "wrong old one!", "a brand new passphrase", &error));
  g_assert_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  g_assert_true (sp_referral_store_change_passphrase (f->store, SECOND_PASSPHRASE, "a brand new passphrase", &error));
  g_assert_no_error (error);
  sp_referral_store_lock (f->store);
  g_assert_false (sp_referral_store_sign_in (f->store, SECOND_ACCOUNT, SECOND_PASSPHRASE, &error));
  g_assert_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  sign_in (f, SECOND_ACCOUNT, "a brand new passphrase");
  g_assert_cmpstr (sp_referral_store_get_person (f->store, p->id)->name, ==, p->name);
  sign_in (f, SP_TEST_ACCOUNT, SP_TEST_PASSPHRASE);
  g_assert_cmpstr (sp_referral_store_get_person (f->store, p->id)->name, ==, p->name);
}

/* Lookups by NHS number and by name go through keyed hashes, whatever the spacing or case. */
static void
test_lookups (Fixture      *f,
              gconstpointer data)
{
  g_autoptr (SpPerson) p = save_person (f, 7);
  g_autoptr (SpPerson) q = save_person (f, 8);
  g_autofree char *shown = sp_nhs_number_format (p->nhs_number);
  g_autofree char *upper = g_utf8_strup (q->name, -1);
  g_autoptr (GPtrArray) by_name = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SpPerson) twin = sp_test_person_new (9);

  g_assert_true (sp_referral_store_find_by_nhs_number (f->store, shown) == sp_referral_store_get_person (f->store, p->id));
  g_assert_null (sp_referral_store_find_by_nhs_number (f->store, "999 999 9999"));
  by_name = sp_referral_store_find_by_name (f->store, upper);
  g_assert_cmpuint (by_name->len, ==, 1);
  g_assert_cmpstr (((SpPerson *) by_name->pdata[0])->id, ==, q->id);

  /* Two people never share an NHS number. */
  g_free (twin->nhs_number);
  twin->nhs_number = g_strdup (p->nhs_number);
  g_assert_false (sp_referral_store_save_person (f->store, twin, &error));
  g_assert_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_INVALID);
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  return memmem (contents, length, needle, strlen (needle)) != NULL;
}

/* Every file in the data folder, recursively. */
static void
list_files (const char *dir,
            GPtrArray  *out)
{
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          list_files (path, out);
          g_free (path);
        }
      else
        g_ptr_array_add (out, path);
    }
}

/* A caseload with distinctive values in every personal field is written, the store closed,
 * and no file in the data folder (database, WAL, shared memory, journal) holds any of them. */
static void
test_no_plaintext_on_disk (Fixture      *f,
                           gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpPerson) p = sp_test_person_new (11);
  g_autoptr (SpReferral) r = NULL;
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *born = NULL;
  g_autofree char *nhs_spaced = NULL;
  const char *values[20];
  guint n = 0;
  gboolean saw_wal = FALSE;

  g_free (p->name);
  p->name = g_strdup ("Testperson Zyxwvutsrq");
  p->born = sp_day_parse ("1931-07-29");
  p->address = g_strdup ("77 Qwertyuiop Street");
  g_free (p->postcode);
  p->postcode = g_strdup ("ZZ99 7QJ");
  g_free (p->phone);
  p->phone = g_strdup ("01632 987123");
  p->email = g_strdup ("zyxwvutsrq@example.invalid");
  p->gp_practice = g_strdup ("Plokijuh Surgery");
  g_assert_true (sp_referral_store_save_person (f->store, p, &error));
  r = sp_test_referral_new (p, 1, sp_day_parse ("2026-03-03"));
  r->other_reasons = g_strdup ("Mnbvcxzlkj worries");
  r->notes = g_strdup ("Asdfghjkl note");
  r->first.swemwbs_raw = 23;
  sp_referral_change_status (r, SP_REFERRAL_STATUS_DECLINED, "Poiuytrewq reason", SP_TEST_ACCOUNT,
                             1772600000, NULL);
  sp_referral_add_contact (r, sp_day_parse ("2026-03-04"), SP_CONTACT_METHOD_PHONE, "Lkjhgfdsa contact", NULL);
  g_assert_true (sp_referral_store_save_referral (f->store, r, &error));
  g_assert_no_error (error);
  /* The WAL exists and holds the last writes while the store is open: look now too. */
  born = sp_day_format (p->born);
  nhs_spaced = sp_nhs_number_format (p->nhs_number);
  values[n++] = p->name;
  values[n++] = "Zyxwvutsrq";
  values[n++] = born;
  values[n++] = p->nhs_number;
  values[n++] = nhs_spaced;
  values[n++] = p->address;
  values[n++] = p->postcode;
  values[n++] = p->phone;
  values[n++] = p->email;
  values[n++] = p->gp_practice;
  values[n++] = r->other_reasons;
  values[n++] = r->notes;
  values[n++] = "Poiuytrewq";
  values[n++] = "Lkjhgfdsa";
  values[n++] = "\"swemwbs_raw\"";
  values[n++] = "loneliness";
  values[n++] = "declined";

  for (int pass = 0; pass < 2; pass++)
    {
      g_ptr_array_set_size (files, 0);
      list_files (f->data_dir, files);
      g_assert_cmpuint (files->len, >, 0);
      for (guint i = 0; i < files->len; i++)
        {
          saw_wal |= g_str_has_suffix (files->pdata[i], "-wal");
          for (guint v = 0; v < n; v++)
            if (file_contains (files->pdata[i], values[v]))
              g_error ("%s holds “%s” in plain text", (char *) files->pdata[i], values[v]);
        }
      /* Then closed, as a stolen disk would have it. */
      g_clear_object (&f->store);
    }
  g_assert_true (saw_wal);
}

static GPtrArray *
audit_actions (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = sp_referral_store_list_audit (f->store, &error);
  GPtrArray *actions = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      SpAuditEntry *e = entries->pdata[i];
      g_ptr_array_add (actions, g_strdup_printf ("%s %s%s%s", e->action, e->kind ? e->kind : "-",
                                                 e->record_id ? " " : "", e->record_id ? e->record_id : ""));
    }
  return actions;
}

/* Every action leaves an entry saying who and what; changing, removing or cutting off an
 * entry is detected. */
static void
test_audit (Fixture      *f,
            gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpPerson) p = save_person (f, 12);
  g_autoptr (SpReferral) r = sp_test_referral_new (p, 2, sp_day_parse ("2026-03-03"));
  g_autoptr (SpPerson) changed = NULL;
  g_autoptr (GPtrArray) actions = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  g_autofree char *create_person = NULL;
  g_autofree char *create_referral = NULL;
  guint n_entries = 0;
  SpReferralRawFile *db;

  g_assert_true (sp_referral_store_save_referral (f->store, r, &error));
  changed = sp_person_copy (p);
  changed->language = g_strdup ("pl");
  g_assert_true (sp_referral_store_save_person (f->store, changed, &error));
  sp_referral_store_note_viewed (f->store, "referral", r->id);
  g_assert_true (sp_referral_store_note_exported (f->store, "report 2026-01-01 to 2026-03-31", &error));
  g_assert_true (sp_referral_store_delete_referral (f->store, r->id, &error));
  g_assert_no_error (error);

  actions = audit_actions (f);
  create_person = g_strdup_printf ("create person %s", p->id);
  create_referral = g_strdup_printf ("create referral %s", r->id);
  g_assert_cmpstr (actions->pdata[0], ==, "add-account -");
  g_assert_cmpstr (actions->pdata[1], ==, create_person);
  g_assert_cmpstr (actions->pdata[2], ==, create_referral);
  g_assert_true (g_str_has_prefix (actions->pdata[3], "change person "));
  g_assert_true (g_str_has_prefix (actions->pdata[4], "view referral "));
  g_assert_cmpstr (actions->pdata[5], ==, "export -");
  g_assert_true (g_str_has_prefix (actions->pdata[6], "delete referral "));
  entries = sp_referral_store_list_audit (f->store, &error);
  g_assert_cmpstr (((SpAuditEntry *) entries->pdata[5])->account, ==, SP_TEST_ACCOUNT);
  g_assert_cmpint (((SpAuditEntry *) entries->pdata[5])->at, >, 1700000000);
  sp_referral_store_lock (f->store);
  sign_in (f, SP_TEST_ACCOUNT, SP_TEST_PASSPHRASE);
  g_assert_true (sp_referral_store_verify_audit (f->store, &n_entries, &error));
  g_assert_cmpuint (n_entries, ==, 9);  /* … sign-out, sign-in */

  /* Someone with the file edits a past entry: swaps two entries' sealed bytes. */
  db = open_raw (f);
  exec_raw (db, "DROP TRIGGER audit_append_only_update; DROP TRIGGER audit_append_only_delete;"
                "CREATE TEMP TABLE keep AS SELECT * FROM audit;"
                "UPDATE audit SET sealed = (SELECT sealed FROM keep WHERE seq = 3) WHERE seq = 2");
  g_assert_false (sp_referral_store_verify_audit (f->store, NULL, &error));
  g_assert_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_TAMPERED);
  g_assert_nonnull (strstr (error->message, "entry 2"));
  g_clear_error (&error);
  g_assert_null (sp_referral_store_list_audit (f->store, &error));
  g_assert_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_TAMPERED);
  g_clear_error (&error);

  /* Put back, it verifies; remove one from the middle, or the last, and it does not. */
  exec_raw (db, "UPDATE audit SET sealed = (SELECT sealed FROM keep WHERE seq = 2) WHERE seq = 2");
  g_assert_true (sp_referral_store_verify_audit (f->store, NULL, &error));
  exec_raw (db, "DELETE FROM audit WHERE seq = 4");
  g_assert_false (sp_referral_store_verify_audit (f->store, NULL, &error));
  g_assert_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_TAMPERED);
  g_clear_error (&error);
  exec_raw (db, "INSERT INTO audit SELECT * FROM keep WHERE seq = 4; DELETE FROM audit WHERE seq = 9");
  g_assert_false (sp_referral_store_verify_audit (f->store, NULL, &error));
  g_assert_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_TAMPERED);
  g_clear_error (&error);
  sp_referral_raw_file_close (db);
}

/* A read of the store that fails is said, never taken for an answer: a lookup of an NHS
 * number that fails does not let a second person have it, a sign-in whose records cannot
 * all be read does not open on some of them, and an audit log that cannot be read is
 * neither intact nor tampered with. */
static void
test_failed_reads (Fixture      *f,
                   gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpPerson) first = save_person (f, 21);
  g_autoptr (SpPerson) second = save_person (f, 22);
  g_autoptr (SpPerson) same_number = sp_test_person_new (23);
  guint n_entries = 0;

  /* The duplicate is refused when the lookup can be read … */
  g_free (same_number->nhs_number);
  same_number->nhs_number = g_strdup (first->nhs_number);
  g_assert_false (sp_referral_store_save_person (f->store, same_number, &error));
  g_assert_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_INVALID);
  g_clear_error (&error);
  /* … and not saved when it cannot. */
  sp_referral_store_inject_step_failure (f->store, "FROM lookup WHERE hash", 0);
  g_assert_false (sp_referral_store_save_person (f->store, same_number, &error));
  g_assert_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "looking a person up"));
  g_clear_error (&error);
  g_assert_null (same_number->id);

  /* Signing in with the second of the records unreadable fails, and stays locked. */
  sp_referral_store_lock (f->store);
  sp_referral_store_inject_step_failure (f->store, "SELECT id, kind, sealed FROM record", 1);
  g_assert_false (sp_referral_store_sign_in (f->store, SP_TEST_ACCOUNT, SP_TEST_PASSPHRASE, &error));
  g_assert_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "reading the records"));
  g_clear_error (&error);
  g_assert_false (sp_referral_store_is_signed_in (f->store));
  g_assert_null (sp_referral_store_get_person (f->store, first->id));
  sign_in (f, SP_TEST_ACCOUNT, SP_TEST_PASSPHRASE);
  g_assert_nonnull (sp_referral_store_get_person (f->store, second->id));

  /* An audit log read that fails part-way. */
  sp_referral_store_inject_step_failure (f->store, "SELECT seq, sealed, mac FROM audit", 2);
  g_assert_false (sp_referral_store_verify_audit (f->store, &n_entries, &error));
  g_assert_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "reading the audit log"));
  g_clear_error (&error);
  g_assert_true (sp_referral_store_verify_audit (f->store, &n_entries, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_entries, >, 2);
}

/* Closed referrals past the retention time are offered, and deleting them is real: gone
 * from memory, from the file, and from its WAL; a person left with none goes too. */
static void
test_retention (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpPerson) old = save_person (f, 13);
  g_autoptr (SpPerson) recent = save_person (f, 14);
  g_autoptr (SpReferral) r_old = sp_test_referral_new (old, 1, sp_day_parse ("2016-01-04"));
  g_autoptr (SpReferral) r_recent = sp_test_referral_new (recent, 2, sp_day_parse ("2017-01-04"));
  g_autoptr (GPtrArray) expired = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *old_id = NULL;
  GStatBuf st;
  g_autoptr (SpReferralRawFile) db = NULL;
  const char *gone[] = { NULL, NULL, NULL };
  gint64 still_there = -1;

  r_old->status = SP_REFERRAL_STATUS_CLOSED;
  r_old->closed_on = sp_day_parse ("2017-06-01");
  r_old->closing_outcome = g_strdup ("done");
  r_recent->status = SP_REFERRAL_STATUS_CLOSED;
  r_recent->closed_on = sp_day_parse ("2018-06-01");
  r_recent->closing_outcome = g_strdup ("done");
  g_assert_true (sp_referral_store_save_referral (f->store, r_old, &error));
  g_assert_true (sp_referral_store_save_referral (f->store, r_recent, &error));
  g_assert_cmpuint (sp_referral_store_get_retention_years (f->store), ==, 8);

  expired = sp_referral_store_list_expired (f->store, sp_day_parse ("2026-03-01"));
  g_assert_cmpuint (expired->len, ==, 1);
  g_assert_cmpstr (((SpReferral *) expired->pdata[0])->id, ==, r_old->id);
  old_id = g_strdup (old->id);
  g_assert_true (sp_referral_store_delete_expired (f->store, expired, &error));
  g_assert_no_error (error);
  g_assert_null (sp_referral_store_get_referral (f->store, r_old->id));
  g_assert_null (sp_referral_store_get_person (f->store, old_id));
  g_assert_nonnull (sp_referral_store_get_person (f->store, recent->id));
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 0);

  db = open_raw (f);
  gone[0] = old_id;
  gone[1] = r_old->id;
  g_assert_true (sp_referral_raw_file_query_int (db, "SELECT count(*) FROM record WHERE id IN (?, ?)", gone,
                                                 &still_there, &error));
  g_assert_no_error (error);
  g_assert_cmpint (still_there, ==, 0);
  g_clear_pointer (&db, sp_referral_raw_file_close);

  /* A shorter setting offers the other one too. */
  g_assert_true (sp_referral_store_set_retention_years (f->store, 7, &error));
  g_clear_pointer (&expired, g_ptr_array_unref);
  expired = sp_referral_store_list_expired (f->store, sp_day_parse ("2026-03-01"));
  g_assert_cmpuint (expired->len, ==, 1);
}

/* A backup opens only with its passphrase and brings back the store as it was. */
static void
test_backup_restore (Fixture      *f,
                     gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpPerson) p = save_person (f, 15);
  g_autoptr (SpPerson) later = NULL;
  g_autofree char *backup = g_build_filename (f->dir, "caseload.backup", NULL);
  g_autofree char *person_id = g_strdup (p->id);
  g_autoptr (GPtrArray) actions = NULL;

  g_assert_false (sp_referral_store_backup (f->store, backup, "short", &error));
  g_assert_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_WEAK_PASSPHRASE);
  g_clear_error (&error);
  g_assert_true (sp_referral_store_backup (f->store, backup, "backup passphrase one", &error));
  g_assert_no_error (error);
  g_assert_false (file_contains (backup, p->name));
  g_assert_false (file_contains (backup, SP_TEST_ACCOUNT));

  later = save_person (f, 16);
  g_assert_true (sp_referral_store_delete_person (f->store, person_id, &error));

  g_assert_false (sp_referral_store_restore (f->store, backup, "not the backup passphrase", &error));
  g_assert_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_BACKUP);
  g_clear_error (&error);
  g_assert_true (sp_referral_store_is_signed_in (f->store));  /* nothing changed */

  g_assert_true (sp_referral_store_restore (f->store, backup, "backup passphrase one", &error));
  g_assert_no_error (error);
  g_assert_false (sp_referral_store_is_signed_in (f->store));
  sign_in (f, SP_TEST_ACCOUNT, SP_TEST_PASSPHRASE);
  g_assert_nonnull (sp_referral_store_get_person (f->store, person_id));
  g_assert_null (sp_referral_store_get_person (f->store, later->id));
  actions = audit_actions (f);
  g_assert_true (g_str_has_prefix (actions->pdata[actions->len - 1], "restore"));
  g_assert_true (sp_referral_store_verify_audit (f->store, NULL, &error));

  /* Something that is not a backup changes nothing either. */
  g_file_set_contents (backup, "SPREFBK1 but not really", -1, NULL);
  g_assert_false (sp_referral_store_restore (f->store, backup, "backup passphrase one", &error));
  g_assert_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_BACKUP);
}

/* Locked, the store answers nothing and saves nothing. */
static void
test_locked (Fixture      *f,
             gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpPerson) p = save_person (f, 17);
  g_autoptr (SpPerson) q = sp_test_person_new (18);
  g_autoptr (GPtrArray) people = NULL;
  gboolean notified = FALSE;

  g_signal_connect_swapped (f->store, "notify::signed-in", G_CALLBACK (g_nullify_pointer), &notified);
  notified = TRUE;
  sp_referral_store_lock (f->store);
  g_assert_false (notified);  /* g_nullify_pointer set it to NULL (FALSE) */
  people = sp_referral_store_dup_people (f->store);
  g_assert_cmpuint (people->len, ==, 0);
  g_assert_null (sp_referral_store_find_by_nhs_number (f->store, p->nhs_number));
  g_assert_false (sp_referral_store_save_person (f->store, q, &error));
  g_assert_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_LOCKED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
#define ADD(path, func) g_test_add ("/signpost/referral-store/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("round-trip", test_round_trip);
  ADD ("consent-first", test_consent_first);
  ADD ("training", test_training);
  ADD ("wrong-passphrase", test_wrong_passphrase);
  ADD ("accounts", test_accounts);
  ADD ("lookups", test_lookups);
  ADD ("no-plaintext-on-disk", test_no_plaintext_on_disk);
  ADD ("audit", test_audit);
  ADD ("failed-reads", test_failed_reads);
  ADD ("retention", test_retention);
  ADD ("backup-restore", test_backup_restore);
  ADD ("locked", test_locked);
#undef ADD
  return g_test_run ();
}
