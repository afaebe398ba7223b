/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-link-worker-window.c: the Link Worker area: sign-in, caseload, new referral, report, audit.
 *
 * A window of its own, opened from the main menu; never in kiosk mode, where neither the
 * action nor this window exists and the referral store is never opened. Locked, it shows
 * only the sign-in page. Signing in (Argon2id, then every record decrypted) runs in a
 * thread. After the idle time (Preferences key referrals-lock-minutes), or when the screen
 * locks (org.gnome.ScreenSaver ActiveChanged, or logind's Lock), the store locks: keys
 * and records are wiped, and every page that showed them is destroyed, not just hidden.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "sp-caseload-item.h"
#include "sp-link-worker-window.h"
#include "sp-nhs-number.h"
#include "sp-referral-report.h"

struct _SpLinkWorkerWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toasts;
  GtkStack *stack;
  AdwStatusPage *sign_in_page;
  AdwEntryRow *account_row;
  AdwPasswordEntryRow *passphrase_row;
  GtkWidget *sign_in_button;
  GtkWidget *sign_in_spinner;
  AdwViewStack *views;

  SpReferralStore *store;
  GSettings *settings;
  GListStore *caseload;         /* (element-type SpCaseloadItem) empty while locked */
  GtkFilter *filter;
  GtkWidget *search_entry;
  GtkWidget *detail_label;
  GtkWidget *snomed_row;
  SpCaseloadItem *shown;
  SpReferralReport *report;
  GtkWidget *report_from;
  GtkWidget *report_to;
  GtkWidget *charts;
  GListStore *audit_lines;
  GtkWidget *audit_status;
  GHashTable *form;             /* field name → widget of the new-referral form */

  guint idle_ms;
  guint idle_source;
  SpDay today;
  gboolean busy;
  GDBusConnection *session_bus;
  GDBusConnection *system_bus;
  guint screensaver_watch;
  guint logind_watch;
};

G_DEFINE_FINAL_TYPE (SpLinkWorkerWindow, sp_link_worker_window, ADW_TYPE_APPLICATION_WINDOW)

static void build_views (SpLinkWorkerWindow *self);
static void refresh_caseload (SpLinkWorkerWindow *self);

static void
toast (SpLinkWorkerWindow *self,
       const char         *message)
{
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
}

static SpDay
today_of (SpLinkWorkerWindow *self)
{
  return self->today != 0 ? self->today : sp_day_today ();
}

/* ---- locking ---------------------------------------------------------------------------- */

/* Everything that showed a record goes: the pages are destroyed, the models emptied. */
static void
clear_screen (SpLinkWorkerWindow *self)
{
  GtkWidget *child;

  g_clear_handle_id (&self->idle_source, g_source_remove);
  g_list_store_remove_all (self->caseload);
  if (self->audit_lines != NULL)
    g_list_store_remove_all (self->audit_lines);
  g_clear_object (&self->shown);
  g_clear_pointer (&self->report, sp_referral_report_free);
  g_clear_pointer (&self->form, g_hash_table_unref);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->views))) != NULL)
    adw_view_stack_remove (self->views, child);
  self->search_entry = self->detail_label = self->snomed_row = NULL;
  self->report_from = self->report_to = self->charts = self->audit_status = NULL;
  g_clear_object (&self->audit_lines);
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  gtk_stack_set_visible_child_name (self->stack, "sign-in");
  gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
}

static void
signed_in_changed (SpLinkWorkerWindow *self)
{
  if (!sp_referral_store_is_signed_in (self->store))
    clear_screen (self);
}

static void
lock_now (SpLinkWorkerWindow *self)
{
  sp_referral_store_lock (self->store);
  clear_screen (self);
}

static void
lock_activated (GtkWidget  *widget,
                const char *action,
                GVariant   *parameter)
{
  lock_now (SP_LINK_WORKER_WINDOW (widget));
}

static gboolean
idle_reached (gpointer data)
{
  SpLinkWorkerWindow *self = data;

  self->idle_source = 0;
  lock_now (self);
  return G_SOURCE_REMOVE;
}

static void
restart_idle (SpLinkWorkerWindow *self)
{
  g_clear_handle_id (&self->idle_source, g_source_remove);
  if (sp_referral_store_is_signed_in (self->store))
    self->idle_source = g_timeout_add (self->idle_ms, idle_reached, self);
}

