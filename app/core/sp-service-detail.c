/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-service-detail.c: everything about one service a person reads, for its page and slips.
 *
 * Built from sp_export_service()'s nested ORUK 3.0 object rather than from SQL of its own:
 * the export already knows how schedules, places, phones and categories hang off a service
 * (sp-hsds.c drives both), so a change to the schema reaches the page, the slip and the
 * export together. The SpService snapshot beside it gives the name, organisation and
 * checked date with the same rules as result lists.
 *
 * Every text is made fit for one line or one paragraph here, once: control characters and
 * runs of spaces dropped, invalid UTF-8 repaired and long values bounded, so a hostile row
 * cannot break a page or a slip's layout. HTML is not read here: the import made it plain
 * text, and reading it a second time would lose what the feed escaped ("&lt;NHS card&gt;").
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "sp-export.h"
#include "sp-occurrence.h"
#include "sp-schedule.h"
#include "sp-service-detail.h"
#include "sp-text.h"

/* Bounds for display. A name longer than this is not a name; a slip still prints it. */
#define MAX_LINE_BYTES 1024
#define MAX_PARAGRAPH_BYTES (16 * 1024)
#define MAX_SUMMARY_CHARS 240

struct _SpServiceDetail
{
  GObject parent_instance;

  SpService *service;
  char *name;
  char *organization_name;
  char *description;
  char *summary;
  char *url;
  char *email;
  GPtrArray *phones;       /* SpServicePhone */
  GPtrArray *places;       /* SpServicePlace */
  GPtrArray *schedules;    /* SpSchedule */
  char *cost;
  gboolean is_free;
  GStrv languages;
  GStrv accessibility;
  char *age_range;
  char *eligibility;
  GStrv categories;
};

G_DEFINE_FINAL_TYPE (SpServiceDetail, sp_service_detail, G_TYPE_OBJECT)

static void
phone_free (SpServicePhone *phone)
{
  g_free (phone->number);
  g_free (phone->type);
  g_free (phone->description);
  g_free (phone);
}

static void
place_free (SpServicePlace *place)
{
  g_free (place->location_id);
  g_free (place->service_at_location_id);
  g_free (place->name);
  g_free (place->address_line);
  g_free (place->address_lines);
  g_free (place->postal_code);
  g_strfreev (place->accessibility);
  g_free (place);
}

static void
sp_service_detail_finalize (GObject *object)
{
  SpServiceDetail *self = SP_SERVICE_DETAIL (object);

  g_clear_object (&self->service);
  g_free (self->name);
  g_free (self->organization_name);
  g_free (self->description);
  g_free (self->summary);
  g_free (self->url);
  g_free (self->email);
  g_ptr_array_unref (self->phones);
  g_ptr_array_unref (self->places);
  g_ptr_array_unref (self->schedules);
  g_free (self->cost);
  g_strfreev (self->languages);
  g_strfreev (self->accessibility);
  g_free (self->age_range);
  g_free (self->eligibility);
  g_strfreev (self->categories);
  G_OBJECT_CLASS (sp_service_detail_parent_class)->finalize (object);
}

static void
sp_service_detail_class_init (SpServiceDetailClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_service_detail_finalize;
}

