/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-referral-record.c: people and referrals as the bytes the store seals: every field of
 * every record type survives the round trip, records of format 1 (JSON) are still read, and
 * a record from a newer Signpost is refused rather than misread. */
#include "config.h"

#include <string.h>

#include "sp-nhs-number.h"
#include "sp-referral-fixture.h"
#include "sp-referral-store-private.h"
#include "sp-test-util.h"

static SpDay
day (const char *text)
{
  SpDay d = sp_day_parse (text);
  g_assert_cmpuint (d, !=, 0);
  return d;
}

static SpPerson *
full_person (void)
{
  SpPerson *p = sp_person_new ();

  p->id = g_strdup ("0123456789abcdef0123456789abcdef");
  p->training = TRUE;
  p->name = g_strdup ("Testperson Alpha");
  p->born = day ("1950-02-03");
  p->nhs_number = sp_nhs_number_make_valid (999000001);
  p->address = g_strdup ("1 Nowhere Lane, Testtown");
  p->postcode = g_strdup ("ZZ99 9ZZ");
  p->phone = g_strdup ("01632 960000");
  p->email = g_strdup ("alpha@example.invalid");
  p->preferred_contact = SP_CONTACT_METHOD_EMAIL;
  p->language = g_strdup ("pa");
  p->interpreter = TRUE;
  p->carer = SP_CARER_ROLE_BOTH;
  p->gp_practice = g_strdup ("Test Surgery");
  p->consent_method = SP_CONSENT_WRITTEN;
  p->consent_scope = g_strdup ("Share with services referred to");
  p->consent_on = day ("2026-03-01");
  p->created_at = 1772000000;
  p->updated_at = 1772000100;
  p->created_by = g_strdup ("worker one");
  p->updated_by = g_strdup ("worker two");
  return p;
}

static SpReferral *
full_referral (void)
{
  SpReferral *r = sp_referral_new ();

  r->id = g_strdup ("fedcba9876543210fedcba9876543210");
  r->person_id = g_strdup ("0123456789abcdef0123456789abcdef");
  r->training = TRUE;
  r->source = SP_REFERRAL_SOURCE_AGENCY;
  r->received_on = day ("2026-03-01");
  r->reasons = 1u << SP_REASON_LONELINESS | 1u << SP_REASON_FOOD;
  r->other_reasons = g_strdup ("Testreason Omega");
  r->notes = g_strdup ("Testnote Sigma");
  r->next_contact_on = day ("2026-03-09");
  sp_referral_change_status (r, SP_REFERRAL_STATUS_CONTACTED, "first call", "worker one", 1772400000, NULL);
  sp_referral_change_status (r, SP_REFERRAL_STATUS_DECLINED, "Not for now", "worker two", 1772500000, NULL);
  sp_referral_add_service (r, "svc-1", "Test Befriending", SP_SERVICE_LINK_REFERRED, day ("2026-03-04"));
  sp_referral_add_service (r, "svc-2", "Test Food Bank", SP_SERVICE_LINK_SIGNPOSTED, day ("2026-03-04"));
  g_array_index (r->services, SpServiceLink, 0).attended = SP_ATTENDED_YES;
  g_array_index (r->services, SpServiceLink, 1).attended = SP_ATTENDED_NO;
  sp_referral_add_contact (r, day ("2026-03-05"), SP_CONTACT_METHOD_TEXT, "Testcontact Kappa", "worker two");
  r->first.taken_on = day ("2026-03-05");
  for (guint i = 0; i < SP_ONS4_N_QUESTIONS; i++)
    r->first.ons4[i] = i + 3;
  for (guint i = 0; i < SP_SWEMWBS_N_ITEMS; i++)
    r->first.swemwbs[i] = i % 5 + 1;
  r->review.taken_on = day ("2026-06-05");
  r->review.ons4[SP_ONS4_ANXIOUS] = 0;
  r->review.swemwbs_raw = 27;
  r->created_at = 1772000000;
  r->updated_at = 1772500000;
  r->created_by = g_strdup ("worker one");
  r->updated_by = g_strdup ("worker two");
  return r;
}

