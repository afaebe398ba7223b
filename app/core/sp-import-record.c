/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-import-record.c: writing one HSDS record and everything nested in it to the store. */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sp-import-private.h"
#include "sp-text.h"

/*
 * Every table is written by the same code, driven by the descriptors in
 * sp-hsds.c: a field's kind says how to read and check its value, a link says
 * how a nested object or list hangs off its parent. What a person would lose
 * decides what happens to a bad value: the value is dropped with a warning
 * naming the record and field, and the record is kept.
 */

typedef struct
{
  const SpTable *table;
  char *id;
  const char *column;
  const char *target;   /* table the column refers to */
  char *target_id;
  char *field_path;
} RefCheck;

static void
ref_check_free (gpointer data)
{
  RefCheck *check = data;

  g_free (check->id);
  g_free (check->target_id);
  g_free (check->field_path);
  g_free (check);
}

/* ---- problems ---------------------------------------------------------- */

static void
add_problem (SpImport            *self,
             SpImportProblemKind  kind,
             const char          *record_id,
             const char          *field,
             char                *message)
{
  SpImportReport *report = self->report;

  if (report->problems->len >= SP_IMPORT_MAX_PROBLEMS)
    {
      report->problems_dropped++;
      g_free (message);
      return;
    }
  {
    SpImportProblem *problem = g_new0 (SpImportProblem, 1);
    problem->kind = kind;
    problem->record_id = g_strdup (record_id);
    problem->field = g_strdup (field);
    problem->message = message;
    g_ptr_array_add (report->problems, problem);
  }
}

/* Under --strict the first problem rejects the file; this keeps it. */
static void
note_strict (SpImport   *self,
             const char *record_id,
             const char *field,
             const char *message)
{
  g_autofree char *file = NULL;

  if (!(self->flags & SP_IMPORT_FLAGS_STRICT) || self->strict_error != NULL)
    return;
  file = g_path_get_basename (self->report->source != NULL ? self->report->source : "?");
  g_set_error (&self->strict_error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_STRICT,
               _("%s, record %s, %s: %s (--strict rejects the whole file on any problem; "
                 "nothing was imported)"),
               file, record_id != NULL ? record_id : "?", field != NULL ? field : _("whole record"),
               message);
}

/**
 * sp_import_warn:
 * @field: the field within the current path ("latitude"), or %NULL for the
 *   object at the path itself
 *
 * Records that a field of the current record was dropped or changed.
 */
void
sp_import_warn (SpImport   *self,
                const char *field,
                const char *format,
                ...)
{
  g_autofree char *full = NULL;
  char *message;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  full = g_strconcat (self->path->str, field != NULL ? field : "", NULL);
  if (full[0] != '\0' && full[strlen (full) - 1] == '.')
    full[strlen (full) - 1] = '\0';
  self->record_warnings++;
  self->report->warnings++;
  note_strict (self, self->record_id, full, message);
  add_problem (self, SP_IMPORT_PROBLEM_WARNING, self->record_id, full, message);
}

void
sp_import_skip (SpImport   *self,
                const char *record_id,
                const char *format,
                ...)
{
  char *message;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  self->report->skipped++;
  note_strict (self, record_id, NULL, message);
  add_problem (self, SP_IMPORT_PROBLEM_SKIPPED, record_id, NULL, message);
}

gboolean
sp_import_failed (SpImport *self)
{
  return self->store_error != NULL || self->strict_error != NULL;
}

/* Moves the reason the import must stop (store failure or --strict) to @error. */
gboolean
sp_import_take_failure (SpImport *self,
                        GError  **error)
{
  if (self->store_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->store_error));
      return TRUE;
    }
  if (self->strict_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->strict_error));
      return TRUE;
    }
  return FALSE;
}

/* ---- writing --------------------------------------------------------------- */

static char *write_object (SpImport      *self,
                           const SpTable *table,
                           JsonObject    *object,
                           const SpLink  *via,
                           const char    *parent_id,
                           const char    *parent_table,
                           const char    *seed);

static void
push_path (SpImport   *self,
           const char *key,
           int         index)
{
  if (index >= 0)
    g_string_append_printf (self->path, "%s[%d].", key, index);
  else
    g_string_append_printf (self->path, "%s.", key);
}