static void
sp_service_detail_init (SpServiceDetail *self)
{
  self->phones = g_ptr_array_new_with_free_func ((GDestroyNotify) phone_free);
  self->places = g_ptr_array_new_with_free_func ((GDestroyNotify) place_free);
  self->schedules = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Text for display: valid UTF-8, no control characters, single spaces; newlines kept only
 * in a paragraph. NULL when nothing is left. The store holds plain text (the import made
 * any HTML plain, once): a '<' or '&' here is the text's own and stays. */
static char *
clean_text (const char *text,
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
    return sp_text_bound (whole, paragraph ? MAX_PARAGRAPH_BYTES : MAX_LINE_BYTES, NULL);
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
  return clean_text (member_text (object, name), FALSE);
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

/* Adds @text to @list unless it is NULL or there already (compared without case). */
static void
add_unique (GPtrArray *list,
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
  add_unique (lines, member_line (address, "address_1"));
  add_unique (lines, member_line (address, "address_2"));
  n_street = lines->len;
  if (city == NULL)
    city = member_line (address, "state_province");
  if (city != NULL)
    add_unique (lines, g_strdup (city));
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
        add_unique (accessibility, g_strdup (note));
      add_unique (place_notes, note);
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
      add_unique (parts, words);
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
      add_unique (names, name != NULL ? name : member_line (languages->pdata[i], "code"));
    }
  self->languages = steal_strv (names);
  for (guint i = 0; i < attributes->len; i++)
    add_unique (categories, member_line (member_object (attributes->pdata[i], "taxonomy_term"), "name"));
  self->categories = steal_strv (categories);
}

/**
 * sp_service_detail_summarize:
 * @text: plain text
 *
 * The first sentence, and the second too when the first is short: what a slip or a result
 * row says about a service. Cut at a word with "…" past 240 characters.
 *
 * Returns: (transfer full) (nullable): the summary
 */
char *
sp_service_detail_summarize (const char *text)
{
  static const char * const abbreviations[] = { "e.g.", "i.e.", "etc.", "Dr.", "St.", "Mr.",
                                                "Mrs.", "Ms.", "No.", "approx.", NULL };
  const char *cut = NULL;
  guint sentences = 0;
  glong n_chars = 0;
  g_autofree char *first = NULL;


  if (text == NULL || *text == '\0')
    return NULL;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), n_chars++)
    {
      const char *end = NULL;

      /* A line break ends a sentence, unless one just ended before it. */
      if (*p == '\n' && p > text && cut != p)
        end = p;
      else if ((*p == '.' || *p == '!' || *p == '?') && (p[1] == ' ' || p[1] == '\n' || p[1] == '\0'))
        {
          end = p + 1;
          for (guint i = 0; abbreviations[i] != NULL && *p == '.'; i++)
            {
              gsize len = strlen (abbreviations[i]);
              const char *start = p + 1 - len;

              if ((gsize) (p + 1 - text) >= len && g_ascii_strncasecmp (start, abbreviations[i], len) == 0 &&
                  (start == text || start[-1] == ' '))
                end = NULL;
            }
        }
      if (end != NULL)
        {
          sentences++;
          cut = end;
          /* A second sentence only when the first is short. */
          if (sentences == 2 || n_chars > 90)
            break;
        }
      if (n_chars > MAX_SUMMARY_CHARS)
        break;
    }
  if (cut == NULL || g_utf8_strlen (text, cut - text) > MAX_SUMMARY_CHARS)
    {
      /* No sentence end in reach: cut at the last space before the limit. */
      const char *end = g_utf8_offset_to_pointer (text, MIN (g_utf8_strlen (text, -1), MAX_SUMMARY_CHARS));
      const char *space = end;

      if (*end == '\0')
        return g_strdup (text);
      while (space > text && *space != ' ')
        space--;
      if (space == text)
        space = end;
      first = g_strndup (text, space - text);
      return g_strconcat (g_strchomp (first), "…", NULL);
    }
  first = g_strndup (text, cut - text);
  g_strdelimit (g_strchomp (first), "\n", ' ');
  return g_steal_pointer (&first);
}

/**
 * sp_service_detail_load:
 * @id: a service id
 *
 * Reads one service with everything nested in it.
 *
 * Returns: (transfer full): the detail, or %NULL with @error set (G_IO_ERROR_NOT_FOUND if
 *   there is no such service)
 */
