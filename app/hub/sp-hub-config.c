/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-config.c: how a hub runs: its data folder, address, limits; from the command line and a key file.
 *
 * The key file (data/signpost-hub.conf.example) has one group, [hub], whose keys are the
 * long options' names: data-dir, listen, tls-cert, tls-key, public-url, cache-dir, workers,
 * max-connections, idle-timeout, header-timeout, cache-mb, feed-cache-mb, max-age,
 * trusted-proxies (a list: "127.0.0.1;::1"). An option given on the command line wins over
 * the file.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gio/gio.h>

#include "sp-hub-config.h"

SpHubConfig *
sp_hub_config_new (void)
{
  SpHubConfig *self = g_new0 (SpHubConfig, 1);

  self->listen = g_strdup ("127.0.0.1:8080");
  self->workers = MAX (2, MIN (g_get_num_processors (), 8));
  self->max_connections = 512;
  self->idle_timeout = 30;
  self->header_timeout = 10;
  self->cache_mb = 64;
  self->feed_cache_mb = 2048;
  self->max_age = 30;
  return self;
}

void
sp_hub_config_free (SpHubConfig *self)
{
  if (self == NULL)
    return;
  g_free (self->data_dir);
  g_free (self->listen);
  g_free (self->tls_cert);
  g_free (self->tls_key);
  g_free (self->public_url);
  g_free (self->cache_dir);
  g_strfreev (self->trusted_proxies);
  g_free (self);
}

static gboolean
read_string (GKeyFile    *file,
             const char  *key,
             char       **value,
             GError     **error)
{
  g_autoptr (GError) local_error = NULL;
  char *read = g_key_file_get_string (file, "hub", key, &local_error);

  if (g_error_matches (local_error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND))
    return TRUE;
  if (read == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_free (*value);
  *value = g_strstrip (read);
  return TRUE;
}

static gboolean
read_number (GKeyFile    *file,
             const char  *key,
             guint        minimum,
             guint        maximum,
             guint       *value,
             GError     **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *text = g_key_file_get_string (file, "hub", key, &local_error);
  guint64 number;

  if (g_error_matches (local_error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND))
    return TRUE;
  if (text == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!g_ascii_string_to_unsigned (g_strstrip (text), 10, minimum, maximum, &number, NULL))
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   _("%s must be a whole number from %u to %u, not “%s”"), key, minimum, maximum, text);
      return FALSE;
    }
  *value = number;
  return TRUE;
}

static gboolean
read_list (GKeyFile    *file,
           const char  *key,
           char      ***value,
           GError     **error)
{
  g_autoptr (GError) local_error = NULL;
  char **read = g_key_file_get_string_list (file, "hub", key, NULL, &local_error);

  if (g_error_matches (local_error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND))
    return TRUE;
  if (read == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_strfreev (*value);
  *value = read;
  return TRUE;
}

/* Reads the [hub] group of the key file @path over what @self holds. */
gboolean
sp_hub_config_load_file (SpHubConfig *self,
                         const char  *path,
                         GError     **error)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  gboolean ok;

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, error))
    {
      g_prefix_error (error, _("Reading %s: "), path);
      return FALSE;
    }
  ok = read_string (file, "data-dir", &self->data_dir, error) &&
       read_string (file, "listen", &self->listen, error) &&
       read_string (file, "tls-cert", &self->tls_cert, error) &&
       read_string (file, "tls-key", &self->tls_key, error) &&
       read_string (file, "public-url", &self->public_url, error) &&
       read_string (file, "cache-dir", &self->cache_dir, error) &&
       read_number (file, "workers", 1, 64, &self->workers, error) &&
       read_number (file, "max-connections", 1, 100000, &self->max_connections, error) &&
       read_number (file, "idle-timeout", 1, 3600, &self->idle_timeout, error) &&
       read_number (file, "header-timeout", 1, 3600, &self->header_timeout, error) &&
       read_number (file, "cache-mb", 0, 100000, &self->cache_mb, error) &&
       read_number (file, "feed-cache-mb", 0, 10000000, &self->feed_cache_mb, error) &&
       read_number (file, "max-age", 0, 86400, &self->max_age, error) &&
       read_list (file, "trusted-proxies", &self->trusted_proxies, error);
  if (!ok)
    g_prefix_error (error, _("In %s: "), path);
  return ok;
}

