-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 1: the directory store, shaped like HSDS 3.0 so Open Referral data
-- goes in and comes out without loss. Column names are HSDS field names.
-- Every table a feed supplies keeps where it came from: feed_id (the feed table),
-- source_id (the identifier the feed used) and imported_at (UTC, ISO 8601).
-- Children belong to their parent (ON DELETE CASCADE) so that replacing a record
-- on re-import replaces its phones, schedules and so on with it.

CREATE TABLE feed (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL UNIQUE,      -- file path or URL the data came from
  format TEXT NOT NULL,             -- oruk3, oruk1, hsds-csv
  first_imported_at TEXT NOT NULL,
  last_imported_at TEXT NOT NULL
);

CREATE TABLE taxonomy (
  id TEXT PRIMARY KEY,
  name TEXT,
  description TEXT,
  uri TEXT,
  version TEXT,
  feed_id INTEGER REFERENCES feed(id) ON DELETE SET NULL,
  source_id TEXT,
  imported_at TEXT
);

CREATE TABLE taxonomy_term (
  id TEXT PRIMARY KEY,
  code TEXT,
  name TEXT,
  description TEXT,
  parent_id TEXT,                   -- not a foreign key: feeds name parents they do not ship
  taxonomy TEXT,
  language TEXT,
  taxonomy_id TEXT REFERENCES taxonomy(id) ON DELETE SET NULL,
  term_uri TEXT,
  term TEXT,                        -- ORUK 3.0 profile
  feed_id INTEGER REFERENCES feed(id) ON DELETE SET NULL,
  source_id TEXT,
  imported_at TEXT
);
CREATE INDEX taxonomy_term_parent ON taxonomy_term(parent_id) WHERE parent_id IS NOT NULL;

CREATE TABLE organization (
  id TEXT PRIMARY KEY,
  name TEXT,
  alternate_name TEXT,
  description TEXT,
  email TEXT,
  website TEXT,
  tax_status TEXT,
  tax_id TEXT,
  year_incorporated INTEGER,
  legal_status TEXT,
  logo TEXT,
  uri TEXT,
  parent_organization_id TEXT,
  feed_id INTEGER REFERENCES feed(id) ON DELETE SET NULL,
  source_id TEXT,
  imported_at TEXT
);

CREATE TABLE organization_identifier (
  id TEXT PRIMARY KEY,
  organization_id TEXT REFERENCES organization(id) ON DELETE CASCADE,
  identifier_scheme TEXT,
  identifier_type TEXT,
  identifier TEXT
);
CREATE INDEX organization_identifier_organization ON organization_identifier(organization_id) WHERE organization_id IS NOT NULL;

CREATE TABLE program (
  id TEXT PRIMARY KEY,
  organization_id TEXT REFERENCES organization(id) ON DELETE CASCADE,
  name TEXT,
  alternate_name TEXT,
  description TEXT,
  feed_id INTEGER REFERENCES feed(id) ON DELETE SET NULL,
  source_id TEXT,
  imported_at TEXT
);
CREATE INDEX program_organization ON program(organization_id) WHERE organization_id IS NOT NULL;

CREATE TABLE service (
  id TEXT PRIMARY KEY,
  organization_id TEXT REFERENCES organization(id) ON DELETE SET NULL,
  program_id TEXT REFERENCES program(id) ON DELETE SET NULL,
  name TEXT NOT NULL,
  alternate_name TEXT,
  description TEXT,
  url TEXT,
  email TEXT,
  status TEXT NOT NULL,
  interpretation_services TEXT,
  application_process TEXT,
  fees_description TEXT,
  wait_time TEXT,
  fees TEXT,
  accreditations TEXT,
  eligibility_description TEXT,
  minimum_age INTEGER,
  maximum_age INTEGER,
  assured_date TEXT,
  assurer_email TEXT,
  licenses TEXT,
  alert TEXT,
  last_modified TEXT,
  feed_id INTEGER REFERENCES feed(id) ON DELETE SET NULL,
  source_id TEXT,
  imported_at TEXT
);
CREATE INDEX service_organization ON service(organization_id) WHERE organization_id IS NOT NULL;
CREATE INDEX service_program ON service(program_id) WHERE program_id IS NOT NULL;

