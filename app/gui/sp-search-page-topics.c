/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-search-page-topics.c: the topic chosen, and the topics the results fall in.
 *
 * Above the results, a chip per topic they fall in with its count, biggest first: one
 * touch narrows to it. A topic chosen (here or on the start page) shows as a chip that
 * takes it away again.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-search-page-private.h"

typedef struct
{
  const char *id;
  const char *name;
  guint count;
} TopicCount;

static int
most_first (gconstpointer a,
            gconstpointer b)
{
  const TopicCount *x = a, *y = b;
  return x->count != y->count ? (x->count < y->count ? 1 : -1) : g_utf8_collate (x->name, y->name);
}

/* The topics among the results, each with how many it holds: "Memory & dementia (4)", a
 * chip that narrows the results to it, the biggest first. The chips are made once, with
 * the tiles, and only relabelled here (one whose topic and count are unchanged is left
 * alone); none while a topic is chosen, or for "Open now", whose counts would be of the
 * pool it looked in. */
void
sp_search_page_show_topics (SpSearchPage *self,
                            GHashTable   *facets)
{
  g_autoptr (GArray) topics = g_array_new (FALSE, FALSE, sizeof (TopicCount));

  for (guint i = 0; facets != NULL && self->category_id == NULL && i < self->topic_ids->len; i++)
    {
      TopicCount topic = { g_ptr_array_index (self->topic_ids, i), g_ptr_array_index (self->topic_names, i), 0 };

      topic.count = GPOINTER_TO_UINT (g_hash_table_lookup (facets, topic.id));
      if (topic.count > 0)
        g_array_append_val (topics, topic);
    }
  g_array_sort (topics, most_first);

  for (guint i = 0; i < self->topic_chips->len; i++)
    {
      GtkWidget *chip = g_ptr_array_index (self->topic_chips, i);
      const TopicCount *topic = i < topics->len ? &g_array_index (topics, TopicCount, i) : NULL;

      if (topic != NULL &&
          (topic->count != GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (chip), "sp-count")) ||
           g_strcmp0 (topic->id, g_object_get_data (G_OBJECT (chip), "sp-term-id")) != 0))
        {
          /* Translators: a topic and how many of the results are in it: "Carers (12)". */
          g_autofree char *label = g_strdup_printf (_("%s (%u)"), topic->name, topic->count);
          g_autofree char *spoken = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u result. Show only these",
                                                                  "%s: %u results. Show only these", topic->count),
                                                     topic->name, topic->count);
          gtk_button_set_label (GTK_BUTTON (chip), label);
          gtk_accessible_update_property (GTK_ACCESSIBLE (chip), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
          g_object_set_data (G_OBJECT (chip), "sp-count", GUINT_TO_POINTER (topic->count));
          g_object_set_data (G_OBJECT (chip), "sp-term-id", (gpointer) topic->id);
          g_object_set_data (G_OBJECT (chip), "sp-term-name", (gpointer) topic->name);
        }
      gtk_widget_set_visible (chip, topic != NULL);
    }
  gtk_widget_set_visible (self->topics_scroller, topics->len > 0);
}

static void
category_chip_clicked (GtkButton    *button,
                       SpSearchPage *self)
{
  sp_search_page_set_category (self, NULL, NULL);
}

/* For init: the chosen topic's chip takes it away. */
void
sp_search_page_init_topics (SpSearchPage *self)
{
  g_signal_connect (self->category_chip, "clicked", G_CALLBACK (category_chip_clicked), self);
}

/**
 * sp_search_page_set_category:
 * @term_id: (nullable): a taxonomy term, or %NULL for every topic
 */
void
sp_search_page_set_category (SpSearchPage *self,
                             const char   *term_id,
                             const char   *name)
{
  g_return_if_fail (SP_IS_SEARCH_PAGE (self));

  g_free (self->category_id);
  self->category_id = g_strdup (term_id);
  g_free (self->category_name);
  self->category_name = g_strdup (name);
  gtk_widget_set_visible (self->category_chip, term_id != NULL);
  if (term_id != NULL)
    {
      g_autofree char *spoken = g_strdup_printf (_("Topic: %s. Remove this topic"), name);
      adw_button_content_set_label (self->category_chip_content, name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->category_chip), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      spoken, -1);
    }
  sp_search_page_run_search (self);
}
