/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-json-splitter.c: cutting a large feed into one JSON text per record, streaming. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sp-import.h"
#include "sp-json-splitter.h"

/*
 * A 100 000-service feed is hundreds of megabytes; json-glib builds a tree of
 * the whole document, which would need gigabytes. The splitter reads the feed
 * in chunks and finds where each record of the list starts and ends (tracking
 * strings, escapes and brackets only), so that json-glib parses one record at
 * a time and memory stays bounded by the largest record.
 *
 * It does not judge JSON grammar inside a record (json-glib does), but it
 * catches what spoils a whole file: a wrong top-level shape, truncation,
 * mismatched or runaway nesting, NUL bytes (raw or \u0000) and invalid UTF-8.
 */

#define CHUNK_SIZE (256 * 1024)

typedef enum
{
  STATE_START,
  STATE_ARRAY_FIRST,
  STATE_ARRAY_NEXT,
  STATE_OBJECT_FIRST_KEY,
  STATE_OBJECT_KEY,
  STATE_OBJECT_AFTER_VALUE,
  STATE_AFTER_TOP,
  STATE_DONE,
} State;

struct _SpJsonSplitter
{
  GInputStream *stream;
  char *name;

  guint8 *chunk;
  gsize chunk_len;
  gsize pos;
  gboolean eof;
  guint64 consumed;   /* bytes taken from the stream so far */
  guint line;         /* line of the next byte, from 1 */

  State state;
  SpJsonFeedShape shape;
  gboolean in_page;   /* the array being read is a page's contents */
  gboolean recording; /* copy what is taken into @whole */
  GString *whole;     /* a top-level object that may turn out to be one record */
  GString *record;
  GString *key;
  guint record_line;
  guint index;
};

SpJsonSplitter *
sp_json_splitter_new (GInputStream *stream,
                      const char   *display_name)
{
  SpJsonSplitter *self = g_new0 (SpJsonSplitter, 1);

  self->stream = g_object_ref (stream);
  self->name = g_strdup (display_name);
  self->chunk = g_malloc (CHUNK_SIZE);
  self->line = 1;
  self->record = g_string_sized_new (16 * 1024);
  self->whole = g_string_new (NULL);
  self->key = g_string_new (NULL);
  return self;
}

void
sp_json_splitter_free (SpJsonSplitter *self)
{
  if (self == NULL)
    return;
  g_object_unref (self->stream);
  g_free (self->name);
  g_free (self->chunk);
  g_string_free (self->record, TRUE);
  g_string_free (self->whole, TRUE);
  g_string_free (self->key, TRUE);
  g_free (self);
}

static gboolean G_GNUC_PRINTF (4, 5)
fail (SpJsonSplitter *self,
      GError        **error,
      SpImportError   code,
      const char     *format,
      ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, SP_IMPORT_ERROR, code, _("%s, line %u: %s"), self->name, self->line, what);
  return FALSE;
}

/* Reads more of the file into the chunk, after the @chunk_len bytes it holds.
 * FALSE on a read error (error set); at end of file sets @eof. */
static gboolean
read_more (SpJsonSplitter *self,
           GCancellable   *cancellable,
           GError        **error)
{
  gssize n = g_input_stream_read (self->stream, self->chunk + self->chunk_len,
                                  CHUNK_SIZE - self->chunk_len, cancellable, error);

  if (n < 0)
    {
      if (g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_clear_error (error);
          g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_CANCELLED,
                       _("The import was cancelled; nothing was changed."));
        }
      else
        g_prefix_error (error, _("Cannot read %s: "), self->name);
      return FALSE;
    }
  self->chunk_len += n;
  if (n == 0)
    self->eof = TRUE;
  return TRUE;
}

/* Makes sure at least one unread byte is in the chunk. FALSE at end of file
 * (no error) or on a read error (error set). */
