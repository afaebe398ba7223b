/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-referral-save.c: saving and deleting the referral store's records, each write sealed
 * and with its audit entry in the same transaction; batches; views and exports noted.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sp-referral-store-private.h"

static gboolean
write_sealed (SpReferralStore *self,
              const char      *kind,
              const char      *id,
              const guint8    *plain,
              gsize            plain_len,
              GError         **error)
{
  g_autofree char *associated = sp_referral_record_associated_data (kind, id);
  g_autoptr (GBytes) sealed = sp_crypto_seal (self->keys->records, plain, plain_len, associated);
  g_autoptr (SpReferralStatement) stmt = sp_referral_statement_new (self,
    "INSERT INTO record (id, kind, sealed) VALUES (?, ?, ?) "
    "ON CONFLICT (id) DO UPDATE SET sealed = excluded.sealed", _("saving a record"), error);
  gsize len;
  const void *data = g_bytes_get_data (sealed, &len);

  if (stmt == NULL)
    return FALSE;
  sp_referral_statement_bind_text (stmt, 1, id);
  sp_referral_statement_bind_text (stmt, 2, kind);
  sp_referral_statement_bind_blob (stmt, 3, data, len);
  return sp_referral_statement_run (stmt, error);
}

static gboolean
write_lookups (SpReferralStore *self,
               const SpPerson  *person,
               GError         **error)
{
  g_autofree char *name_key = sp_name_match_key (person->name);
  const char *kinds[] = { "nhs", "name" };
  const char *values[] = { person->nhs_number, name_key };
  g_autoptr (SpReferralStatement) forget = sp_referral_statement_new (self,
    "DELETE FROM lookup WHERE record_id = ?", _("saving a record"), error);
  g_autoptr (SpReferralStatement) insert = NULL;

  if (forget == NULL)
    return FALSE;
  sp_referral_statement_bind_text (forget, 1, person->id);
  if (!sp_referral_statement_run (forget, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      guint8 hash[SP_HASH_BYTES];

      if (values[i] == NULL || *values[i] == '\0')
        continue;
      sp_crypto_keyed_hash (self->keys->lookup, kinds[i], values[i], hash);
      g_clear_pointer (&insert, sp_referral_statement_free);
      insert = sp_referral_statement_new (self, "INSERT OR IGNORE INTO lookup (hash, record_id) VALUES (?, ?)",
                                          _("saving a record"), error);
      if (insert == NULL)
        return FALSE;
      sp_referral_statement_bind_blob (insert, 1, hash, sizeof hash);
      sp_referral_statement_bind_text (insert, 2, person->id);
      if (!sp_referral_statement_run (insert, error))
        return FALSE;
    }
  return TRUE;
}

/* Gives a new record its id and both records their stamps; returns whether it was new. */
static gboolean
stamp (SpReferralStore *self,
       char           **id,
       gint64          *created_at,
       char           **created_by,
       gint64          *updated_at,
       char           **updated_by)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean is_new = *id == NULL;

  if (is_new)
    {
      char fresh[33];

      sp_random_id (fresh);
      *id = g_strdup (fresh);
      *created_at = now;
      g_free (*created_by);
      *created_by = g_strdup (self->account_name);
    }
  *updated_at = now;
  g_free (*updated_by);
  *updated_by = g_strdup (self->account_name);
  return is_new;
}

/* Writes @kind @id's sealed record and its audit entry, in one transaction of its own
 * unless a batch holds one; wipes and frees @plain. */
static gboolean
write_record (SpReferralStore *self,
              const char      *kind,
              const char      *id,
              gboolean         is_new,
              guint8          *plain,
              gsize            plain_len,
              const SpPerson  *lookups_of,
              GError         **error)
{
  gboolean ok = sp_referral_store_begin (self, error) &&
                write_sealed (self, kind, id, plain, plain_len, error) &&
                (lookups_of == NULL || write_lookups (self, lookups_of, error)) &&
                sp_referral_store_append_audit (self, is_new ? "create" : "change", kind, id,
                                                self->batch_action, error) &&
                sp_referral_store_commit (self, error);

  sodium_memzero (plain, plain_len);
  g_free (plain);
  if (!ok)
    sp_referral_store_rollback (self);
  return ok;
}

/*
 * sp_referral_store_upgrade_records:
 * Writes the records sp_referral_store_load_records() read in an older format again in
 * the current one, inside the caller's transaction, with one audit entry for them all.
 * Their content is unchanged, so they keep their stamps.
 */
