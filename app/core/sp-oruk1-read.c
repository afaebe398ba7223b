/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-oruk1-read.c: reading ORUK 1.0 values as generously as real feeds need (numbers as text,
 * "" and null as absent) and copying them into the HSDS 3.0 service being built. */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "sp-oruk1-private.h"
#include "sp-text.h"

void
sp_oruk1_warn (SpOruk1Converter *self,
               const char       *field,
               const char       *format,
               ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (self->warn == NULL)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  self->warn (self->user_data, self->service_id, field, message);
}

/* "service_at_locations[0].location" + "name" */
char *
sp_oruk1_field_path (const char *prefix,
                     const char *key)
{
  return prefix != NULL ? g_strconcat (prefix, ".", key, NULL) : g_strdup (key);
}

/* "service_at_locations[0]" + "regular_schedules" + 2 */
char *
sp_oruk1_item_path (const char *prefix,
                    const char *key,
                    guint       index)
{
  if (prefix != NULL)
    return g_strdup_printf ("%s.%s[%u]", prefix, key, index);
  return g_strdup_printf ("%s[%u]", key, index);
}

/* Names what a value is, for messages about values of the wrong kind. */
const char *
sp_oruk1_node_describe (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("a list");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      return _("true or false");
    case G_TYPE_STRING:
      return _("text");
    default:
      return _("a number");
    }
}

/* The text @node holds, with a number written out since v1 feeds quote
 * inconsistently; NULL for anything that is not text or a finite number. */
char *
sp_oruk1_node_dup_text (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];
        double value = json_node_get_double (node);

        if (!isfinite (value))
          return NULL;
        return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, value));
      }
    default:
      return NULL;
    }
}

gboolean
sp_oruk1_text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* TRUE if @key is absent, null, or text with nothing but spaces: v1's ways of
 * saying "no value". */
gboolean
sp_oruk1_member_is_blank (JsonObject *object,
                          const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  return JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_STRING
         && sp_oruk1_text_is_blank (json_node_get_string (node));
}

/* The text of @key, NULL when absent or null; anything else that is not text
 * or a number is reported and treated as absent. */
char *
sp_oruk1_read_text (SpOruk1Converter *self,
                    JsonObject       *from,
                    const char       *key,
                    const char       *prefix)
{
  JsonNode *node = json_object_get_member (from, key);
  char *text;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  text = sp_oruk1_node_dup_text (node);
  if (text == NULL)
    {
      g_autofree char *field = sp_oruk1_field_path (prefix, key);

      sp_oruk1_warn (self, field, _("Expected text but found %s; it was left out."),
                     sp_oruk1_node_describe (node));
    }
  return text;
}

gboolean
sp_oruk1_copy_text (SpOruk1Converter *self,
                    JsonObject       *from,
                    const char       *key,
                    JsonObject       *to,
                    const char       *to_key,
                    const char       *prefix)
{
  g_autofree char *text = sp_oruk1_read_text (self, from, key, prefix);

  if (text == NULL)
    return FALSE;
  json_object_set_string_member (to, to_key, text);
  return TRUE;
}

/* Copies each of the NULL-terminated @keys that HSDS 3.0 names as v1 does. */
void
sp_oruk1_copy_same_texts (SpOruk1Converter   *self,
                          JsonObject         *from,
                          JsonObject         *to,
                          const char         *prefix,
                          const char * const *keys)
{
  for (gsize i = 0; keys[i] != NULL; i++)
    sp_oruk1_copy_text (self, from, keys[i], to, keys[i], prefix);
}

/* Reads a number, also from text such as "2" or "51.45" since v1 feeds often
 * quote them. On SP_ORUK1_NUMBER_OK, @out is a new node holding an integer when the
 * value was written as one, so "2" stays 2 rather than 2.0. */
SpOruk1Number
sp_oruk1_parse_number (JsonNode  *node,
                       JsonNode **out)
{
  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return SP_ORUK1_NUMBER_ABSENT;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return SP_ORUK1_NUMBER_BAD;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      *out = json_node_init_int (json_node_alloc (), json_node_get_int (node));
      return SP_ORUK1_NUMBER_OK;
    case G_TYPE_DOUBLE:
      if (!isfinite (json_node_get_double (node)))
        return SP_ORUK1_NUMBER_BAD;
      *out = json_node_init_double (json_node_alloc (), json_node_get_double (node));
      return SP_ORUK1_NUMBER_OK;
    case G_TYPE_STRING:
      {
        g_autofree char *text = g_strstrip (g_strdup (json_node_get_string (node)));
        char *end = NULL;
        gint64 integer;
        double real;

        if (*text == '\0')
          return SP_ORUK1_NUMBER_ABSENT;
        if (g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &integer, NULL))
          {
            *out = json_node_init_int (json_node_alloc (), integer);
            return SP_ORUK1_NUMBER_OK;
          }
        real = g_ascii_strtod (text, &end);
        if (end != text && *end == '\0' && isfinite (real))
          {
            *out = json_node_init_double (json_node_alloc (), real);
            return SP_ORUK1_NUMBER_OK;
          }
        return SP_ORUK1_NUMBER_BAD;
      }
    default:
      return SP_ORUK1_NUMBER_BAD;
    }
}

