/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-malformed.c: broken, hostile and mis-encoded feeds are refused whole, with a message
 * naming the file and the place, and the store is left exactly as it was. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "sp-export.h"
#include "sp-import.h"
#include "sp-json-splitter.h"
#include "sp-test-sql.h"
#include "sp-test-store.h"
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
#define GOOD_ID "11111111-2222-4333-8444-555555555555"
#define GOOD_RECORD "{\"id\":\"" GOOD_ID "\",\"name\":\"Befriending calls\",\"status\":\"active\"}"
#define BAD_EMAIL_FEED \
  "[" GOOD_RECORD ",\n{\"id\":\"22222222-2222-4333-8444-555555555555\",\"name\":\"Lunch club\"," \
  "\"status\":\"active\",\"email\":\"lunch club at example\"}]"

typedef struct
{
  SpTestStoreFixture empty;  /* a store that then holds the baseline feed */
  char *fingerprint;
} Fixture;

/* What a person could notice of the store: every service as exported, and how many
 * services, organisations, feeds and import runs it holds. */
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
                          sp_store_count (store, "service"), sp_store_count (store, "organization"),
                          sp_store_count (store, "feed"), sp_store_count (store, "import_run"));
  return g_string_free (g_steal_pointer (&print), FALSE);
}

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autofree char *feed = NULL;
  g_autoptr (SpImportReport) report = NULL;

  sp_test_store_fixture_set_up (&f->empty, data);
  feed = sp_test_write_tmp (f->empty.dir, "baseline.json", baseline_feed, -1);
  report = sp_test_import_ok (f->empty.store, feed, SP_IMPORT_FLAGS_NONE);
  f->fingerprint = store_fingerprint (f->empty.store);
  g_assert_nonnull (strstr (f->fingerprint, "services 2 organisations 1 feeds 1 runs 1"));
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  sp_test_store_fixture_tear_down (&f->empty, data);
  g_free (f->fingerprint);
}

static void
assert_says (const char *message,
             const char *words)
{
  if (words != NULL && strstr (message, words) == NULL)
    g_error ("the message does not say “%s”: %s", words, message);
}

/* Imports @path expecting SP_IMPORT_ERROR @code and a one-line message that names @path's
 * file, @where in it and says @says (each if not NULL); then the store must be unchanged,
 * with no transaction left open, and sound. */
static void
assert_refused (Fixture      *f,
                const char   *path,
                SpImportFlags flags,
                int           code,
                const char   *where,
                const char   *says)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpImportReport) report = NULL;
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *after = NULL;

  g_assert_false (sp_import_path (f->empty.store, path, flags, NULL, NULL, NULL, &report, &error));
  g_assert_error (error, SP_IMPORT_ERROR, code);
  g_assert_null (report);
  assert_says (error->message, base);
  assert_says (error->message, where);
  assert_says (error->message, says);
  g_assert_null (strchr (error->message, '\n'));
  g_clear_error (&error);

  g_assert_false (sp_store_in_transaction (f->empty.store));
  g_assert_cmpint (sp_test_query_int (f->empty.store, "SELECT count(*) FROM service WHERE id = ?", GOOD_ID), ==, 0);
  after = store_fingerprint (f->empty.store);
  g_assert_cmpstr (after, ==, f->fingerprint);
  g_assert_true (sp_store_check_integrity (f->empty.store, &error));
  g_assert_no_error (error);
}

/* ---- broken JSON files, one table row each -------------------------------------- */

typedef struct
{
  const char *name;        /* test path and file name */
  const char *bytes;
  gssize length;           /* -1: up to the NUL */
  int code;
  const char *where;       /* the position the message must give */
  const char *says;        /* and what it must say */
} Case;

#define TEXT(s) s, -1
#define BYTES(s) s, sizeof (s) - 1

