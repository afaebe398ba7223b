/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-hub-manage-edits.c: the hub's /manage/ pages over loopback HTTP: edits and moderation end to end, in a plain and a real browser.
 *
 * The real signpost-hub serves a copy of the sample directory with an editor and a member
 * of each of two groups (sp-test-manage-fixture.c). Each person is a plain browser without
 * script (sp-test-manage.c), which also checks the headers every /manage/ answer carries.
 * Group A is Memory Matters Wolverhampton, group B Bilston Memory Café.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "sp-test-manage-fixture.h"
#include "sp-test-util.h"

typedef SpTestManageFixture Fixture;

/* The whole way: a member signs in and edits a session's time in at most 4 page loads;
 * it is pending (the public still sees the old time); the editor approves; the new time
 * is in /services/{id} and /sync at once. */
static void
test_edit_approve (Fixture      *f,
                   gconstpointer data)
{
  g_autoptr (SpTestBrowser) member = sp_test_manage_signed_in (f, MEMBER_A);
  g_autoptr (SpTestBrowser) editor = NULL;
  g_autoptr (SpTestResponse) sync = NULL;
  g_autofree char *change = NULL, *feed = NULL, *since = NULL, *delta_path = NULL;

  g_assert_true (sp_test_browser_shows (member, "Memory Matters pop-up memory clinic"));
  g_assert_true (sp_test_browser_shows (member, "Not confirmed for 6 months"));
  g_assert_false (sp_test_browser_shows (member, "Bilston Memory Café"));
  g_assert_cmpuint (sp_test_manage_edit_first_session (member, CLINIC_EDIT, "10:30"), ==, 200);
  g_assert_true (g_str_has_prefix (member->location, "/manage/changes/"));
  g_assert_true (g_str_has_suffix (member->location, "?done=saved"));
  g_assert_true (sp_test_browser_shows (member, "waiting for the editor"));
  g_test_message ("figure: sign-in page to an edited listing in %u page loads (%u requests)", member->page_loads,
                  member->requests);
  g_assert_cmpuint (member->page_loads, <=, 4);
  g_assert_false (sp_test_manage_has_session_at (f, CLINIC, "10:30"));

  editor = sp_test_manage_signed_in (f, EDITOR);
  change = sp_test_manage_newest_change (editor);
  g_assert_cmpuint (sp_test_browser_get (editor, change), ==, 200);
  g_assert_true (sp_test_browser_shows (editor, "10:30"));
  g_assert_true (sp_test_browser_shows (editor, "<del>"));
  /* Applied at once: the next answers show it, and a kiosk's next delta holds it (timed by
   * bench-hub-manage). */
  since = sp_test_hub_sync_query (f->hub.hub->url);
  delta_path = g_strconcat ("/sync?", since, NULL);
  g_assert_cmpuint (sp_test_manage_decide (editor, change, "approve", "Thanks"), ==, 200);
  sync = sp_test_hub_get (&f->hub, delta_path, NULL);
  feed = sp_test_response_text (sync);
  g_assert_null (strstr (feed, "\"full\":true"));
  g_assert_nonnull (strstr (feed, CLINIC));
  g_assert_nonnull (strstr (feed, "\"opens_at\":\"10:30\""));
  g_assert_true (sp_test_manage_has_session_at (f, CLINIC, "10:30"));
  /* The member sees the outcome and the note. */
  g_assert_cmpuint (sp_test_browser_get (member, "/manage/changes"), ==, 200);
  g_assert_true (sp_test_browser_shows (member, "Approved"));
  g_assert_true (sp_test_browser_shows (member, "Thanks"));
  /* Decided: the page offers no decision any more, and a replayed approval is refused. */
  g_assert_cmpuint (sp_test_browser_get (editor, change), ==, 200);
  g_assert_false (sp_test_browser_shows (editor, "name=\"decision\""));
  {
    g_autofree char *csrf = sp_test_browser_csrf (editor);
    g_assert_cmpuint (sp_test_browser_post (editor, change, "csrf", csrf, "decision", "approve", "note", "again", NULL), ==, 409);
  }
}

/* The clinic's session at Bilston Library. */
#define BILSTON_SESSION "718bb606-424b-50e8-8f6a-4f0fd0ccf07f"

