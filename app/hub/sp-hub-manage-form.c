/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-manage-form.c: a service's ORUK 3.0 document as the edit form's fields, and the form's fields back into it.
 *
 * The form shows what a group keeps current: name, description, sessions (one a line, in
 * the words sp_schedule_parse_words() reads), each place's name and address, phone,
 * email, website, cost, access, languages and categories (sp-hub-manage-categories.c). Sending it changes only what was changed:
 * everything else in the document (ids, a session's link to its
 * place) is kept as it was, so the editor's difference shows just the edit. A session
 * line left as it was shown keeps its schedule exactly; a changed line is read again and
 * keeps the old one's id and place.
 *
 * Places: each has a "remove" box (the service no longer meets there: only its link to
 * the place goes, and its sessions there become the service's), and the "new-" fields add
 * one. A place whose postcode is new gets the point the directory holds for that whole
 * postcode, or none: never the old place's, which would put it on the map where it was.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sp-hub-manage-private.h"
#include "sp-place.h"

/* The first element of array @member of @object, or NULL. */
static JsonObject *
first_of (JsonObject *object,
          const char *member)
{
  JsonArray *array = object != NULL && json_object_has_member (object, member)
                         ? json_object_get_array_member (object, member) : NULL;

  if (array == NULL || json_array_get_length (array) == 0)
    return NULL;
  return json_array_get_object_element (array, 0);
}

static const char *
string_of (JsonObject *object,
           const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
             ? json_node_get_string (node) : NULL;
}

/* The first place the service is at: its location object. */
static JsonObject *
first_location (JsonObject *service)
{
  JsonObject *at = first_of (service, "service_at_locations");

  return at != NULL && json_object_has_member (at, "location") ? json_object_get_object_member (at, "location") : NULL;
}

/* A schedule as its line of the sessions field: in words the parser reads back, else as
 * its description says (a line left so is kept as it was). */
static char *
schedule_line (JsonObject *schedule)
{
  char *words = sp_schedule_words_for_form (schedule);

  if (words != NULL)
    return words;
  return g_strdup (string_of (schedule, "description") != NULL ? string_of (schedule, "description") : _("(a session kept as it is)"));
}

static char *
join_member_strings (JsonArray  *array,
                     const char *member,
                     const char *separator)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      const char *value = string_of (json_array_get_object_element (array, i), member);

      if (value == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, separator);
      g_string_append (text, value);
    }
  return g_string_free (text, FALSE);
}

static JsonArray *
array_of (JsonObject *object,
          const char *member)
{
  return object != NULL && json_object_has_member (object, member) &&
                 JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, member))
             ? json_object_get_array_member (object, member) : NULL;
}

/* Field @name of the place at @index (from 0): the first place's fields keep their plain
 * names ("address"), the others' are numbered as the form shows them ("address-2"). */
char *
sp_hub_manage_form_place_field (const char *name,
                                guint       index)
{
  return index == 0 ? g_strdup (name) : g_strdup_printf ("%s-%u", name, index + 1);
}

/* The place at @index (from 0) the service is at: its location object. */
static JsonObject *
location_at (JsonObject *service,
             guint       index)
{
  JsonArray *places = service != NULL && json_object_has_member (service, "service_at_locations") &&
                              JSON_NODE_HOLDS_ARRAY (json_object_get_member (service, "service_at_locations"))
                          ? json_object_get_array_member (service, "service_at_locations") : NULL;
  JsonObject *at;

  if (places == NULL || index >= json_array_get_length (places))
    return NULL;
  at = json_array_get_object_element (places, index);
  return at != NULL && json_object_has_member (at, "location") ? json_object_get_object_member (at, "location") : NULL;
}

