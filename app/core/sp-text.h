/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-text.h: cleaning text from feeds for display and matching. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *sp_text_match_key     (const char *name);
char     *sp_text_bound         (const char *text,
                                 gsize       max_bytes,
                                 gboolean   *truncated);
gboolean  sp_text_is_uuid       (const char *text);
char     *sp_text_uuid_from_seed (const char *seed);
gboolean  sp_text_is_email      (const char *text);
gboolean  sp_text_is_url        (const char *text);
gboolean  sp_text_is_date       (const char *text);
gboolean  sp_text_is_datetime   (const char *text);
gboolean  sp_text_is_time       (const char *text);

G_END_DECLS
