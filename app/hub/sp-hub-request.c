/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-request.c: a request as the hub's workers see it, the answer they give, and the
 * HTTP headers both read (Accept, Accept-Encoding, If-None-Match). */
#include "config.h"

#include <string.h>

#include <zlib.h>

#include "sp-hub-request.h"

void
sp_hub_request_free (SpHubRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->path);
  g_free (request->id);
  g_clear_pointer (&request->params, g_hash_table_unref);
  sp_sync_state_clear (&request->state);
  g_free (request->etag);
  g_clear_pointer (&request->now, g_date_time_unref);
  g_free (request);
}

/* @body: (transfer full) (nullable) */
SpHubResponse *
sp_hub_response_new (guint       status,
                     const char *content_type,
                     GBytes     *body)
{
  SpHubResponse *response = g_new0 (SpHubResponse, 1);

  response->status = status;
  response->content_type = content_type;
  response->body = body;
  return response;
}

SpHubResponse *
sp_hub_response_new_json (guint     status,
                          JsonNode *node)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  gsize length = 0;
  char *text;

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &length);
  return sp_hub_response_new (status, SP_HUB_JSON, g_bytes_new_take (text, length));
}

static SpHubResponse *
error_response (guint       status,
                const char *parameter,
                const char *message)
{
  g_autoptr (JsonObject) object = json_object_new ();
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  /* A message may quote what the client sent: JSON holds only UTF-8. */
  g_autofree char *valid = g_utf8_make_valid (message, -1);

  json_object_set_int_member (object, "status", status);
  json_object_set_string_member (object, "message", valid);
  if (parameter != NULL)
    {
      g_autofree char *valid_parameter = g_utf8_make_valid (parameter, -1);
      json_object_set_string_member (object, "parameter", valid_parameter);
    }
  json_node_set_object (node, object);
  return sp_hub_response_new_json (status, node);
}

/* An error with a JSON body: {"status": 404, "message": "…"}. */
SpHubResponse *
sp_hub_response_new_error (guint       status,
                           const char *format,
                           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  return error_response (status, NULL, message);
}

/* A 400 naming the parameter: {"status": 400, "message": "per_page: …", "parameter": "per_page"}. */
SpHubResponse *
sp_hub_response_new_bad_parameter (const char *name,
                                   const char *format,
                                   ...)
{
  g_autofree char *reason = NULL;
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  message = g_strdup_printf ("%s: %s", name, reason);
  return error_response (400, name, message);
}

void
sp_hub_response_free (SpHubResponse *response)
{
  if (response == NULL)
    return;
  g_clear_pointer (&response->body, g_bytes_unref);
  g_free (response->etag);
  g_free (response->allow);
  g_free (response->feed_key);
  g_clear_pointer (&response->headers, g_ptr_array_unref);
  g_free (response);
}

/* Adds a header to send with @response (a header may come more than once: Set-Cookie). */
void
sp_hub_response_add_header (SpHubResponse *response,
                            const char    *name,
                            const char    *value)
{
  if (response->headers == NULL)
    response->headers = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (response->headers, g_strdup (name));
  g_ptr_array_add (response->headers, g_strdup (value));
}

/* How much the Accept header @accept wants @type ("text/html"): the q of the most specific
 * range that matches it, 0 when none does. */
static double
quality_of (const char *accept,
            const char *type)
{
  g_auto (GStrv) ranges = g_strsplit (accept, ",", 64);
  const char *slash = strchr (type, '/');
  int best_specificity = -1;
  double best = 0;

  for (guint i = 0; ranges[i] != NULL; i++)
    {
      g_auto (GStrv) parts = g_strsplit (ranges[i], ";", 16);
      char *range = g_strstrip (parts[0]);
      double q = 1;
      int specificity;

      if (g_ascii_strcasecmp (range, type) == 0)
        specificity = 2;
      else if (g_str_has_suffix (range, "/*") && g_ascii_strncasecmp (range, type, slash - type + 1) == 0)
        specificity = 1;
      else if (g_str_equal (range, "*/*"))
        specificity = 0;
      else
        continue;
      for (guint p = 1; parts[p] != NULL; p++)
        {
          char *parameter = g_strstrip (parts[p]);
          if (g_ascii_strncasecmp (parameter, "q=", 2) == 0)
            q = CLAMP (g_ascii_strtod (parameter + 2, NULL), 0, 1);
        }
      if (specificity > best_specificity)
        {
          best_specificity = specificity;
          best = q;
        }
    }
  return best;
}

/* Whether the client would rather have a page than JSON. A browser says so (text/html,
 * with any other type lower); an API client that asks for JSON, for anything or for
 * nothing in particular gets JSON. */
gboolean
sp_hub_accept_prefers_html (const char *accept)
{
  if (accept == NULL || *accept == '\0')
    return FALSE;
  return quality_of (accept, "text/html") > quality_of (accept, "application/json");
}

