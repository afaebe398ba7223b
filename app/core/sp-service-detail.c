/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-service-detail.c: everything about one service a person reads, for its page and slips.
 *
 * Built from sp_export_service()'s nested ORUK 3.0 object rather than from SQL of its own:
 * the export already knows how schedules, places, phones and categories hang off a service
 * (sp-hsds.c drives both), so a change to the schema reaches the page, the slip and the
 * export together. The SpService snapshot beside it gives the name, organisation and
 * checked date with the same rules as result lists.
 *
 * Every text is made fit for one line or one paragraph once, as it is read
 * (sp-service-detail-read.c), so a hostile row cannot break a page or a slip's layout.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "sp-export.h"
#include "sp-occurrence.h"
#include "sp-schedule.h"
#include "sp-service-detail-private.h"
#include "sp-text.h"

G_DEFINE_FINAL_TYPE (SpServiceDetail, sp_service_detail, G_TYPE_OBJECT)

static void
phone_free (SpServicePhone *phone)
{
  g_free (phone->number);
  g_free (phone->type);
  g_free (phone->description);
  g_free (phone);
}

static void
place_free (SpServicePlace *place)
{
  g_free (place->location_id);
  g_free (place->service_at_location_id);
  g_free (place->name);
  g_free (place->address_line);
  g_free (place->address_lines);
  g_free (place->postal_code);
  g_strfreev (place->accessibility);
  g_free (place);
}

static void
sp_service_detail_finalize (GObject *object)
{
  SpServiceDetail *self = SP_SERVICE_DETAIL (object);

  g_clear_object (&self->service);
  g_free (self->name);
  g_free (self->organization_name);
  g_free (self->description);
  g_free (self->summary);
  g_free (self->url);
  g_free (self->email);
  g_ptr_array_unref (self->phones);
  g_ptr_array_unref (self->places);
  g_ptr_array_unref (self->schedules);
  g_free (self->cost);
  g_strfreev (self->languages);
  g_strfreev (self->accessibility);
  g_free (self->age_range);
  g_free (self->eligibility);
  g_strfreev (self->categories);
  G_OBJECT_CLASS (sp_service_detail_parent_class)->finalize (object);
}

static void
sp_service_detail_class_init (SpServiceDetailClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_service_detail_finalize;
}

static void
sp_service_detail_init (SpServiceDetail *self)
{
  self->phones = g_ptr_array_new_with_free_func ((GDestroyNotify) phone_free);
  self->places = g_ptr_array_new_with_free_func ((GDestroyNotify) place_free);
  self->schedules = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * sp_service_detail_summarize:
 * @text: plain text
 *
 * The first sentence, and the second too when the first is short: what a slip or a result
 * row says about a service. Cut at a word with "…" past 240 characters.
 *
 * Returns: (transfer full) (nullable): the summary
 */
char *
sp_service_detail_summarize (const char *text)
{
  static const char * const abbreviations[] = { "e.g.", "i.e.", "etc.", "Dr.", "St.", "Mr.",
                                                "Mrs.", "Ms.", "No.", "approx.", NULL };
  const char *cut = NULL;
  guint sentences = 0;
  glong n_chars = 0;
  g_autofree char *first = NULL;

  if (text == NULL || *text == '\0')
    return NULL;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), n_chars++)
    {
      const char *end = NULL;

      /* A line break ends a sentence, unless one just ended before it. */
      if (*p == '\n' && p > text && cut != p)
        end = p;
      else if ((*p == '.' || *p == '!' || *p == '?') && (p[1] == ' ' || p[1] == '\n' || p[1] == '\0'))
        {
          end = p + 1;
          for (guint i = 0; abbreviations[i] != NULL && *p == '.'; i++)
            {
              gsize len = strlen (abbreviations[i]);
              const char *start = p + 1 - len;

              if ((gsize) (p + 1 - text) >= len && g_ascii_strncasecmp (start, abbreviations[i], len) == 0 &&
                  (start == text || start[-1] == ' '))
                end = NULL;
            }
        }
      if (end != NULL)
        {
          sentences++;
          cut = end;
          /* A second sentence only when the first is short. */
          if (sentences == 2 || n_chars > 90)
            break;
        }
      if (n_chars > SP_DETAIL_MAX_SUMMARY_CHARS)
        break;
    }
  if (cut == NULL || g_utf8_strlen (text, cut - text) > SP_DETAIL_MAX_SUMMARY_CHARS)
    {
      /* No sentence end in reach: cut at the last space before the limit. */
      const char *end = g_utf8_offset_to_pointer (text, MIN (g_utf8_strlen (text, -1), SP_DETAIL_MAX_SUMMARY_CHARS));
      const char *space = end;

      if (*end == '\0')
        return g_strdup (text);
      while (space > text && *space != ' ')
        space--;
      if (space == text)
        space = end;
      first = g_strndup (text, space - text);
      return g_strconcat (g_strchomp (first), "…", NULL);
    }
  first = g_strndup (text, cut - text);
  g_strdelimit (g_strchomp (first), "\n", ' ');
  return g_steal_pointer (&first);
}

