/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-place.c: a home location typed as a place, a postcode or coordinates, found in the directory.
 *
 * Offline by design: a kiosk must keep working when the library's network is down, and
 * a home location typed at a kiosk should not leave the building. So there is no
 * gazetteer and no geocoding service; the directory's own located addresses are the
 * map. A postcode or a place name stands for the average point of the directory's
 * locations that have it, which is near enough to sort services by distance in a
 * borough, and only names places the directory actually serves.
 *
 * Every path reads the store through bound parameters and a prefilter SQLite can run
 * without calling back into C, so a lookup stays quick with 100 000 services.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sp-place.h"
#include "sp-store-statement.h"
#include "sp-text.h"

/* Longer than any place name or postcode; what is longer is pasted by mistake. */
#define MAX_TEXT_BYTES 256

/* Said when the directory has no postcode to give as an example. */
#define FALLBACK_COORDINATES "52.59, -2.13"

G_DEFINE_QUARK (sp-place-error-quark, sp_place_error)

typedef enum
{
  LOOKUP_FOUND,
  LOOKUP_NONE,
  LOOKUP_FAILED,   /* the store could not be read; error set */
} LookupResult;

/**
 * sp_place_clear:
 * @place: a place filled by sp_place_lookup(), or zeroed
 *
 * Frees what @place holds and zeroes it, ready for another lookup.
 */
void
sp_place_clear (SpPlace *place)
{
  g_return_if_fail (place != NULL);

  g_clear_pointer (&place->label, g_free);
  place->latitude = 0;
  place->longitude = 0;
}

static void
set_place (SpPlace *place,
           char    *label,
           double   latitude,
           double   longitude)
{
  sp_place_clear (place);
  place->label = label;
  place->latitude = latitude;
  place->longitude = longitude;
}

/* One line, single spaces, no control or format characters (zero-width spaces,
 * direction marks): what the person meant to type, as service pages show names. */
static char *
tidy_text (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));
  gboolean pending_space = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c) || g_unichar_type (c) == G_UNICODE_FORMAT)
        {
          pending_space = out->len > 0;
          continue;
        }
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/*
 * like_pattern:
 * A LIKE pattern that every text which can match @key passes: @key's ASCII letters
 * and digits in order, anything between them. For a place name's match key it lets
 * through "St Leonard's" for "st leonards" (apostrophes vanish from keys) and "Bits &
 * Bobs" for "bits and bobs" (so the word "and" is left out); for a compact postcode,
 * "wv6  8rw" for "WV68RW". Letters outside ASCII are left out too, since LIKE folds
 * only ASCII case; the caller lets fields holding any such letter through with a test
 * beside it, as "Café" can match "cafe". The caller then checks each candidate
 * exactly; this only spares it most of them.
 */
static char *
like_pattern (const char *key)
{
  g_auto (GStrv) words = g_strsplit (key, " ", -1);
  GString *pattern = g_string_new ("%");

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (g_str_equal (words[i], "and"))
        continue;
      for (const char *p = words[i]; *p != '\0'; p++)
        if (g_ascii_isalnum (*p))
          g_string_append_printf (pattern, "%c%%", *p);
    }
  return g_string_free (pattern, FALSE);
}

/* ---- Coordinates ----------------------------------------------------------------- */

/* The length of the decimal number at @p ("-2.129", "52", "+.5"), or 0. Exponents,
 * hex, "inf" and "nan" are not numbers anybody types for a place, so strtod() never
 * sees them. */
static gsize
scan_decimal (const char *p)
{
  gsize i = 0, digits = 0;

  if (p[i] == '+' || p[i] == '-')
    i++;
  for (; g_ascii_isdigit (p[i]); i++)
    digits++;
  if (p[i] == '.')
    for (i++; g_ascii_isdigit (p[i]); i++)
      digits++;
  return digits > 0 ? i : 0;
}

static const char *
skip_degree_sign (const char *p)
{
  return g_str_has_prefix (p, "°") ? p + strlen ("°") : p;
}

/*
 * scan_coordinates:
 * Whether @text is a latitude and a longitude, "52.586, -2.129" or "52.586 -2.129"
 * (degree signs allowed), and if so the two numbers and a label made of them as typed.
 * Only the shape is checked here; the range is the caller's.
 */