static void
write_children (SpImport      *self,
                const SpTable *table,
                const SpLink  *link,
                JsonObject    *object,
                const char    *id)
{
  JsonNode *node = json_object_get_member (object, link->key);
  JsonArray *array;
  gsize saved = self->path->len;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      sp_import_warn (self, link->key, _("expected a list; left out"));
      return;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array) && !sp_import_failed (self); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *seed = g_strdup_printf ("%s/%s/%u", id, link->key, i);
      g_autofree char *child_id = NULL;

      push_path (self, link->key, i);
      if (!JSON_NODE_HOLDS_OBJECT (element))
        sp_import_warn (self, NULL, _("expected a group of fields; left out"));
      else
        child_id = write_object (self, link->table, json_node_get_object (element), link, id,
                                 table->name, seed);
      g_string_truncate (self->path, saved);
    }
}

/* The id @object is written under: the UUID it gives, or one made from what it gave
 * instead (set in @source_id) or from @seed (where it hangs off its parent), so that a
 * re-import finds it again. NULL when it has neither a UUID nor a seed. */
static char *
record_id (SpImport   *self,
           JsonObject *object,
           const char *seed,
           char      **source_id)
{
  JsonNode *id_node = json_object_get_member (object, "id");

  if (id_node != NULL && JSON_NODE_HOLDS_VALUE (id_node) &&
      json_node_get_value_type (id_node) == G_TYPE_STRING &&
      sp_text_is_uuid (json_node_get_string (id_node)))
    return g_ascii_strdown (json_node_get_string (id_node), -1);
  if (id_node != NULL && !JSON_NODE_HOLDS_NULL (id_node))
    {
      *source_id = sp_import_node_as_text (self, "id", id_node);
      if (*source_id != NULL)
        sp_import_warn (self, "id", _("“%.60s” is not a UUID; Signpost gave the record one "
                                      "of its own"), *source_id);
    }
  if (seed == NULL)
    return NULL;
  return sp_text_uuid_from_seed (*source_id != NULL ? *source_id : seed);
}

/* One checked value per field of @table, read from @object. */
static SpImportValue *
read_values (SpImport      *self,
             const SpTable *table,
             JsonObject    *object,
             guint         *n_fields)
{
  SpImportValue *values;
  guint i = 0;

  *n_fields = 0;
  for (const SpField *f = table->fields; f->name != NULL; f++)
    (*n_fields)++;
  values = g_new0 (SpImportValue, *n_fields);
  for (const SpField *f = table->fields; f->name != NULL; f++, i++)
    sp_import_read_field (self, f, json_object_get_member (object, f->name), &values[i]);
  return values;
}

static void
free_values (SpImportValue *values,
             guint          n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    sp_import_value_clear (&values[i]);
  g_free (values);
}

static void
set_text_value (SpImportValue *value,
                char          *text)
{
  sp_import_value_clear (value);
  value->type = SP_IMPORT_VALUE_TEXT;
  value->text = text;
}

/* Writes the single objects nested in @object (organization, location, taxonomy_term)
 * first, so that the column pointing at each holds its final id; lists those columns in
 * @object_ids. */
static void
write_nested_objects (SpImport      *self,
                      const SpTable *table,
                      JsonObject    *object,
                      const char    *id,
                      SpImportValue *values,
                      GPtrArray     *object_ids)
{
  for (const SpLink *link = table->links; link->key != NULL; link++)
    {
      JsonNode *node;
      gsize saved = self->path->len;
      g_autofree char *child_seed = NULL;
      char *child_id;

      if (link->kind != SP_LINK_OBJECT)
        continue;
      node = json_object_get_member (object, link->key);
      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          sp_import_warn (self, link->key, _("expected a group of fields; left out"));
          continue;
        }
      push_path (self, link->key, -1);
      child_seed = g_strdup_printf ("%s/%s", id, link->key);
      child_id = write_object (self, link->table, json_node_get_object (node), NULL, NULL, NULL,
                               child_seed);
      g_string_truncate (self->path, saved);
      if (child_id == NULL)
        continue;
      set_text_value (&values[sp_import_field_index (table, link->column)], child_id);
      g_ptr_array_add (object_ids, g_strdup (link->column));
    }
}

/* The link to the parent (@via) overrides whatever the child said. */
static void
link_to_parent (const SpTable *table,
                SpImportValue *values,
                const SpLink  *via,
                const char    *parent_id,
                const char    *parent_table)
{
  if (via != NULL && via->kind == SP_LINK_CHILDREN)
    set_text_value (&values[sp_import_field_index (table, via->column)], g_strdup (parent_id));
  else if (via != NULL && via->kind == SP_LINK_ATTACHED)
    {
      const char *entity_column = table == &sp_hsds_attribute ? "link_entity" : "resource_type";
      SpImportValue *entity = &values[sp_import_field_index (table, entity_column)];

      set_text_value (&values[sp_import_field_index (table, via->column)], g_strdup (parent_id));
      if (entity->type == SP_IMPORT_VALUE_NONE)
        set_text_value (entity, g_strdup (parent_table));
    }
}

