/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-hub.c: signpost-hub's Open Referral UK 3.0 API, over loopback HTTP to the real binary.
 *
 * Every answer is validated against the ORUK validator's schemas and DOMAIN.md's checklist
 * (tests/oruk-api-validate.py); filters are compared with counts worked out here from the
 * sample directory's own JSON, not from the store.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sp-test-hub.h"
#include "sp-test-util.h"

#define SAMPLE_SERVICES 158
#define MEMORY_MATTERS "f781c303-fe4e-58ba-9d62-abc6f61021ac"
#define MEMORY_CATEGORY "e566e25c-16e0-576c-bfbe-092d816319a6"
#define NO_SUCH_ID "0badf00d-0000-4000-8000-00000000dead"

typedef SpTestHubFixture Fixture;

/* The sample directory's services, read from its JSON: what the filters are checked against. */
static JsonArray *
sample_services (void)
{
  static JsonParser *parser;

  if (parser == NULL)
    {
      g_autofree char *path = sp_test_source_path ("data", "sample-directory.json", NULL);
      g_autoptr (GError) error = NULL;

      parser = json_parser_new ();
      json_parser_load_from_file (parser, path, &error);
      g_assert_no_error (error);
    }
  return json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "contents");
}

static gint64
member_int (JsonObject *object,
            const char *name,
            gint64      otherwise)
{
  return json_object_has_member (object, name) ? json_object_get_int_member (object, name) : otherwise;
}

static JsonObject *
page_of (JsonNode *node)
{
  return json_node_get_object (node);
}

static gint64
total_items (Fixture    *f,
             const char *query)
{
  g_autofree char *path = g_strconcat ("/services?per_page=1&", query, NULL);
  g_autoptr (JsonNode) page = sp_test_hub_get_json (f, path, 200);

  sp_test_oruk_validate (f, "service_list:1", page);
  return json_object_get_int_member (page_of (page), "total_items");
}

/* GET / is exactly {version, profile, openapi_url}, and openapi_url is our document. */
static void
test_root (Fixture      *f,
           gconstpointer data)
{
  g_autoptr (JsonNode) root = sp_test_hub_get_json (f, "/", 200);
  JsonObject *details = json_node_get_object (root);
  g_autoptr (GUri) openapi_url = g_uri_parse (json_object_get_string_member (details, "openapi_url"), G_URI_FLAGS_NONE, NULL);
  g_autoptr (JsonNode) openapi = NULL;
  JsonObject *paths;
  const char *endpoints[] = { "/", "/services", "/services/{id}", "/taxonomies", "/taxonomies/{id}", "/taxonomy_terms",
                              "/taxonomy_terms/{id}", "/organizations", "/organizations/{id}", "/service_at_locations",
                              "/service_at_locations/{id}", "/sync" };

  g_assert_cmpuint (json_object_get_size (details), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (details, "version"), ==, "HSDS-UK-3.0");
  sp_test_oruk_validate (f, "api_details", root);
  sp_test_oruk_check (f);

  /* Where it says: this hub (no Host header taken on trust), serving OpenAPI 3. */
  g_assert_nonnull (openapi_url);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (details, "openapi_url"), f->hub->url));
  openapi = sp_test_hub_get_json (f, g_uri_get_path (openapi_url), 200);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (json_node_get_object (openapi), "openapi"), "3."));
  paths = json_object_get_object_member (json_node_get_object (openapi), "paths");
  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    if (!json_object_has_member (paths, endpoints[i]))
      g_error ("The OpenAPI document does not describe %s", endpoints[i]);
}

/* Every page of /services, at two page sizes: the pagination arithmetic holds, every service
 * comes exactly once, and past the last page is an empty page. */
static void
test_services_pages (Fixture      *f,
                     gconstpointer data)
{
  const guint sizes[] = { 50, 7 };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      guint pages = (SAMPLE_SERVICES + sizes[s] - 1) / sizes[s];
      g_autofree char *kind = g_strdup_printf ("service_list:%u", sizes[s]);

      for (guint page = 1; page <= pages + 1; page++)
        {
          g_autofree char *path = g_strdup_printf ("/services?page=%u&per_page=%u", page, sizes[s]);
          g_autoptr (JsonNode) node = sp_test_hub_get_json (f, path, 200);
          JsonObject *object = page_of (node);
          JsonArray *contents = json_object_get_array_member (object, "contents");

          g_assert_cmpint (json_object_get_int_member (object, "total_items"), ==, SAMPLE_SERVICES);
          g_assert_cmpint (json_object_get_int_member (object, "total_pages"), ==, pages);
          g_assert_cmpint (json_object_get_int_member (object, "page_number"), ==, page);
          g_assert_cmpint (json_object_get_int_member (object, "size"), ==, json_array_get_length (contents));
          g_assert_true (json_object_get_boolean_member (object, "empty") == (page > pages));
          for (guint i = 0; i < json_array_get_length (contents); i++)
            {
              const char *id = json_object_get_string_member (json_array_get_object_element (contents, i), "id");
              g_assert_true (g_hash_table_add (seen, g_strdup (id)));
            }
          sp_test_oruk_validate (f, kind, node);
        }
      g_assert_cmpuint (g_hash_table_size (seen), ==, SAMPLE_SERVICES);
    }
  sp_test_oruk_check (f);
}

