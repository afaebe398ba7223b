/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-service-detail-read.c: a service detail's fields, read from the service's export.
 *
 * Every text is made fit for one line or one paragraph here, once: control characters and
 * runs of spaces dropped, invalid UTF-8 repaired and long values bounded, so a hostile row
 * cannot break a page or a slip's layout. HTML is not read here: the import made it plain
 * text, and reading it a second time would lose what the feed escaped ("&lt;NHS card&gt;").
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sp-schedule.h"
#include "sp-service-detail-private.h"
#include "sp-text.h"

/* Text for display: valid UTF-8, no control characters, single spaces; newlines kept only
 * in a paragraph. NULL when nothing is left. The store holds plain text (the import made
 * any HTML plain, once): a '<' or '&' here is the text's own and stays. */
char *
sp_service_detail_clean_text (const char *text,
                              gboolean    paragraph)
{
  g_autofree char *plain = NULL;
  GString *out;
  gboolean space = FALSE, newline = FALSE;

  if (text == NULL)
    return NULL;
  plain = g_utf8_make_valid (text, -1);

  out = g_string_sized_new (strlen (plain));
  for (const char *p = plain; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' && paragraph)
        newline = TRUE;
      else if (g_unichar_isspace (c) || g_unichar_iscntrl (c) || g_unichar_type (c) == G_UNICODE_FORMAT)
        space = TRUE;
      else
        {
          if (out->len > 0 && newline)
            g_string_append_c (out, '\n');
          else if (out->len > 0 && space)
            g_string_append_c (out, ' ');
          space = newline = FALSE;
          g_string_append_unichar (out, c);
        }
    }
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  {
    g_autofree char *whole = g_string_free (out, FALSE);
    return sp_text_bound (whole, paragraph ? SP_DETAIL_MAX_PARAGRAPH_BYTES : SP_DETAIL_MAX_LINE_BYTES, NULL);
  }
}

static const char *
member_text (JsonObject *object,
             const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static char *
member_line (JsonObject *object,
             const char *name)
{
  return sp_service_detail_clean_text (member_text (object, name), FALSE);
}

static gboolean
member_number (JsonObject *object,
               const char *name,
               double     *value)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return FALSE;
  *value = json_node_get_double (node);
  return TRUE;
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* The objects of an array member, skipping anything that is not one. */
static GPtrArray *
member_objects (JsonObject *object,
                const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;
  GPtrArray *objects = g_ptr_array_new ();

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return objects;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (node), i);
      if (JSON_NODE_HOLDS_OBJECT (element))
        g_ptr_array_add (objects, json_node_get_object (element));
    }
  return objects;
}

/* Adds @text (taken) to @list unless it is NULL or there already (compared without case). */
void
sp_service_detail_add_unique (GPtrArray *list,
                              char      *text)
{
  if (text == NULL)
    return;
  for (guint i = 0; i < list->len; i++)
    if (g_utf8_collate (g_ptr_array_index (list, i), text) == 0 ||
        g_ascii_strcasecmp (g_ptr_array_index (list, i), text) == 0)
      {
        g_free (text);
        return;
      }
  g_ptr_array_add (list, text);
}

static GStrv
steal_strv (GPtrArray *list)
{
  g_ptr_array_add (list, NULL);
  return (GStrv) g_ptr_array_free (list, FALSE);
}

static void
add_phones (SpServiceDetail *self,
            JsonObject      *parent)
{
  g_autoptr (GPtrArray) phones = member_objects (parent, "phones");

  for (guint i = 0; i < phones->len; i++)
    {
      g_autofree char *number = member_line (phones->pdata[i], "number");
      gboolean seen = FALSE;
      SpServicePhone *phone;

      if (number == NULL)
        continue;
      for (guint j = 0; j < self->phones->len && !seen; j++)
        seen = g_str_equal (((SpServicePhone *) self->phones->pdata[j])->number, number);
      if (seen)
        continue;
      phone = g_new0 (SpServicePhone, 1);
      phone->number = g_steal_pointer (&number);
      phone->type = member_line (phones->pdata[i], "type");
      phone->description = member_line (phones->pdata[i], "description");
      g_ptr_array_add (self->phones, phone);
    }
}

static void
add_schedules (SpServiceDetail *self,
               JsonObject      *parent)
{
  g_autoptr (GPtrArray) schedules = member_objects (parent, "schedules");

  /* The export lists a row under every parent it names (service and place); once is enough. */
  for (guint i = 0; i < schedules->len; i++)
    {
      g_autoptr (SpSchedule) schedule = sp_schedule_new_from_json (schedules->pdata[i]);
      gboolean seen = FALSE;

      for (guint j = 0; j < self->schedules->len && !seen; j++)
        seen = sp_schedule_get_id (schedule) != NULL &&
               g_strcmp0 (sp_schedule_get_id (self->schedules->pdata[j]), sp_schedule_get_id (schedule)) == 0;
      if (!seen)
        g_ptr_array_add (self->schedules, g_steal_pointer (&schedule));
    }
}