/* The location called @name among @service's places, or NULL. */
static JsonObject *
place_named (JsonObject *service,
             const char *name)
{
  JsonArray *links = json_object_get_array_member (service, "service_at_locations");

  for (guint i = 0; links != NULL && i < json_array_get_length (links); i++)
    {
      JsonObject *location = json_object_get_object_member (json_array_get_object_element (links, i), "location");

      if (g_strcmp0 (json_object_get_string_member_with_default (location, "name", NULL), name) == 0)
        return location;
    }
  return NULL;
}

#define MEMORY_CLINICS "20e693e9-c87c-553f-9e29-77788831a2e2"
#define BEFRIENDING "1f39fd38-79ea-590c-91c4-918f701857ac"
#define LUNCH_CLUBS "a6aaa441-7ba6-54bd-be19-3adb7e8798bc"
#define MEMORY_TOPIC "e566e25c-16e0-576c-bfbe-092d816319a6"

/* A member chooses the service's categories from check boxes under each top-level topic:
 * the editor's difference names what is added and removed, and once approved the public
 * sees it; a term the taxonomy lacks is refused beside the field and nothing is saved. */
static void
test_categories (Fixture      *f,
                 gconstpointer data)
{
  g_autoptr (SpTestBrowser) member = sp_test_manage_signed_in (f, MEMBER_A);
  g_autoptr (SpTestBrowser) editor = NULL;
  g_autoptr (GHashTable) form = NULL;
  g_autoptr (JsonObject) service = NULL;
  g_autofree char *change = NULL, *attributes = NULL;

  g_assert_cmpuint (sp_test_browser_get (member, CLINIC_EDIT), ==, 200);
  g_assert_true (sp_test_browser_shows (member, "<legend>Memory &amp; dementia</legend>"));
  g_assert_true (sp_test_browser_shows (member, "<label for=\"category-" BEFRIENDING "\">Befriending</label>"));
  /* The topic's own box does not read the same as its legend. */
  g_assert_true (sp_test_browser_shows (member, "<label for=\"category-" MEMORY_TOPIC "\">Memory &amp; dementia, in general</label>"));
  form = sp_test_browser_form_fields (member, CLINIC_EDIT);
  g_assert_true (g_hash_table_contains (form, "category-" MEMORY_CLINICS));
  g_assert_false (g_hash_table_contains (form, "category-" BEFRIENDING));

  /* An id not in the taxonomy: refused beside the field, nothing saved. */
  g_hash_table_replace (form, g_strdup ("category-not-a-term"), g_strdup ("yes"));
  g_assert_cmpuint (sp_test_browser_post_form (member, CLINIC_EDIT, form), ==, 200);
  g_assert_true (sp_test_browser_shows (member, "id=\"categories-error\""));
  g_assert_true (sp_test_browser_shows (member, "href=\"#categories\""));
  g_assert_cmpuint (sp_test_manage_pending_changes (f), ==, 0);

  g_hash_table_remove (form, "category-not-a-term");
  g_hash_table_remove (form, "category-" MEMORY_CLINICS);
  g_hash_table_replace (form, g_strdup ("category-" LUNCH_CLUBS), g_strdup ("yes"));
  g_hash_table_replace (form, g_strdup ("category-" BEFRIENDING), g_strdup ("yes"));
  g_assert_cmpuint (sp_test_browser_post_form (member, CLINIC_EDIT, form), ==, 200);
  g_assert_true (g_str_has_suffix (member->location, "?done=saved"));
  g_assert_cmpuint (sp_test_manage_pending_changes (f), ==, 1);

  editor = sp_test_manage_signed_in (f, EDITOR);
  change = sp_test_manage_newest_change (editor);
  g_assert_cmpuint (sp_test_browser_get (editor, change), ==, 200);
  g_assert_true (sp_test_browser_shows (editor, "<del>Memory clinics</del>"));
  /* Categories added are listed by name, whatever order the form sent them in. */
  {
    const char *befriending = strstr (editor->page, "<ins>Befriending</ins>");
    const char *lunch = strstr (editor->page, "<ins>Lunch clubs</ins>");

    g_assert_nonnull (befriending);
    g_assert_nonnull (lunch);
    g_assert_true (befriending < lunch);
  }
  g_assert_cmpuint (sp_test_manage_decide (editor, change, "approve", "Thanks"), ==, 200);
  service = sp_test_manage_public_service (f, CLINIC);
  {
    g_autoptr (JsonNode) node = json_node_init_array (json_node_alloc (), json_object_get_array_member (service, "attributes"));

    attributes = json_to_string (node, FALSE);
  }
  g_assert_nonnull (strstr (attributes, BEFRIENDING));
  g_assert_null (strstr (attributes, MEMORY_CLINICS));
}