/* GET /services/{id} is the whole service, for every service of the directory. */
static void
test_service_by_id (Fixture      *f,
                    gconstpointer data)
{
  JsonArray *services = sample_services ();

  for (guint i = 0; i < json_array_get_length (services); i++)
    {
      const char *id = json_object_get_string_member (json_array_get_object_element (services, i), "id");
      g_autofree char *path = g_strconcat ("/services/", id, NULL);
      g_autoptr (JsonNode) service = sp_test_hub_get_json (f, path, 200);

      g_assert_cmpstr (json_object_get_string_member (json_node_get_object (service), "id"), ==, id);
      sp_test_oruk_validate (f, "service", service);
    }
  {
    g_autoptr (JsonNode) full = sp_test_hub_get_json (f, "/services/" MEMORY_MATTERS, 200);
    JsonObject *object = json_node_get_object (full);
    /* Fully nested: its places, schedules and phones are in it. */
    g_assert_true (json_object_has_member (object, "service_at_locations"));
    g_assert_true (json_object_has_member (object, "schedules"));
    g_assert_true (json_object_has_member (object, "phones"));
  }
  sp_test_oruk_check (f);
}

/* The optional endpoints: organisations, taxonomies, terms, services at locations, each
 * list and each record, and full lists. */
static void
test_other_endpoints (Fixture      *f,
                      gconstpointer data)
{
  static const struct
  {
    const char *list;
    const char *kind;
    const char *one_kind;
  } endpoints[] = {
    { "/organizations", "organization_list", "organization" },
    { "/taxonomies", "taxonomy_list", "taxonomy" },
    { "/taxonomy_terms", "taxonomy_term_list", "taxonomy_term" },
    { "/service_at_locations", "service_at_location_list", "service_at_location" },
  };

  for (guint e = 0; e < G_N_ELEMENTS (endpoints); e++)
    {
      g_autofree char *list_path = g_strconcat (endpoints[e].list, "?per_page=500", NULL);
      g_autofree char *full_path = g_strconcat (endpoints[e].list, "?per_page=5&full=true", NULL);
      g_autoptr (JsonNode) list = sp_test_hub_get_json (f, list_path, 200);
      JsonArray *contents = json_object_get_array_member (page_of (list), "contents");
      g_autofree char *kind = g_strdup_printf ("%s:500", endpoints[e].kind);
      g_autofree char *missing = g_strconcat (endpoints[e].list, "/", NO_SUCH_ID, NULL);
      g_autoptr (JsonNode) not_found = sp_test_hub_get_json (f, missing, 404);

      sp_test_oruk_validate (f, kind, list);
      sp_test_oruk_validate (f, "error", not_found);
      if (!g_str_equal (endpoints[e].list, "/taxonomies"))
        g_assert_cmpuint (json_array_get_length (contents), >, 0);
      for (guint i = 0; i < MIN (json_array_get_length (contents), 12); i++)
        {
          const char *id = json_object_get_string_member (json_array_get_object_element (contents, i), "id");
          g_autofree char *path = g_strconcat (endpoints[e].list, "/", id, NULL);
          g_autoptr (JsonNode) one = sp_test_hub_get_json (f, path, 200);

          sp_test_oruk_validate (f, endpoints[e].one_kind, one);
        }
      if (!g_str_equal (endpoints[e].list, "/taxonomies") && !g_str_equal (endpoints[e].list, "/taxonomy_terms"))
        {
          g_autoptr (JsonNode) full = sp_test_hub_get_json (f, full_path, 200);
          g_autofree char *full_kind = g_strdup_printf ("%s:5", endpoints[e].kind);
          sp_test_oruk_validate (f, full_kind, full);
        }
    }
  sp_test_oruk_check (f);

  /* An organisation's record lists its services. */
  {
    g_autoptr (JsonNode) service = sp_test_hub_get_json (f, "/services/" MEMORY_MATTERS, 200);
    const char *organization_id = json_object_get_string_member (json_node_get_object (service), "organization_id");
    g_autofree char *path = g_strconcat ("/organizations/", organization_id, NULL);
    g_autoptr (JsonNode) organization = sp_test_hub_get_json (f, path, 200);
    JsonArray *services = json_object_get_array_member (json_node_get_object (organization), "services");
    gboolean found = FALSE;

    for (guint i = 0; i < json_array_get_length (services); i++)
      found |= g_str_equal (json_object_get_string_member (json_array_get_object_element (services, i), "id"),
                            MEMORY_MATTERS);
    g_assert_true (found);
  }
}

