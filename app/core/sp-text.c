/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-text.c: cleaning text from feeds for display and matching. */
#include "config.h"

#include <stdlib.h>
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
  /* A limit too small for the ellipsis itself gets a bare cut, so the
   * result never exceeds @max_bytes. */
  gboolean ellipsis = max_bytes >= strlen ("…");
  gsize room = ellipsis ? max_bytes - strlen ("…") : max_bytes;
  const char *end;

  if (truncated != NULL)
    *truncated = len > max_bytes;
  if (len <= max_bytes)
    return g_strdup (text);

  /* Step back to the start of the character that would straddle the limit,
   * leaving room for the ellipsis. */
  end = g_utf8_find_prev_char (text, text + room + 1);
  if (end == NULL)
    end = text;
  {
    GString *out = g_string_new_len (text, end - text);
    if (ellipsis)
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

/**
 * sp_text_uuid_from_seed:
 * @seed: text that identifies a record the feed gave no UUID
 *
 * A deterministic UUID (version 5 layout, from SHA-1 of @seed), so that importing the same
 * feed again finds the same record.
 *
 * Returns: (transfer full): a lower-case UUID
 */
char *
sp_text_uuid_from_seed (const char *seed)
{
  g_autofree char *hex = g_compute_checksum_for_string (G_CHECKSUM_SHA1, seed, -1);
  static const char variant[] = "89ab";

  return g_strdup_printf ("%.8s-%.4s-5%.3s-%c%.3s-%.12s", hex, hex + 8, hex + 13,
                          variant[g_ascii_xdigit_value (hex[16]) & 3], hex + 17, hex + 20);
}

/* Whether @text holds whitespace, a control character or one of @extra:
 * strchr (text, ' ') alone let tabs and newlines through. */
static gboolean
has_unsafe_byte (const char *text,
                 const char *extra)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p <= ' ' || *p == 0x7f || strchr (extra, *p) != NULL)
      return TRUE;
  return FALSE;
}

/* Deliberately loose: one @, something before it, a dotted domain after it,
 * no spaces. It only has to catch what a person could not write to. */
gboolean
sp_text_is_email (const char *text)
{
  const char *at;
  const char *dot;

  if (text == NULL || has_unsafe_byte (text, "<>"))
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
  const char *host;

  /* g_uri_parse () accepts tabs, newlines and quotes, none of which belong
   * in a link we show or put in markup. */
  if (text == NULL || has_unsafe_byte (text, "\"<>"))
    return FALSE;
  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  /* The host comes back percent-decoded, so "http://%20/" is checked here. */
  return (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0) &&
         host != NULL && *host != '\0' && !has_unsafe_byte (host, "");
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

/* Two digits at @p making a number no greater than @max. */
static gboolean
two_digits_upto (const char *p,
                 int         max)
{
  return digits (p, 2) && (p[0] - '0') * 10 + (p[1] - '0') <= max;
}

/* HH:MM or HH:MM:SS (with optional fraction), 24-hour, optionally with a zone
 * suffix: Z, +HH, +HHMM or +HH:MM. */
gboolean
sp_text_is_time (const char *text)
{
  const char *p;
  gboolean end_of_day;

  if (text == NULL || !two_digits_upto (text, 24) || text[2] != ':' ||
      !two_digits_upto (text + 3, 59))
    return FALSE;
  /* "24:00" is how feeds say a service closes at midnight; "24:30" is no
   * time at all. */
  end_of_day = text[0] == '2' && text[1] == '4';
  if (end_of_day && (text[3] != '0' || text[4] != '0'))
    return FALSE;
  p = text + 5;
  if (*p == ':')
    {
      if (!two_digits_upto (p + 1, 59) || (end_of_day && (p[1] != '0' || p[2] != '0')))
        return FALSE;
      p += 3;
      if (*p == '.')
        {
          if (end_of_day || !g_ascii_isdigit (p[1]))
            return FALSE;
          for (p++; g_ascii_isdigit (*p); p++)
            ;
        }
    }
  if (*p == 'Z' || *p == 'z')
    return p[1] == '\0';
  if (*p == '+' || *p == '-')
    {
      if (!two_digits_upto (p + 1, 23))
        return FALSE;
      p += 3;
      if (*p == ':' || g_ascii_isdigit (*p))
        {
          if (*p == ':')
            p++;
          if (!two_digits_upto (p, 59))
            return FALSE;
          p += 2;
        }
    }
  return *p == '\0';
}
