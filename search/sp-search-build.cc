/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-search-build.cc: what a service becomes in the index, and building the index afresh.
 *
 * What a service becomes:
 *   free text   name (x6), category names (x4), organisation (x3) as "ZN" + stem; places (x2),
 *               description (x1) as "Z" + stem; English stems only, no positions
 *   boolean     Q<id>, XC<category and each ancestor>, XL<language>, XFREE, XWHEEL, XD<day>
 *   values      0: the name folded for sorting; 1: the locations (LatLongCoords);
 *               2: the category ids, for facet counts; 3, 4: minimum and maximum age;
 *               5, 6, 7: id, name and organisation, for results (descriptions stay in
 *               the store); 8: the badges (free, wheelchair access, languages)
 */
#include "config.h"

#include <algorithm>
#include <cstring>
#include <exception>
#include <string>
#include <thread>
#include <vector>

#include <glib/gi18n-lib.h>
#include <xapian.h>

#include "sp-search-document.h"
#include "sp-search-index-private.hh"
#include "sp-search-thesaurus.h"
#include "sp-service.h"

namespace sp_search {

namespace {

std::string
fold_for_sorting (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text != nullptr ? text : "", -1);
  return folded;
}

} /* namespace */

/* Adds (@fresh) or replaces the document of one service. */
void
index_document (Xapian::WritableDatabase &db,
                Xapian::TermGenerator    &generator,
                sp_search::GroupFinder   &groups,
                const SpServiceDocument  *d,
                bool                      fresh)
{
  Xapian::Document doc;
  std::string id_term = std::string ("Q") + d->id;
  /* Field weights: service name > taxonomy terms > organisation name > places >
   * description; the first three are the title part of the text. */
  const struct { const char *text; Xapian::termcount weight; bool title; } fields[] = {
    { d->name, 6, true }, { d->categories_text, 4, true }, { d->organization, 3, true },
    { d->places_text, 2, false }, { d->description, 1, false },
  };

  generator.set_document (doc);
  for (const auto &field : fields)
    if (field.text != nullptr)
      {
        g_autofree char *folded = sp_search_fold (field.text);
        generator.index_text_without_positions (folded, field.weight,
                                                field.title ? sp_search::TITLE_PREFIX : "");
        /* The spelling dictionary is filled here rather than by the generator, which
         * would take every number too (see is_spelling_word). */
        groups.add_text (folded, field.weight, &db);
      }
  /* "walking group tuesday": the days it meets are words too. */
  static const char *const day_words[] = { "monday", "tuesday", "wednesday", "thursday",
                                           "friday", "saturday", "sunday" };
  for (int day = 0; day < SP_SEARCH_N_DAYS; day++)
    if (d->days & (1u << day))
      generator.index_text_without_positions (day_words[day], 2);
  groups.add_terms_to (doc);

  doc.add_boolean_term (id_term);
  std::string categories;
  for (guint i = 0; i < d->categories->len; i++)
    {
      doc.add_boolean_term (std::string ("XC") + (const char *) d->categories->pdata[i]);
      if (i > 0)
        categories += '\x1f';
      categories += (const char *) d->categories->pdata[i];
    }
  if (!categories.empty ())
    doc.add_value (sp_search::SLOT_CATEGORIES, categories);
  for (guint i = 0; i < d->languages->len; i++)
    doc.add_boolean_term (std::string ("XL") + (const char *) d->languages->pdata[i]);
  if (d->free)
    doc.add_boolean_term ("XFREE");
  if (d->wheelchair)
    doc.add_boolean_term ("XWHEEL");
  for (int day = 0; day < SP_SEARCH_N_DAYS; day++)
    if (d->days & (1u << day))
      doc.add_boolean_term (std::string ("XD") + sp_search::DAY_NAMES[day]);

  doc.add_value (sp_search::SLOT_SORT_NAME, fold_for_sorting (d->name));
  doc.add_value (sp_search::SLOT_MINIMUM_AGE,
                 Xapian::sortable_serialise (d->minimum_age >= 0 ? d->minimum_age : 0));
  doc.add_value (sp_search::SLOT_MAXIMUM_AGE,
                 Xapian::sortable_serialise (d->maximum_age >= 0 ? d->maximum_age : 200));
  if (d->points->len >= 2)
    {
      Xapian::LatLongCoords coords;
      for (guint i = 0; i + 1 < d->points->len; i += 2)
        {
          double lat = g_array_index (d->points, double, i);
          double lon = g_array_index (d->points, double, i + 1);
          if (lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)
            coords.append (Xapian::LatLongCoord (lat, lon));
        }
      if (!coords.empty ())
        doc.add_value (sp_search::SLOT_LOCATIONS, coords.serialise ());
    }

  /* What a result shows without the store. The description, for its snippet, is read
   * from the store: in the index it would be most of its size. */
  doc.add_value (sp_search::SLOT_ID, d->id);
  if (d->name != nullptr)
    doc.add_value (sp_search::SLOT_NAME, d->name);
  if (d->organization != nullptr)
    doc.add_value (sp_search::SLOT_ORGANIZATION, d->organization);
  std::string badges = std::string (d->free ? "F" : "") + (d->wheelchair ? "W" : "");
  for (guint i = 0; i < d->languages->len; i++)
    badges += std::string ("\x1f") + (const char *) d->languages->pdata[i];
  if (!badges.empty ())
    doc.add_value (sp_search::SLOT_BADGES, badges);

  /* A fresh part of a rebuild has no documents to replace. */
  if (fresh)
    db.add_document (doc);
  else
    db.replace_document (id_term, doc);
}