/* /taxonomy_terms: top_only, parent_id and taxonomy_id select what they say. */
static void
test_taxonomy_terms (Fixture      *f,
                     gconstpointer data)
{
  g_autoptr (JsonNode) all = sp_test_hub_get_json (f, "/taxonomy_terms?per_page=500", 200);
  g_autoptr (JsonNode) top = sp_test_hub_get_json (f, "/taxonomy_terms?per_page=500&top_only=true", 200);
  g_autoptr (JsonNode) under = sp_test_hub_get_json (f, "/taxonomy_terms?per_page=500&parent_id=" MEMORY_CATEGORY, 200);
  g_autoptr (JsonNode) none = sp_test_hub_get_json (f, "/taxonomy_terms?taxonomy_id=" NO_SUCH_ID, 200);
  JsonArray *terms = json_object_get_array_member (page_of (all), "contents");
  guint n_top = 0, n_under = 0;

  for (guint i = 0; i < json_array_get_length (terms); i++)
    {
      JsonObject *term = json_array_get_object_element (terms, i);
      const char *parent = json_object_get_string_member_with_default (term, "parent_id", NULL);
      n_top += parent == NULL;
      n_under += g_strcmp0 (parent, MEMORY_CATEGORY) == 0;
    }
  g_assert_cmpuint (n_top, >, 0);
  g_assert_cmpuint (n_under, >, 0);
  g_assert_cmpint (json_object_get_int_member (page_of (top), "total_items"), ==, n_top);
  g_assert_cmpint (json_object_get_int_member (page_of (under), "total_items"), ==, n_under);
  g_assert_cmpint (json_object_get_int_member (page_of (none), "total_items"), ==, 0);
  sp_test_oruk_validate (f, "taxonomy_term_list:500", top);
  sp_test_oruk_validate (f, "taxonomy_term_list:500", under);
  sp_test_oruk_validate (f, "taxonomy_term_list:50", none);
  sp_test_oruk_check (f);
}

/* ---- filters, against counts worked out from the sample's JSON ------------------------------- */

typedef struct
{
  const char *term;           /* with the terms under it */
  const char *organization;
  int minimum_age;
  int maximum_age;
  const char *day;            /* "TU" */
  const char *opens_from;     /* "HH:MM" */
  const char *closes_by;
  const char *modified_after; /* ISO 8601, Z */
  gboolean near;              /* within NEAR_METRES of NEAR_POINT */
} Expect;

#define NEAR_POSTCODE "WV6%208RW"
#define NEAR_LATITUDE 52.5992    /* Tettenhall Library, the one place with WV6 8RW */
#define NEAR_LONGITUDE -2.1668
#define NEAR_METRES 4000.0

static gboolean
term_is_under (GHashTable *parents,
               const char *term,
               const char *ancestor)
{
  for (guint depth = 0; term != NULL && depth < 16; depth++, term = g_hash_table_lookup (parents, term))
    if (g_str_equal (term, ancestor))
      return TRUE;
  return FALSE;
}

static double
metres_between (double lat1, double lon1, double lat2, double lon2)
{
  double rad = G_PI / 180, dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
  double a = pow (sin (dlat / 2), 2) + cos (lat1 * rad) * cos (lat2 * rad) * pow (sin (dlon / 2), 2);
  return 2 * 6371008.8 * asin (sqrt (a));
}

