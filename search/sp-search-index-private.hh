/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-search-index-private.hh: what the C++ files of the search index share. */
#pragma once

#include <iterator>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "sp-search-document.h"
#include "sp-search-fault.h"
#include "sp-search-index.h"
#include "sp-search-thesaurus.h"

namespace sp_search {

constexpr Xapian::valueno SLOT_SORT_NAME = 0;
constexpr Xapian::valueno SLOT_LOCATIONS = 1;
constexpr Xapian::valueno SLOT_CATEGORIES = 2;   /* term ids separated by \x1f, for facets */
constexpr Xapian::valueno SLOT_MINIMUM_AGE = 3;  /* sortable_serialise; 0 when the feed gives none */
constexpr Xapian::valueno SLOT_MAXIMUM_AGE = 4;  /* sortable_serialise; 200 when the feed gives none */
/* What a result shows, as values rather than document data: Xapian compresses every
 * document's data on writing (a zlib stream each, most of a build's time), values not. */
constexpr Xapian::valueno SLOT_ID = 5;
constexpr Xapian::valueno SLOT_NAME = 6;
constexpr Xapian::valueno SLOT_ORGANIZATION = 7;
/* A result's badges, so that showing one needs no read of its term list (a zlib stream):
 * "F" when free, "W" when wheelchair accessible, then each language code after a \x1f
 * (a language without a code goes by its name, which may have spaces). */
constexpr Xapian::valueno SLOT_BADGES = 8;
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

/* Free text is indexed in two parts, as English stems: the words that say what a service
 * is (its name, categories and organisation) as "ZN" + stem, the rest (description,
 * places) as "Z" + stem. A query asks for both. A word common in descriptions then has a
 * long posting list of little weight, which Xapian stops reading once the best results are
 * found by name; as one list it would have to be read to the end. */
constexpr const char *TITLE_PREFIX = "N";

inline std::string
text_term (const std::string &stem)
{
  return "Z" + stem;
}

inline std::string
title_term (const std::string &stem)
{
  return std::string ("Z") + TITLE_PREFIX + stem;
}

/* The stem of a free-text term of either part; "" for any other term. */
inline std::string
stem_of_term (const std::string &term)
{
  if (term.size () < 2 || term[0] != 'Z')
    return "";
  return term.compare (1, 1, TITLE_PREFIX) == 0 ? term.substr (2) : term.substr (1);
}

/* Each group of the thesaurus is a term of its own, "XS<n>", given to every service that
 * uses any member of the group (sp-search-groups.cc). */
constexpr const char *SYNONYM_GROUP_PREFIX = "XS";

struct SynonymMember
{
  guint group;
  std::vector<std::string> other_stems;   /* a phrase's other words, in order */
};

/* The thesaurus's members by the stem of their first word ("memori"). */
using SynonymMembers = std::unordered_map<std::string, std::vector<SynonymMember>>;

std::string    group_term            (guint group);
/* An English stemmer that remembers the stems it has worked out (sp-search-stem.cc): for
 * one thread's indexing. */
Xapian::Stem   make_indexing_stemmer (void);
SynonymMembers load_synonym_members  (const SpSearchThesaurus *thesaurus,
                                      const Xapian::Stem      &stemmer,
                                      const Xapian::Stopper   &stopper);

/* Finds the groups one service's text speaks of. One per thread: it has its own stemmer
 * and its own cache of the stems of words it has seen. */
class GroupFinder
{
public:
  GroupFinder (const SynonymMembers &members, const Xapian::Stopper &stopper,
               const Xapian::Stem &stemmer);
  void add_text (const char *folded, Xapian::termcount weight, Xapian::WritableDatabase *spelling);
  void add_terms_to (Xapian::Document &doc);

private:
  struct Word
  {
    std::string stem;
    bool stop = false;
    const std::vector<SynonymMember> *members = nullptr;   /* those starting with it */
  };
  const Word &word_info (const std::string &word);

