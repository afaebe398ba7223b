/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-search-document.c: how the index reads a service document and the store's state.
 *
 * The index never reads SQLite itself: app/core reads a service into a flat
 * SpServiceDocument (sp-service-document.h), and the C++ side turns that into Xapian terms
 * and values, with the text folded here.
 */
#include "config.h"

#include <string.h>

#include "sp-search-document.h"

/* 0 for "MO" … 6 for "SU", as SpServiceDocument.days and SpSearchQuery.day count them; -1
 * for anything else. */
int
sp_search_day_from_name (const char *name)
{
  return sp_service_document_day_from_name (name);
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

/**
 * sp_search_store_stamp:
 *
 * A short text that changes whenever the services in the store may have changed: the
 * number of the store's last change (sp_store_record_change()), which every way of
 * changing the directory takes. The index keeps the stamp it was built from, and is
 * brought up to date when they differ.
 */
char *
sp_search_store_stamp (SpStore *store)
{
  gint64 seq = 0;

  if (!sp_store_get_change_seq (store, &seq, NULL))
    return g_strdup ("");
  return g_strdup_printf ("change %" G_GINT64_FORMAT, seq);
}
