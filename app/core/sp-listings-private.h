/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-listings-private.h: what the files of the listings module share. */
#pragma once

#include "sp-listings.h"
#include "sp-store-statement.h"

G_BEGIN_DECLS

struct _SpListings
{
  GObject parent_instance;

  SpDirectory *directory;
};

SpStore   *sp_listings_store               (SpListings      *self);
char      *sp_listings_now_text            (gint64           offset_seconds);
char      *sp_listings_hash_token          (const char      *token);
char      *sp_listings_new_token           (void);
gboolean   sp_listings_require_editor      (const SpAccount *actor,
                                            GError         **error);
void       sp_listings_set_invalid         (GError         **error,
                                            GPtrArray       *problems);
void       sp_listings_set_throttled       (GError         **error,
                                            guint            seconds);
SpFieldProblem *sp_field_problem_new       (const char      *field,
                                            const char      *message);
gboolean   sp_listings_service_organization (SpListings     *self,
                                            const char      *service_id,
                                            char           **organization_id,
                                            GError         **error);
gboolean   sp_listings_may_see_service     (SpListings      *self,
                                            const SpAccount *actor,
                                            const char      *service_id,
                                            GError         **error);

G_END_DECLS

G_BEGIN_DECLS

/* One change to apply through sp_directory_change() (sp-listings-changes.c). */
typedef struct
{
  gint64 change_id;           /* a pending change to mark approved, or 0: record a new one */
  SpChangeKind kind;
  const char *service_id;
  const char *organization_id;
  const char *base;           /* (nullable) the document it was made from; %NULL: a new service */
  const char *proposed;       /* the whole new document */
  gint64 proposed_by;
  gint64 approved_by;
  const char *note;
  gboolean set_assured_date;  /* the group vouched for it: today becomes its checked date */
  gint64 recorded_change_id;  /* out: the change's id */
} SpListingsApply;

gboolean   sp_listings_apply               (SpListings      *self,
                                            SpListingsApply *apply,
                                            gint64          *seq,
                                            GError         **error);
gboolean   sp_listings_current_document    (SpStore         *store,
                                            const char      *service_id,
                                            char           **text,
                                            GError         **error);
char      *sp_listings_document_hash       (const char      *text);
SpListingChange *sp_listings_read_change   (SpListings      *self,
                                            gint64           change_id,
                                            GError         **error);

G_END_DECLS
