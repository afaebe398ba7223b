/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-api.c: the Open Referral UK 3.0 read API's answers, made by a worker.
 *
 * Lists are pages (total_items, total_pages, page_number, size, first_page, last_page,
 * empty, contents; pages from 1; size the length of contents) whose items are what ORUK's
 * list schemas show: a record's own fields, and for a service its organisation's; "full"
 * gives each record with everything nested in it, as GET /{type}/{id} does. A request is
 * read in one transaction, so its count and its page agree. A search goes through the
 * Xapian index, best first, its most relevant SP_HUB_MAX_SEARCH_RESULTS matches that pass
 * the other filters.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sp-export.h"
#include "sp-hub-api.h"
#include "sp-place.h"
#include "sp-service-documents.h"

/* The items of a list feed are read this many at a time. */
#define FEED_BATCH 500

typedef struct
{
  SpHubWorker *worker;
  SpHubRequest *request;
  SpHubParams *params;
} Answer;

static const char *
table_of (SpHubRoute route)
{
  switch (route)
    {
    case SP_HUB_ROUTE_SERVICES:
    case SP_HUB_ROUTE_SERVICE:
      return "service";
    case SP_HUB_ROUTE_ORGANIZATIONS:
    case SP_HUB_ROUTE_ORGANIZATION:
      return "organization";
    case SP_HUB_ROUTE_TAXONOMIES:
    case SP_HUB_ROUTE_TAXONOMY:
      return "taxonomy";
    case SP_HUB_ROUTE_TAXONOMY_TERMS:
    case SP_HUB_ROUTE_TAXONOMY_TERM:
      return "taxonomy_term";
    case SP_HUB_ROUTE_SERVICE_AT_LOCATIONS:
    case SP_HUB_ROUTE_SERVICE_AT_LOCATION:
      return "service_at_location";
    case SP_HUB_ROUTE_ROOT:
    case SP_HUB_ROUTE_OPENAPI:
    case SP_HUB_ROUTE_STYLE:
    case SP_HUB_ROUTE_SYNC:
    case SP_HUB_ROUTE_FIND:
    default:
      return NULL;
    }
}

/* GET /: exactly the three members ORUK asks for. */
SpHubResponse *
sp_hub_api_details (SpHubRequest *request)
{
  g_autoptr (JsonObject) object = json_object_new ();
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *openapi = g_strconcat (request->public_url, "/openapi.json", NULL);

  json_object_set_string_member (object, "version", SP_HUB_ORUK_VERSION);
  json_object_set_string_member (object, "profile", SP_HUB_ORUK_PROFILE);
  json_object_set_string_member (object, "openapi_url", openapi);
  json_node_set_object (node, object);
  return sp_hub_response_new_json (200, node);
}

/* Whether the answer is a feed streamed from a file (every item at once) rather than a page. */
gboolean
sp_hub_api_is_feed (SpHubRoute         route,
                    const SpHubParams *params)
{
  if (route == SP_HUB_ROUTE_SYNC)
    return TRUE;
  if (table_of (route) == NULL || route == SP_HUB_ROUTE_SERVICE || route == SP_HUB_ROUTE_ORGANIZATION ||
      route == SP_HUB_ROUTE_TAXONOMY || route == SP_HUB_ROUTE_TAXONOMY_TERM || route == SP_HUB_ROUTE_SERVICE_AT_LOCATION)
    return FALSE;
  return params->ndjson || (route == SP_HUB_ROUTE_SERVICES && params->minimal);
}

/* Turns the postcode into the point the services must be near. FALSE with @error set when
 * the store cannot be read; @bad set to a 400 when the directory knows no such place. */
gboolean
sp_hub_api_find_point (SpHubWorker    *worker,
                       SpHubRequest   *request,
                       SpHubParams    *params,
                       SpHubResponse **bad,
                       GError        **error)
{
  g_auto (SpPlace) place = { NULL, 0, 0 };
  g_autoptr (GError) local_error = NULL;

  *bad = NULL;
  if (params->postcode == NULL)
    return TRUE;
  if (!sp_hub_worker_find_place (worker, request->state.seq, params->postcode, &place, &local_error))
    {
      if (local_error->domain != SP_PLACE_ERROR)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      *bad = sp_hub_response_new_bad_parameter ("postcode", "%s", local_error->message);
      return TRUE;
    }
  params->services.has_point = TRUE;
  params->services.latitude = place.latitude;
  params->services.longitude = place.longitude;
  params->services.within_metres = params->proximity;
  return TRUE;
}

