/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-service-detail.c: the full service record a service page and a slip are made from. */
#include "config.h"

#include <string.h>

#include "sp-import.h"
#include "sp-schedule.h"
#include "sp-service-detail.h"
#include "sp-test-sql.h"
#include "sp-test-store.h"
#include "sp-test-util.h"

#define MEMORY_MATTERS_CLINIC "f781c303-fe4e-58ba-9d62-abc6f61021ac"
#define ASSESSMENT_CLINIC     "3a3697f6-88bf-5b16-96ee-6bead76014f2"
#define BILSTON_CAFE          "1c63994a-12ec-5ae3-8d9f-0e240b4ba821"
#define COMMUNITY_FRIDGE      "f4e1b602-14c0-5ea2-a51b-69c36d145669"
#define SUPPORT_ADVISERS      "9f8e465c-7845-53c8-abd7-32eef95f83fe"
#define YOUNG_CARERS_CLUB     "c869c603-1a9e-5c83-a601-02d733a3df1f"
#define HOSTILE_ID            "0badf00d-0000-4000-8000-000000000001"

typedef SpTestSampleFixture Fixture;

static SpServiceDetail *
load (Fixture    *f,
      const char *id)
{
  return sp_test_load_detail (f->store, id);
}

/* What a service page shows at the top: who, what, where, how to get in touch. */
static void
test_memory_clinic (Fixture      *f,
                    gconstpointer data)
{
  g_autoptr (SpServiceDetail) detail = load (f, MEMORY_MATTERS_CLINIC);
  g_autofree char *checked = sp_service_detail_dup_checked_words (detail);
  GPtrArray *places = sp_service_detail_get_places (detail);
  GPtrArray *phones = sp_service_detail_get_phones (detail);
  SpServicePlace *place;
  SpServicePhone *phone;

  g_assert_cmpstr (sp_service_detail_get_id (detail), ==, MEMORY_MATTERS_CLINIC);
  g_assert_cmpstr (sp_service_detail_get_name (detail), ==, "Memory Matters pop-up memory clinic");
  g_assert_cmpstr (sp_service_detail_get_organization_name (detail), ==, "Memory Matters Wolverhampton");
  /* The first sentence is a short question, so the second comes with it. */
  g_assert_cmpstr (sp_service_detail_get_summary (detail), ==,
                   "Worried about your memory, or about someone close to you? Memory Matters brings a "
                   "memory nurse and a trained volunteer to a different Wolverhampton library each week.");
  g_assert_true (g_str_has_prefix (sp_service_detail_get_description (detail), "Worried about your memory"));
  g_assert_cmpstr (sp_service_detail_get_url (detail), ==, "https://memorymatterswolves.example.org/pop-up-clinic");
  g_assert_cmpstr (sp_service_detail_get_email (detail), ==, "hello@memorymatterswolves.example.org");

  /* The service's own numbers, not its organisation's or a contact's. */
  g_assert_cmpuint (phones->len, ==, 2);
  phone = phones->pdata[0];
  g_assert_cmpstr (phone->number, ==, "0121 496 0176");
  g_assert_cmpstr (phone->description, ==, "Ring to check a clinic is running before you travel");
  g_assert_cmpstr (phone->type, ==, "voice");
  phone = phones->pdata[1];
  g_assert_cmpstr (phone->number, ==, "07700 900881");
  g_assert_cmpstr (phone->type, ==, "text");

  g_assert_cmpuint (places->len, ==, 5);
  place = places->pdata[0];
  g_assert_cmpstr (place->name, ==, "Tettenhall Library");
  g_assert_cmpstr (place->address_line, ==, "Tettenhall Library, Regis Road, Wolverhampton WV6 8RW");
  g_assert_cmpstr (place->address_lines, ==, "Tettenhall Library\nRegis Road\nWolverhampton\nWV6 8RW");
  g_assert_cmpstr (place->postal_code, ==, "WV6 8RW");
  g_assert_true (place->has_coordinates);
  g_assert_cmpfloat_with_epsilon (place->latitude, 52.5992, 1e-9);
  g_assert_cmpfloat_with_epsilon (place->longitude, -2.1668, 1e-9);
  g_assert_cmpstr (place->accessibility[0], ==, "Step-free access and an accessible toilet");

  /* Access notes from every place, each once. */
  g_assert_cmpstr (sp_service_detail_get_accessibility (detail)[0], ==, "Step-free access and an accessible toilet");
  g_assert_true (g_strv_contains (sp_service_detail_get_accessibility (detail), "Hearing loop"));
  g_assert_cmpuint (g_strv_length ((char **) sp_service_detail_get_accessibility (detail)), ==, 2);

  /* Five monthly rows, one per library, each listed once although the export nests them twice. */
  g_assert_cmpuint (sp_service_detail_get_schedules (detail)->len, ==, 5);
  g_assert_cmpstr (sp_service_detail_get_cost (detail), ==, "Free");
  g_assert_true (sp_service_detail_get_is_free (detail));
  g_assert_true (g_strv_contains (sp_service_detail_get_languages (detail), "English"));
  g_assert_cmpstr (sp_service_detail_get_checked_date (detail), ==, "2026-02-09");
  g_assert_cmpstr (checked, ==, "9 February 2026");
  g_assert_null (sp_service_detail_get_age_range (detail));
}

