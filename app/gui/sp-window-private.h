/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-window-private.h: what the files of SpWindow share: its fields and a few helpers. */
#pragma once

#include "sp-detail-cache.h"
#include "sp-print.h"
#include "sp-window.h"

G_BEGIN_DECLS

struct _SpWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toasts;
  AdwLeaflet *leaflet;
  SpSearchPage *search_page;
  SpServicePage *service_page;

  gboolean kiosk;
  GSettings *settings;
  SpStore *store;
  SpSearchIndex *index;
  SpDetailCache *details;
  SpShortlist *shortlist;
  SpKioskGuard *guard;
  guint text_size;
  gboolean high_contrast;
  guint visit;             /* counts the kiosk's resets: a print outlives its visit */
  guint prints_this_visit;
  gint64 last_print;
  gboolean printing;       /* a kiosk's slip is on its way to the printer */
  guint print_timeout_ms;
  char *print_output;      /* (nullable) a file URI the kiosk prints to instead (tests) */
  GDateTime *now;          /* (nullable) a fixed "now" (tests) */
  GPtrArray *toasts_shown; /* (element-type AdwToast) shown or waiting their turn */
  char *directory_status;  /* (nullable) when the directory was last updated, from where */
  GCancellable *repair;    /* (nullable) while the index is rebuilt in a thread */
  gboolean checking_repair; /* showing the index just repaired */
};

/* sp-window-kiosk.c: the visitor's language */
void sp_window_choose_language   (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data);
void sp_window_use_language      (SpWindow      *self,
                                  const char    *code);

/* sp-window.c */
void sp_window_show_service_pane (SpWindow      *self,
                                  gboolean       shown);
void sp_window_add_toast         (SpWindow      *self,
                                  AdwToast      *toast);
void sp_window_dismiss_toasts    (SpWindow      *self);

/* sp-window-directory.c: the store and index shown, read again, repaired */
void sp_window_watch_index       (SpWindow      *self);
void sp_window_stop_repair       (SpWindow      *self);

/* sp-window-kiosk.c: the kiosk's policy */
void sp_window_start_kiosk       (SpWindow      *self);
void sp_window_print_kiosk       (SpWindow      *self,
                                  SpSlipContent *content);
void sp_window_leave_kiosk       (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       data);

G_END_DECLS
