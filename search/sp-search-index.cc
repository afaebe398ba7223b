/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-search-index.cc: the Xapian search index, behind the C API of sp-search-index.h.
 *
 * Every exported function catches Xapian::Error and any other C++ exception and turns it
 * into a GError: nothing C++ crosses into C. The index is a Xapian database folder beside
 * the store. Queries read through a Xapian::Database that is reopened when a writer has
 * moved on; writes open a WritableDatabase only for as long as they take, so several
 * readers (the app, signpost-cli) can share one index while one writer updates it. What a
 * service becomes in the index, and building it afresh, are in sp-search-build.cc.
 */
#include "config.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <string>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <xapian.h>

#include "sp-search-document.h"
#include "sp-search-index-private.hh"
#include "sp-search-thesaurus.h"

G_DEFINE_QUARK (sp-search-error-quark, sp_search_error)

namespace {

/* Up to this many changed services (or a quarter of the index) are updated one by one;
 * more are quicker indexed afresh. */
constexpr guint REBUILD_ABOVE_CHANGES = 2000;
/* How long a writer waits for another program's build or update before giving up. */
constexpr gint64 LOCK_TIMEOUT_US = 10 * 60 * G_USEC_PER_SEC;

} /* namespace */

void
sp_search_set_error_from_exception (GError    **error,
                                    const char *doing)
{
  try
    {
      throw;
    }
  catch (const sp_search::ReadOnlyFolder &e)
    {
      if (!e.private_folder.empty ())
        g_set_error (error, SP_SEARCH_ERROR, SP_SEARCH_ERROR_READ_ONLY,
                     _("The search index in %s is out of date and that folder cannot be written; "
                       "nor can %s, where Signpost would keep a copy of its own (%s). Ask whoever "
                       "looks after this computer to bring the index up to date."),
                     e.folder.c_str (), e.private_folder.c_str (), e.what ());
      else
      g_set_error (error, SP_SEARCH_ERROR, SP_SEARCH_ERROR_READ_ONLY,
                   _("The search index in %s needs updating, but that folder cannot be written "
                     "(%s). Ask whoever looks after this computer, or run Signpost as someone "
                     "who may change the data folder."), e.folder.c_str (), e.what ());
    }
  catch (const sp_search::DiskFull &e)
    {
      g_autofree char *available = g_format_size (e.available);
      g_autofree char *needed = g_format_size (e.needed);
      g_set_error (error, SP_SEARCH_ERROR, SP_SEARCH_ERROR_DISK_FULL,
                   _("The disk holding the search index (%s) is too full to write it: %s free, "
                     "about %s needed. Free some space."),
                   e.folder.c_str (), available, needed);
    }
  catch (const sp_search::BuildFailedBefore &e)
    {
      g_set_error (error, SP_SEARCH_ERROR, SP_SEARCH_ERROR_FAILED,
                   _("The search index could not be built from this directory last time (%s), so "
                     "it is not tried again until the directory changes; “signpost-cli index "
                     "--rebuild” tries at once."), e.what ());
    }
  catch (const sp_search::BusyFolder &e)
    {
      g_set_error (error, SP_SEARCH_ERROR, SP_SEARCH_ERROR_LOCKED,
                   _("The search index in %s is being updated by another program that has not "
                     "finished. Try again in a few minutes."), e.what ());
    }
  catch (const Xapian::DatabaseLockError &e)
    {
      g_set_error (error, SP_SEARCH_ERROR, SP_SEARCH_ERROR_LOCKED,
                   _("The search index is being updated by another program (%s). Try again in "
                   "a moment."), e.get_msg ().c_str ());
    }
  catch (const Xapian::DatabaseOpeningError &e)
    {
      g_set_error (error, SP_SEARCH_ERROR, SP_SEARCH_ERROR_OPEN,
                   _("Cannot open the search index while %s: %s"), doing, e.get_msg ().c_str ());
    }
  catch (const Xapian::Error &e)
    {
      g_set_error (error, SP_SEARCH_ERROR, SP_SEARCH_ERROR_FAILED,
                   _("The search index failed while %s: %s: %s"), doing, e.get_type (),
                   e.get_msg ().c_str ());
    }
  catch (const std::exception &e)
    {
      g_set_error (error, SP_SEARCH_ERROR, SP_SEARCH_ERROR_FAILED,
                   _("The search index failed while %s: %s"), doing, e.what ());
    }
  catch (...)
    {
      g_set_error (error, SP_SEARCH_ERROR, SP_SEARCH_ERROR_FAILED,
                   _("The search index failed while %s."), doing);
    }
}

