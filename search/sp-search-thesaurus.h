/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-search-thesaurus.h: groups of words people use for the same need, for search. */
#pragma once

#include "sp-store.h"

G_BEGIN_DECLS

typedef struct
{
  GPtrArray *groups;   /* (element-type GPtrArray of utf8) lower-case words and phrases */
  char *checksum;      /* of the text, so an edited thesaurus rebuilds the index */
  char *source;        /* the file it came from, or the built-in resource path */
} SpSearchThesaurus;

SpSearchThesaurus *sp_search_thesaurus_parse (const char        *text,
                                              gsize              length,
                                              const char        *source,
                                              GError           **error);
SpSearchThesaurus *sp_search_thesaurus_load  (SpStore           *store,
                                              GError           **error);
char              *sp_search_thesaurus_path_for_store (SpStore  *store);
void               sp_search_thesaurus_free  (SpSearchThesaurus *thesaurus);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpSearchThesaurus, sp_search_thesaurus_free)

G_END_DECLS
