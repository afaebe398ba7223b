/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-sync-client.c: keeping a copy of the directory current from a hub.
 *
 * A round asks the hub for what changed after the last change this copy holds
 * (sp-sync-feed.c describes the feed), with the entity tag of the last feed so that an
 * unchanged hub answers 304 and nothing more. The feed is downloaded to a temporary file
 * first, outside any lock, and applied only once it is all there: in one transaction
 * through the directory's write path, which the search index follows, together with the
 * record of the change it now holds. So whatever goes wrong — no network, a hub that dies
 * mid-stream, a truncated or corrupt answer, a web page where a feed should be — the copy
 * stays as it was and the next round starts from there. Offline is normal for a kiosk:
 * each failed round is only noted, for the window to say when the copy was last current.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "sp-import-private.h"
#include "sp-sync-client.h"
#include "sp-sync-feed.h"

G_DEFINE_QUARK (sp-sync-error-quark, sp_sync_error)

/* No single line of a feed (one service) is bigger than this. */
#define MAX_LINE_BYTES (8 * 1024 * 1024)
/* Seconds without a byte from the hub before a round gives up. */
#define NETWORK_TIMEOUT_SECONDS 60

static char *
now_text (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/**
 * sp_sync_normalise_url:
 * @hub_url: what a person typed, such as "https://hub.example.org/"
 *
 * Returns: (transfer full): the hub's address as rounds use it (no trailing slash), or
 *   %NULL with @error set when it is not an http or https address
 */
char *
sp_sync_normalise_url (const char *hub_url,
                       GError    **error)
{
  g_autoptr (GUri) uri = NULL;
  g_autofree char *text = NULL;
  gsize length;

  g_return_val_if_fail (hub_url != NULL, NULL);

  uri = g_uri_parse (hub_url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 && g_strcmp0 (g_uri_get_scheme (uri), "https") != 0) ||
      g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL || g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error (error, SP_SYNC_ERROR, SP_SYNC_ERROR_BAD_URL,
                   _("“%s” is not a hub's address: give one such as https://hub.example.org"), hub_url);
      return NULL;
    }
  text = g_uri_to_string (uri);
  length = strlen (text);
  while (length > 0 && text[length - 1] == '/')
    text[--length] = '\0';
  return g_steal_pointer (&text);
}

/* ---- downloading ------------------------------------------------------------------- */

typedef struct
{
  guint status;
  char *etag;
  GFile *file;       /* (nullable) the feed, downloaded whole */
  guint64 bytes;
} Download;

static void
download_clear (Download *download)
{
  if (download->file != NULL)
    g_file_delete (download->file, NULL, NULL);
  g_clear_object (&download->file);
  g_clear_pointer (&download->etag, g_free);
}

static void
set_unreachable (GError    **error,
                 const char *url,
                 GError     *cause)
{
  g_set_error (error, SP_SYNC_ERROR, SP_SYNC_ERROR_UNREACHABLE, _("Could not reach the hub at %s: %s"), url,
               cause->message);
}

