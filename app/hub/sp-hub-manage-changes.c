/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-manage-changes.c: changes waiting for the editor, each as a before/after difference; approving, rejecting, history and restoring.
 *
 * A member sees its organisation's changes with their outcome and the editor's note; the
 * editor sees every pending one and decides with a note. A decided change cannot be
 * decided again: a form sent twice (or replayed) is a 409 and changes nothing. An approval
 * or a restore changes the directory through the one write path: the answer says so, and
 * the server reads the store's state again before its next answer.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sp-hub-manage-private.h"

static const char *
kind_words (SpChangeKind kind)
{
  switch (kind)
    {
    case SP_CHANGE_KIND_NEW:
      return _("New service");
    case SP_CHANGE_KIND_CLOSE:
      return _("Closing");
    case SP_CHANGE_KIND_CONFIRM:
      return _("Still correct");
    case SP_CHANGE_KIND_RESTORE:
      return _("Restored version");
    case SP_CHANGE_KIND_EDIT:
    default:
      return _("Edit");
    }
}

static const char *
status_words (SpChangeStatus status)
{
  switch (status)
    {
    case SP_CHANGE_STATUS_APPROVED:
      return _("Approved");
    case SP_CHANGE_STATUS_REJECTED:
      return _("Not approved");
    case SP_CHANGE_STATUS_PENDING:
    default:
      return _("Waiting for the editor");
    }
}

/* "2026-12-04T15:20:00Z" as "4 December 2026, 15:20". */
static char *
time_words (const char *iso)
{
  g_autoptr (GDateTime) time = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;

  return time != NULL ? g_date_time_format (time, "%-d %B %Y, %H:%M") : g_strdup (iso != NULL ? iso : "");
}

static void
append_change_row (SpHubManagePage *page,
                   SpListingChange *change)
{
  g_autofree char *when = time_words (change->proposed_at);

  g_string_append_printf (page->html, "<tr>\n<th scope=\"row\"><a href=\"/manage/changes/%" G_GINT64_FORMAT "\">",
                          change->id);
  sp_hub_manage_append_escaped (page, change->service_name);
  g_string_append (page->html, "</a></th>\n<td>");
  sp_hub_manage_append_escaped (page, kind_words (change->kind));
  g_string_append (page->html, "<br><span class=\"note\">");
  sp_hub_manage_append_escaped (page, change->proposed_by_email);
  g_string_append (page->html, ", ");
  sp_hub_manage_append_escaped (page, when);
  g_string_append (page->html, "</span></td>\n<td><span class=\"outcome\">");
  sp_hub_manage_append_escaped (page, status_words (change->status));
  g_string_append (page->html, "</span>");
  if (change->note != NULL && *change->note != '\0')
    {
      g_string_append (page->html, "<br>");
      sp_hub_manage_append_escaped (page, change->note);
    }
  g_string_append (page->html, "</td>\n</tr>\n");
}

SpHubResponse *
sp_hub_manage_changes (SpHubManageContext *context,
                       GError            **error)
{
  SpHubManagePage *page = &context->page;
  gboolean editor = sp_hub_manage_is_editor (context);
  g_autoptr (GPtrArray) changes = NULL;

  changes = sp_listings_list_changes (context->listings, sp_hub_manage_actor (context),
                                      editor ? SP_CHANGE_STATUS_PENDING : -1, error);
  if (changes == NULL)
    return NULL;
  g_ptr_array_set_free_func (changes, (GDestroyNotify) sp_listing_change_free);
  sp_hub_manage_begin (page, editor ? _("Changes to review") : _("Your changes"), NULL);
  if (changes->len == 0)
    {
      g_string_append_printf (page->html, "<p>%s</p>\n", editor ? _("No change is waiting.") : _("You have proposed no change yet."));
      return sp_hub_manage_finish (page, 200);
    }
  g_string_append_printf (page->html, "<table class=\"listings\">\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                                      "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
                          _("Service"), _("Change"), _("Outcome"));
  for (guint i = 0; i < changes->len; i++)
    append_change_row (page, changes->pdata[i]);
  g_string_append (page->html, "</tbody>\n</table>\n");
  return sp_hub_manage_finish (page, 200);
}

