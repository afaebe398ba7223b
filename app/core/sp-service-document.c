/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-service-document.c: one service read from the store as the flat document a search index needs.
 *
 * The search index never reads the store itself: this file turns a service with its
 * organisation, categories, locations, languages, costs and schedules into a flat
 * SpServiceDocument, and search/ turns that into Xapian terms and values. A document is
 * whole or not given: a read that fails part-way is an error, never a service indexed
 * without its categories or places.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sp-service-document.h"
#include "sp-store-statement.h"

/* The depth a category's ancestors are followed to: guards against a feed whose parents
 * form a loop. */
#define MAX_CATEGORY_DEPTH 16

struct _SpServiceDocumentReader
{
  SpStore *store;
  GHashTable *term_parent;  /* taxonomy term id -> parent id */
  GHashTable *term_name;    /* taxonomy term id -> name */
  SpStoreStatement *service;
  SpStoreStatement *categories;
  SpStoreStatement *places;
  SpStoreStatement *languages;
  SpStoreStatement *costs;
  SpStoreStatement *schedules;
  SpStoreStatement *description;
};

static const char * const day_names[SP_SERVICE_DOCUMENT_N_DAYS] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };

/* 0 for "MO" … 6 for "SU", as SpServiceDocument.days counts them; -1 for anything else. */
int
sp_service_document_day_from_name (const char *name)
{
  for (int i = 0; name != NULL && i < SP_SERVICE_DOCUMENT_N_DAYS; i++)
    if (g_ascii_strcasecmp (name, day_names[i]) == 0)
      return i;
  return -1;
}

void
sp_service_document_free (SpServiceDocument *document)
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
sp_service_document_reader_free (SpServiceDocumentReader *self)
{
  if (self == NULL)
    return;
  sp_store_statement_free (self->service);
  sp_store_statement_free (self->categories);
  sp_store_statement_free (self->places);
  sp_store_statement_free (self->languages);
  sp_store_statement_free (self->costs);
  sp_store_statement_free (self->schedules);
  sp_store_statement_free (self->description);
  g_clear_pointer (&self->term_parent, g_hash_table_unref);
  g_clear_pointer (&self->term_name, g_hash_table_unref);
  g_clear_object (&self->store);
  g_free (self);
}

/* The whole category tree, once: every document names its categories' ancestors. */
static gboolean
read_category_tree (SpServiceDocumentReader *self,
                    GError                 **error)
{
  g_autoptr (SpStoreStatement) terms = NULL;
  SpStoreStep step;

  terms = sp_store_statement_new (self->store, "SELECT id, parent_id, name FROM taxonomy_term",
                                  N_("reading the categories to index"), error);
  if (terms == NULL)
    return FALSE;
  while ((step = sp_store_statement_step (terms, error)) == SP_STORE_STEP_ROW)
    {
      const char *id = sp_store_statement_get_text (terms, 0);
      const char *parent = sp_store_statement_get_text (terms, 1);
      const char *name = sp_store_statement_get_text (terms, 2);

      if (parent != NULL)
        g_hash_table_insert (self->term_parent, g_strdup (id), g_strdup (parent));
      if (name != NULL)
        g_hash_table_insert (self->term_name, g_strdup (id), g_strdup (name));
    }
  return step == SP_STORE_STEP_DONE;
}

/*
 * sp_service_document_reader_new:
 *
 * Prepares to read services from @store for indexing: reads the category tree once and
 * compiles the reads of one service. The reader holds a reference on @store and is used
 * on the thread that uses @store. Each read is a statement of its own: the caller opens a
 * read transaction (sp_store_begin_read()) when the documents must come from one state of
 * the store.
 *
 * Returns: (transfer full): the reader, or %NULL with @error set when the store could not
 *   be read
 */
SpServiceDocumentReader *
sp_service_document_reader_new (SpStore *store,
                                GError **error)
{
  g_autoptr (SpServiceDocumentReader) self = g_new0 (SpServiceDocumentReader, 1);

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  self->store = g_object_ref (store);
  self->term_parent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->term_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (!read_category_tree (self, error))
    return NULL;

#define PREPARE(field, sql) \
  if ((self->field = sp_store_statement_new (store, sql, N_("reading a service to index"), error)) == NULL) \
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
  PREPARE (description, "SELECT description FROM service WHERE id = ?1");
#undef PREPARE
  return g_steal_pointer (&self);
}

