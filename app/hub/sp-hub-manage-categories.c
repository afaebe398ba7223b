/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-manage-categories.c: a service's categories on the edit form, as check boxes under each top-level topic.
 *
 * A service's categories are its attributes that name a taxonomy term. The form shows one
 * check box a term, named "category-" and the term's id, grouped in a fieldset under the
 * top-level topic it is under. Sending the form keeps the attributes of the terms still
 * ticked as they were, adds one for each term newly ticked and drops the rest; an
 * attribute of a term the form does not show (one without a name) is kept. A term id the
 * directory's taxonomy does not have is refused beside the field.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sp-category-names.h"
#include "sp-category.h"
#include "sp-hub-manage-private.h"

#define CATEGORY_PREFIX "category-"

/**
 * sp_hub_manage_categories_list:
 *
 * Returns: (transfer full) (element-type SpCategory): every term the form offers, or
 *   %NULL with @error set when the store could not be read
 */
GPtrArray *
sp_hub_manage_categories_list (SpListings *listings,
                               GError    **error)
{
  return sp_category_list_terms (sp_directory_get_store (sp_listings_get_directory (listings)), error);
}

static JsonArray *
attributes_of (JsonObject *service)
{
  JsonNode *node = json_object_get_member (service, "attributes");

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static const char *
term_id_of (JsonObject *attribute)
{
  return json_object_get_string_member_with_default (attribute, "taxonomy_term_id", NULL);
}

/* Adds "category-ID" = "yes" to @form for each term @service has. */
void
sp_hub_manage_categories_to_form (JsonObject *service,
                                  GHashTable *form)
{
  JsonArray *attributes = attributes_of (service);

  for (guint i = 0; attributes != NULL && i < json_array_get_length (attributes); i++)
    {
      JsonNode *node = json_array_get_element (attributes, i);
      const char *id = JSON_NODE_HOLDS_OBJECT (node) ? term_id_of (json_node_get_object (node)) : NULL;

      if (id != NULL)
        g_hash_table_insert (form, g_strconcat (CATEGORY_PREFIX, id, NULL), g_strdup ("yes"));
    }
}

static SpCategory *
find_term (GPtrArray  *terms,
           const char *id)
{
  for (guint i = 0; terms != NULL && i < terms->len; i++)
    if (g_str_equal (((SpCategory *) terms->pdata[i])->id, id))
      return terms->pdata[i];
  return NULL;
}

/* The term ids ticked in @form, or NULL after adding a problem for one @terms lacks. */
static GHashTable *
ticked_terms (GHashTable *form,
              GPtrArray  *terms,
              GPtrArray  *problems)
{
  g_autoptr (GHashTable) ticked = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, form);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *id = (const char *) key + strlen (CATEGORY_PREFIX);

      if (!g_str_has_prefix (key, CATEGORY_PREFIX))
        continue;
      if (find_term (terms, id) == NULL)
        {
          sp_hub_manage_add_problem (problems, "categories",
                                     _("One of the categories chosen is not in the directory. Choose from the list."));
          return NULL;
        }
      g_hash_table_add (ticked, (gpointer) id);
    }
  return g_steal_pointer (&ticked);
}

/* The categories ticked in @form into @service's attributes (see the top of the file). */
void
sp_hub_manage_categories_apply (JsonObject *service,
                                GHashTable *form,
                                GPtrArray  *terms,
                                GPtrArray  *problems)
{
  JsonArray *old = attributes_of (service);
  g_autoptr (GHashTable) ticked = ticked_terms (form, terms, problems);
  g_autoptr (JsonArray) attributes = json_array_new ();
  const char *service_id = json_object_get_string_member_with_default (service, "id", NULL);

  if (ticked == NULL)
    return;
  for (guint i = 0; old != NULL && i < json_array_get_length (old); i++)
    {
      JsonNode *node = json_array_get_element (old, i);
      const char *id = JSON_NODE_HOLDS_OBJECT (node) ? term_id_of (json_node_get_object (node)) : NULL;

      /* A term the form does not show is not the form's to drop. */
      if (id == NULL || find_term (terms, id) == NULL || g_hash_table_remove (ticked, id))
        json_array_add_element (attributes, json_node_copy (node));
    }
  for (guint i = 0; terms != NULL && i < terms->len; i++)
    {
      SpCategory *term = terms->pdata[i];
      JsonObject *attribute;
      g_autofree char *id = NULL;

      if (!g_hash_table_contains (ticked, term->id))
        continue;
      attribute = json_object_new ();
      id = g_uuid_string_random ();
      json_object_set_string_member (attribute, "id", id);
      if (service_id != NULL)
        json_object_set_string_member (attribute, "link_id", service_id);
      json_object_set_string_member (attribute, "link_type", "service");
      json_object_set_string_member (attribute, "link_entity", "service");
      json_object_set_string_member (attribute, "taxonomy_term_id", term->id);
      json_array_add_object_element (attributes, attribute);
    }
  if (json_array_get_length (attributes) == 0)
    json_object_remove_member (service, "attributes");
  else
    json_object_set_array_member (service, "attributes", g_steal_pointer (&attributes));
}

