/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-service-page.c: everything about one service: what, when, where, how to get in touch.
 *
 * The full description; every schedule in words and the next three dates; each place with
 * its address and access notes; phone, email and web (links on the desktop, large plain
 * text on a kiosk, where nothing may open outside the app); cost, languages, who it is for,
 * the organisation; and when the information was last checked, in warning colour once
 * that is more than a year ago.
 */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "sp-accessible.h"
#include "sp-detail-cache.h"
#include "sp-occurrence.h"
#include "sp-open-now.h"
#include "sp-service-page.h"
#include "sp-text-controls.h"

/* Dates people are shown ahead. */
#define NEXT_DATES 3

struct _SpServicePage
{
  GtkWidget parent_instance;

  AdwHeaderBar *header;
  GtkWidget *back_button;
  AdwWindowTitle *window_title;
  GtkWidget *text_button;
  GtkBox *text_popover_box;
  GtkStack *stack;
  GtkScrolledWindow *scroller;
  GtkLabel *name_label;
  GtkLabel *organization_label;
  GtkFlowBox *actions;
  GtkToggleButton *save_button;
  AdwButtonContent *save_content;
  GtkWidget *print_button;
  AdwButtonContent *print_content;
  GtkWidget *pdf_button;
  GtkFlowBox *badges;
  GtkLabel *description_label;
  GtkBox *sections;
  GtkLabel *checked_label;

  gboolean kiosk;
  GtkWidget *kiosk_controls;   /* (nullable) the kiosk's text size buttons in the header */
  SpShortlist *shortlist;
  SpServiceDetail *detail;
  gboolean updating;
};

G_DEFINE_FINAL_TYPE (SpServicePage, sp_service_page, GTK_TYPE_WIDGET)

static GtkWidget *
text_label (const char *text,
            gboolean    big)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* Text can be copied on the desktop (a phone number into an email, say), but a label
   * never takes the keyboard focus from the buttons, nor selects itself on a kiosk. */
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_focusable (label, FALSE);
  if (big)
    gtk_widget_add_css_class (label, "sp-contact-big");
  return label;
}

/* A phone number, address or web link: a link on the desktop; on a kiosk, large text
 * that opens nothing (it goes on the printed slip instead). */
static GtkWidget *
contact_label (SpServicePage *self,
               const char    *text,
               const char    *uri,
               const char    *note)
{
  GtkWidget *label;
  g_autofree char *isolated = NULL;

  /* A phone number, e-mail or web address reads left to right even on a right-to-left
   * page: isolated, "07700 900443" is not shown as "900443 07700". */
  if (gtk_widget_get_default_direction () == GTK_TEXT_DIR_RTL)
    text = isolated = g_strconcat ("\u2066", text, "\u2069", NULL);
  if (self->kiosk || uri == NULL)
    label = text_label (text, TRUE);
  else
    {
      g_autofree char *escaped_uri = g_markup_escape_text (uri, -1);
      g_autofree char *escaped = g_markup_escape_text (text, -1);
      g_autofree char *markup = g_strdup_printf ("<a href=\"%s\">%s</a>", escaped_uri, escaped);

      label = text_label (NULL, FALSE);
      gtk_label_set_markup (GTK_LABEL (label), markup);
      gtk_widget_add_css_class (label, "sp-contact");
    }
  if (note != NULL && *note != '\0')
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *dim = text_label (note, FALSE);

      gtk_widget_add_css_class (dim, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), dim);
      return box;
    }
  return label;
}

/* A heading and what follows it, in the page's list of sections. */
static GtkBox *
add_section (SpServicePage *self,
             const char    *heading)
{
  GtkWidget *section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  /* A heading to a screen reader too (the role is fixed at construction in GTK 4.8). */
  GtkWidget *title = g_object_new (GTK_TYPE_LABEL, "label", heading, "xalign", 0.0f,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING, NULL);

  gtk_widget_add_css_class (title, "title-4");
  gtk_box_append (GTK_BOX (section), title);
  gtk_box_append (self->sections, section);
  return GTK_BOX (section);
}

static void
add_text_section (SpServicePage *self,
                  const char    *heading,
                  const char    *text)
{
  if (text == NULL || *text == '\0')
    return;
  gtk_box_append (add_section (self, heading), text_label (text, FALSE));
}

