/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-schedule.c: reading one schedule row into a checked rule, and walking its dates with libical.
 *
 * A schedule is built from its HSDS JSON object (a store row as sp_export_service gives it,
 * or a record from a feed or the hub), so every front end reads schedules one way. The
 * rule's parts are checked here, before libical sees them: libical accepts nonsense such as
 * "9TU" under WEEKLY and then produces dates nobody meant, and a slip must never print a
 * session that does not happen. A rule that fails a check keeps only its description.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libical/ical.h>

#include "sp-schedule-private.h"

G_DEFINE_FINAL_TYPE (SpSchedule, sp_schedule, G_TYPE_OBJECT)

/* Limits that keep a hostile rule from running long. A weekly rule from 1900 to today
 * is about 6 500 steps; nothing real comes near these. */
#define MAX_INTERVAL 99
#define MAX_CURSOR_STEPS 100000
#define MAX_SPECIAL_DAYS 31

static void
sp_schedule_finalize (GObject *object)
{
  SpSchedule *self = SP_SCHEDULE (object);

  g_free (self->id);
  g_free (self->description);
  g_free (self->notes);
  g_free (self->service_at_location_id);
  g_free (self->location_id);
  g_free (self->rule_problem);
  G_OBJECT_CLASS (sp_schedule_parent_class)->finalize (object);
}

static void
sp_schedule_class_init (SpScheduleClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_schedule_finalize;
}

static void
sp_schedule_init (SpSchedule *self)
{
  g_date_clear (&self->dtstart, 1);
  g_date_clear (&self->valid_from, 1);
  g_date_clear (&self->valid_to, 1);
  g_date_clear (&self->until, 1);
  self->opens_at = -1;
  self->closes_at = -1;
  self->interval = 1;
}

/* A string member with something in it, or NULL. Numbers and other node types are
 * not text here: a schedule's text fields are never numeric in a sane feed. */
static const char *
text_member (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  const char *text;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  text = json_node_get_string (node);
  while (text != NULL && g_ascii_isspace (*text))
    text++;
  return text != NULL && *text != '\0' ? json_node_get_string (node) : NULL;
}

/* An integer member, whether the feed wrote 2 or "2". Returns FALSE when absent, and sets
 * @bad when present but not a whole number. */
static gboolean
int_member (JsonObject *object,
            const char *name,
            gint64     *value,
            gboolean   *bad)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *value = json_node_get_int (node);
      return TRUE;
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_autofree char *text = g_strstrip (g_strdup (json_node_get_string (node)));

      if (*text == '\0')
        return FALSE;
      if (g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, value, NULL))
        return TRUE;
    }
  *bad = TRUE;
  return FALSE;
}

/**
 * sp_schedule_parse_date:
 * @text: (nullable): "2026-01-17", or the date part of "2026-01-17T10:00:00Z"
 * @date: (out): the date, or cleared (invalid) unless the result is %SP_SCHEDULE_DATE_OK
 *
 * Reads a schedule's date the one way the reader and the import's check both use. A real
 * date outside SP_SCHEDULE_FIRST_YEAR…SP_SCHEDULE_LAST_YEAR is not used, and says which
 * side it fell on.
 */
SpScheduleDate
sp_schedule_parse_date (const char *text,
                        GDate      *date)
{
  guint64 y, m, d;
  char *end;

  g_date_clear (date, 1);
  if (text == NULL || strlen (text) < 10 || text[4] != '-' || text[7] != '-')
    return SP_SCHEDULE_DATE_ABSENT;
  if (text[10] != '\0' && text[10] != 'T' && text[10] != ' ')
    return SP_SCHEDULE_DATE_ABSENT;
  y = g_ascii_strtoull (text, &end, 10);
  if (end != text + 4)
    return SP_SCHEDULE_DATE_ABSENT;
  m = g_ascii_strtoull (text + 5, &end, 10);
  if (end != text + 7)
    return SP_SCHEDULE_DATE_ABSENT;
  d = g_ascii_strtoull (text + 8, &end, 10);
  if (end != text + 10 || y == 0 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return SP_SCHEDULE_DATE_ABSENT;
  if (y < SP_SCHEDULE_FIRST_YEAR)
    return SP_SCHEDULE_DATE_TOO_EARLY;
  if (y > SP_SCHEDULE_LAST_YEAR)
    return SP_SCHEDULE_DATE_TOO_LATE;
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return SP_SCHEDULE_DATE_OK;
}

/* "10:00", "10:00:00" or "09:00:00Z" as minutes after midnight, or -1. The zone suffix is
 * ignored: feeds write "Z" on local opening hours, and a café opens at ten on the clock. */
static int
parse_time (const char *text)
{
  int h, m;

  if (text == NULL || !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) || text[2] != ':' ||
      !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]))
    return -1;
  h = (text[0] - '0') * 10 + (text[1] - '0');
  m = (text[3] - '0') * 10 + (text[4] - '0');
  if (h > 24 || m > 59 || (h == 24 && m != 0))
    return -1;
  return h * 60 + m;
}

