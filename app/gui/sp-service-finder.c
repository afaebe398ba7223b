/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-service-finder.c: searching the directory from inside a referral.
 *
 * The same Xapian search the public uses (sp_search_index_query on the main window's
 * index), narrowed at first to the directory category of the referral's first reason
 * (loneliness → friendship, carer support → carers …); the others follow in the choice of
 * topic, then all topics. Each service found can be added as signposted or referred;
 * adding one again changes how it was added.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-caseload-view.h"
#include "sp-category.h"
#include "sp-form-rows.h"
#include "sp-referral-page.h"
#include "sp-service-finder.h"

#define MOST_SHOWN 12

struct _SpServiceFinder
{
  AdwBin parent_instance;

  SpLinkWorkerWindow *window;   /* (unowned) */
  SpReferralStore *store;
  char *referral_id;
  GtkWidget *entry;
  GtkWidget *topic;
  GtkWidget *results;
  GtkWidget *status;
  GPtrArray *topic_ids;         /* (element-type utf8) term ids of the topics; "" for all */
};

G_DEFINE_FINAL_TYPE (SpServiceFinder, sp_service_finder, ADW_TYPE_BIN)

static void search (SpServiceFinder *self);

/* ---- adding a service ------------------------------------------------------------------------ */

static void
add_clicked (GtkButton       *button,
             SpServiceFinder *self)
{
  SpReferral *r = sp_referral_store_get_referral (self->store, self->referral_id);
  const char *id = g_object_get_data (G_OBJECT (button), "service-id");
  const char *name = g_object_get_data (G_OBJECT (button), "service-name");
  SpServiceLinkKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "kind"));
  g_autofree char *key = g_strdup (sp_form_get_focus_key (GTK_WIDGET (button)));
  g_autofree char *done = NULL;
  g_autoptr (SpReferral) copy = NULL;

  if (r == NULL)
    return;
  copy = sp_referral_copy (r);
  sp_referral_add_service (copy, id, name, kind, sp_link_worker_window_get_today (self->window));
  if (!sp_referral_page_save_copy (self->window, self->store, copy))
    return;
  done = g_strdup_printf (kind == SP_SERVICE_LINK_REFERRED ? _("Referred to %s") : _("Signposted to %s"), name);
  sp_link_worker_window_toast (self->window, done);
  search (self);
  /* The button that did it, made again with the results: focus goes back to it. */
  sp_form_focus_key (self->results, key);
}

static GtkWidget *
add_button (SpServiceFinder   *self,
            SpSearchHit       *hit,
            SpServiceLinkKind  kind,
            const SpServiceLink *linked)
{
  gboolean already = linked != NULL && linked->kind == kind;
  GtkWidget *button = gtk_button_new_with_label (kind == SP_SERVICE_LINK_REFERRED
                                                 ? (already ? _("Referred ✓") : _("Refer"))
                                                 : (already ? _("Signposted ✓") : _("Signpost")));
  g_autofree char *spoken = g_strdup_printf (kind == SP_SERVICE_LINK_REFERRED ? _("Refer to %s") : _("Signpost to %s"),
                                             hit->name);
  g_autofree char *key = g_strdup_printf ("%s-%s", kind == SP_SERVICE_LINK_REFERRED ? "refer" : "signpost", hit->id);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  if (already)
    gtk_widget_add_css_class (button, "success");
  g_object_set_data_full (G_OBJECT (button), "service-id", g_strdup (hit->id), g_free);
  g_object_set_data_full (G_OBJECT (button), "service-name", g_strdup (hit->name), g_free);
  g_object_set_data (G_OBJECT (button), "kind", GINT_TO_POINTER (kind));
  sp_form_set_focus_key (button, key);
  g_signal_connect (button, "clicked", G_CALLBACK (add_clicked), self);
  return button;
}

static const SpServiceLink *
link_of (SpReferral *r,
         const char *service_id)
{
  for (guint i = 0; r != NULL && i < r->services->len; i++)
    if (g_strcmp0 (g_array_index (r->services, SpServiceLink, i).service_id, service_id) == 0)
      return &g_array_index (r->services, SpServiceLink, i);
  return NULL;
}

/* ---- searching --------------------------------------------------------------------------------- */

static void
show_hits (SpServiceFinder *self,
           SpSearchResults *results)
{
  SpReferral *r = sp_referral_store_get_referral (self->store, self->referral_id);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->results)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->results), child);
  for (guint i = 0; i < results->hits->len && i < MOST_SHOWN; i++)
    {
      SpSearchHit *hit = results->hits->pdata[i];
      const SpServiceLink *linked = link_of (r, hit->id);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), hit->name);
      if (hit->organization != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), hit->organization);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), add_button (self, hit, SP_SERVICE_LINK_SIGNPOSTED, linked));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), add_button (self, hit, SP_SERVICE_LINK_REFERRED, linked));
      gtk_list_box_append (GTK_LIST_BOX (self->results), row);
    }
  gtk_widget_set_visible (self->results, results->hits->len > 0);
}

static void
search (SpServiceFinder *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpSearchResults) results = NULL;
  g_autofree char *status = NULL;
  SpSearchIndex *index = sp_link_worker_window_get_index (self->window);
  SpSearchQuery query = SP_SEARCH_QUERY_INIT;
  guint topic = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->topic));
  const char *term = topic < self->topic_ids->len ? self->topic_ids->pdata[topic] : "";

  if (index == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->status), _("The directory is not open: open it in the main window first."));
      return;
    }
  query.text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  query.category = *term != '\0' ? term : NULL;
  query.limit = MOST_SHOWN;
  results = sp_search_index_query (index, &query, &error);
  if (results == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->status), error->message);
      return;
    }
  show_hits (self, results);
  status = results->hits->len == 0 ? g_strdup (_("Nothing found: try other words, or all topics."))
           : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u service found", "%u services found", results->total),
                              results->total);
  gtk_label_set_text (GTK_LABEL (self->status), status);
}

