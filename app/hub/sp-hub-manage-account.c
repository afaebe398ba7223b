/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-manage-account.c: signing in and out of the /manage/ pages, and signing up from an invitation.
 *
 * A sign-in that works sets the session cookie (HttpOnly, SameSite=Strict; Secure and
 * __Host- over TLS) and leads to the account's listings. A wrong email or passphrase is
 * never told apart from each other; too many tries (per account and per address: the
 * core counts) answer 429 with a page saying how long to wait, and Retry-After.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sp-hub-manage-private.h"

static void
set_cookie (SpHubResponse *response,
            const char    *name,
            const char    *value,
            gboolean       secure,
            gint64         max_age)
{
  g_autofree char *cookie = sp_hub_manage_cookie (name, value, secure, max_age);

  sp_hub_response_add_header (response, "Set-Cookie", cookie);
}

/* The sign-in page; @email what was typed, @problems what was wrong. A browser without a
 * pre-session cookie is given one, and the form its token. */
static SpHubResponse *
sign_in_page (SpHubManageContext *context,
              const char         *email,
              GPtrArray          *problems,
              guint               status)
{
  SpHubManageRequest *request = context->request;
  SpHubManagePage *page = &context->page;
  g_autofree char *fresh = NULL;
  const char *done = sp_hub_manage_done (context);
  SpHubResponse *response;

  if (request->pre_session == NULL || context->csrf == NULL)
    {
      fresh = sp_hub_manage_new_pre_session ();
      g_free (context->csrf);
      context->csrf = sp_hub_manage_pre_session_token (fresh);
      page->csrf = context->csrf;
    }
  sp_hub_manage_begin (page, _("Sign in"), problems);
  if (g_strcmp0 (done, "signed-out") == 0)
    sp_hub_manage_append_notice (page, _("You are signed out."));
  else if (g_strcmp0 (done, "joined") == 0)
    sp_hub_manage_append_notice (page, _("Your account is ready. Sign in with the email address and passphrase you chose."));
  g_string_append_printf (page->html, "<p>%s</p>\n",
                          _("Sign in to keep your group’s listings up to date. The directory’s editor gives you an account."));
  sp_hub_manage_open_form (page, "/manage/sign-in");
  sp_hub_manage_append_field (page, "email", _("Email address"), NULL, "email", email, problems);
  sp_hub_manage_append_field (page, "passphrase", _("Passphrase"), NULL, "password", NULL, problems);
  sp_hub_manage_close_form (page, _("Sign in"));
  response = sp_hub_manage_finish (page, status);
  if (fresh != NULL)
    set_cookie (response, sp_hub_manage_pre_session_cookie (request->secure), fresh, request->secure, -1);
  return response;
}

/* Too many tries: how long to wait, in minutes a person reads. */
static SpHubResponse *
throttled_page (SpHubManageContext *context,
                guint               seconds)
{
  SpHubManagePage *page = &context->page;
  guint minutes = MAX (1, (seconds + 59) / 60);
  g_autofree char *retry = g_strdup_printf ("%u", MAX (seconds, 1));
  SpHubResponse *response;

  sp_hub_manage_begin (page, _("Too many tries to sign in"), NULL);
  g_string_append (page->html, "<p>");
  g_string_append_printf (page->html, g_dngettext (GETTEXT_PACKAGE, "Wait %u minute, then try again.",
                                                   "Wait %u minutes, then try again.", minutes), minutes);
  g_string_append_printf (page->html, "</p>\n<p>%s</p>\n<p><a href=\"/manage/sign-in\">%s</a></p>\n",
                          _("To keep accounts safe, signing in is paused after several wrong passphrases."),
                          _("Back to signing in"));
  response = sp_hub_manage_finish (page, 429);
  sp_hub_response_add_header (response, "Retry-After", retry);
  return response;
}

