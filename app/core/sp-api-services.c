/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-api-services.c: which services (and services at locations) an Open Referral API query selects.
 *
 * One SELECT per question, put together from fixed fragments, one per filter, so that each
 * combination of filters is its own statement (compiled once, kept by the store) and every
 * value a client sent is a bound parameter, never SQL text. A search's matches come in as
 * a JSON array of ids (json_each), which keeps their order.
 *
 * Pages are in id order (or the search's order), so a page holds the same services until
 * the directory changes. Every function reads in the caller's transaction, if any: the hub
 * wraps a request in one (sp_store_begin_read()) so its count and its page agree.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "sp-api-services.h"
#include "sp-export.h"
#include "sp-store-statement.h"

/* The mean radius of the Earth (IUGG), for distances on a sphere. */
#define EARTH_RADIUS_METRES 6371008.8
#define METRES_PER_DEGREE_OF_LATITUDE 111132.0

/* Any category under :term, the term itself included; UNION (not UNION ALL) ends a loop a
 * feed made of parents. */
#define UNDER_TERM_CTE \
  "WITH RECURSIVE under_term(id) AS (SELECT :term UNION " \
  "SELECT t.id FROM taxonomy_term t JOIN under_term u ON t.parent_id = u.id) "

/* The great-circle distance in metres from (:lat, :lon) to location l (haversine). */
#define DISTANCE_FROM_POINT \
  "2 * " G_STRINGIFY (EARTH_RADIUS_METRES) " * asin(sqrt(" \
  "pow(sin(radians(l.latitude - :lat) / 2), 2) + " \
  "cos(radians(:lat)) * cos(radians(l.latitude)) * pow(sin(radians(l.longitude - :lon) / 2), 2)))"

/* A location near the point: a box SQLite can check quickly first, then the distance. */
#define NEAR_POINT \
  "l.latitude BETWEEN :lat_min AND :lat_max AND l.longitude BETWEEN :lon_min AND :lon_max AND " \
  DISTANCE_FROM_POINT " <= :within"

/* A schedule row of service s (its own, or at one of its places) that still runs. */
#define SCHEDULE_OF_SERVICE \
  "(sc.service_id = s.id OR sc.service_at_location_id IN " \
  "(SELECT sal2.id FROM service_at_location sal2 WHERE sal2.service_id = s.id)) " \
  "AND (sc.valid_to IS NULL OR sc.valid_to >= date('now'))"

/* The row recurs on :day ("TU"): BYDAY holds it ("TU", "2TU", "-1TU"), or it is daily. */
#define MEETS_ON_DAY \
  " AND (sc.freq = 'DAILY' OR instr(',' || replace(upper(coalesce(sc.byday, '')), ' ', '') || ',', :day || ',') > 0)"

static const char * const day_codes[] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };

typedef enum
{
  SELECT_SERVICES,            /* s.id, for a page */
  SELECT_SERVICES_MODIFIED,   /* s.id and when it was last modified, for a walk */
  COUNT_SERVICES,
  SELECT_SERVICE_AT_LOCATIONS,
  COUNT_SERVICE_AT_LOCATIONS,
} Question;

/* Whether the filter limits services to places near a point, and the place is on a
 * service_at_location row of the query itself (sal) rather than any of the service's. */
static void
append_near (GString                  *sql,
             const SpApiServiceFilter *filter,
             gboolean                  at_locations)
{
  if (!filter->has_point)
    return;
  if (at_locations)
    g_string_append (sql, " AND EXISTS (SELECT 1 FROM location l WHERE l.id = sal.location_id AND " NEAR_POINT ")");
  else
    g_string_append (sql, " AND EXISTS (SELECT 1 FROM service_at_location p JOIN location l ON l.id = p.location_id "
                          "WHERE p.service_id = s.id AND " NEAR_POINT ")");
}

