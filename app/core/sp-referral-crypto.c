/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-referral-crypto.c: the referral store's keys and how records are sealed with them.
 *
 * Records are sealed with XChaCha20-Poly1305 under a key derived from the random data key,
 * with a random 24-byte nonce in front and the record's kind and id as associated data,
 * so a sealed record moved onto another row does not open. Plaintext is padded to a
 * multiple of 256 bytes first, so a record's size says little about how long a name or a
 * note in it is. Lookups (NHS number, name) are BLAKE2b keyed with another derived key.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sp-referral-crypto.h"
#include "sp-referral-model.h"

#define PAD_BLOCK 256
#define KDF_CONTEXT "SpRefKey"   /* crypto_kdf_CONTEXTBYTES (8) characters */

enum
{
  SUBKEY_RECORDS = 1,
  SUBKEY_LOOKUP = 2,
  SUBKEY_AUDIT = 3,
};

/* sodium_init() once per process; later calls return 1 and are cheap anyway. */
gboolean
sp_crypto_ready (GError **error)
{
  static gsize ready = 0;
  static gboolean ok;

  if (g_once_init_enter (&ready))
    {
      ok = sodium_init () >= 0;
      g_once_init_leave (&ready, 1);
    }
  if (!ok)
    g_set_error_literal (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_FAILED,
                         _("The encryption library (libsodium) would not start. Reinstall Signpost."));
  return ok;
}

/* SP_KEY_BYTES of guarded memory, zeroed. Aborts when the memory cannot be had, like
 * g_malloc(). */
guint8 *
sp_secret_new (void)
{
  guint8 *secret = sodium_malloc (SP_KEY_BYTES);

  if (secret == NULL)
    g_error ("Could not allocate %d bytes of locked memory for a key", SP_KEY_BYTES);
  sodium_memzero (secret, SP_KEY_BYTES);
  return secret;
}

/* Wipes and frees a secret from sp_secret_new(). */
void
sp_secret_free (guint8 *secret)
{
  if (secret != NULL)
    sodium_free (secret);
}

/* 128 random bits as 32 hex digits: record and account ids that say nothing. */
void
sp_random_id (char id[33])
{
  guint8 bytes[16];

  randombytes_buf (bytes, sizeof bytes);
  sodium_bin2hex (id, 33, bytes, sizeof bytes);
}

static SpKeys *
keys_derive (guint8 *data)
{
  SpKeys *keys = g_new0 (SpKeys, 1);

  keys->data = data;
  keys->records = sp_secret_new ();
  keys->lookup = sp_secret_new ();
  keys->audit = sp_secret_new ();
  crypto_kdf_derive_from_key (keys->records, SP_KEY_BYTES, SUBKEY_RECORDS, KDF_CONTEXT, data);
  crypto_kdf_derive_from_key (keys->lookup, SP_KEY_BYTES, SUBKEY_LOOKUP, KDF_CONTEXT, data);
  crypto_kdf_derive_from_key (keys->audit, SP_KEY_BYTES, SUBKEY_AUDIT, KDF_CONTEXT, data);
  return keys;
}

/* A new store's keys: a fresh random data key. */
SpKeys *
sp_keys_new_random (void)
{
  guint8 *data = sp_secret_new ();

  crypto_kdf_keygen (data);
  return keys_derive (data);
}

SpKeys *
sp_keys_new_from_data_key (const guint8 *data_key)
{
  guint8 *data = sp_secret_new ();

  memcpy (data, data_key, SP_KEY_BYTES);
  return keys_derive (data);
}

/* Wipes every key (sodium_free zeroes guarded memory before it lets it go). */
void
sp_keys_free (SpKeys *keys)
{
  if (keys == NULL)
    return;
  sp_secret_free (keys->data);
  sp_secret_free (keys->records);
  sp_secret_free (keys->lookup);
  sp_secret_free (keys->audit);
  g_free (keys);
}

/**
 * sp_crypto_derive_passphrase_key:
 * @key: (out caller-allocates): SP_KEY_BYTES, best from sp_secret_new()
 *
 * The key that wraps the data key for one account: Argon2id of the passphrase under the
 * account's salt and limits. This is the slow step of signing in, on purpose.
 */
