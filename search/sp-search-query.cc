/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-search-query.cc: answering a query from the index.
 *
 * The words go through Xapian's QueryParser (English stems, the last word as a prefix
 * while typing, synonyms from the thesaurus, spelling corrected from the index's own
 * vocabulary); a query it cannot parse is searched as plain words. Filters are boolean
 * terms ANDed together, plus a distance limit. An empty query browses by name.
 */
#include "config.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <set>
#include <string>
#include <vector>

#include <glib/gi18n-lib.h>

#include "sp-search-document.h"
#include "sp-search-index-private.hh"

namespace {

constexpr guint DEFAULT_LIMIT = 20;
/* Matches examined at least, for facet counts and the total: exact up to this many. */
constexpr Xapian::doccount FACET_SAMPLE = 1000;
constexpr unsigned PARSE_FLAGS =
  Xapian::QueryParser::FLAG_PARTIAL | Xapian::QueryParser::FLAG_LOVEHATE;
/* A group of synonyms counts for less than the word the person typed. */
constexpr double SYNONYM_WEIGHT = 0.6;
constexpr double PHRASE_SYNONYM_WEIGHT = 1.0;
constexpr guint MAX_PHRASE_WORDS = 4;
/* How many of a group's words are asked for on their own, rarest first. */
constexpr size_t RARE_SYNONYMS = 4;

/* Counts matching documents per category term, for "Memory (4)". It sees the matches
 * Xapian examines (all of them for a small result, a sample of a large one); counts are
 * scaled to the estimated total when only a sample was seen. */
class CategorySpy : public Xapian::MatchSpy
{
public:
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, nullptr);
  guint seen = 0;

  ~CategorySpy () override
  {
    g_hash_table_unref (counts);
  }

  void
  operator() (const Xapian::Document &doc, double) override
  {
    std::string value = doc.get_value (sp_search::SLOT_CATEGORIES);
    size_t start = 0;

    seen++;
    while (start < value.size ())
      {
        size_t end = value.find ('\x1f', start);
        if (end == std::string::npos)
          end = value.size ();
        std::string id = value.substr (start, end - start);
        gpointer old = nullptr;
        g_hash_table_lookup_extended (counts, id.c_str (), nullptr, &old);
        g_hash_table_insert (counts, g_strdup (id.c_str ()), GUINT_TO_POINTER (GPOINTER_TO_UINT (old) + 1));
        start = end + 1;
      }
  }

  void
  scale_to (guint total)
  {
    if (seen == 0 || total <= seen)
      return;
    GHashTableIter iter;
    gpointer count;
    g_hash_table_iter_init (&iter, counts);
    while (g_hash_table_iter_next (&iter, nullptr, &count))
      g_hash_table_iter_replace (&iter, GUINT_TO_POINTER ((guint) (GPOINTER_TO_UINT (count) *
                                                                    (double) total / seen + 0.5)));
  }
};

/* Whether the index knows @word as typed or as its stem (or, for the word still being
 * typed, as the start of a word). */
bool
known_word (SpSearchIndex *self, const std::string &word, bool last)
{
  const Xapian::Database &db = *self->reader;
  if (db.term_exists (word) || db.term_exists ("Z" + self->stemmer (word)))
    return true;
  /* A thesaurus word no service uses ("ipad") is not a misspelling. */
  if (db.synonyms_begin (word) != db.synonyms_end (word))
    return true;
  if (last)
    {
      Xapian::TermIterator t = db.allterms_begin (word);
      return t != db.allterms_end ();
    }
  return false;
}

/* The query with each word the index has never seen replaced by the nearest word it has,
 * or "" when nothing needed correcting. Stop words and short words are left alone. */
