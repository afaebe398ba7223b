/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-test-manage.c: a plain browser for the hub's /manage/ pages in tests: its cookies, its forms, its page loads.
 *
 * It does what a browser without script does and no more: keeps the cookies it is given
 * (for this hub, whatever their path), follows a 303 with a GET, and sends forms back with
 * the fields their page gave, as application/x-www-form-urlencoded. Every answer it gets
 * must carry the /manage/ pages' headers: a strict Content-Security-Policy, no-store, no
 * referrer, and no Access-Control-Allow-Origin.
 */
#include "config.h"

#include <string.h>

#include "sp-test-manage.h"

#define MAX_REDIRECTS 5

SpTestBrowser *
sp_test_browser_new (const char *base)
{
  SpTestBrowser *browser = g_new0 (SpTestBrowser, 1);

  browser->session = sp_test_http_session ();
  browser->base = g_strdup (base);
  browser->cookies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return browser;
}

void
sp_test_browser_free (SpTestBrowser *browser)
{
  if (browser == NULL)
    return;
  g_clear_object (&browser->session);
  g_free (browser->base);
  g_clear_pointer (&browser->cookies, g_hash_table_unref);
  g_free (browser->page);
  g_free (browser->location);
  g_clear_pointer (&browser->headers, soup_message_headers_unref);
  g_free (browser);
}

static void
keep_cookies (SpTestBrowser      *browser,
              SoupMessageHeaders *headers)
{
  SoupMessageHeadersIter iter;
  const char *name, *value;

  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      g_autofree char *pair = NULL;
      char *equals;

      if (g_ascii_strcasecmp (name, "Set-Cookie") != 0)
        continue;
      g_assert_nonnull (strstr (value, "HttpOnly"));
      g_assert_nonnull (strstr (value, "SameSite=Strict"));
      pair = g_strndup (value, strcspn (value, ";"));
      if ((equals = strchr (pair, '=')) == NULL)
        continue;
      *equals = '\0';
      if (strstr (value, "Max-Age=0") != NULL || equals[1] == '\0')
        g_hash_table_remove (browser->cookies, pair);
      else
        g_hash_table_insert (browser->cookies, g_strdup (pair), g_strdup (equals + 1));
    }
}

static void
check_headers (const char         *path,
               guint               status,
               SoupMessageHeaders *headers)
{
  const char *policy = soup_message_headers_get_one (headers, "Content-Security-Policy");

  if (policy == NULL || strstr (policy, "default-src 'none'") == NULL || strstr (policy, "frame-ancestors 'none'") == NULL ||
      strstr (policy, "form-action 'self'") == NULL || strstr (policy, "base-uri 'none'") == NULL)
    g_error ("%s answered %u without the strict Content-Security-Policy (%s)", path, status, policy);
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Cache-Control"), ==, "no-store");
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Referrer-Policy"), ==, "no-referrer");
  g_assert_null (soup_message_headers_get_one (headers, "Access-Control-Allow-Origin"));
  g_assert_null (soup_message_headers_get_one (headers, "ETag"));
  g_assert_null (soup_message_headers_get_one (headers, "Content-Encoding"));
}

