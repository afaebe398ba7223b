/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-worker.c: what each of the hub's threads reads the directory through.
 *
 * Each thread that answers requests opens the store for reading (WAL: it sees each change
 * whole, and never waits for a writer) and, at its first search, the index, and keeps both
 * for its life. The index is brought up to date when the store has moved on since this
 * thread last looked; while another program rebuilds it, the whole index it replaces
 * serves. Postcodes found are remembered until the store changes: finding one reads every
 * address.
 */
#include "config.h"

#include "sp-hub-worker.h"

#define MAX_PLACES 256

struct _SpHubWorker
{
  SpStore *store;
  SpSearchIndex *index;
  gint64 index_seq;          /* the change the index was last brought up to date at */
  GHashTable *places;        /* text -> SpPlace, found at @places_seq */
  gint64 places_seq;
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
  g_clear_object (&self->store);
  g_clear_pointer (&self->places, g_hash_table_unref);
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
  g_private_set (&thread_worker, self);
  return self;
}

SpStore *
sp_hub_worker_get_store (SpHubWorker *self)
{
  return self->store;
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
