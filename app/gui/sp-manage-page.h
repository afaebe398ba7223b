/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-manage-page.h: the practice's settings of the referral store: accounts, backups,
 * retention, bank holidays, locking. */
#pragma once

#include <adwaita.h>

#include "sp-link-worker-window.h"

G_BEGIN_DECLS

#define SP_TYPE_MANAGE_PAGE (sp_manage_page_get_type ())
G_DECLARE_FINAL_TYPE (SpManagePage, sp_manage_page, SP, MANAGE_PAGE, AdwBin)

SpManagePage *sp_manage_page_new           (SpLinkWorkerWindow *window,
                                            SpReferralStore    *store);
void          sp_manage_page_refresh       (SpManagePage       *self);

/* Backups (sp-manage-backup.c); a restore may start from the sign-in page too. */
void          sp_manage_page_start_backup  (SpLinkWorkerWindow *window,
                                            SpReferralStore    *store);
void          sp_manage_page_start_restore (SpLinkWorkerWindow *window,
                                            SpReferralStore    *store);

/* A thread's job on the store: up to three strings, wiped when it is done. */
typedef struct
{
  SpReferralStore *store;
  char *first;
  char *second;
  char *third;
  GPtrArray *records;           /* (nullable) */
} SpStoreJob;

SpStoreJob   *sp_store_job_new             (SpReferralStore    *store,
                                            const char         *first,
                                            const char         *second,
                                            const char         *third);
void          sp_store_job_free            (gpointer            job);
void          sp_store_job_report          (SpLinkWorkerWindow *window,
                                            GAsyncResult       *result,
                                            const char         *done);

G_END_DECLS
