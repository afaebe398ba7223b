/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-malformed.c: broken, hostile and mis-encoded feeds are refused whole, with a message
 * naming the file, and the store is left exactly as it was. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "sp-export.h"
#include "sp-import.h"
#include "sp-json-splitter.h"
#include "sp-test-util.h"

#define SERVICE_A "3f1c2a4e-7b0d-4c1e-9a2b-1d2e3f4a5b6c"
#define SERVICE_B "8e7d6c5b-4a39-4281-b7c6-d5e4f3a2b1c0"
#define ORG       "0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d"

/* The store every case starts from: two services, one organisation. */
static const char baseline_feed[] =
  "{\"total_items\":2,\"total_pages\":1,\"page_number\":1,\"size\":2,\"first_page\":true,"
  "\"last_page\":true,\"empty\":false,\"contents\":["
  "{\"id\":\"" SERVICE_A "\",\"name\":\"Memory café\",\"status\":\"active\","
  " \"organization\":{\"id\":\"" ORG "\",\"name\":\"Age Friendly Whitmore\","
  "  \"description\":\"A local charity.\"}},"
  "{\"id\":\"" SERVICE_B "\",\"name\":\"Carers' coffee morning\",\"status\":\"active\","
  " \"organization\":{\"id\":\"" ORG "\",\"name\":\"Age Friendly Whitmore\","
  "  \"description\":\"A local charity.\"}}]}";

/* A good record to put before the damage: it must not land either. */
#define GOOD_RECORD \
  "{\"id\":\"11111111-2222-4333-8444-555555555555\",\"name\":\"Befriending calls\"," \
  "\"status\":\"active\"}"

typedef struct
{
  char *dir;
  SpStore *store;
  char *fingerprint;
} Fixture;

static gint64
count_rows (SpStore    *store,
            const char *table)
{
  return sp_store_count (store, table);
}

/* What a person could notice of the store: every service as exported, and how many feeds
 * and import runs it remembers. */
static char *
store_fingerprint (SpStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (GString) print = g_string_new (NULL);

  g_assert_true (sp_export_all (store, out, NULL, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, NULL);
  g_string_append_len (print, g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                       g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)));
  g_string_append_printf (print, "\nservices %" G_GINT64_FORMAT " organisations %" G_GINT64_FORMAT
                          " feeds %" G_GINT64_FORMAT " runs %" G_GINT64_FORMAT,
                          count_rows (store, "service"), count_rows (store, "organization"),
                          count_rows (store, "feed"), count_rows (store, "import_run"));
  return g_string_free (g_steal_pointer (&print), FALSE);
}

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *db = NULL;
  g_autofree char *feed = NULL;

  f->dir = sp_test_make_tmpdir ();
  db = g_build_filename (f->dir, "directory.sqlite", NULL);
  f->store = sp_store_open (db, &error);
  g_assert_no_error (error);
  feed = sp_test_write_tmp (f->dir, "baseline.json", baseline_feed, -1);
  g_assert_true (sp_import_path (f->store, feed, SP_IMPORT_FLAGS_NONE, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  f->fingerprint = store_fingerprint (f->store);
  g_assert_nonnull (strstr (f->fingerprint, "services 2 "));
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_clear_object (&f->store);
  sp_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->fingerprint);
}

/* Imports @path expecting SP_IMPORT_ERROR @code, a message naming @path's file and holding
 * @also (if any), and the store unchanged and sound. */
static void
assert_refused (Fixture    *f,
                const char *path,
                SpImportFlags flags,
                int         code,
                const char *also)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpImportReport) report = NULL;
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *after = NULL;

  g_assert_false (sp_import_path (f->store, path, flags, NULL, NULL, NULL, &report, &error));
  g_assert_error (error, SP_IMPORT_ERROR, code);
  if (strstr (error->message, base) == NULL)
    g_error ("the message does not name %s: %s", base, error->message);
  if (also != NULL && strstr (error->message, also) == NULL)
    g_error ("the message does not say “%s”: %s", also, error->message);
  g_assert_null (strchr (error->message, '\n'));

  g_clear_error (&error);
  after = store_fingerprint (f->store);
  g_assert_cmpstr (after, ==, f->fingerprint);
  g_assert_true (sp_store_check_integrity (f->store, &error));
  g_assert_no_error (error);
}

