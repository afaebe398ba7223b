/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-import-values.c: reading one field's value from a feed and checking it, and the rules
 * that span the fields of a record (schedules, coordinates). What a person would lose
 * decides what happens to a bad value: it is dropped with a warning naming the record and
 * field, and the record is kept. */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sp-import-private.h"
#include "sp-html.h"
#include "sp-schedule-private.h"
#include "sp-text.h"

void
sp_import_value_clear (SpImportValue *value)
{
  g_clear_pointer (&value->text, g_free);
  value->type = SP_IMPORT_VALUE_NONE;
}

/* ---- values -------------------------------------------------------------- */

char *
sp_import_node_as_text (SpImport   *self,
                        const char *name,
                        JsonNode   *node)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);
      if (type == G_TYPE_STRING)
        {
          const char *s = json_node_get_string (node);
          char *trimmed = g_strstrip (g_strdup (s != NULL ? s : ""));
          if (*trimmed == '\0')
            {
              g_free (trimmed);
              return NULL;  /* "" means absent in real feeds */
            }
          return trimmed;
        }
      if (type == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      if (type == G_TYPE_DOUBLE)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];
          return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
        }
      if (type == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    }
  sp_import_warn (self, name, _("expected a single value but found a %s; left out"),
                  JSON_NODE_HOLDS_ARRAY (node) ? _("list") : _("group of fields"));
  return NULL;
}

static gboolean
node_as_number (SpImport   *self,
                const char *name,
                JsonNode   *node,
                double     *out)
{
  g_autofree char *text = NULL;
  char *end = NULL;

  if (JSON_NODE_HOLDS_VALUE (node) &&
      (json_node_get_value_type (node) == G_TYPE_INT64 || json_node_get_value_type (node) == G_TYPE_DOUBLE))
    {
      *out = json_node_get_double (node);
      return isfinite (*out);
    }
  text = sp_import_node_as_text (self, name, node);
  if (text == NULL)
    return FALSE;
  *out = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (*out))
    {
      sp_import_warn (self, name, _("“%s” is not a number; left out"), text);
      return FALSE;
    }
  return TRUE;
}

static char *
bounded (SpImport   *self,
         const char *name,
         char       *text,
         gsize       max)
{
  gboolean cut = FALSE;
  char *result;

  if (strlen (text) <= max)
    return text;
  result = sp_text_bound (text, max, &cut);
  sp_import_warn (self, name, _("%zu bytes long, more than the %zu Signpost keeps; shortened"),
                  strlen (text), max);
  g_free (text);
  return result;
}

/* A number field (whole numbers, ages, coordinates): FALSE (value NONE) if dropped. */
static gboolean
read_number_field (SpImport      *self,
                   const SpField *field,
                   JsonNode      *node,
                   SpImportValue *value)
{
  const char *name = field->name;
  double number;

  if (!node_as_number (self, name, node, &number))
    return FALSE;
  if (field->kind == SP_FIELD_INTEGER || field->kind == SP_FIELD_AGE)
    {
      if (field->kind == SP_FIELD_AGE && number == -1)
        return FALSE;  /* ORUK 1.0 writes -1 for "no age limit" */
      if (number != floor (number) || fabs (number) > 1e15 ||
          (field->kind == SP_FIELD_AGE && (number < 0 || number > 130)))
        {
          sp_import_warn (self, name, _("%g is not a usable %s; left out"), number,
                          field->kind == SP_FIELD_AGE ? _("age") : _("whole number"));
          return FALSE;
        }
      value->type = SP_IMPORT_VALUE_INT;
      value->i = (gint64) number;
      return TRUE;
    }
  if ((field->kind == SP_FIELD_LATITUDE && fabs (number) > 90) ||
      (field->kind == SP_FIELD_LONGITUDE && fabs (number) > 180))
    {
      sp_import_warn (self, name, _("%g is not a possible %s; left out"), number,
                      field->kind == SP_FIELD_LATITUDE ? _("latitude") : _("longitude"));
      return FALSE;
    }
  value->type = SP_IMPORT_VALUE_REAL;
  value->d = number;
  return TRUE;
}

