/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-oruk1-places.c: an ORUK 1.0 service's places (service_at_locations, their locations,
 * addresses and access notes) in HSDS 3.0 shape. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sp-oruk1-private.h"

static JsonObject *
convert_address (SpOruk1Converter *self,
                 JsonObject       *from,
                 const char       *path,
                 const char       *address_type)
{
  static const char * const same_keys[] = {
    "id", "attention", "address_1", "address_2", "city", "region", "state_province",
    "postal_code", "country", NULL
  };
  JsonObject *address = json_object_new ();

  /* country stays missing when v1 leaves it out: a guess would be invented. */
  sp_oruk1_copy_same_texts (self, from, address, path, same_keys);
  json_object_set_string_member (address, "address_type", address_type);
  return address;
}

static JsonObject *
convert_physical_address (SpOruk1Converter *self,
                          JsonObject       *from,
                          const char       *path)
{
  return convert_address (self, from, path, "physical");
}

static JsonObject *
convert_postal_address (SpOruk1Converter *self,
                        JsonObject       *from,
                        const char       *path)
{
  return convert_address (self, from, path, "postal");
}

static JsonObject *
convert_accessibility (SpOruk1Converter *self,
                       JsonObject       *from,
                       const char       *path)
{
  JsonObject *accessibility = json_object_new ();

  sp_oruk1_copy_text (self, from, "id", accessibility, "id", path);
  sp_oruk1_copy_text (self, from, "accessibility", accessibility, "description", path);
  sp_oruk1_copy_text (self, from, "details", accessibility, "details", path);
  return accessibility;
}

static gboolean
array_member_has_items (JsonObject *object,
                        const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node)
         && json_array_get_length (json_node_get_array (node)) > 0;
}

static JsonObject *
convert_location (SpOruk1Converter *self,
                  JsonObject       *from,
                  const char       *path)
{
  static const char * const same_keys[] = {
    "id", "name", "alternate_name", "description", "transportation", NULL
  };
  JsonObject *location = json_object_new ();
  gboolean has_coordinates;
  const char *location_type;

  sp_oruk1_copy_same_texts (self, from, location, path, same_keys);
  has_coordinates = sp_oruk1_copy_number (self, from, "latitude", location, "latitude", path);
  has_coordinates |= sp_oruk1_copy_number (self, from, "longitude", location, "longitude", path);

  sp_oruk1_convert_list (self, from, "physical_addresses", path, location, "addresses", convert_physical_address);
  /* Whether any physical address came through decides the type below. */
  location_type = array_member_has_items (location, "addresses") || has_coordinates ? "physical" : NULL;
  sp_oruk1_convert_list (self, from, "postal_addresses", path, location, "addresses", convert_postal_address);
  if (location_type == NULL)
    location_type = array_member_has_items (location, "addresses") ? "postal" : "virtual";
  json_object_set_string_member (location, "location_type", location_type);

  sp_oruk1_convert_list (self, from, "accessibility_for_disabilities", path, location, "accessibility",
                         convert_accessibility);
  sp_oruk1_convert_schedules (self, from, path, location);
  return location;
}

JsonObject *
sp_oruk1_convert_service_at_location (SpOruk1Converter *self,
                                      JsonObject       *from,
                                      const char       *path)
{
  JsonObject *link = json_object_new ();
  JsonNode *node = json_object_get_member (from, "location");

  sp_oruk1_copy_text (self, from, "id", link, "id", path);
  sp_oruk1_copy_text (self, from, "description", link, "description", path);
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *location_path = sp_oruk1_field_path (path, "location");
      JsonObject *location = convert_location (self, json_node_get_object (node), location_path);

      if (json_object_has_member (location, "id"))
        json_object_set_string_member (link, "location_id",
                                       json_object_get_string_member (location, "id"));
      else
        sp_oruk1_copy_text (self, from, "location_id", link, "location_id", path);
      json_object_set_object_member (link, "location", location);
    }
  else if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      g_autofree char *field = sp_oruk1_field_path (path, "location");

      sp_oruk1_warn (self, field, _("Expected a location (an object) but found %s; it was left out."),
                     sp_oruk1_node_describe (node));
    }
  else
    {
      sp_oruk1_copy_text (self, from, "location_id", link, "location_id", path);
    }
  sp_oruk1_convert_schedules (self, from, path, link);
  return link;
}