std::string
correct_spelling (SpSearchIndex *self, const std::string &text)
{
  g_autofree char *lower = g_utf8_strdown (text.c_str (), -1);
  g_auto (GStrv) split = g_strsplit_set (lower, " \t\n", -1);
  std::vector<std::string> words;
  std::vector<bool> in_phrase;
  std::string corrected;
  bool changed = false;

  for (guint i = 0; split[i] != nullptr; i++)
    if (*split[i] != '\0')
      words.emplace_back (split[i]);
  in_phrase.assign (words.size (), false);

  /* Words of a thesaurus phrase ("zimmer frame") are right as they are. */
  for (size_t start = 0; start < words.size (); start++)
    {
      std::string phrase = words[start];
      for (size_t n = 1; n < MAX_PHRASE_WORDS && start + n < words.size (); n++)
        {
          phrase += ' ' + words[start + n];
          if (self->reader->synonyms_begin (phrase) != self->reader->synonyms_end (phrase))
            for (size_t k = start; k <= start + n; k++)
              in_phrase[k] = true;
        }
    }

  for (size_t i = 0; i < words.size (); i++)
    {
      std::string word = words[i];
      bool last = i + 1 == words.size ();
      if (!in_phrase[i] && word.size () >= 4 && !self->stopper (word) &&
          !known_word (self, word, last))
        {
          std::string suggestion = self->reader->get_spelling_suggestion (word, 2);
          if (!suggestion.empty ())
            {
              word = suggestion;
              changed = true;
            }
        }
      if (!corrected.empty ())
        corrected += ' ';
      corrected += word;
    }
  return changed ? corrected : std::string ();
}

/* Services that have every word typed ("wednesfield lunch club") come before those that
 * have only some, however often those mention one of them. */
Xapian::Query
all_words_bonus (SpSearchIndex *self, const std::string &text)
{
  g_auto (GStrv) words = g_strsplit_set (text.c_str (), " \t\n,.?!", -1);
  std::vector<Xapian::Query> stems;
  guint n_words = g_strv_length (words);

  for (guint i = 0; i < n_words; i++)
    {
      bool last = i + 1 == n_words || (i + 2 == n_words && *words[i + 1] == '\0');
      if (*words[i] == '\0' || self->stopper (words[i]))
        continue;
      std::string stem = "Z" + self->stemmer (words[i]);
      /* The word still being typed may be the start of a longer one: leave it out. */
      if (last && !self->reader->term_exists (stem))
        continue;
      stems.emplace_back (stem);
    }
  if (stems.size () < 2)
    return Xapian::Query ();
  return Xapian::Query (Xapian::Query::OP_AND, stems.begin (), stems.end ());
}

/* Any of the thesaurus groups named ("XS12"), and the rarest of their words as well, at
 * @weight. A group's term finds every service that uses any of its words, but weighs them
 * all as one common word: the few rare words ("befriending" beside "chat" and "company")
 * say most about a service, so they count again on their own. Common words are left to
 * the group: asking for them one by one would cost a long posting list each. */
Xapian::Query
any_group (SpSearchIndex *self, const std::set<std::string> &terms, double weight)
{
  std::vector<Xapian::Query> parts;
  std::vector<std::pair<Xapian::doccount, std::string>> words;

  for (const std::string &term : terms)
    if (g_str_has_prefix (term.c_str (), sp_search::SYNONYM_GROUP_PREFIX))
      parts.emplace_back (term);
    else if (Xapian::doccount n = self->reader->get_termfreq (term); n > 0)
      words.emplace_back (n, term);
  std::sort (words.begin (), words.end ());
  for (size_t i = 0; i < words.size () && i < RARE_SYNONYMS; i++)
    parts.emplace_back (words[i].second);
  Xapian::Query any (Xapian::Query::OP_OR, parts.begin (), parts.end ());
  return Xapian::Query (Xapian::Query::OP_SCALE_WEIGHT, any, weight);
}

/* The thesaurus's groups for what the query says: every run of up to four words that is a
 * member ("keeps forgetting", "lonely") brings in services that use any member of its
 * groups. A whole phrase of the thesaurus in the query ("someone to talk to") says more
 * about the need than its words one by one, so its groups count for more. */
