/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-listings-unwritten.c: what is not written yet answers with an error. */
#include "config.h"

#include "sp-listings-private.h"












GPtrArray  *
sp_listings_list_services (SpListings *self, const SpAccount *actor, const char *organization_id, GError **error)
{
  (void) self;
  (void) actor;
  (void) organization_id;
  if (error != NULL) sp_listings_not_written (error);
  return NULL;
}











GPtrArray  *
sp_listings_describe_difference (const char *before, const char *after, GError **error)
{
  (void) before;
  (void) after;
  if (error != NULL) sp_listings_not_written (error);
  return NULL;
}

GPtrArray  *
sp_listings_history (SpListings *self, const SpAccount *actor, const char *service_id, GError **error)
{
  (void) self;
  (void) actor;
  (void) service_id;
  if (error != NULL) sp_listings_not_written (error);
  return NULL;
}

gboolean
sp_listings_restore (SpListings *self, const SpAccount *actor, gint64 version_id, gint64 *seq, GError **error)
{
  (void) self;
  (void) actor;
  (void) version_id;
  (void) seq;
  return sp_listings_not_written (error);
}

gboolean
sp_listings_get_freshness (SpListings *self, const SpAccount *actor, GDate *today, SpFreshness *freshness, GError **error)
{
  (void) self;
  (void) actor;
  (void) today;
  (void) freshness;
  return sp_listings_not_written (error);
}

GPtrArray  *
sp_listings_list_due_review (SpListings *self, const SpAccount *actor, GDate *today, GError **error)
{
  (void) self;
  (void) actor;
  (void) today;
  if (error != NULL) sp_listings_not_written (error);
  return NULL;
}

char       *
sp_listings_export_due_review_csv (SpListings *self, const SpAccount *actor, GDate *today, GError **error)
{
  (void) self;
  (void) actor;
  (void) today;
  if (error != NULL) sp_listings_not_written (error);
  return NULL;
}

JsonObject *
sp_schedule_parse_words (const char *text, GDate *today, GError **error)
{
  (void) text;
  (void) today;
  if (error != NULL) sp_listings_not_written (error);
  return NULL;
}

char       *
sp_schedule_words_for_form (JsonObject *schedule)
{
  (void) schedule;
  return NULL;
}
