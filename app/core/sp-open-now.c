/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-open-now.c: what "open now" means, one meaning for the app and the command line.
 *
 * A service is open at a moment when one of its sessions is going on then: it has started
 * (at an opening time the schedule gives) and not yet ended. A service that meets that
 * day but later, or earlier, is not open; nor is one whose schedule gives days but no
 * hours, since nobody can say it is open this minute. The search index knows only the
 * days services meet, so a search narrows to the day first (sp_open_now_day()) and the
 * best of those matches are then read and kept if open (sp_open_now_select()).
 */
#include "config.h"

#include "sp-occurrence.h"
#include "sp-open-now.h"

/**
 * sp_open_now_day:
 *
 * The day of the week @when falls on where the directory's services meet (0 Monday … 6
 * Sunday), for the search filter that narrows "open now" to services meeting that day.
 */
int
sp_open_now_day (GDateTime *when)
{
  g_autoptr (GDateTime) there = NULL;

  g_return_val_if_fail (when != NULL, 0);

  there = g_date_time_to_timezone (when, sp_occurrence_get_time_zone ());
  return g_date_time_get_day_of_week (there) - 1;
}

/**
 * sp_open_now_is_open:
 *
 * Whether one of the service's sessions is going on at @when. The next session not yet
 * ended by @when is the one going on, if any is.
 */
gboolean
sp_open_now_is_open (SpServiceDetail *detail,
                     GDateTime       *when)
{
  g_autoptr (GPtrArray) sessions = NULL;
  SpOccurrence *session;

  g_return_val_if_fail (SP_IS_SERVICE_DETAIL (detail), FALSE);
  g_return_val_if_fail (when != NULL, FALSE);

  sessions = sp_occurrence_list_next (sp_service_detail_get_schedules (detail), when, 1);
  if (sessions->len == 0)
    return FALSE;
  session = sessions->pdata[0];
  return session->has_time && g_date_time_compare (session->start, when) <= 0;
}

/**
 * sp_open_now_select:
 * @ids: (array zero-terminated=1): services, best first: the matches of a search narrowed
 *   to sp_open_now_day()
 * @most: how many open ones are wanted
 *
 * Reads the services of @ids in turn and keeps those open at @when, until @most are found.
 * A service the store no longer has is left out. Reads only; may run in any thread with
 * a store connection of its own.
 *
 * Returns: (transfer full) (element-type guint): the positions in @ids of the services
 *   open at @when, in order; %NULL with @error set when a service could not be read or
 *   @cancellable was cancelled
 */
GArray *
sp_open_now_select (SpStore            *store,
                    const char * const *ids,
                    GDateTime          *when,
                    guint               most,
                    GCancellable       *cancellable,
                    GError            **error)
{
  g_autoptr (GArray) open = g_array_new (FALSE, FALSE, sizeof (guint));

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (ids != NULL, NULL);
  g_return_val_if_fail (when != NULL, NULL);

  for (guint i = 0; ids[i] != NULL && open->len < most; i++)
    {
      g_autoptr (GError) read_error = NULL;
      g_autoptr (SpServiceDetail) detail = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      detail = sp_service_detail_load (store, ids[i], &read_error);
      if (detail == NULL && g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        continue;
      if (detail == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&read_error));
          return NULL;
        }
      if (sp_open_now_is_open (detail, when))
        g_array_append_val (open, i);
    }
  return g_steal_pointer (&open);
}
