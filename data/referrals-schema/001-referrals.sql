-- SPDX-License-Identifier: GPL-3.0-or-later
-- The referral store: people and referrals a link worker records, encrypted.
--
-- Nothing here is personal or health data in the clear. Records are sealed (nonce and
-- XChaCha20-Poly1305 ciphertext) under the data key; the data key is wrapped once per
-- account under a key from that account's passphrase (Argon2id, its salt and limits
-- here too). Lookups go through keyed hashes. What is left in the clear: random ids, a
-- record's kind (person or referral), the accounts' sign-in names and their failed
-- attempts, and settings that say nothing about anyone.

CREATE TABLE store_setting (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE account (
  id TEXT PRIMARY KEY,                 -- random
  name TEXT NOT NULL UNIQUE,           -- the link worker's sign-in name
  salt BLOB NOT NULL,
  opslimit INTEGER NOT NULL,
  memlimit INTEGER NOT NULL,
  wrapped_key BLOB NOT NULL,           -- the data key, sealed under the passphrase's key
  created_at INTEGER NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  last_failure_at INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE record (
  id TEXT PRIMARY KEY,                 -- random
  kind TEXT NOT NULL CHECK (kind IN ('person', 'referral')),
  sealed BLOB NOT NULL
) STRICT;

CREATE TABLE lookup (
  hash BLOB NOT NULL,                  -- keyed BLAKE2b of "nhs:DIGITS" or "name:KEY"
  record_id TEXT NOT NULL REFERENCES record (id) ON DELETE CASCADE,
  PRIMARY KEY (hash, record_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX lookup_by_record ON lookup (record_id);

-- Append-only. Each entry's mac is a keyed hash over its sequence number, its sealed
-- entry and the previous entry's mac, so a changed, removed or reordered entry breaks the
-- chain; store_setting 'audit-head' seals the count and last mac so a cut tail shows too.
CREATE TABLE audit (
  seq INTEGER PRIMARY KEY,
  sealed BLOB NOT NULL,
  mac BLOB NOT NULL
) STRICT;

CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
BEGIN
  SELECT RAISE (ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
BEGIN
  SELECT RAISE (ABORT, 'the audit log is append-only');
END;
