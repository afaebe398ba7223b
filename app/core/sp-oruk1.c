/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-oruk1.c: reshaping Open Referral UK 1.0 services into HSDS 3.0 shape. */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "sp-oruk1-private.h"
#include "sp-text.h"

/*
 * ORUK 1.0 is HSDS 1.x with UK additions. Its published schemas disagree with
 * each other and with the feeds councils actually serve, so this reader is
 * generous about what it accepts and strict about what it writes:
 *
 *  - both spellings of the plural lists are read: the API's "service_taxonomys"
 *    and "eligibilitys" and the data standard's "service_taxonomies" and
 *    "eligibilities";
 *  - a taxonomy's parent is "parent_id" in the schema and "parent" in some feeds;
 *  - numbers often arrive as text ("2", "-1") and text as numbers;
 *  - "" and null both mean "no value".
 *
 * Only values found in the feed are written. The one exception is the
 * categories made from v1's fixed lists (deliverable_type and friends), whose
 * attribute and taxonomy term need ids; those are derived from their content,
 * so importing the same feed twice gives the same ids.
 *
 * Nothing here recurses into the input beyond the fixed depth of the v1 shape,
 * and only scalar values are copied, so hostile nesting costs nothing.
 */

/* Appends @attribute to service.attributes unless one with its id is there
 * already. Returns FALSE (and frees @attribute) when it was a repeat. */
static gboolean
converter_take_attribute (SpOruk1Converter *self,
                          const char       *id,
                          JsonObject       *attribute)
{
  if (id != NULL)
    {
      if (g_hash_table_contains (self->attribute_ids, id))
        {
          json_object_unref (attribute);
          return FALSE;
        }
      g_hash_table_add (self->attribute_ids, g_strdup (id));
    }
  json_array_add_object_element (sp_oruk1_ensure_array (self->service, "attributes"), attribute);
  return TRUE;
}

/* Files @value as a category of the service in @taxonomy, creating the
 * attribute and its term. Surrounding spaces are trimmed so "Women " and
 * "Women" are one term. */
static void
converter_add_category (SpOruk1Converter *self,
                        const char       *key,
                        const char       *taxonomy,
                        const char       *value)
{
  g_autofree char *name = g_strstrip (g_strdup (value));
  g_autofree char *term_id = NULL;
  g_autofree char *attribute_id = NULL;
  JsonObject *attribute;
  JsonObject *term;

  if (*name == '\0')
    return;

  term_id = sp_oruk1_derived_uuid ("taxonomy_term", taxonomy, name, NULL);
  /* Without a service id an attribute id could clash between services; the
   * importer gives such an attribute a fresh id instead. */
  if (self->service_id != NULL)
    attribute_id = sp_oruk1_derived_uuid ("attribute", self->service_id, key, name, NULL);

  term = json_object_new ();
  json_object_set_string_member (term, "id", term_id);
  json_object_set_string_member (term, "name", name);
  /* HSDS 3.0 requires a description on a term and v1 has only the value. */
  json_object_set_string_member (term, "description", name);
  json_object_set_string_member (term, "taxonomy", taxonomy);

  attribute = json_object_new ();
  if (attribute_id != NULL)
    json_object_set_string_member (attribute, "id", attribute_id);
  json_object_set_string_member (attribute, "taxonomy_term_id", term_id);
  json_object_set_object_member (attribute, "taxonomy_term", term);

  /* A value listed twice (pc_targetAudience does this) is kept once. */
  converter_take_attribute (self, attribute_id, attribute);
}

static void
convert_category_field (SpOruk1Converter *self,
                        JsonObject       *v1,
                        const char       *key,
                        const char       *taxonomy)
{
  g_autofree char *value = sp_oruk1_read_text (self, v1, key, NULL);

  if (value != NULL)
    converter_add_category (self, key, taxonomy, value);
}

/* pc_targetAudience: Open Place's list of who a service is for, as text or
 * as {"id": "11771", "audienceType": "Carers "} where the id names the link,
 * not the audience. */
