/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-search-facets.cc: counting a query's matches per category, for "Memory (4)".
 *
 * Reading a match's categories from the index costs a B-tree lookup each, and a query
 * counts up to a thousand matches on every keystroke. So the reader keeps every service's
 * categories in memory, read once in document order (a fast sequential pass over one value
 * slot) and patched when this process updates a few services; another writer's change
 * shows as a new revision and the table is read again.
 */
#include "config.h"

#include "sp-search-index-private.hh"

namespace sp_search {

namespace {

/* More distinct category terms than this are not counted: no directory has so many. */
constexpr size_t MAX_CACHED_CATEGORIES = 65535;

} /* namespace */

guint16
CategoryTable::index_for (const std::string &id)
{
  auto found = index_of.find (id);
  if (found != index_of.end ())
    return found->second;
  if (names.size () >= MAX_CACHED_CATEGORIES)
    return G_MAXUINT16;
  index_of.emplace (id, (guint16) names.size ());
  names.push_back (id);
  return (guint16) (names.size () - 1);
}

void
CategoryTable::set (Xapian::docid did, const std::string &value)
{
  if (did >= of_document.size ())
    of_document.resize (did + 1);
  std::vector<guint16> &indices = of_document[did];
  size_t start = 0;

  indices.clear ();
  while (start < value.size ())
    {
      size_t end = value.find ('\x1f', start);
      if (end == std::string::npos)
        end = value.size ();
      indices.push_back (index_for (value.substr (start, end - start)));
      start = end + 1;
    }
}

/* Makes the table match @db as it is now. */
void
CategoryTable::refresh (const Xapian::Database &db)
{
  Xapian::rev now = db.get_revision ();
  if (valid && now == revision)
    return;
  of_document.assign (db.get_lastdocid () + 1, {});
  for (Xapian::ValueIterator v = db.valuestream_begin (SLOT_CATEGORIES); v != db.valuestream_end (SLOT_CATEGORIES); ++v)
    set (v.get_docid (), *v);
  revision = now;
  valid = true;
}

/* After this process changed @ids and moved @db from revision @before to the next: the
 * table follows by reading just those services, if it was current before. */
void
CategoryTable::patch (const Xapian::Database &db, Xapian::rev before, const char * const *ids)
{
  if (!valid || revision != before || db.get_revision () != before + 1)
    {
      valid = false;
      return;
    }
  for (gsize i = 0; ids[i] != nullptr; i++)
    {
      std::string id_term = std::string ("Q") + ids[i];
      Xapian::PostingIterator p = db.postlist_begin (id_term);
      if (p != db.postlist_end (id_term))
        set (*p, db.get_document (*p).get_value (SLOT_CATEGORIES));
    }
  revision = db.get_revision ();
}

CategorySpy::CategorySpy (const CategoryTable &category_table, Xapian::doccount sample_size)
  : table (category_table), sample (sample_size), counts (category_table.names.size (), 0)
{
}

void
CategorySpy::operator() (const Xapian::Document &doc, double)
{
  /* Xapian also shows the spy the matches that tie with the last result; beyond the
   * sample they only cost time. */
  if (seen >= sample)
    return;
  seen++;
  Xapian::docid did = doc.get_docid ();
  if (did >= table.of_document.size ())
    return;
  for (guint16 index : table.of_document[did])
    if (index < counts.size ())
      counts[index]++;
}

/* The counts by category term id, scaled to @total when only a sample was seen. */
GHashTable *
CategorySpy::counts_scaled_to (guint total) const
{
  GHashTable *by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, nullptr);
  double scale = seen > 0 && total > seen ? (double) total / seen : 1.0;

  for (size_t i = 0; i < counts.size (); i++)
    if (counts[i] > 0)
      g_hash_table_insert (by_id, g_strdup (table.names[i].c_str ()),
                           GUINT_TO_POINTER ((guint) (counts[i] * scale + 0.5)));
  return by_id;
}

} /* namespace sp_search */