/* Whether a page of services is a page of a search's matches and nothing else: read
 * from the index a page at a time (list_ids()) rather than every match first. */
static gboolean
is_search_page (Answer *answer)
{
  return answer->request->route == SP_HUB_ROUTE_SERVICES && answer->request->id == NULL &&
         answer->params->search != NULL && !sp_hub_params_has_service_filter (answer->params);
}

/* Narrows the services to a search's matches, best first; FALSE with @error set when the
 * index cannot be read. */
static gboolean
apply_search (Answer  *answer,
              GError **error)
{
  /* With other filters, every match: the best that pass them may lie beyond the first
   * SP_HUB_MAX_SEARCH_RESULTS. */
  guint max = sp_hub_params_has_service_filter (answer->params) ? G_MAXINT : SP_HUB_MAX_SEARCH_RESULTS;

  if (answer->params->search == NULL)
    return TRUE;
  answer->params->services.ids = sp_hub_worker_match (answer->worker, answer->request->state.seq,
                                                      answer->params->search, max, error);
  return answer->params->services.ids != NULL;
}

static void
answer_clear (Answer *answer)
{
  if (answer->params != NULL)
    g_clear_pointer (&answer->params->services.ids, g_ptr_array_unref);
}

/* The service as a list shows it, or whole. */
static JsonObject *
service_item (Answer     *answer,
              const char *id,
              gboolean    full,
              GError    **error)
{
  SpStore *store = sp_hub_worker_get_store (answer->worker);

  return full ? sp_export_service (store, id, error) : sp_api_service_summary (store, id, error);
}

/* The service's JSON as a list shows it, or whole: the bytes the store keeps ready
 * (sp-service-documents.c), or assembled for a service it keeps none for. */
static char *
service_text (Answer     *answer,
              const char *id,
              gboolean    full,
              GError    **error)
{
  g_autoptr (JsonObject) item = NULL;
  g_autoptr (JsonNode) node = NULL;
  char *text = NULL;

  if (!sp_service_documents_read (sp_hub_worker_get_store (answer->worker), id, full, &text, error))
    return NULL;
  if (text != NULL)
    return text;
  if ((item = service_item (answer, id, full, error)) == NULL)
    return NULL;
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, item);
  return json_to_string (node, FALSE);
}

typedef JsonObject *(*ItemFunc) (Answer *answer, const char *id, GError **error);

/* Sets @member of @object to the items of @ids (when there are any). */
static gboolean
add_items (Answer     *answer,
           JsonObject *object,
           const char *member,
           GPtrArray  *ids,
           ItemFunc    item_func,
           GError    **error)
{
  JsonArray *items;

  if (ids == NULL)
    return FALSE;
  if (ids->len == 0)
    return TRUE;
  items = json_array_sized_new (ids->len);
  json_object_set_array_member (object, member, items);
  for (guint i = 0; i < ids->len; i++)
    {
      JsonObject *item = item_func (answer, ids->pdata[i], error);
      if (item == NULL)
        return FALSE;
      json_array_add_object_element (items, item);
    }
  return TRUE;
}

static JsonObject *
organization_service (Answer     *answer,
                      const char *id,
                      GError    **error)
{
  return service_item (answer, id, answer->params->full_service, error);
}

static JsonObject *
taxonomy_term (Answer     *answer,
               const char *id,
               GError    **error)
{
  return sp_export_record (sp_hub_worker_get_store (answer->worker), "taxonomy_term", id, FALSE, error);
}

/* The organisation's services, as a list shows them or whole (full_service). */
static gboolean
add_organization_services (Answer     *answer,
                           JsonObject *organization,
                           GError    **error)
{
  SpApiServiceFilter filter = SP_API_SERVICE_FILTER_INIT;
  g_autoptr (GPtrArray) ids = NULL;

  filter.organization_id = json_object_get_string_member (organization, "id");
  ids = sp_api_list_services (sp_hub_worker_get_store (answer->worker), &filter, SP_API_ROWS_SERVICES, 0, G_MAXINT64,
                              error);
  return add_items (answer, organization, "services", ids, organization_service, error);
}

/* The taxonomy's terms, each as a list shows it. */
static gboolean
add_taxonomy_terms (Answer     *answer,
                    JsonObject *taxonomy,
                    GError    **error)
{
  SpApiRecordFilter filter = SP_API_RECORD_FILTER_INIT;
  g_autoptr (GPtrArray) ids = NULL;

  filter.taxonomy_id = json_object_get_string_member (taxonomy, "id");
  ids = sp_api_list_records (sp_hub_worker_get_store (answer->worker), "taxonomy_term", &filter, 0, G_MAXINT64, error);
  return add_items (answer, taxonomy, "taxonomy_terms", ids, taxonomy_term, error);
}

