/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-import.c: importing real and official Open Referral data, and exporting it again. */
#include "config.h"

#include <json-glib/json-glib.h>

#include "sp-export.h"
#include "sp-import.h"
#include "sp-schedule-private.h"
#include "sp-test-sql.h"
#include "sp-test-store.h"
#include "sp-test-util.h"

typedef SpTestStoreFixture Fixture;

static char *
query_text (Fixture    *f,
            const char *sql)
{
  return sp_test_sql_text (f->store, sql, NULL);
}

static gboolean
has_problem (SpImportReport *report,
             const char     *field,
             const char     *words)
{
  for (guint i = 0; i < report->problems->len; i++)
    {
      SpImportProblem *p = g_ptr_array_index (report->problems, i);
      if ((field == NULL || g_strcmp0 (p->field, field) == 0) && strstr (p->message, words) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* ---- round trips ----------------------------------------------------------- */

/* Collects "path = value" for every non-empty leaf of @node. */
static void
collect_leaves (JsonNode   *node,
                const char *path,
                GHashTable *leaves)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr (GList) members = json_object_get_members (object);
      for (GList *l = members; l != NULL; l = l->next)
        {
          g_autofree char *child = g_strdup_printf ("%s/%s", path, (char *) l->data);
          collect_leaves (json_object_get_member (object, l->data), child, leaves);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *child = g_strdup_printf ("%s/%u", path, i);
          collect_leaves (json_array_get_element (array, i), child, leaves);
        }
    }
  else if (JSON_NODE_HOLDS_VALUE (node))
    {
      char *value;
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        value = g_strstrip (g_strdup (json_node_get_string (node)));
      else if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        value = g_strdup (json_node_get_boolean (node) ? "true" : "false");
      else
        value = g_strdup_printf ("%g", json_node_get_double (node));
      if (*value != '\0')
        g_hash_table_insert (leaves, g_strdup (path), value);
      else
        g_free (value);
    }
}

static JsonNode *
load_json (const char *path)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static char *
export_to_tmp (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  char *out = g_build_filename (f->dir, "export.json", NULL);

  g_assert_true (sp_export_all_to_file (f->store, out, NULL, &error));
  g_assert_no_error (error);
  return out;
}

static void
assert_valid_oruk (const char *export_path)
{
  g_autofree char *fixtures = sp_test_source_path ("tests", "fixtures", NULL);
  g_autofree char *script = sp_test_source_path ("tests", "oruk-validate.py", NULL);
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  const char *argv[] = { "/usr/bin/python3", script, fixtures, export_path, NULL };
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("The export %s does not validate:\n%s", export_path, out);
}

/* Whether @key is a part of a schedule's repeat rule, which the import drops (with a
 * warning) when the schedule reader cannot use the rule. */
static gboolean
is_dropped_rule_part (const char     *key,
                      SpImportReport *report)
{
  static const char *rule[] = { "freq", "interval", "byday", "bymonthday", "byweekno",
                                "byyearday", "count", "until", "wkst", "dtstart" };
  const char *last = strrchr (key, '/');

  if (strstr (key, "/schedules/") == NULL || last == NULL || !has_problem (report, NULL, "repeat rule cannot be read"))
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (rule); i++)
    if (g_str_equal (last + 1, rule[i]))
      return TRUE;
  return FALSE;
}

/*
 * Every value of an official example comes back out of the store at the same
 * place, except impossible coordinates (latitude 100, longitude 101) and repeat
 * rules Signpost cannot use (HSDS's service_full.json has a WEEKLY rule with days
 * of the month, weeks and days of the year), which the import drops on purpose
 * with a warning, and page counters of multi-page examples.
 */
