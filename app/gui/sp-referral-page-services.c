/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-referral-page-services.c: a referral's services, their slip, and its outcomes.
 *
 * Services are found in the directory from inside the referral (sp-service-finder.c) and
 * added as signposted or referred; here the link worker records whether the person went,
 * and prints or saves one slip with all of them. The slip is made by the same code as the
 * public's (sp-print.c): service details only, never anything about the person.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-caseload-view.h"
#include "sp-outcome-form.h"
#include "sp-print.h"
#include "sp-referral-page-private.h"
#include "sp-service-detail.h"

/* ---- services ------------------------------------------------------------------------------ */


static void
attended_changed (GtkDropDown    *dropdown,
                  GParamSpec     *pspec,
                  SpReferralPage *self)
{
  SpReferral *r = sp_referral_page_get_referral (self);
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "index"));
  g_autoptr (SpReferral) copy = NULL;
  g_autofree char *key = g_strdup_printf ("attended-%u", index);

  if (r == NULL || index >= r->services->len)
    return;
  copy = sp_referral_copy (r);
  g_array_index (copy->services, SpServiceLink, index).attended = gtk_drop_down_get_selected (dropdown);
  if (!sp_referral_page_save_copy (self->window, self->store, copy))
    return;
  sp_form_rebuild_later (GTK_WIDGET (self), (SpFormRebuild) sp_referral_page_rebuild, key);
}

static void
add_service_row (SpReferralPage      *self,
                 AdwPreferencesGroup *group,
                 SpServiceLink       *link,
                 guint                index)
{
  const char *went[] = { N_("Not known yet"), N_("Went"), N_("Did not go"), NULL };
  g_autoptr (GtkStringList) choices = gtk_string_list_new (NULL);
  g_autofree char *day = sp_day_format (link->added_on);
  g_autofree char *subtitle = g_strdup_printf (link->kind == SP_SERVICE_LINK_REFERRED ? _("Referred on %s")
                                                                                       : _("Signposted on %s"), day);
  g_autofree char *question = g_strdup_printf (_("Did the person go to %s?"), link->service_name);
  GtkWidget *row = sp_form_info_row (group, link->service_name != NULL ? link->service_name : link->service_id,
                                     subtitle);
  GtkWidget *dropdown;

  for (guint i = 0; went[i] != NULL; i++)
    gtk_string_list_append (choices, _(went[i]));
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (choices)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), link->attended);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (dropdown, question);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, question, -1);
  g_object_set_data (G_OBJECT (dropdown), "index", GUINT_TO_POINTER (index));
  {
    g_autofree char *key = g_strdup_printf ("attended-%u", index);
    sp_form_set_focus_key (dropdown, key);
  }
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (attended_changed), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
}

static void
find_services (SpReferralPage *self)
{
  GtkWidget *view = gtk_widget_get_ancestor (GTK_WIDGET (self), SP_TYPE_CASELOAD_VIEW);

  if (view != NULL)
    sp_caseload_view_show_finder (SP_CASELOAD_VIEW (view), self->referral_id);
}

/* ---- the slip ------------------------------------------------------------------------------- */

static void
slip_done (GError   *error,
           gpointer  data)
{
  g_autoptr (SpLinkWorkerWindow) window = data;

  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The slip could not be made: %s"), error->message);
      sp_link_worker_window_toast (window, message);
    }
}

/* The directory's details of every service on the referral, for its slip. */
static GPtrArray *
slip_details (SpReferralPage *self,
              SpStore        *directory)
{
  SpReferral *r = sp_referral_page_get_referral (self);
  GPtrArray *details = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; r != NULL && i < r->services->len; i++)
    {
      SpServiceLink *link = &g_array_index (r->services, SpServiceLink, i);
      SpServiceDetail *detail = sp_service_detail_load (directory, link->service_id, NULL);

      if (detail != NULL)
        g_ptr_array_add (details, detail);
    }
  return details;
}