/* One request, no redirect followed; the answer's status. */
static guint
send (SpTestBrowser *browser,
      const char    *method,
      const char    *path,
      const char    *body)
{
  g_autofree char *url = g_str_has_prefix (path, "http") ? g_strdup (path) : g_strconcat (browser->base, path, NULL);
  g_autoptr (SoupMessage) message = soup_message_new (method, url);
  g_autoptr (GBytes) answer = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) cookie = g_string_new (NULL);
  GHashTableIter iter;
  gpointer name, value;
  gsize length = 0;
  const char *data;

  g_assert_nonnull (message);
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  /* What a browser sends: the pages are negotiated for it, gzip would be taken. */
  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept", "text/html,*/*;q=0.8");
  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept-Encoding", "gzip");
  g_hash_table_iter_init (&iter, browser->cookies);
  while (g_hash_table_iter_next (&iter, &name, &value))
    g_string_append_printf (cookie, "%s%s=%s", cookie->len > 0 ? "; " : "", (char *) name, (char *) value);
  if (cookie->len > 0)
    soup_message_headers_replace (soup_message_get_request_headers (message), "Cookie", cookie->str);
  if (body != NULL)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (message, "application/x-www-form-urlencoded", bytes);
    }
  answer = soup_session_send_and_read (browser->session, message, NULL, &error);
  g_assert_no_error (error);
  browser->requests++;
  browser->status = soup_message_get_status (message);
  g_clear_pointer (&browser->headers, soup_message_headers_unref);
  browser->headers = soup_message_headers_ref (soup_message_get_response_headers (message));
  check_headers (path, browser->status, browser->headers);
  keep_cookies (browser, browser->headers);
  data = g_bytes_get_data (answer, &length);
  g_free (browser->page);
  browser->page = g_strndup (data != NULL ? data : "", length);
  g_free (browser->location);
  browser->location = g_strdup (path);
  return browser->status;
}

static guint
follow (SpTestBrowser *browser)
{
  for (guint i = 0; i < MAX_REDIRECTS && browser->status == 303; i++)
    {
      g_autofree char *location = g_strdup (soup_message_headers_get_one (browser->headers, "Location"));

      g_assert_nonnull (location);
      g_assert_true (g_str_has_prefix (location, "/manage"));
      send (browser, SOUP_METHOD_GET, location, NULL);
    }
  return browser->status;
}

/* Loads @path as a person would (following redirects): one page load. */
guint
sp_test_browser_get (SpTestBrowser *browser,
                     const char    *path)
{
  browser->page_loads++;
  send (browser, SOUP_METHOD_GET, path, NULL);
  return follow (browser);
}

/* Sends a form to @path, its fields from @form, and follows where it leads: one page load. */
guint
sp_test_browser_post_form (SpTestBrowser *browser,
                           const char    *path,
                           GHashTable    *form)
{
  g_autofree char *body = soup_form_encode_hash (form);

  browser->page_loads++;
  send (browser, SOUP_METHOD_POST, path, body);
  return follow (browser);
}

/* Sends a form of name, value pairs (NULL-terminated) as it is: no token is added. */
guint
sp_test_browser_post (SpTestBrowser *browser,
                      const char    *path,
                      const char    *first_field,
                      ...)
{
  g_autoptr (GHashTable) form = g_hash_table_new (g_str_hash, g_str_equal);
  va_list args;

  va_start (args, first_field);
  for (const char *name = first_field; name != NULL; name = va_arg (args, const char *))
    g_hash_table_insert (form, (gpointer) name, va_arg (args, char *));
  va_end (args);
  return sp_test_browser_post_form (browser, path, form);
}

static char *
unescape (const char *raw)
{
  GString *text = g_string_new (raw);

  g_string_replace (text, "&quot;", "\"", 0);
  g_string_replace (text, "&lt;", "<", 0);
  g_string_replace (text, "&gt;", ">", 0);
  g_string_replace (text, "&#39;", "'", 0);
  g_string_replace (text, "&apos;", "'", 0);
  g_string_replace (text, "&amp;", "&", 0);
  return g_string_free (text, FALSE);
}

/* The text of attribute @name in the tag at @tag, unescaped; NULL if none. */
static char *
attribute (const char *tag,
           const char *name)
{
  g_autofree char *needle = g_strdup_printf (" %s=\"", name);
  const char *end = strchr (tag, '>');
  const char *start = strstr (tag, needle);
  g_autofree char *raw = NULL;

  if (start == NULL || end == NULL || start > end)
    return NULL;
  start += strlen (needle);
  raw = g_strndup (start, strcspn (start, "\""));
  return unescape (raw);
}

/* Whether the tag at @tag has the bare attribute @name (" checked", " selected"). */
static gboolean
has_flag (const char *tag,
          const char *name)
{
  const char *end = strchr (tag, '>');
  const char *found = strstr (tag, name);

  return found != NULL && end != NULL && found < end;
}

/* The fields of the last page's form posting to @action (NULL: the first form), as a
 * browser would send them untouched: inputs with their values, text areas with their text,
 * checked boxes, each select's selected option. */