static int
weekday_index (const char *code)
{
  static const char days[] = "MOTUWETHFRSASU";

  for (int i = 0; i < 7; i++)
    if (g_ascii_toupper (code[0]) == days[2 * i] && g_ascii_toupper (code[1]) == days[2 * i + 1])
      return i;
  return -1;
}

/* "MO,TU" or, under MONTHLY, "2TU,-1FR". FALSE on anything else. Repeats are dropped. */
static gboolean
parse_byday (SpSchedule *self,
             const char *text)
{
  g_auto (GStrv) parts = g_strsplit (text, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *p = g_strstrip (parts[i]);
      int sign = 1, position = 0, weekday;
      gboolean seen = FALSE;

      if (*p == '\0')
        continue;
      if (*p == '+' || *p == '-')
        sign = *p++ == '-' ? -1 : 1;
      while (g_ascii_isdigit (*p) && position < 100)
        position = position * 10 + (*p++ - '0');
      if (strlen (p) != 2 || (weekday = weekday_index (p)) < 0)
        return FALSE;
      if (sign < 0 && position == 0)
        return FALSE;
      position *= sign;
      /* Positions count weeks of a month; under WEEKLY they mean nothing. */
      if (position != 0 && (self->freq != SP_FREQ_MONTHLY || position > 5 || position < -5))
        return FALSE;
      for (guint j = 0; j < self->n_byday; j++)
        seen |= self->byday[j].position == position && self->byday[j].weekday == weekday;
      if (seen)
        continue;
      if (self->n_byday == SP_SCHEDULE_MAX_BY)
        return FALSE;
      self->byday[self->n_byday].position = position;
      self->byday[self->n_byday++].weekday = weekday;
    }
  return self->n_byday > 0;
}

static gboolean
parse_bymonthday (SpSchedule *self,
                  const char *text)
{
  g_auto (GStrv) parts = g_strsplit (text, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      gint64 day;

      if (*g_strstrip (parts[i]) == '\0')
        continue;
      if (!g_ascii_string_to_signed (parts[i], 10, -31, 31, &day, NULL) || day == 0 ||
          self->n_bymonthday == SP_SCHEDULE_MAX_BY)
        return FALSE;
      self->bymonthday[self->n_bymonthday++] = (int) day;
    }
  return self->n_bymonthday > 0;
}

/* Marks the rule unusable, keeping the first reason found. */
static void
reject_rule (SpSchedule *self,
             const char *field,
             char       *why)
{
  self->rule_ok = FALSE;
  if (self->rule_problem != NULL)
    {
      g_free (why);
      return;
    }
  self->rule_problem = why;
  self->rule_problem_field = field;
}

static void
read_frequency (SpSchedule *self,
                JsonObject *object,
                const char *freq)
{
  if (g_ascii_strcasecmp (freq, "WEEKLY") == 0)
    self->freq = SP_FREQ_WEEKLY;
  else if (g_ascii_strcasecmp (freq, "MONTHLY") == 0)
    self->freq = SP_FREQ_MONTHLY;
  else if (g_ascii_strcasecmp (freq, "DAILY") == 0)
    self->freq = SP_FREQ_DAILY;
  else
    self->freq = SP_FREQ_UNSUPPORTED;
  self->rule_ok = self->freq != SP_FREQ_UNSUPPORTED;
  if (self->freq == SP_FREQ_UNSUPPORTED)
    reject_rule (self, "freq", g_strdup_printf (_("Signpost reads DAILY, WEEKLY and MONTHLY repeats, not “%.20s”"),
                                        freq));
  if (text_member (object, "byweekno") != NULL || text_member (object, "byyearday") != NULL)
    {
      self->freq = SP_FREQ_UNSUPPORTED;
      reject_rule (self, "freq", g_strdup (_("Signpost cannot read repeats by week or day of the year")));
    }
}