/* Every field of a person survives serialising and back, in the current format. */
static void
test_person_round_trip (void)
{
  g_autoptr (SpPerson) p = full_person ();
  g_autoptr (SpPerson) back = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *before = sp_test_person_describe (p);
  g_autofree char *after = NULL;
  g_autofree guint8 *data = NULL;
  gsize len = 0;

  data = sp_person_serialize (p, &len);
  g_assert_cmpuint (len, >, 8);
  g_assert_cmpuint (data[0], ==, SP_RECORD_FORMAT);
  g_assert_cmpuint (sp_referral_record_format (data, len), ==, SP_RECORD_FORMAT);
  back = sp_person_deserialize (data, len, &error);
  g_assert_no_error (error);
  after = sp_test_person_describe (back);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (back->name, ==, "Testperson Alpha");
  g_assert_cmpint (back->carer, ==, SP_CARER_ROLE_BOTH);
  g_assert_cmpint (back->preferred_contact, ==, SP_CONTACT_METHOD_EMAIL);
  g_assert_cmpuint (back->consent_on, ==, day ("2026-03-01"));
  g_assert_cmpint (back->updated_at, ==, 1772000100);

  /* A field with no value comes back as none, not as an empty string. */
  g_clear_pointer (&p->email, g_free);
  g_free (data);
  data = sp_person_serialize (p, &len);
  g_clear_pointer (&back, sp_person_unref);
  back = sp_person_deserialize (data, len, &error);
  g_assert_no_error (error);
  g_assert_null (back->email);
}

/* Every field of a referral, with its status changes, services, contacts and both outcome
 * sittings, survives serialising and back; a copy is deep. */
static void
test_referral_round_trip (void)
{
  g_autoptr (SpReferral) r = full_referral ();
  g_autoptr (SpReferral) back = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *before = sp_test_referral_describe (r);
  g_autofree char *after = NULL;
  g_autofree guint8 *data = NULL;
  gsize len = 0;

  data = sp_referral_serialize (r, &len);
  back = sp_referral_deserialize (data, len, &error);
  g_assert_no_error (error);
  after = sp_test_referral_describe (back);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (back->history->len, ==, 2);
  g_assert_cmpint (g_array_index (back->history, SpStatusChange, 1).status, ==, SP_REFERRAL_STATUS_DECLINED);
  g_assert_cmpstr (back->declined_reason, ==, "Not for now");
  g_assert_cmpuint (back->services->len, ==, 2);
  g_assert_cmpint (g_array_index (back->services, SpServiceLink, 0).attended, ==, SP_ATTENDED_YES);
  g_assert_cmpint (g_array_index (back->services, SpServiceLink, 1).attended, ==, SP_ATTENDED_NO);
  g_assert_cmpint (g_array_index (back->services, SpServiceLink, 0).kind, ==, SP_SERVICE_LINK_REFERRED);
  g_assert_cmpstr (g_array_index (back->contacts, SpContactNote, 0).note, ==, "Testcontact Kappa");
  g_assert_cmpint (sp_outcome_swemwbs_raw (&back->first), ==, 1 + 2 + 3 + 4 + 5 + 1 + 2);
  g_assert_cmpint (sp_outcome_swemwbs_raw (&back->review), ==, 27);
  g_assert_true (sp_outcome_has_ons4 (&back->first));
  g_assert_false (sp_outcome_has_ons4 (&back->review));
  g_assert_cmpint (back->review.ons4[SP_ONS4_ANXIOUS], ==, 0);
  g_assert_cmpint (back->review.ons4[SP_ONS4_HAPPY], ==, -1);
  g_assert_cmpstr (back->other_reasons, ==, "Testreason Omega");

  {
    g_autoptr (SpReferral) copy = sp_referral_copy (r);
    g_autofree char *unchanged = NULL;
    sp_referral_add_service (copy, "svc-3", "Third", SP_SERVICE_LINK_SIGNPOSTED, day ("2026-03-06"));
    g_assert_cmpuint (r->services->len, ==, 2);
    unchanged = sp_test_referral_describe (r);
    g_assert_cmpstr (unchanged, ==, before);
  }
}

