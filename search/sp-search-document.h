/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-search-document.h: what the search index knows of one service, read from the store. */
#pragma once

#include "sp-store.h"

G_BEGIN_DECLS

/* Days of the week as bits, Monday first, as iCalendar names them (MO … SU). */
#define SP_SEARCH_N_DAYS 7

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
} SpSearchDocument;

typedef struct _SpSearchSource SpSearchSource;

SpSearchSource   *sp_search_source_new         (SpStore          *store,
                                                GError          **error);
void              sp_search_source_free        (SpSearchSource   *self);
GPtrArray        *sp_search_source_all_ids     (SpSearchSource   *self,
                                                GError          **error);
SpSearchDocument *sp_search_source_read        (SpSearchSource   *self,
                                                const char       *id,
                                                GError          **error);
char             *sp_search_source_stamp       (SpSearchSource   *self);
char             *sp_search_source_description (SpSearchSource   *self,
                                                const char       *id);
void              sp_search_document_free      (SpSearchDocument *document);
int               sp_search_day_from_name      (const char       *name);
char             *sp_search_fold               (const char       *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpSearchSource, sp_search_source_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpSearchDocument, sp_search_document_free)

G_END_DECLS
