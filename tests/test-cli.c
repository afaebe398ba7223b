/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli.c: the command line contract of signpost-cli, through the real binary. */
#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sp-test-util.h"

#define SAMPLE_SERVICES 158

typedef struct
{
  char *dir;
  char *data_dir;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  f->dir = sp_test_make_tmpdir ();
  f->data_dir = g_build_filename (f->dir, "data", NULL);
}

/* The same, with the sample directory already imported. */
static void
fixture_set_up_imported (Fixture      *f,
                         gconstpointer data)
{
  g_autofree char *sample = sp_test_source_path ("data", "sample-directory.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  fixture_set_up (f, data);
  /* stdout captured, as everywhere: the test's own stdout is the TAP stream. */
  if (sp_test_run_cli (&out, &err, "import", sample, "--data-dir", f->data_dir, NULL) != 0)
    g_error ("Importing the sample directory failed: %s", err);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  sp_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->data_dir);
}

/*
 * Runs signpost-cli with @envp as its environment (%NULL: the test's) and its
 * stdout captured in @out, or sent to the file @stdout_path if given; returns
 * its exit status, 128 + the signal if one killed it.
 */
static int
run_cli_valist (char      **envp,
                const char *stdout_path,
                char      **out,
                char      **err,
                const char *first_arg,
                va_list     args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) g_getenv ("SIGNPOST_CLI"));
  for (const char *a = first_arg; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                        (stdout_path ? 0 : G_SUBPROCESS_FLAGS_STDOUT_PIPE));
  if (stdout_path != NULL)
    g_subprocess_launcher_set_stdout_file_path (launcher, stdout_path);
  if (envp != NULL)
    g_subprocess_launcher_set_environ (launcher, envp);
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_if_exited (process))
    return g_subprocess_get_exit_status (process);
  return 128 + g_subprocess_get_term_sig (process);
}

static int
run_cli_with (char      **envp,
              const char *stdout_path,
              char      **out,
              char      **err,
              const char *first_arg,
              ...)
{
  va_list args;
  int status;

  va_start (args, first_arg);
  status = run_cli_valist (envp, stdout_path, out, err, first_arg, args);
  va_end (args);
  return status;
}

/*
 * A failure: a non-zero exit that is not a crash, and exactly one line on
 * stderr, "signpost-cli: …", mentioning @mention if given. Nothing on stdout.
 */
static void
assert_failure (int         status,
                const char *out,
                const char *err,
                const char *mention)
{
  gsize len = strlen (err);

  g_assert_cmpint (status, >, 0);
  g_assert_cmpint (status, <, 128);
  g_assert_cmpstr (out, ==, "");
  if (!g_str_has_prefix (err, "signpost-cli:") || len < 2 || err[len - 1] != '\n' ||
      strchr (err, '\n') != err + len - 1)
    g_error ("Expected one line “signpost-cli: …” on stderr, got:\n%s", err);
  if (mention != NULL && strstr (err, mention) == NULL)
    g_error ("The error does not mention %s: %s", mention, err);
}

/* Runs signpost-cli and asserts it fails as assert_failure() says. */
static void
cli_fails (const char *mention,
           const char *first_arg,
           ...)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  va_list args;
  int status;

  va_start (args, first_arg);
  status = run_cli_valist (NULL, NULL, &out, &err, first_arg, args);
  va_end (args);
  assert_failure (status, out, err, mention);
}