static void
test_round_trip (Fixture      *f,
                 gconstpointer data)
{
  const char *relative = data;
  g_autofree char *path = sp_test_fixture_path ("openreferral", relative, NULL);
  g_autoptr (SpImportReport) report = sp_test_import_ok (f->store, path, SP_IMPORT_FLAGS_NONE);
  g_autofree char *exported = export_to_tmp (f);
  g_autoptr (JsonNode) before = load_json (path);
  g_autoptr (JsonNode) after = load_json (exported);
  g_autoptr (GHashTable) want = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) got = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonObject *page = json_node_get_object (after);
  JsonNode *service_root = before;
  GHashTableIter iter;
  gpointer key, value;
  guint compared = 0;

  g_assert_cmpuint (report->imported, ==, 1);
  g_assert_cmpuint (report->skipped, ==, 0);
  if (json_object_has_member (json_node_get_object (before), "contents"))
    service_root = json_array_get_element (json_object_get_array_member (json_node_get_object (before),
                                                                          "contents"), 0);
  collect_leaves (service_root, "", want);
  collect_leaves (json_array_get_element (json_object_get_array_member (page, "contents"), 0), "", got);

  g_hash_table_iter_init (&iter, want);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *out = g_hash_table_lookup (got, key);
      if ((g_str_has_suffix (key, "/latitude") && g_str_equal (value, "100")) ||
          (g_str_has_suffix (key, "/longitude") && g_str_equal (value, "101")))
        {
          g_assert_null (out);
          continue;
        }
      if (out == NULL && is_dropped_rule_part (key, report))
        continue;
      if (out == NULL)
        g_error ("%s: %s (%s) was lost on the way through the store", relative, (char *) key, (char *) value);
      g_assert_cmpstr (out, ==, value);
      compared++;
    }
  g_assert_cmpuint (compared, >, 10);
  assert_valid_oruk (exported);
}

/* ---- real council feeds ------------------------------------------------------ */

static void
test_bristol (Fixture      *f,
              gconstpointer data)
{
  g_autofree char *path = sp_test_fixture_path ("openreferral", "real-world-oruk-v1",
                                               "bristol_council_services_2024-12-18.json", NULL);
  g_autoptr (SpImportReport) report = sp_test_import_ok (f->store, path, SP_IMPORT_FLAGS_NONE);
  g_autofree char *exported = NULL;

  g_test_message ("Bristol: %u imported, %u skipped, %u kept with warnings, %u warnings",
                  report->imported, report->skipped, report->warned, report->warnings);
  g_assert_cmpstr (report->format, ==, "ORUK 1.0");
  /* 819 records: one lists a service twice, one has an empty name. */
  g_assert_cmpuint (report->imported, ==, 817);
  g_assert_cmpuint (report->skipped, ==, 1);
  g_assert_true (has_problem (report, NULL, "has no name"));
  g_assert_true (has_problem (report, NULL, "more than once"));
  g_assert_cmpint (sp_store_count (f->store, "service"), ==, 817);
  /* Kept although their organisation lacks the description HSDS requires,
   * or they have no organisation at all. */
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM service s JOIN organization o"
                                 " ON o.id = s.organization_id WHERE o.description IS NULL", NULL), ==, 217);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM service WHERE organization_id IS NULL", NULL), ==, 6);
  g_assert_true (has_problem (report, "organization.description", "no description"));
  /* HTML descriptions became text with their paragraphs. */
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM service WHERE description LIKE '%<p>%'"
                                 " OR description LIKE '%&nbsp;%'", NULL), ==, 0);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM service WHERE description LIKE '%' || char(10) || char(10) || '%'", NULL), >, 100);
  /* Every record remembers where it came from. */
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM service WHERE feed_id IS NULL OR imported_at IS NULL", NULL), ==, 0);

  exported = export_to_tmp (f);
  assert_valid_oruk (exported);
}