static void
make_slip (SpReferralPage *self,
           gboolean        to_pdf)
{
  g_autoptr (GError) error = NULL;
  SpStore *directory = sp_link_worker_window_get_directory (self->window);
  g_autoptr (GPtrArray) details = NULL;
  const char *output = sp_link_worker_window_get_slip_output (self->window);
  SpSlipContent content = { directory };

  if (directory == NULL)
    {
      sp_link_worker_window_toast (self->window, _("Open the directory in the main window to make a slip."));
      return;
    }
  details = slip_details (self, directory);
  if (details->len == 0)
    {
      sp_link_worker_window_toast (self->window, _("None of the referral’s services is in the directory now."));
      return;
    }
  if (!sp_referral_store_note_exported (self->store, "slip of a referral's services", &error))
    {
      sp_link_worker_window_toast (self->window, error->message);
      return;
    }
  content.details = details;
  if (output != NULL)
    sp_print_direct (GTK_WINDOW (self->window), &content, SP_SLIP_PAPER_A4, NULL, output, 30 * 1000, slip_done,
                     g_object_ref (self->window));
  else if (to_pdf)
    sp_print_save_pdf (GTK_WINDOW (self->window), &content, _("Services to try.pdf"), slip_done,
                       g_object_ref (self->window));
  else
    sp_print_with_dialog (GTK_WINDOW (self->window), &content, slip_done, g_object_ref (self->window));
}

static void
print_slip (SpReferralPage *self)
{
  make_slip (self, FALSE);
}

static void
save_slip (SpReferralPage *self)
{
  make_slip (self, TRUE);
}

void
sp_referral_page_add_services (SpReferralPage *self,
                               SpReferral     *r)
{
  AdwPreferencesGroup *group = sp_form_group_new (self->column, _("Services"),
                                                  r->services->len == 0 ? _("None yet: find some in the directory.")
                                                                        : NULL);
  GtkWidget *find, *print, *save;

  for (guint i = 0; i < r->services->len; i++)
    add_service_row (self, group, &g_array_index (r->services, SpServiceLink, i), i);
  find = sp_form_button_new (_("_Find Services…"), TRUE, G_CALLBACK (find_services), self);
  print = sp_form_button_new (_("_Print Slip…"), FALSE, G_CALLBACK (print_slip), self);
  save = sp_form_button_new (_("Save Slip as P_DF…"), FALSE, G_CALLBACK (save_slip), self);
  gtk_widget_set_sensitive (print, r->services->len > 0);
  gtk_widget_set_sensitive (save, r->services->len > 0);
  sp_form_set_focus_key (find, "find-services");
  gtk_box_append (self->column, sp_form_buttons_new (find, print, save, NULL));
}

/* ---- outcomes ------------------------------------------------------------------------------ */

static void
record_outcome (SpReferralPage *self,
                gboolean        review)
{
  GtkWidget *view = gtk_widget_get_ancestor (GTK_WIDGET (self), SP_TYPE_CASELOAD_VIEW);

  if (view != NULL)
    sp_caseload_view_show_outcome (SP_CASELOAD_VIEW (view), self->referral_id, review);
}

static void
record_first (SpReferralPage *self)
{
  record_outcome (self, FALSE);
}

static void
record_review (SpReferralPage *self)
{
  record_outcome (self, TRUE);
}

void
sp_referral_page_add_outcomes (SpReferralPage *self,
                               SpReferral     *r)
{
  AdwPreferencesGroup *group = sp_form_group_new (self->column, _("Wellbeing"),
                                                  _("ONS4 and SWEMWBS at first contact and at review."));
  g_autofree char *first = sp_outcome_describe (&r->first);
  g_autofree char *review = sp_outcome_describe (&r->review);
  g_autoptr (GPtrArray) changes = sp_outcome_describe_changes (&r->first, &r->review);
  GtkWidget *at_first, *at_review;

  sp_form_info_row (group, _("At first contact"), first);
  sp_form_info_row (group, _("At review"), review);
  for (guint i = 0; i < changes->len; i += 2)
    sp_form_info_row (group, changes->pdata[i], changes->pdata[i + 1]);
  at_first = sp_form_button_new (_("At F_irst Contact…"), FALSE, G_CALLBACK (record_first), self);
  at_review = sp_form_button_new (_("At Re_view…"), FALSE, G_CALLBACK (record_review), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (at_first), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Record wellbeing at first contact"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (at_review), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Record wellbeing at review"), -1);
  sp_form_set_focus_key (at_first, "outcome-first");
  sp_form_set_focus_key (at_review, "outcome-review");
  gtk_box_append (self->column, sp_form_buttons_new (at_first, at_review, NULL));
}
