/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-search.c: the search index's life (build, update, recovery) and what queries find. */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "sp-feed-generator.h"
#include "sp-import.h"
#include "sp-search-index.h"
#include "sp-test-search.h"
#include "sp-test-sql.h"
#include "sp-test-store.h"
#include "sp-test-util.h"

#define PUNJABI_CARERS "3c6f19ce-7b47-5702-b830-2c2ab4da8ab1"
#define GARDENING "13b21892-b705-5513-a7e2-dabac76aa6e7"
#define MEMORY_CATEGORY "e566e25c-16e0-576c-bfbe-092d816319a6"
#define BILSTON_MEMORY_CAFE "1c63994a-12ec-5ae3-8d9f-0e240b4ba821"

typedef SpTestIndexFixture Fixture;

static SpSearchResults *
search (SpSearchIndex *index,
        const char    *text)
{
  g_autoptr (GError) error = NULL;
  SpSearchResults *results;

  results = sp_test_search_for (index, text, &error);
  g_assert_no_error (error);
  g_assert_nonnull (results);
  return results;
}

static SpSearchHit *
hit (SpSearchResults *results,
     guint            i)
{
  g_assert_cmpuint (i, <, results->hits->len);
  return g_ptr_array_index (results->hits, i);
}

/* Whether a service whose name holds @needle is among the first three. */
static gboolean
top3_has_name (SpSearchResults *results,
               const char      *needle)
{
  for (guint i = 0; i < MIN (3, results->hits->len); i++)
    if (strstr (hit (results, i)->name, needle) != NULL)
      return TRUE;
  return FALSE;
}

/* How many services the store has in @term or below it. */
static guint
services_in_category (SpStore    *store,
                      const char *term)
{
  gint64 n = sp_test_sql_int (store,
    "WITH RECURSIVE below(id) AS (SELECT ?1 UNION SELECT t.id FROM taxonomy_term t JOIN below ON t.parent_id = below.id)"
    " SELECT count(DISTINCT link_id) FROM attribute WHERE taxonomy_term_id IN (SELECT id FROM below)", term);

  g_assert_cmpint (n, >, 0);
  return n;
}

static void
test_rebuild_from_store (Fixture      *f,
                         gconstpointer data)
{
  g_autofree char *path = sp_search_index_path_for_store (f->sample.store);
  gboolean rebuilt = TRUE;
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (sp_search_index_get_n_services (f->index), ==, 158);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  /* Opening again finds it current: no second build. */
  g_assert_true (sp_search_index_sync (f->index, &rebuilt, &error));
  g_assert_no_error (error);
  g_assert_false (rebuilt);
}

/* Lay words, misspellings, prefixes, synonyms and languages find the right service. */
static void
test_finds (Fixture      *f,
            gconstpointer data)
{
  g_autoptr (SpSearchResults) lonely = search (f->index, "lonely");
  g_autoptr (SpSearchResults) cafe = search (f->index, "demensia cafe");
  g_autoptr (SpSearchResults) prefix = search (f->index, "bef");
  g_autoptr (SpSearchResults) carers = search (f->index, "carers punjabi");
  g_autoptr (SpSearchResults) forgetting = search (f->index, "my mum keeps forgetting things");

  g_assert_true (top3_has_name (lonely, "befriending") || top3_has_name (lonely, "Companions"));
  g_assert_cmpstr (cafe->corrected, ==, "dementia cafe");
  g_assert_true (top3_has_name (cafe, "Memory Café"));
  for (guint i = 0; i < 3; i++)
    g_assert_nonnull (strstr (hit (prefix, i)->name, "befriending"));
  g_assert_cmpstr (hit (carers, 0)->id, ==, PUNJABI_CARERS);
  g_assert_null (carers->corrected);
  g_assert_true (top3_has_name (forgetting, "Memory") || top3_has_name (forgetting, "Dementia"));
  g_assert_nonnull (strchr (hit (carers, 0)->snippet, '['));

  /* A curly apostrophe, as phones type it, is the same word. */
  {
    g_autoptr (SpSearchResults) straight = search (f->index, "alzheimer's");
    g_autoptr (SpSearchResults) curly = search (f->index, "alzheimer\u2019s");
    g_assert_cmpuint (straight->hits->len, >, 0);
    g_assert_cmpuint (curly->hits->len, ==, straight->hits->len);
    g_assert_cmpstr (hit (curly, 0)->id, ==, hit (straight, 0)->id);
  }
}