/* Bristol's ORUK 3.0 API page: HTML descriptions, -1 ages, a redacted email. */
static void
test_bristol_v3_page (Fixture      *f,
                      gconstpointer data)
{
  g_autofree char *path = sp_test_fixture_path ("openreferral", "real-world-oruk-v3",
                                               "bristol-services-page1.json", NULL);
  g_autoptr (SpImportReport) report = sp_test_import_ok (f->store, path, SP_IMPORT_FLAGS_NONE);
  g_autofree char *exported = NULL;

  g_assert_cmpstr (report->format, ==, "ORUK 3.0");
  g_assert_cmpuint (report->imported, ==, 3);
  g_assert_true (has_problem (report, "assurer_email", "not an email address"));
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM service WHERE maximum_age IS NOT NULL", NULL), ==, 0);
  exported = export_to_tmp (f);
  assert_valid_oruk (exported);
}

static void
test_north_lincolnshire (Fixture      *f,
                         gconstpointer data)
{
  g_autofree char *path = sp_test_fixture_path ("openreferral", "real-world-oruk-v1",
                                               "north_lincolnshire_council_services_2024-12-18.json", NULL);
  g_autoptr (SpImportReport) report = sp_test_import_ok (f->store, path, SP_IMPORT_FLAGS_NONE);

  g_test_message ("North Lincolnshire: %u imported, %u skipped, %u kept with warnings",
                  report->imported, report->skipped, report->warned);
  g_assert_cmpuint (report->imported, ==, 738);
  g_assert_cmpuint (report->skipped, ==, 0);
  g_assert_cmpint (sp_store_count (f->store, "service"), ==, 738);
}

/* ---- re-import and duplicates ------------------------------------------------ */

static void
test_reimport_updates_in_place (Fixture      *f,
                                gconstpointer data)
{
  g_autofree char *path = sp_test_fixture_path ("openreferral", "real-world-oruk-v1",
                                               "north_lincolnshire_council_services_2024-12-18.json", NULL);
  g_autoptr (SpImportReport) first = sp_test_import_ok (f->store, path, SP_IMPORT_FLAGS_NONE);
  g_autoptr (SpImportReport) second = sp_test_import_ok (f->store, path, SP_IMPORT_FLAGS_NONE);
  g_autoptr (SpImportReport) third = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *name = NULL;
  char *at;

  g_assert_cmpuint (second->imported, ==, 0);
  g_assert_cmpuint (second->unchanged, ==, 738);
  g_assert_cmpint (sp_store_count (f->store, "service"), ==, 738);

  /* The same feed, one service renamed, saved elsewhere: updated, not duplicated. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  at = strstr (contents, "\"name\":");
  g_assert_nonnull (at);
  changed = g_strconcat ("", NULL);
  {
    GString *s = g_string_new_len (contents, at - contents);
    g_string_append (s, "\"name\": \"Renamed by the council\", \"former_name\":");
    g_string_append (s, at + strlen ("\"name\":"));
    copy = sp_test_write_tmp (f->dir, "renamed.json", s->str, s->len);
    g_string_free (s, TRUE);
  }
  third = sp_test_import_ok (f->store, copy, SP_IMPORT_FLAGS_NONE);
  g_assert_cmpuint (third->imported, ==, 0);
  g_assert_cmpuint (third->updated, ==, 1);
  g_assert_cmpuint (third->unchanged, ==, 737);
  g_assert_cmpint (sp_store_count (f->store, "service"), ==, 738);
  name = query_text (f, "SELECT name FROM service WHERE name = 'Renamed by the council'");
  g_assert_cmpstr (name, ==, "Renamed by the council");
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM import_run", NULL), ==, 3);
}

#define DUP_TEMPLATE \
  "[{\"id\":\"%s\",\"name\":\"%s\",\"status\":\"active\"," \
  "\"service_at_locations\":[{\"id\":\"%s\",\"location\":{\"id\":\"%s\",\"location_type\":\"physical\"," \
  "\"addresses\":[{\"id\":\"%s\",\"address_1\":\"1 High Street\",\"city\":\"Wolverhampton\"," \
  "\"state_province\":\"West Midlands\",\"postal_code\":\"%s\",\"country\":\"GB\",\"address_type\":\"physical\"}]}}]}]"

static void
test_duplicates_across_feeds (Fixture      *f,
                              gconstpointer data)
{
  g_autofree char *a = g_strdup_printf (DUP_TEMPLATE, "11111111-1111-4111-8111-111111111111",
                                        "St Peter's Carers & Friends", "11111111-1111-4111-8111-111111111112",
                                        "11111111-1111-4111-8111-111111111113",
                                        "11111111-1111-4111-8111-111111111114", "WV6 0QT");
  g_autofree char *b = g_strdup_printf (DUP_TEMPLATE, "22222222-2222-4222-8222-222222222221",
                                        "ST PETERS CARERS AND FRIENDS", "22222222-2222-4222-8222-222222222222",
                                        "22222222-2222-4222-8222-222222222223",
                                        "22222222-2222-4222-8222-222222222224", "wv60qt");
  g_autofree char *pa = sp_test_write_tmp (f->dir, "council.json", a, -1);
  g_autofree char *pb = sp_test_write_tmp (f->dir, "charity.json", b, -1);
  g_autoptr (SpImportReport) first = sp_test_import_ok (f->store, pa, SP_IMPORT_FLAGS_NONE);
  g_autoptr (SpImportReport) second = sp_test_import_ok (f->store, pb, SP_IMPORT_FLAGS_NONE);
  SpImportDuplicate *d;

  g_assert_cmpuint (first->duplicates->len, ==, 0);
  g_assert_cmpuint (second->duplicates->len, ==, 1);
  d = g_ptr_array_index (second->duplicates, 0);
  g_assert_cmpstr (d->service_id, ==, "22222222-2222-4222-8222-222222222221");
  g_assert_cmpstr (d->other_id, ==, "11111111-1111-4111-8111-111111111111");
  g_assert_true (g_str_has_suffix (d->other_feed, "council.json"));
  /* Both kept: a person decides which is right. */
  g_assert_cmpint (sp_store_count (f->store, "service"), ==, 2);
}