/**
 * sp_service_detail_load:
 * @id: a service id
 *
 * Reads one service with everything nested in it.
 *
 * Returns: (transfer full): the detail, or %NULL with @error set (G_IO_ERROR_NOT_FOUND if
 *   there is no such service)
 */
SpServiceDetail *
sp_service_detail_load (SpStore    *store,
                        const char *id,
                        GError    **error)
{
  g_autoptr (SpServiceDetail) self = NULL;
  g_autoptr (JsonObject) service = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (SP_TYPE_SERVICE_DETAIL, NULL);
  if ((self->service = sp_service_lookup (store, id, error)) == NULL ||
      (service = sp_export_service (store, id, error)) == NULL)
    return NULL;
  sp_service_detail_read_export (self, service);
  return g_steal_pointer (&self);
}

SpService *
sp_service_detail_get_service (SpServiceDetail *self)
{
  g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL);
  return self->service;
}

const char *
sp_service_detail_get_id (SpServiceDetail *self)
{
  g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL);
  return sp_service_get_id (self->service);
}

const char *
sp_service_detail_get_name (SpServiceDetail *self)
{
  g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL);
  return self->name;
}

const char *
sp_service_detail_get_organization_name (SpServiceDetail *self)
{
  g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL);
  return self->organization_name;
}

const char *
sp_service_detail_get_description (SpServiceDetail *self)
{
  g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL);
  return self->description;
}

const char *
sp_service_detail_get_summary (SpServiceDetail *self)
{
  g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL);
  return self->summary;
}

const char *
sp_service_detail_get_url (SpServiceDetail *self)
{
  g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL);
  return self->url;
}

const char *
sp_service_detail_get_email (SpServiceDetail *self)
{
  g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL);
  return self->email;
}

const char *
sp_service_detail_get_cost (SpServiceDetail *self)
{
  g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL);
  return self->cost;
}

gboolean
sp_service_detail_get_is_free (SpServiceDetail *self)
{
  g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), FALSE);
  return self->is_free;
}

const char *
sp_service_detail_get_age_range (SpServiceDetail *self)
{
  g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL);
  return self->age_range;
}

const char *
sp_service_detail_get_eligibility (SpServiceDetail *self)
{
  g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL);
  return self->eligibility;
}

/**
 * sp_service_detail_get_phones:
 *
 * The service's numbers, then its places', then (only if there are none) its organisation's.
 *
 * Returns: (transfer none) (element-type SpServicePhone): the phones
 */
GPtrArray *
sp_service_detail_get_phones (SpServiceDetail *self)
{
  g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL);
  return self->phones;
}

/** sp_service_detail_get_places: Returns: (transfer none) (element-type SpServicePlace): */
GPtrArray *
sp_service_detail_get_places (SpServiceDetail *self)
{
  g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL);
  return self->places;
}

/** sp_service_detail_get_schedules: Returns: (transfer none) (element-type SpSchedule): every row, once */
GPtrArray *
sp_service_detail_get_schedules (SpServiceDetail *self)
{
  g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL);
  return self->schedules;
}

/** sp_service_detail_get_languages: Returns: (transfer none): language names */
const char * const *
sp_service_detail_get_languages (SpServiceDetail *self)
{
  g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL);
  return (const char * const *) self->languages;
}

/** sp_service_detail_get_accessibility: Returns: (transfer none): access notes from every place, once each */
const char * const *
sp_service_detail_get_accessibility (SpServiceDetail *self)
{
  g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL);
  return (const char * const *) self->accessibility;
}

/** sp_service_detail_get_categories: Returns: (transfer none): category names */
const char * const *
sp_service_detail_get_categories (SpServiceDetail *self)
{
  g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL);
  return (const char * const *) self->categories;
}

/**
 * sp_service_detail_get_checked_date:
 *
 * Returns: (nullable): when the information was last checked, ISO 8601 (see
 *   sp_service_get_checked_date())
 */
const char *
sp_service_detail_get_checked_date (SpServiceDetail *self)
{
  g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL);
  return sp_service_get_checked_date (self->service);
}

/**
 * sp_service_detail_dup_checked_words:
 *
 * The checked date as a person reads it, "9 February 2026".
 *
 * Returns: (transfer full) (nullable): the date, or %NULL if unknown or unreadable
 */
char *
sp_service_detail_dup_checked_words (SpServiceDetail *self)
{
  const char *iso;
  int y, m, d;

  g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL);

  iso = sp_service_get_checked_date (self->service);
  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return NULL;
  {
    g_autoptr (GDateTime) date = g_date_time_new_utc (y, m, d, 0, 0, 0);
    /* Translators: the date information was checked, see g_date_time_format(). */
    return g_date_time_format (date, C_("long date", "%-d %B %Y"));
  }
}

/**
 * sp_service_detail_is_out_of_date:
 * @now: the moment to judge from
 *
 * Whether the public should be warned: the information was last checked more than a year
 * (twice SP_LISTINGS_REVIEW_MONTHS) before @now, or has no date saying when.
 */
