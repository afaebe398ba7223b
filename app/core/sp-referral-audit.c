/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-referral-audit.c: the append-only audit log: who did what to which record, and when.
 *
 * Each entry is sealed like a record. Each also carries a MAC (BLAKE2b keyed with a key
 * derived from the data key) over its sequence number, its sealed bytes and the MAC of the
 * entry before it: changing, removing or reordering a past entry breaks every MAC from
 * there on, and without the key nobody can make them agree again. The count and last MAC
 * are sealed into the 'audit-head' setting, so cutting entries off the end shows too.
 * Entries hold record ids and actions, never a personal value.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "sp-referral-store-private.h"

static char *
entry_associated_data (gint64 seq)
{
  return g_strdup_printf ("signpost-referral-audit:1:%" G_GINT64_FORMAT, seq);
}

static void
put_seq (crypto_generichash_state *state,
         gint64                    seq)
{
  guint64 be = GUINT64_TO_BE ((guint64) seq);
  crypto_generichash_update (state, (const guint8 *) &be, sizeof be);
}

/* MAC of entry @seq: over "entry", @seq, the previous MAC and the sealed entry. */
static void
entry_mac (const SpKeys *keys,
           gint64        seq,
           const guint8 *previous,
           const guint8 *sealed,
           gsize         sealed_len,
           guint8        out[SP_HASH_BYTES])
{
  crypto_generichash_state state;

  crypto_generichash_init (&state, keys->audit, SP_KEY_BYTES, SP_HASH_BYTES);
  crypto_generichash_update (&state, (const guint8 *) "entry", 5);
  put_seq (&state, seq);
  crypto_generichash_update (&state, previous, SP_HASH_BYTES);
  crypto_generichash_update (&state, sealed, sealed_len);
  crypto_generichash_final (&state, out, SP_HASH_BYTES);
}

/* The head: how many entries there are and the last one's MAC, itself MACed. */
static char *
head_text (const SpKeys *keys,
           gint64        seq,
           const guint8 *last_mac)
{
  crypto_generichash_state state;
  guint8 mac[SP_HASH_BYTES];
  char hex[SP_HASH_BYTES * 2 + 1];

  crypto_generichash_init (&state, keys->audit, SP_KEY_BYTES, SP_HASH_BYTES);
  crypto_generichash_update (&state, (const guint8 *) "head", 4);
  put_seq (&state, seq);
  crypto_generichash_update (&state, last_mac, SP_HASH_BYTES);
  crypto_generichash_final (&state, mac, SP_HASH_BYTES);
  sodium_bin2hex (hex, sizeof hex, mac, sizeof mac);
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%s", seq, hex);
}

/*
 * sp_referral_store_append_audit:
 * Adds an entry for the signed-in account, inside the caller's transaction (it must have
 * begun one): the entry and the change it records are saved together or not at all.
 */
