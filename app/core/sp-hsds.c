/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hsds.c: the HSDS 3.0 tables as data, driving import, export and the schema check. */
#include "config.h"

#include <string.h>

#include "sp-hsds.h"

#define END { NULL, 0, NULL, FALSE }
#define LINKS_END { NULL, NULL, 0, NULL }
#define ATTRIBUTES { "attributes", &sp_hsds_attribute, SP_LINK_ATTACHED, "link_id" }
#define METADATA { "metadata", &sp_hsds_metadata, SP_LINK_ATTACHED, "resource_id" }

static const char * const service_status[] = { "active", "inactive", "defunct", "temporarily closed", NULL };
static const char * const location_types[] = { "physical", "postal", "virtual", NULL };
static const char * const address_types[] = { "physical", "postal", "virtual", NULL };
static const char * const frequencies[] = { "WEEKLY", "MONTHLY", "DAILY", "YEARLY", NULL };
static const char * const weekdays[] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU", NULL };

static const SpField metadata_fields[] = {
  { "resource_id", SP_FIELD_TEXT }, { "resource_type", SP_FIELD_TEXT },
  { "last_action_date", SP_FIELD_DATETIME }, { "last_action_type", SP_FIELD_TEXT },
  { "field_name", SP_FIELD_TEXT }, { "previous_value", SP_FIELD_PROSE },
  { "replacement_value", SP_FIELD_PROSE }, { "updated_by", SP_FIELD_TEXT }, END
};
static const SpLink no_links[] = { LINKS_END };
const SpTable sp_hsds_metadata = { "metadata", metadata_fields, no_links, FALSE, FALSE };

static const SpField taxonomy_fields[] = {
  { "name", SP_FIELD_TEXT, NULL, TRUE }, { "description", SP_FIELD_PROSE, NULL, TRUE },
  { "uri", SP_FIELD_URL }, { "version", SP_FIELD_TEXT }, END
};
static const SpLink taxonomy_links[] = { METADATA, LINKS_END };
const SpTable sp_hsds_taxonomy = { "taxonomy", taxonomy_fields, taxonomy_links, TRUE, TRUE };

static const SpField taxonomy_term_fields[] = {
  { "code", SP_FIELD_TEXT }, { "name", SP_FIELD_TEXT, NULL, TRUE },
  { "description", SP_FIELD_PROSE, NULL, TRUE }, { "parent_id", SP_FIELD_REF },
  { "taxonomy", SP_FIELD_TEXT }, { "language", SP_FIELD_TEXT }, { "taxonomy_id", SP_FIELD_REF },
  { "term_uri", SP_FIELD_URL }, { "term", SP_FIELD_TEXT }, END
};
static const SpLink taxonomy_term_links[] = {
  { "taxonomy_detail", &sp_hsds_taxonomy, SP_LINK_OBJECT, "taxonomy_id" }, METADATA, LINKS_END
};
const SpTable sp_hsds_taxonomy_term = { "taxonomy_term", taxonomy_term_fields, taxonomy_term_links, TRUE, TRUE };

static const SpField attribute_fields[] = {
  { "link_id", SP_FIELD_TEXT }, { "taxonomy_term_id", SP_FIELD_REF }, { "link_type", SP_FIELD_TEXT },
  { "link_entity", SP_FIELD_TEXT }, { "value", SP_FIELD_TEXT }, END
};
static const SpLink attribute_links[] = {
  { "taxonomy_term", &sp_hsds_taxonomy_term, SP_LINK_OBJECT, "taxonomy_term_id" }, METADATA, LINKS_END
};
const SpTable sp_hsds_attribute = { "attribute", attribute_fields, attribute_links, FALSE, FALSE };

static const SpField language_fields[] = {
  { "service_id", SP_FIELD_REF }, { "location_id", SP_FIELD_REF }, { "phone_id", SP_FIELD_REF },
  { "name", SP_FIELD_TEXT }, { "code", SP_FIELD_TEXT }, { "note", SP_FIELD_TEXT }, END
};
static const SpLink common_links[] = { ATTRIBUTES, METADATA, LINKS_END };
const SpTable sp_hsds_language = { "language", language_fields, common_links, FALSE, FALSE };

static const SpField phone_fields[] = {
  { "location_id", SP_FIELD_REF }, { "service_id", SP_FIELD_REF }, { "organization_id", SP_FIELD_REF },
  { "contact_id", SP_FIELD_REF }, { "service_at_location_id", SP_FIELD_REF },
  { "number", SP_FIELD_TEXT, NULL, TRUE }, { "extension", SP_FIELD_INTEGER }, { "type", SP_FIELD_TEXT },
  { "description", SP_FIELD_PROSE }, END
};
static const SpLink phone_links[] = {
  { "languages", &sp_hsds_language, SP_LINK_CHILDREN, "phone_id" }, ATTRIBUTES, METADATA, LINKS_END
};
const SpTable sp_hsds_phone = { "phone", phone_fields, phone_links, FALSE, FALSE };