/* Nothing to search for: the directory in name order, not an error. */
static void
test_browse (Fixture      *f,
             gconstpointer data)
{
  const char *queries[] = { "", "the", "my and of" };

  for (gsize q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr (SpSearchResults) results = search (f->index, queries[q]);

      g_assert_cmpuint (results->total, ==, 158);
      g_assert_cmpuint (results->hits->len, ==, 20);
      for (guint i = 1; i < results->hits->len; i++)
        {
          g_autofree char *a = g_utf8_casefold (hit (results, i - 1)->name, -1);
          g_autofree char *b = g_utf8_casefold (hit (results, i)->name, -1);
          g_assert_cmpint (strcmp (a, b), <=, 0);
        }
    }
}

/* Numbers are found but never offered as spellings: a national directory's names carry
 * hundreds of thousands of them (charity and service numbers), and Xapian 1.4.22's
 * spelling table breaks past some 350 000 (bench-national builds one that size). */
static void
test_numbers_not_spelled (Fixture      *f,
                          gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  const char *ids[] = { PUNJABI_CARERS, NULL };
  g_autoptr (SpSearchResults) exact = NULL;
  g_autoptr (SpSearchResults) near = NULL;

  sp_test_exec_sql (f->sample.store, "UPDATE service SET name = 'Carers group 523411' WHERE id = '" PUNJABI_CARERS "'");
  g_assert_true (sp_search_index_update (f->index, ids, &error));
  g_assert_no_error (error);
  exact = search (f->index, "523411");
  g_assert_cmpstr (hit (exact, 0)->id, ==, PUNJABI_CARERS);
  near = search (f->index, "523412");
  g_assert_null (near->corrected);
}

/* What people type is never a syntax error. */
static void
test_hostile_queries (Fixture      *f,
                      gconstpointer data)
{
  const char *queries[] = { "\"unclosed", "((", "AND OR NOT", "-", "*", "memory AND", "+ + +",
                            "café\"'; DROP TABLE service;--", "<script>", "ÅÄÖ ਪੰਜਾਬੀ", "a:b:c",
                            "NEAR/3", "memory~", "\\", "%" };

  for (gsize i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr (SpSearchResults) results = search (f->index, queries[i]);
      g_assert_nonnull (results->hits);
    }
}

/* A pasted page of text (a megabyte here) is searched by its first words, quickly, rather
 * than growing the work with every word; the results say what was searched. */
static void
test_long_query (Fixture      *f,
                 gconstpointer data)
{
  g_autoptr (GString) text = g_string_new ("memory cafe ");
  g_autoptr (SpSearchResults) results = NULL;
  g_auto (GStrv) words = NULL;

  while (text->len < 1024 * 1024)
    g_string_append_printf (text, "lunch%u club befriending zq%u ", (guint) (text->len % 97), (guint) (text->len % 89));
  results = search (f->index, text->str);
  g_assert_cmpuint (results->hits->len, >, 0);
  g_assert_cmpuint (strlen (results->query), <=, 512);
  words = g_strsplit (g_strstrip (results->query), " ", -1);
  g_assert_cmpuint (g_strv_length (words), <=, SP_SEARCH_MAX_QUERY_WORDS);
  g_assert_cmpstr (words[0], ==, "memory");
}

static gboolean
service_meets_on (SpStore    *store,
                  const char *id,
                  const char *day)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT count(*) FROM schedule s LEFT JOIN service_at_location l ON l.id = s.service_at_location_id"
    " WHERE (s.service_id = '%s' OR l.service_id = '%s') AND s.byday LIKE '%%%s%%'", id, id, day);
  return sp_test_sql_int (store, sql, NULL) > 0;
}

static gboolean
service_speaks (SpStore    *store,
                const char *id,
                const char *code)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM language WHERE service_id = '%s' "
                                          "AND code = '%s'", id, code);
  return sp_test_sql_int (store, sql, NULL) > 0;
}