namespace sp_search {

/* Takes the folder's write lock for this handle; a handle that holds it already (inside
 * sp_search_index_lock()) just counts one more. */
sp_search::FolderLock::Result
take_lock (SpSearchIndex *self, bool wait, SpSearchWaitFunc waiting, gpointer user_data)
{
  if (self->lock_depth > 0)
    {
      self->lock_depth++;
      return sp_search::FolderLock::Result::ACQUIRED;
    }
  auto result = self->lock.acquire (self->path, wait, LOCK_TIMEOUT_US, waiting, user_data);
  if (result == sp_search::FolderLock::Result::ACQUIRED)
    self->lock_depth = 1;
  return result;
}

void
drop_lock (SpSearchIndex *self)
{
  g_assert (self->lock_depth > 0);
  if (--self->lock_depth == 0)
    self->lock.release ();
}

} /* namespace sp_search */

namespace {

/* The room an update of @n_changed services may need: as much again as the blocks it may
 * rewrite (Xapian writes changed blocks beside the old ones until the commit), never more
 * than the whole generation, with a margin. */
guint64
room_for_update (const std::string &generation, gsize n_changed)
{
  guint64 size = sp_search::tree_size (generation);
  guint64 touched = MIN (size, 16 * 1024 * 1024 + (guint64) n_changed * 64 * 1024);

  return touched + touched / 4 + 1024 * 1024;
}

enum class Fitness
{
  UNUSABLE,   /* missing, damaged, or of another version or thesaurus */
  STALE,      /* whole, but built from the store as it was before a change */
  CURRENT,
};

/* How the generation in use compares with the store as it is now and the thesaurus; opens
 * it for reading when it can be used at all. */
Fitness
examine (SpSearchIndex *self, const char *stamp, const char *thesaurus_checksum)
{
  try
    {
      sp_search_index_freshen_reader (self);
      const Xapian::Database &db = *self->reader;
      if (db.get_metadata (sp_search::META_VERSION) != std::to_string (SP_SEARCH_INDEX_VERSION) ||
          db.get_metadata (sp_search::META_THESAURUS) != thesaurus_checksum)
        return Fitness::UNUSABLE;
      /* Reading one posting list finds most damage the header check misses. */
      db.get_doccount ();
      db.get_termfreq ("XFREE");
      return db.get_metadata (sp_search::META_STAMP) == stamp ? Fitness::CURRENT : Fitness::STALE;
    }
  catch (const Xapian::Error &)
    {
      self->reader.reset ();
      self->generation.clear ();
      self->categories.valid = false;
      return Fitness::UNUSABLE;
    }
}

/* The folder of the store's own index cannot be written: use (and build) one in the
 * user's cache instead. Returns false when this handle is there already. */
bool
move_to_private_folder (SpSearchIndex *self)
{
  std::string private_folder = sp_search::private_folder_for (sp_store_get_path (self->store));

  if (self->path == private_folder || self->lock_depth > 0)
    return false;
  g_debug ("The index folder %s cannot be written; using %s", self->path.c_str (), private_folder.c_str ());
  self->path = private_folder;
  self->reader.reset ();
  self->generation.clear ();
  self->categories.valid = false;
  return true;
}

} /* namespace */

/**
 * sp_search_index_path_for_store:
 *
 * Where the index of @store lives: a folder "search-index" beside the store file.
 */
char *
sp_search_index_path_for_store (SpStore *store)
{
  g_autofree char *dir = g_path_get_dirname (sp_store_get_path (store));
  return g_build_filename (dir, "search-index", nullptr);
}

/**
 * sp_search_index_new:
 * @store: the directory store the index is built from
 * @path: (nullable): the index folder; %NULL for the one beside the store
 *
 * A handle on the index that has not looked at it yet: for sp_search_index_rebuild()
 * ("index --rebuild"), which must work even where bringing the index up to date does not.
 * Searching it first needs sp_search_index_sync().
 */