/* ---- validator mocks ---------------------------------------------------------- */

static void
test_validator_mocks (Fixture      *f,
                      gconstpointer data)
{
  g_autofree char *fail_full = sp_test_fixture_path ("openreferral", "oruk-validator", "Mocks",
                                                    "V3.0-UK-Fail", "service_full.json", NULL);
  g_autofree char *fail_list = sp_test_fixture_path ("openreferral", "oruk-validator", "Mocks",
                                                    "V3.0-UK-Fail", "service_list.json", NULL);
  g_autofree char *warn_full = sp_test_fixture_path ("openreferral", "oruk-validator", "Mocks",
                                                    "V3.0-UK-Warn", "service_full.json", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (SpImportReport) lenient = NULL;
  g_autoptr (SpImportReport) list = NULL;
  g_autoptr (SpImportReport) warn = NULL;

  /* --strict: the Fail mocks are rejected whole, naming the field. */
  g_assert_false (sp_import_path (f->store, fail_full, SP_IMPORT_FLAGS_STRICT, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_STRICT);
  g_assert_nonnull (strstr (error->message, "url"));
  g_clear_error (&error);
  g_assert_false (sp_import_path (f->store, fail_list, SP_IMPORT_FLAGS_STRICT, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_STRICT);
  g_clear_error (&error);
  g_assert_cmpint (sp_store_count (f->store, "service"), ==, 0);
  g_assert_cmpint (sp_store_count (f->store, "feed"), ==, 0);

  /* Without --strict the bad values are flagged and dropped, the service kept. */
  lenient = sp_test_import_ok (f->store, fail_full, SP_IMPORT_FLAGS_NONE);
  g_assert_cmpuint (lenient->imported, ==, 1);
  g_assert_true (has_problem (lenient, "url", "not a web address"));
  g_assert_true (has_problem (lenient, "email", "not an email address"));
  list = sp_test_import_ok (f->store, fail_list, SP_IMPORT_FLAGS_NONE);
  g_assert_cmpuint (list->skipped, ==, 4);  /* none of its four services has a name */
  g_assert_true (has_problem (list, NULL, "has no name"));

  /* The Warn mock's service is sound apart from the example's impossible coordinates. */
  warn = sp_test_import_ok (f->store, warn_full, SP_IMPORT_FLAGS_NONE);
  g_assert_cmpuint (warn->skipped, ==, 0);
  g_assert_true (has_problem (warn, "service_at_locations[0].location.latitude", "not a possible latitude"));
}

/* ---- tabular data package ------------------------------------------------------- */

static void
test_tabular_package (Fixture      *f,
                      gconstpointer data)
{
  g_autofree char *folder = sp_test_fixture_path ("openreferral", "hsds-3.0", "examples", "csv", NULL);
  g_autoptr (SpImportReport) report = sp_test_import_ok (f->store, folder, SP_IMPORT_FLAGS_NONE);
  g_autoptr (SpImportReport) again = NULL;
  g_autoptr (JsonObject) service = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpstr (report->format, ==, "HSDS tabular data package");
  g_assert_cmpuint (report->imported, ==, 1);
  service = sp_export_service (f->store, "ac148810-d857-441c-9679-408f346de14b", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (service, "name"), ==, "Community Counselling");
  g_assert_true (json_object_has_member (service, "organization"));
  g_assert_true (json_object_has_member (service, "schedules"));
  g_assert_true (json_object_has_member (service, "service_at_locations"));
  g_assert_cmpint (sp_store_count (f->store, "phone"), >=, 1);

  again = sp_test_import_ok (f->store, folder, SP_IMPORT_FLAGS_NONE);
  g_assert_cmpuint (again->imported, ==, 0);
  g_assert_cmpuint (again->updated, ==, 1);
  g_assert_cmpint (sp_store_count (f->store, "service"), ==, 1);
}

/* ---- field-level rules ----------------------------------------------------------- */

static void
test_hostile_content_stays_text (Fixture      *f,
                                 gconstpointer data)
{
  const char *feed =
    "{\"id\":\"33333333-3333-4333-8333-333333333333\","
    "\"name\":\"<script>alert('x')</script> Robert'); DROP TABLE service;--\","
    "\"status\":\"Active\",\"description\":\"<p>Tea &amp; <b>cake</b></p><p>Every week</p>\","
    "\"minimum_age\":-1,\"maximum_age\":\"\",\"url\":\"javascript:alert(1)\",\"email\":\"\"}";
  g_autofree char *path = sp_test_write_tmp (f->dir, "hostile.json", feed, -1);
  g_autoptr (SpImportReport) report = sp_test_import_ok (f->store, path, SP_IMPORT_FLAGS_NONE);
  g_autofree char *name = query_text (f, "SELECT name FROM service");
  g_autofree char *description = query_text (f, "SELECT description FROM service");
  g_autofree char *status = query_text (f, "SELECT status FROM service");

  g_assert_cmpstr (name, ==, "<script>alert('x')</script> Robert'); DROP TABLE service;--");
  g_assert_cmpstr (description, ==, "Tea & cake\n\nEvery week");
  g_assert_cmpstr (status, ==, "active");
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM service WHERE minimum_age IS NULL AND "
                                 "maximum_age IS NULL AND email IS NULL AND url IS NULL", NULL), ==, 1);
  g_assert_true (has_problem (report, "url", "not a web address"));
  /* -1 and "" mean absent: no warning for them. */
  g_assert_cmpuint (report->warnings, ==, 1);
}

static void
test_oversized_fields_are_bounded (Fixture      *f,
                                   gconstpointer data)
{
  g_autofree char *huge = g_strnfill (200 * 1024, 'a');
  g_autofree char *long_name = g_strnfill (300, 'n');
  g_autofree char *feed = g_strdup_printf ("{\"id\":\"44444444-4444-4444-8444-444444444444\","
                                           "\"name\":\"%s\",\"status\":\"active\",\"description\":\"%s\"}",
                                           long_name, huge);
  g_autofree char *path = sp_test_write_tmp (f->dir, "huge.json", feed, -1);
  g_autoptr (SpImportReport) report = sp_test_import_ok (f->store, path, SP_IMPORT_FLAGS_NONE);

  /* A 300-character name is a real (if long) name and is kept whole. */
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT length(name) FROM service", NULL), ==, 300);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT length(CAST(description AS BLOB)) FROM service", NULL), <=, 64 * 1024);
  g_assert_true (has_problem (report, "description", "shortened"));
}