/*
 * sp_service_document_read_description:
 * @description: (out) (transfer full) (nullable): the description; %NULL when the
 *   service has none or is not in the store
 *
 * The service's description as an index reads it, for a result's snippet: the index
 * does not hold it (it would be most of the index's size). Reads in one statement.
 *
 * Returns: %FALSE with @error set when the store could not be read
 */
gboolean
sp_service_document_read_description (SpServiceDocumentReader *self,
                                      const char              *id,
                                      char                   **description,
                                      GError                 **error)
{
  SpStoreStep step;

  g_return_val_if_fail (self != NULL && id != NULL && description != NULL, FALSE);

  *description = NULL;
  sp_store_statement_reset (self->description);
  sp_store_statement_bind_text (self->description, 1, id);
  step = sp_store_statement_step (self->description, error);
  if (step == SP_STORE_STEP_ROW)
    *description = sp_store_statement_dup_text (self->description, 0);
  sp_store_statement_reset (self->description);
  return step != SP_STORE_STEP_ERROR;
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

/* Each category and its ancestors: a search in "Memory" finds "Memory cafés". */
static gboolean
read_categories (SpServiceDocumentReader *self,
                 SpServiceDocument       *document,
                 GError                 **error)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  SpStoreStep step;

  while ((step = sp_store_statement_step (self->categories, error)) == SP_STORE_STEP_ROW)
    {
      const char *term = sp_store_statement_get_text (self->categories, 0);

      for (int depth = 0; term != NULL && depth < MAX_CATEGORY_DEPTH; depth++)
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
  return step == SP_STORE_STEP_DONE;
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

static gboolean
read_places (SpServiceDocumentReader *self,
             SpServiceDocument       *document,
             GError                 **error)
{
  g_autoptr (GString) text = g_string_new (NULL);
  SpStoreStatement *places = self->places;
  SpStoreStep step;

  while ((step = sp_store_statement_step (places, error)) == SP_STORE_STEP_ROW)
    {
      for (int column = 0; column < 5; column++)
        append_text (text, sp_store_statement_get_text (places, column));
      if (!sp_store_statement_is_null (places, 5) && !sp_store_statement_is_null (places, 6))
        {
          double point[2] = { sp_store_statement_get_double (places, 5),
                              sp_store_statement_get_double (places, 6) };
          g_array_append_vals (document->points, point, 2);
        }
      if (mentions_wheelchair_access (sp_store_statement_get_text (places, 7)))
        document->wheelchair = TRUE;
    }
  document->places_text = g_string_free (g_steal_pointer (&text), FALSE);
  return step == SP_STORE_STEP_DONE;
}

/* Free when every cost option says so (free, or nothing to pay), else when the fees'
 * description does. */
static gboolean
read_costs (SpServiceDocumentReader *self,
            SpServiceDocument       *document,
            const char              *fees_description,
            GError                 **error)
{
  gboolean any = FALSE;
  gboolean all_free = TRUE;
  SpStoreStep step;

  while ((step = sp_store_statement_step (self->costs, error)) == SP_STORE_STEP_ROW)
    {
      const char *option = sp_store_statement_get_text (self->costs, 0);
      gboolean says_free = option != NULL && g_ascii_strncasecmp (option, "free", 4) == 0;
      gboolean zero = !sp_store_statement_is_null (self->costs, 1) &&
                      sp_store_statement_get_double (self->costs, 1) == 0.0;

      any = TRUE;
      if (!says_free && !zero)
        all_free = FALSE;
    }
  if (step == SP_STORE_STEP_ERROR)
    return FALSE;
  if (any)
    document->free = all_free;
  else if (fees_description != NULL)
    {
      g_autofree char *lower = g_utf8_strdown (fees_description, -1);
      document->free = g_str_has_prefix (lower, "free") || strstr (lower, "no charge") != NULL;
    }
  return TRUE;
}

static gboolean
read_days (SpServiceDocumentReader *self,
           SpServiceDocument       *document,
           GError                 **error)
{
  SpStoreStep step;

  while ((step = sp_store_statement_step (self->schedules, error)) == SP_STORE_STEP_ROW)
    {
      const char *byday = sp_store_statement_get_text (self->schedules, 0);
      g_auto (GStrv) parts = byday != NULL ? g_strsplit (byday, ",", -1) : NULL;

      for (guint i = 0; parts != NULL && parts[i] != NULL; i++)
        {
          /* "TU", "2TU", "-1FR": the day is the last two letters. */
          gsize length = strlen (g_strstrip (parts[i]));
          int day = length >= 2 ? sp_service_document_day_from_name (parts[i] + length - 2) : -1;

          if (day >= 0)
            document->days |= 1u << day;
        }
    }
  return step == SP_STORE_STEP_DONE;
}

static gboolean
read_languages (SpServiceDocumentReader *self,
                SpServiceDocument       *document,
                GError                 **error)
{
  SpStoreStep step;

  while ((step = sp_store_statement_step (self->languages, error)) == SP_STORE_STEP_ROW)
    {
      const char *code = sp_store_statement_get_text (self->languages, 0);
      if (code != NULL && *code != '\0')
        g_ptr_array_add (document->languages, g_strdup (code));
    }
  return step == SP_STORE_STEP_DONE;
}

/* A document holding the service row @service is on; the lists are filled after. */
static SpServiceDocument *
document_from_service_row (SpStoreStatement *service,
                           const char       *id)
{
  SpServiceDocument *document = g_new0 (SpServiceDocument, 1);

  document->id = g_strdup (id);
  document->name = sp_store_statement_dup_text (service, 0);
  document->organization = sp_store_statement_dup_text (service, 1);
  document->description = sp_store_statement_dup_text (service, 2);
  document->minimum_age = sp_store_statement_is_null (service, 3)
                          ? -1 : (int) sp_store_statement_get_int64 (service, 3);
  document->maximum_age = sp_store_statement_is_null (service, 4)
                          ? -1 : (int) sp_store_statement_get_int64 (service, 4);
  document->categories = g_ptr_array_new_with_free_func (g_free);
  document->languages = g_ptr_array_new_with_free_func (g_free);
  document->points = g_array_new (FALSE, FALSE, sizeof (double));
  return document;
}

/*
 * sp_service_document_read:
 * @id: a service id
 * @document: (out) (transfer full) (nullable): the service as an index sees it, or %NULL
 *   when the store has no such service (it was removed)
 *
 * Reads one service whole: its row, categories, places, languages, costs and the days it
 * meets, each in a statement of its own (see sp_service_document_reader_new() for
 * transactions). Changes nothing.
 *
 * Returns: %TRUE when @document was set (to a service, or to %NULL for none); %FALSE with
 *   @error set when any part of it could not be read, in which case @document is %NULL:
 *   a failed read is never a removed service, nor a service without some of its parts
 */
gboolean
sp_service_document_read (SpServiceDocumentReader  *self,
                          const char               *id,
                          SpServiceDocument       **document,
                          GError                  **error)
{
  g_autoptr (SpServiceDocument) read = NULL;
  SpStoreStatement *statements[] = { self->service, self->categories, self->places, self->languages,
                                     self->costs, self->schedules };
  gboolean ok;

  g_return_val_if_fail (self != NULL && id != NULL && document != NULL, FALSE);

  *document = NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      sp_store_statement_reset (statements[i]);
      sp_store_statement_bind_text (statements[i], 1, id);
    }

  switch (sp_store_statement_step (self->service, error))
    {
    case SP_STORE_STEP_ROW:
      break;
    case SP_STORE_STEP_DONE:
      return TRUE;
    case SP_STORE_STEP_ERROR:
    default:
      return FALSE;
    }
  read = document_from_service_row (self->service, id);
  ok = read_categories (self, read, error) &&
       read_places (self, read, error) &&
       read_languages (self, read, error) &&
       read_costs (self, read, sp_store_statement_get_text (self->service, 5), error) &&
       read_days (self, read, error);

  /* The statements bound @id without copying it. */
  for (gsize i = 0; i < G_N_ELEMENTS (statements); i++)
    sp_store_statement_reset (statements[i]);
  if (!ok)
    return FALSE;
  *document = g_steal_pointer (&read);
  return TRUE;
}
