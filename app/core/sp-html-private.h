/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-html-private.h: what the HTML reader (sp-html.c) takes from sp-html-entities.c. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A collapsible space in a description: HTML's own whitespace, &nbsp; and the
 * typographic spaces. */
gboolean sp_html_is_space      (gunichar    c);

/* Decodes the character reference at @p (an '&'), reading nothing at or past @end; returns
 * the bytes used, or 0 when the '&' is a literal one. */
gsize    sp_html_decode_entity (const char *p,
                                const char *end,
                                gunichar   *out);

G_END_DECLS
