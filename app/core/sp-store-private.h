/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-store-private.h: what the files of the store (sp-store*.c) share; SQLite stays behind them. */
#pragma once

#include <sqlite3.h>

#include "sp-store-statement.h"
#include "sp-store-testing.h"

G_BEGIN_DECLS

struct _SpStore
{
  GObject parent_instance;

  char *path;
  sqlite3 *db;
  GHashTable *cached;   /* SQL text -> SpStoreStatement, for sp_store_statement_cached() */
  gboolean drop_documents;  /* sp_store_set_keep_documents() */
};

gboolean sp_store_set_error_from_db  (SpStore     *self,
                                      int          rc,
                                      const char  *doing,
                                      GError     **error);
gboolean sp_store_set_error          (SpStore     *self,
                                      int          rc,
                                      const char  *detail,
                                      const char  *doing,
                                      GError     **error);

G_END_DECLS
