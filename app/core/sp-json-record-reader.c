/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-json-record-reader.c: a feed's records split and parsed on a second core, in order.
 *
 * Parsing JSON is about as much work as writing a record to SQLite, so a worker thread
 * splits and parses the feed while the importing thread writes. The hand-over is bounded
 * (a few records, a few megabytes) so memory stays flat however large the feed is. The
 * worker never touches the store; an error it meets (malformed JSON, a truncated file) is
 * handed over in its place in the sequence, after every record before it.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sp-import.h"
#include "sp-json-record-reader.h"

/* At most this many parsed records, or this much record text, wait to be written. */
#define MAX_WAITING_RECORDS 64
#define MAX_WAITING_BYTES   (8 * 1024 * 1024)

typedef struct
{
  SpJsonRecord *record;    /* NULL for the end of the feed */
  gsize bytes;
  GError *error;           /* why the feed ended early, if it did */
} Item;

struct _SpJsonRecordReader
{
  SpJsonSplitter *splitter;
  char *name;
  GCancellable *cancellable;
  GThread *thread;

  GMutex lock;
  GCond changed;
  GQueue waiting;          /* Item, oldest first */
  gsize waiting_bytes;
  gboolean stop;           /* the reader is being freed: the worker must end */
  gboolean ended;          /* the end (or an error) has been handed out */
};

void
sp_json_record_free (SpJsonRecord *record)
{
  if (record == NULL)
    return;
  g_clear_pointer (&record->root, json_node_unref);
  g_free (record->hash);
  g_free (record);
}

static void
item_free (Item *item)
{
  sp_json_record_free (item->record);
  g_clear_error (&item->error);
  g_free (item);
}

/* Hands @item to the importing thread, waiting for room. FALSE if the reader is stopping
 * (and @item was freed). */
static gboolean
hand_over (SpJsonRecordReader *self,
           Item               *item)
{
  gboolean accepted;

  g_mutex_lock (&self->lock);
  while (!self->stop && self->waiting.length > 0 &&
         (self->waiting.length >= MAX_WAITING_RECORDS || self->waiting_bytes >= MAX_WAITING_BYTES))
    g_cond_wait (&self->changed, &self->lock);
  accepted = !self->stop;
  if (accepted)
    {
      g_queue_push_tail (&self->waiting, item);
      self->waiting_bytes += item->bytes;
      g_cond_broadcast (&self->changed);
    }
  g_mutex_unlock (&self->lock);
  if (!accepted)
    item_free (item);
  return accepted;
}

static gpointer
read_records (gpointer data)
{
  SpJsonRecordReader *self = data;
  g_autoptr (JsonParser) parser = json_parser_new ();
  GError *error = NULL;
  const char *text;
  gsize length;
  Item *end;

  while (sp_json_splitter_next (self->splitter, &text, &length, self->cancellable, &error))
    {
      Item *item = g_new0 (Item, 1);
      SpJsonRecord *record = g_new0 (SpJsonRecord, 1);
      GError *parse_error = NULL;

      record->index = sp_json_splitter_get_index (self->splitter);
      record->line = sp_json_splitter_get_line (self->splitter);
      record->shape = sp_json_splitter_get_shape (self->splitter);
      record->bytes_read = sp_json_splitter_get_bytes_read (self->splitter);
      item->record = record;
      item->bytes = length;

      if (!json_parser_load_from_data (parser, text, length, &parse_error))
        {
          g_set_error (&error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_NOT_JSON,
                       _("%s, record %u (from line %u): the JSON is malformed: %s"),
                       self->name, record->index, record->line, parse_error->message);
          g_error_free (parse_error);
          item_free (item);
          break;
        }
      record->root = json_parser_steal_root (parser);
      record->hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text, length);
      if (!hand_over (self, item))
        {
          g_clear_error (&error);
          return NULL;
        }
    }

  end = g_new0 (Item, 1);
  end->error = error;
  hand_over (self, end);
  return NULL;
}

/**
 * sp_json_record_reader_new:
 * @stream: the feed; the reader's worker thread reads it from now on
 * @display_name: the file name errors give
 * @cancellable: (nullable): stops the reading
 *
 * Starts splitting and parsing @stream on a worker thread.
 */
SpJsonRecordReader *
sp_json_record_reader_new (GInputStream *stream,
                           const char   *display_name,
                           GCancellable *cancellable)
{
  SpJsonRecordReader *self = g_new0 (SpJsonRecordReader, 1);

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  self->splitter = sp_json_splitter_new (stream, display_name);
  self->name = g_strdup (display_name);
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  g_mutex_init (&self->lock);
  g_cond_init (&self->changed);
  g_queue_init (&self->waiting);
  self->thread = g_thread_new ("signpost-feed-reader", read_records, self);
  return self;
}

/**
 * sp_json_record_reader_next:
 *
 * The next record of the feed, waiting for the worker if need be.
 *
 * Returns: (transfer full) (nullable): the record; %NULL at the end of the feed, or with
 *   @error set (an SP_IMPORT_ERROR naming the file and where) when the feed cannot be
 *   read further
 */
SpJsonRecord *
sp_json_record_reader_next (SpJsonRecordReader *self,
                            GError            **error)
{
  Item *item;
  SpJsonRecord *record;

  g_return_val_if_fail (self != NULL, NULL);

  g_mutex_lock (&self->lock);
  if (self->ended)
    {
      g_mutex_unlock (&self->lock);
      return NULL;
    }
  while (self->waiting.length == 0)
    g_cond_wait (&self->changed, &self->lock);
  item = g_queue_pop_head (&self->waiting);
  self->waiting_bytes -= item->bytes;
  if (item->record == NULL)
    self->ended = TRUE;
  g_cond_broadcast (&self->changed);
  g_mutex_unlock (&self->lock);

  if (item->error != NULL)
    g_propagate_error (error, g_steal_pointer (&item->error));
  record = g_steal_pointer (&item->record);
  item_free (item);
  return record;
}

/* Stops the worker (it may be waiting for room, or part-way through the file), waits for
 * it, and frees what it had read ahead. */
void
sp_json_record_reader_free (SpJsonRecordReader *self)
{
  if (self == NULL)
    return;

  g_mutex_lock (&self->lock);
  self->stop = TRUE;
  g_cond_broadcast (&self->changed);
  g_mutex_unlock (&self->lock);
  g_thread_join (self->thread);

  g_queue_clear_full (&self->waiting, (GDestroyNotify) item_free);
  sp_json_splitter_free (self->splitter);
  g_clear_object (&self->cancellable);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->changed);
  g_free (self->name);
  g_free (self);
}