/* Each value of each enumeration a record holds comes back as itself. */
static void
test_every_enum_value (void)
{
  for (guint v = 0; v < 6; v++)
    {
      g_autoptr (SpPerson) p = full_person ();
      g_autoptr (SpReferral) r = full_referral ();
      g_autoptr (SpPerson) p2 = NULL;
      g_autoptr (SpReferral) r2 = NULL;
      g_autofree guint8 *pd = NULL;
      g_autofree guint8 *rd = NULL;
      gsize pl = 0, rl = 0;

      p->preferred_contact = v % SP_N_CONTACT_METHODS;
      p->carer = v % SP_N_CARER_ROLES;
      p->consent_method = v % SP_N_CONSENT_METHODS;
      r->source = v % SP_REFERRAL_N_SOURCES;
      r->status = v % SP_REFERRAL_N_STATUSES;
      r->reasons = (1u << SP_N_REASONS) - 1 - v;
      g_array_index (r->contacts, SpContactNote, 0).how = v % SP_N_CONTACT_METHODS;
      g_array_index (r->history, SpStatusChange, 0).status = v % SP_REFERRAL_N_STATUSES;
      pd = sp_person_serialize (p, &pl);
      rd = sp_referral_serialize (r, &rl);
      p2 = sp_person_deserialize (pd, pl, NULL);
      r2 = sp_referral_deserialize (rd, rl, NULL);
      g_assert_cmpint (p2->preferred_contact, ==, p->preferred_contact);
      g_assert_cmpint (p2->carer, ==, p->carer);
      g_assert_cmpint (p2->consent_method, ==, p->consent_method);
      g_assert_cmpint (r2->source, ==, r->source);
      g_assert_cmpint (r2->status, ==, r->status);
      g_assert_cmpuint (r2->reasons, ==, r->reasons);
      g_assert_cmpint (g_array_index (r2->contacts, SpContactNote, 0).how, ==, v % SP_N_CONTACT_METHODS);
      g_assert_cmpint (g_array_index (r2->history, SpStatusChange, 0).status, ==, v % SP_REFERRAL_N_STATUSES);
    }
}

/* Records as the first stores wrote them, format 1: JSON. The person is fake on its face. */
static const char legacy_person[] =
  "{\"v\":1,\"id\":\"0123456789abcdef0123456789abcdef\",\"training\":true,\"name\":\"Testperson Alpha\","
  "\"born\":\"1950-02-03\",\"nhs_number\":\"9990000018\",\"postcode\":\"ZZ99 9ZZ\",\"phone\":\"01632 960000\","
  "\"preferred_contact\":\"letter\",\"language\":\"cy\",\"interpreter\":true,\"carer\":1,"
  "\"gp_practice\":\"Test Surgery\",\"consent_method\":4,\"consent_scope\":\"Imported\","
  "\"consent_on\":\"2026-01-02\",\"created_at\":1772000000,\"updated_at\":1772000100,"
  "\"created_by\":\"worker one\",\"updated_by\":\"worker one\"}";

static const char legacy_referral[] =
  "{\"v\":1,\"id\":\"fedcba9876543210fedcba9876543210\",\"person\":\"0123456789abcdef0123456789abcdef\","
  "\"training\":true,\"source\":\"nurse\",\"received_on\":\"2026-01-05\",\"reasons\":[\"money\",\"carer\"],"
  "\"other_reasons\":\"Testreason Tau\",\"status\":\"accepted\",\"accepted\":true,"
  "\"first_contact_on\":\"2026-01-07\",\"next_contact_on\":\"2026-01-20\","
  "\"history\":[{\"status\":\"new\",\"at\":1767600000,\"by\":\"worker one\"},"
  "{\"status\":\"accepted\",\"at\":1767800000,\"by\":\"worker one\",\"note\":\"keen\"}],"
  "\"services\":[{\"id\":\"svc-9\",\"name\":\"Test Money Advice\",\"kind\":\"referred\",\"attended\":1,"
  "\"on\":\"2026-01-07\"}],"
  "\"contacts\":[{\"on\":\"2026-01-07\",\"how\":\"in-person\",\"note\":\"Testnote Rho\",\"by\":\"worker one\"}],"
  "\"first\":{\"on\":\"2026-01-07\",\"ons4\":[4,5,6,7],\"swemwbs\":[0,0,0,0,0,0,0],\"swemwbs_raw\":19},"
  "\"created_at\":1767600000,\"updated_at\":1767800000,\"created_by\":\"worker one\",\"updated_by\":\"worker one\"}";

