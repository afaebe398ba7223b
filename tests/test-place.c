/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-place.c: a home location typed as a place, a postcode or coordinates, found in the sample directory. */
#include "config.h"

#include <string.h>

#include "sp-place.h"
#include "sp-test-sql.h"
#include "sp-test-store.h"
#include "sp-test-util.h"

/* The sample directory's first located postcode, Tettenhall Library's. */
#define ADVICE "Try a postcode such as WV6 8RW, or coordinates such as 52.60, -2.17."

typedef SpTestSampleFixture Fixture;

static void
assert_place (Fixture    *f,
              const char *text,
              const char *label,
              double      latitude,
              double      longitude)
{
  g_auto (SpPlace) place = { 0 };
  g_autoptr (GError) error = NULL;

  if (!sp_place_lookup (f->store, text, &place, &error))
    g_error ("“%s” was not found: %s", text, error->message);
  g_assert_no_error (error);
  g_assert_cmpstr (place.label, ==, label);
  g_assert_cmpfloat_with_epsilon (place.latitude, latitude, 1e-6);
  g_assert_cmpfloat_with_epsilon (place.longitude, longitude, 1e-6);
}

static void
assert_no_place (Fixture    *f,
                 const char *text,
                 int         code,
                 const char *message)
{
  g_auto (SpPlace) place = { 0 };
  g_autoptr (GError) error = NULL;

  if (sp_place_lookup (f->store, text, &place, &error))
    g_error ("“%s” was found as “%s”", text, place.label);
  g_assert_error (error, SP_PLACE_ERROR, code);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
  g_assert_null (place.label);
}

/* Coordinates are taken as typed, with a comma, spaces or degree signs. */
static void
test_coordinates (Fixture      *f,
                  gconstpointer data)
{
  assert_place (f, "52.586, -2.129", "52.586, -2.129", 52.586, -2.129);
  assert_place (f, "52.586,-2.129", "52.586, -2.129", 52.586, -2.129);
  assert_place (f, "  52.586   -2.129 ", "52.586, -2.129", 52.586, -2.129);
  assert_place (f, "+52.586 , -2.129", "52.586, -2.129", 52.586, -2.129);
  assert_place (f, "52.586°, -2.129°", "52.586, -2.129", 52.586, -2.129);
  assert_place (f, "-33.9, 151", "-33.9, 151", -33.9, 151);
  assert_place (f, "90, -180", "90, -180", 90, -180);

  assert_no_place (f, "152.5, -2.1", SP_PLACE_ERROR_INVALID,
                   "“152.5, -2.1” is not a place on Earth: latitude goes from -90 to 90 and "
                   "longitude from -180 to 180. " ADVICE);
  assert_no_place (f, "52.5, 180.01", SP_PLACE_ERROR_INVALID, NULL);
  assert_no_place (f, "-90.5 0", SP_PLACE_ERROR_INVALID, NULL);
  /* Not coordinates at all, so not a place either. */
  assert_no_place (f, "52.5", SP_PLACE_ERROR_NOT_FOUND, NULL);
  assert_no_place (f, "52-2", SP_PLACE_ERROR_NOT_FOUND, NULL);
  assert_no_place (f, "1e5, 2", SP_PLACE_ERROR_NOT_FOUND, NULL);
  assert_no_place (f, "nan, inf", SP_PLACE_ERROR_NOT_FOUND, NULL);
  assert_no_place (f, "0x10, 2", SP_PLACE_ERROR_NOT_FOUND, NULL);
}

/* A postcode the directory holds is that address; case and spaces do not matter. */
static void
test_postcode (Fixture      *f,
               gconstpointer data)
{
  /* Tettenhall Library: three services, one location, counted once. */
  assert_place (f, "WV6 8RW", "WV6 8RW", 52.5992, -2.1668);
  assert_place (f, "wv68rw", "WV6 8RW", 52.5992, -2.1668);
  assert_place (f, " Wv6   8rW ", "WV6 8RW", 52.5992, -2.1668);
  /* Two locations share it: Pendeford Library and Pendeford Health Centre. */
  assert_place (f, "WV9 5NJ", "WV9 5NJ", (52.627 + 52.6276) / 2, (-2.16 + -2.1592) / 2);
}

/* The first half of a postcode is the middle of the directory's places in it, and WV1
 * is not WV10, WV11 or WV14. */