static void
add_badge (SpServicePage *self,
           const char    *text,
           const char    *style)
{
  GtkWidget *badge = gtk_label_new (text);

  gtk_widget_add_css_class (badge, "sp-badge");
  if (style != NULL)
    gtk_widget_add_css_class (badge, style);
  gtk_flow_box_append (self->badges, badge);
  /* At its own width, not stretched across the line. */
  gtk_widget_set_halign (gtk_widget_get_parent (badge), GTK_ALIGN_START);
}

static void
add_when (SpServicePage *self,
          GDateTime     *now)
{
  g_autofree char *words = sp_service_detail_dup_schedule_words (self->detail, now);
  g_autoptr (GPtrArray) next = sp_occurrence_list_next (sp_service_detail_get_schedules (self->detail),
                                                        now, NEXT_DATES);
  GtkBox *section;

  if ((words == NULL || *words == '\0') && next->len == 0)
    return;
  section = add_section (self, _("When"));
  if (words != NULL && *words != '\0')
    gtk_box_append (section, text_label (words, FALSE));
  if (next->len > 0)
    {
      GtkWidget *heading = gtk_label_new (next->len == 1 ? _("Next date") : _("Next dates"));
      GtkWidget *list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_widget_add_css_class (heading, "heading");
      gtk_widget_set_margin_top (heading, 6);
      gtk_box_append (section, heading);
      for (guint i = 0; i < next->len; i++)
        {
          g_autofree char *date = sp_occurrence_dup_words (next->pdata[i], now);
          g_autofree char *line = g_strdup_printf ("• %s", date);
          gtk_box_append (GTK_BOX (list), text_label (line, FALSE));
        }
      gtk_box_append (section, list);
    }
}

static void
add_where (SpServicePage *self)
{
  GPtrArray *places = sp_service_detail_get_places (self->detail);
  GtkBox *section;

  if (places->len == 0)
    return;
  section = add_section (self, places->len == 1 ? _("Where") : _("Places"));
  for (guint i = 0; i < places->len; i++)
    {
      SpServicePlace *place = places->pdata[i];
      const char *address = place->address_lines != NULL ? place->address_lines : place->name;
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

      if (address == NULL)
        continue;
      if (place->name != NULL && place->address_lines != NULL && !g_str_has_prefix (place->address_lines, place->name))
        {
          GtkWidget *name = text_label (place->name, FALSE);
          gtk_widget_add_css_class (name, "heading");
          gtk_box_append (GTK_BOX (box), name);
        }
      gtk_box_append (GTK_BOX (box), text_label (address, self->kiosk));
      for (guint a = 0; place->accessibility != NULL && place->accessibility[a] != NULL; a++)
        {
          g_autofree char *note = g_strdup_printf (_("Access: %s"), place->accessibility[a]);
          GtkWidget *label = text_label (note, FALSE);
          gtk_widget_add_css_class (label, "dim-label");
          gtk_box_append (GTK_BOX (box), label);
        }
      gtk_box_append (section, box);
    }
}

static void
add_contact (SpServicePage *self)
{
  GPtrArray *phones = sp_service_detail_get_phones (self->detail);
  const char *email = sp_service_detail_get_email (self->detail);
  const char *url = sp_service_detail_get_url (self->detail);
  GtkBox *section;

  if (phones->len == 0 && email == NULL && url == NULL)
    return;
  section = add_section (self, _("Get in touch"));
  for (guint i = 0; i < phones->len; i++)
    {
      SpServicePhone *phone = phones->pdata[i];
      g_autofree char *uri = NULL;
      g_autoptr (GString) tel = g_string_new ("tel:");

      for (const char *p = phone->number; *p != '\0'; p++)
        if (g_ascii_isdigit (*p) || *p == '+')
          g_string_append_c (tel, *p);
      uri = g_strdup (tel->str);
      gtk_box_append (section, contact_label (self, phone->number, uri, phone->description));
    }
  if (email != NULL)
    {
      g_autofree char *uri = g_strconcat ("mailto:", email, NULL);
      gtk_box_append (section, contact_label (self, email, uri, NULL));
    }
  if (url != NULL)
    gtk_box_append (section, contact_label (self, url, url, NULL));
}

static void
add_languages (SpServicePage *self)
{
  const char * const *languages = sp_service_detail_get_languages (self->detail);
  g_autofree char *joined = NULL;

  if (languages == NULL || languages[0] == NULL)
    return;
  joined = g_strjoinv (", ", (char **) languages);
  add_text_section (self, _("Languages"), joined);
}