gboolean
sp_crypto_derive_passphrase_key (const char   *passphrase,
                                 const guint8 *salt,
                                 guint64       opslimit,
                                 gsize         memlimit,
                                 guint8       *key,
                                 GError      **error)
{
  if (!sp_crypto_ready (error))
    return FALSE;
  if (crypto_pwhash (key, SP_KEY_BYTES, passphrase, strlen (passphrase), salt, opslimit, memlimit,
                     crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_FAILED,
                   _("Signing in needs %u MiB of memory to protect the passphrase, and the computer "
                     "has too little free. Close other programs and try again."),
                   (unsigned) (memlimit / (1024 * 1024)));
      return FALSE;
    }
  return TRUE;
}

/* Seals @plain: nonce ‖ XChaCha20-Poly1305(padded plain, @associated). */
GBytes *
sp_crypto_seal (const guint8 *key,
                const void   *plain,
                gsize         plain_len,
                const char   *associated)
{
  gsize padded_max = plain_len + PAD_BLOCK;
  /* Plain memory, wiped after: guarded pages cost four system calls each, and an import
   * seals thousands of records. */
  guint8 *padded = g_malloc (padded_max);
  gsize padded_len = 0;
  gsize sealed_len;
  guint8 *sealed;
  unsigned long long cipher_len = 0;

  g_assert (padded != NULL);
  memcpy (padded, plain, plain_len);
  if (sodium_pad (&padded_len, padded, plain_len, PAD_BLOCK, padded_max) != 0)
    g_assert_not_reached ();

  sealed_len = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + padded_len +
               crypto_aead_xchacha20poly1305_ietf_ABYTES;
  sealed = g_malloc (sealed_len);
  randombytes_buf (sealed, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  crypto_aead_xchacha20poly1305_ietf_encrypt (sealed + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
                                              &cipher_len, padded, padded_len,
                                              (const guint8 *) associated, strlen (associated), NULL,
                                              sealed, key);
  sodium_memzero (padded, padded_max);
  g_free (padded);
  return g_bytes_new_take (sealed, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + cipher_len);
}

/**
 * sp_crypto_open:
 * @plain_len: (out): the length of the plaintext
 *
 * Opens what sp_crypto_seal() sealed with the same key and associated data.
 *
 * Returns: (transfer full) (nullable): the plaintext, NUL-terminated, in guarded memory:
 *   free it with sp_crypto_free_plain(); %NULL when it does not authenticate
 */
guint8 *
sp_crypto_open (const guint8 *key,
                const guint8 *sealed,
                gsize         sealed_len,
                const char   *associated,
                gsize        *plain_len)
{
  const gsize overhead = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES;
  unsigned long long padded_len = 0;
  gsize unpadded = 0;
  guint8 *plain;

  if (sealed_len < overhead + PAD_BLOCK)
    return NULL;
  /* Plain malloc, not sodium_malloc: a sign-in opens tens of thousands of records and
   * guarded pages cost a system call each. It is wiped before it is freed all the same. */
  plain = g_malloc (sealed_len - overhead + 1);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt (plain, &padded_len, NULL,
                                                  sealed + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
                                                  sealed_len - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
                                                  (const guint8 *) associated, strlen (associated),
                                                  sealed, key) != 0 ||
      sodium_unpad (&unpadded, plain, padded_len, PAD_BLOCK) != 0)
    {
      sp_crypto_free_plain (plain, sealed_len - overhead);
      return NULL;
    }
  plain[unpadded] = '\0';
  *plain_len = unpadded;
  return plain;
}

void
sp_crypto_free_plain (guint8 *plain,
                      gsize   plain_len)
{
  if (plain == NULL)
    return;
  sodium_memzero (plain, plain_len);
  g_free (plain);
}

/* BLAKE2b-256 of "kind:value" keyed with the lookup key. */
void
sp_crypto_keyed_hash (const guint8 *key,
                      const char   *kind,
                      const char   *value,
                      guint8        out[SP_HASH_BYTES])
{
  crypto_generichash_state state;

  crypto_generichash_init (&state, key, SP_KEY_BYTES, SP_HASH_BYTES);
  crypto_generichash_update (&state, (const guint8 *) kind, strlen (kind));
  crypto_generichash_update (&state, (const guint8 *) ":", 1);
  crypto_generichash_update (&state, (const guint8 *) value, strlen (value));
  crypto_generichash_final (&state, out, SP_HASH_BYTES);
  sodium_memzero (&state, sizeof state);
}
