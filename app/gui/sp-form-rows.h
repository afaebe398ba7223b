/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-form-rows.h: the rows, buttons and dialogs the Link Worker pages are made of. */
#pragma once

#include <adwaita.h>

#include "sp-link-worker-private.h"

G_BEGIN_DECLS

typedef void (*SpFormRebuild) (GtkWidget *page);

GtkWidget           *sp_form_page_new        (GtkBox            **box);
GtkWidget           *sp_form_header_new      (const char         *title,
                                              const char         *back_tooltip,
                                              GCallback           back,
                                              gpointer            data);
void                 sp_form_on_escape       (GtkWidget          *widget,
                                              GCallback           callback,
                                              gpointer            data);
AdwPreferencesGroup *sp_form_group_new       (GtkBox             *box,
                                              const char         *title,
                                              const char         *description);
GtkWidget           *sp_form_info_row        (AdwPreferencesGroup *group,
                                              const char         *title,
                                              const char         *value);
GtkWidget           *sp_form_link_row        (AdwPreferencesGroup *group,
                                              const char         *title,
                                              const char         *subtitle,
                                              GCallback           activated,
                                              gpointer            data);
GtkWidget           *sp_form_entry_row       (AdwPreferencesGroup *group,
                                              const char         *title,
                                              const char         *text);
GtkWidget           *sp_form_combo_row       (AdwPreferencesGroup *group,
                                              const char         *title,
                                              const char * const *items,
                                              guint               selected);
GtkWidget           *sp_form_check_row       (AdwPreferencesGroup *group,
                                              const char         *title,
                                              gboolean            active);
GtkWidget           *sp_form_button_new      (const char         *mnemonic,
                                              gboolean            suggested,
                                              GCallback           clicked,
                                              gpointer            data);
GtkWidget           *sp_form_buttons_new     (GtkWidget          *first,
                                              ...) G_GNUC_NULL_TERMINATED;
GtkWidget           *sp_form_dialog_new      (SpLinkWorkerWindow *window,
                                              const char         *heading,
                                              const char         *body,
                                              GtkWidget          *extra,
                                              const char         *action,
                                              const char         *action_label,
                                              gboolean            destructive);
GtkWidget           *sp_form_dialog_list_new (GtkWidget          *first,
                                              ...) G_GNUC_NULL_TERMINATED;
SpDay                sp_form_get_day         (GtkWidget          *editable);
char                *sp_form_dup_text        (GtkWidget          *editable);
void                 sp_form_replace_group   (GtkBox             *box,
                                              AdwPreferencesGroup **group,
                                              AdwPreferencesGroup *replacement);
void                 sp_form_set_focus_key   (GtkWidget          *widget,
                                              const char         *key);
const char          *sp_form_get_focus_key   (GtkWidget          *widget);
gboolean             sp_form_focus_key       (GtkWidget          *root,
                                              const char         *key);
void                 sp_form_rebuild_later   (GtkWidget          *page,
                                              SpFormRebuild       rebuild,
                                              const char         *focus_key);
void                 sp_form_release_focus   (GtkWidget          *old);
void                 sp_form_bin_replace     (AdwBin             *bin,
                                              GtkWidget          *child);

G_END_DECLS
