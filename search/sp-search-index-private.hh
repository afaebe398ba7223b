/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-search-index-private.hh: what the C++ files of the search index share. */
#pragma once

#include <iterator>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "sp-search-index.h"

namespace sp_search {

constexpr Xapian::valueno SLOT_SORT_NAME = 0;
constexpr Xapian::valueno SLOT_LOCATIONS = 1;
constexpr Xapian::valueno SLOT_CATEGORIES = 2;   /* term ids separated by \x1f, for facets */
constexpr Xapian::valueno SLOT_MINIMUM_AGE = 3;  /* sortable_serialise; 0 when the feed gives none */
constexpr Xapian::valueno SLOT_MAXIMUM_AGE = 4;  /* sortable_serialise; 200 when the feed gives none */
constexpr const char *DAY_NAMES[] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };

/* Words that carry no meaning in a search ("my mum keeps forgetting things" is about
 * "mum" and "forgetting"). */
constexpr const char *STOP_WORDS[] = {
  "a", "about", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by", "can",
  "cant", "can't", "could", "do", "does", "for", "from", "get", "got", "has", "have", "he",
  "her", "him", "his", "how", "i", "i'm", "im", "in", "is", "it", "its", "keeps", "me", "my",
  "near", "need", "of", "on", "or", "our", "she", "so", "some", "someone", "something",
  "that", "the", "their", "them", "there", "they", "things", "this", "to", "up", "us",
  "want", "was", "we", "what", "when", "where", "which", "who", "with", "would", "you",
  "your",
};

/* Each group of the thesaurus is a term of its own, "XS<n>", given to every service that
 * uses any member of the group: a query asks for one posting list per need it names
 * instead of an OR of every synonym, so it costs the same however big the group. */
constexpr const char *SYNONYM_GROUP_PREFIX = "XS";

struct SynonymMember
{
  guint group;
  std::vector<std::string> other_stems;   /* a phrase's other words, all needed too */
};

/* The thesaurus's members by the stem of their first word ("Zmemori"). */
using SynonymMembers = std::unordered_map<std::string, std::vector<SynonymMember>>;

} /* namespace sp_search */

struct _SpSearchIndex
{
  SpStore *store;
  std::string path;
  std::unique_ptr<Xapian::Database> reader;
  sp_search::SynonymMembers synonym_members;
  Xapian::Stem stemmer{"english"};
  Xapian::SimpleStopper stopper{std::begin (sp_search::STOP_WORDS), std::end (sp_search::STOP_WORDS)};
};

/* Turns the exception being handled into @error; call only inside a catch block. */
void sp_search_set_error_from_exception (GError    **error,
                                         const char *doing);
