/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-search-document.c: what the search index knows of one service, read from the store.
 *
 * The index never reads SQLite itself: this file turns a service with its organisation,
 * categories, locations, languages, costs and schedules into a flat SpSearchDocument,
 * and the C++ side turns that into Xapian terms and values.
 */
#include "config.h"

#include <string.h>

#include "sp-search-document.h"

struct _SpSearchSource
{
  SpStore *store;
  GHashTable *term_parent;  /* taxonomy term id -> parent id */
  GHashTable *term_name;    /* taxonomy term id -> name */
  sqlite3_stmt *service;
  sqlite3_stmt *categories;
  sqlite3_stmt *places;
  sqlite3_stmt *languages;
  sqlite3_stmt *costs;
  sqlite3_stmt *schedules;
  sqlite3_stmt *description;
};

static const char * const day_names[SP_SEARCH_N_DAYS] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };

/* 0 for "MO" … 6 for "SU"; -1 for anything else. */
int
sp_search_day_from_name (const char *name)
{
  for (int i = 0; name != NULL && i < SP_SEARCH_N_DAYS; i++)
    if (g_ascii_strcasecmp (name, day_names[i]) == 0)
      return i;
  return -1;
}

/**
 * sp_search_fold:
 *
 * @text without the accents of Latin, Greek and Cyrillic letters, so that "cafe" finds
 * "café", and with curly apostrophes straightened. Other scripts keep their marks: a
 * Gurmukhi vowel sign is part of the word.
 *
 * Returns: (transfer full): the folded text ("" for %NULL)
 */
char *
sp_search_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autoptr (GString) kept = NULL;
  const char *p;

  if (text == NULL)
    return g_strdup ("");
  /* Most of a directory is plain ASCII: nothing to fold, and normalising is costly. */
  for (p = text; *p != '\0' && (guchar) *p < 0x80; p++)
    ;
  if (*p == '\0')
    return g_strdup (text);
  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  if (decomposed == NULL)
    return g_strdup (text);
  kept = g_string_sized_new (strlen (decomposed));
  for (p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      /* Phones and Macs type ’ for an apostrophe: "alzheimer’s" is "alzheimer's". */
      if (c == 0x2019 || c == 0x2018)
        g_string_append_c (kept, '\'');
      else if (c < 0x0300 || c > 0x036f)
        g_string_append_unichar (kept, c);
    }
  return g_utf8_normalize (kept->str, kept->len, G_NORMALIZE_NFC);
}

void
sp_search_document_free (SpSearchDocument *document)
{
  if (document == NULL)
    return;
  g_free (document->id);
  g_free (document->name);
  g_free (document->organization);
  g_free (document->description);
  g_free (document->categories_text);
  g_free (document->places_text);
  g_ptr_array_unref (document->categories);
  g_ptr_array_unref (document->languages);
  g_array_unref (document->points);
  g_free (document);
}

void
sp_search_source_free (SpSearchSource *self)
{
  if (self == NULL)
    return;
  sqlite3_finalize (self->service);
  sqlite3_finalize (self->categories);
  sqlite3_finalize (self->places);
  sqlite3_finalize (self->languages);
  sqlite3_finalize (self->costs);
  sqlite3_finalize (self->schedules);
  sqlite3_finalize (self->description);
  g_clear_pointer (&self->term_parent, g_hash_table_unref);
  g_clear_pointer (&self->term_name, g_hash_table_unref);
  g_clear_object (&self->store);
  g_free (self);
}

/**
 * sp_search_source_new:
 *
 * Prepares to read services from @store for indexing. Reads the category tree once.
 */