static gboolean
event_seen (GtkEventControllerLegacy *controller,
            GdkEvent                 *event,
            SpLinkWorkerWindow       *self)
{
  switch (gdk_event_get_event_type (event))
    {
    case GDK_KEY_PRESS:
    case GDK_BUTTON_PRESS:
    case GDK_TOUCH_BEGIN:
    case GDK_SCROLL:
      restart_idle (self);
      break;
    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
screensaver_signal (GDBusConnection *connection,
                    const char      *sender,
                    const char      *path,
                    const char      *interface,
                    const char      *signal,
                    GVariant        *parameters,
                    gpointer         data)
{
  SpLinkWorkerWindow *self = data;
  gboolean active = TRUE;

  if (g_str_equal (signal, "ActiveChanged") && g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    g_variant_get (parameters, "(b)", &active);
  if (active)
    lock_now (self);
}

/* Screen locks: GNOME's screensaver on the session bus, logind's Lock on the system bus.
 * Either bus may be missing (a kiosk PC, a container, CI): then only the idle time locks. */
static void
watch_screen_lock (SpLinkWorkerWindow *self)
{
  self->session_bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (self->session_bus != NULL)
    self->screensaver_watch = g_dbus_connection_signal_subscribe (self->session_bus, NULL, "org.gnome.ScreenSaver",
                                                                  "ActiveChanged", NULL, NULL,
                                                                  G_DBUS_SIGNAL_FLAGS_NONE, screensaver_signal,
                                                                  self, NULL);
  self->system_bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, NULL);
  if (self->system_bus != NULL)
    self->logind_watch = g_dbus_connection_signal_subscribe (self->system_bus, "org.freedesktop.login1",
                                                             "org.freedesktop.login1.Session", "Lock", NULL, NULL,
                                                             G_DBUS_SIGNAL_FLAGS_NONE, screensaver_signal,
                                                             self, NULL);
}

/* ---- signing in ------------------------------------------------------------------------- */

typedef struct
{
  SpReferralStore *store;
  char *account;
  char *passphrase;
  gboolean create;
} SignIn;

static void
sign_in_free (gpointer data)
{
  SignIn *job = data;

  g_object_unref (job->store);
  g_free (job->account);
  sp_wipe_string (&job->passphrase);
  g_free (job);
}

static void
sign_in_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  SignIn *job = data;
  GError *error = NULL;
  gboolean ok = job->create
    ? sp_referral_store_create_first_account (job->store, job->account, job->passphrase, &error)
    : sp_referral_store_sign_in (job->store, job->account, job->passphrase, &error);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
update_sign_in_page (SpLinkWorkerWindow *self)
{
  g_auto (GStrv) accounts = sp_referral_store_list_accounts (self->store);
  gboolean first = accounts[0] == NULL;

  gtk_button_set_label (GTK_BUTTON (self->sign_in_button), first ? _("_Create Account") : _("_Sign In"));
  adw_status_page_set_description (self->sign_in_page, first
    ? _("Nobody has an account yet. Choose a name and a passphrase of at least ten characters for the first one; "
        "it can add the others.")
    : _("Referrals are private: sign in to see them. Signpost locks them again when you step away."));
  if (accounts[0] != NULL && accounts[1] == NULL &&
      *gtk_editable_get_text (GTK_EDITABLE (self->account_row)) == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->account_row), accounts[0]);
}

static void
signed_in (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr (SpLinkWorkerWindow) self = data;
  g_autoptr (GError) error = NULL;

  self->busy = FALSE;
  gtk_widget_set_visible (self->sign_in_spinner, FALSE);
  gtk_widget_set_sensitive (self->sign_in_button, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      toast (self, error->message);
      update_sign_in_page (self);
      return;
    }
  build_views (self);
  refresh_caseload (self);
  gtk_stack_set_visible_child_name (self->stack, "work");
  restart_idle (self);
}

static void
sign_in_clicked (SpLinkWorkerWindow *self)
{
  g_auto (GStrv) accounts = NULL;
  g_autoptr (GTask) task = NULL;
  SignIn *job;

  if (self->busy)
    return;
  accounts = sp_referral_store_list_accounts (self->store);
  job = g_new0 (SignIn, 1);
  job->store = g_object_ref (self->store);
  job->account = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->account_row)));
  job->passphrase = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row)));
  job->create = accounts[0] == NULL;
  self->busy = TRUE;
  gtk_widget_set_sensitive (self->sign_in_button, FALSE);
  gtk_widget_set_visible (self->sign_in_spinner, TRUE);
  task = g_task_new (NULL, NULL, signed_in, g_object_ref (self));
  g_task_set_task_data (task, job, sign_in_free);
  g_task_run_in_thread (task, sign_in_thread);
}

/* ---- the caseload ------------------------------------------------------------------------- */

static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  SpReferral *x = sp_caseload_item_get_referral ((SpCaseloadItem *) a);
  SpReferral *y = sp_caseload_item_get_referral ((SpCaseloadItem *) b);
  SpDay nx = x->next_contact_on != 0 ? x->next_contact_on : G_MAXUINT32;
  SpDay ny = y->next_contact_on != 0 ? y->next_contact_on : G_MAXUINT32;

  if (nx != ny)
    return nx < ny ? -1 : 1;
  return x->received_on > y->received_on ? -1 : x->received_on < y->received_on;
}