/* Filters AND together and narrow the results to services that satisfy them. */
static void
test_filters (Fixture      *f,
              gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpSearchResults) all = search (f->index, "carers");
  g_autoptr (SpSearchResults) punjabi = NULL;
  g_autoptr (SpSearchResults) tuesday = NULL;
  g_autoptr (SpSearchResults) free_wheelchair = NULL;
  SpSearchQuery query = SP_SEARCH_QUERY_INIT;

  query.text = "carers";
  query.language = "PA";
  punjabi = sp_search_index_query (f->index, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (punjabi->total, <, all->total);
  g_assert_true (top3_has_name (punjabi, "Sanjh Punjabi Carers"));
  for (guint i = 0; i < punjabi->hits->len; i++)
    {
      g_assert_true (service_speaks (f->sample.store, hit (punjabi, i)->id, "pa"));
      /* The badge says so too. */
      g_assert_true (g_strv_contains ((const char * const *) hit (punjabi, i)->languages, "pa"));
    }

  query = (SpSearchQuery) SP_SEARCH_QUERY_INIT;
  query.day = 1;
  query.limit = 200;
  tuesday = sp_search_index_query (f->index, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tuesday->total, >, 0);
  g_assert_cmpuint (tuesday->total, <, 158);
  for (guint i = 0; i < tuesday->hits->len; i++)
    g_assert_true (service_meets_on (f->sample.store, hit (tuesday, i)->id, "TU"));

  query = (SpSearchQuery) SP_SEARCH_QUERY_INIT;
  query.free_only = TRUE;
  query.wheelchair = TRUE;
  query.limit = 200;
  free_wheelchair = sp_search_index_query (f->index, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (free_wheelchair->total, >, 0);
  g_assert_cmpuint (free_wheelchair->total, <, 158);
  for (guint i = 0; i < free_wheelchair->hits->len; i++)
    g_assert_true (hit (free_wheelchair, i)->free && hit (free_wheelchair, i)->wheelchair);
  /* Not every service is free, and the badges of the others say so. */
  {
    guint not_free = 0;
    for (guint i = 0; i < all->hits->len; i++)
      not_free += !hit (all, i)->free;
    g_assert_cmpuint (not_free, >, 0);
  }
  /* A category's count on the start page is exact: every service in it or its children. */
  g_assert_cmpuint (sp_search_index_count_in_category (f->index, MEMORY_CATEGORY), ==,
                    services_in_category (f->sample.store, MEMORY_CATEGORY));
}

static gint64
query_age (SpStore    *store,
           const char *id,
           const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM service WHERE id = '%s'", column, id);
  return sp_test_sql_int (store, sql, NULL);
}

/* An age keeps the services open to that age: for a 12-year-old carer the young carers'
 * club and services without age limits, not the adult ones. */
static void
test_age (Fixture      *f,
          gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpSearchResults) child = NULL;
  g_autoptr (SpSearchResults) older = NULL;
  SpSearchQuery query = SP_SEARCH_QUERY_INIT;

  query.text = "carers";
  query.age = 12;
  query.limit = 200;
  child = sp_search_index_query (f->index, &query, &error);
  g_assert_no_error (error);
  gboolean young_carers = FALSE;
  for (guint i = 0; i < child->hits->len; i++)
    young_carers |= strstr (hit (child, i)->name, "Young Carers Club") != NULL;
  g_assert_true (young_carers);
  query.age = 70;
  older = sp_search_index_query (f->index, &query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < child->hits->len; i++)
    {
      gint64 minimum = query_age (f->sample.store, hit (child, i)->id, "minimum_age");
      gint64 maximum = query_age (f->sample.store, hit (child, i)->id, "maximum_age");
      g_assert_true (minimum <= 12 && (maximum < 0 || maximum >= 12));
    }
  for (guint i = 0; i < older->hits->len; i++)
    g_assert_null (strstr (hit (older, i)->name, "Young Carers Club"));
  g_assert_cmpuint (child->total, <, older->total);
}

/* Within a distance, nearest first, each result saying how far it is. */
static void
test_distance (Fixture      *f,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpSearchResults) results = NULL;
  SpSearchQuery query = SP_SEARCH_QUERY_INIT;

  /* Bilston Health Centre. */
  query.has_point = TRUE;
  query.latitude = 52.563;
  query.longitude = -2.078;
  query.within_metres = 2000;
  query.sort = SP_SEARCH_SORT_DISTANCE;
  query.limit = 200;
  results = sp_search_index_query (f->index, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->hits->len, >, 0);
  g_assert_cmpuint (results->hits->len, <, 158);
  g_assert_cmpfloat (hit (results, 0)->distance_metres, <, 50);
  for (guint i = 0; i < results->hits->len; i++)
    {
      g_assert_cmpfloat (hit (results, i)->distance_metres, >=, 0);
      g_assert_cmpfloat (hit (results, i)->distance_metres, <=, 2000);
      if (i > 0)
        g_assert_cmpfloat (hit (results, i - 1)->distance_metres, <=, hit (results, i)->distance_metres);
    }
}

