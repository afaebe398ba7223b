/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-pin.c: the kiosk's exit PIN, kept only as an Argon2id hash.
 *
 * The hash lives in GSettings (kiosk-pin-hash), which anyone at the kiosk's desktop
 * account could read with dconf, so it has to withstand guessing offline: a 4-digit
 * PIN has only 10 000 values, and Argon2id with libsodium's "interactive" limits
 * (64 MiB, a fraction of a second) makes trying them all slow rather than instant.
 * Each hash has its own random salt, so two kiosks with the same PIN do not show it.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "sp-pin.h"

G_DEFINE_QUARK (sp-pin-error-quark, sp_pin_error)

/* sodium_init() must run before any other libsodium call; it is safe to call again,
 * but picking its random source once is enough. */
static gboolean
ensure_sodium (void)
{
  static gsize ready = 0;
  static gboolean ok;

  if (g_once_init_enter (&ready))
    {
      ok = sodium_init () >= 0;  /* 1 means another library started it first */
      g_once_init_leave (&ready, 1);
    }
  return ok;
}

/**
 * sp_pin_is_acceptable:
 * @pin: what the directory editor typed
 * @reason: (out) (optional) (transfer full): when the PIN will not do, why, in words
 *   for the editor; unset otherwise
 *
 * A PIN is 4 to 12 digits (0 to 9): short enough to type on a touch screen's number
 * pad, and never a word a passer-by could guess from the library's name.
 *
 * Returns: whether @pin may be the kiosk's exit PIN
 */
gboolean
sp_pin_is_acceptable (const char  *pin,
                      char       **reason)
{
  gsize len;

  g_return_val_if_fail (reason == NULL || *reason == NULL, FALSE);

  len = pin != NULL ? strlen (pin) : 0;
  if (len == 0)
    {
      if (reason != NULL)
        *reason = g_strdup_printf (_("Type a PIN of %d to %d digits."), SP_PIN_MIN_DIGITS, SP_PIN_MAX_DIGITS);
      return FALSE;
    }
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (pin[i]))
      {
        if (reason != NULL)
          *reason = g_strdup_printf (_("Use only the digits 0 to 9, %d to %d of them."),
                                     SP_PIN_MIN_DIGITS, SP_PIN_MAX_DIGITS);
        return FALSE;
      }
  if (len < SP_PIN_MIN_DIGITS || len > SP_PIN_MAX_DIGITS)
    {
      if (reason != NULL)
        *reason = g_strdup_printf (_("Use %d to %d digits."), SP_PIN_MIN_DIGITS, SP_PIN_MAX_DIGITS);
      return FALSE;
    }
  return TRUE;
}

/**
 * sp_pin_hash:
 * @pin: the new PIN, which must be acceptable (sp_pin_is_acceptable())
 *
 * Hashes @pin with Argon2id under a fresh random salt, for kiosk-pin-hash. The
 * result is an ASCII string that carries its own salt and limits ("$argon2id$…").
 * It takes a fraction of a second and 64 MiB of memory; call it off the main loop
 * when that matters.
 *
 * Returns: (transfer full): the hash, or %NULL with @error set
 */
char *
sp_pin_hash (const char  *pin,
             GError     **error)
{
  g_autofree char *reason = NULL;
  char hash[crypto_pwhash_STRBYTES];

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!sp_pin_is_acceptable (pin, &reason))
    {
      g_set_error_literal (error, SP_PIN_ERROR, SP_PIN_ERROR_UNACCEPTABLE, reason);
      return NULL;
    }
  if (!ensure_sodium ())
    {
      g_set_error_literal (error, SP_PIN_ERROR, SP_PIN_ERROR_FAILED,
                           _("The PIN cannot be saved: the encryption library (libsodium) "
                             "would not start. Reinstall Signpost."));
      return NULL;
    }
  if (crypto_pwhash_str_alg (hash, pin, strlen (pin),
                             crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                             crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      /* libsodium fails here only when it cannot have the memory. */
      g_set_error (error, SP_PIN_ERROR, SP_PIN_ERROR_FAILED,
                   _("The PIN cannot be saved: protecting it takes %u MiB of memory and "
                     "the computer has too little free. Close other programs and try again."),
                   (unsigned) (crypto_pwhash_MEMLIMIT_INTERACTIVE / (1024 * 1024)));
      return NULL;
    }
  return g_strdup (hash);
}

/**
 * sp_pin_verify:
 * @hash: (nullable): the stored hash, as sp_pin_hash() made it
 * @pin: (nullable): what the person at the kiosk typed
 *
 * Whether @pin is the PIN @hash was made from. The comparison takes the same time
 * however much of the PIN is right. An empty, damaged or foreign @hash (not
 * Argon2id) matches nothing, so a broken setting never lets anyone out; and a
 * @pin that is not an acceptable PIN is refused before any hashing, so typing
 * random text at the prompt costs nothing.
 *
 * Returns: %TRUE when @pin is right
 */
gboolean
sp_pin_verify (const char *hash,
               const char *pin)
{
  char stored[crypto_pwhash_STRBYTES] = { 0 };
  gsize len;

  if (hash == NULL || pin == NULL || !sp_pin_is_acceptable (pin, NULL) || !ensure_sodium ())
    return FALSE;

  /* libsodium reads the hash as a C string of at most crypto_pwhash_STRBYTES; a longer
   * setting is not one of ours. */
  len = strnlen (hash, sizeof stored);
  if (len == 0 || len >= sizeof stored)
    return FALSE;
  memcpy (stored, hash, len);

  /* -1: not a well-formed Argon2id string (argon2i, garbage, a truncated copy).
   * 1 (other limits than ours, say from a later Signpost) still verifies. */
  if (crypto_pwhash_argon2id_str_needs_rehash (stored, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                               crypto_pwhash_MEMLIMIT_INTERACTIVE) < 0)
    return FALSE;
  return crypto_pwhash_str_verify (stored, pin, strlen (pin)) == 0;
}