gboolean
sp_service_detail_is_out_of_date (SpServiceDetail *self,
                                  GDateTime       *now)
{
  const char *iso;
  int y, m, d;

  g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), TRUE);
  iso = sp_service_get_checked_date (self->service);
  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return TRUE;
  {
    g_autoptr (GDateTime) checked = g_date_time_new_local (y, m, d, 0, 0, 0);
    g_autoptr (GDateTime) year_ago = g_date_time_add_years (now, -1);
    return checked == NULL || g_date_time_compare (checked, year_ago) < 0;
  }
}

/**
 * sp_service_detail_dup_checked_notice:
 * @now: the moment to judge from
 *
 * The public's one wording of when the information was checked, the same in the app, on
 * slips and on the hub's pages: "Information last checked 9 February 2026", with the
 * warning to phone first once it is more than a year old or undated.
 *
 * Returns: (transfer full): the notice
 */
char *
sp_service_detail_dup_checked_notice (SpServiceDetail *self,
                                      GDateTime       *now)
{
  g_autofree char *words = NULL;

  g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL);
  words = sp_service_detail_dup_checked_words (self);
  if (words == NULL)
    return g_strdup (_("This information has no date saying when it was last checked. Phone before you go."));
  if (sp_service_detail_is_out_of_date (self, now))
    /* Translators: %s is a date, "3 March 2025". */
    return g_strdup_printf (_("Information last checked %s, more than a year ago: it may be out of date. Phone before you go."), words);
  return g_strdup_printf (_("Information last checked %s"), words);
}

/* The place a row belongs to, when the service has more than one place to name. */
static const char *
place_name_for (SpServiceDetail *self,
                SpSchedule      *schedule)
{
  const char *sal = sp_schedule_get_service_at_location_id (schedule);

  if (self->places->len < 2 || sal == NULL)
    return NULL;
  for (guint i = 0; i < self->places->len; i++)
    {
      SpServicePlace *place = self->places->pdata[i];
      if (g_strcmp0 (place->service_at_location_id, sal) == 0)
        return place->name;
    }
  return NULL;
}

static char *
with_place (SpServiceDetail *self,
            SpSchedule      *schedule,
            char            *words)
{
  const char *place = place_name_for (self, schedule);
  char *joined;

  if (place == NULL || words == NULL)
    return words;
  /* Translators: a session and where it is, "Every first Monday of the month, 10:00–12:30, at Tettenhall Library". */
  joined = g_strdup_printf (_("%s, at %s"), words, place);
  g_free (words);
  return joined;
}

/**
 * sp_service_detail_dup_schedule_words:
 * @now: (nullable): leave out closures and special hours over by then
 *
 * Every row in words, one a line: "Every Tuesday, 10:00–12:00", and closures still to come.
 *
 * Returns: (transfer full) (nullable): the lines, or %NULL if no row says anything
 */
char *
sp_service_detail_dup_schedule_words (SpServiceDetail *self,
                                      GDateTime       *now)
{
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GDate today;

  g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL);

  g_date_clear (&today, 1);
  if (now != NULL)
    {
      g_autoptr (GDateTime) local = g_date_time_to_timezone (now, sp_occurrence_get_time_zone ());
      g_date_set_dmy (&today, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                      g_date_time_get_year (local));
    }
  for (guint i = 0; i < self->schedules->len; i++)
    {
      SpSchedule *schedule = self->schedules->pdata[i];
      SpScheduleKind kind = sp_schedule_get_kind (schedule);
      g_autofree char *words = NULL;
      GDate end;

      if (g_date_valid (&today) && kind != SP_SCHEDULE_KIND_REGULAR && kind != SP_SCHEDULE_KIND_NOTE &&
          sp_schedule_get_valid_to (schedule, &end) && g_date_compare (&end, &today) < 0)
        continue;
      words = sp_schedule_dup_words (schedule);
      sp_service_detail_add_unique (lines, with_place (self, schedule, sp_service_detail_clean_text (words, FALSE)));
    }
  if (lines->len == 0)
    return NULL;
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

/**
 * sp_service_detail_dup_next_session:
 * @now: the moment it is for (a slip's print time; tests pass a fixed one)
 *
 * "Next: Tue 9 Dec, 10:00–12:00", with the place when the service meets in several.
 *
 * Returns: (transfer full) (nullable): the words, or %NULL when no session is known
 */
char *
sp_service_detail_dup_next_session (SpServiceDetail *self,
                                    GDateTime       *now)
{
  g_autoptr (GPtrArray) next = NULL;
  g_autofree char *words = NULL;
  SpOccurrence *occurrence;

  g_return_val_if_fail (SP_IS_SERVICE_DETAIL (self), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  next = sp_occurrence_list_next (self->schedules, now, 1);
  if (next->len == 0)
    return NULL;
  occurrence = next->pdata[0];
  words = sp_occurrence_dup_words (occurrence, now);
  words = with_place (self, occurrence->schedule, g_steal_pointer (&words));
  /* Translators: the next session of a service, "Next: Tue 9 Dec, 10:00–12:00". */
  return g_strdup_printf (_("Next: %s"), words);
}