/* Who a service is for, in words; its own phone number with what it is for. */
static void
test_eligibility_and_phones (Fixture      *f,
                             gconstpointer data)
{
  g_autoptr (SpServiceDetail) clinic = load (f, ASSESSMENT_CLINIC);
  g_autoptr (SpServiceDetail) young = load (f, YOUNG_CARERS_CLUB);
  SpServicePhone *phone = sp_service_detail_get_phones (clinic)->pdata[0];
  const char * const *languages = sp_service_detail_get_languages (clinic);
  const char * const *categories = sp_service_detail_get_categories (clinic);

  g_assert_cmpstr (sp_service_detail_get_age_range (clinic), ==, "Ages 18 and over");
  g_assert_cmpstr (sp_service_detail_get_eligibility (clinic), ==,
                   "Adults registered with a Wolverhampton GP. Referral from your GP is required.");
  g_assert_cmpstr (sp_service_detail_get_age_range (young), ==, "Ages 8 to 17");
  g_assert_cmpstr (phone->number, ==, "01632 960298");
  g_assert_cmpstr (phone->description, ==, "Appointments and enquiries");
  g_assert_cmpstr (languages[0], ==, "English");
  g_assert_cmpstr (languages[1], ==, "Punjabi");
  g_assert_null (languages[2]);
  g_assert_cmpstr (categories[0], ==, "Memory clinics");
  g_assert_cmpstr (categories[1], ==, "Memory & dementia");
}

/* A price is said in the feed's words; a service with no place has no address. */
static void
test_cost_and_no_place (Fixture      *f,
                        gconstpointer data)
{
  g_autoptr (SpServiceDetail) cafe = load (f, BILSTON_CAFE);
  g_autoptr (SpServiceDetail) advisers = load (f, SUPPORT_ADVISERS);
  g_autoptr (SpServiceDetail) fridge = load (f, COMMUNITY_FRIDGE);

  g_assert_cmpstr (sp_service_detail_get_cost (cafe), ==, "£2 per person, including tea and cake; carers free");
  g_assert_false (sp_service_detail_get_is_free (cafe));
  g_assert_cmpstr (((SpServicePhone *) sp_service_detail_get_phones (cafe)->pdata[0])->number, ==, "07700 900982");
  g_assert_cmpuint (sp_service_detail_get_places (advisers)->len, ==, 0);
  g_assert_cmpuint (g_strv_length ((char **) sp_service_detail_get_accessibility (advisers)), ==, 0);
  /* The organisation's number stands in when the service gives none. */
  g_assert_cmpstr (((SpServicePhone *) sp_service_detail_get_phones (fridge)->pdata[0])->number, ==, "0121 496 0611");
}

static void
test_not_found (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpServiceDetail) detail = sp_service_detail_load (f->store, "00000000-0000-4000-8000-000000000000", &error);

  g_assert_null (detail);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
exec (Fixture    *f,
      const char *sql)
{
  g_autoptr (GError) error = NULL;

  sp_store_exec (f->store, sql, &error);
  g_assert_no_error (error);
}

