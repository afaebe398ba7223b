/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-store-private.h: what the files of the store (sp-store*.c) share. */
#pragma once

#include <sqlite3.h>

#include "sp-store.h"

G_BEGIN_DECLS

struct _SpStore
{
  GObject parent_instance;

  char *path;
  sqlite3 *db;
  GHashTable *cached;   /* SQL text -> sqlite3_stmt, for sp_store_prepare_cached() */
};

G_END_DECLS
