/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-manage.c: the /manage/ pages' routes, and the checks every request passes first.
 *
 * Runs in a worker thread (sp-hub-worker.c). Every request is first tied to its account by
 * its session cookie, whatever its page or its form says; without one, a page answers with
 * the sign-in page's address and a form changes nothing. Every POST's CSRF token is then
 * checked against its session's (or, before sign-in, its cookie's: sp-hub-manage-csrf.c);
 * a missing or wrong one is a 403 and changes nothing. Rights over a service or change are
 * the core's to check (sp-listings.h), given the account read here.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sp-hub-html-private.h"
#include "sp-hub-manage-private.h"
#include "sp-text.h"

/* Which page @path is, and the {id} or {token} in it. */
static SpHubManageRoute
route_path (const char *path,
            char      **id)
{
  static const struct
  {
    const char *path;
    SpHubManageRoute route;
  } fixed[] = {
    { "/manage/", SP_HUB_MANAGE_ROUTE_LISTINGS },
    { "/manage/sign-in", SP_HUB_MANAGE_ROUTE_SIGN_IN },
    { "/manage/sign-out", SP_HUB_MANAGE_ROUTE_SIGN_OUT },
    { "/manage/services/new", SP_HUB_MANAGE_ROUTE_NEW },
    { "/manage/changes", SP_HUB_MANAGE_ROUTE_CHANGES },
    { "/manage/freshness", SP_HUB_MANAGE_ROUTE_FRESHNESS },
    { "/manage/freshness/contacts.csv", SP_HUB_MANAGE_ROUTE_FRESHNESS_CSV },
    { "/manage/members", SP_HUB_MANAGE_ROUTE_MEMBERS },
  };
  static const struct
  {
    const char *suffix;
    SpHubManageRoute route;
  } of_service[] = {
    { "/edit", SP_HUB_MANAGE_ROUTE_EDIT },
    { "/confirm", SP_HUB_MANAGE_ROUTE_CONFIRM },
    { "/history", SP_HUB_MANAGE_ROUTE_HISTORY },
  };
  const char *rest;

  *id = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    if (g_str_equal (path, fixed[i].path))
      return fixed[i].route;
  if (g_str_has_prefix (path, "/manage/services/"))
    {
      rest = path + strlen ("/manage/services/");
      for (guint i = 0; i < G_N_ELEMENTS (of_service); i++)
        if (strlen (rest) == 36 + strlen (of_service[i].suffix) && g_str_equal (rest + 36, of_service[i].suffix))
          {
            *id = g_ascii_strdown (rest, 36);
            if (sp_text_is_uuid (*id))
              return of_service[i].route;
            g_clear_pointer (id, g_free);
          }
      return SP_HUB_MANAGE_ROUTE_NONE;
    }
  if (g_str_has_prefix (path, "/manage/changes/"))
    {
      rest = path + strlen ("/manage/changes/");
      if (*rest == '\0' || strlen (rest) > 64 || strchr (rest, '/') != NULL)
        return SP_HUB_MANAGE_ROUTE_NONE;
      *id = g_strdup (rest);
      return SP_HUB_MANAGE_ROUTE_CHANGE;
    }
  if (g_str_has_prefix (path, "/manage/join/"))
    {
      rest = path + strlen ("/manage/join/");
      if (*rest == '\0' || strlen (rest) > 128 || strchr (rest, '/') != NULL)
        return SP_HUB_MANAGE_ROUTE_NONE;
      *id = g_strdup (rest);
      return SP_HUB_MANAGE_ROUTE_JOIN;
    }
  return SP_HUB_MANAGE_ROUTE_NONE;
}

/* The page for an address under /manage/ with nothing at it. */
SpHubResponse *
sp_hub_manage_not_found (SpHubManageContext *context)
{
  SpHubManagePage *page = &context->page;

  sp_hub_manage_begin (page, _("Page not found"), NULL);
  g_string_append_printf (page->html, "<p>%s</p>\n<p><a href=\"/manage/\">%s</a></p>\n",
                          _("There is nothing at this address, or it is not yours to see."), _("Go to your listings"));
  return sp_hub_manage_finish (page, 404);
}

