/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-kiosk-placement.h: a kiosk window that covers the screen, and its dialogs over its
 * middle, whether or not a window manager is there to do it. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void sp_kiosk_fill_screen   (GtkWindow *window);
void sp_kiosk_centre_dialog (GtkWindow *dialog);

G_END_DECLS