/* @text (taken) as a web address, mended the ways people get one wrong; NULL if it is not. */
static char *
web_address (char *text)
{
  if ((g_ascii_strncasecmp (text, "http:", 5) == 0 || g_ascii_strncasecmp (text, "https:", 6) == 0) &&
      strstr (text, "://") == NULL)
    {
      /* "http:www.example.org" or "http:/example.org": the slashes went missing. */
      const char *rest = strchr (text, ':') + 1;
      char *fixed;
      while (*rest == '/')
        rest++;
      fixed = g_strdup_printf ("%.*s://%s", (int) (strchr (text, ':') - text), text, rest);
      g_free (text);
      text = fixed;
    }
  if (!strstr (text, "://") && strchr (text, '.') != NULL && strchr (text, ' ') == NULL &&
      strchr (text, '@') == NULL && g_ascii_strncasecmp (text, "javascript:", 11) != 0)
    {
      /* "www.example.org" is how people write web addresses. */
      char *with_scheme = g_strconcat ("https://", text, NULL);
      g_free (text);
      text = with_scheme;
    }
  if (!sp_text_is_url (text))
    {
      g_free (text);
      return NULL;
    }
  return text;
}

/* Prose (a description): the one place HTML is read, so what is stored is plain text. */
static char *
prose_for_field (SpImport   *self,
                 const char *name,
                 const char *text)
{
  char *plain = sp_html_to_text (text);

  if (plain == NULL || *plain == '\0')
    {
      g_free (plain);
      return NULL;
    }
  return bounded (self, name, plain, SP_IMPORT_MAX_PROSE_BYTES);
}

/* An email address, with or without "mailto:". */
static char *
email_for_field (SpImport   *self,
                 const char *name,
                 char       *text)
{
  g_autofree char *owned = text;

  if (g_ascii_strncasecmp (owned, "mailto:", 7) == 0)
    memmove (owned, owned + 7, strlen (owned + 7) + 1);
  if (!sp_text_is_email (owned))
    {
      sp_import_warn (self, name, _("“%.80s” is not an email address; left out"), owned);
      return NULL;
    }
  return g_steal_pointer (&owned);
}

/* A date; a date-time where a date belongs keeps its date. */
static char *
date_for_field (SpImport   *self,
                const char *name,
                char       *text)
{
  g_autofree char *owned = text;

  if (strlen (owned) > 10 && sp_text_is_datetime (owned))
    owned[10] = '\0';
  if (!sp_text_is_date (owned))
    {
      sp_import_warn (self, name, _("“%.40s” is not a date (YYYY-MM-DD); left out"), owned);
      return NULL;
    }
  return g_steal_pointer (&owned);
}

/* A time of day, "9:30" taken as "09:30". */
static char *
time_for_field (SpImport   *self,
                const char *name,
                const char *text)
{
  g_autofree char *padded = strlen (text) == 4 && g_ascii_isdigit (text[0]) && text[1] == ':'
                              ? g_strconcat ("0", text, NULL) : g_strdup (text);

  if (!sp_text_is_time (padded))
    {
      sp_import_warn (self, name, _("“%.40s” is not a time of day (HH:MM); left out"), padded);
      return NULL;
    }
  return g_steal_pointer (&padded);
}

/* @text (taken) as @field keeps it, or NULL (with a warning) when it is dropped. */
static char *
text_for_field (SpImport      *self,
                const SpField *field,
                char          *text)
{
  const char *name = field->name;
  g_autofree char *owned = text;

  switch (field->kind)
    {
    case SP_FIELD_TEXT:
      return bounded (self, name, g_steal_pointer (&owned), SP_IMPORT_MAX_TEXT_BYTES);

    case SP_FIELD_PROSE:
      return prose_for_field (self, name, owned);

    case SP_FIELD_REF:
      if (!sp_text_is_uuid (owned))
        {
          sp_import_warn (self, name, _("“%.60s” is not a UUID, so it cannot name a record; left out"), owned);
          return NULL;
        }
      return g_ascii_strdown (owned, -1);

    case SP_FIELD_EMAIL:
      return email_for_field (self, name, g_steal_pointer (&owned));

    case SP_FIELD_URL:
      {
        g_autofree char *copy = g_strdup (owned);
        char *url = web_address (g_steal_pointer (&owned));

        if (url == NULL)
          {
            sp_import_warn (self, name, _("“%.80s” is not a web address; left out"), copy);
            return NULL;
          }
        return bounded (self, name, url, SP_IMPORT_MAX_TEXT_BYTES);
      }

    case SP_FIELD_DATE:
      return date_for_field (self, name, g_steal_pointer (&owned));

    case SP_FIELD_DATETIME:
      if (!sp_text_is_datetime (owned))
        {
          sp_import_warn (self, name, _("“%.40s” is not a date and time; left out"), owned);
          return NULL;
        }
      return g_steal_pointer (&owned);

    case SP_FIELD_TIME:
      return time_for_field (self, name, owned);

    case SP_FIELD_CHOICE:
      {
        const char *canonical = sp_hsds_field_choice (field, owned);
        if (canonical == NULL)
          {
            sp_import_warn (self, name, _("“%.40s” is not one of the allowed values; left out"), owned);
            return NULL;
          }
        return g_strdup (canonical);
      }

    case SP_FIELD_INTEGER:
    case SP_FIELD_NUMBER:
    case SP_FIELD_AGE:
    case SP_FIELD_LATITUDE:
    case SP_FIELD_LONGITUDE:
    default:
      g_assert_not_reached ();
      return NULL;
    }
}