static void
put_place (GHashTable *form,
           JsonObject *location,
           guint       index)
{
  JsonObject *address = first_of (location, "addresses");
  JsonArray *access = location != NULL && json_object_has_member (location, "accessibility") &&
                              JSON_NODE_HOLDS_ARRAY (json_object_get_member (location, "accessibility"))
                          ? json_object_get_array_member (location, "accessibility") : NULL;

#define PUT(field, value) g_hash_table_insert (form, sp_hub_manage_form_place_field (field, index), \
                                               g_strdup ((value) != NULL ? (value) : ""))
  PUT ("location_name", string_of (location, "name"));
  PUT ("address", string_of (address, "address_1"));
  PUT ("town", string_of (address, "city"));
  PUT ("postcode", string_of (address, "postal_code"));
#undef PUT
  g_hash_table_insert (form, sp_hub_manage_form_place_field ("access", index),
                       join_member_strings (access, "description", "\n"));
}

/* The form's fields for @service (name -> value, every field present). */
GHashTable *
sp_hub_manage_form_from_service (JsonObject *service)
{
  GHashTable *form = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonObject *location = first_location (service);
  JsonArray *schedules = array_of (service, "schedules");
  GString *lines = g_string_new (NULL);

#define PUT(field, value) g_hash_table_insert (form, g_strdup (field), g_strdup ((value) != NULL ? (value) : ""))
  PUT ("name", string_of (service, "name"));
  PUT ("description", string_of (service, "description"));
  PUT ("email", string_of (service, "email"));
  PUT ("website", string_of (service, "url"));
  PUT ("phone", string_of (first_of (service, "phones"), "number"));
  PUT ("cost", string_of (first_of (service, "cost_options"), "option"));
#undef PUT
  put_place (form, location, 0);
  for (guint i = 1; location_at (service, i) != NULL; i++)
    put_place (form, location_at (service, i), i);
  for (guint i = 0; schedules != NULL && i < json_array_get_length (schedules); i++)
    {
      g_autofree char *line = schedule_line (json_array_get_object_element (schedules, i));

      g_string_append_printf (lines, "%s%s", i > 0 ? "\n" : "", line);
    }
  g_hash_table_insert (form, g_strdup ("schedule"), g_string_free (lines, FALSE));
  g_hash_table_insert (form, g_strdup ("languages"), join_member_strings (array_of (service, "languages"), "name", ", "));
  g_hash_table_insert (form, g_strdup ("closed"), g_strdup (g_strcmp0 (string_of (service, "status"), "defunct") == 0 ? "yes" : ""));
  sp_hub_manage_categories_to_form (service, form);
  return form;
}

static void
set_new_id (JsonObject *object)
{
  g_autofree char *id = g_uuid_string_random ();

  json_object_set_string_member (object, "id", id);
}

/* @value trimmed; "" when @form lacks it. */
static char *
field (GHashTable *form,
       const char *name)
{
  const char *value = g_hash_table_lookup (form, name);

  return g_strstrip (g_strdup (value != NULL ? value : ""));
}

/* Sets member @name of @object to @value, or removes it when @value is empty (an export
 * omits what has no value). */
static void
set_or_remove (JsonObject *object,
               const char *name,
               const char *value)
{
  if (*value == '\0')
    json_object_remove_member (object, name);
  else
    json_object_set_string_member (object, name, value);
}

/* The first object of array @member of @object, made (with a new id) when there is none and
 * @value is not empty; NULL when there is none to set. Removes the array's first element
 * when @value is empty. */
static JsonObject *
first_to_set (JsonObject *object,
              const char *member,
              const char *value)
{
  JsonArray *array = array_of (object, member);
  JsonObject *first;

  if (*value == '\0')
    {
      if (array != NULL && json_array_get_length (array) > 0)
        json_array_remove_element (array, 0);
      if (array != NULL && json_array_get_length (array) == 0)
        json_object_remove_member (object, member);
      return NULL;
    }
  if (array == NULL)
    {
      array = json_array_new ();
      json_object_set_array_member (object, member, array);
    }
  if (json_array_get_length (array) > 0)
    return json_array_get_object_element (array, 0);
  first = json_object_new ();
  set_new_id (first);
  json_array_add_object_element (array, first);
  return first;
}

