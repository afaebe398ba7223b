/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-service-document.h: one service read from the store as the flat document a search index needs. */
#pragma once

#include "sp-store.h"

G_BEGIN_DECLS

/* Days of the week as bits, Monday first, as iCalendar names them (MO … SU). */
#define SP_SERVICE_DOCUMENT_N_DAYS 7

typedef struct
{
  char *id;
  char *name;
  char *organization;
  char *description;      /* plain text */
  char *categories_text;  /* names of its categories and their parents */
  char *places_text;      /* location names, streets, towns, postcodes */
  GPtrArray *categories;  /* term ids, with every ancestor */
  GPtrArray *languages;   /* lower-case codes */
  gboolean free;
  gboolean wheelchair;
  guint days;             /* bit 0 Monday … bit 6 Sunday: the days it meets */
  int minimum_age;        /* -1 when none */
  int maximum_age;
  GArray *points;         /* (element-type double) latitude, longitude pairs */
} SpServiceDocument;

typedef struct _SpServiceDocumentReader SpServiceDocumentReader;

SpServiceDocumentReader *sp_service_document_reader_new  (SpStore                  *store,
                                                          GError                  **error);
void                     sp_service_document_reader_free (SpServiceDocumentReader  *self);
gboolean                 sp_service_document_read        (SpServiceDocumentReader  *self,
                                                          const char               *id,
                                                          SpServiceDocument       **document,
                                                          GError                  **error);
gboolean                 sp_service_document_read_description (SpServiceDocumentReader *self,
                                                          const char               *id,
                                                          char                    **description,
                                                          GError                  **error);
void                     sp_service_document_free        (SpServiceDocument        *document);
int                      sp_service_document_day_from_name (const char             *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpServiceDocumentReader, sp_service_document_reader_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpServiceDocument, sp_service_document_free)

G_END_DECLS
