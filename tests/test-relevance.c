/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-relevance.c: judged queries against the sample directory. Each names the service a
 * person typing it is looking for, which must be among the first three results. The
 * judgements live in tests/relevance-queries.txt:
 *
 *   QUERY <TAB> EXPECTED_SERVICE_ID <TAB> FILTERS <TAB> WHY
 *
 * Several ids separated by "|" mean any of them will do. QUERY "-" is an empty query;
 * FILTERS "-" is none, else comma-separated category=TERM,
 * free, wheelchair, language=CODE, day=MO…SU, near=LAT;LON, within=METRES. */
#include "config.h"

#include <string.h>

#include "sp-import.h"
#include "sp-search-document.h"
#include "sp-search-index.h"
#include "sp-test-util.h"

typedef struct
{
  char *text;
  char *expected;
  char *filters;
  char *why;
  guint line;
} Judgement;

static char *data_dir;
static SpStore *store;
static SpSearchIndex *index_;

static void
judgement_free (gpointer data)
{
  Judgement *j = data;

  g_free (j->text);
  g_free (j->expected);
  g_free (j->filters);
  g_free (j->why);
  g_free (j);
}

static GPtrArray *
read_judgements (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = sp_test_source_path ("tests", "relevance-queries.txt", NULL);
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;
  GPtrArray *judgements = g_ptr_array_new_with_free_func (judgement_free);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint n = 0; lines[n] != NULL; n++)
    {
      g_auto (GStrv) fields = NULL;
      Judgement *j;

      if (*lines[n] == '\0' || *lines[n] == '#')
        continue;
      fields = g_strsplit (lines[n], "\t", 4);
      if (g_strv_length (fields) < 3)
        g_error ("relevance-queries.txt line %u: expected QUERY, ID and FILTERS separated by tabs", n + 1);
      j = g_new0 (Judgement, 1);
      j->text = g_strdup (g_str_equal (fields[0], "-") ? "" : fields[0]);
      j->expected = g_strstrip (g_strdup (fields[1]));
      j->filters = g_strstrip (g_strdup (fields[2]));
      j->why = g_strdup (fields[3] != NULL ? fields[3] : "");
      j->line = n + 1;
      g_ptr_array_add (judgements, j);
    }
  return judgements;
}

/* Fills @query from a FILTERS field; the strings point into @parts. */
static void
apply_filters (SpSearchQuery *query,
               char         **parts)
{
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *filter = g_strstrip (parts[i]);

      if (g_str_equal (filter, "-") || *filter == '\0')
        continue;
      else if (g_str_equal (filter, "free"))
        query->free_only = TRUE;
      else if (g_str_equal (filter, "wheelchair"))
        query->wheelchair = TRUE;
      else if (g_str_has_prefix (filter, "category="))
        query->category = filter + strlen ("category=");
      else if (g_str_has_prefix (filter, "language="))
        query->language = filter + strlen ("language=");
      else if (g_str_has_prefix (filter, "day="))
        query->day = sp_search_day_from_name (filter + strlen ("day="));
      else if (g_str_has_prefix (filter, "near="))
        {
          char *semicolon = strchr (filter, ';');
          g_assert_nonnull (semicolon);
          query->has_point = TRUE;
          query->latitude = g_ascii_strtod (filter + strlen ("near="), NULL);
          query->longitude = g_ascii_strtod (semicolon + 1, NULL);
        }
      else if (g_str_has_prefix (filter, "within="))
        query->within_metres = g_ascii_strtod (filter + strlen ("within="), NULL);
      else
        g_error ("unknown filter “%s”", filter);
    }
}

static void
test_judgement (gconstpointer data)
{
  const Judgement *j = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (SpSearchResults) results = NULL;
  g_auto (GStrv) parts = g_strsplit (j->filters, ",", -1);
  g_auto (GStrv) expected = g_strsplit (j->expected, "|", -1);
  g_autoptr (GString) top = g_string_new (NULL);
  SpSearchQuery query = SP_SEARCH_QUERY_INIT;

  query.text = j->text;
  apply_filters (&query, parts);
  results = sp_search_index_query (index_, &query, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < MIN (3, results->hits->len); i++)
    {
      SpSearchHit *hit = g_ptr_array_index (results->hits, i);
      if (g_strv_contains ((const char * const *) expected, hit->id))
        return;
      g_string_append_printf (top, "\n  %u. %s", i + 1, hit->name);
    }
  g_test_fail_printf ("line %u, “%s” [%s] (%s): the expected service is not in the top 3%s%s",
                      j->line, j->text, j->filters, j->why,
                      results->corrected != NULL ? ", searched for " : "",
                      results->corrected != NULL ? results->corrected : "");
  g_test_message ("top 3 were:%s", top->str);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) judgements = NULL;
  g_autofree char *db = NULL;
  g_autofree char *sample = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  data_dir = sp_test_make_tmpdir ();
  db = g_build_filename (data_dir, "directory.sqlite", NULL);
  sample = sp_test_source_path ("data", "sample-directory.json", NULL);
  store = sp_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (sp_import_path (store, sample, SP_IMPORT_FLAGS_NONE, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  index_ = sp_search_index_open (store, NULL, &error);
  g_assert_no_error (error);

  judgements = read_judgements ();
  g_assert_cmpuint (judgements->len, >=, 40);
  for (guint i = 0; i < judgements->len; i++)
    {
      Judgement *j = g_ptr_array_index (judgements, i);
      g_autofree char *path = g_strdup_printf ("/signpost/relevance/line-%03u", j->line);
      g_test_add_data_func (path, j, test_judgement);
    }

  status = g_test_run ();
  sp_search_index_close (index_);
  g_object_unref (store);
  sp_test_remove_tree (data_dir);
  g_free (data_dir);
  return status;
}
