/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-import.h: bringing Open Referral feeds into the directory store. */
#pragma once

#include <gio/gio.h>

#include "sp-store.h"

G_BEGIN_DECLS

#define SP_IMPORT_ERROR (sp_import_error_quark ())
GQuark sp_import_error_quark (void);

typedef enum
{
  SP_IMPORT_ERROR_IO,          /* the file or folder cannot be read */
  SP_IMPORT_ERROR_NOT_JSON,    /* malformed JSON (or CSV) */
  SP_IMPORT_ERROR_TRUNCATED,   /* the file ends part-way through */
  SP_IMPORT_ERROR_SHAPE,       /* valid JSON, but not an Open Referral feed */
  SP_IMPORT_ERROR_ENCODING,    /* NUL bytes or invalid UTF-8 */
  SP_IMPORT_ERROR_TOO_LARGE,   /* one record is larger than Signpost accepts */
  SP_IMPORT_ERROR_STRICT,      /* --strict and the feed had a problem */
  SP_IMPORT_ERROR_CANCELLED,
} SpImportError;

typedef enum
{
  SP_IMPORT_FLAGS_NONE = 0,
  SP_IMPORT_FLAGS_STRICT = 1 << 0,  /* every warning rejects the whole file */
  SP_IMPORT_FLAGS_REPLACE_EDITED = 1 << 1,  /* take the feed's copy of a service its group
                                             * has changed on the hub since (see sp_import_service()) */
} SpImportFlags;

typedef enum
{
  SP_IMPORT_PROBLEM_WARNING,   /* a field was dropped or cut; the record was kept */
  SP_IMPORT_PROBLEM_SKIPPED,   /* the whole record was left out */
} SpImportProblemKind;

typedef struct
{
  SpImportProblemKind kind;
  char *record_id;   /* the service (or other record) it concerns; may be NULL */
  char *field;       /* "organization.description"; NULL for the whole record */
  char *message;     /* in words a person can act on */
} SpImportProblem;

typedef struct
{
  char *service_id;
  char *service_name;
  char *other_id;      /* the service already in the store, from another feed */
  char *other_feed;
  char *postal_code;
} SpImportDuplicate;

typedef struct
{
  char *source;          /* the file or folder imported */
  const char *format;    /* "ORUK 3.0", "ORUK 1.0", "HSDS tabular data package" */
  guint imported;        /* services new to the store */
  guint updated;         /* services that were there and changed */
  guint unchanged;       /* services that were there, identical */
  guint kept_edited;     /* services whose group's change on the hub was kept over the
                          * feed's different copy (without SP_IMPORT_FLAGS_REPLACE_EDITED) */
  guint skipped;         /* services left out (no usable id, name or status) */
  guint warned;          /* services kept with at least one field dropped */
  guint warnings;        /* field-level warnings in all */
  GPtrArray *problems;   /* (element-type SpImportProblem) in the order met, capped */
  guint problems_dropped;/* problems beyond the cap, counted but not kept */
  GPtrArray *duplicates; /* (element-type SpImportDuplicate) */
  GPtrArray *changed;    /* (element-type utf8) (nullable) ids of the services written (new
                          * or changed), for updating the search index; %NULL when the
                          * format cannot tell (a tabular package changes rows, not services) */
  GPtrArray *removed;    /* (element-type utf8) ids of the services removed (a sync) */
} SpImportReport;

/* The most problems a report keeps word for word; the rest are counted. */
#define SP_IMPORT_MAX_PROBLEMS 1000

/* Reports a field-level problem on a record being reshaped or checked. */
typedef void (*SpImportWarnFunc) (gpointer    user_data,
                                  const char *record_id,
                                  const char *field,
                                  const char *message);

/* Called now and then from the importing thread. */
typedef void (*SpImportProgressFunc) (gpointer user_data,
                                      guint64  bytes_done,
                                      guint64  bytes_total,
                                      guint    services_done);

void      sp_import_report_free   (SpImportReport        *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpImportReport, sp_import_report_free)

gboolean  sp_import_path          (SpStore               *store,
                                   const char            *path,
                                   SpImportFlags          flags,
                                   SpImportProgressFunc   progress,
                                   gpointer               progress_data,
                                   GCancellable          *cancellable,
                                   SpImportReport       **report,
                                   GError               **error);

G_END_DECLS
