/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-service-documents.h: each service's Open Referral UK JSON, kept ready in the store. */
#pragma once

#include "sp-store.h"

G_BEGIN_DECLS

gboolean sp_service_documents_refresh (SpStore     *store,
                                       gint64       seq,
                                       GError     **error);
gboolean sp_service_documents_drop    (SpStore     *store,
                                       gint64       seq,
                                       GError     **error);
gboolean sp_service_documents_read    (SpStore     *store,
                                       const char  *id,
                                       gboolean     whole,
                                       char       **text,
                                       GError     **error);

G_END_DECLS