static void
test_outward_code (Fixture      *f,
                   gconstpointer data)
{
  assert_place (f, "WV6", "WV6", 52.59598571428571, -2.1574714285714287);
  assert_place (f, "wv6", "WV6", 52.59598571428571, -2.1574714285714287);
  assert_place (f, "WV1", "WV1", 52.58775714285714, -2.130585714285714);
  assert_place (f, "wv 1", "WV1", 52.58775714285714, -2.130585714285714);

  /* A person's own postcode is rarely a service's: its district stands in for it. */
  assert_place (f, "WV6 9ZZ", "WV6", 52.59598571428571, -2.1574714285714287);
  assert_place (f, "wv19zz", "WV1", 52.58775714285714, -2.130585714285714);

  assert_no_place (f, "ZZ9 9ZZ", SP_PLACE_ERROR_NOT_FOUND,
                   "No place in the directory has a postcode starting ZZ9. " ADVICE);
  assert_no_place (f, "B15", SP_PLACE_ERROR_NOT_FOUND,
                   "No place in the directory has a postcode starting B15. " ADVICE);
}

/* Place names come from locations' names and addresses, in the directory's spelling. */
static void
test_name (Fixture      *f,
           gconstpointer data)
{
  /* Tettenhall Library, Tettenhall Institute Hall and "…, Tettenhall Wood". */
  assert_place (f, "Tettenhall", "Tettenhall", 52.59526666666667, -2.171933333333333);
  assert_place (f, "tettenhall", "Tettenhall", 52.59526666666667, -2.171933333333333);
  assert_place (f, "bilston", "Bilston", 52.564575, -2.073675);
  assert_place (f, "BILSTON ", "Bilston", 52.564575, -2.073675);
  /* Penn Library and Penn Fields Pavilion; not Pennfields Health Centre. */
  assert_place (f, "Penn", "Penn", 52.5725, -2.148);
  assert_place (f, "whitmore  reans", "Whitmore Reans", (52.593 + 52.595 + 52.5921) / 3,
                (-2.1455 + -2.147 + -2.144) / 3);
  /* A whole location's name is that location. */
  assert_place (f, "Tettenhall Library", "Tettenhall Library", 52.5992, -2.1668);
  /* address_2, where UK feeds put the locality. */
  assert_place (f, "upper penn", "Upper Penn", 52.554, -2.162);
}

/* A place that is the whole of a name or locality is that place, not every name that
 * starts with it. */
static void
test_name_exact_wins (Fixture      *f,
                      gconstpointer data)
{
  /* The part of "Christ Church Parish Rooms, Tettenhall Wood" after the comma. */
  assert_place (f, "Tettenhall Wood", "Tettenhall Wood", 52.588, -2.179);
  /* Every located address has city Wolverhampton, so it is the middle of them all,
   * not Wolverhampton Central Library. */
  assert_place (f, "wolverhampton", "Wolverhampton", 52.589748, -2.126006);
}

/* Apostrophes, hyphens and "&" are typed every which way. */
static void
test_name_punctuation (Fixture      *f,
                       gconstpointer data)
{
  assert_place (f, "st leonards", "St Leonard's", 52.566, -2.073);
  assert_place (f, "St Leonard’s Church Centre", "St Leonard's Church Centre", 52.566, -2.073);
  assert_place (f, "al noor", "Al-Noor", 52.591, -2.114);
  assert_place (f, "AL-NOOR COMMUNITY CENTRE", "Al-Noor Community Centre", 52.591, -2.114);
}

/* What a person writes on an envelope works too. */
static void
test_parts (Fixture      *f,
            gconstpointer data)
{
  assert_place (f, "Tettenhall, Wolverhampton", "Tettenhall", 52.59526666666667, -2.171933333333333);
  assert_place (f, "Regis Road, WV6 8RW", "WV6 8RW", 52.5992, -2.1668);
  assert_place (f, "12 Nowhere Lane, Bilston, WV14 7ZZ", "Bilston", 52.564575, -2.073675);
  assert_no_place (f, ", ,", SP_PLACE_ERROR_NOT_FOUND, NULL);
}