static void
convert_target_audience (SpOruk1Converter *self,
                         JsonObject       *v1)
{
  const char *key = "pc_targetAudience";
  JsonNode *node = json_object_get_member (v1, key);
  JsonArray *items;
  guint n_items;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      sp_oruk1_warn (self, key, _("Expected a list but found %s; it was left out."),
                     sp_oruk1_node_describe (node));
      return;
    }

  items = json_node_get_array (node);
  n_items = json_array_get_length (items);
  for (guint i = 0; i < n_items; i++)
    {
      JsonNode *element = json_array_get_element (items, i);
      g_autofree char *path = sp_oruk1_item_path (NULL, key, i);
      g_autofree char *value = NULL;

      if (JSON_NODE_HOLDS_OBJECT (element))
        {
          JsonObject *audience = json_node_get_object (element);
          const char *value_key = json_object_has_member (audience, "audienceType") ? "audienceType" : "name";

          value = sp_oruk1_read_text (self, audience, value_key, path);
        }
      else
        {
          value = sp_oruk1_node_dup_text (element);
          if (value == NULL)
            sp_oruk1_warn (self, path, _("Expected an audience but found %s; it was left out."),
                           sp_oruk1_node_describe (element));
        }

      if (value != NULL)
        converter_add_category (self, key, SP_ORUK1_TAXONOMY_TARGET_AUDIENCE, value);
    }
}

/* pc_metadata: Open Place's record keeping. Only the dates say anything a
 * person can use; who assured it is dropped. */
static void
convert_pc_metadata (SpOruk1Converter *self,
                     JsonObject       *v1)
{
  JsonNode *node = json_object_get_member (v1, "pc_metadata");
  JsonObject *metadata;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      sp_oruk1_warn (self, "pc_metadata", _("Expected an object but found %s; it was left out."),
                     sp_oruk1_node_describe (node));
      return;
    }
  metadata = json_node_get_object (node);

  if (!sp_oruk1_member_is_blank (metadata, "date_modified"))
    sp_oruk1_copy_text (self, metadata, "date_modified", self->service, "last_modified", "pc_metadata");
  else if (!sp_oruk1_member_is_blank (metadata, "date_assured"))
    sp_oruk1_copy_text (self, metadata, "date_assured", self->service, "last_modified", "pc_metadata");

  if (sp_oruk1_member_is_blank (self->service, "assured_date") && !sp_oruk1_member_is_blank (metadata, "date_assured"))
    sp_oruk1_copy_text (self, metadata, "date_assured", self->service, "assured_date", "pc_metadata");
}

static void
convert_organization (SpOruk1Converter *self,
                      JsonObject       *v1)
{
  static const char * const same_keys[] = {
    "name", "alternate_name", "description", "email", "logo", "uri", "legal_status",
    "tax_status", "tax_id", NULL
  };
  JsonNode *node = json_object_get_member (v1, "organization");
  JsonObject *from;
  JsonObject *organization;
  g_autofree char *id = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      sp_oruk1_warn (self, "organization", _("Expected an organisation (an object) but found %s; it "
                                             "was left out."), sp_oruk1_node_describe (node));
      return;
    }
  from = json_node_get_object (node);
  organization = json_object_new ();
  json_object_set_object_member (self->service, "organization", organization);

  id = sp_oruk1_read_text (self, from, "id", "organization");
  if (id != NULL)
    {
      json_object_set_string_member (organization, "id", id);
      json_object_set_string_member (self->service, "organization_id", id);
    }
  sp_oruk1_copy_same_texts (self, from, organization, "organization", same_keys);
  if (!sp_oruk1_copy_text (self, from, "url", organization, "website", "organization"))
    sp_oruk1_copy_text (self, from, "website", organization, "website", "organization");
}