/* Reads @node as @field requires. FALSE (value NONE) if absent or dropped. */
gboolean
sp_import_read_field (SpImport      *self,
                      const SpField *field,
                      JsonNode      *node,
                      SpImportValue *value)
{
  char *text;

  value->type = SP_IMPORT_VALUE_NONE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;

  switch (field->kind)
    {
    case SP_FIELD_INTEGER:
    case SP_FIELD_AGE:
    case SP_FIELD_NUMBER:
    case SP_FIELD_LATITUDE:
    case SP_FIELD_LONGITUDE:
      return read_number_field (self, field, node, value);
    default:
      break;
    }

  text = sp_import_node_as_text (self, field->name, node);
  if (text == NULL || (text = text_for_field (self, field, text)) == NULL)
    return FALSE;
  value->type = SP_IMPORT_VALUE_TEXT;
  value->text = text;
  return TRUE;
}

/* ---- table rules ------------------------------------------------------- */

int
sp_import_field_index (const SpTable *table,
                       const char    *name)
{
  int i = 0;

  for (const SpField *f = table->fields; f->name != NULL; f++, i++)
    if (strcmp (f->name, name) == 0)
      return i;
  g_assert_not_reached ();
  return -1;
}

/* The schedule as the store will hold it, in the shape the schedule reader takes. */
static JsonObject *
schedule_as_stored (SpImportValue *values)
{
  JsonObject *object = json_object_new ();
  int i = 0;

  for (const SpField *f = sp_hsds_schedule.fields; f->name != NULL; f++, i++)
    {
      if (values[i].type == SP_IMPORT_VALUE_TEXT)
        json_object_set_string_member (object, f->name, values[i].text);
      else if (values[i].type == SP_IMPORT_VALUE_INT)
        json_object_set_int_member (object, f->name, values[i].i);
      else if (values[i].type == SP_IMPORT_VALUE_REAL)
        json_object_set_double_member (object, f->name, values[i].d);
    }
  return object;
}

/* Dates the reader leaves out: said, and kept as the feed gave them. */
static void
warn_unused_dates (SpImport      *self,
                   SpImportValue *values)
{
  static const char *dates[] = { "dtstart", "valid_from", "valid_to", "until" };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      SpImportValue *value = &values[sp_import_field_index (&sp_hsds_schedule, dates[i])];
      GDate date;

      if (value->type == SP_IMPORT_VALUE_TEXT &&
          sp_schedule_parse_date (value->text, &date) > SP_SCHEDULE_DATE_OK)
        sp_import_warn (self, dates[i], _("%.10s is outside the years %d to %d that Signpost reads, "
                                          "so no session is worked out from it; kept as it is"),
                        value->text, SP_SCHEDULE_FIRST_YEAR, SP_SCHEDULE_LAST_YEAR);
    }
}

/* A schedule whose recurrence cannot be used keeps its description and times (a person
 * can still read "second Tuesday, 10–12") but loses the rule, so Signpost never shows
 * wrong dates, and search does not find it on days the page cannot show. What cannot be
 * used is decided by the schedule reader itself (sp-schedule.c), so the import's warning
 * and what a page and a slip show always agree. */