/* A term generator for @db. Each thread needs its own: Xapian's stemmers are not shared
 * safely between threads, so this makes a new one. */
Xapian::TermGenerator
make_generator (Xapian::WritableDatabase &db, const Xapian::Stopper &stopper, const Xapian::Stem &stemmer)
{
  Xapian::TermGenerator generator;

  /* A query never asks for "the" or "my" (the parser drops them too): leaving them out
   * spares the longest posting lists the index would have. */
  generator.set_stopper (&stopper);
  generator.set_stopper_strategy (Xapian::TermGenerator::STOP_ALL);

  generator.set_stemmer (stemmer);
  /* Stems only: a second, unstemmed term for every word would double what is indexed,
   * and the query looks words up by their stems anyway (the word being typed too). */
  generator.set_stemming_strategy (Xapian::TermGenerator::STEM_ALL_Z);
  generator.set_database (db);
  return generator;
}

namespace {

/* Below this, one thread builds the index about as fast as parts and a merge (merging
 * 1 000 services' parts takes some 20 ms; building them on two cores saves 200). */
constexpr guint SHARD_MIN_SERVICES = 500;

/* Writes the thesaurus's keys: each member, as typed and (for a word) as its stem, leads to
 * the terms of the groups it belongs to and to the stems of the groups' other words. */
void
add_synonyms (SpSearchIndex *self, Xapian::WritableDatabase &db, const SpSearchThesaurus *thesaurus)
{
  for (guint g = 0; g < thesaurus->groups->len; g++)
    {
      GPtrArray *group = (GPtrArray *) thesaurus->groups->pdata[g];
      for (guint i = 0; i < group->len; i++)
        {
          g_autofree char *key = sp_search_fold ((const char *) group->pdata[i]);
          bool key_is_word = std::strchr (key, ' ') == nullptr;
          std::vector<std::string> keys = { key };

          /* "alzeimers" is corrected to a thesaurus word even if no service uses it. */
          if (key_is_word)
            {
              db.add_spelling (key);
              keys.push_back (sp_search::text_term (self->stemmer (key)));
            }
          for (const std::string &k : keys)
            {
              db.add_synonym (k, sp_search::group_term (g));
              for (guint j = 0; j < group->len; j++)
                {
                  g_autofree char *other = sp_search_fold ((const char *) group->pdata[j]);
                  /* Only words: the query looks among them for the rare ones. */
                  if (i != j && std::strchr (other, ' ') == nullptr)
                    db.add_synonym (k, sp_search::text_term (self->stemmer (other)));
                }
            }
        }
    }
}

/* Indexes ids[first], ids[first + step], … into a new database at @path. Runs on its own
 * thread with its own connection to the store. */
void
build_shard (SpSearchIndex   *self,
             GPtrArray       *ids,
             guint            first,
             guint            step,
             const std::string &path)
{
  g_autoptr (GError) error = nullptr;
  g_autoptr (SpStore) store = sp_store_open_for_reading (sp_store_get_path (self->store), &error);
  g_autoptr (SpServiceDocumentReader) reader = nullptr;

  if (store == nullptr || (reader = sp_service_document_reader_new (store, &error)) == nullptr)
    throw std::runtime_error (error->message);

  Xapian::WritableDatabase db (path, Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::Stem stemmer = sp_search::make_indexing_stemmer ();
  Xapian::TermGenerator generator = make_generator (db, self->stopper, stemmer);
  sp_search::GroupFinder groups (self->synonym_members, self->stopper, stemmer);
  for (guint i = first; i < ids->len; i += step)
    {
      g_autoptr (SpServiceDocument) document = nullptr;
      if (!sp_service_document_read (reader, (const char *) ids->pdata[i], &document, &error))
        throw std::runtime_error (error->message);
      if (document != nullptr)
        index_document (db, generator, groups, document, true);
    }
  sp_search::fault_point (SP_SEARCH_FAULT_WRITE);
  db.commit ();
  db.close ();
}

/* How many threads share a full build: one per core (at most four), and only when there
 * is enough to index that merging the parts pays for itself. */
guint
shard_count (guint n_services)
{
  if (n_services < SHARD_MIN_SERVICES)
    return 1;
  return CLAMP (g_get_num_processors (), 1, 4);
}

/* Indexes the services in @n_shards parts, one thread each, and merges the parts into a
 * new database at @path. */
void
build_in_parts (SpSearchIndex     *self,
                GPtrArray         *ids,
                guint              n_shards,
                const std::string &path)
{
  std::vector<std::string> paths;
  std::vector<std::thread> threads;
  std::vector<std::exception_ptr> failures (n_shards);

  for (guint shard = 0; shard < n_shards; shard++)
    paths.push_back (path + ".part" + std::to_string (shard));
  gint64 t0 = g_get_monotonic_time ();
  {
    /* Joins whatever threads were started, however this scope is left: a joinable
     * std::thread destroyed would end the program. */
    struct Joiner
    {
      std::vector<std::thread> &threads;
      ~Joiner ()
      {
        for (auto &thread : threads)
          if (thread.joinable ())
            thread.join ();
      }
    } joiner{ threads };

    for (guint shard = 0; shard < n_shards; shard++)
      threads.emplace_back ([&, shard] {
        try
          {
            build_shard (self, ids, shard, n_shards, paths[shard]);
          }
        catch (...)
          {
            failures[shard] = std::current_exception ();
          }
      });
  }
  g_debug ("indexed %u services in %u parts in %.2f s", ids->len, n_shards,
           (g_get_monotonic_time () - t0) / 1e6);
  for (auto &failure : failures)
    if (failure)
      std::rethrow_exception (failure);

  Xapian::Database parts;
  for (auto &part : paths)
    parts.add_database (Xapian::Database (part));
  t0 = g_get_monotonic_time ();
  parts.compact (path);
  g_debug ("merged the parts in %.2f s", (g_get_monotonic_time () - t0) / 1e6);
  parts.close ();
  for (auto &part : paths)
    sp_search::remove_tree (part);
}
/* What names a build: the version of Signpost's index, the store's stamp and the
 * thesaurus. A build that failed is not tried again for the same key. */
std::string
build_key (const char *stamp, const char *thesaurus_checksum)
{
  return std::to_string (SP_SEARCH_INDEX_VERSION) + " " + stamp + " " + thesaurus_checksum;
}

/* Inside a catch block: notes in the folder that the build for @key failed, when it would
 * fail the same way again (damage Xapian found in what it wrote, a limit it has), so that
 * it is not retried on every search. A full disk, a lock or memory may be better next
 * time and are not noted. */
void
note_failed_build (SpSearchIndex *self, const std::string &key)
{
  try
    {
      throw;
    }
  catch (const Xapian::DatabaseCorruptError &e)
    {
      sp_search::record_failed_build (self->path, key, e.get_type () + std::string (": ") + e.get_msg ());
    }
  catch (const Xapian::LogicError &e)
    {
      sp_search::record_failed_build (self->path, key, e.get_type () + std::string (": ") + e.get_msg ());
    }
  catch (...)
    {
    }
}

/* The room a build of @n_services may need: the generation in use as a measure of the
 * index's size, or for a first build the store's size but no more than 2 KiB a service
 * (the index of a national directory is a quarter of its store), twice over when it is
 * built in parts and merged, with a margin. */
guint64
room_for_build (SpSearchIndex *self, guint n_services, guint n_shards)
{
  std::string current = sp_search::current_generation (self->path);
  guint64 size = current.empty () ? 0 : sp_search::tree_size (sp_search::folder_child (self->path, current));

  if (size == 0)
    size = MIN (sp_search::tree_size (sp_store_get_path (self->store)),
                1024 * 1024 + (guint64) n_services * 2048);
  return size * (n_shards > 1 ? 2 : 1) + size / 4 + 1024 * 1024;
}

} /* namespace */

/* Builds a fresh index of every service in the store as a new generation, then makes it
 * the one in use. Large directories are indexed in parts on every core and the parts
 * merged (compacted) into one database. Holds the folder's lock throughout. Unless
 * @even_if_failed, a build that failed for the same store before is not tried again. */
void
rebuild (SpSearchIndex *self, bool even_if_failed)
{
  WriteScope scope (self);
  g_autoptr (GError) error = nullptr;
  g_autoptr (GPtrArray) ids = nullptr;
  g_autoptr (SpSearchThesaurus) thesaurus = nullptr;
  g_autofree char *stamp = nullptr;
  std::string name = sp_search::new_generation_name ();
  std::string building = sp_search::folder_child (self->path, name);

  /* What a program that died mid-build left. */
  sp_search::remove_unused (self->path);
  if ((ids = sp_service_list_ids (self->store, &error)) == nullptr)
    throw std::runtime_error (error->message);
  thesaurus = sp_search_thesaurus_load (self->store, &error);
  if (thesaurus == nullptr)
    throw std::runtime_error (error->message);
  stamp = sp_search_store_stamp (self->store);
  std::string key = build_key (stamp, thesaurus->checksum);
  if (!even_if_failed)
    {
      std::string why = sp_search::failed_build (self->path, key);
      if (!why.empty ())
        throw sp_search::BuildFailedBefore (why);
    }
  self->synonym_members = sp_search::load_synonym_members (thesaurus, self->stemmer, self->stopper);

  guint n_shards = shard_count (ids->len);
  sp_search::ensure_room (self->path, room_for_build (self, ids->len, n_shards));
  try
    {
      if (n_shards == 1)
        build_shard (self, ids, 0, 1, building);
      else
        build_in_parts (self, ids, n_shards, building);
      sp_search::fault_point (SP_SEARCH_FAULT_DAMAGED);

      Xapian::WritableDatabase db (building, Xapian::DB_OPEN);
      add_synonyms (self, db, thesaurus);
      db.set_metadata (META_VERSION, std::to_string (SP_SEARCH_INDEX_VERSION));
      db.set_metadata (META_STAMP, stamp);
      db.set_metadata (META_THESAURUS, thesaurus->checksum);
      sp_search::fault_point (SP_SEARCH_FAULT_WRITE);
      db.commit ();
      db.close ();
    }
  catch (...)
    {
      sp_search::remove_unused (self->path);
      note_failed_build (self, key);
      throw;
    }

  sp_search::publish_generation (self->path, name);
  sp_search::forget_failed_build (self->path);
  self->reader.reset ();
  self->generation.clear ();
  self->categories.valid = false;
  sp_search::remove_unused (self->path);
  sp_search_index_freshen_reader (self);
}
} /* namespace sp_search */