static const Case cases[] = {
  /* Not a feed at all. */
  { "empty", TEXT (""), SP_IMPORT_ERROR_NOT_JSON, "line 1", "empty" },
  { "only-whitespace", TEXT ("  \n\t \r\n "), SP_IMPORT_ERROR_NOT_JSON, "line 3", "empty" },
  { "number", TEXT ("42"), SP_IMPORT_ERROR_SHAPE, "line 1", "does not start with a JSON object or list" },
  { "string", TEXT ("\"services\""), SP_IMPORT_ERROR_SHAPE, "line 1", "does not start with a JSON" },
  { "true", TEXT ("true"), SP_IMPORT_ERROR_SHAPE, "line 1", "does not start with a JSON" },
  { "null", TEXT ("\n null"), SP_IMPORT_ERROR_SHAPE, "line 2", "does not start with a JSON" },
  { "html-page", TEXT ("<!DOCTYPE html><html><body>502 Bad Gateway</body></html>"),
    SP_IMPORT_ERROR_SHAPE, "line 1", "not an Open Referral feed" },
  { "object-not-a-feed", TEXT ("{\"foo\": 1, \"bar\": [1, 2]}"), SP_IMPORT_ERROR_SHAPE, NULL,
    "neither a service nor a page" },
  { "contents-a-number", TEXT ("{\"total_items\": 1, \"contents\": 5}"), SP_IMPORT_ERROR_SHAPE,
    NULL, "“contents” is not a list" },
  { "contents-an-object", TEXT ("{\"total_items\": 1, \"contents\": " GOOD_RECORD "}"),
    SP_IMPORT_ERROR_SHAPE, NULL, "“contents” is not a list" },
  { "list-of-numbers", TEXT ("[\n" GOOD_RECORD ",\n1, 2]"), SP_IMPORT_ERROR_SHAPE, "record 2 (line 3)",
    "is a number" },
  { "list-of-strings", TEXT ("[\n\"a service\"]"), SP_IMPORT_ERROR_SHAPE, "record 1 (line 2)",
    "is a text, not a service" },
  { "list-of-lists", TEXT ("[\n" GOOD_RECORD ",\n[" GOOD_RECORD "]]"), SP_IMPORT_ERROR_SHAPE,
    "record 2 (line 3)", "is a list" },
  /* Cut short. */
  { "truncated-mid-string", TEXT ("[\n" GOOD_RECORD ",\n{\"id\": \"abc"), SP_IMPORT_ERROR_TRUNCATED,
    "line 3", "cut short" },
  { "truncated-mid-object", TEXT ("[\n" GOOD_RECORD ",\n{\"id\": \"x\", "), SP_IMPORT_ERROR_TRUNCATED,
    "line 3", "cut short" },
  { "truncated-after-record", TEXT ("[\n" GOOD_RECORD), SP_IMPORT_ERROR_TRUNCATED, "line 2",
    "cut short" },
  { "truncated-after-comma", TEXT ("[\n" GOOD_RECORD ",\n"), SP_IMPORT_ERROR_TRUNCATED, "line 3",
    "cut short" },
  { "truncated-in-contents", TEXT ("{\"total_items\": 2,\n\"contents\": [\n" GOOD_RECORD ","),
    SP_IMPORT_ERROR_TRUNCATED, "line 3", "cut short" },
  { "truncated-in-oruk1-content", TEXT ("{\"content\": [\n{\"id\": 1"), SP_IMPORT_ERROR_TRUNCATED,
    "line 2", "cut short" },
  { "truncated-single-service", TEXT ("{\"id\": \"" GOOD_ID "\",\n\"name\": \"x\""),
    SP_IMPORT_ERROR_TRUNCATED, "line 2", "cut short" },
  /* Malformed. */
  { "trailing-comma-in-list", TEXT ("[\n" GOOD_RECORD ",\n]"), SP_IMPORT_ERROR_NOT_JSON, "line 3",
    "where a value was expected" },
  { "trailing-comma-in-record", TEXT ("[\n" GOOD_RECORD ",\n{\"id\": \"x\", \"name\": \"y\",}]"),
    SP_IMPORT_ERROR_NOT_JSON, "record 2 (from line 3)", "malformed" },
  { "mismatched-brackets", TEXT ("[\n" GOOD_RECORD ",\n{\"id\":\"x\",\"phones\":[{\"number\":\"1\"}}]}]"),
    SP_IMPORT_ERROR_NOT_JSON, "line 3", "brackets do not match" },
  { "list-closed-by-brace", TEXT ("[\n" GOOD_RECORD "\n}"), SP_IMPORT_ERROR_NOT_JSON, "line 3",
    "after record 1" },
  { "bad-inside-record", TEXT ("[\n" GOOD_RECORD ",\n{\"id\": \"x\" \"name\": \"y\"}]"),
    SP_IMPORT_ERROR_NOT_JSON, "record 2 (from line 3)", "malformed" },
  { "broken-escape", TEXT ("[\n" GOOD_RECORD ",\n{\"id\": \"x\", \"name\": \"\\u12\"}]"),
    SP_IMPORT_ERROR_NOT_JSON, "record 2 (from line 3)", "malformed" },
  { "text-after-end", TEXT ("[\n" GOOD_RECORD "\n] and some more"), SP_IMPORT_ERROR_NOT_JSON,
    "line 3", "after the end" },
  { "two-documents", TEXT ("[" GOOD_RECORD "]\n[" GOOD_RECORD "]"), SP_IMPORT_ERROR_NOT_JSON,
    "line 2", "after the end" },
  { "single-service-then-garbage", TEXT (GOOD_RECORD "\n,"), SP_IMPORT_ERROR_NOT_JSON, "line 2",
    "after the end" },
  /* Not UTF-8 text. */
  { "raw-nul", BYTES ("[\n" GOOD_RECORD ",\n{\"id\": \"a\0b\"}]"), SP_IMPORT_ERROR_ENCODING, "line 3",
    "NUL byte" },
  { "escaped-nul", TEXT ("[\n" GOOD_RECORD ",\n{\"id\": \"x\", \"name\": \"Caf\\u0000\"}]"),
    SP_IMPORT_ERROR_ENCODING, "line 3", "\\u0000" },
  { "lone-surrogate", TEXT ("[\n" GOOD_RECORD ",\n{\"id\": \"x\", \"name\": \"A \\ud800 B\"}]"),
    SP_IMPORT_ERROR_ENCODING, "line 3", "surrogate" },
  { "surrogates-swapped", TEXT ("[\n" GOOD_RECORD ",\n{\"name\": \"\\ude00\\ud83d\"}]"),
    SP_IMPORT_ERROR_ENCODING, "line 3", "surrogate" },
  { "invalid-utf8", BYTES ("[\n" GOOD_RECORD ",\n{\"name\": \"\xc3\x28\xa0\xa1\"}]"),
    SP_IMPORT_ERROR_ENCODING, "line 3", "not valid UTF-8" },
  { "latin1", BYTES ("[\n" GOOD_RECORD ",\n{\"name\": \"Caf\xe9 for carers\"}]"),
    SP_IMPORT_ERROR_ENCODING, "line 3", "not valid UTF-8" },
  { "utf16-le-bom", BYTES ("\xff\xfe[\0{\0}\0]\0"), SP_IMPORT_ERROR_ENCODING, "line 1",
    "must be UTF-8" },
  { "utf16-be-bom", BYTES ("\xfe\xff\0[\0{\0}\0]"), SP_IMPORT_ERROR_ENCODING, "line 1",
    "must be UTF-8" },
  { "utf16-no-bom", BYTES ("[\0{\0}\0]\0"), SP_IMPORT_ERROR_ENCODING, "line 1", "NUL byte" },
};

