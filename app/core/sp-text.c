/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-text.c: cleaning text from feeds for display and matching. */
#include "config.h"

#include <string.h>

#include "sp-text.h"

/**
 * sp_text_match_key:
 * @name: a service name
 *
 * A key under which two spellings of the same name compare equal: case and
 * accents folded, "&" read as "and", punctuation dropped, spaces collapsed.
 * "St Peter's Carers & Friends" and "st peters carers and friends" match.
 *
 * Returns: (transfer full): the key, possibly empty
 */
char *
sp_text_match_key (const char *name)
{
  g_autofree char *folded = NULL;
  g_autofree char *decomposed = NULL;
  GString *key;
  gboolean pending_space = FALSE;

  if (name == NULL)
    return g_strdup ("");

  folded = g_utf8_casefold (name, -1);
  decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKD);
  key = g_string_sized_new (strlen (name));

  for (const char *p = decomposed; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (type == G_UNICODE_NON_SPACING_MARK || c == '\'' || c == 0x2019)
        continue;  /* accents and apostrophes vanish: "peter's" = "peters" */
      if (c == '&')
        {
          g_string_append (key, key->len > 0 ? " and" : "and");
          pending_space = TRUE;
          continue;
        }
      if (!g_unichar_isalnum (c))
        {
          pending_space = key->len > 0;
          continue;
        }
      if (pending_space)
        g_string_append_c (key, ' ');
      pending_space = FALSE;
      g_string_append_unichar (key, c);
    }
  return g_string_free (key, FALSE);
}

/**
 * sp_text_bound:
 * @text: UTF-8 text
 * @max_bytes: the most bytes to keep
 * @truncated: (out) (optional): set to whether anything was cut
 *
 * Cuts @text to at most @max_bytes without splitting a character, adding "…"
 * when it cut, so a hostile 50 MB description cannot swamp the store or a slip.
 *
 * Returns: (transfer full): the bounded text
 */
char *
sp_text_bound (const char *text,
               gsize       max_bytes,
               gboolean   *truncated)
{
  gsize len = strlen (text);
  const char *end;

  if (truncated != NULL)
    *truncated = len > max_bytes;
  if (len <= max_bytes)
    return g_strdup (text);

  /* Step back to the start of the character that would straddle the limit,
   * leaving room for the ellipsis. */
  end = g_utf8_find_prev_char (text, text + MAX (strlen ("…"), max_bytes) - strlen ("…") + 1);
  if (end == NULL)
    end = text;
  {
    GString *out = g_string_new_len (text, end - text);
    g_string_append (out, "…");
    return g_string_free (out, FALSE);
  }
}

gboolean
sp_text_is_uuid (const char *text)
{
  static const int dash_at[] = { 8, 13, 18, 23 };

  if (text == NULL || strlen (text) != 36)
    return FALSE;
  for (int i = 0; i < 36; i++)
    {
      gboolean dash = i == dash_at[0] || i == dash_at[1] || i == dash_at[2] || i == dash_at[3];
      if (dash ? text[i] != '-' : !g_ascii_isxdigit (text[i]))
        return FALSE;
    }
  return TRUE;
}

/* Deliberately loose: one @, something before it, a dotted domain after it,
 * no spaces. It only has to catch what a person could not write to. */
gboolean
sp_text_is_email (const char *text)
{
  const char *at;
  const char *dot;

  if (text == NULL || strchr (text, ' ') != NULL || strchr (text, '<') != NULL)
    return FALSE;
  at = strchr (text, '@');
  if (at == NULL || at == text || strchr (at + 1, '@') != NULL)
    return FALSE;
  dot = strrchr (at, '.');
  return dot != NULL && dot > at + 1 && dot[1] != '\0';
}

gboolean
sp_text_is_url (const char *text)
{
  g_autoptr (GUri) uri = NULL;
  const char *scheme;

  if (text == NULL || strchr (text, ' ') != NULL)
    return FALSE;
  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  return (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0) &&
         g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0';
}

static gboolean
digits (const char *p,
        int         n)
{
  for (int i = 0; i < n; i++)
    if (!g_ascii_isdigit (p[i]))
      return FALSE;
  return TRUE;
}

/* YYYY-MM-DD naming a real day. */
gboolean
sp_text_is_date (const char *text)
{
  int y, m, d;

  if (text == NULL || strlen (text) != 10 || !digits (text, 4) || text[4] != '-' ||
      !digits (text + 5, 2) || text[7] != '-' || !digits (text + 8, 2))
    return FALSE;
  y = atoi (text);
  m = atoi (text + 5);
  d = atoi (text + 8);
  return g_date_valid_dmy (d, m, y);
}

/* An ISO 8601 date-time (or a bare date, which feeds often send instead). */
gboolean
sp_text_is_datetime (const char *text)
{
  g_autoptr (GDateTime) dt = NULL;
  g_autoptr (GTimeZone) utc = NULL;

  if (sp_text_is_date (text))
    return TRUE;
  if (text == NULL)
    return FALSE;
  utc = g_time_zone_new_utc ();
  dt = g_date_time_new_from_iso8601 (text, utc);
  return dt != NULL;
}

/* HH:MM or HH:MM:SS, 24-hour, optionally with a zone suffix. */
gboolean
sp_text_is_time (const char *text)
{
  if (text == NULL || strlen (text) < 5 || !digits (text, 2) || text[2] != ':' ||
      !digits (text + 3, 2))
    return FALSE;
  if (atoi (text) > 24 || atoi (text + 3) > 59)
    return FALSE;
  return text[5] == '\0' || text[5] == ':' || text[5] == 'Z' || text[5] == '+' || text[5] == '-';
}
