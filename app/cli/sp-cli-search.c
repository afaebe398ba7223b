/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli-search.c: signpost-cli search and index. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "sp-cli.h"
#include "sp-open-now.h"
#include "sp-search-document.h"
#include "sp-search-index.h"
#include "sp-urgent-help.h"

static gboolean
parse_point (const char *text,
             double     *latitude,
             double     *longitude)
{
  g_auto (GStrv) parts = text != NULL ? g_strsplit (text, ",", 2) : NULL;
  char *end;

  if (parts == NULL || g_strv_length (parts) != 2)
    return FALSE;
  *latitude = g_ascii_strtod (parts[0], &end);
  if (end == parts[0] || *end != '\0' || *latitude < -90 || *latitude > 90)
    return FALSE;
  *longitude = g_ascii_strtod (parts[1], &end);
  return end != parts[1] && *end == '\0' && *longitude >= -180 && *longitude <= 180;
}

/* Keeps of @results the hits open at @now (as the app's "Open now"), at most @most; the
 * total is then how many were found open, and there are no topic counts, which were of
 * the matches looked among. */
static gboolean
keep_open (SpStore         *store,
           SpSearchResults *results,
           GDateTime       *now,
           guint            most,
           GError         **error)
{
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();
  g_autoptr (GArray) open = NULL;

  for (guint i = 0; i < results->hits->len; i++)
    g_ptr_array_add (ids, ((SpSearchHit *) g_ptr_array_index (results->hits, i))->id);
  g_ptr_array_add (ids, NULL);
  open = sp_open_now_select (store, (const char * const *) ids->pdata, now, most, NULL, error);
  if (open == NULL)
    return FALSE;
  /* The open ones to the front, in order (each comes from at or after its new place),
   * and the rest dropped. */
  for (guint i = 0; i < open->len; i++)
    {
      guint from = g_array_index (open, guint, i);
      gpointer hit = results->hits->pdata[from];

      results->hits->pdata[from] = results->hits->pdata[i];
      results->hits->pdata[i] = hit;
    }
  g_ptr_array_set_size (results->hits, open->len);
  results->total = open->len;
  g_hash_table_remove_all (results->facets);
  return TRUE;
}