static void
test_case (Fixture      *f,
           gconstpointer data)
{
  const Case *c = data;
  g_autofree char *file = g_strconcat (c->name, ".json", NULL);
  g_autofree char *path = sp_test_write_tmp (f->empty.dir, file, c->bytes, c->length);

  assert_refused (f, path, SP_IMPORT_FLAGS_NONE, c->code, c->where, c->says);
}

/* ---- hostile sizes ------------------------------------------------------------------ */

/* Nesting far deeper than any directory record (and than json-glib's stack would like). */
static void
test_too_deep (Fixture      *f,
               gconstpointer data)
{
  g_autoptr (GString) feed = g_string_new ("[" GOOD_RECORD ",\n{\"id\":\"x\",\"a\":");
  g_autofree char *path = NULL;

  for (int i = 0; i < 100000; i++)
    g_string_append_c (feed, '[');
  for (int i = 0; i < 100000; i++)
    g_string_append_c (feed, ']');
  g_string_append (feed, "}]");
  path = sp_test_write_tmp (f->empty.dir, "deep.json", feed->str, feed->len);
  assert_refused (f, path, SP_IMPORT_FLAGS_NONE, SP_IMPORT_ERROR_NOT_JSON, "line 2",
                  "more than 64 levels");
}

/* Writes @head, then 'a' until there are more than SP_JSON_MAX_RECORD_BYTES, then @tail. */
static char *
write_oversized (Fixture    *f,
                 const char *name,
                 const char *head,
                 const char *tail)
{
  char *path = g_build_filename (f->empty.dir, name, NULL);
  FILE *out = g_fopen (path, "w");
  g_autofree char *filler = g_malloc (1024 * 1024);

  g_assert_nonnull (out);
  memset (filler, 'a', 1024 * 1024);
  fputs (head, out);
  for (gsize written = 0; written <= SP_JSON_MAX_RECORD_BYTES; written += 1024 * 1024)
    g_assert_cmpuint (fwrite (filler, 1, 1024 * 1024, out), ==, 1024 * 1024);
  fputs (tail, out);
  g_assert_cmpint (fclose (out), ==, 0);
  return path;
}

