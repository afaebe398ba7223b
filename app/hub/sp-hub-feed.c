/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-feed.c: feeds written once to a file of the hub's and streamed from it to every client.
 *
 * A full sync feed of 100 000 services is some 280 MB of JSON: held in memory it would
 * be the hub's whole budget, and written anew for each fresh client it would be 15 s of a
 * core each time. So each feed (the sync feed after a given change, as of the store's
 * state; an ndjson list) is written once, gzipped, by a thread of its own into the hub's
 * feed folder, and streamed from that file to every client that asks for it, while it is
 * still being written and afterwards, until the directory changes. A client that takes
 * gzip gets the file's bytes as they are; another gets them uncompressed on the way.
 *
 * A client is sent a chunk at a time, the next when libsoup has written the last one, so
 * a slow client holds one chunk of memory, not its feed. A feed that fails part-way (the
 * store cannot be read, the disk is full) ends its answers without their last chunk, and
 * a sync client sees a feed cut short, which it never applies.
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "sp-hub-feed.h"

#define CHUNK_BYTES (64 * 1024)
/* How often a client that has caught up with a feed still being written looks again. */
#define POLL_MS 40

typedef struct
{
  gint ref_count;
  SpHubFeeds *owner;       /* NULL once retired (the directory changed, or room was needed) */
  char *key;
  char *state;
  char *path;              /* the whole feed, once written */
  char *part_path;         /* while it is written */
  gboolean complete;
  gboolean failed;
  goffset size;
  guint readers;
  GList *waiting;          /* (element-type Reader) readers caught up with the writer, looking again in POLL_MS */
  gint64 last_used;
} Feed;

struct _SpHubFeeds
{
  char *folder;
  guint64 max_bytes;
  GHashTable *feeds;       /* key -> Feed */
  char *state;
  GThreadPool *writers;
  GMainContext *context;
  guint writing;
  GCancellable *closing;   /* cancelled when the feeds go: writers stop */
};

typedef struct
{
  Feed *feed;
  SpHubFeeds *feeds;
  GOutputStream *file;
  SpHubFeedWriter writer;
  SpHubRequest *request;
  GError *error;
} WriteJob;

typedef struct
{
  Feed *feed;
  SoupServerMessage *message;
  GInputStream *file;
  GConverter *decompressor;   /* (nullable) for a client that takes no gzip */
  gboolean in_flight;         /* a chunk is waiting to be written */
  gboolean done;
  guint poll_id;
  guint64 sent;
  gulong wrote_handler;
  gulong finished_handler;
  SpHubFeedDone callback;
  gpointer user_data;
} Reader;

static Feed *
feed_ref (Feed *feed)
{
  g_atomic_int_inc (&feed->ref_count);
  return feed;
}

static void
feed_unref (Feed *feed)
{
  if (!g_atomic_int_dec_and_test (&feed->ref_count))
    return;
  g_free (feed->key);
  g_free (feed->state);
  g_free (feed->path);
  g_free (feed->part_path);
  g_free (feed);
}

/* Takes the feed out of use: no client is sent it again. Its files go; a client reading it
 * (or a thread writing it) keeps its open file to the end. */
static void
feed_retire (Feed *feed)
{
  if (feed->owner == NULL)
    return;
  feed->owner = NULL;
  g_unlink (feed->complete ? feed->path : feed->part_path);
}

static void
remove_all_in (const char *folder)
{
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      if (g_str_has_suffix (name, ".gz") || g_str_has_suffix (name, ".part"))
        g_unlink (path);
    }
}

static void write_feed (gpointer data, gpointer user_data);

/*
 * sp_hub_feeds_new:
 * @folder: the hub's own folder for feeds (created; what an earlier run left is removed)
 * @max_bytes: how much disk whole feeds may take before the least used go
 * @max_writers: how many feeds are written at once
 */
