/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-hub-manage.c: the hub's /manage/ pages over loopback HTTP: rights, CSRF, sessions, throttling, escaping, accounts.
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

/* A member of group A can neither read nor change group B's services or changes, by any
 * route: its pages, an id swapped in the path or the body, or B's own form replayed. */
static void
test_other_group (Fixture      *f,
                  gconstpointer data)
{
  g_autoptr (SpTestBrowser) a = sp_test_manage_signed_in (f, MEMBER_A);
  g_autoptr (SpTestBrowser) b = sp_test_manage_signed_in (f, MEMBER_B);
  g_autoptr (GHashTable) b_form = NULL;
  g_autofree char *a_csrf = NULL;
  g_autofree char *b_change = NULL;
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr (SpTestBrowser) editor = NULL;

  before = sp_test_manage_public_description (f, CAFE);
  /* B proposes a change: A must not see it. */
  g_assert_cmpuint (sp_test_browser_get (b, CAFE_EDIT), ==, 200);
  b_form = sp_test_browser_form_fields (b, CAFE_EDIT);
  g_hash_table_replace (b_form, g_strdup ("description"), g_strdup ("B's secret plan"));
  g_assert_cmpuint (sp_test_browser_post_form (b, CAFE_EDIT, b_form), ==, 200);
  editor = sp_test_manage_signed_in (f, EDITOR);
  b_change = sp_test_manage_newest_change (editor);
  g_assert_cmpuint (sp_test_manage_pending_changes (f), ==, 1);

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

  after = sp_test_manage_public_description (f, CAFE);
  g_assert_cmpstr (before, ==, after);
  {
    g_autoptr (JsonObject) cafe = sp_test_manage_public_service (f, CAFE);
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
  g_autoptr (SpTestBrowser) a = sp_test_manage_signed_in (f, MEMBER_A);
  g_autoptr (SpTestBrowser) other = sp_test_manage_signed_in (f, MEMBER_A);
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
  g_assert_cmpuint (sp_test_manage_pending_changes (f), ==, 0);

  /* Signing out everywhere ends the other browser's session too. */
  g_assert_cmpuint (sp_test_browser_get (other, "/manage/"), ==, 200);
  g_clear_pointer (&sign_out_csrf, g_free);
  sign_out_csrf = sp_test_browser_csrf (other);
  {
    g_autoptr (SpTestBrowser) third = sp_test_manage_signed_in (f, MEMBER_A);
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
  g_autoptr (SpTestBrowser) a = sp_test_manage_signed_in (f, MEMBER_A);
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
  g_assert_cmpuint (sp_test_manage_pending_changes (f), ==, 0);

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
  editor = sp_test_manage_signed_in (f, EDITOR);
  change = sp_test_manage_newest_change (editor);
  g_assert_null (strstr (editor->page, "<script>"));
  g_assert_cmpuint (sp_test_browser_get (editor, change), ==, 200);
  g_assert_null (strstr (editor->page, "<script>"));
  g_assert_nonnull (strstr (editor->page, "&lt;script&gt;"));
  g_assert_cmpuint (sp_test_manage_decide (editor, change, "reject", MARKUP), ==, 200);
  g_assert_cmpuint (sp_test_browser_get (a, "/manage/changes"), ==, 200);
  g_assert_null (strstr (a->page, "<script>"));
  g_assert_nonnull (strstr (a->page, MARKUP_ESCAPED));
}

/* The editor invites someone: a one-time link; its page signs them up; they sign in. */
static void
test_invitation (Fixture      *f,
                 gconstpointer data)
{
  g_autoptr (SpTestBrowser) editor = sp_test_manage_signed_in (f, EDITOR);
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
    g_autoptr (SpTestBrowser) member = sp_test_manage_signed_in (f, "new@bilstoncafe.example.org");
    g_assert_true (sp_test_browser_shows (member, "Bilston Memory Café"));
  }
}

/* The editor disables a member: its open session ends at once, it cannot sign in, and
 * enabled again it can. */
static void
test_disable_account (Fixture      *f,
                      gconstpointer data)
{
  g_autoptr (SpTestBrowser) editor = sp_test_manage_signed_in (f, EDITOR);
  g_autoptr (SpTestBrowser) b = sp_test_manage_signed_in (f, MEMBER_B);
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
    g_autoptr (SpTestBrowser) back = sp_test_manage_signed_in (f, MEMBER_B);
    g_assert_true (sp_test_browser_shows (back, "Bilston Memory Café"));
  }
  /* A member cannot disable anyone. */
  {
    g_autoptr (SpTestBrowser) a = sp_test_manage_signed_in (f, MEMBER_A);
    g_autofree char *a_csrf = sp_test_browser_csrf (a);

    g_assert_cmpuint (sp_test_browser_post (a, "/manage/members", "csrf", a_csrf, "account", "1", "disable", "1", NULL),
                      ==, 404);
  }
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, sp_test_manage_fixture_set_up, func, sp_test_manage_fixture_tear_down)
  ADD ("/signpost/hub-manage/other-group", test_other_group);
  ADD ("/signpost/hub-manage/csrf-and-signed-out", test_csrf_and_signed_out);
  ADD ("/signpost/hub-manage/sign-in-throttled", test_sign_in_throttled);
  ADD ("/signpost/hub-manage/markup-escaped", test_markup_escaped);
  ADD ("/signpost/hub-manage/invitation", test_invitation);
  ADD ("/signpost/hub-manage/disable-account", test_disable_account);
  ADD ("/signpost/hub-manage/form-limits", test_form_limits);
#undef ADD

  return g_test_run ();
}
