/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-listings.c: groups' moderated listing edits: accounts, rights, pending, approval, history, freshness. */
#include "config.h"

#include <string.h>

#include "sp-listings.h"
#include "sp-schedule.h"
#include "sp-search-directory.h"
#include "sp-search-index.h"
#include "sp-test-sql.h"
#include "sp-test-util.h"

/* Two organisations of the sample directory, each with services. */
#define ORG_A "8dfe6f72-d2b1-5f9b-bdb6-fc13ce0f6b6d"
#define ORG_A_SERVICE "3a3697f6-88bf-5b16-96ee-6bead76014f2"     /* Memory Assessment Clinic */
#define ORG_A_SHARED_PLACE_SERVICE "00a7e60e-510b-5b02-b24e-641603a1dd31"   /* its place is another's too */
#define ORG_B "e5dd88b4-867a-5576-a407-e08f1b51b710"
#define ORG_B_SERVICE "5145a4e0-4587-510d-bd97-c56cddc55d2b"     /* Dial-a-Ride */

#define PASSPHRASE "correct horse battery"

typedef struct
{
  char *dir;
  char *store_path;
  SpDirectory *directory;
  SpListings *listings;
  SpAccount *editor;
  SpAccount *member_a;
  SpAccount *member_b;
} Fixture;

static SpAccount *
invite_member (Fixture    *f,
               const char *organization_id,
               const char *email)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *token = sp_listings_invite (f->listings, f->editor, SP_ACCOUNT_ROLE_MEMBER, organization_id, &error);
  SpAccount *account;

  g_assert_no_error (error);
  account = sp_listings_accept_invitation (f->listings, token, email, PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (account->organization_id, ==, organization_id);
  return account;
}

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *sample = sp_test_source_path ("data", "sample-directory.json", NULL);

  f->dir = sp_test_make_tmpdir ();
  f->store_path = g_build_filename (f->dir, "directory.sqlite", NULL);
  f->directory = sp_search_open_directory (f->store_path, &error);
  g_assert_no_error (error);
  g_assert_true (sp_directory_import (f->directory, sample, SP_IMPORT_FLAGS_NONE, NULL, NULL, NULL, NULL, NULL,
                                      &error));
  g_assert_no_error (error);
  f->listings = sp_listings_new (f->directory);
  f->editor = sp_listings_add_editor (f->listings, "Editor@Example.org", PASSPHRASE, &error);
  g_assert_no_error (error);
  f->member_a = invite_member (f, ORG_A, "ada.member@example.org");
  f->member_b = invite_member (f, ORG_B, "bob.member@example.net");
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_clear_pointer (&f->editor, sp_account_free);
  g_clear_pointer (&f->member_a, sp_account_free);
  g_clear_pointer (&f->member_b, sp_account_free);
  g_clear_object (&f->listings);
  g_clear_object (&f->directory);
  sp_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->store_path);
}

static SpStore *
store_of (Fixture *f)
{
  return sp_directory_get_store (f->directory);
}

static gint64
change_seq (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  gint64 seq = -1;

  g_assert_true (sp_store_get_change_seq (store_of (f), &seq, &error));
  g_assert_no_error (error);
  return seq;
}

/* A service's document with one string member replaced, and its version hash. */
static char *
edited_document (Fixture    *f,
                 const char *service_id,
                 const char *member,
                 const char *value,
                 char      **hash)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *json = sp_listings_get_service_json (f->listings, f->editor, service_id, hash, &error);
  g_autoptr (JsonNode) node = NULL;

  g_assert_no_error (error);
  node = json_from_string (json, &error);
  g_assert_no_error (error);
  json_object_set_string_member (json_node_get_object (node), member, value);
  return json_to_string (node, FALSE);
}

/* The first hit's name of a fresh reader's search for @text, or NULL. */
static char *
first_hit (Fixture    *f,
           const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpStore) store = sp_store_open_for_reading (f->store_path, &error);
  g_autoptr (SpSearchIndex) index = NULL;
  g_autoptr (SpSearchResults) results = NULL;
  SpSearchQuery query = SP_SEARCH_QUERY_INIT;

  g_assert_no_error (error);
  index = sp_search_index_open (store, NULL, &error);
  g_assert_no_error (error);
  query.text = text;
  results = sp_search_index_query (index, &query, &error);
  g_assert_no_error (error);
  return results->hits->len > 0 ? g_strdup (((SpSearchHit *) results->hits->pdata[0])->name) : NULL;
}

static gboolean
id_listed (GPtrArray  *ids,
           const char *id)
{
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (ids, i), id) == 0)
      return TRUE;
  return FALSE;
}

/* ---- accounts ------------------------------------------------------------------------ */

static void
test_sign_in (Fixture      *f,
              gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpSession) session = NULL;
  g_autoptr (SpSession) again = NULL;
  g_autoptr (SpAccount) duplicate = NULL;
  g_autofree char *token = NULL;
  g_autofree char *stored = NULL;

  g_assert_cmpstr (f->editor->email, ==, "editor@example.org");
  g_assert_true (f->editor->role == SP_ACCOUNT_ROLE_EDITOR);
  stored = sp_test_sql_text (store_of (f), "SELECT passphrase_hash FROM hub_account WHERE email = ?1",
                             "editor@example.org");
  g_assert_true (g_str_has_prefix (stored, "$argon2id$"));
  g_assert_null (strstr (stored, PASSPHRASE));

  token = sp_listings_sign_in (f->listings, "EDITOR@example.org", PASSPHRASE, "192.0.2.1", &session, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);
  g_assert_cmpint (session->account->id, ==, f->editor->id);
  /* Only the token's hash is kept. */
  g_assert_cmpint (sp_test_sql_int (store_of (f), "SELECT count(*) FROM hub_session WHERE token_hash = ?1", token), ==, 0);

  again = sp_listings_session_lookup (f->listings, token, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->account->email, ==, "editor@example.org");
  g_assert_true (sp_session_check_csrf (again, session->csrf_token));
  g_assert_false (sp_session_check_csrf (again, "forged"));
  g_assert_false (sp_session_check_csrf (again, NULL));

  duplicate = sp_listings_add_editor (f->listings, "editor@EXAMPLE.org", PASSPHRASE, &error);
  g_assert_error (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_EXISTS);
  g_assert_null (duplicate);
  g_clear_error (&error);
  g_assert_null (sp_listings_add_editor (f->listings, "not an email", PASSPHRASE, &error));
  g_assert_error (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_INVALID);
  g_assert_cmpstr (((SpFieldProblem *) sp_listings_error_get_problems (error)->pdata[0])->field, ==, "email");
  g_clear_error (&error);
  g_assert_null (sp_listings_add_editor (f->listings, "short@example.org", "short", &error));
  g_assert_error (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_INVALID);
}

