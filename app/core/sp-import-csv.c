/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-import-csv.c: importing an HSDS tabular data package (datapackage.json + CSV files). */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sp-csv-reader.h"
#include "sp-import-private.h"
#include "sp-json-splitter.h"

/* Reads datapackage.json: resource name -> CSV path inside @folder. */
static GHashTable *
read_resources (const char *folder,
                GError    **error)
{
  g_autofree char *manifest = g_build_filename (folder, "datapackage.json", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GHashTable) resources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GMappedFile) mapped = NULL;
  const char *text;
  gsize length;
  JsonNode *root;
  JsonNode *list;

  if (!g_file_test (manifest, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                   _("The folder %s has no datapackage.json, so it is not an HSDS tabular data "
                     "package. Import a JSON feed file, or a folder with datapackage.json and its "
                     "CSV files."),
                   folder);
      return NULL;
    }
  mapped = g_mapped_file_new (manifest, FALSE, &local_error);
  if (mapped == NULL)
    {
      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_IO,
                   _("Could not read %s: %s"), manifest, local_error->message);
      return NULL;
    }
  /* An empty file maps to no memory at all. */
  text = g_mapped_file_get_contents (mapped) != NULL ? g_mapped_file_get_contents (mapped) : "";
  length = g_mapped_file_get_length (mapped);
  /* The same limit as a feed's records: json-glib recurses once a level. */
  if (!sp_json_nesting_within (text, length, SP_JSON_MAX_DEPTH))
    {
      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_NOT_JSON,
                   _("%s is nested more than %d levels deep, which no data package needs. The "
                     "file is damaged or hostile."),
                   manifest, SP_JSON_MAX_DEPTH);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, text, length, &local_error))
    {
      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_NOT_JSON,
                   _("%s is not valid JSON: %s"), manifest, local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  list = JSON_NODE_HOLDS_OBJECT (root) ? json_object_get_member (json_node_get_object (root), "resources") : NULL;
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                   _("%s has no “resources” list naming the CSV files."), manifest);
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (list), i);
      JsonObject *resource;
      const char *name;
      const char *path;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      resource = json_node_get_object (node);
      name = json_object_get_string_member_with_default (resource, "name", NULL);
      path = json_object_get_string_member_with_default (resource, "path", NULL);
      if (name == NULL || path == NULL)
        continue;
      /* A package names files inside itself, never elsewhere on the disk. */
      if (g_path_is_absolute (path) || strstr (path, "..") != NULL)
        {
          g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                       _("%s names the file “%s”, outside the package folder; refused."),
                       manifest, path);
          return NULL;
        }
      g_hash_table_insert (resources, g_strdup (name), g_build_filename (folder, path, NULL));
    }
  return g_steal_pointer (&resources);
}

/* The CSV reader's error as an import error, so callers meet one error domain. */
static gboolean
csv_failed (GError  *csv_error,
            GError **error)
{
  static const struct { int csv; SpImportError import; } codes[] = {
    { SP_CSV_ERROR_IO, SP_IMPORT_ERROR_IO },
    { SP_CSV_ERROR_ENCODING, SP_IMPORT_ERROR_ENCODING },
    { SP_CSV_ERROR_SYNTAX, SP_IMPORT_ERROR_NOT_JSON },
    { SP_CSV_ERROR_TOO_LARGE, SP_IMPORT_ERROR_TOO_LARGE },
  };
  SpImportError code = SP_IMPORT_ERROR_NOT_JSON;

  for (gsize i = 0; i < G_N_ELEMENTS (codes); i++)
    if (csv_error->domain == SP_CSV_ERROR && csv_error->code == codes[i].csv)
      code = codes[i].import;
  g_set_error_literal (error, SP_IMPORT_ERROR, code, csv_error->message);
  g_error_free (csv_error);
  return FALSE;
}

static gboolean
import_table (SpImport      *self,
              const SpTable *table,
              const char    *csv_path,
              GError       **error)
{
  g_autoptr (SpCsvReader) reader = NULL;
  g_autoptr (GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *base = g_path_get_basename (csv_path);
  g_autoptr (GError) local_error = NULL;
  const char * const *fields;
  guint n_fields;

  reader = sp_csv_reader_open (csv_path, &local_error);
  if (reader == NULL)
    return csv_failed (g_steal_pointer (&local_error), error);

  if (!sp_csv_reader_next (reader, &fields, &n_fields, &local_error))
    {
      if (local_error != NULL)
        return csv_failed (g_steal_pointer (&local_error), error);
      return TRUE;  /* an empty file: no rows */
    }
  for (guint i = 0; i < n_fields; i++)
    {
      /* Only columns HSDS defines for this table are read; others are ignored. */
      const char *name = fields[i];
      gboolean known = g_str_equal (name, "id") || sp_hsds_table_field (table, name) != NULL;
      g_ptr_array_add (columns, known ? g_strdup (name) : NULL);
    }

  while (sp_csv_reader_next (reader, &fields, &n_fields, &local_error))
    {
      g_autoptr (JsonObject) row = json_object_new ();
      g_autofree char *label = g_strdup_printf ("%s line %u", base, sp_csv_reader_get_line (reader));

      for (guint i = 0; i < n_fields && i < columns->len; i++)
        if (g_ptr_array_index (columns, i) != NULL && fields[i][0] != '\0')
          json_object_set_string_member (row, g_ptr_array_index (columns, i), fields[i]);

      switch (sp_import_flat_row (self, table, row, label))
        {
        case SP_SERVICE_NEW:
          if (table == &sp_hsds_service)
            self->report->imported++;
          break;
        case SP_SERVICE_CHANGED:
          if (table == &sp_hsds_service)
            self->report->updated++;
          break;
        case SP_SERVICE_SAME:
        case SP_SERVICE_SKIPPED:
        default:
          break;
        }
      if (sp_import_failed (self))
        return !sp_import_take_failure (self, error);
    }
  if (local_error != NULL)
    return csv_failed (g_steal_pointer (&local_error), error);
  return TRUE;
}

/**
 * sp_import_tabular_package:
 * @folder: a folder holding datapackage.json and the CSV files it names
 *
 * Imports the package's tables parents first (organisations, services,
 * locations, then what hangs off them), each row linked by its *_id columns.
 * A malformed CSV file fails the whole import.
 */
gboolean
sp_import_tabular_package (SpImport   *self,
                           const char *folder,
                           GError    **error)
{
  g_autoptr (GHashTable) resources = read_resources (folder, error);
  const SpTable * const *tables = sp_hsds_all_tables ();

  if (resources == NULL)
    return FALSE;
  if (!g_hash_table_contains (resources, "service"))
    {
      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                   _("The package in %s has no “service” resource, so there is nothing to import."),
                   folder);
      return FALSE;
    }
  if (!sp_import_start (self, folder, "HSDS tabular data package", error))
    return FALSE;

  for (guint i = 0; tables[i] != NULL; i++)
    {
      const char *csv_path = g_hash_table_lookup (resources, tables[i]->name);

      if (csv_path == NULL)
        continue;
      if (!import_table (self, tables[i], csv_path, error))
        {
          sp_import_abandon (self);
          return FALSE;
        }
    }
  return TRUE;
}
