/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-search-document.h: how the index reads a service document (app/core's SpServiceDocument) and the store's state. */
#pragma once

#include "sp-service-document.h"

G_BEGIN_DECLS

/* Days of the week as bits, Monday first, as iCalendar names them (MO … SU). */
#define SP_SEARCH_N_DAYS SP_SERVICE_DOCUMENT_N_DAYS

int               sp_search_day_from_name      (const char       *name);
char             *sp_search_fold               (const char       *text);
char             *sp_search_store_stamp        (SpStore          *store);

G_END_DECLS