/* "schedules[0].opens_at" as "Session 1: opens at": the fields of a difference in words. */
static char *
field_words (const char *path)
{
  static const struct
  {
    const char *name;
    const char *words;
  } names[] = {
    { "schedules", N_("Session") }, { "service_at_locations", N_("Place") }, { "phones", N_("Phone") },
    { "addresses", N_("Address") }, { "accessibility", N_("Access") }, { "languages", N_("Language") },
    { "cost_options", N_("Cost") }, { "attributes", N_("Category") }, { "url", N_("website") },
    { "opens_at", N_("opens at") }, { "closes_at", N_("closes at") }, { "byday", N_("days") },
    { "address_1", N_("street") }, { "postal_code", N_("postcode") }, { "city", N_("town") },
  };
  g_auto (GStrv) parts = g_strsplit (path, ".", -1);
  GString *words = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *name = g_strdup (parts[i]);
      char *bracket = strchr (name, '[');
      guint index = bracket != NULL ? (guint) g_ascii_strtoull (bracket + 1, NULL, 10) : 0;
      const char *said = NULL;

      if (bracket != NULL)
        *bracket = '\0';
      for (guint j = 0; j < G_N_ELEMENTS (names) && said == NULL; j++)
        if (g_str_equal (name, names[j].name))
          said = _(names[j].words);
      if (words->len > 0)
        g_string_append (words, i == 1 ? ": " : ", ");
      g_string_append (words, said != NULL ? said : g_strdelimit (name, "_", ' '));
      if (bracket != NULL)
        g_string_append_printf (words, " %u", index + 1);
    }
  if (words->len > 0)
    {
      /* Its first letter upper case, for a row's heading. */
      g_autofree char *first = g_utf8_strup (words->str, g_utf8_next_char (words->str) - words->str);

      g_string_erase (words, 0, g_utf8_next_char (words->str) - words->str);
      g_string_prepend (words, first);
    }
  return g_string_free (words, FALSE);
}

static void
append_difference (SpHubManagePage *page,
                   SpListingChange *change,
                   GPtrArray       *terms,
                   GError         **error)
{
  g_autoptr (GPtrArray) lines = sp_listings_describe_difference (change->base_json, change->proposed_json, error);

  if (lines == NULL)
    return;
  g_ptr_array_set_free_func (lines, (GDestroyNotify) sp_field_difference_free);
  if (lines->len == 0)
    {
      g_string_append_printf (page->html, "<p>%s</p>\n", _("Nothing in the listing differs."));
      return;
    }
  g_string_append_printf (page->html, "<table class=\"difference\">\n<caption class=\"visually-hidden\">%s</caption>\n"
                                      "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
                          _("What changes"), _("Field"), _("Before"), _("After"));
  for (guint i = 0; i < lines->len; i++)
    {
      SpFieldDifference *line = lines->pdata[i];
      g_autofree char *field = NULL;

      /* A place's copy of a session says again what the session's own row says. */
      if (g_str_has_prefix (line->field, "service_at_locations[") && strstr (line->field, ".schedules[") != NULL)
        continue;
      /* Categories are said by name below, not attribute by attribute. */
      if (g_str_has_prefix (line->field, "attributes["))
        continue;
      field = field_words (line->field);
      g_string_append (page->html, "<tr>\n<th scope=\"row\">");
      sp_hub_manage_append_escaped (page, field);
      g_string_append_printf (page->html, "</th>\n<td><span class=\"visually-hidden\">%s: </span>", _("Before"));
      if (line->before != NULL)
        {
          g_string_append (page->html, "<del>");
          sp_hub_manage_append_escaped (page, line->before);
          g_string_append (page->html, "</del>");
        }
      g_string_append_printf (page->html, "</td>\n<td><span class=\"visually-hidden\">%s: </span>", _("After"));
      if (line->after != NULL)
        {
          g_string_append (page->html, "<ins>");
          sp_hub_manage_append_escaped (page, line->after);
          g_string_append (page->html, "</ins>");
        }
      g_string_append (page->html, "</td>\n</tr>\n");
    }
  sp_hub_manage_categories_append_difference (page, terms, change->base_json, change->proposed_json);
  g_string_append (page->html, "</tbody>\n</table>\n");
}