/* Facet counts per category, parents included. */
static void
test_facets (Fixture      *f,
             gconstpointer data)
{
  g_autoptr (SpSearchResults) results = search (f->index, "memory café");
  GHashTableIter iter;
  gpointer count;
  guint biggest = 0;

  g_assert_cmpuint (g_hash_table_size (results->facets), >, 0);
  g_hash_table_iter_init (&iter, results->facets);
  while (g_hash_table_iter_next (&iter, NULL, &count))
    {
      g_assert_cmpuint (GPOINTER_TO_UINT (count), <=, results->total);
      biggest = MAX (biggest, GPOINTER_TO_UINT (count));
    }
  g_assert_cmpuint (biggest, >=, 3);
}

static gboolean
has_id (SpSearchResults *results,
        const char      *id)
{
  for (guint i = 0; i < results->hits->len; i++)
    if (g_str_equal (hit (results, i)->id, id))
      return TRUE;
  return FALSE;
}

static guint
facet (SpSearchResults *results,
       const char      *term)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (results->facets, term));
}

/* Facet counts follow a service that changes in this process, and one removed. */
static void
test_facets_follow_updates (Fixture      *f,
                            gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  const char *ids[] = { BILSTON_MEMORY_CAFE, NULL };
  g_autoptr (SpSearchResults) before = search (f->index, "memory café");
  g_autoptr (SpSearchResults) after = NULL;
  guint memory = facet (before, MEMORY_CATEGORY);

  g_assert_cmpuint (memory, >=, 3);
  g_assert_true (has_id (before, BILSTON_MEMORY_CAFE));
  sp_test_exec_sql (f->sample.store, "DELETE FROM attribute WHERE link_id = '" BILSTON_MEMORY_CAFE "'");
  g_assert_true (sp_search_index_update (f->index, ids, &error));
  g_assert_no_error (error);
  after = search (f->index, "memory café");
  g_assert_true (has_id (after, BILSTON_MEMORY_CAFE));
  g_assert_cmpuint (facet (after, MEMORY_CATEGORY), ==, memory - 1);
}

/* A phrase of the thesaurus counts only where its words stand together: "looking after"
 * makes a listing about carers, "look" in one sentence and "after" in another does not. */
static void
test_phrases_need_their_words_together (Fixture      *f,
                                        gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  const char *ids[] = { GARDENING, NULL };
  g_autoptr (SpSearchResults) apart = NULL;
  g_autoptr (SpSearchResults) together = NULL;
  SpSearchQuery query = SP_SEARCH_QUERY_INIT;

  query.text = "carers";
  query.limit = 200;
  sp_test_exec_sql (f->sample.store, "UPDATE service SET description = 'Look at the seasons change in our "
                      "garden. After a cup of tea we plant bulbs.' WHERE id = '" GARDENING "'");
  g_assert_true (sp_search_index_update (f->index, ids, &error));
  apart = sp_search_index_query (f->index, &query, &error);
  g_assert_no_error (error);
  g_assert_false (has_id (apart, GARDENING));

  sp_test_exec_sql (f->sample.store, "UPDATE service SET description = 'A calm hour in the garden for people "
                      "looking after a husband or wife.' WHERE id = '" GARDENING "'");
  g_assert_true (sp_search_index_update (f->index, ids, &error));
  together = sp_search_index_query (f->index, &query, &error);
  g_assert_no_error (error);
  g_assert_true (has_id (together, GARDENING));
}

/* A result's snippet is the sentence that says why it was found, with the word marked,
 * however deep in a long description it is. */
static void
test_snippets (Fixture      *f,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  const char *ids[] = { GARDENING, NULL };
  g_autoptr (SpSearchResults) lonely = search (f->index, "lonely");
  g_autoptr (SpSearchResults) deep = NULL;
  g_autoptr (GString) long_sentence = g_string_new ("Therapeutic gardening sessions run in the walled "
                                                    "garden behind the library, where raised beds, wide "
                                                    "paths, benches in the shade and a greenhouse full of "
                                                    "seedlings make a calm place for anyone");

  g_assert_nonnull (strstr (hit (lonely, 0)->snippet, "[lonely]"));
  g_string_append (long_sentence, " who is recovering from a stroke and wants to get strong again. "
                                  "Tools are provided.");
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE service SET description = '%s' WHERE id = '" GARDENING "'",
                                            long_sentence->str);
    sp_test_exec_sql (f->sample.store, sql);
  }
  g_assert_true (sp_search_index_update (f->index, ids, &error));
  deep = search (f->index, "stroke");
  g_assert_cmpstr (hit (deep, 0)->id, ==, GARDENING);
  g_assert_nonnull (strstr (hit (deep, 0)->snippet, "[stroke]"));
  g_assert_true (g_str_has_prefix (hit (deep, 0)->snippet, "…"));
  g_assert_cmpuint (g_utf8_strlen (hit (deep, 0)->snippet, -1), <=, 160 + 2 + 2);
}

