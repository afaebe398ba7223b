/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-referral-records.c: the referral store's records, decrypted into memory at sign-in,
 * and found there by id, person, NHS number or name.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sp-referral-store-private.h"


/* What a sealed record is bound to: its kind and id, so it opens on its own row only. */
char *
sp_referral_record_associated_data (const char *kind,
                                    const char *id)
{
  return g_strdup_printf ("signpost-referral-record:1:%s:%s", kind, id);
}

typedef struct
{
  char *id;
  char *kind;
  GBytes *sealed;
  gpointer record;      /* SpPerson or SpReferral */
  gboolean failed;
  gboolean legacy;      /* in an older record format */
} SealedRow;

typedef struct
{
  GArray *rows;
  const guint8 *key;
  guint first;
  guint step;
} OpenJob;

static gpointer
open_rows (gpointer data)
{
  OpenJob *job = data;

  for (guint i = job->first; i < job->rows->len; i += job->step)
    {
      SealedRow *row = &g_array_index (job->rows, SealedRow, i);
      g_autofree char *associated = sp_referral_record_associated_data (row->kind, row->id);
      gsize sealed_len, plain_len = 0;
      const guint8 *sealed = g_bytes_get_data (row->sealed, &sealed_len);
      guint8 *plain = sp_crypto_open (job->key, sealed, sealed_len, associated, &plain_len);

      if (plain == NULL)
        {
          row->failed = TRUE;
          continue;
        }
      row->legacy = sp_referral_record_format (plain, plain_len) != SP_RECORD_FORMAT;
      if (g_str_equal (row->kind, "person"))
        {
          SpPerson *person = sp_person_deserialize (plain, plain_len, NULL);
          row->record = person;
          row->failed = person == NULL || g_strcmp0 (person->id, row->id) != 0;
        }
      else
        {
          SpReferral *referral = sp_referral_deserialize (plain, plain_len, NULL);
          row->record = referral;
          row->failed = referral == NULL || g_strcmp0 (referral->id, row->id) != 0;
        }
      sp_crypto_free_plain (plain, plain_len);
    }
  return NULL;
}

static void
sealed_row_clear (gpointer data)
{
  SealedRow *row = data;

  g_free (row->id);
  g_free (row->kind);
  g_bytes_unref (row->sealed);
}

/*
 * sp_referral_store_load_records:
 * Reads and decrypts every record into memory, on every core. A record that will not open
 * means a damaged file or a wrong key; then nothing is loaded. The ids of records in an
 * older format are kept in self->stale, for sp_referral_store_upgrade_records().
 */