static SpHubResponse *
decide (SpHubManageContext *context,
        gint64              change_id,
        GError            **error)
{
  const char *decision = g_hash_table_lookup (context->request->form, "decision");
  const char *note = g_hash_table_lookup (context->request->form, "note");
  g_autoptr (GError) local_error = NULL;
  g_autofree char *location = NULL;
  SpHubResponse *response;
  gboolean approve = g_strcmp0 (decision, "approve") == 0;
  gboolean ok;
  gint64 seq = 0;

  if (!approve && g_strcmp0 (decision, "reject") != 0)
    return sp_hub_manage_forbidden (context, _("Choose to approve the change or not."));
  if (approve)
    ok = sp_listings_approve (context->listings, sp_hub_manage_actor (context), change_id, note, &seq, &local_error);
  else
    ok = sp_listings_reject (context->listings, sp_hub_manage_actor (context), change_id, note, &local_error);
  if (!ok)
    {
      if ((response = sp_hub_manage_refused (context, local_error)) == NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return response;
    }
  location = g_strdup_printf ("/manage/changes/%" G_GINT64_FORMAT "?done=%s", change_id, approve ? "approved" : "rejected");
  response = sp_hub_manage_redirect (location);
  response->changed_directory = approve;
  return response;
}

static void
append_decision_form (SpHubManageContext *context,
                      SpListingChange    *change)
{
  SpHubManagePage *page = &context->page;
  g_autofree char *action = g_strdup_printf ("/manage/changes/%" G_GINT64_FORMAT, change->id);

  sp_hub_manage_open_form (page, action);
  sp_hub_manage_append_text_area (page, "note", _("A note for the group (optional)"),
                                  _("Say why, if you do not approve it."), "", 3, NULL);
  g_string_append_printf (page->html, "<button type=\"submit\" name=\"decision\" value=\"approve\">%s</button>\n"
                                      "<button type=\"submit\" name=\"decision\" value=\"reject\" class=\"warning\">%s</button>\n"
                                      "</form>\n",
                          _("Approve and publish"), _("Do not approve"));
}

SpHubResponse *
sp_hub_manage_change (SpHubManageContext *context,
                      GError            **error)
{
  SpHubManagePage *page = &context->page;
  g_autoptr (SpListingChange) change = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *title = NULL, *when = NULL;
  const char *done = sp_hub_manage_done (context);
  char *end = NULL;
  gint64 change_id = g_ascii_strtoll (context->id, &end, 10);
  SpHubResponse *response;

  if (end == NULL || *end != '\0' || change_id <= 0)
    return sp_hub_manage_not_found (context);
  if (context->request->post)
    return decide (context, change_id, error);
  if ((change = sp_listings_get_change (context->listings, sp_hub_manage_actor (context), change_id, &local_error)) == NULL)
    {
      if ((response = sp_hub_manage_refused (context, local_error)) == NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return response;
    }
  title = g_strdup_printf (_("%s: %s"), kind_words (change->kind), change->service_name);
  sp_hub_manage_begin (page, title, NULL);
  if (g_strcmp0 (done, "saved") == 0)
    sp_hub_manage_append_notice (page, _("Your change is saved and waiting for the editor to approve it. Until then "
                                         "the public sees the listing as it was."));
  else if (g_strcmp0 (done, "approved") == 0)
    sp_hub_manage_append_notice (page, _("Approved: the listing is published as changed."));
  else if (g_strcmp0 (done, "rejected") == 0)
    sp_hub_manage_append_notice (page, _("Not approved: the group sees your note."));
  when = time_words (change->proposed_at);
  g_string_append_printf (page->html, "<p>%s ", _("Proposed by"));
  sp_hub_manage_append_escaped (page, change->proposed_by_email);
  g_string_append (page->html, ", ");
  sp_hub_manage_append_escaped (page, when);
  g_string_append_printf (page->html, ".</p>\n<p>%s: <strong>", _("Outcome"));
  sp_hub_manage_append_escaped (page, status_words (change->status));
  g_string_append (page->html, "</strong></p>\n");
  if (change->note != NULL && *change->note != '\0')
    {
      g_string_append_printf (page->html, "<p>%s: ", _("The editor’s note"));
      sp_hub_manage_append_escaped (page, change->note);
      g_string_append (page->html, "</p>\n");
    }
  g_string_append_printf (page->html, "<h2>%s</h2>\n", _("What changes"));
  {
    /* Without the taxonomy, a category is named as the document names it. */
    g_autoptr (GPtrArray) terms = sp_hub_manage_categories_list (context->listings, NULL);

    append_difference (page, change, terms, &local_error);
  }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (sp_hub_manage_is_editor (context) && change->status == SP_CHANGE_STATUS_PENDING)
    append_decision_form (context, change);
  return sp_hub_manage_finish (page, 200);
}

static SpHubResponse *
restore (SpHubManageContext *context,
         GError            **error)
{
  const char *version = g_hash_table_lookup (context->request->form, "version");
  g_autoptr (GError) local_error = NULL;
  g_autofree char *location = NULL;
  SpHubResponse *response;
  gint64 version_id = version != NULL ? g_ascii_strtoll (version, NULL, 10) : 0;
  gint64 seq = 0;

  if (version_id <= 0)
    return sp_hub_manage_not_found (context);
  if (!sp_listings_restore (context->listings, sp_hub_manage_actor (context), version_id, &seq, &local_error))
    {
      if ((response = sp_hub_manage_refused (context, local_error)) == NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return response;
    }
  location = g_strdup_printf ("/manage/services/%s/history?done=restored", context->id);
  response = sp_hub_manage_redirect (location);
  response->changed_directory = TRUE;
  return response;
}

/* The editor's: each version a change replaced, newest first, each with its restore. */
SpHubResponse *
sp_hub_manage_history (SpHubManageContext *context,
                       GError            **error)
{
  SpHubManagePage *page = &context->page;
  g_autoptr (GPtrArray) versions = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *action = g_strdup_printf ("/manage/services/%s/history", context->id);
  SpHubResponse *response;

  if (context->request->post)
    return restore (context, error);
  if ((versions = sp_listings_history (context->listings, sp_hub_manage_actor (context), context->id, &local_error)) == NULL)
    {
      if ((response = sp_hub_manage_refused (context, local_error)) == NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return response;
    }
  g_ptr_array_set_free_func (versions, (GDestroyNotify) sp_service_version_free);
  sp_hub_manage_begin (page, _("History of the listing"), NULL);
  if (g_strcmp0 (sp_hub_manage_done (context), "restored") == 0)
    sp_hub_manage_append_notice (page, _("The version is restored and published."));
  if (versions->len == 0)
    g_string_append_printf (page->html, "<p>%s</p>\n", _("No change has been applied to this listing here yet."));
  g_string_append (page->html, "<ol class=\"results\">\n");
  for (guint i = 0; i < versions->len; i++)
    {
      SpServiceVersion *version = versions->pdata[i];
      g_autofree char *when = time_words (version->when);

      g_string_append (page->html, "<li>\n<p>");
      g_string_append_printf (page->html, "%s ", _("Replaced on"));
      sp_hub_manage_append_escaped (page, when);
      g_string_append_printf (page->html, " (%s ", _("proposed by"));
      sp_hub_manage_append_escaped (page, version->proposed_by_email);
      g_string_append_printf (page->html, ", %s ", _("approved by"));
      sp_hub_manage_append_escaped (page, version->approved_by_email);
      g_string_append (page->html, ")</p>\n");
      if (version->previous_json != NULL)
        {
          g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, version->id);

          sp_hub_manage_open_form (page, action);
          g_string_append_printf (page->html, "<input type=\"hidden\" name=\"version\" value=\"%s\">\n", value);
          sp_hub_manage_close_form (page, _("Restore the version before this change"));
        }
      g_string_append (page->html, "</li>\n");
    }
  g_string_append (page->html, "</ol>\n");
  return sp_hub_manage_finish (page, 200);
}
