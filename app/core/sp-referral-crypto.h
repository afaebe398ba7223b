/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-referral-crypto.h: the referral store's keys and how records are sealed with them. */
#pragma once

#include <glib.h>
#include <sodium.h>

G_BEGIN_DECLS

#define SP_KEY_BYTES 32
#define SP_SALT_BYTES crypto_pwhash_SALTBYTES
#define SP_HASH_BYTES 32

/* Argon2id for a link worker's passphrase: three passes over 64 MiB (about half a second
 * on a practice PC), kept per account so a later Signpost can ask for more. */
#define SP_PASSPHRASE_OPSLIMIT 3
#define SP_PASSPHRASE_MEMLIMIT (64u * 1024 * 1024)
#define SP_PASSPHRASE_MIN_CHARS 10

/* The keys a signed-in store holds, all in guarded memory (sodium_malloc: locked, wiped and
 * fenced). The data key itself is what each account wraps; the others are derived from it. */
typedef struct
{
  guint8 *data;     /* the data key */
  guint8 *records;  /* seals records and audit entries */
  guint8 *lookup;   /* keyed hashes of NHS numbers and names */
  guint8 *audit;    /* the audit log's hash chain */
} SpKeys;

gboolean  sp_crypto_ready              (GError      **error);
guint8   *sp_secret_new                (void);
void      sp_secret_free               (guint8       *secret);
void      sp_random_id                 (char          id[33]);

SpKeys   *sp_keys_new_random           (void);
SpKeys   *sp_keys_new_from_data_key    (const guint8  *data_key);
void      sp_keys_free                 (SpKeys        *keys);

gboolean  sp_crypto_derive_passphrase_key (const char   *passphrase,
                                           const guint8 *salt,
                                           guint64       opslimit,
                                           gsize         memlimit,
                                           guint8       *key,
                                           GError      **error);

GBytes   *sp_crypto_seal               (const guint8  *key,
                                        const void    *plain,
                                        gsize          plain_len,
                                        const char    *associated);
guint8   *sp_crypto_open               (const guint8  *key,
                                        const guint8  *sealed,
                                        gsize          sealed_len,
                                        const char    *associated,
                                        gsize         *plain_len);
void      sp_crypto_free_plain         (guint8        *plain,
                                        gsize          plain_len);
void      sp_crypto_keyed_hash         (const guint8  *key,
                                        const char    *kind,
                                        const char    *value,
                                        guint8         out[SP_HASH_BYTES]);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpKeys, sp_keys_free)

G_END_DECLS