double
sp_oruk1_number_value (JsonNode *number)
{
  if (json_node_get_value_type (number) == G_TYPE_INT64)
    return (double) json_node_get_int (number);
  return json_node_get_double (number);
}

void
sp_oruk1_warn_not_a_number (SpOruk1Converter *self,
                            const char       *field,
                            JsonNode         *node)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    sp_oruk1_warn (self, field, _("“%s” is not a number; it was left out."),
                   json_node_get_string (node));
  else
    sp_oruk1_warn (self, field, _("Expected a number but found %s; it was left out."),
                   sp_oruk1_node_describe (node));
}

/* The number in @key as a new node, or NULL when absent; a value that is not
 * a number is reported. */
JsonNode *
sp_oruk1_read_number (SpOruk1Converter *self,
                      JsonObject       *from,
                      const char       *key,
                      const char       *prefix)
{
  JsonNode *node = json_object_get_member (from, key);
  JsonNode *number = NULL;

  if (sp_oruk1_parse_number (node, &number) == SP_ORUK1_NUMBER_BAD)
    {
      g_autofree char *field = sp_oruk1_field_path (prefix, key);

      sp_oruk1_warn_not_a_number (self, field, node);
    }
  return number;
}

gboolean
sp_oruk1_copy_number (SpOruk1Converter *self,
                      JsonObject       *from,
                      const char       *key,
                      JsonObject       *to,
                      const char       *to_key,
                      const char       *prefix)
{
  JsonNode *number = sp_oruk1_read_number (self, from, key, prefix);

  if (number == NULL)
    return FALSE;
  json_object_set_member (to, to_key, number);
  return TRUE;
}

/* The list @key of @object, created empty on first use so that an output
 * list exists only when something goes in it. */
JsonArray *
sp_oruk1_ensure_array (JsonObject *object,
                       const char *key)
{
  JsonNode *node = json_object_get_member (object, key);
  JsonArray *array;

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    return json_node_get_array (node);
  array = json_array_new ();
  json_object_set_array_member (object, key, array);
  return array;
}

/* Converts each entry of the list @key in @from with @convert and appends the
 * results to the list @to_key of @to. An entry that is not an object is
 * reported and skipped; the rest carry on. */
void
sp_oruk1_convert_list (SpOruk1Converter *self,
                       JsonObject       *from,
                       const char       *key,
                       const char       *prefix,
                       JsonObject       *to,
                       const char       *to_key,
                       SpOruk1ItemFunc   convert)
{
  JsonNode *node = json_object_get_member (from, key);
  JsonArray *items;
  guint n_items;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *field = sp_oruk1_field_path (prefix, key);

      sp_oruk1_warn (self, field, _("Expected a list but found %s; it was left out."),
                     sp_oruk1_node_describe (node));
      return;
    }

  items = json_node_get_array (node);
  n_items = json_array_get_length (items);
  for (guint i = 0; i < n_items; i++)
    {
      JsonNode *element = json_array_get_element (items, i);
      g_autofree char *path = sp_oruk1_item_path (prefix, key, i);
      JsonObject *converted;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          sp_oruk1_warn (self, path, _("Expected an entry (an object) but found %s; it was left out."),
                         sp_oruk1_node_describe (element));
          continue;
        }
      converted = convert (self, json_node_get_object (element), path);
      if (converted != NULL)
        json_array_add_object_element (sp_oruk1_ensure_array (to, to_key), converted);
    }
}

/* A UUID made from a SHA-1 of @first and the rest, with the version 5 and
 * variant bits set, so the same content always gets the same id. */
char *
sp_oruk1_derived_uuid (const char *first,
                       ...)
{
  g_autoptr (GString) input = g_string_new ("signpost:oruk1");
  va_list args;

  va_start (args, first);
  for (const char *part = first; part != NULL; part = va_arg (args, const char *))
    {
      /* The unit separator cannot be confused with the text of any part. */
      g_string_append_c (input, '\x1f');
      g_string_append (input, part);
    }
  va_end (args);
  return sp_text_uuid_from_seed (input->str);
}