static char *
cli_ok (Fixture    *f,
        const char *first_arg,
        const char *second_arg)
{
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  if (second_arg != NULL)
    status = sp_test_run_cli (&out, &err, first_arg, second_arg, "--data-dir", f->data_dir, NULL);
  else
    status = sp_test_run_cli (&out, &err, first_arg, "--data-dir", f->data_dir, NULL);
  if (status != 0)
    g_error ("signpost-cli %s %s exited with %d: %s", first_arg, second_arg ? second_arg : "",
             status, err);
  return out;
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

/* The id and the name of line @index of a listing. */
static void
listed_service (const char *listing,
                guint       index,
                char      **id,
                char      **name)
{
  g_auto (GStrv) lines = g_strsplit (listing, "\n", -1);
  g_auto (GStrv) fields = NULL;

  g_assert_cmpuint (index, <, g_strv_length (lines));
  fields = g_strsplit (lines[index], "\t", 2);
  g_assert_cmpuint (g_strv_length (fields), ==, 2);
  *id = g_strdup (fields[0]);
  *name = g_strdup (fields[1]);
}

/* ---- usage ------------------------------------------------------------------- */

static void
test_no_arguments (Fixture      *f,
                   gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = sp_test_run_cli (&out, &err, NULL, NULL);

  g_assert_cmpint (status, >, 0);
  g_assert_cmpint (status, <, 128);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "Usage:"));
  g_assert_nonnull (strstr (err, "import"));
}

static void
test_help (Fixture      *f,
           gconstpointer data)
{
  const char *commands[] = { "import", "export", "list", "show", "stats" };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (sp_test_run_cli (&out, &err, "--help", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, "Usage:"));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    g_assert_nonnull (strstr (out, commands[i]));
}

static void
test_unknown_command (Fixture      *f,
                      gconstpointer data)
{
  cli_fails ("frobnicate", "frobnicate", "--data-dir", f->data_dir, NULL);
}

/* Wrong use of a known command: one line each, naming what is wrong. */
static void
test_misuse (Fixture      *f,
             gconstpointer data)
{
  cli_fails ("--no-such-option", "list", "--no-such-option", "--data-dir", f->data_dir, NULL);
  cli_fails ("import", "import", "--data-dir", f->data_dir, NULL);
  cli_fails ("show", "show", "--data-dir", f->data_dir, NULL);
  cli_fails ("export", "export", "surplus-argument", "--data-dir", f->data_dir, NULL);
}

/* ---- import ------------------------------------------------------------------ */