SpHubFeeds *
sp_hub_feeds_new (const char *folder,
                  guint64     max_bytes,
                  guint       max_writers,
                  GError    **error)
{
  g_autoptr (SpHubFeeds) self = g_new0 (SpHubFeeds, 1);

  self->folder = g_strdup (folder);
  self->max_bytes = max_bytes;
  self->feeds = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) feed_unref);
  self->context = g_main_context_ref_thread_default ();
  self->closing = g_cancellable_new ();
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Cannot create the hub's feed folder %s: %s", folder, g_strerror (saved));
      return NULL;
    }
  remove_all_in (folder);
  if ((self->writers = g_thread_pool_new (write_feed, self, max_writers, FALSE, error)) == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

void
sp_hub_feeds_free (SpHubFeeds *self)
{
  GHashTableIter iter;
  Feed *feed;

  if (self == NULL)
    return;
  /* Feeds being written stop (a full sync takes a while) and their threads post back to
   * this context. */
  g_cancellable_cancel (self->closing);
  if (self->writers != NULL)
    g_thread_pool_free (self->writers, FALSE, TRUE);
  while (self->writing > 0)
    g_main_context_iteration (self->context, TRUE);
  g_hash_table_iter_init (&iter, self->feeds);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &feed))
    feed_retire (feed);
  g_hash_table_unref (self->feeds);
  g_main_context_unref (self->context);
  g_clear_object (&self->closing);
  g_free (self->folder);
  g_free (self->state);
  g_free (self);
}

guint
sp_hub_feeds_get_n_writing (SpHubFeeds *self)
{
  return self->writing;
}

/* The directory is now at @state: feeds of any other state are retired. */
void
sp_hub_feeds_set_state (SpHubFeeds *self,
                        const char *state)
{
  GHashTableIter iter;
  Feed *feed;

  if (g_strcmp0 (self->state, state) == 0)
    return;
  g_free (self->state);
  self->state = g_strdup (state);
  g_hash_table_iter_init (&iter, self->feeds);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &feed))
    if (g_strcmp0 (feed->state, state) != 0)
      {
        feed_retire (feed);
        g_hash_table_iter_remove (&iter);
      }
}

/* Retires the least used whole feeds no client is reading until what remains fits. */
static void
make_room (SpHubFeeds *self)
{
  for (;;)
    {
      GHashTableIter iter;
      Feed *feed, *oldest = NULL;
      guint64 total = 0;

      g_hash_table_iter_init (&iter, self->feeds);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &feed))
        {
          if (!feed->complete)
            continue;
          total += feed->size;
          if (feed->readers == 0 && (oldest == NULL || feed->last_used < oldest->last_used))
            oldest = feed;
        }
      if (total <= self->max_bytes || oldest == NULL)
        return;
      feed_retire (oldest);
      g_hash_table_remove (self->feeds, oldest->key);
    }
}

/* ---- writing, in a thread of the pool ------------------------------------------------- */

static void wake_waiting (Feed *feed);