static void
test_wrong_passphrase (Fixture      *f,
                       gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpSession) session = NULL;
  g_autofree char *token = NULL;

  token = sp_listings_sign_in (f->listings, "editor@example.org", "wrong passphrase!", "192.0.2.1", &session, &error);
  g_assert_error (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_BAD_PASSPHRASE);
  g_assert_null (token);
  g_assert_null (session);
  g_clear_error (&error);
  /* An unknown email says the same. */
  token = sp_listings_sign_in (f->listings, "nobody@example.org", PASSPHRASE, "192.0.2.1", &session, &error);
  g_assert_error (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_BAD_PASSPHRASE);
  g_assert_null (token);
}

/* Failures from one address grow a delay, for the account and for the address. */
static void
test_throttled (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpSession) session = NULL;
  g_autofree char *token = NULL;
  guint i;

  for (i = 0; i < 20; i++)
    {
      g_autofree char *t = sp_listings_sign_in (f->listings, "ada.member@example.org", "guess number x", "198.51.100.7",
                                                &session, &error);
      g_assert_null (t);
      if (g_error_matches (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_THROTTLED))
        break;
      g_assert_error (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_BAD_PASSPHRASE);
      g_clear_error (&error);
    }
  g_assert_cmpuint (i, ==, 5);
  g_assert_cmpuint (sp_listings_error_get_retry_after (error), >, 0);
  g_clear_error (&error);
  /* The right passphrase waits too, for this account… */
  token = sp_listings_sign_in (f->listings, "ada.member@example.org", PASSPHRASE, "203.0.113.9", &session, &error);
  g_assert_error (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_THROTTLED);
  g_assert_null (token);
  g_clear_error (&error);
  /* …and from this address, for another account. */
  token = sp_listings_sign_in (f->listings, "bob.member@example.net", PASSPHRASE, "198.51.100.7", &session, &error);
  g_assert_error (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_THROTTLED);
  g_clear_error (&error);
  /* Another account from another address is not held up. */
  token = sp_listings_sign_in (f->listings, "bob.member@example.net", PASSPHRASE, "203.0.113.9", &session, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);
}

