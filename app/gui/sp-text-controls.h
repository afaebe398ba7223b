/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-text-controls.h: the text size steps and the high-contrast switch, on every page. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Text sizes: 100 %, 125 %, 150 %, 175 %, 200 % (settings key text-size, 0 … 4). */
#define SP_TEXT_SIZE_STEPS 5

GtkWidget *sp_text_controls_new     (gboolean big);
double     sp_text_size_scale       (guint    step);
void       sp_text_style_apply      (GtkWidget *widget,
                                     guint      step,
                                     gboolean   high_contrast);
void       sp_text_style_copy       (GtkWidget *from,
                                     GtkWidget *to);

G_END_DECLS