static gboolean
feed_written (gpointer data)
{
  WriteJob *job = data;
  Feed *feed = job->feed;
  SpHubFeeds *self = job->feeds;
  GStatBuf st;

  self->writing--;
  if (job->error != NULL)
    {
      if (!g_error_matches (job->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_printerr ("signpost-hub: writing the feed for %s failed: %s\n", job->request->path, job->error->message);
      feed->failed = TRUE;
      if (feed->owner != NULL)
        {
          feed_retire (feed);
          g_hash_table_remove (self->feeds, feed->key);
        }
    }
  else if (feed->owner == NULL)
    g_unlink (feed->part_path);
  else if (g_rename (feed->part_path, feed->path) != 0 || g_stat (feed->path, &st) != 0)
    {
      int saved = errno;
      g_printerr ("signpost-hub: keeping the feed for %s failed: %s\n", job->request->path, g_strerror (saved));
      feed->failed = TRUE;
      feed_retire (feed);
      g_hash_table_remove (self->feeds, feed->key);
    }
  else
    {
      feed->size = st.st_size;
      feed->complete = TRUE;
      make_room (self);
    }
  /* Readers caught up with it look again now, not at their next look (POLL_MS): a small
   * feed (a kiosk's delta after one change) is whole long before that. */
  wake_waiting (feed);
  feed_unref (feed);
  g_clear_error (&job->error);
  sp_hub_request_free (job->request);
  g_free (job);
  return G_SOURCE_REMOVE;
}

static void
write_feed (gpointer data,
            gpointer user_data)
{
  WriteJob *job = data;
  g_autoptr (GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6);
  g_autoptr (GOutputStream) out = g_converter_output_stream_new (job->file, G_CONVERTER (compressor));
  gboolean ok;

  ok = job->writer (job->request, out, job->feeds->closing, &job->error) &&
       g_output_stream_close (out, job->feeds->closing, &job->error);
  if (!ok)
    g_output_stream_close (out, NULL, NULL);
  g_clear_object (&job->file);
  g_main_context_invoke (job->feeds->context, feed_written, job);
}

/* Starts writing @key's feed; NULL (the error printed) when its file cannot be created. */
static Feed *
start_feed (SpHubFeeds      *self,
            const char      *key,
            SpHubFeedWriter  writer,
            SpHubRequest    *request)
{
  g_autofree char *name = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  g_autofree char *part_name = g_strconcat (name, ".part", NULL);
  g_autofree char *whole_name = g_strconcat (name, ".gz", NULL);
  g_autoptr (GFile) part = NULL;
  g_autoptr (GError) error = NULL;
  GFileOutputStream *file;
  Feed *feed;
  WriteJob *job;

  feed = g_new0 (Feed, 1);
  feed->ref_count = 1;
  feed->owner = self;
  feed->key = g_strdup (key);
  feed->state = g_strdup (self->state);
  feed->path = g_build_filename (self->folder, whole_name, NULL);
  feed->part_path = g_build_filename (self->folder, part_name, NULL);
  feed->last_used = g_get_monotonic_time ();
  part = g_file_new_for_path (feed->part_path);
  /* Created in place (g_file_replace() would write elsewhere and rename at the end), so
   * that clients can read it while it is written. */
  g_unlink (feed->part_path);
  if ((file = g_file_create (part, G_FILE_CREATE_PRIVATE, NULL, &error)) == NULL)
    {
      g_printerr ("signpost-hub: cannot write a feed in %s: %s\n", self->folder, error->message);
      feed_unref (feed);
      sp_hub_request_free (request);
      return NULL;
    }
  g_hash_table_insert (self->feeds, feed->key, feed);

  job = g_new0 (WriteJob, 1);
  job->feed = feed_ref (feed);
  job->feeds = self;
  job->file = G_OUTPUT_STREAM (file);
  job->writer = writer;
  job->request = request;
  self->writing++;
  g_thread_pool_push (self->writers, job, NULL);
  return feed;
}

/* ---- reading, in the server's thread ---------------------------------------------------- */

static void pump (Reader *reader);

static void
reader_free (Reader *reader)
{
  reader->feed->waiting = g_list_remove (reader->feed->waiting, reader);
  g_clear_handle_id (&reader->poll_id, g_source_remove);
  g_clear_signal_handler (&reader->wrote_handler, reader->message);
  g_clear_signal_handler (&reader->finished_handler, reader->message);
  g_clear_object (&reader->file);
  g_clear_object (&reader->decompressor);
  reader->feed->readers--;
  feed_unref (reader->feed);
  g_object_unref (reader->message);
  g_free (reader);
}

static void
reader_end (Reader  *reader,
            gboolean complete)
{
  if (reader->done)
    return;
  reader->done = TRUE;
  if (reader->callback != NULL)
    reader->callback (reader->message, reader->sent, complete, reader->user_data);
  reader_free (reader);
}

/* Ends the answer without its last chunk: the client sees it cut short. */
static void
reader_abort (Reader *reader)
{
  g_autoptr (GIOStream) connection = soup_server_message_steal_connection (reader->message);

  if (connection != NULL)
    g_io_stream_close (connection, NULL, NULL);
  reader_end (reader, FALSE);
}

static gboolean
poll_again (gpointer data)
{
  Reader *reader = data;

  reader->poll_id = 0;
  reader->feed->waiting = g_list_remove (reader->feed->waiting, reader);
  pump (reader);
  return G_SOURCE_REMOVE;
}

/* The feed's writer finished (or failed): its waiting readers look at once. */
static void
wake_waiting (Feed *feed)
{
  while (feed->waiting != NULL)
    {
      Reader *reader = feed->waiting->data;

      feed->waiting = g_list_delete_link (feed->waiting, feed->waiting);
      g_clear_handle_id (&reader->poll_id, g_source_remove);
      pump (reader);
    }
}

static void
wrote_chunk (SoupServerMessage *message,
             gpointer           data)
{
  Reader *reader = data;

  reader->in_flight = FALSE;
  pump (reader);
}

static void
message_finished (SoupServerMessage *message,
                  gpointer           data)
{
  reader_end (data, FALSE);
}

/* Sends what there is (uncompressed on the way for a client that takes no gzip). */
static void
send_bytes (Reader       *reader,
            const guint8 *data,
            gsize         length,
            gboolean      at_end)
{
  SoupMessageBody *body = soup_server_message_get_response_body (reader->message);
  g_autoptr (GByteArray) out = NULL;

  if (reader->decompressor == NULL)
    {
      if (length > 0)
        {
          soup_message_body_append (body, SOUP_MEMORY_COPY, data, length);
          reader->sent += length;
          reader->in_flight = TRUE;
        }
      return;
    }
  out = g_byte_array_new ();
  for (;;)
    {
      guint8 buffer[CHUNK_BYTES];
      gsize read = 0, written = 0;
      g_autoptr (GError) error = NULL;
      GConverterResult result = g_converter_convert (reader->decompressor, data, length, buffer, sizeof buffer,
                                                     at_end ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_NO_FLAGS,
                                                     &read, &written, &error);

      if (result == G_CONVERTER_ERROR && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
        break;
      g_byte_array_append (out, buffer, written);
      data += read;
      length -= read;
      if (result == G_CONVERTER_FINISHED || result == G_CONVERTER_ERROR || (length == 0 && written < sizeof buffer))
        break;
    }
  if (out->len > 0)
    {
      soup_message_body_append (body, SOUP_MEMORY_COPY, out->data, out->len);
      reader->sent += out->len;
      reader->in_flight = TRUE;
    }
}

/* Sends the next chunk the file has, ends the answer when the feed is whole and all sent,
 * or looks again shortly when the client has caught up with a feed still being written. */
static void
pump (Reader *reader)
{
  Feed *feed = reader->feed;
  guint8 buffer[CHUNK_BYTES];
  gssize n;

  if (reader->done || reader->in_flight || reader->poll_id != 0)
    return;
  if (feed->failed)
    {
      reader_abort (reader);
      return;
    }
  if (reader->file == NULL)
    {
      g_autoptr (GFile) file = g_file_new_for_path (feed->complete ? feed->path : feed->part_path);
      g_autoptr (GError) error = NULL;

      if ((reader->file = G_INPUT_STREAM (g_file_read (file, NULL, &error))) == NULL)
        {
          g_printerr ("signpost-hub: cannot read a feed: %s\n", error->message);
          reader_abort (reader);
          return;
        }
    }
  /* Whether the feed was whole before this read: then a short read is its end. */
  {
    gboolean was_complete = feed->complete;

    n = g_input_stream_read (reader->file, buffer, sizeof buffer, NULL, NULL);
    if (n < 0)
      {
        reader_abort (reader);
        return;
      }
    if (n > 0)
      send_bytes (reader, buffer, n, FALSE);
    if (n == 0 && was_complete)
      {
        send_bytes (reader, NULL, 0, TRUE);
        soup_message_body_complete (soup_server_message_get_response_body (reader->message));
        soup_server_message_unpause (reader->message);
        reader_end (reader, TRUE);
        return;
      }
  }
  if (reader->in_flight)
    soup_server_message_unpause (reader->message);
  else
    {
      reader->poll_id = g_timeout_add (n > 0 ? 0 : POLL_MS, poll_again, reader);
      if (n == 0)
        feed->waiting = g_list_prepend (feed->waiting, reader);
    }
}

/**
 * sp_hub_feeds_serve:
 * @key: names the feed: the same key, the same bytes, for as long as the directory is in
 *   the state last given to sp_hub_feeds_set_state()
 * @writer: writes the feed (in a thread of the feeds' own) if no one has yet
 * @request: (transfer full): what @writer is given
 * @gzip: whether the client takes gzip
 * @done: (nullable): called when the answer is over
 *
 * Answers @message with the feed, streamed as chunks. The status and headers (other than
 * the body's encoding) are the caller's to set.
 */
void
sp_hub_feeds_serve (SpHubFeeds        *self,
                    SoupServerMessage *message,
                    const char        *key,
                    SpHubFeedWriter    writer,
                    SpHubRequest      *request,
                    gboolean           gzip,
                    SpHubFeedDone      done,
                    gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  Feed *feed = g_hash_table_lookup (self->feeds, key);
  Reader *reader;

  if (feed == NULL)
    feed = start_feed (self, key, writer, g_steal_pointer (&request));
  sp_hub_request_free (request);
  if (feed == NULL)
    {
      soup_server_message_set_status (message, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
      if (done != NULL)
        done (message, 0, FALSE, user_data);
      return;
    }
  feed->last_used = g_get_monotonic_time ();
  feed->readers++;

  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  if (gzip)
    soup_message_headers_replace (headers, "Content-Encoding", "gzip");
  soup_message_body_set_accumulate (soup_server_message_get_response_body (message), FALSE);

  reader = g_new0 (Reader, 1);
  reader->feed = feed_ref (feed);
  reader->message = g_object_ref (message);
  reader->callback = done;
  reader->user_data = user_data;
  if (!gzip)
    reader->decompressor = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));
  reader->wrote_handler = g_signal_connect (message, "wrote-chunk", G_CALLBACK (wrote_chunk), reader);
  reader->finished_handler = g_signal_connect (message, "finished", G_CALLBACK (message_finished), reader);
  soup_server_message_pause (message);
  pump (reader);
}
