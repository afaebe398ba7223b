/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-params.c: a request's query parameters, checked against what its endpoint takes.
 *
 * Anything a client can get wrong is a 400 that names the parameter: a name the endpoint
 * does not take (a typo, "per-page", should not be silently ignored), a parameter given
 * twice, text that is not UTF-8, a number out of range, an id that is not one, a date that
 * is not a date. Reading is pure (no store): the server's thread checks a request before
 * any work is queued, and the worker reads the same parameters again.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "sp-hub-params.h"
#include "sp-text.h"

#define MAX_PARAMS 32
#define MAX_VALUE_BYTES 2048
#define MAX_PAGE 10000000
#define MAX_AGE 150
#define MAX_PROXIMITY_METRES 1000000.0

static const char * const service_filters[] = {
  "taxonomy_term_id", "taxonomy_id", "organization_id", "modified_after", "postcode", "proximity",
  "minimum_age", "maximum_age", "day", "start_time", "end_time", NULL,
};

/* The parameters each endpoint takes, besides the service filters where it says so. */
static const struct
{
  SpHubRoute route;
  const char *names[10];
  gboolean service_filters;
} accepted[] = {
  { SP_HUB_ROUTE_SERVICES, { "search", "page", "per_page", "format", "minimal", "full", NULL }, TRUE },
  { SP_HUB_ROUTE_SERVICE_AT_LOCATIONS, { "search", "page", "per_page", "format", "full", NULL }, TRUE },
  { SP_HUB_ROUTE_ORGANIZATIONS, { "search", "page", "per_page", "format", "full", "full_service", NULL }, FALSE },
  { SP_HUB_ROUTE_ORGANIZATION, { "full_service", NULL }, FALSE },
  { SP_HUB_ROUTE_TAXONOMIES, { "search", "page", "per_page", "format", NULL }, FALSE },
  { SP_HUB_ROUTE_TAXONOMY_TERMS, { "search", "page", "per_page", "format", "taxonomy_id", "top_only", "parent_id", NULL }, FALSE },
  { SP_HUB_ROUTE_SYNC, { "since", "token", NULL }, FALSE },
  { SP_HUB_ROUTE_FIND, { "q", "page", NULL }, FALSE },
};

static gboolean
is_accepted (SpHubRoute  route,
             const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      if (accepted[i].route != route)
        continue;
      if (g_strv_contains (accepted[i].names, name))
        return TRUE;
      return accepted[i].service_filters && g_strv_contains (service_filters, name);
    }
  return FALSE;
}

/* Form decoding of one part of a query: "+" is a space, %XX a byte; NULL if malformed. */
static char *
decode (const char *part,
        gssize      length)
{
  g_autofree char *spaced = length < 0 ? g_strdup (part) : g_strndup (part, length);

  g_strdelimit (spaced, "+", ' ');
  return g_uri_unescape_string (spaced, NULL);
}

/*
 * sp_hub_params_split:
 * @query: (nullable): the request's query string, as sent (percent-encoded)
 * @params: (out): name -> value
 *
 * Returns: (nullable): a 400 to send when the query cannot be read, else %NULL
 */
SpHubResponse *
sp_hub_params_split (const char  *query,
                     GHashTable **params)
{
  g_autoptr (GHashTable) table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto (GStrv) parts = NULL;

  *params = NULL;
  if (query != NULL)
    parts = g_strsplit (query, "&", MAX_PARAMS + 2);
  for (guint i = 0; parts != NULL && parts[i] != NULL; i++)
    {
      const char *equals = strchr (parts[i], '=');
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (*parts[i] == '\0')
        continue;
      if (i >= MAX_PARAMS)
        return sp_hub_response_new_error (400, "Too many query parameters: at most %d.", MAX_PARAMS);
      name = decode (parts[i], equals != NULL ? equals - parts[i] : -1);
      value = equals != NULL ? decode (equals + 1, -1) : g_strdup ("");
      if (name == NULL || !g_utf8_validate (name, -1, NULL) || *name == '\0')
        return sp_hub_response_new_error (400, "A query parameter's name cannot be read (it must be UTF-8, "
                                               "percent-encoded).");
      if (value == NULL || !g_utf8_validate (value, -1, NULL))
        return sp_hub_response_new_bad_parameter (name, "the value cannot be read (it must be UTF-8, percent-encoded)");
      if (strlen (value) > MAX_VALUE_BYTES)
        return sp_hub_response_new_bad_parameter (name, "the value is too long (at most %d bytes)", MAX_VALUE_BYTES);
      if (g_hash_table_contains (table, name))
        return sp_hub_response_new_bad_parameter (name, "given more than once");
      g_hash_table_insert (table, g_steal_pointer (&name), g_steal_pointer (&value));
    }
  *params = g_steal_pointer (&table);
  return NULL;
}