/* GETs the feed after @known (all of it when @known has none) into a temporary file. */
static gboolean
download (const char         *url,
          const SpSyncSource *known,
          gboolean            whole,
          GCancellable       *cancellable,
          Download           *result,
          GError            **error)
{
  g_autoptr (SoupSession) session = NULL;
  g_autoptr (SoupMessage) message = NULL;
  g_autoptr (GInputStream) body = NULL;
  g_autoptr (GFileIOStream) io = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *request = NULL;
  g_autofree char *escaped_token = NULL;
  const char *content_type;
  SoupMessageHeaders *headers;
  gssize copied;

  if (whole || known->store_id == NULL || known->seq <= 0)
    request = g_strdup_printf ("%s/sync?since=0", url);
  else
    {
      escaped_token = g_uri_escape_string (known->token != NULL ? known->token : "", NULL, FALSE);
      request = g_strdup_printf ("%s/sync?since=%" G_GINT64_FORMAT "&token=%s", url, known->seq, escaped_token);
    }
  session = soup_session_new_with_options ("timeout", NETWORK_TIMEOUT_SECONDS, "idle-timeout", NETWORK_TIMEOUT_SECONDS,
                                           "user-agent", "Signpost/" PACKAGE_VERSION " ", NULL);
  message = soup_message_new (SOUP_METHOD_GET, request);
  if (message == NULL)
    {
      g_set_error (error, SP_SYNC_ERROR, SP_SYNC_ERROR_BAD_URL, _("“%s” is not a hub's address"), url);
      return FALSE;
    }
  headers = soup_message_get_request_headers (message);
  soup_message_headers_replace (headers, "Accept", SP_SYNC_FEED_CONTENT_TYPE);
  if (!whole && known->etag != NULL && known->seq > 0)
    soup_message_headers_replace (headers, "If-None-Match", known->etag);

  body = soup_session_send (session, message, cancellable, &local_error);
  if (body == NULL)
    {
      set_unreachable (error, url, local_error);
      return FALSE;
    }
  result->status = soup_message_get_status (message);
  result->etag = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (message), "ETag"));
  if (result->status == SOUP_STATUS_NOT_MODIFIED)
    return TRUE;
  if (!SOUP_STATUS_IS_SUCCESSFUL (result->status))
    {
      g_set_error (error, SP_SYNC_ERROR, SP_SYNC_ERROR_HTTP, _("The hub at %s answered “%u %s”."), url,
                   result->status, soup_message_get_reason_phrase (message));
      return FALSE;
    }
  content_type = soup_message_headers_get_content_type (soup_message_get_response_headers (message), NULL);
  if (g_strcmp0 (content_type, SP_SYNC_FEED_CONTENT_TYPE) != 0)
    {
      g_set_error (error, SP_SYNC_ERROR, SP_SYNC_ERROR_NOT_A_FEED,
                   _("The hub at %s answered with %s, not a Signpost sync feed. Check the hub's address."),
                   url, content_type != NULL ? content_type : _("nothing it named"));
      return FALSE;
    }

  result->file = g_file_new_tmp ("signpost-sync-XXXXXX.ndjson", &io, error);
  if (result->file == NULL)
    return FALSE;
  copied = g_output_stream_splice (g_io_stream_get_output_stream (G_IO_STREAM (io)), body,
                                   G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                   cancellable, &local_error);
  if (copied < 0)
    {
      g_set_error (error, SP_SYNC_ERROR, SP_SYNC_ERROR_INCOMPLETE,
                   _("The hub at %s stopped part-way through its answer: %s"), url, local_error->message);
      return FALSE;
    }
  result->bytes = copied;
  return TRUE;
}

/* ---- applying ------------------------------------------------------------------------ */

typedef struct
{
  const char *url;
  const SpSyncSource *known;
  GFile *file;
  const char *etag;
  GCancellable *cancellable;
  gboolean mismatch;   /* a partial feed, but not after the change this copy holds */
  /* From the feed's header. */
  char *store_id;
  gint64 since;
  gint64 seq;
  char *token;
  gboolean full;
  guint written;
  guint removed;
} Apply;

static gboolean
feed_error (GError    **error,
            Apply      *apply,
            guint       line,
            const char *why)
{
  g_set_error (error, SP_SYNC_ERROR, SP_SYNC_ERROR_NOT_A_FEED,
               _("The feed from the hub at %s is not one Signpost can use (line %u: %s)."), apply->url, line, why);
  return FALSE;
}

/* The line's JSON object, or NULL (an empty line ends the feed). */
static JsonObject *
read_object (GDataInputStream *in,
             Apply            *apply,
             guint             line,
             char            **text_out,
             GError          **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autofree char *text = NULL;
  gsize length = 0;
  JsonNode *root;

  text = g_data_input_stream_read_line_utf8 (in, &length, apply->cancellable, &local_error);
  if (local_error != NULL)
    {
      feed_error (error, apply, line, local_error->message);
      return NULL;
    }
  if (text == NULL || length == 0)
    return NULL;
  if (length > MAX_LINE_BYTES)
    {
      feed_error (error, apply, line, _("a record is too large"));
      return NULL;
    }
  if (!json_parser_load_from_data (parser, text, length, &local_error) ||
      !JSON_NODE_HOLDS_OBJECT (root = json_parser_get_root (parser)))
    {
      feed_error (error, apply, line, local_error != NULL ? local_error->message : _("not a JSON object"));
      return NULL;
    }
  if (text_out != NULL)
    *text_out = g_steal_pointer (&text);
  return json_object_ref (json_node_get_object (root));
}