/* Only places with a position are on the map: phone lines and video calls are not. */
static void
test_unlocated (Fixture      *f,
                gconstpointer data)
{
  assert_no_place (f, "Online", SP_PLACE_ERROR_NOT_FOUND,
                   "No place called “Online” is in the directory. " ADVICE);
  assert_no_place (f, "Memory Matters phone line", SP_PLACE_ERROR_NOT_FOUND, NULL);
  /* A street is not a place name here, nor is a word inside one. */
  assert_no_place (f, "Regis Road", SP_PLACE_ERROR_NOT_FOUND, NULL);
  assert_no_place (f, "Library", SP_PLACE_ERROR_NOT_FOUND, NULL);
  assert_no_place (f, "Tetten", SP_PLACE_ERROR_NOT_FOUND, NULL);
}

/* The message says what to type, with examples that work in this directory. */
static void
test_not_found (Fixture      *f,
                gconstpointer data)
{
  assert_no_place (f, "Narnia", SP_PLACE_ERROR_NOT_FOUND,
                   "No place called “Narnia” is in the directory. " ADVICE);
  /* Quoted as the person meant it, on one line. */
  assert_no_place (f, "  Narnia\n  Town ", SP_PLACE_ERROR_NOT_FOUND,
                   "No place called “Narnia Town” is in the directory. " ADVICE);
  assert_no_place (f, "", SP_PLACE_ERROR_EMPTY, "Type a place, a postcode or coordinates. " ADVICE);
  assert_no_place (f, " \t\n ", SP_PLACE_ERROR_EMPTY, NULL);
  assert_no_place (f, "\x01\x02\x7f", SP_PLACE_ERROR_EMPTY, NULL);
  assert_no_place (f, "\xe2\x80\x8b\xe2\x80\x8f", SP_PLACE_ERROR_EMPTY, NULL);  /* zero-width space, RTL mark */
}

/* Nothing typed can break the lookup, match everything, or touch the store. */
static void
test_hostile (Fixture      *f,
              gconstpointer data)
{
  const char *texts[] = {
    "'; DROP TABLE location; --", "\" OR 1=1 --", "Bilston' OR '1'='1", "%", "%%", "_", "*",
    "[", "\\", "a", "bil%", "bil_ton", "b*n", "[a-z]*", "NULL",
    "ﷺ", "😀", "e\xcc\x81", "null\xc2\xa0place",
  };
  g_autofree char *long_name = g_strnfill (257, 'a');
  g_autofree char *huge = g_strnfill (10 * 1024 * 1024, 'x');
  gint64 locations = sp_store_count (f->store, "location");
  gint64 addresses = sp_store_count (f->store, "address");

  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    assert_no_place (f, texts[i], SP_PLACE_ERROR_NOT_FOUND, NULL);
  assert_no_place (f, long_name, SP_PLACE_ERROR_INVALID,
                   "That is too long to be a place or a postcode. " ADVICE);
  assert_no_place (f, huge, SP_PLACE_ERROR_INVALID, NULL);
  assert_no_place (f, "Bil\xff\xfeston", SP_PLACE_ERROR_INVALID,
                   "That text cannot be read as a place. " ADVICE);

  /* Wildcards are punctuation like any other: ignored, never a pattern. */
  assert_place (f, "%bilston", "Bilston", 52.564575, -2.073675);

  g_assert_cmpint (sp_store_count (f->store, "location"), ==, locations);
  g_assert_cmpint (sp_store_count (f->store, "address"), ==, addresses);
  assert_place (f, "bilston", "Bilston", 52.564575, -2.073675);
}

/* Accented names are found without their accents, and keep them in the label. */
static void
test_non_ascii (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  sp_store_exec (f->store,
                 "INSERT INTO location (id, location_type, name, latitude, longitude) VALUES"
                 " ('0badf00d-0000-4000-8000-00000000a001', 'physical', 'Café Nova, Tŷ Hafan', 52.61, -2.09),"
                 " ('0badf00d-0000-4000-8000-00000000a002', 'physical', 'ÉCOLE HALL', 52.62, -2.08);"
                 "INSERT INTO address (id, location_id, address_1, city, postal_code) VALUES"
                 " ('0badf00d-0000-4000-8000-00000000a003', '0badf00d-0000-4000-8000-00000000a002',"
                 "  'Rue 1', 'Ville-Émile', 'wv99 1aa');",
                 &error);
  g_assert_no_error (error);

  assert_place (f, "ty hafan", "Tŷ Hafan", 52.61, -2.09);
  assert_place (f, "TŶ HAFAN", "Tŷ Hafan", 52.61, -2.09);
  assert_place (f, "cafe nova", "Café Nova", 52.61, -2.09);
  assert_place (f, "école", "ÉCOLE", 52.62, -2.08);
  assert_place (f, "ville emile", "Ville-Émile", 52.62, -2.08);
  /* A postcode written in lower case in the feed. */
  assert_place (f, "WV99 1AA", "WV99 1AA", 52.62, -2.08);
}

