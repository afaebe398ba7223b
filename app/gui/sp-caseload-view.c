/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-caseload-view.c: the caseload, with the referral, person, directory and outcome pages
 * beside it.
 *
 * A list view (rows are recycled: a practice has thousands of referrals) of every referral
 * with its person, soonest next contact first, filtered by a search of names and NHS
 * numbers and by what needs doing: due today or overdue, or no contact for six working
 * days. Enter in the search box opens the first; Enter on a row opens that one. The pages
 * beside it are made for one record each time they are shown.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "sp-caseload-item.h"
#include "sp-caseload-view.h"
#include "sp-form-rows.h"
#include "sp-link-worker-private.h"
#include "sp-outcome-form.h"
#include "sp-person-page.h"
#include "sp-referral-page.h"
#include "sp-service-finder.h"

struct _SpCaseloadView
{
  AdwBin parent_instance;

  SpLinkWorkerWindow *window;   /* (unowned) */
  SpReferralStore *store;
  AdwLeaflet *leaflet;
  GtkWidget *search_entry;
  GtkWidget *filter_dropdown;
  GtkWidget *counts_label;
  GtkWidget *list_view;
  GListStore *items;            /* (element-type SpCaseloadItem) */
  GtkFilter *filter;
  GtkFilterListModel *filtered;
  GtkStack *detail;
  char *referral_id;            /* (nullable) the referral the pages beside are about */

  /* What the filter keeps, worked out once for all the items. */
  SpCaseloadFilter keep;
  char *needle;                 /* the search, case-folded; "" for none */
  char *digits;                 /* its digits, when it has three or more; else "" */
  char *typed;                  /* the search as typed, for statuses */
};

G_DEFINE_FINAL_TYPE (SpCaseloadView, sp_caseload_view, ADW_TYPE_BIN)

/* ---- the list ------------------------------------------------------------------------------ */

static int
compare_referrals (gconstpointer a,
                   gconstpointer b)
{
  const SpReferral *x = *(SpReferral * const *) a, *y = *(SpReferral * const *) b;
  SpDay nx = x->next_contact_on != 0 ? x->next_contact_on : G_MAXUINT32;
  SpDay ny = y->next_contact_on != 0 ? y->next_contact_on : G_MAXUINT32;

  if (nx != ny)
    return nx < ny ? -1 : 1;
  if (x->received_on != y->received_on)
    return x->received_on > y->received_on ? -1 : 1;
  return g_strcmp0 (x->id, y->id);
}

static void
update_counts (SpCaseloadView *self,
               guint           due_today,
               guint           overdue,
               guint           no_contact)
{
  g_autofree char *due = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u due today", "%u due today", due_today),
                                          due_today);
  g_autofree char *late = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u overdue", "%u overdue", overdue),
                                           overdue);
  g_autofree char *quiet = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "%u with no contact for 6 working days",
                                                         "%u with no contact for 6 working days", no_contact),
                                            no_contact);
  g_autofree char *text = g_strdup_printf ("%s · %s · %s", due, late, quiet);

  gtk_label_set_text (GTK_LABEL (self->counts_label), text);
}

/* Reads every referral again, with its person and what it needs today. */
void
sp_caseload_view_refresh (SpCaseloadView *self)
{
  g_autoptr (GPtrArray) referrals = sp_referral_store_dup_referrals (self->store);
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  SpWorkingDays *wd = sp_referral_store_get_working_days (self->store);
  SpDay today = sp_link_worker_window_get_today (self->window);
  guint due_today = 0, overdue = 0, no_contact = 0;

  g_return_if_fail (SP_IS_CASELOAD_VIEW (self));

  /* Soonest next contact first, then the newest. */
  g_ptr_array_sort (referrals, compare_referrals);
  for (guint i = 0; i < referrals->len; i++)
    {
      SpReferral *r = referrals->pdata[i];
      SpPerson *p = sp_referral_store_get_person (self->store, r->person_id);
      SpFollowUp flags;

      if (p == NULL)
        continue;
      flags = sp_referral_follow_up (r, today, wd);
      due_today += (flags & SP_FOLLOW_UP_DUE_TODAY) != 0;
      overdue += (flags & SP_FOLLOW_UP_OVERDUE) != 0;
      no_contact += (flags & SP_FOLLOW_UP_NO_CONTACT) != 0;
      g_ptr_array_add (items, sp_caseload_item_new (p, r, flags));
    }
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)), items->pdata,
                       items->len);
  update_counts (self, due_today, overdue, no_contact);
}