static void
add_who (SpServicePage *self)
{
  const char *ages = sp_service_detail_get_age_range (self->detail);
  const char *eligibility = sp_service_detail_get_eligibility (self->detail);
  g_autofree char *both = NULL;

  if (ages != NULL && eligibility != NULL)
    both = g_strdup_printf ("%s\n%s", ages, eligibility);
  add_text_section (self, _("Who it is for"), both != NULL ? both : ages != NULL ? ages : eligibility);
}

static void
add_access (SpServicePage *self)
{
  const char * const *notes = sp_service_detail_get_accessibility (self->detail);
  g_autofree char *joined = NULL;

  if (notes == NULL || notes[0] == NULL)
    return;
  joined = g_strjoinv ("\n", (char **) notes);
  add_text_section (self, _("Access"), joined);
}

static void
add_checked (SpServicePage *self,
             GDateTime     *now)
{
  g_autofree char *text = sp_service_detail_dup_checked_notice (self->detail, now);

  /* The same words as on slips and the hub's pages (sp-service-detail.c). */
  gtk_label_set_text (self->checked_label, text);
  if (sp_service_detail_is_out_of_date (self->detail, now))
    gtk_widget_add_css_class (GTK_WIDGET (self->checked_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->checked_label), "warning");
}

static void
update_save_button (SpServicePage *self)
{
  gboolean saved = self->shortlist != NULL && self->detail != NULL &&
                   sp_shortlist_contains (self->shortlist, sp_service_detail_get_id (self->detail));

  self->updating = TRUE;
  gtk_toggle_button_set_active (self->save_button, saved);
  self->updating = FALSE;
  adw_button_content_set_icon_name (self->save_content, saved ? "starred-symbolic" : "non-starred-symbolic");
  adw_button_content_set_label (self->save_content, saved ? _("_Saved") : _("_Save"));
}

static void
save_toggled (GtkToggleButton *button,
              SpServicePage   *self)
{
  const char *id;

  if (self->updating || self->detail == NULL || self->shortlist == NULL)
    return;
  id = sp_service_detail_get_id (self->detail);
  if (gtk_toggle_button_get_active (button))
    sp_shortlist_add (self->shortlist, id);
  else
    sp_shortlist_remove (self->shortlist, id);
  update_save_button (self);
}

/**
 * sp_service_page_show:
 * @now: when "next" is reckoned from
 */
void
sp_service_page_show (SpServicePage   *self,
                      SpServiceDetail *detail,
                      GDateTime       *now)
{
  GtkWidget *child;

  g_return_if_fail (SP_IS_SERVICE_PAGE (self));
  g_return_if_fail (SP_IS_SERVICE_DETAIL (detail));
  g_return_if_fail (now != NULL);

  g_set_object (&self->detail, detail);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sections))) != NULL)
    gtk_box_remove (self->sections, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->badges))) != NULL)
    gtk_flow_box_remove (self->badges, child);

  adw_window_title_set_title (self->window_title, sp_service_detail_get_name (detail));
  gtk_label_set_text (self->name_label, sp_service_detail_get_name (detail));
  gtk_label_set_text (self->organization_label, sp_service_detail_get_organization_name (detail) ?: "");
  gtk_widget_set_visible (GTK_WIDGET (self->organization_label),
                          sp_service_detail_get_organization_name (detail) != NULL);
  gtk_label_set_text (self->description_label, sp_service_detail_get_description (detail) ?: "");

  if (sp_service_detail_get_is_free (detail))
    add_badge (self, _("Free"), "sp-badge-free");
  if (sp_open_now_is_open (detail, now))
    add_badge (self, _("Open now"), "sp-badge-open");
  gtk_widget_set_visible (GTK_WIDGET (self->badges), gtk_widget_get_first_child (GTK_WIDGET (self->badges)) != NULL);

  add_when (self, now);
  add_where (self);
  add_contact (self);
  add_text_section (self, _("Cost"), sp_service_detail_get_cost (detail));
  add_access (self);
  add_languages (self);
  add_who (self);
  add_text_section (self, _("Run by"), sp_service_detail_get_organization_name (detail));
  add_checked (self, now);
  update_save_button (self);

  gtk_stack_set_visible_child_name (self->stack, "service");
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