static const SpField contact_fields[] = {
  { "organization_id", SP_FIELD_REF }, { "service_id", SP_FIELD_REF },
  { "service_at_location_id", SP_FIELD_REF }, { "location_id", SP_FIELD_REF },
  { "name", SP_FIELD_TEXT }, { "title", SP_FIELD_TEXT }, { "department", SP_FIELD_TEXT },
  { "email", SP_FIELD_EMAIL }, END
};
static const SpLink contact_links[] = {
  { "phones", &sp_hsds_phone, SP_LINK_CHILDREN, "contact_id" }, ATTRIBUTES, METADATA, LINKS_END
};
const SpTable sp_hsds_contact = { "contact", contact_fields, contact_links, FALSE, FALSE };

static const SpField schedule_fields[] = {
  { "service_id", SP_FIELD_REF }, { "location_id", SP_FIELD_REF },
  { "service_at_location_id", SP_FIELD_REF }, { "valid_from", SP_FIELD_DATE },
  { "valid_to", SP_FIELD_DATE }, { "dtstart", SP_FIELD_DATE }, { "timezone", SP_FIELD_NUMBER },
  { "until", SP_FIELD_DATE }, { "count", SP_FIELD_INTEGER }, { "wkst", SP_FIELD_CHOICE, weekdays },
  { "freq", SP_FIELD_CHOICE, frequencies }, { "interval", SP_FIELD_INTEGER },
  { "byday", SP_FIELD_TEXT }, { "byweekno", SP_FIELD_TEXT }, { "bymonthday", SP_FIELD_TEXT },
  { "byyearday", SP_FIELD_TEXT }, { "description", SP_FIELD_PROSE },
  { "opens_at", SP_FIELD_TIME }, { "closes_at", SP_FIELD_TIME }, { "schedule_link", SP_FIELD_URL },
  { "attending_type", SP_FIELD_TEXT }, { "notes", SP_FIELD_PROSE }, END
};
const SpTable sp_hsds_schedule = { "schedule", schedule_fields, common_links, FALSE, FALSE };

static const SpField address_fields[] = {
  { "location_id", SP_FIELD_REF }, { "attention", SP_FIELD_TEXT },
  { "address_1", SP_FIELD_TEXT, NULL, TRUE }, { "address_2", SP_FIELD_TEXT },
  { "city", SP_FIELD_TEXT, NULL, TRUE }, { "region", SP_FIELD_TEXT },
  { "state_province", SP_FIELD_TEXT, NULL, TRUE }, { "postal_code", SP_FIELD_TEXT, NULL, TRUE },
  { "country", SP_FIELD_TEXT, NULL, TRUE }, { "address_type", SP_FIELD_CHOICE, address_types, TRUE }, END
};
const SpTable sp_hsds_address = { "address", address_fields, common_links, FALSE, FALSE };

static const SpField accessibility_fields[] = {
  { "location_id", SP_FIELD_REF }, { "description", SP_FIELD_PROSE }, { "details", SP_FIELD_PROSE },
  { "url", SP_FIELD_URL }, { "accessibility", SP_FIELD_PROSE }, END
};
const SpTable sp_hsds_accessibility = { "accessibility", accessibility_fields, common_links, FALSE, FALSE };

static const SpField location_fields[] = {
  { "location_type", SP_FIELD_CHOICE, location_types, TRUE }, { "url", SP_FIELD_URL },
  { "organization_id", SP_FIELD_REF }, { "name", SP_FIELD_TEXT }, { "alternate_name", SP_FIELD_TEXT },
  { "description", SP_FIELD_PROSE }, { "transportation", SP_FIELD_PROSE },
  { "latitude", SP_FIELD_LATITUDE }, { "longitude", SP_FIELD_LONGITUDE },
  { "external_identifier", SP_FIELD_TEXT }, { "external_identifier_type", SP_FIELD_TEXT }, END
};
static const SpLink location_links[] = {
  { "languages", &sp_hsds_language, SP_LINK_CHILDREN, "location_id" },
  { "addresses", &sp_hsds_address, SP_LINK_CHILDREN, "location_id" },
  { "contacts", &sp_hsds_contact, SP_LINK_CHILDREN, "location_id" },
  { "accessibility", &sp_hsds_accessibility, SP_LINK_CHILDREN, "location_id" },
  { "phones", &sp_hsds_phone, SP_LINK_CHILDREN, "location_id" },
  { "schedules", &sp_hsds_schedule, SP_LINK_CHILDREN, "location_id" },
  ATTRIBUTES, METADATA, LINKS_END
};
const SpTable sp_hsds_location = { "location", location_fields, location_links, TRUE, TRUE };