static void
test_sessions_end (Fixture      *f,
                   gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpSession) one = NULL;
  g_autoptr (SpSession) two = NULL;
  g_autoptr (SpSession) found = NULL;
  g_autofree char *first = sp_listings_sign_in (f->listings, "ada.member@example.org", PASSPHRASE, "a", &one, &error);
  g_autofree char *second = sp_listings_sign_in (f->listings, "ada.member@example.org", PASSPHRASE, "b", &two, &error);
  const char *args[] = { NULL };

  g_assert_no_error (error);
  g_assert_true (sp_listings_sign_out_everywhere (f->listings, one->account, &error));
  g_assert_no_error (error);
  g_assert_null (sp_listings_session_lookup (f->listings, first, &error));
  g_assert_error (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (sp_listings_session_lookup (f->listings, second, &error));
  g_assert_error (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A session idle for longer than allowed has expired. */
  g_clear_pointer (&first, g_free);
  g_clear_pointer (&one, sp_session_free);
  first = sp_listings_sign_in (f->listings, "ada.member@example.org", PASSPHRASE, "a", &one, &error);
  g_assert_no_error (error);
  g_assert_true (sp_test_sql_run (store_of (f), "UPDATE hub_session SET last_seen = '2020-01-01T00:00:00Z'", args,
                                  &error));
  g_assert_null (sp_listings_session_lookup (f->listings, first, &error));
  g_assert_error (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_EXPIRED);
  g_clear_error (&error);
  g_assert_null (sp_listings_session_lookup (f->listings, "made-up token", &error));
  g_assert_error (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_NOT_FOUND);
  (void) found;
}

static void
test_invitation_once (Fixture      *f,
                      gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *token = sp_listings_invite (f->listings, f->editor, SP_ACCOUNT_ROLE_MEMBER, ORG_A, &error);
  g_autofree char *late = NULL;
  g_autoptr (SpInvitation) invitation = NULL;
  g_autoptr (SpAccount) first = NULL;
  g_autoptr (SpAccount) second = NULL;
  const char *args[] = { NULL };

  g_assert_no_error (error);
  invitation = sp_listings_lookup_invitation (f->listings, token, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (invitation->organization_id, ==, ORG_A);
  first = sp_listings_accept_invitation (f->listings, token, "carol.volunteer@example.org", PASSPHRASE, &error);
  g_assert_no_error (error);
  second = sp_listings_accept_invitation (f->listings, token, "dave.volunteer@example.org", PASSPHRASE, &error);
  g_assert_error (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_EXPIRED);
  g_assert_null (second);
  g_clear_error (&error);

  /* A member cannot invite. */
  g_assert_null (sp_listings_invite (f->listings, f->member_a, SP_ACCOUNT_ROLE_MEMBER, ORG_A, &error));
  g_assert_error (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_FORBIDDEN);
  g_clear_error (&error);

  /* An invitation past its time cannot be used. */
  late = sp_listings_invite (f->listings, f->editor, SP_ACCOUNT_ROLE_MEMBER, ORG_B, &error);
  g_assert_no_error (error);
  g_assert_true (sp_test_sql_run (store_of (f), "UPDATE hub_invitation SET expires = '2020-01-01T00:00:00Z' "
                                                "WHERE used_at IS NULL", args, &error));
  g_assert_null (sp_listings_accept_invitation (f->listings, late, "erin.volunteer@example.org", PASSPHRASE, &error));
  g_assert_error (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_EXPIRED);
  g_clear_error (&error);
  g_assert_null (sp_listings_lookup_invitation (f->listings, "made-up", &error));
  g_assert_error (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_NOT_FOUND);
}

/* ---- rights -------------------------------------------------------------------------- */

#define ASSERT_FORBIDDEN(call) \
  G_STMT_START { g_autoptr (GError) e_ = NULL; GError **error_out = &e_; (void) (call); \
    g_assert_error (e_, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_FORBIDDEN); (void) error_out; } G_STMT_END

/* A member of organisation A reaches nothing of B's, whichever function and id it tries. */
static void
test_rights (Fixture      *f,
             gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *hash_b = NULL;
  g_autofree char *doc_b = edited_document (f, ORG_B_SERVICE, "description", "Taken over", &hash_b);
  g_autofree char *doc_a = edited_document (f, ORG_A_SERVICE, "description", "Fine", NULL);
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *moved = NULL;
  gint64 seq = change_seq (f);
  gint64 change_b;

  change_b = sp_listings_propose_edit (f->listings, f->member_b, ORG_B_SERVICE, hash_b, doc_b, &error);
  g_assert_no_error (error);

  ASSERT_FORBIDDEN (sp_listings_get_service_json (f->listings, f->member_a, ORG_B_SERVICE, NULL, error_out));
  ASSERT_FORBIDDEN (sp_listings_propose_edit (f->listings, f->member_a, ORG_B_SERVICE, NULL, doc_b, error_out));
  ASSERT_FORBIDDEN (sp_listings_propose_close (f->listings, f->member_a, ORG_B_SERVICE, NULL, error_out));
  ASSERT_FORBIDDEN (sp_listings_propose_new (f->listings, f->member_a, ORG_B, doc_b, error_out));
  ASSERT_FORBIDDEN (sp_listings_confirm (f->listings, f->member_a, ORG_B_SERVICE, NULL, error_out));
  ASSERT_FORBIDDEN (sp_listings_get_change (f->listings, f->member_a, change_b, error_out));
  ASSERT_FORBIDDEN (sp_listings_approve (f->listings, f->member_a, change_b, NULL, NULL, error_out));
  ASSERT_FORBIDDEN (sp_listings_approve (f->listings, f->member_b, change_b, NULL, NULL, error_out));
  ASSERT_FORBIDDEN (sp_listings_reject (f->listings, f->member_a, change_b, "no", error_out));
  ASSERT_FORBIDDEN (sp_listings_history (f->listings, f->member_b, ORG_B_SERVICE, error_out));
  ASSERT_FORBIDDEN (sp_listings_restore (f->listings, f->member_b, 1, NULL, error_out));
  ASSERT_FORBIDDEN (sp_listings_list_accounts (f->listings, f->member_a, error_out));
  ASSERT_FORBIDDEN (sp_listings_list_services (f->listings, f->member_a, ORG_B, error_out));
  ASSERT_FORBIDDEN (sp_listings_export_due_review_csv (f->listings, f->member_a, NULL, error_out));
  ASSERT_FORBIDDEN (sp_listings_propose_edit (f->listings, NULL, ORG_A_SERVICE, NULL, doc_a, error_out));

  /* A's own service with B's body: the ids in the body are B's, so it is refused. */
  g_assert_cmpint (sp_listings_propose_edit (f->listings, f->member_a, ORG_A_SERVICE, NULL, doc_b, &error), ==, 0);
  g_assert_error (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_INVALID);
  g_clear_error (&error);
  /* A's own service moved into B's organisation by its body. */
  node = json_from_string (doc_a, &error);
  json_object_set_string_member (json_node_get_object (node), "organization_id", ORG_B);
  moved = json_to_string (node, FALSE);
  g_assert_cmpint (sp_listings_propose_edit (f->listings, f->member_a, ORG_A_SERVICE, NULL, moved, &error), ==, 0);
  g_assert_error (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_INVALID);
  g_clear_error (&error);

  /* A's list of changes holds none of B's. */
  changes = sp_listings_list_changes (f->listings, f->member_a, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 0);
  g_assert_cmpint (change_seq (f), ==, seq);
}

/* ---- changes ------------------------------------------------------------------------- */

static void
test_pending_then_approved (Fixture      *f,
                            gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *doc = edited_document (f, ORG_A_SERVICE, "name", "Memory Assessment Clinic Zanzibarnew", &hash);
  g_autofree char *before = sp_test_sql_text (store_of (f), "SELECT name FROM service WHERE id = ?1", ORG_A_SERVICE);
  g_autofree char *name = NULL;
  g_autofree char *hit = NULL;
  g_autoptr (SpListingChange) change = NULL;
  g_autoptr (GPtrArray) changed = NULL;
  g_autoptr (GPtrArray) pending = NULL;
  gint64 seq = change_seq (f);
  gint64 new_seq = 0;
  gint64 id;

  id = sp_listings_propose_edit (f->listings, f->member_a, ORG_A_SERVICE, hash, doc, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  /* Pending: the service and the change sequence are as they were. */
  g_assert_cmpint (change_seq (f), ==, seq);
  name = sp_test_sql_text (store_of (f), "SELECT name FROM service WHERE id = ?1", ORG_A_SERVICE);
  g_assert_cmpstr (name, ==, before);
  pending = sp_listings_list_changes (f->listings, f->editor, SP_CHANGE_STATUS_PENDING, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 1);
  change = sp_listings_get_change (f->listings, f->member_a, id, &error);
  g_assert_no_error (error);
  g_assert_true (change->status == SP_CHANGE_STATUS_PENDING);
  g_assert_cmpstr (change->proposed_by_email, ==, "ada.member@example.org");

  g_assert_true (sp_listings_approve (f->listings, f->editor, id, "Thanks", &new_seq, &error));
  g_assert_no_error (error);
  g_assert_cmpint (new_seq, ==, seq + 1);
  g_clear_pointer (&name, g_free);
  name = sp_test_sql_text (store_of (f), "SELECT name FROM service WHERE id = ?1", ORG_A_SERVICE);
  g_assert_cmpstr (name, ==, "Memory Assessment Clinic Zanzibarnew");
  changed = sp_store_list_changed_services (store_of (f), seq, &error);
  g_assert_no_error (error);
  g_assert_true (id_listed (changed, ORG_A_SERVICE));
  hit = first_hit (f, "Zanzibarnew");
  g_assert_cmpstr (hit, ==, "Memory Assessment Clinic Zanzibarnew");
  g_clear_pointer (&change, sp_listing_change_free);
  change = sp_listings_get_change (f->listings, f->member_a, id, &error);
  g_assert_true (change->status == SP_CHANGE_STATUS_APPROVED);
  g_assert_cmpstr (change->note, ==, "Thanks");
  /* Decided once only. */
  g_assert_false (sp_listings_approve (f->listings, f->editor, id, NULL, NULL, &error));
  g_assert_error (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_CONFLICT);
}

/* The sample feed with the description of service @id replaced, written to a file. */
static char *
feed_with_description (Fixture    *f,
                       const char *id,
                       const char *description)
{
  g_autofree char *sample = sp_test_source_path ("data", "sample-directory.json", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonArray *contents;
  g_autofree char *text = NULL;
  char *path = g_build_filename (f->dir, "feed-again.json", NULL);

  g_assert_true (json_parser_load_from_file (parser, sample, &error));
  contents = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "contents");
  for (guint i = 0; i < json_array_get_length (contents); i++)
    {
      JsonObject *service = json_array_get_object_element (contents, i);

      if (g_str_equal (json_object_get_string_member (service, "id"), id))
        json_object_set_string_member (service, "description", description);
    }
  text = json_to_string (json_parser_get_root (parser), TRUE);
  g_assert_true (g_file_set_contents (path, text, -1, &error));
  return path;
}

static SpImportReport *
import_again (Fixture       *f,
              const char    *path,
              SpImportFlags  flags)
{
  g_autoptr (GError) error = NULL;
  SpImportReport *report = NULL;

  g_assert_true (sp_directory_import (f->directory, path, flags, NULL, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  return report;
}

/* A group's approved change survives the council's nightly import of the same feed; when
 * the feed's copy has changed too, the group's is still kept and the report says so, until
 * an import with SP_IMPORT_FLAGS_REPLACE_EDITED takes the feed's. */
static void
test_import_again (Fixture      *f,
                   gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *doc = edited_document (f, ORG_A_SERVICE, "name", "Memory Assessment Clinic Zanzibarnew", &hash);
  g_autofree char *sample = sp_test_source_path ("data", "sample-directory.json", NULL);
  g_autofree char *original = sp_test_sql_text (store_of (f), "SELECT name FROM service WHERE id = ?1", ORG_A_SERVICE);
  g_autofree char *changed_feed = feed_with_description (f, ORG_A_SERVICE, "The feed's new description.");
  g_autoptr (SpImportReport) same = NULL, different = NULL, replaced = NULL, settled = NULL;
  gint64 id = sp_listings_propose_edit (f->listings, f->member_a, ORG_A_SERVICE, hash, doc, &error);
  gboolean said = FALSE;

  g_assert_no_error (error);
  g_assert_true (sp_listings_approve (f->listings, f->editor, id, NULL, NULL, &error));
  g_assert_no_error (error);

#define NAME_NOW() sp_test_sql_text (store_of (f), "SELECT name FROM service WHERE id = ?1", ORG_A_SERVICE)
  /* The same feed again: nothing to take, the group's change stays. */
  same = import_again (f, sample, SP_IMPORT_FLAGS_NONE);
  g_assert_cmpuint (same->updated, ==, 0);
  g_assert_cmpuint (same->kept_edited, ==, 0);
  {
    g_autofree char *name = NAME_NOW ();
    g_assert_cmpstr (name, ==, "Memory Assessment Clinic Zanzibarnew");
  }

  /* The feed's copy changed as well: the group's change is kept, and the report says so. */
  different = import_again (f, changed_feed, SP_IMPORT_FLAGS_NONE);
  g_assert_cmpuint (different->kept_edited, ==, 1);
  for (guint i = 0; i < different->problems->len; i++)
    {
      SpImportProblem *problem = different->problems->pdata[i];

      said = said || (g_strcmp0 (problem->record_id, ORG_A_SERVICE) == 0 && strstr (problem->message, "--replace-edited") != NULL);
    }
  g_assert_true (said);
  {
    g_autofree char *name = NAME_NOW ();
    g_assert_cmpstr (name, ==, "Memory Assessment Clinic Zanzibarnew");
  }

  /* Asked to, the import takes the feed's copy; after that the feed is the service's again. */
  replaced = import_again (f, changed_feed, SP_IMPORT_FLAGS_REPLACE_EDITED);
  g_assert_cmpuint (replaced->kept_edited, ==, 0);
  g_assert_true (id_listed (replaced->changed, ORG_A_SERVICE));
  {
    g_autofree char *name = NAME_NOW ();
    g_autofree char *description = sp_test_sql_text (store_of (f), "SELECT description FROM service WHERE id = ?1",
                                                     ORG_A_SERVICE);
    g_assert_cmpstr (name, ==, original);
    g_assert_cmpstr (description, ==, "The feed's new description.");
  }
  settled = import_again (f, changed_feed, SP_IMPORT_FLAGS_NONE);
  g_assert_cmpuint (settled->kept_edited, ==, 0);
  g_assert_cmpuint (settled->updated, ==, 0);
#undef NAME_NOW
}

static void
test_rejected (Fixture      *f,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *doc = edited_document (f, ORG_B_SERVICE, "description", "Closed forever", &hash);
  g_autoptr (SpListingChange) change = NULL;
  gint64 seq = change_seq (f);
  gint64 id = sp_listings_propose_edit (f->listings, f->member_b, ORG_B_SERVICE, hash, doc, &error);

  g_assert_no_error (error);
  g_assert_true (sp_listings_reject (f->listings, f->editor, id, "Please say when it closes", &error));
  g_assert_no_error (error);
  change = sp_listings_get_change (f->listings, f->member_b, id, &error);
  g_assert_no_error (error);
  g_assert_true (change->status == SP_CHANGE_STATUS_REJECTED);
  g_assert_cmpstr (change->note, ==, "Please say when it closes");
  g_assert_cmpstr (change->decided_by_email, ==, "editor@example.org");
  g_assert_cmpint (change_seq (f), ==, seq);
  g_assert_false (sp_listings_approve (f->listings, f->editor, id, NULL, NULL, &error));
  g_assert_error (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_CONFLICT);
}

static void
test_conflict (Fixture      *f,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *first = edited_document (f, ORG_A_SERVICE, "description", "First version", &hash);
  g_autofree char *second = edited_document (f, ORG_A_SERVICE, "description", "Second version", NULL);
  g_autofree char *description = NULL;
  gint64 one = sp_listings_propose_edit (f->listings, f->member_a, ORG_A_SERVICE, hash, first, &error);
  gint64 two = sp_listings_propose_edit (f->listings, f->member_a, ORG_A_SERVICE, hash, second, &error);

  g_assert_no_error (error);
  g_assert_true (sp_listings_approve (f->listings, f->editor, one, NULL, NULL, &error));
  g_assert_no_error (error);
  /* The second was made from the version the first replaced. */
  g_assert_false (sp_listings_approve (f->listings, f->editor, two, NULL, NULL, &error));
  g_assert_error (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_CONFLICT);
  g_clear_error (&error);
  description = sp_test_sql_text (store_of (f), "SELECT description FROM service WHERE id = ?1", ORG_A_SERVICE);
  g_assert_cmpstr (description, ==, "First version");
  /* And a proposal from a stale version is refused at once. */
  g_assert_cmpint (sp_listings_propose_edit (f->listings, f->member_a, ORG_A_SERVICE, hash, second, &error), ==, 0);
  g_assert_error (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_CONFLICT);
}

static gboolean
has_problem (const GError *error,
             const char   *field)
{
  GPtrArray *problems = sp_listings_error_get_problems (error);

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    if (g_strcmp0 (((SpFieldProblem *) problems->pdata[i])->field, field) == 0)
      return TRUE;
  return FALSE;
}

static void
test_invalid_by_field (Fixture      *f,
                       gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *bad_email = edited_document (f, ORG_A_SERVICE, "email", "not-an-email", &hash);
  g_autofree char *no_name = edited_document (f, ORG_A_SERVICE, "name", "", NULL);
  g_autoptr (GPtrArray) pending = NULL;
  gint64 seq = change_seq (f);

  g_assert_cmpint (sp_listings_propose_edit (f->listings, f->member_a, ORG_A_SERVICE, hash, bad_email, &error), ==, 0);
  g_assert_error (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_INVALID);
  g_assert_true (has_problem (error, "email"));
  g_clear_error (&error);
  g_assert_cmpint (sp_listings_propose_edit (f->listings, f->member_a, ORG_A_SERVICE, hash, no_name, &error), ==, 0);
  g_assert_error (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (sp_listings_propose_edit (f->listings, f->member_a, ORG_A_SERVICE, hash, "{not json", &error), ==, 0);
  g_assert_error (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_INVALID);
  g_clear_error (&error);
  /* Nothing saved. */
  pending = sp_listings_list_changes (f->listings, f->editor, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 0);
  g_assert_cmpint (change_seq (f), ==, seq);
}

/* A place that other organisations' services use too: a member keeps it as it is, and
 * cannot rename it for everyone. */
static void
test_shared_place (Fixture      *f,
                   gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *json = sp_listings_get_service_json (f->listings, f->member_a, ORG_A_SHARED_PLACE_SERVICE, &hash,
                                                        &error);
  g_autoptr (JsonNode) node = json_from_string (json, &error);
  JsonObject *document = json_node_get_object (node);
  JsonObject *place = json_object_get_object_member (
    json_array_get_object_element (json_object_get_array_member (document, "service_at_locations"), 0), "location");
  g_autofree char *kept = NULL;
  g_autofree char *renamed = NULL;

  g_assert_no_error (error);
  json_object_set_string_member (document, "description", "New words, same place");
  kept = json_to_string (node, FALSE);
  g_assert_cmpint (sp_listings_propose_edit (f->listings, f->member_a, ORG_A_SHARED_PLACE_SERVICE, hash, kept, &error),
                   >, 0);
  g_assert_no_error (error);
  json_object_set_string_member (place, "name", "Renamed by one group");
  renamed = json_to_string (node, FALSE);
  g_assert_cmpint (sp_listings_propose_edit (f->listings, f->member_a, ORG_A_SHARED_PLACE_SERVICE, hash, renamed,
                                             &error), ==, 0);
  g_assert_error (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_INVALID);
  g_assert_true (has_problem (error, "service_at_locations[0].location"));
  g_clear_error (&error);
  /* The editor may. */
  g_assert_cmpint (sp_listings_propose_edit (f->listings, f->editor, ORG_A_SHARED_PLACE_SERVICE, hash, renamed, &error),
                   >, 0);
  g_assert_no_error (error);
}

/* Markup and quotes typed into a field are data: kept verbatim through approval (in a
 * plain-text field; a description is prose, whose markup the import turns into text). */
static void
test_hostile_verbatim (Fixture      *f,
                       gconstpointer data)
{
  const char *hostile = "<script>alert('x')</script> \"quoted\" & '; DROP TABLE service; --";
  g_autoptr (GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *doc = edited_document (f, ORG_A_SERVICE, "name", hostile, &hash);
  g_autofree char *stored = NULL;
  g_autofree char *json = NULL;
  gint64 id = sp_listings_propose_edit (f->listings, f->member_a, ORG_A_SERVICE, hash, doc, &error);

  g_assert_no_error (error);
  g_assert_true (sp_listings_approve (f->listings, f->editor, id, hostile, NULL, &error));
  g_assert_no_error (error);
  stored = sp_test_sql_text (store_of (f), "SELECT name FROM service WHERE id = ?1", ORG_A_SERVICE);
  g_assert_cmpstr (stored, ==, hostile);
  json = sp_listings_get_service_json (f->listings, f->member_a, ORG_A_SERVICE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (json, "DROP TABLE service"));
}

/* "Still correct" sets today's checked date at once, and kiosks get it with the next sync. */
static void
test_confirm (Fixture      *f,
              gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *assured = NULL;
  g_autoptr (GPtrArray) changed = NULL;
  gint64 seq = change_seq (f);

  g_autofree char *hash = NULL;
  g_autofree char *doc = edited_document (f, ORG_B_SERVICE, "description", "Edited, then confirmed", &hash);
  gint64 pending = sp_listings_propose_edit (f->listings, f->member_b, ORG_B_SERVICE, hash, doc, &error);

  g_assert_no_error (error);
  g_assert_true (sp_listings_confirm (f->listings, f->member_b, ORG_B_SERVICE, NULL, &error));
  g_assert_no_error (error);
  assured = sp_test_sql_text (store_of (f), "SELECT assured_date FROM service WHERE id = ?1", ORG_B_SERVICE);
  g_assert_cmpstr (assured, ==, today);
  changed = sp_store_list_changed_services (store_of (f), seq, &error);
  g_assert_no_error (error);
  g_assert_true (id_listed (changed, ORG_B_SERVICE));
  g_assert_cmpuint (changed->len, ==, 1);
  /* Confirming does not stand in the way of the group's own pending edit. */
  g_assert_true (sp_listings_approve (f->listings, f->editor, pending, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_new_and_close (Fixture      *f,
                    gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  const char *doc = "{\"name\":\"Knit and natter\",\"status\":\"active\",\"description\":\"Wool provided.\"}";
  g_autoptr (SpListingChange) change = NULL;
  g_autofree char *status = NULL;
  gint64 id = sp_listings_propose_new (f->listings, f->member_a, ORG_A, doc, &error);
  gint64 close;

  g_assert_no_error (error);
  change = sp_listings_get_change (f->listings, f->member_a, id, &error);
  g_assert_no_error (error);
  g_assert_true (change->kind == SP_CHANGE_KIND_NEW);
  g_assert_true (sp_listings_approve (f->listings, f->editor, id, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sp_test_sql_int (store_of (f), "SELECT count(*) FROM service WHERE id = ?1 AND organization_id = '"
                                    ORG_A "'", change->service_id), ==, 1);

  close = sp_listings_propose_close (f->listings, f->member_a, change->service_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sp_listings_approve (f->listings, f->editor, close, NULL, NULL, &error));
  g_assert_no_error (error);
  status = sp_test_sql_text (store_of (f), "SELECT status FROM service WHERE id = ?1", change->service_id);
  g_assert_cmpstr (status, ==, "defunct");
}

/* ---- history and freshness ----------------------------------------------------------- */

static void
test_history_restore (Fixture      *f,
                      gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *doc = edited_document (f, ORG_A_SERVICE, "description", "A new description", &hash);
  g_autofree char *original = sp_test_sql_text (store_of (f), "SELECT description FROM service WHERE id = ?1",
                                                ORG_A_SERVICE);
  g_autofree char *restored = NULL;
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (GPtrArray) after = NULL;
  g_autoptr (GPtrArray) differences = NULL;
  g_autoptr (GPtrArray) changed = NULL;
  SpServiceVersion *version;
  gint64 id = sp_listings_propose_edit (f->listings, f->member_a, ORG_A_SERVICE, hash, doc, &error);
  gint64 seq;

  g_assert_no_error (error);
  g_assert_true (sp_listings_approve (f->listings, f->editor, id, NULL, NULL, &error));
  g_assert_no_error (error);
  history = sp_listings_history (f->listings, f->editor, ORG_A_SERVICE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  version = history->pdata[0];
  g_assert_cmpint (version->change_id, ==, id);
  g_assert_cmpstr (version->proposed_by_email, ==, "ada.member@example.org");
  g_assert_cmpstr (version->approved_by_email, ==, "editor@example.org");
  g_assert_nonnull (strstr (version->previous_json, original));

  /* What the editor reads before approving: the description, field by field. */
  differences = sp_listings_describe_difference (version->previous_json, doc, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (differences->len, >=, 1);
  g_assert_cmpstr (((SpFieldDifference *) differences->pdata[0])->field, ==, "description");
  g_assert_cmpstr (((SpFieldDifference *) differences->pdata[0])->after, ==, "A new description");

  seq = change_seq (f);
  g_assert_true (sp_listings_restore (f->listings, f->editor, version->id, NULL, &error));
  g_assert_no_error (error);
  restored = sp_test_sql_text (store_of (f), "SELECT description FROM service WHERE id = ?1", ORG_A_SERVICE);
  g_assert_cmpstr (restored, ==, original);
  changed = sp_store_list_changed_services (store_of (f), seq, &error);
  g_assert_true (id_listed (changed, ORG_A_SERVICE));
  /* The restore has its own history row, so it can be undone too. */
  after = sp_listings_history (f->listings, f->editor, ORG_A_SERVICE, &error);
  g_assert_cmpuint (after->len, ==, 2);
  g_assert_false (sp_listings_restore (f->listings, f->editor, 99999, NULL, &error));
  g_assert_error (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_NOT_FOUND);
}

static void
set_checked (Fixture    *f,
             const char *organization_id,
             const char *date)
{
  g_autoptr (GError) error = NULL;
  const char *args[] = { date, organization_id, NULL };

  g_assert_true (sp_test_sql_run (store_of (f), "UPDATE service SET assured_date = ?1 WHERE organization_id = ?2 "
                                                "OR ?2 IS NULL", args, &error));
  g_assert_no_error (error);
}

static void
test_freshness (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDate) today = g_date_new_dmy (15, G_DATE_JUNE, 2026);
  g_autoptr (GPtrArray) due_a = NULL;
  g_autoptr (GPtrArray) due_all = NULL;
  g_autofree char *csv = NULL;
  g_auto (GStrv) lines = NULL;
  SpFreshness freshness;
  gint64 services = sp_test_sql_int (store_of (f), "SELECT count(*) FROM service WHERE status <> ?1", "defunct");
  gint64 in_a = sp_test_sql_int (store_of (f), "SELECT count(*) FROM service WHERE status <> 'defunct' AND "
                                               "organization_id = ?1", ORG_A);
  gint64 in_b = sp_test_sql_int (store_of (f), "SELECT count(*) FROM service WHERE status <> 'defunct' AND "
                                               "organization_id = ?1", ORG_B);

  set_checked (f, NULL, "2026-06-01");
  set_checked (f, ORG_A, "2025-10-01");   /* 8 months: due a review */
  set_checked (f, ORG_B, "2025-01-01");   /* 17 months: may be out of date */

  g_assert_true (sp_listings_get_freshness (f->listings, f->editor, today, &freshness, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (freshness.services, ==, services);
  g_assert_cmpuint (freshness.within_6_months, ==, services - in_a - in_b);
  g_assert_cmpuint (freshness.within_12_months, ==, services - in_b);
  g_assert_false (sp_listings_get_freshness (f->listings, f->member_a, today, &freshness, &error));
  g_assert_error (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_FORBIDDEN);
  g_clear_error (&error);

  /* On sign-in, a group sees its own listings due a review, and only those. */
  due_a = sp_listings_list_due_review (f->listings, f->member_a, today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due_a->len, ==, in_a);
  for (guint i = 0; i < due_a->len; i++)
    g_assert_cmpstr (((SpListingSummary *) due_a->pdata[i])->organization_id, ==, ORG_A);
  due_all = sp_listings_list_due_review (f->listings, f->editor, today, &error);
  g_assert_cmpuint (due_all->len, ==, in_a + in_b);

  csv = sp_listings_export_due_review_csv (f->listings, f->editor, today, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (csv, "organization_id,organization,"));
  g_assert_nonnull (strstr (csv, ORG_A));
  g_assert_nonnull (strstr (csv, "ada.member@example.org"));
  g_assert_nonnull (strstr (csv, ORG_B));
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);   /* a header, two groups and the end */
}

/* ---- signpost-hub add-editor --------------------------------------------------------- */

/* Runs the built signpost-hub's add-editor with @input on its standard input. */
static int
run_add_editor (const char *data_dir,
                const char *email,
                const char *input,
                char      **err)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) hub = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                  G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                                                  g_getenv ("SIGNPOST_HUB"), "--data-dir", data_dir,
                                                  "add-editor", email, NULL);

  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (hub, input, NULL, NULL, err, &error));
  g_assert_no_error (error);
  return g_subprocess_get_if_exited (hub) ? g_subprocess_get_exit_status (hub) : -1;
}

static void
test_add_editor (Fixture      *f,
                 gconstpointer data)
{
  g_autofree char *err = NULL;
  g_autofree char *data_dir = g_path_get_dirname (f->store_path);
  g_autoptr (GError) error = NULL;
  g_autoptr (SpSession) session = NULL;
  g_autofree char *token = NULL;

  g_assert_cmpint (run_add_editor (data_dir, "second.editor@example.org", "a long passphrase 1\na long passphrase 2\n",
                                   &err), ==, 1);
  g_assert_nonnull (strstr (err, "differ"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_add_editor (data_dir, "second.editor@example.org", "short\nshort\n", &err), ==, 1);
  g_assert_nonnull (strstr (err, "at least"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_add_editor (data_dir, "no-at-sign", "a long passphrase 1\na long passphrase 1\n", &err), ==, 1);
  g_assert_nonnull (strstr (err, "email"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_add_editor (data_dir, "editor@example.org", "a long passphrase 1\na long passphrase 1\n",
                                   &err), ==, 1);
  g_assert_nonnull (strstr (err, "already"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (sp_test_sql_int (store_of (f), "SELECT count(*) FROM hub_account WHERE role = ?1", "editor"), ==, 1);

  g_assert_cmpint (run_add_editor (data_dir, "Second.Editor@example.org", "a long passphrase 1\na long passphrase 1\n",
                                   &err), ==, 0);
  token = sp_listings_sign_in (f->listings, "second.editor@example.org", "a long passphrase 1", "192.0.2.4", &session,
                               &error);
  g_assert_no_error (error);
  g_assert_true (session->account->role == SP_ACCOUNT_ROLE_EDITOR);
}

/* ---- schedules in words -------------------------------------------------------------- */

static JsonObject *
parse_ok (const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDate) today = g_date_new_dmy (4, G_DATE_DECEMBER, 2026);   /* a Friday */
  JsonObject *schedule = sp_schedule_parse_words (text, today, &error);

  g_assert_no_error (error);
  g_assert_nonnull (schedule);
  return schedule;
}

static void
assert_rule (const char *text,
             const char *freq,
             gint64      interval,
             const char *byday,
             const char *opens,
             const char *closes)
{
  g_autoptr (JsonObject) schedule = parse_ok (text);
  g_autoptr (JsonObject) again = NULL;
  g_autoptr (SpSchedule) read = sp_schedule_new_from_json (schedule);
  g_autofree char *words = sp_schedule_words_for_form (schedule);
  g_autofree char *shown = sp_schedule_dup_words (read);

  g_test_message ("%s -> %s", text, words);
  g_assert_cmpstr (json_object_get_string_member (schedule, "freq"), ==, freq);
  g_assert_cmpint (json_object_get_int_member (schedule, "interval"), ==, interval);
  g_assert_cmpstr (json_object_get_string_member (schedule, "byday"), ==, byday);
  g_assert_cmpstr (json_object_get_string_member (schedule, "opens_at"), ==, opens);
  g_assert_cmpstr (json_object_get_string_member (schedule, "closes_at"), ==, closes);
  /* The app reads it as a rule it can put in words… */
  g_assert_true (sp_schedule_get_kind (read) == SP_SCHEDULE_KIND_REGULAR);
  g_assert_nonnull (shown);
  /* …and the form's words read back to the same rule. */
  g_assert_nonnull (words);
  again = parse_ok (words);
  g_assert_cmpstr (json_object_get_string_member (again, "byday"), ==, byday);
  g_assert_cmpstr (json_object_get_string_member (again, "opens_at"), ==, opens);
  g_assert_cmpstr (json_object_get_string_member (again, "closes_at"), ==, closes);
  g_assert_cmpint (json_object_get_int_member (again, "interval"), ==, interval);
}

static void
test_schedule_words (void)
{
  g_autoptr (JsonObject) closed = NULL;
  g_autoptr (JsonObject) fortnight = NULL;
  g_autoptr (SpSchedule) closure = NULL;
  g_autofree char *closed_words = NULL;

  assert_rule ("every 2nd Tuesday, 10:00\u201312:00", "MONTHLY", 1, "2TU", "10:00", "12:00");
  assert_rule ("every Monday and Thursday 9:30-11", "WEEKLY", 1, "MO,TH", "09:30", "11:00");
  assert_rule ("first Wednesday of the month 2pm\u20134pm", "MONTHLY", 1, "1WE", "14:00", "16:00");
  assert_rule ("Last Friday of every month, 2-4pm", "MONTHLY", 1, "-1FR", "14:00", "16:00");
  assert_rule ("1st and 3rd Tuesday of the month 10am to 12pm", "MONTHLY", 1, "1TU,3TU", "10:00", "12:00");
  assert_rule ("Mondays, Wednesdays & Fridays 9.30am - 4.30pm", "WEEKLY", 1, "MO,WE,FR", "09:30", "16:30");
  assert_rule ("every other Tuesday 10:00-12:00", "WEEKLY", 2, "TU", "10:00", "12:00");
  assert_rule ("weekdays 9-5pm", "WEEKLY", 1, "MO,TU,WE,TH,FR", "09:00", "17:00");

  fortnight = parse_ok ("fortnightly on Tuesday 10:00-12:00");
  g_assert_cmpstr (json_object_get_string_member (fortnight, "dtstart"), ==, "2026-12-08");

  closed = parse_ok ("closed 24 December 2026 to 2 January 2027");
  g_assert_false (json_object_has_member (closed, "freq"));
  g_assert_cmpstr (json_object_get_string_member (closed, "valid_from"), ==, "2026-12-24");
  g_assert_cmpstr (json_object_get_string_member (closed, "valid_to"), ==, "2027-01-02");
  closure = sp_schedule_new_from_json (closed);
  g_assert_true (sp_schedule_get_kind (closure) == SP_SCHEDULE_KIND_CLOSED);
  closed_words = sp_schedule_words_for_form (closed);
  g_assert_cmpstr (closed_words, ==, "closed 24 December 2026 to 2 January 2027");
}

static void
test_schedule_words_refused (void)
{
  const char *bad[] = {
    "31st Tuesday 10:00-12:00",
    "6th Monday of the month 10-12",
    "every Monday 25:00-26:00",
    "every Monday 12:00-10:00",
    "every Monday 10:00",
    "every Monday 10:75-11:00",
    "every Funday 10-12",
    "every 2nd",
    "closed 31 February 2027",
    "closed 2 January 2027 to 24 December 2026",
    "closed 24 December",
    "every Monday 10-12 and then some",
    "",
    "   ",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonObject) schedule = sp_schedule_parse_words (bad[i], NULL, &error);

      g_test_message ("%s: %s", bad[i], error != NULL ? error->message : "(read)");
      g_assert_null (schedule);
      g_assert_error (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_INVALID);
      g_assert_cmpuint (strlen (error->message), >, 10);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, fn) g_test_add ("/signpost/listings/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("sign-in", test_sign_in);
  ADD ("wrong-passphrase", test_wrong_passphrase);
  ADD ("throttled", test_throttled);
  ADD ("sessions-end", test_sessions_end);
  ADD ("invitation-once", test_invitation_once);
  ADD ("rights", test_rights);
  ADD ("pending-then-approved", test_pending_then_approved);
  ADD ("rejected", test_rejected);
  ADD ("conflict", test_conflict);
  ADD ("invalid-by-field", test_invalid_by_field);
  ADD ("shared-place", test_shared_place);
  ADD ("hostile-verbatim", test_hostile_verbatim);
  ADD ("confirm", test_confirm);
  ADD ("new-and-close", test_new_and_close);
  ADD ("history-restore", test_history_restore);
  ADD ("freshness", test_freshness);
  ADD ("import-again", test_import_again);
  ADD ("add-editor", test_add_editor);
#undef ADD
  g_test_add_func ("/signpost/listings/schedule-words", test_schedule_words);
  g_test_add_func ("/signpost/listings/schedule-words-refused", test_schedule_words_refused);

  return g_test_run ();
}