static void
read_rule (SpSchedule *self,
           JsonObject *object,
           const char *freq)
{
  const char *byday = text_member (object, "byday");
  const char *bymonthday = text_member (object, "bymonthday");
  gboolean bad = FALSE;
  gint64 number;

  read_frequency (self, object, freq);
  if (int_member (object, "interval", &number, &bad))
    {
      if (number < 1 || number > MAX_INTERVAL)
        reject_rule (self, "interval", g_strdup_printf (_("an interval of %lld is impossible"), (long long) number));
      else
        self->interval = (int) number;
    }
  if (bad)
    reject_rule (self, "interval", g_strdup (_("the interval is not a whole number")));
  bad = FALSE;
  if (int_member (object, "count", &number, &bad))
    self->count = number > 0 ? MIN (number, G_MAXINT) : 0;
  if (bad)
    reject_rule (self, "count", g_strdup (_("the count is not a whole number")));
  if (byday != NULL && !parse_byday (self, byday))
    reject_rule (self, "byday", g_strdup_printf (self->freq == SP_FREQ_MONTHLY
                                          ? _("“%.40s” is not a list of days")
                                          : _("“%.40s” is not a list of days of the week (“2TU” counts weeks of a month, so needs MONTHLY)"),
                                        byday));
  if (bymonthday != NULL && self->freq != SP_FREQ_MONTHLY)
    reject_rule (self, "bymonthday", g_strdup (_("days of the month need a MONTHLY repeat")));
  else if (bymonthday != NULL && !parse_bymonthday (self, bymonthday))
    reject_rule (self, "bymonthday", g_strdup_printf (_("“%.40s” is not a list of days of the month"), bymonthday));
  /* BYDAY and BYMONTHDAY together intersect in iCal ("a Friday that is the 13th"); no
   * directory means that, and saying it in words would mislead. */
  if (self->n_byday > 0 && self->n_bymonthday > 0)
    reject_rule (self, "bymonthday", g_strdup (_("it names days of the week and of the month together")));
  if (self->freq == SP_FREQ_DAILY && (self->n_byday > 0 || self->n_bymonthday > 0))
    reject_rule (self, "byday", g_strdup (_("a DAILY repeat cannot name days; make it WEEKLY")));
}

/* Dates outside the years Signpost reads are left out, but a rule that ended before them
 * or starts after them has no session Signpost could show: it is not used at all. */
static void
read_dates (SpSchedule *self,
            JsonObject *object)
{
  SpScheduleDate dtstart = sp_schedule_parse_date (text_member (object, "dtstart"), &self->dtstart);
  SpScheduleDate valid_from = sp_schedule_parse_date (text_member (object, "valid_from"), &self->valid_from);
  SpScheduleDate valid_to = sp_schedule_parse_date (text_member (object, "valid_to"), &self->valid_to);
  SpScheduleDate until = sp_schedule_parse_date (text_member (object, "until"), &self->until);

  if (self->kind != SP_SCHEDULE_KIND_REGULAR)
    return;
  if (valid_to == SP_SCHEDULE_DATE_TOO_EARLY || until == SP_SCHEDULE_DATE_TOO_EARLY)
    reject_rule (self, valid_to == SP_SCHEDULE_DATE_TOO_EARLY ? "valid_to" : "until",
                 g_strdup_printf (_("it ended before %d"), SP_SCHEDULE_FIRST_YEAR));
  if (valid_from == SP_SCHEDULE_DATE_TOO_LATE || dtstart == SP_SCHEDULE_DATE_TOO_LATE)
    reject_rule (self, valid_from == SP_SCHEDULE_DATE_TOO_LATE ? "valid_from" : "dtstart",
                 g_strdup_printf (_("it starts after %d"), SP_SCHEDULE_LAST_YEAR));
}

/**
 * sp_schedule_new_from_json:
 * @object: an HSDS 3.0 schedule object (a store row as sp_export_service() writes it)
 *
 * Reads a schedule row. Never fails: a row whose rule makes no sense becomes one that only
 * carries its description.
 *
 * Returns: (transfer full): the schedule
 */