/* Foreign keys the feed named itself are checked once the record is done: they may point
 * at something later in the same record. Those the structure set (@via, @object_ids) are
 * right by construction. */
static void
note_references (SpImport            *self,
                 const SpTable       *table,
                 const char          *id,
                 const SpImportValue *values,
                 const SpLink        *via,
                 GPtrArray           *object_ids)
{
  guint i = 0;

  for (const SpField *f = table->fields; f->name != NULL; f++, i++)
    {
      const char *target;
      RefCheck *check;
      gboolean from_structure = FALSE;

      if (f->kind != SP_FIELD_REF || values[i].type != SP_IMPORT_VALUE_TEXT ||
          (target = sp_import_foreign_key_target (f->name)) == NULL)
        continue;
      from_structure = via != NULL && via->kind == SP_LINK_CHILDREN && g_str_equal (via->column, f->name);
      for (guint k = 0; k < object_ids->len && !from_structure; k++)
        from_structure = g_str_equal (g_ptr_array_index (object_ids, k), f->name);
      if (from_structure)
        continue;
      check = g_new0 (RefCheck, 1);
      check->table = table;
      check->id = g_strdup (id);
      check->column = f->name;
      check->target = target;
      check->target_id = g_strdup (values[i].text);
      check->field_path = g_strconcat (self->path->str, f->name, NULL);
      g_ptr_array_add (self->references, check);
    }
}

/*
 * write_object:
 * Writes @object as a row of @table (insert, or update in place if its id is
 * already there), then everything nested in it. @via is the link it hangs
 * from (NULL at the top). Returns its id, or NULL if it was left out.
 */
static char *
write_object (SpImport      *self,
              const SpTable *table,
              JsonObject    *object,
              const SpLink  *via,
              const char    *parent_id,
              const char    *parent_table,
              const char    *seed)
{
  g_autofree char *id = NULL;
  g_autofree char *source_id = NULL;
  g_autofree char *written_key = NULL;
  g_autoptr (GPtrArray) object_ids = NULL;
  SpImportValue *values;
  guint n_fields;
  gboolean existed = FALSE;

  if (sp_import_failed (self) || (id = record_id (self, object, seed, &source_id)) == NULL)
    return NULL;
  if (table->shared)
    {
      written_key = g_strconcat (table->name, "\x1f", id, NULL);
      if (g_hash_table_contains (self->written, written_key))
        return g_steal_pointer (&id);  /* already written by an earlier record of this feed */
    }

  values = read_values (self, table, object, &n_fields);
  object_ids = g_ptr_array_new_with_free_func (g_free);
  write_nested_objects (self, table, object, id, values, object_ids);
  link_to_parent (table, values, via, parent_id, parent_table);
  if (!sp_import_apply_rules (self, table, object, values))
    {
      free_values (values, n_fields);
      return NULL;
    }

  if (table->shared)
    {
      existed = sp_import_row_exists (self, table->name, id);
      g_hash_table_add (self->written, g_steal_pointer (&written_key));
    }
  else if (via == NULL && table == &sp_hsds_service)
    existed = sp_import_row_exists (self, table->name, id);
  if (existed)
    sp_import_delete_owned_children (self, table, id);
  note_references (self, table, id, values, via, object_ids);
  sp_import_write_row (self, table, id, values, source_id);
  free_values (values, n_fields);

  for (const SpLink *link = table->links; link->key != NULL && !sp_import_failed (self); link++)
    if (link->kind != SP_LINK_OBJECT)
      write_children (self, table, link, object, id);

  return g_steal_pointer (&id);
}

/* Drops foreign keys that name nothing in the feed or the store. */
static void
check_references (SpImport *self)
{
  for (guint i = 0; i < self->references->len && !sp_import_failed (self); i++)
    {
      RefCheck *check = g_ptr_array_index (self->references, i);

      if (sp_import_row_exists (self, check->target, check->target_id))
        continue;
      if (!sp_import_clear_reference (self, check->table, check->column, check->id))
        break;
      {
        gsize saved = self->path->len;
        g_string_truncate (self->path, 0);
        sp_import_warn (self, check->field_path,
                        _("refers to %s %s, which is neither in the feed nor in the directory; "
                          "left out"),
                        check->target, check->target_id);
        g_string_truncate (self->path, saved);
      }
    }
  g_ptr_array_set_size (self->references, 0);
}

