/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-bench-fts5.c: BENCHMARK ONLY. An SQLite FTS5 index of the same documents, the baseline Xapian is measured against.
 *
 * A database of its own beside the store, not the directory store: the one file outside
 * the store that uses SQLite directly, and the sql-boundary test knows it by name.
 */
#include "config.h"

#include <sqlite3.h>

#include "sp-bench-fts5.h"
#include "sp-service.h"
#include "sp-service-document.h"

struct _SpBenchFts5
{
  sqlite3 *db;
};

/* The same five fields as the index, porter stemming; built from the documents the index
 * reads. Sets @rate to the documents indexed a second. */
SpBenchFts5 *
sp_bench_fts5_build (SpStore    *store,
                     const char *path,
                     double     *rate)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpServiceDocumentReader) reader = sp_service_document_reader_new (store, &error);
  g_autoptr (GPtrArray) ids = sp_service_list_ids (store, &error);
  SpBenchFts5 *self = g_new0 (SpBenchFts5, 1);
  sqlite3_stmt *insert;
  gint64 started = g_get_monotonic_time ();

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &self->db), ==, SQLITE_OK);
  sqlite3_exec (self->db, "PRAGMA journal_mode = WAL; BEGIN;"
                          "CREATE VIRTUAL TABLE fts USING fts5(id UNINDEXED, name, categories,"
                          " organization, places, description, tokenize = 'porter unicode61');",
                NULL, NULL, NULL);
  sqlite3_prepare_v2 (self->db, "INSERT INTO fts VALUES (?, ?, ?, ?, ?, ?)", -1, &insert, NULL);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (SpServiceDocument) d = NULL;

      g_assert_true (sp_service_document_read (reader, ids->pdata[i], &d, &error));
      g_assert_no_error (error);
      sqlite3_reset (insert);
      sqlite3_bind_text (insert, 1, d->id, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 2, d->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 3, d->categories_text, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 4, d->organization, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 5, d->places_text, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 6, d->description, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (insert), ==, SQLITE_DONE);
    }
  sqlite3_finalize (insert);
  sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  *rate = ids->len / ((g_get_monotonic_time () - started) / 1e6);
  /* Move everything from the write-ahead log into the file, so its size is the index's. */
  sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  return self;
}

/* "walking group" -> "walking OR group*", as forgiving as the Xapian query. */
static char *
fts_match (const char *query)
{
  g_auto (GStrv) words = g_strsplit (query, " ", -1);
  g_autoptr (GString) match = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (match, " OR ");
      g_string_append_printf (match, "\"%s\"%s", words[i], words[i + 1] == NULL ? "*" : "");
    }
  return g_string_free (g_steal_pointer (&match), FALSE);
}

/* Runs @runs queries (@queries in turn), bm25 with the index's weights, top 20 with their
 * fields and a snippet, and adds each one's time in milliseconds to @samples. */
void
sp_bench_fts5_time (SpBenchFts5        *self,
                    const char * const *queries,
                    guint               n_queries,
                    guint               runs,
                    GArray             *samples)
{
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (self->db,
    "SELECT id, name, organization, snippet(fts, 5, '[', ']', '…', 24) FROM fts WHERE fts MATCH ?"
    " ORDER BY bm25(fts, 0, 6, 4, 3, 2, 1) LIMIT 20", -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint run = 0; run < runs; run++)
    {
      g_autofree char *match = fts_match (queries[run % n_queries]);
      gint64 started = g_get_monotonic_time ();
      double ms;
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_autofree char *copy = g_strconcat ((const char *) sqlite3_column_text (stmt, 1),
                                               sqlite3_column_text (stmt, 2),
                                               sqlite3_column_text (stmt, 3), NULL);
        }
      g_assert_cmpint (rc, ==, SQLITE_DONE);
      ms = (g_get_monotonic_time () - started) / 1000.0;
      g_array_append_val (samples, ms);
    }
  sqlite3_finalize (stmt);
}

void
sp_bench_fts5_close (SpBenchFts5 *self)
{
  sqlite3_close (self->db);
  g_free (self);
}