typedef struct
{
  const char *name;        /* test path and file name */
  const char *bytes;
  gssize length;           /* -1: up to the NUL */
  int code;
  const char *also;        /* something else the message must say */
} Case;

#define TEXT(s) s, -1
#define BYTES(s) s, sizeof (s) - 1

static const Case cases[] = {
  { "empty", TEXT (""), SP_IMPORT_ERROR_NOT_JSON, "empty" },
  { "only-whitespace", TEXT ("  \n\t \r\n "), SP_IMPORT_ERROR_NOT_JSON, "empty" },
  { "number", TEXT ("42"), SP_IMPORT_ERROR_SHAPE, "line 1" },
  { "string", TEXT ("\"services\""), SP_IMPORT_ERROR_SHAPE, "line 1" },
  { "true", TEXT ("true"), SP_IMPORT_ERROR_SHAPE, "line 1" },
  { "null", TEXT ("null"), SP_IMPORT_ERROR_SHAPE, "line 1" },
  { "html-page", TEXT ("<!DOCTYPE html><html><body>502 Bad Gateway</body></html>"),
    SP_IMPORT_ERROR_SHAPE, "not an Open Referral feed" },
  { "object-not-a-feed", TEXT ("{\"foo\": 1, \"bar\": [1, 2]}"), SP_IMPORT_ERROR_SHAPE, "neither" },
  { "contents-not-a-list", TEXT ("{\"total_items\": 1, \"contents\": 5}"), SP_IMPORT_ERROR_SHAPE,
    "not a list" },
  { "list-of-numbers", TEXT ("[" GOOD_RECORD ", 1, 2]"), SP_IMPORT_ERROR_SHAPE, "record 2" },
  { "list-of-strings", TEXT ("[\"a service\"]"), SP_IMPORT_ERROR_SHAPE, "not a service" },
  { "truncated-mid-string", TEXT ("[" GOOD_RECORD ", {\"id\": \"abc"), SP_IMPORT_ERROR_TRUNCATED,
    "cut short" },
  { "truncated-mid-object", TEXT ("[" GOOD_RECORD ", {\"id\": \"x\", "), SP_IMPORT_ERROR_TRUNCATED,
    NULL },
  { "truncated-after-record", TEXT ("[" GOOD_RECORD), SP_IMPORT_ERROR_TRUNCATED, NULL },
  { "truncated-in-contents", TEXT ("{\"total_items\": 2, \"contents\": [" GOOD_RECORD ","),
    SP_IMPORT_ERROR_TRUNCATED, NULL },
  { "truncated-after-comma", TEXT ("[" GOOD_RECORD ",\n"), SP_IMPORT_ERROR_TRUNCATED, "line 2" },
  { "trailing-comma", TEXT ("[" GOOD_RECORD ",]"), SP_IMPORT_ERROR_NOT_JSON, NULL },
  { "mismatched-brackets", TEXT ("[" GOOD_RECORD "}"), SP_IMPORT_ERROR_NOT_JSON, NULL },
  { "bad-inside-record", TEXT ("[" GOOD_RECORD ", {\"id\": \"x\" \"name\": \"y\"}]"),
    SP_IMPORT_ERROR_NOT_JSON, "record 2" },
  { "text-after-end", TEXT ("[" GOOD_RECORD "] and some more"), SP_IMPORT_ERROR_NOT_JSON,
    "after the end" },
  { "two-documents", TEXT ("[" GOOD_RECORD "]\n[" GOOD_RECORD "]"), SP_IMPORT_ERROR_NOT_JSON, NULL },
  { "raw-nul", BYTES ("[" GOOD_RECORD ", {\"id\": \"a\0b\"}]"), SP_IMPORT_ERROR_ENCODING, "NUL" },
  { "escaped-nul", TEXT ("[{\"id\": \"x\", \"name\": \"Caf\\u0000\"}]"), SP_IMPORT_ERROR_ENCODING,
    "\\u0000" },
  { "invalid-utf8", BYTES ("[" GOOD_RECORD ", {\"name\": \"\xc3\x28\xa0\xa1\"}]"),
    SP_IMPORT_ERROR_ENCODING, "UTF-8" },
  { "latin1", BYTES ("[{\"name\": \"Caf\xe9 for carers\"}]"), SP_IMPORT_ERROR_ENCODING, "UTF-8" },
  { "utf16-le-bom", BYTES ("\xff\xfe[\0{\0}\0]\0"), SP_IMPORT_ERROR_ENCODING, "UTF-16" },
  { "utf16-be-bom", BYTES ("\xfe\xff\0[\0{\0}\0]"), SP_IMPORT_ERROR_ENCODING, "UTF-16" },
  { "utf16-no-bom", BYTES ("[\0{\0}\0]\0"), SP_IMPORT_ERROR_ENCODING, NULL },
};

