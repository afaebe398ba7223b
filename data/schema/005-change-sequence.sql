-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 5: a change sequence. Every change to the directory (an import, a sync,
-- an approved edit) takes the next number in one transaction with the change, stamps the
-- services it wrote with it and remembers the ones it removed with it. A sync client asks
-- for everything after the number it has; the search index keeps the number it was built
-- at and is brought up to date when the store has moved on, whatever kind of change it was.

-- store_id names this store for sync clients. Each change also has a random token
-- (change_log): a hub restored from an older copy and changed since reaches numbers a client
-- has seen with other tokens, and the client then starts afresh rather than missing changes.
CREATE TABLE change_sequence (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  value INTEGER NOT NULL,
  store_id TEXT NOT NULL
);
-- What a store holds before this version counts as the first change.
INSERT INTO change_sequence (id, value, store_id) VALUES (1, 1, lower(hex(randomblob(16))));

CREATE TABLE change_log (
  seq INTEGER PRIMARY KEY,
  token TEXT NOT NULL,
  made_at TEXT NOT NULL
);
INSERT INTO change_log (seq, token, made_at)
  VALUES (1, lower(hex(randomblob(8))), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));

ALTER TABLE service ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0;
UPDATE service SET change_seq = 1;
CREATE INDEX service_change_seq ON service(change_seq);

CREATE TABLE service_removal (
  service_id TEXT PRIMARY KEY,
  change_seq INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX service_removal_change_seq ON service_removal(change_seq);