/* A changed line's schedule: what the words say (its rule, hours and description), over
 * what the words do not (its id, its place, when it started, its time zone). */
static JsonObject *
merge_schedule (JsonObject *before,
                JsonObject *parsed)
{
  static const char *said[] = { "freq", "interval", "byday", "bymonthday", "opens_at", "closes_at", "description",
                                "dtstart", "valid_to", "until", "count", "wkst", "notes" };
  JsonObject *merged = json_object_new ();
  GList *members = json_object_get_members (before);

  for (GList *l = members; l != NULL; l = l->next)
    {
      gboolean replaced = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (said) && !replaced; i++)
        replaced = g_str_equal (l->data, said[i]);
      if (!replaced)
        json_object_set_member (merged, l->data, json_node_copy (json_object_get_member (before, l->data)));
    }
  g_list_free (members);
  members = json_object_get_members (parsed);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_str_equal (l->data, "id"))
      json_object_set_member (merged, l->data, json_node_copy (json_object_get_member (parsed, l->data)));
  g_list_free (members);
  return merged;
}

/* An ORUK document repeats a place's sessions under its service_at_location: those copies
 * follow the service's list (dropped with it, changed with it), so the import does not
 * write the old copy over the new. @old_ids: the service's schedules' ids before. */
static void
follow_at_locations (JsonObject *service,
                     GHashTable *old_ids)
{
  JsonArray *places = array_of (service, "service_at_locations");
  JsonArray *schedules = array_of (service, "schedules");

  for (guint i = 0; places != NULL && i < json_array_get_length (places); i++)
    {
      JsonObject *place = json_array_get_object_element (places, i);
      JsonArray *old = array_of (place, "schedules");
      g_autoptr (JsonArray) kept = json_array_new ();
      const char *place_id = string_of (place, "id");

      for (guint j = 0; old != NULL && j < json_array_get_length (old); j++)
        {
          JsonObject *schedule = json_array_get_object_element (old, j);

          if (string_of (schedule, "id") == NULL || !g_hash_table_contains (old_ids, string_of (schedule, "id")))
            json_array_add_object_element (kept, json_object_ref (schedule));
        }
      for (guint j = 0; schedules != NULL && place_id != NULL && j < json_array_get_length (schedules); j++)
        {
          JsonObject *schedule = json_array_get_object_element (schedules, j);

          if (g_strcmp0 (string_of (schedule, "service_at_location_id"), place_id) == 0)
            json_array_add_object_element (kept, json_object_ref (schedule));
        }
      if (json_array_get_length (kept) == 0)
        json_object_remove_member (place, "schedules");
      else
        json_object_set_array_member (place, "schedules", g_steal_pointer (&kept));
    }
}

/* The sessions field into @service's schedules: a line as it was shown keeps its schedule;
 * a changed line is read (its problem, if any, is the field's) and keeps the old one's id
 * and place; a new line is a new schedule. */
