/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-link-worker-test.h: what the Link Worker window's GUI tests share: a data folder with
 * a made-up caseload and the sample directory, the window on it, its text, its pictures,
 * and real key presses (xdotool, under the X server the tests run on). */
#pragma once

#include "sp-link-worker-window.h"
#include "sp-referral-fixture.h"

G_BEGIN_DECLS

/* Fake on its face: the name of the person every fixture holds, whatever else it has. */
#define SP_LW_TEST_NAME "Testperson Quokkawise"
#define SP_LW_TEST_PHONE "01632 960123"
#define SP_LW_TEST_POSTCODE "ZZ99 9QZ"
#define SP_LW_TEST_TODAY "2026-12-08"

typedef struct
{
  char *dir;
  char *data_dir;
  char *nhs_number;          /* SP_LW_TEST_NAME's, from the 999 test range */
  char *person_id;
  char *referral_id;
  SpLinkWorkerWindow *window;
} SpLwFixture;

void        sp_lw_fixture_set_up     (SpLwFixture  *f,
                                      gconstpointer data);
void        sp_lw_fixture_tear_down  (SpLwFixture  *f,
                                      gconstpointer data);
void        sp_lw_open_window        (SpLwFixture  *f);
void        sp_lw_sign_in            (SpLwFixture  *f);
char       *sp_lw_window_text        (GtkWidget    *widget);
GtkWidget  *sp_lw_find               (GtkWidget    *widget,
                                      GType         type,
                                      const char   *title);
GtkWindow  *sp_lw_find_dialog        (GType         type);
void        sp_lw_shoot              (GtkWidget    *widget,
                                      const char   *name);
void        sp_lw_wait_until_idle    (SpLwFixture  *f);

/* Real key presses, through the X server. */
void        sp_lw_keyboard_focus     (GtkWindow    *window);
void        sp_lw_key                (GtkWindow    *window,
                                      const char   *keys);
void        sp_lw_type               (GtkWindow    *window,
                                      const char   *text);
gboolean    sp_lw_tab_to             (GtkWindow    *window,
                                      const char   *key,
                                      gboolean    (*is_there) (GtkWidget *focus, gpointer data),
                                      gpointer      data,
                                      guint         most);
const char *sp_lw_focus_title        (GtkWindow    *window);
void        sp_lw_assert_focus_shown (GtkWindow    *window);

G_END_DECLS