SpSearchSource *
sp_search_source_new (SpStore *store,
                      GError **error)
{
  g_autoptr (SpSearchSource) self = g_new0 (SpSearchSource, 1);
  sqlite3_stmt *terms;

  self->store = g_object_ref (store);
  self->term_parent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->term_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  terms = sp_store_prepare (store, "SELECT id, parent_id, name FROM taxonomy_term", error);
  if (terms == NULL)
    return NULL;
  while (sqlite3_step (terms) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (terms, 0);
      const char *parent = (const char *) sqlite3_column_text (terms, 1);
      const char *name = (const char *) sqlite3_column_text (terms, 2);

      if (parent != NULL)
        g_hash_table_insert (self->term_parent, g_strdup (id), g_strdup (parent));
      if (name != NULL)
        g_hash_table_insert (self->term_name, g_strdup (id), g_strdup (name));
    }
  sqlite3_finalize (terms);

#define PREPARE(field, sql) \
  if ((self->field = sp_store_prepare (store, sql, error)) == NULL) \
    return NULL
  PREPARE (service,
           "SELECT s.name, o.name, s.description, s.minimum_age, s.maximum_age, s.fees_description"
           " FROM service s LEFT JOIN organization o ON o.id = s.organization_id WHERE s.id = ?1");
  PREPARE (categories, "SELECT taxonomy_term_id FROM attribute"
                       " WHERE link_id = ?1 AND taxonomy_term_id IS NOT NULL");
  PREPARE (places,
           "SELECT l.name, a.address_1, a.address_2, a.city, a.postal_code, l.latitude, l.longitude,"
           "  (SELECT group_concat(coalesce(x.description, '') || ' ' || coalesce(x.details, ''), ' ')"
           "     FROM accessibility x WHERE x.location_id = l.id)"
           " FROM service_at_location sal JOIN location l ON l.id = sal.location_id"
           " LEFT JOIN address a ON a.location_id = l.id"
           " WHERE sal.service_id = ?1 ORDER BY l.id, a.id");
  PREPARE (languages, "SELECT lower(coalesce(code, name)) FROM language WHERE service_id = ?1");
  PREPARE (costs, "SELECT option, amount FROM cost_option WHERE service_id = ?1");
  PREPARE (schedules,
           "SELECT byday FROM schedule WHERE service_id = ?1"
           " UNION ALL SELECT sc.byday FROM schedule sc"
           " JOIN service_at_location sal ON sal.id = sc.service_at_location_id"
           " WHERE sal.service_id = ?1");
#undef PREPARE
  return g_steal_pointer (&self);
}

/**
 * sp_search_source_all_ids:
 *
 * Returns: (transfer full) (element-type utf8): every service id, in id order
 */
