/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-store-statement.h: SQL statements on the directory store, for app/core's own modules.
 *
 * The front ends, the search index and the command line never see SQL: they call named
 * operations (sp_service_lookup(), sp_place_lookup(), sp_category_list_top_level(), …).
 * The modules of app/core that implement those operations, and the import and export that
 * build their SQL from the HSDS table descriptors (sp-hsds.h), run statements through this
 * header. Nothing here hands out SQLite's own handles.
 */
#pragma once

#include "sp-store.h"

G_BEGIN_DECLS

typedef struct _SpStoreStatement SpStoreStatement;

/* What one step of a statement came to. An error is never "no more rows". */
typedef enum
{
  SP_STORE_STEP_ROW = 1,  /* a row is ready to read with the column getters */
  SP_STORE_STEP_DONE,     /* the statement has run to its end */
  SP_STORE_STEP_ERROR,    /* it failed; the GError says why and what Signpost was doing */
} SpStoreStep;

SpStoreStatement *sp_store_statement_new        (SpStore           *store,
                                                 const char        *sql,
                                                 const char        *doing,
                                                 GError           **error);
SpStoreStatement *sp_store_statement_cached     (SpStore           *store,
                                                 const char        *sql,
                                                 const char        *doing,
                                                 GError           **error);
void              sp_store_statement_free       (SpStoreStatement  *self);

void              sp_store_statement_bind_text  (SpStoreStatement  *self,
                                                 int                index,
                                                 const char        *text);
void              sp_store_statement_bind_text_take (SpStoreStatement *self,
                                                 int                index,
                                                 char              *text);
void              sp_store_statement_bind_int64 (SpStoreStatement  *self,
                                                 int                index,
                                                 gint64             value);
void              sp_store_statement_bind_double (SpStoreStatement *self,
                                                 int                index,
                                                 double             value);
void              sp_store_statement_bind_null  (SpStoreStatement  *self,
                                                 int                index);

int               sp_store_statement_parameter  (SpStoreStatement  *self,
                                                 const char        *name);

SpStoreStep       sp_store_statement_step       (SpStoreStatement  *self,
                                                 GError           **error);
gboolean          sp_store_statement_run        (SpStoreStatement  *self,
                                                 GError           **error);
void              sp_store_statement_reset      (SpStoreStatement  *self);
GPtrArray        *sp_store_statement_collect_texts (SpStoreStatement *self,
                                                 GError           **error);

gboolean          sp_store_statement_is_null    (SpStoreStatement  *self,
                                                 int                column);
const char       *sp_store_statement_get_text   (SpStoreStatement  *self,
                                                 int                column);
char             *sp_store_statement_dup_text   (SpStoreStatement  *self,
                                                 int                column);
gint64            sp_store_statement_get_int64  (SpStoreStatement  *self,
                                                 int                column);
double            sp_store_statement_get_double (SpStoreStatement  *self,
                                                 int                column);

gint64            sp_store_count_changes        (SpStore           *store);
gboolean          sp_store_exec                 (SpStore           *store,
                                                 const char        *sql,
                                                 GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpStoreStatement, sp_store_statement_free)

G_END_DECLS