static SpHubResponse *
read_integer (GHashTable *params,
              const char *name,
              gint64      minimum,
              gint64      maximum,
              gint64     *value)
{
  const char *text = g_hash_table_lookup (params, name);
  gint64 number;

  if (text == NULL)
    return NULL;
  if (!g_ascii_string_to_signed (text, 10, minimum, maximum, &number, NULL))
    return sp_hub_response_new_bad_parameter (name, "must be a whole number from %" G_GINT64_FORMAT
                                                    " to %" G_GINT64_FORMAT, minimum, maximum);
  *value = number;
  return NULL;
}

static SpHubResponse *
read_boolean (GHashTable *params,
              const char *name,
              gboolean   *value)
{
  const char *text = g_hash_table_lookup (params, name);

  if (text == NULL)
    return NULL;
  if (g_ascii_strcasecmp (text, "true") == 0 || g_str_equal (text, "1"))
    *value = TRUE;
  else if (g_ascii_strcasecmp (text, "false") == 0 || g_str_equal (text, "0"))
    *value = FALSE;
  else
    return sp_hub_response_new_bad_parameter (name, "must be true or false");
  return NULL;
}

/* An id parameter: a UUID, given back in lower case as the store keeps ids. */
static SpHubResponse *
read_id (GHashTable  *params,
         const char  *name,
         const char **value)
{
  char *text = g_hash_table_lookup (params, name);

  if (text == NULL)
    return NULL;
  if (!sp_text_is_uuid (text))
    return sp_hub_response_new_bad_parameter (name, "must be an id (a UUID such as "
                                                    "ac148810-d857-441c-9679-408f346de14b)");
  for (char *p = text; *p != '\0'; p++)
    *p = g_ascii_tolower (*p);
  *value = text;
  return NULL;
}

/* An ISO 8601 date or date and time ("2026-02-01", "2026-02-01T09:30:00Z",
 * "2026-02-01T09:30:00+01:00"; no zone means UTC), as UTC "YYYY-MM-DDTHH:MM:SSZ". */
static SpHubResponse *
read_instant (GHashTable  *params,
              const char  *name,
              char       **value)
{
  const char *text = g_hash_table_lookup (params, name);
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) instant = NULL;

  if (text == NULL)
    return NULL;
  if (strlen (text) == 10 && sp_text_is_date (text))
    {
      g_autofree char *midnight = g_strconcat (text, "T00:00:00Z", NULL);
      instant = g_date_time_new_from_iso8601 (midnight, utc);
    }
  else if (strlen (text) <= 40)
    instant = g_date_time_new_from_iso8601 (text, utc);
  if (instant == NULL || g_date_time_get_year (instant) < 1900 || g_date_time_get_year (instant) > 9999)
    return sp_hub_response_new_bad_parameter (name, "must be a date, or a date and time, in ISO 8601 "
                                                    "(2026-02-01 or 2026-02-01T09:30:00Z)");
  {
    g_autoptr (GDateTime) in_utc = g_date_time_to_utc (instant);
    *value = g_date_time_format (in_utc, "%Y-%m-%dT%H:%M:%SZ");
  }
  return NULL;
}