static JsonObject *
convert_service_taxonomy (SpOruk1Converter *self,
                          JsonObject       *from,
                          const char       *path)
{
  JsonNode *node = json_object_get_member (from, "taxonomy");
  g_autofree char *taxonomy_path = sp_oruk1_field_path (path, "taxonomy");
  g_autofree char *id = NULL;
  g_autofree char *term_id = NULL;
  g_autofree char *name = NULL;
  JsonObject *taxonomy;
  JsonObject *attribute;
  JsonObject *term;
  JsonNode *parent;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      sp_oruk1_warn (self, taxonomy_path, _("The category names no taxonomy term; it was left out."));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      sp_oruk1_warn (self, taxonomy_path, _("Expected a taxonomy term (an object) but found %s; the "
                                            "category was left out."), sp_oruk1_node_describe (node));
      return NULL;
    }
  taxonomy = json_node_get_object (node);

  id = sp_oruk1_read_text (self, from, "id", path);
  if (id != NULL && g_hash_table_contains (self->attribute_ids, id))
    {
      g_autofree char *field = sp_oruk1_field_path (path, "id");

      sp_oruk1_warn (self, field, _("The category %s is listed twice; the repeat was left out."), id);
      return NULL;
    }

  term = json_object_new ();
  term_id = sp_oruk1_read_text (self, taxonomy, "id", taxonomy_path);
  if (term_id != NULL)
    json_object_set_string_member (term, "id", term_id);
  name = sp_oruk1_read_text (self, taxonomy, "name", taxonomy_path);
  if (name != NULL)
    json_object_set_string_member (term, "name", name);
  /* HSDS 3.0 requires a description on a term and v1 has none; the name is
   * the best description there is. */
  if (!sp_oruk1_copy_text (self, taxonomy, "description", term, "description", taxonomy_path) && name != NULL)
    json_object_set_string_member (term, "description", name);
  sp_oruk1_copy_text (self, taxonomy, "vocabulary", term, "taxonomy", taxonomy_path);

  /* The schema says parent_id; some feeds say parent, a few nest the parent. */
  parent = json_object_get_member (taxonomy, "parent_id");
  if (parent == NULL)
    parent = json_object_get_member (taxonomy, "parent");
  if (parent != NULL && JSON_NODE_HOLDS_OBJECT (parent))
    parent = json_object_get_member (json_node_get_object (parent), "id");
  if (parent != NULL && !JSON_NODE_HOLDS_NULL (parent))
    {
      g_autofree char *parent_id = sp_oruk1_node_dup_text (parent);

      if (parent_id != NULL && !sp_oruk1_text_is_blank (parent_id))
        json_object_set_string_member (term, "parent_id", parent_id);
    }

  attribute = json_object_new ();
  if (id != NULL)
    json_object_set_string_member (attribute, "id", id);
  if (term_id != NULL)
    json_object_set_string_member (attribute, "taxonomy_term_id", term_id);
  json_object_set_object_member (attribute, "taxonomy_term", term);

  converter_take_attribute (self, id, attribute);
  /* Already in service.attributes; convert_list has nothing to append. */
  return NULL;
}

static void
fold_age (SpOruk1Converter *self,
          JsonObject       *from,
          const char       *key,
          const char       *path,
          gboolean          minimum)
{
  g_autoptr (JsonNode) number = sp_oruk1_read_number (self, from, key, path);
  double age;

  if (number == NULL)
    return;
  age = sp_oruk1_number_value (number);
  /* v1 writes -1 for "no limit". */
  if (age < 0)
    return;

  if (minimum && (!self->has_minimum_age || age < self->minimum_age))
    {
      self->minimum_age = age;
      self->has_minimum_age = TRUE;
    }
  else if (!minimum && (!self->has_maximum_age || age > self->maximum_age))
    {
      self->maximum_age = age;
      self->has_maximum_age = TRUE;
    }
}

/* HSDS 3.0 has one age range and one eligibility text per service, so the
 * v1 rows fold into the widest range any row allows and a joined text. */
static JsonObject *
convert_eligibility (SpOruk1Converter *self,
                     JsonObject       *from,
                     const char       *path)
{
  g_autofree char *text = sp_oruk1_read_text (self, from, "eligibility", path);

  fold_age (self, from, "minimum_age", path, TRUE);
  fold_age (self, from, "maximum_age", path, FALSE);
  if (text != NULL && !sp_oruk1_text_is_blank (text))
    {
      if (self->eligibility->len > 0)
        g_string_append (self->eligibility, "; ");
      g_string_append (self->eligibility, text);
    }
  return NULL;
}

static void
set_age (JsonObject *service,
         const char *key,
         double      age)
{
  /* Ages are small; the bound only keeps the cast defined. */
  if (age < 1e15 && age == (double) (gint64) age)
    json_object_set_int_member (service, key, (gint64) age);
  else
    json_object_set_double_member (service, key, age);
}

static gboolean
is_language_code (const char *text)
{
  gsize length = strlen (text);

  if (length < 2 || length > 3)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (text[i] < 'a' || text[i] > 'z')
      return FALSE;
  return TRUE;
}

static JsonObject *
convert_language (SpOruk1Converter *self,
                  JsonObject       *from,
                  const char       *path)
{
  JsonObject *language = json_object_new ();
  g_autofree char *name = sp_oruk1_read_text (self, from, "language", path);

  sp_oruk1_copy_text (self, from, "id", language, "id", path);
  if (name != NULL)
    {
      json_object_set_string_member (language, "name", name);
      /* v1 says ISO 639-1 codes; many feeds write the English name instead. */
      if (is_language_code (name))
        json_object_set_string_member (language, "code", name);
    }
  return language;
}

