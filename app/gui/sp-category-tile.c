/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-category-tile.c: a big button on the start page for one category of support.
 *
 * Its icon, its plain-English name and how many services it holds ("23 services").
 * Icons are chosen by the category's code in our own taxonomy ("memory", "carers"…), or
 * by words in its name for other feeds' taxonomies, else a signpost.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "sp-category-tile.h"

struct _SpCategoryTile
{
  GtkButton parent_instance;

  GtkImage *icon;
  GtkLabel *name_label;
  GtkLabel *count_label;

  char *term_id;
  char *name;
};

G_DEFINE_FINAL_TYPE (SpCategoryTile, sp_category_tile, GTK_TYPE_BUTTON)

/* Codes of the sample directory's taxonomy, and words that mean the same in others'. */
static const struct { const char *code; const char *words; } icons[] = {
  { "memory", "memory dementia alzheimer" },
  { "carers", "carer caring" },
  { "friendship", "lonel friend befriend social" },
  { "housing", "housing home homeless" },
  { "money", "money benefit debt financ" },
  { "food", "food meal" },
  { "bereavement", "bereave grief loss" },
  { "wellbeing", "wellbeing mental wellness" },
  { "active", "active exercise sport physical walk" },
  { "advice", "advice rights legal advocacy" },
  { "senses", "sight hearing deaf blind sensory" },
  { "digital", "digital computer online internet" },
  { "transport", "transport travel bus" },
  { "falls", "falls fall" },
};

/* The icon for a category, by @code's first part or by a word in @name. The name returned
 * lives until the next call (the GUI asks from the main thread only). */
const char *
sp_category_icon_name (const char *code,
                       const char *name)
{
  static char buffer[64];
  g_autofree char *lower = g_utf8_strdown (name != NULL ? name : "", -1);

  for (gsize i = 0; i < G_N_ELEMENTS (icons); i++)
    {
      gsize n = strlen (icons[i].code);
      if (code != NULL && strncmp (code, icons[i].code, n) == 0 && (code[n] == '\0' || code[n] == '.'))
        goto found;
      {
        g_auto (GStrv) words = g_strsplit (icons[i].words, " ", -1);
        for (guint w = 0; words[w] != NULL; w++)
          if (strstr (lower, words[w]) != NULL)
            goto found;
      }
      continue;
found:
      g_snprintf (buffer, sizeof buffer, "sp-category-%s-symbolic", icons[i].code);
      return buffer;
    }
  return "sp-category-other-symbolic";
}

static void
sp_category_tile_finalize (GObject *object)
{
  SpCategoryTile *self = SP_CATEGORY_TILE (object);

  g_free (self->term_id);
  g_free (self->name);
  G_OBJECT_CLASS (sp_category_tile_parent_class)->finalize (object);
}

static void
sp_category_tile_class_init (SpCategoryTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sp_category_tile_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, "/org/signpost/Signpost/sp-category-tile.ui");
  gtk_widget_class_bind_template_child (widget_class, SpCategoryTile, icon);
  gtk_widget_class_bind_template_child (widget_class, SpCategoryTile, name_label);
  gtk_widget_class_bind_template_child (widget_class, SpCategoryTile, count_label);
}

static void
sp_category_tile_init (SpCategoryTile *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sp_category_tile_new (const char *term_id,
                      const char *code,
                      const char *name,
                      guint       count)
{
  SpCategoryTile *self = g_object_new (SP_TYPE_CATEGORY_TILE, NULL);
  g_autofree char *counted = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u service", "%u services", count), count);
  g_autofree char *spoken = g_strdup_printf ("%s, %s", name, counted);

  self->term_id = g_strdup (term_id);
  self->name = g_strdup (name);
  gtk_image_set_from_icon_name (self->icon, sp_category_icon_name (code, name));
  gtk_label_set_text (self->name_label, name);
  gtk_label_set_text (self->count_label, counted);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  return GTK_WIDGET (self);
}

const char *
sp_category_tile_get_term_id (SpCategoryTile *self)
{
  g_return_val_if_fail (SP_IS_CATEGORY_TILE (self), NULL);
  return self->term_id;
}

const char *
sp_category_tile_get_name (SpCategoryTile *self)
{
  g_return_val_if_fail (SP_IS_CATEGORY_TILE (self), NULL);
  return self->name;
}
