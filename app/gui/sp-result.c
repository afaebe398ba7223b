/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-result.c: one search result, as the result list shows it.
 *
 * A copy of what the index returned for one service (SpSearchHit is a plain struct owned
 * by its results), so that a GListModel can hold it after the results are freed. The
 * result list keeps its SpResults from one keystroke to the next and gives each the hit
 * now in its place: a result that changes says so ("changed") and its row draws it again,
 * and the list's rows stay as they are, rather than a page of rows being made anew.
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

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

  /**
   * SpResult::changed:
   * Another service, or the same with another snippet, took this result's place.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sp_result_init (SpResult *self)
{
  self->distance = -1;
}

static gboolean
same_strv (char * const *a,
           char * const *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strv_equal ((const char * const *) a, (const char * const *) b);
}

/* Makes @self what @hit says; FALSE when it already was. */
static gboolean
take_hit (SpResult          *self,
          const SpSearchHit *hit)
{
  if (g_strcmp0 (self->id, hit->id) == 0 && g_strcmp0 (self->name, hit->name) == 0 &&
      g_strcmp0 (self->organization, hit->organization) == 0 &&
      g_strcmp0 (self->snippet, hit->snippet) == 0 && self->distance == hit->distance_metres &&
      self->free == hit->free && self->wheelchair == hit->wheelchair &&
      same_strv (self->languages, hit->languages))
    return FALSE;
  g_free (self->id);
  g_free (self->name);
  g_free (self->organization);
  g_free (self->snippet);
  g_strfreev (self->languages);
  self->id = g_strdup (hit->id);
  self->name = g_strdup (hit->name);
  self->organization = g_strdup (hit->organization);
  self->snippet = g_strdup (hit->snippet);
  self->distance = hit->distance_metres;
  self->free = hit->free;
  self->wheelchair = hit->wheelchair;
  self->languages = g_strdupv (hit->languages);
  return TRUE;
}

SpResult *
sp_result_new_from_hit (const SpSearchHit *hit)
{
  SpResult *self;

  g_return_val_if_fail (hit != NULL, NULL);

  self = g_object_new (SP_TYPE_RESULT, NULL);
  take_hit (self, hit);
  return self;
}

/**
 * sp_result_set_hit:
 * Makes @self show @hit instead, and emits SpResult::changed if that is any different.
 */
void
sp_result_set_hit (SpResult          *self,
                   const SpSearchHit *hit)
{
  g_return_if_fail (SP_IS_RESULT (self));
  g_return_if_fail (hit != NULL);

  if (take_hit (self, hit))
    g_signal_emit (self, signals[CHANGED], 0);
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

const char *
sp_result_get_id (SpResult *self)
{
  g_return_val_if_fail (SP_IS_RESULT (self), NULL);
  return self->id;
}

const char *
sp_result_get_name (SpResult *self)
{
  g_return_val_if_fail (SP_IS_RESULT (self), NULL);
  return self->name;
}

const char *
sp_result_get_organization (SpResult *self)
{
  g_return_val_if_fail (SP_IS_RESULT (self), NULL);
  return self->organization;
}

const char *
sp_result_get_snippet (SpResult *self)
{
  g_return_val_if_fail (SP_IS_RESULT (self), NULL);
  return self->snippet;
}

double
sp_result_get_distance (SpResult *self)
{
  g_return_val_if_fail (SP_IS_RESULT (self), -1);
  return self->distance;
}

gboolean
sp_result_get_free (SpResult *self)
{
  g_return_val_if_fail (SP_IS_RESULT (self), FALSE);
  return self->free;
}

gboolean
sp_result_get_wheelchair (SpResult *self)
{
  g_return_val_if_fail (SP_IS_RESULT (self), FALSE);
  return self->wheelchair;
}

const char * const *
sp_result_get_languages (SpResult *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (SP_IS_RESULT (self), none);
  return self->languages != NULL ? (const char * const *) self->languages : none;
}
