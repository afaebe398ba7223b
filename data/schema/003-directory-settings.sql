-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 3: settings that belong to the directory rather than to one machine's
-- user, so every kiosk and desktop holding this store prints the same slips: the
-- directory's name, the base URL of its public pages, where a kiosk stands.
-- Keys and their meaning are listed in app/core/sp-settings.c.

CREATE TABLE directory_setting (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