static gboolean
keep_item (gpointer item,
           gpointer data)
{
  SpCaseloadView *self = data;
  SpReferral *r = sp_caseload_item_get_referral (item);
  SpFollowUp flags = sp_caseload_item_get_follow_up (item);

  switch (self->keep)
    {
    case SP_CASELOAD_OPEN:
      if (r->status == SP_REFERRAL_STATUS_DECLINED || r->status == SP_REFERRAL_STATUS_CLOSED)
        return FALSE;
      break;
    case SP_CASELOAD_DUE:
      if ((flags & (SP_FOLLOW_UP_DUE_TODAY | SP_FOLLOW_UP_OVERDUE)) == 0)
        return FALSE;
      break;
    case SP_CASELOAD_NO_CONTACT:
      if ((flags & SP_FOLLOW_UP_NO_CONTACT) == 0)
        return FALSE;
      break;
    case SP_CASELOAD_ALL:
    default:
      break;
    }
  return *self->needle == '\0' || sp_caseload_item_matches (item, self->needle, self->digits) ||
         g_ascii_strncasecmp (sp_referral_status_label (r->status), self->typed, strlen (self->typed)) == 0;
}

static void
filter_changed (SpCaseloadView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  GString *digits = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  if (digits->len < 3)
    g_string_truncate (digits, 0);
  g_free (self->digits);
  self->digits = g_string_free (digits, FALSE);
  g_free (self->needle);
  self->needle = g_utf8_casefold (text, -1);
  g_free (self->typed);
  self->typed = g_strdup (text);
  self->keep = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->filter_dropdown));
  gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
}

void
sp_caseload_view_set_filter (SpCaseloadView   *self,
                             SpCaseloadFilter  filter)
{
  g_return_if_fail (SP_IS_CASELOAD_VIEW (self));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->filter_dropdown), filter);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *summary = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_xalign (GTK_LABEL (summary), 0);
  gtk_label_set_wrap (GTK_LABEL (summary), TRUE);
  gtk_widget_add_css_class (summary, "caption");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), summary);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  data)
{
  SpCaseloadItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *summary = gtk_widget_get_next_sibling (name);
  g_autofree char *text = sp_caseload_item_dup_summary (item);
  g_autofree char *spoken = NULL;
  const char *who = sp_caseload_item_get_person (item)->name;

  gtk_label_set_text (GTK_LABEL (name), who);
  gtk_label_set_text (GTK_LABEL (summary), text);
  if (sp_caseload_item_get_follow_up (item) != SP_FOLLOW_UP_NONE)
    gtk_widget_add_css_class (summary, "warning");
  else
    gtk_widget_remove_css_class (summary, "warning");
  spoken = g_strdup_printf ("%s, %s", who, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
}

static void
row_activated (GtkListView    *list,
               guint           position,
               SpCaseloadView *self)
{
  g_autoptr (SpCaseloadItem) item = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  if (item != NULL)
    sp_caseload_view_show_referral (self, sp_caseload_item_get_referral (item)->id);
}

/* Enter in the search box opens the first referral found. */
static void
search_activated (SpCaseloadView *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0)
    row_activated (GTK_LIST_VIEW (self->list_view), 0, self);
}

