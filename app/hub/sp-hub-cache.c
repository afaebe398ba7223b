/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-cache.c: answers kept in memory until the directory changes.
 *
 * Between two changes of the directory the same request gets the same answer, so the hub
 * keeps recent answers, keyed by what asked for them (the path, the parameters in order,
 * JSON or a page), and forgets them all when the store's state moves on. An answer is kept
 * gzipped when that is smaller (a tenth, for JSON): a client that takes gzip is sent those
 * bytes; another gets them uncompressed, which costs far less than reading the store
 * again. The least recently used go first when the memory given is full.
 */
#include "config.h"

#include <string.h>

#include "sp-hub-cache.h"

typedef struct
{
  SpHubCached cached;
  char *key;
  gsize size;
  GList *link;           /* in @recent */
} Entry;

struct _SpHubCache
{
  gsize max_bytes;
  gsize bytes;
  char *state;
  GHashTable *entries;   /* key -> Entry */
  GQueue recent;         /* Entry, most recently used first */
};

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->cached.etag);
  g_clear_pointer (&entry->cached.body, g_bytes_unref);
  g_clear_pointer (&entry->cached.gzipped, g_bytes_unref);
  g_free (entry->key);
  g_free (entry);
}

SpHubCache *
sp_hub_cache_new (gsize max_bytes)
{
  SpHubCache *self = g_new0 (SpHubCache, 1);

  self->max_bytes = max_bytes;
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, entry_free);
  g_queue_init (&self->recent);
  return self;
}

void
sp_hub_cache_free (SpHubCache *self)
{
  if (self == NULL)
    return;
  g_queue_clear (&self->recent);
  g_hash_table_unref (self->entries);
  g_free (self->state);
  g_free (self);
}

static void
forget (SpHubCache *self,
        Entry      *entry)
{
  self->bytes -= entry->size;
  g_queue_delete_link (&self->recent, entry->link);
  g_hash_table_remove (self->entries, entry->key);
}

/* The directory is now at @state: every answer kept is forgotten if it was another. */
void
sp_hub_cache_set_state (SpHubCache *self,
                        const char *state)
{
  if (g_strcmp0 (self->state, state) == 0)
    return;
  g_free (self->state);
  self->state = g_strdup (state);
  g_queue_clear (&self->recent);
  g_hash_table_remove_all (self->entries);
  self->bytes = 0;
}

/* The answer kept for @key, or NULL. (transfer none): valid until the next call. */
const SpHubCached *
sp_hub_cache_lookup (SpHubCache *self,
                     const char *key)
{
  Entry *entry = g_hash_table_lookup (self->entries, key);

  if (entry == NULL)
    return NULL;
  g_queue_unlink (&self->recent, entry->link);
  g_queue_push_head_link (&self->recent, entry->link);
  return &entry->cached;
}

/* Keeps an answer made at @state, the smaller of @body and @gzipped (either may be NULL),
 * unless the directory has moved on since or it alone would take a quarter of the room. */
void
sp_hub_cache_insert (SpHubCache *self,
                     const char *key,
                     const char *state,
                     const char *content_type,
                     const char *etag,
                     GBytes     *body,
                     GBytes     *gzipped)
{
  Entry *entry;
  gsize size;

  if (g_strcmp0 (state, self->state) != 0)
    return;
  if (body != NULL && gzipped != NULL)
    {
      if (g_bytes_get_size (gzipped) < g_bytes_get_size (body))
        body = NULL;
      else
        gzipped = NULL;
    }
  size = (body != NULL ? g_bytes_get_size (body) : g_bytes_get_size (gzipped)) + strlen (key) + 128;
  if (size > self->max_bytes / 4)
    return;
  if ((entry = g_hash_table_lookup (self->entries, key)) != NULL)
    forget (self, entry);
  while (self->bytes + size > self->max_bytes && self->recent.tail != NULL)
    forget (self, self->recent.tail->data);

  entry = g_new0 (Entry, 1);
  entry->key = g_strdup (key);
  entry->size = size;
  entry->cached.content_type = content_type;
  entry->cached.etag = g_strdup (etag);
  entry->cached.body = body != NULL ? g_bytes_ref (body) : NULL;
  entry->cached.gzipped = gzipped != NULL ? g_bytes_ref (gzipped) : NULL;
  g_queue_push_head (&self->recent, entry);
  entry->link = self->recent.head;
  g_hash_table_insert (self->entries, entry->key, entry);
  self->bytes += size;
}

gsize
sp_hub_cache_get_size (SpHubCache *self)
{
  return self->bytes;
}
