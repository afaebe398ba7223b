/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-import.c: bringing Open Referral feeds into the directory store, all or nothing. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "sp-import-private.h"
#include "sp-json-record-reader.h"
#include "sp-oruk1.h"

G_DEFINE_QUARK (sp-import-error-quark, sp_import_error)

#define PROGRESS_EVERY 500

static void
problem_free (gpointer data)
{
  SpImportProblem *problem = data;

  g_free (problem->record_id);
  g_free (problem->field);
  g_free (problem->message);
  g_free (problem);
}

static void
duplicate_free (gpointer data)
{
  SpImportDuplicate *duplicate = data;

  g_free (duplicate->service_id);
  g_free (duplicate->service_name);
  g_free (duplicate->other_id);
  g_free (duplicate->other_feed);
  g_free (duplicate->postal_code);
  g_free (duplicate);
}

void
sp_import_report_free (SpImportReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_set_free_func (report->problems, problem_free);
  g_ptr_array_unref (report->problems);
  g_ptr_array_set_free_func (report->duplicates, duplicate_free);
  g_ptr_array_unref (report->duplicates);
  g_clear_pointer (&report->changed, g_ptr_array_unref);
  g_clear_pointer (&report->removed, g_ptr_array_unref);
  g_free (report->source);
  g_free (report);
}

/*
 * sp_import_start:
 * Opens the import's one transaction and records the feed. Everything the
 * import writes afterwards is undone by sp_import_abandon(), a failed
 * sp_import_finish(), or the process dying before the commit.
 */
gboolean
sp_import_start (SpImport   *self,
                 const char *source,
                 const char *format,
                 GError    **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  SpStoreStatement *stmt;

  self->now = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  self->report->source = g_strdup (source);
  self->report->format = format;

  /* A bigger page cache for the import only; foreign keys are verified at
   * commit because a record may name something later in the same feed. */
  if (!sp_store_exec (self->store, "PRAGMA cache_size = -65536", error) ||
      !sp_store_begin (self->store, error) ||
      !sp_store_exec (self->store, "PRAGMA defer_foreign_keys = ON", error))
    return FALSE;

  stmt = sp_import_statement (self,
                              "INSERT INTO feed (source, format, first_imported_at, last_imported_at) "
                              "VALUES (?1, ?2, ?3, ?3) ON CONFLICT (source) DO UPDATE SET "
                              "format = excluded.format, last_imported_at = excluded.last_imported_at "
                              "RETURNING id", N_("recording the feed"));
  if (stmt == NULL)
    return sp_import_take_failure (self, error), sp_store_rollback (self->store), FALSE;
  sp_store_statement_bind_text (stmt, 1, source);
  sp_store_statement_bind_text (stmt, 2, format);
  sp_store_statement_bind_text (stmt, 3, self->now);
  /* RETURNING gives the one row an insert or an update makes. */
  if (sp_store_statement_step (stmt, error) != SP_STORE_STEP_ROW)
    {
      sp_store_rollback (self->store);
      return FALSE;
    }
  self->feed_id = sp_store_statement_get_int64 (stmt, 0);
  sp_store_statement_reset (stmt);
  return TRUE;
}

void
sp_import_abandon (SpImport *self)
{
  sp_store_rollback (self->store);
}

/* Services of this feed with the same normalised name and postcode as a
 * service from another feed: probably one service listed twice. A read that fails stops
 * the import (store_error), rather than report fewer duplicates than there are. */