/* The SQL text of @question for @filter. */
static char *
build_sql (const SpApiServiceFilter *filter,
           Question                  question)
{
  gboolean at_locations = question == SELECT_SERVICE_AT_LOCATIONS || question == COUNT_SERVICE_AT_LOCATIONS;
  gboolean counting = question == COUNT_SERVICES || question == COUNT_SERVICE_AT_LOCATIONS;
  GString *sql = g_string_new (NULL);
  gsize where;

  if (filter->taxonomy_term_id != NULL)
    g_string_append (sql, UNDER_TERM_CTE);
  switch (question)
    {
    case SELECT_SERVICES:
      g_string_append (sql, "SELECT s.id");
      break;
    case SELECT_SERVICES_MODIFIED:
      g_string_append (sql, "SELECT s.id, coalesce(s.last_modified, s.imported_at)");
      break;
    case SELECT_SERVICE_AT_LOCATIONS:
      g_string_append (sql, "SELECT sal.id");
      break;
    case COUNT_SERVICES:
    case COUNT_SERVICE_AT_LOCATIONS:
    default:
      g_string_append (sql, "SELECT count(*)");
      break;
    }
  if (filter->ids != NULL)
    g_string_append (sql, " FROM json_each(:ids) j JOIN service s ON s.id = j.value");
  else
    g_string_append (sql, " FROM service s");
  if (at_locations)
    g_string_append (sql, " JOIN service_at_location sal ON sal.service_id = s.id");
  /* Each condition appends " AND …"; the first becomes the WHERE. No WHERE at all for no
   * filter: SQLite then counts from the smallest index instead of reading every row. */
  where = sql->len;

  if (filter->organization_id != NULL)
    g_string_append (sql, " AND s.organization_id = :organization");
  if (filter->taxonomy_term_id != NULL)
    g_string_append (sql, " AND EXISTS (SELECT 1 FROM attribute a WHERE a.link_id = s.id "
                          "AND a.taxonomy_term_id IN (SELECT id FROM under_term))");
  if (filter->taxonomy_id != NULL)
    g_string_append (sql, " AND EXISTS (SELECT 1 FROM attribute a JOIN taxonomy_term t ON t.id = a.taxonomy_term_id "
                          "WHERE a.link_id = s.id AND t.taxonomy_id = :taxonomy)");
  if (filter->modified_after != NULL)
    g_string_append (sql, " AND julianday(coalesce(s.last_modified, s.imported_at)) >= julianday(:modified)");
  if (filter->minimum_age >= 0)
    g_string_append (sql, " AND coalesce(s.minimum_age, 0) >= :minimum_age");
  if (filter->maximum_age >= 0)
    g_string_append (sql, " AND s.maximum_age <= :maximum_age");
  append_near (sql, filter, at_locations);
  if (filter->day >= 0 || filter->opens_from >= 0 || filter->closes_by >= 0)
    {
      g_string_append (sql, " AND EXISTS (SELECT 1 FROM schedule sc WHERE " SCHEDULE_OF_SERVICE);
      if (filter->day >= 0)
        g_string_append (sql, MEETS_ON_DAY);
      if (filter->opens_from >= 0)
        g_string_append (sql, " AND time(sc.opens_at) >= time(:opens_from)");
      if (filter->closes_by >= 0)
        g_string_append (sql, " AND time(sc.closes_at) <= time(:closes_by)");
      g_string_append (sql, ")");
    }

  if (sql->len > where)
    {
      g_assert (strncmp (sql->str + where, " AND ", 5) == 0);
      g_string_erase (sql, where, strlen (" AND"));
      g_string_insert (sql, where, " WHERE");
    }
  if (!counting)
    {
      g_string_append (sql, filter->ids != NULL ? " ORDER BY j.key" : " ORDER BY s.id");
      if (at_locations)
        g_string_append (sql, ", sal.id");
    }
  if (question == SELECT_SERVICES || question == SELECT_SERVICE_AT_LOCATIONS)
    g_string_append (sql, " LIMIT :limit OFFSET :offset");
  return g_string_free (sql, FALSE);
}

/* The binders bind (a copy of) @value to the parameter @name when the statement has it. */

static void
bind_text (SpStoreStatement *stmt,
           const char       *name,
           const char       *value)
{
  int index = sp_store_statement_parameter (stmt, name);

  if (index > 0)
    sp_store_statement_bind_text_take (stmt, index, g_strdup (value));
}

static void
bind_double (SpStoreStatement *stmt,
             const char       *name,
             double            value)
{
  int index = sp_store_statement_parameter (stmt, name);

  if (index > 0)
    sp_store_statement_bind_double (stmt, index, value);
}