static void
test_bad_fields_dropped_record_kept (Fixture      *f,
                                     gconstpointer data)
{
  const char *feed =
    "{\"contents\":[{\"id\":\"55555555-5555-4555-8555-555555555555\",\"name\":\"Bilston Memory Café\","
    "\"status\":\"active\",\"email\":\"not-an-address\",\"url\":\"www.example.org/cafe\","
    "\"assured_date\":\"31/02/2026\",\"minimum_age\":200,"
    "\"organization_id\":\"66666666-6666-4666-8666-666666666666\","
    "\"schedules\":[{\"id\":\"55555555-5555-4555-8555-555555555556\",\"freq\":\"MONTHLY\",\"byday\":\"2TU\","
    "\"opens_at\":\"10:00\",\"closes_at\":\"12:00\"},"
    "{\"id\":\"55555555-5555-4555-8555-555555555557\",\"freq\":\"WEEKLY\",\"byday\":\"Tuesdays\","
    "\"opens_at\":\"9:30\",\"description\":\"Tuesday mornings\"}],"
    "\"service_at_locations\":[{\"id\":\"55555555-5555-4555-8555-555555555558\",\"location\":"
    "{\"id\":\"55555555-5555-4555-8555-555555555559\",\"latitude\":95,\"longitude\":-2.1}}],"
    "\"phones\":[{\"number\":\"0121 496 0000\"},{\"id\":\"x\"}]}]}";
  g_autofree char *path = sp_test_write_tmp (f->dir, "bad-fields.json", feed, -1);
  g_autoptr (SpImportReport) report = sp_test_import_ok (f->store, path, SP_IMPORT_FLAGS_NONE);
  g_autoptr (SpImportReport) again = NULL;

  g_assert_cmpuint (report->imported, ==, 1);
  g_assert_cmpuint (report->warned, ==, 1);
  g_assert_true (has_problem (report, "email", "not an email address"));
  g_assert_true (has_problem (report, "assured_date", "not a date"));
  g_assert_true (has_problem (report, "minimum_age", "not a usable age"));
  g_assert_true (has_problem (report, "organization_id", "neither in the feed nor in the directory"));
  g_assert_true (has_problem (report, "schedules[1].byday", "repeat rule cannot be read"));
  g_assert_true (has_problem (report, "service_at_locations[0].location.latitude", "not a possible latitude"));
  g_assert_true (has_problem (report, "phones[1]", "no number"));
  /* What was fine, or could be mended, is there. */
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM service WHERE url = 'https://www.example.org/cafe'"
                                 " AND email IS NULL AND organization_id IS NULL", NULL), ==, 1);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM schedule WHERE byday = '2TU' AND freq = 'MONTHLY'", NULL), ==, 1);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM schedule WHERE freq IS NULL AND byday IS NULL"
                                 " AND opens_at = '09:30' AND description = 'Tuesday mornings'", NULL), ==, 1);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM location WHERE location_type = 'virtual'"
                                 " AND latitude IS NULL", NULL), ==, 1);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM phone", NULL), ==, 1);

  /* Generated ids are stable: importing again changes nothing. */
  again = sp_test_import_ok (f->store, path, SP_IMPORT_FLAGS_NONE);
  g_assert_cmpuint (again->unchanged, ==, 1);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM phone", NULL), ==, 1);

  g_assert_true (sp_store_check_integrity (f->store, NULL));
}

