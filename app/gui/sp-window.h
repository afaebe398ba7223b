/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-window.h: Signpost's window, on the desktop or as a public kiosk. */
#pragma once

#include <adwaita.h>

#include "sp-kiosk-guard.h"
#include "sp-search-index.h"
#include "sp-search-page.h"
#include "sp-service-page.h"
#include "sp-shortlist.h"

G_BEGIN_DECLS

#define SP_TYPE_WINDOW (sp_window_get_type ())
G_DECLARE_FINAL_TYPE (SpWindow, sp_window, SP, WINDOW, AdwApplicationWindow)

SpWindow      *sp_window_new                (GtkApplication *application,
                                             GSettings      *settings,
                                             gboolean        kiosk);
void           sp_window_set_directory      (SpWindow       *self,
                                             SpStore        *store,
                                             SpSearchIndex  *index);
gboolean       sp_window_take_directory     (SpWindow       *self,
                                             SpWindow       *from);
void           sp_window_directory_changed  (SpWindow       *self);
void           sp_window_set_directory_status (SpWindow     *self,
                                             const char   *status);
SpStore       *sp_window_get_directory      (SpWindow       *self,
                                             SpSearchIndex **index);
void           sp_window_show_unavailable   (SpWindow       *self,
                                             const char     *message);
gboolean       sp_window_get_kiosk          (SpWindow       *self);
SpSearchPage  *sp_window_get_search_page    (SpWindow       *self);
SpServicePage *sp_window_get_service_page   (SpWindow       *self);
SpShortlist   *sp_window_get_shortlist      (SpWindow       *self);
SpKioskGuard  *sp_window_get_kiosk_guard    (SpWindow       *self);
void           sp_window_open_service       (SpWindow       *self,
                                             const char     *id);
void           sp_window_reset_visit        (SpWindow       *self);
void           sp_window_set_print_output   (SpWindow       *self,
                                             const char     *uri);
void           sp_window_set_print_timeout  (SpWindow       *self,
                                             guint           timeout_ms);
void           sp_window_set_now            (SpWindow       *self,
                                             GDateTime      *now);
void           sp_window_ensure_resources   (void);

G_END_DECLS
