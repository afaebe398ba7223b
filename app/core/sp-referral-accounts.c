/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-referral-accounts.c: link workers' accounts, signing in and locking.
 *
 * One random data key encrypts the store. Each account keeps it wrapped (sealed) under a
 * key that Argon2id makes from that account's passphrase, with the account's own salt and
 * limits, so a passphrase change re-wraps 32 bytes and re-encrypts nothing. A wrong
 * passphrase fails to unwrap; after a few, each further attempt must wait longer.
 */
#include "config.h"

#include <string.h>
#include <time.h>
#include <glib/gi18n-lib.h>

#include "sp-referral-store-private.h"

#define DELAY_AFTER_FAILURES 3
#define MAX_DELAY_SECONDS 300

static char *
key_associated_data (const char *account_id)
{
  return g_strdup_printf ("signpost-referral-key:1:%s", account_id);
}

/* A passphrase long enough to stand up to guessing offline: at least
 * SP_PASSPHRASE_MIN_CHARS characters. */
gboolean
sp_passphrase_is_acceptable (const char  *passphrase,
                             char       **reason)
{
  if (passphrase == NULL || !g_utf8_validate (passphrase, -1, NULL) ||
      g_utf8_strlen (passphrase, -1) < SP_PASSPHRASE_MIN_CHARS)
    {
      if (reason != NULL)
        *reason = g_strdup_printf (_("Use a passphrase of at least %d characters: a few words "
                                     "you will remember are best."), SP_PASSPHRASE_MIN_CHARS);
      return FALSE;
    }
  return TRUE;
}

/* Seconds to wait before the next attempt after @failures wrong passphrases in a row:
 * none for the first two, then 2, 4, 8 … up to five minutes. */
guint
sp_referral_sign_in_delay (guint failures)
{
  if (failures < DELAY_AFTER_FAILURES)
    return 0;
  if (failures - DELAY_AFTER_FAILURES + 1 >= 9)
    return MAX_DELAY_SECONDS;
  return MIN (MAX_DELAY_SECONDS, 1u << (failures - DELAY_AFTER_FAILURES + 1));
}

/* CPU time of every thread of the process: what a sign-in costs, however busy the machine. */
static gint64
process_cpu_us (void)
{
  struct timespec now;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &now);
  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/**
 * sp_referral_store_list_accounts:
 *
 * The accounts' sign-in names, in the order they were made; there is no need to be signed
 * in (they are the sign-in screen's list).
 *
 * Returns: (transfer full): a %NULL-terminated array of names
 */
char **
sp_referral_store_list_accounts (SpReferralStore *self)
{
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr (SpReferralStatement) stmt = NULL;
  g_autoptr (GError) error = NULL;
  SpStoreStep step = SP_STORE_STEP_ERROR;

  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), NULL);

  stmt = sp_referral_statement_new (self, "SELECT name FROM account ORDER BY created_at, rowid",
                                    _("reading its accounts"), &error);
  while (stmt != NULL && (step = sp_referral_statement_step (stmt, &error)) == SP_STORE_STEP_ROW)
    g_strv_builder_add (names, sp_referral_statement_get_text (stmt, 0));
  if (step == SP_STORE_STEP_ERROR)
    {
      /* Never some of the accounts as if they were all: none, and the reason on the log. */
      g_warning ("%s", error->message);
      g_clear_pointer (&names, g_strv_builder_unref);
      names = g_strv_builder_new ();
    }
  return g_strv_builder_end (names);
}