Xapian::Query
synonyms_for (SpSearchIndex *self, const std::string &text)
{
  g_auto (GStrv) words = g_strsplit_set (text.c_str (), " \t\n,.?!", -1);
  std::vector<std::string> kept;
  std::set<std::string> of_words;
  std::set<std::string> of_phrases;
  const Xapian::Database &db = *self->reader;

  for (guint i = 0; words[i] != nullptr; i++)
    if (*words[i] != '\0')
      kept.emplace_back (words[i]);

  for (size_t start = 0; start < kept.size (); start++)
    {
      std::string key;
      for (size_t n = 0; n < MAX_PHRASE_WORDS && start + n < kept.size (); n++)
        {
          if (n > 0)
            key += ' ';
          key += kept[start + n];
          /* A stop word alone has no synonyms; a phrase starting with one may. */
          if (n == 0 && self->stopper (key))
            continue;
          std::set<std::string> &into = n == 0 ? of_words : of_phrases;
          for (Xapian::TermIterator t = db.synonyms_begin (key); t != db.synonyms_end (key); ++t)
            into.insert (*t);
          if (n == 0)
            {
              std::string stem = "Z" + self->stemmer (key);
              for (Xapian::TermIterator t = db.synonyms_begin (stem); t != db.synonyms_end (stem); ++t)
                into.insert (*t);
            }
        }
    }

  std::vector<Xapian::Query> parts;
  if (!of_words.empty ())
    parts.push_back (any_group (self, of_words, SYNONYM_WEIGHT));
  if (!of_phrases.empty ())
    parts.push_back (any_group (self, of_phrases, PHRASE_SYNONYM_WEIGHT));
  if (parts.empty ())
    return Xapian::Query ();
  return Xapian::Query (Xapian::Query::OP_OR, parts.begin (), parts.end ());
}

Xapian::Query
parse_words (SpSearchIndex *self, const std::string &text, std::string *corrected)
{
  Xapian::QueryParser parser;

  parser.set_stemmer (self->stemmer);
  parser.set_stemming_strategy (Xapian::QueryParser::STEM_SOME);
  parser.set_stopper (&self->stopper);
  parser.set_database (*self->reader);
  parser.set_default_op (Xapian::Query::OP_OR);

  *corrected = correct_spelling (self, text);
  std::string words = corrected->empty () ? text : *corrected;
  /* "someone to talk to": a stop word at the end is finished, not the start of "today". */
  size_t last_start = words.find_last_of (" \t\n");
  std::string last = words.substr (last_start == std::string::npos ? 0 : last_start + 1);
  if (!last.empty () && self->stopper (last))
    words += ' ';
  try
    {
      Xapian::Query query = parser.parse_query (words, PARSE_FLAGS);
      Xapian::Query all_words = all_words_bonus (self, words);
      if (!all_words.empty ())
        query = Xapian::Query (Xapian::Query::OP_OR, query, all_words);
      Xapian::Query synonyms = synonyms_for (self, words);
      if (!synonyms.empty ())
        query = query.empty () ? synonyms : Xapian::Query (Xapian::Query::OP_OR, query, synonyms);
      g_debug ("“%s” searches for %s", words.c_str (), query.get_description ().c_str ());
      return query;
    }
  catch (const Xapian::QueryParserError &)
    {
      /* Stray quotes or brackets: search for the words alone. */
      g_autofree char *plain = g_strdup (words.c_str ());
      g_strdelimit (plain, "\"()[]{}+-:*", ' ');
      return parser.parse_query (plain, 0);
    }
}

/* Whether @text says nothing but "the", "my", "and"…: then there is nothing to search for,
 * even though the last word could start a longer one. */
bool
only_stop_words (SpSearchIndex *self, const std::string &text)
{
  g_auto (GStrv) words = g_strsplit_set (text.c_str (), " \t\n,.?!", -1);

  for (guint i = 0; words[i] != nullptr; i++)
    if (*words[i] != '\0' && !self->stopper (words[i]))
      return false;
  return true;
}

/* "walking group tuesday": a day named in the query is a day the service must meet. Takes
 * the day words out of @text and returns the day (0 Monday … 6 Sunday), or -1. */
int
take_day_words (std::string &text)
{
  static const struct { const char *word; int day; } days[] = {
    { "monday", 0 }, { "mon", 0 }, { "mondays", 0 },
    { "tuesday", 1 }, { "tue", 1 }, { "tues", 1 }, { "tuesdays", 1 },
    { "wednesday", 2 }, { "wed", 2 }, { "weds", 2 }, { "wednesdays", 2 },
    { "thursday", 3 }, { "thu", 3 }, { "thur", 3 }, { "thurs", 3 }, { "thursdays", 3 },
    { "friday", 4 }, { "fri", 4 }, { "fridays", 4 },
    { "saturday", 5 }, { "sat", 5 }, { "saturdays", 5 },
    { "sunday", 6 }, { "sun", 6 }, { "sundays", 6 },
  };
  g_autofree char *lower = g_utf8_strdown (text.c_str (), -1);
  g_auto (GStrv) words = g_strsplit_set (lower, " \t\n,.?!", -1);
  std::string rest;
  int found = -1;

  for (guint i = 0; words[i] != nullptr; i++)
    {
      int day = -1;
      for (const auto &d : days)
        if (std::strcmp (words[i], d.word) == 0)
          day = d.day;
      if (day >= 0 && found < 0)
        {
          found = day;
          continue;
        }
      if (*words[i] == '\0')
        continue;
      if (!rest.empty ())
        rest += ' ';
      rest += words[i];
    }
  if (found >= 0)
    {
      /* Keep what follows being typed as typed: a trailing space ends the last word. */
      if (!text.empty () && g_ascii_isspace (text.back ()))
        rest += ' ';
      text = rest;
    }
  return found;
}