/* A form whose token was missing or wrong, or a page for someone else: nothing changed. */
SpHubResponse *
sp_hub_manage_forbidden (SpHubManageContext *context,
                         const char         *why)
{
  SpHubManagePage *page = &context->page;

  sp_hub_manage_begin (page, _("That did not work"), NULL);
  g_string_append (page->html, "<p>");
  sp_hub_manage_append_escaped (page, why);
  g_string_append_printf (page->html, "</p>\n<p>%s</p>\n<p><a href=\"/manage/\">%s</a></p>\n",
                          _("Nothing was changed."), _("Go to your listings"));
  return sp_hub_manage_finish (page, 403);
}

static void
context_clear (SpHubManageContext *context)
{
  sp_hub_manage_page_clear (&context->page);
  g_free (context->id);
  g_free (context->csrf);
  g_clear_pointer (&context->session, sp_session_free);
}

/* Ties the request to its session, if its cookie names one that is current: the account
 * every page acts as, whatever the page or the form says. Before sign-in the forms' token
 * is the one the browser's pre-session cookie makes. FALSE only when the store failed. */
gboolean
sp_hub_manage_context_read_session (SpHubManageContext *context,
                                    GError            **error)
{
  SpHubManageRequest *request = context->request;
  g_autoptr (GError) local_error = NULL;

  if (request->session != NULL)
    {
      context->session = sp_listings_session_lookup (context->listings, request->session, &local_error);
      if (context->session == NULL && local_error->domain != SP_LISTINGS_ERROR)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  if (context->session != NULL)
    {
      context->csrf = g_strdup (context->session->csrf_token);
      context->page.signed_in = context->session->account->email;
      context->page.editor = context->session->account->role == SP_ACCOUNT_ROLE_EDITOR;
    }
  else
    context->csrf = sp_hub_manage_pre_session_token (request->pre_session);
  context->page.csrf = context->csrf;
  return TRUE;
}

/* A POST's token: the session's, or before sign-in the pre-session cookie's. */
static gboolean
check_csrf (SpHubManageContext *context)
{
  const char *token = g_hash_table_lookup (context->request->form, "csrf");

  if (token == NULL)
    return FALSE;
  if (context->session != NULL)
    return sp_session_check_csrf (context->session, token);
  return sp_hub_manage_pre_session_token_matches (context->request->pre_session, token);
}

/* The signed-in account: the only one any page acts as. */
const SpAccount *
sp_hub_manage_actor (SpHubManageContext *context)
{
  return context->session != NULL ? context->session->account : NULL;
}

/* The directory's organisations for a form's picker; none when the store cannot say
 * (the form then refuses whatever is sent, as the core does). */
GPtrArray *
sp_hub_manage_organization_choices (SpHubManageContext *context)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *choices = sp_listings_list_organizations (context->listings, &error);

  if (choices == NULL)
    {
      g_debug ("The organisations for a form could not be read: %s", error->message);
      choices = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_organization_choice_free);
    }
  return choices;
}

/* Whether @id is one of @choices (SpOrganizationChoice). */
gboolean
sp_hub_manage_organization_known (GPtrArray  *choices,
                                  const char *id)
{
  for (guint i = 0; id != NULL && i < choices->len; i++)
    if (g_str_equal (((SpOrganizationChoice *) choices->pdata[i])->id, id))
      return TRUE;
  return FALSE;
}

gboolean
sp_hub_manage_is_editor (SpHubManageContext *context)
{
  return context->session != NULL && context->session->account->role == SP_ACCOUNT_ROLE_EDITOR;
}

/* The ?done= of a page a form led to: which notice it shows (a word of ours, never echoed). */
const char *
sp_hub_manage_done (SpHubManageContext *context)
{
  if (context->request->post)
    return NULL;
  return g_hash_table_lookup (context->request->form, "done");
}

/* What the core refused, as a page: a right the account lacks or something not there is
 * a 404 (a member learns nothing of another group's services), a decided change a 409;
 * NULL for an error that is not the core's refusal (the caller's to pass on). */
