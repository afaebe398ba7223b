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
constexpr size_t SNIPPET_CHARS = 160;
/* BM25 without length normalisation (b = 0). Listings are short and structured, their
 * fields already weighted; normalising by length would need every match's length read
 * from the index, which costs about a third of a query's time. */
const Xapian::BM25Weight WEIGHTING (1, 0, 1, 0, 0.5);
/* Matches examined at least, for facet counts and the total: exact up to this many. */
constexpr Xapian::doccount FACET_SAMPLE = 1000;
constexpr unsigned PARSE_FLAGS = Xapian::QueryParser::FLAG_LOVEHATE;
/* The word being typed stands for at most this many words it may become, the commonest. */
constexpr Xapian::termcount PARTIAL_EXPANSION = 100;
/* One or two letters start too many words to read them all on a keystroke (at 100 000
 * services "t" starts thousands, "be" hundreds): then only words of services' names, and
 * fewer of them. From SHORT_PREFIX + 1 letters on, every word the index has. */
constexpr glong SHORT_PREFIX = 2;
constexpr Xapian::termcount SHORT_PREFIX_EXPANSION = 30;
/* A group of synonyms counts for less than the word the person typed. */
constexpr double SYNONYM_WEIGHT = 0.6;
constexpr double PHRASE_SYNONYM_WEIGHT = 1.0;
constexpr guint MAX_PHRASE_WORDS = 4;
/* How many of a group's words are asked for on their own, rarest first. */
constexpr size_t RARE_SYNONYMS = 4;
/* What a person types fits in this: more words say nothing more, and parsing, spelling
 * and the query itself grow with them (a pasted page took seconds). */
constexpr guint MAX_QUERY_WORDS = SP_SEARCH_MAX_QUERY_WORDS;
constexpr gsize MAX_QUERY_BYTES = 512;

/* Whether the index knows @word as typed or as its stem (or, for the word still being
 * typed, as the start of a word). */