static gboolean
fill (SpJsonSplitter *self,
      GCancellable   *cancellable,
      GError        **error)
{
  if (self->pos < self->chunk_len)
    return TRUE;
  if (self->eof)
    return FALSE;

  self->chunk_len = 0;
  self->pos = 0;
  return read_more (self, cancellable, error) && self->chunk_len > 0;
}

/* Consumes @n bytes from the chunk, counting lines, copying them to @out
 * (if any) and to the whole-object buffer while recording. */
static void
take (SpJsonSplitter *self,
      gsize           n,
      GString        *out)
{
  const guint8 *p = self->chunk + self->pos;
  const guint8 *end = p + n;

  for (const guint8 *nl = p; (nl = memchr (nl, '\n', end - nl)) != NULL; nl++)
    self->line++;
  if (out != NULL)
    g_string_append_len (out, (const char *) p, n);
  if (self->recording)
    g_string_append_len (self->whole, (const char *) p, n);
  self->pos += n;
  self->consumed += n;
}

/* The next byte without consuming it, or -1 at end of file / on error. */
static int
peek (SpJsonSplitter *self,
      GCancellable   *cancellable,
      GError        **error)
{
  if (!fill (self, cancellable, error))
    return -1;
  return self->chunk[self->pos];
}

static gboolean
skip_whitespace (SpJsonSplitter *self,
                 GCancellable   *cancellable,
                 GError        **error)
{
  while (fill (self, cancellable, error))
    {
      gsize n = 0;

      while (self->pos + n < self->chunk_len)
        {
          guint8 b = self->chunk[self->pos + n];
          if (b != ' ' && b != '\t' && b != '\n' && b != '\r')
            break;
          n++;
        }
      take (self, n, NULL);
      if (self->pos < self->chunk_len)
        return TRUE;
    }
  return error == NULL || *error == NULL;
}

/* A UTF-8 byte-order mark (some Windows tools write one) is skipped; one for UTF-16 or
 * UTF-32 means the whole file is in an encoding Signpost does not read. Called
 * before anything is taken; a pipe may hand over the first bytes one at a time,
 * so it reads until it has the four a mark can need. */
