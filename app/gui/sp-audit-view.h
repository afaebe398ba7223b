/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-audit-view.h: the audit log in the app, newest first, with its tamper check. */
#pragma once

#include <adwaita.h>

#include "sp-link-worker-window.h"

G_BEGIN_DECLS

#define SP_TYPE_AUDIT_VIEW (sp_audit_view_get_type ())
G_DECLARE_FINAL_TYPE (SpAuditView, sp_audit_view, SP, AUDIT_VIEW, AdwBin)

SpAuditView *sp_audit_view_new     (SpLinkWorkerWindow *window,
                                    SpReferralStore    *store);
void         sp_audit_view_refresh (SpAuditView        *self);

G_END_DECLS