  const SynonymMembers &members;
  const Xapian::Stopper &stopper;
  Xapian::Stem stemmer;
  std::unordered_map<std::string, Word> words;
  std::unordered_map<guint, Xapian::termcount> groups;
};

/* Every service's categories by document id, for counting matches per category
 * (sp-search-facets.cc). */
struct CategoryTable
{
  bool valid = false;
  Xapian::rev revision = 0;
  std::vector<std::string> names;                      /* category term ids */
  std::unordered_map<std::string, guint16> index_of;
  std::vector<std::vector<guint16>> of_document;       /* docid -> indices into names */

  void refresh (const Xapian::Database &db);
  void patch (const Xapian::Database &db, Xapian::rev before, const char * const *ids);

private:
  guint16 index_for (const std::string &id);
  void set (Xapian::docid did, const std::string &value);
};

/* Counts a query's matches per category, for "Memory (4)": the first @sample matches
 * Xapian examines (all of a small result), scaled up for a larger one. */
class CategorySpy : public Xapian::MatchSpy
{
public:
  CategorySpy (const CategoryTable &table, Xapian::doccount sample);
  void operator() (const Xapian::Document &doc, double weight) override;
  GHashTable *counts_scaled_to (guint total) const;

private:
  const CategoryTable &table;
  Xapian::doccount sample;
  Xapian::doccount seen = 0;
  std::vector<guint> counts;
};

/* The index folder that several programs share (sp-search-folder.cc). */
std::string folder_child        (const std::string &folder,
                                 const std::string &name);
std::string current_generation  (const std::string &folder);
std::string new_generation_name (void);
void        publish_generation  (const std::string &folder,
                                 const std::string &name);
void        remove_tree         (const std::string &path);
void        remove_unused       (const std::string &folder);
std::string private_folder_for  (const char        *store_path);

/* The index's folder cannot be written (what() says why) though the index needs writing. */
struct ReadOnlyFolder : std::runtime_error
{
  ReadOnlyFolder (const std::string &in, const char *why, const std::string &instead = "")
    : std::runtime_error (why), folder (in), private_folder (instead) {}
  std::string folder;
  std::string private_folder;   /* the copy in the user's cache, which could not be written either */
};

/* Another program has held the folder's lock for longer than a writer waits. */
struct BusyFolder : std::runtime_error
{
  using std::runtime_error::runtime_error;
};

/* The disk holding @folder has less room than a write of the index may need. Checked
 * before writing, because Xapian 1.4 can end the program (std::terminate) rather than
 * throw when the disk fills during a commit. */
struct DiskFull : std::runtime_error
{
  DiskFull (const std::string &in, guint64 free_bytes, guint64 needed_bytes)
    : std::runtime_error ("no room"), folder (in), available (free_bytes), needed (needed_bytes) {}
  std::string folder;
  guint64 available;
  guint64 needed;
};

/* A build of the index failed for the store as it is now (what() says why), and is not
 * tried again until the store, the thesaurus or Signpost's version changes, or someone
 * asks for a rebuild. */
struct BuildFailedBefore : std::runtime_error
{
  using std::runtime_error::runtime_error;
};

guint64     tree_size           (const std::string &path);
void        ensure_room         (const std::string &folder,
                                 guint64            needed);
void        record_failed_build (const std::string &folder,
                                 const std::string &key,
                                 const std::string &why);
std::string failed_build        (const std::string &folder,
                                 const std::string &key);
void        forget_failed_build (const std::string &folder);

/* Throws at @point when a test has asked it to (sp-search-fault.h); else does nothing. */
void fault_point (SpSearchFault point);

/* The folder's write lock, held while building, updating or removing generations. */
class FolderLock
{
public:
  enum class Result { ACQUIRED, BUSY, NOT_WRITABLE };

  FolderLock () = default;
  FolderLock (const FolderLock &) = delete;
  FolderLock &operator= (const FolderLock &) = delete;
  ~FolderLock ();