static void
print_json (SpSearchResults *results,
            gboolean         has_point,
            gboolean         urgent)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GList) keys = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "query");
  json_builder_add_string_value (builder, results->query);
  json_builder_set_member_name (builder, "corrected");
  if (results->corrected != NULL)
    json_builder_add_string_value (builder, results->corrected);
  else
    json_builder_add_null_value (builder);
  /* The emergency and crisis lines, when what was typed suggests danger now; else empty. */
  json_builder_set_member_name (builder, "urgent_help");
  json_builder_begin_array (builder);
  if (urgent)
    {
      guint n_lines;
      const SpUrgentLine *lines = sp_urgent_help_lines (&n_lines);

      for (guint i = 0; i < n_lines; i++)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "number");
          json_builder_add_string_value (builder, lines[i].number);
          json_builder_set_member_name (builder, "what");
          json_builder_add_string_value (builder, _(lines[i].what));
          json_builder_end_object (builder);
        }
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, results->total);
  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);
  for (guint i = 0; i < results->hits->len; i++)
    {
      SpSearchHit *hit = g_ptr_array_index (results->hits, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, hit->id);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, hit->name);
      json_builder_set_member_name (builder, "organization");
      json_builder_add_string_value (builder, hit->organization);
      json_builder_set_member_name (builder, "score");
      json_builder_add_double_value (builder, hit->score);
      json_builder_set_member_name (builder, "snippet");
      json_builder_add_string_value (builder, hit->snippet);
      if (has_point && hit->distance_metres >= 0)
        {
          json_builder_set_member_name (builder, "distance_m");
          json_builder_add_int_value (builder, (gint64) (hit->distance_metres + 0.5));
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "facets");
  json_builder_begin_object (builder);
  keys = g_hash_table_get_keys (results->facets);
  keys = g_list_sort (keys, (GCompareFunc) strcmp);
  for (GList *k = keys; k != NULL; k = k->next)
    {
      json_builder_set_member_name (builder, k->data);
      json_builder_add_int_value (builder, GPOINTER_TO_UINT (g_hash_table_lookup (results->facets, k->data)));
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

static void
print_text (SpSearchResults *results,
            gboolean         has_point,
            gboolean         urgent)
{
  if (urgent)
    {
      g_autofree char *lines = sp_urgent_help_text ();
      printf ("%s\n\n", lines);
    }
  if (results->corrected != NULL)
    printf (_("Showing results for “%s”\n"), results->corrected);
  for (guint i = 0; i < results->hits->len; i++)
    {
      SpSearchHit *hit = g_ptr_array_index (results->hits, i);

      printf ("%s\t%s", hit->id, hit->name);
      if (hit->organization != NULL && *hit->organization != '\0')
        printf (" — %s", hit->organization);
      if (has_point && hit->distance_metres >= 0)
        printf (_(" (%.1f km)"), hit->distance_metres / 1000.0);
      printf ("\n");
    }
}

int
sp_cli_search (int    argc,
               char **argv)
{
  g_autofree char *data_dir = NULL;
  g_autofree char *category = NULL;
  g_autofree char *language = NULL;
  g_autofree char *open_on = NULL;
  g_autofree char *near = NULL;
  g_autofree char *sort = NULL;
  g_autofree char *text = NULL;
  g_autofree char *now_text = NULL;
  g_autoptr (GDateTime) now = NULL;
  gboolean json = FALSE, free_only = FALSE, wheelchair = FALSE, open_now = FALSE, urgent;
  int limit = 20;
  int age = -1;
  double within = 0;
  g_autoptr (SpStore) store = NULL;
  g_autoptr (SpSearchIndex) index = NULL;
  g_autoptr (SpSearchResults) results = NULL;
  g_autoptr (GError) error = NULL;
  SpSearchQuery query = SP_SEARCH_QUERY_INIT;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most N results (default 20)"), N_("N") },
    { "category", 0, 0, G_OPTION_ARG_STRING, &category, N_("Only this category (a term id)"), N_("TERM") },
    { "free", 0, 0, G_OPTION_ARG_NONE, &free_only, N_("Only free services"), NULL },
    { "wheelchair", 0, 0, G_OPTION_ARG_NONE, &wheelchair, N_("Only wheelchair-accessible places"), NULL },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language, N_("Only services in this language"), N_("CODE") },
    { "age", 0, 0, G_OPTION_ARG_INT, &age, N_("Only services for someone of this age"), N_("YEARS") },
    { "open-now", 0, 0, G_OPTION_ARG_NONE, &open_now,
      N_("Only services with a session going on now (among the best 400 that meet today)"), NULL },
    { "now", 0, 0, G_OPTION_ARG_STRING, &now_text, N_("The moment --open-now is for, ISO 8601 (default: now)"),
      N_("TIME") },
    { "open-on", 0, 0, G_OPTION_ARG_STRING, &open_on, N_("Only services that meet on DAY (MO…SU)"), N_("DAY") },
    { "near", 0, 0, G_OPTION_ARG_STRING, &near, N_("Distances from this point"), N_("LAT,LON") },
    { "within", 0, 0, G_OPTION_ARG_DOUBLE, &within, N_("Only within this distance of --near"), N_("METRES") },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort, N_("relevance (default) or distance"), N_("ORDER") },
    { NULL }
  };

  if (!sp_cli_parse_command (&argc, &argv, _("QUERY…"),
                             _("Search the directory."),
                             NULL, entries, &data_dir))
    return 2;

  if (limit < 1 || limit > 1000)
    return sp_cli_fail (_("--limit must be between 1 and 1000."));
  if (age != -1 && (age < 0 || age > 130))
    return sp_cli_fail (_("--age takes an age in years, from 0 to 130."));
  if (open_now && open_on != NULL)
    return sp_cli_fail (_("Give --open-now or --open-on, not both."));
  if (open_on != NULL && (query.day = sp_search_day_from_name (open_on)) < 0)
    return sp_cli_fail (_("--open-on takes a day as MO, TU, WE, TH, FR, SA or SU, not “%s”."), open_on);
  if (now_text != NULL && !open_now)
    return sp_cli_fail (_("--now is the moment for --open-now, which is not given."));
  now = now_text != NULL ? g_date_time_new_from_iso8601 (now_text, NULL) : g_date_time_new_now_local ();
  if (now == NULL)
    return sp_cli_fail (_("--now takes a date and time such as 2027-01-12T14:00:00Z, not “%s”."), now_text);
  if (open_now)
    query.day = sp_open_now_day (now);
  if (near != NULL && !parse_point (near, &query.latitude, &query.longitude))
    return sp_cli_fail (_("--near takes LATITUDE,LONGITUDE in degrees, such as 52.586,-2.128."));
  if (within < 0 || (within > 0 && near == NULL))
    return sp_cli_fail (_("--within takes a distance in metres and needs --near."));
  if (sort != NULL && !g_str_equal (sort, "relevance") && !g_str_equal (sort, "distance"))
    return sp_cli_fail (_("--sort is relevance or distance, not “%s”."), sort);
  if (sort != NULL && g_str_equal (sort, "distance") && near == NULL)
    return sp_cli_fail (_("--sort distance needs --near."));

  text = g_strjoinv (" ", argv + 1);
  query.text = text;
  query.category = category;
  query.free_only = free_only;
  query.wheelchair = wheelchair;
  query.language = language;
  query.age = age;
  query.has_point = near != NULL;
  query.within_metres = within;
  query.sort = sort != NULL && g_str_equal (sort, "distance") ? SP_SEARCH_SORT_DISTANCE
                                                             : SP_SEARCH_SORT_RELEVANCE;
  /* "Open now" looks among the best that meet today for those open this minute. */
  query.limit = open_now ? MAX ((guint) limit, SP_OPEN_NOW_POOL) : (guint) limit;

  if ((store = sp_cli_open_store (data_dir, TRUE)) == NULL)
    return 1;
  if ((index = sp_search_index_open (store, NULL, &error)) == NULL ||
      (results = sp_search_index_query (index, &query, &error)) == NULL ||
      (open_now && !keep_open (store, results, now, limit, &error)))
    return sp_cli_fail ("%s", error->message);

  /* Asked of all that was typed, not only the words searched for. */
  urgent = sp_urgent_help_suggested (text);
  if (json)
    print_json (results, query.has_point, urgent);
  else
    print_text (results, query.has_point, urgent);
  if (strlen (results->query) < strlen (g_strstrip (text)))
    fprintf (stderr, g_dngettext (GETTEXT_PACKAGE, "Only the first %d word was searched for.\n",
                                  "Only the first %d words were searched for.\n", SP_SEARCH_MAX_QUERY_WORDS),
             SP_SEARCH_MAX_QUERY_WORDS);
  return 0;
}

