/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-accessible.h: names for what a screen reader would otherwise meet unnamed. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void sp_accessible_name_dropdown (GtkDropDown *dropdown,
                                  const char  *label);

void sp_accessible_name_menu_button (GtkMenuButton *button,
                                     const char    *label);

G_END_DECLS
