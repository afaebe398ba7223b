-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 4: the search index asks the store "has anything changed since I was
-- built?" after every import and edit (sp_search_source_stamp). It reads the newest
-- imported_at, which without an index means reading every service.

CREATE INDEX IF NOT EXISTS service_imported_at ON service(imported_at);