/* Shows no service: what the page says before one is chosen, and after a kiosk reset. */
void
sp_service_page_clear (SpServicePage *self)
{
  g_return_if_fail (SP_IS_SERVICE_PAGE (self));

  g_clear_object (&self->detail);
  adw_window_title_set_title (self->window_title, "");
  gtk_stack_set_visible_child_name (self->stack, "none");
}

AdwHeaderBar *
sp_service_page_get_header (SpServicePage *self)
{
  g_return_val_if_fail (SP_IS_SERVICE_PAGE (self), NULL);
  return self->header;
}

SpServiceDetail *
sp_service_page_get_detail (SpServicePage *self)
{
  g_return_val_if_fail (SP_IS_SERVICE_PAGE (self), NULL);
  return self->detail;
}

/* One page at a time, the service page has a back button, and on a kiosk its own text
 * size buttons; beside the search page, whose buttons show, it needs neither. */
void
sp_service_page_set_back_visible (SpServicePage *self,
                                  gboolean       visible)
{
  g_return_if_fail (SP_IS_SERVICE_PAGE (self));
  gtk_widget_set_visible (self->back_button, visible);
  if (self->kiosk_controls != NULL)
    gtk_widget_set_visible (self->kiosk_controls, visible);
}

void
sp_service_page_set_shortlist (SpServicePage *self,
                               SpShortlist   *shortlist)
{
  g_return_if_fail (SP_IS_SERVICE_PAGE (self));

  if (self->shortlist != NULL)
    g_signal_handlers_disconnect_by_data (self->shortlist, self);
  g_set_object (&self->shortlist, shortlist);
  if (shortlist != NULL)
    g_signal_connect_swapped (shortlist, "notify::count", G_CALLBACK (update_save_button), self);
  update_save_button (self);
}

static void
collect_text (GtkWidget *widget,
              GString   *text)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    {
      g_string_append (text, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (text, '\n');
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

/* Every line the page shows, in order: what a screen reader, or a test, reads. */
char *
sp_service_page_dup_text (SpServicePage *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (SP_IS_SERVICE_PAGE (self), NULL);
  collect_text (gtk_stack_get_visible_child (self->stack), text);
  return g_string_free (text, FALSE);
}

static void
sp_service_page_dispose (GObject *object)
{
  SpServicePage *self = SP_SERVICE_PAGE (object);

  if (self->shortlist != NULL)
    g_signal_handlers_disconnect_by_data (self->shortlist, self);
  g_clear_object (&self->shortlist);
  g_clear_object (&self->detail);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_SERVICE_PAGE);
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  G_OBJECT_CLASS (sp_service_page_parent_class)->dispose (object);
}

static void
sp_service_page_class_init (SpServicePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_service_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/org/signpost/Signpost/sp-service-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, SpServicePage, name)
  BIND (header); BIND (back_button); BIND (window_title); BIND (text_button); BIND (text_popover_box);
  BIND (stack); BIND (scroller); BIND (name_label); BIND (organization_label); BIND (actions);
  BIND (save_button); BIND (save_content); BIND (print_button); BIND (print_content); BIND (pdf_button);
  BIND (badges); BIND (description_label); BIND (sections); BIND (checked_label);
#undef BIND
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sp_service_page_init (SpServicePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sp_accessible_name_menu_button (GTK_MENU_BUTTON (self->text_button), _("Text Size and Contrast"));
  gtk_box_append (self->text_popover_box, sp_text_controls_new (FALSE));
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->actions)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_halign (child, GTK_ALIGN_START);
  g_signal_connect (self->save_button, "toggled", G_CALLBACK (save_toggled), self);
}

GtkWidget *
sp_service_page_new (gboolean kiosk)
{
  SpServicePage *self = g_object_new (SP_TYPE_SERVICE_PAGE, NULL);

  self->kiosk = kiosk;
  if (kiosk)
    {
      /* One big button, straight to the kiosk's printer. */
      adw_button_content_set_label (self->print_content, _("_Print this"));
      gtk_widget_set_visible (gtk_widget_get_parent (self->pdf_button), FALSE);
      gtk_widget_set_visible (self->text_button, FALSE);
      gtk_widget_add_css_class (GTK_WIDGET (self), "sp-kiosk");
      self->kiosk_controls = sp_text_controls_new (TRUE);
      adw_header_bar_pack_end (self->header, self->kiosk_controls);
    }
  return GTK_WIDGET (self);
}