SpSearchIndex *
sp_search_index_new (SpStore    *store,
                     const char *path,
                     GError    **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), nullptr);

  _SpSearchIndex *self = nullptr;
  try
    {
      g_autofree char *beside = path == nullptr ? sp_search_index_path_for_store (store) : nullptr;

      sp_search::fault_point (SP_SEARCH_FAULT_ALLOC);
      self = new _SpSearchIndex ();
      self->store = SP_STORE (g_object_ref (store));
      self->path = path != nullptr ? path : beside;
      self->shared_path = self->path;
    }
  catch (...)
    {
      sp_search_set_error_from_exception (error, _("opening it"));
      sp_search_index_close (self);
      return nullptr;
    }
  return self;
}

/**
 * sp_search_index_open:
 * @store: the directory store the index is built from
 * @path: (nullable): the index folder; %NULL for the one beside the store
 *
 * Opens the index, rebuilding it first when it is missing, damaged, of another version,
 * or out of date with the store.
 */
SpSearchIndex *
sp_search_index_open (SpStore    *store,
                      const char *path,
                      GError    **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), nullptr);

  SpSearchIndex *self = sp_search_index_new (store, path, error);
  if (self != nullptr && !sp_search_index_sync (self, nullptr, error))
    {
      sp_search_index_close (self);
      return nullptr;
    }
  return self;
}

/* Opens the generation in use, a newer one a writer has swapped in since, or the next
 * revision of the one open. A generation can vanish between reading the link and opening
 * it (a writer swapped in another and removed it): then the link is read again. */
void
sp_search_index_freshen_reader (SpSearchIndex *self)
{
  for (int attempt = 0;; attempt++)
    {
      std::string name = sp_search::current_generation (self->path);
      if (name.empty ())
        throw Xapian::DatabaseNotFoundError ("there is no search index in " + self->path + " yet");
      try
        {
          if (self->reader && name == self->generation)
            {
              sp_search::fault_point (SP_SEARCH_FAULT_REOPEN);
              self->reader->reopen ();
              return;
            }
          sp_search::fault_point (SP_SEARCH_FAULT_OPEN);
          auto db = std::make_unique<Xapian::Database> (sp_search::folder_child (self->path, name));
          self->reader = std::move (db);
          self->generation = name;
          self->categories.valid = false;
          return;
        }
      catch (const Xapian::DatabaseOpeningError &)
        {
          self->reader.reset ();
          self->generation.clear ();
          if (attempt >= 4)
            throw;
        }
    }
}

/**
 * sp_search_index_sync:
 * @rebuilt: (out) (optional): whether a full rebuild was needed
 *
 * Brings the index up to date with the store: nothing when it is current, else a rebuild.
 * When another program is bringing it up to date already, the whole index it replaces
 * serves until then. When the index's folder cannot be written and the index there will
 * not do, one is built in the user's cache instead.
 */
gboolean
sp_search_index_sync (SpSearchIndex *self,
                      gboolean      *rebuilt,
                      GError       **error)
{
  using Result = sp_search::FolderLock::Result;

  g_return_val_if_fail (self != nullptr, FALSE);

  if (rebuilt != nullptr)
    *rebuilt = FALSE;
  try
    {
      g_autoptr (SpSearchThesaurus) thesaurus = nullptr;

      if ((thesaurus = sp_search_thesaurus_load (self->store, error)) == nullptr)
        return FALSE;
      self->synonym_members = sp_search::load_synonym_members (thesaurus, self->stemmer, self->stopper);
      for (;;)
        {
          g_autofree char *stamp = sp_search_store_stamp (self->store);
          Fitness fitness = examine (self, stamp, thesaurus->checksum);
          if (fitness == Fitness::CURRENT)
            return TRUE;

          Result result = sp_search::take_lock (self, false);
          if (result == Result::BUSY && fitness == Fitness::STALE)
            return TRUE;
          if (result == Result::BUSY)
            result = sp_search::take_lock (self, true);
          if (result == Result::NOT_WRITABLE && move_to_private_folder (self))
            continue;
          if (result == Result::NOT_WRITABLE && self->path != self->shared_path)
            throw sp_search::ReadOnlyFolder (self->shared_path, g_strerror (self->lock.error_number ()), self->path);
          if (result == Result::NOT_WRITABLE)
            throw sp_search::ReadOnlyFolder (self->path, g_strerror (self->lock.error_number ()));
          if (result == Result::BUSY)
            throw sp_search::BusyFolder (self->path);

          /* Another program may have finished the work while this one waited. */
          g_free (stamp);
          stamp = sp_search_store_stamp (self->store);
          try
            {
              fitness = examine (self, stamp, thesaurus->checksum);
              if (fitness != Fitness::CURRENT)
                {
                  sp_search::rebuild (self, false);
                  if (rebuilt != nullptr)
                    *rebuilt = TRUE;
                }
            }
          catch (const sp_search::BuildFailedBefore &e)
            {
              sp_search::drop_lock (self);
              /* The last whole index serves, out of date, rather than none. */
              if (fitness != Fitness::STALE)
                throw;
              g_debug ("Searching an out-of-date index: a new one could not be built (%s)", e.what ());
              return TRUE;
            }
          catch (...)
            {
              sp_search::drop_lock (self);
              throw;
            }
          sp_search::drop_lock (self);
          return TRUE;
        }
    }
  catch (...)
    {
      sp_search_set_error_from_exception (error, _("bringing it up to date"));
      return FALSE;
    }
}

