/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-html-private.h: the escaping and the frame every page of the hub shares (sp-hub-html.c). */
#pragma once

#include "sp-hub-request.h"
#include "sp-store.h"

G_BEGIN_DECLS

void           sp_hub_html_append_escaped (GString    *html,
                                           const char *text);
void           sp_hub_html_begin_document (GString    *html,
                                           const char *title,
                                           const char *directory);
void           sp_hub_html_end_page       (GString    *html,
                                           const char *directory);
SpHubResponse *sp_hub_html_page_response  (guint       status,
                                           GString    *html);
char          *sp_hub_html_directory_name (SpStore    *store);

G_END_DECLS