static gboolean
read_header (GDataInputStream *in,
             Apply            *apply,
             GError          **error)
{
  g_autoptr (JsonObject) header = read_object (in, apply, 1, NULL, error);

  if (header == NULL)
    return error != NULL && *error != NULL ? FALSE : feed_error (error, apply, 1, _("it is empty"));
  if (json_object_get_int_member_with_default (header, "signpost_sync", 0) != SP_SYNC_FEED_VERSION ||
      json_object_get_string_member_with_default (header, "store", NULL) == NULL ||
      json_object_get_string_member_with_default (header, "token", NULL) == NULL ||
      json_object_get_int_member_with_default (header, "seq", -1) < 0)
    return feed_error (error, apply, 1, _("it does not start as a sync feed does"));
  apply->store_id = g_strdup (json_object_get_string_member (header, "store"));
  apply->token = g_strdup (json_object_get_string_member (header, "token"));
  apply->seq = json_object_get_int_member (header, "seq");
  apply->since = json_object_get_int_member_with_default (header, "since", 0);
  apply->full = json_object_get_boolean_member_with_default (header, "full", FALSE);
  return TRUE;
}

/* The end line: its figures must be what came. */
static gboolean
check_end (JsonObject *end,
           Apply      *apply,
           guint       line,
           GError    **error)
{
  if (json_object_get_int_member_with_default (end, "seq", -1) != apply->seq ||
      json_object_get_int_member_with_default (end, "services", -1) != apply->written ||
      json_object_get_int_member_with_default (end, "removed", -1) != apply->removed)
    {
      g_set_error (error, SP_SYNC_ERROR, SP_SYNC_ERROR_INCOMPLETE,
                   _("The feed from the hub at %s does not add up (line %u): nothing was changed."),
                   apply->url, line);
      return FALSE;
    }
  return TRUE;
}

/* Applies every line after the header inside @import's transaction. */
static gboolean
apply_lines (SpImport         *import,
             GDataInputStream *in,
             Apply            *apply,
             GError          **error)
{
  for (guint line = 2;; line++)
    {
      g_autofree char *text = NULL;
      g_autoptr (JsonObject) object = read_object (in, apply, line, &text, error);
      JsonNode *member;

      if (object == NULL && error != NULL && *error != NULL)
        return FALSE;
      if (object == NULL)
        {
          g_set_error (error, SP_SYNC_ERROR, SP_SYNC_ERROR_INCOMPLETE,
                       _("The feed from the hub at %s ends part-way (after line %u): nothing was changed."),
                       apply->url, line - 1);
          return FALSE;
        }
      if ((member = json_object_get_member (object, "service")) != NULL && JSON_NODE_HOLDS_OBJECT (member))
        {
          g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
          SpServiceOutcome outcome = sp_import_service (import, json_node_get_object (member), hash);

          import->report->imported += outcome == SP_SERVICE_NEW;
          import->report->updated += outcome == SP_SERVICE_CHANGED;
          import->report->unchanged += outcome == SP_SERVICE_SAME;
          apply->written++;
        }
      else if ((member = json_object_get_member (object, "removed")) != NULL &&
               JSON_NODE_HOLDS_VALUE (member) && json_node_get_value_type (member) == G_TYPE_STRING)
        {
          sp_import_remove_service (import, json_node_get_string (member));
          apply->removed++;
        }
      else if ((member = json_object_get_member (object, "end")) != NULL && JSON_NODE_HOLDS_OBJECT (member))
        return check_end (json_node_get_object (member), apply, line, error);
      else
        return feed_error (error, apply, line, _("a line that is neither a service, a removal nor the end"));
      if (sp_import_failed (import))
        return sp_import_take_failure (import, error);
      if (line % 500 == 0 && g_cancellable_set_error_if_cancelled (apply->cancellable, error))
        return FALSE;
    }
}

/* The feed's lines into @import (started), and where the copy now stands; finished. */
static gboolean
apply_import (SpImport          *import,
              SpStore           *store,
              GDataInputStream  *in,
              Apply             *apply,
              const char        *now,
              GError           **error)
{
  SpSyncSource source = { 0 };

  if (!apply_lines (import, in, apply, error))
    {
      sp_import_abandon (import);
      return FALSE;
    }
  /* The whole directory: what it no longer lists is gone from the hub. */
  if (apply->full)
    sp_import_remove_unseen (import);

  source.url = (char *) apply->url;
  source.store_id = apply->store_id;
  source.seq = apply->seq;
  source.token = apply->token;
  source.etag = (char *) apply->etag;
  source.last_success_at = (char *) now;
  source.last_attempt_at = (char *) now;
  if (!sp_store_put_sync_source (store, &source, error))
    {
      sp_import_abandon (import);
      return FALSE;
    }
  return sp_import_finish (import, error);
}