/**
 * sp_search_index_rebuild:
 *
 * Indexes every service of the store afresh, as a new generation that replaces the one in
 * use only when it is complete.
 */
gboolean
sp_search_index_rebuild (SpSearchIndex *self,
                         GError       **error)
{
  g_return_val_if_fail (self != nullptr, FALSE);

  try
    {
      sp_search::rebuild (self, true);
      return TRUE;
    }
  catch (...)
    {
      sp_search_set_error_from_exception (error, _("rebuilding it"));
      return FALSE;
    }
}

/* sp_search_index_rebuild() for damage found while reading: not tried again when a
 * build for the store as it is failed before, so that a directory Xapian cannot index
 * costs each search an error, not another failed build. */
gboolean
sp_search_index_repair (SpSearchIndex *self,
                        GError       **error)
{
  g_return_val_if_fail (self != nullptr, FALSE);

  try
    {
      sp_search::rebuild (self, false);
      return TRUE;
    }
  catch (...)
    {
      sp_search_set_error_from_exception (error, _("rebuilding it"));
      return FALSE;
    }
}

/**
 * sp_search_index_lock:
 * @waiting: (nullable) (scope call): called once if another program is writing the index
 *   and this one has to wait for it
 *
 * Takes the index's write lock, shared by every program on the data folder, and holds it
 * until sp_search_index_unlock(). A program that changes the store holds it from before
 * its transaction until the index has been brought up to date, so that another program
 * that meets the changed store meanwhile knows the index is being updated and keeps
 * using the whole one it has rather than rebuilding it too. Calls nest.
 *
 * Returns: %FALSE with @error set when the index's folder cannot be written, or another
 *   program has held the lock for many minutes
 */
gboolean
sp_search_index_lock (SpSearchIndex   *self,
                      SpSearchWaitFunc waiting,
                      gpointer         user_data,
                      GError         **error)
{
  g_return_val_if_fail (self != nullptr, FALSE);

  try
    {
      switch (sp_search::take_lock (self, true, waiting, user_data))
        {
        case sp_search::FolderLock::Result::ACQUIRED:
          return TRUE;
        case sp_search::FolderLock::Result::NOT_WRITABLE:
          throw sp_search::ReadOnlyFolder (self->path, g_strerror (self->lock.error_number ()));
        case sp_search::FolderLock::Result::BUSY:
        default:
          throw sp_search::BusyFolder (self->path);
        }
    }
  catch (...)
    {
      sp_search_set_error_from_exception (error, _("waiting to update it"));
      return FALSE;
    }
}

void
sp_search_index_unlock (SpSearchIndex *self)
{
  g_return_if_fail (self != nullptr);
  g_return_if_fail (self->lock_depth > 0);
  sp_search::drop_lock (self);
}

/* The folder the index is in: beside the store, or in the user's cache when that one
 * cannot be written. */
const char *
sp_search_index_get_path (SpSearchIndex *self)
{
  g_return_val_if_fail (self != nullptr, nullptr);
  return self->path.c_str ();
}

/**
 * sp_search_index_update:
 * @ids: services that were added, changed or removed in the store
 *
 * Re-indexes just these services (removing those the store no longer has) in the
 * generation in use, and records that the index matches the store as it is now.
 */