static gboolean
has_control_characters (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* A row written straight into the store, past the import's checks: a name of 100 000
 * characters with line breaks, tabs and invalid UTF-8, markup (which the store holds as
 * plain text: the import read any HTML already), a phone number of newlines, a language
 * with neither name nor code. */
static void
test_hostile (Fixture      *f,
              gconstpointer data)
{
  g_autoptr (GString) name = g_string_new (NULL);
  g_autoptr (SpServiceDetail) detail = NULL;
  const char *summary;
  SpServicePhone *phone;

  for (guint i = 0; i < 10000; i++)
    g_string_append (name, "Lunch\tclub\n\xff ");
  {
    /* The name goes in as a blob cast to text, to keep its invalid byte. */
    g_autoptr (GString) hex = g_string_new (NULL);
    g_autofree char *statement = NULL;

    for (gsize i = 0; i < name->len; i++)
      g_string_append_printf (hex, "%02X", (guchar) name->str[i]);
    statement = g_strdup_printf ("INSERT INTO service (id, name, status, description) VALUES ('%s', "
                                 "CAST(X'%s' AS TEXT), 'active', "
                                 "'Hot <b>meals</b> &amp; company.\n\n\n<script>alert(1)</script>"
                                 "\nSecond para.')", HOSTILE_ID, hex->str);
    exec (f, statement);
  }
  exec (f, "INSERT INTO phone (id, service_id, number) VALUES ('p-hostile', '" HOSTILE_ID "', '\n\n0121\t496\n0000\n')");
  exec (f, "INSERT INTO phone (id, service_id, number) VALUES ('p-blank', '" HOSTILE_ID "', '   ')");
  exec (f, "INSERT INTO language (id, service_id) VALUES ('l-hostile', '" HOSTILE_ID "')");
  exec (f, "INSERT INTO cost_option (id, service_id, option, amount) VALUES ('c-hostile', '" HOSTILE_ID "', 'Lunch', 3.5)");

  detail = load (f, HOSTILE_ID);
  g_assert_true (g_utf8_validate (sp_service_detail_get_name (detail), -1, NULL));
  g_assert_false (has_control_characters (sp_service_detail_get_name (detail)));
  g_assert_cmpuint (strlen (sp_service_detail_get_name (detail)), <=, 1024);
  g_assert_true (g_str_has_prefix (sp_service_detail_get_name (detail), "Lunch club"));
  g_assert_true (g_str_has_suffix (sp_service_detail_get_name (detail), "…"));

  g_assert_cmpstr (sp_service_detail_get_description (detail), ==,
                   "Hot <b>meals</b> &amp; company.\n<script>alert(1)</script>\nSecond para.");
  summary = sp_service_detail_get_summary (detail);
  g_assert_cmpstr (summary, ==, "Hot <b>meals</b> &amp; company. <script>alert(1)</script>");

  g_assert_cmpuint (sp_service_detail_get_phones (detail)->len, ==, 1);
  phone = sp_service_detail_get_phones (detail)->pdata[0];
  g_assert_cmpstr (phone->number, ==, "0121 496 0000");
  g_assert_cmpuint (g_strv_length ((char **) sp_service_detail_get_languages (detail)), ==, 0);
  g_assert_cmpstr (sp_service_detail_get_cost (detail), ==, "Lunch: £3.50");
  g_assert_null (sp_service_detail_get_organization_name (detail));
  g_assert_null (sp_service_detail_get_checked_date (detail));
  g_assert_null (sp_service_detail_dup_checked_words (detail));
}

/* A feed's description is HTML; what it escaped is text and is read as text once, at the
 * import: "&lt;NHS card&gt;" is shown as "<NHS card>", not taken for a tag and dropped. */
static void
test_escaped_text (Fixture      *f,
                   gconstpointer data)
{
  static const char feed[] =
    "{\"id\": \"" HOSTILE_ID "\", \"name\": \"Flu jabs &amp; checks\", \"status\": \"active\","
    " \"description\": \"<p>Bring your &lt;NHS card&gt; and ask for the nurse.</p>"
    "<p>Fish &amp;amp; chips &lt;b&gt;after&lt;/b&gt;.</p>\"}";
  g_autofree char *path = sp_test_write_tmp (f->dir, "escaped.json", feed, -1);
  g_autoptr (SpImportReport) report = NULL;
  g_autoptr (SpServiceDetail) detail = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (sp_import_path (f->store, path, SP_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  detail = load (f, HOSTILE_ID);
  g_assert_cmpstr (sp_service_detail_get_description (detail), ==,
                   "Bring your <NHS card> and ask for the nurse.\nFish &amp; chips <b>after</b>.");
  g_assert_cmpstr (sp_service_detail_get_summary (detail), ==,
                   "Bring your <NHS card> and ask for the nurse. Fish &amp; chips <b>after</b>.");
  /* A name is not HTML: kept as the feed typed it. */
  g_assert_cmpstr (sp_service_detail_get_name (detail), ==, "Flu jabs &amp; checks");
}

/* One or two plain sentences, never more than a short paragraph. */
static void
test_summarize (void)
{
  struct { const char *text, *summary; } cases[] = {
    { "A long first sentence that says what the service does for the people in the borough who "
      "need it most. A second sentence.",
      "A long first sentence that says what the service does for the people in the borough who "
      "need it most." },
    { "Short one. Then two. Then three.", "Short one. Then two." },
    { "Meet Dr. Khan e.g. on Tuesdays. More.", "Meet Dr. Khan e.g. on Tuesdays. More." },
    { "No full stop at all", "No full stop at all" },
    { "", NULL },
  };
  g_autoptr (GString) endless = g_string_new (NULL);
  g_autofree char *cut = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *summary = sp_service_detail_summarize (cases[i].text);
      g_assert_cmpstr (summary, ==, cases[i].summary);
    }
  for (guint i = 0; i < 200; i++)
    g_string_append (endless, "word ");
  cut = sp_service_detail_summarize (endless->str);
  g_assert_true (g_str_has_suffix (cut, "word…"));
  g_assert_cmpuint (g_utf8_strlen (cut, -1), <=, 241);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add ("/signpost/service-detail/" path, Fixture, NULL, sp_test_sample_fixture_set_up, func, \
                                sp_test_sample_fixture_tear_down)
  ADD ("memory-clinic", test_memory_clinic);
  ADD ("eligibility-and-phones", test_eligibility_and_phones);
  ADD ("cost-and-no-place", test_cost_and_no_place);
  ADD ("not-found", test_not_found);
  ADD ("hostile", test_hostile);
  ADD ("escaped-text", test_escaped_text);
#undef ADD
  g_test_add_func ("/signpost/service-detail/summarize", test_summarize);

  return g_test_run ();
}
