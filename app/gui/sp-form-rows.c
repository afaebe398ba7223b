/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-form-rows.c: the rows, buttons and dialogs the Link Worker pages are made of.
 *
 * Every page is a column of libadwaita groups in a clamp; every control carries its
 * title as its accessible name, and every row with a value has it as its subtitle, so a
 * screen reader says both. Dialogs are AdwMessageDialogs the window destroys if it locks.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-form-rows.h"

/* A scrolling page; @box is the column its groups go in. */
GtkWidget *
sp_form_page_new (GtkBox **box)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  gtk_widget_set_margin_top (column, 18);
  gtk_widget_set_margin_bottom (column, 24);
  gtk_widget_set_margin_start (column, 12);
  gtk_widget_set_margin_end (column, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), column);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  *box = GTK_BOX (column);
  return scroller;
}

/* A page's title with a back button before it (Escape does the same, see below). */
GtkWidget *
sp_form_header_new (const char *title,
                    const char *back_tooltip,
                    GCallback   back,
                    gpointer    data)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *button = gtk_button_new_from_icon_name ("go-previous-symbolic");
  GtkWidget *label = gtk_label_new (title);

  gtk_widget_set_tooltip_text (button, back_tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, back_tooltip, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", back, data);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "title-2");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LEVEL, 1, -1);
  gtk_box_append (GTK_BOX (header), button);
  gtk_box_append (GTK_BOX (header), label);
  return header;
}

typedef struct
{
  void (*callback) (gpointer data);
  gpointer data;
} Escape;

static gboolean
escape_pressed (GtkWidget *widget,
                GVariant  *args,
                gpointer   data)
{
  Escape *escape = data;

  escape->callback (escape->data);
  return TRUE;
}

/* Escape anywhere in @widget calls @callback with @data (going back a page). */
void
sp_form_on_escape (GtkWidget *widget,
                   GCallback  callback,
                   gpointer   data)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  Escape *escape = g_new (Escape, 1);
  GtkShortcutAction *action;

  *escape = (Escape) { (void (*) (gpointer)) callback, data };
  action = gtk_callback_action_new (escape_pressed, escape, g_free);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0), action));
  gtk_widget_add_controller (widget, shortcuts);
}

AdwPreferencesGroup *
sp_form_group_new (GtkBox     *box,
                   const char *title,
                   const char *description)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  if (title != NULL)
    adw_preferences_group_set_title (group, title);
  if (description != NULL)
    {
      /* Shown as markup: "<5" would not be. */
      g_autofree char *escaped = g_markup_escape_text (description, -1);
      adw_preferences_group_set_description (group, escaped);
    }
  if (box != NULL)
    gtk_box_append (box, GTK_WIDGET (group));
  return group;
}

/* A row that shows a value, as its subtitle. */
GtkWidget *
sp_form_info_row (AdwPreferencesGroup *group,
                  const char          *title,
                  const char          *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value != NULL && *value != '\0' ? value : "—");
  adw_preferences_group_add (group, row);
  return row;
}

/* A row that goes somewhere when activated (Enter, a click): @activated (@data, the row). */
GtkWidget *
sp_form_link_row (AdwPreferencesGroup *group,
                  const char          *title,
                  const char          *subtitle,
                  GCallback            activated,
                  gpointer             data)
{
  GtkWidget *row = sp_form_info_row (group, title, subtitle);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_signal_connect_swapped (row, "activated", activated, data);
  return row;
}

GtkWidget *
sp_form_entry_row (AdwPreferencesGroup *group,
                   const char          *title,
                   const char          *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  if (group != NULL)
    adw_preferences_group_add (group, row);
  return row;
}

/* A choice of @items (NULL-terminated), as a row that opens a list. */
GtkWidget *
sp_form_combo_row (AdwPreferencesGroup *group,
                   const char          *title,
                   const char * const  *items,
                   guint                selected)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr (GtkStringList) model = gtk_string_list_new (items);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  if (group != NULL)
    adw_preferences_group_add (group, row);
  return row;
}

/* A row with a check box before its title; returns the check box. */
GtkWidget *
sp_form_check_row (AdwPreferencesGroup *group,
                   const char          *title,
                   gboolean             active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  /* Tab goes from box to box, not to each row and then its box. */
  gtk_widget_set_focusable (row, FALSE);
  if (group != NULL)
    adw_preferences_group_add (group, row);
  return check;
}

GtkWidget *
sp_form_button_new (const char *mnemonic,
                    gboolean    suggested,
                    GCallback   clicked,
                    gpointer    data)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic);

  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_add_css_class (button, "pill");
  g_signal_connect_swapped (button, "clicked", clicked, data);
  return button;
}

/* Buttons side by side, centred. */
GtkWidget *
sp_form_buttons_new (GtkWidget *first,
                     ...)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  va_list args;

  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  va_start (args, first);
  for (GtkWidget *button = first; button != NULL; button = va_arg (args, GtkWidget *))
    gtk_box_append (GTK_BOX (box), button);
  va_end (args);
  return box;
}

