/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-csv-reader.c: reading CSV records a chunk at a time, with errors a person can act on. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sp-csv-reader.h"

G_DEFINE_QUARK (sp-csv-error-quark, sp_csv_error)

typedef enum
{
  STATE_RECORD_START,  /* between records: line breaks here are blank lines, skipped */
  STATE_FIELD_START,   /* at the first byte of a field */
  STATE_UNQUOTED,      /* inside a field that did not start with a quote */
  STATE_QUOTED,        /* inside a quoted field */
  STATE_QUOTE,         /* just after a quote inside a quoted field: "" or the closing one */
} ParseState;

struct _SpCsvReader
{
  char *display_name;
  int fd;               /* the file, or -1 when reading @data */
  GBytes *data;         /* the text given to sp_csv_reader_new_for_data() */
  gsize data_pos;

  char *chunk;          /* SP_CSV_READ_CHUNK_BYTES of the file */
  gsize chunk_len;
  gsize chunk_pos;
  gboolean started;     /* the start of the file (byte order mark) has been looked at */
  gboolean eof;
  GError *failure;      /* what stopped the reader; later calls report it again */

  ParseState state;
  gboolean after_cr;    /* the last byte taken was CR, so an LF now starts no new line */
  guint line;           /* the line the next byte is on */
  guint record_line;
  guint field_line;

  GString *record;      /* the fields read so far, each followed by a NUL */
  gsize field_start;    /* where the current field starts in @record */
  guint n_done;         /* fields of the record finished so far */
  GPtrArray *fields;    /* the NULL-terminated array sp_csv_reader_next() lends out */
};

static SpCsvReader *
reader_new (const char *display_name)
{
  SpCsvReader *self = g_new0 (SpCsvReader, 1);

  self->display_name = g_strdup (display_name);
  self->fd = -1;
  self->chunk = g_malloc (SP_CSV_READ_CHUNK_BYTES);
  self->line = 1;
  self->record = g_string_sized_new (1024);
  self->fields = g_ptr_array_new ();
  return self;
}

/**
 * sp_csv_reader_open:
 * @path: a CSV file
 *
 * Opens @path for reading record by record. Only the opening is checked here;
 * problems in the text are reported by sp_csv_reader_next().
 *
 * Returns: (transfer full): the reader, or %NULL with @error set
 *   (%SP_CSV_ERROR_IO) when the file cannot be opened or is a folder
 */
SpCsvReader *
sp_csv_reader_open (const char *path,
                    GError    **error)
{
  g_autoptr (SpCsvReader) self = NULL;
  g_autofree char *display_name = NULL;
  struct stat st;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display_name = g_filename_display_name (path);
  self = reader_new (display_name);
  /* Not blocking: opening a named pipe would wait for a writer that may never come. */
  self->fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0);
  if (self->fd < 0)
    {
      int saved = errno;
      g_set_error (error, SP_CSV_ERROR, SP_CSV_ERROR_IO,
                   _("Cannot open %s: %s"), display_name, g_strerror (saved));
      return NULL;
    }
  if (fstat (self->fd, &st) == 0 && S_ISDIR (st.st_mode))
    {
      g_set_error (error, SP_CSV_ERROR, SP_CSV_ERROR_IO,
                   _("Cannot open %s: it is a folder, not a CSV file"), display_name);
      return NULL;
    }
  if (fstat (self->fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, SP_CSV_ERROR, SP_CSV_ERROR_IO,
                   _("Cannot read %s: it is not an ordinary file (a pipe or a device, perhaps). "
                     "Save the table as a CSV file and import again."), display_name);
      return NULL;
    }
  fcntl (self->fd, F_SETFL, fcntl (self->fd, F_GETFL) & ~O_NONBLOCK);
  return g_steal_pointer (&self);
}

/**
 * sp_csv_reader_new_for_data:
 * @data: CSV text
 * @length: bytes in @data, or -1 if it is NUL-terminated
 * @display_name: (nullable): what errors call it, e.g. "services.csv"
 *
 * A reader over text in memory, read in the same chunks as a file; for
 * tests. @data is copied. Never fails.
 *
 * Returns: (transfer full): the reader
 */
