/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-search-index.h: the Xapian search index, behind a C API. No C++ crosses this header. */
#pragma once

#include "sp-store.h"

G_BEGIN_DECLS

#define SP_SEARCH_ERROR (sp_search_error_quark ())
GQuark sp_search_error_quark (void);

typedef enum
{
  SP_SEARCH_ERROR_OPEN,      /* the index folder cannot be created or opened */
  SP_SEARCH_ERROR_LOCKED,    /* another program is writing the index */
  SP_SEARCH_ERROR_FAILED,    /* anything else Xapian reports */
  SP_SEARCH_ERROR_READ_ONLY, /* the index needs writing and its folder cannot be written */
  SP_SEARCH_ERROR_DISK_FULL, /* the index needs writing and its disk has too little room */
  SP_SEARCH_ERROR_NEEDS_REBUILD, /* the index is damaged, and this handle may not rebuild it
                                  * (sp_search_index_set_rebuild_when_damaged()) */
} SpSearchError;

/* Called once when a writer has to wait for another program that is writing the index. */
typedef void (*SpSearchWaitFunc) (gpointer user_data);

/* Bumped whenever what the index holds changes shape; an index of another version is
 * rebuilt. */
#define SP_SEARCH_INDEX_VERSION 15

typedef enum
{
  SP_SEARCH_SORT_RELEVANCE,
  SP_SEARCH_SORT_DISTANCE,
} SpSearchSort;

typedef struct
{
  const char *text;          /* what the person typed; may be empty */
  const char *category;      /* a taxonomy term id (its children count too), or NULL */
  gboolean free_only;
  gboolean wheelchair;
  const char *language;      /* a language code such as "pa", or NULL */
  int day;                   /* 0 Monday … 6 Sunday, or -1 for any day */
  int age;                   /* the person's age: services for it; -1 for any */
  gboolean has_point;
  double latitude;
  double longitude;
  double within_metres;      /* 0: no limit */
  SpSearchSort sort;
  guint limit;               /* 0: 20 */
} SpSearchQuery;

#define SP_SEARCH_QUERY_INIT { NULL, NULL, FALSE, FALSE, NULL, -1, -1, FALSE, 0, 0, 0, \
                               SP_SEARCH_SORT_RELEVANCE, 0 }

typedef struct
{
  char *id;
  char *name;
  char *organization;
  double score;              /* 0 … 100 */
  char *snippet;             /* a line of the description with the query words in […] */
  double distance_metres;    /* -1 when no point was given or the service has no location */
  gboolean free;             /* as the "free" filter sees it */
  gboolean wheelchair;       /* as the "wheelchair" filter sees it */
  char **languages;          /* (array zero-terminated=1) language codes it offers */
} SpSearchHit;

/* A query's words after these are not searched (nor more than 512 bytes). */
#define SP_SEARCH_MAX_QUERY_WORDS 32

typedef struct
{
  char *query;               /* what was searched for: the query's first words (see above) */
  char *corrected;           /* the query as corrected for spelling, or NULL */
  guint total;               /* estimated number of matches */
  GPtrArray *hits;           /* (element-type SpSearchHit) best first */
  GHashTable *facets;        /* category term id -> number of matches (GUINT_TO_POINTER) */
} SpSearchResults;

typedef struct _SpSearchIndex SpSearchIndex;

SpSearchIndex   *sp_search_index_new           (SpStore              *store,
                                                const char           *path,
                                                GError              **error);
SpSearchIndex   *sp_search_index_open          (SpStore              *store,
                                                const char           *path,
                                                GError              **error);
gboolean         sp_search_index_rebuild       (SpSearchIndex        *self,
                                                GError              **error);
gboolean         sp_search_index_lock          (SpSearchIndex        *self,
                                                SpSearchWaitFunc      waiting,
                                                gpointer              user_data,
                                                GError              **error);
void             sp_search_index_unlock        (SpSearchIndex        *self);
const char      *sp_search_index_get_path      (SpSearchIndex        *self);
gboolean         sp_search_index_update        (SpSearchIndex        *self,
                                                const char * const   *ids,
                                                GError              **error);
gboolean         sp_search_index_apply_changes (SpSearchIndex        *self,
                                                GPtrArray            *changed_ids,
                                                GError              **error);
gboolean         sp_search_index_sync          (SpSearchIndex        *self,
                                                gboolean             *rebuilt,
                                                GError              **error);
guint            sp_search_index_get_n_services (SpSearchIndex       *self);
guint            sp_search_index_count_in_category (SpSearchIndex    *self,
                                                const char           *term_id);
SpSearchResults *sp_search_index_query         (SpSearchIndex        *self,
                                                const SpSearchQuery  *query,
                                                GError              **error);
void             sp_search_index_set_rebuild_when_damaged (SpSearchIndex *self,
                                                gboolean              rebuild);
gboolean         sp_search_index_reopen        (SpSearchIndex        *self,
                                                GError              **error);
char            *sp_search_index_get_revision  (SpSearchIndex        *self,
                                                GError              **error);
GPtrArray       *sp_search_index_match         (SpSearchIndex        *self,
                                                const char           *text,
                                                guint                 max,
                                                GError              **error);
GPtrArray       *sp_search_index_match_page    (SpSearchIndex        *self,
                                                const char           *text,
                                                guint                 offset,
                                                guint                 limit,
                                                guint                 max,
                                                guint                *total,
                                                GError              **error);
void             sp_search_index_close         (SpSearchIndex        *self);
void             sp_search_results_free        (SpSearchResults      *results);

char            *sp_search_index_path_for_store (SpStore             *store);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpSearchIndex, sp_search_index_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpSearchResults, sp_search_results_free)

G_END_DECLS
