/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-link-worker-private.h: what the Link Worker window lends the pages it shows.
 *
 * Pages (caseload, referral, person, outcome form, new referral, report, audit log,
 * manage) are made after sign-in and destroyed when the window locks; they hold the window
 * unowned. Work that takes longer than a frame runs through sp_link_worker_window_run(),
 * which keeps the store to that thread until it is done: a lock asked for meanwhile clears
 * the screen at once and wipes the keys as soon as the thread lets go of the store.
 */
#pragma once

#include "sp-link-worker-window.h"
#include "sp-search-index.h"
#include "sp-store.h"

G_BEGIN_DECLS

/* Called in the main thread when a task is over, unless the window locked meanwhile (then
 * the page that asked is gone): @result is the GTask, to propagate its value from. */
typedef void (*SpLinkWorkerDone) (SpLinkWorkerWindow *self,
                                  GAsyncResult       *result,
                                  gpointer            data);

void            sp_link_worker_window_toast            (SpLinkWorkerWindow *self,
                                                        const char         *message);
SpDay           sp_link_worker_window_get_today        (SpLinkWorkerWindow *self);
GSettings      *sp_link_worker_window_get_settings     (SpLinkWorkerWindow *self);
SpStore        *sp_link_worker_window_get_directory    (SpLinkWorkerWindow *self);
SpSearchIndex  *sp_link_worker_window_get_index        (SpLinkWorkerWindow *self);
const char     *sp_link_worker_window_get_slip_output  (SpLinkWorkerWindow *self);

void            sp_link_worker_window_open_referral    (SpLinkWorkerWindow *self,
                                                        const char         *referral_id);
void            sp_link_worker_window_open_person      (SpLinkWorkerWindow *self,
                                                        const char         *person_id);
void            sp_link_worker_window_new_referral_for (SpLinkWorkerWindow *self,
                                                        const char         *person_id);
void            sp_link_worker_window_records_changed  (SpLinkWorkerWindow *self);
void            sp_link_worker_window_keep_dialog      (SpLinkWorkerWindow *self,
                                                        GtkWindow          *dialog);
void            sp_link_worker_window_keep_chooser     (SpLinkWorkerWindow *self,
                                                        GtkNativeDialog    *chooser);
void            sp_link_worker_window_run              (SpLinkWorkerWindow *self,
                                                        GTaskThreadFunc     thread,
                                                        gpointer            task_data,
                                                        GDestroyNotify      task_data_free,
                                                        SpLinkWorkerDone    done,
                                                        gpointer            done_data);
void            sp_link_worker_window_locked_by_restore (SpLinkWorkerWindow *self,
                                                        const char         *message);

G_END_DECLS
