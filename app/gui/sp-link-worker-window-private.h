/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-link-worker-window-private.h: the Link Worker window's parts, shared by its two files:
 * sp-link-worker-window.c (pages and threads) and sp-link-worker-window-lock.c (signing in
 * and locking). */
#pragma once

#include "sp-audit-view.h"
#include "sp-caseload-view.h"
#include "sp-link-worker-private.h"
#include "sp-manage-page.h"
#include "sp-new-referral.h"
#include "sp-report-view.h"

G_BEGIN_DECLS

struct _SpLinkWorkerWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toasts;
  GtkStack *stack;
  AdwStatusPage *sign_in_page;
  AdwEntryRow *account_row;
  AdwPasswordEntryRow *passphrase_row;
  GtkWidget *sign_in_button;
  GtkWidget *sign_in_spinner;
  GtkWidget *restore_button;
  GtkWidget *busy_spinner;
  AdwViewStack *views;

  SpReferralStore *store;
  GSettings *settings;
  SpWindow *directory_window;   /* (nullable) (unowned) the main window, for its directory */
  SpStore *directory;           /* (nullable) a directory of our own (tests) */
  SpSearchIndex *index;
  char *slip_output;            /* (nullable) a file URI slips print to (tests) */

  /* Signed in: the pages. All NULL when locked. */
  SpCaseloadView *caseload_view;
  SpNewReferral *new_referral;
  SpReportView *report_view;
  SpAuditView *audit_view;
  SpManagePage *manage_page;
  GPtrArray *dialogs;           /* (element-type GtkWindow) open dialogs, destroyed on locking */
  GPtrArray *choosers;          /* (element-type GtkNativeDialog) */
  GPtrArray *toasts_shown;      /* (element-type AdwToast) dismissed on locking */

  guint idle_ms;
  guint idle_source;
  SpDay today;
  gboolean keyboard_user;       /* the last input was a key, not the pointer */
  gboolean busy;                /* a thread has the store */
  gboolean lock_pending;        /* lock as soon as it lets go */
  guint generation;             /* one more at each lock: a task's page may be gone */
  GDBusConnection *session_bus;
  GDBusConnection *system_bus;
  guint screensaver_watch;
  guint logind_watch;
};

void sp_link_worker_window_build_views   (SpLinkWorkerWindow *self);
void sp_link_worker_window_destroy_views (SpLinkWorkerWindow *self);

void sp_link_worker_lock_class_init      (GtkWidgetClass     *widget_class);
void sp_link_worker_lock_init            (SpLinkWorkerWindow *self);
void sp_link_worker_lock_start           (SpLinkWorkerWindow *self);
void sp_link_worker_lock_dispose         (SpLinkWorkerWindow *self);
void sp_link_worker_lock_restart_idle    (SpLinkWorkerWindow *self);
void sp_link_worker_lock_task_over       (SpLinkWorkerWindow *self);

G_END_DECLS