static void
append_check_box (SpHubManagePage *page,
                  SpCategory      *term,
                  gboolean         whole_topic,
                  GHashTable      *values)
{
  const char *label = sp_category_display_name (term->code, term->name);
  g_autofree char *whole = NULL;
  g_autofree char *name = g_strconcat (CATEGORY_PREFIX, term->id, NULL);

  g_string_append (page->html, "<div class=\"field checkbox\">\n<input type=\"checkbox\" id=\"");
  sp_hub_manage_append_escaped (page, name);
  g_string_append (page->html, "\" name=\"");
  sp_hub_manage_append_escaped (page, name);
  g_string_append (page->html, "\" value=\"yes\"");
  if (values != NULL && g_hash_table_contains (values, name))
    g_string_append (page->html, " checked");
  g_string_append (page->html, ">\n<label for=\"");
  sp_hub_manage_append_escaped (page, name);
  g_string_append (page->html, "\">");
  /* The topic's own box must not read the same as the legend above it. */
  if (whole_topic)
    /* TRANSLATORS: a check box first under a topic's heading; %s is the topic ("Memory
     * and dementia"): the service belongs to the topic without a narrower category */
    label = whole = g_strdup_printf (_("%s, in general"), label);
  sp_hub_manage_append_escaped (page, label);
  g_string_append (page->html, "</label>\n</div>\n");
}

static int
compare_display_names (gconstpointer a,
                       gconstpointer b)
{
  const SpCategory *x = *(SpCategory *const *) a;
  const SpCategory *y = *(SpCategory *const *) b;

  return g_utf8_collate (sp_category_display_name (x->code, x->name), sp_category_display_name (y->code, y->name));
}

/* The categories: a fieldset for each top-level topic, its own check box first, then its
 * terms', each in the order of their names as shown (translated names included). */
void
sp_hub_manage_categories_append (SpHubManagePage *page,
                                 GPtrArray       *terms,
                                 GHashTable      *values,
                                 GPtrArray       *problems)
{
  const char *problem = NULL;
  g_autoptr (GPtrArray) sorted = NULL;

  if (terms == NULL || terms->len == 0)
    return;
  sorted = g_ptr_array_copy (terms, NULL, NULL);
  g_ptr_array_set_free_func (sorted, NULL); /* the copy borrows @terms' elements */
  g_ptr_array_sort (sorted, compare_display_names);
  terms = sorted;
  for (guint i = 0; problems != NULL && i < problems->len && problem == NULL; i++)
    if (g_str_equal (((SpHubManageProblem *) problems->pdata[i])->field, "categories"))
      problem = ((SpHubManageProblem *) problems->pdata[i])->message;
  g_string_append_printf (page->html, "<h2>%s</h2>\n<div class=\"field%s\" id=\"categories\">\n", _("Categories"),
                          problem != NULL ? " field-error" : "");
  if (problem != NULL)
    {
      g_string_append_printf (page->html, "<p class=\"error-message\" id=\"categories-error\">"
                                          "<span class=\"visually-hidden\">%s</span> ", _("Error:"));
      sp_hub_manage_append_escaped (page, problem);
      g_string_append (page->html, "</p>\n");
    }
  for (guint i = 0; i < terms->len; i++)
    {
      SpCategory *top = terms->pdata[i];

      if (!g_str_equal (top->id, top->top_id))
        continue;
      g_string_append (page->html, "<fieldset class=\"categories\">\n<legend>");
      sp_hub_manage_append_escaped (page, sp_category_display_name (top->code, top->name));
      g_string_append (page->html, "</legend>\n");
      append_check_box (page, top, TRUE, values);
      for (guint j = 0; j < terms->len; j++)
        {
          SpCategory *term = terms->pdata[j];

          if (g_str_equal (term->top_id, top->id) && !g_str_equal (term->id, top->id))
            append_check_box (page, term, FALSE, values);
        }
      g_string_append (page->html, "</fieldset>\n");
    }
  g_string_append (page->html, "</div>\n");
}