/* Wraps the data key for a (new or changed) passphrase and writes the account row. */
static gboolean
write_account (SpReferralStore *self,
               const char      *id,
               const char      *name,
               const char      *passphrase,
               gboolean         is_new,
               GError         **error)
{
  guint8 salt[SP_SALT_BYTES];
  guint8 *wrapping = sp_secret_new ();
  g_autofree char *associated = key_associated_data (id);
  g_autoptr (GBytes) wrapped = NULL;
  g_autoptr (SpReferralStatement) stmt = NULL;
  g_autoptr (GError) write_error = NULL;
  const void *data;
  gsize len;

  randombytes_buf (salt, sizeof salt);
  if (!sp_crypto_derive_passphrase_key (passphrase, salt, SP_PASSPHRASE_OPSLIMIT, SP_PASSPHRASE_MEMLIMIT,
                                        wrapping, error))
    {
      sp_secret_free (wrapping);
      return FALSE;
    }
  wrapped = sp_crypto_seal (wrapping, self->keys->data, SP_KEY_BYTES, associated);
  sp_secret_free (wrapping);

  stmt = sp_referral_statement_new (self, is_new
    ? "INSERT INTO account (salt, opslimit, memlimit, wrapped_key, id, name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
    : "UPDATE account SET salt = ?, opslimit = ?, memlimit = ?, wrapped_key = ? WHERE id = ?",
    _("saving an account"), error);
  if (stmt == NULL)
    return FALSE;
  data = g_bytes_get_data (wrapped, &len);
  sp_referral_statement_bind_blob (stmt, 1, salt, sizeof salt);
  sp_referral_statement_bind_int64 (stmt, 2, SP_PASSPHRASE_OPSLIMIT);
  sp_referral_statement_bind_int64 (stmt, 3, SP_PASSPHRASE_MEMLIMIT);
  sp_referral_statement_bind_blob (stmt, 4, data, len);
  sp_referral_statement_bind_text (stmt, 5, id);
  if (is_new)
    {
      sp_referral_statement_bind_text (stmt, 6, name);
      sp_referral_statement_bind_int64 (stmt, 7, now_seconds ());
    }
  if (sp_referral_statement_run (stmt, &write_error))
    return TRUE;
  if (sp_referral_statement_failed_unique (stmt))
    g_set_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_ACCOUNT_EXISTS,
                 _("There is already an account called “%s”."), name);
  else
    g_propagate_error (error, g_steal_pointer (&write_error));
  return FALSE;
}

static gboolean
check_new_account (const char *name,
                   const char *passphrase,
                   GError    **error)
{
  g_autofree char *reason = NULL;

  if (name == NULL || *name == '\0' || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_INVALID, _("account: give the account a name"));
      return FALSE;
    }
  if (!sp_passphrase_is_acceptable (passphrase, &reason))
    {
      g_set_error_literal (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_WEAK_PASSPHRASE, reason);
      return FALSE;
    }
  return TRUE;
}

static void
become_signed_in (SpReferralStore *self,
                  SpKeys          *keys,
                  const char      *account_id,
                  const char      *account_name)
{
  self->keys = keys;
  self->account_id = g_strdup (account_id);
  self->account_name = g_strdup (account_name);
  g_object_notify (G_OBJECT (self), "signed-in");
}

/**
 * sp_referral_store_create_first_account:
 *
 * Makes a new store's data key and its first account, and signs that account in. Only for
 * a store with no account yet: later accounts are added by someone signed in.
 */
gboolean
sp_referral_store_create_first_account (SpReferralStore *self,
                                        const char      *name,
                                        const char      *passphrase,
                                        GError         **error)
{
  g_auto (GStrv) existing = NULL;
  char id[33];

  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), FALSE);

  existing = sp_referral_store_list_accounts (self);
  if (existing[0] != NULL)
    {
      g_set_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_ACCOUNT_EXISTS,
                   _("The referral store %s has accounts already: ask a link worker who has one to add yours."),
                   self->path);
      return FALSE;
    }
  if (!check_new_account (name, passphrase, error))
    return FALSE;

  sp_referral_store_lock (self);
  sp_random_id (id);
  self->keys = sp_keys_new_random ();
  self->account_name = g_strdup (name);
  if (!sp_referral_store_begin (self, error) ||
      !write_account (self, id, name, passphrase, TRUE, error) ||
      !sp_referral_store_load_records (self, error) ||
      !sp_referral_store_append_audit (self, "add-account", NULL, NULL, name, error) ||
      !sp_referral_store_commit (self, error))
    {
      sp_referral_store_rollback (self);
      g_clear_pointer (&self->keys, sp_keys_free);
      g_clear_pointer (&self->account_name, g_free);
      sp_referral_store_drop_records (self);
      return FALSE;
    }
  {
    SpKeys *keys = g_steal_pointer (&self->keys);
    g_autofree char *account_name = g_steal_pointer (&self->account_name);
    become_signed_in (self, keys, id, account_name);
  }
  return TRUE;
}

