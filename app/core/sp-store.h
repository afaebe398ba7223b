/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-store.h: the directory store, an HSDS 3.0 shaped SQLite database.
 *
 * SQLite stays behind the store: no handle or statement of its own leaves it. The modules
 * of app/core run their SQL through sp-store-statement.h; everything else (the front ends,
 * the search index) calls named operations of app/core and never sees SQL.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SP_STORE_ERROR (sp_store_error_quark ())
GQuark sp_store_error_quark (void);

typedef enum
{
  SP_STORE_ERROR_OPEN,       /* the file cannot be opened or created */
  SP_STORE_ERROR_CORRUPT,    /* not a database, or damaged */
  SP_STORE_ERROR_TOO_NEW,    /* written by a newer Signpost */
  SP_STORE_ERROR_FULL,       /* the disk (or the configured size limit) is full */
  SP_STORE_ERROR_BUSY,       /* another program holds the store */
  SP_STORE_ERROR_FAILED,     /* anything else SQLite reports */
  SP_STORE_ERROR_READ_ONLY,  /* the store needs changing and may only be read */
} SpStoreError;

/* The newest schema this build knows; PRAGMA user_version of a current store. */
#define SP_STORE_SCHEMA_VERSION 9

/* How long a change waits for another program's change to the store to finish. */
#define SP_STORE_BUSY_TIMEOUT_MS 30000

/* What a copy of the directory knows of a hub it syncs from (sp-store-sync.c). */
typedef struct
{
  char *url;
  char *store_id;          /* the hub's store */
  gint64 seq;              /* the hub's last change this copy holds */
  char *token;             /* that change's token */
  char *etag;              /* of the last feed */
  char *last_success_at;   /* UTC ISO 8601: when the copy was last known to match the hub */
  char *last_attempt_at;
  char *last_error;        /* why the last round failed, or NULL */
} SpSyncSource;

void sp_sync_source_clear (SpSyncSource *source);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SpSyncSource, sp_sync_source_clear)

#define SP_TYPE_STORE (sp_store_get_type ())
G_DECLARE_FINAL_TYPE (SpStore, sp_store, SP, STORE, GObject)

SpStore    *sp_store_open                 (const char  *path,
                                           GError     **error);
SpStore    *sp_store_open_at_version      (const char  *path,
                                           int          version,
                                           GError     **error);
SpStore    *sp_store_open_for_reading     (const char  *path,
                                           GError     **error);
gboolean    sp_store_is_read_only         (SpStore     *self);
const char *sp_store_get_path             (SpStore     *self);
int         sp_store_get_schema_version   (SpStore     *self);

gboolean    sp_store_begin                (SpStore     *self,
                                           GError     **error);
gboolean    sp_store_commit               (SpStore     *self,
                                           GError     **error);
void        sp_store_rollback             (SpStore     *self);
gboolean    sp_store_begin_read           (SpStore     *self,
                                           GError     **error);
void        sp_store_end_read             (SpStore     *self);

gint64      sp_store_count                (SpStore     *self,
                                           const char  *table);
gboolean    sp_store_set_size_limit       (SpStore     *self,
                                           gint64       bytes,
                                           GError     **error);
gboolean    sp_store_check_integrity      (SpStore     *self,
                                           GError     **error);

gboolean    sp_store_get_change_seq       (SpStore     *self,
                                           gint64      *seq,
                                           GError     **error);
gboolean    sp_store_get_change_token     (SpStore     *self,
                                           gint64       seq,
                                           char       **store_id,
                                           char       **token,
                                           GError     **error);
GPtrArray  *sp_store_list_changed_services (SpStore    *self,
                                           gint64       since,
                                           GError     **error);
GPtrArray  *sp_store_list_removed_services (SpStore    *self,
                                           gint64       since,
                                           GError     **error);
gboolean    sp_store_get_sync_source      (SpStore     *self,
                                           const char  *url,
                                           SpSyncSource *source,
                                           GError     **error);
gboolean    sp_store_put_sync_source      (SpStore     *self,
                                           const SpSyncSource *source,
                                           GError     **error);
gboolean    sp_store_note_sync_attempt    (SpStore     *self,
                                           const char  *url,
                                           const char  *when,
                                           const char  *problem,
                                           GError     **error);
void        sp_store_set_keep_documents   (SpStore     *self,
                                           gboolean     keep);
gboolean    sp_store_record_change        (SpStore     *self,
                                           GPtrArray   *changed_ids,
                                           gint64       feed_id,
                                           GPtrArray   *removed_ids,
                                           gint64      *seq,
                                           GError     **error);

G_END_DECLS
