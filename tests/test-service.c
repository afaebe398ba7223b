/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-service.c: the model objects and GListModels the front ends bind to. */
#include "config.h"

#include <string.h>

#include "sp-import.h"
#include "sp-service.h"
#include "sp-test-store.h"
#include "sp-test-util.h"

#define MEMORY_CLINIC_ID "f781c303-fe4e-58ba-9d62-abc6f61021ac"

typedef SpTestSampleFixture Fixture;

/* Every service, in the browse order a list view shows: by name regardless of case. */
static void
test_list_all (Fixture      *f,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) services = sp_service_list_all (f->store, &error);
  guint n;

  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (services) == SP_TYPE_SERVICE);
  n = g_list_model_get_n_items (services);
  g_assert_cmpuint (n, ==, 158);
  for (guint i = 1; i < n; i++)
    {
      g_autoptr (SpService) a = g_list_model_get_item (services, i - 1);
      g_autoptr (SpService) b = g_list_model_get_item (services, i);

      g_assert_cmpint (g_ascii_strcasecmp (sp_service_get_name (a), sp_service_get_name (b)), <=, 0);
    }
}

/* Properties carry what a result row and the freshness line show. */
static void
test_properties (Fixture      *f,
                 gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpService) service = sp_service_lookup (f->store, MEMORY_CLINIC_ID, &error);
  g_autofree char *name = NULL;
  g_autofree char *organization = NULL;

  g_assert_no_error (error);
  g_object_get (service, "name", &name, "organization-name", &organization, NULL);
  g_assert_cmpstr (name, ==, "Memory Matters pop-up memory clinic");
  g_assert_cmpstr (organization, ==, "Memory Matters Wolverhampton");
  g_assert_cmpstr (sp_service_get_status (service), ==, "active");
  g_assert_cmpstr (sp_service_get_checked_date (service), ==, "2026-02-09");
  g_assert_true (g_str_has_suffix (sp_service_get_feed (service), "sample-directory.json"));
  g_assert_nonnull (sp_service_get_description (service));
  g_assert_null (strchr (sp_service_get_description (service), '<'));
}

/* Upper-case ids find the stored service; an unknown id says so. */
static void
test_lookup (Fixture      *f,
             gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *upper = g_ascii_strup (MEMORY_CLINIC_ID, -1);
  g_autoptr (SpService) service = sp_service_lookup (f->store, upper, &error);
  g_autoptr (SpService) missing = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (sp_service_get_id (service), ==, MEMORY_CLINIC_ID);

  missing = sp_service_lookup (f->store, "00000000-0000-4000-8000-000000000000", &error);
  g_assert_null (missing);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "00000000-0000-4000-8000-000000000000"));
}

/* A shortlist or search result keeps its order; ids gone from the store drop out. */
static void
test_list_by_ids (Fixture      *f,
                  gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) all = sp_service_list_all (f->store, &error);
  g_autoptr (SpService) first = g_list_model_get_item (all, 0);
  g_autoptr (SpService) last = g_list_model_get_item (all, 157);
  const char *ids[] = { sp_service_get_id (last), "11111111-1111-4111-8111-111111111111",
                        sp_service_get_id (first), NULL };
  g_autoptr (GListModel) picked = sp_service_list_by_ids (f->store, ids, &error);
  g_autoptr (SpService) a = NULL;
  g_autoptr (SpService) b = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (picked), ==, 2);
  a = g_list_model_get_item (picked, 0);
  b = g_list_model_get_item (picked, 1);
  g_assert_cmpstr (sp_service_get_id (a), ==, sp_service_get_id (last));
  g_assert_cmpstr (sp_service_get_id (b), ==, sp_service_get_id (first));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/signpost/service/list-all", Fixture, NULL, sp_test_sample_fixture_set_up, test_list_all, sp_test_sample_fixture_tear_down);
  g_test_add ("/signpost/service/properties", Fixture, NULL, sp_test_sample_fixture_set_up, test_properties, sp_test_sample_fixture_tear_down);
  g_test_add ("/signpost/service/lookup", Fixture, NULL, sp_test_sample_fixture_set_up, test_lookup, sp_test_sample_fixture_tear_down);
  g_test_add ("/signpost/service/list-by-ids", Fixture, NULL, sp_test_sample_fixture_set_up, test_list_by_ids, sp_test_sample_fixture_tear_down);

  return g_test_run ();
}