/* Adds another link worker's account; needs someone signed in, whose key it shares. */
gboolean
sp_referral_store_add_account (SpReferralStore *self,
                               const char      *name,
                               const char      *passphrase,
                               GError         **error)
{
  char id[33];

  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), FALSE);

  if (!sp_referral_store_require_signed_in (self, error) || !check_new_account (name, passphrase, error))
    return FALSE;
  sp_random_id (id);
  if (!sp_referral_store_begin (self, error) ||
      !write_account (self, id, name, passphrase, TRUE, error) ||
      !sp_referral_store_append_audit (self, "add-account", NULL, NULL, name, error) ||
      !sp_referral_store_commit (self, error))
    {
      sp_referral_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  char *id;
  guint8 salt[SP_SALT_BYTES];
  guint64 opslimit;
  gsize memlimit;
  GBytes *wrapped;
  guint failures;
  gint64 last_failure_at;
} AccountRow;

static void
account_row_clear (AccountRow *row)
{
  g_clear_pointer (&row->id, g_free);
  g_clear_pointer (&row->wrapped, g_bytes_unref);
}

static gboolean
read_account (SpReferralStore *self,
              const char      *name,
              AccountRow      *row,
              GError         **error)
{
  g_autoptr (SpReferralStatement) stmt = sp_referral_statement_new (self,
    "SELECT id, salt, opslimit, memlimit, wrapped_key, failed_attempts, last_failure_at "
    "FROM account WHERE name = ?", _("reading its accounts"), error);
  gboolean found = FALSE;
  SpStoreStep step;

  if (stmt == NULL)
    return FALSE;
  sp_referral_statement_bind_text (stmt, 1, name);
  step = sp_referral_statement_step (stmt, error);
  if (step == SP_STORE_STEP_ERROR)
    return FALSE;
  if (step == SP_STORE_STEP_ROW)
    {
      gsize salt_len, wrapped_len;
      const guint8 *salt = sp_referral_statement_get_blob (stmt, 1, &salt_len);
      const guint8 *wrapped = sp_referral_statement_get_blob (stmt, 4, &wrapped_len);

      if (salt_len == SP_SALT_BYTES)
        {
          row->id = g_strdup (sp_referral_statement_get_text (stmt, 0));
          memcpy (row->salt, salt, SP_SALT_BYTES);
          row->opslimit = sp_referral_statement_get_int64 (stmt, 2);
          row->memlimit = sp_referral_statement_get_int64 (stmt, 3);
          row->wrapped = g_bytes_new (wrapped, wrapped_len);
          row->failures = sp_referral_statement_get_int64 (stmt, 5);
          row->last_failure_at = sp_referral_statement_get_int64 (stmt, 6);
          found = TRUE;
        }
    }
  if (!found)
    g_set_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_NO_ACCOUNT,
                 _("There is no account called “%s” in this referral store."), name);
  return found;
}

/* The data key @row wraps, if @passphrase opens it; the slow Argon2id step is timed. */
static guint8 *
unwrap (SpReferralStore *self,
        AccountRow      *row,
        const char      *passphrase,
        GError         **error)
{
  guint8 *wrapping = sp_secret_new ();
  g_autofree char *associated = key_associated_data (row->id);
  gint64 start = g_get_monotonic_time ();
  guint8 *data_key = NULL;
  gsize len = 0;
  gsize wrapped_len;
  const guint8 *wrapped = g_bytes_get_data (row->wrapped, &wrapped_len);

  if (sp_crypto_derive_passphrase_key (passphrase, row->salt, row->opslimit, row->memlimit, wrapping, error))
    {
      guint8 *plain = sp_crypto_open (wrapping, wrapped, wrapped_len, associated, &len);

      if (plain != NULL && len == SP_KEY_BYTES)
        {
          data_key = sp_secret_new ();
          memcpy (data_key, plain, SP_KEY_BYTES);
        }
      sp_crypto_free_plain (plain, len);
    }
  sp_secret_free (wrapping);
  self->passphrase_ms = (g_get_monotonic_time () - start) / 1000.0;
  return data_key;
}