static void
bind_int64 (SpStoreStatement *stmt,
            const char       *name,
            gint64            value)
{
  int index = sp_store_statement_parameter (stmt, name);

  if (index > 0)
    sp_store_statement_bind_int64 (stmt, index, value);
}

/* "HH:MM", as SQLite's time() reads it. */
static char *
format_minutes (int minutes)
{
  return g_strdup_printf ("%02d:%02d", minutes / 60, minutes % 60);
}

/* The ids as a JSON array, for json_each(). */
static char *
ids_to_json (GPtrArray *ids)
{
  g_autoptr (JsonArray) array = json_array_sized_new (ids->len);
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < ids->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (ids, i));
  json_node_set_array (node, array);
  return json_to_string (node, FALSE);
}

/* Binds every value of @filter that the statement asks for. */
static void
bind_filter (SpStoreStatement         *stmt,
             const SpApiServiceFilter *filter)
{
  if (filter->ids != NULL)
    {
      g_autofree char *json = ids_to_json (filter->ids);
      bind_text (stmt, ":ids", json);
    }
  bind_text (stmt, ":organization", filter->organization_id);
  bind_text (stmt, ":term", filter->taxonomy_term_id);
  bind_text (stmt, ":taxonomy", filter->taxonomy_id);
  bind_text (stmt, ":modified", filter->modified_after);
  bind_int64 (stmt, ":minimum_age", filter->minimum_age);
  bind_int64 (stmt, ":maximum_age", filter->maximum_age);
  if (filter->has_point)
    {
      /* The box around the circle; where a degree of longitude shrinks to nothing (at the
       * poles) or the box would cross the antimeridian, every longitude. */
      double dlat = filter->within_metres / METRES_PER_DEGREE_OF_LATITUDE * 1.01;
      double shrink = cos (filter->latitude * G_PI / 180.0);
      double dlon = shrink > 0.01 ? dlat / shrink : 360;
      gboolean wraps = filter->longitude - dlon < -180 || filter->longitude + dlon > 180;

      bind_double (stmt, ":lat", filter->latitude);
      bind_double (stmt, ":lon", filter->longitude);
      bind_double (stmt, ":within", filter->within_metres);
      bind_double (stmt, ":lat_min", filter->latitude - dlat);
      bind_double (stmt, ":lat_max", filter->latitude + dlat);
      bind_double (stmt, ":lon_min", wraps ? -180 : filter->longitude - dlon);
      bind_double (stmt, ":lon_max", wraps ? 180 : filter->longitude + dlon);
    }
  if (filter->day >= 0 && filter->day < 7)
    bind_text (stmt, ":day", day_codes[filter->day]);
  if (filter->opens_from >= 0)
    {
      g_autofree char *time = format_minutes (filter->opens_from);
      bind_text (stmt, ":opens_from", time);
    }
  if (filter->closes_by >= 0)
    {
      g_autofree char *time = format_minutes (filter->closes_by);
      bind_text (stmt, ":closes_by", time);
    }
}

/* The store's statement for @question, bound to @filter; NULL with @error set. */
static SpStoreStatement *
prepare (SpStore                  *store,
         const SpApiServiceFilter *filter,
         Question                  question,
         GError                  **error)
{
  g_autofree char *sql = build_sql (filter, question);
  SpStoreStatement *stmt = sp_store_statement_cached (store, sql, N_("listing services"), error);

  if (stmt != NULL)
    bind_filter (stmt, filter);
  return stmt;
}

/*
 * sp_api_count_services:
 * @rows: services, or services at locations (whose service @filter selects, its place, for
 *   a point, being the one of the row)
 *
 * How many @rows @filter selects, into @count. Reads in the caller's transaction, if any.
 * Returns FALSE with @error set when the store cannot be read.
 */