static void
refresh_caseload (SpLinkWorkerWindow *self)
{
  g_autoptr (GPtrArray) referrals = sp_referral_store_dup_referrals (self->store);
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  SpWorkingDays *wd = sp_referral_store_get_working_days (self->store);

  for (guint i = 0; i < referrals->len; i++)
    {
      SpReferral *r = referrals->pdata[i];
      SpPerson *p = sp_referral_store_get_person (self->store, r->person_id);
      if (p != NULL)
        g_ptr_array_add (items, sp_caseload_item_new (p, r, sp_referral_follow_up (r, today_of (self), wd)));
    }
  g_list_store_splice (self->caseload, 0, g_list_model_get_n_items (G_LIST_MODEL (self->caseload)),
                       items->pdata, items->len);
  g_list_store_sort (self->caseload, compare_items, NULL);
}

static gboolean
matches_search (gpointer item,
                gpointer data)
{
  SpLinkWorkerWindow *self = data;
  SpPerson *p = sp_caseload_item_get_person (item);
  const char *text = self->search_entry != NULL ? gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) : "";
  g_autofree char *needle = NULL;
  g_autofree char *name = NULL;

  if (*text == '\0')
    return TRUE;
  needle = g_utf8_casefold (text, -1);
  name = g_utf8_casefold (p->name, -1);
  return strstr (name, needle) != NULL ||
         (p->nhs_number != NULL && strstr (p->nhs_number, text) != NULL) ||
         g_str_has_prefix (sp_referral_status_label (sp_caseload_item_get_referral (item)->status), text);
}

static void
search_changed (SpLinkWorkerWindow *self)
{
  gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
}

static GtkWidget *
caseload_row (gpointer item,
              gpointer data)
{
  SpPerson *p = sp_caseload_item_get_person (item);
  g_autofree char *summary = sp_caseload_item_dup_summary (item);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), p->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), summary);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "item", g_object_ref (item), g_object_unref);
  if (sp_caseload_item_get_follow_up (item) != SP_FOLLOW_UP_NONE)
    gtk_widget_add_css_class (row, "sp-needs-follow-up");
  return row;
}

static void
copy_snomed (GtkButton          *button,
             SpLinkWorkerWindow *self)
{
  const char *code = g_object_get_data (G_OBJECT (button), "code");

  if (code == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), code);
  toast (self, _("SNOMED CT code copied for the GP record"));
}

static void
show_referral (SpLinkWorkerWindow *self,
               SpCaseloadItem     *item)
{
  SpPerson *p = sp_caseload_item_get_person (item);
  SpReferral *r = sp_caseload_item_get_referral (item);
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *born = sp_day_format (p->born);
  g_autofree char *nhs = sp_nhs_number_format (p->nhs_number);
  g_autofree char *received = sp_day_format (r->received_on);
  const char *term = NULL;
  const char *code = NULL;

  g_set_object (&self->shown, item);
  g_string_append_printf (text, _("Born %s · NHS number %s\n"), born, nhs);
  g_string_append_printf (text, _("Consent: %s\n\n"), sp_consent_method_label (p->consent_method));
  g_string_append_printf (text, _("Referred on %s by %s\nStatus: %s\nReasons: "), received,
                          sp_referral_source_label (r->source), sp_referral_status_label (r->status));
  for (SpReason reason = 0; reason < SP_N_REASONS; reason++)
    if (r->reasons & (1u << reason))
      g_string_append_printf (text, "%s; ", sp_reason_label (reason));
  if (r->other_reasons != NULL)
    g_string_append (text, r->other_reasons);
  for (guint i = 0; i < r->services->len; i++)
    {
      SpServiceLink *link = &g_array_index (r->services, SpServiceLink, i);
      g_string_append_printf (text, "\n%s: %s", link->kind == SP_SERVICE_LINK_REFERRED ? _("Referred to")
                                                                                      : _("Signposted to"),
                              link->service_name);
    }
  if (sp_outcome_swemwbs_raw (&r->first) > 0)
    g_string_append_printf (text, _("\nSWEMWBS at first contact: %.2f"), sp_swemwbs_metric (sp_outcome_swemwbs_raw (&r->first)));
  if (sp_outcome_swemwbs_raw (&r->review) > 0)
    {
      double first = sp_swemwbs_metric (sp_outcome_swemwbs_raw (&r->first));
      double review = sp_swemwbs_metric (sp_outcome_swemwbs_raw (&r->review));
      g_string_append_printf (text, _("\nSWEMWBS at review: %.2f"), review);
      if (sp_outcome_swemwbs_raw (&r->first) > 0)
        g_string_append_printf (text, sp_swemwbs_is_meaningful (review - first)
                                        ? _(" (change %+.2f: meaningful, at least %.2f)")
                                        : _(" (change %+.2f: within %.2f, not meaningful)"),
                                review - first, SP_SWEMWBS_MEANINGFUL_CHANGE);
    }
  gtk_label_set_text (GTK_LABEL (self->detail_label), text->str);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->snomed_row), p->name);

  code = sp_referral_snomed_code (r->accepted ? SP_REFERRAL_STATUS_ACCEPTED : r->status, &term);
  if (code != NULL)
    {
      g_autofree char *line = g_strdup_printf ("%s %s", code, term);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->snomed_row), line);
      g_object_set_data_full (G_OBJECT (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (self->snomed_row))),
                              "code", g_steal_pointer (&line), g_free);
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->snomed_row), _("No SNOMED CT code until the person accepts or declines"));
  gtk_widget_set_visible (self->snomed_row, TRUE);
  sp_referral_store_note_viewed (self->store, "referral", r->id);
}