bool
known_word (SpSearchIndex *self, const std::string &word, bool last)
{
  const Xapian::Database &db = *self->reader;
  std::string stem = self->stemmer (word);
  if (db.term_exists (sp_search::text_term (stem)) || db.term_exists (sp_search::title_term (stem)))
    return true;
  /* A thesaurus word no service uses ("ipad") is not a misspelling. */
  if (db.synonyms_begin (word) != db.synonyms_end (word))
    return true;
  if (last)
    {
      for (const std::string &root : { sp_search::text_term (word), sp_search::title_term (word) })
        if (db.allterms_begin (root) != db.allterms_end (root))
          return true;
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

/* Services that have every word typed ("wednesfield lunch club"): they come before those
 * that have only some, however often those mention one of them. */
Xapian::Query
all_words (SpSearchIndex *self, const std::string &text)
{
  g_auto (GStrv) words = g_strsplit_set (text.c_str (), " \t\n,.?!", -1);
  std::vector<Xapian::Query> stems;
  guint n_words = g_strv_length (words);

  for (guint i = 0; i < n_words; i++)
    {
      bool last = i + 1 == n_words || (i + 2 == n_words && *words[i + 1] == '\0');
      if (*words[i] == '\0' || self->stopper (words[i]))
        continue;
      std::string stem = self->stemmer (words[i]);
      std::string in_text = sp_search::text_term (stem), in_title = sp_search::title_term (stem);
      /* The word still being typed may be the start of a longer one: leave it out. */
      if (last && !self->reader->term_exists (in_text) && !self->reader->term_exists (in_title))
        continue;
      stems.emplace_back (Xapian::Query::OP_OR, Xapian::Query (in_text), Xapian::Query (in_title));
    }
  if (stems.size () < 2)
    return Xapian::Query ();
  return Xapian::Query (Xapian::Query::OP_AND, stems.begin (), stems.end ());
}

/* Any of the thesaurus groups named ("XS12"), and the rare words of those groups as well,
 * at @weight. A group's term finds every service that uses any of its words, but weighs
 * them all as one common word: the few rare words ("befriending" beside "chat" and
 * "company") say most about a service, so they count again on their own. A word is rare
 * when at most a quarter of the group's services use it; common words, and the words the
 * person typed (already asked for), are left to the group: asking for them one by one
 * would cost a long posting list each and say little. */
Xapian::Query
any_group (SpSearchIndex *self, const std::set<std::string> &terms,
           const std::set<std::string> &typed, double weight)
{
  std::vector<Xapian::Query> parts;
  std::vector<std::pair<Xapian::doccount, std::string>> words;
  Xapian::doccount group_size = 0;

  for (const std::string &term : terms)
    if (g_str_has_prefix (term.c_str (), sp_search::SYNONYM_GROUP_PREFIX))
      {
        parts.emplace_back (term);
        group_size = MAX (group_size, self->reader->get_termfreq (term));
      }
  /* The thesaurus gives words as text terms ("Zbefriend"); they count in titles too. */
  for (const std::string &term : terms)
    if (!g_str_has_prefix (term.c_str (), sp_search::SYNONYM_GROUP_PREFIX) && typed.count (term) == 0)
      {
        std::string title = sp_search::title_term (sp_search::stem_of_term (term));
        if (Xapian::doccount n = self->reader->get_termfreq (term) + self->reader->get_termfreq (title); n > 0)
          words.emplace_back (n, term);
      }
  std::sort (words.begin (), words.end ());
  for (size_t i = 0; i < words.size () && i < RARE_SYNONYMS && words[i].first * 4 <= group_size; i++)
    {
      parts.emplace_back (words[i].second);
      parts.emplace_back (sp_search::title_term (sp_search::stem_of_term (words[i].second)));
    }
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
  std::set<std::string> typed;
  const Xapian::Database &db = *self->reader;

  for (guint i = 0; words[i] != nullptr; i++)
    if (*words[i] != '\0')
      {
        kept.emplace_back (words[i]);
        typed.insert (sp_search::text_term (self->stemmer (words[i])));
      }

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
              std::string stem = sp_search::text_term (self->stemmer (key));
              for (Xapian::TermIterator t = db.synonyms_begin (stem); t != db.synonyms_end (stem); ++t)
                into.insert (*t);
            }
        }
    }

  /* A group a phrase brought in counts at the phrase's weight only: asked for at both,
   * its posting list would be read twice over for every service matched. */
  for (const std::string &term : of_phrases)
    of_words.erase (term);

  std::vector<Xapian::Query> parts;
  if (!of_words.empty ())
    parts.push_back (any_group (self, of_words, typed, SYNONYM_WEIGHT));
  if (!of_phrases.empty ())
    parts.push_back (any_group (self, of_phrases, typed, PHRASE_SYNONYM_WEIGHT));
  if (parts.empty ())
    return Xapian::Query ();
  return Xapian::Query (Xapian::Query::OP_OR, parts.begin (), parts.end ());
}

/* The word still being typed ("bef"), as any word the index has that starts with it: the
 * index holds stems, and a word's first letters are the first letters of its stem ("memo"
 * of "memori"), or the word is longer than its stem, whose own term the parser already
 * asks for and which is left out here so its long posting list is not read twice. At most
 * the commonest PARTIAL_EXPANSION words count (SHORT_PREFIX_EXPANSION of the names' words
 * for one or two letters). Empty when the text ends in a space or a stop word: the word is
 * finished. */