/* Schedules the reader cannot use are said at the import, and lose their rule there, so the
 * page, the slip and search agree: no hours shown, and not found as meeting on a day.
 * Dates outside 1970–2200 are said too; a rule that ended before them is not used. What
 * imports without a word, the reader uses. */
static void
test_unusable_schedules (Fixture      *f,
                         gconstpointer data)
{
#define SCHEDULE(n, rule) "{\"id\":\"88888888-8888-4888-8888-00000000000" n "\",\"opens_at\":\"10:00\"," \
                          "\"closes_at\":\"12:00\",\"description\":\"Mornings\"," rule "}"
  const char *feed =
    "{\"id\":\"88888888-8888-4888-8888-888888888888\",\"name\":\"Lunch club\",\"status\":\"active\","
    "\"schedules\":["
    SCHEDULE ("0", "\"freq\":\"DAILY\",\"byday\":\"MO\"") ","
    SCHEDULE ("1", "\"freq\":\"WEEKLY\",\"byday\":\"TU\",\"bymonthday\":\"13\"") ","
    SCHEDULE ("2", "\"freq\":\"YEARLY\",\"bymonthday\":\"1\"") ","
    SCHEDULE ("3", "\"freq\":\"WEEKLY\",\"byday\":\"WE\",\"valid_to\":\"1960-01-01\"") ","
    SCHEDULE ("4", "\"freq\":\"WEEKLY\",\"byday\":\"TH\",\"valid_to\":\"2300-01-01\"") ","
    SCHEDULE ("5", "\"freq\":\"WEEKLY\",\"byday\":\"FR\",\"valid_from\":\"1900-01-01\"") ","
    SCHEDULE ("6", "\"freq\":\"WEEKLY\",\"byday\":\"SA\",\"byweekno\":\"10\"") ","
    SCHEDULE ("7", "\"freq\":\"MONTHLY\",\"byday\":\"2TU\"") "]}";
#undef SCHEDULE
  g_autofree char *path = sp_test_write_tmp (f->dir, "schedules.json", feed, -1);
  g_autoptr (SpImportReport) report = sp_test_import_ok (f->store, path, SP_IMPORT_FLAGS_NONE);
  g_autoptr (JsonObject) service = NULL;
  JsonArray *schedules;
  guint used = 0;

  static const struct { const char *field, *words; } said[] = {
    { "schedules[0].byday", "DAILY repeat cannot name days" },
    { "schedules[1].bymonthday", "need a MONTHLY repeat" },
    { "schedules[2].freq", "not “YEARLY”" },
    { "schedules[3].valid_to", "ended before 1970" },
    { "schedules[3].valid_to", "outside the years 1970 to 2200" },
    { "schedules[4].valid_to", "outside the years 1970 to 2200" },
    { "schedules[5].valid_from", "outside the years 1970 to 2200" },
    { "schedules[6].freq", "by week or day of the year" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (said); i++)
    if (!has_problem (report, said[i].field, said[i].words))
      g_error ("The import did not say “%s” about %s", said[i].words, said[i].field);
  g_assert_false (has_problem (report, "schedules[7].byday", ""));

  /* Unusable rules are gone, so search finds no day for them; descriptions and times stay. */
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM schedule WHERE freq IS NULL AND byday IS NULL"
                                 " AND bymonthday IS NULL AND description = 'Mornings'", NULL), ==, 5);
  /* Every rule left is one the reader uses: what the slip shows is what search finds. */
  service = sp_export_service (f->store, "88888888-8888-4888-8888-888888888888", NULL);
  schedules = json_object_get_array_member (service, "schedules");
  for (guint i = 0; i < json_array_get_length (schedules); i++)
    {
      g_autoptr (SpSchedule) schedule = sp_schedule_new_from_json (json_array_get_object_element (schedules, i));

      g_assert_null (sp_schedule_get_rule_problem (schedule, NULL));
      used += sp_schedule_get_kind (schedule) == SP_SCHEDULE_KIND_REGULAR;
    }
  g_assert_cmpuint (used, ==, 3);
}

