/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-search-snippet.cc: the line of a result that shows why it was found.
 *
 * A result shows one or two sentences of the service's description: the sentence that
 * mentions most of what was searched for (the first sentence when none does), with the
 * matching words in [brackets]. Sentences are chosen by a cheap look for each query stem's
 * first letters; only the chosen sentence is stemmed word by word to mark the matches, so
 * twenty results cost a few microseconds each however long their descriptions.
 */
#include "config.h"

#include <algorithm>
#include <cstring>

#include "sp-search-document.h"
#include "sp-search-index-private.hh"

namespace {

struct Span
{
  size_t start;
  size_t end;
};

bool
is_word_byte (char c)
{
  /* Bytes of multi-byte characters count as letters: accents and other scripts. */
  return g_ascii_isalnum (c) || (guchar) c >= 0x80;
}

/* The sentences of @text, without their surrounding spaces. */
std::vector<Span>
split_sentences (const std::string &text)
{
  std::vector<Span> sentences;
  size_t start = 0;

  for (size_t i = 0; i <= text.size (); i++)
    {
      bool end = i == text.size () || text[i] == '\n' ||
                 ((text[i] == '.' || text[i] == '!' || text[i] == '?') &&
                  (i + 1 == text.size () || g_ascii_isspace (text[i + 1])));
      if (!end)
        continue;
      size_t stop = i < text.size () && text[i] != '\n' ? i + 1 : i;
      while (start < stop && g_ascii_isspace (text[start]))
        start++;
      size_t last = stop;
      while (last > start && g_ascii_isspace (text[last - 1]))
        last--;
      if (last > start)
        sentences.push_back ({ start, last });
      start = i + 1;
    }
  return sentences;
}

/* Where words of @lower (lower-cased ASCII) start with @probe, in order. */
std::vector<size_t>
word_starts (const std::string &lower, const std::string &probe)
{
  std::vector<size_t> starts;

  for (size_t at = lower.find (probe); at != std::string::npos; at = lower.find (probe, at + 1))
    if (at == 0 || !is_word_byte (lower[at - 1]))
      starts.push_back (at);
  return starts;
}

/* The first letters a word has whatever its ending: a stem less its last letter, which
 * the stemmer may have changed ("memor" for "memori" of "memory", "car" for "care" of
 * "caring"). */
std::string
probe_for (const std::string &stem)
{
  return stem.size () >= 3 ? stem.substr (0, stem.size () - 1) : stem;
}

/* Cuts @text to at most @max_chars characters at a word boundary. */
std::string
shorten (const std::string &text, size_t max_chars, bool *cut_short)
{
  *cut_short = (size_t) g_utf8_strlen (text.c_str (), -1) > max_chars;
  if (!*cut_short)
    return text;
  const char *cut = g_utf8_offset_to_pointer (text.c_str (), (glong) max_chars);
  size_t end = cut - text.c_str ();
  size_t space = text.rfind (' ', end);
  if (space != std::string::npos && space > end / 2)
    end = space;
  while (end > 0 && (text[end - 1] == ',' || text[end - 1] == ';' || text[end - 1] == ' '))
    end--;
  return text.substr (0, end);
}

/* The sentence that names most of the query, and (@best_at) where it first does, or npos:
 * each probe is looked for once in the whole (lowered) text, and its places shared out
 * among the sentences. */
size_t
best_sentence (const std::vector<Span>        &sentences,
               const std::string              &lower,
               const std::vector<std::string> &probes,
               size_t                         *best_at)
{
  std::vector<size_t> score (sentences.size (), 0), first (sentences.size (), std::string::npos);
  for (const std::string &probe : probes)
    {
      size_t sentence = 0, last_counted = std::string::npos;
      for (size_t at : word_starts (lower, probe))
        {
          while (sentence < sentences.size () && sentences[sentence].end <= at)
            sentence++;
          if (sentence == sentences.size ())
            break;
          if (at < sentences[sentence].start || last_counted == sentence)
            continue;
          score[sentence]++;
          first[sentence] = MIN (first[sentence], at);
          last_counted = sentence;
        }
    }
  size_t best = 0;
  for (size_t i = 0; i < sentences.size (); i++)
    if (score[i] > score[best])
      best = i;
  *best_at = score[best] > 0 ? first[best] : std::string::npos;
  return best;
}

/* A word of a snippet as matches are looked for: lower case, accents folded. */
std::string
match_key (const std::string &word)
{
  std::string key = word;

  if (std::all_of (key.begin (), key.end (), [] (char c) { return (guchar) c < 0x80; }))
    {
      for (char &c : key)
        c = g_ascii_tolower (c);
      return key;
    }
  g_autofree char *folded = sp_search_fold (word.c_str ());
  g_autofree char *folded_lower = g_utf8_strdown (folded, -1);
  return folded_lower;
}

/* @window with the words that match put in [brackets], stemmed as the index stems them. */
std::string
mark_matches (const std::string              &window,
              const std::vector<std::string> &probes,
              const std::set<std::string>    &stems,
              const std::string              &prefix,
              const Xapian::Stem             &stemmer)
{
  std::string marked;
  size_t i = 0;

  while (i < window.size ())
    {
      if (!is_word_byte (window[i]))
        {
          marked += window[i++];
          continue;
        }
      size_t j = i;
      while (j < window.size () && (is_word_byte (window[j]) ||
                                    (window[j] == '\'' && j + 1 < window.size () && is_word_byte (window[j + 1]))))
        j++;
      std::string word = window.substr (i, j - i);
      std::string key = match_key (word);
      /* Only a word that starts like a stem searched for is worth stemming. */
      bool hit = false;
      for (const std::string &probe : probes)
        if (key.compare (0, probe.size (), probe) == 0)
          {
            hit = (!prefix.empty () && key.compare (0, prefix.size (), prefix) == 0) ||
                  stems.count (stemmer (key)) > 0;
            break;
          }
      marked += hit ? "[" + word + "]" : word;
      i = j;
    }
  return marked;
}

} /* namespace */

