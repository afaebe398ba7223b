/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-listener.c: the hub's connections: listened for, counted, timed out, capped.
 *
 * libsoup accepts connections on a socket the hub binds itself (so that port 0 gives a
 * free port to report) and bounds nothing. The hub follows each connection from its first
 * request-started (emitted as libsoup takes it, and again when it waits for the next
 * request on it) and bounds it:
 *
 * - at most max_connections at once; the first request on one more is answered 503 with
 *   Retry-After and the connection closed (sp_hub_listener_got_headers() says so);
 * - a socket silent for idle_timeout seconds while the hub waits to read or write (a
 *   client that stopped reading its answer, or sends a byte now and then) fails, and
 *   libsoup drops the connection (GSocket's timeout);
 * - a client has header_timeout seconds to send a request's headers, counted from when the
 *   hub is ready for them: a connection kept alive with nothing to ask, or one sending its
 *   headers a byte at a time, is closed then;
 * - once the hub is stopping, a new connection is closed at once.
 *
 * With a certificate, libsoup speaks TLS on the socket.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sp-hub-listener.h"

#define SWEEP_MS 250
#define BACKLOG 1024

typedef struct
{
  SpHubListener *owner;
  GSocket *socket;          /* (unowned) the key; this goes when it does */
  gint64 waiting_since;     /* for a request's headers; 0 when not waiting */
  gboolean refused;         /* over the cap: its first request is answered 503 */
  gboolean shut_down;       /* by the hub; closed at the next sweep if libsoup has not */
} Connection;

struct _SpHubListener
{
  SoupServer *server;
  GSocket *listening;
  char *url;
  guint max_connections;
  guint idle_timeout;
  guint header_timeout;
  GHashTable *connections;  /* GSocket -> Connection */
  guint n_admitted;         /* of @connections, not refused */
  gboolean stopping;
  guint sweep_id;
};

static void
connection_free (gpointer data)
{
  g_free (data);
}

static void socket_gone (gpointer data, GObject *socket);

/* Forgets a connection that is over. */
static void
forget (SpHubListener *self,
        Connection    *connection)
{
  if (!connection->refused)
    self->n_admitted--;
  g_object_weak_unref (G_OBJECT (connection->socket), socket_gone, connection);
  g_hash_table_remove (self->connections, connection->socket);
}

/* libsoup let go of the connection's socket: it is over. */
static void
socket_gone (gpointer  data,
             GObject  *socket)
{
  Connection *connection = data;
  SpHubListener *self = connection->owner;

  if (self == NULL)
    {
      connection_free (connection);
      return;
    }
  if (!connection->refused)
    self->n_admitted--;
  g_hash_table_remove (self->connections, socket);
}

/* Whether the client closed a connection that waits for its next request. libsoup 3.2
 * notices only when it next reads, which for a kept-alive connection is never: the socket
 * would wait for the header timeout half-closed, counted against the cap. */
static gboolean
peer_left (GSocket *socket)
{
  char byte;
  GInputVector vector = { &byte, 1 };
  int flags = G_SOCKET_MSG_PEEK;
  g_autoptr (GError) error = NULL;

  if (!g_socket_condition_check (socket, G_IO_IN | G_IO_HUP | G_IO_ERR))
    return FALSE;
  return g_socket_receive_message (socket, NULL, &vector, 1, NULL, NULL, &flags, NULL, &error) == 0;
}

/* Forgets connections that are over (libsoup closes their sockets but, in 3.2, never lets
 * go of them); closes those that have kept the hub waiting for a request's headers too
 * long, or whose client has left while the hub waited. */
static gboolean
sweep (gpointer data)
{
  SpHubListener *self = data;
  gint64 now = g_get_monotonic_time ();
  g_autoptr (GPtrArray) over = g_ptr_array_new ();
  GHashTableIter iter;
  Connection *connection;

  g_hash_table_iter_init (&iter, self->connections);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &connection))
    {
      if (g_socket_is_closed (connection->socket))
        g_ptr_array_add (over, connection);
      else if (connection->shut_down)
        /* libsoup did not close it on the next read: it was not reading. */
        g_socket_close (connection->socket, NULL);
      else if (connection->waiting_since != 0 &&
               (now - connection->waiting_since > (gint64) self->header_timeout * G_USEC_PER_SEC ||
                peer_left (connection->socket)))
        {
          connection->waiting_since = 0;
          connection->shut_down = TRUE;
          g_socket_shutdown (connection->socket, TRUE, TRUE, NULL);
        }
    }
  for (guint i = 0; i < over->len; i++)
    forget (self, over->pdata[i]);
  return G_SOURCE_CONTINUE;
}