/* A service at a location with its place and its service: as a list shows them, or whole. */
static JsonObject *
service_at_location_item (Answer     *answer,
                          const char *id,
                          gboolean    full,
                          GError    **error)
{
  SpStore *store = sp_hub_worker_get_store (answer->worker);
  g_autoptr (JsonObject) item = sp_export_record (store, "service_at_location", id, full, error);
  const char *location_id, *service_id;
  JsonObject *service;

  if (item == NULL)
    return NULL;
  location_id = json_object_get_string_member_with_default (item, "location_id", NULL);
  if (!full && location_id != NULL)
    {
      JsonObject *location = sp_export_record (store, "location", location_id, FALSE, error);
      if (location == NULL)
        return NULL;
      json_object_set_object_member (item, "location", location);
    }
  service_id = json_object_get_string_member_with_default (item, "service_id", NULL);
  if (service_id != NULL)
    {
      if ((service = service_item (answer, service_id, full, error)) == NULL)
        return NULL;
      /* Whole, the service would hold this row again among its places. */
      json_object_remove_member (service, "service_at_locations");
      json_object_set_object_member (item, "service", service);
    }
  return g_steal_pointer (&item);
}

/* One item of @route's list (or the record @route names), as a list shows it or whole. */
static JsonObject *
item_for (Answer     *answer,
          SpHubRoute  route,
          const char *id,
          gboolean    full,
          GError    **error)
{
  SpStore *store = sp_hub_worker_get_store (answer->worker);
  g_autoptr (JsonObject) item = NULL;

  switch (route)
    {
    case SP_HUB_ROUTE_SERVICES:
    case SP_HUB_ROUTE_SERVICE:
      return service_item (answer, id, full, error);
    case SP_HUB_ROUTE_SERVICE_AT_LOCATIONS:
    case SP_HUB_ROUTE_SERVICE_AT_LOCATION:
      return service_at_location_item (answer, id, full, error);
    case SP_HUB_ROUTE_ORGANIZATIONS:
    case SP_HUB_ROUTE_ORGANIZATION:
      if ((item = sp_export_record (store, "organization", id, full, error)) == NULL ||
          (full && !add_organization_services (answer, item, error)))
        return NULL;
      return g_steal_pointer (&item);
    case SP_HUB_ROUTE_TAXONOMIES:
    case SP_HUB_ROUTE_TAXONOMY:
      if ((item = sp_export_record (store, "taxonomy", id, full, error)) == NULL ||
          (full && !add_taxonomy_terms (answer, item, error)))
        return NULL;
      return g_steal_pointer (&item);
    case SP_HUB_ROUTE_TAXONOMY_TERMS:
    case SP_HUB_ROUTE_TAXONOMY_TERM:
      return sp_export_record (store, "taxonomy_term", id, full, error);
    case SP_HUB_ROUTE_ROOT:
    case SP_HUB_ROUTE_OPENAPI:
    case SP_HUB_ROUTE_STYLE:
    case SP_HUB_ROUTE_SYNC:
    case SP_HUB_ROUTE_FIND:
    default:
      g_assert_not_reached ();
    }
}

