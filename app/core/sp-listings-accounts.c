/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-listings-accounts.c: hub accounts, invitations, sessions and throttled sign-in.
 *
 * Passphrases are kept as crypto_pwhash_str() strings (Argon2id, libsodium's interactive
 * limits: about a tenth of a second on a small machine). Session, invitation and CSRF
 * tokens are 32 random bytes; the store keeps only the SHA-256 of session and invitation
 * tokens, so a copy of the store signs no one in. These tables are not services: they are
 * written in transactions of their own, outside sp_directory_change(), and never move the
 * change sequence.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "sp-listings-private.h"
#include "sp-text.h"

/* Failed sign-ins allowed before the delay starts, the delay's ceiling, and how long
 * after the last failure the count is forgotten. */
#define FREE_FAILURES 5
#define MAX_DELAY_SECONDS (15 * 60)
#define FORGET_SECONDS (60 * 60)

static const char *
role_name (SpAccountRole role)
{
  return role == SP_ACCOUNT_ROLE_EDITOR ? "editor" : "member";
}

static gboolean
check_new_account (const char *email,
                   const char *passphrase,
                   GError    **error)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_field_problem_free);

  if (email == NULL || strlen (email) > 254 || !sp_text_is_email (email) || strchr (email, ' ') != NULL)
    g_ptr_array_add (problems, sp_field_problem_new ("email", _("Enter an email address, like name@example.org.")));
  if (passphrase == NULL || !g_utf8_validate (passphrase, -1, NULL) ||
      g_utf8_strlen (passphrase, -1) < SP_LISTINGS_MIN_PASSPHRASE)
    {
      g_autofree char *message = g_strdup_printf (_("Choose a passphrase of at least %d characters."),
                                                  SP_LISTINGS_MIN_PASSPHRASE);
      g_ptr_array_add (problems, sp_field_problem_new ("passphrase", message));
    }
  else if (strlen (passphrase) > 1024)
    g_ptr_array_add (problems, sp_field_problem_new ("passphrase", _("Choose a passphrase of at most 1024 bytes.")));
  if (problems->len == 0)
    {
      g_ptr_array_unref (problems);
      return TRUE;
    }
  sp_listings_set_invalid (error, problems);
  return FALSE;
}