static gboolean
check_byte_order_mark (SpJsonSplitter *self,
                       GCancellable   *cancellable,
                       GError        **error)
{
  const guint8 *p = self->chunk;
  gsize available;

  g_assert (self->consumed == 0 && self->pos == 0);
  while (self->chunk_len < 4 && !self->eof)
    if (!read_more (self, cancellable, error))
      return FALSE;
  available = self->chunk_len;

  if (available >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
    {
      take (self, 3, NULL);
      return TRUE;
    }
  if ((available >= 2 && ((p[0] == 0xff && p[1] == 0xfe) || (p[0] == 0xfe && p[1] == 0xff))) ||
      (available >= 4 && p[0] == 0 && p[1] == 0 && p[2] == 0xfe && p[3] == 0xff))
    return fail (self, error, SP_IMPORT_ERROR_ENCODING,
                 _("the file is saved as UTF-16 or UTF-32 text, but feeds must be UTF-8. "
                   "Save it as UTF-8 and import it again."));
  return TRUE;
}

static gboolean
truncated (SpJsonSplitter *self,
           GError        **error)
{
  return fail (self, error, SP_IMPORT_ERROR_TRUNCATED,
               _("the file ends in the middle of a record. It may have been cut short while "
                 "downloading or saving; fetch it again."));
}

static gboolean
lone_surrogate (SpJsonSplitter *self,
                GError        **error)
{
  return fail (self, error, SP_IMPORT_ERROR_ENCODING,
               _("a text value contains half of a UTF-16 surrogate pair (a \\uD800 to "
                 "\\uDFFF escape without its partner), which is not a character. Fix the "
                 "escape in the feed."));
}

/* Where a string value stands, byte by byte. */
typedef struct
{
  gboolean escape;      /* after a backslash */
  int hex_left;         /* digits of a \uXXXX escape still to come */
  int hex_value;        /* of the \uXXXX escape being read */
  gboolean want_low;    /* a \uD800-\uDBFF escape must be followed by \uDC00-\uDFFF */
} StringScan;

typedef enum
{
  STRING_GOES_ON,
  STRING_ENDS,            /* the byte is the closing quote */
  STRING_NUL_ESCAPE,      /* \u0000 */
  STRING_LONE_SURROGATE,  /* half of a UTF-16 pair */
} StringByte;

/* Reads one byte @b of a string value, after its opening quote. */
static StringByte
string_byte (StringScan *st,
             guint8      b)
{
  if (st->hex_left > 0)
    {
      int digit = g_ascii_xdigit_value (b);

      if (digit >= 0)
        {
          st->hex_value = st->hex_value * 16 + digit;
          if (--st->hex_left > 0)
            return STRING_GOES_ON;
          if (st->hex_value == 0)
            return STRING_NUL_ESCAPE;
          /* json-glib would turn half a UTF-16 pair into bytes that are not UTF-8, and
           * they would reach the store and every export. */
          if (st->want_low != (st->hex_value >= 0xDC00 && st->hex_value <= 0xDFFF))
            return STRING_LONE_SURROGATE;
          st->want_low = st->hex_value >= 0xD800 && st->hex_value <= 0xDBFF;
          return STRING_GOES_ON;
        }
      /* "\u12" is no escape (json-glib refuses the record), but the byte may still be
       * the quote that ends the string. */
      st->hex_left = 0;
      st->want_low = FALSE;
    }
  if (st->escape)
    {
      st->escape = FALSE;
      if (b == 'u')
        {
          st->hex_left = 4;
          st->hex_value = 0;
        }
      else if (st->want_low)
        return STRING_LONE_SURROGATE;
      return STRING_GOES_ON;
    }
  if (st->want_low && b != '\\')
    return STRING_LONE_SURROGATE;
  if (b == '\\')
    st->escape = TRUE;
  else if (b == '"')
    return STRING_ENDS;
  return STRING_GOES_ON;
}

/* Where a value stands, byte by byte. */
typedef struct
{
  char closers[SP_JSON_MAX_DEPTH];
  int depth;
  gboolean in_string;
  StringScan string;
  gboolean scalar;
} ValueScan;

typedef enum
{
  VALUE_GOES_ON,
  VALUE_ENDS,           /* the byte is the value's last */
  VALUE_ENDED_BEFORE,   /* the byte ends a scalar and is not part of it */
  VALUE_NUL,            /* a NUL byte */
  VALUE_NUL_ESCAPE,
  VALUE_LONE_SURROGATE,
  VALUE_TOO_DEEP,
  VALUE_UNEXPECTED,     /* a byte where a value should start */
  VALUE_MISMATCH,       /* a bracket that closes the wrong kind */
} ValueByte;

/* Reads one byte @b of a value. */
static ValueByte
value_byte (ValueScan *v,
            guint8     b)
{
  if (b == 0)
    return VALUE_NUL;
  if (v->in_string)
    {
      switch (string_byte (&v->string, b))
        {
        case STRING_ENDS:
          v->in_string = FALSE;
          return v->depth == 0 ? VALUE_ENDS : VALUE_GOES_ON;
        case STRING_NUL_ESCAPE:
          return VALUE_NUL_ESCAPE;
        case STRING_LONE_SURROGATE:
          return VALUE_LONE_SURROGATE;
        case STRING_GOES_ON:
        default:
          return VALUE_GOES_ON;
        }
    }

  switch (b)
    {
    case '"':
      if (v->scalar)
        return VALUE_ENDED_BEFORE;  /* `1"` : let json-glib complain about the rest */
      v->in_string = TRUE;
      v->string = (StringScan) { FALSE, 0, 0, FALSE };
      return VALUE_GOES_ON;
    case '[':
    case '{':
      if (v->scalar)
        return VALUE_ENDED_BEFORE;
      if (v->depth == SP_JSON_MAX_DEPTH)
        return VALUE_TOO_DEEP;
      v->closers[v->depth++] = b == '[' ? ']' : '}';
      return VALUE_GOES_ON;
    case ']':
    case '}':
      if (v->depth == 0)
        return v->scalar ? VALUE_ENDED_BEFORE : VALUE_UNEXPECTED;
      if (v->closers[v->depth - 1] != (char) b)
        return VALUE_MISMATCH;
      return --v->depth == 0 ? VALUE_ENDS : VALUE_GOES_ON;
    case ',':
    case ':':
    case ' ':
    case '\t':
    case '\r':
    case '\n':
      if (v->depth == 0)
        return v->scalar ? VALUE_ENDED_BEFORE : VALUE_UNEXPECTED;
      return VALUE_GOES_ON;
    default:
      if (v->depth == 0)
        v->scalar = TRUE;
      return VALUE_GOES_ON;
    }
}

/* Sets @error for a @result of value_byte() that is a mistake in the feed, at byte @b. */
static gboolean
value_mistake (SpJsonSplitter *self,
               ValueScan      *v,
               ValueByte       result,
               guint8          b,
               GError        **error)
{
  switch (result)
    {
    case VALUE_NUL:
      return fail (self, error, SP_IMPORT_ERROR_ENCODING,
                   _("the file contains a NUL byte, so it is not a text feed. Check "
                     "that it was saved as UTF-8 JSON."));
    case VALUE_NUL_ESCAPE:
      return fail (self, error, SP_IMPORT_ERROR_ENCODING,
                   _("a text value contains a NUL character (\\u0000), "
                     "which Signpost refuses. Remove it from the feed."));
    case VALUE_LONE_SURROGATE:
      return lone_surrogate (self, error);
    case VALUE_TOO_DEEP:
      return fail (self, error, SP_IMPORT_ERROR_NOT_JSON,
                   _("the data is nested more than %d levels deep, which no "
                     "directory needs. The file is damaged or hostile."),
                   SP_JSON_MAX_DEPTH);
    case VALUE_MISMATCH:
      return fail (self, error, SP_IMPORT_ERROR_NOT_JSON,
                   _("“%c” closes a “%c” (brackets do not match)."), b,
                   v->closers[v->depth - 1] == ']' ? '[' : '{');
    case VALUE_UNEXPECTED:
    case VALUE_GOES_ON:
    case VALUE_ENDS:
    case VALUE_ENDED_BEFORE:
    default:
      return fail (self, error, SP_IMPORT_ERROR_NOT_JSON, _("“%c” where a value was expected."), b);
    }
}

/*
 * scan_value:
 * Consumes one JSON value (object, array, string or scalar) starting at the
 * next byte, appending its text to @out (may be NULL). A scalar ends at the
 * delimiter after it, which is left unread.
 */
static gboolean
scan_value (SpJsonSplitter *self,
            GString        *out,
            GCancellable   *cancellable,
            GError        **error)
{
  ValueScan v = { { 0 }, 0, FALSE, { FALSE, 0, 0, FALSE }, FALSE };

  for (;;)
    {
      const guint8 *start;
      const guint8 *end;
      const guint8 *q;
      gboolean done = FALSE;

      if (!fill (self, cancellable, error))
        return error != NULL && *error != NULL ? FALSE : truncated (self, error);

      start = self->chunk + self->pos;
      end = self->chunk + self->chunk_len;
      for (q = start; q < end && !done; q++)
        {
          ValueByte result = value_byte (&v, *q);

          if (result == VALUE_ENDS)
            done = TRUE;
          else if (result == VALUE_ENDED_BEFORE)
            done = TRUE, q--;
          else if (result != VALUE_GOES_ON)
            {
              take (self, q - start, out);
              return value_mistake (self, &v, result, *q, error);
            }
        }

      take (self, q - start, out);
      /* Checked chunk by chunk, so that an endless value costs no more memory
       * than the limit. A top-level object is bounded while it is recorded
       * too: it may turn out to be the one record. */
      if ((out != NULL && out->len > SP_JSON_MAX_RECORD_BYTES) ||
          (self->recording && self->whole->len > SP_JSON_MAX_RECORD_BYTES))
        return fail (self, error, SP_IMPORT_ERROR_TOO_LARGE,
                     _("one record is larger than %d MB, more than any real service needs. "
                       "The file is damaged or hostile."),
                     SP_JSON_MAX_RECORD_BYTES / (1024 * 1024));
      if (done)
        return TRUE;
    }
}

/* Checks a finished record is UTF-8, naming the line of the first bad byte. */
static gboolean
check_utf8 (SpJsonSplitter *self,
            GString        *text,
            GError        **error)
{
  const char *bad = NULL;

  if (g_utf8_validate_len (text->str, text->len, &bad))
    return TRUE;

  {
    guint line = self->record_line;
    for (const char *p = text->str; p < bad; p++)
      line += *p == '\n';
    g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_ENCODING,
                 _("%s, line %u: the text is not valid UTF-8. Save the feed as UTF-8 and "
                   "import it again."),
                 self->name, line);
  }
  return FALSE;
}