SpSchedule *
sp_schedule_new_from_json (JsonObject *object)
{
  SpSchedule *self;
  const char *freq;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (SP_TYPE_SCHEDULE, NULL);
  self->id = g_strdup (text_member (object, "id"));
  self->description = g_strdup (text_member (object, "description"));
  self->notes = g_strdup (text_member (object, "notes"));
  self->service_at_location_id = g_strdup (text_member (object, "service_at_location_id"));
  self->location_id = g_strdup (text_member (object, "location_id"));
  self->opens_at = parse_time (text_member (object, "opens_at"));
  self->closes_at = parse_time (text_member (object, "closes_at"));

  freq = text_member (object, "freq");
  if (freq != NULL)
    {
      self->kind = SP_SCHEDULE_KIND_REGULAR;
      read_rule (self, object, freq);
      read_dates (self, object);
      return self;
    }
  read_dates (self, object);
  if (g_date_valid (&self->valid_from) && self->opens_at >= 0)
    self->kind = SP_SCHEDULE_KIND_SPECIAL_HOURS;
  else if ((g_date_valid (&self->valid_from) || g_date_valid (&self->valid_to)) && self->opens_at < 0 &&
           (self->description == NULL || g_ascii_strncasecmp (self->description, "open", 4) != 0))
    self->kind = SP_SCHEDULE_KIND_CLOSED;
  else if (g_date_valid (&self->dtstart) && self->opens_at >= 0)
    self->kind = SP_SCHEDULE_KIND_ONE_OFF;
  else
    self->kind = SP_SCHEDULE_KIND_NOTE;
  return self;
}

const char *
sp_schedule_get_id (SpSchedule *self)
{
  g_return_val_if_fail (SP_IS_SCHEDULE (self), NULL);
  return self->id;
}

const char *
sp_schedule_get_description (SpSchedule *self)
{
  g_return_val_if_fail (SP_IS_SCHEDULE (self), NULL);
  return self->description;
}

const char *
sp_schedule_get_notes (SpSchedule *self)
{
  g_return_val_if_fail (SP_IS_SCHEDULE (self), NULL);
  return self->notes;
}

const char *
sp_schedule_get_service_at_location_id (SpSchedule *self)
{
  g_return_val_if_fail (SP_IS_SCHEDULE (self), NULL);
  return self->service_at_location_id;
}

const char *
sp_schedule_get_location_id (SpSchedule *self)
{
  g_return_val_if_fail (SP_IS_SCHEDULE (self), NULL);
  return self->location_id;
}

SpScheduleKind
sp_schedule_get_kind (SpSchedule *self)
{
  g_return_val_if_fail (SP_IS_SCHEDULE (self), SP_SCHEDULE_KIND_NOTE);
  return self->kind;
}

/* Why a regular schedule's rule is not used (it gives no dates or words), or NULL when it
 * is used or the schedule has none; @field (optional) is set to the member it is about. */
const char *
sp_schedule_get_rule_problem (SpSchedule  *self,
                              const char **field)
{
  g_return_val_if_fail (SP_IS_SCHEDULE (self), NULL);
  if (self->kind != SP_SCHEDULE_KIND_REGULAR || self->rule_problem == NULL)
    return NULL;
  if (field != NULL)
    *field = self->rule_problem_field;
  return self->rule_problem;
}

/**
 * sp_schedule_get_opens_at:
 *
 * Returns: the opening time in minutes after midnight, or -1 if the row has none
 */
int
sp_schedule_get_opens_at (SpSchedule *self)
{
  g_return_val_if_fail (SP_IS_SCHEDULE (self), -1);
  return self->opens_at;
}

int
sp_schedule_get_closes_at (SpSchedule *self)
{
  g_return_val_if_fail (SP_IS_SCHEDULE (self), -1);
  return self->closes_at;
}

static gboolean
copy_date (const GDate *from,
           GDate       *to)
{
  if (!g_date_valid (from))
    return FALSE;
  if (to != NULL)
    *to = *from;
  return TRUE;
}

/**
 * sp_schedule_get_valid_from:
 * @date: (out caller-allocates) (optional): set to the first day the row applies
 *
 * Returns: %FALSE if the row has no (readable) start of validity
 */
gboolean
sp_schedule_get_valid_from (SpSchedule *self,
                            GDate      *date)
{
  g_return_val_if_fail (SP_IS_SCHEDULE (self), FALSE);
  return copy_date (&self->valid_from, date);
}