/* A store written before format 2 still opens: its records read as they were written. */
static void
test_legacy_json (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpPerson) p = NULL;
  g_autoptr (SpReferral) r = NULL;

  g_assert_cmpuint (sp_referral_record_format ((const guint8 *) legacy_person, strlen (legacy_person)), ==,
                    SP_RECORD_FORMAT_JSON);
  p = sp_person_deserialize ((const guint8 *) legacy_person, strlen (legacy_person), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (p->name, ==, "Testperson Alpha");
  g_assert_cmpuint (p->born, ==, day ("1950-02-03"));
  g_assert_cmpint (p->preferred_contact, ==, SP_CONTACT_METHOD_LETTER);
  g_assert_cmpint (p->carer, ==, SP_CARER_ROLE_CARER);
  g_assert_cmpint (p->consent_method, ==, SP_CONSENT_BEFORE_IMPORT);
  g_assert_true (p->interpreter);
  g_assert_null (p->email);

  r = sp_referral_deserialize ((const guint8 *) legacy_referral, strlen (legacy_referral), &error);
  g_assert_no_error (error);
  g_assert_cmpint (r->source, ==, SP_REFERRAL_SOURCE_NURSE);
  g_assert_cmpuint (r->reasons, ==, 1u << SP_REASON_MONEY | 1u << SP_REASON_CARER);
  g_assert_cmpint (r->status, ==, SP_REFERRAL_STATUS_ACCEPTED);
  g_assert_cmpuint (r->history->len, ==, 2);
  g_assert_cmpstr (g_array_index (r->history, SpStatusChange, 1).note, ==, "keen");
  g_assert_cmpint (g_array_index (r->services, SpServiceLink, 0).kind, ==, SP_SERVICE_LINK_REFERRED);
  g_assert_cmpint (g_array_index (r->contacts, SpContactNote, 0).how, ==, SP_CONTACT_METHOD_IN_PERSON);
  g_assert_cmpint (sp_outcome_swemwbs_raw (&r->first), ==, 19);
  g_assert_cmpint (r->first.ons4[SP_ONS4_ANXIOUS], ==, 7);

  /* Written again, it is in the current format and says the same. */
  {
    gsize len = 0;
    g_autofree guint8 *data = sp_referral_serialize (r, &len);
    g_autoptr (SpReferral) again = sp_referral_deserialize (data, len, &error);
    g_autofree char *a = sp_test_referral_describe (r);
    g_autofree char *b = sp_test_referral_describe (again);
    g_assert_cmpuint (data[0], ==, SP_RECORD_FORMAT);
    g_assert_cmpstr (a, ==, b);
  }
}

/* A record in a format this build does not know is refused, never read as something else;
 * so is one of the wrong length. */
static void
test_newer_format_refused (void)
{
  g_autoptr (SpPerson) p = full_person ();
  g_autoptr (GError) error = NULL;
  g_autoptr (SpPerson) back = NULL;
  gsize len = 0;
  g_autofree guint8 *data = sp_person_serialize (p, &len);

  data[0] = SP_RECORD_FORMAT + 1;
  g_assert_cmpuint (sp_referral_record_format (data, len), ==, 0);
  back = sp_person_deserialize (data, len, &error);
  g_assert_null (back);
  g_assert_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_TOO_NEW);

  /* Cut short or with bytes left over, it is damaged, and nothing of it is kept. */
  g_clear_error (&error);
  data[0] = SP_RECORD_FORMAT;
  back = sp_person_deserialize (data, len - 1, &error);
  g_assert_null (back);
  g_assert_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_CORRUPT);
  g_clear_error (&error);
  data = g_realloc (data, len + 1);
  data[len] = 0;
  back = sp_person_deserialize (data, len + 1, &error);
  g_assert_null (back);
  g_assert_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_CORRUPT);
}

/* Seals @plain as the store's record @kind @id, as a store of an earlier version did. */
static void
put_sealed_row (SpReferralStore *store,
                const char      *kind,
                const char      *id,
                const char      *plain)
{
  g_autofree char *associated = sp_referral_record_associated_data (kind, id);
  g_autoptr (GBytes) sealed = sp_crypto_seal (store->keys->records, plain, strlen (plain), associated);
  g_autoptr (GError) error = NULL;
  g_autoptr (SpReferralStatement) stmt =
    sp_referral_statement_new (store, "INSERT INTO record (id, kind, sealed) VALUES (?, ?, ?)", "testing", &error);

  g_assert_no_error (error);
  sp_referral_statement_bind_text (stmt, 1, id);
  sp_referral_statement_bind_text (stmt, 2, kind);
  sp_referral_statement_bind_blob (stmt, 3, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed));
  g_assert_true (sp_referral_statement_run (stmt, &error));
  g_assert_no_error (error);
}

