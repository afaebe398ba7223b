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

#include "sp-hub-log.h"

#define MAX_TEXT_CHARS 256
#define MAX_PARAM_NAMES 32

/* Appends @text as a JSON string: valid UTF-8, at most MAX_TEXT_CHARS characters, quotes,
 * backslashes and control characters escaped. */
static void
append_string (GString    *line,
               const char *text)
{
  g_autofree char *valid = NULL;
  guint chars = 0;

  if (text == NULL)
    text = "";
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  g_string_append_c (line, '"');
  for (const char *p = text; *p != '\0' && chars < MAX_TEXT_CHARS; p = g_utf8_next_char (p), chars++)
    {
      guchar c = *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (line, "\\%c", c);
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (line, "\\u%04x", c);
      else
        g_string_append_len (line, p, g_utf8_next_char (p) - p);
    }
  g_string_append_c (line, '"');
}

/* The line for @entry, without its newline. */
char *
sp_hub_log_format (const SpHubLogEntry *entry)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *time = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
  GString *line = g_string_sized_new (256);
  char ms[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (line, "{\"time\":\"%s.%03dZ\",\"remote\":", time, g_date_time_get_microsecond (now) / 1000);
  append_string (line, entry->remote);
  g_string_append (line, ",\"method\":");
  append_string (line, entry->method);
  g_string_append (line, ",\"path\":");
  append_string (line, entry->path);
  if (entry->query != NULL && *entry->query != '\0')
    {
      g_auto (GStrv) parts = g_strsplit (entry->query, "&", MAX_PARAM_NAMES + 1);
      gboolean first = TRUE;

      g_string_append (line, ",\"params\":[");
      for (guint i = 0; parts[i] != NULL && i < MAX_PARAM_NAMES; i++)
        {
          char *equals = strchr (parts[i], '=');

          if (equals != NULL)
            *equals = '\0';
          if (*parts[i] == '\0')
            continue;
          if (!first)
            g_string_append_c (line, ',');
          append_string (line, parts[i]);
          first = FALSE;
        }
      g_string_append_c (line, ']');
    }
  g_ascii_formatd (ms, sizeof ms, "%.3f", entry->duration_ms);
  g_string_append_printf (line, ",\"status\":%u,\"bytes\":%" G_GUINT64_FORMAT ",\"ms\":%s", entry->status,
                          entry->bytes, ms);
  if (entry->user_agent != NULL)
    {
      g_string_append (line, ",\"user_agent\":");
      append_string (line, entry->user_agent);
    }
  g_string_append_c (line, '}');
  return g_string_free (line, FALSE);
}

void
sp_hub_log_write (const SpHubLogEntry *entry)
{
  g_autofree char *line = sp_hub_log_format (entry);

  /* One write a line, so lines from a crash or another writer never interleave. */
  fprintf (stderr, "%s\n", line);
}
