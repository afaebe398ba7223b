/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-hub-manage.c: the hub's /manage/ pages over loopback HTTP: rights, CSRF, sessions, throttling, escaping, moderation end to end.
 *
 * The real signpost-hub serves a copy of the sample directory; the accounts are made with
 * the core (sp-listings.h) as `signpost-hub add-editor` and an editor's invitation would.
 * Each person is a plain browser without script (sp-test-manage.c), which also checks the
 * headers every /manage/ answer carries. Group A is Memory Matters Wolverhampton, group B
 * Bilston Memory Café.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "sp-listings.h"
#include "sp-search-directory.h"
#include "sp-test-hub.h"
#include "sp-test-manage.h"
#include "sp-test-util.h"

#define GROUP_A "1dd5c06e-1e43-58ce-a937-3a2c1877dc92"
#define GROUP_B "451ff7e4-c44c-556e-859c-72702f29b573"
/* Group A's: checked 9 February 2026 (due a review), its first session "10:00". */
#define CLINIC "f781c303-fe4e-58ba-9d62-abc6f61021ac"
#define CLINIC_EDIT "/manage/services/" CLINIC "/edit"
/* Group B's. */
#define CAFE "1c63994a-12ec-5ae3-8d9f-0e240b4ba821"
#define CAFE_EDIT "/manage/services/" CAFE "/edit"

#define EDITOR "editor@example.org"
#define MEMBER_A "a@memorymatters.example.org"
#define MEMBER_B "b@bilstoncafe.example.org"
#define PASSPHRASE "correct horse battery staple"

typedef struct
{
  SpTestHubFixture hub;
  SpDirectory *directory;
  SpListings *listings;
} Fixture;

static void
add_member (Fixture         *f,
            const SpAccount *editor,
            const char      *organization,
            const char      *email)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *token = sp_listings_invite (f->listings, editor, SP_ACCOUNT_ROLE_MEMBER, organization, &error);
  g_autoptr (SpAccount) account = NULL;

  g_assert_no_error (error);
  account = sp_listings_accept_invitation (f->listings, token, email, PASSPHRASE, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *store = NULL;
  g_autoptr (SpAccount) editor = NULL;

  sp_test_hub_fixture_set_up (&f->hub, data);
  store = g_build_filename (f->hub.data_dir, "directory.sqlite", NULL);
  f->directory = sp_search_open_directory (store, &error);
  g_assert_no_error (error);
  f->listings = sp_listings_new (f->directory);
  editor = sp_listings_add_editor (f->listings, EDITOR, PASSPHRASE, &error);
  g_assert_no_error (error);
  add_member (f, editor, GROUP_A, MEMBER_A);
  add_member (f, editor, GROUP_B, MEMBER_B);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_clear_object (&f->listings);
  g_clear_object (&f->directory);
  sp_test_hub_fixture_tear_down (&f->hub, data);
}

static guint
count_of (const char *text,
          const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* A browser signed in as @email, on its listings page. */
static SpTestBrowser *
signed_in (Fixture    *f,
           const char *email)
{
  SpTestBrowser *browser = sp_test_browser_new (f->hub.hub->url);
  g_autoptr (GHashTable) form = NULL;

  g_assert_cmpuint (sp_test_browser_get (browser, "/manage/sign-in"), ==, 200);
  form = sp_test_browser_form_fields (browser, "/manage/sign-in");
  g_hash_table_replace (form, g_strdup ("email"), g_strdup (email));
  g_hash_table_replace (form, g_strdup ("passphrase"), g_strdup (PASSPHRASE));
  g_assert_cmpuint (sp_test_browser_post_form (browser, "/manage/sign-in", form), ==, 200);
  if (g_strcmp0 (browser->location, "/manage/") != 0)
    g_error ("signing in as %s led to %s: %s", email, browser->location, browser->page);
  return browser;
}

/* A service's ORUK JSON as the public API serves it now. */
static JsonObject *
public_service (Fixture    *f,
                const char *id)
{
  g_autofree char *path = g_strconcat ("/services/", id, NULL);
  g_autoptr (JsonNode) node = sp_test_hub_get_json (&f->hub, path, 200);

  return json_object_ref (json_node_get_object (node));
}

static char *
public_description (Fixture    *f,
                    const char *id)
{
  g_autoptr (JsonObject) service = public_service (f, id);

  return g_strdup (json_object_get_string_member_with_default (service, "description", ""));
}

/* Whether a session of service @id, as the public API serves it now, opens at @time. */
static gboolean
has_session_at (Fixture    *f,
                const char *id,
                const char *time)
{
  g_autoptr (JsonObject) service = public_service (f, id);
  JsonArray *schedules = json_object_get_array_member (service, "schedules");

  for (guint i = 0; i < json_array_get_length (schedules); i++)
    if (g_strcmp0 (json_object_get_string_member_with_default (json_array_get_object_element (schedules, i), "opens_at", ""),
                   time) == 0)
      return TRUE;
  return FALSE;
}

static guint
pending_changes (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpAccount) editor = NULL;
  g_autoptr (SpSession) session = NULL;
  g_autofree char *token = sp_listings_sign_in (f->listings, EDITOR, PASSPHRASE, "192.0.2.1", &session, &error);
  g_autoptr (GPtrArray) changes = NULL;

  g_assert_no_error (error);
  changes = sp_listings_list_changes (f->listings, session->account, SP_CHANGE_STATUS_PENDING, &error);
  g_assert_no_error (error);
  g_ptr_array_set_free_func (changes, (GDestroyNotify) sp_listing_change_free);
  sp_listings_sign_out (f->listings, token, NULL);
  return changes->len;
}