/* Every place of a service is on the form and can be changed; a member still may not
 * change a place another organisation's services use: refused beside that place's fields. */
static void
test_every_place (Fixture      *f,
                  gconstpointer data)
{
  g_autoptr (SpTestBrowser) member = sp_test_manage_signed_in (f, MEMBER_A);
  g_autoptr (SpTestBrowser) editor = sp_test_manage_signed_in (f, EDITOR);
  g_autoptr (GHashTable) form = NULL;
  g_autoptr (JsonObject) service = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *change = NULL, *places = NULL;

  g_assert_cmpuint (sp_test_browser_get (member, CLINIC_EDIT), ==, 200);
  g_assert_true (sp_test_browser_shows (member, "<legend>Place 5</legend>"));
  form = sp_test_browser_form_fields (member, CLINIC_EDIT);
  g_assert_cmpstr (g_hash_table_lookup (form, "location_name"), ==, "Tettenhall Library");
  g_assert_cmpstr (g_hash_table_lookup (form, "location_name-4"), ==, "Pendeford Library");
  g_assert_cmpstr (g_hash_table_lookup (form, "postcode-4"), ==, "WV9 5NJ");

  /* Pendeford Library is other groups' place too: not the member's to change. */
  g_hash_table_replace (form, g_strdup ("postcode-4"), g_strdup ("WV9 5NZ"));
  g_assert_cmpuint (sp_test_browser_post_form (member, CLINIC_EDIT, form), ==, 200);
  g_assert_true (sp_test_browser_shows (member, "id=\"address-4-error\""));
  g_assert_cmpuint (sp_test_manage_pending_changes (f), ==, 0);

  /* The editor may. */
  g_assert_cmpuint (sp_test_browser_get (editor, CLINIC_EDIT), ==, 200);
  g_clear_pointer (&form, g_hash_table_unref);
  form = sp_test_browser_form_fields (editor, CLINIC_EDIT);
  g_hash_table_replace (form, g_strdup ("postcode-4"), g_strdup ("WV9 5NZ"));
  g_assert_cmpuint (sp_test_browser_post_form (editor, CLINIC_EDIT, form), ==, 200);
  g_assert_true (g_str_has_suffix (editor->location, "?done=saved"));
  change = sp_test_manage_newest_change (editor);
  g_assert_cmpuint (sp_test_manage_decide (editor, change, "approve", "Thanks"), ==, 200);
  service = sp_test_manage_public_service (f, CLINIC);
  node = json_node_init_array (json_node_alloc (), json_object_get_array_member (service, "service_at_locations"));
  places = json_to_string (node, FALSE);
  g_assert_nonnull (strstr (places, "WV9 5NZ"));
  g_assert_null (strstr (places, "WV9 5NJ"));
  /* A postcode the directory has no point for: the place loses the old one, rather than
   * stay on the map where it was. */
  g_assert_false (json_object_has_member (place_named (service, "Pendeford Library"), "latitude"));
  g_assert_true (json_object_has_member (place_named (service, "Tettenhall Library"), "latitude"));
}

/* A place added on the form (the "new-" fields) and one removed (its box ticked): the new
 * place needs a street and a postcode, and gets the point the directory holds for its
 * postcode; the removed place's sessions stay the service's. */
