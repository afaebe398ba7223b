/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-gui-test.h: what the GUI tests share: a window on the sample directory, the main
 * loop run until it settles, and widgets rendered to PNG. */
#pragma once

#include <gtk/gtk.h>

#include "sp-window.h"

G_BEGIN_DECLS

typedef struct
{
  char *dir;
  GSettings *settings;
  SpStore *store;
  SpWindow *window;
} SpGuiFixture;

void     sp_gui_test_init         (int          *argc,
                                   char       ***argv);
void     sp_gui_fixture_open      (SpGuiFixture *fixture,
                                   gboolean      kiosk,
                                   int           width,
                                   int           height);
void     sp_gui_fixture_close     (SpGuiFixture *fixture);
void     sp_gui_settle            (void);
void     sp_gui_wait_ms           (guint         ms);
gboolean sp_gui_save_png          (GtkWidget    *widget,
                                   const char   *path);
GDateTime *sp_gui_fixed_now       (void);
void     sp_gui_type              (SpWindow     *window,
                                   const char   *text);
GtkWidget *sp_gui_find_labelled   (GtkWidget    *widget,
                                   GType         type,
                                   const char   *label);
gboolean sp_gui_file_has_content  (const char   *path);
gboolean sp_gui_wait_for_file     (const char   *path,
                                   guint         ms);
AdwMessageDialog *sp_gui_find_dialog     (const char *heading);
AdwMessageDialog *sp_gui_wait_for_dialog (const char *heading,
                                          guint       ms);

G_END_DECLS