static gboolean
read_element (SpJsonSplitter *self,
              GCancellable   *cancellable,
              GError        **error)
{
  g_string_truncate (self->record, 0);
  self->record_line = self->line;
  if (!scan_value (self, self->record, cancellable, error) || !check_utf8 (self, self->record, error))
    return FALSE;
  self->index++;
  self->state = STATE_ARRAY_NEXT;
  return TRUE;
}

/* Skips white space and peeks at the byte after it (-1 at the end of the file, or when
 * reading failed and @error is set). FALSE when skipping failed. */
static gboolean
next_token (SpJsonSplitter *self,
            int            *c,
            GCancellable   *cancellable,
            GError        **error)
{
  if (!skip_whitespace (self, cancellable, error))
    return FALSE;
  *c = peek (self, cancellable, error);
  return TRUE;
}

/* What one step of the top-level reader came to. */
typedef enum
{
  STEP_GO_ON,   /* the state moved on: take the next step */
  STEP_RECORD,  /* self->record holds the next record */
  STEP_END,     /* the feed ended where it may */
  STEP_EOF,     /* the file ended where it may not (or a read failed: @error is set) */
  STEP_FAILED,  /* @error is set */
} Step;

static Step
step_start (SpJsonSplitter *self,
            GCancellable   *cancellable,
            GError        **error)
{
  int c;

  if (!check_byte_order_mark (self, cancellable, error) || !next_token (self, &c, cancellable, error))
    return STEP_FAILED;
  if (c == -1 && (error == NULL || *error == NULL))
    {
      fail (self, error, SP_IMPORT_ERROR_NOT_JSON, _("the file is empty."));
      return STEP_FAILED;
    }
  if (c == '[')
    {
      take (self, 1, NULL);
      self->shape = SP_JSON_FEED_ARRAY;
      self->state = STATE_ARRAY_FIRST;
    }
  else if (c == '{')
    {
      self->recording = TRUE;
      self->record_line = self->line;
      take (self, 1, NULL);
      self->state = STATE_OBJECT_FIRST_KEY;
    }
  else if (c != -1)
    {
      fail (self, error, SP_IMPORT_ERROR_SHAPE,
            _("the file does not start with a JSON object or list, so it is not an "
              "Open Referral feed."));
    }
  return error != NULL && *error != NULL ? STEP_FAILED : STEP_GO_ON;
}