static void
test_add_and_remove_places (Fixture      *f,
                            gconstpointer data)
{
  g_autoptr (SpTestBrowser) member = sp_test_manage_signed_in (f, MEMBER_A);
  g_autoptr (SpTestBrowser) editor = NULL;
  g_autoptr (GHashTable) form = NULL;
  g_autoptr (JsonObject) service = NULL;
  g_autofree char *change = NULL;
  JsonObject *added;
  JsonArray *schedules;
  gboolean kept_session = FALSE;

  g_assert_cmpuint (sp_test_browser_get (member, CLINIC_EDIT), ==, 200);
  g_assert_true (sp_test_browser_shows (member, "<legend>Another place</legend>"));
  g_assert_true (sp_test_browser_shows (member, "<label for=\"remove-2\">"));
  form = sp_test_browser_form_fields (member, CLINIC_EDIT);

  /* Only a name: the street and the postcode are asked for beside their fields. */
  g_hash_table_replace (form, g_strdup ("new-location_name"), g_strdup ("Bradmore Community Centre"));
  g_assert_cmpuint (sp_test_browser_post_form (member, CLINIC_EDIT, form), ==, 200);
  g_assert_true (sp_test_browser_shows (member, "id=\"new-address-error\""));
  g_assert_true (sp_test_browser_shows (member, "id=\"new-postcode-error\""));
  g_assert_true (sp_test_browser_shows (member, "value=\"Bradmore Community Centre\""));
  g_assert_cmpuint (sp_test_manage_pending_changes (f), ==, 0);

  g_hash_table_replace (form, g_strdup ("new-address"), g_strdup ("Bradmore Road"));
  g_hash_table_replace (form, g_strdup ("new-town"), g_strdup ("Wolverhampton"));
  g_hash_table_replace (form, g_strdup ("new-postcode"), g_strdup ("wv1 3ax"));
  g_hash_table_replace (form, g_strdup ("new-access"), g_strdup ("Step-free access"));
  g_hash_table_replace (form, g_strdup ("remove-2"), g_strdup ("yes"));
  g_assert_cmpuint (sp_test_browser_post_form (member, CLINIC_EDIT, form), ==, 200);
  g_assert_true (g_str_has_suffix (member->location, "?done=saved"));

  editor = sp_test_manage_signed_in (f, EDITOR);
  change = sp_test_manage_newest_change (editor);
  g_assert_cmpuint (sp_test_browser_get (editor, change), ==, 200);
  g_assert_true (sp_test_browser_shows (editor, "Bradmore Road"));
  g_assert_cmpuint (sp_test_manage_decide (editor, change, "approve", "Thanks"), ==, 200);

  service = sp_test_manage_public_service (f, CLINIC);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (service, "service_at_locations")), ==, 5);
  g_assert_null (place_named (service, "Bilston Library"));
  added = place_named (service, "Bradmore Community Centre");
  g_assert_nonnull (added);
  /* Wolverhampton Central Library's postcode: its point. */
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (added, "latitude"), 52.5842, 1e-6);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (added, "addresses"), 0), "postal_code"), ==, "wv1 3ax");
  schedules = json_object_get_array_member (service, "schedules");
  for (guint i = 0; i < json_array_get_length (schedules); i++)
    kept_session = kept_session || g_strcmp0 (json_object_get_string_member (json_array_get_object_element (schedules, i), "id"),
                                              BILSTON_SESSION) == 0;
  g_assert_true (kept_session);
}

/* Rejected: the service stays as it was, the member sees the outcome and the note; a
 * replayed approval of it changes nothing. */
static void
test_reject (Fixture      *f,
             gconstpointer data)
{
  g_autoptr (SpTestBrowser) a = sp_test_manage_signed_in (f, MEMBER_A);
  g_autoptr (SpTestBrowser) editor = sp_test_manage_signed_in (f, EDITOR);
  g_autofree char *change = NULL;

  g_assert_cmpuint (sp_test_manage_edit_first_session (a, CLINIC_EDIT, "09:00"), ==, 200);
  change = sp_test_manage_newest_change (editor);
  g_assert_cmpuint (sp_test_manage_decide (editor, change, "reject", "Please call us first"), ==, 200);
  g_assert_cmpuint (sp_test_browser_get (a, "/manage/changes"), ==, 200);
  g_assert_true (sp_test_browser_shows (a, "Not approved"));
  g_assert_true (sp_test_browser_shows (a, "Please call us first"));
  {
    g_autofree char *csrf = sp_test_browser_csrf (editor);
    g_assert_cmpuint (sp_test_browser_post (editor, change, "csrf", csrf, "decision", "approve", NULL), ==, 409);
  }
  g_assert_false (sp_test_manage_has_session_at (f, CLINIC, "09:00"));
  g_assert_true (sp_test_manage_has_session_at (f, CLINIC, "10:00"));
}