static void
test_record_too_large (Fixture      *f,
                       gconstpointer data)
{
  g_autofree char *path = write_oversized (f, "huge-record.json",
    "[" GOOD_RECORD ",\n{\"id\":\"x\",\"name\":\"big\",\"status\":\"active\",\"description\":\"", "\"}]");

  assert_refused (f, path, SP_IMPORT_FLAGS_NONE, SP_IMPORT_ERROR_TOO_LARGE, "line 2",
                  "larger than 32 MB");
}

/* A file that is one service object (no list) is bounded the same way. */
static void
test_single_object_too_large (Fixture      *f,
                              gconstpointer data)
{
  g_autofree char *path = write_oversized (f, "huge-single.json",
    "{\"id\":\"" GOOD_ID "\",\"name\":\"big\",\"status\":\"active\",\n\"description\":\"", "\"}");

  assert_refused (f, path, SP_IMPORT_FLAGS_NONE, SP_IMPORT_ERROR_TOO_LARGE, "line 2",
                  "larger than 32 MB");
}

typedef struct
{
  char *path;
  gsize written;
} Endless;

#define ENDLESS_CAP ((gsize) 4 * SP_JSON_MAX_RECORD_BYTES)

/* Writes one top-level object whose description never ends (up to ENDLESS_CAP), until
 * the reader hangs up. */
static gpointer
write_endless (gpointer data)
{
  static const char head[] = "{\"id\":\"" GOOD_ID "\",\"name\":\"x\",\"description\":\"";
  Endless *e = data;
  g_autofree char *filler = g_malloc (64 * 1024);
  int fd = g_open (e->path, O_WRONLY, 0);

  g_assert_cmpint (fd, >=, 0);
  memset (filler, 'a', 64 * 1024);
  if (write (fd, head, sizeof head - 1) > 0)
    while (e->written < ENDLESS_CAP)
      {
        gssize n = write (fd, filler, 64 * 1024);
        if (n < 0 && errno == EINTR)
          continue;
        if (n <= 0)
          break;  /* EPIPE: the import stopped reading */
        e->written += n;
      }
  close (fd);
  return NULL;
}

/* A stream that never ends (a pipe from a hung download) is refused once a record passes
 * the limit, not read into memory to its end. */
static void
test_endless_stream (Fixture      *f,
                     gconstpointer data)
{
  Endless e = { g_build_filename (f->empty.dir, "endless.json", NULL), 0 };
  GThread *writer;
  int unblock;

  signal (SIGPIPE, SIG_IGN);
  g_assert_cmpint (mkfifo (e.path, 0600), ==, 0);
  writer = g_thread_new ("endless-feed", write_endless, &e);
  assert_refused (f, e.path, SP_IMPORT_FLAGS_NONE, SP_IMPORT_ERROR_TOO_LARGE, "line 1",
                  "larger than 32 MB");
  /* Lets the writer's open() return should the import never have opened the pipe. */
  unblock = g_open (e.path, O_RDONLY | O_NONBLOCK, 0);
  if (unblock >= 0)
    close (unblock);
  g_thread_join (writer);
  g_assert_cmpuint (e.written, <, ENDLESS_CAP);
  g_free (e.path);
}

/* ---- files and folders ------------------------------------------------------------ */

static void
test_missing_file (Fixture      *f,
                   gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->empty.dir, "no-such-feed.json", NULL);

  assert_refused (f, path, SP_IMPORT_FLAGS_NONE, SP_IMPORT_ERROR_IO, NULL, "does not exist");
}

