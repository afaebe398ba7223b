/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-result-row.h: how one service looks in a list of results or in the shortlist. */
#pragma once

#include <gtk/gtk.h>

#include "sp-detail-cache.h"
#include "sp-result.h"

G_BEGIN_DECLS

#define SP_TYPE_RESULT_ROW (sp_result_row_get_type ())
G_DECLARE_FINAL_TYPE (SpResultRow, sp_result_row, SP, RESULT_ROW, GtkWidget)

GtkWidget  *sp_result_row_new          (void);
void        sp_result_row_set_result   (SpResultRow   *self,
                                        SpResult      *result,
                                        SpDetailCache *details,
                                        GDateTime     *now);
SpResult   *sp_result_row_get_result   (SpResultRow   *self);
PangoLayout *sp_result_row_get_layout  (SpResultRow   *self);

char       *sp_markup_from_snippet     (const char    *snippet);
char       *sp_distance_words          (double         metres);
const char *sp_language_name           (const char    *code);

G_END_DECLS