static gboolean
meets (JsonObject   *service,
       const Expect *e,
       const char   *today)
{
  JsonArray *schedules = json_object_has_member (service, "schedules") ? json_object_get_array_member (service, "schedules") : NULL;

  for (guint i = 0; schedules != NULL && i < json_array_get_length (schedules); i++)
    {
      JsonObject *s = json_array_get_object_element (schedules, i);
      const char *byday = json_object_get_string_member_with_default (s, "byday", "");
      const char *freq = json_object_get_string_member_with_default (s, "freq", "");
      const char *opens = json_object_get_string_member_with_default (s, "opens_at", NULL);
      const char *closes = json_object_get_string_member_with_default (s, "closes_at", NULL);
      const char *valid_to = json_object_get_string_member_with_default (s, "valid_to", NULL);
      g_auto (GStrv) days = g_strsplit (byday, ",", -1);
      gboolean on_day = e->day == NULL || g_str_equal (freq, "DAILY");

      if (valid_to != NULL && strcmp (valid_to, today) < 0)
        continue;
      for (guint d = 0; days[d] != NULL && !on_day; d++)
        on_day = g_str_has_suffix (g_strstrip (days[d]), e->day);
      if (on_day && (e->opens_from == NULL || (opens != NULL && strncmp (opens, e->opens_from, 5) >= 0)) &&
          (e->closes_by == NULL || (closes != NULL && strncmp (closes, e->closes_by, 5) <= 0)))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_near (JsonObject *service)
{
  JsonArray *places = json_object_has_member (service, "service_at_locations")
                      ? json_object_get_array_member (service, "service_at_locations") : NULL;

  for (guint i = 0; places != NULL && i < json_array_get_length (places); i++)
    {
      JsonObject *location = json_object_get_object_member (json_array_get_object_element (places, i), "location");
      if (json_object_has_member (location, "latitude") &&
          metres_between (NEAR_LATITUDE, NEAR_LONGITUDE, json_object_get_double_member (location, "latitude"),
                          json_object_get_double_member (location, "longitude")) <= NEAR_METRES)
        return TRUE;
    }
  return FALSE;
}

static gint64
expected_count (const Expect *e)
{
  JsonArray *services = sample_services ();
  g_autoptr (GHashTable) parents = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  gint64 n = 0;

  for (guint i = 0; i < json_array_get_length (services); i++)
    {
      JsonObject *service = json_array_get_object_element (services, i);
      JsonArray *attributes = json_object_has_member (service, "attributes") ? json_object_get_array_member (service, "attributes") : NULL;
      for (guint a = 0; attributes != NULL && a < json_array_get_length (attributes); a++)
        {
          JsonObject *term = json_object_get_object_member (json_array_get_object_element (attributes, a), "taxonomy_term");
          if (json_object_has_member (term, "parent_id"))
            g_hash_table_insert (parents, (gpointer) json_object_get_string_member (term, "id"),
                                 (gpointer) json_object_get_string_member (term, "parent_id"));
        }
    }
  for (guint i = 0; i < json_array_get_length (services); i++)
    {
      JsonObject *service = json_array_get_object_element (services, i);
      JsonArray *attributes = json_object_has_member (service, "attributes") ? json_object_get_array_member (service, "attributes") : NULL;
      gboolean in_term = e->term == NULL;

      for (guint a = 0; attributes != NULL && a < json_array_get_length (attributes) && !in_term; a++)
        in_term = term_is_under (parents, json_object_get_string_member (json_array_get_object_element (attributes, a),
                                                                         "taxonomy_term_id"), e->term);
      if (!in_term)
        continue;
      if (e->organization != NULL && g_strcmp0 (json_object_get_string_member_with_default (service, "organization_id", NULL),
                                                e->organization) != 0)
        continue;
      if (e->minimum_age >= 0 && member_int (service, "minimum_age", 0) < e->minimum_age)
        continue;
      if (e->maximum_age >= 0 && member_int (service, "maximum_age", G_MAXINT) > e->maximum_age)
        continue;
      if ((e->day != NULL || e->opens_from != NULL || e->closes_by != NULL) && !meets (service, e, today))
        continue;
      if (e->modified_after != NULL && strcmp (json_object_get_string_member (service, "last_modified"), e->modified_after) < 0)
        continue;
      if (e->near && !is_near (service))
        continue;
      n++;
    }
  return n;
}

/* Expects nothing but what the caller sets. */
static Expect
expect_all (void)
{
  return (Expect) { NULL, NULL, -1, -1, NULL, NULL, NULL, NULL, FALSE };
}

/* Each filter alone, and together, selects what the sample's JSON says it should: filters
 * AND together. */
static void
test_filters_and (Fixture      *f,
                  gconstpointer data)
{
  g_autoptr (JsonNode) service = sp_test_hub_get_json (f, "/services/" MEMORY_MATTERS, 200);
  const char *organization = json_object_get_string_member (json_node_get_object (service), "organization_id");
  g_autofree char *by_organization = g_strconcat ("organization_id=", organization, NULL);
  g_autofree char *by_organization_and_day = g_strconcat (by_organization, "&day=friday", NULL);
  Expect e;
  gint64 memory, tuesday, morning, old, near, over_55, under_26, both;

  e = expect_all ();
  e.term = MEMORY_CATEGORY;
  g_assert_cmpint ((memory = total_items (f, "taxonomy_term_id=" MEMORY_CATEGORY)), ==, expected_count (&e));
  e = expect_all ();
  e.day = "TU";
  g_assert_cmpint ((tuesday = total_items (f, "day=tuesday")), ==, expected_count (&e));
  g_assert_cmpint (total_items (f, "day=TU"), ==, tuesday);
  e = expect_all ();
  e.opens_from = "09:00";
  e.closes_by = "12:30";
  g_assert_cmpint ((morning = total_items (f, "start_time=09:00&end_time=12:30")), ==, expected_count (&e));
  e = expect_all ();
  e.modified_after = "2026-06-01T00:00:00Z";
  g_assert_cmpint ((old = total_items (f, "modified_after=2026-06-01")), ==, expected_count (&e));
  g_assert_cmpint (total_items (f, "modified_after=2026-06-01T01:00:00%2B01:00"), ==, old);
  e = expect_all ();
  e.near = TRUE;
  g_assert_cmpint ((near = total_items (f, "postcode=" NEAR_POSTCODE "&proximity=4000")), ==, expected_count (&e));
  e = expect_all ();
  e.minimum_age = 55;
  g_assert_cmpint ((over_55 = total_items (f, "minimum_age=55")), ==, expected_count (&e));
  e = expect_all ();
  e.maximum_age = 26;
  g_assert_cmpint ((under_26 = total_items (f, "maximum_age=26")), ==, expected_count (&e));
  e = expect_all ();
  e.organization = organization;
  g_assert_cmpint (total_items (f, by_organization), ==, expected_count (&e));

  /* Each narrows, none is everything: the comparisons below say something. */
  g_assert_cmpint (memory, >, 0);
  g_assert_cmpint (memory, <, SAMPLE_SERVICES);
  g_assert_cmpint (tuesday, >, 0);
  g_assert_cmpint (near, >, 0);
  g_assert_cmpint (near, <, SAMPLE_SERVICES);
  g_assert_cmpint (over_55, >, 0);
  g_assert_cmpint (under_26, >, 0);

  e = expect_all ();
  e.term = MEMORY_CATEGORY;
  e.day = "TU";
  both = total_items (f, "taxonomy_term_id=" MEMORY_CATEGORY "&day=tuesday");
  g_assert_cmpint (both, ==, expected_count (&e));
  g_assert_cmpint (both, <, MIN (memory, tuesday));
  e = expect_all ();
  e.term = MEMORY_CATEGORY;
  e.near = TRUE;
  e.modified_after = "2026-06-01T00:00:00Z";
  g_assert_cmpint (total_items (f, "taxonomy_term_id=" MEMORY_CATEGORY "&postcode=" NEAR_POSTCODE
                                   "&proximity=4000&modified_after=2026-06-01"), ==, expected_count (&e));
  e = expect_all ();
  e.minimum_age = 55;
  e.day = "TU";
  e.opens_from = "09:00";
  e.closes_by = "12:30";
  g_assert_cmpint (total_items (f, "minimum_age=55&day=tuesday&start_time=09:00&end_time=12:30"), ==, expected_count (&e));
  e = expect_all ();
  e.organization = organization;
  e.day = "FR";
  g_assert_cmpint (total_items (f, by_organization_and_day), ==, expected_count (&e));

  /* A search, ANDed: exactly its matches that pass the filter. */
  {
    g_autoptr (JsonNode) matches = sp_test_hub_get_json (f, "/services?search=memory&per_page=500", 200);
    g_autoptr (JsonNode) tuesday_matches = sp_test_hub_get_json (f, "/services?search=memory&day=tuesday&per_page=500", 200);
    g_autoptr (JsonNode) tuesdays = sp_test_hub_get_json (f, "/services?day=tuesday&per_page=500", 200);
    g_autoptr (GHashTable) on_tuesday = g_hash_table_new (g_str_hash, g_str_equal);
    JsonArray *all = json_object_get_array_member (page_of (matches), "contents");
    JsonArray *some = json_object_get_array_member (page_of (tuesday_matches), "contents");
    JsonArray *days = json_object_get_array_member (page_of (tuesdays), "contents");
    guint expected = 0, next = 0;

    for (guint i = 0; i < json_array_get_length (days); i++)
      g_hash_table_add (on_tuesday, (gpointer) json_object_get_string_member (json_array_get_object_element (days, i), "id"));
    /* In the search's order, best first. */
    for (guint i = 0; i < json_array_get_length (all); i++)
      {
        const char *id = json_object_get_string_member (json_array_get_object_element (all, i), "id");
        if (!g_hash_table_contains (on_tuesday, id))
          continue;
        expected++;
        g_assert_cmpuint (next, <, json_array_get_length (some));
        g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (some, next++), "id"), ==, id);
      }
    g_assert_cmpuint (expected, >, 0);
    g_assert_cmpint (json_object_get_int_member (page_of (tuesday_matches), "total_items"), ==, expected);
    g_assert_cmpint (json_array_get_length (all), <, SAMPLE_SERVICES);
    sp_test_oruk_validate (f, "service_list:500", matches);
    sp_test_oruk_validate (f, "service_list:500", tuesday_matches);
  }
  sp_test_oruk_check (f);
}