typedef struct
{
  const char *name;       /* test path and folder name */
  const char *manifest;   /* datapackage.json, or NULL for none */
  const char *csv;        /* service.csv, or NULL for none */
  gssize csv_length;
  int code;
  const char *where;
  const char *says;
} PackageCase;

#define PACKAGE(path) "{\"name\":\"broken\",\"resources\":[{\"name\":\"service\",\"path\":\"" path "\"}]}"
#define SERVICE_CSV "id,name,status\n" GOOD_ID ",Befriending calls,active\n"

static const PackageCase package_cases[] = {
  { "folder-without-package", NULL, TEXT (SERVICE_CSV), SP_IMPORT_ERROR_SHAPE, NULL,
    "has no datapackage.json" },
  { "package-not-json", "{\"resources\": [", TEXT (SERVICE_CSV), SP_IMPORT_ERROR_NOT_JSON,
    "datapackage.json", "not valid JSON" },
  { "package-path-escapes", PACKAGE ("../baseline.json"), TEXT (SERVICE_CSV), SP_IMPORT_ERROR_SHAPE,
    "“../baseline.json”", "outside the package folder" },
  { "package-path-absolute", PACKAGE ("/etc/passwd"), TEXT (SERVICE_CSV), SP_IMPORT_ERROR_SHAPE,
    "“/etc/passwd”", "outside the package folder" },
  { "package-csv-missing", PACKAGE ("service.csv"), NULL, 0, SP_IMPORT_ERROR_IO, "service.csv",
    NULL },
  { "package-unterminated-quote", PACKAGE ("service.csv"),
    TEXT (SERVICE_CSV "22222222-2222-4333-8444-555555555555,\"Lunch club,active\n"),
    SP_IMPORT_ERROR_NOT_JSON, "service.csv line 3", "not closed" },
  { "package-csv-latin1", PACKAGE ("service.csv"),
    BYTES (SERVICE_CSV "22222222-2222-4333-8444-555555555555,Caf\xe9,active\n"),
    SP_IMPORT_ERROR_ENCODING, "service.csv line 3", "UTF-8" },
};

static void
test_package_case (Fixture      *f,
                   gconstpointer data)
{
  const PackageCase *c = data;
  g_autofree char *folder = g_build_filename (f->empty.dir, c->name, NULL);

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  if (c->manifest != NULL)
    g_free (sp_test_write_tmp (folder, "datapackage.json", c->manifest, -1));
  if (c->csv != NULL)
    g_free (sp_test_write_tmp (folder, "service.csv", c->csv, c->csv_length));
  assert_refused (f, folder, SP_IMPORT_FLAGS_NONE, c->code, c->where, c->says);
}

/* A package whose CSV is a named pipe with nobody writing to it is refused at once
 * rather than waiting for ever (the suite's time limit would catch a wait). */
static void
test_package_csv_is_a_pipe (Fixture      *f,
                            gconstpointer data)
{
  g_autofree char *folder = g_build_filename (f->empty.dir, "package-csv-fifo", NULL);
  g_autofree char *fifo = g_build_filename (folder, "service.csv", NULL);

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_free (sp_test_write_tmp (folder, "datapackage.json", PACKAGE ("service.csv"), -1));
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  assert_refused (f, folder, SP_IMPORT_FLAGS_NONE, SP_IMPORT_ERROR_IO, "service.csv", "not an ordinary file");
}

/* A datapackage.json nested far too deep is refused like a feed, not handed to json-glib,
 * whose recursion would overflow the stack. */
static void
test_package_too_deep (Fixture      *f,
                       gconstpointer data)
{
  g_autofree char *folder = g_build_filename (f->empty.dir, "package-too-deep", NULL);
  g_autoptr (GString) manifest = g_string_new ("{\"resources\":");

  for (int i = 0; i < 100000; i++)
    g_string_append_c (manifest, '[');
  for (int i = 0; i < 100000; i++)
    g_string_append_c (manifest, ']');
  g_string_append_c (manifest, '}');
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_free (sp_test_write_tmp (folder, "datapackage.json", manifest->str, manifest->len));
  g_free (sp_test_write_tmp (folder, "service.csv", SERVICE_CSV, -1));
  assert_refused (f, folder, SP_IMPORT_FLAGS_NONE, SP_IMPORT_ERROR_NOT_JSON, "datapackage.json",
                  "more than 64 levels");
}

/* ---- --strict, and what must import -------------------------------------------------- */

