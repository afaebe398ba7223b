/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-store-testing.h: TEST ONLY. Faults the test suites inject into a store; the app never calls these.
 *
 * A disk that fails half-way through a read cannot be arranged on demand, so the suites ask
 * the store to fail one step of one statement instead and check that every caller tells the
 * failure from the end of the rows and passes it on.
 */
#pragma once

#include "sp-store.h"

G_BEGIN_DECLS

/* What an injected failure looks like to the caller: the SQLite result it stands for. */
typedef enum
{
  SP_STORE_FAULT_IO,       /* SQLITE_IOERR: the disk failed */
  SP_STORE_FAULT_CORRUPT,  /* SQLITE_CORRUPT: the file is damaged */
  SP_STORE_FAULT_FULL,     /* SQLITE_FULL: the disk is full */
} SpStoreFault;

void     sp_store_inject_step_failure (SpStore      *self,
                                       const char   *sql_substring,
                                       guint         n_steps_first,
                                       SpStoreFault  fault);
void     sp_store_clear_faults        (SpStore      *self);
gboolean sp_store_in_transaction      (SpStore      *self);

G_END_DECLS
