/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-html.h: turning the HTML some feeds put in descriptions into clean display text. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *sp_html_to_text       (const char *html);

G_END_DECLS