static gboolean
has_problem (SpImportReport *report,
             const char     *field,
             const char     *words)
{
  for (guint i = 0; i < report->problems->len; i++)
    {
      SpImportProblem *p = g_ptr_array_index (report->problems, i);
      if (g_strcmp0 (p->field, field) == 0 && strstr (p->message, words) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* --strict: a malformed email rejects the whole file, naming the record and field. */
static void
test_strict_rejects (Fixture      *f,
                     gconstpointer data)
{
  g_autofree char *path = sp_test_write_tmp (f->empty.dir, "bad-email.json", BAD_EMAIL_FEED, -1);

  assert_refused (f, path, SP_IMPORT_FLAGS_STRICT, SP_IMPORT_ERROR_STRICT,
                  "22222222-2222-4333-8444-555555555555, email", "not an email address");
}

/* Without --strict the same feed lands, the bad email dropped and reported. */
static void
test_lenient_warns (Fixture      *f,
                    gconstpointer data)
{
  g_autofree char *path = sp_test_write_tmp (f->empty.dir, "bad-email.json", BAD_EMAIL_FEED, -1);
  g_autoptr (SpImportReport) report = sp_test_import_ok (f->empty.store, path, SP_IMPORT_FLAGS_NONE);

  g_assert_cmpuint (report->imported, ==, 2);
  g_assert_cmpuint (report->warned, ==, 1);
  g_assert_true (has_problem (report, "email", "not an email address"));
  g_assert_cmpint (sp_store_count (f->empty.store, "service"), ==, 4);
  g_assert_cmpint (sp_test_query_int (f->empty.store, "SELECT count(*) FROM service WHERE id = ? AND email IS NULL",
                              "22222222-2222-4333-8444-555555555555"), ==, 1);
}

/* Text that merely looks special is imported as itself: a UTF-8 byte-order mark is
 * skipped, "\\u0000" (an escaped backslash) is not a NUL, a surrogate pair is one
 * character. */
static void
test_tricky_but_valid (Fixture      *f,
                       gconstpointer data)
{
  static const struct { const char *file; const char *bytes; const char *id; const char *name; } feeds[] = {
    { "utf8-bom.json", "\xef\xbb\xbf[" GOOD_RECORD "]", GOOD_ID, "Befriending calls" },
    { "backslash-u.json", "[{\"id\":\"33333333-2222-4333-8444-555555555555\",\"name\":\"C:\\\\u0000\","
      "\"status\":\"active\"}]", "33333333-2222-4333-8444-555555555555", "C:\\u0000" },
    { "surrogate-pair.json", "{\"id\":\"44444444-2222-4333-8444-555555555555\",\"name\":"
      "\"Smile \\ud83d\\ude00 club\",\"status\":\"active\"}", "44444444-2222-4333-8444-555555555555",
      "Smile \xf0\x9f\x98\x80 club" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (feeds); i++)
    {
      g_autofree char *path = sp_test_write_tmp (f->empty.dir, feeds[i].file, feeds[i].bytes, -1);
      g_autoptr (SpImportReport) report = sp_test_import_ok (f->empty.store, path, SP_IMPORT_FLAGS_NONE);
      g_autofree char *name = sp_test_sql_text (f->empty.store, "SELECT name FROM service WHERE id = ?", feeds[i].id);

      g_assert_cmpuint (report->imported, ==, 1);
      g_assert_cmpuint (report->warnings, ==, 0);
      g_assert_cmpstr (name, ==, feeds[i].name);
    }
  g_assert_cmpint (sp_store_count (f->empty.store, "service"), ==, 5);
}

/* Markup and SQL in a name are text: stored and exported byte for byte, nothing run. */
static void
test_hostile_content (Fixture      *f,
                      gconstpointer data)
{
  static const char hostile[] = "<script>alert(1)</script>'; DROP TABLE service;--";
  g_autofree char *path = sp_test_write_tmp (f->empty.dir, "hostile.json",
    "{\"contents\":[{\"id\":\"55555555-2222-4333-8444-555555555555\","
    "\"name\":\"<script>alert(1)</script>'; DROP TABLE service;--\",\"status\":\"active\"}]}", -1);
  g_autoptr (SpImportReport) report = sp_test_import_ok (f->empty.store, path, SP_IMPORT_FLAGS_NONE);
  g_autofree char *name = sp_test_sql_text (f->empty.store, "SELECT name FROM service WHERE id = ?",
                                      "55555555-2222-4333-8444-555555555555");
  g_autoptr (JsonObject) exported = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (report->imported, ==, 1);
  g_assert_cmpstr (name, ==, hostile);
  g_assert_cmpint (sp_test_query_int (f->empty.store, "SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                                        "AND name = ?", "service"), ==, 1);
  g_assert_cmpint (sp_store_count (f->empty.store, "service"), ==, 3);
  exported = sp_export_service (f->empty.store, "55555555-2222-4333-8444-555555555555", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (exported, "name"), ==, hostile);
  g_assert_true (sp_store_check_integrity (f->empty.store, &error));
  g_assert_no_error (error);
}

/* ---- the command line -------------------------------------------------------------- */

/* A feed that changes both baseline services and adds one, touching the shared organisation
 * and checking for duplicates: every kind of read an import makes. */
static const char changing_feed[] =
  "[" GOOD_RECORD ","
  "{\"id\":\"" SERVICE_A "\",\"name\":\"Memory café (Tuesdays)\",\"status\":\"active\","
  " \"organization\":{\"id\":\"" ORG "\",\"name\":\"Age Friendly Whitmore\"}},"
  "{\"id\":\"" SERVICE_B "\",\"name\":\"Carers' coffee morning\",\"status\":\"active\","
  " \"organization_id\":\"" ORG "\"}]";

/* Where a read fails during the import of changing_feed: the SQL it fails in, and after how
 * many steps of it. */
static const struct { const char *sql; guint after; } import_read_failures[] = {
  { "SELECT content_hash FROM service", 1 },  /* is the service new or changed? */
  { "SELECT 1 FROM organization", 0 },        /* is the shared organisation there? */
  { "SELECT 1 FROM organization", 1 },        /* does a reference point at it? */
  { "WITH mine AS", 0 },                      /* is any service listed twice? */
};

/* A read that fails during an import is not "not there" or "no more": the import stops,
 * says why, and the store is as it was. */
static void
test_store_failure_rolls_back (Fixture      *f,
                               gconstpointer data)
{
  g_autofree char *feed = sp_test_write_tmp (f->empty.dir, "changing.json", changing_feed, -1);

  for (gsize i = 0; i < G_N_ELEMENTS (import_read_failures); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *after = NULL;

      sp_store_inject_step_failure (f->empty.store, import_read_failures[i].sql, import_read_failures[i].after,
                                    SP_STORE_FAULT_IO);
      g_assert_false (sp_import_path (f->empty.store, feed, SP_IMPORT_FLAGS_NONE, NULL, NULL, NULL, NULL, &error));
      g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_OPEN);
      assert_says (error->message, "disk I/O error");
      g_assert_false (sp_store_in_transaction (f->empty.store));
      after = store_fingerprint (f->empty.store);
      g_assert_cmpstr (after, ==, f->fingerprint);
    }
  /* Each failure was met (none is left to fail the next import), and then it imports. */
  g_assert_true (sp_import_path (f->empty.store, feed, SP_IMPORT_FLAGS_NONE, NULL, NULL, NULL, NULL, NULL));
  g_assert_cmpint (sp_store_count (f->empty.store, "service"), ==, 3);
}

/* Where a read fails during an export of the baseline: the SQL it fails in, and after how
 * many steps of it. */
static const struct { const char *sql; guint after; } export_read_failures[] = {
  { "SELECT id FROM service ORDER BY id", 1 },  /* the list of services, after the first */
  { "FROM organization WHERE id", 1 },          /* the second service's organisation */
  { "FROM phone WHERE service_id", 0 },         /* the first service's phones */
};

/* An export that meets a read failure part-way fails and says why, and leaves no file: never
 * a page with services or their parts missing that looks whole. */
static void
test_export_failure_leaves_no_file (Fixture      *f,
                                    gconstpointer data)
{
  g_autofree char *out = g_build_filename (f->empty.dir, "export.json", NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (export_read_failures); i++)
    {
      g_autoptr (GError) error = NULL;
      guint n = 0;

      sp_store_inject_step_failure (f->empty.store, export_read_failures[i].sql, export_read_failures[i].after,
                                    SP_STORE_FAULT_IO);
      g_assert_false (sp_export_all_to_file (f->empty.store, out, &n, &error));
      g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_OPEN);
      assert_says (error->message, "exporting the directory");
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
      g_assert_false (sp_store_in_transaction (f->empty.store));
      sp_store_clear_faults (f->empty.store);
    }
  g_assert_true (sp_export_all_to_file (f->empty.store, out, NULL, NULL));
  g_assert_true (g_file_test (out, G_FILE_TEST_EXISTS));
}

/* Non-zero, exactly one line on stderr naming the file, nothing on stdout, store as before. */
static void
test_cli (Fixture      *f,
          gconstpointer data)
{
  static const struct { const char *file; const char *bytes; gssize length; const char *option; } feeds[] = {
    { "cut-short.json", TEXT ("[" GOOD_RECORD ",\n{\"id\": \"x\""), NULL },
    { "utf16.json", BYTES ("\xff\xfe[\0]\0"), NULL },
    { "strict-email.json", TEXT (BAD_EMAIL_FEED), "--strict" },
  };
  g_autofree char *data_dir = g_build_filename (f->empty.dir, "cli-data", NULL);
  g_autofree char *good = sp_test_write_tmp (f->empty.dir, "good.json", "[" GOOD_RECORD "]", -1);
  g_autofree char *summary = NULL;
  g_autofree char *before = NULL;

  g_assert_cmpint (sp_test_run_cli (&summary, NULL, "import", good, "--data-dir", data_dir, NULL), ==, 0);
  g_assert_nonnull (strstr (summary, "1 new"));
  g_assert_cmpint (sp_test_run_cli (&before, NULL, "export", "--data-dir", data_dir, NULL), ==, 0);
  g_assert_nonnull (strstr (before, GOOD_ID));

  for (gsize i = 0; i < G_N_ELEMENTS (feeds); i++)
    {
      g_autofree char *path = sp_test_write_tmp (f->empty.dir, feeds[i].file, feeds[i].bytes, feeds[i].length);
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *after = NULL;
      int status;

      if (feeds[i].option != NULL)
        status = sp_test_run_cli (&out, &err, "import", path, feeds[i].option, "--data-dir", data_dir, NULL);
      else
        status = sp_test_run_cli (&out, &err, "import", path, "--data-dir", data_dir, NULL);

      g_test_message ("%s: %s", feeds[i].file, err);
      g_assert_cmpint (status, ==, 1);
      g_assert_cmpstr (out, ==, "");
      g_assert_true (g_str_has_prefix (err, "signpost-cli: "));
      g_assert_nonnull (strstr (err, feeds[i].file));
      g_assert_true (g_str_has_suffix (err, "\n"));
      g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);

      g_assert_cmpint (sp_test_run_cli (&after, NULL, "export", "--data-dir", data_dir, NULL), ==, 0);
      g_assert_cmpstr (after, ==, before);
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
  for (gsize i = 0; i < G_N_ELEMENTS (package_cases); i++)
    {
      g_autofree char *test_path = g_strconcat ("/signpost/malformed/", package_cases[i].name, NULL);
      g_test_add (test_path, Fixture, &package_cases[i], fixture_set_up, test_package_case,
                  fixture_tear_down);
    }
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/signpost/malformed/too-deep", test_too_deep);
  ADD ("/signpost/malformed/record-too-large", test_record_too_large);
  ADD ("/signpost/malformed/single-object-too-large", test_single_object_too_large);
  ADD ("/signpost/malformed/endless-stream", test_endless_stream);
  ADD ("/signpost/malformed/missing-file", test_missing_file);
  ADD ("/signpost/malformed/package-csv-is-a-pipe", test_package_csv_is_a_pipe);
  ADD ("/signpost/malformed/package-too-deep", test_package_too_deep);
  ADD ("/signpost/malformed/strict-rejects", test_strict_rejects);
  ADD ("/signpost/malformed/lenient-warns", test_lenient_warns);
  ADD ("/signpost/malformed/tricky-but-valid", test_tricky_but_valid);
  ADD ("/signpost/malformed/hostile-content", test_hostile_content);
  ADD ("/signpost/malformed/store-failure-rolls-back", test_store_failure_rolls_back);
  ADD ("/signpost/malformed/export-failure-leaves-no-file", test_export_failure_leaves_no_file);
  ADD ("/signpost/malformed/cli", test_cli);
#undef ADD

  return g_test_run ();
}