/* A feed that writes addresses in capitals does not make the label shout. */
static void
test_label_spelling (Fixture      *f,
                     gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  sp_store_exec (f->store,
                 "INSERT INTO location (id, location_type, name, latitude, longitude) VALUES"
                 " ('0badf00d-0000-4000-8000-00000000b001', 'physical', 'UNIT 4', 52.63, -2.17),"
                 " ('0badf00d-0000-4000-8000-00000000b002', 'physical', 'Unit 5', 52.64, -2.16);"
                 "INSERT INTO address (id, location_id, address_1, city) VALUES"
                 " ('0badf00d-0000-4000-8000-00000000b003', '0badf00d-0000-4000-8000-00000000b001',"
                 "  'BLAKE STREET', 'PENDEFORD'),"
                 " ('0badf00d-0000-4000-8000-00000000b004', '0badf00d-0000-4000-8000-00000000b002',"
                 "  'Blake Street', 'Pendeford');",
                 &error);
  g_assert_no_error (error);

  /* The two towns, not Pendeford Library and Pendeford Health Centre. */
  assert_place (f, "PENDEFORD", "Pendeford", 52.635, -2.165);
  /* Only capitals to go on: they are the directory's spelling. */
  assert_place (f, "unit 4", "UNIT 4", 52.63, -2.17);
}

/* A lookup replaces what the place held; a failed one leaves it as it was. */
static void
test_reuse (Fixture      *f,
            gconstpointer data)
{
  g_auto (SpPlace) place = { 0 };
  g_autoptr (GError) error = NULL;

  g_assert_true (sp_place_lookup (f->store, "bilston", &place, &error));
  g_assert_true (sp_place_lookup (f->store, "WV6 8RW", &place, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (place.label, ==, "WV6 8RW");
  g_assert_false (sp_place_lookup (f->store, "Narnia", &place, &error));
  g_assert_error (error, SP_PLACE_ERROR, SP_PLACE_ERROR_NOT_FOUND);
  g_assert_cmpstr (place.label, ==, "WV6 8RW");
  g_assert_cmpfloat_with_epsilon (place.latitude, 52.5992, 1e-6);

  sp_place_clear (&place);
  g_assert_null (place.label);
  g_assert_cmpfloat (place.latitude, ==, 0);
}

/* A directory with nothing located yet still gets advice that works. */
static void
test_empty_directory (void)
{
  g_autofree char *dir = sp_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "directory.sqlite", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (SpStore) store = sp_store_open (path, &error);
  g_auto (SpPlace) place = { 0 };

  g_assert_no_error (error);
  g_assert_false (sp_place_lookup (store, "Bilston", &place, &error));
  g_assert_error (error, SP_PLACE_ERROR, SP_PLACE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
                   "No place called “Bilston” is in the directory. Try coordinates such as 52.59, -2.13.");
  g_clear_error (&error);
  g_assert_true (sp_place_lookup (store, "51.45, -2.59", &place, &error));
  g_assert_cmpstr (place.label, ==, "51.45, -2.59");

  g_clear_object (&store);
  sp_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/signpost/place/" path, Fixture, NULL, sp_test_sample_fixture_set_up, func, sp_test_sample_fixture_tear_down)
  ADD ("coordinates", test_coordinates);
  ADD ("postcode", test_postcode);
  ADD ("outward-code", test_outward_code);
  ADD ("name", test_name);
  ADD ("name-exact-wins", test_name_exact_wins);
  ADD ("name-punctuation", test_name_punctuation);
  ADD ("parts", test_parts);
  ADD ("unlocated", test_unlocated);
  ADD ("not-found", test_not_found);
  ADD ("hostile", test_hostile);
  ADD ("non-ascii", test_non_ascii);
  ADD ("label-spelling", test_label_spelling);
  ADD ("reuse", test_reuse);
#undef ADD
  g_test_add_func ("/signpost/place/empty-directory", test_empty_directory);

  return g_test_run ();
}
