/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-shortlist.h: the services a person has saved ("Saved"), as a list model of ids. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SP_TYPE_SHORTLIST (sp_shortlist_get_type ())
G_DECLARE_FINAL_TYPE (SpShortlist, sp_shortlist, SP, SHORTLIST, GObject)

SpShortlist  *sp_shortlist_new        (GSettings   *settings);
gboolean      sp_shortlist_contains   (SpShortlist *self,
                                       const char  *id);
void          sp_shortlist_add        (SpShortlist *self,
                                       const char  *id);
void          sp_shortlist_remove     (SpShortlist *self,
                                       const char  *id);
void          sp_shortlist_clear      (SpShortlist *self);
guint         sp_shortlist_get_count  (SpShortlist *self);
const char   *sp_shortlist_get_id     (SpShortlist *self,
                                       guint        position);

G_END_DECLS