static void
row_activated (GtkListBox         *list,
               GtkListBoxRow      *row,
               SpLinkWorkerWindow *self)
{
  show_referral (self, g_object_get_data (G_OBJECT (row), "item"));
}

static GtkWidget *
build_caseload (SpLinkWorkerWindow *self)
{
  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  GtkWidget *left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *right = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  GtkFilterListModel *filtered;

  self->search_entry = gtk_search_entry_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search the caseload by name, NHS number or status"), -1);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed), self);
  gtk_widget_set_margin_start (left, 12);
  gtk_widget_set_margin_top (left, 12);
  gtk_box_append (GTK_BOX (left), self->search_entry);
  self->filter = GTK_FILTER (gtk_custom_filter_new (matches_search, self, NULL));
  filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->caseload)), g_object_ref (self->filter));
  gtk_list_box_bind_model (GTK_LIST_BOX (list), G_LIST_MODEL (filtered), caseload_row, self, NULL);
  g_object_unref (filtered);
  g_object_unref (self->filter);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Caseload"), -1);
  gtk_widget_add_css_class (list, "boxed-list");
  g_signal_connect (list, "row-activated", G_CALLBACK (row_activated), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (left), scroller);
  gtk_widget_set_size_request (left, 360, -1);

  gtk_widget_set_margin_start (right, 12);
  gtk_widget_set_margin_end (right, 12);
  gtk_widget_set_margin_top (right, 12);
  self->snomed_row = adw_action_row_new ();
  gtk_widget_set_visible (self->snomed_row, FALSE);
  gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (copy, _("Copy the SNOMED CT code"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Copy the SNOMED CT code"), -1);
  g_signal_connect (copy, "clicked", G_CALLBACK (copy_snomed), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->snomed_row), copy);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self->snomed_row), copy);
  {
    GtkWidget *box = gtk_list_box_new ();
    gtk_widget_add_css_class (box, "boxed-list");
    gtk_list_box_set_selection_mode (GTK_LIST_BOX (box), GTK_SELECTION_NONE);
    gtk_list_box_append (GTK_LIST_BOX (box), self->snomed_row);
    gtk_box_append (GTK_BOX (right), box);
  }
  self->detail_label = gtk_label_new (_("Choose a referral to see it."));
  gtk_label_set_wrap (GTK_LABEL (self->detail_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->detail_label), 0);
  gtk_label_set_selectable (GTK_LABEL (self->detail_label), TRUE);
  gtk_box_append (GTK_BOX (right), self->detail_label);

  gtk_paned_set_start_child (GTK_PANED (paned), left);
  gtk_paned_set_end_child (GTK_PANED (paned), right);
  gtk_paned_set_position (GTK_PANED (paned), 420);
  return paned;
}

/* ---- a new person and referral ------------------------------------------------------------- */

static GtkWidget *
form_entry (SpLinkWorkerWindow *self,
            AdwPreferencesGroup *group,
            const char          *key,
            const char          *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_group_add (group, row);
  g_hash_table_insert (self->form, (gpointer) key, row);
  return row;
}

static GtkWidget *
form_check (SpLinkWorkerWindow  *self,
            AdwPreferencesGroup *group,
            const char          *key,
            const char          *title)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_preferences_group_add (group, row);
  g_hash_table_insert (self->form, (gpointer) key, check);
  return check;
}

static const char *
form_text (SpLinkWorkerWindow *self,
           const char         *key)
{
  return gtk_editable_get_text (GTK_EDITABLE (g_hash_table_lookup (self->form, key)));
}

static void
clear_form (SpLinkWorkerWindow *self)
{
  GHashTableIter iter;
  gpointer widget;

  g_hash_table_iter_init (&iter, self->form);
  while (g_hash_table_iter_next (&iter, NULL, &widget))
    if (GTK_IS_EDITABLE (widget))
      gtk_editable_set_text (GTK_EDITABLE (widget), "");
    else if (GTK_IS_CHECK_BUTTON (widget))
      gtk_check_button_set_active (GTK_CHECK_BUTTON (widget), FALSE);
}

