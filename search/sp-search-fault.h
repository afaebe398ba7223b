/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-search-fault.h: making the index fail on purpose at named points, for tests only. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where a failure can be made to happen, and what is thrown there. */
typedef enum
{
  SP_SEARCH_FAULT_OPEN,    /* opening a generation to read: Xapian::DatabaseOpeningError */
  SP_SEARCH_FAULT_REOPEN,  /* reopening the one open at its latest revision: Xapian::DatabaseError */
  SP_SEARCH_FAULT_ALLOC,   /* an allocation in an entry point: std::bad_alloc */
  SP_SEARCH_FAULT_WRITE,   /* committing a write: Xapian::DatabaseError, as on a full disk */
  SP_SEARCH_FAULT_DAMAGED, /* finishing a build: Xapian::DatabaseCorruptError, as when a merge
                            * of the build's parts reads back damaged */
  SP_SEARCH_N_FAULTS,
} SpSearchFault;

void sp_search_fault_inject (SpSearchFault point,
                             guint         skip,
                             guint         count);
void sp_search_fault_reset  (void);

G_END_DECLS