/* The edit form of @path with its first session's "10:00" made @time, sent; the status. */
static guint
edit_first_session (SpTestBrowser *browser,
                    const char    *path,
                    const char    *time)
{
  g_autoptr (GHashTable) form = NULL;
  g_autoptr (GString) schedule = NULL;

  g_assert_cmpuint (sp_test_browser_get (browser, path), ==, 200);
  form = sp_test_browser_form_fields (browser, path);
  schedule = g_string_new (g_hash_table_lookup (form, "schedule"));
  g_assert_nonnull (strstr (schedule->str, "10:00"));
  g_string_replace (schedule, "10:00", time, 1);
  g_hash_table_replace (form, g_strdup ("schedule"), g_strdup (schedule->str));
  return sp_test_browser_post_form (browser, path, form);
}

/* The id of the newest change in the editor's list of changes. */
static char *
newest_change (SpTestBrowser *editor)
{
  const char *link;

  g_assert_cmpuint (sp_test_browser_get (editor, "/manage/changes"), ==, 200);
  link = strstr (editor->page, "href=\"/manage/changes/");
  g_assert_nonnull (link);
  link += strlen ("href=\"");
  return g_strndup (link, strcspn (link, "\"?"));
}

static guint
decide (SpTestBrowser *editor,
        const char    *change,
        const char    *decision,
        const char    *note)
{
  g_autoptr (GHashTable) form = NULL;

  g_assert_cmpuint (sp_test_browser_get (editor, change), ==, 200);
  form = sp_test_browser_form_fields (editor, change);
  g_hash_table_replace (form, g_strdup ("decision"), g_strdup (decision));
  g_hash_table_replace (form, g_strdup ("note"), g_strdup (note));
  return sp_test_browser_post_form (editor, change, form);
}

/* The whole way: a member signs in and edits a session's time in at most 4 page loads;
 * it is pending (the public still sees the old time); the editor approves; the new time
 * is in /services/{id} and /sync at once. */