static void
test_import_sample (Fixture      *f,
                    gconstpointer data)
{
  g_autofree char *sample = sp_test_source_path ("data", "sample-directory.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *again = NULL;

  g_assert_cmpint (sp_test_run_cli (&out, &err, "import", sample, "--data-dir", f->data_dir, NULL),
                   ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_str_has_prefix (out, "Imported "));
  g_assert_nonnull (strstr (out, "158 new, 0 updated, 0 unchanged, 0 skipped"));
  g_assert_nonnull (strstr (out, "sample-directory.json"));

  /* The same feed again changes nothing, and says so. */
  again = cli_ok (f, "import", sample);
  g_assert_nonnull (strstr (again, "0 new, 0 updated, 158 unchanged"));
}

static void
test_import_missing_file (Fixture      *f,
                          gconstpointer data)
{
  g_autofree char *missing = g_build_filename (f->dir, "no-such-feed.json", NULL);

  cli_fails (missing, "import", missing, "--data-dir", f->data_dir, NULL);
}

/* ---- list, show, stats ------------------------------------------------------- */

static void
test_list (Fixture      *f,
           gconstpointer data)
{
  g_autofree char *sample = sp_test_source_path ("data", "sample-directory.json", NULL);
  g_autofree char *first = cli_ok (f, "list", NULL);
  g_autofree char *second = cli_ok (f, "list", NULL);
  g_autofree char *after_reimport = NULL;
  g_autofree char *summary = NULL;
  g_autoptr (GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto (GStrv) lines = g_strsplit (first, "\n", -1);
  guint n = g_strv_length (lines);

  g_assert_cmpuint (count_lines (first), ==, SAMPLE_SERVICES);
  g_assert_cmpstr (lines[n - 1], ==, "");  /* the listing ends with a newline */
  for (guint i = 0; i + 1 < n; i++)
    {
      g_auto (GStrv) fields = g_strsplit (lines[i], "\t", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, 2);
      if (!g_uuid_string_is_valid (fields[0]))
        g_error ("Line %u does not start with a UUID: %s", i + 1, lines[i]);
      g_assert_cmpstr (fields[1], !=, "");
      g_assert_true (g_hash_table_add (ids, g_strdup (fields[0])));
      /* In name order, ties by id, so a person (and a script) finds them. */
      if (i > 0)
        {
          g_auto (GStrv) previous = g_strsplit (lines[i - 1], "\t", 2);
          int by_name = g_ascii_strcasecmp (previous[1], fields[1]);

          g_assert_cmpint (by_name, <=, 0);
          if (by_name == 0)
            g_assert_cmpint (strcmp (previous[0], fields[0]), <, 0);
        }
    }
  g_assert_cmpstr (first, ==, second);

  /* Importing the same feed again does not reorder anything. */
  summary = cli_ok (f, "import", sample);
  g_assert_nonnull (strstr (summary, "158 unchanged"));
  after_reimport = cli_ok (f, "list", NULL);
  g_assert_cmpstr (first, ==, after_reimport);
}

static void
test_show (Fixture      *f,
           gconstpointer data)
{
  g_autofree char *listing = cli_ok (f, "list", NULL);

  /* The first, a middle and the last service listed. */
  for (guint index = 0; index < SAMPLE_SERVICES; index += SAMPLE_SERVICES / 2)
    {
      g_autofree char *id = NULL;
      g_autofree char *name = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *json = NULL;
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (GError) error = NULL;
      JsonNode *root;
      JsonObject *service;

      listed_service (listing, index, &id, &name);
      g_assert_cmpint (sp_test_run_cli (&out, &err, "show", id, "--data-dir", f->data_dir, NULL),
                       ==, 0);
      g_assert_cmpstr (err, ==, "");
      g_assert_nonnull (strstr (out, name));
      g_assert_nonnull (strstr (out, id));

      g_clear_pointer (&err, g_free);
      g_assert_cmpint (sp_test_run_cli (&json, &err, "show", id, "--json", "--data-dir",
                                        f->data_dir, NULL), ==, 0);
      g_assert_cmpstr (err, ==, "");
      json_parser_load_from_data (parser, json, -1, &error);
      g_assert_no_error (error);
      root = json_parser_get_root (parser);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
      service = json_node_get_object (root);
      g_assert_cmpstr (json_object_get_string_member_with_default (service, "id", NULL), ==, id);
      g_assert_cmpstr (json_object_get_string_member_with_default (service, "name", NULL), ==,
                       name);
    }
}

/* search --json prints the one object the issue describes, with the spelling it used. */
static void
test_search_json (Fixture      *f,
                  gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *near = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonParser) near_parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *root;
  JsonArray *results;

  g_assert_cmpint (sp_test_run_cli (&out, &err, "search", "--json", "--limit", "3", "demensia",
                                    "cafe", "--data-dir", f->data_dir, NULL), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "query"), ==, "demensia cafe");
  g_assert_cmpstr (json_object_get_string_member (root, "corrected"), ==, "dementia cafe");
  g_assert_cmpint (json_object_get_int_member (root, "total"), >=, 3);
  results = json_object_get_array_member (root, "results");
  g_assert_cmpuint (json_array_get_length (results), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *hit = json_array_get_object_element (results, i);
      for (const char * const *member = (const char * const[]) { "id", "name", "organization",
                                                                "score", "snippet", NULL };
           *member != NULL; member++)
        g_assert_true (json_object_has_member (hit, *member));
      g_assert_false (json_object_has_member (hit, "distance_m"));
    }
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "facets")));

  g_assert_cmpint (sp_test_run_cli (&near, NULL, "search", "--json", "--near", "52.563,-2.078",
                                    "--within", "1000", "--sort", "distance", "memory",
                                    "--data-dir", f->data_dir, NULL), ==, 0);
  json_parser_load_from_data (near_parser, near, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (near_parser));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (root, "corrected")));
  results = json_object_get_array_member (root, "results");
  g_assert_cmpuint (json_array_get_length (results), >, 0);
  for (guint i = 0; i < json_array_get_length (results); i++)
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (results, i),
                                                 "distance_m"), <=, 1000);

  cli_fails ("--near", "search", "--near", "north", "memory", "--data-dir", f->data_dir, NULL);
  cli_fails ("--open-on", "search", "--open-on", "someday", "--data-dir", f->data_dir, NULL);
  cli_fails ("--sort", "search", "--sort", "distance", "memory", "--data-dir", f->data_dir, NULL);
}