/* The format byte of the record @id as the file holds it now. */
static guint
format_on_disk (SpReferralStore *store,
                const char      *kind,
                const char      *id)
{
  g_autofree char *associated = sp_referral_record_associated_data (kind, id);
  g_autoptr (GError) error = NULL;
  g_autoptr (SpReferralStatement) stmt =
    sp_referral_statement_new (store, "SELECT sealed FROM record WHERE id = ?", "testing", &error);
  const guint8 *sealed;
  gsize sealed_len = 0;
  guint8 *plain;
  gsize len = 0;
  guint format;

  g_assert_no_error (error);
  sp_referral_statement_bind_text (stmt, 1, id);
  g_assert_cmpint (sp_referral_statement_step (stmt, &error), ==, SP_STORE_STEP_ROW);
  sealed = sp_referral_statement_get_blob (stmt, 0, &sealed_len);
  plain = sp_crypto_open (store->keys->records, sealed, sealed_len, associated, &len);
  g_assert_nonnull (plain);
  format = sp_referral_record_format (plain, len);
  sp_crypto_free_plain (plain, len);
  return format;
}

/* A store whose records are in format 1 signs in with them all, writes them again in the
 * current format then and there (one audit entry says so), and reads the same after. */
static void
test_store_upgrades (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = sp_test_make_tmpdir ();
  g_autofree char *data_dir = g_build_filename (dir, "data", NULL);
  g_autoptr (SpReferralStore) store = sp_test_referral_store_new (data_dir);
  const char *person_id = "0123456789abcdef0123456789abcdef";
  const char *referral_id = "fedcba9876543210fedcba9876543210";
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr (GPtrArray) audit = NULL;

  put_sealed_row (store, "person", person_id, legacy_person);
  put_sealed_row (store, "referral", referral_id, legacy_referral);
  sp_referral_store_lock (store);
  g_assert_true (sp_referral_store_sign_in (store, SP_TEST_ACCOUNT, SP_TEST_PASSPHRASE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sp_referral_store_get_person (store, person_id)->name, ==, "Testperson Alpha");
  g_assert_cmpuint (sp_referral_store_get_referral (store, referral_id)->reasons, ==,
                    1u << SP_REASON_MONEY | 1u << SP_REASON_CARER);
  g_assert_cmpuint (format_on_disk (store, "person", person_id), ==, SP_RECORD_FORMAT);
  g_assert_cmpuint (format_on_disk (store, "referral", referral_id), ==, SP_RECORD_FORMAT);
  audit = sp_referral_store_list_audit (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((SpAuditEntry *) audit->pdata[audit->len - 1])->action, ==, "upgrade");
  g_assert_cmpstr (((SpAuditEntry *) audit->pdata[audit->len - 1])->detail, ==,
                   "2 records rewritten in record format 2");
  before = sp_test_referral_describe (sp_referral_store_get_referral (store, referral_id));

  sp_referral_store_lock (store);
  g_assert_true (sp_referral_store_sign_in (store, SP_TEST_ACCOUNT, SP_TEST_PASSPHRASE, &error));
  after = sp_test_referral_describe (sp_referral_store_get_referral (store, referral_id));
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&audit, g_ptr_array_unref);
  audit = sp_referral_store_list_audit (store, &error);
  g_assert_cmpstr (((SpAuditEntry *) audit->pdata[audit->len - 1])->action, ==, "sign-in");
  g_clear_object (&store);
  sp_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/signpost/referral-record/person-round-trip", test_person_round_trip);
  g_test_add_func ("/signpost/referral-record/referral-round-trip", test_referral_round_trip);
  g_test_add_func ("/signpost/referral-record/every-enum-value", test_every_enum_value);
  g_test_add_func ("/signpost/referral-record/legacy-json", test_legacy_json);
  g_test_add_func ("/signpost/referral-record/newer-format-refused", test_newer_format_refused);
  g_test_add_func ("/signpost/referral-record/store-upgrades", test_store_upgrades);
  return g_test_run ();
}
