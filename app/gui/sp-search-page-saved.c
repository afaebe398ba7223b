/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-search-page-saved.c: the shortlist: services saved to print or take away.
 *
 * "Saved (3)" in the header shows the list in place of the results, with buttons to
 * print it, save it as PDF (on the desktop) or clear it; the window's actions do those.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-result-row.h"
#include "sp-search-page-private.h"

/* "Saved (3)", the list's heading, and its buttons while it has services. */
void
sp_search_page_update_saved (SpSearchPage *self)
{
  guint count = self->shortlist != NULL ? sp_shortlist_get_count (self->shortlist) : 0;
  g_autofree char *label = count > 0 ? g_strdup_printf (_("Saved (%u)"), count) : g_strdup (_("Saved"));
  g_autofree char *heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u saved service",
                                                           "%u saved services", count), count);

  adw_button_content_set_label (self->saved_content, label);
  gtk_label_set_text (self->saved_label, heading);
  gtk_stack_set_visible_child_name (self->saved_stack, count > 0 ? "list" : "none");
  if (self->saved_buttons != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->saved_buttons), count > 0);
}

static void
saved_toggled (GtkToggleButton *button,
               SpSearchPage    *self)
{
  if (gtk_toggle_button_get_active (button))
    {
      sp_search_page_update_saved (self);
      gtk_stack_set_visible_child_name (self->stack, "saved");
    }
  else if (g_str_equal (gtk_stack_get_visible_child_name (self->stack), "saved"))
    {
      if (self->index != NULL)
        sp_search_page_run_search (self);
    }
}

static void
bind_saved (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            SpSearchPage             *self)
{
  g_autoptr (GDateTime) now = sp_search_page_dup_now (self);
  GtkStringObject *id = gtk_list_item_get_item (item);
  SpServiceDetail *detail = sp_detail_cache_get (self->details, gtk_string_object_get_string (id), NULL);
  g_autoptr (SpResult) result = NULL;

  if (detail != NULL)
    result = sp_result_new (sp_service_detail_get_id (detail), sp_service_detail_get_name (detail),
                            sp_service_detail_get_organization_name (detail));
  else
    result = sp_result_new (gtk_string_object_get_string (id),
                            _("This service is no longer in the directory"), NULL);
  sp_result_row_set_result (SP_RESULT_ROW (gtk_list_item_get_child (item)), result,
                            detail != NULL ? self->details : NULL, now);
}

/* Print, save as PDF or clear every saved service: the window's actions do it. */
void
sp_search_page_add_saved_buttons (SpSearchPage *self)
{
  const struct { const char *label; const char *action; const char *style; gboolean desktop_only; } buttons[] = {
    { N_("_Print All"), "win.print-saved", "suggested-action", FALSE },
    { N_("Save as P_DF"), "win.pdf-saved", NULL, TRUE },
    { N_("_Clear"), "win.clear-saved", "destructive-action", FALSE },
  };

  self->saved_buttons = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6));
  for (gsize i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkWidget *button;

      if (buttons[i].desktop_only && self->kiosk)
        continue;
      button = gtk_button_new_with_mnemonic (_(buttons[i].label));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), buttons[i].action);
      if (buttons[i].style != NULL)
        gtk_widget_add_css_class (button, buttons[i].style);
      gtk_box_append (self->saved_buttons, button);
    }
  gtk_box_append (self->saved_actions, GTK_WIDGET (self->saved_buttons));
}

/* For init: the list, and the header's toggle that shows it. */
void
sp_search_page_init_saved (SpSearchPage *self)
{
  g_autoptr (GtkListItemFactory) factory = sp_search_page_make_factory (self, G_CALLBACK (bind_saved));

  gtk_list_view_set_factory (self->saved_view, factory);
  g_signal_connect (self->saved_view, "activate", G_CALLBACK (sp_search_page_result_activated), self);
  g_signal_connect (self->saved_button, "toggled", G_CALLBACK (saved_toggled), self);
}

void
sp_search_page_set_showing_saved (SpSearchPage *self,
                                  gboolean      showing)
{
  g_return_if_fail (SP_IS_SEARCH_PAGE (self));
  gtk_toggle_button_set_active (self->saved_button, showing);
}