SpCsvReader *
sp_csv_reader_new_for_data (const char *data,
                            gssize      length,
                            const char *display_name)
{
  SpCsvReader *self;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length < 0)
    length = strlen (data);
  self = reader_new (display_name != NULL ? display_name : _("CSV text"));
  self->data = g_bytes_new (data, length);
  return self;
}

/*
 * sp_csv_reader_free:
 * Closes the file and frees the reader, and with it the fields last lent
 * out. Accepts NULL. Cannot fail.
 */
void
sp_csv_reader_free (SpCsvReader *self)
{
  if (self == NULL)
    return;
  if (self->fd >= 0)
    g_close (self->fd, NULL);
  g_clear_pointer (&self->data, g_bytes_unref);
  g_clear_error (&self->failure);
  g_string_free (self->record, TRUE);
  g_ptr_array_unref (self->fields);
  g_free (self->chunk);
  g_free (self->display_name);
  g_free (self);
}

/*
 * sp_csv_reader_get_line:
 * The 1-based line on which the record last returned by sp_csv_reader_next()
 * starts (or the record that failed); 0 before the first record.
 */
guint
sp_csv_reader_get_line (SpCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->record_line;
}

/* Adds the next bytes of the file after what the chunk holds; at the end of
 * the file sets @eof instead. */
static gboolean
read_more (SpCsvReader *self,
           GError     **error)
{
  gsize room;
  gssize n;

  if (self->chunk_pos == self->chunk_len)
    self->chunk_pos = self->chunk_len = 0;
  room = SP_CSV_READ_CHUNK_BYTES - self->chunk_len;

  if (self->fd < 0)
    {
      gsize size = 0;
      const char *bytes = g_bytes_get_data (self->data, &size);
      gsize count = MIN (room, size - self->data_pos);

      if (count > 0)
        memcpy (self->chunk + self->chunk_len, bytes + self->data_pos, count);
      self->data_pos += count;
      n = count;
    }
  else
    {
      do
        n = read (self->fd, self->chunk + self->chunk_len, room);
      while (n < 0 && errno == EINTR);
      if (n < 0)
        {
          int saved = errno;
          g_set_error (error, SP_CSV_ERROR, SP_CSV_ERROR_IO,
                       _("%s line %u: the file could not be read: %s"),
                       self->display_name, self->line, g_strerror (saved));
          return FALSE;
        }
    }

  if (n == 0)
    self->eof = TRUE;
  self->chunk_len += n;
  return TRUE;
}

/* Skips a UTF-8 byte order mark and refuses UTF-16, which would otherwise
 * show up as a puzzling NUL byte. */
static gboolean
read_start (SpCsvReader *self,
            GError     **error)
{
  const guchar *b;

  self->started = TRUE;
  while (self->chunk_len < 3 && !self->eof)
    if (!read_more (self, error))
      return FALSE;

  b = (const guchar *) self->chunk;
  if (self->chunk_len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
    self->chunk_pos = 3;
  else if (self->chunk_len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)))
    {
      g_set_error (error, SP_CSV_ERROR, SP_CSV_ERROR_ENCODING,
                   _("%s line %u: is UTF-16 text; save it as UTF-8 text"),
                   self->display_name, self->line);
      return FALSE;
    }
  return TRUE;
}

static void
take (SpCsvReader *self,
      gsize        n)
{
  self->chunk_pos += n;
  self->after_cr = FALSE;
}

/* Takes one CR or LF; CR LF together count as one line break. */
static void
take_line_break (SpCsvReader *self,
                 char         c)
{
  self->chunk_pos++;
  if (c == '\r')
    self->line++;
  else if (!self->after_cr)
    self->line++;
  self->after_cr = c == '\r';
}

/* What the record costs: its text plus the pointer each field will need, so a
 * line of a million commas is as bounded as a line of a million letters. */
