/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-detail-cache.c: full service records, loaded once and kept while they are in use.
 *
 * A result row shows the next session and an "Open now" badge, which need the service's
 * schedules; reading them from the store for every row on every keystroke would cost more
 * than the search. The same services come back keystroke after keystroke, so records are
 * kept here, up to a bound, and dropped when an import changes the store.
 */
#include "config.h"

#include "sp-detail-cache.h"

/* About a hundred screens of results; beyond this the cache starts again. */
#define MAX_CACHED 2000

struct _SpDetailCache
{
  GObject parent_instance;

  SpStore *store;
  GHashTable *details;   /* id -> SpServiceDetail */
};

G_DEFINE_FINAL_TYPE (SpDetailCache, sp_detail_cache, G_TYPE_OBJECT)

static void
sp_detail_cache_finalize (GObject *object)
{
  SpDetailCache *self = SP_DETAIL_CACHE (object);

  g_clear_pointer (&self->details, g_hash_table_unref);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (sp_detail_cache_parent_class)->finalize (object);
}

static void
sp_detail_cache_class_init (SpDetailCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_detail_cache_finalize;
}

static void
sp_detail_cache_init (SpDetailCache *self)
{
  self->details = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

SpDetailCache *
sp_detail_cache_new (SpStore *store)
{
  SpDetailCache *self;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  self = g_object_new (SP_TYPE_DETAIL_CACHE, NULL);
  self->store = g_object_ref (store);
  return self;
}

/**
 * sp_detail_cache_get:
 *
 * Returns: (transfer none) (nullable): the service's full record, or %NULL with @error
 *   set when it cannot be read (or the service is gone)
 */
SpServiceDetail *
sp_detail_cache_get (SpDetailCache *self,
                     const char    *id,
                     GError       **error)
{
  SpServiceDetail *detail;

  g_return_val_if_fail (SP_IS_DETAIL_CACHE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  detail = g_hash_table_lookup (self->details, id);
  if (detail != NULL)
    return detail;
  detail = sp_service_detail_load (self->store, id, error);
  if (detail == NULL)
    return NULL;
  if (g_hash_table_size (self->details) >= MAX_CACHED)
    g_hash_table_remove_all (self->details);
  g_hash_table_insert (self->details, g_strdup (id), detail);
  return detail;
}

void
sp_detail_cache_clear (SpDetailCache *self)
{
  g_return_if_fail (SP_IS_DETAIL_CACHE (self));
  g_hash_table_remove_all (self->details);
}