static const SpField service_at_location_fields[] = {
  { "service_id", SP_FIELD_REF }, { "location_id", SP_FIELD_REF }, { "description", SP_FIELD_PROSE }, END
};
static const SpLink service_at_location_links[] = {
  { "contacts", &sp_hsds_contact, SP_LINK_CHILDREN, "service_at_location_id" },
  { "phones", &sp_hsds_phone, SP_LINK_CHILDREN, "service_at_location_id" },
  { "schedules", &sp_hsds_schedule, SP_LINK_CHILDREN, "service_at_location_id" },
  { "location", &sp_hsds_location, SP_LINK_OBJECT, "location_id" },
  ATTRIBUTES, METADATA, LINKS_END
};
const SpTable sp_hsds_service_at_location = { "service_at_location", service_at_location_fields,
                                              service_at_location_links, FALSE, FALSE };

static const SpField funding_fields[] = {
  { "organization_id", SP_FIELD_REF }, { "service_id", SP_FIELD_REF }, { "source", SP_FIELD_TEXT }, END
};
const SpTable sp_hsds_funding = { "funding", funding_fields, common_links, FALSE, FALSE };

static const SpField program_fields[] = {
  { "organization_id", SP_FIELD_REF }, { "name", SP_FIELD_TEXT, NULL, TRUE },
  { "alternate_name", SP_FIELD_TEXT }, { "description", SP_FIELD_PROSE, NULL, TRUE }, END
};
const SpTable sp_hsds_program = { "program", program_fields, common_links, TRUE, TRUE };

static const SpField organization_identifier_fields[] = {
  { "organization_id", SP_FIELD_REF }, { "identifier_scheme", SP_FIELD_TEXT },
  { "identifier_type", SP_FIELD_TEXT, NULL, TRUE }, { "identifier", SP_FIELD_TEXT, NULL, TRUE }, END
};
const SpTable sp_hsds_organization_identifier = { "organization_identifier", organization_identifier_fields,
                                                  common_links, FALSE, FALSE };

static const SpField organization_fields[] = {
  { "name", SP_FIELD_TEXT, NULL, TRUE }, { "alternate_name", SP_FIELD_TEXT },
  { "description", SP_FIELD_PROSE, NULL, TRUE }, { "email", SP_FIELD_EMAIL },
  { "website", SP_FIELD_URL }, { "tax_status", SP_FIELD_TEXT }, { "tax_id", SP_FIELD_TEXT },
  { "year_incorporated", SP_FIELD_INTEGER }, { "legal_status", SP_FIELD_TEXT },
  { "logo", SP_FIELD_URL }, { "uri", SP_FIELD_URL }, { "parent_organization_id", SP_FIELD_REF }, END
};
static const SpLink organization_links[] = {
  { "funding", &sp_hsds_funding, SP_LINK_CHILDREN, "organization_id" },
  { "contacts", &sp_hsds_contact, SP_LINK_CHILDREN, "organization_id" },
  { "phones", &sp_hsds_phone, SP_LINK_CHILDREN, "organization_id" },
  { "locations", &sp_hsds_location, SP_LINK_CHILDREN, "organization_id" },
  { "programs", &sp_hsds_program, SP_LINK_CHILDREN, "organization_id" },
  { "organization_identifiers", &sp_hsds_organization_identifier, SP_LINK_CHILDREN, "organization_id" },
  ATTRIBUTES, METADATA, LINKS_END
};
const SpTable sp_hsds_organization = { "organization", organization_fields, organization_links, TRUE, TRUE };

static const SpField cost_option_fields[] = {
  { "service_id", SP_FIELD_REF }, { "valid_from", SP_FIELD_DATE }, { "valid_to", SP_FIELD_DATE },
  { "option", SP_FIELD_TEXT }, { "currency", SP_FIELD_TEXT }, { "amount", SP_FIELD_NUMBER },
  { "amount_description", SP_FIELD_PROSE }, END
};
const SpTable sp_hsds_cost_option = { "cost_option", cost_option_fields, common_links, FALSE, FALSE };

static const SpField service_area_fields[] = {
  { "service_id", SP_FIELD_REF }, { "name", SP_FIELD_TEXT }, { "description", SP_FIELD_PROSE },
  { "extent", SP_FIELD_PROSE }, { "extent_type", SP_FIELD_TEXT }, { "uri", SP_FIELD_URL },
  { "service_area", SP_FIELD_PROSE }, END
};
const SpTable sp_hsds_service_area = { "service_area", service_area_fields, common_links, FALSE, FALSE };