Xapian::Query
partial_word (SpSearchIndex *self, const std::string &text, std::string *prefix)
{
  if (text.empty () || g_ascii_isspace (text.back ()))
    return Xapian::Query ();
  size_t start = text.find_last_of (" \t\n,.?!");
  std::string last = text.substr (start == std::string::npos ? 0 : start + 1);
  if (last.empty () || self->stopper (last))
    return Xapian::Query ();
  *prefix = last;

  const Xapian::Database &db = *self->reader;
  std::string whole = self->stemmer (last);
  bool short_prefix = g_utf8_strlen (last.c_str (), -1) <= SHORT_PREFIX;
  size_t most = short_prefix ? SHORT_PREFIX_EXPANSION : PARTIAL_EXPANSION;
  std::vector<std::string> roots { sp_search::title_term (last) };
  if (!short_prefix)
    roots.push_back (sp_search::text_term (last));
  std::vector<std::pair<Xapian::doccount, std::string>> words;
  for (const std::string &root : roots)
    for (Xapian::TermIterator t = db.allterms_begin (root); t != db.allterms_end (root); ++t)
      if (sp_search::stem_of_term (*t) != whole)
        words.emplace_back (t.get_termfreq (), *t);
  if (words.size () > most)
    {
      std::partial_sort (words.begin (), words.begin () + most, words.end (),
                         [] (const auto &a, const auto &b) { return a.first > b.first; });
      words.resize (most);
    }
  std::vector<std::string> terms;
  for (auto &word : words)
    terms.push_back (std::move (word.second));
  return Xapian::Query (Xapian::Query::OP_SYNONYM, terms.begin (), terms.end ());
}

/* What the words typed ask for: @any, services that match any of them (or their synonyms,
 * or the word being typed), and @all, services that have every word typed, which come
 * first; @all is empty for fewer than two words. */
struct Words
{
  Xapian::Query any;
  Xapian::Query all;
  Xapian::Query synonyms;
};

Words
parse_words (SpSearchIndex *self, const std::string &text, std::string *corrected,
             std::string *partial)
{
  Xapian::QueryParser parser;
  Words parsed;

  parser.set_stemmer (self->stemmer);
  parser.set_stemming_strategy (Xapian::QueryParser::STEM_ALL_Z);
  parser.set_stopper (&self->stopper);
  parser.set_database (*self->reader);
  parser.set_default_op (Xapian::Query::OP_OR);
  /* Each word is looked for in both parts of the text. */
  parser.add_prefix ("", "");
  parser.add_prefix ("", sp_search::TITLE_PREFIX);

  *corrected = correct_spelling (self, text);
  std::string words = corrected->empty () ? text : *corrected;
  try
    {
      Xapian::Query query = parser.parse_query (words, PARSE_FLAGS);
      Xapian::Query typing = partial_word (self, words, partial);
      if (!typing.empty ())
        query = Xapian::Query (Xapian::Query::OP_OR, query, typing);
      Xapian::Query synonyms = synonyms_for (self, words);
      if (!synonyms.empty ())
        query = query.empty () ? synonyms : Xapian::Query (Xapian::Query::OP_OR, query, synonyms);
      parsed.any = query;
      parsed.all = all_words (self, words);
      parsed.synonyms = synonyms;
      /* Describing a query costs more than running a small one: only when it is shown. */
      if (!g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN))
        g_debug ("“%s” searches for %s, first %s", words.c_str (), parsed.any.get_description ().c_str (),
                 parsed.all.get_description ().c_str ());
    }
  catch (const Xapian::QueryParserError &)
    {
      /* Stray quotes or brackets: search for the words alone. */
      g_autofree char *plain = g_strdup (words.c_str ());
      g_strdelimit (plain, "\"()[]{}+-:*", ' ');
      parsed.any = parser.parse_query (plain, 0);
    }
  return parsed;
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


/* @text cut to its first MAX_QUERY_WORDS words and at most MAX_QUERY_BYTES bytes (at a
 * character's start), keeping a trailing space that ends the last word. */