gboolean
sp_referral_store_append_audit (SpReferralStore *self,
                                const char      *action,
                                const char      *kind,
                                const char      *record_id,
                                const char      *detail,
                                GError         **error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GBytes) sealed = NULL;
  g_autofree char *json = NULL;
  g_autofree char *associated = NULL;
  g_autofree char *head = NULL;
  guint8 previous[SP_HASH_BYTES] = { 0 };
  guint8 mac[SP_HASH_BYTES];
  gint64 seq = 0;
  g_autoptr (SpReferralStatement) last = NULL;
  g_autoptr (SpReferralStatement) insert = NULL;
  SpStoreStep step;
  const guint8 *data;
  gsize len = 0;

  if (!sp_referral_store_require_signed_in (self, error))
    return FALSE;
  last = sp_referral_statement_new (self, "SELECT seq, mac FROM audit ORDER BY seq DESC LIMIT 1",
                                    _("adding to the audit log"), error);
  if (last == NULL || (step = sp_referral_statement_step (last, error)) == SP_STORE_STEP_ERROR)
    return FALSE;
  if (step == SP_STORE_STEP_ROW)
    {
      gsize mac_len;
      const guint8 *last_mac = sp_referral_statement_get_blob (last, 1, &mac_len);

      if (mac_len == SP_HASH_BYTES)
        {
          seq = sp_referral_statement_get_int64 (last, 0);
          memcpy (previous, last_mac, SP_HASH_BYTES);
        }
    }
  seq++;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "at");
  json_builder_add_int_value (builder, g_get_real_time () / G_USEC_PER_SEC);
  json_builder_set_member_name (builder, "account");
  json_builder_add_string_value (builder, self->account_name);
  json_builder_set_member_name (builder, "action");
  json_builder_add_string_value (builder, action);
  if (kind != NULL)
    {
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, kind);
    }
  if (record_id != NULL)
    {
      json_builder_set_member_name (builder, "record");
      json_builder_add_string_value (builder, record_id);
    }
  if (detail != NULL)
    {
      json_builder_set_member_name (builder, "detail");
      json_builder_add_string_value (builder, detail);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, &len);

  associated = entry_associated_data (seq);
  sealed = sp_crypto_seal (self->keys->records, json, len, associated);
  data = g_bytes_get_data (sealed, &len);
  entry_mac (self->keys, seq, previous, data, len, mac);

  insert = sp_referral_statement_new (self, "INSERT INTO audit (seq, sealed, mac) VALUES (?, ?, ?)",
                                      _("adding to the audit log"), error);
  if (insert == NULL)
    return FALSE;
  sp_referral_statement_bind_int64 (insert, 1, seq);
  sp_referral_statement_bind_blob (insert, 2, data, len);
  sp_referral_statement_bind_blob (insert, 3, mac, sizeof mac);
  if (!sp_referral_statement_run (insert, error))
    return FALSE;
  head = head_text (self->keys, seq, mac);
  return sp_referral_store_put_setting (self, "audit-head", head, error);
}

static gboolean
tampered (SpReferralStore *self,
          gint64           seq,
          GError         **error)
{
  g_set_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_TAMPERED,
               _("The audit log of %s was tampered with: entry %lld or one near it was "
                 "changed, removed or moved. Keep the file as it is and tell your data protection lead."),
               self->path, (long long) seq);
  return FALSE;
}

/* Walks the chain; each verified entry goes to @each (may be NULL). */
static gboolean
walk_audit (SpReferralStore *self,
            void           (*each) (gint64, const guint8 *, gsize, gpointer),
            gpointer         data,
            guint           *n_entries,
            GError         **error)
{
  guint8 previous[SP_HASH_BYTES] = { 0 };
  g_autofree char *head = NULL;
  g_autofree char *expected = NULL;
  g_autoptr (SpReferralStatement) stmt = NULL;
  SpStoreStep step;
  gint64 seq = 0;

  if (!sp_referral_store_require_signed_in (self, error))
    return FALSE;
  stmt = sp_referral_statement_new (self, "SELECT seq, sealed, mac FROM audit ORDER BY seq",
                                    _("reading the audit log"), error);
  if (stmt == NULL)
    return FALSE;
  while ((step = sp_referral_statement_step (stmt, error)) == SP_STORE_STEP_ROW)
    {
      gsize sealed_len, stored_len;
      const guint8 *sealed = sp_referral_statement_get_blob (stmt, 1, &sealed_len);
      const guint8 *stored = sp_referral_statement_get_blob (stmt, 2, &stored_len);
      guint8 mac[SP_HASH_BYTES];

      seq++;
      entry_mac (self->keys, seq, previous, sealed, sealed_len, mac);
      if (sp_referral_statement_get_int64 (stmt, 0) != seq || stored_len != SP_HASH_BYTES ||
          sodium_memcmp (mac, stored, SP_HASH_BYTES) != 0)
        return tampered (self, seq, error);
      memcpy (previous, mac, SP_HASH_BYTES);
      if (each != NULL)
        each (seq, sealed, sealed_len, data);
    }
  if (step == SP_STORE_STEP_ERROR)
    return FALSE;

  if (!sp_referral_store_read_setting (self, "audit-head", &head, error))
    return FALSE;
  expected = head_text (self->keys, seq, previous);
  if (seq > 0 && g_strcmp0 (head, expected) != 0)
    return tampered (self, seq + 1, error);
  if (n_entries != NULL)
    *n_entries = seq;
  return TRUE;
}

