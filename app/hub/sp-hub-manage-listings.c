/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-manage-listings.c: a group's listings, with when each was last checked, and "still correct" in one step.
 *
 * The page a member lands on after signing in: each of its organisation's services with
 * its checked date; those not confirmed for SP_LISTINGS_REVIEW_MONTHS are flagged and
 * listed first, each with its "Still correct" button beside its "Edit" link. An editor
 * sees the services of every organisation due a review.
 */
#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "sp-hub-manage-private.h"

/* "9 February 2026" for "2026-02-09"; @date itself when it is not a date. */
static char *
date_words (const char *date)
{
  int year = 0, month = 0, day = 0;
  g_autoptr (GDateTime) time = NULL;

  if (date == NULL || sscanf (date, "%4d-%2d-%2d", &year, &month, &day) != 3 ||
      (time = g_date_time_new_utc (year, month, day, 0, 0, 0)) == NULL)
    return g_strdup (date);
  return g_date_time_format (time, "%-d %B %Y");
}

static const char *
notice_for (const char *done)
{
  if (g_strcmp0 (done, "confirmed") == 0)
    return _("Thank you: the listing is marked as checked today.");
  return NULL;
}

static void
append_row (SpHubManageContext *context,
            SpListingSummary   *summary)
{
  SpHubManagePage *page = &context->page;
  g_autofree char *checked = date_words (summary->checked_date);
  g_autofree char *edit = g_strdup_printf ("/manage/services/%s/edit", summary->service_id);
  g_autofree char *confirm = g_strdup_printf ("/manage/services/%s/confirm", summary->service_id);
  g_autofree char *history = g_strdup_printf ("/manage/services/%s/history", summary->service_id);

  g_string_append (page->html, "<tr>\n<th scope=\"row\"><a href=\"");
  sp_hub_manage_append_escaped (page, edit);
  g_string_append (page->html, "\">");
  sp_hub_manage_append_escaped (page, summary->name);
  g_string_append_printf (page->html, "<span class=\"visually-hidden\"> (%s)</span></a>", _("edit"));
  if (sp_hub_manage_is_editor (context) && summary->organization_name != NULL)
    {
      g_string_append (page->html, "<br><span class=\"note\">");
      sp_hub_manage_append_escaped (page, summary->organization_name);
      g_string_append (page->html, "</span>");
    }
  g_string_append (page->html, "</th>\n<td>");
  sp_hub_manage_append_escaped (page, checked != NULL ? checked : _("Never"));
  if (summary->due_review)
    g_string_append_printf (page->html, " <strong class=\"flag\">%s</strong>", _("Not confirmed for 6 months"));
  if (summary->pending > 0)
    g_string_append_printf (page->html, "<br><a href=\"/manage/changes\">%s</a>",
                            g_dngettext (GETTEXT_PACKAGE, "A change is waiting for the editor",
                                         "Changes are waiting for the editor", summary->pending));
  g_string_append (page->html, "</td>\n<td>");
  sp_hub_manage_append_button_form (page, confirm, _("Still correct"), "secondary");
  if (sp_hub_manage_is_editor (context))
    {
      g_string_append (page->html, "<a href=\"");
      sp_hub_manage_append_escaped (page, history);
      g_string_append_printf (page->html, "\">%s</a>", _("History"));
    }
  g_string_append (page->html, "</td>\n</tr>\n");
}

SpHubResponse *
sp_hub_manage_listings (SpHubManageContext *context,
                        GError            **error)
{
  SpHubManagePage *page = &context->page;
  g_autoptr (GPtrArray) services = NULL;
  const char *notice = notice_for (sp_hub_manage_done (context));
  guint due = 0;

  services = sp_listings_list_services (context->listings, sp_hub_manage_actor (context), NULL, error);
  if (services == NULL)
    return NULL;
  g_ptr_array_set_free_func (services, (GDestroyNotify) sp_listing_summary_free);
  for (guint i = 0; i < services->len; i++)
    due += ((SpListingSummary *) services->pdata[i])->due_review;
  sp_hub_manage_begin (page, sp_hub_manage_is_editor (context) ? _("Listings due a review") : _("Your listings"), NULL);
  if (notice != NULL)
    sp_hub_manage_append_notice (page, notice);
  if (due > 0 && !sp_hub_manage_is_editor (context))
    {
      g_string_append (page->html, "<div class=\"notice\" role=\"status\"><p>");
      g_string_append_printf (page->html, g_dngettext (GETTEXT_PACKAGE,
                                                       "%u listing has not been confirmed for 6 months. Check it, then "
                                                       "choose “Still correct” or edit it.",
                                                       "%u listings have not been confirmed for 6 months. Check each, "
                                                       "then choose “Still correct” or edit it.", due), due);
      g_string_append (page->html, "</p></div>\n");
    }
  if (services->len == 0)
    g_string_append_printf (page->html, "<p>%s</p>\n", _("There are no listings here."));
  else
    {
      g_string_append_printf (page->html, "<table class=\"listings\">\n<thead><tr><th scope=\"col\">%s</th>"
                                          "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
                              _("Service"), _("Last checked"), _("Still correct?"));
      /* Those due a review first. */
      for (int pass = 0; pass < 2; pass++)
        for (guint i = 0; i < services->len; i++)
          if (((SpListingSummary *) services->pdata[i])->due_review == (pass == 0))
            append_row (context, services->pdata[i]);
      g_string_append (page->html, "</tbody>\n</table>\n");
    }
  g_string_append_printf (page->html, "<p><a href=\"/manage/services/new\">%s</a></p>\n", _("Add a new service"));
  g_string_append_printf (page->html, "<h2>%s</h2>\n", _("Your account"));
  g_string_append (page->html, "<form method=\"post\" class=\"secondary\" action=\"/manage/sign-out\">\n"
                               "<input type=\"hidden\" name=\"everywhere\" value=\"1\">\n<input type=\"hidden\" name=\"csrf\" value=\"");
  sp_hub_manage_append_escaped (page, context->csrf);
  g_string_append_printf (page->html, "\">\n<button type=\"submit\">%s</button>\n</form>\n",
                          _("Sign out on every device"));
  return sp_hub_manage_finish (page, 200);
}

/* "Still correct": applied at once (it only refreshes the checked date). */
SpHubResponse *
sp_hub_manage_confirm (SpHubManageContext *context,
                       GError            **error)
{
  g_autoptr (GError) local_error = NULL;
  SpHubResponse *response;
  gint64 seq = 0;

  if (!context->request->post)
    return sp_hub_manage_not_found (context);
  if (!sp_listings_confirm (context->listings, sp_hub_manage_actor (context), context->id, &seq, &local_error))
    {
      if ((response = sp_hub_manage_refused (context, local_error)) == NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return response;
    }
  response = sp_hub_manage_redirect ("/manage/?done=confirmed");
  response->changed_directory = TRUE;
  return response;
}