static gboolean
scan_coordinates (const char  *text,
                  double      *latitude,
                  double      *longitude,
                  char       **label)
{
  const char *p = text, *lat_start, *lon_start;
  gsize lat_len, lon_len;
  g_autofree char *lat_text = NULL;
  g_autofree char *lon_text = NULL;

  lat_start = p;
  if ((lat_len = scan_decimal (p)) == 0)
    return FALSE;
  p = skip_degree_sign (p + lat_len);
  {
    const char *separator = p;
    if (*p == ' ')
      p++;
    if (*p == ',')
      p++;
    if (*p == ' ')
      p++;
    if (p == separator)
      return FALSE;  /* "52-2" is not two numbers */
  }
  lon_start = p;
  if ((lon_len = scan_decimal (p)) == 0)
    return FALSE;
  p = skip_degree_sign (p + lon_len);
  if (*p != '\0')
    return FALSE;

  lat_text = g_strndup (lat_start, lat_len);
  lon_text = g_strndup (lon_start, lon_len);
  *latitude = g_ascii_strtod (lat_text, NULL);
  *longitude = g_ascii_strtod (lon_text, NULL);
  *label = g_strdup_printf ("%s, %s", lat_text + (lat_text[0] == '+'), lon_text + (lon_text[0] == '+'));
  return TRUE;
}

/* ---- Postcodes ------------------------------------------------------------------- */

/* A UK outward code, upper case: A9, A99, AA9, AA99, A9A or AA9A ("WV6", "EC1A"). */
static gboolean
is_outward_code (const char *code,
                 gsize       len)
{
  gsize i = 0;

  while (i < len && i < 2 && g_ascii_isupper (code[i]))
    i++;
  if (i == 0 || i >= len || !g_ascii_isdigit (code[i]))
    return FALSE;
  i++;
  if (i < len && (g_ascii_isdigit (code[i]) || g_ascii_isupper (code[i])))
    i++;
  return i == len;
}

/* A full postcode without its space: an outward code, then 9AA ("WV68RW"). */
static gboolean
is_full_postcode (const char *code)
{
  gsize len = strlen (code);

  return len >= 5 && g_ascii_isdigit (code[len - 3]) && g_ascii_isupper (code[len - 2]) &&
         g_ascii_isupper (code[len - 1]) && is_outward_code (code, len - 3);
}

/* @text in upper case without spaces when it has only letters, digits and spaces,
 * else NULL: the form postcodes are compared in. */
static char *
compact_postcode (const char *text)
{
  GString *code = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ' ')
        continue;
      if (!g_ascii_isalnum (*p))
        {
          g_string_free (code, TRUE);
          return NULL;
        }
      g_string_append_c (code, g_ascii_toupper (*p));
    }
  return g_string_free (code, FALSE);
}

/* "WV68RW" as people write it: "WV6 8RW". */
static char *
format_postcode (const char *code)
{
  gsize len = strlen (code);

  return g_strdup_printf ("%.*s %s", (int) (len - 3), code, code + len - 3);
}

/*
 * average_of_postcode:
 * The average point of the located locations with an address whose postcode is
 * @code (compact), or, with @outward, whose postcode's outward code is @code.
 * Each location counts once, however many of its addresses match.
 */
static LookupResult
average_of_postcode (SpStore     *store,
                     const char  *code,
                     gboolean     outward,
                     double      *latitude,
                     double      *longitude,
                     GError     **error)
{
  g_autofree char *pattern = like_pattern (code);
  g_autoptr (SpStoreStatement) stmt = NULL;
  SpStoreStep step;

  /* ?3, the code's characters with anything between them, lets SQLite skip most
   * addresses before they are folded for the exact comparison. */
  stmt = sp_store_statement_new (store,
                                 "SELECT avg(latitude), avg(longitude), count(*) FROM location"
                                 " WHERE latitude IS NOT NULL AND longitude IS NOT NULL"
                                 "   AND id IN (SELECT location_id FROM"
                                 "               (SELECT location_id, upper(replace(postal_code, ' ', '')) AS postcode"
                                 "                FROM address WHERE postal_code LIKE ?3)"
                                 "              WHERE CASE WHEN ?2 THEN length(postcode) >= 5"
                                 "                           AND substr(postcode, 1, length(postcode) - 3) = ?1"
                                 "                         ELSE postcode = ?1 END)",
                                 N_("looking up a postcode"), error);
  if (stmt == NULL)
    return LOOKUP_FAILED;
  sp_store_statement_bind_text (stmt, 1, code);
  sp_store_statement_bind_int64 (stmt, 2, outward);
  sp_store_statement_bind_text (stmt, 3, pattern);
  step = sp_store_statement_step (stmt, error);
  if (step == SP_STORE_STEP_ERROR)
    return LOOKUP_FAILED;
  if (step == SP_STORE_STEP_DONE || sp_store_statement_get_int64 (stmt, 2) == 0)
    return LOOKUP_NONE;
  *latitude = sp_store_statement_get_double (stmt, 0);
  *longitude = sp_store_statement_get_double (stmt, 1);
  return LOOKUP_FOUND;
}

