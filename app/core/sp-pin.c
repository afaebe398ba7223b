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

/* What a thread hashes or checks: the PIN, and for a check the stored hash. The PIN is
 * wiped from memory when done with. */
typedef struct
{
  char *pin;
  char *hash;
} PinWork;

static void
pin_work_free (PinWork *work)
{
  if (work->pin != NULL)
    sodium_memzero (work->pin, strlen (work->pin));
  g_free (work->pin);
  g_free (work->hash);
  g_free (work);
}

static GTask *
pin_task_new (const char          *pin,
              const char          *hash,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data,
              gpointer             source_tag)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  PinWork *work = g_new0 (PinWork, 1);

  g_task_set_source_tag (task, source_tag);
  work->pin = g_strdup (pin);
  work->hash = g_strdup (hash);
  g_task_set_task_data (task, work, (GDestroyNotify) pin_work_free);
  return task;
}

static void
hash_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PinWork *work = task_data;
  GError *error = NULL;
  char *hash = sp_pin_hash (work->pin, &error);

  if (hash == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, hash, g_free);
}

/**
 * sp_pin_hash_async:
 * @pin: the new PIN
 *
 * sp_pin_hash() in a thread: it takes a fraction of a second, too long for a window's
 * main loop. Finish with sp_pin_hash_finish().
 */
void
sp_pin_hash_async (const char          *pin,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr (GTask) task = pin_task_new (pin, NULL, cancellable, callback, user_data, sp_pin_hash_async);

  g_task_run_in_thread (task, hash_thread);
}

/**
 * sp_pin_hash_finish:
 *
 * Returns: (transfer full): the hash, or %NULL with @error set (as sp_pin_hash(), or
 *   cancelled)
 */
char *
sp_pin_hash_finish (GAsyncResult *result,
                    GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sp_pin_hash_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
verify_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  PinWork *work = task_data;

  g_task_return_boolean (task, sp_pin_verify (work->hash, work->pin));
}

/**
 * sp_pin_verify_async:
 * @hash: (nullable): the stored hash
 * @pin: (nullable): what the person typed
 *
 * sp_pin_verify() in a thread. A PIN that is refused before any hashing (no hash set, not
 * 4 to 12 digits) is answered at once, without a thread. Finish with
 * sp_pin_verify_finish().
 */
void
sp_pin_verify_async (const char          *hash,
                     const char          *pin,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr (GTask) task = pin_task_new (pin, hash, cancellable, callback, user_data, sp_pin_verify_async);

  if (hash == NULL || *hash == '\0' || pin == NULL || !sp_pin_is_acceptable (pin, NULL))
    g_task_return_boolean (task, FALSE);
  else
    g_task_run_in_thread (task, verify_thread);
}

/**
 * sp_pin_verify_finish:
 *
 * Returns: %TRUE when the PIN is right; %FALSE when it is not, or with @error set when
 *   the check was cancelled
 */
gboolean
sp_pin_verify_finish (GAsyncResult *result,
                      GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sp_pin_verify_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
