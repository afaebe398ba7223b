/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-search-stem.cc: an English stemmer that remembers, for building the index.
 *
 * A directory's descriptions use a few thousand words over and over, and stemming each
 * occurrence afresh was a seventh of a full build. This stemmer keeps every word's stem
 * once worked out. One per thread, like any Xapian::Stem being used to index.
 */
#include "config.h"

#include <unordered_map>

#include "sp-search-index-private.hh"

namespace {

/* Far more than any directory's vocabulary; beyond it, something is feeding nonsense. */
constexpr size_t MAX_REMEMBERED = 200000;

class RememberingStemmer : public Xapian::StemImplementation
{
public:
  std::string
  operator() (const std::string &word) override
  {
    auto known = stems.find (word);
    if (known != stems.end ())
      return known->second;
    if (stems.size () >= MAX_REMEMBERED)
      stems.clear ();
    return stems.emplace (word, english (word)).first->second;
  }

  std::string
  get_description () const override
  {
    return "Signpost remembering " + english.get_description ();
  }

private:
  Xapian::Stem english{"english"};
  std::unordered_map<std::string, std::string> stems;
};

} /* namespace */

namespace sp_search {

Xapian::Stem
make_indexing_stemmer (void)
{
  return Xapian::Stem (new RememberingStemmer ());
}

} /* namespace sp_search */