static JsonObject *
convert_phone (SpOruk1Converter *self,
               JsonObject       *from,
               const char       *path)
{
  static const char * const same_keys[] = { "id", "number", "type", "description", NULL };
  JsonObject *phone = json_object_new ();

  sp_oruk1_copy_same_texts (self, from, phone, path, same_keys);
  sp_oruk1_copy_number (self, from, "extension", phone, "extension", path);
  return phone;
}

static JsonObject *
convert_contact (SpOruk1Converter *self,
                 JsonObject       *from,
                 const char       *path)
{
  static const char * const same_keys[] = { "id", "name", "title", "department", "email", NULL };
  JsonObject *contact = json_object_new ();

  sp_oruk1_copy_same_texts (self, from, contact, path, same_keys);
  sp_oruk1_convert_list (self, from, "phones", path, contact, "phones", convert_phone);
  return contact;
}

static JsonObject *
convert_cost_option (SpOruk1Converter *self,
                     JsonObject       *from,
                     const char       *path)
{
  static const char * const same_keys[] = {
    "id", "option", "amount_description", "valid_from", "valid_to", "currency", NULL
  };
  JsonObject *cost = json_object_new ();
  JsonNode *node = json_object_get_member (from, "amount");
  g_autofree char *field = sp_oruk1_field_path (path, "amount");
  JsonNode *amount = NULL;

  sp_oruk1_copy_same_texts (self, from, cost, path, same_keys);
  switch (sp_oruk1_parse_number (node, &amount))
    {
    case SP_ORUK1_NUMBER_OK:
      json_object_set_member (cost, "amount", amount);
      /* v1 amounts are pounds; HSDS 3.0 wants the currency said. */
      if (sp_oruk1_member_is_blank (cost, "currency"))
        json_object_set_string_member (cost, "currency", "GBP");
      break;
    case SP_ORUK1_NUMBER_BAD:
      /* "£5 a session" is still worth showing, as the description. */
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
          && sp_oruk1_member_is_blank (cost, "amount_description"))
        {
          json_object_set_string_member (cost, "amount_description", json_node_get_string (node));
          sp_oruk1_warn (self, field, _("“%s” is not a number; it was kept as the description of "
                                        "the cost."), json_node_get_string (node));
        }
      else
        {
          sp_oruk1_warn_not_a_number (self, field, node);
        }
      break;
    case SP_ORUK1_NUMBER_ABSENT:
    default:
      break;
    }
  return cost;
}

static JsonObject *
convert_service_area (SpOruk1Converter *self,
                      JsonObject       *from,
                      const char       *path)
{
  static const char * const same_keys[] = { "id", "description", "extent", "uri", NULL };
  JsonObject *area = json_object_new ();

  sp_oruk1_copy_same_texts (self, from, area, path, same_keys);
  /* v1 names the area in service_area; a few feeds use HSDS 2's name. */
  if (sp_oruk1_member_is_blank (from, "service_area") && !sp_oruk1_member_is_blank (from, "name"))
    sp_oruk1_copy_text (self, from, "name", area, "name", path);
  else
    sp_oruk1_copy_text (self, from, "service_area", area, "name", path);
  return area;
}

static JsonObject *
convert_funding (SpOruk1Converter *self,
                 JsonObject       *from,
                 const char       *path)
{
  static const char * const same_keys[] = { "id", "source", NULL };
  JsonObject *funding = json_object_new ();

  sp_oruk1_copy_same_texts (self, from, funding, path, same_keys);
  return funding;
}

/**
 * sp_oruk1_looks_like_service:
 * @object: a service as found in a feed
 *
 * Tells an Open Referral UK 1.0 service from an HSDS 3.0 (ORUK 3.0) one, so
 * the importer knows whether to reshape it first. A service is taken as v1 if:
 *
 *  - it has a member only v1 has: regular_schedules, holiday_schedules,
 *    service_taxonomys (or service_taxonomies), eligibilitys (or
 *    eligibilities), fundings, reviews, deliverable_type, attending_type or
 *    attending_access; or
 *  - it has none of the members only HSDS 3.0 has (schedules, attributes,
 *    funding, last_modified, organization_id, minimum_age, …) and either
 *    carries pc_metadata, or has no organization with an HSDS-3-only member
 *    (website, organization_identifiers, …) and either an organization whose
 *    website is in "url" or locations that use physical_addresses.
 *
 * pc_metadata alone is not enough: Open Place sends it in its ORUK 3.0 feeds
 * too.
 *
 * Returns: %TRUE if @object looks like an ORUK 1.0 service
 */
