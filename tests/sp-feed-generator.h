/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-feed-generator.h: realistic ORUK 3.0 feeds of any size, for benchmarks and crash tests. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean sp_feed_generate (const char *path,
                           guint       n_services,
                           guint32     seed,
                           GError    **error);

G_END_DECLS