static void
save_new_referral (SpLinkWorkerWindow *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpPerson) person = sp_person_new ();
  g_autoptr (SpReferral) referral = sp_referral_new ();
  g_autofree char *digits = NULL;
  AdwComboRow *source = g_hash_table_lookup (self->form, "source");
  const char *nhs = form_text (self, "nhs_number");

  person->name = g_strstrip (g_strdup (form_text (self, "name")));
  person->born = sp_day_parse (form_text (self, "date_of_birth"));
  if (*nhs != '\0')
    {
      sp_nhs_number_check (nhs, &digits);
      person->nhs_number = digits != NULL ? g_strdup (digits) : g_strdup (nhs);
    }
  person->phone = *form_text (self, "phone") != '\0' ? g_strdup (form_text (self, "phone")) : NULL;
  person->postcode = *form_text (self, "postcode") != '\0' ? g_strdup (form_text (self, "postcode")) : NULL;
  if (gtk_check_button_get_active (g_hash_table_lookup (self->form, "consent")))
    {
      person->consent_method = SP_CONSENT_VERBAL;
      person->consent_on = today_of (self);
      person->consent_scope = g_strdup (_("Referral to social prescribing and sharing with the services chosen"));
    }
  referral->source = adw_combo_row_get_selected (source);
  referral->received_on = today_of (self);
  for (SpReason reason = 0; reason < SP_N_REASONS; reason++)
    if (gtk_check_button_get_active (g_hash_table_lookup (self->form, sp_reason_to_string (reason))))
      referral->reasons |= 1u << reason;
  if (*form_text (self, "other_reasons") != '\0')
    referral->other_reasons = g_strdup (form_text (self, "other_reasons"));

  /* Both or neither: a person without the referral they came for is not kept. */
  if (person->consent_method == SP_CONSENT_NONE)
    {
      toast (self, _("Record the person’s consent before saving a referral."));
      return;
    }
  if (!sp_person_validate (person, sp_referral_store_get_training (self->store), &error) ||
      !sp_referral_store_begin_batch (self->store, NULL, &error) ||
      !sp_referral_store_save_person (self->store, person, &error) ||
      (referral->person_id = g_strdup (person->id), FALSE) ||
      !sp_referral_store_save_referral (self->store, referral, &error) ||
      !sp_referral_store_commit_batch (self->store, &error))
    {
      sp_referral_store_rollback_batch (self->store);
      toast (self, error->message);
      return;
    }
  clear_form (self);
  refresh_caseload (self);
  toast (self, _("Referral saved"));
  adw_view_stack_set_visible_child_name (self->views, "caseload");
}

static GtkWidget *
build_new_referral (SpLinkWorkerWindow *self)
{
  AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  AdwPreferencesGroup *person = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *consent = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *referral = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *reasons = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *actions = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkStringList *sources = gtk_string_list_new (NULL);
  GtkWidget *source = adw_combo_row_new ();
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save Referral"));

  self->form = g_hash_table_new (g_str_hash, g_str_equal);
  adw_preferences_group_set_title (person, _("Person"));
  form_entry (self, person, "name", _("Name"));
  form_entry (self, person, "date_of_birth", _("Date of birth (YYYY-MM-DD)"));
  form_entry (self, person, "nhs_number", _("NHS number"));
  form_entry (self, person, "phone", _("Phone"));
  form_entry (self, person, "postcode", _("Postcode"));
  adw_preferences_group_set_title (consent, _("Consent"));
  adw_preferences_group_set_description (consent, _("Ask before anything is saved: what is kept, who it is shared with, and that they can say no."));
  form_check (self, consent, "consent", _("The person agreed, today, out loud"));
  adw_preferences_group_set_title (referral, _("Referral"));
  for (SpReferralSource s = 0; s < SP_REFERRAL_N_SOURCES; s++)
    gtk_string_list_append (sources, sp_referral_source_label (s));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (source), _("Referred by"));
  adw_combo_row_set_model (ADW_COMBO_ROW (source), G_LIST_MODEL (sources));
  g_object_unref (sources);
  adw_preferences_group_add (referral, source);
  g_hash_table_insert (self->form, (gpointer) "source", source);
  adw_preferences_group_set_title (reasons, _("Reasons"));
  for (SpReason reason = 0; reason < SP_N_REASONS; reason++)
    form_check (self, reasons, sp_reason_to_string (reason), sp_reason_label (reason));
  form_entry (self, reasons, "other_reasons", _("Other reasons"));
  gtk_widget_add_css_class (save, "suggested-action");
  gtk_widget_add_css_class (save, "pill");
  gtk_widget_set_halign (save, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (save, "clicked", G_CALLBACK (save_new_referral), self);
  adw_preferences_group_add (actions, save);
  adw_preferences_page_add (page, person);
  adw_preferences_page_add (page, consent);
  adw_preferences_page_add (page, referral);
  adw_preferences_page_add (page, reasons);
  adw_preferences_page_add (page, actions);
  return GTK_WIDGET (page);
}