std::string
bounded_text (const char *text)
{
  std::string bounded;
  guint words = 0;
  bool in_word = false;

  if (text == nullptr)
    return bounded;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      const char *next = g_utf8_next_char (p);
      bool space = g_unichar_isspace (g_utf8_get_char (p));

      if (!space && !in_word && ++words > MAX_QUERY_WORDS)
        break;
      if (bounded.size () + (next - p) > MAX_QUERY_BYTES)
        break;
      in_word = !space;
      bounded.append (p, next - p);
    }
  return bounded;
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
  g_strfreev (hit->languages);
  g_free (hit);
}

/* Limits @query to the filters and the distance of @q. */
static Xapian::Query
restrict_query (Xapian::Query query, const SpSearchQuery *q, int day)
{
  Xapian::Query filters = filter_query (q, day);
  if (!filters.empty ())
    query = Xapian::Query (Xapian::Query::OP_FILTER, query, filters);
  if (q->has_point && q->within_metres > 0)
    {
      Xapian::GreatCircleMetric metric;
      auto *near = new Xapian::LatLongDistancePostingSource (sp_search::SLOT_LOCATIONS,
                                                            Xapian::LatLongCoords (Xapian::LatLongCoord (q->latitude, q->longitude)),
                                                            metric, q->within_metres);
      /* The query owns the released source. */
      query = Xapian::Query (Xapian::Query::OP_FILTER, query, Xapian::Query (near->release ()));
    }
  return query;
}

/* The best @limit matches of @query in the order @q asks for, counting categories into
 * @spy. */
static Xapian::MSet
best_matches (SpSearchIndex *self, const Xapian::Query &query, const SpSearchQuery *q,
              bool browsing, guint limit, sp_search::CategorySpy *spy)
{
  Xapian::Enquire enquire (*self->reader);
  enquire.set_query (query);
  enquire.set_weighting_scheme (WEIGHTING);
  std::unique_ptr<Xapian::LatLongDistanceKeyMaker> by_distance;
  if (q->has_point && q->sort == SP_SEARCH_SORT_DISTANCE)
    {
      by_distance = std::make_unique<Xapian::LatLongDistanceKeyMaker> (sp_search::SLOT_LOCATIONS,
                                                                      Xapian::LatLongCoord (q->latitude, q->longitude));
      enquire.set_sort_by_key_then_relevance (by_distance.get (), false);
    }
  else if (browsing)
    enquire.set_sort_by_value_then_relevance (sp_search::SLOT_SORT_NAME, false);
  enquire.add_matchspy (spy);
  return enquire.get_mset (0, limit, FACET_SAMPLE);
}

/* A result's badges, from the value the index keeps of them (SLOT_BADGES). */
static void
read_badges (const Xapian::Document &doc, SpSearchHit *hit)
{
  std::string badges = doc.get_value (sp_search::SLOT_BADGES);
  size_t separator = badges.find ('\x1f');
  std::string flags = badges.substr (0, separator);

  hit->free = flags.find ('F') != std::string::npos;
  hit->wheelchair = flags.find ('W') != std::string::npos;
  hit->languages = separator == std::string::npos ? g_new0 (char *, 1)
                                                  : g_strsplit (badges.c_str () + separator + 1, "\x1f", -1);
}

/* What a person typed, made ready to search: bounded, folded, a day named in it taken out
 * as a filter, and parsed into queries. */
struct Typed
{
  std::string searched;      /* the words searched, as typed (bounded) */
  std::string corrected;     /* as corrected for spelling, or "" */
  std::string partial;       /* the word still being typed, or "" */
  Words words;
  int day = -1;              /* a day named in the text, or -1 */
  bool browsing = false;     /* only stop words (or nothing): browse rather than find nothing */
};

static Typed
read_typed (SpSearchIndex *self, const char *typed)
{
  Typed t;
  t.searched = bounded_text (typed);
  g_autofree char *folded = sp_search_fold (t.searched.c_str ());
  g_autofree char *lower = g_utf8_strdown (folded, -1);
  std::string text = lower;

  t.day = take_day_words (text);
  if (!only_stop_words (self, text))
    t.words = parse_words (self, text, &t.corrected, &t.partial);
  t.browsing = t.words.any.empty ();
  return t;
}