/* The editor restores the version an approved change replaced. */
static void
test_restore (Fixture      *f,
              gconstpointer data)
{
  g_autoptr (SpTestBrowser) a = sp_test_manage_signed_in (f, MEMBER_A);
  g_autoptr (SpTestBrowser) editor = sp_test_manage_signed_in (f, EDITOR);
  g_autoptr (GHashTable) form = NULL;
  g_autofree char *change = NULL;

  g_assert_cmpuint (sp_test_manage_edit_first_session (a, CLINIC_EDIT, "11:00"), ==, 200);
  change = sp_test_manage_newest_change (editor);
  g_assert_cmpuint (sp_test_manage_decide (editor, change, "approve", ""), ==, 200);
  g_assert_true (sp_test_manage_has_session_at (f, CLINIC, "11:00"));
  g_assert_cmpuint (sp_test_browser_get (editor, "/manage/services/" CLINIC "/history"), ==, 200);
  form = sp_test_browser_form_fields (editor, "/manage/services/" CLINIC "/history");
  g_assert_cmpuint (sp_test_browser_post_form (editor, "/manage/services/" CLINIC "/history", form), ==, 200);
  g_assert_true (sp_test_browser_shows (editor, "restored"));
  g_assert_false (sp_test_manage_has_session_at (f, CLINIC, "11:00"));
}

/* "Still correct": one step, applied at once; the flag goes; kiosks get it by /sync. */
static void
test_still_correct_and_freshness (Fixture      *f,
                                  gconstpointer data)
{
  g_autoptr (SpTestBrowser) a = sp_test_manage_signed_in (f, MEMBER_A);
  g_autoptr (SpTestBrowser) editor = sp_test_manage_signed_in (f, EDITOR);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr (JsonObject) before = sp_test_manage_public_service (f, CLINIC);
  g_autoptr (JsonObject) after = NULL;
  g_autoptr (SpTestResponse) csv = NULL;
  g_autofree char *csrf = sp_test_browser_csrf (a);
  g_autofree char *csv_text = NULL;

  g_assert_cmpstr (json_object_get_string_member (before, "assured_date"), ==, "2026-02-09");
  g_assert_cmpuint (sp_test_browser_get (editor, "/manage/freshness"), ==, 200);
  g_assert_true (sp_test_browser_shows (editor, "Memory Matters pop-up memory clinic"));
  g_assert_true (sp_test_browser_shows (editor, "confirmed within 6 months"));

  g_assert_cmpuint (sp_test_browser_post (a, "/manage/services/" CLINIC "/confirm", "csrf", csrf, NULL), ==, 200);
  g_assert_cmpstr (a->location, ==, "/manage/?done=confirmed");
  after = sp_test_manage_public_service (f, CLINIC);
  g_assert_cmpstr (json_object_get_string_member (after, "assured_date"), ==, today);
  g_assert_cmpuint (sp_test_manage_pending_changes (f), ==, 0);

  g_assert_cmpuint (sp_test_browser_get (editor, "/manage/freshness"), ==, 200);
  g_assert_false (sp_test_browser_shows (editor, "Memory Matters pop-up memory clinic"));
  g_assert_true (sp_test_browser_shows (editor, "Living Well with Memory Loss course"));
  /* Over a year unconfirmed: the public page says it may be out of date, until its group
   * confirms it. */
  {
    g_autoptr (SpTestBrowser) b = sp_test_manage_signed_in (f, MEMBER_B);
    g_autoptr (SpTestResponse) stale = sp_test_hub_get (&f->hub, "/services/" CAFE, "Accept", "text/html", NULL);
    g_autoptr (SpTestResponse) fresh = NULL;
    g_autofree char *stale_text = sp_test_response_text (stale);
    g_autofree char *fresh_text = NULL;
    g_autofree char *b_csrf = sp_test_browser_csrf (b);

    g_assert_nonnull (strstr (stale_text, "more than a year ago: it may be out of date"));
    g_assert_true (sp_test_browser_shows (b, "Not confirmed for 6 months"));
    g_assert_cmpuint (sp_test_browser_post (b, "/manage/services/" CAFE "/confirm", "csrf", b_csrf, NULL), ==, 200);
    /* The café is no longer flagged; the group's singing group still is. */
    g_assert_cmpuint (sp_test_manage_count_of (b->page, "Not confirmed for 6 months"), ==, 1);
    fresh = sp_test_hub_get (&f->hub, "/services/" CAFE, "Accept", "text/html", NULL);
    fresh_text = sp_test_response_text (fresh);
    g_assert_null (strstr (fresh_text, "may be out of date"));
  }
  g_assert_cmpuint (sp_test_browser_get (editor, "/manage/freshness/contacts.csv"), ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (editor->headers, NULL), ==, "text/csv");
  g_assert_true (sp_test_browser_shows (editor, "Memory Matters"));
}

