/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-listings.c: the listings object, its error domain and the helpers its files share.
 *
 * Errors carry extra data (G_DEFINE_EXTENDED_ERROR): the per-field problems of an invalid
 * document and the seconds a throttled sign-in must wait, so a web form can place each
 * message beside its field.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "sp-listings-private.h"

typedef struct
{
  GPtrArray *problems;   /* (element-type SpFieldProblem) (nullable) */
  guint retry_after;
} SpListingsErrorPrivate;

static void
sp_listings_error_private_init (SpListingsErrorPrivate *priv)
{
  priv->problems = NULL;
  priv->retry_after = 0;
}

static void
sp_listings_error_private_copy (const SpListingsErrorPrivate *src,
                                SpListingsErrorPrivate       *dest)
{
  dest->retry_after = src->retry_after;
  dest->problems = NULL;
  if (src->problems != NULL)
    {
      dest->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_field_problem_free);
      for (guint i = 0; i < src->problems->len; i++)
        {
          SpFieldProblem *p = g_ptr_array_index (src->problems, i);
          g_ptr_array_add (dest->problems, sp_field_problem_new (p->field, p->message));
        }
    }
}

static void
sp_listings_error_private_clear (SpListingsErrorPrivate *priv)
{
  g_clear_pointer (&priv->problems, g_ptr_array_unref);
}

G_DEFINE_EXTENDED_ERROR (SpListingsError, sp_listings_error)

SpFieldProblem *
sp_field_problem_new (const char *field,
                      const char *message)
{
  SpFieldProblem *p = g_new0 (SpFieldProblem, 1);

  p->field = g_strdup (field != NULL ? field : "");
  p->message = g_strdup (message);
  return p;
}

void
sp_field_problem_free (SpFieldProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->field);
  g_free (problem->message);
  g_free (problem);
}

/**
 * sp_listings_error_get_problems:
 * Returns: (transfer none) (element-type SpFieldProblem) (nullable): the per-field problems
 *   of an %SP_LISTINGS_ERROR_INVALID error
 */
GPtrArray *
sp_listings_error_get_problems (const GError *error)
{
  SpListingsErrorPrivate *priv;

  if (error == NULL || error->domain != SP_LISTINGS_ERROR)
    return NULL;
  priv = sp_listings_error_get_private (error);
  return priv != NULL ? priv->problems : NULL;
}

guint
sp_listings_error_get_retry_after (const GError *error)
{
  SpListingsErrorPrivate *priv;

  if (error == NULL || error->domain != SP_LISTINGS_ERROR)
    return 0;
  priv = sp_listings_error_get_private (error);
  return priv != NULL ? priv->retry_after : 0;
}

/* Sets @error to _INVALID, taking @problems (its first message is the error's). */
void
sp_listings_set_invalid (GError   **error,
                         GPtrArray *problems)
{
  g_autoptr (GPtrArray) owned = problems;
  SpFieldProblem *first = owned->len > 0 ? g_ptr_array_index (owned, 0) : NULL;
  GError *e;

  if (error == NULL)
    return;
  e = g_error_new (SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "%u problem: %s", "%u problems, the first: %s", owned->len),
                   owned->len, first != NULL ? first->message : "");
  sp_listings_error_get_private (e)->problems = g_steal_pointer (&owned);
  g_propagate_error (error, e);
}

void
sp_listings_set_throttled (GError **error,
                           guint    seconds)
{
  GError *e;

  if (error == NULL)
    return;
  e = g_error_new (SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_THROTTLED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Too many sign-in attempts. Try again in %u second.",
                                "Too many sign-in attempts. Try again in %u seconds.", seconds),
                   seconds);
  sp_listings_error_get_private (e)->retry_after = seconds;
  g_propagate_error (error, e);
}

G_DEFINE_FINAL_TYPE (SpListings, sp_listings, G_TYPE_OBJECT)

static void
sp_listings_dispose (GObject *object)
{
  SpListings *self = SP_LISTINGS (object);

  g_clear_object (&self->directory);
  G_OBJECT_CLASS (sp_listings_parent_class)->dispose (object);
}

static void
sp_listings_class_init (SpListingsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sp_listings_dispose;
}

static void
sp_listings_init (SpListings *self)
{
}

/**
 * sp_listings_new:
 * @directory: the hub's directory, opened for writing
 *
 * Returns: (transfer full): the listings of @directory's store
 */
SpListings *
sp_listings_new (SpDirectory *directory)
{
  SpListings *self;

  g_return_val_if_fail (SP_IS_DIRECTORY (directory), NULL);
  if (sodium_init () < 0)
    g_error ("libsodium cannot start");
  self = g_object_new (SP_TYPE_LISTINGS, NULL);
  self->directory = g_object_ref (directory);
  return self;
}

/* Returns: (transfer none) */
SpDirectory *
sp_listings_get_directory (SpListings *self)
{
  g_return_val_if_fail (SP_IS_LISTINGS (self), NULL);
  return self->directory;
}

SpStore *
sp_listings_store (SpListings *self)
{
  return sp_directory_get_store (self->directory);
}

/* UTC ISO 8601 of now plus @offset_seconds. */
char *
sp_listings_now_text (gint64 offset_seconds)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) then = g_date_time_add_seconds (now, offset_seconds);

  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%SZ");
}