/* The round's import (an SpDirectoryImportFunc): the feed, in one transaction. */
static gboolean
apply_feed (SpStore          *store,
            gpointer          user_data,
            SpImportReport  **report,
            GError          **error)
{
  Apply *apply = user_data;
  g_autoptr (GFileInputStream) file_in = NULL;
  g_autoptr (GDataInputStream) in = NULL;
  g_autoptr (SpImport) import = NULL;
  g_autofree char *now = now_text ();
  gboolean ok;

  if ((file_in = g_file_read (apply->file, apply->cancellable, error)) == NULL)
    return FALSE;
  in = g_data_input_stream_new (G_INPUT_STREAM (file_in));
  g_buffered_input_stream_set_buffer_size (G_BUFFERED_INPUT_STREAM (in), 256 * 1024);
  if (!read_header (in, apply, error))
    return FALSE;
  if (!apply->full && (g_strcmp0 (apply->store_id, apply->known->store_id) != 0 || apply->since != apply->known->seq))
    {
      apply->mismatch = TRUE;
      g_set_error (error, SP_SYNC_ERROR, SP_SYNC_ERROR_INCOMPLETE,
                   _("The hub at %s sent changes after another change than this copy holds."), apply->url);
      return FALSE;
    }

  import = sp_import_new (store, SP_IMPORT_FLAGS_NONE, apply->cancellable);
  /* A copy kept by sync is searched, not served: the hub's ready JSON is not written. */
  sp_store_set_keep_documents (store, FALSE);
  ok = sp_import_start (import, apply->url, "Signpost hub", error) && apply_import (import, store, in, apply, now, error);
  sp_store_set_keep_documents (store, TRUE);
  if (!ok)
    return FALSE;
  *report = g_steal_pointer (&import->report);
  return TRUE;
}

static void
apply_clear (Apply *apply)
{
  g_clear_pointer (&apply->store_id, g_free);
  g_clear_pointer (&apply->token, g_free);
}

/* ---- a round ------------------------------------------------------------------------- */

static void
note_attempt (SpStore    *store,
              const char *url,
              GError     *problem)
{
  g_autofree char *now = now_text ();

  /* Only for the window's "last updated"; a store that cannot even take this is no worse off. */
  sp_store_note_sync_attempt (store, url, now, problem != NULL ? problem->message : NULL, NULL);
}

/**
 * sp_sync_round:
 * @hub_url: the hub, as http://… or https://…
 * @report: (out caller-allocates) (optional): what the round did
 *
 * Brings @directory's copy up to date with the hub, in one transaction through the
 * directory's write path (the search index follows). On any failure nothing changes and
 * the next round starts from the same place; the failure is noted for the window.
 *
 * Returns: %FALSE with @error set (%SP_SYNC_ERROR and others) when the copy could not be
 *   brought up to date
 */