static void
test_edit_approve (Fixture      *f,
                   gconstpointer data)
{
  g_autoptr (SpTestBrowser) member = signed_in (f, MEMBER_A);
  g_autoptr (SpTestBrowser) editor = NULL;
  g_autoptr (SpTestResponse) sync = NULL;
  g_autofree char *change = NULL, *feed = NULL, *since = NULL, *delta_path = NULL;

  g_assert_true (sp_test_browser_shows (member, "Memory Matters pop-up memory clinic"));
  g_assert_true (sp_test_browser_shows (member, "Not confirmed for 6 months"));
  g_assert_false (sp_test_browser_shows (member, "Bilston Memory Café"));
  g_assert_cmpuint (edit_first_session (member, CLINIC_EDIT, "10:30"), ==, 200);
  g_assert_true (g_str_has_prefix (member->location, "/manage/changes/"));
  g_assert_true (g_str_has_suffix (member->location, "?done=saved"));
  g_assert_true (sp_test_browser_shows (member, "waiting for the editor"));
  g_test_message ("figure: sign-in page to an edited listing in %u page loads (%u requests)", member->page_loads,
                  member->requests);
  g_assert_cmpuint (member->page_loads, <=, 4);
  g_assert_false (has_session_at (f, CLINIC, "10:30"));

  editor = signed_in (f, EDITOR);
  change = newest_change (editor);
  g_assert_cmpuint (sp_test_browser_get (editor, change), ==, 200);
  g_assert_true (sp_test_browser_shows (editor, "10:30"));
  g_assert_true (sp_test_browser_shows (editor, "<del>"));
  /* Applied at once: the next answers show it, and a kiosk's next delta holds it (timed by
   * bench-hub-manage). */
  since = sp_test_hub_sync_query (f->hub.hub->url);
  delta_path = g_strconcat ("/sync?", since, NULL);
  g_assert_cmpuint (decide (editor, change, "approve", "Thanks"), ==, 200);
  sync = sp_test_hub_get (&f->hub, delta_path, NULL);
  feed = sp_test_response_text (sync);
  g_assert_null (strstr (feed, "\"full\":true"));
  g_assert_nonnull (strstr (feed, CLINIC));
  g_assert_nonnull (strstr (feed, "\"opens_at\":\"10:30\""));
  g_assert_true (has_session_at (f, CLINIC, "10:30"));
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

#define MEMORY_CLINICS "20e693e9-c87c-553f-9e29-77788831a2e2"
#define BEFRIENDING "1f39fd38-79ea-590c-91c4-918f701857ac"

/* A member chooses the service's categories from check boxes under each top-level topic:
 * the editor's difference names what is added and removed, and once approved the public
 * sees it; a term the taxonomy lacks is refused beside the field and nothing is saved. */
static void
test_categories (Fixture      *f,
                 gconstpointer data)
{
  g_autoptr (SpTestBrowser) member = signed_in (f, MEMBER_A);
  g_autoptr (SpTestBrowser) editor = NULL;
  g_autoptr (GHashTable) form = NULL;
  g_autoptr (JsonObject) service = NULL;
  g_autofree char *change = NULL, *attributes = NULL;

  g_assert_cmpuint (sp_test_browser_get (member, CLINIC_EDIT), ==, 200);
  g_assert_true (sp_test_browser_shows (member, "<legend>Memory &amp; dementia</legend>"));
  g_assert_true (sp_test_browser_shows (member, "<label for=\"category-" BEFRIENDING "\">Befriending</label>"));
  form = sp_test_browser_form_fields (member, CLINIC_EDIT);
  g_assert_true (g_hash_table_contains (form, "category-" MEMORY_CLINICS));
  g_assert_false (g_hash_table_contains (form, "category-" BEFRIENDING));

  /* An id not in the taxonomy: refused beside the field, nothing saved. */
  g_hash_table_replace (form, g_strdup ("category-not-a-term"), g_strdup ("yes"));
  g_assert_cmpuint (sp_test_browser_post_form (member, CLINIC_EDIT, form), ==, 200);
  g_assert_true (sp_test_browser_shows (member, "id=\"categories-error\""));
  g_assert_true (sp_test_browser_shows (member, "href=\"#categories\""));
  g_assert_cmpuint (pending_changes (f), ==, 0);

  g_hash_table_remove (form, "category-not-a-term");
  g_hash_table_remove (form, "category-" MEMORY_CLINICS);
  g_hash_table_replace (form, g_strdup ("category-" BEFRIENDING), g_strdup ("yes"));
  g_assert_cmpuint (sp_test_browser_post_form (member, CLINIC_EDIT, form), ==, 200);
  g_assert_true (g_str_has_suffix (member->location, "?done=saved"));
  g_assert_cmpuint (pending_changes (f), ==, 1);

  editor = signed_in (f, EDITOR);
  change = newest_change (editor);
  g_assert_cmpuint (sp_test_browser_get (editor, change), ==, 200);
  g_assert_true (sp_test_browser_shows (editor, "<ins>Befriending</ins>"));
  g_assert_true (sp_test_browser_shows (editor, "<del>Memory clinics</del>"));
  g_assert_cmpuint (decide (editor, change, "approve", "Thanks"), ==, 200);
  service = public_service (f, CLINIC);
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
  g_autoptr (SpTestBrowser) member = signed_in (f, MEMBER_A);
  g_autoptr (SpTestBrowser) editor = signed_in (f, EDITOR);
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
  g_assert_cmpuint (pending_changes (f), ==, 0);

  /* The editor may. */
  g_assert_cmpuint (sp_test_browser_get (editor, CLINIC_EDIT), ==, 200);
  g_clear_pointer (&form, g_hash_table_unref);
  form = sp_test_browser_form_fields (editor, CLINIC_EDIT);
  g_hash_table_replace (form, g_strdup ("postcode-4"), g_strdup ("WV9 5NZ"));
  g_assert_cmpuint (sp_test_browser_post_form (editor, CLINIC_EDIT, form), ==, 200);
  g_assert_true (g_str_has_suffix (editor->location, "?done=saved"));
  change = newest_change (editor);
  g_assert_cmpuint (decide (editor, change, "approve", "Thanks"), ==, 200);
  service = public_service (f, CLINIC);
  node = json_node_init_array (json_node_alloc (), json_object_get_array_member (service, "service_at_locations"));
  places = json_to_string (node, FALSE);
  g_assert_nonnull (strstr (places, "WV9 5NZ"));
  g_assert_null (strstr (places, "WV9 5NJ"));
}

/* A member of group A can neither read nor change group B's services or changes, by any
 * route: its pages, an id swapped in the path or the body, or B's own form replayed. */
static void
test_other_group (Fixture      *f,
                  gconstpointer data)
{
  g_autoptr (SpTestBrowser) a = signed_in (f, MEMBER_A);
  g_autoptr (SpTestBrowser) b = signed_in (f, MEMBER_B);
  g_autoptr (GHashTable) b_form = NULL;
  g_autofree char *a_csrf = NULL;
  g_autofree char *b_change = NULL;
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr (SpTestBrowser) editor = NULL;

  before = public_description (f, CAFE);
  /* B proposes a change: A must not see it. */
  g_assert_cmpuint (sp_test_browser_get (b, CAFE_EDIT), ==, 200);
  b_form = sp_test_browser_form_fields (b, CAFE_EDIT);
  g_hash_table_replace (b_form, g_strdup ("description"), g_strdup ("B's secret plan"));
  g_assert_cmpuint (sp_test_browser_post_form (b, CAFE_EDIT, b_form), ==, 200);
  editor = signed_in (f, EDITOR);
  b_change = newest_change (editor);
  g_assert_cmpuint (pending_changes (f), ==, 1);

  g_assert_cmpuint (sp_test_browser_get (a, "/manage/changes"), ==, 200);
  g_assert_false (sp_test_browser_shows (a, "secret plan"));
  g_assert_false (sp_test_browser_shows (a, "Bilston"));
  g_assert_cmpuint (sp_test_browser_get (a, b_change), ==, 404);
  g_assert_false (sp_test_browser_shows (a, "secret"));
  g_assert_cmpuint (sp_test_browser_get (a, CAFE_EDIT), ==, 404);
  g_assert_false (sp_test_browser_shows (a, "Bilston"));
  g_assert_cmpuint (sp_test_browser_get (a, "/manage/services/" CAFE "/history"), ==, 404);
  g_assert_cmpuint (sp_test_browser_get (a, "/manage/freshness"), ==, 404);
  g_assert_cmpuint (sp_test_browser_get (a, "/manage/members"), ==, 404);

  /* A's own token, B's service in the path. */
  g_assert_cmpuint (sp_test_browser_get (a, "/manage/"), ==, 200);
  a_csrf = sp_test_browser_csrf (a);
  g_hash_table_replace (b_form, g_strdup ("csrf"), g_strdup (a_csrf));
  g_hash_table_replace (b_form, g_strdup ("description"), g_strdup ("A was here"));
  g_assert_cmpuint (sp_test_browser_post_form (a, CAFE_EDIT, b_form), ==, 404);
  g_assert_cmpuint (sp_test_browser_post (a, "/manage/services/" CAFE "/confirm", "csrf", a_csrf, NULL), ==, 404);
  g_assert_cmpuint (sp_test_browser_post (a, b_change, "csrf", a_csrf, "decision", "approve", NULL), ==, 404);
  g_assert_cmpuint (sp_test_browser_post (a, "/manage/services/" CAFE "/history", "csrf", a_csrf, "version", "1", NULL), ==, 404);
  /* A's service in the path, B's in the body: the body's ids are not what the page acts on. */
  g_hash_table_replace (b_form, g_strdup ("id"), g_strdup (CAFE));
  g_hash_table_replace (b_form, g_strdup ("service_id"), g_strdup (CAFE));
  g_hash_table_replace (b_form, g_strdup ("organization_id"), g_strdup (GROUP_B));
  g_hash_table_remove (b_form, "version");
  g_assert_cmpuint (sp_test_browser_post_form (a, CLINIC_EDIT, b_form), !=, 500);
  /* B's own form, replayed with A's cookies (B's token): refused. */
  g_hash_table_replace (b_form, g_strdup ("csrf"), sp_test_browser_csrf (b));
  g_assert_cmpuint (sp_test_browser_post_form (a, CAFE_EDIT, b_form), ==, 403);

  after = public_description (f, CAFE);
  g_assert_cmpstr (before, ==, after);
  {
    g_autoptr (JsonObject) cafe = public_service (f, CAFE);
    g_assert_cmpstr (json_object_get_string_member_with_default (cafe, "description", ""), !=, "A was here");
    g_assert_cmpstr (json_object_get_string_member_with_default (cafe, "assured_date", ""), ==, "2025-11-22");
  }
  /* Nothing of A's reached B's service: the pending changes are B's one and A's (of its own). */
  g_assert_cmpuint (sp_test_browser_get (b, "/manage/changes"), ==, 200);
  g_assert_false (sp_test_browser_shows (b, "A was here"));
}

/* A POST without the CSRF token, with a wrong one, or with another session's is a 403 and
 * changes nothing; so is one signed out, and a form replayed after signing out. */
static void
test_csrf_and_signed_out (Fixture      *f,
                          gconstpointer data)
{
  g_autoptr (SpTestBrowser) a = signed_in (f, MEMBER_A);
  g_autoptr (SpTestBrowser) other = signed_in (f, MEMBER_A);
  g_autoptr (SpTestBrowser) nobody = sp_test_browser_new (f->hub.hub->url);
  g_autoptr (GHashTable) form = NULL;
  g_autofree char *sign_out_csrf = NULL;

  g_assert_cmpuint (sp_test_browser_get (a, CLINIC_EDIT), ==, 200);
  form = sp_test_browser_form_fields (a, CLINIC_EDIT);
  g_hash_table_replace (form, g_strdup ("description"), g_strdup ("Changed by a forged form"));

  g_hash_table_remove (form, "csrf");
  g_assert_cmpuint (sp_test_browser_post_form (a, CLINIC_EDIT, form), ==, 403);
  g_hash_table_replace (form, g_strdup ("csrf"), g_strdup ("0123456789abcdef"));
  g_assert_cmpuint (sp_test_browser_post_form (a, CLINIC_EDIT, form), ==, 403);
  g_assert_cmpuint (sp_test_browser_get (other, "/manage/"), ==, 200);
  g_hash_table_replace (form, g_strdup ("csrf"), sp_test_browser_csrf (other));
  g_assert_cmpuint (sp_test_browser_post_form (a, CLINIC_EDIT, form), ==, 403);
  g_assert_cmpuint (sp_test_browser_post (a, "/manage/services/" CLINIC "/confirm", "note", "", NULL), ==, 403);
  /* Signed out: no cookie at all. */
  g_assert_cmpuint (sp_test_browser_post_form (nobody, CLINIC_EDIT, form), ==, 403);
  g_assert_cmpuint (sp_test_browser_get (nobody, "/manage/"), ==, 200);
  g_assert_cmpstr (nobody->location, ==, "/manage/sign-in");
  /* The sign-in form too carries a token, tied to its own cookie. */
  g_assert_cmpuint (sp_test_browser_post (nobody, "/manage/sign-in", "email", MEMBER_A, "passphrase", PASSPHRASE, NULL),
                    ==, 403);
  g_assert_cmpuint (g_hash_table_size (nobody->cookies), <=, 1);

  /* A real form, replayed after signing out. */
  g_assert_cmpuint (sp_test_browser_get (a, CLINIC_EDIT), ==, 200);
  g_clear_pointer (&form, g_hash_table_unref);
  form = sp_test_browser_form_fields (a, CLINIC_EDIT);
  g_hash_table_replace (form, g_strdup ("description"), g_strdup ("Replayed after sign-out"));
  {
    g_autoptr (GHashTable) cookies = g_hash_table_ref (a->cookies);
    g_autoptr (GHashTable) kept = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    GHashTableIter iter;
    gpointer name, value;

    g_hash_table_iter_init (&iter, cookies);
    while (g_hash_table_iter_next (&iter, &name, &value))
      g_hash_table_insert (kept, g_strdup (name), g_strdup (value));
    sign_out_csrf = sp_test_browser_csrf (a);
    g_assert_cmpuint (sp_test_browser_post (a, "/manage/sign-out", "csrf", sign_out_csrf, NULL), ==, 200);
    g_assert_cmpstr (a->location, ==, "/manage/sign-in?done=signed-out");
    /* The old cookie, as an attacker who kept it would send it. */
    g_hash_table_remove_all (a->cookies);
    g_hash_table_iter_init (&iter, kept);
    while (g_hash_table_iter_next (&iter, &name, &value))
      g_hash_table_insert (a->cookies, g_strdup (name), g_strdup (value));
  }
  g_assert_cmpuint (sp_test_browser_post_form (a, CLINIC_EDIT, form), ==, 403);
  g_assert_cmpuint (pending_changes (f), ==, 0);

  /* Signing out everywhere ends the other browser's session too. */
  g_assert_cmpuint (sp_test_browser_get (other, "/manage/"), ==, 200);
  g_clear_pointer (&sign_out_csrf, g_free);
  sign_out_csrf = sp_test_browser_csrf (other);
  {
    g_autoptr (SpTestBrowser) third = signed_in (f, MEMBER_A);
    g_autofree char *csrf = sp_test_browser_csrf (third);

    g_assert_cmpuint (sp_test_browser_post (third, "/manage/sign-out", "csrf", csrf, "everywhere", "1", NULL), ==, 200);
  }
  g_assert_cmpuint (sp_test_browser_get (other, "/manage/"), ==, 200);
  g_assert_cmpstr (other->location, ==, "/manage/sign-in");
}

/* A flood of wrong passphrases is throttled: 429, a page saying how long to wait, and
 * then even the right passphrase waits. */
static void
test_sign_in_throttled (Fixture      *f,
                        gconstpointer data)
{
  g_autoptr (SpTestBrowser) browser = sp_test_browser_new (f->hub.hub->url);
  guint throttled = 0;

  g_assert_cmpuint (sp_test_browser_get (browser, "/manage/sign-in"), ==, 200);
  for (guint i = 0; i < 30 && throttled == 0; i++)
    {
      g_autofree char *csrf = sp_test_browser_csrf (browser);
      guint status;

      if (csrf == NULL)
        {
          g_assert_cmpuint (sp_test_browser_get (browser, "/manage/sign-in"), ==, 200);
          csrf = sp_test_browser_csrf (browser);
        }
      status = sp_test_browser_post (browser, "/manage/sign-in", "csrf", csrf, "email", MEMBER_A, "passphrase",
                                     "wrong passphrase", NULL);
      if (status == 429)
        throttled = i + 1;
      else
        g_assert_cmpuint (status, ==, 200);
    }
  g_test_message ("throttled after %u wrong passphrases", throttled);
  g_assert_cmpuint (throttled, >, 1);
  g_assert_nonnull (soup_message_headers_get_one (browser->headers, "Retry-After"));
  g_assert_true (sp_test_browser_shows (browser, "Wait "));
  {
    g_autofree char *csrf = NULL;

    g_assert_cmpuint (sp_test_browser_get (browser, "/manage/sign-in"), ==, 200);
    csrf = sp_test_browser_csrf (browser);
    g_assert_cmpuint (sp_test_browser_post (browser, "/manage/sign-in", "csrf", csrf, "email", MEMBER_A, "passphrase",
                                            PASSPHRASE, NULL), ==, 429);
  }
}

#define MARKUP "<script>alert(1)</script>\"'&<b>"
/* The quote and apostrophe as GLib escapes them (&apos; or &#39;, by version) left out. */
#define MARKUP_ESCAPED "&lt;script&gt;alert(1)&lt;/script&gt;&quot;"

/* Markup typed into every field comes back as text: in the form sent back with a problem,
 * in the change the editor reads, in the listing's pages. */
static void
test_markup_escaped (Fixture      *f,
                     gconstpointer data)
{
  static const char *fields[] = { "name", "description", "schedule", "location_name", "address", "town", "postcode",
                                  "access", "phone", "email", "website", "cost", "languages" };
  g_autoptr (SpTestBrowser) a = signed_in (f, MEMBER_A);
  g_autoptr (SpTestBrowser) editor = NULL;
  g_autoptr (GHashTable) form = NULL;
  g_autofree char *change = NULL;

  g_assert_cmpuint (sp_test_browser_get (a, CLINIC_EDIT), ==, 200);
  form = sp_test_browser_form_fields (a, CLINIC_EDIT);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_hash_table_replace (form, g_strdup (fields[i]), g_strdup (MARKUP));
  g_assert_cmpuint (sp_test_browser_post_form (a, CLINIC_EDIT, form), ==, 200);
  /* Problems (a bad email, a session that is no schedule): the form comes back. */
  g_assert_true (sp_test_browser_shows (a, "class=\"error-summary\""));
  g_assert_true (sp_test_browser_shows (a, "aria-describedby=\"email-error\""));
  g_assert_true (sp_test_browser_shows (a, "href=\"#email\""));
  g_assert_null (strstr (a->page, "<script>"));
  g_assert_null (strstr (a->page, "<b>"));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *needle = g_strdup_printf ("id=\"%s\"", fields[i]);
      g_assert_nonnull (strstr (a->page, needle));
    }
  if (strstr (a->page, MARKUP_ESCAPED) == NULL)
    g_error ("the markup typed did not come back escaped: %s", a->page);
  g_assert_cmpuint (pending_changes (f), ==, 0);

  /* Markup in the fields of free text: saved, and escaped wherever it is shown. */
  {
    /* Not the place's: the clinic's library is other groups' place too, which only the
     * editor changes. */
    static const char *text_fields[] = { "name", "description", "cost", "languages" };

    g_assert_cmpuint (sp_test_browser_get (a, CLINIC_EDIT), ==, 200);
    g_clear_pointer (&form, g_hash_table_unref);
    form = sp_test_browser_form_fields (a, CLINIC_EDIT);
    for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
      g_hash_table_replace (form, g_strdup (text_fields[i]), g_strdup (MARKUP));
  }
  g_assert_cmpuint (sp_test_browser_post_form (a, CLINIC_EDIT, form), ==, 200);
  if (!g_str_has_suffix (a->location, "?done=saved"))
    g_error ("markup in free text was refused: %s", a->page);
  editor = signed_in (f, EDITOR);
  change = newest_change (editor);
  g_assert_null (strstr (editor->page, "<script>"));
  g_assert_cmpuint (sp_test_browser_get (editor, change), ==, 200);
  g_assert_null (strstr (editor->page, "<script>"));
  g_assert_nonnull (strstr (editor->page, "&lt;script&gt;"));
  g_assert_cmpuint (decide (editor, change, "reject", MARKUP), ==, 200);
  g_assert_cmpuint (sp_test_browser_get (a, "/manage/changes"), ==, 200);
  g_assert_null (strstr (a->page, "<script>"));
  g_assert_nonnull (strstr (a->page, MARKUP_ESCAPED));
}