/* The folder of the generation of the index in use (search-index/current). */
static char *
current_generation_path (SpStore *store)
{
  g_autofree char *dir = sp_search_index_path_for_store (store);
  g_autofree char *link = g_build_filename (dir, "current", NULL);
  g_autofree char *target = g_file_read_link (link, NULL);

  g_assert_nonnull (target);
  return g_build_filename (dir, target, NULL);
}

static guint64
index_inode (SpStore *store)
{
  g_autofree char *dir = current_generation_path (store);
  g_autofree char *file = g_build_filename (dir, "postlist.glass", NULL);
  GStatBuf st;

  g_assert_cmpint (g_stat (file, &st), ==, 0);
  return st.st_ino;
}

/* Importing a feed again with one service renamed indexes just that service: the index
 * is updated in place, not rebuilt, and finds the new name. */
static void
test_import_updates_in_place (Fixture      *f,
                              gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *sample = sp_test_source_path ("data", "sample-directory.json", NULL);
  g_autofree char *edited = g_build_filename (f->sample.dir, "edited.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GString) text = NULL;
  g_autoptr (SpImportReport) report = NULL;
  g_autoptr (SpSearchResults) found = NULL;
  guint64 before = index_inode (f->sample.store);

  g_assert_true (g_file_get_contents (sample, &contents, NULL, &error));
  text = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (text, "Therapeutic gardening sessions", "Quixotic allotment mornings", 1), ==, 1);
  g_assert_true (g_file_set_contents (edited, text->str, text->len, &error));

  g_assert_true (sp_import_path (f->sample.store, edited, SP_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_nonnull (report->changed);
  g_assert_cmpuint (report->changed->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (report->changed, 0), ==, GARDENING);
  g_assert_true (sp_search_index_apply_changes (f->index, report->changed, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (index_inode (f->sample.store), ==, before);
  found = search (f->index, "quixotic allotment");
  g_assert_cmpstr (hit (found, 0)->id, ==, GARDENING);
  /* And the index knows it matches the store: opening again does not rebuild. */
  {
    gboolean rebuilt = TRUE;
    g_assert_true (sp_search_index_sync (f->index, &rebuilt, &error));
    g_assert_false (rebuilt);
  }
}

/* A changed, added or removed service shows in search without a rebuild. */
static void
test_incremental (Fixture      *f,
                  gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  const char *ids[] = { PUNJABI_CARERS, NULL };
  g_autoptr (SpSearchResults) renamed = NULL;
  g_autoptr (SpSearchResults) gone = NULL;
  gint64 started;

  sp_test_exec_sql (f->sample.store, "UPDATE service SET name = 'Zanzibar carers circle' WHERE id = '" PUNJABI_CARERS "'");
  started = g_get_monotonic_time ();
  g_assert_true (sp_search_index_update (f->index, ids, &error));
  g_assert_no_error (error);
  g_test_message ("single-service update visible after %.1f ms",
                  (g_get_monotonic_time () - started) / 1000.0);
  renamed = search (f->index, "zanzibar");
  g_assert_cmpstr (hit (renamed, 0)->id, ==, PUNJABI_CARERS);
  g_assert_cmpuint (sp_search_index_get_n_services (f->index), ==, 158);

  sp_test_exec_sql (f->sample.store, "DELETE FROM service WHERE id = '" PUNJABI_CARERS "'");
  g_assert_true (sp_search_index_update (f->index, ids, &error));
  g_assert_no_error (error);
  gone = search (f->index, "zanzibar");
  g_assert_cmpuint (gone->hits->len, ==, 0);
  g_assert_cmpuint (sp_search_index_get_n_services (f->index), ==, 157);
}

/* The revision a reader gives is the same for every reader of the same index, and another
 * after any change: what was found under one stands for it, never after a change. */
static void
test_revision (Fixture      *f,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  const char *ids[] = { PUNJABI_CARERS, NULL };
  g_autoptr (SpSearchIndex) other = sp_search_index_open (f->sample.store, NULL, &error);
  g_autofree char *before = NULL, *before_other = NULL, *again = NULL, *after = NULL, *after_other = NULL;
  g_autoptr (GPtrArray) found_before = NULL, found_after = NULL;

  g_assert_no_error (error);
  before = sp_search_index_get_revision (f->index, &error);
  g_assert_no_error (error);
  before_other = sp_search_index_get_revision (other, &error);
  again = sp_search_index_get_revision (f->index, &error);
  g_assert_cmpstr (before, ==, before_other);
  g_assert_cmpstr (before, ==, again);
  found_before = sp_search_index_match (other, "zanzibar", 10, &error);
  g_assert_cmpuint (found_before->len, ==, 0);

  sp_test_exec_sql (f->sample.store, "UPDATE service SET name = 'Zanzibar carers circle' WHERE id = '" PUNJABI_CARERS "'");
  g_assert_true (sp_search_index_update (f->index, ids, &error));
  g_assert_no_error (error);
  after = sp_search_index_get_revision (f->index, &error);
  after_other = sp_search_index_get_revision (other, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after, !=, before);
  g_assert_cmpstr (after_other, ==, after);
  found_after = sp_search_index_match (other, "zanzibar", 10, &error);
  g_assert_cmpuint (found_after->len, ==, 1);
}

/* An import behind the index's back is noticed and indexed. */
static void
test_stale_rebuilds (Fixture      *f,
                     gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *feed = sp_test_write_tmp (f->sample.dir, "more.json",
    "[{\"id\":\"6b1d2c3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e\",\"name\":\"Quilting for wellbeing\","
    "\"status\":\"active\"}]", -1);
  g_autoptr (SpSearchIndex) again = NULL;
  g_autoptr (SpSearchResults) results = NULL;

  g_assert_true (sp_import_path (f->sample.store, feed, SP_IMPORT_FLAGS_NONE, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  again = sp_search_index_open (f->sample.store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sp_search_index_get_n_services (again), ==, 159);
  results = search (again, "quilting");
  g_assert_cmpstr (hit (results, 0)->name, ==, "Quilting for wellbeing");
}

/* Damaged index files are noticed and the index rebuilt from the store. */
static void
test_corrupt_rebuilds (Fixture      *f,
                       gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = sp_search_index_path_for_store (f->sample.store);
  g_autofree char *damaged = NULL;
  g_autoptr (SpSearchIndex) again = NULL;
  g_autoptr (SpSearchResults) results = NULL;

  g_clear_pointer (&f->index, sp_search_index_close);
  damaged = sp_test_damage_index (folder);

  again = sp_search_index_open (f->sample.store, NULL, &error);
  g_assert_no_error (error);
  results = search (again, "carers punjabi");
  g_assert_cmpstr (hit (results, 0)->id, ==, PUNJABI_CARERS);
}

/* A handle that may not rebuild (the app's, on its main thread) says the index needs
 * rebuilding rather than rebuilding it in the query, and leaves the index as it is; once
 * another handle has rebuilt it, it finds again. */
static void
test_damaged_without_rebuild (Fixture      *f,
                              gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpSearchResults) results = NULL;
  g_autoptr (SpSearchIndex) repairer = NULL;
  g_autofree char *folder = sp_search_index_path_for_store (f->sample.store);
  g_autofree char *damaged = NULL;
  g_autofree char *after = NULL;
  SpSearchQuery query = SP_SEARCH_QUERY_INIT;

  sp_search_index_set_rebuild_when_damaged (f->index, FALSE);
  damaged = sp_test_damage_index (folder);
  query.text = "carers punjabi";
  results = sp_search_index_query (f->index, &query, &error);
  g_assert_error (error, SP_SEARCH_ERROR, SP_SEARCH_ERROR_NEEDS_REBUILD);
  g_assert_null (results);
  g_clear_error (&error);
  g_assert_false (sp_search_index_reopen (f->index, &error));
  g_assert_error (error, SP_SEARCH_ERROR, SP_SEARCH_ERROR_NEEDS_REBUILD);
  g_clear_error (&error);
  after = current_generation_path (f->sample.store);
  g_assert_cmpstr (after, ==, damaged);

  repairer = sp_search_index_open (f->sample.store, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sp_search_index_reopen (f->index, &error));
  g_assert_no_error (error);
  results = search (f->index, "carers punjabi");
  g_assert_cmpstr (hit (results, 0)->id, ==, PUNJABI_CARERS);
}

/* A directory editor's own thesaurus takes over and rebuilds the index. */
static void
test_edited_thesaurus (Fixture      *f,
                       gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (sp_store_get_path (f->sample.store));
  g_autofree char *path = g_build_filename (dir, "synonyms.txt", NULL);
  g_autoptr (SpSearchResults) before = search (f->index, "zorbling");
  g_autoptr (SpSearchResults) after = NULL;
  gboolean rebuilt = FALSE;

  g_assert_cmpuint (before->hits->len, ==, 0);
  g_assert_true (g_file_set_contents (path, "# ours\nzorbling ~ befriending\n", -1, NULL));
  g_assert_true (sp_search_index_sync (f->index, &rebuilt, &error));
  g_assert_no_error (error);
  g_assert_true (rebuilt);
  after = search (f->index, "zorbling");
  g_assert_nonnull (strstr (hit (after, 0)->name, "befriending"));
}

/* A directory big enough to be indexed in parts on several cores is merged whole: every
 * service is found once. */
static void
test_parallel_build (Fixture      *f,
                     gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *feed = g_build_filename (f->sample.dir, "generated.json", NULL);
  g_autoptr (SpSearchIndex) again = NULL;
  g_autoptr (SpSearchResults) carers = NULL;
  g_autoptr (SpSearchResults) browse = NULL;
  SpSearchQuery query = SP_SEARCH_QUERY_INIT;

  g_assert_true (sp_feed_generate (feed, 3000, 7, &error));
  g_assert_true (sp_import_path (f->sample.store, feed, SP_IMPORT_FLAGS_NONE, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  again = sp_search_index_open (f->sample.store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sp_search_index_get_n_services (again), ==, 3158);

  carers = search (again, "carers punjabi");
  g_assert_true (top3_has_name (carers, "Sanjh Punjabi Carers"));
  query.limit = 1000;
  browse = sp_search_index_query (again, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (browse->total, ==, 3158);
}

typedef struct
{
  SpSearchIndex *index;
  gboolean done;
} Reader;

static gpointer
read_while_writing (gpointer data)
{
  Reader *reader = data;
  guint rounds = 0;

  while (!g_atomic_int_get (&reader->done) || rounds < 20)
    {
      g_autoptr (SpSearchResults) results = search (reader->index, "memory");
      g_assert_cmpuint (results->hits->len, >, 0);
      rounds++;
    }
  return GUINT_TO_POINTER (rounds);
}

/* One writer updates while another handle reads: the reader never fails. */
static void
test_concurrent_read (Fixture      *f,
                      gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpStore) reader_store = sp_store_open (sp_store_get_path (f->sample.store), &error);
  g_autoptr (SpSearchIndex) reader_index = NULL;
  Reader reader = { NULL, FALSE };
  const char *ids[] = { PUNJABI_CARERS, NULL };
  GThread *thread;

  g_assert_no_error (error);
  reader_index = sp_search_index_open (reader_store, NULL, &error);
  g_assert_no_error (error);
  reader.index = reader_index;
  thread = g_thread_new ("reader", read_while_writing, &reader);
  for (int i = 0; i < 30; i++)
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE service SET name = 'Carers group %d' "
                                              "WHERE id = '" PUNJABI_CARERS "'", i);
      sp_test_exec_sql (f->sample.store, sql);
      g_assert_true (sp_search_index_update (f->index, ids, &error));
      g_assert_no_error (error);
      /* An import every few milliseconds, far busier than any real directory. */
      g_usleep (3000);
    }
  g_atomic_int_set (&reader.done, TRUE);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_thread_join (thread)), >=, 20);
}

/* Another handle rebuilds the index over and over (a program that found it stale, an
 * "index --rebuild") while this one searches: every search answers from a whole index,
 * and the folder keeps one generation in use and nothing half built. */
static void
test_rebuild_while_reading (Fixture      *f,
                            gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpStore) writer_store = sp_store_open (sp_store_get_path (f->sample.store), &error);
  g_autoptr (SpSearchIndex) writer = NULL;
  g_autofree char *folder = sp_search_index_path_for_store (f->sample.store);
  Reader reader = { f->index, FALSE };
  GThread *thread;
  guint entries = 0;

  g_assert_no_error (error);
  writer = sp_search_index_open (writer_store, NULL, &error);
  g_assert_no_error (error);
  thread = g_thread_new ("reader", read_while_writing, &reader);
  for (int i = 0; i < 5; i++)
    {
      g_assert_true (sp_search_index_rebuild (writer, &error));
      g_assert_no_error (error);
    }
  g_atomic_int_set (&reader.done, TRUE);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_thread_join (thread)), >=, 20);

  /* lock, current and the one generation it names. */
  {
    g_autoptr (GDir) dir = g_dir_open (folder, 0, &error);
    g_assert_no_error (error);
    while (g_dir_read_name (dir) != NULL)
      entries++;
  }
  g_assert_cmpuint (entries, ==, 3);
}

