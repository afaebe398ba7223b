/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-oruk1-schedule.c: ORUK 1.0 regular and holiday schedules as HSDS 3.0 schedules. */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "sp-oruk1-private.h"

/* Turns v1's weekday into an iCal day. Accepts the English name or any part of
 * it of two letters or more ("Monday", "mon", "MO"), and the ISO 8601 number
 * 1 (Monday) to 7 (Sunday), as a number or as text. Returns NULL if the value
 * is none of these; 0 is refused because feeds counting from Sunday use it. */
static const char *
weekday_to_byday (JsonNode *node)
{
  static const char * const names[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"
  };
  static const char * const days[] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };
  g_autofree char *text = sp_oruk1_node_dup_text (node);
  gint64 number;
  gsize length;

  if (text == NULL)
    return NULL;
  g_strstrip (text);

  if (g_ascii_string_to_signed (text, 10, 1, 7, &number, NULL))
    return days[number - 1];

  length = strlen (text);
  if (length < 2)
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (length <= strlen (names[i]) && g_ascii_strncasecmp (text, names[i], length) == 0)
      return days[i];
  return NULL;
}

/* The fields a v1 regular or holiday schedule row shares with HSDS 3.0. */
static void
copy_schedule_link (SpOruk1Converter *self,
                    JsonObject       *from,
                    JsonObject       *schedule,
                    const char       *path)
{
  JsonNode *node = json_object_get_member (from, "service_at_location");

  sp_oruk1_copy_text (self, from, "id", schedule, "id", path);
  /* v1 rows at service level may name the place they apply to. */
  if (!sp_oruk1_copy_text (self, from, "service_at_location_id", schedule, "service_at_location_id", path)
      && node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *link_path = sp_oruk1_field_path (path, "service_at_location");

      sp_oruk1_copy_text (self, json_node_get_object (node), "id", schedule, "service_at_location_id", link_path);
    }
}

static JsonObject *
convert_regular_schedule (SpOruk1Converter *self,
                          JsonObject       *from,
                          const char       *path)
{
  static const char * const same_keys[] = {
    "opens_at", "closes_at", "valid_from", "valid_to", "dtstart", "until", "freq", "byday",
    "bymonthday", "description", NULL
  };
  JsonObject *schedule = json_object_new ();
  JsonNode *weekday = json_object_get_member (from, "weekday");

  copy_schedule_link (self, from, schedule, path);
  sp_oruk1_copy_same_texts (self, from, schedule, path, same_keys);
  sp_oruk1_copy_number (self, from, "interval", schedule, "interval", path);
  sp_oruk1_copy_number (self, from, "count", schedule, "count", path);

  if (!sp_oruk1_member_is_blank (from, "weekday"))
    {
      const char *byday = weekday_to_byday (weekday);
      gboolean has_freq = !sp_oruk1_member_is_blank (schedule, "freq");

      if (byday != NULL)
        {
          /* v1 says "every Monday"; in iCal that is WEEKLY on MO. A row that
           * already has its own recurrence keeps it. */
          if (!has_freq)
            json_object_set_string_member (schedule, "freq", "WEEKLY");
          if (sp_oruk1_member_is_blank (schedule, "byday"))
            json_object_set_string_member (schedule, "byday", byday);
        }
      else
        {
          g_autofree char *field = sp_oruk1_field_path (path, "weekday");
          g_autofree char *text = sp_oruk1_node_dup_text (weekday);

          if (text != NULL && !has_freq)
            sp_oruk1_warn (self, field, _("“%s” is not a day of the week; these opening times were "
                                          "left out."), text);
          else if (text != NULL)
            sp_oruk1_warn (self, field, _("“%s” is not a day of the week; the opening times were kept "
                                          "without it."), text);
          else if (!has_freq)
            sp_oruk1_warn (self, field, _("Expected a day of the week but found %s; these opening "
                                          "times were left out."), sp_oruk1_node_describe (weekday));
          else
            sp_oruk1_warn (self, field, _("Expected a day of the week but found %s; the opening times "
                                          "were kept without it."), sp_oruk1_node_describe (weekday));
          if (!has_freq)
            {
              json_object_unref (schedule);
              return NULL;
            }
        }
    }

  return schedule;
}

/* A holiday row becomes a schedule that applies only between its dates. v1
 * says "closed" with a flag; HSDS 3.0 has no flag, so it goes in the
 * description, which is data shown as it is, not a message to translate. */
static JsonObject *
convert_holiday_schedule (SpOruk1Converter *self,
                          JsonObject       *from,
                          const char       *path)
{
  JsonNode *node = json_object_get_member (from, "closed");
  JsonObject *schedule;
  gboolean closed;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      closed = json_node_get_boolean (node);
    }
  else if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
           && json_node_get_value_type (node) == G_TYPE_STRING
           && (g_ascii_strcasecmp (json_node_get_string (node), "true") == 0
               || g_ascii_strcasecmp (json_node_get_string (node), "false") == 0))
    {
      closed = g_ascii_strcasecmp (json_node_get_string (node), "true") == 0;
    }
  else
    {
      g_autofree char *field = sp_oruk1_field_path (path, "closed");

      if (node == NULL)
        sp_oruk1_warn (self, field, _("The holiday times do not say whether the service is open or "
                                      "closed; they were left out."));
      else
        sp_oruk1_warn (self, field, _("Expected true or false but found %s; the holiday times were "
                                      "left out."), sp_oruk1_node_describe (node));
      return NULL;
    }

  schedule = json_object_new ();
  copy_schedule_link (self, from, schedule, path);
  sp_oruk1_copy_text (self, from, "start_date", schedule, "valid_from", path);
  sp_oruk1_copy_text (self, from, "end_date", schedule, "valid_to", path);
  if (closed)
    {
      json_object_set_string_member (schedule, "description", "Closed");
    }
  else
    {
      json_object_set_string_member (schedule, "description", "Open");
      sp_oruk1_copy_text (self, from, "opens_at", schedule, "opens_at", path);
      sp_oruk1_copy_text (self, from, "closes_at", schedule, "closes_at", path);
    }
  return schedule;
}

void
sp_oruk1_convert_schedules (SpOruk1Converter *self,
                            JsonObject       *from,
                            const char       *prefix,
                            JsonObject       *to)
{
  sp_oruk1_convert_list (self, from, "regular_schedules", prefix, to, "schedules", convert_regular_schedule);
  sp_oruk1_convert_list (self, from, "holiday_schedules", prefix, to, "schedules", convert_holiday_schedule);
}