/* Counts a wrong passphrase; FALSE with @error set when it could not be counted. */
static gboolean
note_failure (SpReferralStore *self,
              AccountRow      *row,
              GError         **error)
{
  g_autoptr (SpReferralStatement) stmt = sp_referral_statement_new (self,
    "UPDATE account SET failed_attempts = failed_attempts + 1, last_failure_at = ? WHERE id = ?",
    _("counting a wrong passphrase"), error);

  if (stmt == NULL)
    return FALSE;
  sp_referral_statement_bind_int64 (stmt, 1, now_seconds ());
  sp_referral_statement_bind_text (stmt, 2, row->id);
  return sp_referral_statement_run (stmt, error);
}

/* A restore happens locked; the first sign-in after it puts it in the audit log. */
static gboolean
note_restore (SpReferralStore *self,
              GError         **error)
{
  g_autofree char *when = NULL;
  g_autofree char *detail = NULL;

  if (!sp_referral_store_read_setting (self, "restored-at", &when, error))
    return FALSE;
  if (when == NULL)
    return TRUE;
  detail = g_strdup_printf ("restored from a backup at %s", when);
  return sp_referral_store_append_audit (self, "restore", NULL, NULL, detail, error) &&
         sp_referral_store_exec (self, "DELETE FROM store_setting WHERE key = 'restored-at'", error);
}

/**
 * sp_referral_store_sign_in:
 *
 * Unwraps the data key with @name's passphrase and decrypts every record into memory.
 * A wrong passphrase is refused, and counted: from the third in a row, the next attempt
 * must wait (sp_referral_sign_in_delay()) and is refused with %SP_REFERRAL_ERROR_TOO_SOON
 * before any checking until then. Takes about a second (Argon2id, then the records): call
 * it from a thread when a window is waiting.
 */
gboolean
sp_referral_store_sign_in (SpReferralStore *self,
                           const char      *name,
                           const char      *passphrase,
                           GError         **error)
{
  AccountRow row = { 0 };
  g_autoptr (GError) unwrap_error = NULL;
  guint8 *data_key;
  gint64 wait;
  gint64 start, start_cpu;
  g_autofree char *detail = NULL;

  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);

  sp_referral_store_lock (self);
  if (!read_account (self, name, &row, error))
    return FALSE;
  wait = row.last_failure_at + sp_referral_sign_in_delay (row.failures) - now_seconds ();
  if (row.failures > 0 && wait > 0)
    {
      g_set_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_TOO_SOON,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Too many wrong passphrases for “%s”: wait %d second before trying again.",
                                "Too many wrong passphrases for “%s”: wait %d seconds before trying again.",
                                (gulong) wait),
                   name, (int) wait);
      account_row_clear (&row);
      return FALSE;
    }

  data_key = unwrap (self, &row, passphrase, &unwrap_error);
  if (data_key == NULL)
    {
      /* Decided on this call's own error, never on whether the caller asked for one. */
      if (unwrap_error != NULL)
        g_propagate_error (error, g_steal_pointer (&unwrap_error));
      else if (note_failure (self, &row, error))
        g_set_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_WRONG_PASSPHRASE,
                     _("That passphrase is not right for “%s”. Check Caps Lock and try again."), name);
      account_row_clear (&row);
      return FALSE;
    }

  start = g_get_monotonic_time ();
  start_cpu = process_cpu_us ();
  self->keys = sp_keys_new_from_data_key (data_key);
  sp_secret_free (data_key);
  self->account_name = g_strdup (name);
  if (row.failures > 0)
    detail = g_strdup_printf ("after %u failed attempts", row.failures);
  if (!sp_referral_store_load_records (self, error) ||
      !sp_referral_store_begin (self, error) ||
      !sp_referral_store_exec (self, "UPDATE account SET failed_attempts = 0, last_failure_at = 0", error) ||
      !sp_referral_store_append_audit (self, "sign-in", NULL, NULL, detail, error) ||
      !note_restore (self, error) ||
      !sp_referral_store_upgrade_records (self, error) ||
      !sp_referral_store_commit (self, error))
    {
      sp_referral_store_rollback (self);
      g_clear_pointer (&self->keys, sp_keys_free);
      g_clear_pointer (&self->account_name, g_free);
      sp_referral_store_drop_records (self);
      account_row_clear (&row);
      return FALSE;
    }
  self->records_ms = (g_get_monotonic_time () - start) / 1000.0;
  self->records_cpu_ms = (process_cpu_us () - start_cpu) / 1000.0;
  {
    SpKeys *keys = g_steal_pointer (&self->keys);
    g_autofree char *account_name = g_steal_pointer (&self->account_name);
    become_signed_in (self, keys, row.id, account_name);
  }
  account_row_clear (&row);
  return TRUE;
}

