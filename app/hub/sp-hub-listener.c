/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-listener.c: the hub's connections: accepted, counted, timed out, capped, and handed to libsoup.
 *
 * The hub accepts connections itself and hands each to libsoup (soup_server_accept_iostream)
 * so that it can count them and bound them, which libsoup does not:
 *
 * - at most max_connections at once; one more is read, answered 503 with Retry-After, and
 *   closed, without reaching libsoup;
 * - a socket silent for idle_timeout seconds while the hub waits to read or write (a client
 *   that stopped reading its answer, or sends a byte now and then) fails, and libsoup drops
 *   the connection (GSocket's timeout);
 * - a client has header_timeout seconds to send a request's headers, counted from when the
 *   hub is ready for them: a connection kept alive with nothing to ask, or one sending its
 *   headers a byte at a time, is closed then.
 *
 * With a certificate, each connection is wrapped in TLS here, before libsoup sees it.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sp-hub-listener.h"

#define BUSY_BODY "{\"status\":503,\"message\":\"The hub is at its limit of connections; try again in a few seconds.\"}"
#define BUSY_RETRY_SECONDS "5"
#define SWEEP_SECONDS 1

typedef struct
{
  SpHubListener *owner;     /* NULL once the listener is gone */
  GSocket *socket;
  char *peer;               /* "address:port", as libsoup's messages give it */
  gint64 waiting_since;     /* for a request's headers; 0 when not waiting */
} Connection;

struct _SpHubListener
{
  SoupServer *server;
  GSocketService *service;
  GTlsCertificate *certificate;
  char *url;
  guint max_connections;
  guint idle_timeout;
  guint header_timeout;
  GHashTable *connections;  /* peer -> Connection */
  guint n_refusing;
  guint sweep_id;
};

/* The key a connection and its messages share: the peer's address and port. */
static char *
peer_of (GSocketAddress *address)
{
  g_autofree char *ip = NULL;

  if (!G_IS_INET_SOCKET_ADDRESS (address))
    return NULL;
  ip = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address)));
  return g_strdup_printf ("%s:%u", ip, g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address)));
}

static void
connection_free (gpointer data)
{
  Connection *connection = data;

  g_clear_object (&connection->socket);
  g_free (connection->peer);
  g_free (connection);
}

/* libsoup let go of the connection's stream: it is over. */
static void
connection_gone (gpointer  data,
                 GObject  *stream)
{
  Connection *connection = data;

  if (connection->owner != NULL &&
      g_hash_table_lookup (connection->owner->connections, connection->peer) == connection)
    g_hash_table_remove (connection->owner->connections, connection->peer);
  else
    connection_free (connection);
}

/* ---- refusing a connection beyond the cap ------------------------------------------------ */

typedef struct
{
  SpHubListener *owner;
  GSocketConnection *connection;
  guint8 buffer[8192];
} Refusal;

static void
refusal_done (Refusal *refusal)
{
  if (refusal->owner != NULL)
    refusal->owner->n_refusing--;
  g_io_stream_close (G_IO_STREAM (refusal->connection), NULL, NULL);
  g_object_unref (refusal->connection);
  g_free (refusal);
}

static void
refusal_written (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL);
  refusal_done (data);
}

/* The request (or as much as came at once) has been read, so that closing the connection
 * does not reset it before the client reads the answer. */
static void
refusal_read (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  static const char answer[] =
    "HTTP/1.1 503 Service Unavailable\r\n"
    "Retry-After: " BUSY_RETRY_SECONDS "\r\n"
    "Content-Type: application/json\r\n"
    "Access-Control-Allow-Origin: *\r\n"
    "Cache-Control: no-store\r\n"
    "Connection: close\r\n"
    "Content-Length: %zu\r\n\r\n" BUSY_BODY;
  Refusal *refusal = data;
  g_autofree char *text = g_strdup_printf (answer, strlen (BUSY_BODY));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (refusal->connection));

  g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);
  g_output_stream_write_all_async (out, text, strlen (text), G_PRIORITY_DEFAULT, NULL, refusal_written, refusal);
  /* write_all_async copies nothing: keep the text alive with the refusal. */
  g_object_set_data_full (G_OBJECT (refusal->connection), "sp-hub-refusal", g_steal_pointer (&text), g_free);
}

static void
refuse (SpHubListener     *self,
        GSocketConnection *connection)
{
  Refusal *refusal;

  /* Refusing takes a little too: beyond as many again, connections are just closed. */
  if (self->n_refusing >= self->max_connections)
    {
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
      return;
    }
  self->n_refusing++;
  refusal = g_new0 (Refusal, 1);
  refusal->owner = self;
  refusal->connection = g_object_ref (connection);
  g_socket_set_timeout (g_socket_connection_get_socket (connection), 2);
  g_input_stream_read_async (g_io_stream_get_input_stream (G_IO_STREAM (connection)), refusal->buffer,
                             sizeof refusal->buffer, G_PRIORITY_DEFAULT, NULL, refusal_read, refusal);
}

/* ---- accepting ------------------------------------------------------------------------------ */