/* ---- the report -------------------------------------------------------------------------------- */

static const char *chart_measures[] = { "referrals_by_month", "referrals_by_source", "referrals_by_status",
                                        "referrals_by_reason" };

static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        data)
{
  SpLinkWorkerWindow *self = g_object_get_data (G_OBJECT (area), "window");
  const char *measure = data;

  if (self->report != NULL)
    sp_referral_report_draw_chart (self->report, measure, cr, width, height);
}

static void
show_report (SpLinkWorkerWindow *self)
{
  g_autoptr (GPtrArray) referrals = sp_referral_store_dup_referrals (self->store);
  SpDay from = sp_day_parse (gtk_editable_get_text (GTK_EDITABLE (self->report_from)));
  SpDay to = sp_day_parse (gtk_editable_get_text (GTK_EDITABLE (self->report_to)));

  if (from == 0 || to == 0 || to < from)
    {
      toast (self, _("Give the range as two dates, YYYY-MM-DD, the second not before the first."));
      return;
    }
  g_clear_pointer (&self->report, sp_referral_report_free);
  self->report = sp_referral_report_new (referrals, from, to);
  for (GtkWidget *child = gtk_widget_get_first_child (self->charts); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_DRAWING_AREA (child))
      {
        const char *measure = g_object_get_data (G_OBJECT (child), "measure");
        gtk_widget_set_size_request (child, -1, (int) sp_referral_report_chart_height (self->report, measure));
        gtk_widget_queue_draw (child);
      }
}

static void
pdf_written (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr (SpLinkWorkerWindow) self = data;
  g_autoptr (GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    toast (self, error->message);
  else
    toast (self, _("Report saved"));
}

static void
write_pdf_thread (GTask        *task,
                  gpointer      source,
                  gpointer      data,
                  GCancellable *cancellable)
{
  SpReferralReport *report = g_object_get_data (G_OBJECT (task), "report");
  GError *error = NULL;

  if (sp_referral_report_write_pdf (report, data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
pdf_chosen (GtkNativeDialog    *dialog,
            int                 response,
            SpLinkWorkerWindow *self)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GTask) task = NULL;
  g_autoptr (GPtrArray) referrals = NULL;
  g_autoptr (GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->report != NULL &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL &&
      sp_referral_store_note_exported (self->store, "report pdf", &error))
    {
      /* The thread gets its own report: locking frees the window's. */
      referrals = sp_referral_store_dup_referrals (self->store);
      task = g_task_new (NULL, NULL, pdf_written, g_object_ref (self));
      g_object_set_data_full (G_OBJECT (task), "report",
                              sp_referral_report_new (referrals, sp_referral_report_get_from (self->report),
                                                      sp_referral_report_get_to (self->report)),
                              (GDestroyNotify) sp_referral_report_free);
      g_task_set_task_data (task, g_file_get_path (file), g_free);
      g_task_run_in_thread (task, write_pdf_thread);
    }
  else if (error != NULL)
    toast (self, error->message);
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
save_pdf_clicked (SpLinkWorkerWindow *self)
{
  GtkFileChooserNative *chooser;

  if (self->report == NULL)
    show_report (self);
  chooser = gtk_file_chooser_native_new (_("Save the Report"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("Social prescribing report.pdf"));
  g_signal_connect (chooser, "response", G_CALLBACK (pdf_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static GtkWidget *
build_report (SpLinkWorkerWindow *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *range = gtk_list_box_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *show = gtk_button_new_with_mnemonic (_("S_how"));
  GtkWidget *pdf = gtk_button_new_with_mnemonic (_("Save as _PDF…"));
  const char *titles[] = { N_("Referrals by month"), N_("Referrals by source"), N_("Referrals by status"),
                           N_("Referrals by reason") };
  SpDay today = today_of (self);
  g_autofree char *from = sp_day_format (today - 364);
  g_autofree char *to = sp_day_format (today);

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 760);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_add_css_class (range, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (range), GTK_SELECTION_NONE);
  self->report_from = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->report_from), _("From (YYYY-MM-DD)"));
  gtk_editable_set_text (GTK_EDITABLE (self->report_from), from);
  self->report_to = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->report_to), _("To, included (YYYY-MM-DD)"));
  gtk_editable_set_text (GTK_EDITABLE (self->report_to), to);
  gtk_list_box_append (GTK_LIST_BOX (range), self->report_from);
  gtk_list_box_append (GTK_LIST_BOX (range), self->report_to);
  gtk_box_append (GTK_BOX (box), range);
  g_signal_connect_swapped (show, "clicked", G_CALLBACK (show_report), self);
  g_signal_connect_swapped (pdf, "clicked", G_CALLBACK (save_pdf_clicked), self);
  gtk_box_append (GTK_BOX (buttons), show);
  gtk_box_append (GTK_BOX (buttons), pdf);
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), buttons);

  self->charts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  for (guint i = 0; i < G_N_ELEMENTS (chart_measures); i++)
    {
      GtkWidget *heading = gtk_label_new (_(titles[i]));
      GtkWidget *area = gtk_drawing_area_new ();

      gtk_widget_add_css_class (heading, "heading");
      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_box_append (GTK_BOX (self->charts), heading);
      g_object_set_data (G_OBJECT (area), "window", self);
      g_object_set_data (G_OBJECT (area), "measure", (gpointer) chart_measures[i]);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_chart, (gpointer) chart_measures[i], NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL, _(titles[i]), -1);
      gtk_box_append (GTK_BOX (self->charts), area);
    }
  gtk_box_append (GTK_BOX (box), self->charts);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  return scroller;
}