/* Checks what the options say together, and fills in what follows from them. */
gboolean
sp_hub_config_check (SpHubConfig *self,
                     GError     **error)
{
  if (self->data_dir == NULL || *self->data_dir == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Say which data folder to serve with --data-dir DIR (or data-dir in the configuration file)."));
      return FALSE;
    }
  if ((self->tls_cert == NULL) != (self->tls_key == NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("--tls-cert and --tls-key go together: give both, or neither for plain HTTP."));
      return FALSE;
    }
  if (self->public_url != NULL)
    {
      g_autoptr (GUri) uri = g_uri_parse (self->public_url, G_URI_FLAGS_NONE, NULL);
      const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;

      if (uri == NULL || g_uri_get_host (uri) == NULL ||
          (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("--public-url must be an http or https address, such as https://directory.example.org, "
                         "not “%s”."), self->public_url);
          return FALSE;
        }
      while (g_str_has_suffix (self->public_url, "/"))
        self->public_url[strlen (self->public_url) - 1] = '\0';
    }
  for (guint i = 0; self->trusted_proxies != NULL && self->trusted_proxies[i] != NULL; i++)
    {
      g_autoptr (GInetAddress) address = g_inet_address_new_from_string (g_strstrip (self->trusted_proxies[i]));

      if (address == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("--trusted-proxy takes the IP address of a proxy in front of the hub, such as 127.0.0.1, "
                         "not “%s”."), self->trusted_proxies[i]);
          return FALSE;
        }
      /* Written as the socket's address will be, to compare as text. */
      g_free (self->trusted_proxies[i]);
      self->trusted_proxies[i] = g_inet_address_to_string (address);
    }
  if (self->cache_dir == NULL)
    self->cache_dir = g_build_filename (g_get_user_cache_dir (), "signpost-hub", NULL);
  return TRUE;
}

static gboolean
is_trusted_proxy (const SpHubConfig *self,
                  const char        *address)
{
  return self->trusted_proxies != NULL && g_strv_contains ((const char *const *) self->trusted_proxies, address);
}

/**
 * sp_hub_config_client_address:
 * @peer: (nullable): the address the connection comes from
 * @forwarded_for: (nullable): the request's X-Forwarded-For header
 *
 * The client's address, for the access log and for throttling sign-ins per address. It is
 * the connection's own unless that is a trusted proxy: then the X-Forwarded-For list is
 * read from its right-hand end (what the nearest proxy saw), past any other trusted
 * proxies, to the first address no trusted proxy sent. Anything to the left of that was
 * written by the client and is not believed; a list that does not parse stops the walk at
 * the last address believed. Without trusted proxies the header is never read, so a
 * client cannot choose its own address.
 *
 * Returns: (transfer full) (nullable): the address as text
 */
char *
sp_hub_config_client_address (const SpHubConfig *self,
                              const char        *peer,
                              const char        *forwarded_for)
{
  g_auto (GStrv) hops = NULL;
  g_autofree char *client = g_strdup (peer);

  if (peer == NULL || forwarded_for == NULL || !is_trusted_proxy (self, peer))
    return g_steal_pointer (&client);
  hops = g_strsplit (forwarded_for, ",", 64);
  for (guint i = g_strv_length (hops); i-- > 0;)
    {
      g_autoptr (GInetAddress) hop = g_inet_address_new_from_string (g_strstrip (hops[i]));

      if (hop == NULL)
        break;
      g_free (client);
      client = g_inet_address_to_string (hop);
      if (!is_trusted_proxy (self, client))
        break;
    }
  return g_steal_pointer (&client);
}