/* Re-wraps the data key under a new passphrase for the signed-in account; nothing else is
 * re-encrypted. The old passphrase is asked again, so an unattended session cannot do it. */
gboolean
sp_referral_store_change_passphrase (SpReferralStore *self,
                                     const char      *old_passphrase,
                                     const char      *new_passphrase,
                                     GError         **error)
{
  AccountRow row = { 0 };
  g_autofree char *reason = NULL;
  guint8 *check;
  gboolean right;

  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), FALSE);

  if (!sp_referral_store_require_signed_in (self, error))
    return FALSE;
  if (!sp_passphrase_is_acceptable (new_passphrase, &reason))
    {
      g_set_error_literal (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_WEAK_PASSPHRASE, reason);
      return FALSE;
    }
  if (!read_account (self, self->account_name, &row, error))
    return FALSE;
  check = unwrap (self, &row, old_passphrase, error);
  right = check != NULL && sodium_memcmp (check, self->keys->data, SP_KEY_BYTES) == 0;
  sp_secret_free (check);
  account_row_clear (&row);
  if (!right)
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_WRONG_PASSPHRASE,
                     _("The current passphrase is not right; the passphrase was not changed."));
      return FALSE;
    }
  if (!sp_referral_store_begin (self, error) ||
      !write_account (self, self->account_id, self->account_name, new_passphrase, FALSE, error) ||
      !sp_referral_store_append_audit (self, "change-passphrase", NULL, NULL, NULL, error) ||
      !sp_referral_store_commit (self, error))
    {
      sp_referral_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

/**
 * sp_referral_store_lock:
 *
 * Signs out: notes it in the audit log, wipes the keys (sodium_memzero through
 * sodium_free) and every decrypted record. Safe to call when already locked.
 */
void
sp_referral_store_lock (SpReferralStore *self)
{
  g_return_if_fail (SP_IS_REFERRAL_STORE (self));

  if (self->keys == NULL)
    return;
  if (self->batch_depth > 0)
    sp_referral_store_rollback_batch (self);
  if (self->db != NULL &&
      (!sp_referral_store_begin (self, NULL) ||
       !sp_referral_store_append_audit (self, "sign-out", NULL, NULL, NULL, NULL) ||
       !sp_referral_store_commit (self, NULL)))
    sp_referral_store_rollback (self);
  g_clear_pointer (&self->keys, sp_keys_free);
  sp_referral_store_drop_records (self);
  sp_wipe_string (&self->account_name);
  g_clear_pointer (&self->account_id, g_free);
  g_object_notify (G_OBJECT (self), "signed-in");
}

/* Returns: (nullable): the signed-in account's name */
const char *
sp_referral_store_get_account (SpReferralStore *self)
{
  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), NULL);
  return self->keys != NULL ? self->account_name : NULL;
}

/* How long the last sign-in spent in Argon2id, and then on the records, in time and in
 * CPU time of all its threads (benchmarks). */
void
sp_referral_store_get_sign_in_timings (SpReferralStore *self,
                                       double          *passphrase_ms,
                                       double          *records_ms,
                                       double          *records_cpu_ms)
{
  g_return_if_fail (SP_IS_REFERRAL_STORE (self));
  *passphrase_ms = self->passphrase_ms;
  *records_ms = self->records_ms;
  *records_cpu_ms = self->records_cpu_ms;
}
