/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-worker.c: what each of the hub's threads reads the directory through.
 *
 * Each thread that answers requests opens the store for reading (WAL: it sees each change
 * whole, and never waits for a writer) and, at its first search, the index, and keeps both
 * for its life. The index is brought up to date when the store has moved on since this
 * thread last looked; while another program rebuilds it, the whole index it replaces
 * serves. Until the store changes it remembers what is dear to find again: postcodes
 * (finding one reads every address), every service's id (so the unfiltered pages need no
 * count and no skipping of rows) and recent searches' matches (so the pages of a search
 * read the index once): those of a search alone in every thread's shared keeping
 * (sp-hub-matches.c), those of a search with filters in its own.
 */
#include "config.h"

#include "sp-api-services.h"
#include "sp-hub-worker.h"
#include "sp-listings.h"
#include "sp-search-directory.h"

#define MAX_PLACES 256
#define MAX_SEARCHES 64
/* A search's matches found at once past its first page: four pages of 50. At 100 000
 * services, for two common words, they cost ~4.9 ms of the index's time, against ~3.0 for
 * one page and ~3.7 for each later page alone. Most searches are never paged, so the first
 * page is found alone (a new search of three words: ~640 a second rather than ~330); a
 * second page asked for finds the four. */
#define MATCH_WINDOW 200

struct _SpHubWorker
{
  SpStore *store;
  SpDirectory *directory;    /* (nullable) the write path, opened at this thread's first write */
  SpListings *listings;      /* (nullable) groups' listings and accounts, through @directory */
  SpSearchIndex *index;
  gint64 index_seq;          /* the change the index was last brought up to date at */
  GHashTable *places;        /* text -> SpPlace, found at @places_seq */
  gint64 places_seq;
  GPtrArray *all_ids;        /* every service's id, in order, at @all_ids_seq */
  gint64 all_ids_seq;
  GHashTable *searches;      /* "max\x1ftext" -> GPtrArray of ids, found at @searches_seq */
  gint64 searches_seq;
};

static void
place_free (gpointer data)
{
  SpPlace *place = data;

  sp_place_clear (place);
  g_free (place);
}

static void
worker_free (gpointer data)
{
  SpHubWorker *self = data;

  g_clear_pointer (&self->index, sp_search_index_close);
  g_clear_object (&self->listings);
  g_clear_object (&self->directory);
  g_clear_object (&self->store);
  g_clear_pointer (&self->places, g_hash_table_unref);
  g_clear_pointer (&self->all_ids, g_ptr_array_unref);
  g_clear_pointer (&self->searches, g_hash_table_unref);
  g_free (self);
}

static GPrivate thread_worker = G_PRIVATE_INIT (worker_free);

/* The calling thread's worker, opened on first use; NULL with @error set when the store
 * cannot be opened (then it is tried again next time). */
SpHubWorker *
sp_hub_worker_get_for_thread (const char *store_path,
                              GError    **error)
{
  SpHubWorker *self = g_private_get (&thread_worker);
  SpStore *store;

  if (self != NULL)
    return self;
  if ((store = sp_store_open_for_reading (store_path, error)) == NULL)
    return NULL;
  self = g_new0 (SpHubWorker, 1);
  self->store = store;
  self->index_seq = -1;
  self->places = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, place_free);
  self->searches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  g_private_set (&thread_worker, self);
  return self;
}

SpStore *
sp_hub_worker_get_store (SpHubWorker *self)
{
  return self->store;
}

/* The one write path (sp-directory.h) on a connection of this thread's own that may write,
 * opened on first use: the /manage/ pages' changes go through it, which keeps the index
 * and the change sequence (the sync feed's) in step. NULL with @error set when the store
 * cannot be opened for writing (then it is tried again next time). */
SpDirectory *
sp_hub_worker_get_directory (SpHubWorker *self,
                             GError     **error)
{
  if (self->directory == NULL)
    self->directory = sp_search_open_directory (sp_store_get_path (self->store), error);
  return self->directory;
}

/* Accounts, sessions and groups' changes (sp-listings.h), on this thread's write path. */
SpListings *
sp_hub_worker_get_listings (SpHubWorker *self,
                            GError     **error)
{
  SpDirectory *directory;

  if (self->listings == NULL && (directory = sp_hub_worker_get_directory (self, error)) != NULL)
    self->listings = sp_listings_new (directory);
  return self->listings;
}

/* The index, up to date with change @seq of the store (or as near as another program
 * rebuilding it allows); NULL with @error set when it cannot be opened. */
SpSearchIndex *
sp_hub_worker_get_index (SpHubWorker *self,
                         gint64       seq,
                         GError     **error)
{
  if (self->index == NULL)
    {
      if ((self->index = sp_search_index_open (self->store, NULL, error)) == NULL)
        return NULL;
      self->index_seq = seq;
    }
  if (self->index_seq != seq)
    {
      if (!sp_search_index_sync (self->index, NULL, error))
        return NULL;
      self->index_seq = seq;
    }
  return self->index;
}