/* Rejected: the service stays as it was, the member sees the outcome and the note; a
 * replayed approval of it changes nothing. */
static void
test_reject (Fixture      *f,
             gconstpointer data)
{
  g_autoptr (SpTestBrowser) a = signed_in (f, MEMBER_A);
  g_autoptr (SpTestBrowser) editor = signed_in (f, EDITOR);
  g_autofree char *change = NULL;

  g_assert_cmpuint (edit_first_session (a, CLINIC_EDIT, "09:00"), ==, 200);
  change = newest_change (editor);
  g_assert_cmpuint (decide (editor, change, "reject", "Please call us first"), ==, 200);
  g_assert_cmpuint (sp_test_browser_get (a, "/manage/changes"), ==, 200);
  g_assert_true (sp_test_browser_shows (a, "Not approved"));
  g_assert_true (sp_test_browser_shows (a, "Please call us first"));
  {
    g_autofree char *csrf = sp_test_browser_csrf (editor);
    g_assert_cmpuint (sp_test_browser_post (editor, change, "csrf", csrf, "decision", "approve", NULL), ==, 409);
  }
  g_assert_false (has_session_at (f, CLINIC, "09:00"));
  g_assert_true (has_session_at (f, CLINIC, "10:00"));
}

/* The editor restores the version an approved change replaced. */
static void
test_restore (Fixture      *f,
              gconstpointer data)
{
  g_autoptr (SpTestBrowser) a = signed_in (f, MEMBER_A);
  g_autoptr (SpTestBrowser) editor = signed_in (f, EDITOR);
  g_autoptr (GHashTable) form = NULL;
  g_autofree char *change = NULL;

  g_assert_cmpuint (edit_first_session (a, CLINIC_EDIT, "11:00"), ==, 200);
  change = newest_change (editor);
  g_assert_cmpuint (decide (editor, change, "approve", ""), ==, 200);
  g_assert_true (has_session_at (f, CLINIC, "11:00"));
  g_assert_cmpuint (sp_test_browser_get (editor, "/manage/services/" CLINIC "/history"), ==, 200);
  form = sp_test_browser_form_fields (editor, "/manage/services/" CLINIC "/history");
  g_assert_cmpuint (sp_test_browser_post_form (editor, "/manage/services/" CLINIC "/history", form), ==, 200);
  g_assert_true (sp_test_browser_shows (editor, "restored"));
  g_assert_false (has_session_at (f, CLINIC, "11:00"));
}