static GtkWidget *
build_list (SpCaseloadView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  const char *filters[] = { N_("Open referrals"), N_("Due today or overdue"), N_("No contact for 6 working days"),
                            N_("All referrals"), NULL };
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  GtkSingleSelection *selection;

  for (guint i = 0; filters[i] != NULL; i++)
    gtk_string_list_append (names, _(filters[i]));
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_size_request (box, 340, -1);
  self->search_entry = gtk_search_entry_new ();
  g_object_set (self->search_entry, "placeholder-text", _("Name or NHS number"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search the caseload by name, NHS number or status"), -1);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (filter_changed), self);
  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (search_activated), self);
  self->filter_dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->filter_dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Which referrals to list"), -1);
  g_signal_connect_swapped (self->filter_dropdown, "notify::selected", G_CALLBACK (filter_changed), self);
  self->counts_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->counts_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->counts_label), 0);
  gtk_widget_add_css_class (self->counts_label, "dim-label");

  self->filter = GTK_FILTER (gtk_custom_filter_new (keep_item, self, NULL));
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->items)), g_object_ref (self->filter));
  /* Thousands of referrals: the first rows show while the rest are still being looked at. */
  gtk_filter_list_model_set_incremental (self->filtered, TRUE);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  self->list_view = gtk_list_view_new (GTK_SELECTION_MODEL (selection), factory);
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (self->list_view), TRUE);
  gtk_widget_add_css_class (self->list_view, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Caseload"), -1);
  g_signal_connect (self->list_view, "activate", G_CALLBACK (row_activated), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->list_view);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (box), self->search_entry);
  gtk_box_append (GTK_BOX (box), self->filter_dropdown);
  gtk_box_append (GTK_BOX (box), self->counts_label);
  gtk_box_append (GTK_BOX (box), scroller);
  return box;
}

void
sp_caseload_view_focus_search (SpCaseloadView *self)
{
  g_return_if_fail (SP_IS_CASELOAD_VIEW (self));
  gtk_widget_grab_focus (self->search_entry);
}

/* ---- the pages beside it ----------------------------------------------------------------- */

/* Shows @page beside the list as @name, in place of the page shown before, with focus on
 * its first control (or the one it named "sp-first-focus"). */
static void
show_page (SpCaseloadView *self,
           const char     *name,
           GtkWidget      *page)
{
  GtkWidget *first;

  /* The new page first, focus in it, and only then the old one goes (with no focus left in
   * it). */
  gtk_stack_add_named (self->detail, page, NULL);
  gtk_stack_set_visible_child (self->detail, page);
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
  if ((first = g_object_get_data (G_OBJECT (page), "sp-first-focus")) != NULL)
    gtk_widget_grab_focus (first);
  else
    gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->detail)), *next; child != NULL; child = next)
    {
      next = gtk_widget_get_next_sibling (child);
      if (child != page && g_strcmp0 (gtk_stack_page_get_name (gtk_stack_get_page (self->detail, child)), "empty") != 0)
        {
          sp_form_release_focus (child);
          gtk_stack_remove (self->detail, child);
        }
    }
  gtk_stack_page_set_name (gtk_stack_get_page (self->detail, page), name);
}

void
sp_caseload_view_show_referral (SpCaseloadView *self,
                                const char     *referral_id)
{
  sp_caseload_view_show_referral_at (self, referral_id, NULL);
}

/* The referral's page, with focus on its control @focus_key (NULL: the first). */
void
sp_caseload_view_show_referral_at (SpCaseloadView *self,
                                   const char     *referral_id,
                                   const char     *focus_key)
{
  SpReferral *referral;
  SpReferralPage *page;

  g_return_if_fail (SP_IS_CASELOAD_VIEW (self));

  if ((referral = sp_referral_store_get_referral (self->store, referral_id)) == NULL)
    return;
  g_free (self->referral_id);
  self->referral_id = g_strdup (referral->id);
  page = sp_referral_page_new (self->window, self->store, referral->id);
  show_page (self, "referral", GTK_WIDGET (page));
  if (focus_key != NULL)
    sp_referral_page_focus (page, focus_key);
}

void
sp_caseload_view_show_person (SpCaseloadView *self,
                              const char     *person_id)
{
  g_return_if_fail (SP_IS_CASELOAD_VIEW (self));

  if (sp_referral_store_get_person (self->store, person_id) != NULL)
    show_page (self, "person", GTK_WIDGET (sp_person_page_new (self->window, self->store, person_id)));
}