static void
apply_schedules (JsonObject *service,
                 const char *text,
                 GDate      *today,
                 GPtrArray  *problems)
{
  JsonArray *old = array_of (service, "schedules");
  g_autoptr (JsonArray) schedules = json_array_new ();
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr (GHashTable) old_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = 0;

  for (guint i = 0; old != NULL && i < json_array_get_length (old); i++)
    if (string_of (json_array_get_object_element (old, i), "id") != NULL)
      g_hash_table_add (old_ids, g_strdup (string_of (json_array_get_object_element (old, i), "id")));

  for (guint i = 0; lines[i] != NULL; i++)
    {
      JsonObject *before = old != NULL && n < json_array_get_length (old) ? json_array_get_object_element (old, n) : NULL;
      g_autofree char *line = g_strstrip (g_strdup (lines[i]));
      g_autofree char *shown = before != NULL ? schedule_line (before) : NULL;
      g_autoptr (JsonObject) parsed = NULL;
      g_autoptr (GError) error = NULL;

      if (*line == '\0')
        continue;
      n++;
      if (shown != NULL && g_str_equal (shown, line))
        {
          json_array_add_object_element (schedules, json_object_ref (before));
          continue;
        }
      if ((parsed = sp_schedule_parse_words (line, today, &error)) == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("Session %u, “%s”: %s"), n, line, error->message);

          sp_hub_manage_add_problem (problems, "schedule", message);
          continue;
        }
      if (before != NULL)
        json_array_add_object_element (schedules, merge_schedule (before, parsed));
      else
        {
          if (string_of (parsed, "id") == NULL)
            set_new_id (parsed);
          json_array_add_object_element (schedules, g_steal_pointer (&parsed));
        }
    }
  if (json_array_get_length (schedules) == 0)
    json_object_remove_member (service, "schedules");
  else
    json_object_set_array_member (service, "schedules", g_steal_pointer (&schedules));
  follow_at_locations (service, old_ids);
}

/* A list field (one item a line, or comma-separated) into array @member of @object, each
 * item an object whose @key is its text; items already there keep their object. */
static void
apply_list (JsonObject *object,
            const char *member,
            const char *key,
            const char *text,
            const char *separators)
{
  JsonArray *old = array_of (object, member);
  g_autoptr (JsonArray) items = json_array_new ();
  g_auto (GStrv) parts = g_strsplit_set (text, separators, -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *part = g_strstrip (g_strdup (parts[i]));
      JsonObject *kept = NULL;

      if (*part == '\0')
        continue;
      for (guint j = 0; old != NULL && j < json_array_get_length (old) && kept == NULL; j++)
        if (g_strcmp0 (string_of (json_array_get_object_element (old, j), key), part) == 0)
          kept = json_array_get_object_element (old, j);
      if (kept != NULL)
        json_array_add_object_element (items, json_object_ref (kept));
      else
        {
          JsonObject *item = json_object_new ();

          set_new_id (item);
          json_object_set_string_member (item, key, part);
          json_array_add_object_element (items, item);
        }
    }
  if (json_array_get_length (items) == 0)
    json_object_remove_member (object, member);
  else
    json_object_set_array_member (object, member, g_steal_pointer (&items));
}

/* @postcode upper case without spaces, to compare: "wv6 8rw" is "WV68RW". */
static char *
postcode_key (const char *postcode)
{
  g_autofree char *upper = g_ascii_strup (postcode, -1);
  g_auto (GStrv) parts = g_strsplit (upper, " ", -1);

  return g_strjoinv ("", parts);
}

/* Where @location is, from its postcode: the point the directory's other places with that
 * whole postcode have (sp_place_lookup()), or no point at all when it has none. */
static void
locate (JsonObject *location,
        SpStore    *store,
        const char *postcode)
{
  g_auto (SpPlace) place = { 0 };
  g_autofree char *wanted = NULL;
  g_autofree char *found = NULL;

  json_object_remove_member (location, "latitude");
  json_object_remove_member (location, "longitude");
  if (store == NULL || *postcode == '\0' || !sp_place_lookup (store, postcode, &place, NULL))
    return;
  /* A postcode the directory lacks stands for its first half: too rough for a map. */
  wanted = postcode_key (postcode);
  found = postcode_key (place.label);
  if (!g_str_equal (wanted, found))
    return;
  json_object_set_double_member (location, "latitude", place.latitude);
  json_object_set_double_member (location, "longitude", place.longitude);
}

/* Field @name of the place at @index, trimmed. */
static char *
field_of_place (GHashTable *form,
                const char *name,
                guint       index)
{
  g_autofree char *numbered = sp_hub_manage_form_place_field (name, index);

  return field (form, numbered);
}

/* The name, address and access fields of the place at @index (sp_hub_manage_form_place_field()),
 * or the "new-" ones, into @location and its first address. */