/* How many items @route's list holds, and the ids of those from @offset, at most @limit. */
static GPtrArray *
list_ids (Answer     *answer,
          SpHubRoute  route,
          gint64      offset,
          gint64      limit,
          gint64     *total,
          GError    **error)
{
  SpStore *store = sp_hub_worker_get_store (answer->worker);
  const SpApiServiceFilter *services = &answer->params->services;
  const SpApiRecordFilter *records = &answer->params->records;

  /* Every service, or a search's matches and nothing else: a slice of what the worker
   * keeps, in the same order SQL would give. */
  if (route == SP_HUB_ROUTE_SERVICES && !sp_hub_params_has_service_filter (answer->params))
    {
      GPtrArray *all;
      g_autoptr (GPtrArray) slice = g_ptr_array_new_with_free_func (g_free);

      if (answer->params->search != NULL && services->ids == NULL)
        {
          guint matches = 0;
          GPtrArray *page = sp_hub_worker_match_page (answer->worker, answer->request->matches,
                                                      answer->request->state.seq,
                                                      answer->params->search,
                                                      (guint) MIN (offset, SP_HUB_MAX_SEARCH_RESULTS),
                                                      (guint) MIN (limit, SP_HUB_MAX_SEARCH_RESULTS),
                                                      SP_HUB_MAX_SEARCH_RESULTS, &matches, error);
          *total = matches;
          return page;
        }
      all = services->ids != NULL ? services->ids
                                  : sp_hub_worker_get_all_ids (answer->worker, answer->request->state.seq, error);
      if (all == NULL)
        return NULL;
      *total = MIN (all->len, SP_HUB_MAX_SEARCH_RESULTS);
      if (services->ids == NULL)
        *total = all->len;
      for (gint64 i = offset; i < *total && i < offset + limit; i++)
        g_ptr_array_add (slice, g_strdup (all->pdata[i]));
      return g_steal_pointer (&slice);
    }
  if (route == SP_HUB_ROUTE_SERVICES || route == SP_HUB_ROUTE_SERVICE_AT_LOCATIONS)
    {
      SpApiRows rows = route == SP_HUB_ROUTE_SERVICES ? SP_API_ROWS_SERVICES : SP_API_ROWS_SERVICE_AT_LOCATIONS;

      if (!sp_api_count_services (store, services, rows, total, error))
        return NULL;
      /* A search lists its best matches only. */
      if (services->ids != NULL)
        {
          *total = MIN (*total, SP_HUB_MAX_SEARCH_RESULTS);
          limit = CLAMP (*total - offset, 0, limit);
        }
      return sp_api_list_services (store, services, rows, offset, limit, error);
    }
  if (!sp_api_count_records (store, table_of (route), records, total, error))
    return NULL;
  return sp_api_list_records (store, table_of (route), records, offset, limit, error);
}

/* A page of services, from their stored JSON: written out as json-glib would write the
 * same page (answer_page()), without parsing or building any of it. */