/* A search's pages, read at any size, are the slices of its one long list, with its total;
 * a change to the directory shows in the next search at once (its matches are kept
 * between pages only until the store changes). */
static void
test_search_pages (Fixture      *f,
                   gconstpointer data)
{
  const guint sizes[] = { 7, 50 };
  g_autoptr (JsonNode) all = sp_test_hub_get_json (f, "/services?search=memory%20cafe&per_page=500", 200);
  JsonArray *every = json_object_get_array_member (page_of (all), "contents");
  gint64 total = json_object_get_int_member (page_of (all), "total_items");
  g_autoptr (JsonNode) before = NULL, after = NULL;
  JsonArray *found;

  g_assert_cmpint (total, >, 7);
  g_assert_cmpint (total, ==, json_array_get_length (every));
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      guint pages = (total + sizes[s] - 1) / sizes[s], next = 0;
      g_autofree char *kind = g_strdup_printf ("service_list:%u", sizes[s]);

      for (guint page = 1; page <= pages + 1; page++)
        {
          g_autofree char *path = g_strdup_printf ("/services?search=memory%%20cafe&page=%u&per_page=%u", page, sizes[s]);
          g_autoptr (JsonNode) node = sp_test_hub_get_json (f, path, 200);
          JsonArray *contents = json_object_get_array_member (page_of (node), "contents");

          g_assert_cmpint (json_object_get_int_member (page_of (node), "total_items"), ==, total);
          g_assert_cmpint (json_object_get_int_member (page_of (node), "total_pages"), ==, pages);
          g_assert_true (json_object_get_boolean_member (page_of (node), "empty") == (page > pages));
          for (guint i = 0; i < json_array_get_length (contents); i++)
            g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (contents, i), "id"), ==,
                             json_object_get_string_member (json_array_get_object_element (every, next++), "id"));
          sp_test_oruk_validate (f, kind, node);
        }
      g_assert_cmpuint (next, ==, total);
    }

  before = sp_test_hub_get_json (f, "/services?search=quixotic&per_page=1", 200);
  g_assert_cmpint (json_object_get_int_member (page_of (before), "total_items"), ==, 0);
  sp_test_hub_import (f, "{\"id\": \"" MEMORY_MATTERS "\", \"name\": \"Quixotic Memory Matters\", \"status\": \"active\"}");
  after = sp_test_hub_get_json (f, "/services?search=quixotic&per_page=2", 200);
  found = json_object_get_array_member (page_of (after), "contents");
  g_assert_cmpint (json_object_get_int_member (page_of (after), "total_items"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (found, 0), "id"), ==, MEMORY_MATTERS);
  sp_test_oruk_validate (f, "service_list:2", after);
  sp_test_oruk_check (f);
}