SpServiceDetail *
sp_service_detail_load (SpStore    *store,
                        const char *id,
                        GError    **error)
{
  g_autoptr (SpServiceDetail) self = NULL;
  g_autoptr (JsonObject) service = NULL;
  g_autoptr (GPtrArray) places = NULL;
  GPtrArray *accessibility;
  JsonObject *organization;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (SP_TYPE_SERVICE_DETAIL, NULL);
  if ((self->service = sp_service_lookup (store, id, error)) == NULL ||
      (service = sp_export_service (store, id, error)) == NULL)
    return NULL;
  organization = member_object (service, "organization");

  self->name = clean_text (sp_service_get_name (self->service), FALSE);
  if (self->name == NULL)
    self->name = g_strdup (_("Unnamed service"));
  self->organization_name = clean_text (sp_service_get_organization_name (self->service), FALSE);
  self->description = clean_text (sp_service_get_description (self->service), TRUE);
  self->summary = sp_service_detail_summarize (self->description);
  self->url = member_line (service, "url");
  if (self->url == NULL)
    self->url = member_line (organization, "website");
  self->email = member_line (service, "email");
  if (self->email == NULL)
    self->email = member_line (organization, "email");
  self->eligibility = clean_text (member_text (service, "eligibility_description"), TRUE);

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
  return g_steal_pointer (&self);
}

SpService *sp_service_detail_get_service (SpServiceDetail *self) { g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL); return self->service; }
const char *sp_service_detail_get_id (SpServiceDetail *self) { g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL); return sp_service_get_id (self->service); }
const char *sp_service_detail_get_name (SpServiceDetail *self) { g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL); return self->name; }
const char *sp_service_detail_get_organization_name (SpServiceDetail *self) { g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL); return self->organization_name; }
const char *sp_service_detail_get_description (SpServiceDetail *self) { g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL); return self->description; }
const char *sp_service_detail_get_summary (SpServiceDetail *self) { g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL); return self->summary; }
const char *sp_service_detail_get_url (SpServiceDetail *self) { g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL); return self->url; }
const char *sp_service_detail_get_email (SpServiceDetail *self) { g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL); return self->email; }
const char *sp_service_detail_get_cost (SpServiceDetail *self) { g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL); return self->cost; }
gboolean sp_service_detail_get_is_free (SpServiceDetail *self) { g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), FALSE); return self->is_free; }
const char *sp_service_detail_get_age_range (SpServiceDetail *self) { g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL); return self->age_range; }
const char *sp_service_detail_get_eligibility (SpServiceDetail *self) { g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL); return self->eligibility; }

/**
 * sp_service_detail_get_phones:
 *
 * The service's numbers, then its places', then (only if there are none) its organisation's.
 *
 * Returns: (transfer none) (element-type SpServicePhone): the phones
 */
GPtrArray *sp_service_detail_get_phones (SpServiceDetail *self) { g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL); return self->phones; }
/** sp_service_detail_get_places: Returns: (transfer none) (element-type SpServicePlace): */
GPtrArray *sp_service_detail_get_places (SpServiceDetail *self) { g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL); return self->places; }
/** sp_service_detail_get_schedules: Returns: (transfer none) (element-type SpSchedule): every row, once */
GPtrArray *sp_service_detail_get_schedules (SpServiceDetail *self) { g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL); return self->schedules; }
/** sp_service_detail_get_languages: Returns: (transfer none): language names */
const char * const *sp_service_detail_get_languages (SpServiceDetail *self) { g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL); return (const char * const *) self->languages; }
/** sp_service_detail_get_accessibility: Returns: (transfer none): access notes from every place, once each */
const char * const *sp_service_detail_get_accessibility (SpServiceDetail *self) { g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL); return (const char * const *) self->accessibility; }
/** sp_service_detail_get_categories: Returns: (transfer none): category names */
const char * const *sp_service_detail_get_categories (SpServiceDetail *self) { g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL); return (const char * const *) self->categories; }

/**
 * sp_service_detail_get_checked_date:
 *
 * Returns: (nullable): when the information was last checked, ISO 8601 (see
 *   sp_service_get_checked_date())
 */
const char *
sp_service_detail_get_checked_date (SpServiceDetail *self)
{
  g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL);
  return sp_service_get_checked_date (self->service);
}

/**
 * sp_service_detail_dup_checked_words:
 *
 * The checked date as a person reads it, "9 February 2026".
 *
 * Returns: (transfer full) (nullable): the date, or %NULL if unknown or unreadable
 */