static SpHubResponse *
answer_services_page (Answer     *answer,
                      GPtrArray  *ids,
                      gint64      total,
                      GError    **error)
{
  SpHubParams *params = answer->params;
  GString *body;
  g_autoptr (GString) contents = g_string_sized_new (ids->len * 1024);
  gint64 total_pages = (total + params->per_page - 1) / params->per_page;
  guint size = 0;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (GError) local_error = NULL;
      g_autofree char *text = service_text (answer, ids->pdata[i], params->full, &local_error);

      /* A match the index has and the store no longer has (a change between the two): left out. */
      if (text == NULL && params->search != NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        continue;
      if (text == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (size++ > 0)
        g_string_append_c (contents, ',');
      g_string_append (contents, text);
    }
  body = g_string_sized_new (contents->len + 256);
  g_string_append_printf (body,
                          "{\"total_items\":%" G_GINT64_FORMAT ",\"total_pages\":%" G_GINT64_FORMAT
                          ",\"page_number\":%" G_GINT64_FORMAT ",\"size\":%u,\"first_page\":%s,\"last_page\":%s,"
                          "\"empty\":%s,\"contents\":[",
                          total, total_pages, params->page, size, params->page == 1 ? "true" : "false",
                          params->page >= total_pages ? "true" : "false", size == 0 ? "true" : "false");
  g_string_append_len (body, contents->str, contents->len);
  g_string_append (body, "]}");
  return sp_hub_response_new (200, SP_HUB_JSON, g_string_free_to_bytes (body));
}

static SpHubResponse *
answer_page (Answer     *answer,
             SpHubRoute  route,
             GError    **error)
{
  SpHubParams *params = answer->params;
  g_autoptr (JsonObject) page = json_object_new ();
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr (GPtrArray) ids = NULL;
  JsonArray *contents;
  gint64 total = 0, total_pages;

  ids = list_ids (answer, route, (params->page - 1) * params->per_page, params->per_page, &total, error);
  if (ids == NULL)
    return NULL;
  if (route == SP_HUB_ROUTE_SERVICES)
    return answer_services_page (answer, ids, total, error);
  contents = json_array_sized_new (ids->len);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (GError) local_error = NULL;
      JsonObject *item = item_for (answer, route, ids->pdata[i], params->full, &local_error);

      /* A match the index has and the store no longer has (a change between the two): left out. */
      if (item == NULL && params->search != NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        continue;
      if (item == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          json_array_unref (contents);
          return NULL;
        }
      json_array_add_object_element (contents, item);
    }
  total_pages = (total + params->per_page - 1) / params->per_page;
  json_object_set_int_member (page, "total_items", total);
  json_object_set_int_member (page, "total_pages", total_pages);
  json_object_set_int_member (page, "page_number", params->page);
  json_object_set_int_member (page, "size", json_array_get_length (contents));
  json_object_set_boolean_member (page, "first_page", params->page == 1);
  json_object_set_boolean_member (page, "last_page", params->page >= total_pages);
  json_object_set_boolean_member (page, "empty", json_array_get_length (contents) == 0);
  json_object_set_array_member (page, "contents", contents);
  json_node_set_object (node, page);
  return sp_hub_response_new_json (200, node);
}

static SpHubResponse *
answer_record (Answer     *answer,
               SpHubRoute  route,
               GError    **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (JsonObject) item = NULL;
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  if (route == SP_HUB_ROUTE_SERVICE)
    {
      char *text = service_text (answer, answer->request->id, TRUE, &local_error);

      if (text != NULL)
        return sp_hub_response_new (200, SP_HUB_JSON, g_bytes_new_take (text, strlen (text)));
    }
  else
    item = item_for (answer, route, answer->request->id, TRUE, &local_error);
  if (item == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return sp_hub_response_new_error (404, "There is no %s with the id %s in this directory.",
                                          table_of (route), answer->request->id);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  json_node_set_object (node, item);
  return sp_hub_response_new_json (200, node);
}

/**
 * sp_hub_api_answer:
 *
 * Answers an API request (not a feed, not a page for people) from @worker's store, read in
 * one transaction.
 *
 * Returns: (transfer full): the answer (a 4xx for what the client got wrong), or %NULL
 *   with @error set when the directory could not be read
 */
SpHubResponse *
sp_hub_api_answer (SpHubWorker  *worker,
                   SpHubRequest *request,
                   GError      **error)
{
  g_auto (SpHubParams) params = { 0 };
  Answer answer = { worker, request, &params };
  SpStore *store = sp_hub_worker_get_store (worker);
  SpHubResponse *response = NULL;
  SpHubRoute route = request->route;

  if ((response = sp_hub_params_read (route, request->params, &params)) != NULL)
    return response;
  if (!sp_store_begin_read (store, error))
    return NULL;
  if (sp_hub_api_find_point (worker, request, &params, &response, error) && response == NULL &&
      (is_search_page (&answer) || apply_search (&answer, error)))
    response = request->id != NULL ? answer_record (&answer, route, error) : answer_page (&answer, route, error);
  sp_store_end_read (store);
  answer_clear (&answer);
  if (response != NULL && response->status == 200)
    {
      response->etag = g_strdup (request->etag);
      response->cacheable = TRUE;
    }
  return response;
}

static gboolean
write_object_line (GOutputStream *out,
                   JsonObject    *object,
                   const char    *separator,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;

  json_node_set_object (node, object);
  text = json_to_string (node, FALSE);
  return g_output_stream_write_all (out, text, strlen (text), NULL, cancellable, error) &&
         g_output_stream_write_all (out, separator, strlen (separator), NULL, cancellable, error);
}

typedef struct
{
  Answer *answer;
  GOutputStream *out;
  GCancellable *cancellable;
  guint written;
  guint max;
} FeedWalk;

/* One service of a walk: a line of ndjson, or an item of the minimal list. */
static gboolean
write_walked_service (const char *id,
                      const char *last_modified,
                      gpointer    user_data,
                      GError    **error)
{
  FeedWalk *walk = user_data;
  g_autoptr (JsonObject) item = NULL;

  if (walk->written >= walk->max)
    return TRUE;
  if (walk->answer->params->minimal)
    {
      item = json_object_new ();
      json_object_set_string_member (item, "id", id);
      if (last_modified != NULL && *last_modified != '\0')
        json_object_set_string_member (item, "modified_date", last_modified);
      if (walk->written > 0 && !g_output_stream_write_all (walk->out, ",\n", 2, NULL, walk->cancellable, error))
        return FALSE;
      walk->written++;
      return write_object_line (walk->out, item, "", walk->cancellable, error);
    }
  if ((item = service_item (walk->answer, id, walk->answer->params->full, error)) == NULL)
    return FALSE;
  walk->written++;
  return write_object_line (walk->out, item, "\n", walk->cancellable, error);
}

/* Every service, in one call: {"total_items": N, …, "contents": [{"id", "modified_date"}, …]}. */
static gboolean
write_minimal (FeedWalk  *walk,
               GError   **error)
{
  SpStore *store = sp_hub_worker_get_store (walk->answer->worker);
  g_autofree char *header = NULL;
  gint64 total = 0;

  if (!sp_api_count_services (store, &walk->answer->params->services, SP_API_ROWS_SERVICES, &total, error))
    return FALSE;
  total = MIN (total, walk->max);
  header = g_strdup_printf ("{\"total_items\":%" G_GINT64_FORMAT ",\"total_pages\":%d,\"page_number\":1,"
                            "\"size\":%" G_GINT64_FORMAT ",\"first_page\":true,\"last_page\":true,"
                            "\"empty\":%s,\"contents\":[\n",
                            total, total > 0 ? 1 : 0, total, total == 0 ? "true" : "false");
  return g_output_stream_write_all (walk->out, header, strlen (header), NULL, walk->cancellable, error) &&
         sp_api_foreach_service (store, &walk->answer->params->services, write_walked_service, walk, error) &&
         g_output_stream_write_all (walk->out, "\n]}\n", 4, NULL, walk->cancellable, error);
}

/* Every item of a list other than the services, a line each. */
static gboolean
write_list_lines (FeedWalk    *walk,
                  SpHubRoute   route,
                  GError     **error)
{
  for (gint64 offset = 0;; offset += FEED_BATCH)
    {
      g_autoptr (GPtrArray) ids = NULL;
      gint64 total;

      if ((ids = list_ids (walk->answer, route, offset, FEED_BATCH, &total, error)) == NULL)
        return FALSE;
      for (guint i = 0; i < ids->len; i++)
        {
          g_autoptr (JsonObject) item = item_for (walk->answer, route, ids->pdata[i], walk->answer->params->full, error);
          if (item == NULL || !write_object_line (walk->out, item, "\n", walk->cancellable, error))
            return FALSE;
        }
      if (ids->len < FEED_BATCH)
        return TRUE;
    }
}

/**
 * sp_hub_api_write_list_feed:
 *
 * Writes every item of a list at once, read in one transaction: format=ndjson (a line
 * each) or, for the services, minimal (one page of every id and modified_date). Runs in a
 * worker thread.
 */
gboolean
sp_hub_api_write_list_feed (SpHubRequest  *request,
                            GOutputStream *out,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_auto (SpHubParams) params = { 0 };
  SpHubWorker *worker = sp_hub_worker_get_for_thread (request->store_path, error);
  Answer answer = { worker, request, &params };
  FeedWalk walk = { &answer, out, cancellable, 0, G_MAXUINT };
  g_autoptr (SpHubResponse) bad = NULL;
  SpStore *store;
  gboolean ok;

  if (worker == NULL)
    return FALSE;
  store = sp_hub_worker_get_store (worker);
  /* The server's thread checked the parameters before the feed was asked for. */
  if ((bad = sp_hub_params_read (request->route, request->params, &params)) != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "The parameters of %s are wrong", request->path);
      return FALSE;
    }
  if (!sp_store_begin_read (store, error))
    return FALSE;
  /* A postcode the directory does not know finds nothing. */
  ok = sp_hub_api_find_point (worker, request, &params, &bad, error);
  if (ok && bad != NULL)
    {
      params.services.has_point = TRUE;
      params.services.within_metres = 0;
    }
  ok = ok && apply_search (&answer, error);
  if (params.services.ids != NULL)
    walk.max = SP_HUB_MAX_SEARCH_RESULTS;
  if (ok && request->route == SP_HUB_ROUTE_SERVICES && params.minimal)
    ok = write_minimal (&walk, error);
  else if (ok && request->route == SP_HUB_ROUTE_SERVICES)
    ok = sp_api_foreach_service (store, &params.services, write_walked_service, &walk, error);
  else if (ok)
    ok = write_list_lines (&walk, request->route, error);
  sp_store_end_read (store);
  answer_clear (&answer);
  return ok;
}

/* The sync feed after the client's change (sp_sync_feed_write()). Runs in a worker thread. */
gboolean
sp_hub_api_write_sync_feed (SpHubRequest  *request,
                            GOutputStream *out,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_auto (SpHubParams) params = { 0 };
  SpHubWorker *worker = sp_hub_worker_get_for_thread (request->store_path, error);
  g_autoptr (SpHubResponse) bad = NULL;

  if (worker == NULL)
    return FALSE;
  if ((bad = sp_hub_params_read (request->route, request->params, &params)) != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "The parameters of %s are wrong", request->path);
      return FALSE;
    }
  return sp_sync_feed_write (sp_hub_worker_get_store (worker), params.since, params.token, out, cancellable, error);
}
