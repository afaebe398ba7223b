-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 8: voluntary groups' moderated edits of their own listings (issue 14).
-- Only a hub fills these tables; a kiosk's or a desktop's copy keeps them empty, and
-- neither sync nor export carries them. An approval, its history row and the change's
-- status are written in the one transaction of sp_directory_change().

CREATE TABLE hub_account (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,           -- lower-cased
  role TEXT NOT NULL CHECK (role IN ('editor', 'member')),
  organization_id TEXT,                 -- NULL for an editor; no foreign key: an import may
                                        -- replace the organisation and its id stays
  passphrase_hash TEXT NOT NULL,        -- crypto_pwhash_str (Argon2id)
  created TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  CHECK ((role = 'editor') = (organization_id IS NULL))
);

CREATE TABLE hub_invitation (
  token_hash TEXT PRIMARY KEY,          -- SHA-256 of the token in the sign-up link
  role TEXT NOT NULL CHECK (role IN ('editor', 'member')),
  organization_id TEXT,
  created_by INTEGER NOT NULL REFERENCES hub_account (id),
  created TEXT NOT NULL,
  expires TEXT NOT NULL,
  used_at TEXT
) WITHOUT ROWID;

-- A session's CSRF token is derived from the cookie's token (sp-listings-accounts.c) and
-- kept nowhere.
CREATE TABLE hub_session (
  token_hash TEXT PRIMARY KEY,          -- SHA-256 of the cookie's token
  account_id INTEGER NOT NULL REFERENCES hub_account (id) ON DELETE CASCADE,
  created TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  expires TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX hub_session_account ON hub_session (account_id);

-- Failed sign-ins, per account (email) and per address, for a growing delay.
CREATE TABLE hub_sign_in_failure (
  key TEXT PRIMARY KEY,                 -- "email:…" or "address:…"
  failures INTEGER NOT NULL,
  last_failure INTEGER NOT NULL         -- Unix seconds
) WITHOUT ROWID;

CREATE TABLE listing_change (
  id INTEGER PRIMARY KEY,
  service_id TEXT NOT NULL,
  organization_id TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('edit', 'new', 'close', 'confirm', 'restore')),
  proposed_by INTEGER NOT NULL REFERENCES hub_account (id),
  proposed_at TEXT NOT NULL,
  base TEXT,                            -- the service's ORUK 3.0 JSON when the edit began
  proposed TEXT NOT NULL,               -- the whole new document
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  decided_by INTEGER REFERENCES hub_account (id),
  decided_at TEXT,
  note TEXT
);
CREATE INDEX listing_change_status ON listing_change (status, organization_id);
CREATE INDEX listing_change_service ON listing_change (service_id);

CREATE TABLE service_version (
  id INTEGER PRIMARY KEY,
  service_id TEXT NOT NULL,
  applied_at TEXT NOT NULL,
  previous TEXT,                        -- the service before the change; NULL if it was new
  change_id INTEGER NOT NULL REFERENCES listing_change (id),
  proposed_by INTEGER NOT NULL REFERENCES hub_account (id),
  approved_by INTEGER NOT NULL REFERENCES hub_account (id)
);
CREATE INDEX service_version_service ON service_version (service_id, id);

-- A service's ready JSON (schema 7) goes with the service, whichever way it goes (a removal,
-- a cascade). Until now every change swept the whole service_document table for orphans,
-- which at 100 000 services cost most of an approved edit's time; the trigger does it per
-- row. The sweep runs once more here for stores that have orphans already.
DELETE FROM service_document WHERE NOT EXISTS (SELECT 1 FROM service WHERE service.id = service_id);
CREATE TRIGGER service_document_follows_service AFTER DELETE ON service
BEGIN
  DELETE FROM service_document WHERE service_id = old.id;
END;