/* ---- the audit log --------------------------------------------------------------------------- */

static void
refresh_audit (SpLinkWorkerWindow *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = NULL;

  if (self->audit_lines == NULL || !sp_referral_store_is_signed_in (self->store))
    return;
  g_list_store_remove_all (self->audit_lines);
  entries = sp_referral_store_list_audit (self->store, &error);
  if (entries == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->audit_status), error->message);
      return;
    }
  {
    g_autofree char *status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "The audit log is intact: %u entry, none changed.",
                                                            "The audit log is intact: %u entries, none changed.",
                                                            entries->len), entries->len);
    gtk_label_set_text (GTK_LABEL (self->audit_status), status);
  }
  for (guint i = entries->len; i > 0; i--)
    {
      SpAuditEntry *e = entries->pdata[i - 1];
      g_autoptr (GDateTime) at = g_date_time_new_from_unix_local (e->at);
      g_autofree char *when = g_date_time_format (at, "%Y-%m-%d %H:%M");
      g_autofree char *line = g_strdup_printf ("%s  %s  %s %s%s%s", when, e->account, e->action,
                                               e->kind ? e->kind : "", e->record_id ? " " : "",
                                               e->record_id ? e->record_id : "");
      g_autoptr (GtkStringObject) item = gtk_string_object_new (line);
      g_list_store_append (self->audit_lines, item);
    }
}

static GtkWidget *
audit_row (gpointer item,
           gpointer data)
{
  GtkWidget *label = gtk_label_new (gtk_string_object_get_string (item));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "monospace");
  return label;
}

static GtkWidget *
build_audit (SpLinkWorkerWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();

  self->audit_lines = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  self->audit_status = gtk_label_new (NULL);
  gtk_widget_set_margin_top (self->audit_status, 12);
  gtk_box_append (GTK_BOX (box), self->audit_status);
  gtk_list_box_bind_model (GTK_LIST_BOX (list), G_LIST_MODEL (self->audit_lines), audit_row, NULL, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Audit log"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (box), scroller);
  return box;
}

static void
view_changed (SpLinkWorkerWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->views);

  if (g_strcmp0 (name, "audit") == 0)
    refresh_audit (self);
  else if (g_strcmp0 (name, "report") == 0 && self->report == NULL && self->report_from != NULL)
    show_report (self);
}

static void
build_views (SpLinkWorkerWindow *self)
{
  AdwViewStackPage *page;

  page = adw_view_stack_add_titled (self->views, build_caseload (self), "caseload", _("Caseload"));
  adw_view_stack_page_set_icon_name (page, "view-list-symbolic");
  page = adw_view_stack_add_titled (self->views, build_new_referral (self), "new", _("New Referral"));
  adw_view_stack_page_set_icon_name (page, "list-add-symbolic");
  page = adw_view_stack_add_titled (self->views, build_report (self), "report", _("Report"));
  adw_view_stack_page_set_icon_name (page, "x-office-spreadsheet-symbolic");
  page = adw_view_stack_add_titled (self->views, build_audit (self), "audit", _("Audit Log"));
  adw_view_stack_page_set_icon_name (page, "document-open-recent-symbolic");
  adw_view_stack_set_visible_child_name (self->views, "caseload");
  gtk_widget_grab_focus (self->search_entry);
}

/* ---- the window ------------------------------------------------------------------------------ */

static void
sp_link_worker_window_dispose (GObject *object)
{
  SpLinkWorkerWindow *self = SP_LINK_WORKER_WINDOW (object);

  g_clear_handle_id (&self->idle_source, g_source_remove);
  if (self->session_bus != NULL && self->screensaver_watch != 0)
    g_dbus_connection_signal_unsubscribe (self->session_bus, self->screensaver_watch);
  if (self->system_bus != NULL && self->logind_watch != 0)
    g_dbus_connection_signal_unsubscribe (self->system_bus, self->logind_watch);
  self->screensaver_watch = self->logind_watch = 0;
  g_clear_object (&self->session_bus);
  g_clear_object (&self->system_bus);
  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->store, self);
      sp_referral_store_lock (self->store);
    }
  g_clear_object (&self->shown);
  g_clear_pointer (&self->report, sp_referral_report_free);
  g_clear_pointer (&self->form, g_hash_table_unref);
  g_clear_object (&self->audit_lines);
  if (self->caseload != NULL)
    g_list_store_remove_all (self->caseload);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_LINK_WORKER_WINDOW);
  G_OBJECT_CLASS (sp_link_worker_window_parent_class)->dispose (object);
}