gboolean
sp_schedule_get_valid_to (SpSchedule *self,
                          GDate      *date)
{
  g_return_val_if_fail (SP_IS_SCHEDULE (self), FALSE);
  return copy_date (&self->valid_to, date);
}

/* Whether @date lies inside the row's validity window (open ends count as unbounded). */
gboolean
sp_schedule_covers_date (SpSchedule  *self,
                         const GDate *date)
{
  if (g_date_valid (&self->valid_from) && g_date_compare (date, &self->valid_from) < 0)
    return FALSE;
  if (g_date_valid (&self->valid_to) && g_date_compare (date, &self->valid_to) > 0)
    return FALSE;
  return TRUE;
}

/**
 * sp_schedule_applies_to:
 * @self: an exception (closed, or special hours)
 * @other: a regular schedule of the same service
 *
 * Whether the exception changes @other: one given for a place changes only that place's
 * sessions; one given for the whole service changes them all.
 */
gboolean
sp_schedule_applies_to (SpSchedule *self,
                        SpSchedule *other)
{
  g_return_val_if_fail (SP_IS_SCHEDULE (self), FALSE);
  g_return_val_if_fail (SP_IS_SCHEDULE (other), FALSE);

  if (self->service_at_location_id != NULL)
    return g_strcmp0 (self->service_at_location_id, other->service_at_location_id) == 0;
  if (self->location_id != NULL)
    return g_strcmp0 (self->location_id, other->location_id) == 0;
  return TRUE;
}

struct _SpScheduleCursor
{
  icalrecur_iterator *iterator;   /* REGULAR; NULL for the day-by-day kinds */
  GDate next;                     /* day-by-day kinds: the next day to give */
  GDate from;                     /* no date before this one */
  GDate last;                     /* no date after this one (may be invalid: no end) */
  GDate previous;                 /* the date given last, to catch libical standing still */
  guint steps;
};

static void
date_min (GDate       *bound,
          const GDate *other)
{
  if (g_date_valid (other) && (!g_date_valid (bound) || g_date_compare (other, bound) < 0))
    *bound = *other;
}

static char *
build_rrule (SpSchedule *self)
{
  static const char * const codes[] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };
  static const char * const freqs[] = { [SP_FREQ_DAILY] = "DAILY", [SP_FREQ_WEEKLY] = "WEEKLY",
                                        [SP_FREQ_MONTHLY] = "MONTHLY" };
  GString *rule = g_string_new (NULL);

  g_string_append_printf (rule, "FREQ=%s;INTERVAL=%d", freqs[self->freq], self->interval);
  for (guint i = 0; i < self->n_byday; i++)
    {
      g_string_append (rule, i == 0 ? ";BYDAY=" : ",");
      if (self->byday[i].position != 0)
        g_string_append_printf (rule, "%d", self->byday[i].position);
      g_string_append (rule, codes[self->byday[i].weekday]);
    }
  for (guint i = 0; i < self->n_bymonthday; i++)
    g_string_append_printf (rule, "%s%d", i == 0 ? ";BYMONTHDAY=" : ",", self->bymonthday[i]);
  if (self->count > 0)
    g_string_append_printf (rule, ";COUNT=%" G_GINT64_FORMAT, self->count);
  return g_string_free (rule, FALSE);
}

/* A date-only iCal time. Parsed from text on purpose: libical 3.0 gives the first date
 * for ever from a time whose fields were filled in over icaltime_null_date(). */
static struct icaltimetype
ical_date (const GDate *date)
{
  char text[16];

  g_snprintf (text, sizeof text, "%04d%02d%02d", g_date_get_year (date), g_date_get_month (date),
              g_date_get_day (date));
  return icaltime_from_string (text);
}

/* The first date a regular rule counts from. Where the phase matters (every other week,
 * a count, a rule that takes its day from dtstart) only dtstart will do: a guessed start
 * would print sessions on the wrong weeks. Otherwise any day up to @from serves. */
static gboolean
rule_start (SpSchedule  *self,
            const GDate *from,
            GDate       *start)
{
  gboolean needs_dtstart = self->interval > 1 || self->count > 0 ||
                           (self->freq != SP_FREQ_DAILY && self->n_byday == 0 && self->n_bymonthday == 0);

  if (g_date_valid (&self->dtstart))
    *start = self->dtstart;
  else if (needs_dtstart)
    return FALSE;
  else if (g_date_valid (&self->valid_from))
    *start = self->valid_from;
  else
    *start = *from;
  return TRUE;
}

