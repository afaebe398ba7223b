-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 9: the services' ready JSON (schema 7) in an ordinary table, the summary
-- before the whole document. As a WITHOUT ROWID table keyed by the service's id, each row
-- (about 4 KB at 100 000 services) sat in the key's own b-tree, and reading a summary meant
-- reading past the whole document's overflow pages first: a list of 50 services, the hub's
-- page of a search, spent a quarter of its time there. Now the id's index is small and
-- dense, and a summary is read without its document.

DROP TRIGGER service_document_follows_service;
CREATE TABLE service_document_new (
  service_id TEXT NOT NULL UNIQUE,
  summary TEXT NOT NULL,
  document TEXT NOT NULL
);
INSERT INTO service_document_new (service_id, summary, document)
  SELECT service_id, summary, document FROM service_document;
DROP TABLE service_document;
ALTER TABLE service_document_new RENAME TO service_document;
CREATE TRIGGER service_document_follows_service AFTER DELETE ON service
BEGIN
  DELETE FROM service_document WHERE service_id = old.id;
END;