gboolean
sp_search_index_update (SpSearchIndex      *self,
                        const char * const *ids,
                        GError            **error)
{
  g_return_val_if_fail (self != nullptr, FALSE);
  g_return_val_if_fail (ids != nullptr, FALSE);

  try
    {
      sp_search::WriteScope scope (self);
      g_autoptr (SpServiceDocumentReader) reader = sp_service_document_reader_new (self->store, error);
      g_autofree char *stamp = nullptr;
      std::string name = sp_search::current_generation (self->path);
      Xapian::rev before;

      if (reader == nullptr)
        return FALSE;
      if (name.empty ())
        {
          sp_search::rebuild (self, false);
          return TRUE;
        }
      stamp = sp_search_store_stamp (self->store);
      sp_search::fault_point (SP_SEARCH_FAULT_ALLOC);
      sp_search::ensure_room (self->path, room_for_update (sp_search::folder_child (self->path, name),
                                                           g_strv_length ((char **) ids)));
      {
        Xapian::WritableDatabase db (sp_search::folder_child (self->path, name), Xapian::DB_OPEN);
        Xapian::Stem stemmer = sp_search::make_indexing_stemmer ();
        Xapian::TermGenerator generator = sp_search::make_generator (db, self->stopper, stemmer);
        sp_search::GroupFinder groups (self->synonym_members, self->stopper, stemmer);

        before = db.get_revision ();
        for (gsize i = 0; ids[i] != nullptr; i++)
          {
            g_autoptr (SpServiceDocument) document = nullptr;

            /* A read that failed is not a service that was removed. */
            if (!sp_service_document_read (reader, ids[i], &document, error))
              return FALSE;
            if (document != nullptr)
              sp_search::index_document (db, generator, groups, document, false);
            else
              db.delete_document (std::string ("Q") + ids[i]);
          }
        db.set_metadata (sp_search::META_STAMP, stamp);
        sp_search::fault_point (SP_SEARCH_FAULT_WRITE);
        db.commit ();
      }
      sp_search_index_freshen_reader (self);
      self->categories.patch (*self->reader, before, ids);
      return TRUE;
    }
  catch (...)
    {
      sp_search_set_error_from_exception (error, _("updating services"));
      return FALSE;
    }
}

/**
 * sp_search_index_apply_changes:
 * @changed_ids: (element-type utf8) (nullable): the services an import wrote (as in
 *   SpImportReport.changed), or %NULL when it cannot say
 *
 * Brings the index up to date after an import into a store the index was current with:
 * just the changed services, or a rebuild when they are not known or are so many that
 * indexing everything afresh is quicker.
 */
gboolean
sp_search_index_apply_changes (SpSearchIndex *self,
                               GPtrArray     *changed_ids,
                               GError       **error)
{
  g_return_val_if_fail (self != nullptr, FALSE);

  if (changed_ids == nullptr)
    return sp_search_index_sync (self, nullptr, error);
  if (changed_ids->len > MAX (REBUILD_ABOVE_CHANGES, sp_search_index_get_n_services (self) / 4))
    return sp_search_index_rebuild (self, error);

  g_autoptr (GPtrArray) ids = g_ptr_array_new ();
  for (guint i = 0; i < changed_ids->len; i++)
    g_ptr_array_add (ids, changed_ids->pdata[i]);
  g_ptr_array_add (ids, nullptr);
  return sp_search_index_update (self, (const char * const *) ids->pdata, error);
}

guint
sp_search_index_get_n_services (SpSearchIndex *self)
{
  g_return_val_if_fail (self != nullptr, 0);
  try
    {
      return self->reader ? self->reader->get_doccount () : 0;
    }
  catch (...)
    {
      return 0;
    }
}

/**
 * sp_search_index_count_in_category:
 * @term_id: a taxonomy term id
 *
 * How many services are in the category or any of its children, exactly: for the start
 * page's "Memory & dementia (23)".
 */
guint
sp_search_index_count_in_category (SpSearchIndex *self,
                                   const char    *term_id)
{
  g_return_val_if_fail (self != nullptr, 0);
  g_return_val_if_fail (term_id != nullptr, 0);
  try
    {
      return self->reader ? self->reader->get_termfreq (std::string ("XC") + term_id) : 0;
    }
  catch (...)
    {
      return 0;
    }
}

void
sp_search_index_close (SpSearchIndex *self)
{
  if (self == nullptr)
    return;
  try
    {
      self->reader.reset ();
    }
  catch (...)
    {
    }
  g_clear_pointer (&self->descriptions, sp_service_document_reader_free);
  g_clear_object (&self->store);
  delete self;
}