/* A weekday: its English name or iCal's two letters, any case; 0 Monday … 6 Sunday. */
static SpHubResponse *
read_day (GHashTable *params,
          const char *name,
          int        *value)
{
  static const char * const names[] = { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" };
  static const char * const codes[] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };
  const char *text = g_hash_table_lookup (params, name);

  if (text == NULL)
    return NULL;
  for (int i = 0; i < 7; i++)
    if (g_ascii_strcasecmp (text, names[i]) == 0 || g_ascii_strcasecmp (text, codes[i]) == 0)
      {
        *value = i;
        return NULL;
      }
  return sp_hub_response_new_bad_parameter (name, "must be a day of the week (monday … sunday, or MO … SU)");
}

/* A time of day, "HH:MM" or "HH:MM:SS" (24:00 the end of the day), in minutes. */
static SpHubResponse *
read_time (GHashTable *params,
           const char *name,
           int        *value)
{
  const char *text = g_hash_table_lookup (params, name);
  guint hours, minutes, seconds = 0;
  char end;

  if (text == NULL)
    return NULL;
  if ((sscanf (text, "%2u:%2u%c", &hours, &minutes, &end) == 2 ||
       sscanf (text, "%2u:%2u:%2u%c", &hours, &minutes, &seconds, &end) == 3) &&
      strlen (text) >= 5 && text[2] == ':' && g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[3]) &&
      minutes < 60 && seconds < 60 && (hours < 24 || (hours == 24 && minutes == 0 && seconds == 0)))
    {
      *value = hours * 60 + minutes;
      return NULL;
    }
  return sp_hub_response_new_bad_parameter (name, "must be a time of day, HH:MM (09:30)");
}

static SpHubResponse *
read_service_filters (GHashTable  *params,
                      SpHubParams *out)
{
  SpApiServiceFilter *f = &out->services;
  const char *proximity = g_hash_table_lookup (params, "proximity");
  SpHubResponse *bad;
  gint64 age;

  if ((bad = read_id (params, "taxonomy_term_id", &f->taxonomy_term_id)) != NULL ||
      (bad = read_id (params, "taxonomy_id", &f->taxonomy_id)) != NULL ||
      (bad = read_id (params, "organization_id", &f->organization_id)) != NULL ||
      (bad = read_instant (params, "modified_after", &out->modified_after)) != NULL ||
      (bad = read_day (params, "day", &f->day)) != NULL ||
      (bad = read_time (params, "start_time", &f->opens_from)) != NULL ||
      (bad = read_time (params, "end_time", &f->closes_by)) != NULL)
    return bad;
  f->modified_after = out->modified_after;
  age = -1;
  if ((bad = read_integer (params, "minimum_age", 0, MAX_AGE, &age)) != NULL)
    return bad;
  f->minimum_age = age;
  age = -1;
  if ((bad = read_integer (params, "maximum_age", 0, MAX_AGE, &age)) != NULL)
    return bad;
  f->maximum_age = age;

  out->postcode = g_hash_table_lookup (params, "postcode");
  if (proximity != NULL)
    {
      char *end = NULL;
      double metres = g_ascii_strtod (proximity, &end);

      if (end == proximity || *end != '\0' || !(metres > 0 && metres <= MAX_PROXIMITY_METRES))
        return sp_hub_response_new_bad_parameter ("proximity", "must be a distance in metres, above 0 and at most %.0f",
                                                  MAX_PROXIMITY_METRES);
      out->proximity = metres;
    }
  if (out->postcode != NULL && proximity == NULL)
    return sp_hub_response_new_bad_parameter ("proximity", "give the distance in metres with postcode "
                                                           "(this directory keeps no service areas)");
  if (proximity != NULL && out->postcode == NULL)
    return sp_hub_response_new_bad_parameter ("postcode", "give a postcode for proximity to be measured from");
  if (out->postcode != NULL && (*out->postcode == '\0' || strlen (out->postcode) > 64))
    return sp_hub_response_new_bad_parameter ("postcode", "must be a postcode (WV6 8RW) or its first half (WV6)");
  return NULL;
}

