/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-pin.c: the kiosk's exit PIN: which PINs may be set, and that only the right one opens it. */
#include "config.h"

#include <string.h>

#include <sodium.h>

#include "sp-pin.h"

static char *
hash_or_fail (const char *pin)
{
  g_autoptr (GError) error = NULL;
  char *hash = sp_pin_hash (pin, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hash);
  return hash;
}

/* The editor's PIN lets them out; a near miss, or the PIN of another kiosk, does not. */
static void
test_verify (void)
{
  g_autofree char *hash = hash_or_fail ("2468");
  g_autofree char *other = hash_or_fail ("13579");

  /* Argon2id, and the PIN itself is nowhere in what is stored. */
  g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
  g_assert_null (strstr (hash, "2468"));

  g_assert_true (sp_pin_verify (hash, "2468"));
  g_assert_false (sp_pin_verify (hash, "2469"));
  g_assert_false (sp_pin_verify (hash, "24680"));
  g_assert_false (sp_pin_verify (hash, "246"));
  g_assert_false (sp_pin_verify (hash, ""));
  g_assert_false (sp_pin_verify (hash, NULL));
  g_assert_false (sp_pin_verify (hash, "2468 "));

  g_assert_true (sp_pin_verify (other, "13579"));
  g_assert_false (sp_pin_verify (other, "2468"));
  g_assert_false (sp_pin_verify (hash, "13579"));
}

static void
got_result (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

/* Runs the main loop until an async call has called back; its result. */
static GAsyncResult *
wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

/* The same, in a thread, so that a window goes on drawing while the PIN is hashed or
 * checked; a PIN that needs no hashing to refuse is answered without one. */
static void
test_async (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) hashed = NULL;
  g_autoptr (GAsyncResult) right = NULL;
  g_autoptr (GAsyncResult) wrong = NULL;
  g_autoptr (GAsyncResult) unset = NULL;
  g_autoptr (GAsyncResult) refused = NULL;
  g_autofree char *hash = NULL;

  sp_pin_hash_async ("2468", NULL, got_result, &hashed);
  hash = sp_pin_hash_finish (wait_for_result (&hashed), &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (hash, "$argon2id$"));

  sp_pin_verify_async (hash, "2468", NULL, got_result, &right);
  g_assert_true (sp_pin_verify_finish (wait_for_result (&right), &error));
  g_assert_no_error (error);
  sp_pin_verify_async (hash, "2469", NULL, got_result, &wrong);
  g_assert_false (sp_pin_verify_finish (wait_for_result (&wrong), &error));
  g_assert_no_error (error);
  sp_pin_verify_async ("", "2468", NULL, got_result, &unset);
  g_assert_false (sp_pin_verify_finish (wait_for_result (&unset), &error));
  g_assert_no_error (error);

  sp_pin_hash_async ("12", NULL, got_result, &refused);
  g_assert_null (sp_pin_hash_finish (wait_for_result (&refused), &error));
  g_assert_error (error, SP_PIN_ERROR, SP_PIN_ERROR_UNACCEPTABLE);
}

/* Two kiosks with the same PIN store different hashes: each has its own salt. */
static void
test_salted (void)
{
  g_autofree char *first = hash_or_fail ("0000");
  g_autofree char *second = hash_or_fail ("0000");

  g_assert_cmpstr (first, !=, second);
  g_assert_true (sp_pin_verify (first, "0000"));
  g_assert_true (sp_pin_verify (second, "0000"));
}

