/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-test-manage-fixture.c: a hub with an editor and a member of each of two groups, and what the /manage/ tests ask of it.
 *
 * The real signpost-hub serves a copy of the sample directory; the accounts are made with
 * the core (sp-listings.h) as `signpost-hub add-editor` and an editor's invitation would.
 */
#include "config.h"

#include <string.h>

#include "sp-search-directory.h"
#include "sp-test-manage-fixture.h"

static void
add_member (SpTestManageFixture *f,
            const SpAccount     *editor,
            const char          *organization,
            const char          *email)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *token = sp_listings_invite (f->listings, editor, SP_ACCOUNT_ROLE_MEMBER, organization, &error);
  g_autoptr (SpAccount) account = NULL;

  g_assert_no_error (error);
  account = sp_listings_accept_invitation (f->listings, token, email, PASSPHRASE, &error);
  g_assert_no_error (error);
}

void
sp_test_manage_fixture_set_up (SpTestManageFixture *f,
                               gconstpointer        data)
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

void
sp_test_manage_fixture_tear_down (SpTestManageFixture *f,
                                  gconstpointer        data)
{
  g_clear_object (&f->listings);
  g_clear_object (&f->directory);
  sp_test_hub_fixture_tear_down (&f->hub, data);
}

guint
sp_test_manage_count_of (const char *text,
                         const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* A browser signed in as @email, on its listings page. */
SpTestBrowser *
sp_test_manage_signed_in (SpTestManageFixture *f,
                          const char          *email)
{
  return sp_test_browser_sign_in (f->hub.hub->url, email, PASSPHRASE);
}

/* A service's ORUK JSON as the public API serves it now. */
JsonObject *
sp_test_manage_public_service (SpTestManageFixture *f,
                               const char          *id)
{
  g_autofree char *path = g_strconcat ("/services/", id, NULL);
  g_autoptr (JsonNode) node = sp_test_hub_get_json (&f->hub, path, 200);

  return json_object_ref (json_node_get_object (node));
}

char *
sp_test_manage_public_description (SpTestManageFixture *f,
                                   const char          *id)
{
  g_autoptr (JsonObject) service = sp_test_manage_public_service (f, id);

  return g_strdup (json_object_get_string_member_with_default (service, "description", ""));
}

/* Whether a session of service @id, as the public API serves it now, opens at @time. */
gboolean
sp_test_manage_has_session_at (SpTestManageFixture *f,
                               const char          *id,
                               const char          *time)
{
  g_autoptr (JsonObject) service = sp_test_manage_public_service (f, id);
  JsonArray *schedules = json_object_get_array_member (service, "schedules");

  for (guint i = 0; i < json_array_get_length (schedules); i++)
    if (g_strcmp0 (json_object_get_string_member_with_default (json_array_get_object_element (schedules, i), "opens_at", ""),
                   time) == 0)
      return TRUE;
  return FALSE;
}

guint
sp_test_manage_pending_changes (SpTestManageFixture *f)
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
guint
sp_test_manage_edit_first_session (SpTestBrowser *browser,
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
char *
sp_test_manage_newest_change (SpTestBrowser *editor)
{
  const char *link;

  g_assert_cmpuint (sp_test_browser_get (editor, "/manage/changes"), ==, 200);
  link = strstr (editor->page, "href=\"/manage/changes/");
  g_assert_nonnull (link);
  link += strlen ("href=\"");
  return g_strndup (link, strcspn (link, "\"?"));
}

guint
sp_test_manage_decide (SpTestBrowser *editor,
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