static void
begin_record (SpImport   *self,
              const char *record_id)
{
  g_free (self->record_id);
  self->record_id = g_strdup (record_id);
  g_string_truncate (self->path, 0);
  self->record_warnings = 0;
}

/* A service needs a UUID, a name and a status to be worth keeping; without
 * one of them it is skipped and reported. Sets @id_out to the lower-case id. */
static gboolean
service_is_usable (SpImport   *self,
                   JsonObject *service,
                   char      **id_out)
{
  JsonNode *id_node = json_object_get_member (service, "id");
  const char *raw_id = NULL;
  g_autofree char *id = NULL;
  g_autofree char *status_text = NULL;
  SpImportValue name = { 0 };
  SpImportValue status = { 0 };
  JsonNode *status_node;

  if (id_node != NULL && JSON_NODE_HOLDS_VALUE (id_node) &&
      json_node_get_value_type (id_node) == G_TYPE_STRING)
    raw_id = json_node_get_string (id_node);
  if (raw_id == NULL || !sp_text_is_uuid (raw_id))
    {
      if (raw_id != NULL && *raw_id != '\0')
        sp_import_skip (self, self->record_id, _("the service's id “%.60s” is not a UUID; skipped"), raw_id);
      else
        sp_import_skip (self, self->record_id, _("the service has no id; skipped"));
      return FALSE;
    }
  id = g_ascii_strdown (raw_id, -1);

  sp_import_read_field (self, sp_hsds_table_field (&sp_hsds_service, "name"),
                        json_object_get_member (service, "name"), &name);
  if (name.type == SP_IMPORT_VALUE_NONE)
    {
      sp_import_skip (self, id, _("the service has no name; skipped"));
      return FALSE;
    }
  sp_import_value_clear (&name);

  status_node = json_object_get_member (service, "status");
  if (status_node != NULL && JSON_NODE_HOLDS_VALUE (status_node) &&
      json_node_get_value_type (status_node) == G_TYPE_STRING)
    status_text = g_strstrip (g_strdup (json_node_get_string (status_node)));
  if (status_text == NULL || *status_text == '\0' ||
      sp_hsds_field_choice (sp_hsds_table_field (&sp_hsds_service, "status"), status_text) == NULL)
    {
      sp_import_skip (self, id, _("the service's status “%.40s” is not one of active, inactive, "
                                  "defunct or temporarily closed; skipped"),
                      status_text != NULL ? status_text : "");
      return FALSE;
    }
  sp_import_value_clear (&status);
  *id_out = g_steal_pointer (&id);
  return TRUE;
}

/**
 * sp_import_service:
 * @service: an HSDS 3.0 service object (ORUK 1.0 ones are reshaped first)
 * @content_hash: (nullable): a checksum of the record as the feed sent it
 *
 * Writes one service and everything nested in it, inside the import's
 * transaction. A service without a usable id, name or status is skipped and
 * reported; other bad values are dropped with a warning. A service whose
 * record is byte-for-byte what was imported last time is left alone.
 *
 * A service its group has changed on the hub since (its content_hash marked by
 * sp_import_mark_edited()) keeps the group's change when the feed's copy is the one the
 * change was made over; when the feed's copy is different too, the group's is still kept
 * and a warning says so, unless the import has %SP_IMPORT_FLAGS_REPLACE_EDITED. Either way
 * nothing the group wrote is lost to a nightly import of an unchanged feed.
 */
SpServiceOutcome
sp_import_service (SpImport   *self,
                   JsonObject *service,
                   const char *content_hash)
{
  g_autofree char *id = NULL;
  g_autofree char *old_hash = NULL;
  g_autofree char *written_id = NULL;
  gboolean existed = FALSE;
  gboolean repeated = FALSE;

  if (!service_is_usable (self, service, &id))
    return SP_SERVICE_SKIPPED;
  begin_record (self, id);
  if (!g_hash_table_add (self->services_seen, g_strdup (id)))
    {
      sp_import_warn (self, NULL, _("the feed lists this service more than once; the last "
                                    "entry was kept"));
      repeated = TRUE;
    }

  if (!sp_import_read_content_hash (self, id, &existed, &old_hash))
    return SP_SERVICE_SKIPPED;
  if (existed && content_hash != NULL && g_strcmp0 (old_hash, content_hash) == 0)
    return SP_SERVICE_SAME;
  if (existed && content_hash != NULL && old_hash != NULL && g_str_has_prefix (old_hash, SP_IMPORT_EDITED_MARK))
    {
      if (g_str_equal (old_hash + strlen (SP_IMPORT_EDITED_MARK), content_hash))
        return SP_SERVICE_SAME;
      if ((self->flags & SP_IMPORT_FLAGS_REPLACE_EDITED) == 0)
        {
          sp_import_warn (self, NULL, _("its group has changed it on the hub since, and the feed's copy is different "
                                        "too: the group's change was kept (import with --replace-edited to take the "
                                        "feed's copy)"));
          self->report->kept_edited++;
          return SP_SERVICE_KEPT_EDITED;
        }
    }

  self->content_hash = content_hash;
  written_id = write_object (self, &sp_hsds_service, service, NULL, NULL, NULL, NULL);
  self->content_hash = NULL;
  check_references (self);
  if (sp_import_failed (self))
    return SP_SERVICE_SKIPPED;
  if (self->record_warnings > 0 && !repeated)
    self->report->warned++;
  if (self->report->changed != NULL && !repeated)
    g_ptr_array_add (self->report->changed, g_strdup (id));
  if (repeated)
    return SP_SERVICE_REPEATED;
  return existed ? SP_SERVICE_CHANGED : SP_SERVICE_NEW;
}