/* "Still correct": one step, applied at once; the flag goes; kiosks get it by /sync. */
static void
test_still_correct_and_freshness (Fixture      *f,
                                  gconstpointer data)
{
  g_autoptr (SpTestBrowser) a = signed_in (f, MEMBER_A);
  g_autoptr (SpTestBrowser) editor = signed_in (f, EDITOR);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr (JsonObject) before = public_service (f, CLINIC);
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
  after = public_service (f, CLINIC);
  g_assert_cmpstr (json_object_get_string_member (after, "assured_date"), ==, today);
  g_assert_cmpuint (pending_changes (f), ==, 0);

  g_assert_cmpuint (sp_test_browser_get (editor, "/manage/freshness"), ==, 200);
  g_assert_false (sp_test_browser_shows (editor, "Memory Matters pop-up memory clinic"));
  g_assert_true (sp_test_browser_shows (editor, "Living Well with Memory Loss course"));
  /* Over a year unconfirmed: the public page says it may be out of date, until its group
   * confirms it. */
  {
    g_autoptr (SpTestBrowser) b = signed_in (f, MEMBER_B);
    g_autoptr (SpTestResponse) stale = sp_test_hub_get (&f->hub, "/services/" CAFE, "Accept", "text/html", NULL);
    g_autoptr (SpTestResponse) fresh = NULL;
    g_autofree char *stale_text = sp_test_response_text (stale);
    g_autofree char *fresh_text = NULL;
    g_autofree char *b_csrf = sp_test_browser_csrf (b);

    g_assert_nonnull (strstr (stale_text, "more than a year ago: it may be out of date"));
    g_assert_true (sp_test_browser_shows (b, "Not confirmed for 6 months"));
    g_assert_cmpuint (sp_test_browser_post (b, "/manage/services/" CAFE "/confirm", "csrf", b_csrf, NULL), ==, 200);
    /* The café is no longer flagged; the group's singing group still is. */
    g_assert_cmpuint (count_of (b->page, "Not confirmed for 6 months"), ==, 1);
    fresh = sp_test_hub_get (&f->hub, "/services/" CAFE, "Accept", "text/html", NULL);
    fresh_text = sp_test_response_text (fresh);
    g_assert_null (strstr (fresh_text, "may be out of date"));
  }
  g_assert_cmpuint (sp_test_browser_get (editor, "/manage/freshness/contacts.csv"), ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (editor->headers, NULL), ==, "text/csv");
  g_assert_true (sp_test_browser_shows (editor, "Memory Matters"));
}