SpHubResponse *
sp_hub_manage_sign_in (SpHubManageContext *context,
                       GError            **error)
{
  SpHubManageRequest *request = context->request;
  const char *email = g_hash_table_lookup (request->form, "email");
  const char *passphrase = g_hash_table_lookup (request->form, "passphrase");
  g_autoptr (GPtrArray) problems = sp_hub_manage_problems_new ();
  g_autoptr (SpSession) session = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *token = NULL;
  SpHubResponse *response;

  if (!request->post)
    return context->session != NULL ? sp_hub_manage_redirect ("/manage/") : sign_in_page (context, NULL, NULL, 200);
  if (email == NULL || *g_strstrip ((char *) email) == '\0')
    sp_hub_manage_add_problem (problems, "email", _("Enter your email address"));
  if (passphrase == NULL || *passphrase == '\0')
    sp_hub_manage_add_problem (problems, "passphrase", _("Enter your passphrase"));
  if (problems->len > 0)
    return sign_in_page (context, email, problems, 200);
  token = sp_listings_sign_in (context->listings, email, passphrase, request->remote, &session, &local_error);
  if (token == NULL)
    {
      if (g_error_matches (local_error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_THROTTLED))
        return throttled_page (context, sp_listings_error_get_retry_after (local_error));
      if (g_error_matches (local_error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_BAD_PASSPHRASE))
        {
          sp_hub_manage_add_problem (problems, "email", _("Enter the email address and passphrase of your account"));
          return sign_in_page (context, email, problems, 200);
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  response = sp_hub_manage_redirect ("/manage/");
  set_cookie (response, sp_hub_manage_session_cookie (request->secure), token, request->secure,
              SP_LISTINGS_SESSION_ABSOLUTE_SECONDS);
  /* The pre-session cookie has done its work. */
  set_cookie (response, sp_hub_manage_pre_session_cookie (request->secure), "", request->secure, 0);
  memset (token, 0, strlen (token));
  return response;
}

SpHubResponse *
sp_hub_manage_sign_out (SpHubManageContext *context,
                        GError            **error)
{
  SpHubManageRequest *request = context->request;
  gboolean everywhere = g_hash_table_contains (request->form, "everywhere");
  SpHubResponse *response;
  gboolean ok;

  if (!request->post)
    return sp_hub_manage_redirect ("/manage/");
  if (everywhere)
    ok = sp_listings_sign_out_everywhere (context->listings, sp_hub_manage_actor (context), error);
  else
    ok = sp_listings_sign_out (context->listings, request->session, error);
  if (!ok)
    return NULL;
  response = sp_hub_manage_redirect ("/manage/sign-in?done=signed-out");
  set_cookie (response, sp_hub_manage_session_cookie (request->secure), "", request->secure, 0);
  return response;
}

/* The sign-up page of an invitation: what it is for, email and the passphrase twice. */
static SpHubResponse *
join_page (SpHubManageContext *context,
           SpInvitation       *invitation,
           const char         *email,
           GPtrArray          *problems)
{
  SpHubManagePage *page = &context->page;
  g_autofree char *action = g_strconcat ("/manage/join/", context->id, NULL);
  g_autofree char *hint = g_strdup_printf (_("At least %d characters. A few everyday words in a row are easy to "
                                             "remember and hard to guess."), SP_LISTINGS_MIN_PASSPHRASE);
  g_autofree char *fresh = NULL;
  SpHubResponse *response;

  if (context->csrf == NULL)
    {
      fresh = sp_hub_manage_new_pre_session ();
      context->csrf = sp_hub_manage_pre_session_token (fresh);
      page->csrf = context->csrf;
    }
  sp_hub_manage_begin (page, _("Set up your account"), problems);
  g_string_append (page->html, "<p>");
  if (invitation->role == SP_ACCOUNT_ROLE_EDITOR)
    g_string_append (page->html, _("You are invited to be an editor of the directory."));
  else
    {
      g_string_append_printf (page->html, "%s ", _("You are invited to keep the listings of"));
      sp_hub_manage_append_escaped (page, invitation->organization_name != NULL ? invitation->organization_name
                                                                                : invitation->organization_id);
      g_string_append (page->html, " ");
      g_string_append (page->html, _("up to date."));
    }
  g_string_append (page->html, "</p>\n");
  sp_hub_manage_open_form (page, action);
  sp_hub_manage_append_field (page, "email", _("Email address"), NULL, "email", email, problems);
  sp_hub_manage_append_field (page, "passphrase", _("Choose a passphrase"), hint, "password", NULL, problems);
  sp_hub_manage_append_field (page, "passphrase2", _("Type the passphrase again"), NULL, "password", NULL, problems);
  sp_hub_manage_close_form (page, _("Create the account"));
  response = sp_hub_manage_finish (page, 200);
  if (fresh != NULL)
    {
      g_autofree char *cookie = sp_hub_manage_cookie (sp_hub_manage_pre_session_cookie (context->request->secure), fresh,
                                                      context->request->secure, -1);
      sp_hub_response_add_header (response, "Set-Cookie", cookie);
    }
  return response;
}

SpHubResponse *
sp_hub_manage_join (SpHubManageContext *context,
                    GError            **error)
{
  SpHubManageRequest *request = context->request;
  const char *email = g_hash_table_lookup (request->form, "email");
  const char *passphrase = g_hash_table_lookup (request->form, "passphrase");
  const char *again = g_hash_table_lookup (request->form, "passphrase2");
  g_autoptr (GPtrArray) problems = sp_hub_manage_problems_new ();
  g_autoptr (SpInvitation) invitation = NULL;
  g_autoptr (SpAccount) account = NULL;
  g_autoptr (GError) local_error = NULL;
  SpHubResponse *refusal;

  if ((invitation = sp_listings_lookup_invitation (context->listings, context->id, &local_error)) == NULL)
    {
      if ((refusal = sp_hub_manage_refused (context, local_error)) == NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return refusal;
    }
  if (!request->post)
    return join_page (context, invitation, NULL, NULL);
  if (email == NULL || *email == '\0')
    sp_hub_manage_add_problem (problems, "email", _("Enter your email address"));
  if (passphrase == NULL || g_utf8_strlen (passphrase, -1) < SP_LISTINGS_MIN_PASSPHRASE)
    sp_hub_manage_add_problem (problems, "passphrase", _("Choose a longer passphrase"));
  else if (g_strcmp0 (passphrase, again) != 0)
    sp_hub_manage_add_problem (problems, "passphrase2", _("Type the same passphrase twice"));
  if (problems->len == 0 &&
      (account = sp_listings_accept_invitation (context->listings, context->id, email, passphrase, &local_error)) == NULL)
    {
      GPtrArray *found = sp_listings_error_get_problems (local_error);

      if (g_error_matches (local_error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_EXISTS))
        sp_hub_manage_add_problem (problems, "email", _("There is already an account with this email address"));
      else if (found != NULL)
        for (guint i = 0; i < found->len; i++)
          {
            SpFieldProblem *problem = found->pdata[i];
            sp_hub_manage_add_problem (problems, g_str_has_prefix (problem->field, "pass") ? "passphrase" : "email",
                                       problem->message);
          }
      else
        {
          if ((refusal = sp_hub_manage_refused (context, local_error)) == NULL)
            g_propagate_error (error, g_steal_pointer (&local_error));
          return refusal;
        }
    }
  if (problems->len > 0)
    return join_page (context, invitation, email, problems);
  return sp_hub_manage_redirect ("/manage/sign-in?done=joined");
}