/* Countries a UK reader does not need spelled out on an address. */
static gboolean
is_home_country (const char *country)
{
  static const char * const home[] = { "GB", "UK", "GBR", "United Kingdom", "Great Britain",
                                       "England", "Scotland", "Wales", "Northern Ireland", NULL };

  return country == NULL || g_strv_contains (home, country) ||
         (strlen (country) <= 3 && (g_ascii_strcasecmp (country, "gb") == 0 || g_ascii_strcasecmp (country, "uk") == 0));
}

/* An address as a UK letter writes it: street lines, town, postcode; the county only when
 * there is no town; the country only when it is not this one. On one line the postcode
 * follows the town without a comma, as on an envelope. */
static void
format_address (SpServicePlace *place,
                JsonObject     *address)
{
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *city = member_line (address, "city");
  g_autofree char *postal_code = member_line (address, "postal_code");
  g_autofree char *country = member_line (address, "country");
  g_autofree char *town_and_code = NULL;
  guint n_street;

  if (place->name != NULL)
    g_ptr_array_add (lines, g_strdup (place->name));
  sp_service_detail_add_unique (lines, member_line (address, "address_1"));
  sp_service_detail_add_unique (lines, member_line (address, "address_2"));
  n_street = lines->len;
  if (city == NULL)
    city = member_line (address, "state_province");
  if (city != NULL)
    sp_service_detail_add_unique (lines, g_strdup (city));
  if (postal_code != NULL)
    g_ptr_array_add (lines, g_strdup (postal_code));
  if (!is_home_country (country))
    g_ptr_array_add (lines, g_strdup (country));
  if (lines->len == (place->name != NULL ? 1u : 0u))
    return;

  for (guint i = 0; i < lines->len; i++)
    g_ptr_array_add (parts, lines->pdata[i]);
  if (city != NULL && postal_code != NULL && lines->len > n_street + 1 &&
      g_strcmp0 (lines->pdata[n_street], city) == 0)
    {
      town_and_code = g_strdup_printf ("%s %s", city, postal_code);
      parts->pdata[n_street] = town_and_code;
      g_ptr_array_remove_index (parts, n_street + 1);
    }
  g_ptr_array_add (lines, NULL);
  g_ptr_array_add (parts, NULL);
  place->address_lines = g_strjoinv ("\n", (char **) lines->pdata);
  place->address_line = g_strjoinv (", ", (char **) parts->pdata);
  place->postal_code = g_steal_pointer (&postal_code);
}

static void
add_place (SpServiceDetail *self,
           JsonObject      *service_at_location,
           GPtrArray       *accessibility)
{
  JsonObject *location = member_object (service_at_location, "location");
  g_autoptr (GPtrArray) addresses = member_objects (location, "addresses");
  g_autoptr (GPtrArray) notes = member_objects (location, "accessibility");
  g_autoptr (GPtrArray) place_notes = g_ptr_array_new_with_free_func (g_free);
  SpServicePlace *place;

  if (location == NULL)
    return;
  place = g_new0 (SpServicePlace, 1);
  place->location_id = g_strdup (member_text (location, "id"));
  place->service_at_location_id = g_strdup (member_text (service_at_location, "id"));
  place->name = member_line (location, "name");
  /* The physical address when there is one, else whatever address is given. */
  for (guint i = 0; i < addresses->len && place->address_lines == NULL; i++)
    if (g_strcmp0 (member_text (addresses->pdata[i], "address_type"), "postal") != 0)
      format_address (place, addresses->pdata[i]);
  for (guint i = 0; i < addresses->len && place->address_lines == NULL; i++)
    format_address (place, addresses->pdata[i]);
  place->has_coordinates = member_number (location, "latitude", &place->latitude) &&
                           member_number (location, "longitude", &place->longitude) &&
                           place->latitude >= -90 && place->latitude <= 90 &&
                           place->longitude >= -180 && place->longitude <= 180;
  for (guint i = 0; i < notes->len; i++)
    {
      char *note = member_line (notes->pdata[i], "description");

      if (note == NULL)
        note = member_line (notes->pdata[i], "accessibility");
      if (note == NULL)
        note = member_line (notes->pdata[i], "details");
      if (note != NULL)
        sp_service_detail_add_unique (accessibility, g_strdup (note));
      sp_service_detail_add_unique (place_notes, note);
    }
  place->accessibility = steal_strv (g_steal_pointer (&place_notes));
  g_ptr_array_add (self->places, place);

  add_phones (self, service_at_location);
  add_phones (self, location);
  add_schedules (self, service_at_location);
  add_schedules (self, location);
}

static gboolean
cost_is_free (JsonObject *option)
{
  double amount;
  const char *name = member_text (option, "option");

  if (member_number (option, "amount", &amount))
    return amount == 0;
  return name != NULL && g_ascii_strncasecmp (name, "free", 4) == 0;
}