static gsize
record_cost (SpCsvReader *self)
{
  return self->record->len + (gsize) self->n_done * sizeof (char *);
}

static gboolean
set_record_too_large (SpCsvReader *self,
                      GError     **error)
{
  g_set_error (error, SP_CSV_ERROR, SP_CSV_ERROR_TOO_LARGE,
               _("%s line %u: the record starting here is longer than %u MiB; "
                 "check for a quote that is not closed"),
               self->display_name, self->record_line, SP_CSV_MAX_RECORD_BYTES / (1024 * 1024));
  return FALSE;
}

static gboolean
append (SpCsvReader *self,
        const char  *bytes,
        gsize        len,
        GError     **error)
{
  if (self->record->len - self->field_start + len > SP_CSV_MAX_FIELD_BYTES)
    {
      if (self->state == STATE_QUOTED)
        g_set_error (error, SP_CSV_ERROR, SP_CSV_ERROR_TOO_LARGE,
                     _("%s line %u: field %u is a quoted field longer than %u MiB; "
                       "check for a quote that is not closed"),
                     self->display_name, self->field_line, self->n_done + 1,
                     SP_CSV_MAX_FIELD_BYTES / (1024 * 1024));
      else
        g_set_error (error, SP_CSV_ERROR, SP_CSV_ERROR_TOO_LARGE,
                     _("%s line %u: field %u is longer than %u MiB"),
                     self->display_name, self->field_line, self->n_done + 1,
                     SP_CSV_MAX_FIELD_BYTES / (1024 * 1024));
      return FALSE;
    }
  if (record_cost (self) + len > SP_CSV_MAX_RECORD_BYTES)
    return set_record_too_large (self, error);
  g_string_append_len (self->record, bytes, len);
  return TRUE;
}

/* Checks the field is UTF-8 and closes it. Validating whole fields, not
 * chunks, means a character split between two chunks is never mistaken for
 * a broken one. */
static gboolean
end_field (SpCsvReader *self,
           GError     **error)
{
  const char *field = self->record->str + self->field_start;
  gsize len = self->record->len - self->field_start;
  const char *bad = NULL;

  if (!g_utf8_validate_len (field, len, &bad))
    {
      guint line = self->field_line;

      /* Name the line of the bad byte itself, inside a multi-line field. */
      for (const char *p = field; p < bad; p++)
        if (*p == '\n' || (*p == '\r' && p[1] != '\n'))
          line++;
      g_set_error (error, SP_CSV_ERROR, SP_CSV_ERROR_ENCODING,
                   _("%s line %u: field %u is not valid UTF-8 text (the file may be saved "
                     "as Windows-1252 or Latin-1); save it as UTF-8 text"),
                   self->display_name, line, self->n_done + 1);
      return FALSE;
    }
  if (record_cost (self) + 1 + sizeof (char *) > SP_CSV_MAX_RECORD_BYTES)
    return set_record_too_large (self, error);
  g_string_append_c (self->record, '\0');
  self->n_done++;
  return TRUE;
}

static gboolean
set_nul_error (SpCsvReader *self,
               GError     **error)
{
  g_set_error (error, SP_CSV_ERROR, SP_CSV_ERROR_ENCODING,
               _("%s line %u: contains a NUL byte; save it as UTF-8 text"),
               self->display_name, self->line);
  return FALSE;
}

static gboolean
set_stray_error (SpCsvReader *self,
                 char         c,
                 GError     **error)
{
  if (g_ascii_isgraph (c))
    g_set_error (error, SP_CSV_ERROR, SP_CSV_ERROR_SYNTAX,
                 _("%s line %u: field %u has “%c” after its closing quote; a closing quote "
                   "must be followed by a comma or the end of the line, and a quote inside "
                   "a quoted field is written twice (\"\")"),
                 self->display_name, self->line, self->n_done + 1, c);
  else
    g_set_error (error, SP_CSV_ERROR, SP_CSV_ERROR_SYNTAX,
                 _("%s line %u: field %u has text after its closing quote; a closing quote "
                   "must be followed by a comma or the end of the line, and a quote inside "
                   "a quoted field is written twice (\"\")"),
                 self->display_name, self->line, self->n_done + 1);
  return FALSE;
}

