/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-manage-request.c: a /manage/ request read in the server's thread: its method, body, form and cookies.
 *
 * Only here does a /manage/ request touch libsoup: what a worker needs is copied into an
 * SpHubManageRequest. A form's body is capped before it is read (by its Content-Length) and
 * after (by its size and its number of fields); it must be valid UTF-8. The cookies kept
 * are the session's and the one a form before sign-in is tied to; __Host- ones only over TLS.
 */
#include "config.h"

#include <string.h>

#include "sp-hub-manage.h"
#include "sp-hub-manage-private.h"

void
sp_hub_manage_request_free (SpHubManageRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->path);
  g_clear_pointer (&request->form, g_hash_table_unref);
  if (request->session != NULL)
    memset (request->session, 0, strlen (request->session));
  g_free (request->session);
  g_free (request->pre_session);
  g_free (request->remote);
  g_clear_pointer (&request->now, g_date_time_unref);
  g_free (request);
}

/* /manage and everything under it. */
gboolean
sp_hub_manage_is_path (const char *path)
{
  return g_str_equal (path, "/manage") || g_str_has_prefix (path, "/manage/");
}

/* After the headers, before the body: NULL when the request may go on, else the refusal. */
SpHubResponse *
sp_hub_manage_check_headers (SoupServerMessage *message)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  const char *method = soup_server_message_get_method (message);
  goffset length = soup_message_headers_get_content_length (headers);
  SpHubResponse *refusal;

  if (method == SOUP_METHOD_GET || method == SOUP_METHOD_HEAD)
    {
      if (length > 0 || soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CHUNKED)
        return sp_hub_response_new_error (413, "A GET has no body.");
      return NULL;
    }
  if (method != SOUP_METHOD_POST)
    {
      refusal = sp_hub_response_new_error (405, "These pages take GET and POST.");
      refusal->allow = g_strdup ("GET, HEAD, POST");
      return refusal;
    }
  if (soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH)
    return sp_hub_response_new_error (411, "A form is sent with its Content-Length.");
  if (length > SP_HUB_MANAGE_MAX_FORM_BYTES)
    return sp_hub_response_new_error (413, "A form may be at most %d bytes.", SP_HUB_MANAGE_MAX_FORM_BYTES);
  return NULL;
}

/* The value of cookie @name in a Cookie header, or NULL. */
static char *
cookie_value (const char *header,
              const char *name)
{
  g_auto (GStrv) pairs = NULL;
  gsize name_length = strlen (name);

  if (header == NULL)
    return NULL;
  pairs = g_strsplit (header, ";", 64);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *pair = pairs[i];

      while (*pair == ' ')
        pair++;
      if (strncmp (pair, name, name_length) == 0 && pair[name_length] == '=')
        {
          g_autofree char *value = g_strstrip (g_strdup (pair + name_length + 1));

          return *value != '\0' && strlen (value) < 256 ? g_steal_pointer (&value) : NULL;
        }
    }
  return NULL;
}

/* Every name and value valid UTF-8, not too many. */
static gboolean
form_is_acceptable (GHashTable *form)
{
  GHashTableIter iter;
  gpointer name, value;

  if (g_hash_table_size (form) > SP_HUB_MANAGE_MAX_FORM_FIELDS)
    return FALSE;
  g_hash_table_iter_init (&iter, form);
  while (g_hash_table_iter_next (&iter, &name, &value))
    if (!g_utf8_validate (name, -1, NULL) || !g_utf8_validate (value, -1, NULL))
      return FALSE;
  return TRUE;
}

static GHashTable *
read_form (SoupServerMessage *message,
           SpHubResponse    **refusal)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  g_autoptr (GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (message));
  g_autoptr (GHashTable) form = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  const char *data = g_bytes_get_data (body, &length);
  const char *type = soup_message_headers_get_content_type (headers, NULL);

  if (g_strcmp0 (type, "application/x-www-form-urlencoded") != 0)
    {
      *refusal = sp_hub_response_new_error (415, "A form is sent as application/x-www-form-urlencoded.");
      return NULL;
    }
  if (length > SP_HUB_MANAGE_MAX_FORM_BYTES || memchr (data != NULL ? data : "", '\0', length) != NULL)
    {
      *refusal = sp_hub_response_new_error (413, "A form may be at most %d bytes of text.", SP_HUB_MANAGE_MAX_FORM_BYTES);
      return NULL;
    }
  text = g_strndup (data != NULL ? data : "", length);
  form = soup_form_decode (text);
  if (!form_is_acceptable (form))
    {
      *refusal = sp_hub_response_new_error (400, "The form has too many fields, or text that is not UTF-8.");
      return NULL;
    }
  return g_steal_pointer (&form);
}

/* Reads @message (its body all come): NULL with @request set, or a refusal. */
SpHubResponse *
sp_hub_manage_read_request (SoupServerMessage   *message,
                            const char          *path,
                            gboolean             secure,
                            const char          *remote,
                            SpHubManageRequest **request)
{
  g_autoptr (SpHubManageRequest) read = g_new0 (SpHubManageRequest, 1);
  const char *cookies = soup_message_headers_get_one (soup_server_message_get_request_headers (message), "Cookie");
  const char *query = g_uri_get_query (soup_server_message_get_uri (message));
  SpHubResponse *refusal = NULL;

  *request = NULL;
  read->post = soup_server_message_get_method (message) == SOUP_METHOD_POST;
  read->path = g_strdup (path);
  read->secure = secure;
  read->remote = g_strdup (remote);
  read->now = g_date_time_new_now_utc ();
  if (read->post)
    {
      if ((read->form = read_form (message, &refusal)) == NULL)
        return refusal;
    }
  else
    {
      read->form = query != NULL && strlen (query) < 4096 ? soup_form_decode (query)
                                                          : g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      if (!form_is_acceptable (read->form))
        return sp_hub_response_new_error (400, "The address has too many parameters, or text that is not UTF-8.");
    }
  read->session = cookie_value (cookies, sp_hub_manage_session_cookie (secure));
  read->pre_session = cookie_value (cookies, sp_hub_manage_pre_session_cookie (secure));
  *request = g_steal_pointer (&read);
  return NULL;
}