char *
sp_service_detail_dup_checked_words (SpServiceDetail *self)
{
  const char *iso;
  int y, m, d;

  g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL);

  iso = sp_service_get_checked_date (self->service);
  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return NULL;
  {
    g_autoptr (GDateTime) date = g_date_time_new_utc (y, m, d, 0, 0, 0);
    /* Translators: the date information was checked, see g_date_time_format(). */
    return g_date_time_format (date, C_("long date", "%-d %B %Y"));
  }
}

/* The place a row belongs to, when the service has more than one place to name. */
static const char *
place_name_for (SpServiceDetail *self,
                SpSchedule      *schedule)
{
  const char *sal = sp_schedule_get_service_at_location_id (schedule);

  if (self->places->len < 2 || sal == NULL)
    return NULL;
  for (guint i = 0; i < self->places->len; i++)
    {
      SpServicePlace *place = self->places->pdata[i];
      if (g_strcmp0 (place->service_at_location_id, sal) == 0)
        return place->name;
    }
  return NULL;
}

static char *
with_place (SpServiceDetail *self,
            SpSchedule      *schedule,
            char            *words)
{
  const char *place = place_name_for (self, schedule);
  char *joined;

  if (place == NULL || words == NULL)
    return words;
  /* Translators: a session and where it is, "Every first Monday of the month, 10:00–12:30, at Tettenhall Library". */
  joined = g_strdup_printf (_("%s, at %s"), words, place);
  g_free (words);
  return joined;
}

/**
 * sp_service_detail_dup_schedule_words:
 * @now: (nullable): leave out closures and special hours over by then
 *
 * Every row in words, one a line: "Every Tuesday, 10:00–12:00", and closures still to come.
 *
 * Returns: (transfer full) (nullable): the lines, or %NULL if no row says anything
 */
char *
sp_service_detail_dup_schedule_words (SpServiceDetail *self,
                                      GDateTime       *now)
{
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GDate today;

  g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL);

  g_date_clear (&today, 1);
  if (now != NULL)
    {
      g_autoptr (GDateTime) local = g_date_time_to_timezone (now, sp_occurrence_get_time_zone ());
      g_date_set_dmy (&today, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                      g_date_time_get_year (local));
    }
  for (guint i = 0; i < self->schedules->len; i++)
    {
      SpSchedule *schedule = self->schedules->pdata[i];
      SpScheduleKind kind = sp_schedule_get_kind (schedule);
      g_autofree char *words = NULL;
      GDate end;

      if (g_date_valid (&today) && kind != SP_SCHEDULE_KIND_REGULAR && kind != SP_SCHEDULE_KIND_NOTE &&
          sp_schedule_get_valid_to (schedule, &end) && g_date_compare (&end, &today) < 0)
        continue;
      words = sp_schedule_dup_words (schedule);
      add_unique (lines, with_place (self, schedule, clean_text (words, FALSE)));
    }
  if (lines->len == 0)
    return NULL;
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

/**
 * sp_service_detail_dup_next_session:
 * @now: the moment it is for (a slip's print time; tests pass a fixed one)
 *
 * "Next: Tue 9 Dec, 10:00–12:00", with the place when the service meets in several.
 *
 * Returns: (transfer full) (nullable): the words, or %NULL when no session is known
 */
char *
sp_service_detail_dup_next_session (SpServiceDetail *self,
                                    GDateTime       *now)
{
  g_autoptr (GPtrArray) next = NULL;
  g_autofree char *words = NULL;
  SpOccurrence *occurrence;

  g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  next = sp_occurrence_list_next (self->schedules, now, 1);
  if (next->len == 0)
    return NULL;
  occurrence = next->pdata[0];
  words = sp_occurrence_dup_words (occurrence, now);
  words = with_place (self, occurrence->schedule, g_steal_pointer (&words));
  /* Translators: the next session of a service, "Next: Tue 9 Dec, 10:00–12:00". */
  return g_strdup_printf (_("Next: %s"), words);
}