/* Past the ']' of the list of records: the file's end, or the rest of a page. */
static Step
end_of_list (SpJsonSplitter *self)
{
  take (self, 1, NULL);
  self->state = self->in_page ? STATE_OBJECT_AFTER_VALUE : STATE_AFTER_TOP;
  return STEP_GO_ON;
}

static Step
step_array (SpJsonSplitter *self,
            GCancellable   *cancellable,
            GError        **error)
{
  int c;

  if (!next_token (self, &c, cancellable, error))
    return STEP_FAILED;
  if (c == ']')
    return end_of_list (self);
  if (c == -1)
    return STEP_EOF;
  if (self->state == STATE_ARRAY_NEXT)
    {
      if (c != ',')
        {
          fail (self, error, SP_IMPORT_ERROR_NOT_JSON,
                _("expected “,” or “]” after record %u of the list."), self->index);
          return STEP_FAILED;
        }
      take (self, 1, NULL);
      if (!skip_whitespace (self, cancellable, error))
        return STEP_FAILED;
      if (peek (self, cancellable, error) == -1)
        return STEP_EOF;
    }
  return read_element (self, cancellable, error) ? STEP_RECORD : STEP_FAILED;
}

/* The top-level object ended: a page's end, or the one record of a single-object feed. */
static Step
end_of_object (SpJsonSplitter *self,
               GError        **error)
{
  take (self, 1, NULL);
  self->state = STATE_AFTER_TOP;
  if (self->in_page)
    return STEP_GO_ON;
  /* No list inside: the object itself is the one record. */
  self->shape = SP_JSON_FEED_SINGLE;
  self->recording = FALSE;
  g_string_truncate (self->record, 0);
  g_string_append_len (self->record, self->whole->str, self->whole->len);
  g_string_truncate (self->whole, 0);
  if (!check_utf8 (self, self->record, error))
    return STEP_FAILED;
  self->index++;
  return STEP_RECORD;
}