static void
find_duplicates (SpImport *self)
{
  SpStoreStep step;
  SpStoreStatement *stmt = sp_import_statement (self,
    "WITH mine AS ("
    "  SELECT s.id, s.name, s.match_key, replace(upper(a.postal_code), ' ', '') AS pc"
    "  FROM service s JOIN service_at_location sl ON sl.service_id = s.id"
    "  JOIN address a ON a.location_id = sl.location_id"
    "  WHERE s.feed_id = ?1 AND s.match_key <> '' AND a.postal_code IS NOT NULL)"
    " SELECT DISTINCT mine.id, mine.name, o.id, f.source, mine.pc FROM mine"
    " JOIN service o ON o.match_key = mine.match_key AND o.id <> mine.id AND o.feed_id IS NOT ?1"
    " JOIN service_at_location ol ON ol.service_id = o.id"
    " JOIN address oa ON oa.location_id = ol.location_id"
    "  AND replace(upper(oa.postal_code), ' ', '') = mine.pc"
    " LEFT JOIN feed f ON f.id = o.feed_id"
    " ORDER BY mine.name, mine.id LIMIT 1000", N_("looking for services listed twice"));

  if (stmt == NULL)
    return;
  sp_store_statement_bind_int64 (stmt, 1, self->feed_id);
  while ((step = sp_store_statement_step (stmt, &self->store_error)) == SP_STORE_STEP_ROW)
    {
      SpImportDuplicate *d = g_new0 (SpImportDuplicate, 1);
      d->service_id = sp_store_statement_dup_text (stmt, 0);
      d->service_name = sp_store_statement_dup_text (stmt, 1);
      d->other_id = sp_store_statement_dup_text (stmt, 2);
      d->other_feed = sp_store_statement_dup_text (stmt, 3);
      d->postal_code = sp_store_statement_dup_text (stmt, 4);
      g_ptr_array_add (self->report->duplicates, d);
    }
  /* A read that failed stops the import (store_error is set): no list cut short. */
  if (step == SP_STORE_STEP_ERROR)
    g_ptr_array_set_size (self->report->duplicates, 0);
  sp_store_statement_reset (stmt);
}

static void
remove_one (SpImport   *self,
            const char *id)
{
  SpStoreStatement *stmt = sp_import_statement (self, "DELETE FROM service WHERE id = ?1 AND feed_id = ?2",
                                                N_("removing a service"));

  if (stmt == NULL)
    return;
  sp_store_statement_bind_text (stmt, 1, id);
  sp_store_statement_bind_int64 (stmt, 2, self->feed_id);
  if (sp_import_run (self, stmt) && sp_store_count_changes (self->store) > 0)
    g_ptr_array_add (self->report->removed, g_strdup (id));
}

/*
 * sp_import_remove_service:
 * Removes the service @id, inside the import's transaction, if this import's feed brought
 * it (a service another feed brought is not this feed's to remove).
 */
void
sp_import_remove_service (SpImport   *self,
                          const char *id)
{
  g_return_if_fail (id != NULL);
  if (!sp_import_failed (self))
    remove_one (self, id);
}

/*
 * sp_import_remove_unseen:
 * Removes every service of this import's feed that the import did not write or find
 * unchanged: after a feed that is the whole of its directory (a full sync), what it no
 * longer lists is gone.
 */
void
sp_import_remove_unseen (SpImport *self)
{
  g_autoptr (GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  SpStoreStatement *stmt;
  SpStoreStep step;

  if (sp_import_failed (self) ||
      (stmt = sp_import_statement (self, "SELECT id FROM service WHERE feed_id = ?1",
                                   N_("reading which services a feed holds"))) == NULL)
    return;
  sp_store_statement_bind_int64 (stmt, 1, self->feed_id);
  while ((step = sp_store_statement_step (stmt, &self->store_error)) == SP_STORE_STEP_ROW)
    {
      const char *id = sp_store_statement_get_text (stmt, 0);
      if (!g_hash_table_contains (self->services_seen, id))
        g_ptr_array_add (gone, g_strdup (id));
    }
  sp_store_statement_reset (stmt);
  if (step == SP_STORE_STEP_ERROR)
    return;
  for (guint i = 0; i < gone->len; i++)
    remove_one (self, g_ptr_array_index (gone, i));
}

/*
 * sp_import_finish:
 * Reports duplicates, records the run and commits. If anything failed
 * (a store error, or --strict and a problem) the transaction is rolled back
 * and the store is exactly as before the import.
 */
gboolean
sp_import_finish (SpImport *self,
                  GError  **error)
{
  g_autoptr (GDateTime) now = NULL;
  g_autofree char *finished = NULL;
  SpStoreStatement *stmt;
  SpImportReport *r = self->report;

  if (!sp_import_failed (self))
    find_duplicates (self);

  now = g_date_time_new_now_utc ();
  finished = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  stmt = sp_import_statement (self,
                              "INSERT INTO import_run (feed_id, started_at, finished_at, imported, "
                              "updated, unchanged, skipped, warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                              N_("recording the import"));
  if (stmt != NULL && !sp_import_failed (self))
    {
      sp_store_statement_bind_int64 (stmt, 1, self->feed_id);
      sp_store_statement_bind_text (stmt, 2, self->now);
      sp_store_statement_bind_text (stmt, 3, finished);
      sp_store_statement_bind_int64 (stmt, 4, r->imported);
      sp_store_statement_bind_int64 (stmt, 5, r->updated);
      sp_store_statement_bind_int64 (stmt, 6, r->unchanged);
      sp_store_statement_bind_int64 (stmt, 7, r->skipped);
      sp_store_statement_bind_int64 (stmt, 8, r->warnings);
      sp_import_run (self, stmt);
    }

  /* The services written take the directory's next change number, with the import. */
  if (!sp_import_failed (self) &&
      !sp_store_record_change (self->store, r->changed, r->changed == NULL ? self->feed_id : 0, r->removed,
                               NULL, &self->store_error))
    g_prefix_error (&self->store_error, _("Recording the import: "));

  if (sp_import_take_failure (self, error))
    {
      sp_import_abandon (self);
      return FALSE;
    }
  /* Statements hold read cursors; finish them before committing. */
  g_hash_table_remove_all (self->statements);
  g_hash_table_remove_all (self->keyed_statements);
  return sp_store_commit (self->store, error);
}

static void
warn_from_converter (gpointer    user_data,
                     const char *record_id,
                     const char *field,
                     const char *message)
{
  sp_import_warn (user_data, field, "%s", message);
}

static gboolean
check_cancelled (SpImport *self,
                 GError  **error)
{
  if (self->cancellable != NULL && g_cancellable_is_cancelled (self->cancellable))
    {
      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_CANCELLED,
                   _("The import was cancelled; nothing was changed."));
      return TRUE;
    }
  return FALSE;
}

static const char *
node_kind (JsonNode *node)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    return _("a list");
  if (JSON_NODE_HOLDS_NULL (node))
    return _("null");
  if (JSON_NODE_HOLDS_VALUE (node))
    return json_node_get_value_type (node) == G_TYPE_STRING ? _("a text") : _("a number or true/false");
  return _("a group of fields");
}