GPtrArray *
sp_search_source_all_ids (SpSearchSource *self,
                          GError        **error)
{
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = sp_store_prepare (self->store, "SELECT id FROM service ORDER BY id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sp_store_set_error_from_db (self->store, rc, "reading the services to index", error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/**
 * sp_search_source_description:
 *
 * The service's description as the index read it, for a result's snippet.
 *
 * Returns: (transfer full) (nullable): the description, %NULL when there is none
 */
char *
sp_search_source_description (SpSearchSource *self,
                              const char     *id)
{
  char *description = NULL;

  if (self->description == NULL &&
      (self->description = sp_store_prepare (self->store, "SELECT description FROM service WHERE id = ?1", NULL)) == NULL)
    return NULL;
  sqlite3_bind_text (self->description, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (self->description) == SQLITE_ROW)
    description = g_strdup ((const char *) sqlite3_column_text (self->description, 0));
  sqlite3_reset (self->description);
  return description;
}

/**
 * sp_search_source_stamp:
 *
 * A short text that changes whenever the services in the store may have changed: the
 * number of the store's last change (sp_store_record_change()), which every way of
 * changing the directory takes. The index keeps the stamp it was built from, and is
 * brought up to date when they differ.
 */
char *
sp_search_source_stamp (SpSearchSource *self)
{
  gint64 seq = 0;

  if (!sp_store_get_change_seq (self->store, &seq, NULL))
    return g_strdup ("");
  return g_strdup_printf ("change %" G_GINT64_FORMAT, seq);
}

static void
append_text (GString    *text,
             const char *piece)
{
  if (piece == NULL || *piece == '\0')
    return;
  if (text->len > 0)
    g_string_append_c (text, '\n');
  g_string_append (text, piece);
}

static void
read_categories (SpSearchSource   *self,
                 SpSearchDocument *document)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  while (sqlite3_step (self->categories) == SQLITE_ROW)
    {
      const char *term = (const char *) sqlite3_column_text (self->categories, 0);

      /* The term and its ancestors: a search in "Memory" finds "Memory cafés". The depth
       * bound guards against a feed whose parents form a loop. */
      for (int depth = 0; term != NULL && depth < 16; depth++)
        {
          if (g_hash_table_contains (seen, term))
            break;
          g_ptr_array_add (document->categories, g_strdup (term));
          g_hash_table_add (seen, document->categories->pdata[document->categories->len - 1]);
          append_text (text, g_hash_table_lookup (self->term_name, term));
          term = g_hash_table_lookup (self->term_parent, term);
        }
    }
  document->categories_text = g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
mentions_wheelchair_access (const char *text)
{
  g_autofree char *lower = text != NULL ? g_utf8_strdown (text, -1) : NULL;

  if (lower == NULL)
    return FALSE;
  if (strstr (lower, "not wheelchair") != NULL || strstr (lower, "no wheelchair") != NULL ||
      strstr (lower, "no step-free") != NULL)
    return FALSE;
  return strstr (lower, "wheelchair") != NULL || strstr (lower, "step-free") != NULL ||
         strstr (lower, "step free") != NULL || strstr (lower, "level access") != NULL;
}

static void
read_places (SpSearchSource   *self,
             SpSearchDocument *document)
{
  g_autoptr (GString) text = g_string_new (NULL);

  while (sqlite3_step (self->places) == SQLITE_ROW)
    {
      for (int column = 0; column < 5; column++)
        append_text (text, (const char *) sqlite3_column_text (self->places, column));
      if (sqlite3_column_type (self->places, 5) != SQLITE_NULL &&
          sqlite3_column_type (self->places, 6) != SQLITE_NULL)
        {
          double point[2] = { sqlite3_column_double (self->places, 5),
                              sqlite3_column_double (self->places, 6) };
          g_array_append_vals (document->points, point, 2);
        }
      if (mentions_wheelchair_access ((const char *) sqlite3_column_text (self->places, 7)))
        document->wheelchair = TRUE;
    }
  document->places_text = g_string_free (g_steal_pointer (&text), FALSE);
}

static void
read_costs (SpSearchSource   *self,
            SpSearchDocument *document,
            const char       *fees_description)
{
  gboolean any = FALSE;
  gboolean all_free = TRUE;

  while (sqlite3_step (self->costs) == SQLITE_ROW)
    {
      const char *option = (const char *) sqlite3_column_text (self->costs, 0);
      gboolean says_free = option != NULL && g_ascii_strncasecmp (option, "free", 4) == 0;
      gboolean zero = sqlite3_column_type (self->costs, 1) != SQLITE_NULL &&
                      sqlite3_column_double (self->costs, 1) == 0.0;

      any = TRUE;
      if (!says_free && !zero)
        all_free = FALSE;
    }
  if (any)
    document->free = all_free;
  else if (fees_description != NULL)
    {
      g_autofree char *lower = g_utf8_strdown (fees_description, -1);
      document->free = g_str_has_prefix (lower, "free") || strstr (lower, "no charge") != NULL;
    }
}

static void
read_days (SpSearchSource   *self,
           SpSearchDocument *document)
{
  while (sqlite3_step (self->schedules) == SQLITE_ROW)
    {
      const char *byday = (const char *) sqlite3_column_text (self->schedules, 0);
      g_auto (GStrv) parts = byday != NULL ? g_strsplit (byday, ",", -1) : NULL;

      for (guint i = 0; parts != NULL && parts[i] != NULL; i++)
        {
          /* "TU", "2TU", "-1FR": the day is the last two letters. */
          gsize length = strlen (g_strstrip (parts[i]));
          int day = length >= 2 ? sp_search_day_from_name (parts[i] + length - 2) : -1;

          if (day >= 0)
            document->days |= 1u << day;
        }
    }
}

static void
read_languages (SpSearchSource   *self,
                SpSearchDocument *document)
{
  while (sqlite3_step (self->languages) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (self->languages, 0);
      if (code != NULL && *code != '\0')
        g_ptr_array_add (document->languages, g_strdup (code));
    }
}

/**
 * sp_search_source_read:
 * @id: a service id
 *
 * Returns: (transfer full) (nullable): the service as the index sees it; %NULL without an
 *   error when the store has no such service (it was removed)
 */
SpSearchDocument *
sp_search_source_read (SpSearchSource *self,
                       const char     *id,
                       GError        **error)
{
  g_autoptr (SpSearchDocument) document = NULL;
  sqlite3_stmt *statements[] = { self->service, self->categories, self->places, self->languages,
                                 self->costs, self->schedules };
  int rc;

  for (gsize i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      sqlite3_reset (statements[i]);
      sqlite3_bind_text (statements[i], 1, id, -1, SQLITE_TRANSIENT);
    }

  rc = sqlite3_step (self->service);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      sp_store_set_error_from_db (self->store, rc, "reading a service to index", error);
      return NULL;
    }

  document = g_new0 (SpSearchDocument, 1);
  document->id = g_strdup (id);
  document->name = g_strdup ((const char *) sqlite3_column_text (self->service, 0));
  document->organization = g_strdup ((const char *) sqlite3_column_text (self->service, 1));
  document->description = g_strdup ((const char *) sqlite3_column_text (self->service, 2));
  document->minimum_age = sqlite3_column_type (self->service, 3) == SQLITE_NULL
                          ? -1 : sqlite3_column_int (self->service, 3);
  document->maximum_age = sqlite3_column_type (self->service, 4) == SQLITE_NULL
                          ? -1 : sqlite3_column_int (self->service, 4);
  document->categories = g_ptr_array_new_with_free_func (g_free);
  document->languages = g_ptr_array_new_with_free_func (g_free);
  document->points = g_array_new (FALSE, FALSE, sizeof (double));

  read_categories (self, document);
  read_places (self, document);
  read_languages (self, document);
  read_costs (self, document, (const char *) sqlite3_column_text (self->service, 5));
  read_days (self, document);

  for (gsize i = 0; i < G_N_ELEMENTS (statements); i++)
    sqlite3_reset (statements[i]);
  return g_steal_pointer (&document);
}