/* A full postcode stands for itself when the directory has it, else for its outward
 * code ("WV6"), since most people's own postcode is not a service's. */
static LookupResult
lookup_postcode (SpStore     *store,
                 const char  *code,
                 SpPlace     *place,
                 GError     **error)
{
  double latitude, longitude;
  LookupResult result;

  if (is_full_postcode (code))
    {
      g_autofree char *outward = g_strndup (code, strlen (code) - 3);

      result = average_of_postcode (store, code, FALSE, &latitude, &longitude, error);
      if (result == LOOKUP_FOUND)
        set_place (place, format_postcode (code), latitude, longitude);
      if (result != LOOKUP_NONE)
        return result;
      result = average_of_postcode (store, outward, TRUE, &latitude, &longitude, error);
      if (result == LOOKUP_FOUND)
        set_place (place, g_steal_pointer (&outward), latitude, longitude);
      return result;
    }

  result = average_of_postcode (store, code, TRUE, &latitude, &longitude, error);
  if (result == LOOKUP_FOUND)
    set_place (place, g_strdup (code), latitude, longitude);
  return result;
}

/* ---- Place names ----------------------------------------------------------------- */

/* How well a field names the place typed. */
typedef enum
{
  TIER_EXACT,    /* the field, or a part of it between commas, is the place: "Upper Penn" */
  TIER_PREFIX,   /* a part starts with the place's words: "Tettenhall Library" */
  N_TIERS,
  TIER_NONE = N_TIERS,
} MatchTier;

/* A location that matched, at the best tier any of its fields reached. */
typedef struct
{
  double latitude;
  double longitude;
  MatchTier tier;
} MatchedLocation;

typedef struct
{
  const char *key;            /* sp_text_match_key() of what was typed */
  GHashTable *tier_of_field;  /* field text → MatchTier + 1; fields repeat (every city) */
  GHashTable *by_id;          /* location id → MatchedLocation, borrowed from @locations */
  GPtrArray *locations;       /* MatchedLocation, in the order the store gave them */
  char *label[N_TIERS];
} NameMatch;

static void
name_match_clear (NameMatch *match)
{
  g_clear_pointer (&match->tier_of_field, g_hash_table_unref);
  g_clear_pointer (&match->by_id, g_hash_table_unref);
  g_clear_pointer (&match->locations, g_ptr_array_unref);
  for (guint t = 0; t < N_TIERS; t++)
    g_clear_pointer (&match->label[t], g_free);
}

/* All in capitals, as some feeds write every address ("BILSTON"). */
static gboolean
is_shouted (const char *text)
{
  g_autofree char *upper = g_utf8_strup (text, -1);
  g_autofree char *lower = g_utf8_strdown (text, -1);

  return g_str_equal (upper, text) && !g_str_equal (lower, text);
}

/* The shortest start of @part that is the place @key: "St Leonard's" from
 * "St Leonard's Church Centre", in the directory's own spelling. */
static char *
label_from_part (const char *part,
                 const char *key)
{
  for (const char *p = part; ; p = g_utf8_next_char (p))
    {
      if (*p == '\0' || !g_unichar_isalnum (g_utf8_get_char (p)))
        {
          g_autofree char *start = g_strndup (part, p - part);
          g_autofree char *start_key = sp_text_match_key (start);

          if (g_str_equal (start_key, key))
            return tidy_text (start);
        }
      if (*p == '\0')
        return tidy_text (part);
    }
}

/* Keeps @part as the label for @tier unless one is there already; a label in capitals
 * ("BILSTON", from a feed that shouts) gives way to one that is not. */
static void
offer_label (NameMatch  *match,
             MatchTier   tier,
             const char *part)
{
  g_autofree char *label = NULL;

  if (match->label[tier] != NULL && !is_shouted (match->label[tier]))
    return;
  label = tier == TIER_EXACT ? tidy_text (part) : label_from_part (part, match->key);
  if (match->label[tier] == NULL || !is_shouted (label))
    {
      g_free (match->label[tier]);
      match->label[tier] = g_steal_pointer (&label);
    }
}