static void
fill_place (JsonObject *location,
            JsonObject *address,
            GHashTable *form,
            guint       index,
            gboolean    is_new,
            SpStore    *store)
{
#define FIELD(name) (is_new ? field (form, "new-" name) : field_of_place (form, name, index))
  g_autofree char *name = FIELD ("location_name");
  g_autofree char *line = FIELD ("address");
  g_autofree char *town = FIELD ("town");
  g_autofree char *postcode = FIELD ("postcode");
  g_autofree char *access = FIELD ("access");
#undef FIELD

  set_or_remove (location, "name", name);
  if (address != NULL)
    {
      if (is_new || g_strcmp0 (string_of (address, "postal_code"), postcode) != 0)
        locate (location, store, postcode);
      json_object_set_string_member (address, "address_1", line);
      json_object_set_string_member (address, "city", town);
      json_object_set_string_member (address, "postal_code", postcode);
    }
  apply_list (location, "accessibility", "description", access, "\n");
}

/* The new place of the "new-" fields, when any is filled in: the street and the postcode
 * are needed, for the public to find it. */
static void
add_place (JsonObject *service,
           GHashTable *form,
           SpStore    *store,
           GPtrArray  *problems)
{
  const char *names[] = { "new-location_name", "new-address", "new-town", "new-postcode", "new-access" };
  g_autofree char *line = field (form, "new-address");
  g_autofree char *postcode = field (form, "new-postcode");
  gboolean filled = FALSE;
  JsonArray *links = array_of (service, "service_at_locations");
  JsonObject *link, *location, *address;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *value = field (form, names[i]);

      filled = filled || *value != '\0';
    }
  if (!filled)
    return;
  if (*line == '\0')
    sp_hub_manage_add_problem (problems, "new-address", _("Enter the street address of the new place"));
  if (*postcode == '\0')
    sp_hub_manage_add_problem (problems, "new-postcode", _("Enter the postcode of the new place"));
  if (*line == '\0' || *postcode == '\0')
    return;
  link = json_object_new ();
  location = json_object_new ();
  address = json_object_new ();
  set_new_id (link);
  set_new_id (location);
  set_new_id (address);
  json_object_set_string_member (location, "location_type", "physical");
  json_object_set_string_member (address, "location_id", json_object_get_string_member (location, "id"));
  json_object_set_string_member (address, "country", "GB");
  json_object_set_string_member (address, "address_type", "physical");
  {
    JsonArray *addresses = json_array_new ();

    json_array_add_object_element (addresses, json_object_ref (address));
    json_object_set_array_member (location, "addresses", addresses);
  }
  fill_place (location, address, form, 0, TRUE, store);
  json_object_unref (address);
  json_object_set_string_member (link, "location_id", json_object_get_string_member (location, "id"));
  json_object_set_object_member (link, "location", location);
  if (links == NULL)
    {
      links = json_array_new ();
      json_object_set_array_member (service, "service_at_locations", links);
    }
  json_array_add_object_element (links, link);
}

/* The places ticked "remove": their links go, and their sessions become the service's. */
static void
remove_places (JsonObject *service,
               GHashTable *form)
{
  JsonArray *links = array_of (service, "service_at_locations");
  JsonArray *schedules = array_of (service, "schedules");

  for (guint i = links != NULL ? json_array_get_length (links) : 0; i-- > 0;)
    {
      g_autofree char *remove = sp_hub_manage_form_place_field ("remove", i);
      const char *link_id = string_of (json_array_get_object_element (links, i), "id");

      if (!g_hash_table_contains (form, remove))
        continue;
      for (guint j = 0; link_id != NULL && schedules != NULL && j < json_array_get_length (schedules); j++)
        {
          JsonObject *schedule = json_array_get_object_element (schedules, j);

          if (g_strcmp0 (string_of (schedule, "service_at_location_id"), link_id) == 0)
            json_object_remove_member (schedule, "service_at_location_id");
        }
      json_array_remove_element (links, i);
    }
  if (links != NULL && json_array_get_length (links) == 0)
    json_object_remove_member (service, "service_at_locations");
}

