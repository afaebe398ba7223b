/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-accessible.c: names for what a screen reader would otherwise meet unnamed.
 *
 * A GtkDropDown's accessible label names the combo box, but what takes the focus and is
 * pressed is the toggle button inside it, which GTK 4.8 leaves unnamed (AT-SPI then
 * reports its type name, "GtkToggleButton"). The button is named after the dropdown and
 * the choice it shows ("Day: Any day"), kept up to date as the choice changes. An
 * icon-only GtkMenuButton is the same: a tooltip is no name in GTK 4.8.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-accessible.h"

#define LABEL_KEY "sp-accessible-label"

static void
update_button_name (GtkDropDown *dropdown)
{
  const char *label = g_object_get_data (G_OBJECT (dropdown), LABEL_KEY);
  GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (dropdown));
  gpointer item = gtk_drop_down_get_selected_item (dropdown);
  g_autofree char *name = NULL;

  if (button == NULL || !GTK_IS_BUTTON (button))
    return;
  if (GTK_IS_STRING_OBJECT (item))
    /* TRANSLATORS: a filter's name and what it is set to, for screen readers: "Day: Monday" */
    name = g_strdup_printf (_("%s: %s"), label, gtk_string_object_get_string (item));
  else
    name = g_strdup (label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/**
 * sp_accessible_name_dropdown:
 * @label: what the dropdown chooses ("Day")
 *
 * Names the button inside @dropdown after @label and the current choice.
 */
void
sp_accessible_name_dropdown (GtkDropDown *dropdown,
                             const char  *label)
{
  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));
  g_return_if_fail (label != NULL);

  g_object_set_data_full (G_OBJECT (dropdown), LABEL_KEY, g_strdup (label), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_signal_connect (dropdown, "notify::selected-item", G_CALLBACK (update_button_name), NULL);
  update_button_name (dropdown);
}

/**
 * sp_accessible_name_menu_button:
 * @label: what the menu is ("Main Menu")
 *
 * Names @button, and the toggle button inside it that takes the focus, after @label.
 */
void
sp_accessible_name_menu_button (GtkMenuButton *button,
                                const char    *label)
{
  GtkWidget *toggle;

  g_return_if_fail (GTK_IS_MENU_BUTTON (button));
  g_return_if_fail (label != NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  toggle = gtk_widget_get_first_child (GTK_WIDGET (button));
  if (toggle != NULL && GTK_IS_BUTTON (toggle))
    gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}