/* An unset, damaged or foreign setting opens nothing, and never crashes. */
static void
test_bad_hash (void)
{
  g_autofree char *hash = hash_or_fail ("2468");
  g_autofree char *truncated = g_strndup (hash, strlen (hash) / 2);
  g_autofree char *tampered = g_strdup (hash);
  g_autofree char *endless = g_strnfill (100000, 'a');
  g_autofree char *long_prefix = g_strconcat (hash, endless, NULL);
  char argon2i[crypto_pwhash_argon2i_STRBYTES];
  const char *garbage[] = {
    "", "garbage", "$argon2id$", "$argon2id$v=19$m=65536,t=2,p=1$", "$2y$10$abcdefghijklmnopqrstuv",
    "$argon2id$v=19$m=99999999999,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA",
  };

  g_assert_false (sp_pin_verify (NULL, "2468"));
  for (gsize i = 0; i < G_N_ELEMENTS (garbage); i++)
    g_assert_false (sp_pin_verify (garbage[i], "2468"));
  g_assert_false (sp_pin_verify (truncated, "2468"));
  g_assert_false (sp_pin_verify (endless, "2468"));
  g_assert_false (sp_pin_verify (long_prefix, "2468"));

  /* One character of the digest changed: a copy damaged on the way. */
  tampered[strlen (tampered) - 2] = tampered[strlen (tampered) - 2] == 'A' ? 'B' : 'A';
  g_assert_false (sp_pin_verify (tampered, "2468"));

  /* Argon2i is not what Signpost writes; a setting holding it was not made here. */
  g_assert_cmpint (crypto_pwhash_argon2i_str (argon2i, "2468", 4, crypto_pwhash_argon2i_OPSLIMIT_INTERACTIVE,
                                              crypto_pwhash_argon2i_MEMLIMIT_INTERACTIVE), ==, 0);
  g_assert_false (sp_pin_verify (argon2i, "2468"));

  /* The real hash still works after all that. */
  g_assert_true (sp_pin_verify (hash, "2468"));
}

/* 4 to 12 digits; anything else is refused with words the editor can act on. */
static void
test_acceptable (void)
{
  const char *good[] = { "1234", "0000", "123456789012", "90210" };
  const char *bad[] = {
    "", "1", "123", "1234567890123", "12a4", " 1234", "1234 ", "12.34", "-1234", "abcd",
    "\xef\xbc\x91\xef\xbc\x92\xef\xbc\x93\xef\xbc\x94",  /* full-width digits */
    "\xd9\xa1\xd9\xa2\xd9\xa3\xd9\xa4",                  /* Arabic-Indic digits */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *reason = NULL;
      g_assert_true (sp_pin_is_acceptable (good[i], &reason));
      g_assert_null (reason);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *reason = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *hash = NULL;

      g_assert_false (sp_pin_is_acceptable (bad[i], &reason));
      g_assert_nonnull (reason);
      g_assert_true (strstr (reason, "4 to 12") != NULL);
      g_assert_false (sp_pin_is_acceptable (bad[i], NULL));

      /* Nothing unacceptable is ever stored. */
      hash = sp_pin_hash (bad[i], &error);
      g_assert_error (error, SP_PIN_ERROR, SP_PIN_ERROR_UNACCEPTABLE);
      g_assert_cmpstr (error->message, ==, reason);
      g_assert_null (hash);
    }

  {
    g_autofree char *reason = NULL;
    g_assert_false (sp_pin_is_acceptable ("123", &reason));
    g_assert_cmpstr (reason, ==, "Use 4 to 12 digits.");
  }
  {
    g_autofree char *reason = NULL;
    g_assert_false (sp_pin_is_acceptable ("12a4", &reason));
    g_assert_cmpstr (reason, ==, "Use only the digits 0 to 9, 4 to 12 of them.");
  }
  {
    g_autofree char *reason = NULL;
    g_assert_false (sp_pin_is_acceptable (NULL, &reason));
    g_assert_cmpstr (reason, ==, "Type a PIN of 4 to 12 digits.");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* For the Argon2i hash the test makes itself. */
  g_assert_cmpint (sodium_init (), >=, 0);

  g_test_add_func ("/signpost/pin/verify", test_verify);
  g_test_add_func ("/signpost/pin/async", test_async);
  g_test_add_func ("/signpost/pin/salted", test_salted);
  g_test_add_func ("/signpost/pin/bad-hash", test_bad_hash);
  g_test_add_func ("/signpost/pin/acceptable", test_acceptable);

  return g_test_run ();
}