Xapian::Query
filter_query (const SpSearchQuery *q, int day)
{
  std::vector<Xapian::Query> filters;

  if (q->category != nullptr && *q->category != '\0')
    filters.emplace_back (std::string ("XC") + q->category);
  if (q->free_only)
    filters.emplace_back ("XFREE");
  if (q->wheelchair)
    filters.emplace_back ("XWHEEL");
  if (q->language != nullptr && *q->language != '\0')
    {
      g_autofree char *lower = g_ascii_strdown (q->language, -1);
      filters.emplace_back (std::string ("XL") + lower);
    }
  if (day >= 0 && day < 7)
    filters.emplace_back (std::string ("XD") + sp_search::DAY_NAMES[day]);
  if (q->age >= 0)
    {
      /* For this age: no minimum above it and no maximum below it. */
      std::string age = Xapian::sortable_serialise (q->age);
      filters.emplace_back (Xapian::Query::OP_VALUE_LE, sp_search::SLOT_MINIMUM_AGE, age);
      filters.emplace_back (Xapian::Query::OP_VALUE_GE, sp_search::SLOT_MAXIMUM_AGE, age);
    }
  if (filters.empty ())
    return Xapian::Query ();
  return Xapian::Query (Xapian::Query::OP_AND, filters.begin (), filters.end ());
}

/* The nearest of a service's locations to the point, in metres; -1 if it has none. */
double
distance_to (const Xapian::Document &doc, const Xapian::LatLongCoord &centre)
{
  std::string value = doc.get_value (sp_search::SLOT_LOCATIONS);
  if (value.empty ())
    return -1;
  Xapian::LatLongCoords coords;
  coords.unserialise (value);
  Xapian::GreatCircleMetric metric;
  return metric (coords, centre);
}

std::string
field (const std::string &data, int index)
{
  size_t start = 0;
  for (int i = 0; i < index; i++)
    {
      start = data.find ('\x1f', start);
      if (start == std::string::npos)
        return "";
      start++;
    }
  size_t end = data.find ('\x1f', start);
  return data.substr (start, end == std::string::npos ? std::string::npos : end - start);
}

} /* namespace */

void
sp_search_results_free (SpSearchResults *results)
{
  if (results == nullptr)
    return;
  g_free (results->query);
  g_free (results->corrected);
  g_clear_pointer (&results->hits, g_ptr_array_unref);
  g_clear_pointer (&results->facets, g_hash_table_unref);
  g_free (results);
}

static void
hit_free (gpointer data)
{
  auto *hit = static_cast<SpSearchHit *> (data);
  g_free (hit->id);
  g_free (hit->name);
  g_free (hit->organization);
  g_free (hit->snippet);
  g_free (hit);
}