/* A search that suggests someone is in danger now prints the emergency and crisis lines
 * before any result, in text and in JSON; an ordinary search prints none. */
static void
test_search_urgent_help (Fixture      *f,
                         gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *json = NULL;
  g_autofree char *plain_json = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonParser) plain_parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonArray *lines;
  const char *first_result;

  g_assert_cmpint (sp_test_run_cli (&out, NULL, "search", "my", "partner", "hits", "me",
                                    "--data-dir", f->data_dir, NULL), ==, 0);
  for (const char * const *number = (const char * const[]) { "999", "111", "116 123", NULL };
       *number != NULL; number++)
    g_assert_nonnull (strstr (out, *number));
  /* Above the results: the first result (id, tab, name) comes after the last line. */
  first_result = strchr (out, '\t');
  g_assert_nonnull (first_result);
  g_assert_true (strstr (out, "116 123") < first_result);
  g_assert_nonnull (strstr (out, "Safe at Home"));

  g_assert_cmpint (sp_test_run_cli (&plain, NULL, "search", "memory", "cafe",
                                    "--data-dir", f->data_dir, NULL), ==, 0);
  g_assert_null (strstr (plain, "116 123"));
  g_assert_null (strstr (plain, "999"));

  g_assert_cmpint (sp_test_run_cli (&json, NULL, "search", "--json", "self-harm",
                                    "--data-dir", f->data_dir, NULL), ==, 0);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  lines = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "urgent_help");
  g_assert_cmpuint (json_array_get_length (lines), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (lines, 0), "number"), ==, "999");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (lines, 2), "number"), ==, "116 123");

  g_assert_cmpint (sp_test_run_cli (&plain_json, NULL, "search", "--json", "lunch", "club",
                                    "--data-dir", f->data_dir, NULL), ==, 0);
  json_parser_load_from_data (plain_parser, plain_json, -1, &error);
  g_assert_no_error (error);
  lines = json_object_get_array_member (json_node_get_object (json_parser_get_root (plain_parser)), "urgent_help");
  g_assert_cmpuint (json_array_get_length (lines), ==, 0);
}

/* "--" ends the options and is not itself searched for: "search -- -memory" searches for
 * the word "-memory", as typed, not "-- memory". */
static void
test_search_after_double_dash (Fixture      *f,
                               gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *root;

  g_assert_cmpint (sp_test_run_cli (&out, NULL, "search", "--json", "--data-dir", f->data_dir, "--", "-memory",
                                    NULL), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "query"), ==, "-memory");
}

/* Whether the lines signpost-cli search printed list @id. */
static gboolean
lists_id (const char *out,
          const char *id)
{
  g_auto (GStrv) lines = g_strsplit (out, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], id) && lines[i][strlen (id)] == '\t')
      return TRUE;
  return FALSE;
}

/* --open-now means what the app's "Open now" means: a session going on at that moment,
 * not just a meeting that day. Bilston Memory Café meets the second Tuesday of the month,
 * 1.30pm to 3.30pm. */
