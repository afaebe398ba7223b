/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-text-controls.c: the text size steps and the high-contrast switch, on every page.
 *
 * A row of buttons from the normal size to twice it, each showing an "A" at the size it
 * gives, and a high-contrast toggle. They act through the window's actions win.text-size
 * (a uint state) and win.high-contrast (a boolean state), so every copy of the controls,
 * on every page, shows the same choice. The window wears the choice as style classes,
 * and gives them to its dialogs.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-text-controls.h"

double
sp_text_size_scale (guint step)
{
  return 1.0 + 0.25 * MIN (step, SP_TEXT_SIZE_STEPS - 1);
}

/**
 * sp_text_style_apply:
 *
 * Gives the window @widget the text size @step and, with @high_contrast, the high
 * contrast of signpost.css (its classes sp-text-size-N and sp-high-contrast).
 */
void
sp_text_style_apply (GtkWidget *widget,
                     guint      step,
                     gboolean   high_contrast)
{
  for (guint i = 1; i < SP_TEXT_SIZE_STEPS; i++)
    {
      g_autofree char *name = g_strdup_printf ("sp-text-size-%u", i);
      if (i == step)
        gtk_widget_add_css_class (widget, name);
      else
        gtk_widget_remove_css_class (widget, name);
    }
  if (high_contrast)
    gtk_widget_add_css_class (widget, "sp-high-contrast");
  else
    gtk_widget_remove_css_class (widget, "sp-high-contrast");
}

/* A dialog is a window of its own: it takes its text size and contrast from @from. */
void
sp_text_style_copy (GtkWidget *from,
                    GtkWidget *to)
{
  guint step = 0;

  for (guint i = 1; i < SP_TEXT_SIZE_STEPS; i++)
    {
      g_autofree char *name = g_strdup_printf ("sp-text-size-%u", i);
      if (gtk_widget_has_css_class (from, name))
        step = i;
    }
  sp_text_style_apply (to, step, gtk_widget_has_css_class (from, "sp-high-contrast"));
}

/**
 * sp_text_controls_new:
 * @big: touch-sized buttons, for the kiosk
 */
GtkWidget *
sp_text_controls_new (gboolean big)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *steps = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *contrast;

  gtk_widget_add_css_class (steps, "linked");
  gtk_accessible_update_property (GTK_ACCESSIBLE (steps), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Text size"), -1);
  for (guint step = 0; step < SP_TEXT_SIZE_STEPS; step++)
    {
      GtkWidget *button = gtk_toggle_button_new ();
      GtkWidget *label = gtk_label_new (NULL);
      g_autofree char *markup = g_strdup_printf ("<span size='%d%%'>A</span>",
                                                 (int) (100 * (0.8 + 0.2 * step)));
      g_autofree char *spoken = g_strdup_printf (_("Text size %d%%"), (int) (100 * sp_text_size_scale (step)));

      gtk_label_set_markup (GTK_LABEL (label), markup);
      gtk_button_set_child (GTK_BUTTON (button), label);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.text-size");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", step);
      gtk_widget_set_tooltip_text (button, spoken);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
      gtk_widget_add_css_class (button, "sp-text-step");
      gtk_box_append (GTK_BOX (steps), button);
    }
  gtk_box_append (GTK_BOX (box), steps);

  contrast = gtk_toggle_button_new_with_label (_("High contrast"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (contrast), "win.high-contrast");
  gtk_box_append (GTK_BOX (box), contrast);

  if (big)
    gtk_widget_add_css_class (box, "sp-big-controls");
  return box;
}
