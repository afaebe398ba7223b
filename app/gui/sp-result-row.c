/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-result-row.c: how one service looks in a list of results or in the shortlist.
 *
 * Name, organisation, a line of what it is (the words searched for in bold), the next
 * session in words, the distance when a location is set, and badges: Free, Open now,
 * Wheelchair access, languages. Everything a badge says is also in the row's accessible
 * description, so a screen reader reads the row as one sentence.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-result-row.h"

struct _SpResultRow
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkLabel *name_label;
  GtkLabel *distance_label;
  GtkLabel *organization_label;
  GtkLabel *snippet_label;
  GtkLabel *next_label;
  GtkFlowBox *badges;

  SpResult *result;
};

G_DEFINE_FINAL_TYPE (SpResultRow, sp_result_row, GTK_TYPE_WIDGET)

/* The languages community services in England most often offer, by ISO 639-1 code. */
static const struct { const char *code; const char *name; } languages[] = {
  { "en", N_("English") }, { "pa", N_("Punjabi") }, { "ur", N_("Urdu") }, { "pl", N_("Polish") },
  { "bn", N_("Bengali") }, { "gu", N_("Gujarati") }, { "hi", N_("Hindi") }, { "ar", N_("Arabic") },
  { "so", N_("Somali") }, { "ro", N_("Romanian") }, { "ku", N_("Kurdish") }, { "fa", N_("Farsi") },
  { "zh", N_("Chinese") }, { "cy", N_("Welsh") }, { "pt", N_("Portuguese") }, { "es", N_("Spanish") },
  { "fr", N_("French") }, { "ti", N_("Tigrinya") }, { "ps", N_("Pashto") }, { "ta", N_("Tamil") },
  { "lt", N_("Lithuanian") }, { "sk", N_("Slovak") }, { "cs", N_("Czech") }, { "uk", N_("Ukrainian") },
  { "ru", N_("Russian") }, { "tr", N_("Turkish") }, { "it", N_("Italian") }, { "de", N_("German") },
  { "bfi", N_("British Sign Language") }, { "sgn", N_("Sign language") },
};

/* A language's name in the person's language, or the code itself when unknown. */
const char *
sp_language_name (const char *code)
{
  for (gsize i = 0; code != NULL && i < G_N_ELEMENTS (languages); i++)
    if (g_ascii_strcasecmp (code, languages[i].code) == 0)
      return _(languages[i].name);
  return code;
}

/* "1.2 miles", as people in Britain reckon distance; "Under ¼ mile" when very close. */
char *
sp_distance_words (double metres)
{
  double miles = metres / 1609.344;

  if (metres < 0)
    return NULL;
  if (miles < 0.25)
    return g_strdup (_("Under ¼ mile"));
  if (miles < 10)
    return g_strdup_printf (_("%.1f miles"), miles);
  return g_strdup_printf (_("%.0f miles"), miles);
}

/* The snippet as Pango markup: its text escaped, the words in [brackets] in bold. */
char *
sp_markup_from_snippet (const char *snippet)
{
  g_autofree char *escaped = g_markup_escape_text (snippet != NULL ? snippet : "", -1);
  GString *markup = g_string_new (NULL);
  gboolean open = FALSE;

  for (const char *p = escaped; *p != '\0'; p++)
    {
      if (*p == '[' && !open)
        {
          g_string_append (markup, "<b>");
          open = TRUE;
        }
      else if (*p == ']' && open)
        {
          g_string_append (markup, "</b>");
          open = FALSE;
        }
      else
        g_string_append_c (markup, *p);
    }
  if (open)
    g_string_append (markup, "</b>");
  return g_string_free (markup, FALSE);
}

static void
add_badge (SpResultRow *self,
           const char  *text,
           const char  *style,
           GString     *spoken)
{
  GtkWidget *badge = gtk_label_new (text);

  gtk_widget_add_css_class (badge, "sp-badge");
  if (style != NULL)
    gtk_widget_add_css_class (badge, style);
  gtk_flow_box_append (self->badges, badge);
  /* At its own width, not stretched across the line. */
  gtk_widget_set_halign (gtk_widget_get_parent (badge), GTK_ALIGN_START);
  if (spoken->len > 0)
    g_string_append (spoken, ", ");
  g_string_append (spoken, text);
}