/* The editor invites someone: a one-time link; its page signs them up; they sign in. */
static void
test_invitation (Fixture      *f,
                 gconstpointer data)
{
  g_autoptr (SpTestBrowser) editor = signed_in (f, EDITOR);
  g_autoptr (SpTestBrowser) newcomer = sp_test_browser_new (f->hub.hub->url);
  g_autoptr (GHashTable) form = NULL;
  g_autofree char *link = NULL;
  const char *code;

  g_assert_cmpuint (sp_test_browser_get (editor, "/manage/members"), ==, 200);
  g_assert_true (sp_test_browser_shows (editor, MEMBER_A));
  {
    g_autofree char *csrf = sp_test_browser_csrf (editor);

    g_assert_cmpuint (sp_test_browser_post (editor, "/manage/members", "csrf", csrf, "organization", GROUP_B, NULL), ==, 200);
  }
  code = strstr (editor->page, "<code>");
  g_assert_nonnull (code);
  code += strlen ("<code>");
  link = g_strndup (code, strcspn (code, "<"));
  g_assert_true (g_str_has_prefix (link, "/manage/join/"));

  g_assert_cmpuint (sp_test_browser_get (newcomer, link), ==, 200);
  g_clear_pointer (&form, g_hash_table_unref);
  form = sp_test_browser_form_fields (newcomer, link);
  g_hash_table_replace (form, g_strdup ("email"), g_strdup ("new@bilstoncafe.example.org"));
  g_hash_table_replace (form, g_strdup ("passphrase"), g_strdup (PASSPHRASE));
  g_hash_table_replace (form, g_strdup ("passphrase2"), g_strdup (PASSPHRASE));
  g_assert_cmpuint (sp_test_browser_post_form (newcomer, link, form), ==, 200);
  g_assert_cmpstr (newcomer->location, ==, "/manage/sign-in?done=joined");
  /* Used once. */
  g_assert_cmpuint (sp_test_browser_get (newcomer, link), !=, 200);
  {
    g_autoptr (SpTestBrowser) member = signed_in (f, "new@bilstoncafe.example.org");
    g_assert_true (sp_test_browser_shows (member, "Bilston Memory Café"));
  }
}