static void
test_skipped_services (Fixture      *f,
                       gconstpointer data)
{
  const char *feed =
    "[{\"id\":\"not-a-uuid\",\"name\":\"A\",\"status\":\"active\"},"
    " {\"name\":\"No id\",\"status\":\"active\"},"
    " {\"id\":\"77777777-7777-4777-8777-777777777771\",\"name\":\"   \",\"status\":\"active\"},"
    " {\"id\":\"77777777-7777-4777-8777-777777777772\",\"name\":\"No status\"},"
    " {\"id\":\"77777777-7777-4777-8777-777777777773\",\"name\":\"Odd status\",\"status\":\"open\"},"
    " {\"id\":\"77777777-7777-4777-8777-777777777774\",\"name\":\"Good\",\"status\":\"temporarily closed\"}]";
  g_autofree char *path = sp_test_write_tmp (f->dir, "skips.json", feed, -1);
  g_autoptr (SpImportReport) report = sp_test_import_ok (f->store, path, SP_IMPORT_FLAGS_NONE);

  g_assert_cmpuint (report->imported, ==, 1);
  g_assert_cmpuint (report->skipped, ==, 5);
  g_assert_true (has_problem (report, NULL, "“not-a-uuid” is not a UUID"));
  g_assert_true (has_problem (report, NULL, "has no id"));
  g_assert_true (has_problem (report, NULL, "has no name"));
  g_assert_true (has_problem (report, NULL, "“open” is not one of"));
}