SpHubResponse *
sp_hub_manage_refused (SpHubManageContext *context,
                       GError             *error)
{
  SpHubManagePage *page = &context->page;

  if (error->domain != SP_LISTINGS_ERROR)
    return NULL;
  switch (error->code)
    {
    case SP_LISTINGS_ERROR_FORBIDDEN:
    case SP_LISTINGS_ERROR_NOT_FOUND:
      return sp_hub_manage_not_found (context);
    case SP_LISTINGS_ERROR_CONFLICT:
    case SP_LISTINGS_ERROR_EXPIRED:
      sp_hub_manage_begin (page, _("That has changed meanwhile"), NULL);
      g_string_append (page->html, "<p>");
      sp_hub_manage_append_escaped (page, error->message);
      g_string_append_printf (page->html, "</p>\n<p>%s</p>\n<p><a href=\"/manage/\">%s</a></p>\n",
                              _("Nothing was changed."), _("Go to your listings"));
      return sp_hub_manage_finish (page, 409);
    default:
      return NULL;
    }
}

/* Pages anyone may see, before sign-in. */
static gboolean
is_open (SpHubManageRoute route)
{
  return route == SP_HUB_MANAGE_ROUTE_SIGN_IN || route == SP_HUB_MANAGE_ROUTE_JOIN;
}

static SpHubResponse *
route_request (SpHubManageContext *context,
               GError            **error)
{
  switch (context->route)
    {
    case SP_HUB_MANAGE_ROUTE_SIGN_IN:
      return sp_hub_manage_sign_in (context, error);
    case SP_HUB_MANAGE_ROUTE_SIGN_OUT:
      return sp_hub_manage_sign_out (context, error);
    case SP_HUB_MANAGE_ROUTE_JOIN:
      return sp_hub_manage_join (context, error);
    case SP_HUB_MANAGE_ROUTE_LISTINGS:
      return sp_hub_manage_listings (context, error);
    case SP_HUB_MANAGE_ROUTE_EDIT:
    case SP_HUB_MANAGE_ROUTE_NEW:
      return sp_hub_manage_edit (context, error);
    case SP_HUB_MANAGE_ROUTE_CONFIRM:
      return sp_hub_manage_confirm (context, error);
    case SP_HUB_MANAGE_ROUTE_CHANGES:
      return sp_hub_manage_changes (context, error);
    case SP_HUB_MANAGE_ROUTE_CHANGE:
      return sp_hub_manage_change (context, error);
    case SP_HUB_MANAGE_ROUTE_HISTORY:
      return sp_hub_manage_history (context, error);
    case SP_HUB_MANAGE_ROUTE_FRESHNESS:
    case SP_HUB_MANAGE_ROUTE_FRESHNESS_CSV:
      return sp_hub_manage_freshness (context, error);
    case SP_HUB_MANAGE_ROUTE_MEMBERS:
      return sp_hub_manage_members (context, error);
    case SP_HUB_MANAGE_ROUTE_NONE:
    default:
      return sp_hub_manage_not_found (context);
    }
}

/**
 * sp_hub_manage_answer:
 *
 * Answers a /manage/ request in a worker thread: a page, a 303 after a form that worked,
 * 403 for a form without its token, 404 for a page that is not there or not the account's.
 *
 * Returns: (transfer full): the answer, or %NULL with @error set when the store failed
 */
SpHubResponse *
sp_hub_manage_answer (SpHubWorker        *worker,
                      SpHubManageRequest *request,
                      GError            **error)
{
  SpHubManageContext context = { 0 };
  SpHubResponse *response = NULL;

  if (g_str_equal (request->path, "/manage"))
    return sp_hub_manage_redirect ("/manage/");
  context.worker = worker;
  context.request = request;
  context.route = route_path (request->path, &context.id);
  context.page.directory = sp_hub_html_directory_name (sp_hub_worker_get_store (worker));
  if ((context.listings = sp_hub_worker_get_listings (worker, error)) == NULL ||
      !sp_hub_manage_context_read_session (&context, error))
    {
      context_clear (&context);
      return NULL;
    }
  if (context.session == NULL && !is_open (context.route))
    {
      /* Signed out (or never in, or the session ended): nothing is read or changed. */
      if (request->post)
        response = sp_hub_manage_forbidden (&context, _("You are signed out: sign in again, then try again."));
      else
        response = sp_hub_manage_redirect ("/manage/sign-in");
    }
  else if (request->post && !check_csrf (&context))
    response = sp_hub_manage_forbidden (&context, _("This form had expired or did not come from these pages."));
  else
    response = route_request (&context, error);
  context_clear (&context);
  return response;
}
