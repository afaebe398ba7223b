/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-category-names.c: Signpost's own topics, named in the language in use.
 *
 * A directory names its topics itself (taxonomy_term.name); they are data, not strings in
 * the program, so gettext never sees them. Signpost's own topic list (the
 * "signpost-categories" taxonomy the sample directory and the tiles' icons use) is known,
 * though: its names are in the catalogue here, and shown translated while the directory
 * still calls a topic by its usual English name. A topic an editor renamed, or another
 * directory's taxonomy, is shown as the directory names it.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-category-names.h"

static const struct
{
  const char *code;
  const char *name;
} known[] = {
  { "active", NC_("category", "Getting active") },
  { "advice", NC_("category", "Advice & rights") },
  { "bereavement", NC_("category", "Bereavement") },
  { "carers", NC_("category", "Carers") },
  { "digital", NC_("category", "Digital skills") },
  { "falls", NC_("category", "Falls prevention") },
  { "food", NC_("category", "Food") },
  { "friendship", NC_("category", "Loneliness & friendship") },
  { "housing", NC_("category", "Housing & home") },
  { "memory", NC_("category", "Memory & dementia") },
  { "money", NC_("category", "Money & benefits") },
  { "senses", NC_("category", "Sight & hearing") },
  { "transport", NC_("category", "Transport") },
  { "wellbeing", NC_("category", "Mental wellbeing") },
};

/**
 * sp_category_display_name:
 * @code: (nullable): the topic's code, such as "memory"
 * @name: the directory's name for it
 *
 * Returns: (transfer none): @name in the language in use when it is one of Signpost's own
 *   topics under its usual name, else @name itself
 */
const char *
sp_category_display_name (const char *code,
                          const char *name)
{
  if (code == NULL || name == NULL)
    return name;
  for (gsize i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_str_equal (code, known[i].code) && g_str_equal (name, known[i].name))
      return g_dpgettext2 (GETTEXT_PACKAGE, "category", known[i].name);
  return name;
}