gboolean
sp_referral_store_load_records (SpReferralStore *self,
                                GError         **error)
{
  g_autoptr (GArray) rows = g_array_new (FALSE, TRUE, sizeof (SealedRow));
  g_autoptr (SpReferralStatement) stmt = NULL;
  guint n_threads = CLAMP (g_get_num_processors (), 1, 4);
  GThread *threads[4] = { NULL };
  OpenJob jobs[4];
  SpStoreStep step;

  g_array_set_clear_func (rows, sealed_row_clear);
  stmt = sp_referral_statement_new (self, "SELECT id, kind, sealed FROM record", _("reading the records"), error);
  if (stmt == NULL)
    return FALSE;
  while ((step = sp_referral_statement_step (stmt, error)) == SP_STORE_STEP_ROW)
    {
      gsize sealed_len;
      const guint8 *sealed = sp_referral_statement_get_blob (stmt, 2, &sealed_len);
      SealedRow row = {
        g_strdup (sp_referral_statement_get_text (stmt, 0)),
        g_strdup (sp_referral_statement_get_text (stmt, 1)),
        g_bytes_new (sealed, sealed_len),
        NULL, FALSE, FALSE,
      };
      g_array_append_val (rows, row);
    }
  g_clear_pointer (&stmt, sp_referral_statement_free);
  if (step == SP_STORE_STEP_ERROR)
    return FALSE;

  if (rows->len < 256)
    n_threads = 1;
  for (guint t = 0; t < n_threads; t++)
    {
      jobs[t] = (OpenJob) { rows, self->keys->records, t, n_threads };
      if (t > 0)
        threads[t] = g_thread_new ("sp-open-records", open_rows, &jobs[t]);
    }
  open_rows (&jobs[0]);
  for (guint t = 1; t < n_threads; t++)
    g_thread_join (threads[t]);

  g_clear_pointer (&self->stale, g_ptr_array_unref);
  self->stale = g_ptr_array_new_with_free_func (g_free);
  self->people = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) sp_person_unref);
  self->referrals = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) sp_referral_unref);
  for (guint i = 0; i < rows->len; i++)
    {
      SealedRow *row = &g_array_index (rows, SealedRow, i);

      if (row->failed)
        {
          g_set_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_CORRUPT,
                       _("The %s record %s in %s does not decrypt: the file was changed or damaged. "
                         "Restore it from a backup."), row->kind, row->id, self->path);
          for (guint j = i; j < rows->len; j++)
            {
              SealedRow *rest = &g_array_index (rows, SealedRow, j);
              if (rest->record != NULL && g_str_equal (rest->kind, "person"))
                sp_person_unref (rest->record);
              else if (rest->record != NULL)
                sp_referral_unref (rest->record);
            }
          sp_referral_store_drop_records (self);
          return FALSE;
        }
      if (row->legacy)
        g_ptr_array_add (self->stale, g_strdup (row->id));
      if (g_str_equal (row->kind, "person"))
        g_hash_table_replace (self->people, ((SpPerson *) row->record)->id, row->record);
      else
        g_hash_table_replace (self->referrals, ((SpReferral *) row->record)->id, row->record);
    }
  return TRUE;
}

/* Lets go of every decrypted record; each wipes itself as it goes. */
void
sp_referral_store_drop_records (SpReferralStore *self)
{
  g_clear_pointer (&self->people, g_hash_table_unref);
  g_clear_pointer (&self->referrals, g_hash_table_unref);
  g_clear_pointer (&self->stale, g_ptr_array_unref);
}

static GPtrArray *
dup_values (GHashTable    *table,
            GBoxedCopyFunc ref,
            GDestroyNotify unref)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (unref);
  GHashTableIter iter;
  gpointer value;

  if (table == NULL)
    return values;
  g_ptr_array_set_size (values, 0);
  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (values, ref (value));
  return values;
}

/**
 * sp_referral_store_dup_people:
 *
 * Returns: (transfer full) (element-type SpPerson): every person, in no order; empty when locked
 */
GPtrArray *
sp_referral_store_dup_people (SpReferralStore *self)
{
  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), NULL);
  return dup_values (self->people, (GBoxedCopyFunc) sp_person_ref, (GDestroyNotify) sp_person_unref);
}

/**
 * sp_referral_store_dup_referrals:
 *
 * Returns: (transfer full) (element-type SpReferral): every referral, in no order
 */
GPtrArray *
sp_referral_store_dup_referrals (SpReferralStore *self)
{
  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), NULL);
  return dup_values (self->referrals, (GBoxedCopyFunc) sp_referral_ref, (GDestroyNotify) sp_referral_unref);
}

/* Returns: (transfer none) (nullable): the person, while the store holds it */
SpPerson *
sp_referral_store_get_person (SpReferralStore *self,
                              const char      *id)
{
  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), NULL);
  return self->people != NULL && id != NULL ? g_hash_table_lookup (self->people, id) : NULL;
}

SpReferral *
sp_referral_store_get_referral (SpReferralStore *self,
                                const char      *id)
{
  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), NULL);
  return self->referrals != NULL && id != NULL ? g_hash_table_lookup (self->referrals, id) : NULL;
}

static int
compare_received (gconstpointer a,
                  gconstpointer b)
{
  const SpReferral *x = *(SpReferral * const *) a, *y = *(SpReferral * const *) b;
  return x->received_on < y->received_on ? -1 : x->received_on > y->received_on;
}

/**
 * sp_referral_store_referrals_of:
 *
 * Returns: (transfer full) (element-type SpReferral): the person's referrals, oldest first
 */