int
sp_cli_index (int    argc,
              char **argv)
{
  g_autofree char *data_dir = NULL;
  gboolean rebuild = FALSE;
  g_autoptr (SpStore) store = NULL;
  g_autoptr (SpSearchIndex) index = NULL;
  g_autoptr (GError) error = NULL;
  gint64 started;
  GOptionEntry entries[] = {
    { "rebuild", 0, 0, G_OPTION_ARG_NONE, &rebuild, N_("Index every service afresh"), NULL },
    { NULL }
  };

  if (!sp_cli_parse_command (&argc, &argv, NULL,
                             _("Bring the search index up to date with the directory."),
                             NULL, entries, &data_dir))
    return 2;
  if ((store = sp_cli_open_store (data_dir, TRUE)) == NULL)
    return 1;

  started = g_get_monotonic_time ();
  /* A rebuild is asked for where bringing the index up to date fails: it only needs a
   * handle. */
  index = rebuild ? sp_search_index_new (store, NULL, &error) : sp_search_index_open (store, NULL, &error);
  if (index == NULL || (rebuild && !sp_search_index_rebuild (index, &error)))
    return sp_cli_fail ("%s", error->message);
  printf (_("Search index holds %u services (%.2f s).\n"), sp_search_index_get_n_services (index),
          (g_get_monotonic_time () - started) / 1e6);
  return 0;
}
