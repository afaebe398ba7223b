/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-category.c: the directory's topics, the top of its taxonomy, for browsing. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sp-category.h"
#include "sp-store-statement.h"

void
sp_category_free (SpCategory *category)
{
  if (category == NULL)
    return;
  g_free (category->id);
  g_free (category->code);
  g_free (category->name);
  g_free (category->top_id);
  g_free (category);
}

/**
 * sp_category_list_top_level:
 *
 * The terms at the top of the directory's taxonomy that have a name, by name: the topics
 * a person browses by. Reads in one statement (so one state of the store) and changes
 * nothing.
 *
 * Returns: (transfer full) (element-type SpCategory): the topics, or %NULL with @error
 *   set when the store could not be read (never a list cut short)
 */
GPtrArray *
sp_category_list_top_level (SpStore *store,
                            GError **error)
{
  g_autoptr (SpStoreStatement) stmt = NULL;
  g_autoptr (GPtrArray) categories = NULL;
  SpStoreStep step;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  stmt = sp_store_statement_new (store,
                                 "SELECT id, code, name FROM taxonomy_term"
                                 " WHERE parent_id IS NULL AND name IS NOT NULL ORDER BY name",
                                 N_("reading its topics"), error);
  if (stmt == NULL)
    return NULL;
  categories = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_category_free);
  while ((step = sp_store_statement_step (stmt, error)) == SP_STORE_STEP_ROW)
    {
      SpCategory *category = g_new0 (SpCategory, 1);

      category->id = sp_store_statement_dup_text (stmt, 0);
      category->code = sp_store_statement_dup_text (stmt, 1);
      category->name = sp_store_statement_dup_text (stmt, 2);
      g_ptr_array_add (categories, category);
    }
  if (step == SP_STORE_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&categories);
}

/**
 * sp_category_list_terms:
 *
 * Every named term of the directory's taxonomy with the top-level topic it is under
 * (#SpCategory.top_id), the top-level ones first, then by name: the categories a group
 * can give its service. A term whose parents do not reach a top-level one is left out.
 * Reads in one statement and changes nothing.
 *
 * Returns: (transfer full) (element-type SpCategory): the terms, or %NULL with @error set
 */
GPtrArray *
sp_category_list_terms (SpStore *store,
                        GError **error)
{
  g_autoptr (SpStoreStatement) stmt = NULL;
  g_autoptr (GPtrArray) terms = NULL;
  SpStoreStep step;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  stmt = sp_store_statement_new (store,
                                 "WITH RECURSIVE under (id, top_id, depth) AS ("
                                 " SELECT id, id, 0 FROM taxonomy_term WHERE parent_id IS NULL"
                                 " UNION SELECT t.id, u.top_id, u.depth + 1 FROM taxonomy_term t"
                                 " JOIN under u ON t.parent_id = u.id WHERE u.depth < 16)"
                                 " SELECT t.id, t.code, t.name, u.top_id FROM taxonomy_term t JOIN under u ON u.id = t.id"
                                 " WHERE t.name IS NOT NULL GROUP BY t.id ORDER BY u.depth > 0, t.name, t.id",
                                 N_("reading its categories"), error);
  if (stmt == NULL)
    return NULL;
  terms = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_category_free);
  while ((step = sp_store_statement_step (stmt, error)) == SP_STORE_STEP_ROW)
    {
      SpCategory *term = g_new0 (SpCategory, 1);

      term->id = sp_store_statement_dup_text (stmt, 0);
      term->code = sp_store_statement_dup_text (stmt, 1);
      term->name = sp_store_statement_dup_text (stmt, 2);
      term->top_id = sp_store_statement_dup_text (stmt, 3);
      g_ptr_array_add (terms, term);
    }
  if (step == SP_STORE_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&terms);
}