/* The ids a search matches, for a caller that filters and pages them: the same services
 * in the same order as the query's results, as many as asked for and no more. */
static void
test_match_ids (Fixture      *f,
                gconstpointer data)
{
  const char *texts[] = { "memory cafe", "carers", "lunch club tuesday", "the", "zzqx" };

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      g_autoptr (GError) error = NULL;
      SpSearchQuery query = SP_SEARCH_QUERY_INIT;
      g_autoptr (SpSearchResults) results = NULL;
      g_autoptr (GPtrArray) ids = NULL;
      g_autoptr (GPtrArray) three = NULL;

      query.text = texts[t];
      query.limit = 500;
      results = sp_search_index_query (f->index, &query, &error);
      g_assert_no_error (error);
      ids = sp_search_index_match (f->index, texts[t], 500, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (ids->len, ==, results->hits->len);
      for (guint i = 0; i < ids->len; i++)
        g_assert_cmpstr (ids->pdata[i], ==, hit (results, i)->id);

      three = sp_search_index_match (f->index, texts[t], 3, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (three->len, ==, MIN (3, ids->len));
    }
  /* "the" browses every service; a word nobody uses finds none. */
  {
    g_autoptr (GPtrArray) all = sp_search_index_match (f->index, "the", 1000, NULL);
    g_autoptr (GPtrArray) none = sp_search_index_match (f->index, "zzqx", 1000, NULL);

    g_assert_cmpuint (all->len, ==, sp_store_count (f->sample.store, "service"));
    g_assert_cmpuint (none->len, ==, 0);
  }
}

/* A page of a search's matches, read a page at a time (the hub's lists): the same ids in the
 * same order as a slice of every match, and the same count, at any page size, with the best
 * few counting or all of them. */
static void
test_match_page (Fixture      *f,
                 gconstpointer data)
{
  const char *texts[] = { "memory cafe", "carers", "lunch club tuesday", "dementia support group", "the", "zzqx" };
  const guint maxima[] = { 500, 7 };
  const guint sizes[] = { 1, 3, 50 };

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    for (guint m = 0; m < G_N_ELEMENTS (maxima); m++)
      {
        g_autoptr (GError) error = NULL;
        g_autoptr (GPtrArray) all = sp_search_index_match (f->index, texts[t], maxima[m], &error);

        g_assert_no_error (error);
        for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
          for (guint offset = 0; offset <= all->len + sizes[s]; offset += sizes[s])
            {
              guint total = G_MAXUINT;
              g_autoptr (GPtrArray) page = sp_search_index_match_page (f->index, texts[t], offset, sizes[s], maxima[m],
                                                                       &total, &error);

              g_assert_no_error (error);
              g_assert_cmpuint (total, ==, all->len);
              g_assert_cmpuint (page->len, ==, MIN (sizes[s], all->len - MIN (offset, all->len)));
              for (guint i = 0; i < page->len; i++)
                g_assert_cmpstr (page->pdata[i], ==, all->pdata[offset + i]);
            }
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, sp_test_index_fixture_set_up, func, sp_test_index_fixture_tear_down)
  ADD ("/signpost/search/rebuild-from-store", test_rebuild_from_store);
  ADD ("/signpost/search/finds", test_finds);
  ADD ("/signpost/search/browse", test_browse);
  ADD ("/signpost/search/hostile-queries", test_hostile_queries);
  ADD ("/signpost/search/numbers-not-spelled", test_numbers_not_spelled);
  ADD ("/signpost/search/long-query", test_long_query);
  ADD ("/signpost/search/filters", test_filters);
  ADD ("/signpost/search/distance", test_distance);
  ADD ("/signpost/search/age", test_age);
  ADD ("/signpost/search/facets", test_facets);
  ADD ("/signpost/search/facets-follow-updates", test_facets_follow_updates);
  ADD ("/signpost/search/phrases-need-their-words-together", test_phrases_need_their_words_together);
  ADD ("/signpost/search/snippets", test_snippets);
  ADD ("/signpost/search/incremental", test_incremental);
  ADD ("/signpost/search/import-updates-in-place", test_import_updates_in_place);
  ADD ("/signpost/search/stale-rebuilds", test_stale_rebuilds);
  ADD ("/signpost/search/corrupt-rebuilds", test_corrupt_rebuilds);
  ADD ("/signpost/search/damaged-without-rebuild", test_damaged_without_rebuild);
  ADD ("/signpost/search/edited-thesaurus", test_edited_thesaurus);
  ADD ("/signpost/search/concurrent-read", test_concurrent_read);
  ADD ("/signpost/search/rebuild-while-reading", test_rebuild_while_reading);
  ADD ("/signpost/search/parallel-build", test_parallel_build);
  ADD ("/signpost/search/match-ids", test_match_ids);
  ADD ("/signpost/search/match-page", test_match_page);
  ADD ("/signpost/search/revision", test_revision);
#undef ADD

  return g_test_run ();
}
