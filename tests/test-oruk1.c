/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-oruk1.c: reshaping Open Referral UK 1.0 services into HSDS 3.0 shape. */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "sp-oruk1.h"
#include "sp-test-util.h"

/* Every warning the converter gave, in order. */
typedef struct
{
  GPtrArray *records;   /* (element-type utf8) record id, "" when none */
  GPtrArray *fields;    /* (element-type utf8) field, "" when none */
  GPtrArray *messages;  /* (element-type utf8) */
} Warnings;

static void
warnings_init (Warnings *w)
{
  w->records = g_ptr_array_new_with_free_func (g_free);
  w->fields = g_ptr_array_new_with_free_func (g_free);
  w->messages = g_ptr_array_new_with_free_func (g_free);
}

static void
warnings_clear (Warnings *w)
{
  g_clear_pointer (&w->records, g_ptr_array_unref);
  g_clear_pointer (&w->fields, g_ptr_array_unref);
  g_clear_pointer (&w->messages, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Warnings, warnings_clear)

static void
collect_warning (gpointer    user_data,
                 const char *record_id,
                 const char *field,
                 const char *message)
{
  Warnings *w = user_data;

  g_assert_nonnull (message);
  g_assert_cmpstr (message, !=, "");
  g_assert_true (g_utf8_validate (message, -1, NULL));
  g_ptr_array_add (w->records, g_strdup (record_id != NULL ? record_id : ""));
  g_ptr_array_add (w->fields, g_strdup (field != NULL ? field : ""));
  g_ptr_array_add (w->messages, g_strdup (message));
}

static void
count_warning (gpointer    user_data,
               const char *record_id,
               const char *field,
               const char *message)
{
  guint *count = user_data;

  g_assert_nonnull (field);
  g_assert_nonnull (message);
  (*count)++;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Asserts the warnings name exactly @expected (NULL-terminated), in any order. */
static void
assert_warned_fields (Warnings          *w,
                      const char * const *expected)
{
  g_autoptr (GPtrArray) got = g_ptr_array_new ();
  g_autofree char *got_text = NULL;
  g_autofree char *expected_text = NULL;
  g_autoptr (GPtrArray) want = g_ptr_array_new ();

  for (guint i = 0; i < w->fields->len; i++)
    g_ptr_array_add (got, w->fields->pdata[i]);
  for (gsize i = 0; expected[i] != NULL; i++)
    g_ptr_array_add (want, (gpointer) expected[i]);
  g_ptr_array_sort (got, compare_strings);
  g_ptr_array_sort (want, compare_strings);
  g_ptr_array_add (got, NULL);
  g_ptr_array_add (want, NULL);
  got_text = g_strjoinv (" | ", (char **) got->pdata);
  expected_text = g_strjoinv (" | ", (char **) want->pdata);
  g_assert_cmpstr (got_text, ==, expected_text);
}

static gboolean
warnings_name (Warnings   *w,
               const char *field)
{
  for (guint i = 0; i < w->fields->len; i++)
    if (g_strcmp0 (w->fields->pdata[i], field) == 0)
      return TRUE;
  return FALSE;
}

/* Parses JSON written with ' for " so the fixtures below stay readable. */
static JsonObject *
parse_object (const char *quoted)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *json = g_strdelimit (g_strdup (quoted), "'", '"');
  JsonNode *root;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_ref (json_node_get_object (root));
}

static JsonNode *
load_fixture_json (const char *relative)
{
  g_autofree char *path = sp_test_fixture_path ("openreferral", relative, NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

static JsonObject *
convert (const char *quoted,
         Warnings   *w)
{
  g_autoptr (JsonObject) v1 = parse_object (quoted);

  return sp_oruk1_service_to_hsds3 (v1, collect_warning, w);
}

static const char *
str_member (JsonObject *object,
            const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    g_error ("member %s is missing", key);
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_true (json_node_get_value_type (node) == G_TYPE_STRING);
  return json_node_get_string (node);
}

static gint64
int_member (JsonObject *object,
            const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  g_assert_nonnull (node);
  g_assert_true (json_node_get_value_type (node) == G_TYPE_INT64);
  return json_node_get_int (node);
}

static double
double_member (JsonObject *object,
               const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  g_assert_nonnull (node);
  g_assert_true (json_node_get_value_type (node) == G_TYPE_DOUBLE);
  return json_node_get_double (node);
}

static JsonObject *
obj_member (JsonObject *object,
            const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    g_error ("member %s is missing", key);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

static JsonArray *
array_member (JsonObject *object,
              const char *key,
              guint       expected_length)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    g_error ("member %s is missing", key);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, expected_length);
  return json_node_get_array (node);
}

static JsonObject *
item (JsonArray *array,
      guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

/* The attribute whose term is in @taxonomy and named @name, or NULL. */
static JsonObject *
find_attribute (JsonObject *service,
                const char *taxonomy,
                const char *name)
{
  JsonNode *node = json_object_get_member (service, "attributes");
  JsonArray *attributes;

  if (node == NULL)
    return NULL;
  attributes = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (attributes); i++)
    {
      JsonObject *term = obj_member (item (attributes, i), "taxonomy_term");

      if (g_strcmp0 (str_member (term, "taxonomy"), taxonomy) == 0
          && g_strcmp0 (str_member (term, "name"), name) == 0)
        return item (attributes, i);
    }
  return NULL;
}

static void
assert_derived_uuid (const char *id)
{
  g_assert_nonnull (id);
  g_assert_true (g_regex_match_simple ("^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$",
                                       id, 0, 0));
}

static void
assert_category (JsonObject *service,
                 const char *taxonomy,
                 const char *name)
{
  JsonObject *attribute = find_attribute (service, taxonomy, name);
  JsonObject *term;

  if (attribute == NULL)
    g_error ("no %s attribute named %s", taxonomy, name);
  term = obj_member (attribute, "taxonomy_term");
  assert_derived_uuid (str_member (attribute, "id"));
  assert_derived_uuid (str_member (term, "id"));
  g_assert_cmpstr (str_member (attribute, "taxonomy_term_id"), ==, str_member (term, "id"));
  g_assert_cmpstr (str_member (term, "description"), ==, name);
}

static const char full_service[] =
  "{"
  " 'id': 'svc-1', 'name': 'Memory Cafe', 'description': '<p>A friendly <b>cafe</b></p>',"
  " 'url': 'https://example.org/cafe', 'email': 'cafe@example.org', 'status': 'active',"
  " 'fees': 'Free; donations welcome', 'accreditations': 'Dementia Friendly', 'assured_date': '',"
  " 'deliverable_type': 'Advice', 'attending_type': 'venue', 'attending_access': 'drop-in',"
  " 'pc_attendingAccess_additionalInfo': 'Just turn up',"
  " 'pc_metadata': {'date_created': '2020-01-01', 'date_modified': '2024-05-01',"
  "                 'date_assured': '2024-04-01', 'assured_by': '[redacted]'},"
  " 'pc_targetAudience': [{'id': '11', 'audienceType': 'Carers '}, {'id': '12', 'audienceType': 'Carers'},"
  "                       'Dementia'],"
  " 'organization': {'id': 'org-1', 'name': 'Age Well', 'description': 'A charity',"
  "                  'url': 'https://agewell.example', 'logo': 'https://agewell.example/logo.png',"
  "                  'uri': '', 'email': 'hello@agewell.example'},"
  " 'regular_schedules': ["
  "   {'id': 'rs-1', 'weekday': 'Tuesday', 'opens_at': '10:00', 'closes_at': '12:00',"
  "    'valid_from': '2024-01-01', 'valid_to': '2024-12-31', 'description': 'Tuesday mornings'},"
  "   {'id': 'rs-2', 'freq': 'MONTHLY', 'byday': '2TH', 'interval': '1', 'dtstart': '2024-01-11',"
  "    'bymonthday': 11, 'opens_at': '14:00', 'closes_at': '16:00'}],"
  " 'holiday_schedules': [{'id': 'hs-1', 'closed': true, 'start_date': '2024-12-24', 'end_date': '2025-01-02'}],"
  " 'service_taxonomys': [{'id': 'st-1', 'taxonomy': {'id': 'tx-1', 'name': 'Dementia',"
  "                        'vocabulary': 'esdServiceTypes', 'parent': 'tx-0'}}],"
  " 'eligibilitys': [{'id': 'el-1', 'eligibility': 'adult', 'minimum_age': 18, 'maximum_age': -1},"
  "                  {'id': 'el-2', 'eligibility': 'carers', 'minimum_age': '16', 'maximum_age': '99'}],"
  " 'languages': [{'id': 'lang-1', 'language': 'cy'}, {'id': 'lang-2', 'language': 'Polish'}],"
  " 'contacts': [{'id': 'c-1', 'name': 'Sam', 'title': 'Coordinator',"
  "               'phones': [{'id': 'p-1', 'number': '0117 496 0000'}, {'id': 'p-2', 'number': 1174960001}]}],"
  " 'cost_options': [{'id': 'co-1', 'option': 'Lunch', 'amount': '3.50', 'amount_description': 'per lunch',"
  "                   'valid_from': '2024-01-01', 'valid_to': '2024-12-31'},"
  "                  {'id': 'co-2', 'option': 'Trip', 'amount': '5 pounds a trip'}],"
  " 'service_areas': [{'id': 'sa-1', 'service_area': 'Bristol', 'extent': '', 'uri': 'http://example.org/bristol'}],"
  " 'fundings': [{'id': 'f-1', 'source': 'Lottery'}],"
  " 'service_at_locations': ["
  "   {'id': 'sal-1',"
  "    'location': {'id': 'loc-1', 'name': 'Church Hall', 'description': 'Side door',"
  "                 'latitude': 51.45, 'longitude': '-2.58',"
  "                 'physical_addresses': [{'id': 'addr-1', 'address_1': '1 High St', 'city': 'Bristol',"
  "                                         'state_province': 'Bristol', 'postal_code': 'BS1 1AA'}],"
  "                 'accessibility_for_disabilities': [{'id': 'acc-1', 'accessibility': 'Step-free'}]},"
  "    'regular_schedules': [{'id': 'rs-3', 'weekday': 5, 'opens_at': '09:00', 'closes_at': '11:00'}],"
  "    'holiday_schedules': [{'id': 'hs-2', 'closed': false, 'opens_at': '10:00', 'closes_at': '11:00',"
  "                           'start_date': '2024-12-27', 'end_date': '2024-12-27'}]},"
  "   {'id': 'sal-2', 'location': {'id': 'loc-2', 'name': 'Online'}}],"
  " 'reviews': [{'id': 'r-1', 'score': '5'}],"
  " 'link_taxonomies': [{'id': 'lt-1'}]"
  "}";

static void
test_full_service (void)
{
  g_auto (Warnings) w = { 0 };
  g_autoptr (JsonObject) s = NULL;
  JsonObject *organization, *attribute, *term, *schedule, *language, *contact, *phone, *cost;
  JsonObject *area, *funding, *link, *location, *address, *accessibility;
  JsonArray *schedules, *languages, *contacts, *phones, *costs, *links, *addresses;
  const char * const expected[] = { "cost_options[1].amount", NULL };
  const char * const gone[] = {
    "fees", "deliverable_type", "attending_type", "attending_access", "pc_metadata",
    "pc_targetAudience", "pc_attendingAccess_additionalInfo", "regular_schedules",
    "holiday_schedules", "service_taxonomys", "eligibilitys", "fundings", "reviews",
    "link_taxonomies", "physical_addresses", NULL
  };

  warnings_init (&w);
  s = convert (full_service, &w);
  assert_warned_fields (&w, expected);
  g_assert_cmpstr (w.records->pdata[0], ==, "svc-1");

  g_assert_cmpstr (str_member (s, "id"), ==, "svc-1");
  g_assert_cmpstr (str_member (s, "name"), ==, "Memory Cafe");
  g_assert_cmpstr (str_member (s, "description"), ==, "<p>A friendly <b>cafe</b></p>");
  g_assert_cmpstr (str_member (s, "url"), ==, "https://example.org/cafe");
  g_assert_cmpstr (str_member (s, "email"), ==, "cafe@example.org");
  g_assert_cmpstr (str_member (s, "status"), ==, "active");
  g_assert_cmpstr (str_member (s, "accreditations"), ==, "Dementia Friendly");
  g_assert_cmpstr (str_member (s, "fees_description"), ==, "Free; donations welcome");
  g_assert_cmpstr (str_member (s, "assured_date"), ==, "2024-04-01");
  g_assert_cmpstr (str_member (s, "last_modified"), ==, "2024-05-01");
  g_assert_cmpstr (str_member (s, "application_process"), ==, "Just turn up");
  for (gsize i = 0; gone[i] != NULL; i++)
    g_assert_false (json_object_has_member (s, gone[i]));

  organization = obj_member (s, "organization");
  g_assert_cmpstr (str_member (s, "organization_id"), ==, "org-1");
  g_assert_cmpstr (str_member (organization, "id"), ==, "org-1");
  g_assert_cmpstr (str_member (organization, "name"), ==, "Age Well");
  g_assert_cmpstr (str_member (organization, "description"), ==, "A charity");
  g_assert_cmpstr (str_member (organization, "website"), ==, "https://agewell.example");
  g_assert_cmpstr (str_member (organization, "logo"), ==, "https://agewell.example/logo.png");
  g_assert_cmpstr (str_member (organization, "uri"), ==, "");
  g_assert_cmpstr (str_member (organization, "email"), ==, "hello@agewell.example");
  g_assert_false (json_object_has_member (organization, "url"));

  /* three fixed-list values, two audiences ("Carers " and "Carers" are one), one taxonomy */
  array_member (s, "attributes", 6);
  assert_category (s, SP_ORUK1_TAXONOMY_DELIVERABLE_TYPE, "Advice");
  assert_category (s, SP_ORUK1_TAXONOMY_ATTENDING_TYPE, "venue");
  assert_category (s, SP_ORUK1_TAXONOMY_ATTENDING_ACCESS, "drop-in");
  assert_category (s, SP_ORUK1_TAXONOMY_TARGET_AUDIENCE, "Carers");
  assert_category (s, SP_ORUK1_TAXONOMY_TARGET_AUDIENCE, "Dementia");
  attribute = find_attribute (s, "esdServiceTypes", "Dementia");
  g_assert_nonnull (attribute);
  g_assert_cmpstr (str_member (attribute, "id"), ==, "st-1");
  g_assert_cmpstr (str_member (attribute, "taxonomy_term_id"), ==, "tx-1");
  term = obj_member (attribute, "taxonomy_term");
  g_assert_cmpstr (str_member (term, "id"), ==, "tx-1");
  g_assert_cmpstr (str_member (term, "description"), ==, "Dementia");
  g_assert_cmpstr (str_member (term, "parent_id"), ==, "tx-0");

  g_assert_cmpint (int_member (s, "minimum_age"), ==, 16);
  g_assert_cmpint (int_member (s, "maximum_age"), ==, 99);
  g_assert_cmpstr (str_member (s, "eligibility_description"), ==, "adult; carers");

  schedules = array_member (s, "schedules", 3);
  schedule = item (schedules, 0);
  g_assert_cmpstr (str_member (schedule, "id"), ==, "rs-1");
  g_assert_cmpstr (str_member (schedule, "freq"), ==, "WEEKLY");
  g_assert_cmpstr (str_member (schedule, "byday"), ==, "TU");
  g_assert_cmpstr (str_member (schedule, "opens_at"), ==, "10:00");
  g_assert_cmpstr (str_member (schedule, "closes_at"), ==, "12:00");
  g_assert_cmpstr (str_member (schedule, "valid_from"), ==, "2024-01-01");
  g_assert_cmpstr (str_member (schedule, "valid_to"), ==, "2024-12-31");
  g_assert_cmpstr (str_member (schedule, "description"), ==, "Tuesday mornings");
  g_assert_false (json_object_has_member (schedule, "weekday"));
  schedule = item (schedules, 1);
  g_assert_cmpstr (str_member (schedule, "id"), ==, "rs-2");
  g_assert_cmpstr (str_member (schedule, "freq"), ==, "MONTHLY");
  g_assert_cmpstr (str_member (schedule, "byday"), ==, "2TH");
  g_assert_cmpint (int_member (schedule, "interval"), ==, 1);
  g_assert_cmpstr (str_member (schedule, "dtstart"), ==, "2024-01-11");
  g_assert_cmpstr (str_member (schedule, "bymonthday"), ==, "11");
  schedule = item (schedules, 2);
  g_assert_cmpstr (str_member (schedule, "id"), ==, "hs-1");
  g_assert_cmpstr (str_member (schedule, "valid_from"), ==, "2024-12-24");
  g_assert_cmpstr (str_member (schedule, "valid_to"), ==, "2025-01-02");
  g_assert_cmpstr (str_member (schedule, "description"), ==, "Closed");
  g_assert_false (json_object_has_member (schedule, "freq"));
  g_assert_false (json_object_has_member (schedule, "opens_at"));

  languages = array_member (s, "languages", 2);
  language = item (languages, 0);
  g_assert_cmpstr (str_member (language, "id"), ==, "lang-1");
  g_assert_cmpstr (str_member (language, "name"), ==, "cy");
  g_assert_cmpstr (str_member (language, "code"), ==, "cy");
  language = item (languages, 1);
  g_assert_cmpstr (str_member (language, "name"), ==, "Polish");
  g_assert_false (json_object_has_member (language, "code"));

  contacts = array_member (s, "contacts", 1);
  contact = item (contacts, 0);
  g_assert_cmpstr (str_member (contact, "id"), ==, "c-1");
  g_assert_cmpstr (str_member (contact, "name"), ==, "Sam");
  g_assert_cmpstr (str_member (contact, "title"), ==, "Coordinator");
  phones = array_member (contact, "phones", 2);
  phone = item (phones, 0);
  g_assert_cmpstr (str_member (phone, "id"), ==, "p-1");
  g_assert_cmpstr (str_member (phone, "number"), ==, "0117 496 0000");
  g_assert_cmpstr (str_member (item (phones, 1), "number"), ==, "1174960001");

  costs = array_member (s, "cost_options", 2);
  cost = item (costs, 0);
  g_assert_cmpstr (str_member (cost, "id"), ==, "co-1");
  g_assert_cmpstr (str_member (cost, "option"), ==, "Lunch");
  g_assert_cmpfloat (double_member (cost, "amount"), ==, 3.5);
  g_assert_cmpstr (str_member (cost, "currency"), ==, "GBP");
  g_assert_cmpstr (str_member (cost, "amount_description"), ==, "per lunch");
  g_assert_cmpstr (str_member (cost, "valid_from"), ==, "2024-01-01");
  g_assert_cmpstr (str_member (cost, "valid_to"), ==, "2024-12-31");
  cost = item (costs, 1);
  g_assert_false (json_object_has_member (cost, "amount"));
  g_assert_false (json_object_has_member (cost, "currency"));
  g_assert_cmpstr (str_member (cost, "amount_description"), ==, "5 pounds a trip");

  area = item (array_member (s, "service_areas", 1), 0);
  g_assert_cmpstr (str_member (area, "id"), ==, "sa-1");
  g_assert_cmpstr (str_member (area, "name"), ==, "Bristol");
  g_assert_cmpstr (str_member (area, "extent"), ==, "");
  g_assert_cmpstr (str_member (area, "uri"), ==, "http://example.org/bristol");

  funding = item (array_member (s, "funding", 1), 0);
  g_assert_cmpstr (str_member (funding, "id"), ==, "f-1");
  g_assert_cmpstr (str_member (funding, "source"), ==, "Lottery");

  links = array_member (s, "service_at_locations", 2);
  link = item (links, 0);
  g_assert_cmpstr (str_member (link, "id"), ==, "sal-1");
  g_assert_cmpstr (str_member (link, "location_id"), ==, "loc-1");
  location = obj_member (link, "location");
  g_assert_cmpstr (str_member (location, "id"), ==, "loc-1");
  g_assert_cmpstr (str_member (location, "location_type"), ==, "physical");
  g_assert_cmpstr (str_member (location, "name"), ==, "Church Hall");
  g_assert_cmpstr (str_member (location, "description"), ==, "Side door");
  g_assert_cmpfloat (double_member (location, "latitude"), ==, 51.45);
  g_assert_cmpfloat (double_member (location, "longitude"), ==, -2.58);
  g_assert_false (json_object_has_member (location, "physical_addresses"));
  addresses = array_member (location, "addresses", 1);
  address = item (addresses, 0);
  g_assert_cmpstr (str_member (address, "id"), ==, "addr-1");
  g_assert_cmpstr (str_member (address, "address_1"), ==, "1 High St");
  g_assert_cmpstr (str_member (address, "city"), ==, "Bristol");
  g_assert_cmpstr (str_member (address, "state_province"), ==, "Bristol");
  g_assert_cmpstr (str_member (address, "postal_code"), ==, "BS1 1AA");
  g_assert_cmpstr (str_member (address, "address_type"), ==, "physical");
  g_assert_false (json_object_has_member (address, "country"));
  accessibility = item (array_member (location, "accessibility", 1), 0);
  g_assert_cmpstr (str_member (accessibility, "id"), ==, "acc-1");
  g_assert_cmpstr (str_member (accessibility, "description"), ==, "Step-free");
  schedules = array_member (link, "schedules", 2);
  schedule = item (schedules, 0);
  g_assert_cmpstr (str_member (schedule, "id"), ==, "rs-3");
  g_assert_cmpstr (str_member (schedule, "freq"), ==, "WEEKLY");
  g_assert_cmpstr (str_member (schedule, "byday"), ==, "FR");
  schedule = item (schedules, 1);
  g_assert_cmpstr (str_member (schedule, "id"), ==, "hs-2");
  g_assert_cmpstr (str_member (schedule, "description"), ==, "Open");
  g_assert_cmpstr (str_member (schedule, "opens_at"), ==, "10:00");
  g_assert_cmpstr (str_member (schedule, "closes_at"), ==, "11:00");
  g_assert_cmpstr (str_member (schedule, "valid_from"), ==, "2024-12-27");
  g_assert_cmpstr (str_member (schedule, "valid_to"), ==, "2024-12-27");

  link = item (links, 1);
  location = obj_member (link, "location");
  g_assert_cmpstr (str_member (link, "location_id"), ==, "loc-2");
  g_assert_cmpstr (str_member (location, "location_type"), ==, "virtual");
  g_assert_false (json_object_has_member (location, "addresses"));
  g_assert_false (json_object_has_member (link, "schedules"));
}

static void
test_weekday (void)
{
  g_auto (Warnings) w = { 0 };
  g_autoptr (JsonObject) s = NULL;
  JsonArray *schedules;
  const char * const expected_warnings[] = {
    "regular_schedules[7].weekday", "regular_schedules[8].weekday", "regular_schedules[9].weekday",
    "regular_schedules[12].weekday", "regular_schedules[13].weekday", NULL
  };
  /* id, freq, byday of each row kept, in order; NULL for none */
  const char *expected[][3] = {
    { "w0", "WEEKLY", "MO" }, { "w1", "WEEKLY", "TU" }, { "w2", "WEEKLY", "WE" },
    { "w3", "WEEKLY", "TH" }, { "w4", "WEEKLY", "FR" }, { "w5", "WEEKLY", "SA" },
    { "w6", "WEEKLY", "SU" }, { "w8", "WEEKLY", NULL }, { "w10", "WEEKLY", "MO,WE" },
    { "w11", NULL, NULL },
  };

  warnings_init (&w);
  s = convert ("{'id': 'svc-w', 'name': 'Days', 'regular_schedules': ["
               " {'id': 'w0', 'weekday': 'Monday'}, {'id': 'w1', 'weekday': 'tuesday'},"
               " {'id': 'w2', 'weekday': 'WED'}, {'id': 'w3', 'weekday': 4},"
               " {'id': 'w4', 'weekday': ' 5 '}, {'id': 'w5', 'weekday': 'sa'},"
               " {'id': 'w6', 'weekday': 7},"
               " {'id': 'w7', 'weekday': 'Funday'},"
               " {'id': 'w8', 'weekday': 'Funday', 'freq': 'WEEKLY'},"
               " {'id': 'w9', 'weekday': 0},"
               " {'id': 'w10', 'weekday': 'Monday', 'freq': 'WEEKLY', 'byday': 'MO,WE'},"
               " {'id': 'w11', 'weekday': '', 'opens_at': '09:00'},"
               " {'id': 'w12', 'weekday': {'day': 'Monday'}},"
               " {'id': 'w13', 'weekday': 8}]}", &w);

  assert_warned_fields (&w, expected_warnings);
  for (guint i = 0; i < w.records->len; i++)
    g_assert_cmpstr (w.records->pdata[i], ==, "svc-w");
  g_assert_nonnull (strstr (w.messages->pdata[0], "Funday"));

  schedules = array_member (s, "schedules", G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      JsonObject *schedule = item (schedules, i);

      g_assert_cmpstr (str_member (schedule, "id"), ==, expected[i][0]);
      if (expected[i][1] != NULL)
        g_assert_cmpstr (str_member (schedule, "freq"), ==, expected[i][1]);
      else
        g_assert_false (json_object_has_member (schedule, "freq"));
      if (expected[i][2] != NULL)
        g_assert_cmpstr (str_member (schedule, "byday"), ==, expected[i][2]);
      else
        g_assert_false (json_object_has_member (schedule, "byday"));
      g_assert_false (json_object_has_member (schedule, "weekday"));
    }
}

static void
test_holiday (void)
{
  g_auto (Warnings) w = { 0 };
  g_autoptr (JsonObject) s = NULL;
  JsonArray *schedules;
  JsonObject *schedule;
  const char * const expected_warnings[] = {
    "holiday_schedules[3].closed", "holiday_schedules[4].closed",
    "service_at_locations[0].holiday_schedules[1].closed", NULL
  };

  warnings_init (&w);
  s = convert ("{'id': 'svc-h', 'name': 'Holidays', 'holiday_schedules': ["
               " {'id': 'h0', 'closed': true, 'start_date': '2024-12-25', 'end_date': '2024-12-26',"
               "  'opens_at': '09:00'},"
               " {'id': 'h1', 'closed': false, 'opens_at': '10:00', 'closes_at': '14:00',"
               "  'start_date': '2024-12-31', 'end_date': '2024-12-31'},"
               " {'id': 'h2', 'closed': 'TRUE', 'start_date': '2025-01-01', 'end_date': '2025-01-01'},"
               " {'id': 'h3', 'start_date': '2025-04-18', 'end_date': '2025-04-21'},"
               " {'id': 'h4', 'closed': 1, 'start_date': '2025-05-05', 'end_date': '2025-05-05'}],"
               " 'service_at_locations': [{'id': 'sal-h', 'location': {'id': 'loc-h', 'latitude': 51, 'longitude': -2},"
               "   'holiday_schedules': [{'id': 'h5', 'closed': true, 'start_date': '2024-08-26', 'end_date': '2024-08-26'},"
               "                         {'id': 'h6', 'closed': null}]}]}", &w);

  assert_warned_fields (&w, expected_warnings);

  schedules = array_member (s, "schedules", 3);
  schedule = item (schedules, 0);
  g_assert_cmpstr (str_member (schedule, "id"), ==, "h0");
  g_assert_cmpstr (str_member (schedule, "description"), ==, "Closed");
  g_assert_cmpstr (str_member (schedule, "valid_from"), ==, "2024-12-25");
  g_assert_cmpstr (str_member (schedule, "valid_to"), ==, "2024-12-26");
  g_assert_false (json_object_has_member (schedule, "opens_at"));
  g_assert_false (json_object_has_member (schedule, "freq"));
  g_assert_false (json_object_has_member (schedule, "closed"));
  g_assert_false (json_object_has_member (schedule, "start_date"));
  schedule = item (schedules, 1);
  g_assert_cmpstr (str_member (schedule, "id"), ==, "h1");
  g_assert_cmpstr (str_member (schedule, "description"), ==, "Open");
  g_assert_cmpstr (str_member (schedule, "opens_at"), ==, "10:00");
  g_assert_cmpstr (str_member (schedule, "closes_at"), ==, "14:00");
  g_assert_cmpstr (str_member (schedule, "valid_from"), ==, "2024-12-31");
  g_assert_false (json_object_has_member (schedule, "freq"));
  schedule = item (schedules, 2);
  g_assert_cmpstr (str_member (schedule, "id"), ==, "h2");
  g_assert_cmpstr (str_member (schedule, "description"), ==, "Closed");

  schedules = array_member (item (array_member (s, "service_at_locations", 1), 0), "schedules", 1);
  schedule = item (schedules, 0);
  g_assert_cmpstr (str_member (schedule, "id"), ==, "h5");
  g_assert_cmpstr (str_member (schedule, "valid_from"), ==, "2024-08-26");
  g_assert_cmpstr (str_member (obj_member (item (array_member (s, "service_at_locations", 1), 0), "location"),
                               "location_type"), ==, "physical");
}

static void
test_eligibility (void)
{
  g_auto (Warnings) w = { 0 };
  g_autoptr (JsonObject) s = NULL;
  g_autoptr (JsonObject) none = NULL;
  const char * const expected_warnings[] = { "eligibilitys[3].minimum_age", NULL };
  const char * const no_warnings[] = { NULL };

  warnings_init (&w);
  s = convert ("{'id': 'svc-e', 'name': 'Ages', 'eligibilitys': ["
               " {'id': 'e0', 'eligibility': 'adult', 'minimum_age': -1, 'maximum_age': -1},"
               " {'id': 'e1', 'eligibility': 'child', 'minimum_age': '5', 'maximum_age': '11'},"
               " {'id': 'e2', 'eligibility': '', 'minimum_age': 2},"
               " {'id': 'e3', 'eligibility': 'teen', 'minimum_age': 'ten', 'maximum_age': 17.5},"
               " {'id': 'e4', 'maximum_age': '-1'},"
               " {'id': 'e5', 'eligibility': 'family', 'minimum_age': '', 'maximum_age': null}],"
               " 'eligibilities': [{'id': 'e6', 'eligibility': 'carers', 'maximum_age': 16}]}", &w);

  assert_warned_fields (&w, expected_warnings);
  g_assert_cmpint (int_member (s, "minimum_age"), ==, 2);
  g_assert_cmpfloat (double_member (s, "maximum_age"), ==, 17.5);
  g_assert_cmpstr (str_member (s, "eligibility_description"), ==, "adult; child; teen; family; carers");

  warnings_clear (&w);
  warnings_init (&w);
  none = convert ("{'id': 'svc-e2', 'name': 'No limits', 'eligibilitys': ["
                  " {'id': 'n0', 'minimum_age': -1, 'maximum_age': '-1'}, {'id': 'n1', 'eligibility': ' '}]}",
                  &w);
  assert_warned_fields (&w, no_warnings);
  g_assert_false (json_object_has_member (none, "minimum_age"));
  g_assert_false (json_object_has_member (none, "maximum_age"));
  g_assert_false (json_object_has_member (none, "eligibility_description"));
}

static void
test_detect (void)
{
  g_autoptr (JsonNode) v3_full = load_fixture_json ("hsds-3.0/examples/service_full.json");
  g_autoptr (JsonNode) uk_full = load_fixture_json ("oruk-3.0-uk-profile/examples/service_full.json");
  g_autoptr (JsonNode) bristol_v3 = load_fixture_json ("real-world-oruk-v3/bristol-service-1625ip.json");
  g_autoptr (JsonNode) bristol_v3_page = load_fixture_json ("real-world-oruk-v3/bristol-services-page1.json");
  g_autoptr (JsonNode) v1_feed = load_fixture_json ("real-world-oruk-v1/north_lincolnshire_council_services_2024-12-18.json");
  g_autoptr (JsonObject) v1_page = parse_object ("{'content': [], 'totalElements': 0, 'totalPages': 0,"
                                                 " 'number': 0, 'size': 0, 'first': true, 'last': true,"
                                                 " 'empty': true}");
  g_autoptr (JsonObject) not_a_page = parse_object ("{'content': 'none', 'totalElements': 1}");
  g_autoptr (JsonObject) bare_v1 = parse_object ("{'id': 'a', 'name': 'b', 'organization':"
                                                 " {'id': 'o', 'name': 'O', 'description': 'd', 'url': ''}}");
  g_autoptr (JsonObject) v1_locations = parse_object ("{'id': 'a', 'name': 'b', 'service_at_locations':"
                                                      " [null, {'location': {'physical_addresses': []}}]}");
  g_autoptr (JsonObject) bare = parse_object ("{'id': 'a', 'name': 'b', 'status': 'active'}");
  g_autoptr (JsonObject) pc_only = parse_object ("{'id': 'a', 'name': 'b', 'pc_metadata': {'date_modified': ''}}");
  g_autoptr (JsonObject) v3_with_url = parse_object ("{'id': 'a', 'name': 'b', 'organization':"
                                                     " {'id': 'o', 'url': 'x', 'website': 'x'}}");
  JsonArray *contents;

  g_assert_false (sp_oruk1_looks_like_service (json_node_get_object (v3_full)));
  g_assert_false (sp_oruk1_looks_like_service (json_node_get_object (uk_full)));
  /* Open Place's ORUK 3.0 feed carries pc_metadata too. */
  g_assert_true (json_object_has_member (json_node_get_object (bristol_v3), "pc_metadata"));
  g_assert_false (sp_oruk1_looks_like_service (json_node_get_object (bristol_v3)));
  contents = json_object_get_array_member (json_node_get_object (bristol_v3_page), "contents");
  for (guint i = 0; i < json_array_get_length (contents); i++)
    g_assert_false (sp_oruk1_looks_like_service (item (contents, i)));

  g_assert_true (sp_oruk1_looks_like_service (item (json_node_get_array (v1_feed), 0)));
  g_assert_true (sp_oruk1_looks_like_service (bare_v1));
  g_assert_true (sp_oruk1_looks_like_service (v1_locations));
  g_assert_true (sp_oruk1_looks_like_service (pc_only));
  g_assert_false (sp_oruk1_looks_like_service (bare));
  g_assert_false (sp_oruk1_looks_like_service (v3_with_url));
  g_assert_false (sp_oruk1_looks_like_service (NULL));

  g_assert_true (sp_oruk1_is_page (v1_page));
  g_assert_false (sp_oruk1_is_page (json_node_get_object (bristol_v3_page)));
  g_assert_false (sp_oruk1_is_page (not_a_page));
  g_assert_false (sp_oruk1_is_page (bare));
  g_assert_false (sp_oruk1_is_page (NULL));
}

typedef struct
{
  const char *file;
  guint services;
  guint with_organization;
} RealFeed;

static void
test_real_feeds (void)
{
  const RealFeed feeds[] = {
    { "bristol_council_services_2024-12-18.json", 819, 812 },
    { "north_lincolnshire_council_services_2024-12-18.json", 738, 738 },
  };

  for (gsize f = 0; f < G_N_ELEMENTS (feeds); f++)
    {
      g_autofree char *relative = g_build_filename ("real-world-oruk-v1", feeds[f].file, NULL);
      g_autoptr (JsonNode) root = load_fixture_json (relative);
      JsonArray *services;
      guint warnings = 0;
      guint with_organization = 0;
      guint with_attributes = 0;
      guint n_services;

      g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
      services = json_node_get_array (root);
      n_services = json_array_get_length (services);
      g_assert_cmpuint (n_services, ==, feeds[f].services);

      for (guint i = 0; i < n_services; i++)
        {
          JsonObject *v1 = item (services, i);
          g_autoptr (JsonObject) v3 = NULL;
          g_autoptr (JsonObject) again = NULL;
          g_autoptr (JsonNode) v3_node = NULL;
          g_autoptr (JsonNode) again_node = NULL;
          g_autofree char *v3_text = NULL;
          g_autofree char *again_text = NULL;

          g_assert_true (sp_oruk1_looks_like_service (v1));
          v3 = sp_oruk1_service_to_hsds3 (v1, count_warning, &warnings);
          g_assert_nonnull (v3);
          g_assert_false (sp_oruk1_looks_like_service (v3));

          g_assert_cmpint (json_object_has_member (v3, "id"), ==, json_object_has_member (v1, "id"));
          g_assert_cmpint (json_object_has_member (v3, "name"), ==, json_object_has_member (v1, "name"));
          g_assert_cmpstr (str_member (v3, "id"), ==, str_member (v1, "id"));
          g_assert_cmpstr (str_member (v3, "name"), ==, str_member (v1, "name"));
          g_assert_cmpint (json_object_has_member (v3, "organization"), ==,
                           json_object_has_member (v1, "organization"));
          if (json_object_has_member (v1, "organization"))
            {
              JsonObject *organization = obj_member (v3, "organization");

              with_organization++;
              g_assert_cmpstr (str_member (organization, "id"), ==,
                               str_member (obj_member (v1, "organization"), "id"));
              g_assert_cmpstr (str_member (v3, "organization_id"), ==, str_member (organization, "id"));
              g_assert_cmpstr (str_member (organization, "website"), ==,
                               str_member (obj_member (v1, "organization"), "url"));
            }
          g_assert_cmpstr (str_member (v3, "last_modified"), ==,
                           str_member (obj_member (v1, "pc_metadata"), "date_modified"));

          if (json_object_has_member (v3, "attributes"))
            {
              JsonArray *attributes = json_object_get_array_member (v3, "attributes");

              with_attributes++;
              for (guint a = 0; a < json_array_get_length (attributes); a++)
                {
                  JsonObject *attribute = item (attributes, a);

                  assert_derived_uuid (str_member (attribute, "id"));
                  g_assert_cmpstr (str_member (attribute, "taxonomy_term_id"), ==,
                                   str_member (obj_member (attribute, "taxonomy_term"), "id"));
                }
            }

          /* The same record gives the same result, ids included. */
          again = sp_oruk1_service_to_hsds3 (v1, NULL, NULL);
          v3_node = json_node_init_object (json_node_alloc (), v3);
          again_node = json_node_init_object (json_node_alloc (), again);
          v3_text = json_to_string (v3_node, FALSE);
          again_text = json_to_string (again_node, FALSE);
          g_assert_cmpstr (v3_text, ==, again_text);
        }

      g_test_message ("%s: %u services, %u with an organisation, %u with categories, %u warnings",
                      feeds[f].file, n_services, with_organization, with_attributes, warnings);
      g_assert_cmpuint (with_organization, ==, feeds[f].with_organization);
      /* The list-level v1 fields in these feeds all map cleanly. */
      g_assert_cmpuint (warnings, ==, 0);
    }
}

static void
test_derived_ids (void)
{
  g_autoptr (JsonObject) one = parse_object ("{'id': 'svc-a', 'deliverable_type': 'Assessment',"
                                             " 'attending_access': 'Assessment', 'pc_targetAudience': ['Carers']}");
  g_autoptr (JsonObject) two = parse_object ("{'id': 'svc-b', 'deliverable_type': ' Assessment',"
                                             " 'pc_targetAudience': [{'id': '99', 'audienceType': 'Carers '}]}");
  g_autoptr (JsonObject) anonymous = parse_object ("{'deliverable_type': 'Assessment', 'attending_type': ''}");
  g_autoptr (JsonObject) a = sp_oruk1_service_to_hsds3 (one, NULL, NULL);
  g_autoptr (JsonObject) b = sp_oruk1_service_to_hsds3 (two, NULL, NULL);
  g_autoptr (JsonObject) c = sp_oruk1_service_to_hsds3 (anonymous, NULL, NULL);
  JsonObject *a_deliverable = find_attribute (a, SP_ORUK1_TAXONOMY_DELIVERABLE_TYPE, "Assessment");
  JsonObject *a_access = find_attribute (a, SP_ORUK1_TAXONOMY_ATTENDING_ACCESS, "Assessment");
  JsonObject *a_carers = find_attribute (a, SP_ORUK1_TAXONOMY_TARGET_AUDIENCE, "Carers");
  JsonObject *b_deliverable = find_attribute (b, SP_ORUK1_TAXONOMY_DELIVERABLE_TYPE, "Assessment");
  JsonObject *b_carers = find_attribute (b, SP_ORUK1_TAXONOMY_TARGET_AUDIENCE, "Carers");
  JsonObject *c_deliverable = find_attribute (c, SP_ORUK1_TAXONOMY_DELIVERABLE_TYPE, "Assessment");

  g_assert_nonnull (a_deliverable);
  g_assert_nonnull (a_access);
  g_assert_nonnull (a_carers);
  g_assert_nonnull (b_deliverable);
  g_assert_nonnull (b_carers);
  g_assert_nonnull (c_deliverable);

  /* one term per (taxonomy, value), shared by every service */
  g_assert_cmpstr (str_member (a_deliverable, "taxonomy_term_id"), ==,
                   str_member (b_deliverable, "taxonomy_term_id"));
  g_assert_cmpstr (str_member (a_carers, "taxonomy_term_id"), ==, str_member (b_carers, "taxonomy_term_id"));
  g_assert_cmpstr (str_member (c_deliverable, "taxonomy_term_id"), ==,
                   str_member (a_deliverable, "taxonomy_term_id"));
  g_assert_cmpstr (str_member (a_deliverable, "taxonomy_term_id"), !=,
                   str_member (a_access, "taxonomy_term_id"));
  /* one attribute per service */
  g_assert_cmpstr (str_member (a_deliverable, "id"), !=, str_member (b_deliverable, "id"));
  g_assert_cmpstr (str_member (a_deliverable, "id"), !=, str_member (a_access, "id"));
  assert_derived_uuid (str_member (a_deliverable, "taxonomy_term_id"));
  assert_derived_uuid (str_member (a_deliverable, "id"));
  /* the audience's own id ("99") names the link, not the audience */
  g_assert_cmpstr (str_member (b_carers, "id"), !=, "99");

  /* without a service id an attribute id could clash, so there is none */
  g_assert_false (json_object_has_member (c, "id"));
  g_assert_false (json_object_has_member (c_deliverable, "id"));
  array_member (c, "attributes", 1);
}

typedef struct
{
  const char *json;
  const char *fields[8];
} Confusion;

static void
test_type_confusion (void)
{
  const Confusion cases[] = {
    { "{'id': 't1', 'regular_schedules': 'monday'}", { "regular_schedules" } },
    { "{'id': 't2', 'organization': [1, 2]}", { "organization" } },
    { "{'id': 't3', 'service_taxonomys': [null, 3, {'taxonomy': 'x'}]}",
      { "service_taxonomys[0]", "service_taxonomys[1]", "service_taxonomys[2].taxonomy" } },
    { "{'id': 42, 'name': 7, 'status': 'active'}", { NULL } },
    { "{'id': {'a': 1}, 'name': ['x']}", { "id", "name" } },
    { "{'id': 't6', 'pc_metadata': 'yesterday', 'pc_targetAudience': [true, null, {'audienceType': {}}]}",
      { "pc_metadata", "pc_targetAudience[0]", "pc_targetAudience[1]", "pc_targetAudience[2].audienceType" } },
    { "{'id': 't7', 'service_at_locations': [{'location': 'Church Hall', 'regular_schedules': [1]},"
      " {'location': {'latitude': 'north', 'physical_addresses': {'city': 'Bristol'},"
      "  'accessibility_for_disabilities': [[]]}}]}",
      { "service_at_locations[0].location", "service_at_locations[0].regular_schedules[0]",
        "service_at_locations[1].location.latitude", "service_at_locations[1].location.physical_addresses",
        "service_at_locations[1].location.accessibility_for_disabilities[0]" } },
    { "{'id': 't8', 'contacts': [{'phones': '0117'}], 'languages': [{'language': {'code': 'en'}}],"
      " 'eligibilitys': {'minimum_age': 5}, 'cost_options': [{'amount': true}], 'fundings': [{'source': [1]}],"
      " 'service_areas': [{'service_area': null, 'extent': {}}]}",
      { "contacts[0].phones", "languages[0].language", "eligibilitys", "cost_options[0].amount",
        "fundings[0].source", "service_areas[0].extent" } },
    { "{'id': 't9', 'physical_addresses': [{'address_1': '1 High St'}]}", { "physical_addresses" } },
    { "{'id': 't10', 'deliverable_type': ['Advice'], 'attending_type': 3, 'attending_access': null}",
      { "deliverable_type" } },
    { "{'id': 't11', 'service_taxonomys': [{'id': 'a', 'taxonomy': {'id': 'x', 'name': 'X'}},"
      " {'id': 'a', 'taxonomy': {'id': 'y', 'name': 'Y'}}, {'id': 'b'}]}",
      { "service_taxonomys[1].id", "service_taxonomys[2].taxonomy" } },
    { "{'id': 't12', 'holiday_schedules': [{'closed': 'maybe'}],"
      " 'regular_schedules': [{'interval': 'fortnightly', 'weekday': 'Monday'}]}",
      { "holiday_schedules[0].closed", "regular_schedules[0].interval" } },
    { "{'id': 't13', 'organization': {'id': ['o'], 'name': {'en': 'O'}, 'url': 5}}",
      { "organization.id", "organization.name" } },
    { "{'id': 't14', 'service_at_locations': 'everywhere', 'contacts': [null], 'reviews': 'great',"
      " 'regular_schedules': null, 'pc_targetAudience': {'audienceType': 'Carers'}}",
      { "service_at_locations", "contacts[0]", "pc_targetAudience" } },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (Warnings) w = { 0 };
      g_autoptr (JsonObject) v3 = NULL;

      warnings_init (&w);
      v3 = convert (cases[i].json, &w);
      g_assert_nonnull (v3);
      assert_warned_fields (&w, cases[i].fields);
    }
}

/* Checks a few of the values the confusion cases still carry over. */
static void
test_type_confusion_values (void)
{
  g_auto (Warnings) w = { 0 };
  g_autoptr (JsonObject) numbers = NULL;
  g_autoptr (JsonObject) nameless = NULL;
  g_autoptr (JsonObject) organization = NULL;

  warnings_init (&w);
  numbers = convert ("{'id': 42, 'name': 7, 'attending_type': 3}", &w);
  g_assert_cmpstr (str_member (numbers, "id"), ==, "42");
  g_assert_cmpstr (str_member (numbers, "name"), ==, "7");
  g_assert_nonnull (find_attribute (numbers, SP_ORUK1_TAXONOMY_ATTENDING_TYPE, "3"));

  nameless = convert ("{'id': {'a': 1}, 'name': ['x']}", &w);
  g_assert_false (json_object_has_member (nameless, "id"));
  g_assert_false (json_object_has_member (nameless, "name"));
  /* without a usable id the warnings name no record */
  g_assert_cmpstr (w.records->pdata[w.records->len - 1], ==, "");

  organization = convert ("{'id': 't13', 'organization': {'id': ['o'], 'name': 'O', 'url': 5}}", &w);
  g_assert_false (json_object_has_member (organization, "organization_id"));
  g_assert_cmpstr (str_member (obj_member (organization, "organization"), "website"), ==, "5");
  g_assert_true (warnings_name (&w, "organization.id"));
}

/* Builds [[[…]]] @depth deep without the parser, which has limits of its own. */
static JsonNode *
deep_array (guint depth)
{
  JsonNode *node = json_node_init_string (json_node_alloc (), "bottom");

  for (guint i = 0; i < depth; i++)
    {
      JsonArray *array = json_array_new ();

      json_array_add_element (array, node);
      node = json_node_init_array (json_node_alloc (), array);
      json_array_unref (array);
    }
  return node;
}

static void
test_hostile (void)
{
  static const char * const keys[] = {
    "id", "name", "organization", "regular_schedules", "holiday_schedules", "service_taxonomys",
    "eligibilitys", "languages", "contacts", "cost_options", "service_areas", "fundings",
    "service_at_locations", "pc_metadata", "pc_targetAudience", "deliverable_type",
    "physical_addresses", "phones"
  };
  g_autoptr (JsonObject) deep = json_object_new ();
  g_autoptr (JsonObject) wide = json_object_new ();
  g_autoptr (JsonObject) nested = parse_object ("{'id': 'n', 'service_at_locations': [{'location': {"
                                                " 'physical_addresses': [[{'city': 'x'}], {'city': {}}],"
                                                " 'regular_schedules': [{'weekday': [[['Monday']]]}]},"
                                                " 'holiday_schedules': [{'closed': {'closed': true}}]}],"
                                                " 'contacts': [{'phones': [[], {'number': [1]}]}]}");
  g_autoptr (JsonObject) v3_deep = NULL;
  g_autoptr (JsonObject) v3_wide = NULL;
  g_autoptr (JsonObject) v3_nested = NULL;
  g_autoptr (JsonObject) v3_quiet = NULL;
  JsonArray *many = json_array_new ();
  guint warnings = 0;

  /* every known member a deep tangle of lists */
  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    json_object_set_member (deep, keys[i], deep_array (2000));
  v3_deep = sp_oruk1_service_to_hsds3 (deep, count_warning, &warnings);
  g_assert_nonnull (v3_deep);
  g_assert_cmpuint (warnings, ==, G_N_ELEMENTS (keys));

  /* a long list of nothing */
  for (guint i = 0; i < 100000; i++)
    json_array_add_null_element (many);
  json_object_set_string_member (wide, "id", "wide");
  json_object_set_array_member (wide, "languages", many);
  warnings = 0;
  v3_wide = sp_oruk1_service_to_hsds3 (wide, count_warning, &warnings);
  g_assert_cmpuint (warnings, ==, 100000);
  g_assert_false (json_object_has_member (v3_wide, "languages"));

  warnings = 0;
  v3_nested = sp_oruk1_service_to_hsds3 (nested, count_warning, &warnings);
  g_assert_cmpuint (warnings, ==, 6);
  v3_quiet = sp_oruk1_service_to_hsds3 (nested, NULL, NULL);
  g_assert_nonnull (v3_quiet);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/signpost/oruk1/full-service", test_full_service);
  g_test_add_func ("/signpost/oruk1/weekday", test_weekday);
  g_test_add_func ("/signpost/oruk1/holiday", test_holiday);
  g_test_add_func ("/signpost/oruk1/eligibility", test_eligibility);
  g_test_add_func ("/signpost/oruk1/detect", test_detect);
  g_test_add_func ("/signpost/oruk1/real-feeds", test_real_feeds);
  g_test_add_func ("/signpost/oruk1/derived-ids", test_derived_ids);
  g_test_add_func ("/signpost/oruk1/type-confusion", test_type_confusion);
  g_test_add_func ("/signpost/oruk1/type-confusion-values", test_type_confusion_values);
  g_test_add_func ("/signpost/oruk1/hostile", test_hostile);
  return g_test_run ();
}