CREATE TABLE location (
  id TEXT PRIMARY KEY,
  location_type TEXT,
  url TEXT,
  organization_id TEXT REFERENCES organization(id) ON DELETE SET NULL,
  name TEXT,
  alternate_name TEXT,
  description TEXT,
  transportation TEXT,
  latitude REAL,
  longitude REAL,
  external_identifier TEXT,
  external_identifier_type TEXT,
  feed_id INTEGER REFERENCES feed(id) ON DELETE SET NULL,
  source_id TEXT,
  imported_at TEXT
);
CREATE INDEX location_organization ON location(organization_id) WHERE organization_id IS NOT NULL;

CREATE TABLE service_at_location (
  id TEXT PRIMARY KEY,
  service_id TEXT REFERENCES service(id) ON DELETE CASCADE,
  location_id TEXT REFERENCES location(id) ON DELETE CASCADE,
  description TEXT
);
CREATE INDEX service_at_location_service ON service_at_location(service_id) WHERE service_id IS NOT NULL;
CREATE INDEX service_at_location_location ON service_at_location(location_id) WHERE location_id IS NOT NULL;

CREATE TABLE address (
  id TEXT PRIMARY KEY,
  location_id TEXT REFERENCES location(id) ON DELETE CASCADE,
  attention TEXT,
  address_1 TEXT,
  address_2 TEXT,
  city TEXT,
  region TEXT,
  state_province TEXT,
  postal_code TEXT,
  country TEXT,
  address_type TEXT
);
CREATE INDEX address_location ON address(location_id) WHERE location_id IS NOT NULL;

CREATE TABLE contact (
  id TEXT PRIMARY KEY,
  organization_id TEXT REFERENCES organization(id) ON DELETE CASCADE,
  service_id TEXT REFERENCES service(id) ON DELETE CASCADE,
  service_at_location_id TEXT REFERENCES service_at_location(id) ON DELETE CASCADE,
  location_id TEXT REFERENCES location(id) ON DELETE CASCADE,
  name TEXT,
  title TEXT,
  department TEXT,
  email TEXT
);
CREATE INDEX contact_organization ON contact(organization_id) WHERE organization_id IS NOT NULL;
CREATE INDEX contact_service ON contact(service_id) WHERE service_id IS NOT NULL;
CREATE INDEX contact_service_at_location ON contact(service_at_location_id) WHERE service_at_location_id IS NOT NULL;
CREATE INDEX contact_location ON contact(location_id) WHERE location_id IS NOT NULL;

CREATE TABLE phone (
  id TEXT PRIMARY KEY,
  location_id TEXT REFERENCES location(id) ON DELETE CASCADE,
  service_id TEXT REFERENCES service(id) ON DELETE CASCADE,
  organization_id TEXT REFERENCES organization(id) ON DELETE CASCADE,
  contact_id TEXT REFERENCES contact(id) ON DELETE CASCADE,
  service_at_location_id TEXT REFERENCES service_at_location(id) ON DELETE CASCADE,
  number TEXT,
  extension INTEGER,
  type TEXT,
  description TEXT
);
CREATE INDEX phone_location ON phone(location_id) WHERE location_id IS NOT NULL;
CREATE INDEX phone_service ON phone(service_id) WHERE service_id IS NOT NULL;
CREATE INDEX phone_organization ON phone(organization_id) WHERE organization_id IS NOT NULL;
CREATE INDEX phone_contact ON phone(contact_id) WHERE contact_id IS NOT NULL;
CREATE INDEX phone_service_at_location ON phone(service_at_location_id) WHERE service_at_location_id IS NOT NULL;

CREATE TABLE schedule (
  id TEXT PRIMARY KEY,
  service_id TEXT REFERENCES service(id) ON DELETE CASCADE,
  location_id TEXT REFERENCES location(id) ON DELETE CASCADE,
  service_at_location_id TEXT REFERENCES service_at_location(id) ON DELETE CASCADE,
  valid_from TEXT,
  valid_to TEXT,
  dtstart TEXT,
  timezone REAL,
  until TEXT,
  count INTEGER,
  wkst TEXT,
  freq TEXT,
  interval INTEGER,
  byday TEXT,
  byweekno TEXT,
  bymonthday TEXT,
  byyearday TEXT,
  description TEXT,
  opens_at TEXT,
  closes_at TEXT,
  schedule_link TEXT,
  attending_type TEXT,
  notes TEXT
);
CREATE INDEX schedule_service ON schedule(service_id) WHERE service_id IS NOT NULL;
CREATE INDEX schedule_location ON schedule(location_id) WHERE location_id IS NOT NULL;
CREATE INDEX schedule_service_at_location ON schedule(service_at_location_id) WHERE service_at_location_id IS NOT NULL;