  Result acquire (const std::string &folder, bool wait, gint64 timeout_us,
                  SpSearchWaitFunc waiting, gpointer user_data);
  void release (void);
  bool held (void) const { return fd >= 0; }
  int error_number (void) const { return saved_errno; }   /* why NOT_WRITABLE */

private:
  int fd = -1;
  int saved_errno = 0;
};

} /* namespace sp_search */

struct _SpSearchIndex
{
  SpStore *store;
  std::string path;                  /* the index folder */
  std::string shared_path;           /* the folder beside the store (@path, unless it cannot be written) */
  std::string generation;            /* the generation @reader has open, or "" */
  sp_search::FolderLock lock;
  guint lock_depth = 0;              /* nested sp_search_index_lock() calls */
  std::unique_ptr<Xapian::Database> reader;
  sp_search::SynonymMembers synonym_members;
  sp_search::CategoryTable categories;
  SpServiceDocumentReader *descriptions;  /* (nullable) reads results' descriptions from the store */
  bool rebuild_when_damaged = true;  /* a query that meets damage rebuilds (else it says so) */
  Xapian::Stem stemmer{"english"};
  Xapian::SimpleStopper stopper{std::begin (sp_search::STOP_WORDS), std::end (sp_search::STOP_WORDS)};
};

namespace sp_search {

/* A line or two of @description showing why it matched: the words whose stems are in
 * @stems, or that start with @prefix (the word being typed), are put in [brackets]. */
std::string make_snippet (const std::string           &description,
                          const std::set<std::string> &stems,
                          const std::string           &prefix,
                          const Xapian::Stem          &stemmer,
                          size_t                       max_chars);

} /* namespace sp_search */

/* Opens the generation in use for reading, or a newer one if a writer has swapped it in,
 * or the next revision of the one open (sp-search-index.cc). Throws when there is none. */
void sp_search_index_freshen_reader (SpSearchIndex *self);

/* Rebuilds after damage found while reading, unless a build for the store as it is failed
 * before (sp-search-index.cc). */
gboolean sp_search_index_repair (SpSearchIndex *self,
                                 GError       **error);

namespace sp_search {

/* The index's own metadata: its version, the store stamp and thesaurus it was built from. */
constexpr const char *META_VERSION = "signpost-index-version";
constexpr const char *META_STAMP = "signpost-store-stamp";
constexpr const char *META_THESAURUS = "signpost-thesaurus";

/* The folder's write lock for a handle, counted (sp-search-index.cc). */
FolderLock::Result take_lock (SpSearchIndex *self, bool wait, SpSearchWaitFunc waiting = nullptr,
                              gpointer user_data = nullptr);
void               drop_lock (SpSearchIndex *self);

/* Holds the write lock for a scope, waiting for another program's turn; throws when the
 * folder cannot be written or the other program never finishes. */
class WriteScope
{
public:
  explicit WriteScope (SpSearchIndex *index) : self (index)
  {
    switch (take_lock (self, true))
      {
      case FolderLock::Result::ACQUIRED:
        return;
      case FolderLock::Result::NOT_WRITABLE:
        throw ReadOnlyFolder (self->path, g_strerror (self->lock.error_number ()));
      case FolderLock::Result::BUSY:
      default:
        throw BusyFolder (self->path);
      }
  }
  ~WriteScope () { drop_lock (self); }
  WriteScope (const WriteScope &) = delete;
  WriteScope &operator= (const WriteScope &) = delete;

private:
  SpSearchIndex *self;
};

/* What a service becomes in the index, and building it afresh (sp-search-build.cc). */
Xapian::TermGenerator make_generator (Xapian::WritableDatabase &db, const Xapian::Stopper &stopper,
                                      const Xapian::Stem &stemmer);
void                  index_document (Xapian::WritableDatabase &db, Xapian::TermGenerator &generator,
                                      GroupFinder &groups, const SpServiceDocument *d, bool fresh);
void                  rebuild        (SpSearchIndex *self, bool even_if_failed);

} /* namespace sp_search */

/* Turns the exception being handled into @error; call only inside a catch block. */
void sp_search_set_error_from_exception (GError    **error,
                                         const char *doing);
