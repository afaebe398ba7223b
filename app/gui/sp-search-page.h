/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-search-page.h: the start page, search as you type, filters, results and the shortlist. */
#pragma once

#include <adwaita.h>

#include "sp-detail-cache.h"
#include "sp-search-index.h"
#include "sp-shortlist.h"

G_BEGIN_DECLS

#define SP_TYPE_SEARCH_PAGE (sp_search_page_get_type ())
G_DECLARE_FINAL_TYPE (SpSearchPage, sp_search_page, SP, SEARCH_PAGE, GtkWidget)

GtkWidget     *sp_search_page_new              (gboolean        kiosk);
void           sp_search_page_set_directory    (SpSearchPage   *self,
                                                SpStore        *store,
                                                SpSearchIndex  *index,
                                                SpDetailCache  *details,
                                                SpShortlist    *shortlist,
                                                GSettings      *settings);
void           sp_search_page_set_preparing    (SpSearchPage   *self,
                                                gboolean        preparing);
void           sp_search_page_set_directory_status (SpSearchPage *self,
                                                 const char   *status);
void           sp_search_page_show_unavailable (SpSearchPage   *self,
                                                const char     *message);
void           sp_search_page_reset            (SpSearchPage   *self);
void           sp_search_page_refresh          (SpSearchPage   *self);
void           sp_search_page_focus_entry      (SpSearchPage   *self);
GtkEditable   *sp_search_page_get_entry        (SpSearchPage   *self);
void           sp_search_page_set_showing_saved (SpSearchPage  *self,
                                                gboolean        showing);
void           sp_search_page_set_category     (SpSearchPage   *self,
                                                const char     *term_id,
                                                const char     *name);
void           sp_search_page_set_free_only    (SpSearchPage   *self,
                                                gboolean        free_only);
GListModel    *sp_search_page_get_results      (SpSearchPage   *self);
guint          sp_search_page_get_total        (SpSearchPage   *self);
const char    *sp_search_page_get_visible_name (SpSearchPage   *self);
AdwHeaderBar  *sp_search_page_get_header       (SpSearchPage   *self);
void           sp_search_page_set_now          (SpSearchPage   *self,
                                                GDateTime      *now);

G_END_DECLS
