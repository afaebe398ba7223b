-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 6: where this copy of the directory syncs from. One row per hub: the
-- hub's store, its last change this copy holds and that change's token (see
-- app/core/sp-sync-feed.c), the entity tag of the last feed, and how the last round went,
-- for the window's "updated at … from …". Written in the same transaction as the changes
-- a round applies, so a copy never believes it holds a change it does not.

CREATE TABLE sync_source (
  url TEXT PRIMARY KEY,
  store_id TEXT,
  seq INTEGER NOT NULL DEFAULT 0,
  token TEXT,
  etag TEXT,
  last_success_at TEXT,
  last_attempt_at TEXT,
  last_error TEXT
) WITHOUT ROWID;
