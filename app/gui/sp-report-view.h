/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-report-view.h: the commissioners' report in the app: key figures, charts, wellbeing. */
#pragma once

#include <adwaita.h>

#include "sp-link-worker-window.h"

G_BEGIN_DECLS

#define SP_TYPE_REPORT_VIEW (sp_report_view_get_type ())
G_DECLARE_FINAL_TYPE (SpReportView, sp_report_view, SP, REPORT_VIEW, AdwBin)

SpReportView *sp_report_view_new        (SpLinkWorkerWindow *window,
                                         SpReferralStore    *store);
void          sp_report_view_show       (SpReportView       *self);
void          sp_report_view_invalidate (SpReportView       *self);
void          sp_report_view_save_to    (SpReportView       *self,
                                         const char         *path,
                                         gboolean            csv);

G_END_DECLS