/* Parses "ADDR:PORT" ("127.0.0.1:8080", "[::1]:8080", "0.0.0.0:0", "localhost:8080"). */
static GSocketAddress *
parse_address (const char *text,
               GError    **error)
{
  const char *colon = strrchr (text, ':');
  g_autofree char *host = NULL;
  g_autoptr (GInetAddress) address = NULL;
  guint64 port;

  if (colon == NULL || !g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &port, NULL))
    goto bad;
  host = g_strndup (text, colon - text);
  if (host[0] == '[' && g_str_has_suffix (host, "]"))
    {
      char *inner = g_strndup (host + 1, strlen (host) - 2);
      g_free (host);
      host = inner;
    }
  if (g_str_equal (host, "localhost"))
    address = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  else if (g_str_equal (host, "") || g_str_equal (host, "*"))
    address = g_inet_address_new_any (G_SOCKET_FAMILY_IPV6);
  else
    address = g_inet_address_new_from_string (host);
  if (address == NULL)
    goto bad;
  return g_inet_socket_address_new (address, port);

bad:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("--listen takes an IP address and a port, ADDR:PORT (127.0.0.1:8080, [::]:443), not “%s”."), text);
  return NULL;
}

/*
 * sp_hub_listener_new:
 * @address: "ADDR:PORT"; port 0 picks a free one (see sp_hub_listener_get_url())
 * @certificate: (nullable): serve HTTPS with it
 */
SpHubListener *
sp_hub_listener_new (SoupServer      *server,
                     const char      *address,
                     GTlsCertificate *certificate,
                     guint            max_connections,
                     guint            idle_timeout,
                     guint            header_timeout,
                     GError         **error)
{
  g_autoptr (SpHubListener) self = g_new0 (SpHubListener, 1);
  g_autoptr (GSocketAddress) wanted = NULL;
  g_autoptr (GSocketAddress) bound = NULL;
  g_autofree char *ip = NULL;
  GInetAddress *bound_address;

  self->server = g_object_ref (server);
  self->max_connections = max_connections;
  self->idle_timeout = idle_timeout;
  self->header_timeout = header_timeout;
  self->connections = g_hash_table_new_full (NULL, NULL, NULL, connection_free);

  if ((wanted = parse_address (address, error)) == NULL)
    return NULL;
  self->listening = g_socket_new (g_socket_address_get_family (wanted), G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                  error);
  if (self->listening == NULL)
    return NULL;
  g_socket_set_listen_backlog (self->listening, BACKLOG);
  if (!g_socket_bind (self->listening, wanted, TRUE, error) || !g_socket_listen (self->listening, error) ||
      (bound = g_socket_get_local_address (self->listening, error)) == NULL)
    {
      g_prefix_error (error, _("Cannot listen on %s: "), address);
      return NULL;
    }
  if (certificate != NULL)
    soup_server_set_tls_certificate (server, certificate);
  if (!soup_server_listen_socket (server, self->listening, certificate != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0, error))
    {
      g_prefix_error (error, _("Cannot listen on %s: "), address);
      return NULL;
    }

  bound_address = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (bound));
  ip = g_inet_address_to_string (bound_address);
  self->url = g_strdup_printf (g_inet_address_get_family (bound_address) == G_SOCKET_FAMILY_IPV6 ? "%s://[%s]:%u"
                                                                                                  : "%s://%s:%u",
                               certificate != NULL ? "https" : "http", ip,
                               g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  self->sweep_id = g_timeout_add (SWEEP_MS, sweep, self);
  return g_steal_pointer (&self);
}

