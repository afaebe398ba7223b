/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-export.h: writing the directory out as Open Referral UK 3.0 JSON. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sp-store.h"

G_BEGIN_DECLS

JsonObject *sp_export_record        (SpStore        *store,
                                     const char     *table,
                                     const char     *id,
                                     gboolean        nested,
                                     GError        **error);
JsonObject *sp_export_service       (SpStore        *store,
                                     const char     *id,
                                     GError        **error);
gboolean    sp_export_all           (SpStore        *store,
                                     GOutputStream  *out,
                                     GCancellable   *cancellable,
                                     guint          *n_services,
                                     GError        **error);
gboolean    sp_export_all_to_file   (SpStore        *store,
                                     const char     *path,
                                     guint          *n_services,
                                     GError        **error);

G_END_DECLS
