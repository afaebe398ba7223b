/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-json-splitter.h: cutting a large feed into one JSON text per record, streaming. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  SP_JSON_FEED_UNKNOWN,
  SP_JSON_FEED_ARRAY,     /* [ {…}, {…} ] */
  SP_JSON_FEED_PAGE,      /* { …, "contents": [ … ] } (ORUK 3.0) */
  SP_JSON_FEED_PAGE_V1,   /* { …, "content": [ … ] } (ORUK 1.0) */
  SP_JSON_FEED_SINGLE,    /* { one record } */
} SpJsonFeedShape;

/* The largest record (one service with everything nested) Signpost accepts. */
#define SP_JSON_MAX_RECORD_BYTES (32 * 1024 * 1024)
/* Nesting deeper than this is hostile, not a directory. */
#define SP_JSON_MAX_DEPTH 64

typedef struct _SpJsonSplitter SpJsonSplitter;

SpJsonSplitter  *sp_json_splitter_new            (GInputStream    *stream,
                                                  const char      *display_name);
void             sp_json_splitter_free           (SpJsonSplitter  *self);
gboolean         sp_json_splitter_next           (SpJsonSplitter  *self,
                                                  const char     **record,
                                                  gsize           *length,
                                                  GCancellable    *cancellable,
                                                  GError         **error);
SpJsonFeedShape  sp_json_splitter_get_shape      (SpJsonSplitter  *self);
guint            sp_json_splitter_get_line       (SpJsonSplitter  *self);
guint64          sp_json_splitter_get_bytes_read (SpJsonSplitter  *self);
guint            sp_json_splitter_get_index      (SpJsonSplitter  *self);

gboolean         sp_json_nesting_within          (const char      *text,
                                                  gsize            length,
                                                  guint            max_depth);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpJsonSplitter, sp_json_splitter_free)

G_END_DECLS