static SpSearchResults *
run_query (SpSearchIndex *self, const SpSearchQuery *q)
{
  Typed typed = read_typed (self, q->text);
  std::string &searched = typed.searched;
  std::string &corrected = typed.corrected;
  std::string &partial = typed.partial;
  Words &words = typed.words;
  int day = q->day >= 0 ? q->day : typed.day;
  bool browsing = typed.browsing;
  guint limit = q->limit > 0 ? q->limit : DEFAULT_LIMIT;

  /* Services with every word come first. When there are enough of them, they are the
   * results (and their count the total); else the rest follow from the matches of any
   * word. Asking for all the words is much cheaper than weighing a bonus for having them
   * into every match of any word. Sorted by distance, relevance is only the tie-break. */
  self->categories.refresh (*self->reader);
  if (self->descriptions == nullptr)
    self->descriptions = sp_service_document_reader_new (self->store, nullptr);
  auto spy = std::make_unique<sp_search::CategorySpy> (self->categories, FACET_SAMPLE);
  Xapian::MSet first, rest;
  bool by_distance = q->has_point && q->sort == SP_SEARCH_SORT_DISTANCE;
  if (!words.all.empty () && !by_distance)
    {
      /* Weighed by the words themselves and any synonyms they also use: reading the OR of
       * every word again to weigh them would cost as much as the second step. */
      Xapian::Query weighed = words.synonyms.empty () ? words.all
                              : Xapian::Query (Xapian::Query::OP_AND_MAYBE, words.all, words.synonyms);
      first = best_matches (self, restrict_query (weighed, q, day), q, false, limit, spy.get ());
      if (first.size () < limit)
        spy = std::make_unique<sp_search::CategorySpy> (self->categories, FACET_SAMPLE);
    }
  if (first.size () < limit)
    rest = best_matches (self, restrict_query (browsing ? Xapian::Query::MatchAll : words.any, q, day),
                         q, browsing, limit, spy.get ());
  const Xapian::MSet &counted = first.size () < limit ? rest : first;

  /* Owned here until complete: a reader that meets a writer's change throws part-way. */
  g_autoptr (SpSearchResults) results = g_new0 (SpSearchResults, 1);
  results->query = g_strdup (searched.c_str ());
  results->corrected = corrected.empty () ? nullptr : g_strdup (corrected.c_str ());
  results->total = counted.get_matches_estimated ();
  results->hits = g_ptr_array_new_with_free_func (hit_free);
  results->facets = spy->counts_scaled_to (results->total);

  /* The stems searched for, synonyms among them, to mark in the snippets. */
  std::set<std::string> stems;
  for (Xapian::TermIterator t = words.any.get_unique_terms_begin (); t != words.any.get_unique_terms_end (); ++t)
    if (std::string stem = sp_search::stem_of_term (*t); !stem.empty ())
      stems.insert (stem);

  Xapian::LatLongCoord centre (q->latitude, q->longitude);
  std::set<Xapian::docid> shown;
  for (const Xapian::MSet *mset : { &first, &rest })
    for (Xapian::MSetIterator m = mset->begin (); m != mset->end () && results->hits->len < limit; ++m)
      {
        if (!shown.insert (*m).second)
          continue;
        Xapian::Document doc = m.get_document ();
        auto *hit = g_new0 (SpSearchHit, 1);

        g_ptr_array_add (results->hits, hit);
        hit->id = g_strdup (doc.get_value (sp_search::SLOT_ID).c_str ());
        g_autofree char *description = nullptr;
        if (self->descriptions != nullptr)
          sp_service_document_read_description (self->descriptions, hit->id, &description, nullptr);
        hit->name = g_strdup (doc.get_value (sp_search::SLOT_NAME).c_str ());
        hit->organization = g_strdup (doc.get_value (sp_search::SLOT_ORGANIZATION).c_str ());
        hit->score = browsing ? 0 : m.get_percent ();
        hit->snippet = g_strdup (sp_search::make_snippet (description != nullptr ? description : "", stems,
                                                          partial, self->stemmer, SNIPPET_CHARS).c_str ());
        hit->distance_metres = q->has_point ? distance_to (doc, centre) : -1;
        read_badges (doc, hit);
      }
  return (SpSearchResults *) g_steal_pointer (&results);
}

