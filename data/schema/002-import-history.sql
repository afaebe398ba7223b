-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 2: remember every import, skip records that did not change,
-- and find probable duplicates across feeds.
-- sp_match_key() is registered by the store before migrating (sp-store.c).

CREATE TABLE import_run (
  id INTEGER PRIMARY KEY,
  feed_id INTEGER NOT NULL REFERENCES feed(id) ON DELETE CASCADE,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  imported INTEGER NOT NULL,
  updated INTEGER NOT NULL,
  unchanged INTEGER NOT NULL,
  skipped INTEGER NOT NULL,
  warnings INTEGER NOT NULL
);

-- Normalised name (lower case, letters and digits only, single spaces).
ALTER TABLE service ADD COLUMN match_key TEXT;
-- Checksum of the record as the feed sent it; an identical re-import is not rewritten.
ALTER TABLE service ADD COLUMN content_hash TEXT;

UPDATE service SET match_key = sp_match_key(name);
CREATE INDEX service_match_key ON service(match_key) WHERE match_key IS NOT NULL;