GPtrArray *
sp_referral_store_referrals_of (SpReferralStore *self,
                                const char      *person_id)
{
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_referral_unref);
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), found);

  if (self->referrals == NULL)
    return found;
  g_hash_table_iter_init (&iter, self->referrals);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_strcmp0 (((SpReferral *) value)->person_id, person_id) == 0)
      g_ptr_array_add (found, sp_referral_ref (value));
  g_ptr_array_sort (found, compare_received);
  return found;
}

/* The ids whose lookup hash is that of @kind:@value (none when locked), or %NULL with
 * @error set when they could not all be read. */
static GPtrArray *
lookup_ids (SpReferralStore *self,
            const char      *kind,
            const char      *value,
            GError         **error)
{
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (SpReferralStatement) stmt = NULL;
  guint8 hash[SP_HASH_BYTES];
  SpStoreStep step;

  if (self->keys == NULL)
    return g_steal_pointer (&ids);
  sp_crypto_keyed_hash (self->keys->lookup, kind, value, hash);
  stmt = sp_referral_statement_new (self, "SELECT record_id FROM lookup WHERE hash = ?",
                                    _("looking a person up"), error);
  if (stmt == NULL)
    return NULL;
  sp_referral_statement_bind_blob (stmt, 1, hash, sizeof hash);
  while ((step = sp_referral_statement_step (stmt, error)) == SP_STORE_STEP_ROW)
    g_ptr_array_add (ids, g_strdup (sp_referral_statement_get_text (stmt, 0)));
  if (step == SP_STORE_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&ids);
}

/*
 * sp_referral_store_lookup_nhs_number:
 * @person: (out) (transfer none) (nullable): the person with that NHS number, or %NULL
 *
 * Finds a person by NHS number (spaces and dashes allowed) through its keyed hash.
 *
 * Returns: %TRUE when looked up (found or not), %FALSE with @error set when the lookup
 *   could not be read: never "no such person" for a read that failed
 */
gboolean
sp_referral_store_lookup_nhs_number (SpReferralStore *self,
                                     const char      *nhs_number,
                                     SpPerson       **person,
                                     GError         **error)
{
  g_autoptr (GPtrArray) ids = NULL;
  g_autoptr (GString) digits = g_string_new (NULL);

  *person = NULL;
  for (const char *p = nhs_number != NULL ? nhs_number : ""; *p != '\0'; p++)
    if (*p != ' ' && *p != '-')
      g_string_append_c (digits, *p);
  if ((ids = lookup_ids (self, "nhs", digits->str, error)) == NULL)
    return FALSE;
  if (ids->len > 0)
    *person = sp_referral_store_get_person (self, ids->pdata[0]);
  return TRUE;
}

/**
 * sp_referral_store_find_by_nhs_number:
 *
 * Finds a person by NHS number through its keyed hash (spaces and dashes allowed).
 *
 * Returns: (transfer none) (nullable): the person
 */
SpPerson *
sp_referral_store_find_by_nhs_number (SpReferralStore *self,
                                      const char      *nhs_number)
{
  g_autoptr (GError) error = NULL;
  SpPerson *person = NULL;

  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), NULL);

  /* This getter has no way to fail: a lookup that could not be read is said on the log. */
  if (!sp_referral_store_lookup_nhs_number (self, nhs_number, &person, &error))
    g_warning ("%s", error->message);
  return person;
}

/**
 * sp_referral_store_find_by_name:
 *
 * People whose name matches @name once case, accents and punctuation are set aside.
 *
 * Returns: (transfer full) (element-type SpPerson): the people
 */
GPtrArray *
sp_referral_store_find_by_name (SpReferralStore *self,
                                const char      *name)
{
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_person_unref);
  g_autofree char *key = sp_name_match_key (name);
  g_autoptr (GPtrArray) ids = NULL;
  g_autoptr (GError) error = NULL;

  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), found);

  /* This finder has no way to fail: a lookup that could not be read is said on the log. */
  if ((ids = lookup_ids (self, "name", key, &error)) == NULL)
    {
      g_warning ("%s", error->message);
      return found;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      SpPerson *person = sp_referral_store_get_person (self, ids->pdata[i]);
      if (person != NULL)
        g_ptr_array_add (found, sp_person_ref (person));
    }
  return found;
}