static void
test_case (Fixture      *f,
           gconstpointer data)
{
  const Case *c = data;
  g_autofree char *file = g_strconcat (c->name, ".json", NULL);
  g_autofree char *path = sp_test_write_tmp (f->dir, file, c->bytes, c->length);

  assert_refused (f, path, SP_IMPORT_FLAGS_NONE, c->code, c->also);
}

/* Nesting far deeper than any directory record. */
static void
test_too_deep (Fixture      *f,
               gconstpointer data)
{
  g_autoptr (GString) feed = g_string_new ("[{\"id\":\"x\",\"name\":\"deep\",\"status\":\"active\",\"a\":");
  g_autofree char *path = NULL;

  for (int i = 0; i < 10000; i++)
    g_string_append_c (feed, '[');
  for (int i = 0; i < 10000; i++)
    g_string_append_c (feed, ']');
  g_string_append (feed, "}]");
  path = sp_test_write_tmp (f->dir, "deep.json", feed->str, feed->len);
  assert_refused (f, path, SP_IMPORT_FLAGS_NONE, SP_IMPORT_ERROR_NOT_JSON, NULL);
}

/* One record bigger than Signpost accepts; it is refused without reading it all into memory. */
static void
test_record_too_large (Fixture      *f,
                       gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "huge.json", NULL);
  FILE *out = g_fopen (path, "w");
  g_autofree char *filler = g_malloc (1024 * 1024);

  memset (filler, 'a', 1024 * 1024);
  fputs ("[" GOOD_RECORD ", {\"id\":\"x\",\"name\":\"big\",\"status\":\"active\",\"description\":\"", out);
  for (gsize written = 0; written <= SP_JSON_MAX_RECORD_BYTES; written += 1024 * 1024)
    fwrite (filler, 1, 1024 * 1024, out);
  fputs ("\"}]", out);
  fclose (out);
  assert_refused (f, path, SP_IMPORT_FLAGS_NONE, SP_IMPORT_ERROR_TOO_LARGE, NULL);
}

static void
test_missing_file (Fixture      *f,
                   gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "no-such-feed.json", NULL);

  assert_refused (f, path, SP_IMPORT_FLAGS_NONE, SP_IMPORT_ERROR_IO, "does not exist");
}

static void
test_unreadable_file (Fixture      *f,
                      gconstpointer data)
{
  /* A folder given where a file is expected reads as a package with no datapackage.json. */
  g_autofree char *folder = g_build_filename (f->dir, "not-a-package", NULL);

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_free (sp_test_write_tmp (folder, "services.csv", "id,name\n", -1));
  assert_refused (f, folder, SP_IMPORT_FLAGS_NONE, SP_IMPORT_ERROR_SHAPE, "datapackage.json");
}

static char *
write_package (Fixture    *f,
               const char *name,
               const char *resource_path,
               const char *csv)
{
  g_autofree char *package = g_strdup_printf (
    "{\"name\":\"broken\",\"resources\":[{\"name\":\"service\",\"path\":\"%s\"}]}", resource_path);
  char *folder = g_build_filename (f->dir, name, NULL);

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_free (sp_test_write_tmp (folder, "datapackage.json", package, -1));
  if (csv != NULL)
    g_free (sp_test_write_tmp (folder, "service.csv", csv, -1));
  return folder;
}

/* A data package may not read files outside its own folder. */
static void
test_package_path_traversal (Fixture      *f,
                             gconstpointer data)
{
  g_autofree char *folder = write_package (f, "escaping-package", "../baseline.json", NULL);

  assert_refused (f, folder, SP_IMPORT_FLAGS_NONE, SP_IMPORT_ERROR_SHAPE, "outside");
}