/* A postcode the directory has no address for, and filters that match nothing. */
static void
test_filters_find_nothing (Fixture      *f,
                           gconstpointer data)
{
  g_autoptr (JsonNode) unknown = sp_test_hub_get_json (f, "/services?postcode=ZZ99%209ZZ&proximity=1000", 400);
  g_autoptr (JsonNode) nobody = sp_test_hub_get_json (f, "/services?organization_id=" NO_SUCH_ID, 200);

  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (unknown), "parameter"), ==, "postcode");
  g_assert_cmpint (json_object_get_int_member (page_of (nobody), "total_items"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (page_of (nobody), "total_pages"), ==, 0);
  g_assert_true (json_object_get_boolean_member (page_of (nobody), "empty"));
  g_assert_true (json_object_get_boolean_member (page_of (nobody), "last_page"));
  sp_test_oruk_validate (f, "service_list:50", nobody);
  sp_test_oruk_validate (f, "error", unknown);
  sp_test_oruk_check (f);
}

/* Whatever a client gets wrong is a 400 naming the parameter, with a JSON body. */
static void
test_bad_parameters (Fixture      *f,
                     gconstpointer data)
{
  static const struct
  {
    const char *query;
    const char *parameter;
  } cases[] = {
    { "/services?colour=blue", "colour" },
    { "/services?per-page=5", "per-page" },
    { "/services?page=0", "page" },
    { "/services?page=two", "page" },
    { "/services?per_page=501", "per_page" },
    { "/services?per_page=-3", "per_page" },
    { "/services?page=1&page=2", "page" },
    { "/services?format=xml", "format" },
    { "/services?full=maybe", "full" },
    { "/services?minimal=true&full=true", "minimal" },
    { "/services?taxonomy_term_id=memory", "taxonomy_term_id" },
    { "/services?organization_id=1%27%20OR%201=1", "organization_id" },
    { "/services?modified_after=last%20week", "modified_after" },
    { "/services?modified_after=2026-13-45", "modified_after" },
    { "/services?minimum_age=-1", "minimum_age" },
    { "/services?maximum_age=200", "maximum_age" },
    { "/services?day=funday", "day" },
    { "/services?start_time=25:00", "start_time" },
    { "/services?end_time=noon", "end_time" },
    { "/services?postcode=WV6", "proximity" },
    { "/services?proximity=500", "postcode" },
    { "/services?postcode=WV6&proximity=far", "proximity" },
    { "/services?search=%FF%FE", "search" },
    { "/taxonomy_terms?top_only=yes%20please", "top_only" },
    { "/taxonomy_terms?parent_id=top", "parent_id" },
    { "/organizations?taxonomy_id=" MEMORY_CATEGORY, "taxonomy_id" },
    { "/services/" MEMORY_MATTERS "?full=true", "full" },
    { "/sync?since=-1", "since" },
    { "/sync?since=1&token=not%20hex", "token" },
    { "/find?search=memory", "search" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (JsonNode) answer = sp_test_hub_get_json (f, cases[i].query, 400);
      JsonObject *error = json_node_get_object (answer);

      if (g_strcmp0 (json_object_get_string_member_with_default (error, "parameter", NULL), cases[i].parameter) != 0)
        g_error ("%s: the 400 names %s, not %s", cases[i].query,
                 json_object_get_string_member_with_default (error, "parameter", "nothing"), cases[i].parameter);
      g_assert_nonnull (strstr (json_object_get_string_member (error, "message"), cases[i].parameter));
      sp_test_oruk_validate (f, "error", answer);
    }
  sp_test_oruk_check (f);
}

/* Unknown ids and paths are 404 with a JSON body. */
static void
test_not_found (Fixture      *f,
                gconstpointer data)
{
  const char *paths[] = {
    "/services/" NO_SUCH_ID, "/services/not-an-id", "/organizations/" NO_SUCH_ID, "/taxonomies/" NO_SUCH_ID,
    "/taxonomy_terms/" NO_SUCH_ID, "/service_at_locations/" NO_SUCH_ID, "/nothing-here", "/services/",
    "/services/" MEMORY_MATTERS "/extra", "/static/../../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd",
  };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr (JsonNode) answer = sp_test_hub_get_json (f, paths[i], 404);
      sp_test_oruk_validate (f, "error", answer);
    }
  sp_test_oruk_check (f);
}

/* CORS: every answer allows any origin (sp_test_hub_get() checks), and a preflight is
 * answered. */
static void
test_cors_preflight (Fixture      *f,
                     gconstpointer data)
{
  g_autofree char *url = g_strconcat (f->hub->url, "/services", NULL);
  g_autoptr (SoupMessage) message = soup_message_new (SOUP_METHOD_OPTIONS, url);
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;
  SoupMessageHeaders *headers;

  soup_message_headers_replace (soup_message_get_request_headers (message), "Origin", "https://example.org");
  soup_message_headers_replace (soup_message_get_request_headers (message), "Access-Control-Request-Method", "GET");
  body = soup_session_send_and_read (f->session, message, NULL, &error);
  g_assert_no_error (error);
  headers = soup_message_get_response_headers (message);
  g_assert_cmpuint (soup_message_get_status (message), ==, 204);
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Access-Control-Allow-Origin"), ==, "*");
  g_assert_nonnull (strstr (soup_message_headers_get_one (headers, "Access-Control-Allow-Methods"), "GET"));
  g_assert_nonnull (soup_message_headers_get_one (headers, "Access-Control-Allow-Headers"));
}

/* ETag and Cache-Control: a repeated read with If-None-Match is a 304 without a body; a
 * change to the directory changes the ETag and the answer (nothing stale is kept). */