static SpSearchResults *
run_query (SpSearchIndex *self, const SpSearchQuery *q)
{
  g_autofree char *folded = sp_search_fold (q->text);
  g_autofree char *lower = g_utf8_strdown (folded, -1);
  std::string text = lower;
  std::string corrected;
  Xapian::Query words;
  bool browsing;

  int day = q->day;
  int named_day = take_day_words (text);
  if (day < 0)
    day = named_day;

  words = only_stop_words (self, text) ? Xapian::Query () : parse_words (self, text, &corrected);
  /* Only stop words ("the", "my"): browse rather than find nothing. */
  browsing = words.empty ();

  Xapian::Query query = browsing ? Xapian::Query::MatchAll : words;
  Xapian::Query filters = filter_query (q, day);
  if (!filters.empty ())
    query = Xapian::Query (Xapian::Query::OP_FILTER, query, filters);

  Xapian::LatLongCoord centre (q->latitude, q->longitude);
  if (q->has_point && q->within_metres > 0)
    {
      Xapian::GreatCircleMetric metric;
      auto *near = new Xapian::LatLongDistancePostingSource (sp_search::SLOT_LOCATIONS,
                                                            Xapian::LatLongCoords (centre),
                                                            metric, q->within_metres);
      /* The query owns the released source. */
      query = Xapian::Query (Xapian::Query::OP_FILTER, query, Xapian::Query (near->release ()));
    }

  Xapian::Enquire enquire (*self->reader);
  enquire.set_query (query);
  std::unique_ptr<Xapian::LatLongDistanceKeyMaker> by_distance;
  if (q->has_point && q->sort == SP_SEARCH_SORT_DISTANCE)
    {
      by_distance = std::make_unique<Xapian::LatLongDistanceKeyMaker> (sp_search::SLOT_LOCATIONS, centre);
      enquire.set_sort_by_key_then_relevance (by_distance.get (), false);
    }
  else if (browsing)
    enquire.set_sort_by_value_then_relevance (sp_search::SLOT_SORT_NAME, false);

  CategorySpy spy;
  enquire.add_matchspy (&spy);
  guint limit = q->limit > 0 ? q->limit : DEFAULT_LIMIT;
  Xapian::MSet mset = enquire.get_mset (0, limit, FACET_SAMPLE);

  /* Owned here until complete: a reader that meets a writer's change throws part-way. */
  g_autoptr (SpSearchResults) results = g_new0 (SpSearchResults, 1);
  results->query = g_strdup (q->text != nullptr ? q->text : "");
  results->corrected = corrected.empty () ? nullptr : g_strdup (corrected.c_str ());
  results->total = mset.get_matches_estimated ();
  results->hits = g_ptr_array_new_with_free_func (hit_free);
  spy.scale_to (results->total);
  results->facets = (GHashTable *) g_hash_table_ref (spy.counts);

  for (Xapian::MSetIterator m = mset.begin (); m != mset.end (); ++m)
    {
      Xapian::Document doc = m.get_document ();
      std::string data = doc.get_data ();
      std::string description = field (data, 3);
      auto *hit = g_new0 (SpSearchHit, 1);

      g_ptr_array_add (results->hits, hit);
      hit->id = g_strdup (field (data, 0).c_str ());
      hit->name = g_strdup (field (data, 1).c_str ());
      hit->organization = g_strdup (field (data, 2).c_str ());
      hit->score = browsing ? 0 : m.get_percent ();
      hit->snippet = g_strdup (mset.snippet (description, 160, self->stemmer,
                                             Xapian::MSet::SNIPPET_BACKGROUND_MODEL,
                                             "[", "]", "…").c_str ());
      hit->distance_metres = q->has_point ? distance_to (doc, centre) : -1;
    }
  return (SpSearchResults *) g_steal_pointer (&results);
}

/**
 * sp_search_index_query:
 *
 * Runs @query. Never fails on what a person types; errors are about the index itself.
 *
 * Returns: (transfer full): the results, or %NULL with @error set
 */
SpSearchResults *
sp_search_index_query (SpSearchIndex       *self,
                       const SpSearchQuery *query,
                       GError             **error)
{
  g_return_val_if_fail (self != nullptr, nullptr);
  g_return_val_if_fail (query != nullptr, nullptr);

  for (int attempt = 0; attempt < 10; attempt++)
    {
      try
        {
          if (!self->reader)
            self->reader = std::make_unique<Xapian::Database> (self->path);
          return run_query (self, query);
        }
      catch (const Xapian::DatabaseModifiedError &)
        {
          /* A writer moved on while we read: look again at the new revision, giving a
           * busy writer a moment more each time. */
          g_usleep (1000 * attempt);
          self->reader->reopen ();
        }
      catch (const Xapian::DatabaseCorruptError &)
        {
          if (!sp_search_index_rebuild (self, error))
            return nullptr;
        }
      catch (...)
        {
          sp_search_set_error_from_exception (error, _("searching"));
          return nullptr;
        }
    }
  g_set_error (error, SP_SEARCH_ERROR, SP_SEARCH_ERROR_FAILED,
               _("The search index kept changing while searching; try again."));
  return nullptr;
}