/* Whether Accept-Encoding allows gzip: named (or as x-gzip, or *) with a q above 0. */
gboolean
sp_hub_accepts_gzip (const char *accept_encoding)
{
  g_auto (GStrv) codings = NULL;
  double gzip = -1, any = -1;

  if (accept_encoding == NULL)
    return FALSE;
  codings = g_strsplit (accept_encoding, ",", 64);
  for (guint i = 0; codings[i] != NULL; i++)
    {
      g_auto (GStrv) parts = g_strsplit (codings[i], ";", 16);
      char *coding = g_strstrip (parts[0]);
      double q = 1;

      for (guint p = 1; parts[p] != NULL; p++)
        {
          char *parameter = g_strstrip (parts[p]);
          if (g_ascii_strncasecmp (parameter, "q=", 2) == 0)
            q = CLAMP (g_ascii_strtod (parameter + 2, NULL), 0, 1);
        }
      if (g_ascii_strcasecmp (coding, "gzip") == 0 || g_ascii_strcasecmp (coding, "x-gzip") == 0)
        gzip = q;
      else if (g_str_equal (coding, "*"))
        any = q;
    }
  return gzip >= 0 ? gzip > 0 : any > 0;
}

/* Whether If-None-Match names @etag, or its gzip variant (what a client that was sent the
 * compressed answer holds; it holds the same information). */
gboolean
sp_hub_etag_matches (const char *if_none_match,
                     const char *etag)
{
  g_auto (GStrv) tags = NULL;
  gsize length;

  if (if_none_match == NULL || etag == NULL)
    return FALSE;
  length = strlen (etag);
  tags = g_strsplit (if_none_match, ",", 64);
  for (guint i = 0; tags[i] != NULL; i++)
    {
      const char *tag = g_strstrip (tags[i]);

      if (g_str_equal (tag, "*"))
        return TRUE;
      /* If-None-Match compares weakly (RFC 9110, 13.1.2). */
      if (g_str_has_prefix (tag, "W/"))
        tag += 2;
      if (g_str_equal (tag, etag))
        return TRUE;
      /* "…-gzip" for "…" */
      if (length >= 2 && strlen (tag) == length + 5 && strncmp (tag, etag, length - 1) == 0 &&
          strcmp (tag + length - 1, "-gzip\"") == 0)
        return TRUE;
    }
  return FALSE;
}

static GBytes *
convert (GConverter *converter,
         GBytes     *bytes)
{
  g_autoptr (GByteArray) out = g_byte_array_new ();
  const guint8 *in = g_bytes_get_data (bytes, NULL);
  gsize in_left = g_bytes_get_size (bytes);
  guint8 buffer[16384];

  for (;;)
    {
      gsize read = 0, written = 0;
      g_autoptr (GError) error = NULL;
      GConverterResult result = g_converter_convert (converter, in, in_left, buffer, sizeof buffer,
                                                     G_CONVERTER_INPUT_AT_END, &read, &written, &error);

      if (result == G_CONVERTER_ERROR)
        return NULL;
      g_byte_array_append (out, buffer, written);
      in += read;
      in_left -= read;
      if (result == G_CONVERTER_FINISHED)
        break;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* @bytes compressed with gzip, for one answer made as it is asked for. At the fastest level
 * (as nginx compresses on the fly): level 6 costs a read of the store as much again for a
 * few per cent fewer bytes. Feeds, written once and sent to many, keep level 6.
 *
 * zlib itself, with a window and a hash table no bigger than the answer needs: a service
 * is a few kilobytes, and GZlibCompressor's full 32 KB window and 64 KB table, cleared for
 * each answer, cost a fifth of a GET /services/{id}. */
GBytes *
sp_hub_gzip (GBytes *bytes)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  z_stream stream = { 0 };
  int window = 9;
  guint8 *out;
  gsize bound;

  while (window < 15 && ((gsize) 1 << window) < size)
    window++;
  /* 16 + window: a gzip header and trailer rather than zlib's. */
  if (size > G_MAXUINT32 || deflateInit2 (&stream, 1, Z_DEFLATED, 16 + window, MAX (2, window - 7), Z_DEFAULT_STRATEGY) != Z_OK)
    return NULL;
  bound = deflateBound (&stream, size);
  out = g_malloc (bound);
  stream.next_in = (Bytef *) data;
  stream.avail_in = (uInt) size;
  stream.next_out = out;
  stream.avail_out = (uInt) bound;
  if (deflate (&stream, Z_FINISH) != Z_STREAM_END)
    {
      deflateEnd (&stream);
      g_free (out);
      return NULL;
    }
  deflateEnd (&stream);
  return g_bytes_new_take (g_realloc (out, stream.total_out), stream.total_out);
}

/* @bytes, gzip, uncompressed; NULL if they are not gzip. */
GBytes *
sp_hub_gunzip (GBytes *bytes)
{
  g_autoptr (GZlibDecompressor) decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);

  return convert (G_CONVERTER (decompressor), bytes);
}
