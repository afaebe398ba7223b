/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-matches.c: recent searches' best matches, shared by the hub's threads.
 *
 * Finding a search's matches is most of what a page of them costs (at 100 000 services,
 * ~4 ms of the index's time for a two-word search, against ~0.5 ms to read and send its
 * 50 services), and the next page of the same search would find them all over again. So
 * the hub keeps, for each recent search, its best matches in order (the first few pages'
 * worth, sp-hub-worker.c decides how many) and how many there are; every thread answers
 * from them, whichever thread found them. They hold for the revision of the index they were
 * found in only (sp_search_index_get_revision(), read afresh for each request): an entry
 * of another is never given out, so a change through the write path, which writes the
 * index in the same operation, shows in the next answer. The least recently used go first
 * when @max_ids are held.
 */
#include "config.h"

#include "sp-hub-matches.h"

typedef struct
{
  char *key;             /* "max\x1ftext" */
  char *revision;         /* the index's revision they were found in */
  GPtrArray *best;       /* the best ids, in order: all of them when best->len == total */
  guint total;           /* how many of the best max there are */
  GList *link;           /* in @recent */
} Entry;

struct _SpHubMatches
{
  GMutex lock;
  guint max_ids;
  guint n_ids;
  GHashTable *entries;   /* key -> Entry */
  GQueue recent;         /* Entry, most recently used first */
};

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_ptr_array_unref (entry->best);
  g_free (entry->revision);
  g_free (entry->key);
  g_free (entry);
}

/* Keeps at most @max_ids ids in all (0: none). */
SpHubMatches *
sp_hub_matches_new (guint max_ids)
{
  SpHubMatches *self = g_new0 (SpHubMatches, 1);

  g_mutex_init (&self->lock);
  self->max_ids = max_ids;
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, entry_free);
  g_queue_init (&self->recent);
  return self;
}

void
sp_hub_matches_free (SpHubMatches *self)
{
  if (self == NULL)
    return;
  g_queue_clear (&self->recent);
  g_hash_table_unref (self->entries);
  g_mutex_clear (&self->lock);
  g_free (self);
}

/* With the lock held. */
static void
forget (SpHubMatches *self,
        Entry        *entry)
{
  self->n_ids -= entry->best->len;
  g_queue_delete_link (&self->recent, entry->link);
  g_hash_table_remove (self->entries, entry->key);
}

static char *
key_for (const char *text,
         guint       max)
{
  return g_strdup_printf ("%u\x1f%s", max, text);
}

/*
 * sp_hub_matches_lookup:
 * @revision: the index's revision the caller reads
 * @total: (out): how many of the best @max @text finds
 *
 * Matches @offset to @offset + @limit of the best @max of @text, when they are kept for
 * @revision. Any thread.
 *
 * Returns: (transfer full) (nullable): the ids, or %NULL when they are not kept
 */
GPtrArray *
sp_hub_matches_lookup (SpHubMatches *self,
                       const char   *revision,
                       const char   *text,
                       guint         max,
                       guint         offset,
                       guint         limit,
                       guint        *total)
{
  g_autofree char *key = key_for (text, max);
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  GPtrArray *page;
  Entry *entry;

  if ((entry = g_hash_table_lookup (self->entries, key)) == NULL)
    return NULL;
  if (g_strcmp0 (entry->revision, revision) != 0)
    {
      forget (self, entry);
      return NULL;
    }
  /* A page past the matches kept, unless they are all of them. */
  if (entry->best->len < entry->total && (offset >= entry->best->len || entry->best->len - offset < limit))
    return NULL;
  page = g_ptr_array_new_with_free_func (g_free);
  for (guint i = offset; i < entry->best->len && i - offset < limit; i++)
    g_ptr_array_add (page, g_strdup (entry->best->pdata[i]));
  *total = entry->total;
  g_queue_unlink (&self->recent, entry->link);
  g_queue_push_head_link (&self->recent, entry->link);
  return page;
}

/*
 * sp_hub_matches_insert:
 * @best: (transfer none): the best ids of the best @max @text finds in the index's
 *   @revision, in order: the first of them, or all @total; never changed afterwards
 *
 * Keeps them (in place of what was kept for @text), making room by forgetting the least
 * recently used. Any thread.
 */
void
sp_hub_matches_insert (SpHubMatches *self,
                       const char   *revision,
                       const char   *text,
                       guint         max,
                       GPtrArray    *best,
                       guint         total)
{
  g_autofree char *key = key_for (text, max);
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  Entry *entry;
  GList *last;

  if (best->len > self->max_ids)
    return;
  if ((entry = g_hash_table_lookup (self->entries, key)) != NULL)
    forget (self, entry);
  while (self->n_ids + best->len > self->max_ids && (last = g_queue_peek_tail_link (&self->recent)) != NULL)
    forget (self, last->data);
  entry = g_new0 (Entry, 1);
  entry->key = g_steal_pointer (&key);
  entry->revision = g_strdup (revision);
  entry->best = g_ptr_array_ref (best);
  entry->total = total;
  g_queue_push_head (&self->recent, entry);
  entry->link = self->recent.head;
  g_hash_table_insert (self->entries, entry->key, entry);
  self->n_ids += best->len;
}
