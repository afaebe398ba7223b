/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-search-thesaurus.c: groups of words people use for the same need, for search.
 *
 * Signpost ships data/synonyms.txt (built into the program); a directory editor may put an
 * edited copy named synonyms.txt in the data folder, which then wins. One group per line,
 * members separated by " ~ ", "#" starts a comment line.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include <gio/gio.h>

#include "sp-search-thesaurus.h"

#define BUILT_IN "/org/signpost/search/synonyms.txt"

void
sp_search_thesaurus_free (SpSearchThesaurus *thesaurus)
{
  if (thesaurus == NULL)
    return;
  g_ptr_array_unref (thesaurus->groups);
  g_free (thesaurus->checksum);
  g_free (thesaurus->source);
  g_free (thesaurus);
}

/**
 * sp_search_thesaurus_parse:
 * @source: where @text came from, for messages
 *
 * Returns: (transfer full): the groups, or %NULL with @error set naming the line at fault
 */
SpSearchThesaurus *
sp_search_thesaurus_parse (const char *text,
                           gsize       length,
                           const char *source,
                           GError    **error)
{
  g_autoptr (SpSearchThesaurus) thesaurus = g_new0 (SpSearchThesaurus, 1);
  g_autofree char *copy = NULL;
  g_auto (GStrv) lines = NULL;

  if (!g_utf8_validate_len (text, length, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The thesaurus %s is not UTF-8 text. Save it as UTF-8."), source);
      return NULL;
    }
  copy = g_strndup (text, length);
  lines = g_strsplit (copy, "\n", -1);
  thesaurus->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  thesaurus->checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text, length);
  thesaurus->source = g_strdup (source);

  for (guint n = 0; lines[n] != NULL; n++)
    {
      char *line = g_strstrip (lines[n]);
      g_auto (GStrv) members = NULL;
      g_autoptr (GPtrArray) group = NULL;

      if (*line == '\0' || *line == '#')
        continue;
      members = g_strsplit (line, "~", -1);
      group = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; members[i] != NULL; i++)
        {
          g_autofree char *lower = g_utf8_strdown (g_strstrip (members[i]), -1);
          if (*lower != '\0')
            g_ptr_array_add (group, g_steal_pointer (&lower));
        }
      if (group->len < 2)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The thesaurus %s, line %u, has only one word; a group needs two or "
                         "more, separated by “ ~ ”."),
                       source, n + 1);
          return NULL;
        }
      g_ptr_array_add (thesaurus->groups, g_steal_pointer (&group));
    }
  return g_steal_pointer (&thesaurus);
}

/* Where a directory editor's own thesaurus goes: synonyms.txt beside the store. */
char *
sp_search_thesaurus_path_for_store (SpStore *store)
{
  g_autofree char *dir = g_path_get_dirname (sp_store_get_path (store));
  return g_build_filename (dir, "synonyms.txt", NULL);
}

/**
 * sp_search_thesaurus_load:
 *
 * The editor's thesaurus from the data folder if there is one, else the built-in one.
 */
SpSearchThesaurus *
sp_search_thesaurus_load (SpStore *store,
                          GError **error)
{
  g_autofree char *edited = sp_search_thesaurus_path_for_store (store);
  g_autofree char *text = NULL;
  g_autoptr (GBytes) built_in = NULL;
  gsize length;

  if (g_file_get_contents (edited, &text, &length, NULL))
    return sp_search_thesaurus_parse (text, length, edited, error);

  built_in = g_resources_lookup_data (BUILT_IN, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (built_in == NULL)
    return NULL;
  return sp_search_thesaurus_parse (g_bytes_get_data (built_in, NULL), g_bytes_get_size (built_in),
                                    BUILT_IN, error);
}