static void
set_needs_rebuild (GError **error)
{
  g_set_error (error, SP_SEARCH_ERROR, SP_SEARCH_ERROR_NEEDS_REBUILD,
               _("The search index is damaged and needs building again."));
}

/* Runs @read (which returns a pointer, never NULL) on a fresh reader of the index, again when
 * a writer moved on meanwhile; NULL with @error set when the index cannot be read. */
template <typename Read>
static auto
read_index (SpSearchIndex *self, GError **error, Read read) -> decltype (read ())
{
  for (int attempt = 0; attempt < 10; attempt++)
    {
      bool damaged = false;

      /* Only what cannot throw happens in a handler: recovery, which may fail again,
       * comes after it. */
      try
        {
          /* Another program may have updated the index, or swapped in a new one. */
          sp_search_index_freshen_reader (self);
          sp_search::fault_point (SP_SEARCH_FAULT_ALLOC);
          return read ();
        }
      catch (const Xapian::DatabaseModifiedError &)
        {
        }
      catch (const Xapian::DatabaseCorruptError &)
        {
          damaged = true;
        }
      catch (...)
        {
          sp_search_set_error_from_exception (error, _("searching"));
          return nullptr;
        }

      if (damaged && !self->rebuild_when_damaged)
        {
          set_needs_rebuild (error);
          return nullptr;
        }
      if (damaged && !sp_search_index_repair (self, error))
        return nullptr;
      if (!damaged)
        {
          /* A writer moved on while we read: look again at the new revision, giving a
           * busy writer a moment more each time. */
          g_usleep (1000 * attempt);
        }
    }
  g_set_error (error, SP_SEARCH_ERROR, SP_SEARCH_ERROR_FAILED,
               _("The search index kept changing while searching; try again."));
  return nullptr;
}

/**
 * sp_search_index_query:
 *
 * Runs @query. Never fails on what a person types; errors are about the index itself. A
 * damaged index is rebuilt first, unless sp_search_index_set_rebuild_when_damaged() said
 * not to: then the error is %SP_SEARCH_ERROR_NEEDS_REBUILD.
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

  return read_index (self, error, [&] { return run_query (self, query); });
}

/* The ids of the best @max matches of @text, in the order a search shows them. */
static GPtrArray *
match_ids (SpSearchIndex *self, const char *text, guint max)
{
  Typed typed = read_typed (self, text);
  SpSearchQuery none = SP_SEARCH_QUERY_INIT;
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  std::set<Xapian::docid> seen;
  std::vector<Xapian::Query> steps;

  /* As run_query(): services with every word first, then those with any; only stop words
   * browse everything by name. */
  if (!typed.words.all.empty ())
    steps.push_back (typed.words.synonyms.empty ()
                     ? typed.words.all
                     : Xapian::Query (Xapian::Query::OP_AND_MAYBE, typed.words.all, typed.words.synonyms));
  steps.push_back (typed.browsing ? Xapian::Query::MatchAll : typed.words.any);
  for (const Xapian::Query &step : steps)
    {
      Xapian::Enquire enquire (*self->reader);
      enquire.set_query (restrict_query (step, &none, typed.day));
      enquire.set_weighting_scheme (WEIGHTING);
      if (typed.browsing)
        enquire.set_sort_by_value_then_relevance (sp_search::SLOT_SORT_NAME, false);
      Xapian::MSet matches = enquire.get_mset (0, max);
      for (Xapian::MSetIterator m = matches.begin (); m != matches.end () && ids->len < max; ++m)
        if (seen.insert (*m).second)
          g_ptr_array_add (ids, g_strdup (m.get_document ().get_value (sp_search::SLOT_ID).c_str ()));
      if (ids->len >= max)
        break;
    }
  return (GPtrArray *) g_steal_pointer (&ids);
}

