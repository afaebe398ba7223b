/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-open-now.h: what "open now" means, one meaning for the app and the command line. */
#pragma once

#include <gio/gio.h>

#include "sp-service-detail.h"

G_BEGIN_DECLS

/* "Open now" looks for services open at a moment among this many of the best matches that
 * meet on its day: telling whether one is open means reading its schedules. */
#define SP_OPEN_NOW_POOL 400

int       sp_open_now_day     (GDateTime        *when);
gboolean  sp_open_now_is_open (SpServiceDetail  *detail,
                               GDateTime        *when);
GArray   *sp_open_now_select  (SpStore          *store,
                               const char * const *ids,
                               GDateTime        *when,
                               guint             most,
                               GCancellable     *cancellable,
                               GError          **error);

G_END_DECLS