/* A member of the top-level object: its key, and its value, which is skipped unless it is
 * the list of a page's records. */
static Step
step_object_member (SpJsonSplitter *self,
                    GCancellable   *cancellable,
                    GError        **error)
{
  int c;

  if (!next_token (self, &c, cancellable, error))
    return STEP_FAILED;
  if (c == '}' && self->state == STATE_OBJECT_FIRST_KEY)
    return end_of_object (self, error);
  if (c == -1)
    return STEP_EOF;
  if (c != '"')
    {
      fail (self, error, SP_IMPORT_ERROR_NOT_JSON, _("expected a quoted field name in the top-level object."));
      return STEP_FAILED;
    }
  g_string_truncate (self->key, 0);
  if (!scan_value (self, self->key, cancellable, error) || !next_token (self, &c, cancellable, error))
    return STEP_FAILED;
  if (c == -1)
    return STEP_EOF;
  if (c != ':')
    {
      fail (self, error, SP_IMPORT_ERROR_NOT_JSON, _("expected “:” after the field name %s."), self->key->str);
      return STEP_FAILED;
    }
  take (self, 1, NULL);
  if (!next_token (self, &c, cancellable, error))
    return STEP_FAILED;
  if (c == -1)
    return STEP_EOF;
  if (c == '[' && self->shape == SP_JSON_FEED_UNKNOWN &&
      (g_str_equal (self->key->str, "\"contents\"") || g_str_equal (self->key->str, "\"content\"")))
    {
      /* A page: stream its list and forget the header read so far. */
      self->shape = g_str_equal (self->key->str, "\"content\"") ? SP_JSON_FEED_PAGE_V1 : SP_JSON_FEED_PAGE;
      self->recording = FALSE;
      g_string_truncate (self->whole, 0);
      self->in_page = TRUE;
      take (self, 1, NULL);
      self->state = STATE_ARRAY_FIRST;
      return STEP_GO_ON;
    }
  if (!scan_value (self, NULL, cancellable, error))
    return STEP_FAILED;
  self->state = STATE_OBJECT_AFTER_VALUE;
  return STEP_GO_ON;
}