static void
test_search_open_now (Fixture      *f,
                      gconstpointer data)
{
  const char *bilston = "1c63994a-12ec-5ae3-8d9f-0e240b4ba821";
  g_autofree char *during = NULL;
  g_autofree char *evening = NULL;
  g_autofree char *that_day = NULL;

  g_assert_cmpint (sp_test_run_cli (&during, NULL, "search", "--open-now", "--now", "2027-01-12T14:00:00Z",
                                    "memory", "--data-dir", f->data_dir, NULL), ==, 0);
  g_assert_true (lists_id (during, bilston));
  g_assert_cmpint (sp_test_run_cli (&evening, NULL, "search", "--open-now", "--now", "2027-01-12T18:00:00Z",
                                    "memory", "--data-dir", f->data_dir, NULL), ==, 0);
  g_assert_false (lists_id (evening, bilston));
  /* It does meet that day. */
  g_assert_cmpint (sp_test_run_cli (&that_day, NULL, "search", "--open-on", "TU", "memory",
                                    "--data-dir", f->data_dir, NULL), ==, 0);
  g_assert_true (lists_id (that_day, bilston));

  cli_fails ("--now", "search", "--open-now", "--now", "teatime", "memory", "--data-dir", f->data_dir, NULL);
  cli_fails ("--now", "search", "--now", "2027-01-12T14:00:00Z", "memory", "--data-dir", f->data_dir, NULL);
}

static void
test_show_unknown_id (Fixture      *f,
                      gconstpointer data)
{
  const char *id = "00000000-0000-4000-8000-000000000000";

  cli_fails (id, "show", id, "--data-dir", f->data_dir, NULL);
  cli_fails (id, "show", id, "--json", "--data-dir", f->data_dir, NULL);
}

static void
test_stats (Fixture      *f,
            gconstpointer data)
{
  g_autofree char *out = cli_ok (f, "stats", NULL);
  g_auto (GStrv) lines = g_strsplit (out, "\n", -1);
  gboolean found = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (!g_str_has_prefix (lines[i], "Services "))
        continue;
      g_assert_cmpstr (g_strstrip (lines[i] + strlen ("Services")), ==, "158");
      found = TRUE;
    }
  g_assert_true (found);
  g_assert_nonnull (strstr (out, f->data_dir));
}

/* ---- export ------------------------------------------------------------------ */

static void
test_export (Fixture      *f,
             gconstpointer data)
{
  g_autofree char *one = g_build_filename (f->dir, "one.json", NULL);
  g_autofree char *two = g_build_filename (f->dir, "two.json", NULL);
  g_autofree char *one_arg = g_strconcat ("--output=", one, NULL);
  g_autofree char *stdout_export = NULL;
  g_autofree char *err = NULL;
  g_autofree char *bytes_one = NULL;
  g_autofree char *bytes_two = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  gsize len_one, len_two;
  JsonObject *page;

  g_free (cli_ok (f, "export", one_arg));
  g_assert_cmpint (sp_test_run_cli (&stdout_export, &err, "export", "--output", two, "--data-dir",
                                    f->data_dir, NULL), ==, 0);
  g_assert_true (g_file_get_contents (one, &bytes_one, &len_one, NULL));
  g_assert_true (g_file_get_contents (two, &bytes_two, &len_two, NULL));
  g_assert_cmpuint (len_one, >, 0);
  g_assert_cmpmem (bytes_one, len_one, bytes_two, len_two);

  g_assert_cmpstr (stdout_export, ==, "");
  g_clear_pointer (&stdout_export, g_free);

  /* Without --output: the same bytes on stdout, nothing else. */
  stdout_export = cli_ok (f, "export", NULL);
  g_assert_cmpmem (stdout_export, strlen (stdout_export), bytes_one, len_one);

  json_parser_load_from_data (parser, bytes_one, len_one, &error);
  g_assert_no_error (error);
  page = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (page, "contents")), ==,
                    SAMPLE_SERVICES);
}

static void
test_export_unwritable (Fixture      *f,
                        gconstpointer data)
{
  g_autofree char *target = g_build_filename (f->dir, "no-such-folder", "export.json", NULL);

  cli_fails (target, "export", "--output", target, "--data-dir", f->data_dir, NULL);
}

/*
 * Output that cannot be written (a full disk, a closed pipe) is a failure
 * like any other: a script must not take an empty listing for success.
 * /dev/full fails every write with ENOSPC.
 */