/* How well @field, or one of its parts between commas, names the place. */
static MatchTier
match_field (NameMatch  *match,
             const char *field)
{
  g_auto (GStrv) parts = NULL;
  gsize key_len = strlen (match->key);
  gpointer cached;
  MatchTier best = TIER_NONE;

  if (field == NULL)
    return TIER_NONE;
  if (g_hash_table_lookup_extended (match->tier_of_field, field, NULL, &cached))
    return GPOINTER_TO_INT (cached) - 1;

  parts = g_strsplit (field, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *part_key = sp_text_match_key (parts[i]);
      MatchTier tier;

      if (g_str_equal (part_key, match->key))
        tier = TIER_EXACT;
      else if (g_str_has_prefix (part_key, match->key) && part_key[key_len] == ' ')
        tier = TIER_PREFIX;
      else
        continue;
      offer_label (match, tier, parts[i]);
      best = MIN (best, tier);
    }
  g_hash_table_insert (match->tier_of_field, g_strdup (field), GINT_TO_POINTER (best + 1));
  return best;
}

/* A location with two addresses comes once for each, and again for its name. */
static void
note_location (NameMatch  *match,
               const char *id,
               double      latitude,
               double      longitude,
               MatchTier   tier)
{
  MatchedLocation *location;

  if (tier == TIER_NONE)
    return;
  location = g_hash_table_lookup (match->by_id, id);
  if (location == NULL)
    {
      location = g_new (MatchedLocation, 1);
      *location = (MatchedLocation) { latitude, longitude, tier };
      g_ptr_array_add (match->locations, location);
      g_hash_table_insert (match->by_id, g_strdup (id), location);
    }
  location->tier = MIN (location->tier, tier);
}

/* The average point of the locations at the best tier any reached. */
static gboolean
name_match_finish (NameMatch *match,
                   SpPlace   *place)
{
  MatchTier best = TIER_NONE;
  double latitude = 0, longitude = 0;
  guint n = 0;

  for (guint i = 0; i < match->locations->len; i++)
    best = MIN (best, ((MatchedLocation *) match->locations->pdata[i])->tier);
  if (best == TIER_NONE)
    return FALSE;
  for (guint i = 0; i < match->locations->len; i++)
    {
      MatchedLocation *location = match->locations->pdata[i];
      if (location->tier != best)
        continue;
      latitude += location->latitude;
      longitude += location->longitude;
      n++;
    }
  set_place (place, g_steal_pointer (&match->label[best]), latitude / n, longitude / n);
  return TRUE;
}

/*
 * lookup_name:
 * The average point of the located locations named like @text, by their name or
 * their addresses' city or address_2 (where UK feeds put the locality). Locations
 * that are exactly the place ("Bilston") win over those whose name only starts with
 * it ("Bilston Library"); each location counts once, at its best.
 */
static LookupResult
lookup_name (SpStore     *store,
             const char  *text,
             SpPlace     *place,
             GError     **error)
{
  g_autofree char *key = sp_text_match_key (text);
  g_autofree char *pattern = NULL;
  NameMatch match = { .key = key };
  g_autoptr (SpStoreStatement) stmt = NULL;
  LookupResult result = LOOKUP_NONE;
  SpStoreStep step;

  if (*key == '\0')
    return LOOKUP_NONE;  /* only punctuation: names nothing */

  /* Fields pass that fit the pattern (?1) or hold any character outside ASCII (more
   * bytes than characters). Addresses are read in table order (NOT INDEXED): through
   * address_location, which SQLite prefers for the join, every address costs a
   * seek, five times slower with 100 000 of them; this way only those that pass cost
   * a look-up of their location. */
  stmt = sp_store_statement_new (store,
                                 "SELECT id, latitude, longitude, name, NULL, NULL FROM location"
                                 " WHERE latitude IS NOT NULL AND longitude IS NOT NULL"
                                 "   AND (name LIKE ?1 OR length(CAST(name AS BLOB)) <> length(name))"
                                 " UNION ALL"
                                 " SELECT l.id, l.latitude, l.longitude, NULL, a.city, a.address_2"
                                 " FROM address a NOT INDEXED JOIN location l ON l.id = a.location_id"
                                 " WHERE (a.city LIKE ?1 OR length(CAST(a.city AS BLOB)) <> length(a.city)"
                                 "        OR a.address_2 LIKE ?1"
                                 "        OR length(CAST(a.address_2 AS BLOB)) <> length(a.address_2))"
                                 "   AND l.latitude IS NOT NULL AND l.longitude IS NOT NULL",
                                 N_("looking up a place"), error);
  if (stmt == NULL)
    return LOOKUP_FAILED;
  pattern = like_pattern (key);
  sp_store_statement_bind_text (stmt, 1, pattern);
  match.tier_of_field = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  match.by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  match.locations = g_ptr_array_new_with_free_func (g_free);

  while ((step = sp_store_statement_step (stmt, error)) == SP_STORE_STEP_ROW)
    {
      const char *id = sp_store_statement_get_text (stmt, 0);
      MatchTier tier = TIER_NONE;

      if (id == NULL)
        continue;  /* SQLite lets a TEXT primary key be NULL; no feed's location is */
      for (int column = 3; column <= 5; column++)
        tier = MIN (tier, match_field (&match, sp_store_statement_get_text (stmt, column)));
      note_location (&match, id, sp_store_statement_get_double (stmt, 1),
                     sp_store_statement_get_double (stmt, 2), tier);
    }

  if (step == SP_STORE_STEP_ERROR)
    result = LOOKUP_FAILED;
  else if (name_match_finish (&match, place))
    result = LOOKUP_FOUND;
  name_match_clear (&match);
  return result;
}

