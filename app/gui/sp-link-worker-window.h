/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-link-worker-window.h: the Link Worker area: sign-in, caseload, referrals, outcomes, report, audit. */
#pragma once

#include <adwaita.h>

#include "sp-referral-store.h"
#include "sp-window.h"

G_BEGIN_DECLS

#define SP_TYPE_LINK_WORKER_WINDOW (sp_link_worker_window_get_type ())
G_DECLARE_FINAL_TYPE (SpLinkWorkerWindow, sp_link_worker_window, SP, LINK_WORKER_WINDOW, AdwApplicationWindow)

SpLinkWorkerWindow *sp_link_worker_window_new        (GtkApplication     *application,
                                                      GSettings          *settings,
                                                      const char         *data_dir,
                                                      GError            **error);
SpReferralStore    *sp_link_worker_window_get_store  (SpLinkWorkerWindow *self);
void                sp_link_worker_window_set_idle_ms (SpLinkWorkerWindow *self,
                                                      guint               idle_ms);
void                sp_link_worker_window_set_today  (SpLinkWorkerWindow *self,
                                                      SpDay               today);
void                sp_link_worker_window_show_view  (SpLinkWorkerWindow *self,
                                                      const char         *name);
void                sp_link_worker_window_set_directory_window (SpLinkWorkerWindow *self,
                                                      SpWindow           *window);
void                sp_link_worker_window_set_directory (SpLinkWorkerWindow *self,
                                                      SpStore            *directory,
                                                      SpSearchIndex      *index);
void                sp_link_worker_window_set_slip_output (SpLinkWorkerWindow *self,
                                                      const char         *uri);
gboolean            sp_link_worker_window_is_busy    (SpLinkWorkerWindow *self);

G_END_DECLS