/* The end of the file ends the record being read, unless a quote is open. */
static gboolean
finish_at_eof (SpCsvReader *self,
               GError     **error)
{
  switch (self->state)
    {
    case STATE_RECORD_START:
      return FALSE;
    case STATE_QUOTED:
      g_set_error (error, SP_CSV_ERROR, SP_CSV_ERROR_SYNTAX,
                   _("%s line %u: a quoted field is not closed before the end of the file; "
                     "add the missing closing quote (\")"),
                   self->display_name, self->field_line);
      return FALSE;
    case STATE_FIELD_START:
      /* "a,b," ends with an empty field */
      self->field_start = self->record->len;
      self->field_line = self->line;
      break;
    case STATE_UNQUOTED:
    case STATE_QUOTE:
    default:
      break;
    }
  self->state = STATE_RECORD_START;
  return end_field (self, error);
}

/* Bytes from @p that need no attention in the state: they are field text. */
static gsize
plain_run (const char *p,
           const char *end,
           gboolean    quoted)
{
  const char *q = p;

  if (quoted)
    while (q < end && *q != '"' && *q != '\r' && *q != '\n' && *q != '\0')
      q++;
  else
    while (q < end && *q != ',' && *q != '\r' && *q != '\n' && *q != '\0')
      q++;
  return q - p;
}

/* What one byte of a record came to. */
typedef enum
{
  CSV_GO_ON,
  CSV_RECORD_ENDS,   /* the record is complete */
  CSV_FAILED,        /* @error is set */
} CsvStep;

/* Adds @len bytes at @p to the field. */
static CsvStep
take_text (SpCsvReader *self,
           const char  *p,
           gsize        len,
           GError     **error)
{
  if (!append (self, p, len, error))
    return CSV_FAILED;
  take (self, len);
  return CSV_GO_ON;
}

/* The field separator or the line break after a field: the field is complete. */
static CsvStep
field_ends (SpCsvReader *self,
            char         c,
            GError     **error)
{
  if (!end_field (self, error))
    return CSV_FAILED;
  if (c == ',')
    {
      take (self, 1);
      self->state = STATE_FIELD_START;
      return CSV_GO_ON;
    }
  take_line_break (self, c);
  return CSV_RECORD_ENDS;
}

/* Inside a field that did not start with a quote: a quote inside (5" floppy) is text. */
static CsvStep
step_unquoted (SpCsvReader *self,
               const char  *p,
               GError     **error)
{
  gsize run = plain_run (p, self->chunk + self->chunk_len, FALSE);

  if (run > 0)
    return take_text (self, p, run, error);
  if (*p == '\0')
    {
      set_nul_error (self, error);
      return CSV_FAILED;
    }
  return field_ends (self, *p, error);
}

/* Inside a quoted field, where separators and line breaks are text. */
static CsvStep
step_quoted (SpCsvReader *self,
             const char  *p,
             GError     **error)
{
  gsize run = plain_run (p, self->chunk + self->chunk_len, TRUE);

  if (run > 0)
    return take_text (self, p, run, error);
  if (*p == '"')
    {
      take (self, 1);
      self->state = STATE_QUOTE;
    }
  else if (*p == '\0')
    {
      set_nul_error (self, error);
      return CSV_FAILED;
    }
  else
    {
      if (!append (self, p, 1, error))
        return CSV_FAILED;
      take_line_break (self, *p);
    }
  return CSV_GO_ON;
}

/* After a quote inside a quoted field: a doubled quote, or the field's end. */
static CsvStep
step_after_quote (SpCsvReader *self,
                  const char  *p,
                  GError     **error)
{
  char c = *p;

  if (c == '"')
    {
      self->state = STATE_QUOTED;
      return take_text (self, p, 1, error);
    }
  if (c == ',' || c == '\r' || c == '\n')
    return field_ends (self, c, error);
  if (c == '\0')
    {
      set_nul_error (self, error);
      return CSV_FAILED;
    }
  set_stray_error (self, c, error);
  return CSV_FAILED;
}