int
main (int   argc,
      char *argv[])
{
  static const char *examples[] = {
    "hsds-3.0/examples/service_full.json",
    "hsds-3.0/examples/service_list.json",
    "oruk-3.0-uk-profile/examples/service_full.json",
    "oruk-3.0-uk-profile/examples/service_list.json",
    "oruk-validator/Mocks/V3.0-UK-Default/service_full.json",
    "oruk-validator/Mocks/V3.0-UK-Default/service_list.json",
  };

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autofree char *name = g_strdup_printf ("/signpost/import/round-trip/%s", examples[i]);
      g_test_add (name, Fixture, examples[i], sp_test_store_fixture_set_up, test_round_trip, sp_test_store_fixture_tear_down);
    }
#define ADD(path, fn) g_test_add (path, Fixture, NULL, sp_test_store_fixture_set_up, fn, sp_test_store_fixture_tear_down)
  ADD ("/signpost/import/real/bristol", test_bristol);
  ADD ("/signpost/import/real/bristol-v3-page", test_bristol_v3_page);
  ADD ("/signpost/import/real/north-lincolnshire", test_north_lincolnshire);
  ADD ("/signpost/import/reimport-updates-in-place", test_reimport_updates_in_place);
  ADD ("/signpost/import/duplicates-across-feeds", test_duplicates_across_feeds);
  ADD ("/signpost/import/validator-mocks", test_validator_mocks);
  ADD ("/signpost/import/tabular-package", test_tabular_package);
  ADD ("/signpost/import/hostile-content-stays-text", test_hostile_content_stays_text);
  ADD ("/signpost/import/oversized-fields-are-bounded", test_oversized_fields_are_bounded);
  ADD ("/signpost/import/bad-fields-dropped-record-kept", test_bad_fields_dropped_record_kept);
  ADD ("/signpost/import/skipped-services", test_skipped_services);
  ADD ("/signpost/import/unusable-schedules", test_unusable_schedules);
#undef ADD
  return g_test_run ();
}
