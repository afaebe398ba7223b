/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-result.c: one search result, as the result list shows it.
 *
 * A copy of what the index returned for one service (SpSearchHit is a plain struct owned
 * by its results), so that a GListModel can hold it after the results are freed.
 */
#include "config.h"

#include "sp-result.h"

struct _SpResult
{
  GObject parent_instance;

  char *id;
  char *name;
  char *organization;
  char *snippet;
  double distance;
  gboolean free;
  gboolean wheelchair;
  char **languages;
};

G_DEFINE_FINAL_TYPE (SpResult, sp_result, G_TYPE_OBJECT)

static void
sp_result_finalize (GObject *object)
{
  SpResult *self = SP_RESULT (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->organization);
  g_free (self->snippet);
  g_strfreev (self->languages);
  G_OBJECT_CLASS (sp_result_parent_class)->finalize (object);
}

static void
sp_result_class_init (SpResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_result_finalize;
}

static void
sp_result_init (SpResult *self)
{
  self->distance = -1;
}

SpResult *
sp_result_new_from_hit (const SpSearchHit *hit)
{
  SpResult *self;

  g_return_val_if_fail (hit != NULL, NULL);

  self = sp_result_new (hit->id, hit->name, hit->organization);
  self->snippet = g_strdup (hit->snippet);
  self->distance = hit->distance_metres;
  self->free = hit->free;
  self->wheelchair = hit->wheelchair;
  self->languages = g_strdupv (hit->languages);
  return self;
}

/* A result for a service known only by name (a saved one): no snippet or badges. */
SpResult *
sp_result_new (const char *id,
               const char *name,
               const char *organization)
{
  SpResult *self = g_object_new (SP_TYPE_RESULT, NULL);

  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->organization = g_strdup (organization);
  return self;
}

const char *sp_result_get_id (SpResult *self) { g_return_val_if_fail (SP_IS_RESULT (self), NULL); return self->id; }
const char *sp_result_get_name (SpResult *self) { g_return_val_if_fail (SP_IS_RESULT (self), NULL); return self->name; }
const char *sp_result_get_organization (SpResult *self) { g_return_val_if_fail (SP_IS_RESULT (self), NULL); return self->organization; }
const char *sp_result_get_snippet (SpResult *self) { g_return_val_if_fail (SP_IS_RESULT (self), NULL); return self->snippet; }
double sp_result_get_distance (SpResult *self) { g_return_val_if_fail (SP_IS_RESULT (self), -1); return self->distance; }
gboolean sp_result_get_free (SpResult *self) { g_return_val_if_fail (SP_IS_RESULT (self), FALSE); return self->free; }
gboolean sp_result_get_wheelchair (SpResult *self) { g_return_val_if_fail (SP_IS_RESULT (self), FALSE); return self->wheelchair; }

const char * const *
sp_result_get_languages (SpResult *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (SP_IS_RESULT (self), none);
  return self->languages != NULL ? (const char * const *) self->languages : none;
}