static Step
step_object_after_value (SpJsonSplitter *self,
                         GCancellable   *cancellable,
                         GError        **error)
{
  int c;

  if (!next_token (self, &c, cancellable, error))
    return STEP_FAILED;
  if (c == ',')
    {
      take (self, 1, NULL);
      self->state = STATE_OBJECT_KEY;
      return STEP_GO_ON;
    }
  if (c == '}')
    return end_of_object (self, error);
  if (c == -1)
    return STEP_EOF;
  fail (self, error, SP_IMPORT_ERROR_NOT_JSON, _("expected “,” or “}” in the top-level object."));
  return STEP_FAILED;
}

static Step
step_after_top (SpJsonSplitter *self,
                GCancellable   *cancellable,
                GError        **error)
{
  int c;

  if (!next_token (self, &c, cancellable, error))
    return STEP_FAILED;
  if (error != NULL && *error != NULL)
    return STEP_FAILED;
  if (c != -1)
    {
      fail (self, error, SP_IMPORT_ERROR_NOT_JSON, _("there is more text after the end of the feed."));
      return STEP_FAILED;
    }
  return STEP_END;
}

static Step
step (SpJsonSplitter *self,
      GCancellable   *cancellable,
      GError        **error)
{
  switch (self->state)
    {
    case STATE_START:
      return step_start (self, cancellable, error);
    case STATE_ARRAY_FIRST:
    case STATE_ARRAY_NEXT:
      return step_array (self, cancellable, error);
    case STATE_OBJECT_FIRST_KEY:
    case STATE_OBJECT_KEY:
      return step_object_member (self, cancellable, error);
    case STATE_OBJECT_AFTER_VALUE:
      return step_object_after_value (self, cancellable, error);
    case STATE_AFTER_TOP:
      return step_after_top (self, cancellable, error);
    case STATE_DONE:
    default:
      return STEP_END;
    }
}

/**
 * sp_json_splitter_next:
 * @record: (out): the next record's JSON text, valid until the next call
 * @length: (out): its length in bytes
 *
 * Returns: %TRUE with a record; %FALSE at the end of the feed (no error) or
 *   when the feed is unusable (@error set: truncated, malformed, wrong shape)
 */
gboolean
sp_json_splitter_next (SpJsonSplitter *self,
                       const char    **record,
                       gsize          *length,
                       GCancellable   *cancellable,
                       GError        **error)
{
  g_autoptr (GError) local_error = NULL;

  for (;;)
    {
      switch (step (self, cancellable, &local_error))
        {
        case STEP_GO_ON:
          continue;
        case STEP_RECORD:
          *record = self->record->str;
          *length = self->record->len;
          return TRUE;
        case STEP_END:
          self->state = STATE_DONE;
          return FALSE;
        case STEP_EOF:
          if (local_error == NULL)
            truncated (self, &local_error);
          break;
        case STEP_FAILED:
        default:
          break;
        }
      self->state = STATE_DONE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
}

SpJsonFeedShape
sp_json_splitter_get_shape (SpJsonSplitter *self)
{
  return self->shape;
}

/* Line of the file where the last record returned starts. */
guint
sp_json_splitter_get_line (SpJsonSplitter *self)
{
  return self->record_line;
}

guint64
sp_json_splitter_get_bytes_read (SpJsonSplitter *self)
{
  return self->consumed;
}

/* 1-based position of the last record returned in the feed's list. */
guint
sp_json_splitter_get_index (SpJsonSplitter *self)
{
  return self->index;
}

/**
 * sp_json_nesting_within:
 * @text: JSON text, not necessarily valid
 * @length: its length in bytes
 * @max_depth: the deepest nesting of arrays and objects allowed
 *
 * Whether no array or object in @text lies more than @max_depth deep, counting brackets
 * outside strings. For a document read whole by json-glib, whose parser recurses once a
 * level: checked first, hostile nesting cannot overflow the stack.
 *
 * Returns: %FALSE when the nesting goes deeper than @max_depth
 */
gboolean
sp_json_nesting_within (const char *text,
                        gsize       length,
                        guint       max_depth)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > max_depth)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}