/*
 * sp_schedule_cursor_new:
 * @from: the first local date wanted
 *
 * A walk over the dates @schedule falls on from @from, inside its validity, its until and
 * its count. Exceptions (closures) are not applied here; sp-occurrence.c does that across
 * a service's rows. Returns NULL when the row gives no dates at all.
 */
SpScheduleCursor *
sp_schedule_cursor_new (SpSchedule  *schedule,
                        const GDate *from)
{
  g_autoptr (SpScheduleCursor) self = g_new0 (SpScheduleCursor, 1);

  g_date_clear (&self->next, 1);
  g_date_clear (&self->last, 1);
  g_date_clear (&self->previous, 1);
  self->from = *from;
  if (g_date_valid (&schedule->valid_from) && g_date_compare (&schedule->valid_from, from) > 0)
    self->from = schedule->valid_from;
  date_min (&self->last, &schedule->valid_to);

  switch (schedule->kind)
    {
    case SP_SCHEDULE_KIND_REGULAR:
      {
        struct icalrecurrencetype rule;
        g_autofree char *text = NULL;
        GDate start;

        if (!schedule->rule_ok || !rule_start (schedule, &self->from, &start))
          return NULL;
        date_min (&self->last, &schedule->until);
        text = build_rrule (schedule);
        rule = icalrecurrencetype_from_string (text);
        if (rule.freq == ICAL_NO_RECURRENCE)
          {
            icalerror_clear_errno ();
            return NULL;
          }
        self->iterator = icalrecur_iterator_new (rule, ical_date (&start));
        if (self->iterator == NULL)
          {
            icalerror_clear_errno ();
            return NULL;
          }
        /* Jump close to @from instead of stepping through years of past sessions; with a
         * count every step from dtstart matters, so libical refuses, and we step. */
        if (schedule->count == 0 && g_date_compare (&self->from, &start) > 0)
          icalrecur_iterator_set_start (self->iterator, ical_date (&self->from));
        icalerror_clear_errno ();
      }
      break;
    case SP_SCHEDULE_KIND_ONE_OFF:
      self->next = schedule->dtstart;
      self->last = schedule->dtstart;
      date_min (&self->last, &schedule->valid_to);
      break;
    case SP_SCHEDULE_KIND_SPECIAL_HOURS:
      {
        GDate cap = schedule->valid_from;

        /* A window without an end is one day; a wide one is cut at a month. */
        g_date_add_days (&cap, MAX_SPECIAL_DAYS - 1);
        self->next = schedule->valid_from;
        if (!g_date_valid (&self->last))
          self->last = schedule->valid_from;
        date_min (&self->last, &cap);
      }
      break;
    case SP_SCHEDULE_KIND_CLOSED:
    case SP_SCHEDULE_KIND_NOTE:
    default:
      return NULL;
    }
  return g_steal_pointer (&self);
}

/* The next date, or FALSE when there are no more. */
gboolean
sp_schedule_cursor_next (SpScheduleCursor *self,
                         GDate            *date)
{
  if (self->iterator == NULL)
    {
      if (!g_date_valid (&self->next))
        return FALSE;
      if (g_date_compare (&self->next, &self->from) < 0)
        self->next = self->from;
      if (g_date_valid (&self->last) && g_date_compare (&self->next, &self->last) > 0)
        return FALSE;
      *date = self->next;
      g_date_add_days (&self->next, 1);
      return TRUE;
    }

  while (self->steps++ < MAX_CURSOR_STEPS)
    {
      struct icaltimetype t = icalrecur_iterator_next (self->iterator);

      if (icaltime_is_null_time (t) || !g_date_valid_dmy (t.day, t.month, t.year))
        break;
      g_date_clear (date, 1);
      g_date_set_dmy (date, t.day, t.month, t.year);
      if (g_date_valid (&self->last) && g_date_compare (date, &self->last) > 0)
        break;
      if (g_date_valid (&self->previous) && g_date_compare (date, &self->previous) <= 0)
        break;
      self->previous = *date;
      if (g_date_compare (date, &self->from) >= 0)
        return TRUE;
    }
  icalerror_clear_errno ();
  return FALSE;
}

void
sp_schedule_cursor_free (SpScheduleCursor *self)
{
  if (self == NULL)
    return;
  if (self->iterator != NULL)
    icalrecur_iterator_free (self->iterator);
  g_free (self);
}
