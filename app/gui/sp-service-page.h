/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-service-page.h: everything about one service: what, when, where, how to get in touch. */
#pragma once

#include <adwaita.h>

#include "sp-service-detail.h"
#include "sp-shortlist.h"

G_BEGIN_DECLS

#define SP_TYPE_SERVICE_PAGE (sp_service_page_get_type ())
G_DECLARE_FINAL_TYPE (SpServicePage, sp_service_page, SP, SERVICE_PAGE, GtkWidget)

GtkWidget       *sp_service_page_new              (gboolean         kiosk);
void             sp_service_page_set_shortlist    (SpServicePage   *self,
                                                   SpShortlist     *shortlist);
void             sp_service_page_show             (SpServicePage   *self,
                                                   SpServiceDetail *detail,
                                                   GDateTime       *now);
void             sp_service_page_clear            (SpServicePage   *self);
SpServiceDetail *sp_service_page_get_detail       (SpServicePage   *self);
AdwHeaderBar    *sp_service_page_get_header       (SpServicePage   *self);
void             sp_service_page_set_back_visible (SpServicePage   *self,
                                                   gboolean         visible);
char            *sp_service_page_dup_text         (SpServicePage   *self);

G_END_DECLS
