/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-manage-html.c: the frame, forms and cookies of the /manage/ pages.
 *
 * GOV.UK-style: one thing per page; when a form comes back with problems, a summary at
 * the top (the page's title starts "Error:") links to each field, and each field says what
 * is wrong beside it, tied to it with aria-describedby. Every field has a real label. Every
 * text is escaped (sp-hub-html.c's escaping), every form carries its CSRF token. No script.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sp-hub-html-private.h"
#include "sp-hub-manage-private.h"

/* Over TLS the cookies are __Host-: sent only over HTTPS, only to this host, with Path=/
 * (which that prefix requires); otherwise (a hub on loopback, or behind a proxy on plain
 * HTTP) they are sent only to /manage. */
const char *
sp_hub_manage_session_cookie (gboolean secure)
{
  return secure ? "__Host-signpost-session" : "signpost-session";
}

const char *
sp_hub_manage_pre_session_cookie (gboolean secure)
{
  return secure ? "__Host-signpost-form" : "signpost-form";
}

/* A Set-Cookie value: HttpOnly, SameSite=Strict; @max_age 0 removes it, -1 keeps it
 * for the browser's session. */
char *
sp_hub_manage_cookie (const char *name,
                      const char *value,
                      gboolean    secure,
                      gint64      max_age)
{
  GString *cookie = g_string_new (NULL);

  g_string_append_printf (cookie, "%s=%s; Path=%s; HttpOnly; SameSite=Strict", name, value, secure ? "/" : "/manage");
  if (secure)
    g_string_append (cookie, "; Secure");
  if (max_age >= 0)
    g_string_append_printf (cookie, "; Max-Age=%" G_GINT64_FORMAT, max_age);
  return g_string_free (cookie, FALSE);
}

GPtrArray *
sp_hub_manage_problems_new (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

static const char *
problem_for (GPtrArray  *problems,
             const char *field)
{
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      SpHubManageProblem *problem = problems->pdata[i];

      if (g_str_equal (problem->field, field))
        return problem->message;
    }
  return NULL;
}

/* @field: the input's id; @message: what to do, shown above and beside it. A field shows
 * one problem: the first found (the form's own, before the import's rules). */
void
sp_hub_manage_add_problem (GPtrArray  *problems,
                           const char *field,
                           const char *message)
{
  SpHubManageProblem *problem;
  char *text;

  if (problem_for (problems, field) != NULL)
    return;
  problem = g_malloc0 (sizeof (SpHubManageProblem) + strlen (field) + strlen (message) + 2);
  text = (char *) (problem + 1);
  /* One block: the array frees each with g_free. */
  problem->field = strcpy (text, field);
  problem->message = strcpy (text + strlen (field) + 1, message);
  g_ptr_array_add (problems, problem);
}

void
sp_hub_manage_append_escaped (SpHubManagePage *page,
                              const char      *text)
{
  sp_hub_html_append_escaped (page->html, text);
}

static void
append_header (SpHubManagePage *page)
{
  GString *html = page->html;

  g_string_append (html, "<header class=\"site\">\n<p class=\"site-name\"><a href=\"/\">");
  sp_hub_html_append_escaped (html, page->directory);
  g_string_append (html, "</a></p>\n");
  if (page->signed_in == NULL)
    {
      g_string_append (html, "</header>\n");
      return;
    }
  g_string_append_printf (html, "<nav class=\"manage\" aria-label=\"%s\">\n<ul>\n", _("Manage"));
  g_string_append_printf (html, "<li><a href=\"/manage/\">%s</a></li>\n",
                          page->editor ? _("Due a review") : _("Your listings"));
  g_string_append_printf (html, "<li><a href=\"/manage/changes\">%s</a></li>\n",
                          page->editor ? _("Changes to review") : _("Your changes"));
  if (page->editor)
    {
      g_string_append_printf (html, "<li><a href=\"/manage/freshness\">%s</a></li>\n", _("Freshness"));
      g_string_append_printf (html, "<li><a href=\"/manage/members\">%s</a></li>\n", _("Members"));
    }
  g_string_append (html, "</ul>\n</nav>\n<div class=\"account\">\n<p>");
  g_string_append_printf (html, "%s ", _("Signed in as"));
  sp_hub_html_append_escaped (html, page->signed_in);
  g_string_append (html, "</p>\n");
  sp_hub_manage_append_button_form (page, "/manage/sign-out", _("Sign out"), "link");
  g_string_append (html, "</div>\n</header>\n");
}

/* Starts a page titled @title; @problems: (nullable) the form's, summarised at the top. */
void
sp_hub_manage_begin (SpHubManagePage *page,
                     const char      *title,
                     GPtrArray       *problems)
{
  gboolean failed = problems != NULL && problems->len > 0;
  g_autofree char *full_title = failed ? g_strdup_printf (_("Error: %s"), title) : g_strdup (title);

  page->html = g_string_new (NULL);
  sp_hub_html_begin_document (page->html, full_title, page->directory);
  append_header (page);
  g_string_append (page->html, "<main id=\"main\" class=\"manage\">\n");
  if (failed)
    {
      g_string_append_printf (page->html, "<div class=\"error-summary\" role=\"alert\" aria-labelledby=\"error-summary-title\">\n"
                                          "<h2 id=\"error-summary-title\">%s</h2>\n<ul>\n",
                              _("There is a problem"));
      for (guint i = 0; i < problems->len; i++)
        {
          SpHubManageProblem *problem = problems->pdata[i];

          g_string_append (page->html, "<li><a href=\"#");
          sp_hub_html_append_escaped (page->html, problem->field);
          g_string_append (page->html, "\">");
          sp_hub_html_append_escaped (page->html, problem->message);
          g_string_append (page->html, "</a></li>\n");
        }
      g_string_append (page->html, "</ul>\n</div>\n");
    }
  g_string_append (page->html, "<h1>");
  sp_hub_html_append_escaped (page->html, title);
  g_string_append (page->html, "</h1>\n");
}

/* The page, answered with @status; @page is cleared. */
SpHubResponse *
sp_hub_manage_finish (SpHubManagePage *page,
                      guint            status)
{
  GString *html = g_steal_pointer (&page->html);

  sp_hub_html_end_page (html, page->directory);
  return sp_hub_html_page_response (status, html);
}

/* After a form that worked: "303 See Other" to the page that shows its outcome, so that
 * reloading that page does not send the form again. */
SpHubResponse *
sp_hub_manage_redirect (const char *location)
{
  SpHubResponse *response = sp_hub_response_new (303, NULL, NULL);

  sp_hub_response_add_header (response, "Location", location);
  return response;
}

/* A notice at the top of the page: what the last form did. */
void
sp_hub_manage_append_notice (SpHubManagePage *page,
                             const char      *text)
{
  g_string_append (page->html, "<div class=\"notice\" role=\"status\"><p>");
  sp_hub_html_append_escaped (page->html, text);
  g_string_append (page->html, "</p></div>\n");
}

/* <form method="post"> to @action, with the CSRF token. */
void
sp_hub_manage_open_form (SpHubManagePage *page,
                         const char      *action)
{
  g_string_append (page->html, "<form method=\"post\" novalidate action=\"");
  sp_hub_html_append_escaped (page->html, action);
  g_string_append (page->html, "\">\n<input type=\"hidden\" name=\"csrf\" value=\"");
  sp_hub_html_append_escaped (page->html, page->csrf);
  g_string_append (page->html, "\">\n");
}

void
sp_hub_manage_close_form (SpHubManagePage *page,
                          const char      *button)
{
  g_string_append (page->html, "<button type=\"submit\">");
  sp_hub_html_append_escaped (page->html, button);
  g_string_append (page->html, "</button>\n</form>\n");
}

/* A form that is one button (sign out, confirm, approve). */
void
sp_hub_manage_append_button_form (SpHubManagePage *page,
                                  const char      *action,
                                  const char      *button,
                                  const char      *class)
{
  g_string_append_printf (page->html, "<form method=\"post\" class=\"%s\" action=\"", class != NULL ? class : "button");
  sp_hub_html_append_escaped (page->html, action);
  g_string_append (page->html, "\">\n<input type=\"hidden\" name=\"csrf\" value=\"");
  sp_hub_html_append_escaped (page->html, page->csrf);
  g_string_append (page->html, "\">\n<button type=\"submit\">");
  sp_hub_html_append_escaped (page->html, button);
  g_string_append (page->html, "</button>\n</form>\n");
}

/* The label, the hint and the problem of field @name; returns the attributes its control
 * takes: id, name, and aria-describedby and aria-invalid when there is a hint or problem. */
static char *
open_field (SpHubManagePage *page,
            const char      *name,
            const char      *label,
            const char      *hint,
            GPtrArray       *problems)
{
  GString *html = page->html;
  const char *problem = problem_for (problems, name);
  GString *attributes = g_string_new (NULL);

  g_string_append_printf (html, "<div class=\"field%s\">\n<label for=\"%s\">", problem != NULL ? " field-error" : "", name);
  sp_hub_html_append_escaped (html, label);
  g_string_append (html, "</label>\n");
  if (hint != NULL)
    {
      g_string_append_printf (html, "<p class=\"hint\" id=\"%s-hint\">", name);
      sp_hub_html_append_escaped (html, hint);
      g_string_append (html, "</p>\n");
    }
  if (problem != NULL)
    {
      g_string_append_printf (html, "<p class=\"error-message\" id=\"%s-error\"><span class=\"visually-hidden\">%s</span> ",
                              name, _("Error:"));
      sp_hub_html_append_escaped (html, problem);
      g_string_append (html, "</p>\n");
    }
  g_string_append_printf (attributes, " id=\"%s\" name=\"%s\"", name, name);
  if (hint != NULL && problem != NULL)
    g_string_append_printf (attributes, " aria-describedby=\"%s-hint %s-error\"", name, name);
  else if (hint != NULL || problem != NULL)
    g_string_append_printf (attributes, " aria-describedby=\"%s-%s\"", name, hint != NULL ? "hint" : "error");
  if (problem != NULL)
    g_string_append (attributes, " aria-invalid=\"true\"");
  return g_string_free (attributes, FALSE);
}

/* A one-line field: @type "text", "email", "password", "url", "tel". @name is a constant
 * of the page's (an id), @value what was there or was typed (escaped here). */
void
sp_hub_manage_append_field (SpHubManagePage *page,
                            const char      *name,
                            const char      *label,
                            const char      *hint,
                            const char      *type,
                            const char      *value,
                            GPtrArray       *problems)
{
  g_autofree char *attributes = open_field (page, name, label, hint, problems);
  gboolean secret = g_str_equal (type, "password");

  g_string_append_printf (page->html, "<input type=\"%s\"%s", type, attributes);
  if (g_str_equal (type, "email"))
    g_string_append (page->html, " autocomplete=\"email\" spellcheck=\"false\"");
  else if (secret)
    g_string_append (page->html, " autocomplete=\"current-password\"");
  /* A passphrase is never sent back in a page. */
  if (value != NULL && !secret)
    {
      g_string_append (page->html, " value=\"");
      sp_hub_html_append_escaped (page->html, value);
      g_string_append (page->html, "\"");
    }
  g_string_append (page->html, ">\n</div>\n");
}

void
sp_hub_manage_append_text_area (SpHubManagePage *page,
                                const char      *name,
                                const char      *label,
                                const char      *hint,
                                const char      *value,
                                guint            rows,
                                GPtrArray       *problems)
{
  g_autofree char *attributes = open_field (page, name, label, hint, problems);

  g_string_append_printf (page->html, "<textarea rows=\"%u\"%s>", rows, attributes);
  /* A newline straight after <textarea> is dropped by the parser: one is added so that
   * text beginning with a newline keeps it. */
  g_string_append_c (page->html, '\n');
  sp_hub_html_append_escaped (page->html, value);
  g_string_append (page->html, "</textarea>\n</div>\n");
}

void
sp_hub_manage_page_clear (SpHubManagePage *page)
{
  if (page->html != NULL)
    g_string_free (g_steal_pointer (&page->html), TRUE);
  g_clear_pointer (&page->directory, g_free);
}

/* A <select> of the directory's organisations (@choices, SpOrganizationChoice) by name,
 * @none (nullable) the first option, for no organisation; @value the one selected. */
void
sp_hub_manage_append_organization_select (SpHubManagePage *page,
                                          const char      *name,
                                          const char      *label,
                                          const char      *none,
                                          GPtrArray       *choices,
                                          const char      *value,
                                          GPtrArray       *problems)
{
  g_autofree char *attributes = open_field (page, name, label, NULL, problems);

  g_string_append_printf (page->html, "<select%s>\n", attributes);
  if (none != NULL)
    {
      g_string_append (page->html, "<option value=\"\">");
      sp_hub_html_append_escaped (page->html, none);
      g_string_append (page->html, "</option>\n");
    }
  for (guint i = 0; choices != NULL && i < choices->len; i++)
    {
      SpOrganizationChoice *choice = choices->pdata[i];

      g_string_append (page->html, "<option value=\"");
      sp_hub_html_append_escaped (page->html, choice->id);
      g_string_append_printf (page->html, "\"%s>", g_strcmp0 (value, choice->id) == 0 ? " selected" : "");
      sp_hub_html_append_escaped (page->html, choice->name);
      g_string_append (page->html, "</option>\n");
    }
  g_string_append (page->html, "</select>\n</div>\n");
}