static void
test_etag_and_changes (Fixture      *f,
                       gconstpointer data)
{
  g_autoptr (SpTestResponse) first = sp_test_hub_get (f, "/services/" MEMORY_MATTERS, NULL);
  g_autoptr (SpTestResponse) again = NULL;
  g_autoptr (SpTestResponse) changed = NULL;
  g_autoptr (SpTestResponse) page = NULL, page_again = NULL;
  g_autofree char *etag = g_strdup (sp_test_response_header (first, "ETag"));
  g_autofree char *text = NULL;

  g_assert_cmpuint (first->status, ==, 200);
  g_assert_nonnull (etag);
  g_assert_true (g_str_has_prefix (sp_test_response_header (first, "Cache-Control"), "public, max-age="));
  again = sp_test_hub_get (f, "/services/" MEMORY_MATTERS, "If-None-Match", etag, NULL);
  g_assert_cmpuint (again->status, ==, 304);
  g_assert_cmpuint (g_bytes_get_size (again->body), ==, 0);
  g_assert_cmpstr (sp_test_response_header (again, "ETag"), ==, etag);

  /* Pages have ETags too, the same until the store changes. */
  page = sp_test_hub_get (f, "/services?page=2", NULL);
  page_again = sp_test_hub_get (f, "/services?page=2", "If-None-Match", sp_test_response_header (page, "ETag"), NULL);
  g_assert_cmpuint (page_again->status, ==, 304);

  sp_test_hub_import (f, "{\"id\": \"" MEMORY_MATTERS "\", \"name\": \"Memory Matters, renamed\", \"status\": \"active\"}");
  changed = sp_test_hub_get (f, "/services/" MEMORY_MATTERS, "If-None-Match", etag, NULL);
  g_assert_cmpuint (changed->status, ==, 200);
  g_assert_cmpstr (sp_test_response_header (changed, "ETag"), !=, etag);
  text = sp_test_response_text (changed);
  g_assert_nonnull (strstr (text, "Memory Matters, renamed"));
}

/* gzip when the client takes it, the same bytes uncompressed, and Vary says so. */
static void
test_gzip (Fixture      *f,
           gconstpointer data)
{
  g_autoptr (SpTestResponse) plain = sp_test_hub_get (f, "/services?per_page=20", NULL);
  g_autoptr (SpTestResponse) zipped = sp_test_hub_get (f, "/services?per_page=20", "Accept-Encoding", "gzip, deflate", NULL);
  g_autoptr (SpTestResponse) refused = sp_test_hub_get (f, "/services?per_page=20", "Accept-Encoding", "gzip;q=0", NULL);
  g_autoptr (GZlibDecompressor) decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr (GInputStream) in = g_memory_input_stream_new_from_bytes (zipped->body);
  g_autoptr (GInputStream) unzip = g_converter_input_stream_new (in, G_CONVERTER (decompressor));
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (GBytes) unzipped = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_null (sp_test_response_header (plain, "Content-Encoding"));
  g_assert_null (sp_test_response_header (refused, "Content-Encoding"));
  g_assert_cmpstr (sp_test_response_header (zipped, "Content-Encoding"), ==, "gzip");
  g_assert_nonnull (strstr (sp_test_response_header (zipped, "Vary"), "Accept-Encoding"));
  g_assert_nonnull (strstr (sp_test_response_header (plain, "Vary"), "Accept-Encoding"));
  g_assert_cmpuint (g_bytes_get_size (zipped->body), <, g_bytes_get_size (plain->body) / 2);
  g_output_stream_splice (out, unzip, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);
  unzipped = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  g_assert_true (g_bytes_equal (unzipped, plain->body));
  /* Each encoding has its own ETag; either stands for the current state. */
  g_assert_cmpstr (sp_test_response_header (zipped, "ETag"), !=, sp_test_response_header (plain, "ETag"));
}

typedef struct
{
  guint pending;
  GBytes *bodies[8];
  SoupMessage *messages[8];
} AtOnce;

static void
at_once_read (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  AtOnce *at_once = data;
  g_autoptr (GError) error = NULL;
  GBytes *body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (at_once->messages); i++)
    if (at_once->messages[i] == soup_session_get_async_result_message (SOUP_SESSION (source), result))
      at_once->bodies[i] = body;
  at_once->pending--;
}

/* The same search asked by several clients at once (while the first is being answered, the
 * others wait for its answer): each gets the whole answer, gzipped or not as it asked. */