void
sp_caseload_view_show_finder (SpCaseloadView *self,
                              const char     *referral_id)
{
  g_return_if_fail (SP_IS_CASELOAD_VIEW (self));

  if (sp_referral_store_get_referral (self->store, referral_id) != NULL)
    show_page (self, "finder", GTK_WIDGET (sp_service_finder_new (self->window, self->store, referral_id)));
}

void
sp_caseload_view_show_outcome (SpCaseloadView *self,
                               const char     *referral_id,
                               gboolean        review)
{
  g_return_if_fail (SP_IS_CASELOAD_VIEW (self));

  if (sp_referral_store_get_referral (self->store, referral_id) != NULL)
    show_page (self, "outcome", GTK_WIDGET (sp_outcome_form_new (self->window, self->store, referral_id, review)));
}

/* Back from a person's page: to the referral shown before it, or to the list. */
void
sp_caseload_view_go_back (SpCaseloadView *self)
{
  g_return_if_fail (SP_IS_CASELOAD_VIEW (self));

  if (self->referral_id != NULL && sp_referral_store_get_referral (self->store, self->referral_id) != NULL)
    sp_caseload_view_show_referral_at (self, self->referral_id, "person");
  else
    sp_caseload_view_show_list (self);
}

/* Back to the list, with its row for the referral last shown in focus. */
void
sp_caseload_view_show_list (SpCaseloadView *self)
{
  g_return_if_fail (SP_IS_CASELOAD_VIEW (self));

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_widget_grab_focus (self->list_view);
}

/* ---- the widget ---------------------------------------------------------------------------- */

static void
sp_caseload_view_dispose (GObject *object)
{
  SpCaseloadView *self = SP_CASELOAD_VIEW (object);

  adw_bin_set_child (ADW_BIN (self), NULL);
  if (self->items != NULL)
    g_list_store_remove_all (self->items);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  G_OBJECT_CLASS (sp_caseload_view_parent_class)->dispose (object);
}

static void
sp_caseload_view_finalize (GObject *object)
{
  SpCaseloadView *self = SP_CASELOAD_VIEW (object);

  g_clear_object (&self->items);
  g_clear_object (&self->store);
  g_free (self->referral_id);
  sp_wipe_string (&self->needle);
  sp_wipe_string (&self->digits);
  sp_wipe_string (&self->typed);
  G_OBJECT_CLASS (sp_caseload_view_parent_class)->finalize (object);
}

static void
sp_caseload_view_class_init (SpCaseloadViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sp_caseload_view_dispose;
  object_class->finalize = sp_caseload_view_finalize;
}

static void
sp_caseload_view_init (SpCaseloadView *self)
{
  self->items = g_list_store_new (SP_TYPE_CASELOAD_ITEM);
  self->needle = g_strdup ("");
  self->digits = g_strdup ("");
  self->typed = g_strdup ("");
}

SpCaseloadView *
sp_caseload_view_new (SpLinkWorkerWindow *window,
                      SpReferralStore    *store)
{
  SpCaseloadView *self = g_object_new (SP_TYPE_CASELOAD_VIEW, NULL);
  GtkWidget *empty = adw_status_page_new ();
  AdwLeafletPage *page;

  self->window = window;
  self->store = g_object_ref (store);
  self->leaflet = ADW_LEAFLET (adw_leaflet_new ());
  adw_leaflet_set_can_navigate_back (self->leaflet, TRUE);
  page = adw_leaflet_append (self->leaflet, build_list (self));
  adw_leaflet_page_set_name (page, "list");
  adw_leaflet_append (self->leaflet, gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  adw_leaflet_page_set_navigatable (adw_leaflet_get_page (self->leaflet,
                                                          gtk_widget_get_last_child (GTK_WIDGET (self->leaflet))), FALSE);
  self->detail = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->detail), TRUE);
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "view-list-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("Choose a referral"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Type a name or an NHS number, then Enter; or choose from the list."));
  gtk_stack_add_named (self->detail, empty, "empty");
  page = adw_leaflet_append (self->leaflet, GTK_WIDGET (self->detail));
  adw_leaflet_page_set_name (page, "detail");
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->leaflet));
  sp_caseload_view_refresh (self);
  return self;
}