/* The object @record holds, when it can be a service; NULL with @error set when the feed
 * is not a feed of services (@name is its file's name, for the message). */
static JsonObject *
record_service (const SpJsonRecord *record,
                const char         *name,
                GError            **error)
{
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (record->root))
    {
      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                   _("%s, record %u (line %u) is %s, not a service. This is not an Open "
                     "Referral service feed."),
                   name, record->index, record->line, node_kind (record->root));
      return NULL;
    }
  object = json_node_get_object (record->root);
  if (record->shape == SP_JSON_FEED_SINGLE &&
      (json_object_has_member (object, "contents") || json_object_has_member (object, "content")))
    {
      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                   _("%s looks like a page of services, but its “%s” is not a list. This "
                     "is not an Open Referral service feed."),
                   name, json_object_has_member (object, "contents") ? "contents" : "content");
      return NULL;
    }
  if (record->shape == SP_JSON_FEED_SINGLE && !json_object_has_member (object, "id") &&
      !json_object_has_member (object, "name"))
    {
      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                   _("%s holds one JSON object that is neither a service nor a page of "
                     "services (no “id”, “name” or “contents”). This is not an Open "
                     "Referral service feed."),
                   name);
      return NULL;
    }
  return object;
}

static gboolean
is_oruk1 (const SpJsonRecord *record,
          JsonObject         *object)
{
  return record->shape == SP_JSON_FEED_PAGE_V1 || sp_oruk1_looks_like_service (object);
}

/* Writes the service @object of @record (an ORUK 1.0 one reshaped first) and counts it in
 * the report. Messages name the record by its place in the file, or by its id when an
 * ORUK 1.0 service has one. */
static void
import_record (SpImport           *self,
               const SpJsonRecord *record,
               JsonObject         *object)
{
  g_autoptr (JsonObject) converted = NULL;

  g_free (self->record_id);
  self->record_id = g_strdup_printf (_("record %u (line %u)"), record->index, record->line);
  if (is_oruk1 (record, object))
    {
      JsonNode *id = json_object_get_member (object, "id");
      if (id != NULL && JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_STRING)
        {
          g_free (self->record_id);
          self->record_id = g_strdup (json_node_get_string (id));
        }
      g_string_truncate (self->path, 0);
      converted = sp_oruk1_service_to_hsds3 (object, warn_from_converter, self);
      object = converted;
    }

  switch (sp_import_service (self, object, record->hash))
    {
    case SP_SERVICE_NEW:
      self->report->imported++;
      break;
    case SP_SERVICE_CHANGED:
      self->report->updated++;
      break;
    case SP_SERVICE_SAME:
      self->report->unchanged++;
      break;
    case SP_SERVICE_SKIPPED:
    default:
      break;
    }
}