/**
 * sp_form_dialog_new:
 * @extra: (nullable): what the dialog asks for, under its text
 * @action: the id of the response that does it ("cancel" is the other)
 *
 * A dialog over the Link Worker window, which destroys it if it locks.
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
GtkWidget *
sp_form_dialog_new (SpLinkWorkerWindow *window,
                    const char         *heading,
                    const char         *body,
                    GtkWidget          *extra,
                    const char         *action,
                    const char         *action_label,
                    gboolean            destructive)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (window), heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), action, action_label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), action,
                                              destructive ? ADW_RESPONSE_DESTRUCTIVE : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), destructive ? "cancel" : action);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  if (extra != NULL)
    adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), extra);
  sp_link_worker_window_keep_dialog (window, GTK_WINDOW (dialog));
  return dialog;
}

/* Rows (NULL-terminated) as a boxed list, for a dialog to ask them. */
GtkWidget *
sp_form_dialog_list_new (GtkWidget *first,
                         ...)
{
  GtkWidget *list = gtk_list_box_new ();
  va_list args;

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  va_start (args, first);
  for (GtkWidget *row = first; row != NULL; row = va_arg (args, GtkWidget *))
    gtk_list_box_append (GTK_LIST_BOX (list), row);
  va_end (args);
  return list;
}

/* The day an entry holds as YYYY-MM-DD; 0 when it is not a date. */
SpDay
sp_form_get_day (GtkWidget *editable)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
  return sp_day_parse (text);
}

/* An entry's text without spaces at either end, or %NULL when that leaves nothing. */
char *
sp_form_dup_text (GtkWidget *editable)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));

  if (*text != '\0')
    return text;
  g_free (text);
  return NULL;
}

/* Puts @replacement where *@group was in @box (or at the end), and remembers it. */
void
sp_form_replace_group (GtkBox               *box,
                       AdwPreferencesGroup **group,
                       AdwPreferencesGroup  *replacement)
{
  if (*group != NULL)
    {
      gtk_box_insert_child_after (box, GTK_WIDGET (replacement), GTK_WIDGET (*group));
      gtk_box_remove (box, GTK_WIDGET (*group));
    }
  else
    gtk_box_append (box, GTK_WIDGET (replacement));
  *group = replacement;
}

/* Names @widget @key, for sp_form_focus_key() to find it again in a page made afresh. */
void
sp_form_set_focus_key (GtkWidget  *widget,
                       const char *key)
{
  g_object_set_data_full (G_OBJECT (widget), "sp-focus-key", g_strdup (key), g_free);
}

const char *
sp_form_get_focus_key (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "sp-focus-key");
}

static GtkWidget *
find_focus_key (GtkWidget  *widget,
                const char *key)
{
  if (g_strcmp0 (sp_form_get_focus_key (widget), key) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_focus_key (child, key);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Gives focus to the widget under @root named @key, if there is one. */
gboolean
sp_form_focus_key (GtkWidget  *root,
                   const char *key)
{
  GtkWidget *widget = key != NULL ? find_focus_key (root, key) : NULL;

  return widget != NULL && gtk_widget_grab_focus (widget);
}

typedef struct
{
  GtkWidget *page;
  SpFormRebuild rebuild;
  char *focus_key;
} Rebuild;

static gboolean
rebuild_now (gpointer data)
{
  Rebuild *job = data;

  if (gtk_widget_get_parent (job->page) != NULL)
    {
      job->rebuild (job->page);
      sp_form_focus_key (job->page, job->focus_key);
    }
  return G_SOURCE_REMOVE;
}

static void
rebuild_free (gpointer data)
{
  Rebuild *job = data;

  g_object_unref (job->page);
  g_free (job->focus_key);
  g_free (job);
}

/* Makes @page again once the signal being handled is over (a drop-down or check box that
 * changed a record is part of what is made again), then gives focus to @focus_key. */
void
sp_form_rebuild_later (GtkWidget     *page,
                       SpFormRebuild  rebuild,
                       const char    *focus_key)
{
  Rebuild *job = g_new0 (Rebuild, 1);

  *job = (Rebuild) { g_object_ref (page), rebuild, g_strdup (focus_key) };
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, rebuild_now, job, rebuild_free);
}

/* Takes the keyboard focus out of @old, which is about to be destroyed: a text box that
 * still had it would be left waiting for a focus-out it never gets. */
void
sp_form_release_focus (GtkWidget *old)
{
  GtkRoot *root = old != NULL ? gtk_widget_get_root (old) : NULL;
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL && (focus == old || gtk_widget_is_ancestor (focus, old)))
    gtk_root_set_focus (root, NULL);
}

/* Puts @child in @bin in place of what it showed, focus taken out of that first. */
void
sp_form_bin_replace (AdwBin    *bin,
                     GtkWidget *child)
{
  sp_form_release_focus (adw_bin_get_child (bin));
  adw_bin_set_child (bin, child);
}
