/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-manage-editor.c: the editor's pages: how fresh the directory is, and members and their invitations.
 *
 * Freshness: the share of services confirmed within 6 and within 12 months, the list due
 * a review, and their groups' contacts as CSV. Members: every account, and an invitation
 * made into a one-time sign-up link shown once (only its hash is kept).
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sp-hub-manage-private.h"

static GDate *
today_of (SpHubManageContext *context)
{
  GDateTime *now = context->request->now;

  return g_date_new_dmy (g_date_time_get_day_of_month (now), g_date_time_get_month (now), g_date_time_get_year (now));
}

static guint
percent (guint part,
         guint whole)
{
  return whole > 0 ? (part * 100 + whole / 2) / whole : 0;
}

static SpHubResponse *
contacts_csv (SpHubManageContext *context,
              GDate              *today,
              GError            **error)
{
  g_autoptr (GError) local_error = NULL;
  char *csv = sp_listings_export_due_review_csv (context->listings, sp_hub_manage_actor (context), today, &local_error);
  SpHubResponse *response;

  if (csv == NULL)
    {
      if ((response = sp_hub_manage_refused (context, local_error)) == NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return response;
    }
  response = sp_hub_response_new (200, "text/csv; charset=utf-8", g_bytes_new_take (csv, strlen (csv)));
  sp_hub_response_add_header (response, "Content-Disposition", "attachment; filename=\"due-review-contacts.csv\"");
  return response;
}

SpHubResponse *
sp_hub_manage_freshness (SpHubManageContext *context,
                         GError            **error)
{
  SpHubManagePage *page = &context->page;
  g_autoptr (GDate) today = today_of (context);
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GPtrArray) due = NULL;
  SpFreshness freshness = { 0 };
  SpHubResponse *response;

  if (context->route == SP_HUB_MANAGE_ROUTE_FRESHNESS_CSV)
    return contacts_csv (context, today, error);
  if (!sp_listings_get_freshness (context->listings, sp_hub_manage_actor (context), today, &freshness, &local_error) ||
      (due = sp_listings_list_due_review (context->listings, sp_hub_manage_actor (context), today, &local_error)) == NULL)
    {
      if ((response = sp_hub_manage_refused (context, local_error)) == NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return response;
    }
  g_ptr_array_set_free_func (due, (GDestroyNotify) sp_listing_summary_free);
  sp_hub_manage_begin (page, _("How fresh the directory is"), NULL);
  g_string_append (page->html, "<ul class=\"figures\">\n<li>");
  g_string_append_printf (page->html, _("%u%% of %u services confirmed within 6 months"),
                          percent (freshness.within_6_months, freshness.services), freshness.services);
  g_string_append (page->html, "</li>\n<li>");
  g_string_append_printf (page->html, _("%u%% confirmed within 12 months"),
                          percent (freshness.within_12_months, freshness.services));
  g_string_append (page->html, "</li>\n</ul>\n");
  g_string_append_printf (page->html, "<h2>%s</h2>\n", _("Due a review"));
  if (due->len == 0)
    g_string_append_printf (page->html, "<p>%s</p>\n", _("Every listing was confirmed within 6 months."));
  else
    {
      g_string_append_printf (page->html, "<p><a href=\"/manage/freshness/contacts.csv\">%s</a></p>\n<ul>\n",
                              _("Download the contacts of their groups (CSV)"));
      for (guint i = 0; i < due->len; i++)
        {
          SpListingSummary *summary = due->pdata[i];

          g_string_append (page->html, "<li><a href=\"/manage/services/");
          sp_hub_manage_append_escaped (page, summary->service_id);
          g_string_append (page->html, "/history\">");
          sp_hub_manage_append_escaped (page, summary->name);
          g_string_append (page->html, "</a> <span class=\"note\">");
          sp_hub_manage_append_escaped (page, summary->organization_name);
          g_string_append (page->html, ", ");
          sp_hub_manage_append_escaped (page, summary->checked_date != NULL ? summary->checked_date : _("never checked"));
          g_string_append (page->html, "</span></li>\n");
        }
      g_string_append (page->html, "</ul>\n");
    }
  return sp_hub_manage_finish (page, 200);
}

static void
append_invite_form (SpHubManageContext *context,
                    GPtrArray          *problems)
{
  SpHubManagePage *page = &context->page;
  const char *organization = g_hash_table_lookup (context->request->form, "organization");

  g_string_append_printf (page->html, "<h2>%s</h2>\n", _("Invite someone"));
  sp_hub_manage_open_form (page, "/manage/members");
  g_autoptr (GPtrArray) choices = sp_hub_manage_organization_choices (context);

  sp_hub_manage_append_organization_select (page, "organization", _("Their organisation"), _("None: another editor"),
                                            choices, organization, problems);
  sp_hub_manage_close_form (page, _("Make a sign-up link"));
}

static SpHubResponse *
invite (SpHubManageContext *context,
        GString            *link,
        GPtrArray          *problems,
        GError            **error)
{
  const char *organization = g_hash_table_lookup (context->request->form, "organization");
  g_autoptr (GError) local_error = NULL;
  g_autofree char *token = NULL;
  SpHubResponse *response;
  gboolean editor = organization == NULL || *organization == '\0';

  token = sp_listings_invite (context->listings, sp_hub_manage_actor (context),
                              editor ? SP_ACCOUNT_ROLE_EDITOR : SP_ACCOUNT_ROLE_MEMBER, editor ? NULL : organization,
                              &local_error);
  if (token != NULL)
    {
      g_string_append_printf (link, "/manage/join/%s", token);
      return NULL;
    }
  if (local_error->domain == SP_LISTINGS_ERROR &&
      (local_error->code == SP_LISTINGS_ERROR_INVALID || local_error->code == SP_LISTINGS_ERROR_NOT_FOUND))
    {
      sp_hub_manage_add_problem (problems, "organization", _("There is no organisation with this id in the directory"));
      return NULL;
    }
  if ((response = sp_hub_manage_refused (context, local_error)) == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return response;
}

/* An editor disables an account (its sessions end) or enables it again. */
static SpHubResponse *
set_disabled (SpHubManageContext *context,
              GError            **error)
{
  const char *account = g_hash_table_lookup (context->request->form, "account");
  const char *disable = g_hash_table_lookup (context->request->form, "disable");
  g_autoptr (GError) local_error = NULL;
  SpHubResponse *response;
  gint64 id = account != NULL ? g_ascii_strtoll (account, NULL, 10) : 0;

  if (id <= 0)
    return sp_hub_manage_not_found (context);
  if (!sp_listings_set_account_disabled (context->listings, sp_hub_manage_actor (context), id,
                                         g_strcmp0 (disable, "1") == 0, &local_error))
    {
      if ((response = sp_hub_manage_refused (context, local_error)) == NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return response;
    }
  return sp_hub_manage_redirect ("/manage/members");
}

static void
append_account_row (SpHubManageContext *context,
                    SpAccount          *account)
{
  SpHubManagePage *page = &context->page;

  g_string_append (page->html, "<tr><th scope=\"row\">");
  sp_hub_manage_append_escaped (page, account->email);
  g_string_append (page->html, "</th><td>");
  if (account->role == SP_ACCOUNT_ROLE_EDITOR)
    sp_hub_manage_append_escaped (page, _("Editor"));
  else
    sp_hub_manage_append_escaped (page, account->organization_name != NULL ? account->organization_name
                                                                           : account->organization_id);
  if (account->disabled)
    g_string_append_printf (page->html, " (%s)", _("disabled"));
  g_string_append (page->html, "</td><td>");
  /* An editor does not lock itself out. */
  if (account->id != sp_hub_manage_actor (context)->id)
    {
      g_string_append_printf (page->html, "<form method=\"post\" class=\"secondary\" action=\"/manage/members\">\n"
                                          "<input type=\"hidden\" name=\"account\" value=\"%" G_GINT64_FORMAT "\">\n"
                                          "<input type=\"hidden\" name=\"disable\" value=\"%s\">\n"
                                          "<input type=\"hidden\" name=\"csrf\" value=\"",
                              account->id, account->disabled ? "0" : "1");
      sp_hub_manage_append_escaped (page, context->csrf);
      g_string_append_printf (page->html, "\">\n<button type=\"submit\">%s<span class=\"visually-hidden\"> ",
                              account->disabled ? _("Enable") : _("Disable"));
      sp_hub_manage_append_escaped (page, account->email);
      g_string_append (page->html, "</span></button>\n</form>");
    }
  g_string_append (page->html, "</td></tr>\n");
}

SpHubResponse *
sp_hub_manage_members (SpHubManageContext *context,
                       GError            **error)
{
  SpHubManagePage *page = &context->page;
  g_autoptr (GPtrArray) problems = sp_hub_manage_problems_new ();
  g_autoptr (GPtrArray) accounts = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GString) link = g_string_new (NULL);
  SpHubResponse *response;

  if (context->request->post && g_hash_table_contains (context->request->form, "account"))
    return set_disabled (context, error);
  if (context->request->post && ((response = invite (context, link, problems, error)) != NULL || (error != NULL && *error != NULL)))
    return response;
  if ((accounts = sp_listings_list_accounts (context->listings, sp_hub_manage_actor (context), &local_error)) == NULL)
    {
      if ((response = sp_hub_manage_refused (context, local_error)) == NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return response;
    }
  g_ptr_array_set_free_func (accounts, (GDestroyNotify) sp_account_free);
  sp_hub_manage_begin (page, _("Members"), problems);
  if (link->len > 0)
    {
      g_string_append_printf (page->html, "<div class=\"notice\" role=\"status\">\n<p>%s</p>\n<p><code>",
                              _("Send this link to the person you invite. It works once, for 7 days; it is not shown again."));
      sp_hub_manage_append_escaped (page, link->str);
      g_string_append (page->html, "</code></p>\n</div>\n");
    }
  g_string_append_printf (page->html, "<table class=\"listings\">\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                                      "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n", _("Email address"), _("Role"), _("Access"));
  for (guint i = 0; i < accounts->len; i++)
    append_account_row (context, accounts->pdata[i]);
  g_string_append (page->html, "</tbody>\n</table>\n");
  append_invite_form (context, problems);
  return sp_hub_manage_finish (page, 200);
}