/* A member proposes a new service of its own group (whatever organisation the form names);
 * approved, it is in the directory. */
static void
test_new_service (Fixture      *f,
                  gconstpointer data)
{
  g_autoptr (SpTestBrowser) a = sp_test_manage_signed_in (f, MEMBER_A);
  g_autoptr (SpTestBrowser) editor = sp_test_manage_signed_in (f, EDITOR);
  g_autoptr (GHashTable) form = NULL;
  g_autoptr (JsonNode) list = NULL;
  g_autofree char *change = NULL, *text = NULL;

  g_assert_cmpuint (sp_test_browser_get (a, "/manage/services/new"), ==, 200);
  g_assert_false (sp_test_browser_shows (a, "id=\"organization\""));
  form = sp_test_browser_form_fields (a, "/manage/services/new");
  g_hash_table_replace (form, g_strdup ("name"), g_strdup ("Knit and natter at Tettenhall"));
  g_hash_table_replace (form, g_strdup ("description"), g_strdup ("Bring your needles, or borrow ours."));
  g_hash_table_replace (form, g_strdup ("schedule"), g_strdup ("every Tuesday, 14:00-16:00"));
  g_hash_table_replace (form, g_strdup ("organization"), g_strdup (GROUP_B));
  g_assert_cmpuint (sp_test_browser_post_form (a, "/manage/services/new", form), ==, 200);
  if (!g_str_has_suffix (a->location, "?done=saved"))
    g_error ("the new service was not saved: %s", a->page);
  change = sp_test_manage_newest_change (editor);
  g_assert_cmpuint (sp_test_manage_decide (editor, change, "approve", ""), ==, 200);
  list = sp_test_hub_get_json (&f->hub, "/services?organization_id=" GROUP_A "&per_page=50", 200);
  text = json_to_string (list, FALSE);
  g_assert_nonnull (strstr (text, "Knit and natter at Tettenhall"));
}

/* The editor chooses the organisation by name, for an invitation and for a new service;
 * an id not in the directory is refused beside the field and nothing is made. */
static void
test_organization_picker (Fixture      *f,
                          gconstpointer data)
{
  g_autoptr (SpTestBrowser) editor = sp_test_manage_signed_in (f, EDITOR);
  g_autofree char *csrf = NULL;

  g_assert_cmpuint (sp_test_browser_get (editor, "/manage/members"), ==, 200);
  g_assert_true (sp_test_browser_shows (editor, "<select id=\"organization\" name=\"organization\""));
  g_assert_true (sp_test_browser_shows (editor, "<option value=\"" GROUP_A "\">Memory Matters Wolverhampton</option>"));
  csrf = sp_test_browser_csrf (editor);
  g_assert_cmpuint (sp_test_browser_post (editor, "/manage/members", "csrf", csrf, "organization", "no-such-group", NULL), ==, 200);
  g_assert_true (sp_test_browser_shows (editor, "id=\"organization-error\""));
  g_assert_false (sp_test_browser_shows (editor, "/manage/join/"));

  g_assert_cmpuint (sp_test_browser_get (editor, "/manage/services/new"), ==, 200);
  g_assert_true (sp_test_browser_shows (editor, "<option value=\"" GROUP_A "\">Memory Matters Wolverhampton</option>"));
  g_clear_pointer (&csrf, g_free);
  csrf = sp_test_browser_csrf (editor);
  g_assert_cmpuint (sp_test_browser_post (editor, "/manage/services/new", "csrf", csrf, "organization", "no-such-group",
                                          "name", "A club of nobody's", NULL), ==, 200);
  g_assert_true (sp_test_browser_shows (editor, "id=\"organization-error\""));
  g_assert_cmpuint (sp_test_manage_pending_changes (f), ==, 0);
  g_assert_cmpuint (sp_test_browser_post (editor, "/manage/services/new", "csrf", csrf, "organization", GROUP_A,
                                          "name", "A club of Memory Matters'", NULL), ==, 200);
  g_assert_true (g_str_has_suffix (editor->location, "?done=saved"));
  g_assert_cmpuint (sp_test_manage_pending_changes (f), ==, 1);
}