gboolean
sp_api_count_services (SpStore                  *store,
                       const SpApiServiceFilter *filter,
                       SpApiRows                 rows,
                       gint64                   *n,
                       GError                  **error)
{
  SpStoreStatement *stmt;
  SpStoreStep step;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (filter != NULL && n != NULL, FALSE);

  stmt = prepare (store, filter, rows == SP_API_ROWS_SERVICE_AT_LOCATIONS ? COUNT_SERVICE_AT_LOCATIONS : COUNT_SERVICES,
                  error);
  if (stmt == NULL)
    return FALSE;
  step = sp_store_statement_step (stmt, error);
  if (step == SP_STORE_STEP_ROW)
    *n = sp_store_statement_get_int64 (stmt, 0);
  else if (step == SP_STORE_STEP_DONE)
    g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_FAILED, _("Counting services gave no count."));
  sp_store_statement_reset (stmt);
  return step == SP_STORE_STEP_ROW;
}

/*
 * sp_api_list_services:
 * The ids of the @rows @filter selects, from the @offset-th on, at most @limit of them: in
 * id order, or the order of @filter->ids (services at locations by service in that order,
 * then id). Reads in the caller's transaction, if any. Returns (transfer full) the ids, or
 * NULL with @error set; a failed step is an error, never a short page.
 */
GPtrArray *
sp_api_list_services (SpStore                  *store,
                      const SpApiServiceFilter *filter,
                      SpApiRows                 rows,
                      gint64                    offset,
                      gint64                    limit,
                      GError                  **error)
{
  SpStoreStatement *stmt;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  stmt = prepare (store, filter, rows == SP_API_ROWS_SERVICE_AT_LOCATIONS ? SELECT_SERVICE_AT_LOCATIONS : SELECT_SERVICES,
                  error);
  if (stmt == NULL)
    return NULL;
  bind_int64 (stmt, ":limit", limit);
  bind_int64 (stmt, ":offset", offset);
  return sp_store_statement_collect_texts (stmt, error);
}

/*
 * sp_api_foreach_service:
 * Calls @func with each service @filter selects, in the order sp_api_list_services() gives
 * them, and when it was last modified (else imported); for answers of every service at
 * once (ndjson, minimal). Memory stays that of one row, whatever the directory's size.
 * Reads in the caller's transaction, if any: hold one, as @func may take a while. Returns
 * FALSE with @error set when the store cannot be read or @func failed.
 */
gboolean
sp_api_foreach_service (SpStore                  *store,
                        const SpApiServiceFilter *filter,
                        SpApiServiceFunc          func,
                        gpointer                  user_data,
                        GError                  **error)
{
  g_autofree char *sql = NULL;
  g_autoptr (SpStoreStatement) stmt = NULL;
  gboolean ok = TRUE;
  SpStoreStep step;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (filter != NULL && func != NULL, FALSE);

  /* A statement of its own, not the store's: @func reads the store too. */
  sql = build_sql (filter, SELECT_SERVICES_MODIFIED);
  if ((stmt = sp_store_statement_new (store, sql, N_("listing services"), error)) == NULL)
    return FALSE;
  bind_filter (stmt, filter);
  while ((step = sp_store_statement_step (stmt, error)) == SP_STORE_STEP_ROW)
    if (!(ok = func (sp_store_statement_get_text (stmt, 0), sp_store_statement_get_text (stmt, 1), user_data, error)))
      break;
  return ok && step != SP_STORE_STEP_ERROR;
}

/*
 * sp_api_service_summary:
 * The service as an Open Referral list shows it: its own fields (no arrays) and its
 * organisation's own fields. Reads in the caller's transaction, if any. Returns (transfer
 * full) the object, or NULL with @error set (G_IO_ERROR_NOT_FOUND if there is no such
 * service).
 */
JsonObject *
sp_api_service_summary (SpStore    *store,
                        const char *id,
                        GError    **error)
{
  g_autoptr (JsonObject) service = NULL;
  g_autoptr (GError) local_error = NULL;
  const char *organization_id;
  JsonObject *organization;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if ((service = sp_export_record (store, "service", id, FALSE, error)) == NULL)
    return NULL;
  organization_id = json_object_get_string_member_with_default (service, "organization_id", NULL);
  if (organization_id == NULL)
    return g_steal_pointer (&service);
  organization = sp_export_record (store, "organization", organization_id, FALSE, &local_error);
  if (organization != NULL)
    json_object_set_object_member (service, "organization", organization);
  else if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&service);
}
