/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-import-private.h: what the import driver, the record writer and the CSV reader share. */
#pragma once

#include <json-glib/json-glib.h>

#include "sp-hsds.h"
#include "sp-import.h"
#include "sp-store-statement.h"

G_BEGIN_DECLS

/* Bounds on one field, so a hostile feed cannot bloat the store or a slip. */
#define SP_IMPORT_MAX_TEXT_BYTES  4096
#define SP_IMPORT_MAX_PROSE_BYTES (64 * 1024)

typedef struct _SpImport SpImport;

struct _SpImport
{
  SpStore *store;
  SpImportFlags flags;
  SpImportReport *report;
  GCancellable *cancellable;
  gint64 feed_id;
  char *now;                 /* imported_at for every record, UTC ISO 8601 */

  GHashTable *statements;    /* SQL text -> SpStoreStatement, reused across records */
  GHashTable *keyed_statements; /* SpTable or SpLink -> its upsert or delete statement */
  const char *content_hash;  /* of the service being written */
  GHashTable *written;       /* "table\x1fid" of shared records written by this import */
  GHashTable *services_seen; /* ids of the services this import has written */
  GPtrArray *references;     /* RefCheck: foreign keys to verify when a record is done */

  /* The record being written, for warnings. */
  char *record_id;
  GString *path;             /* "service_at_locations[0].location." */
  guint record_warnings;
  GError *strict_error;      /* set by the first problem under --strict */
  GError *store_error;       /* a write failed: the import must stop */
};

SpImport  *sp_import_new              (SpStore        *store,
                                       SpImportFlags   flags,
                                       GCancellable   *cancellable);
void       sp_import_free             (SpImport       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpImport, sp_import_free)

gboolean   sp_import_start            (SpImport       *self,
                                       const char     *source,
                                       const char     *format,
                                       GError        **error);
gboolean   sp_import_finish           (SpImport       *self,
                                       GError        **error);
void       sp_import_remove_service   (SpImport       *self,
                                       const char     *id);
void       sp_import_remove_unseen    (SpImport       *self);
void       sp_import_abandon          (SpImport       *self);

void       sp_import_warn             (SpImport       *self,
                                       const char     *field,
                                       const char     *format,
                                       ...) G_GNUC_PRINTF (3, 4);
void       sp_import_skip             (SpImport       *self,
                                       const char     *record_id,
                                       const char     *format,
                                       ...) G_GNUC_PRINTF (3, 4);
gboolean   sp_import_failed           (SpImport       *self);
gboolean   sp_import_take_failure     (SpImport       *self,
                                       GError        **error);



typedef enum
{
  SP_SERVICE_NEW,
  SP_SERVICE_CHANGED,
  SP_SERVICE_SAME,
  SP_SERVICE_SKIPPED,
  SP_SERVICE_REPEATED,   /* the feed listed it twice; the later entry won */
  SP_SERVICE_KEPT_EDITED,/* its group's change on the hub kept over the feed's copy */
} SpServiceOutcome;

/* A service's content_hash after its group's change on the hub was applied: this, then the
 * checksum of the feed's copy the change was made over (or nothing). */
#define SP_IMPORT_EDITED_MARK "edited:"

gboolean   sp_import_mark_edited      (SpImport       *self,
                                       const char     *id,
                                       const char     *feed_hash);

SpServiceOutcome sp_import_service    (SpImport       *self,
                                       JsonObject     *service,
                                       const char     *content_hash);
SpServiceOutcome sp_import_flat_row   (SpImport       *self,
                                       const SpTable  *table,
                                       JsonObject     *row,
                                       const char     *label);

/* One field's value, read from a feed and checked (sp-import-values.c). */
typedef enum
{
  SP_IMPORT_VALUE_NONE,
  SP_IMPORT_VALUE_TEXT,
  SP_IMPORT_VALUE_INT,
  SP_IMPORT_VALUE_REAL,
} SpImportValueType;

typedef struct
{
  SpImportValueType type;
  char *text;
  gint64 i;
  double d;
} SpImportValue;

void       sp_import_value_clear      (SpImportValue  *value);
char      *sp_import_node_as_text     (SpImport       *self,
                                       const char     *name,
                                       JsonNode       *node);
gboolean   sp_import_read_field       (SpImport       *self,
                                       const SpField  *field,
                                       JsonNode       *node,
                                       SpImportValue  *value);
int        sp_import_field_index      (const SpTable  *table,
                                       const char     *name);
gboolean   sp_import_apply_rules      (SpImport       *self,
                                       const SpTable  *table,
                                       JsonObject     *object,
                                       SpImportValue  *values);

gboolean   sp_import_tabular_package  (SpImport       *self,
                                       const char     *folder,
                                       GError        **error);

/* The statements an import writes with (sp-import-sql.c). */
SpStoreStatement *sp_import_statement           (SpImport            *self,
                                                 const char          *sql,
                                                 const char          *doing);
gboolean          sp_import_run                 (SpImport            *self,
                                                 SpStoreStatement    *stmt);
const char       *sp_import_foreign_key_target  (const char          *column);
gboolean          sp_import_row_exists          (SpImport            *self,
                                                 const char          *table,
                                                 const char          *id);
gboolean          sp_import_read_content_hash   (SpImport            *self,
                                                 const char          *id,
                                                 gboolean            *existed,
                                                 char               **content_hash);
gboolean          sp_import_write_row           (SpImport            *self,
                                                 const SpTable       *table,
                                                 const char          *id,
                                                 const SpImportValue *values,
                                                 const char          *source_id);
gboolean          sp_import_delete_owned_children (SpImport          *self,
                                                 const SpTable       *table,
                                                 const char          *id);
gboolean          sp_import_clear_reference     (SpImport            *self,
                                                 const SpTable       *table,
                                                 const char          *column,
                                                 const char          *id);

G_END_DECLS
