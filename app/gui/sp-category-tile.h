/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-category-tile.h: a big button on the start page for one category of support. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SP_TYPE_CATEGORY_TILE (sp_category_tile_get_type ())
G_DECLARE_FINAL_TYPE (SpCategoryTile, sp_category_tile, SP, CATEGORY_TILE, GtkButton)

GtkWidget  *sp_category_tile_new          (const char     *term_id,
                                           const char     *code,
                                           const char     *name,
                                           guint           count);
const char *sp_category_tile_get_term_id  (SpCategoryTile *self);
const char *sp_category_tile_get_name     (SpCategoryTile *self);
const char *sp_category_icon_name         (const char     *code,
                                           const char     *name);

G_END_DECLS
