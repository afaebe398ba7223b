-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 7: each service's Open Referral UK JSON kept ready, so that the hub sends
-- stored bytes rather than assembling them from a dozen queries per request. `document` is
-- the service whole (GET /services/{id}, the sync feed), `summary` as a list shows it.
-- Written in the transaction of every change that stamps the service with a change number
-- (app/core/sp-service-documents.c), so they always match a fresh export; a service without
-- a row (a store from before this version, until it next changes) is assembled as before.

CREATE TABLE service_document (
  service_id TEXT PRIMARY KEY,
  document TEXT NOT NULL,
  summary TEXT NOT NULL
) WITHOUT ROWID;