/* Each place's name and address, as the form numbers them; then places removed and one
 * added (see the top of the file). */
static void
apply_places (JsonObject *service,
              GHashTable *form,
              SpStore    *store,
              GPtrArray  *problems)
{
  JsonObject *location;

  for (guint i = 0; (location = location_at (service, i)) != NULL; i++)
    {
      g_autofree char *line_field = sp_hub_manage_form_place_field ("address", i);

      /* A place the form did not show (a form from before it was added) is kept as it is. */
      if (!g_hash_table_contains (form, line_field))
        continue;
      fill_place (location, first_of (location, "addresses"), form, i, FALSE, store);
    }
  remove_places (service, form);
  add_place (service, form, store, problems);
}

/* @form's fields into @service (changed in place); what cannot be read is added to
 * @problems under its field's name. */
void
sp_hub_manage_form_apply (JsonObject *service,
                          GHashTable *form,
                          GDate      *today,
                          GPtrArray  *terms,
                          SpStore    *store,
                          GPtrArray  *problems)
{
  g_autofree char *name = field (form, "name");
  g_autofree char *description = field (form, "description");
  g_autofree char *email = field (form, "email");
  g_autofree char *website = field (form, "website");
  g_autofree char *phone = field (form, "phone");
  g_autofree char *cost = field (form, "cost");
  g_autofree char *schedule = field (form, "schedule");
  g_autofree char *languages = field (form, "languages");
  JsonObject *first;

  if (*name == '\0')
    sp_hub_manage_add_problem (problems, "name", _("Enter the name of the service"));
  json_object_set_string_member (service, "name", name);
  set_or_remove (service, "description", description);
  set_or_remove (service, "email", email);
  set_or_remove (service, "url", website);
  if ((first = first_to_set (service, "phones", phone)) != NULL)
    json_object_set_string_member (first, "number", phone);
  if ((first = first_to_set (service, "cost_options", cost)) != NULL &&
      g_strcmp0 (string_of (first, "option"), cost) != 0)
    {
      /* A cost in words replaces the amount it was. */
      json_object_set_string_member (first, "option", cost);
      json_object_remove_member (first, "amount");
      json_object_remove_member (first, "currency");
    }
  apply_schedules (service, schedule, today, problems);
  apply_list (service, "languages", "name", languages, ",;");
  apply_places (service, form, store, problems);
  sp_hub_manage_categories_apply (service, form, terms, problems);
}

/* Which form field a problem the import's rules found belongs beside: "phones[0].number"
 * is the phone's, "schedules[2].byday" the sessions'. */
const char *
sp_hub_manage_form_field_for (const char *path)
{
  static const struct
  {
    const char *prefix;
    const char *field;
  } fields[] = {
    { "name", "name" },
    { "description", "description" },
    { "email", "email" },
    { "url", "website" },
    { "phones", "phone" },
    { "cost_options", "cost" },
    { "schedules", "schedule" },
    { "languages", "languages" },
    { "service_at_locations", "address" },
    { "status", "closed" },
    { "organization_id", "organization" },
    { "attributes", "categories" },
  };

  if (path != NULL && g_str_has_prefix (path, "service_at_locations["))
    {
      guint index = (guint) g_ascii_strtoull (path + strlen ("service_at_locations["), NULL, 10);
      g_autofree char *place = sp_hub_manage_form_place_field ("address", MIN (index, 999));

      return g_intern_string (place);
    }
  for (guint i = 0; path != NULL && i < G_N_ELEMENTS (fields); i++)
    {
      gsize length = strlen (fields[i].prefix);

      if (strncmp (path, fields[i].prefix, length) == 0 && strchr ("[.", path[length]) != NULL)
        return fields[i].field;
    }
  /* Anything else is the whole form's: the first field. */
  return "name";
}
