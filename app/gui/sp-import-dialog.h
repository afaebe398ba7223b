/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-import-dialog.h: File → Import…: a feed imported off the main thread, with progress. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Called on the main thread once an import has changed the store (not when it failed or
 * was cancelled, which change nothing). */
typedef void (*SpImportedFunc) (gpointer user_data);

void sp_import_dialog_choose_and_run (GtkWindow      *parent,
                                      const char     *store_path,
                                      SpImportedFunc  imported,
                                      gpointer        user_data);
void sp_import_dialog_run            (GtkWindow      *parent,
                                      const char     *store_path,
                                      const char     *feed_path,
                                      SpImportedFunc  imported,
                                      gpointer        user_data);

G_END_DECLS