gboolean
sp_referral_store_upgrade_records (SpReferralStore *self,
                                   GError         **error)
{
  g_autofree char *detail = NULL;

  if (self->stale == NULL || self->stale->len == 0)
    return TRUE;
  for (guint i = 0; i < self->stale->len; i++)
    {
      const char *id = self->stale->pdata[i];
      SpPerson *person = sp_referral_store_get_person (self, id);
      SpReferral *referral = sp_referral_store_get_referral (self, id);
      gsize len = 0;
      guint8 *plain = person != NULL ? sp_person_serialize (person, &len) : sp_referral_serialize (referral, &len);
      gboolean ok = write_sealed (self, person != NULL ? "person" : "referral", id, plain, len, error);

      sodium_memzero (plain, len);
      g_free (plain);
      if (!ok)
        return FALSE;
    }
  detail = g_strdup_printf ("%u records rewritten in record format %d", self->stale->len, SP_RECORD_FORMAT);
  if (!sp_referral_store_append_audit (self, "upgrade", NULL, NULL, detail, error))
    return FALSE;
  g_ptr_array_set_size (self->stale, 0);
  return TRUE;
}

/**
 * sp_referral_store_save_person:
 * @person: a person, new (no id) or a changed copy of one the store holds
 *
 * Checks, seals and saves @person, with an audit entry, and keeps it (a reference) as the
 * person of that id. A new person gets an id; two people never share an NHS number.
 */
gboolean
sp_referral_store_save_person (SpReferralStore *self,
                               SpPerson        *person,
                               GError         **error)
{
  gboolean training;
  gboolean is_new;
  gsize plain_len = 0;
  guint8 *plain;

  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), FALSE);
  g_return_val_if_fail (person != NULL, FALSE);

  if (!sp_referral_store_require_signed_in (self, error))
    return FALSE;
  training = sp_referral_store_get_training (self);
  if (!sp_person_validate (person, training, error))
    return FALSE;
  if (person->nhs_number != NULL)
    {
      SpPerson *other = NULL;

      if (!sp_referral_store_lookup_nhs_number (self, person->nhs_number, &other, error))
        return FALSE;
      if (other != NULL && g_strcmp0 (other->id, person->id) != 0)
        {
          g_set_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_INVALID,
                       _("nhs_number: another person already has this NHS number"));
          return FALSE;
        }
    }
  person->training = training;
  is_new = stamp (self, &person->id, &person->created_at, &person->created_by, &person->updated_at,
                  &person->updated_by);
  plain = sp_person_serialize (person, &plain_len);
  if (!write_record (self, "person", person->id, is_new, plain, plain_len, person, error))
    {
      if (is_new)
        g_clear_pointer (&person->id, g_free);
      return FALSE;
    }
  g_hash_table_replace (self->people, person->id, sp_person_ref (person));
  return TRUE;
}

/**
 * sp_referral_store_save_referral:
 *
 * Like sp_referral_store_save_person(). The person must be saved first, with their consent
 * recorded: no referral is kept for someone who has not agreed to it.
 */
gboolean
sp_referral_store_save_referral (SpReferralStore *self,
                                 SpReferral      *referral,
                                 GError         **error)
{
  SpPerson *person;
  gboolean is_new;
  gsize plain_len = 0;
  guint8 *plain;

  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), FALSE);
  g_return_val_if_fail (referral != NULL, FALSE);

  if (!sp_referral_store_require_signed_in (self, error) || !sp_referral_validate (referral, error))
    return FALSE;
  person = sp_referral_store_get_person (self, referral->person_id);
  if (person == NULL)
    {
      g_set_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_INVALID,
                   _("person: the referral’s person %s is not in the store"), referral->person_id);
      return FALSE;
    }
  if (person->consent_method == SP_CONSENT_NONE)
    {
      g_set_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_NO_CONSENT,
                   _("Record the person’s consent (what they agreed to, when and how) before saving a referral."));
      return FALSE;
    }
  referral->training = sp_referral_store_get_training (self);
  is_new = stamp (self, &referral->id, &referral->created_at, &referral->created_by, &referral->updated_at,
                  &referral->updated_by);
  if (is_new && referral->history->len == 0)
    {
      SpStatusChange first = { referral->status, referral->created_at, g_strdup (self->account_name),
                               self->batch_action != NULL ? g_strdup (self->batch_action) : NULL };
      g_array_append_val (referral->history, first);
    }
  plain = sp_referral_serialize (referral, &plain_len);
  if (!write_record (self, "referral", referral->id, is_new, plain, plain_len, NULL, error))
    {
      if (is_new)
        g_clear_pointer (&referral->id, g_free);
      return FALSE;
    }
  g_hash_table_replace (self->referrals, referral->id, sp_referral_ref (referral));
  return TRUE;
}

static gboolean
delete_row (SpReferralStore *self,
            const char      *id,
            GError         **error)
{
  g_autoptr (SpReferralStatement) stmt =
    sp_referral_statement_new (self, "DELETE FROM record WHERE id = ?", _("deleting a record"), error);

  if (stmt == NULL)
    return FALSE;
  sp_referral_statement_bind_text (stmt, 1, id);
  return sp_referral_statement_run (stmt, error);
}