static void
sp_link_worker_window_finalize (GObject *object)
{
  SpLinkWorkerWindow *self = SP_LINK_WORKER_WINDOW (object);

  g_clear_object (&self->caseload);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (sp_link_worker_window_parent_class)->finalize (object);
}

static void
sp_link_worker_window_class_init (SpLinkWorkerWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_link_worker_window_dispose;
  object_class->finalize = sp_link_worker_window_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, "/org/signpost/Signpost/sp-link-worker-window.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, SpLinkWorkerWindow, name)
  BIND (toasts); BIND (stack); BIND (sign_in_page); BIND (account_row); BIND (passphrase_row);
  BIND (sign_in_button); BIND (sign_in_spinner); BIND (views);
#undef BIND
  gtk_widget_class_install_action (widget_class, "referrals.lock", NULL, lock_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "referrals.lock", NULL);
}

static void
sp_link_worker_window_init (SpLinkWorkerWindow *self)
{
  GtkEventController *watcher = gtk_event_controller_legacy_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->caseload = g_list_store_new (SP_TYPE_CASELOAD_ITEM);
  self->idle_ms = 10 * 60 * 1000;
  gtk_event_controller_set_propagation_phase (watcher, GTK_PHASE_CAPTURE);
  g_signal_connect (watcher, "event", G_CALLBACK (event_seen), self);
  gtk_widget_add_controller (GTK_WIDGET (self), watcher);
  g_signal_connect_swapped (self->sign_in_button, "clicked", G_CALLBACK (sign_in_clicked), self);
  g_signal_connect_swapped (self->passphrase_row, "entry-activated", G_CALLBACK (sign_in_clicked), self);
  g_signal_connect_swapped (self->views, "notify::visible-child-name", G_CALLBACK (view_changed), self);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (self->passphrase_row), FALSE);
}

/**
 * sp_link_worker_window_new:
 * @settings: (nullable): for the idle time (referrals-lock-minutes)
 * @data_dir: the data folder, which holds (or will hold) referrals.sqlite
 *
 * Opens the referral store, locked, and a window on it at its sign-in page.
 *
 * Returns: (transfer floating): the window, or %NULL with @error set
 */
SpLinkWorkerWindow *
sp_link_worker_window_new (GtkApplication *application,
                           GSettings      *settings,
                           const char     *data_dir,
                           GError        **error)
{
  g_autofree char *path = sp_referral_store_path_in (data_dir);
  g_autoptr (SpReferralStore) store = sp_referral_store_open (path, error);
  SpLinkWorkerWindow *self;

  if (store == NULL)
    return NULL;
  self = g_object_new (SP_TYPE_LINK_WORKER_WINDOW, "application", application, NULL);
  self->store = g_steal_pointer (&store);
  self->settings = settings != NULL ? g_object_ref (settings) : NULL;
  if (settings != NULL)
    self->idle_ms = g_settings_get_uint (settings, "referrals-lock-minutes") * 60 * 1000;
  g_signal_connect_swapped (self->store, "notify::signed-in", G_CALLBACK (signed_in_changed), self);
  watch_screen_lock (self);
  update_sign_in_page (self);
  if (*gtk_editable_get_text (GTK_EDITABLE (self->account_row)) != '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->account_row));
  return self;
}

/* Returns: (transfer none): the window's referral store */
SpReferralStore *
sp_link_worker_window_get_store (SpLinkWorkerWindow *self)
{
  g_return_val_if_fail (SP_IS_LINK_WORKER_WINDOW (self), NULL);
  return self->store;
}

/* The idle time before locking, in milliseconds (tests use a short one). */
void
sp_link_worker_window_set_idle_ms (SpLinkWorkerWindow *self,
                                   guint               idle_ms)
{
  g_return_if_fail (SP_IS_LINK_WORKER_WINDOW (self));
  self->idle_ms = idle_ms;
  restart_idle (self);
}

/* A fixed "today" for due dates and flags (tests, screenshots). */
void
sp_link_worker_window_set_today (SpLinkWorkerWindow *self,
                                 SpDay               today)
{
  g_return_if_fail (SP_IS_LINK_WORKER_WINDOW (self));
  self->today = today;
}

void
sp_link_worker_window_show_view (SpLinkWorkerWindow *self,
                                 const char         *name)
{
  g_return_if_fail (SP_IS_LINK_WORKER_WINDOW (self));
  if (sp_referral_store_is_signed_in (self->store))
    adw_view_stack_set_visible_child_name (self->views, name);
}