/**
 * sp_import_flat_row:
 * @row: one row of a tabular package, fields as in HSDS
 * @label: where the row is, for messages ("phones.csv line 4")
 *
 * Writes one row of @table with no nesting (tabular packages link rows by
 * their *_id columns). A row without a usable id is left out; a service row
 * also needs a name and status.
 *
 * Returns: the outcome, as for sp_import_service()
 */
SpServiceOutcome
sp_import_flat_row (SpImport      *self,
                    const SpTable *table,
                    JsonObject    *row,
                    const char    *label)
{
  JsonNode *id_node = json_object_get_member (row, "id");
  const char *raw_id = NULL;
  g_autofree char *id = NULL;
  g_autofree char *written_id = NULL;
  gboolean existed;

  g_free (self->record_id);
  self->record_id = g_strdup (label);
  g_string_truncate (self->path, 0);
  self->record_warnings = 0;

  if (table == &sp_hsds_service)
    {
      if (!service_is_usable (self, row, &id))
        return SP_SERVICE_SKIPPED;
    }
  else
    {
      if (id_node != NULL && JSON_NODE_HOLDS_VALUE (id_node) &&
          json_node_get_value_type (id_node) == G_TYPE_STRING)
        raw_id = json_node_get_string (id_node);
      if (raw_id == NULL || !sp_text_is_uuid (raw_id))
        {
          sp_import_warn (self, "id", _("the %s row has no usable id (UUID); left out"), table->name);
          return SP_SERVICE_SKIPPED;
        }
      id = g_ascii_strdown (raw_id, -1);
    }

  {
    g_autofree char *with_label = g_strdup_printf ("%s (%s)", id, label);
    g_free (self->record_id);
    self->record_id = g_steal_pointer (&with_label);
  }
  existed = sp_import_row_exists (self, table->name, id);
  written_id = write_object (self, table, row, NULL, NULL, NULL, NULL);
  check_references (self);
  if (written_id == NULL || sp_import_failed (self))
    return SP_SERVICE_SKIPPED;
  if (table == &sp_hsds_service && self->record_warnings > 0)
    self->report->warned++;
  return existed ? SP_SERVICE_CHANGED : SP_SERVICE_NEW;
}

SpImport *
sp_import_new (SpStore       *store,
               SpImportFlags  flags,
               GCancellable  *cancellable)
{
  SpImport *self = g_new0 (SpImport, 1);

  self->store = g_object_ref (store);
  self->flags = flags;
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) sp_store_statement_free);
  self->written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->services_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->keyed_statements = g_hash_table_new_full (NULL, NULL, NULL,
                                                  (GDestroyNotify) sp_store_statement_free);
  self->references = g_ptr_array_new_with_free_func (ref_check_free);
  self->path = g_string_new (NULL);
  self->report = g_new0 (SpImportReport, 1);
  self->report->problems = g_ptr_array_new ();
  self->report->duplicates = g_ptr_array_new ();
  self->report->changed = g_ptr_array_new_with_free_func (g_free);
  self->report->removed = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
sp_import_free (SpImport *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->statements);
  g_hash_table_unref (self->written);
  g_hash_table_unref (self->services_seen);
  g_ptr_array_unref (self->references);
  g_string_free (self->path, TRUE);
  g_clear_pointer (&self->report, sp_import_report_free);
  g_clear_error (&self->strict_error);
  g_clear_error (&self->store_error);
  g_clear_object (&self->cancellable);
  g_hash_table_unref (self->keyed_statements);
  g_object_unref (self->store);
  g_free (self->record_id);
  g_free (self->now);
  g_free (self);
}