/**
 * sp_search_index_match:
 * @text: what was typed, as for sp_search_index_query()
 * @max: at most this many
 *
 * The ids of the services @text finds, best first, as a search lists them (the words
 * parsed, corrected and widened the same way, a day named in @text a filter), without
 * reading anything else about them: for a caller that filters and pages them itself.
 *
 * Returns: (transfer full) (element-type utf8): the ids, or %NULL with @error set
 */
GPtrArray *
sp_search_index_match (SpSearchIndex *self,
                       const char    *text,
                       guint          max,
                       GError       **error)
{
  g_return_val_if_fail (self != nullptr, nullptr);

  return read_index (self, error, [&] { return match_ids (self, text, max); });
}

/* The ids of matches @offset to @offset + @limit of the best @max of @text, in the order
 * match_ids() gives them, and how many of those @max there are. Each step after the first
 * leaves out what the steps before it found (OP_AND_NOT keeps the left side's weights, so
 * the order is the same as skipping them); check_at_least makes each step's count exact up
 * to what is still wanted, and only the page's documents are read. */
static GPtrArray *
match_page (SpSearchIndex *self, const char *text, guint offset, guint limit, guint max, guint *total)
{
  Typed typed = read_typed (self, text);
  SpSearchQuery none = SP_SEARCH_QUERY_INIT;
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  /* Each step's query, and the services it matches: what later steps leave out, as a
   * plain filter (Xapian 1.4.22 counted an OP_AND_NOT whose right side held the step's
   * OP_AND_MAYBE differently from run to run: 7 or 9 for the same query). */
  std::vector<std::pair<Xapian::Query, Xapian::Query>> steps;
  Xapian::Query earlier;
  guint before = 0;

  if (!typed.words.all.empty ())
    steps.emplace_back (typed.words.synonyms.empty ()
                        ? typed.words.all
                        : Xapian::Query (Xapian::Query::OP_AND_MAYBE, typed.words.all, typed.words.synonyms),
                        typed.words.all);
  if (typed.browsing)
    steps.emplace_back (Xapian::Query::MatchAll, Xapian::Query::MatchAll);
  else
    steps.emplace_back (typed.words.any, typed.words.any);
  for (const auto &[step, matching] : steps)
    {
      Xapian::Query restricted = restrict_query (step, &none, typed.day);
      Xapian::Enquire enquire (*self->reader);
      guint room = max - before;
      guint first = MIN (offset > before ? offset - before : 0, room);
      guint want = MIN (limit - MIN (limit, ids->len), room - first);

      enquire.set_query (earlier.empty () ? restricted
                                          : Xapian::Query (Xapian::Query::OP_AND_NOT, restricted, earlier));
      /* A step the page needs none of is only counted: without weights Xapian counts
       * without scoring every match (at 100 000 services, 0.3 ms for a step of 80 000
       * rather than 13). */
      if (want == 0)
        enquire.set_weighting_scheme (Xapian::BoolWeight ());
      else
        enquire.set_weighting_scheme (WEIGHTING);
      if (typed.browsing && want > 0)
        enquire.set_sort_by_value_then_relevance (sp_search::SLOT_SORT_NAME, false);
      Xapian::MSet matches = enquire.get_mset (first, want, room);
      for (Xapian::MSetIterator m = matches.begin (); m != matches.end (); ++m)
        g_ptr_array_add (ids, g_strdup (m.get_document ().get_value (sp_search::SLOT_ID).c_str ()));
      before += MIN (matches.get_matches_lower_bound (), room);
      if (before >= max)
        break;
      Xapian::Query matched = restrict_query (matching, &none, typed.day);
      earlier = earlier.empty () ? matched : Xapian::Query (Xapian::Query::OP_OR, earlier, matched);
    }
  *total = before;
  return (GPtrArray *) g_steal_pointer (&ids);
}