/* A fresh secret token: 32 random bytes as URL-safe text. */
char *
sp_listings_new_token (void)
{
  unsigned char bytes[32];
  char text[sodium_base64_ENCODED_LEN (32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];

  randombytes_buf (bytes, sizeof bytes);
  sodium_bin2base64 (text, sizeof text, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero (bytes, sizeof bytes);
  return g_strdup (text);
}

/* How a token is kept: only its SHA-256 (tokens are long and random; no slow hash needed). */
char *
sp_listings_hash_token (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

gboolean
sp_listings_require_editor (const SpAccount *actor,
                            GError         **error)
{
  if (actor != NULL && actor->role == SP_ACCOUNT_ROLE_EDITOR && !actor->disabled)
    return TRUE;
  g_set_error_literal (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_FORBIDDEN,
                       _("Only the directory's editor may do this."));
  return FALSE;
}

SpAccount *
sp_account_copy (const SpAccount *account)
{
  SpAccount *copy;

  if (account == NULL)
    return NULL;
  copy = g_new0 (SpAccount, 1);
  *copy = *account;
  copy->email = g_strdup (account->email);
  copy->organization_id = g_strdup (account->organization_id);
  copy->organization_name = g_strdup (account->organization_name);
  copy->created = g_strdup (account->created);
  return copy;
}

void
sp_account_free (SpAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->email);
  g_free (account->organization_id);
  g_free (account->organization_name);
  g_free (account->created);
  g_free (account);
}

void
sp_session_free (SpSession *session)
{
  if (session == NULL)
    return;
  sp_account_free (session->account);
  if (session->csrf_token != NULL)
    sodium_memzero (session->csrf_token, strlen (session->csrf_token));
  g_free (session->csrf_token);
  g_free (session->expires);
  g_free (session);
}

void
sp_invitation_free (SpInvitation *invitation)
{
  if (invitation == NULL)
    return;
  g_free (invitation->organization_id);
  g_free (invitation->organization_name);
  g_free (invitation->expires);
  g_free (invitation);
}

void
sp_listing_summary_free (SpListingSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->service_id);
  g_free (summary->name);
  g_free (summary->status);
  g_free (summary->organization_id);
  g_free (summary->organization_name);
  g_free (summary->checked_date);
  g_free (summary);
}

void
sp_listing_change_free (SpListingChange *change)
{
  if (change == NULL)
    return;
  g_free (change->service_id);
  g_free (change->service_name);
  g_free (change->organization_id);
  g_free (change->proposed_by_email);
  g_free (change->proposed_at);
  g_free (change->base_json);
  g_free (change->proposed_json);
  g_free (change->decided_by_email);
  g_free (change->decided_at);
  g_free (change->note);
  g_free (change);
}

void
sp_field_difference_free (SpFieldDifference *difference)
{
  if (difference == NULL)
    return;
  g_free (difference->field);
  g_free (difference->before);
  g_free (difference->after);
  g_free (difference);
}

void
sp_service_version_free (SpServiceVersion *version)
{
  if (version == NULL)
    return;
  g_free (version->service_id);
  g_free (version->when);
  g_free (version->previous_json);
  g_free (version->proposed_by_email);
  g_free (version->approved_by_email);
  g_free (version);
}

const char *
sp_change_kind_to_string (SpChangeKind kind)
{
  static const char *const names[] = { "edit", "new", "close", "confirm", "restore" };

  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (names), NULL);
  return names[kind];
}

const char *
sp_change_status_to_string (SpChangeStatus status)
{
  static const char *const names[] = { "pending", "approved", "rejected" };

  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (names), NULL);
  return names[status];
}

void
sp_organization_choice_free (SpOrganizationChoice *choice)
{
  if (choice == NULL)
    return;
  g_free (choice->id);
  g_free (choice->name);
  g_free (choice);
}

/**
 * sp_listings_list_organizations:
 *
 * The directory's organisations by name (an unnamed one by its id), for the editor to
 * choose from. Reads in one statement and changes nothing.
 *
 * Returns: (transfer full) (element-type SpOrganizationChoice): the organisations, or
 *   %NULL with @error set (never a list cut short)
 */
GPtrArray *
sp_listings_list_organizations (SpListings *self,
                                GError    **error)
{
  g_autoptr (SpStoreStatement) stmt = NULL;
  g_autoptr (GPtrArray) choices = NULL;
  SpStoreStep step;

  g_return_val_if_fail (SP_IS_LISTINGS (self), NULL);

  stmt = sp_store_statement_new (sp_listings_store (self),
                                 "SELECT id, coalesce(name, id) FROM organization ORDER BY coalesce(name, id), id",
                                 N_("reading its organisations"), error);
  if (stmt == NULL)
    return NULL;
  choices = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_organization_choice_free);
  while ((step = sp_store_statement_step (stmt, error)) == SP_STORE_STEP_ROW)
    {
      SpOrganizationChoice *choice = g_new0 (SpOrganizationChoice, 1);

      choice->id = sp_store_statement_dup_text (stmt, 0);
      choice->name = sp_store_statement_dup_text (stmt, 1);
      g_ptr_array_add (choices, choice);
    }
  if (step == SP_STORE_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&choices);
}