gboolean
sp_oruk1_looks_like_service (JsonObject *object)
{
  static const char * const v1_only[] = {
    "regular_schedules", "holiday_schedules", "service_taxonomys", "service_taxonomies",
    "eligibilitys", "eligibilities", "fundings", "reviews", "deliverable_type",
    "attending_type", "attending_access", NULL
  };
  static const char * const v3_only[] = {
    "schedules", "attributes", "funding", "fees_description", "eligibility_description",
    "last_modified", "organization_id", "assurer_email", "minimum_age", "maximum_age",
    "metadata", "program", "required_documents", NULL
  };
  static const char * const v3_only_organization[] = {
    "website", "organization_identifiers", "parent_organization_id", "funding", "programs",
    "locations", "metadata", "attributes", NULL
  };
  JsonNode *node;
  JsonObject *organization;

  if (object == NULL)
    return FALSE;
  for (gsize i = 0; v1_only[i] != NULL; i++)
    if (json_object_has_member (object, v1_only[i]))
      return TRUE;
  for (gsize i = 0; v3_only[i] != NULL; i++)
    if (json_object_has_member (object, v3_only[i]))
      return FALSE;
  if (json_object_has_member (object, "pc_metadata"))
    return TRUE;

  node = json_object_get_member (object, "organization");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      organization = json_node_get_object (node);
      for (gsize i = 0; v3_only_organization[i] != NULL; i++)
        if (json_object_has_member (organization, v3_only_organization[i]))
          return FALSE;
      if (json_object_has_member (organization, "url"))
        return TRUE;
    }

  node = json_object_get_member (object, "service_at_locations");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *links = json_node_get_array (node);
      guint n_links = json_array_get_length (links);

      for (guint i = 0; i < n_links; i++)
        {
          JsonNode *link = json_array_get_element (links, i);
          JsonNode *location;

          if (!JSON_NODE_HOLDS_OBJECT (link))
            continue;
          location = json_object_get_member (json_node_get_object (link), "location");
          if (location != NULL && JSON_NODE_HOLDS_OBJECT (location)
              && json_object_has_member (json_node_get_object (location), "physical_addresses"))
            return TRUE;
        }
    }
  return FALSE;
}

/**
 * sp_oruk1_is_page:
 * @object: the top-level object of a feed response
 *
 * Tells an ORUK 1.0 page (a list "content" beside "totalElements" or
 * "totalPages", Spring style) from an ORUK 3.0 one ("contents", "total_items").
 *
 * Returns: %TRUE if @object is an ORUK 1.0 page
 */
gboolean
sp_oruk1_is_page (JsonObject *object)
{
  JsonNode *content;

  if (object == NULL)
    return FALSE;
  content = json_object_get_member (object, "content");
  return content != NULL && JSON_NODE_HOLDS_ARRAY (content)
         && (json_object_has_member (object, "totalElements")
             || json_object_has_member (object, "totalPages"));
}

/**
 * sp_oruk1_service_to_hsds3:
 * @v1: an ORUK 1.0 service, from a list page or a detail response
 * @warn: (nullable): told of each value that could not be carried over
 * @user_data: passed to @warn
 *
 * Reshapes an ORUK 1.0 service into the HSDS 3.0 shape the importer reads.
 * Values are copied as they are, for the importer to check and clean; what
 * cannot be mapped is reported through @warn, with the service id as the
 * record and the v1 path ("regular_schedules[2].weekday") as the field, and
 * left out. Never fails.
 *
 * The categories made from deliverable_type, attending_type, attending_access
 * and pc_targetAudience get ids derived from their content, see
 * %SP_ORUK1_TAXONOMY_DELIVERABLE_TYPE. No other ids are made up: an entry
 * without one stays without one.
 *
 * Returns: (transfer full): the HSDS 3.0 shaped service
 */