/* Free, or the cost options in the feed's own words ("£2 per person, including tea"). */
static void
read_cost (SpServiceDetail *self,
           JsonObject      *service)
{
  g_autoptr (GPtrArray) options = member_objects (service, "cost_options");
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  gboolean all_free = options->len > 0;

  for (guint i = 0; i < options->len; i++)
    {
      JsonObject *option = options->pdata[i];
      char *words = member_line (option, "amount_description");
      g_autofree char *name = member_line (option, "option");
      double amount;

      all_free &= cost_is_free (option);
      if (words == NULL && cost_is_free (option))
        words = g_strdup (_("Free"));
      else if (words == NULL && member_number (option, "amount", &amount))
        {
          const char *currency = member_text (option, "currency");
          g_autofree char *price = currency == NULL || g_ascii_strcasecmp (currency, "GBP") == 0
                                     ? g_strdup_printf ("£%.2f", amount)
                                     : g_strdup_printf ("%.2f %s", amount, currency);

          if (g_str_has_suffix (price, ".00"))
            price[strlen (price) - 3] = '\0';
          /* Translators: a cost option and its price, "Per session: £2". */
          words = name != NULL ? g_strdup_printf (_("%s: %s"), name, price) : g_steal_pointer (&price);
        }
      else if (words == NULL)
        words = g_steal_pointer (&name);
      sp_service_detail_add_unique (parts, words);
    }
  self->is_free = all_free;
  if (parts->len > 0)
    {
      g_ptr_array_add (parts, NULL);
      self->cost = g_strjoinv ("; ", (char **) parts->pdata);
    }
  else
    self->cost = member_line (service, "fees_description");
}

static void
read_ages (SpServiceDetail *self,
           JsonObject      *service)
{
  double min = -1, max = -1;
  gboolean has_min = member_number (service, "minimum_age", &min) && min > 0 && min < 131;
  gboolean has_max = member_number (service, "maximum_age", &max) && max >= 0 && max < 131;

  if (has_min && has_max && max >= min)
    /* Translators: who a service is for, "Ages 16 to 25". */
    self->age_range = g_strdup_printf (_("Ages %d to %d"), (int) min, (int) max);
  else if (has_min)
    self->age_range = g_strdup_printf (_("Ages %d and over"), (int) min);
  else if (has_max)
    self->age_range = g_strdup_printf (_("Ages up to %d"), (int) max);
}

static void
read_lists (SpServiceDetail *self,
            JsonObject      *service)
{
  g_autoptr (GPtrArray) languages = member_objects (service, "languages");
  g_autoptr (GPtrArray) attributes = member_objects (service, "attributes");
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *categories = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < languages->len; i++)
    {
      char *name = member_line (languages->pdata[i], "name");
      sp_service_detail_add_unique (names, name != NULL ? name : member_line (languages->pdata[i], "code"));
    }
  self->languages = steal_strv (names);
  for (guint i = 0; i < attributes->len; i++)
    sp_service_detail_add_unique (categories, member_line (member_object (attributes->pdata[i], "taxonomy_term"), "name"));
  self->categories = steal_strv (categories);
}

/* Fills @self from @service, sp_export_service()'s nested ORUK 3.0 object of the service
 * whose SpService snapshot @self holds already. */
void
sp_service_detail_read_export (SpServiceDetail *self,
                               JsonObject      *service)
{
  g_autoptr (GPtrArray) places = NULL;
  GPtrArray *accessibility;
  JsonObject *organization;

  organization = member_object (service, "organization");

  self->name = sp_service_detail_clean_text (sp_service_get_name (self->service), FALSE);
  if (self->name == NULL)
    self->name = g_strdup (_("Unnamed service"));
  self->organization_name = sp_service_detail_clean_text (sp_service_get_organization_name (self->service), FALSE);
  self->description = sp_service_detail_clean_text (sp_service_get_description (self->service), TRUE);
  self->summary = sp_service_detail_summarize (self->description);
  self->url = member_line (service, "url");
  if (self->url == NULL)
    self->url = member_line (organization, "website");
  self->email = member_line (service, "email");
  if (self->email == NULL)
    self->email = member_line (organization, "email");
  self->eligibility = sp_service_detail_clean_text (member_text (service, "eligibility_description"), TRUE);

  add_phones (self, service);
  add_schedules (self, service);
  accessibility = g_ptr_array_new_with_free_func (g_free);
  places = member_objects (service, "service_at_locations");
  for (guint i = 0; i < places->len; i++)
    add_place (self, places->pdata[i], accessibility);
  self->accessibility = steal_strv (accessibility);
  /* The organisation's switchboard only when the service gives no number of its own. */
  if (self->phones->len == 0)
    add_phones (self, organization);

  read_cost (self, service);
  read_ages (self, service);
  read_lists (self, service);
}
