/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-listings-unwritten.c: what is not written yet answers with an error. */
#include "config.h"

#include "sp-listings-private.h"

SpAccount  *
sp_listings_add_editor (SpListings *self, const char *email, const char *passphrase, GError **error)
{
  (void) self;
  (void) email;
  (void) passphrase;
  if (error != NULL) sp_listings_not_written (error);
  return NULL;
}

char       *
sp_listings_invite (SpListings *self, const SpAccount *actor, SpAccountRole role, const char *organization_id, GError **error)
{
  (void) self;
  (void) actor;
  (void) role;
  (void) organization_id;
  if (error != NULL) sp_listings_not_written (error);
  return NULL;
}

SpInvitation *
sp_listings_lookup_invitation (SpListings *self, const char *token, GError **error)
{
  (void) self;
  (void) token;
  if (error != NULL) sp_listings_not_written (error);
  return NULL;
}

SpAccount  *
sp_listings_accept_invitation (SpListings *self, const char *token, const char *email, const char *passphrase, GError **error)
{
  (void) self;
  (void) token;
  (void) email;
  (void) passphrase;
  if (error != NULL) sp_listings_not_written (error);
  return NULL;
}

GPtrArray  *
sp_listings_list_accounts (SpListings *self, const SpAccount *actor, GError **error)
{
  (void) self;
  (void) actor;
  if (error != NULL) sp_listings_not_written (error);
  return NULL;
}

gboolean
sp_listings_set_account_disabled (SpListings *self, const SpAccount *actor, gint64 account_id, gboolean disabled, GError **error)
{
  (void) self;
  (void) actor;
  (void) account_id;
  (void) disabled;
  return sp_listings_not_written (error);
}

char       *
sp_listings_sign_in (SpListings *self, const char *email, const char *passphrase, const char *address, SpSession **session, GError **error)
{
  (void) self;
  (void) email;
  (void) passphrase;
  (void) address;
  (void) session;
  if (error != NULL) sp_listings_not_written (error);
  return NULL;
}

SpSession  *
sp_listings_session_lookup (SpListings *self, const char *token, GError **error)
{
  (void) self;
  (void) token;
  if (error != NULL) sp_listings_not_written (error);
  return NULL;
}

gboolean
sp_session_check_csrf (const SpSession *session, const char *csrf_token)
{
  (void) session;
  (void) csrf_token;
  return FALSE;
}

gboolean
sp_listings_sign_out (SpListings *self, const char *token, GError **error)
{
  (void) self;
  (void) token;
  return sp_listings_not_written (error);
}

gboolean
sp_listings_sign_out_everywhere (SpListings *self, const SpAccount *actor, GError **error)
{
  (void) self;
  (void) actor;
  return sp_listings_not_written (error);
}

GPtrArray  *
sp_listings_list_services (SpListings *self, const SpAccount *actor, const char *organization_id, GError **error)
{
  (void) self;
  (void) actor;
  (void) organization_id;
  if (error != NULL) sp_listings_not_written (error);
  return NULL;
}

char       *
sp_listings_get_service_json (SpListings *self, const SpAccount *actor, const char *service_id, char **hash, GError **error)
{
  (void) self;
  (void) actor;
  (void) service_id;
  (void) hash;
  if (error != NULL) sp_listings_not_written (error);
  return NULL;
}

GPtrArray  *
sp_listings_check_document (SpListings *self, const char *json, GError **error)
{
  (void) self;
  (void) json;
  if (error != NULL) sp_listings_not_written (error);
  return NULL;
}

gint64
sp_listings_propose_edit (SpListings *self, const SpAccount *actor, const char *service_id, const char *base_hash, const char *json, GError **error)
{
  (void) self;
  (void) actor;
  (void) service_id;
  (void) base_hash;
  (void) json;
  sp_listings_not_written (error);
  return 0;
}

gint64
sp_listings_propose_new (SpListings *self, const SpAccount *actor, const char *organization_id, const char *json, GError **error)
{
  (void) self;
  (void) actor;
  (void) organization_id;
  (void) json;
  sp_listings_not_written (error);
  return 0;
}

gint64
sp_listings_propose_close (SpListings *self, const SpAccount *actor, const char *service_id, const char *base_hash, GError **error)
{
  (void) self;
  (void) actor;
  (void) service_id;
  (void) base_hash;
  sp_listings_not_written (error);
  return 0;
}

gboolean
sp_listings_confirm (SpListings *self, const SpAccount *actor, const char *service_id, gint64 *seq, GError **error)
{
  (void) self;
  (void) actor;
  (void) service_id;
  (void) seq;
  return sp_listings_not_written (error);
}

GPtrArray  *
sp_listings_list_changes (SpListings *self, const SpAccount *actor, int status, GError **error)
{
  (void) self;
  (void) actor;
  (void) status;
  if (error != NULL) sp_listings_not_written (error);
  return NULL;
}

SpListingChange *
sp_listings_get_change (SpListings *self, const SpAccount *actor, gint64 change_id, GError **error)
{
  (void) self;
  (void) actor;
  (void) change_id;
  if (error != NULL) sp_listings_not_written (error);
  return NULL;
}

gboolean
sp_listings_approve (SpListings *self, const SpAccount *actor, gint64 change_id, const char *note, gint64 *seq, GError **error)
{
  (void) self;
  (void) actor;
  (void) change_id;
  (void) note;
  (void) seq;
  return sp_listings_not_written (error);
}

gboolean
sp_listings_reject (SpListings *self, const SpAccount *actor, gint64 change_id, const char *note, GError **error)
{
  (void) self;
  (void) actor;
  (void) change_id;
  (void) note;
  return sp_listings_not_written (error);
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