/* Opens @path for reading, with its size in @total (0 when unknown). */
static GFileInputStream *
open_feed (SpImport   *self,
           const char *path,
           guint64    *total,
           GError    **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInputStream) stream = NULL;
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GError) local_error = NULL;

  stream = g_file_read (file, self->cancellable, &local_error);
  if (stream == NULL)
    {
      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_IO, _("Cannot open %s: %s"), path,
                   local_error->message);
      return NULL;
    }
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, NULL);
  *total = info != NULL ? g_file_info_get_size (info) : 0;
  return g_steal_pointer (&stream);
}

/* Reads a JSON feed record by record and writes each one. The import's transaction starts
 * with the first record, once the feed's format is known. */
static gboolean
import_json_file (SpImport             *self,
                  const char           *path,
                  SpImportProgressFunc  progress,
                  gpointer              progress_data,
                  GError              **error)
{
  g_autoptr (GFileInputStream) stream = NULL;
  g_autoptr (SpJsonRecordReader) reader = NULL;
  SpJsonRecord *record;
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr (GError) local_error = NULL;
  guint64 total = 0;
  guint count = 0;
  gboolean started = FALSE;

  if ((stream = open_feed (self, path, &total, error)) == NULL)
    return FALSE;
  reader = sp_json_record_reader_new (G_INPUT_STREAM (stream), name, self->cancellable);
  while ((record = sp_json_record_reader_next (reader, &local_error)) != NULL)
    {
      g_autoptr (SpJsonRecord) owned = record;
      JsonObject *object = record_service (record, name, error);

      if (object == NULL)
        goto failed;
      if (!started)
        {
          if (!sp_import_start (self, path, is_oruk1 (record, object) ? "ORUK 1.0" : "ORUK 3.0", error))
            return FALSE;
          started = TRUE;
        }
      import_record (self, record, object);
      if (sp_import_failed (self))
        break;

      if (++count % PROGRESS_EVERY == 0)
        {
          if (check_cancelled (self, error))
            goto failed;
          if (progress != NULL)
            progress (progress_data, record->bytes_read, total, count);
        }
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto failed;
    }
  if (!started && !sp_import_start (self, path, "ORUK 3.0", error))
    return FALSE;
  if (progress != NULL)
    progress (progress_data, total, total, count);
  return TRUE;

failed:
  if (started)
    sp_import_abandon (self);
  return FALSE;
}

/**
 * sp_import_path:
 * @store: the directory store
 * @path: a JSON feed (ORUK 3.0 or 1.0: one service, a page, a bare list) or a
 *   folder holding an HSDS tabular data package (datapackage.json + CSV files)
 * @flags: %SP_IMPORT_FLAGS_STRICT to reject the file on any problem
 * @progress: (nullable): called now and then while importing
 * @cancellable: (nullable): cancels the import, changing nothing
 * @report: (out) (optional): what was imported, updated, skipped and why
 *
 * Imports a feed in one transaction: either all of it lands (with records
 * that had no usable id, name or status skipped, and bad fields dropped) or,
 * on a structural error, nothing does and @error says which file, where and
 * what is wrong. Re-importing a feed updates its services in place.
 *
 * Returns: %TRUE if the import was committed
 */
gboolean
sp_import_path (SpStore               *store,
                const char            *path,
                SpImportFlags          flags,
                SpImportProgressFunc   progress,
                gpointer               progress_data,
                GCancellable          *cancellable,
                SpImportReport       **report,
                GError               **error)
{
  g_autoptr (SpImport) self = NULL;
  g_autofree char *absolute = NULL;
  gboolean ok;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  absolute = g_canonicalize_filename (path, NULL);
  if (!g_file_test (absolute, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_IO,
                   _("%s does not exist. Check the file name and try again."), path);
      return FALSE;
    }

  self = sp_import_new (store, flags, cancellable);
  if (g_file_test (absolute, G_FILE_TEST_IS_DIR))
    {
      /* Rows of a package change services from afar: which ones is not known. */
      g_clear_pointer (&self->report->changed, g_ptr_array_unref);
      ok = sp_import_tabular_package (self, absolute, error);
    }
  else
    ok = import_json_file (self, absolute, progress, progress_data, error);

  if (ok)
    ok = sp_import_finish (self, error);
  else
    sp_import_abandon (self);

  if (ok && report != NULL)
    *report = g_steal_pointer (&self->report);
  return ok;
}