/* The editor disables a member: its open session ends at once, it cannot sign in, and
 * enabled again it can. */
static void
test_disable_account (Fixture      *f,
                      gconstpointer data)
{
  g_autoptr (SpTestBrowser) editor = signed_in (f, EDITOR);
  g_autoptr (SpTestBrowser) b = signed_in (f, MEMBER_B);
  g_autoptr (SpTestBrowser) again = sp_test_browser_new (f->hub.hub->url);
  g_autoptr (GHashTable) form = NULL;
  g_autofree char *action = NULL;
  const char *row;

  g_assert_cmpuint (sp_test_browser_get (editor, "/manage/members"), ==, 200);
  /* B's row's form: the first after B's address. */
  row = strstr (editor->page, MEMBER_B);
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (row, "name=\"account\""));
  {
    const char *value = strstr (row, "name=\"account\" value=\"") + strlen ("name=\"account\" value=\"");
    g_autofree char *account = g_strndup (value, strcspn (value, "\""));
    g_autofree char *csrf = sp_test_browser_csrf (editor);

    g_assert_cmpuint (sp_test_browser_post (editor, "/manage/members", "csrf", csrf, "account", account, "disable", "1",
                                            NULL), ==, 200);
    g_assert_true (sp_test_browser_shows (editor, "disabled"));
    g_assert_cmpuint (sp_test_browser_get (b, "/manage/"), ==, 200);
    g_assert_cmpstr (b->location, ==, "/manage/sign-in");
    g_assert_cmpuint (sp_test_browser_get (again, "/manage/sign-in"), ==, 200);
    form = sp_test_browser_form_fields (again, "/manage/sign-in");
    g_hash_table_replace (form, g_strdup ("email"), g_strdup (MEMBER_B));
    g_hash_table_replace (form, g_strdup ("passphrase"), g_strdup (PASSPHRASE));
    g_assert_cmpuint (sp_test_browser_post_form (again, "/manage/sign-in", form), ==, 200);
    g_assert_cmpstr (again->location, ==, "/manage/sign-in");
    g_assert_true (sp_test_browser_shows (again, "error-summary"));

    g_clear_pointer (&csrf, g_free);
    csrf = sp_test_browser_csrf (editor);
    g_assert_cmpuint (sp_test_browser_post (editor, "/manage/members", "csrf", csrf, "account", account, "disable", "0",
                                            NULL), ==, 200);
  }
  {
    g_autoptr (SpTestBrowser) back = signed_in (f, MEMBER_B);
    g_assert_true (sp_test_browser_shows (back, "Bilston Memory Café"));
  }
  /* A member cannot disable anyone. */
  {
    g_autoptr (SpTestBrowser) a = signed_in (f, MEMBER_A);
    g_autofree char *a_csrf = sp_test_browser_csrf (a);

    g_assert_cmpuint (sp_test_browser_post (a, "/manage/members", "csrf", a_csrf, "account", "1", "disable", "1", NULL),
                      ==, 404);
  }
}