static void
test_stdout_unwritable (Fixture      *f,
                        gconstpointer data)
{
  g_autofree char *listing = cli_ok (f, "list", NULL);
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autoptr (GString) silent = g_string_new (NULL);
  const char *commands[][4] = {  /* NULL-terminated */
    { "list" }, { "stats" }, { "show", "ID" }, { "show", "ID", "--json" }, { "export" },
  };

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("No /dev/full here");
      return;
    }
  listed_service (listing, 0, &id, &name);
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const char **c = commands[i];
      g_autofree char *err = NULL;
      int status = run_cli_with (NULL, "/dev/full", NULL, &err, c[0], "--data-dir", f->data_dir,
                                 c[1] ? id : NULL, c[2], NULL);

      /* Every command is tried before failing, to name them all. */
      if (status == 0)
        {
          g_autofree char *label = g_strjoinv (" ", (char **) c);
          g_string_append_printf (silent, "%s'%s'", silent->len > 0 ? ", " : "", label);
        }
      else
        assert_failure (status, "", err, NULL);
    }
  if (silent->len > 0)
    g_test_fail_printf ("With stdout on a full disk, signpost-cli %s exited 0: the output was lost "
                        "and nothing said so", silent->str);
}

/* ---- the data folder --------------------------------------------------------- */

static void
test_data_dir_before_command (Fixture      *f,
                              gconstpointer data)
{
  g_autofree char *after = cli_ok (f, "list", NULL);
  g_autofree char *before = NULL;
  g_autofree char *before_eq = NULL;
  g_autofree char *eq = g_strconcat ("--data-dir=", f->data_dir, NULL);
  g_autofree char *err = NULL;

  g_assert_cmpint (sp_test_run_cli (&before, &err, "--data-dir", f->data_dir, "list", NULL), ==, 0);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (sp_test_run_cli (&before_eq, &err, eq, "list", NULL), ==, 0);
  g_assert_cmpstr (before_eq, ==, after);
  g_assert_cmpuint (count_lines (after), ==, SAMPLE_SERVICES);
}

static void
test_data_dir_from_environment (Fixture      *f,
                                gconstpointer data)
{
  g_autofree char *expected = cli_ok (f, "list", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty", NULL);
  g_auto (GStrv) envp = g_environ_setenv (g_get_environ (), "SIGNPOST_DATA_DIR", f->data_dir, TRUE);
  g_autofree char *out = NULL;
  g_autofree char *overridden = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli_with (envp, NULL, &out, &err, "list", NULL), ==, 0);
  g_assert_cmpstr (out, ==, expected);

  /* --data-dir wins over the environment. */
  g_clear_pointer (&err, g_free);
  envp = g_environ_setenv (envp, "SIGNPOST_DATA_DIR", empty, TRUE);
  g_assert_cmpint (run_cli_with (envp, NULL, &overridden, &err, "list", "--data-dir", f->data_dir,
                                 NULL), ==, 0);
  g_assert_cmpstr (overridden, ==, expected);
}