namespace sp_search {

std::string
make_snippet (const std::string           &description,
              const std::set<std::string> &stems,
              const std::string           &prefix,
              const Xapian::Stem          &stemmer,
              size_t                       max_chars)
{
  std::vector<Span> sentences = split_sentences (description);
  if (sentences.empty ())
    return "";

  std::string lower = description;
  for (char &c : lower)
    if (c >= 'A' && c <= 'Z')
      c = (char) (c - 'A' + 'a');
  std::vector<std::string> probes;
  for (const std::string &stem : stems)
    probes.push_back (probe_for (stem));
  if (!prefix.empty ())
    probes.push_back (prefix);

  size_t best_at;
  size_t best = best_sentence (sentences, lower, probes, &best_at);

  /* A short sentence keeps its neighbour; a long one starts near the match. */
  size_t start = sentences[best].start, end = sentences[best].end;
  if (best + 1 < sentences.size () && g_utf8_strlen (description.c_str () + start, end - start) < (glong) max_chars / 2)
    end = sentences[best + 1].end;
  std::string lead;
  if (best_at != std::string::npos &&
      g_utf8_strlen (description.c_str () + start, best_at - start) > (glong) max_chars * 2 / 3)
    {
      size_t words_before = 0, at = best_at;
      while (at > start && words_before < 4)
        if (description[--at] == ' ')
          words_before++;
      start = description[at] == ' ' ? at + 1 : at;
      lead = "…";
    }
  bool cut_short;
  std::string window = shorten (description.substr (start, end - start), max_chars, &cut_short);
  return lead + mark_matches (window, probes, stems, prefix, stemmer) + (cut_short ? "…" : "");
}

} /* namespace sp_search */