/* Finds a postcode or place (sp_place_lookup()) as of change @seq of the store. */
gboolean
sp_hub_worker_find_place (SpHubWorker *self,
                          gint64       seq,
                          const char  *text,
                          SpPlace     *place,
                          GError     **error)
{
  g_autofree char *key = g_utf8_casefold (text, -1);
  SpPlace *found;

  if (self->places_seq != seq || g_hash_table_size (self->places) >= MAX_PLACES)
    {
      g_hash_table_remove_all (self->places);
      self->places_seq = seq;
    }
  if ((found = g_hash_table_lookup (self->places, key)) == NULL)
    {
      found = g_new0 (SpPlace, 1);
      if (!sp_place_lookup (self->store, text, found, error))
        {
          g_free (found);
          return FALSE;
        }
      g_hash_table_insert (self->places, g_steal_pointer (&key), found);
    }
  sp_place_clear (place);
  place->label = g_strdup (found->label);
  place->latitude = found->latitude;
  place->longitude = found->longitude;
  return TRUE;
}

/* Every service's id, in id order, as of change @seq of the store (the unfiltered list,
 * paged without counting and skipping rows each time). (transfer none): valid until the
 * next call. NULL with @error set when the store cannot be read. */
GPtrArray *
sp_hub_worker_get_all_ids (SpHubWorker *self,
                           gint64       seq,
                           GError     **error)
{
  SpApiServiceFilter all = SP_API_SERVICE_FILTER_INIT;

  if (self->all_ids != NULL && self->all_ids_seq == seq)
    return self->all_ids;
  g_clear_pointer (&self->all_ids, g_ptr_array_unref);
  if ((self->all_ids = sp_api_list_services (self->store, &all, SP_API_ROWS_SERVICES, 0, G_MAXINT64, error)) == NULL)
    return NULL;
  self->all_ids_seq = seq;
  return self->all_ids;
}

/* The ids @text finds, best first, at most @max (sp_search_index_match()), as of change
 * @seq: the pages of one search read the index once. (transfer full) NULL with @error set
 * when the index cannot be read. */
GPtrArray *
sp_hub_worker_match (SpHubWorker *self,
                     gint64       seq,
                     const char  *text,
                     guint        max,
                     GError     **error)
{
  g_autofree char *key = g_strdup_printf ("%u\x1f%s", max, text);
  SpSearchIndex *index;
  GPtrArray *ids;

  if (self->searches_seq != seq || g_hash_table_size (self->searches) >= MAX_SEARCHES)
    {
      g_hash_table_remove_all (self->searches);
      self->searches_seq = seq;
    }
  if ((ids = g_hash_table_lookup (self->searches, key)) != NULL)
    return g_ptr_array_ref (ids);
  if ((index = sp_hub_worker_get_index (self, seq, error)) == NULL ||
      (ids = sp_search_index_match (index, text, max, error)) == NULL)
    return NULL;
  g_hash_table_insert (self->searches, g_steal_pointer (&key), g_ptr_array_ref (ids));
  return ids;
}

/* A page of the ids @text finds (sp_search_index_match_page()), as of change @seq, and in
 * @total how many of its best @max there are. The index is asked for the first page, or for
 * a later one the first MATCH_WINDOW (or as many more as the page reaches), which @shared
 * keeps for every thread under the index's revision: the next pages of the same search
 * within them read none of it again.
 * (transfer full) NULL with @error set when the index cannot be read. */
GPtrArray *
sp_hub_worker_match_page (SpHubWorker  *self,
                          SpHubMatches *shared,
                          gint64        seq,
                          const char   *text,
                          guint         offset,
                          guint         limit,
                          guint         max,
                          guint        *total,
                          GError      **error)
{
  g_autoptr (GPtrArray) best = NULL;
  g_autofree char *revision = NULL;
  GPtrArray *page;
  SpSearchIndex *index;
  guint window;

  if ((index = sp_hub_worker_get_index (self, seq, error)) == NULL)
    return NULL;
  if (offset >= max)
    return sp_search_index_match_page (index, text, offset, limit, max, total, error);
  if ((revision = sp_search_index_get_revision (index, error)) == NULL)
    return NULL;
  if ((page = sp_hub_matches_lookup (shared, revision, text, max, offset, limit, total)) != NULL)
    return page;
  /* The window: the first page alone, or a whole number of MATCH_WINDOW that holds a later
   * one. A writer may move the index on meanwhile: what was found is then kept under a
   * revision no reader asks for. */
  window = offset == 0 ? MIN (max, limit)
                      : MIN (max, (offset + limit + MATCH_WINDOW - 1) / MATCH_WINDOW * MATCH_WINDOW);
  if ((best = sp_search_index_match_page (index, text, 0, window, max, total, error)) == NULL)
    return NULL;
  sp_hub_matches_insert (shared, revision, text, max, best, *total);
  page = g_ptr_array_new_with_free_func (g_free);
  for (guint i = offset; i < best->len && i - offset < limit; i++)
    g_ptr_array_add (page, g_strdup (best->pdata[i]));
  return page;
}