CREATE TABLE accessibility (
  id TEXT PRIMARY KEY,
  location_id TEXT REFERENCES location(id) ON DELETE CASCADE,
  description TEXT,
  details TEXT,
  url TEXT,
  accessibility TEXT                -- ORUK 3.0 profile
);
CREATE INDEX accessibility_location ON accessibility(location_id) WHERE location_id IS NOT NULL;

CREATE TABLE language (
  id TEXT PRIMARY KEY,
  service_id TEXT REFERENCES service(id) ON DELETE CASCADE,
  location_id TEXT REFERENCES location(id) ON DELETE CASCADE,
  phone_id TEXT REFERENCES phone(id) ON DELETE CASCADE,
  name TEXT,
  code TEXT,
  note TEXT
);
CREATE INDEX language_service ON language(service_id) WHERE service_id IS NOT NULL;
CREATE INDEX language_location ON language(location_id) WHERE location_id IS NOT NULL;
CREATE INDEX language_phone ON language(phone_id) WHERE phone_id IS NOT NULL;

CREATE TABLE cost_option (
  id TEXT PRIMARY KEY,
  service_id TEXT REFERENCES service(id) ON DELETE CASCADE,
  valid_from TEXT,
  valid_to TEXT,
  option TEXT,
  currency TEXT,
  amount REAL,
  amount_description TEXT
);
CREATE INDEX cost_option_service ON cost_option(service_id) WHERE service_id IS NOT NULL;

CREATE TABLE service_area (
  id TEXT PRIMARY KEY,
  service_id TEXT REFERENCES service(id) ON DELETE CASCADE,
  name TEXT,
  description TEXT,
  extent TEXT,
  extent_type TEXT,
  uri TEXT,
  service_area TEXT                 -- ORUK 3.0 profile
);
CREATE INDEX service_area_service ON service_area(service_id) WHERE service_id IS NOT NULL;

CREATE TABLE funding (
  id TEXT PRIMARY KEY,
  organization_id TEXT REFERENCES organization(id) ON DELETE CASCADE,
  service_id TEXT REFERENCES service(id) ON DELETE CASCADE,
  source TEXT
);
CREATE INDEX funding_organization ON funding(organization_id) WHERE organization_id IS NOT NULL;
CREATE INDEX funding_service ON funding(service_id) WHERE service_id IS NOT NULL;

CREATE TABLE required_document (
  id TEXT PRIMARY KEY,
  service_id TEXT REFERENCES service(id) ON DELETE CASCADE,
  document TEXT,
  uri TEXT
);
CREATE INDEX required_document_service ON required_document(service_id) WHERE service_id IS NOT NULL;

-- Attributes and metadata attach to any record: link_id / resource_id name it,
-- link_type / resource_type say which table. Triggers below remove them with it.
CREATE TABLE attribute (
  id TEXT PRIMARY KEY,
  link_id TEXT NOT NULL,
  taxonomy_term_id TEXT REFERENCES taxonomy_term(id) ON DELETE CASCADE,
  link_type TEXT,
  link_entity TEXT,
  value TEXT
);
CREATE INDEX attribute_link ON attribute(link_id);
CREATE INDEX attribute_taxonomy_term ON attribute(taxonomy_term_id) WHERE taxonomy_term_id IS NOT NULL;

CREATE TABLE metadata (
  id TEXT PRIMARY KEY,
  resource_id TEXT NOT NULL,
  resource_type TEXT,
  last_action_date TEXT,
  last_action_type TEXT,
  field_name TEXT,
  previous_value TEXT,
  replacement_value TEXT,
  updated_by TEXT
);
CREATE INDEX metadata_resource ON metadata(resource_id);