GHashTable *
sp_test_browser_form_fields (SpTestBrowser *browser,
                             const char    *action)
{
  GHashTable *fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *needle = action != NULL ? g_strdup_printf ("action=\"%s\"", action) : g_strdup ("<form");
  const char *form = strstr (browser->page, needle);
  const char *end;

  if (form == NULL)
    g_error ("%s has no form %s: %s", browser->location, needle, browser->page);
  end = strstr (form, "</form>");
  for (const char *p = form; p != NULL && p < end; p = strchr (p + 1, '<'))
    {
      g_autofree char *name = NULL;
      g_autofree char *type = NULL;

      if (g_str_has_prefix (p, "<input"))
        {
          name = attribute (p, "name");
          type = attribute (p, "type");
          if (name == NULL || g_strcmp0 (type, "submit") == 0)
            continue;
          if ((g_strcmp0 (type, "checkbox") == 0 || g_strcmp0 (type, "radio") == 0) &&
              !has_flag (p, " checked"))
            continue;
          g_hash_table_insert (fields, g_steal_pointer (&name), attribute (p, "value") ?: g_strdup (""));
        }
      else if (g_str_has_prefix (p, "<textarea") && (name = attribute (p, "name")) != NULL)
        {
          const char *text = strchr (p, '>') + 1;
          g_autofree char *raw = g_strndup (text, strstr (text, "</textarea>") - text);

          g_hash_table_insert (fields, g_steal_pointer (&name), unescape (raw[0] == '\n' ? raw + 1 : raw));
        }
    }
  return fields;
}

/* The CSRF token of the last page's first form. */
char *
sp_test_browser_csrf (SpTestBrowser *browser)
{
  const char *input = strstr (browser->page, "name=\"csrf\"");
  const char *tag;

  if (input == NULL)
    return NULL;
  for (tag = input; tag > browser->page && *tag != '<'; tag--)
    ;
  return attribute (tag, "value");
}

/* Whether the last page says @text (as HTML: escaped). */
gboolean
sp_test_browser_shows (SpTestBrowser *browser,
                       const char    *text)
{
  return strstr (browser->page, text) != NULL;
}

/* The hub's state now, as /sync?since=SEQ&token=TOKEN asks for the changes after it: the
 * ETag of its answers is "STORE-SEQ-TOKEN". */
char *
sp_test_hub_sync_query (const char *base)
{
  g_autoptr (SoupSession) session = sp_test_http_session ();
  g_autofree char *url = g_strconcat (base, "/services?per_page=1", NULL);
  g_autoptr (SpTestResponse) response = sp_test_http_get (session, url, "Accept", "application/json", NULL);
  g_autofree char *etag = g_strdup (sp_test_response_header (response, "ETag"));
  g_auto (GStrv) parts = NULL;

  g_assert_nonnull (etag);
  g_strdelimit (etag, "\"", ' ');
  parts = g_strsplit (g_strstrip (etag), "-", 3);
  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  return g_strdup_printf ("since=%s&token=%s", parts[1], parts[2]);
}

/* A new browser signed in at @base as @email, on its listings page (the sign-in form filled
 * in as a person would, in two page loads). */
SpTestBrowser *
sp_test_browser_sign_in (const char *base,
                         const char *email,
                         const char *passphrase)
{
  SpTestBrowser *browser = sp_test_browser_new (base);
  g_autoptr (GHashTable) form = NULL;

  g_assert_cmpuint (sp_test_browser_get (browser, "/manage/sign-in"), ==, 200);
  form = sp_test_browser_form_fields (browser, "/manage/sign-in");
  g_hash_table_replace (form, g_strdup ("email"), g_strdup (email));
  g_hash_table_replace (form, g_strdup ("passphrase"), g_strdup (passphrase));
  g_assert_cmpuint (sp_test_browser_post_form (browser, "/manage/sign-in", form), ==, 200);
  if (g_strcmp0 (browser->location, "/manage/") != 0)
    g_error ("signing in as %s led to %s: %s", email, browser->location, browser->page);
  return browser;
}
