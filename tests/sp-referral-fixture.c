/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-referral-fixture.c: referral stores and caseloads made up for tests and benchmarks. */
#include "config.h"

#include "sp-nhs-number.h"
#include "sp-referral-fixture.h"

/* A new training store in @data_dir with SP_TEST_ACCOUNT signed in. */
SpReferralStore *
sp_test_referral_store_new (const char *data_dir)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = sp_referral_store_path_in (data_dir);
  SpReferralStore *store;

  g_mkdir_with_parents (data_dir, 0700);
  store = sp_referral_store_open (path, &error);
  g_assert_no_error (error);
  sp_referral_store_set_training (store, TRUE, &error);
  g_assert_no_error (error);
  sp_referral_store_create_first_account (store, SP_TEST_ACCOUNT, SP_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  return store;
}

static const char *greek[] = { "Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel" };

/* The @n-th made-up person, consent recorded. */
SpPerson *
sp_test_person_new (guint n)
{
  SpPerson *p = sp_person_new ();
  guint64 nine = 999000000 + n * 3;

  p->name = g_strdup_printf ("Testperson %s %u", greek[n % G_N_ELEMENTS (greek)], n);
  p->born = sp_day_from_ymd (1930 + n % 70, 1 + n % 12, 1 + n % 28);
  while ((p->nhs_number = sp_nhs_number_make_valid (nine)) == NULL)
    nine++;
  p->postcode = g_strdup_printf ("ZZ99 %uZZ", n % 10);
  p->phone = g_strdup_printf ("01632 %06u", n % 1000000);
  p->consent_method = SP_CONSENT_VERBAL;
  p->consent_scope = g_strdup ("Referral and sharing with the services chosen");
  p->consent_on = sp_day_from_ymd (2024, 1, 1);
  return p;
}

SpReferral *
sp_test_referral_new (const SpPerson *person,
                      guint           n,
                      SpDay           received_on)
{
  SpReferral *r = sp_referral_new ();

  r->person_id = g_strdup (person->id);
  r->source = n % SP_REFERRAL_N_SOURCES;
  r->received_on = received_on;
  r->reasons = 1u << (n % SP_N_REASONS);
  return r;
}

/*
 * sp_test_generate_caseload:
 * @n_referrals: at least @n_people: each person has one, some two or more
 *
 * Fills @store (signed in) with a deterministic caseload of every status, with services,
 * contacts and outcomes, referred between @first_day and @last_day. One transaction.
 */
void
sp_test_generate_caseload (SpReferralStore *store,
                           guint            n_people,
                           guint            n_referrals,
                           SpDay            first_day,
                           SpDay            last_day,
                           guint32          seed)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr (GPtrArray) people = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_person_unref);
  const char *services[] = { "Test Befriending Circle", "Test Money Advice", "Test Walking Group",
                             "Test Memory Cafe", "Test Food Share", "Test Carers Hub" };

  g_assert_cmpuint (n_referrals, >=, n_people);
  sp_referral_store_begin_batch (store, "generated", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n_people; i++)
    {
      SpPerson *p = sp_test_person_new (i);
      sp_referral_store_save_person (store, p, &error);
      g_assert_no_error (error);
      g_ptr_array_add (people, p);
    }
  for (guint i = 0; i < n_referrals; i++)
    {
      SpPerson *p = people->pdata[i < n_people ? i : (guint) g_rand_int_range (rand, 0, n_people)];
      SpDay received = first_day + g_rand_int_range (rand, 0, last_day - first_day + 1);
      g_autoptr (SpReferral) r = sp_test_referral_new (p, i, received);
      guint stage = g_rand_int_range (rand, 0, 6);
      gint64 at = (gint64) (received - sp_day_from_ymd (1970, 1, 1)) * 86400 + 12 * 3600;

      if (g_rand_boolean (rand))
        r->reasons |= 1u << g_rand_int_range (rand, 0, SP_N_REASONS);
      if (stage >= 1)
        sp_referral_change_status (r, SP_REFERRAL_STATUS_CONTACTED, NULL, SP_TEST_ACCOUNT,
                                   at + g_rand_int_range (rand, 0, 15) * 86400, NULL);
      if (stage == 2)
        sp_referral_change_status (r, SP_REFERRAL_STATUS_DECLINED, "Not for now", SP_TEST_ACCOUNT,
                                   at + 16 * 86400, NULL);
      if (stage >= 3)
        {
          sp_referral_change_status (r, SP_REFERRAL_STATUS_ACCEPTED, NULL, SP_TEST_ACCOUNT, at + 16 * 86400, NULL);
          sp_referral_add_service (r, services[i % 6], services[i % 6], SP_SERVICE_LINK_REFERRED, received + 16);
          sp_referral_add_service (r, services[(i + 1) % 6], services[(i + 1) % 6], SP_SERVICE_LINK_SIGNPOSTED,
                                   received + 16);
          g_array_index (r->services, SpServiceLink, 0).attended = g_rand_boolean (rand) ? SP_ATTENDED_YES
                                                                                          : SP_ATTENDED_NO;
          r->first.taken_on = received + 16;
          for (guint q = 0; q < SP_ONS4_N_QUESTIONS; q++)
            r->first.ons4[q] = g_rand_int_range (rand, 0, 11);
          r->first.swemwbs_raw = g_rand_int_range (rand, 7, 36);
          r->next_contact_on = received + 30;
        }
      if (stage >= 4)
        sp_referral_change_status (r, SP_REFERRAL_STATUS_ACTIVE, NULL, SP_TEST_ACCOUNT, at + 17 * 86400, NULL);
      if (stage == 5)
        {
          r->review.taken_on = received + 90;
          for (guint q = 0; q < SP_ONS4_N_QUESTIONS; q++)
            r->review.ons4[q] = g_rand_int_range (rand, 0, 11);
          for (guint q = 0; q < SP_SWEMWBS_N_ITEMS; q++)
            r->review.swemwbs[q] = g_rand_int_range (rand, 1, 6);
          sp_referral_change_status (r, SP_REFERRAL_STATUS_CLOSED, "Goals met", SP_TEST_ACCOUNT,
                                     at + 90 * 86400, NULL);
        }
      sp_referral_store_save_referral (store, r, &error);
      g_assert_no_error (error);
    }
  sp_referral_store_commit_batch (store, &error);
  g_assert_no_error (error);
}

static char *
hex_of (guint8 *data,
        gsize   len)
{
  char *hex = g_malloc (len * 2 + 1);

  for (gsize i = 0; i < len; i++)
    g_snprintf (hex + i * 2, 3, "%02x", data[i]);
  hex[len * 2] = '\0';
  g_free (data);
  return hex;
}

/* A record's bytes in hex: two are the same record when these are equal, and where they
 * differ shows which field. */
char *
sp_test_person_describe (const SpPerson *person)
{
  gsize len = 0;
  guint8 *data = sp_person_serialize (person, &len);
  return hex_of (data, len);
}

char *
sp_test_referral_describe (const SpReferral *referral)
{
  gsize len = 0;
  guint8 *data = sp_referral_serialize (referral, &len);
  return hex_of (data, len);
}