/**
 * sp_referral_store_verify_audit:
 * @n_entries: (out) (optional): how many entries were checked
 *
 * Checks the whole chain. %SP_REFERRAL_ERROR_TAMPERED names the first entry that fails.
 */
gboolean
sp_referral_store_verify_audit (SpReferralStore *self,
                                guint           *n_entries,
                                GError         **error)
{
  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), FALSE);
  return walk_audit (self, NULL, NULL, n_entries, error);
}

void
sp_audit_entry_free (SpAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->account);
  g_free (entry->action);
  g_free (entry->kind);
  g_free (entry->record_id);
  g_free (entry->detail);
  g_free (entry);
}

typedef struct
{
  SpReferralStore *self;
  GPtrArray *entries;
  gboolean failed;
  gint64 failed_seq;
} ListJob;

static void
open_entry (gint64        seq,
            const guint8 *sealed,
            gsize         sealed_len,
            gpointer      data)
{
  ListJob *job = data;
  g_autofree char *associated = entry_associated_data (seq);
  g_autoptr (JsonParser) parser = json_parser_new ();
  gsize len = 0;
  guint8 *plain;
  SpAuditEntry *entry;
  JsonObject *o;

  if (job->failed)
    return;
  plain = sp_crypto_open (job->self->keys->records, sealed, sealed_len, associated, &len);
  if (plain == NULL || !json_parser_load_from_data (parser, (const char *) plain, len, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      sp_crypto_free_plain (plain, len);
      job->failed = TRUE;
      job->failed_seq = seq;
      return;
    }
  sp_crypto_free_plain (plain, len);
  o = json_node_get_object (json_parser_get_root (parser));
  entry = g_new0 (SpAuditEntry, 1);
  entry->seq = seq;
  entry->at = json_object_get_int_member_with_default (o, "at", 0);
  entry->account = g_strdup (json_object_get_string_member_with_default (o, "account", ""));
  entry->action = g_strdup (json_object_get_string_member_with_default (o, "action", ""));
  entry->kind = g_strdup (json_object_get_string_member_with_default (o, "kind", NULL));
  entry->record_id = g_strdup (json_object_get_string_member_with_default (o, "record", NULL));
  entry->detail = g_strdup (json_object_get_string_member_with_default (o, "detail", NULL));
  g_ptr_array_add (job->entries, entry);
}

/**
 * sp_referral_store_list_audit:
 *
 * Every audit entry, oldest first, after checking the chain.
 *
 * Returns: (transfer full) (element-type SpAuditEntry): the entries, or %NULL with @error
 *   set (%SP_REFERRAL_ERROR_TAMPERED when the log was changed)
 */
GPtrArray *
sp_referral_store_list_audit (SpReferralStore *self,
                              GError         **error)
{
  ListJob job = { self, g_ptr_array_new_with_free_func ((GDestroyNotify) sp_audit_entry_free), FALSE, 0 };

  g_return_val_if_fail (SP_IS_REFERRAL_STORE (self), NULL);

  if (!walk_audit (self, open_entry, &job, NULL, error))
    {
      g_ptr_array_unref (job.entries);
      return NULL;
    }
  if (job.failed)
    {
      g_ptr_array_unref (job.entries);
      tampered (self, job.failed_seq, error);
      return NULL;
    }
  return job.entries;
}