/* A member proposes a new service of its own group (whatever organisation the form names);
 * approved, it is in the directory. */
static void
test_new_service (Fixture      *f,
                  gconstpointer data)
{
  g_autoptr (SpTestBrowser) a = signed_in (f, MEMBER_A);
  g_autoptr (SpTestBrowser) editor = signed_in (f, EDITOR);
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
  change = newest_change (editor);
  g_assert_cmpuint (decide (editor, change, "approve", ""), ==, 200);
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
  g_autoptr (SpTestBrowser) editor = signed_in (f, EDITOR);
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
  g_assert_cmpuint (pending_changes (f), ==, 0);
  g_assert_cmpuint (sp_test_browser_post (editor, "/manage/services/new", "csrf", csrf, "organization", GROUP_A,
                                          "name", "A club of Memory Matters'", NULL), ==, 200);
  g_assert_true (g_str_has_suffix (editor->location, "?done=saved"));
  g_assert_cmpuint (pending_changes (f), ==, 1);
}

/* A form over the size cap, or not urlencoded, is refused before it reaches a page. */
static void
test_form_limits (Fixture      *f,
                  gconstpointer data)
{
  g_autofree char *big = g_strnfill (70 * 1024, 'x');
  g_autofree char *request = g_strdup_printf ("POST /manage/sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: "
                                              "application/x-www-form-urlencoded\r\nContent-Length: %zu\r\n\r\nemail=%s",
                                              strlen (big) + 6, big);
  g_autofree char *json = g_strdup ("POST /manage/sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                    "Content-Length: 2\r\nConnection: close\r\n\r\n{}");
  g_autofree char *answer = NULL, *answer2 = NULL;
  guint status = 0;

  answer = sp_test_http_raw (f->hub.hub->url, request, strlen (request), &status);
  g_assert_cmpuint (status, ==, 413);
  answer2 = sp_test_http_raw (f->hub.hub->url, json, strlen (json), &status);
  g_assert_cmpuint (status, ==, 415);
  g_assert_nonnull (strstr (answer2, "Content-Security-Policy: default-src 'none'"));
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

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/signpost/hub-manage/edit-approve", test_edit_approve);
  ADD ("/signpost/hub-manage/categories", test_categories);
  ADD ("/signpost/hub-manage/every-place", test_every_place);
  ADD ("/signpost/hub-manage/other-group", test_other_group);
  ADD ("/signpost/hub-manage/csrf-and-signed-out", test_csrf_and_signed_out);
  ADD ("/signpost/hub-manage/sign-in-throttled", test_sign_in_throttled);
  ADD ("/signpost/hub-manage/markup-escaped", test_markup_escaped);
  ADD ("/signpost/hub-manage/reject", test_reject);
  ADD ("/signpost/hub-manage/restore", test_restore);
  ADD ("/signpost/hub-manage/still-correct-and-freshness", test_still_correct_and_freshness);
  ADD ("/signpost/hub-manage/invitation", test_invitation);
  ADD ("/signpost/hub-manage/disable-account", test_disable_account);
  ADD ("/signpost/hub-manage/new-service", test_new_service);
  ADD ("/signpost/hub-manage/organization-picker", test_organization_picker);
  ADD ("/signpost/hub-manage/form-limits", test_form_limits);
  ADD ("/signpost/hub-manage/real-browser", test_real_browser);
#undef ADD

  return g_test_run ();
}