static void
set_label (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

/**
 * sp_result_row_set_result:
 * @details: (nullable): where the row finds the service's schedules for its next session
 *   and "Open now"; without it the row shows only what the index knows
 * @now: the time "next" and "now" are reckoned from
 */
void
sp_result_row_set_result (SpResultRow   *self,
                          SpResult      *result,
                          SpDetailCache *details,
                          GDateTime     *now)
{
  g_autoptr (GString) spoken = g_string_new (NULL);
  g_autofree char *markup = NULL;
  g_autofree char *distance = NULL;
  g_autofree char *next = NULL;
  g_autofree char *description = NULL;
  SpServiceDetail *detail = NULL;
  GtkWidget *child;

  g_return_if_fail (SP_IS_RESULT_ROW (self));
  g_return_if_fail (SP_IS_RESULT (result));

  g_set_object (&self->result, result);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->badges))) != NULL)
    gtk_flow_box_remove (self->badges, child);

  if (details != NULL)
    detail = sp_detail_cache_get (details, sp_result_get_id (result), NULL);

  gtk_label_set_text (self->name_label, sp_result_get_name (result));
  set_label (self->organization_label, sp_result_get_organization (result));
  markup = sp_markup_from_snippet (sp_result_get_snippet (result));
  if ((sp_result_get_snippet (result) == NULL || *sp_result_get_snippet (result) == '\0') && detail != NULL)
    {
      g_free (markup);
      markup = g_markup_escape_text (sp_service_detail_get_summary (detail) ?: "", -1);
    }
  gtk_label_set_markup (self->snippet_label, markup);
  gtk_widget_set_visible (GTK_WIDGET (self->snippet_label), *markup != '\0');

  distance = sp_distance_words (sp_result_get_distance (result));
  set_label (self->distance_label, distance);

  if (detail != NULL && now != NULL)
    next = sp_service_detail_dup_next_session (detail, now);
  set_label (self->next_label, next);

  if (sp_result_get_free (result) || (detail != NULL && sp_service_detail_get_is_free (detail)))
    add_badge (self, _("Free"), "sp-badge-free", spoken);
  if (detail != NULL && now != NULL && sp_service_detail_is_open_at (detail, now))
    add_badge (self, _("Open now"), "sp-badge-open", spoken);
  if (sp_result_get_wheelchair (result))
    add_badge (self, _("Wheelchair access"), NULL, spoken);
  for (const char * const *code = sp_result_get_languages (result); *code != NULL; code++)
    if (g_ascii_strcasecmp (*code, "en") != 0)
      add_badge (self, sp_language_name (*code), NULL, spoken);
  gtk_widget_set_visible (GTK_WIDGET (self->badges), spoken->len > 0);

  /* One sentence for a screen reader: name, organisation, when, where, badges. */
  description = g_strjoin (". ",
                           sp_result_get_organization (result) ?: "",
                           next ?: "",
                           distance ?: "",
                           spoken->str, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, sp_result_get_name (result),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

SpResult *
sp_result_row_get_result (SpResultRow *self)
{
  g_return_val_if_fail (SP_IS_RESULT_ROW (self), NULL);
  return self->result;
}

static void
sp_result_row_dispose (GObject *object)
{
  SpResultRow *self = SP_RESULT_ROW (object);

  g_clear_object (&self->result);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_RESULT_ROW);
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  G_OBJECT_CLASS (sp_result_row_parent_class)->dispose (object);
}

static void
sp_result_row_class_init (SpResultRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_result_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/signpost/Signpost/sp-result-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SpResultRow, box);
  gtk_widget_class_bind_template_child (widget_class, SpResultRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, SpResultRow, distance_label);
  gtk_widget_class_bind_template_child (widget_class, SpResultRow, organization_label);
  gtk_widget_class_bind_template_child (widget_class, SpResultRow, snippet_label);
  gtk_widget_class_bind_template_child (widget_class, SpResultRow, next_label);
  gtk_widget_class_bind_template_child (widget_class, SpResultRow, badges);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sp-result-row");
}

static void
sp_result_row_init (SpResultRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sp_result_row_new (void)
{
  return g_object_new (SP_TYPE_RESULT_ROW, NULL);
}