/* What `signpost-cli search` finds in @data_dir for @text open at 9:30 on Monday
 * 4 January 2027 (the first Monday of the month): id, tab, name, one a line. */
static char *
client_search_open (const char *data_dir,
                    const char *text)
{
  g_autofree char *out = NULL, *err = NULL;

  if (sp_test_run_cli (&out, &err, "search", text, "--data-dir", data_dir, "--open-now", "--now=2027-01-04T09:30:00Z",
                       NULL) != 0)
    g_error ("signpost-cli search %s failed: %s", text, err);
  return g_steal_pointer (&out);
}

static void
client_sync (const char *url,
             const char *data_dir)
{
  g_autofree char *out = NULL, *err = NULL;

  if (sp_test_run_cli (&out, &err, "sync", url, "--data-dir", data_dir, NULL) != 0)
    g_error ("signpost-cli sync %s failed: %s", url, err);
}

/* In a real browser (tests/manage-browser.py: Debian's chromium, headless, driven by
 * chromium-driver): a member signs in and moves the clinic's first session from 10:00 to
 * 9:00, the editor approves, the public record shows it; then a second data folder syncs
 * from the hub with `signpost-cli sync`, and its search finds the clinic open at 9:30 on
 * the first Monday of January 2027, which it did not before. Each page is drawn at a
 * phone's width and a desktop's into the build folder's tests/screenshots/. */
static void
test_real_browser (Fixture      *f,
                   gconstpointer data)
{
  const char *chromium = g_getenv ("SIGNPOST_CHROMIUM");
  g_autofree char *script = sp_test_source_path ("tests", "manage-browser.py", NULL);
  g_autofree char *shots = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "screenshots", NULL);
  g_autofree char *client = g_build_filename (f->hub.dir, "client", NULL);
  g_autofree char *home = g_strconcat ("HOME=", f->hub.dir, NULL);
  g_autofree char *chromium_env = g_strconcat ("SIGNPOST_CHROMIUM=", chromium != NULL ? chromium : "/usr/bin/chromium", NULL);
  const char *envp[] = { "PATH=/usr/local/bin:/usr/bin:/bin", home, "LC_ALL=C.UTF-8", chromium_env, NULL };
  const char *argv[] = { "/usr/bin/python3", script, f->hub.hub->url, MEMBER_A, PASSPHRASE, EDITOR, PASSPHRASE,
                         CLINIC, "10:00", "09:00", shots, NULL };
  g_autofree char *out = NULL, *err = NULL, *before = NULL, *after = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  if (!g_file_test ("/usr/bin/chromedriver", G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("chromium-driver is not installed (build-aux/dev installs it)");
      return;
    }
  g_assert_cmpint (g_mkdir (client, 0700), ==, 0);
  client_sync (f->hub.hub->url, client);
  before = client_search_open (client, "memory clinic");
  g_assert_null (strstr (before, CLINIC));
  g_spawn_sync (NULL, (char **) argv, (char **) envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_test_message ("%s", out);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("the browser's way through the pages failed: %s\n%s", out, err);
  g_assert_nonnull (strstr (out, "page-loads 4"));

  client_sync (f->hub.hub->url, client);
  after = client_search_open (client, "memory clinic");
  g_test_message ("open at 9:30 on 4 January 2027, after the sync: %s", after);
  g_assert_nonnull (strstr (after, CLINIC));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, sp_test_manage_fixture_set_up, func, sp_test_manage_fixture_tear_down)
  ADD ("/signpost/hub-manage/edit-approve", test_edit_approve);
  ADD ("/signpost/hub-manage/categories", test_categories);
  ADD ("/signpost/hub-manage/every-place", test_every_place);
  ADD ("/signpost/hub-manage/add-and-remove-places", test_add_and_remove_places);
  ADD ("/signpost/hub-manage/reject", test_reject);
  ADD ("/signpost/hub-manage/restore", test_restore);
  ADD ("/signpost/hub-manage/still-correct-and-freshness", test_still_correct_and_freshness);
  ADD ("/signpost/hub-manage/new-service", test_new_service);
  ADD ("/signpost/hub-manage/organization-picker", test_organization_picker);
  ADD ("/signpost/hub-manage/real-browser", test_real_browser);
#undef ADD

  return g_test_run ();
}