/**
 * sp_search_index_match_page:
 * @text: what was typed, as for sp_search_index_query()
 * @offset: the first match wanted, from 0
 * @limit: at most this many
 * @max: only the best @max matches count
 * @total: (out): how many matches there are, at most @max
 *
 * A page of sp_search_index_match (@text, @max): the same ids in the same order, from
 * @offset, without reading the documents of the others or sorting more than the page.
 *
 * Returns: (transfer full) (element-type utf8): the ids, or %NULL with @error set
 */
GPtrArray *
sp_search_index_match_page (SpSearchIndex *self,
                            const char    *text,
                            guint          offset,
                            guint          limit,
                            guint          max,
                            guint         *total,
                            GError       **error)
{
  g_return_val_if_fail (self != nullptr, nullptr);
  g_return_val_if_fail (total != nullptr, nullptr);

  return read_index (self, error, [&] { return match_page (self, text, offset, limit, max, total); });
}

/**
 * sp_search_index_set_rebuild_when_damaged:
 * @rebuild: whether a query that meets a damaged index rebuilds it (the default)
 *
 * A program that must not wait for a rebuild where it searches (the app, whose searches
 * run on its main thread) turns this off: such a query fails with
 * %SP_SEARCH_ERROR_NEEDS_REBUILD instead, and the program rebuilds elsewhere (another
 * handle in a thread) when it chooses.
 */
void
sp_search_index_set_rebuild_when_damaged (SpSearchIndex *self,
                                          gboolean       rebuild)
{
  g_return_if_fail (self != nullptr);
  self->rebuild_when_damaged = rebuild;
}

/**
 * sp_search_index_get_revision:
 *
 * Reads the index afresh (as a query does first) and says which state of it a query would
 * now read: its generation and revision. Readers, in any thread, that give the same
 * revision find the same matches for the same words, so a caller may keep what it found
 * under it; any change written to the index, or a rebuild, gives another.
 *
 * Returns: (transfer full): the revision, or %NULL with @error set when the index cannot
 *   be read; a damaged one is %SP_SEARCH_ERROR_NEEDS_REBUILD
 */
char *
sp_search_index_get_revision (SpSearchIndex *self,
                              GError       **error)
{
  g_return_val_if_fail (self != nullptr, nullptr);

  try
    {
      sp_search_index_freshen_reader (self);
      return g_strdup_printf ("%s:%" G_GUINT64_FORMAT, self->generation.c_str (),
                              (guint64) self->reader->get_revision ());
    }
  catch (const Xapian::DatabaseCorruptError &)
    {
      set_needs_rebuild (error);
    }
  catch (...)
    {
      sp_search_set_error_from_exception (error, _("reading it again"));
    }
  return nullptr;
}

/**
 * sp_search_index_reopen:
 *
 * Reads the index afresh, as a query does first: sees what other programs (an import, a
 * sync, a rebuild) wrote since, so that counts such as
 * sp_search_index_count_in_category() are current. Never writes the index.
 *
 * Returns: %FALSE with @error set when the index cannot be read; a damaged one is
 *   %SP_SEARCH_ERROR_NEEDS_REBUILD
 */
gboolean
sp_search_index_reopen (SpSearchIndex *self,
                        GError       **error)
{
  g_return_val_if_fail (self != nullptr, FALSE);

  try
    {
      sp_search_index_freshen_reader (self);
      return TRUE;
    }
  catch (const Xapian::DatabaseCorruptError &)
    {
      set_needs_rebuild (error);
    }
  catch (...)
    {
      sp_search_set_error_from_exception (error, _("reading it again"));
    }
  return FALSE;
}
