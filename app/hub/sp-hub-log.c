/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-log.c: the hub's access log, one JSON object a line on stderr.
 *
 *   {"time":"2026-03-01T09:00:00.123Z","remote":"192.0.2.7","method":"GET","path":"/services",
 *    "params":["page","search"],"status":200,"bytes":5120,"ms":1.8,"user_agent":"…"}
 *
 * What a person typed into a search is theirs: of the query only the parameters' names
 * are kept, never their values. Request bodies and cookies are never logged. Every text
 * from the client is made valid UTF-8 and cut short, so a hostile request cannot forge a
 * line or fill the disk with one.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "sp-hub-log.h"

#define MAX_TEXT_CHARS 256
#define MAX_PARAM_NAMES 32

/* @text as valid UTF-8 of at most MAX_TEXT_CHARS characters. */
static char *
clean (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);

  if (g_utf8_strlen (valid, -1) <= MAX_TEXT_CHARS)
    return g_steal_pointer (&valid);
  return g_utf8_substring (valid, 0, MAX_TEXT_CHARS);
}

/* The line for @entry, without its newline. */
char *
sp_hub_log_format (const SpHubLogEntry *entry)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *time = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
  g_autofree char *stamp = g_strdup_printf ("%s.%03dZ", time, g_date_time_get_microsecond (now) / 1000);
  g_autofree char *remote = clean (entry->remote);
  g_autofree char *method = clean (entry->method);
  g_autofree char *path = clean (entry->path);
  g_autofree char *line = NULL;
  char ms[G_ASCII_DTOSTR_BUF_SIZE];

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "time");
  json_builder_add_string_value (builder, stamp);
  json_builder_set_member_name (builder, "remote");
  json_builder_add_string_value (builder, remote);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, method);
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, path);
  if (entry->query != NULL && *entry->query != '\0')
    {
      g_auto (GStrv) parts = g_strsplit (entry->query, "&", MAX_PARAM_NAMES + 1);

      json_builder_set_member_name (builder, "params");
      json_builder_begin_array (builder);
      for (guint i = 0; parts[i] != NULL && i < MAX_PARAM_NAMES; i++)
        {
          g_autofree char *name = NULL;
          char *equals = strchr (parts[i], '=');

          if (equals != NULL)
            *equals = '\0';
          if (*parts[i] == '\0')
            continue;
          name = clean (parts[i]);
          json_builder_add_string_value (builder, name);
        }
      json_builder_end_array (builder);
    }
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, entry->status);
  json_builder_set_member_name (builder, "bytes");
  json_builder_add_int_value (builder, entry->bytes);
  if (entry->user_agent != NULL)
    {
      g_autofree char *agent = clean (entry->user_agent);
      json_builder_set_member_name (builder, "user_agent");
      json_builder_add_string_value (builder, agent);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  line = json_to_string (root, FALSE);
  /* The duration with three decimals (json-glib writes seventeen digits), before the
   * closing brace. */
  g_ascii_formatd (ms, sizeof ms, "%.3f", entry->duration_ms);
  line[strlen (line) - 1] = '\0';
  return g_strconcat (line, ",\"ms\":", ms, "}", NULL);
}

void
sp_hub_log_write (const SpHubLogEntry *entry)
{
  g_autofree char *line = sp_hub_log_format (entry);

  /* One write a line, so lines from a crash or another writer never interleave. */
  fprintf (stderr, "%s\n", line);
}