/* The names of the categories of the service in @json, term id -> name (the taxonomy's
 * name for it, else the document's, else its id). */
static GHashTable *
category_names (GPtrArray  *terms,
                const char *json)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonArray *attributes;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return names;
  attributes = attributes_of (json_node_get_object (json_parser_get_root (parser)));
  for (guint i = 0; attributes != NULL && i < json_array_get_length (attributes); i++)
    {
      JsonNode *node = json_array_get_element (attributes, i);
      JsonObject *attribute = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *id = attribute != NULL ? term_id_of (attribute) : NULL;
      SpCategory *term = id != NULL ? find_term (terms, id) : NULL;
      JsonObject *own = attribute != NULL && json_object_has_member (attribute, "taxonomy_term") &&
                                JSON_NODE_HOLDS_OBJECT (json_object_get_member (attribute, "taxonomy_term"))
                            ? json_object_get_object_member (attribute, "taxonomy_term") : NULL;
      const char *name = term != NULL ? sp_category_display_name (term->code, term->name)
                                      : json_object_get_string_member_with_default (own != NULL ? own : attribute, "name", id);

      if (id != NULL)
        g_hash_table_insert (names, g_strdup (id), g_strdup (name));
    }
  return names;
}

static void
append_category_row (SpHubManagePage *page,
                     const char      *before,
                     const char      *after)
{
  g_string_append_printf (page->html, "<tr>\n<th scope=\"row\">%s</th>\n<td><span class=\"visually-hidden\">%s: </span>",
                          _("Category"), _("Before"));
  if (before != NULL)
    {
      g_string_append (page->html, "<del>");
      sp_hub_manage_append_escaped (page, before);
      g_string_append (page->html, "</del>");
    }
  g_string_append_printf (page->html, "</td>\n<td><span class=\"visually-hidden\">%s: </span>", _("After"));
  if (after != NULL)
    {
      g_string_append (page->html, "<ins>");
      sp_hub_manage_append_escaped (page, after);
      g_string_append (page->html, "</ins>");
    }
  g_string_append (page->html, "</td>\n</tr>\n");
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(const char *const *) a, *(const char *const *) b);
}

/* The names in @names whose ids @other lacks, in alphabetical order. */
static GPtrArray *
names_not_in (GHashTable *names,
              GHashTable *other)
{
  GPtrArray *only = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer id, name;

  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, &id, &name))
    if (!g_hash_table_contains (other, id))
      g_ptr_array_add (only, name);
  g_ptr_array_sort (only, compare_strings);
  return only;
}

/* Rows of a difference's table: each category removed (before), then each added (after),
 * by name in alphabetical order. */
void
sp_hub_manage_categories_append_difference (SpHubManagePage *page,
                                            GPtrArray       *terms,
                                            const char      *before_json,
                                            const char      *after_json)
{
  g_autoptr (GHashTable) before = category_names (terms, before_json);
  g_autoptr (GHashTable) after = category_names (terms, after_json);
  g_autoptr (GPtrArray) removed = names_not_in (before, after);
  g_autoptr (GPtrArray) added = names_not_in (after, before);

  for (guint i = 0; i < removed->len; i++)
    append_category_row (page, removed->pdata[i], NULL);
  for (guint i = 0; i < added->len; i++)
    append_category_row (page, NULL, added->pdata[i]);
}
