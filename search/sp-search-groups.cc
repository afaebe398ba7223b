/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-search-groups.cc: which needs of the thesaurus a service's text speaks of.
 *
 * Every group of data/synonyms.txt ("lonely ~ isolation ~ befriending ~ company") is a term
 * of its own, XS<n>, that a service carries when its text uses any member of the group. A
 * query then asks for one posting list per need instead of an OR of every synonym.
 *
 * Members are matched by their English stems, as the index matches words; a phrase member
 * ("looking after", "short break") only where its words stand together in the text, stop
 * words aside, so a listing that says "look" in one sentence and "after" in another does
 * not become a carers' service.
 */
#include "config.h"

#include <algorithm>

#include "sp-search-document.h"
#include "sp-search-index-private.hh"
#include "sp-search-thesaurus.h"

namespace sp_search {

namespace {

/* A cache bigger than any directory's vocabulary is a sign of hostile input: start again. */
constexpr size_t MAX_CACHED_STEMS = 200000;

/* The stems a thesaurus member is matched by: one for a word, the words that are not stop
 * words for a phrase ("someone to talk to" is "talk"). */
std::vector<std::string>
member_stems (const Xapian::Stem &stemmer, const Xapian::Stopper &stopper, const char *member)
{
  g_auto (GStrv) words = g_strsplit (member, " ", -1);
  std::vector<std::string> stems;
  bool phrase = g_strv_length (words) > 1;

  for (guint i = 0; words[i] != nullptr; i++)
    if (*words[i] != '\0' && !(phrase && stopper (words[i])))
      stems.push_back (stemmer (words[i]));
  return stems;
}

bool
is_word_byte (char c)
{
  return g_ascii_isalnum (c) || (guchar) c >= 0x80;
}

} /* namespace */

std::string
group_term (guint group)
{
  return SYNONYM_GROUP_PREFIX + std::to_string (group);
}

SynonymMembers
load_synonym_members (const SpSearchThesaurus *thesaurus,
                      const Xapian::Stem      &stemmer,
                      const Xapian::Stopper   &stopper)
{
  SynonymMembers members;

  for (guint g = 0; g < thesaurus->groups->len; g++)
    {
      GPtrArray *group = (GPtrArray *) thesaurus->groups->pdata[g];
      for (guint i = 0; i < group->len; i++)
        {
          g_autofree char *folded = sp_search_fold ((const char *) group->pdata[i]);
          std::vector<std::string> stems = member_stems (stemmer, stopper, folded);
          if (stems.empty ())
            continue;
          std::string first = stems.front ();
          stems.erase (stems.begin ());
          members[first].push_back ({ g, std::move (stems) });
        }
    }
  return members;
}

GroupFinder::GroupFinder (const SynonymMembers &synonym_members, const Xapian::Stopper &stop_words,
                          const Xapian::Stem &word_stemmer)
  : members (synonym_members), stopper (stop_words), stemmer (word_stemmer)
{
}

/* What the finder knows of a word, worked out the first time it is met: its stem, whether
 * it is a stop word, and the thesaurus members that start with it. */
const GroupFinder::Word &
GroupFinder::word_info (const std::string &word)
{
  auto cached = words.find (word);
  if (cached != words.end ())
    return cached->second;

  Word info;
  info.stop = stopper (word);
  info.stem = stemmer (word);
  auto found = members.find (info.stem);
  info.members = found != members.end () ? &found->second : nullptr;
  return words.emplace (word, std::move (info)).first->second;
}

/* Whether @word belongs in the spelling dictionary: not when it has a digit. Nobody is
 * helped by "did you mean 523412?", and Xapian 1.4.22's spelling table breaks ("Too few
 * chunks of compressed data", on building or merging an index) once it holds some
 * 350 000 numbers — a national directory whose names carry charity or service numbers. */
static bool
is_spelling_word (const std::string &word)
{
  return std::none_of (word.begin (), word.end (), [] (char c) { return g_ascii_isdigit (c); });
}

/* Notes the groups @folded (already folded, any case) speaks of, each use counting @weight:
 * a name counts for more than a description, as it does for the words themselves. Each
 * word without a digit also goes into @spelling's dictionary, when given. */
void
GroupFinder::add_text (const char *folded, Xapian::termcount weight, Xapian::WritableDatabase *spelling)
{
  std::vector<const Word *> sequence;
  std::string word;

  /* Between texts, never during one: the sequence points into the cache. */
  if (words.size () >= MAX_CACHED_STEMS)
    words.clear ();

  /* The text as a sequence of words, stop words left out, as phrase members are. */
  for (const char *p = folded; ; p++)
    {
      bool inside = *p != '\0' && (is_word_byte (*p) ||
                                   (*p == '\'' && !word.empty () && is_word_byte (p[1])));
      if (inside)
        {
          word += g_ascii_tolower (*p);
          continue;
        }
      if (!word.empty ())
        {
          if (std::any_of (word.begin (), word.end (), [] (char c) { return (guchar) c >= 0x80; }))
            {
              g_autofree char *lower = g_utf8_strdown (word.c_str (), -1);
              word = lower;
            }
          if (spelling != nullptr && is_spelling_word (word))
            spelling->add_spelling (word);
          const Word &info = word_info (word);
          if (!info.stop)
            sequence.push_back (&info);
          word.clear ();
        }
      if (*p == '\0')
        break;
    }

  for (size_t i = 0; i < sequence.size (); i++)
    {
      if (sequence[i]->members == nullptr)
        continue;
      for (const SynonymMember &member : *sequence[i]->members)
        {
          size_t n = member.other_stems.size ();
          bool whole = i + n < sequence.size ();
          for (size_t k = 0; whole && k < n; k++)
            whole = sequence[i + 1 + k]->stem == member.other_stems[k];
          if (whole)
            groups[member.group] += weight;
        }
    }
}

/* Gives @doc the term of every group its text spoke of, and forgets them for the next. */
void
GroupFinder::add_terms_to (Xapian::Document &doc)
{
  for (const auto &[group, wdf] : groups)
    doc.add_term (group_term (group), wdf);
  groups.clear ();
}

} /* namespace sp_search */