JsonObject *
sp_oruk1_service_to_hsds3 (JsonObject       *v1,
                           SpImportWarnFunc  warn,
                           gpointer          user_data)
{
  static const char * const same_keys[] = {
    "name", "alternate_name", "description", "url", "email", "status", "accreditations",
    "assured_date", "interpretation_services", "application_process", "wait_time", "licenses",
    NULL
  };
  SpOruk1Converter self = { 0 };
  JsonNode *id_node;
  JsonNode *addresses;

  g_return_val_if_fail (v1 != NULL, NULL);

  self.warn = warn;
  self.user_data = user_data;
  self.service = json_object_new ();
  self.attribute_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self.eligibility = g_string_new (NULL);

  id_node = json_object_get_member (v1, "id");
  if (id_node != NULL && !JSON_NODE_HOLDS_NULL (id_node))
    {
      self.service_id = sp_oruk1_node_dup_text (id_node);
      if (self.service_id != NULL)
        json_object_set_string_member (self.service, "id", self.service_id);
      else
        sp_oruk1_warn (&self, "id", _("Expected text but found %s; it was left out."),
                       sp_oruk1_node_describe (id_node));
    }

  sp_oruk1_copy_same_texts (&self, v1, self.service, NULL, same_keys);
  sp_oruk1_copy_text (&self, v1, "fees", self.service, "fees_description", NULL);
  /* Open Place's note on how to get in ("Email to book") is what HSDS 3.0
   * calls the application process. */
  if (sp_oruk1_member_is_blank (self.service, "application_process")
      && !sp_oruk1_member_is_blank (v1, "pc_attendingAccess_additionalInfo"))
    sp_oruk1_copy_text (&self, v1, "pc_attendingAccess_additionalInfo", self.service, "application_process", NULL);

  convert_pc_metadata (&self, v1);
  convert_organization (&self, v1);

  convert_category_field (&self, v1, "deliverable_type", SP_ORUK1_TAXONOMY_DELIVERABLE_TYPE);
  convert_category_field (&self, v1, "attending_type", SP_ORUK1_TAXONOMY_ATTENDING_TYPE);
  convert_category_field (&self, v1, "attending_access", SP_ORUK1_TAXONOMY_ATTENDING_ACCESS);
  convert_target_audience (&self, v1);
  sp_oruk1_convert_list (&self, v1, "service_taxonomys", NULL, self.service, "attributes", convert_service_taxonomy);
  sp_oruk1_convert_list (&self, v1, "service_taxonomies", NULL, self.service, "attributes", convert_service_taxonomy);

  sp_oruk1_convert_list (&self, v1, "eligibilitys", NULL, self.service, NULL, convert_eligibility);
  sp_oruk1_convert_list (&self, v1, "eligibilities", NULL, self.service, NULL, convert_eligibility);
  if (self.has_minimum_age)
    set_age (self.service, "minimum_age", self.minimum_age);
  if (self.has_maximum_age)
    set_age (self.service, "maximum_age", self.maximum_age);
  if (self.eligibility->len > 0)
    json_object_set_string_member (self.service, "eligibility_description", self.eligibility->str);

  sp_oruk1_convert_schedules (&self, v1, NULL, self.service);
  sp_oruk1_convert_list (&self, v1, "languages", NULL, self.service, "languages", convert_language);
  sp_oruk1_convert_list (&self, v1, "contacts", NULL, self.service, "contacts", convert_contact);
  /* The v1 schema has no phones on a service, but a feed that sends them
   * sends numbers a person needs. */
  sp_oruk1_convert_list (&self, v1, "phones", NULL, self.service, "phones", convert_phone);
  sp_oruk1_convert_list (&self, v1, "cost_options", NULL, self.service, "cost_options", convert_cost_option);
  sp_oruk1_convert_list (&self, v1, "service_areas", NULL, self.service, "service_areas", convert_service_area);
  sp_oruk1_convert_list (&self, v1, "fundings", NULL, self.service, "funding", convert_funding);
  sp_oruk1_convert_list (&self, v1, "service_at_locations", NULL, self.service, "service_at_locations",
                         sp_oruk1_convert_service_at_location);

  /* HSDS 3.0 hangs addresses on locations only; a service has nowhere to put
   * them and guessing a location would invent one. */
  addresses = json_object_get_member (v1, "physical_addresses");
  if (addresses != NULL && !JSON_NODE_HOLDS_NULL (addresses)
      && !(JSON_NODE_HOLDS_ARRAY (addresses) && json_array_get_length (json_node_get_array (addresses)) == 0))
    sp_oruk1_warn (&self, "physical_addresses", _("A service cannot carry addresses of its own; give "
                                                  "them a location. They were left out."));

  g_hash_table_unref (self.attribute_ids);
  g_string_free (self.eligibility, TRUE);
  g_free (self.service_id);
  return self.service;
}