static void
test_same_at_once (Fixture      *f,
                   gconstpointer data)
{
  g_autoptr (SoupSession) session = soup_session_new_with_options ("max-conns-per-host", 8, NULL);
  g_autofree char *url = g_strconcat (f->hub->url, "/services?search=memory&per_page=20&page=1", NULL);
  g_autoptr (SpTestResponse) alone = NULL;
  AtOnce at_once = { 0 };

  /* libsoup would take gzip itself and hide it: the header is set by hand. */
  soup_session_remove_feature_by_type (session, SOUP_TYPE_CONTENT_DECODER);
  for (guint i = 0; i < G_N_ELEMENTS (at_once.messages); i++)
    {
      at_once.messages[i] = soup_message_new (SOUP_METHOD_GET, url);
      soup_message_headers_replace (soup_message_get_request_headers (at_once.messages[i]), "Accept-Encoding",
                                    i % 2 == 0 ? "gzip" : "identity");
      soup_session_send_and_read_async (session, at_once.messages[i], G_PRIORITY_DEFAULT, NULL, at_once_read, &at_once);
      at_once.pending++;
    }
  while (at_once.pending > 0)
    g_main_context_iteration (NULL, TRUE);

  alone = sp_test_hub_get (f, "/services?search=memory&per_page=20&page=1", NULL);
  g_assert_cmpuint (alone->status, ==, 200);
  for (guint i = 0; i < G_N_ELEMENTS (at_once.messages); i++)
    {
      SoupMessage *message = at_once.messages[i];
      SoupMessageHeaders *headers = soup_message_get_response_headers (message);

      g_assert_cmpuint (soup_message_get_status (message), ==, 200);
      g_assert_cmpstr (soup_message_headers_get_one (headers, "Access-Control-Allow-Origin"), ==, "*");
      g_assert_true (g_str_has_prefix (soup_message_headers_get_one (headers, "Cache-Control"), "public, max-age="));
      if (i % 2 == 0)
        {
          g_autoptr (GBytes) unzipped = sp_test_gunzip (at_once.bodies[i]);

          g_assert_cmpstr (soup_message_headers_get_one (headers, "Content-Encoding"), ==, "gzip");
          g_assert_true (g_str_has_suffix (soup_message_headers_get_one (headers, "ETag"), "-gzip\""));
          g_assert_true (g_bytes_equal (unzipped, alone->body));
        }
      else
        {
          g_assert_null (soup_message_headers_get_one (headers, "Content-Encoding"));
          g_assert_cmpstr (soup_message_headers_get_one (headers, "ETag"), ==, sp_test_response_header (alone, "ETag"));
          g_assert_true (g_bytes_equal (at_once.bodies[i], alone->body));
        }
      g_bytes_unref (at_once.bodies[i]);
      g_object_unref (message);
    }
}

/* The validator can fail: every mock of the ORUK validator's V3.0-UK-Fail set that differs
 * from its passing counterpart fails it (four of them are the same as the passing ones, and
 * so cannot fail any validator of answers). */
static void
test_validator_fails_bad_answers (void)
{
  g_autofree char *fail = sp_test_fixture_path ("openreferral", "oruk-validator", "Mocks", "V3.0-UK-Fail", NULL);
  g_autofree char *pass = sp_test_fixture_path ("openreferral", "oruk-validator", "Mocks", "V3.0-UK-Default", NULL);
  g_autofree char *script = sp_test_source_path ("tests", "oruk-api-validate.py", NULL);
  g_autoptr (GDir) dir = g_dir_open (fail, 0, NULL);
  const char *name;
  guint n_failed = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *bad = g_build_filename (fail, name, NULL);
      g_autofree char *good = g_build_filename (pass, name, NULL);
      g_autofree char *bad_text = NULL, *good_text = NULL;
      g_autoptr (JsonNode) bad_json = NULL, good_json = NULL;
      g_autofree char *kind = g_strndup (name, strlen (name) - strlen (".json"));
      g_autofree char *argument = NULL;
      g_autofree char *out = NULL, *err = NULL;
      g_autofree char *fixtures = sp_test_fixture_path (".", NULL);
      const char *argv[] = { "/usr/bin/python3", script, fixtures, NULL, NULL };
      g_autoptr (GError) error = NULL;
      int status = 0;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      g_assert_true (g_file_get_contents (bad, &bad_text, NULL, NULL) && g_file_get_contents (good, &good_text, NULL, NULL));
      bad_json = json_from_string (bad_text, NULL);
      good_json = json_from_string (good_text, NULL);
      if (json_node_equal (bad_json, good_json))
        continue;
      if (g_str_has_suffix (kind, "_full"))
        kind[strlen (kind) - strlen ("_full")] = '\0';
      argument = g_strdup_printf ("%s=%s", kind, bad);
      argv[3] = argument;
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
      g_assert_no_error (error);
      if (g_spawn_check_wait_status (status, NULL))
        g_error ("The validator passed %s, a mock made to fail", bad);
      n_failed++;
    }
  g_assert_cmpuint (n_failed, >=, 7);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, sp_test_hub_fixture_set_up, func, sp_test_hub_fixture_tear_down)
  ADD ("/signpost/hub/root", test_root);
  ADD ("/signpost/hub/services-pages", test_services_pages);
  ADD ("/signpost/hub/service-by-id", test_service_by_id);
  ADD ("/signpost/hub/other-endpoints", test_other_endpoints);
  ADD ("/signpost/hub/taxonomy-terms", test_taxonomy_terms);
  ADD ("/signpost/hub/filters-and", test_filters_and);
  ADD ("/signpost/hub/filters-find-nothing", test_filters_find_nothing);
  ADD ("/signpost/hub/search-pages", test_search_pages);
  ADD ("/signpost/hub/bad-parameters", test_bad_parameters);
  ADD ("/signpost/hub/not-found", test_not_found);
  ADD ("/signpost/hub/cors-preflight", test_cors_preflight);
  ADD ("/signpost/hub/etag-and-changes", test_etag_and_changes);
  ADD ("/signpost/hub/gzip", test_gzip);
  ADD ("/signpost/hub/same-at-once", test_same_at_once);
#undef ADD
  g_test_add_func ("/signpost/hub/validator-fails-bad-answers", test_validator_fails_bad_answers);

  return g_test_run ();
}