gboolean
sp_referral_store_delete_referral (SpReferralStore *self,
                                   const char      *id,
                                   GError         **error)
{
  g_autofree char *kept = g_strdup (id);

  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), FALSE);

  if (!sp_referral_store_require_signed_in (self, error))
    return FALSE;
  if (!sp_referral_store_begin (self, error) || !delete_row (self, kept, error) ||
      !sp_referral_store_append_audit (self, "delete", "referral", kept, self->batch_action, error) ||
      !sp_referral_store_commit (self, error))
    {
      sp_referral_store_rollback (self);
      return FALSE;
    }
  g_hash_table_remove (self->referrals, kept);
  return TRUE;
}

/* Deletes a person and every referral of theirs. */
gboolean
sp_referral_store_delete_person (SpReferralStore *self,
                                 const char      *id,
                                 GError         **error)
{
  g_autofree char *kept = g_strdup (id);
  g_autoptr (GPtrArray) referrals = NULL;
  gboolean ok;

  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), FALSE);

  if (!sp_referral_store_require_signed_in (self, error))
    return FALSE;
  referrals = sp_referral_store_referrals_of (self, kept);
  ok = sp_referral_store_begin (self, error);
  for (guint i = 0; ok && i < referrals->len; i++)
    {
      SpReferral *referral = referrals->pdata[i];
      ok = delete_row (self, referral->id, error) &&
           sp_referral_store_append_audit (self, "delete", "referral", referral->id, self->batch_action, error);
    }
  ok = ok && delete_row (self, kept, error) &&
       sp_referral_store_append_audit (self, "delete", "person", kept, self->batch_action, error) &&
       sp_referral_store_commit (self, error);
  if (!ok)
    {
      sp_referral_store_rollback (self);
      return FALSE;
    }
  for (guint i = 0; i < referrals->len; i++)
    g_hash_table_remove (self->referrals, ((SpReferral *) referrals->pdata[i])->id);
  g_hash_table_remove (self->people, kept);
  return TRUE;
}

/**
 * sp_referral_store_begin_batch:
 * @action: (nullable): what the batch is ("import"), noted on each of its audit entries
 *
 * Saves until sp_referral_store_commit_batch() are one transaction: all or nothing (an
 * import). sp_referral_store_rollback_batch() undoes them, in memory too.
 */
gboolean
sp_referral_store_begin_batch (SpReferralStore *self,
                               const char      *action,
                               GError         **error)
{
  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), FALSE);
  g_return_val_if_fail (self->batch_depth == 0, FALSE);

  if (!sp_referral_store_require_signed_in (self, error) || !sp_referral_store_begin (self, error))
    return FALSE;
  self->batch_depth = 1;
  g_free (self->batch_action);
  self->batch_action = g_strdup (action);
  return TRUE;
}

gboolean
sp_referral_store_commit_batch (SpReferralStore *self,
                                GError         **error)
{
  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), FALSE);
  g_return_val_if_fail (self->batch_depth == 1, FALSE);

  self->batch_depth = 0;
  g_clear_pointer (&self->batch_action, g_free);
  if (!sp_referral_store_commit (self, error))
    {
      /* Memory has the batch's records: read back what the file really holds. */
      sp_referral_store_drop_records (self);
      sp_referral_store_load_records (self, NULL);
      return FALSE;
    }
  return TRUE;
}

void
sp_referral_store_rollback_batch (SpReferralStore *self)
{
  g_return_if_fail (SP_IS_REFERRAL_STORE (self));

  if (self->batch_depth == 0)
    return;
  self->batch_depth = 0;
  g_clear_pointer (&self->batch_action, g_free);
  sp_referral_store_rollback (self);
  if (self->keys != NULL)
    {
      sp_referral_store_drop_records (self);
      sp_referral_store_load_records (self, NULL);
    }
}

/* Notes in the audit log that the signed-in account looked at a record. */
void
sp_referral_store_note_viewed (SpReferralStore *self,
                               const char      *kind,
                               const char      *id)
{
  g_autoptr (GError) error = NULL;

  g_return_if_fail (SP_IS_REFERRAL_STORE (self));

  if (self->keys == NULL)
    return;
  if (!sp_referral_store_begin (self, &error) ||
      !sp_referral_store_append_audit (self, "view", kind, id, NULL, &error) ||
      !sp_referral_store_commit (self, &error))
    {
      sp_referral_store_rollback (self);
      g_warning ("Could not note a view in the audit log: %s", error->message);
    }
}

/* Notes in the audit log that something left the store (a report, a backup, a slip). */
gboolean
sp_referral_store_note_exported (SpReferralStore *self,
                                 const char      *what,
                                 GError         **error)
{
  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), FALSE);

  if (!sp_referral_store_require_signed_in (self, error))
    return FALSE;
  if (!sp_referral_store_begin (self, error) ||
      !sp_referral_store_append_audit (self, "export", NULL, NULL, what, error) ||
      !sp_referral_store_commit (self, error))
    {
      sp_referral_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