/*
 * sp_hub_params_read:
 * @out: (out caller-allocates): what they say; cleared first
 *
 * Returns: (nullable): a 400 naming the first parameter that is wrong, else %NULL
 */
SpHubResponse *
sp_hub_params_read (SpHubRoute   route,
                    GHashTable  *params,
                    SpHubParams *out)
{
  SpHubResponse *bad;
  GHashTableIter iter;
  const char *name;
  const char *format;

  *out = (SpHubParams) { 1, SP_HUB_DEFAULT_PER_PAGE, FALSE, FALSE, FALSE, FALSE, NULL, NULL, 0,
                         SP_API_SERVICE_FILTER_INIT, SP_API_RECORD_FILTER_INIT, NULL, 0, NULL };

  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    if (!is_accepted (route, name))
      return sp_hub_response_new_bad_parameter (name, "this endpoint does not take this parameter");

  format = g_hash_table_lookup (params, "format");
  if (format != NULL && !g_str_equal (format, "json") && !g_str_equal (format, "ndjson"))
    return sp_hub_response_new_bad_parameter ("format", "must be json or ndjson");
  out->ndjson = g_strcmp0 (format, "ndjson") == 0;

  out->search = g_hash_table_lookup (params, route == SP_HUB_ROUTE_FIND ? "q" : "search");
  if (out->search != NULL && *out->search == '\0')
    out->search = NULL;
  out->records.name_contains = out->search;

  if ((bad = read_integer (params, "page", 1, MAX_PAGE, &out->page)) != NULL ||
      (bad = read_integer (params, "per_page", 1, SP_HUB_MAX_PER_PAGE, &out->per_page)) != NULL ||
      (bad = read_boolean (params, "minimal", &out->minimal)) != NULL ||
      (bad = read_boolean (params, "full", &out->full)) != NULL ||
      (bad = read_boolean (params, "full_service", &out->full_service)) != NULL ||
      (bad = read_boolean (params, "top_only", &out->records.top_only)) != NULL ||
      (bad = read_id (params, "parent_id", &out->records.parent_id)) != NULL ||
      (bad = read_integer (params, "since", 0, G_MAXINT64, &out->since)) != NULL)
    return bad;
  if (route == SP_HUB_ROUTE_TAXONOMY_TERMS && (bad = read_id (params, "taxonomy_id", &out->records.taxonomy_id)) != NULL)
    return bad;
  if (out->minimal && out->full)
    return sp_hub_response_new_bad_parameter ("minimal", "cannot be given with full");

  out->token = g_hash_table_lookup (params, "token");
  if (out->token != NULL)
    {
      /* A change's token is hex; anything else was not given by this hub. */
      gsize length = strlen (out->token);
      for (gsize i = 0; i < length; i++)
        if (!g_ascii_isxdigit (out->token[i]))
          length = 0;
      if (length == 0 || length > 64)
        return sp_hub_response_new_bad_parameter ("token", "must be the token the hub's feed gave (hexadecimal)");
    }

  if ((route == SP_HUB_ROUTE_SERVICES || route == SP_HUB_ROUTE_SERVICE_AT_LOCATIONS) &&
      (bad = read_service_filters (params, out)) != NULL)
    return bad;
  return NULL;
}

void
sp_hub_params_clear (SpHubParams *params)
{
  g_clear_pointer (&params->modified_after, g_free);
  params->services.modified_after = NULL;
}

/* Whether anything but a search limits the services. */
gboolean
sp_hub_params_has_service_filter (const SpHubParams *params)
{
  const SpApiServiceFilter *f = &params->services;

  return f->taxonomy_term_id != NULL || f->taxonomy_id != NULL || f->organization_id != NULL ||
         f->modified_after != NULL || params->postcode != NULL || f->minimum_age >= 0 ||
         f->maximum_age >= 0 || f->day >= 0 || f->opens_from >= 0 || f->closes_by >= 0;
}