static const SpField required_document_fields[] = {
  { "service_id", SP_FIELD_REF }, { "document", SP_FIELD_TEXT }, { "uri", SP_FIELD_URL }, END
};
const SpTable sp_hsds_required_document = { "required_document", required_document_fields,
                                            common_links, FALSE, FALSE };

static const SpField service_fields[] = {
  { "organization_id", SP_FIELD_REF }, { "program_id", SP_FIELD_REF },
  { "name", SP_FIELD_TEXT, NULL, TRUE }, { "alternate_name", SP_FIELD_TEXT },
  { "description", SP_FIELD_PROSE }, { "url", SP_FIELD_URL }, { "email", SP_FIELD_EMAIL },
  { "status", SP_FIELD_CHOICE, service_status, TRUE }, { "interpretation_services", SP_FIELD_PROSE },
  { "application_process", SP_FIELD_PROSE }, { "fees_description", SP_FIELD_PROSE },
  { "wait_time", SP_FIELD_TEXT }, { "fees", SP_FIELD_PROSE }, { "accreditations", SP_FIELD_PROSE },
  { "eligibility_description", SP_FIELD_PROSE }, { "minimum_age", SP_FIELD_AGE },
  { "maximum_age", SP_FIELD_AGE }, { "assured_date", SP_FIELD_DATE },
  { "assurer_email", SP_FIELD_EMAIL }, { "licenses", SP_FIELD_TEXT }, { "alert", SP_FIELD_PROSE },
  { "last_modified", SP_FIELD_DATETIME }, END
};
static const SpLink service_links[] = {
  { "phones", &sp_hsds_phone, SP_LINK_CHILDREN, "service_id" },
  { "schedules", &sp_hsds_schedule, SP_LINK_CHILDREN, "service_id" },
  { "service_areas", &sp_hsds_service_area, SP_LINK_CHILDREN, "service_id" },
  { "service_at_locations", &sp_hsds_service_at_location, SP_LINK_CHILDREN, "service_id" },
  { "languages", &sp_hsds_language, SP_LINK_CHILDREN, "service_id" },
  { "organization", &sp_hsds_organization, SP_LINK_OBJECT, "organization_id" },
  { "funding", &sp_hsds_funding, SP_LINK_CHILDREN, "service_id" },
  { "cost_options", &sp_hsds_cost_option, SP_LINK_CHILDREN, "service_id" },
  { "program", &sp_hsds_program, SP_LINK_OBJECT, "program_id" },
  { "required_documents", &sp_hsds_required_document, SP_LINK_CHILDREN, "service_id" },
  { "contacts", &sp_hsds_contact, SP_LINK_CHILDREN, "service_id" },
  ATTRIBUTES, METADATA, LINKS_END
};
const SpTable sp_hsds_service = { "service", service_fields, service_links, FALSE, TRUE };

static const SpTable * const all_tables[] = {
  &sp_hsds_taxonomy, &sp_hsds_taxonomy_term, &sp_hsds_organization, &sp_hsds_organization_identifier,
  &sp_hsds_program, &sp_hsds_service, &sp_hsds_location, &sp_hsds_service_at_location,
  &sp_hsds_address, &sp_hsds_contact, &sp_hsds_phone, &sp_hsds_schedule, &sp_hsds_accessibility,
  &sp_hsds_language, &sp_hsds_cost_option, &sp_hsds_service_area, &sp_hsds_funding,
  &sp_hsds_required_document, &sp_hsds_attribute, &sp_hsds_metadata, NULL
};

/* Every table, parents before children (the order a tabular package imports in). */
const SpTable * const *
sp_hsds_all_tables (void)
{
  return all_tables;
}

const SpTable *
sp_hsds_table_by_name (const char *name)
{
  for (guint i = 0; all_tables[i] != NULL; i++)
    if (g_str_equal (all_tables[i]->name, name))
      return all_tables[i];
  return NULL;
}

const SpField *
sp_hsds_table_field (const SpTable *table,
                     const char    *name)
{
  for (const SpField *f = table->fields; f->name != NULL; f++)
    if (strcmp (f->name, name) == 0)
      return f;
  return NULL;
}

/* The canonical spelling of @text among @field's choices (matched ignoring ASCII case), or
 * NULL when it is not one of them. */
const char *
sp_hsds_field_choice (const SpField *field,
                      const char    *text)
{
  for (guint i = 0; field->choices[i] != NULL; i++)
    if (g_ascii_strcasecmp (field->choices[i], text) == 0)
      return field->choices[i];
  return NULL;
}