/* A postcode when @text has a postcode's shape, else a place name. */
static LookupResult
lookup_words (SpStore     *store,
              const char  *text,
              SpPlace     *place,
              GError     **error)
{
  g_autofree char *code = compact_postcode (text);

  if (code != NULL && (is_full_postcode (code) || is_outward_code (code, strlen (code))))
    {
      LookupResult result = lookup_postcode (store, code, place, error);
      if (result != LOOKUP_NONE)
        return result;
    }
  return lookup_name (store, text, place, error);
}

/* ---- What to tell the person ----------------------------------------------------- */

/*
 * describe_what_works:
 * "Try a postcode such as WV6 8RW, or coordinates such as 52.60, -2.17.", with
 * examples that work in this directory: the first located postcode it was given,
 * and that place's point. A store that cannot be read here gets the general
 * advice; the error that matters is the one the caller is reporting.
 */
static char *
describe_what_works (SpStore *store)
{
  g_autoptr (SpStoreStatement) stmt = NULL;
  g_autofree char *postcode = NULL;
  g_autofree char *coordinates = NULL;
  SpStoreStep step = SP_STORE_STEP_DONE;

  stmt = sp_store_statement_new (store,
                                 "SELECT upper(replace(a.postal_code, ' ', '')), l.latitude, l.longitude"
                                 " FROM address a JOIN location l ON l.id = a.location_id"
                                 " WHERE a.postal_code IS NOT NULL"
                                 "   AND l.latitude IS NOT NULL AND l.longitude IS NOT NULL"
                                 " ORDER BY a.rowid LIMIT 20",
                                 N_("looking for an example place"), NULL);
  /* An error here ends the search for an example like the end of the rows does, on
   * purpose: the general advice follows, and the caller reports its own error. */
  while (stmt != NULL && postcode == NULL && (step = sp_store_statement_step (stmt, NULL)) == SP_STORE_STEP_ROW)
    {
      const char *code = sp_store_statement_get_text (stmt, 0);
      char latitude[G_ASCII_DTOSTR_BUF_SIZE], longitude[G_ASCII_DTOSTR_BUF_SIZE];

      if (code == NULL || !is_full_postcode (code))
        continue;  /* feeds hold "N/A" and "TBC" too */
      postcode = format_postcode (code);
      g_ascii_formatd (latitude, sizeof latitude, "%.2f", sp_store_statement_get_double (stmt, 1));
      g_ascii_formatd (longitude, sizeof longitude, "%.2f", sp_store_statement_get_double (stmt, 2));
      coordinates = g_strdup_printf ("%s, %s", latitude, longitude);
    }

  if (postcode == NULL || step == SP_STORE_STEP_ERROR)
    /* Translators: %s is an example, "52.59, -2.13" (latitude, longitude). */
    return g_strdup_printf (_("Try coordinates such as %s."), FALLBACK_COORDINATES);
  /* Translators: the first %s is a postcode, "WV6 8RW"; the second coordinates, "52.59, -2.13". */
  return g_strdup_printf (_("Try a postcode such as %s, or coordinates such as %s."), postcode, coordinates);
}