static char *
hash_passphrase (const char *passphrase,
                 GError    **error)
{
  char hash[crypto_pwhash_STRBYTES];

  if (crypto_pwhash_str_alg (hash, passphrase, strlen (passphrase), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error_literal (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_FAILED,
                           _("There is not enough memory to protect the passphrase."));
      return NULL;
    }
  return g_strdup (hash);
}

/* Reads the account of the row @stmt stands on: id, email, role, organization_id,
 * created, disabled, organisation name. */
static SpAccount *
account_from_row (SpStoreStatement *stmt)
{
  SpAccount *a = g_new0 (SpAccount, 1);

  a->id = sp_store_statement_get_int64 (stmt, 0);
  a->email = sp_store_statement_dup_text (stmt, 1);
  a->role = g_strcmp0 (sp_store_statement_get_text (stmt, 2), "editor") == 0 ? SP_ACCOUNT_ROLE_EDITOR
                                                                              : SP_ACCOUNT_ROLE_MEMBER;
  a->organization_id = sp_store_statement_dup_text (stmt, 3);
  a->created = sp_store_statement_dup_text (stmt, 4);
  a->disabled = sp_store_statement_get_int64 (stmt, 5) != 0;
  a->organization_name = sp_store_statement_dup_text (stmt, 6);
  return a;
}

#define ACCOUNT_COLUMNS \
  "a.id, a.email, a.role, a.organization_id, a.created, a.disabled, o.name"
#define ACCOUNT_FROM \
  " FROM hub_account a LEFT JOIN organization o ON o.id = a.organization_id "

static SpAccount *
lookup_account (SpListings *self,
                const char *where,
                const char *key,
                gint64      id,
                char      **passphrase_hash,
                GError    **error)
{
  g_autofree char *sql = g_strconcat ("SELECT " ACCOUNT_COLUMNS ", a.passphrase_hash" ACCOUNT_FROM, where, NULL);
  SpStoreStatement *stmt = sp_store_statement_cached (sp_listings_store (self), sql, N_("reading an account"), error);
  SpAccount *account = NULL;
  SpStoreStep step;

  if (stmt == NULL)
    return NULL;
  if (key != NULL)
    sp_store_statement_bind_text (stmt, 1, key);
  else
    sp_store_statement_bind_int64 (stmt, 1, id);
  step = sp_store_statement_step (stmt, error);
  if (step == SP_STORE_STEP_ROW)
    {
      account = account_from_row (stmt);
      if (passphrase_hash != NULL)
        *passphrase_hash = sp_store_statement_dup_text (stmt, 7);
    }
  else if (step == SP_STORE_STEP_DONE)
    g_set_error_literal (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_NOT_FOUND, _("There is no such account."));
  sp_store_statement_reset (stmt);
  return account;
}

static SpAccount *
insert_account (SpListings    *self,
                const char    *email,
                const char    *passphrase,
                SpAccountRole  role,
                const char    *organization_id,
                GError       **error)
{
  g_autofree char *lower = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *now = sp_listings_now_text (0);
  g_autoptr (SpAccount) existing = NULL;
  SpStoreStatement *stmt;
  gboolean ok;

  if (!check_new_account (email, passphrase, error))
    return NULL;
  lower = g_utf8_strdown (email, -1);
  existing = lookup_account (self, "WHERE a.email = ?1", lower, 0, NULL, NULL);
  if (existing != NULL)
    {
      g_set_error (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_EXISTS,
                   _("There is already an account for %s."), lower);
      return NULL;
    }
  if ((hash = hash_passphrase (passphrase, error)) == NULL)
    return NULL;
  stmt = sp_store_statement_cached (sp_listings_store (self),
                                    "INSERT INTO hub_account (email, role, organization_id, passphrase_hash, created) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5)", N_("saving an account"), error);
  if (stmt == NULL)
    return NULL;
  sp_store_statement_bind_text (stmt, 1, lower);
  sp_store_statement_bind_text (stmt, 2, role_name (role));
  sp_store_statement_bind_text (stmt, 3, organization_id);
  sp_store_statement_bind_text (stmt, 4, hash);
  sp_store_statement_bind_text (stmt, 5, now);
  ok = sp_store_statement_run (stmt, error);
  sodium_memzero (hash, strlen (hash));
  if (!ok)
    return NULL;
  return lookup_account (self, "WHERE a.email = ?1", lower, 0, NULL, error);
}

/**
 * sp_listings_add_editor:
 * Creates an editor account. For the terminal (signpost-hub add-editor): no acting account.
 *
 * Returns: (transfer full): the account, or %NULL with @error set
 */
SpAccount *
sp_listings_add_editor (SpListings *self,
                        const char *email,
                        const char *passphrase,
                        GError    **error)
{
  g_return_val_if_fail (SP_IS_LISTINGS (self), NULL);
  return insert_account (self, email, passphrase, SP_ACCOUNT_ROLE_EDITOR, NULL, error);
}

static gboolean
organization_exists (SpListings *self,
                     const char *organization_id,
                     GError    **error)
{
  SpStoreStatement *stmt = sp_store_statement_cached (sp_listings_store (self),
                                                      "SELECT 1 FROM organization WHERE id = ?1",
                                                      N_("reading an organisation"), error);
  SpStoreStep step;

  if (stmt == NULL)
    return FALSE;
  sp_store_statement_bind_text (stmt, 1, organization_id);
  step = sp_store_statement_step (stmt, error);
  sp_store_statement_reset (stmt);
  if (step == SP_STORE_STEP_DONE)
    g_set_error (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_NOT_FOUND,
                 _("There is no organisation %s in the directory."), organization_id);
  return step == SP_STORE_STEP_ROW;
}

/**
 * sp_listings_invite:
 * Returns: (transfer full): the one-time token of the sign-up link, or %NULL with @error set
 */
char *
sp_listings_invite (SpListings      *self,
                    const SpAccount *actor,
                    SpAccountRole    role,
                    const char      *organization_id,
                    GError         **error)
{
  g_autofree char *token = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *now = sp_listings_now_text (0);
  g_autofree char *expires = sp_listings_now_text (SP_LISTINGS_INVITATION_SECONDS);
  SpStoreStatement *stmt;

  g_return_val_if_fail (SP_IS_LISTINGS (self), NULL);
  if (!sp_listings_require_editor (actor, error))
    return NULL;
  if ((role == SP_ACCOUNT_ROLE_MEMBER) != (organization_id != NULL))
    {
      g_set_error_literal (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_FAILED,
                           _("A member belongs to one organisation; an editor to none."));
      return NULL;
    }
  if (organization_id != NULL && !organization_exists (self, organization_id, error))
    return NULL;
  token = sp_listings_new_token ();
  hash = sp_listings_hash_token (token);
  stmt = sp_store_statement_cached (sp_listings_store (self),
                                    "INSERT INTO hub_invitation (token_hash, role, organization_id, created_by, "
                                    "created, expires) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                    N_("saving an invitation"), error);
  if (stmt == NULL)
    return NULL;
  sp_store_statement_bind_text (stmt, 1, hash);
  sp_store_statement_bind_text (stmt, 2, role_name (role));
  sp_store_statement_bind_text (stmt, 3, organization_id);
  sp_store_statement_bind_int64 (stmt, 4, actor->id);
  sp_store_statement_bind_text (stmt, 5, now);
  sp_store_statement_bind_text (stmt, 6, expires);
  if (!sp_store_statement_run (stmt, error))
    return NULL;
  return g_steal_pointer (&token);
}

/**
 * sp_listings_lookup_invitation:
 * Returns: (transfer full): what the invitation is for, or %NULL with @error set
 */
SpInvitation *
sp_listings_lookup_invitation (SpListings *self,
                               const char *token,
                               GError    **error)
{
  g_autofree char *hash = NULL;
  g_autofree char *now = sp_listings_now_text (0);
  g_autoptr (SpInvitation) invitation = NULL;
  SpStoreStatement *stmt;
  SpStoreStep step;
  gboolean usable;

  g_return_val_if_fail (SP_IS_LISTINGS (self), NULL);
  if (token == NULL || *token == '\0')
    {
      g_set_error_literal (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_NOT_FOUND, _("This sign-up link is not known."));
      return NULL;
    }
  hash = sp_listings_hash_token (token);
  stmt = sp_store_statement_cached (sp_listings_store (self),
                                    "SELECT i.role, i.organization_id, o.name, i.expires, "
                                    "i.used_at IS NULL AND i.expires > ?2 "
                                    "FROM hub_invitation i LEFT JOIN organization o ON o.id = i.organization_id "
                                    "WHERE i.token_hash = ?1", N_("reading an invitation"), error);
  if (stmt == NULL)
    return NULL;
  sp_store_statement_bind_text (stmt, 1, hash);
  sp_store_statement_bind_text (stmt, 2, now);
  if ((step = sp_store_statement_step (stmt, error)) == SP_STORE_STEP_ROW)
    {
      invitation = g_new0 (SpInvitation, 1);
      invitation->role = g_strcmp0 (sp_store_statement_get_text (stmt, 0), "editor") == 0 ? SP_ACCOUNT_ROLE_EDITOR
                                                                                          : SP_ACCOUNT_ROLE_MEMBER;
      invitation->organization_id = sp_store_statement_dup_text (stmt, 1);
      invitation->organization_name = sp_store_statement_dup_text (stmt, 2);
      invitation->expires = sp_store_statement_dup_text (stmt, 3);
    }
  usable = step == SP_STORE_STEP_ROW && sp_store_statement_get_int64 (stmt, 4) != 0;
  sp_store_statement_reset (stmt);
  if (step == SP_STORE_STEP_ERROR)
    return NULL;
  if (step == SP_STORE_STEP_DONE)
    g_set_error_literal (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_NOT_FOUND, _("This sign-up link is not known."));
  else if (!usable)
    g_set_error_literal (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_EXPIRED,
                         _("This sign-up link has been used or has expired. Ask the directory's editor for a new one."));
  else
    return g_steal_pointer (&invitation);
  return NULL;
}

/**
 * sp_listings_accept_invitation:
 * Uses the invitation, once, to create an account; in one transaction, so two sign-ups
 * with the same link cannot both succeed.
 *
 * Returns: (transfer full): the new account, or %NULL with @error set
 */
SpAccount *
sp_listings_accept_invitation (SpListings *self,
                               const char *token,
                               const char *email,
                               const char *passphrase,
                               GError    **error)
{
  SpStore *store = sp_listings_store (self);
  g_autoptr (SpInvitation) invitation = NULL;
  g_autoptr (SpAccount) account = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *now = sp_listings_now_text (0);
  SpStoreStatement *stmt;

  g_return_val_if_fail (SP_IS_LISTINGS (self), NULL);
  if (!check_new_account (email, passphrase, error) || !sp_store_begin (store, error))
    return NULL;
  if ((invitation = sp_listings_lookup_invitation (self, token, error)) == NULL ||
      (account = insert_account (self, email, passphrase, invitation->role, invitation->organization_id, error)) == NULL)
    {
      sp_store_rollback (store);
      return NULL;
    }
  hash = sp_listings_hash_token (token);
  stmt = sp_store_statement_cached (store, "UPDATE hub_invitation SET used_at = ?2 WHERE token_hash = ?1",
                                    N_("using an invitation"), error);
  if (stmt == NULL)
    return sp_store_rollback (store), NULL;
  sp_store_statement_bind_text (stmt, 1, hash);
  sp_store_statement_bind_text (stmt, 2, now);
  if (!sp_store_statement_run (stmt, error) || !sp_store_commit (store, error))
    return sp_store_rollback (store), NULL;
  return g_steal_pointer (&account);
}

/**
 * sp_listings_list_accounts:
 * Returns: (transfer full) (element-type SpAccount): every account, for an editor
 */
GPtrArray *
sp_listings_list_accounts (SpListings      *self,
                           const SpAccount *actor,
                           GError         **error)
{
  g_autoptr (GPtrArray) accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_account_free);
  SpStoreStatement *stmt;
  SpStoreStep step;

  g_return_val_if_fail (SP_IS_LISTINGS (self), NULL);
  if (!sp_listings_require_editor (actor, error))
    return NULL;
  stmt = sp_store_statement_cached (sp_listings_store (self),
                                    "SELECT " ACCOUNT_COLUMNS ACCOUNT_FROM "ORDER BY a.email",
                                    N_("listing accounts"), error);
  if (stmt == NULL)
    return NULL;
  while ((step = sp_store_statement_step (stmt, error)) == SP_STORE_STEP_ROW)
    g_ptr_array_add (accounts, account_from_row (stmt));
  sp_store_statement_reset (stmt);
  return step == SP_STORE_STEP_DONE ? g_steal_pointer (&accounts) : NULL;
}

static gboolean
delete_sessions (SpListings *self,
                 gint64      account_id,
                 GError    **error)
{
  SpStoreStatement *stmt = sp_store_statement_cached (sp_listings_store (self),
                                                      "DELETE FROM hub_session WHERE account_id = ?1",
                                                      N_("ending sessions"), error);

  if (stmt == NULL)
    return FALSE;
  sp_store_statement_bind_int64 (stmt, 1, account_id);
  return sp_store_statement_run (stmt, error);
}

gboolean
sp_listings_set_account_disabled (SpListings      *self,
                                  const SpAccount *actor,
                                  gint64           account_id,
                                  gboolean         disabled,
                                  GError         **error)
{
  SpStoreStatement *stmt;

  g_return_val_if_fail (SP_IS_LISTINGS (self), FALSE);
  if (!sp_listings_require_editor (actor, error))
    return FALSE;
  stmt = sp_store_statement_cached (sp_listings_store (self), "UPDATE hub_account SET disabled = ?2 WHERE id = ?1",
                                    N_("disabling an account"), error);
  if (stmt == NULL)
    return FALSE;
  sp_store_statement_bind_int64 (stmt, 1, account_id);
  sp_store_statement_bind_int64 (stmt, 2, disabled ? 1 : 0);
  if (!sp_store_statement_run (stmt, error))
    return FALSE;
  if (sp_store_count_changes (sp_listings_store (self)) == 0)
    {
      g_set_error_literal (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_NOT_FOUND, _("There is no such account."));
      return FALSE;
    }
  return !disabled || delete_sessions (self, account_id, error);
}

/* ---- throttling ---------------------------------------------------------------------- */

/* Seconds still to wait after @failures failures, the last at @last. */
static guint
wait_after (gint64 failures,
            gint64 last,
            gint64 now)
{
  gint64 delay;

  if (failures < FREE_FAILURES || now - last >= FORGET_SECONDS)
    return 0;
  delay = failures - FREE_FAILURES >= 10 ? MAX_DELAY_SECONDS
                                         : MIN ((gint64) 1 << (failures - FREE_FAILURES + 1), MAX_DELAY_SECONDS);
  return last + delay > now ? (guint) (last + delay - now) : 0;
}

static gboolean
read_failures (SpListings *self,
               const char *key,
               gint64     *failures,
               gint64     *last,
               GError    **error)
{
  SpStoreStatement *stmt = sp_store_statement_cached (sp_listings_store (self),
                                                      "SELECT failures, last_failure FROM hub_sign_in_failure WHERE key = ?1",
                                                      N_("reading sign-in attempts"), error);
  SpStoreStep step;

  *failures = *last = 0;
  if (stmt == NULL)
    return FALSE;
  sp_store_statement_bind_text (stmt, 1, key);
  if ((step = sp_store_statement_step (stmt, error)) == SP_STORE_STEP_ROW)
    {
      *failures = sp_store_statement_get_int64 (stmt, 0);
      *last = sp_store_statement_get_int64 (stmt, 1);
    }
  sp_store_statement_reset (stmt);
  return step != SP_STORE_STEP_ERROR;
}

/* Counts a failure; a count older than FORGET_SECONDS starts again. */
static gboolean
note_failure (SpListings *self,
              const char *key,
              gint64      now,
              GError    **error)
{
  SpStoreStatement *stmt = sp_store_statement_cached (sp_listings_store (self),
    "INSERT INTO hub_sign_in_failure (key, failures, last_failure) VALUES (?1, 1, ?2) "
    "ON CONFLICT (key) DO UPDATE SET failures = CASE WHEN ?2 - last_failure >= ?3 THEN 1 "
    "ELSE failures + 1 END, last_failure = ?2", N_("counting sign-in attempts"), error);

  if (stmt == NULL)
    return FALSE;
  sp_store_statement_bind_text (stmt, 1, key);
  sp_store_statement_bind_int64 (stmt, 2, now);
  sp_store_statement_bind_int64 (stmt, 3, FORGET_SECONDS);
  return sp_store_statement_run (stmt, error);
}

static gboolean
forget_failures (SpListings *self,
                 const char *key,
                 GError    **error)
{
  SpStoreStatement *stmt = sp_store_statement_cached (sp_listings_store (self),
                                                      "DELETE FROM hub_sign_in_failure WHERE key = ?1",
                                                      N_("counting sign-in attempts"), error);

  if (stmt == NULL)
    return FALSE;
  sp_store_statement_bind_text (stmt, 1, key);
  return sp_store_statement_run (stmt, error);
}

/* FALSE with _THROTTLED when either key must still wait. */
static gboolean
check_throttle (SpListings *self,
                const char *email_key,
                const char *address_key,
                gint64      now,
                GError    **error)
{
  gint64 failures, last;
  guint wait = 0;

  if (!read_failures (self, email_key, &failures, &last, error))
    return FALSE;
  wait = wait_after (failures, last, now);
  if (!read_failures (self, address_key, &failures, &last, error))
    return FALSE;
  wait = MAX (wait, wait_after (failures, last, now));
  if (wait == 0)
    return TRUE;
  sp_listings_set_throttled (error, wait);
  return FALSE;
}

/* ---- sessions ------------------------------------------------------------------------ */

/* A session's CSRF token: derived from the cookie's token, which the store keeps only as
 * another hash, so it is stored nowhere and cannot be made from a copy of the store. */
static char *
csrf_for (const char *token)
{
  g_autofree char *keyed = g_strconcat ("signpost-hub csrf\x1f", token, NULL);
  char *csrf = g_compute_checksum_for_string (G_CHECKSUM_SHA256, keyed, -1);

  sodium_memzero (keyed, strlen (keyed));
  return csrf;
}

/* Starts a session of @account (taken: it belongs to the session, or is freed). */
static SpSession *
start_session (SpListings *self,
               SpAccount  *account,
               char      **token,
               GError    **error)
{
  g_autoptr (SpSession) session = g_new0 (SpSession, 1);
  g_autofree char *plain = sp_listings_new_token ();
  g_autofree char *hash = sp_listings_hash_token (plain);
  g_autofree char *now = sp_listings_now_text (0);
  SpStoreStatement *stmt;

  session->account = account;
  session->csrf_token = csrf_for (plain);
  session->expires = sp_listings_now_text (SP_LISTINGS_SESSION_ABSOLUTE_SECONDS);
  stmt = sp_store_statement_cached (sp_listings_store (self),
                                    "INSERT INTO hub_session (token_hash, account_id, created, last_seen, expires) "
                                    "VALUES (?1, ?2, ?3, ?3, ?4)",
                                    N_("starting a session"), error);
  if (stmt == NULL)
    return NULL;
  sp_store_statement_bind_text (stmt, 1, hash);
  sp_store_statement_bind_int64 (stmt, 2, account->id);
  sp_store_statement_bind_text (stmt, 3, now);
  sp_store_statement_bind_text (stmt, 4, session->expires);
  if (!sp_store_statement_run (stmt, error))
    return NULL;
  *token = g_steal_pointer (&plain);
  return g_steal_pointer (&session);
}

/* A hash to verify against when the email is unknown, so that an unknown email takes as
 * long as a wrong passphrase. */
static const char *
dummy_hash (void)
{
  static char *hash;

  if (g_once_init_enter (&hash))
    g_once_init_leave (&hash, hash_passphrase ("no account has this passphrase", NULL));
  return hash;
}

/**
 * sp_listings_sign_in:
 * @address: the client's address, for throttling
 * @session: (out) (transfer full): the new session
 *
 * Returns: (transfer full): the session cookie's token, or %NULL with @error set
 */
char *
sp_listings_sign_in (SpListings *self,
                     const char *email,
                     const char *passphrase,
                     const char *address,
                     SpSession **session,
                     GError    **error)
{
  g_autofree char *lower = g_utf8_strdown (email != NULL ? email : "", -1);
  g_autofree char *email_key = g_strconcat ("email:", lower, NULL);
  g_autofree char *address_key = g_strconcat ("address:", address != NULL ? address : "", NULL);
  g_autofree char *stored = NULL;
  g_autoptr (SpAccount) account = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean good;
  char *token = NULL;

  g_return_val_if_fail (SP_IS_LISTINGS (self), NULL);
  g_return_val_if_fail (session != NULL, NULL);
  if (!check_throttle (self, email_key, address_key, now, error))
    return NULL;
  account = lookup_account (self, "WHERE a.email = ?1", lower, 0, &stored, NULL);
  good = passphrase != NULL && strlen (passphrase) <= 1024 &&
         crypto_pwhash_str_verify (stored != NULL ? stored : dummy_hash (), passphrase, strlen (passphrase)) == 0 &&
         account != NULL && !account->disabled;
  if (stored != NULL)
    sodium_memzero (stored, strlen (stored));
  if (!good)
    {
      if (!note_failure (self, email_key, now, error) || !note_failure (self, address_key, now, error))
        return NULL;
      g_set_error_literal (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_BAD_PASSPHRASE,
                           _("The email address or the passphrase is not right."));
      return NULL;
    }
  if (!forget_failures (self, email_key, error))
    return NULL;
  *session = start_session (self, g_steal_pointer (&account), &token, error);
  return token;
}

/**
 * sp_listings_session_lookup:
 * Returns: (transfer full): the session of the cookie's @token, or %NULL with @error set
 */
SpSession *
sp_listings_session_lookup (SpListings *self,
                            const char *token,
                            GError    **error)
{
  g_autofree char *hash = NULL;
  g_autofree char *now = sp_listings_now_text (0);
  g_autofree char *idle_since = sp_listings_now_text (-SP_LISTINGS_SESSION_IDLE_SECONDS);
  g_autoptr (SpSession) session = NULL;
  gint64 account_id = 0;
  gboolean live = FALSE;
  SpStoreStatement *stmt;
  SpStoreStep step;

  g_return_val_if_fail (SP_IS_LISTINGS (self), NULL);
  if (token == NULL || *token == '\0')
    {
      g_set_error_literal (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_NOT_FOUND, _("You are not signed in."));
      return NULL;
    }
  hash = sp_listings_hash_token (token);
  stmt = sp_store_statement_cached (sp_listings_store (self),
                                    "SELECT account_id, expires, expires > ?2 AND last_seen > ?3 "
                                    "FROM hub_session WHERE token_hash = ?1", N_("reading a session"), error);
  if (stmt == NULL)
    return NULL;
  sp_store_statement_bind_text (stmt, 1, hash);
  sp_store_statement_bind_text (stmt, 2, now);
  sp_store_statement_bind_text (stmt, 3, idle_since);
  if ((step = sp_store_statement_step (stmt, error)) == SP_STORE_STEP_ROW)
    {
      session = g_new0 (SpSession, 1);
      account_id = sp_store_statement_get_int64 (stmt, 0);
      session->csrf_token = csrf_for (token);
      session->expires = sp_store_statement_dup_text (stmt, 1);
      live = sp_store_statement_get_int64 (stmt, 2) != 0;
    }
  sp_store_statement_reset (stmt);
  if (step == SP_STORE_STEP_ERROR)
    return NULL;
  if (step == SP_STORE_STEP_DONE)
    {
      g_set_error_literal (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_NOT_FOUND, _("You are not signed in."));
      return NULL;
    }
  if (!live)
    {
      sp_listings_sign_out (self, token, NULL);
      g_set_error_literal (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_EXPIRED,
                           _("You were signed out after a time. Sign in again."));
      return NULL;
    }
  session->account = lookup_account (self, "WHERE a.id = ?1", NULL, account_id, NULL, error);
  if (session->account == NULL)
    return NULL;
  if (session->account->disabled)
    {
      g_set_error_literal (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_EXPIRED, _("This account is disabled."));
      return NULL;
    }
  stmt = sp_store_statement_cached (sp_listings_store (self), "UPDATE hub_session SET last_seen = ?2 WHERE token_hash = ?1",
                                    N_("renewing a session"), error);
  if (stmt == NULL)
    return NULL;
  sp_store_statement_bind_text (stmt, 1, hash);
  sp_store_statement_bind_text (stmt, 2, now);
  if (!sp_store_statement_run (stmt, error))
    return NULL;
  return g_steal_pointer (&session);
}

gboolean
sp_session_check_csrf (const SpSession *session,
                       const char      *csrf_token)
{
  size_t length;

  if (session == NULL || session->csrf_token == NULL || csrf_token == NULL)
    return FALSE;
  length = strlen (session->csrf_token);
  return strlen (csrf_token) == length && sodium_memcmp (session->csrf_token, csrf_token, length) == 0;
}

gboolean
sp_listings_sign_out (SpListings *self,
                      const char *token,
                      GError    **error)
{
  g_autofree char *hash = NULL;
  SpStoreStatement *stmt;

  g_return_val_if_fail (SP_IS_LISTINGS (self), FALSE);
  if (token == NULL)
    return TRUE;
  hash = sp_listings_hash_token (token);
  stmt = sp_store_statement_cached (sp_listings_store (self), "DELETE FROM hub_session WHERE token_hash = ?1",
                                    N_("ending a session"), error);
  if (stmt == NULL)
    return FALSE;
  sp_store_statement_bind_text (stmt, 1, hash);
  return sp_store_statement_run (stmt, error);
}

gboolean
sp_listings_sign_out_everywhere (SpListings      *self,
                                 const SpAccount *actor,
                                 GError         **error)
{
  g_return_val_if_fail (SP_IS_LISTINGS (self), FALSE);
  if (actor == NULL)
    {
      g_set_error_literal (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_FORBIDDEN, _("You are not signed in."));
      return FALSE;
    }
  return delete_sessions (self, actor->id, error);
}