static void
test_package_unterminated_quote (Fixture      *f,
                                 gconstpointer data)
{
  g_autofree char *folder = write_package (f, "quote-package", "service.csv",
    "id,name,status\n"
    "11111111-2222-4333-8444-555555555555,Befriending calls,active\n"
    "22222222-2222-4333-8444-555555555555,\"Lunch club,active\n");

  assert_refused (f, folder, SP_IMPORT_FLAGS_NONE, SP_IMPORT_ERROR_NOT_JSON, "service.csv");
}

/* --strict: a malformed email rejects the whole file; without it the service is kept. */
static void
test_strict (Fixture      *f,
             gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpImportReport) report = NULL;
  g_autofree char *path = sp_test_write_tmp (f->dir, "bad-email.json",
    "[" GOOD_RECORD ", {\"id\":\"22222222-2222-4333-8444-555555555555\",\"name\":\"Lunch club\","
    "\"status\":\"active\",\"email\":\"lunch club at example\"}]", -1);

  assert_refused (f, path, SP_IMPORT_FLAGS_STRICT, SP_IMPORT_ERROR_STRICT, "email");

  g_assert_true (sp_import_path (f->store, path, SP_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &report,
                                 &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 2);
  g_assert_cmpuint (report->warned, ==, 1);
  g_assert_cmpint (count_rows (f->store, "service"), ==, 4);
}

/* A UTF-8 byte-order mark, as Windows tools write, is not an error. */
static void
test_utf8_bom_accepted (Fixture      *f,
                        gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpImportReport) report = NULL;
  g_autofree char *path = sp_test_write_tmp (f->dir, "bom.json", "\xef\xbb\xbf[" GOOD_RECORD "]", -1);

  g_assert_true (sp_import_path (f->store, path, SP_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &report,
                                 &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 1);
}

/* Through the command line: non-zero, one line naming the file, no claim of success. */
static void
test_cli (Fixture      *f,
          gconstpointer data)
{
  static const struct { const char *file; const char *bytes; } feeds[] = {
    { "cut-short.json", "[" GOOD_RECORD ", {\"id\": \"x\"" },
    { "garbage.json", "[" GOOD_RECORD "] trailing words" },
    { "latin1.json", "[{\"name\": \"Caf\xe9\"}]" },
  };
  g_autofree char *data_dir = g_build_filename (f->dir, "cli-data", NULL);
  g_autofree char *good = sp_test_write_tmp (f->dir, "good.json", "[" GOOD_RECORD "]", -1);
  g_autofree char *summary = NULL;

  g_assert_cmpint (sp_test_run_cli (&summary, NULL, "import", good, "--data-dir", data_dir, NULL), ==, 0);
  g_assert_nonnull (strstr (summary, "1 new"));
  for (gsize i = 0; i < G_N_ELEMENTS (feeds); i++)
    {
      g_autofree char *path = sp_test_write_tmp (f->dir, feeds[i].file, feeds[i].bytes, -1);
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *list = NULL;
      int status = sp_test_run_cli (&out, &err, "import", path, "--data-dir", data_dir, NULL);

      g_assert_cmpint (status, !=, 0);
      g_assert_cmpstr (out, ==, "");
      g_assert_true (g_str_has_prefix (err, "signpost-cli: "));
      g_assert_nonnull (strstr (err, feeds[i].file));
      g_assert_true (g_str_has_suffix (err, "\n"));
      g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);

      g_assert_cmpint (sp_test_run_cli (&list, NULL, "list", "--data-dir", data_dir, NULL), ==, 0);
      g_assert_cmpstr (list, ==, "11111111-2222-4333-8444-555555555555\tBefriending calls\n");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *test_path = g_strconcat ("/signpost/malformed/", cases[i].name, NULL);
      g_test_add (test_path, Fixture, &cases[i], fixture_set_up, test_case, fixture_tear_down);
    }
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/signpost/malformed/too-deep", test_too_deep);
  ADD ("/signpost/malformed/record-too-large", test_record_too_large);
  ADD ("/signpost/malformed/missing-file", test_missing_file);
  ADD ("/signpost/malformed/folder-without-package", test_unreadable_file);
  ADD ("/signpost/malformed/package-path-traversal", test_package_path_traversal);
  ADD ("/signpost/malformed/package-unterminated-quote", test_package_unterminated_quote);
  ADD ("/signpost/malformed/strict", test_strict);
  ADD ("/signpost/malformed/utf8-bom-accepted", test_utf8_bom_accepted);
  ADD ("/signpost/malformed/cli", test_cli);
#undef ADD

  return g_test_run ();
}