CREATE TRIGGER taxonomy_detach AFTER DELETE ON taxonomy BEGIN
  DELETE FROM attribute WHERE link_id = OLD.id;
  DELETE FROM metadata WHERE resource_id = OLD.id;
END;
CREATE TRIGGER taxonomy_term_detach AFTER DELETE ON taxonomy_term BEGIN
  DELETE FROM attribute WHERE link_id = OLD.id;
  DELETE FROM metadata WHERE resource_id = OLD.id;
END;
CREATE TRIGGER organization_detach AFTER DELETE ON organization BEGIN
  DELETE FROM attribute WHERE link_id = OLD.id;
  DELETE FROM metadata WHERE resource_id = OLD.id;
END;
CREATE TRIGGER organization_identifier_detach AFTER DELETE ON organization_identifier BEGIN
  DELETE FROM attribute WHERE link_id = OLD.id;
  DELETE FROM metadata WHERE resource_id = OLD.id;
END;
CREATE TRIGGER program_detach AFTER DELETE ON program BEGIN
  DELETE FROM attribute WHERE link_id = OLD.id;
  DELETE FROM metadata WHERE resource_id = OLD.id;
END;
CREATE TRIGGER service_detach AFTER DELETE ON service BEGIN
  DELETE FROM attribute WHERE link_id = OLD.id;
  DELETE FROM metadata WHERE resource_id = OLD.id;
END;
CREATE TRIGGER location_detach AFTER DELETE ON location BEGIN
  DELETE FROM attribute WHERE link_id = OLD.id;
  DELETE FROM metadata WHERE resource_id = OLD.id;
END;
CREATE TRIGGER service_at_location_detach AFTER DELETE ON service_at_location BEGIN
  DELETE FROM attribute WHERE link_id = OLD.id;
  DELETE FROM metadata WHERE resource_id = OLD.id;
END;
CREATE TRIGGER address_detach AFTER DELETE ON address BEGIN
  DELETE FROM attribute WHERE link_id = OLD.id;
  DELETE FROM metadata WHERE resource_id = OLD.id;
END;
CREATE TRIGGER contact_detach AFTER DELETE ON contact BEGIN
  DELETE FROM attribute WHERE link_id = OLD.id;
  DELETE FROM metadata WHERE resource_id = OLD.id;
END;
CREATE TRIGGER phone_detach AFTER DELETE ON phone BEGIN
  DELETE FROM attribute WHERE link_id = OLD.id;
  DELETE FROM metadata WHERE resource_id = OLD.id;
END;
CREATE TRIGGER schedule_detach AFTER DELETE ON schedule BEGIN
  DELETE FROM attribute WHERE link_id = OLD.id;
  DELETE FROM metadata WHERE resource_id = OLD.id;
END;
CREATE TRIGGER accessibility_detach AFTER DELETE ON accessibility BEGIN
  DELETE FROM attribute WHERE link_id = OLD.id;
  DELETE FROM metadata WHERE resource_id = OLD.id;
END;
CREATE TRIGGER language_detach AFTER DELETE ON language BEGIN
  DELETE FROM attribute WHERE link_id = OLD.id;
  DELETE FROM metadata WHERE resource_id = OLD.id;
END;
CREATE TRIGGER cost_option_detach AFTER DELETE ON cost_option BEGIN
  DELETE FROM attribute WHERE link_id = OLD.id;
  DELETE FROM metadata WHERE resource_id = OLD.id;
END;
CREATE TRIGGER service_area_detach AFTER DELETE ON service_area BEGIN
  DELETE FROM attribute WHERE link_id = OLD.id;
  DELETE FROM metadata WHERE resource_id = OLD.id;
END;
CREATE TRIGGER funding_detach AFTER DELETE ON funding BEGIN
  DELETE FROM attribute WHERE link_id = OLD.id;
  DELETE FROM metadata WHERE resource_id = OLD.id;
END;
CREATE TRIGGER required_document_detach AFTER DELETE ON required_document BEGIN
  DELETE FROM attribute WHERE link_id = OLD.id;
  DELETE FROM metadata WHERE resource_id = OLD.id;
END;
CREATE TRIGGER attribute_detach AFTER DELETE ON attribute BEGIN
  DELETE FROM metadata WHERE resource_id = OLD.id;
END;