static gboolean
incoming (GSocketService    *service,
          GSocketConnection *socket_connection,
          GObject           *source,
          gpointer           data)
{
  SpHubListener *self = data;
  GSocket *socket = g_socket_connection_get_socket (socket_connection);
  g_autoptr (GSocketAddress) local = g_socket_connection_get_local_address (socket_connection, NULL);
  g_autoptr (GSocketAddress) remote = g_socket_connection_get_remote_address (socket_connection, NULL);
  g_autoptr (GIOStream) stream = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *peer = remote != NULL ? peer_of (remote) : NULL;
  Connection *connection, *stale = NULL;

  if (peer == NULL)
    return TRUE;
  if (g_hash_table_size (self->connections) >= self->max_connections)
    {
      refuse (self, socket_connection);
      return TRUE;
    }
  g_socket_set_timeout (socket, self->idle_timeout);
  if (self->certificate != NULL)
    {
      stream = g_tls_server_connection_new (G_IO_STREAM (socket_connection), self->certificate, &error);
      if (stream == NULL)
        {
          g_printerr ("signpost-hub: cannot start TLS: %s\n", error->message);
          return TRUE;
        }
    }
  else
    stream = G_IO_STREAM (g_object_ref (socket_connection));

  connection = g_new0 (Connection, 1);
  connection->owner = self;
  connection->socket = g_object_ref (socket);
  connection->peer = g_steal_pointer (&peer);
  connection->waiting_since = g_get_monotonic_time ();
  /* A peer's address and port name one connection at a time; an old entry whose stream
   * libsoup has not let go of yet is forgotten (its weak reference then frees it). */
  if (g_hash_table_steal_extended (self->connections, connection->peer, NULL, (gpointer *) &stale))
    stale->owner = NULL;
  g_hash_table_insert (self->connections, connection->peer, connection);
  g_object_weak_ref (G_OBJECT (stream), connection_gone, connection);
  if (!soup_server_accept_iostream (self->server, stream, local, remote, &error))
    g_printerr ("signpost-hub: cannot take a connection: %s\n", error->message);
  return TRUE;
}

/* Closes connections that have kept the hub waiting for a request's headers too long. */
static gboolean
sweep (gpointer data)
{
  SpHubListener *self = data;
  gint64 now = g_get_monotonic_time ();
  GHashTableIter iter;
  Connection *connection;

  g_hash_table_iter_init (&iter, self->connections);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &connection))
    if (connection->waiting_since != 0 &&
        now - connection->waiting_since > (gint64) self->header_timeout * G_USEC_PER_SEC)
      {
        connection->waiting_since = 0;
        g_socket_shutdown (connection->socket, TRUE, TRUE, NULL);
      }
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
  g_autoptr (GSocketAddress) effective = NULL;
  g_autofree char *ip = NULL;
  GInetSocketAddress *bound;
  GInetAddress *bound_address;

  self->server = g_object_ref (server);
  self->certificate = certificate != NULL ? g_object_ref (certificate) : NULL;
  self->max_connections = max_connections;
  self->idle_timeout = idle_timeout;
  self->header_timeout = header_timeout;
  self->connections = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, connection_free);
  self->service = g_socket_service_new ();

  if ((wanted = parse_address (address, error)) == NULL)
    return NULL;
  g_socket_listener_set_backlog (G_SOCKET_LISTENER (self->service), 1024);
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), wanted, G_SOCKET_TYPE_STREAM,
                                      G_SOCKET_PROTOCOL_TCP, NULL, &effective, error))
    {
      g_prefix_error (error, _("Cannot listen on %s: "), address);
      return NULL;
    }
  g_signal_connect (self->service, "incoming", G_CALLBACK (incoming), self);

  bound = G_INET_SOCKET_ADDRESS (effective);
  bound_address = g_inet_socket_address_get_address (bound);
  ip = g_inet_address_to_string (bound_address);
  self->url = g_strdup_printf (g_inet_address_get_family (bound_address) == G_SOCKET_FAMILY_IPV6 ? "%s://[%s]:%u"
                                                                                                  : "%s://%s:%u",
                               certificate != NULL ? "https" : "http", ip, g_inet_socket_address_get_port (bound));
  self->sweep_id = g_timeout_add_seconds (SWEEP_SECONDS, sweep, self);
  g_socket_service_start (self->service);
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
  if (self->service != NULL)
    {
      g_socket_service_stop (self->service);
      g_socket_listener_close (G_SOCKET_LISTENER (self->service));
      g_clear_object (&self->service);
    }
  /* Connections libsoup still holds free themselves when it lets go. */
  if (self->connections != NULL)
    {
      g_hash_table_iter_init (&iter, self->connections);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &connection))
        {
          connection->owner = NULL;
          g_hash_table_iter_steal (&iter);
        }
      g_hash_table_unref (self->connections);
    }
  g_clear_object (&self->certificate);
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

/* Stops accepting: the listening socket closes, connections stay. */
void
sp_hub_listener_stop (SpHubListener *self)
{
  if (self->service == NULL)
    return;
  g_socket_service_stop (self->service);
  g_socket_listener_close (G_SOCKET_LISTENER (self->service));
}

/* Closes the connections that are between requests (shutting down). */
void
sp_hub_listener_close_idle (SpHubListener *self)
{
  GHashTableIter iter;
  Connection *connection;

  g_hash_table_iter_init (&iter, self->connections);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &connection))
    if (connection->waiting_since != 0)
      g_socket_shutdown (connection->socket, TRUE, TRUE, NULL);
}

static Connection *
connection_of (SpHubListener     *self,
               SoupServerMessage *message)
{
  g_autofree char *peer = peer_of (soup_server_message_get_remote_address (message));

  return peer != NULL ? g_hash_table_lookup (self->connections, peer) : NULL;
}

/* The hub is ready for a request on @message's connection: its headers' time starts. */
void
sp_hub_listener_request_started (SpHubListener     *self,
                                 SoupServerMessage *message)
{
  Connection *connection = connection_of (self, message);

  if (connection != NULL)
    connection->waiting_since = g_get_monotonic_time ();
}

/* The request's headers have come. */
void
sp_hub_listener_got_headers (SpHubListener     *self,
                             SoupServerMessage *message)
{
  Connection *connection = connection_of (self, message);

  if (connection != NULL)
    connection->waiting_since = 0;
}