void
sp_hub_listener_free (SpHubListener *self)
{
  GHashTableIter iter;
  Connection *connection;

  if (self == NULL)
    return;
  g_clear_handle_id (&self->sweep_id, g_source_remove);
  if (self->connections != NULL)
    {
      g_hash_table_iter_init (&iter, self->connections);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &connection))
        g_object_weak_unref (G_OBJECT (connection->socket), socket_gone, connection);
      g_hash_table_unref (self->connections);
    }
  g_clear_object (&self->listening);
  g_clear_object (&self->server);
  g_free (self->url);
  g_free (self);
}

/* "http://127.0.0.1:41234": where it listens, with the port it got. */
char *
sp_hub_listener_get_url (SpHubListener *self)
{
  return g_strdup (self->url);
}

guint
sp_hub_listener_get_n_connections (SpHubListener *self)
{
  return g_hash_table_size (self->connections);
}

/* Takes no more connections (shutting down): a new one is closed at once; those between
 * requests are closed now. */
void
sp_hub_listener_stop (SpHubListener *self)
{
  GHashTableIter iter;
  Connection *connection;

  self->stopping = TRUE;
  g_hash_table_iter_init (&iter, self->connections);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &connection))
    if (connection->waiting_since != 0)
      {
        connection->shut_down = TRUE;
        g_socket_shutdown (connection->socket, TRUE, TRUE, NULL);
      }
}

/* The hub is ready for a request on @message's connection: its headers' time starts. A
 * connection not seen before is counted. */
void
sp_hub_listener_request_started (SpHubListener     *self,
                                 SoupServerMessage *message)
{
  GSocket *socket = soup_server_message_get_socket (message);
  Connection *connection;

  if (socket == NULL)
    return;
  if ((connection = g_hash_table_lookup (self->connections, socket)) == NULL)
    {
      if (self->stopping)
        {
          g_socket_shutdown (socket, TRUE, TRUE, NULL);
          return;
        }
      connection = g_new0 (Connection, 1);
      connection->owner = self;
      connection->socket = socket;
      connection->refused = self->n_admitted >= self->max_connections;
      if (!connection->refused)
        self->n_admitted++;
      g_hash_table_insert (self->connections, socket, connection);
      g_object_weak_ref (G_OBJECT (socket), socket_gone, connection);
      g_socket_set_timeout (socket, self->idle_timeout);
    }
  connection->waiting_since = g_get_monotonic_time ();
}

static Connection *
connection_of (SpHubListener     *self,
               SoupServerMessage *message)
{
  GSocket *socket = soup_server_message_get_socket (message);

  return socket != NULL ? g_hash_table_lookup (self->connections, socket) : NULL;
}

/* The answer on @message's connection is over: the hub waits for the next request on it
 * (libsoup 3.2 may never say so with request-started). */
void
sp_hub_listener_request_over (SpHubListener     *self,
                              SoupServerMessage *message)
{
  Connection *connection = connection_of (self, message);

  if (connection != NULL)
    connection->waiting_since = g_get_monotonic_time ();
}

/* The request's headers have come. Returns whether its connection is beyond the cap, and
 * the request is to be refused (503) and the connection closed. */
gboolean
sp_hub_listener_got_headers (SpHubListener     *self,
                             SoupServerMessage *message)
{
  Connection *connection = connection_of (self, message);

  if (connection == NULL)
    return FALSE;
  connection->waiting_since = 0;
  return connection->refused;
}