static void
check_schedule (SpImport      *self,
                SpImportValue *values)
{
  const SpTable *t = &sp_hsds_schedule;
  SpImportValue *freq = &values[sp_import_field_index (t, "freq")];
  SpImportValue *byday = &values[sp_import_field_index (t, "byday")];
  SpImportValue *bymonthday = &values[sp_import_field_index (t, "bymonthday")];
  SpImportValue *interval = &values[sp_import_field_index (t, "interval")];
  SpImportValue *dtstart = &values[sp_import_field_index (t, "dtstart")];
  g_autoptr (JsonObject) object = NULL;
  g_autoptr (SpSchedule) schedule = NULL;
  const char *field = NULL;
  g_autofree char *problem = NULL;

  if (byday->type == SP_IMPORT_VALUE_TEXT)
    {
      char *upper = g_ascii_strup (byday->text, -1);
      g_free (byday->text);
      byday->text = upper;
    }

  warn_unused_dates (self, values);
  object = schedule_as_stored (values);
  schedule = sp_schedule_new_from_json (object);
  if (freq->type == SP_IMPORT_VALUE_NONE && (byday->type != SP_IMPORT_VALUE_NONE || bymonthday->type != SP_IMPORT_VALUE_NONE))
    field = "freq", problem = g_strdup (_("days are given but not how often"));
  else if (sp_schedule_get_rule_problem (schedule, &field) != NULL)
    problem = g_strdup (sp_schedule_get_rule_problem (schedule, &field));

  if (problem != NULL)
    {
      static const char *rule[] = { "freq", "interval", "byday", "bymonthday", "byweekno",
                                    "byyearday", "count", "until", "wkst", "dtstart" };
      sp_import_warn (self, field, _("the repeat rule cannot be read (%s); kept the "
                                     "description and times without it"), problem);
      for (guint i = 0; i < G_N_ELEMENTS (rule); i++)
        sp_import_value_clear (&values[sp_import_field_index (t, rule[i])]);
      return;
    }

  if (interval->type == SP_IMPORT_VALUE_INT && interval->i > 1 && dtstart->type == SP_IMPORT_VALUE_NONE)
    sp_import_warn (self, "dtstart", _("repeats every %lld periods but has no start "
                                       "date, so the weeks it falls on are unknown"), (long long) interval->i);
}

/* Table-specific judgement after the fields are read. FALSE drops the record. */
gboolean
sp_import_apply_rules (SpImport      *self,
                       const SpTable *table,
                       JsonObject    *object,
                       SpImportValue *values)
{
  if (table == &sp_hsds_organization)
    {
      if (values[sp_import_field_index (table, "name")].type == SP_IMPORT_VALUE_NONE)
        {
          sp_import_warn (self, NULL, _("the organisation has no name; left out"));
          return FALSE;
        }
      if (values[sp_import_field_index (table, "description")].type == SP_IMPORT_VALUE_NONE)
        sp_import_warn (self, "description", _("the organisation has no description "
                                                "(Open Referral requires one); kept without"));
    }
  else if (table == &sp_hsds_phone)
    {
      if (values[sp_import_field_index (table, "number")].type == SP_IMPORT_VALUE_NONE)
        {
          sp_import_warn (self, NULL, _("a phone entry has no number; left out"));
          return FALSE;
        }
    }
  else if (table == &sp_hsds_address)
    {
      if (values[sp_import_field_index (table, "address_1")].type == SP_IMPORT_VALUE_NONE &&
          values[sp_import_field_index (table, "postal_code")].type == SP_IMPORT_VALUE_NONE)
        {
          sp_import_warn (self, NULL, _("an address has neither a street nor a postcode; left out"));
          return FALSE;
        }
    }
  else if (table == &sp_hsds_location)
    {
      SpImportValue *type = &values[sp_import_field_index (table, "location_type")];
      SpImportValue *lat = &values[sp_import_field_index (table, "latitude")];
      SpImportValue *lon = &values[sp_import_field_index (table, "longitude")];

      if ((lat->type == SP_IMPORT_VALUE_NONE) != (lon->type == SP_IMPORT_VALUE_NONE) ||
          (lat->type == SP_IMPORT_VALUE_REAL && lat->d == 0 && lon->d == 0))
        {
          sp_import_warn (self, "latitude", _("a position needs both a usable latitude and "
                                              "longitude, and not (0, 0); both left out"));
          sp_import_value_clear (lat);
          sp_import_value_clear (lon);
        }
      if (type->type == SP_IMPORT_VALUE_NONE)
        {
          JsonNode *addresses = json_object_get_member (object, "addresses");
          gboolean physical = lat->type == SP_IMPORT_VALUE_REAL ||
                              (addresses != NULL && JSON_NODE_HOLDS_ARRAY (addresses) &&
                               json_array_get_length (json_node_get_array (addresses)) > 0);
          type->type = SP_IMPORT_VALUE_TEXT;
          type->text = g_strdup (physical ? "physical" : "virtual");
          sp_import_warn (self, "location_type", _("missing; taken as “%s” from its address "
                                                   "and coordinates"), type->text);
        }
    }
  else if (table == &sp_hsds_schedule)
    check_schedule (self, values);
  else if (table == &sp_hsds_attribute)
    {
      if (values[sp_import_field_index (table, "taxonomy_term_id")].type == SP_IMPORT_VALUE_NONE &&
          values[sp_import_field_index (table, "value")].type == SP_IMPORT_VALUE_NONE)
        {
          sp_import_warn (self, NULL, _("an attribute names no category and no value; left out"));
          return FALSE;
        }
    }
  return TRUE;
}