gboolean
sp_sync_round (SpDirectory   *directory,
               const char    *hub_url,
               GCancellable  *cancellable,
               SpSyncReport  *report,
               GError       **error)
{
  g_autofree char *url = NULL;
  g_auto (SpSyncSource) known = { 0 };
  g_autoptr (GError) local_error = NULL;
  SpStore *store;
  SpSyncReport done = { 0 };
  gboolean whole = FALSE;

  g_return_val_if_fail (SP_IS_DIRECTORY (directory), FALSE);
  g_return_val_if_fail (hub_url != NULL, FALSE);

  if ((url = sp_sync_normalise_url (hub_url, error)) == NULL)
    return FALSE;
  store = sp_directory_get_store (directory);
  if (!sp_store_get_sync_source (store, url, &known, error))
    return FALSE;

  for (int attempt = 0; attempt < 2; attempt++)
    {
      Download fetched = { 0 };
      Apply apply = { url, &known, NULL, NULL, cancellable };
      g_autoptr (SpImportReport) imported = NULL;
      gboolean ok;

      ok = download (url, &known, whole, cancellable, &fetched, &local_error);
      if (ok && fetched.status == SOUP_STATUS_NOT_MODIFIED)
        {
          download_clear (&fetched);
          note_attempt (store, url, NULL);
          done.unchanged = TRUE;
          done.seq = known.seq;
          break;
        }
      if (ok)
        {
          apply.file = fetched.file;
          apply.etag = fetched.etag;
          done.bytes += fetched.bytes;
          ok = sp_directory_import_with (directory, apply_feed, &apply, NULL, NULL, &imported, &local_error);
        }
      download_clear (&fetched);
      /* Changes after another change than this copy holds (another hub at the same
       * address, say): start afresh with the whole directory. */
      if (!ok && attempt == 0 && apply.mismatch)
        {
          apply_clear (&apply);
          g_clear_error (&local_error);
          whole = TRUE;
          continue;
        }
      if (!ok && !(imported != NULL && g_error_matches (local_error, SP_DIRECTORY_ERROR, SP_DIRECTORY_ERROR_INDEX_BEHIND)))
        {
          apply_clear (&apply);
          note_attempt (store, url, local_error);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      done.full = apply.full;
      done.seq = apply.seq;
      done.written = imported->imported + imported->updated;
      done.removed = imported->removed->len;
      apply_clear (&apply);
      break;
    }
  if (report != NULL)
    *report = done;
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* "today at 10:42", "yesterday at 18:00" or "on 3 December at 09:15", in local time;
 * NULL for a time that cannot be read. A time ahead of @now (a clock that jumped) is
 * given as a date too. */
static char *
describe_moment (const char *iso,
                 GDateTime  *now)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) when_utc = g_date_time_new_from_iso8601 (iso, utc);
  g_autoptr (GDateTime) when = NULL;
  g_autoptr (GDateTime) yesterday = NULL;
  g_autofree char *clock = NULL;
  g_autofree char *date = NULL;

  if (when_utc == NULL)
    return NULL;
  when = g_date_time_to_timezone (when_utc, g_date_time_get_timezone (now));
  yesterday = g_date_time_add_days (now, -1);
  clock = g_date_time_format (when, "%H:%M");
  if (g_date_time_get_year (when) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
    /* Translators: when the directory was updated: "today at 10:42". */
    return g_strdup_printf (_("today at %s"), clock);
  if (g_date_time_get_year (when) == g_date_time_get_year (yesterday) &&
      g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (yesterday))
    /* Translators: "yesterday at 18:00". */
    return g_strdup_printf (_("yesterday at %s"), clock);
  /* Translators: a date as in "on 3 December at 09:15"; see strftime for the codes. */
  date = g_date_time_format (when, _("%-d %B"));
  /* Translators: "on 3 December at 09:15". */
  return g_strdup_printf (_("on %s at %s"), date, clock);
}

/**
 * sp_sync_describe:
 * @source: what the copy knows of its hub (sp_store_get_sync_source())
 * @now: the moment to describe it from, local time
 *
 * A line for the window, quiet whatever happened: "Directory updated today at 10:42 from
 * hub.example.org", or, after a failed round, "Could not reach hub.example.org at 10:45;
 * showing the directory as it was today at 09:15".
 *
 * Returns: (transfer full) (nullable): the line, or %NULL when the copy has never synced
 */
char *
sp_sync_describe (const SpSyncSource *source,
                  GDateTime          *now)
{
  g_autoptr (GUri) uri = NULL;
  g_autofree char *success = NULL;
  g_autofree char *attempt = NULL;
  const char *host;

  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (source->url == NULL)
    return NULL;
  uri = g_uri_parse (source->url, G_URI_FLAGS_NONE, NULL);
  host = uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : source->url;
  success = source->last_success_at != NULL ? describe_moment (source->last_success_at, now) : NULL;
  attempt = source->last_attempt_at != NULL ? describe_moment (source->last_attempt_at, now) : NULL;
  if (source->last_error == NULL && success != NULL)
    /* Translators: "Directory updated today at 10:42 from hub.example.org". */
    return g_strdup_printf (_("Directory updated %s from %s"), success, host);
  if (success != NULL)
    /* Translators: "Could not reach hub.example.org today at 10:45; showing the directory as
     * it was today at 09:15". */
    return g_strdup_printf (_("Could not reach %s %s; showing the directory as it was %s"), host,
                            attempt != NULL ? attempt : "", success);
  return g_strdup_printf (_("Could not reach %s yet; showing the directory this computer has"), host);
}
