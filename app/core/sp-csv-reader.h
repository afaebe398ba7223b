/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-csv-reader.h: a streaming RFC 4180 reader for HSDS tabular data packages. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SP_CSV_ERROR (sp_csv_error_quark ())
GQuark sp_csv_error_quark (void);

typedef enum
{
  SP_CSV_ERROR_IO,         /* the file cannot be opened or read */
  SP_CSV_ERROR_ENCODING,   /* not UTF-8 text: a NUL byte, UTF-16, invalid UTF-8 */
  SP_CSV_ERROR_SYNTAX,     /* an unclosed quote, or text after a closing quote */
  SP_CSV_ERROR_TOO_LARGE,  /* a field or record over the limits below */
} SpCsvError;

/* The reader reads this much at a time; memory follows the longest record. */
#define SP_CSV_READ_CHUNK_BYTES (64 * 1024)
/* Longest field and record (all fields together) the reader accepts. */
#define SP_CSV_MAX_FIELD_BYTES  (1024 * 1024)
#define SP_CSV_MAX_RECORD_BYTES (16 * 1024 * 1024)

typedef struct _SpCsvReader SpCsvReader;

SpCsvReader *sp_csv_reader_open          (const char          *path,
                                          GError             **error);
SpCsvReader *sp_csv_reader_new_for_data  (const char          *data,
                                          gssize               length,
                                          const char          *display_name);
gboolean     sp_csv_reader_next          (SpCsvReader         *reader,
                                          const char * const **fields,
                                          guint               *n_fields,
                                          GError             **error);
guint        sp_csv_reader_get_line      (SpCsvReader         *reader);
void         sp_csv_reader_free          (SpCsvReader         *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpCsvReader, sp_csv_reader_free)

G_END_DECLS