/* With neither --data-dir nor SIGNPOST_DATA_DIR the store is in the user's data folder. */
static void
test_data_dir_default (Fixture      *f,
                       gconstpointer data)
{
  g_autofree char *sample = sp_test_source_path ("data", "sample-directory.json", NULL);
  g_autofree char *store = g_build_filename (g_get_user_data_dir (), "signpost", "directory.sqlite",
                                             NULL);
  g_auto (GStrv) envp = g_environ_unsetenv (g_get_environ (), "SIGNPOST_DATA_DIR");
  g_autofree char *out = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *err = NULL;

  /* G_TEST_OPTION_ISOLATE_DIRS points XDG_DATA_HOME at a fresh folder. */
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_assert_cmpint (run_cli_with (envp, NULL, &out, &err, "import", sample, NULL), ==, 0);
  g_assert_true (g_file_test (store, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli_with (envp, NULL, &listing, &err, "list", NULL), ==, 0);
  g_assert_cmpuint (count_lines (listing), ==, SAMPLE_SERVICES);
}

static void
assert_unusable_data_dir (const char *data_dir)
{
  cli_fails (data_dir, "list", "--data-dir", data_dir, NULL);
  cli_fails (data_dir, "--data-dir", data_dir, "stats", NULL);
}

static void
test_data_dir_is_a_file (Fixture      *f,
                         gconstpointer data)
{
  g_autofree char *file = sp_test_write_tmp (f->dir, "a-file", "not a folder\n", -1);
  g_autofree char *under_file = g_build_filename (file, "signpost", NULL);

  assert_unusable_data_dir (file);
  assert_unusable_data_dir (under_file);
}

static void
test_data_dir_unwritable (Fixture      *f,
                          gconstpointer data)
{
  g_autofree char *locked = g_build_filename (f->dir, "locked", NULL);
  g_autofree char *inside = g_build_filename (locked, "signpost", NULL);

  g_assert_cmpint (g_mkdir (locked, 0500), ==, 0);
  if (access (locked, W_OK) == 0)
    {
      /* root writes anywhere on a normal file system; /proc takes no folders. */
      g_test_message ("Running with rights to write a read-only folder: using /proc instead");
      assert_unusable_data_dir ("/proc/signpost-test/data");
    }
  else
    {
      assert_unusable_data_dir (locked);
      assert_unusable_data_dir (inside);
    }
  g_chmod (locked, 0700);
}

/* A full disk while the index updates after an import: the import stands (it was
 * committed), signpost-cli exits 1 with one line saying so, and the next program to open
 * the folder brings the index up to date. The disk is an 8 MiB tmpfs in a mount namespace
 * of its own (unshare), holding a copy of the imported sample and a file that leaves @free
 * kilobytes; the new feed changes every service's description. How much room the import
 * itself takes varies, so several amounts are tried; none may end the program. */
static void
test_import_full_disk (Fixture      *f,
                       gconstpointer data)
{
  g_autofree char *sample_path = sp_test_source_path ("data", "sample-directory.json", NULL);
  g_autofree char *sample = NULL;
  g_autoptr (GString) changed = NULL;
  g_autofree char *feed = NULL;
  g_autofree char *disk = g_build_filename (f->dir, "small-disk", NULL);
  g_autofree char *import_err = g_build_filename (f->dir, "import.err", NULL);
  const char *script =
    "mount -t tmpfs -o size=8m tmpfs \"$0\" || exit 97; "
    "cp -a \"$1\" \"$0/data\" || exit 98; "
    "avail=$(df -k --output=avail \"$0\" | tail -n 1); "
    "dd if=/dev/zero of=\"$0/filler\" bs=1k count=$((avail - $4)) 2>/dev/null; "
    "\"$2\" import \"$3\" --data-dir \"$0/data\" >/dev/null 2>\"$5\"; "
    "echo \"status=$?\"; rm -f \"$0/filler\"; "
    "echo \"services=$(\"$2\" list --data-dir \"$0/data\" | wc -l)\"; "
    "echo \"found=$(\"$2\" search zebras --limit 200 --data-dir \"$0/data\" | grep -c '^[0-9a-f]')\"; "
    "cat \"$5\"";
  guint failed_at_index = 0;

  g_assert_true (g_file_get_contents (sample_path, &sample, NULL, NULL));
  changed = g_string_new (sample);
  g_assert_cmpuint (g_string_replace (changed, "\"description\": \"", "\"description\": \"Zebras welcome. ", 0), >, 0);
  feed = sp_test_write_tmp (f->dir, "changed.json", changed->str, changed->len);
  g_mkdir (disk, 0700);

  /* The store keeps each service's JSON ready as well (schema 7): an import needs more room
   * than it did before, hence the range. */
  for (guint free_kb = 700; free_kb <= 4300; free_kb += 300)
    {
      g_autofree char *free_arg = g_strdup_printf ("%u", free_kb);
      const char *argv[] = { "unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script,
                             disk, f->data_dir, g_getenv ("SIGNPOST_CLI"), feed, free_arg, import_err, NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autoptr (GError) error = NULL;
      g_auto (GStrv) lines = NULL;
      int status = 0;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
      g_assert_no_error (error);
      if (!WIFEXITED (status) || WEXITSTATUS (status) == 97 || g_str_has_prefix (err, "unshare:"))
        {
          g_test_skip ("This machine does not allow a mount namespace (unshare) for a small disk");
          return;
        }
      g_test_message ("%u KiB free: %s", free_kb, out);
      lines = g_strsplit (out, "\n", 4);
      g_assert_cmpuint (g_strv_length (lines), ==, 4);
      /* Never killed by an exception: 0, or 1 with one line on stderr. */
      g_assert_true (g_str_equal (lines[0], "status=0") || g_str_equal (lines[0], "status=1"));
      if (g_str_equal (lines[0], "status=1"))
        {
          g_assert_true (g_str_has_prefix (lines[3], "signpost-cli: "));
          g_assert_cmpint (strchr (lines[3], '\n') - lines[3], ==, strlen (lines[3]) - 1);
        }
      if (strstr (lines[3], "was saved, but search could not") != NULL)
        {
          failed_at_index++;
          g_assert_nonnull (strstr (lines[3], "too full"));
          /* The import stands, and the next program brings search up to date. */
          g_assert_cmpstr (lines[1], ==, "services=158");
          g_assert_cmpstr (lines[2], ==, "found=" G_STRINGIFY (SAMPLE_SERVICES));
        }
    }
  /* Some amount fell between the room the import needs and the room the index needs. */
  g_assert_cmpuint (failed_at_index, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
#define ADD_IMPORTED(path, fn) \
  g_test_add (path, Fixture, NULL, fixture_set_up_imported, fn, fixture_tear_down)
  ADD ("/signpost/cli/usage/no-arguments", test_no_arguments);
  ADD ("/signpost/cli/usage/help", test_help);
  ADD ("/signpost/cli/usage/unknown-command", test_unknown_command);
  ADD ("/signpost/cli/usage/misuse", test_misuse);
  ADD ("/signpost/cli/import/sample", test_import_sample);
  ADD ("/signpost/cli/import/missing-file", test_import_missing_file);
  ADD_IMPORTED ("/signpost/cli/import/full-disk", test_import_full_disk);
  ADD_IMPORTED ("/signpost/cli/list", test_list);
  ADD_IMPORTED ("/signpost/cli/show", test_show);
  ADD_IMPORTED ("/signpost/cli/show/unknown-id", test_show_unknown_id);
  ADD_IMPORTED ("/signpost/cli/stats", test_stats);
  ADD_IMPORTED ("/signpost/cli/search/json", test_search_json);
  ADD_IMPORTED ("/signpost/cli/search/after-double-dash", test_search_after_double_dash);
  ADD_IMPORTED ("/signpost/cli/search/urgent-help", test_search_urgent_help);
  ADD_IMPORTED ("/signpost/cli/search/open-now", test_search_open_now);
  ADD_IMPORTED ("/signpost/cli/export", test_export);
  ADD_IMPORTED ("/signpost/cli/export/unwritable", test_export_unwritable);
  ADD_IMPORTED ("/signpost/cli/data-dir/before-command", test_data_dir_before_command);
  ADD_IMPORTED ("/signpost/cli/data-dir/environment", test_data_dir_from_environment);
  ADD ("/signpost/cli/data-dir/default", test_data_dir_default);
  ADD ("/signpost/cli/data-dir/is-a-file", test_data_dir_is_a_file);
  ADD ("/signpost/cli/data-dir/unwritable", test_data_dir_unwritable);
  ADD_IMPORTED ("/signpost/cli/output/unwritable", test_stdout_unwritable);
#undef ADD
#undef ADD_IMPORTED
  return g_test_run ();
}