static gboolean
set_error_with_advice (SpStore      *store,
                       SpPlaceError  code,
                       const char   *problem,
                       GError      **error)
{
  g_autofree char *advice = describe_what_works (store);

  g_set_error (error, SP_PLACE_ERROR, code, "%s %s", problem, advice);
  return FALSE;
}

static gboolean
set_not_found_error (SpStore     *store,
                     const char  *text,
                     GError     **error)
{
  g_autofree char *code = compact_postcode (text);
  g_autofree char *problem = NULL;

  if (code != NULL && is_full_postcode (code))
    {
      g_autofree char *outward = g_strndup (code, strlen (code) - 3);
      /* Translators: %s is the first half of a postcode, "WV99". */
      problem = g_strdup_printf (_("No place in the directory has a postcode starting %s."), outward);
    }
  else if (code != NULL && is_outward_code (code, strlen (code)))
    problem = g_strdup_printf (_("No place in the directory has a postcode starting %s."), code);
  else
    /* Translators: %s is what the person typed for their home location. */
    problem = g_strdup_printf (_("No place called “%s” is in the directory."), text);
  return set_error_with_advice (store, SP_PLACE_ERROR_NOT_FOUND, problem, error);
}

/**
 * sp_place_lookup:
 * @store: the directory, whose located addresses are the map
 * @text: what the person typed for where they are
 * @place: (out caller-allocates): filled on success (what it held is cleared first);
 *   left alone on failure
 * @error: a message that tells the person what to type instead
 *
 * Turns @text into a point, offline. It may be:
 *
 * - coordinates, latitude then longitude: "52.586, -2.129" or "52.586 -2.129";
 * - a UK postcode, whole or its first half, in any case and spacing: "WV6 8RW",
 *   "wv68rw", "WV6". A whole postcode the directory does not hold stands for its
 *   first half, labelled so ("WV6");
 * - a place: a location's name, or a town or locality in its address, case and
 *   punctuation ignored: "Tettenhall", "bilston", "St Leonards". A name that is
 *   the whole of a field wins over names that only start with it.
 *
 * A postcode or place stands for the average point of the directory's locations
 * that have it. When the whole of @text finds nothing, each part between commas is
 * tried in turn, so "Regis Road, WV6 8RW" finds WV6 8RW.
 *
 * With 100 000 locations a lookup reads every location and address once, which
 * takes about a tenth of a second, and up to a few tenths when the place is most
 * of the directory ("Wolverhampton" in Wolverhampton's).
 *
 * Returns: %TRUE when @place was filled
 */
gboolean
sp_place_lookup (SpStore     *store,
                 const char  *text,
                 SpPlace     *place,
                 GError     **error)
{
  g_autofree char *tidy = NULL;
  g_autofree char *label = NULL;
  double latitude, longitude;
  LookupResult result;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (place != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (strnlen (text, MAX_TEXT_BYTES + 1) > MAX_TEXT_BYTES)
    return set_error_with_advice (store, SP_PLACE_ERROR_INVALID,
                                  _("That is too long to be a place or a postcode."), error);
  if (!g_utf8_validate (text, -1, NULL))
    return set_error_with_advice (store, SP_PLACE_ERROR_INVALID,
                                  _("That text cannot be read as a place."), error);
  tidy = tidy_text (text);
  if (*tidy == '\0')
    return set_error_with_advice (store, SP_PLACE_ERROR_EMPTY,
                                  _("Type a place, a postcode or coordinates."), error);

  if (scan_coordinates (tidy, &latitude, &longitude, &label))
    {
      if (latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180)
        {
          g_autofree char *problem =
            /* Translators: %s is what the person typed, "152.5, -2.1". */
            g_strdup_printf (_("“%s” is not a place on Earth: latitude goes from -90 to 90 "
                               "and longitude from -180 to 180."), tidy);
          return set_error_with_advice (store, SP_PLACE_ERROR_INVALID, problem, error);
        }
      set_place (place, g_steal_pointer (&label), latitude, longitude);
      return TRUE;
    }

  result = lookup_words (store, tidy, place, error);
  if (result == LOOKUP_NONE && strchr (tidy, ',') != NULL)
    {
      g_auto (GStrv) parts = g_strsplit (tidy, ",", -1);

      for (guint i = 0; parts[i] != NULL && result == LOOKUP_NONE; i++)
        {
          g_strstrip (parts[i]);
          if (*parts[i] != '\0')
            result = lookup_words (store, parts[i], place, error);
        }
    }
  if (result == LOOKUP_NONE)
    return set_not_found_error (store, tidy, error);
  return result == LOOKUP_FOUND;
}