static CsvStep
step_record (SpCsvReader *self,
             const char  *p,
             GError     **error)
{
  switch (self->state)
    {
    case STATE_RECORD_START:
      if (*p == '\r' || *p == '\n')
        take_line_break (self, *p);  /* a blank line, or the LF of a CR LF */
      else
        {
          self->record_line = self->line;
          self->state = STATE_FIELD_START;
        }
      return CSV_GO_ON;
    case STATE_FIELD_START:
      self->field_start = self->record->len;
      self->field_line = self->line;
      if (*p == '"')
        {
          take (self, 1);
          self->state = STATE_QUOTED;
        }
      else
        self->state = STATE_UNQUOTED;
      return CSV_GO_ON;
    case STATE_UNQUOTED:
      return step_unquoted (self, p, error);
    case STATE_QUOTED:
      return step_quoted (self, p, error);
    case STATE_QUOTE:
      return step_after_quote (self, p, error);
    default:
      g_assert_not_reached ();
      return CSV_FAILED;
    }
}

/* Reads one record into @record. FALSE without an error at the end of the
 * file. */
static gboolean
read_record (SpCsvReader *self,
             GError     **error)
{
  g_string_truncate (self->record, 0);
  self->n_done = 0;
  self->state = STATE_RECORD_START;

  if (!self->started && !read_start (self, error))
    return FALSE;

  for (;;)
    {
      if (self->chunk_pos == self->chunk_len)
        {
          if (!self->eof && !read_more (self, error))
            return FALSE;
          if (self->chunk_pos == self->chunk_len)
            return finish_at_eof (self, error);
        }
      switch (step_record (self, self->chunk + self->chunk_pos, error))
        {
        case CSV_GO_ON:
          break;
        case CSV_RECORD_ENDS:
          return TRUE;
        case CSV_FAILED:
        default:
          return FALSE;
        }
    }
}

/**
 * sp_csv_reader_next:
 * @fields: (out) (transfer none): the record's fields
 * @n_fields: (out) (optional): how many there are
 *
 * Reads the next record. Completely blank lines are skipped; a byte order
 * mark at the start is ignored; quoted fields keep their commas and line
 * breaks as written.
 *
 * Returns: %TRUE with @fields set to a NULL-terminated array of UTF-8
 *   strings, valid until the next call or sp_csv_reader_free(); %FALSE with
 *   @fields %NULL and no error at the end of the file; %FALSE with @error set
 *   (naming the file and line) on a problem, after which every call returns
 *   the same error
 */
gboolean
sp_csv_reader_next (SpCsvReader         *self,
                    const char * const **fields,
                    guint               *n_fields,
                    GError             **error)
{
  g_autoptr (GError) local_error = NULL;
  const char *p;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *fields = NULL;
  if (n_fields != NULL)
    *n_fields = 0;
  g_ptr_array_set_size (self->fields, 0);

  if (self->failure != NULL)
    {
      g_propagate_error (error, g_error_copy (self->failure));
      return FALSE;
    }

  if (!read_record (self, &local_error))
    {
      if (local_error != NULL)
        {
          self->failure = g_error_copy (local_error);
          g_propagate_error (error, g_steal_pointer (&local_error));
        }
      return FALSE;
    }

  /* The fields lie end to end in @record, each ended by its NUL. */
  p = self->record->str;
  for (guint i = 0; i < self->n_done; i++)
    {
      g_ptr_array_add (self->fields, (gpointer) p);
      p += strlen (p) + 1;
    }
  g_ptr_array_add (self->fields, NULL);

  *fields = (const char * const *) self->fields->pdata;
  if (n_fields != NULL)
    *n_fields = self->n_done;
  return TRUE;
}