/* Enter in the search box: to the first service found. */
static void
entry_activated (SpServiceFinder *self)
{
  GtkWidget *row = gtk_widget_get_first_child (self->results);

  if (row != NULL)
    gtk_widget_child_focus (row, GTK_DIR_TAB_FORWARD);
}

/* The topics: the categories of the referral's reasons first, then all of them. When the
 * directory's topics cannot be read, all topics only, with @error set to say why. */
static GtkStringList *
topics_of (SpServiceFinder *self,
           SpReferral      *r,
           GError         **error)
{
  SpStore *directory = sp_link_worker_window_get_directory (self->window);
  GtkStringList *names = gtk_string_list_new (NULL);
  g_autoptr (GPtrArray) categories = NULL;

  if (directory != NULL)
    categories = sp_category_list_top_level (directory, error);
  for (SpReason reason = 0; categories != NULL && reason < SP_N_REASONS; reason++)
    {
      const char *code = sp_reason_directory_category (reason);

      if (!(r->reasons & (1u << reason)) || code == NULL)
        continue;
      for (guint i = 0; i < categories->len; i++)
        {
          SpCategory *category = g_ptr_array_index (categories, i);

          if (g_strcmp0 (category->code, code) != 0 ||
              g_ptr_array_find_with_equal_func (self->topic_ids, category->id, g_str_equal, NULL))
            continue;
          g_ptr_array_add (self->topic_ids, g_strdup (category->id));
          gtk_string_list_append (names, category->name);
          break;
        }
    }
  g_ptr_array_add (self->topic_ids, g_strdup (""));
  gtk_string_list_append (names, _("All topics"));
  return names;
}

/* ---- the page ---------------------------------------------------------------------------------- */

static void
back_to_referral (SpServiceFinder *self)
{
  GtkWidget *view = gtk_widget_get_ancestor (GTK_WIDGET (self), SP_TYPE_CASELOAD_VIEW);

  if (view != NULL)
    sp_caseload_view_show_referral_at (SP_CASELOAD_VIEW (view), self->referral_id, "find-services");
}

static void
build (SpServiceFinder *self,
       SpReferral      *r)
{
  GtkBox *column;
  GtkWidget *page = sp_form_page_new (&column);
  GtkWidget *done = sp_form_button_new (_("_Done"), TRUE, G_CALLBACK (back_to_referral), self);
  g_autoptr (GError) topics_error = NULL;
  g_autoptr (GtkStringList) topics = topics_of (self, r, &topics_error);

  gtk_box_append (column, sp_form_header_new (_("Find Services for This Referral"), _("Back to the referral"),
                                              G_CALLBACK (back_to_referral), self));
  self->entry = gtk_search_entry_new ();
  g_object_set (self->entry, "placeholder-text", _("What would help? Then Enter"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search the directory"), -1);
  g_signal_connect_swapped (self->entry, "search-changed", G_CALLBACK (search), self);
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (entry_activated), self);
  self->topic = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (topics)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->topic), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Topic"), -1);
  g_signal_connect_swapped (self->topic, "notify::selected", G_CALLBACK (search), self);
  self->status = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->status), 0);
  gtk_widget_add_css_class (self->status, "dim-label");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search results"), -1);
  self->results = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->results), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->results, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->results), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Services found"), -1);
  gtk_box_append (column, self->entry);
  gtk_box_append (column, self->topic);
  gtk_box_append (column, self->status);
  gtk_box_append (column, self->results);
  gtk_box_append (column, sp_form_buttons_new (done, NULL));
  sp_form_bin_replace (ADW_BIN (self), page);
  g_object_set_data (G_OBJECT (self), "sp-first-focus", self->entry);
  search (self);
  if (topics_error != NULL)
    gtk_label_set_text (GTK_LABEL (self->status), topics_error->message);
}

static void
sp_service_finder_finalize (GObject *object)
{
  SpServiceFinder *self = SP_SERVICE_FINDER (object);

  g_clear_object (&self->store);
  g_free (self->referral_id);
  g_clear_pointer (&self->topic_ids, g_ptr_array_unref);
  G_OBJECT_CLASS (sp_service_finder_parent_class)->finalize (object);
}

static void
sp_service_finder_class_init (SpServiceFinderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_service_finder_finalize;
}

static void
sp_service_finder_init (SpServiceFinder *self)
{
  self->topic_ids = g_ptr_array_new_with_free_func (g_free);
  sp_form_on_escape (GTK_WIDGET (self), G_CALLBACK (back_to_referral), self);
}

SpServiceFinder *
sp_service_finder_new (SpLinkWorkerWindow *window,
                       SpReferralStore    *store,
                       const char         *referral_id)
{
  SpServiceFinder *self = g_object_new (SP_TYPE_SERVICE_FINDER, NULL);
  SpReferral *r = sp_referral_store_get_referral (store, referral_id);

  self->window = window;
  self->store = g_object_ref (store);
  self->referral_id = g_strdup (referral_id);
  if (r != NULL)
    build (self, r);
  return self;
}
