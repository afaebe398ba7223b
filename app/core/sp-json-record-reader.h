/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-json-record-reader.h: a feed's records split and parsed on a second core, in order. */
#pragma once

#include <json-glib/json-glib.h>

#include "sp-json-splitter.h"

G_BEGIN_DECLS

typedef struct
{
  JsonNode *root;          /* the parsed record */
  char *hash;              /* SHA-256 of the record's text, to spot unchanged services */
  guint index;             /* 1-based position in the feed */
  guint line;              /* where it starts */
  SpJsonFeedShape shape;   /* of the whole feed, known once the first record is read */
  guint64 bytes_read;      /* of the file, up to the end of this record */
} SpJsonRecord;

typedef struct _SpJsonRecordReader SpJsonRecordReader;

SpJsonRecordReader *sp_json_record_reader_new  (GInputStream        *stream,
                                                const char          *display_name,
                                                GCancellable        *cancellable);
SpJsonRecord       *sp_json_record_reader_next (SpJsonRecordReader  *self,
                                                GError             **error);
void                sp_json_record_reader_free (SpJsonRecordReader  *self);
void                sp_json_record_free        (SpJsonRecord        *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpJsonRecordReader, sp_json_record_reader_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpJsonRecord, sp_json_record_free)

G_END_DECLS
