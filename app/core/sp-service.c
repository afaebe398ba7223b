/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-service.c: a service as the front ends see it, and GListModels of them.
 *
 * SpService is a read-only snapshot of one service row with its organisation's name and the
 * feed it came from: enough for a result row, a list or a freshness line. The full record
 * with everything nested (schedules, locations, contacts) comes from sp_export_service.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sp-service.h"
#include "sp-store-statement.h"

struct _SpService
{
  GObject parent_instance;

  char *id;
  char *name;
  char *description;
  char *status;
  char *url;
  char *email;
  char *organization_name;
  char *assured_date;
  char *last_modified;
  char *feed;
};

G_DEFINE_FINAL_TYPE (SpService, sp_service, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_STATUS,
  PROP_URL,
  PROP_EMAIL,
  PROP_ORGANIZATION_NAME,
  PROP_ASSURED_DATE,
  PROP_LAST_MODIFIED,
  PROP_FEED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The columns a statement for sp_service_new_from_row selects, in property order. */
#define SERVICE_COLUMNS \
  "s.id, s.name, s.description, s.status, s.url, s.email, o.name, s.assured_date, " \
  "s.last_modified, f.source"
#define SERVICE_FROM \
  " FROM service s LEFT JOIN organization o ON o.id = s.organization_id" \
  " LEFT JOIN feed f ON f.id = s.feed_id"

static char **
field_slot (SpService *self,
            guint      prop_id)
{
  switch (prop_id)
    {
    case PROP_ID: return &self->id;
    case PROP_NAME: return &self->name;
    case PROP_DESCRIPTION: return &self->description;
    case PROP_STATUS: return &self->status;
    case PROP_URL: return &self->url;
    case PROP_EMAIL: return &self->email;
    case PROP_ORGANIZATION_NAME: return &self->organization_name;
    case PROP_ASSURED_DATE: return &self->assured_date;
    case PROP_LAST_MODIFIED: return &self->last_modified;
    case PROP_FEED: return &self->feed;
    default: return NULL;
    }
}

static void
sp_service_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  char **slot = field_slot (SP_SERVICE (object), prop_id);

  if (slot == NULL)
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  else
    g_value_set_string (value, *slot);
}

static void
sp_service_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  char **slot = field_slot (SP_SERVICE (object), prop_id);

  if (slot == NULL)
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  else
    {
      g_free (*slot);
      *slot = g_value_dup_string (value);
    }
}

static void
sp_service_finalize (GObject *object)
{
  SpService *self = SP_SERVICE (object);

  for (guint prop_id = PROP_ID; prop_id < N_PROPS; prop_id++)
    g_clear_pointer (field_slot (self, prop_id), g_free);
  G_OBJECT_CLASS (sp_service_parent_class)->finalize (object);
}

static void
sp_service_class_init (SpServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const struct { guint prop_id; const char *name; } names[] = {
    { PROP_ID, "id" },
    { PROP_NAME, "name" },
    { PROP_DESCRIPTION, "description" },
    { PROP_STATUS, "status" },
    { PROP_URL, "url" },
    { PROP_EMAIL, "email" },
    { PROP_ORGANIZATION_NAME, "organization-name" },
    { PROP_ASSURED_DATE, "assured-date" },
    { PROP_LAST_MODIFIED, "last-modified" },
    { PROP_FEED, "feed" },
  };

  object_class->get_property = sp_service_get_property;
  object_class->set_property = sp_service_set_property;
  object_class->finalize = sp_service_finalize;

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    properties[names[i].prop_id] =
      g_param_spec_string (names[i].name, NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sp_service_init (SpService *self)
{
}

/* One service from the current row of a statement selecting SERVICE_COLUMNS. */
static SpService *
sp_service_new_from_row (SpStoreStatement *stmt)
{
  SpService *self = g_object_new (SP_TYPE_SERVICE, NULL);

  for (guint prop_id = PROP_ID; prop_id < N_PROPS; prop_id++)
    *field_slot (self, prop_id) = sp_store_statement_dup_text (stmt, prop_id - 1);
  return self;
}

const char *sp_service_get_id (SpService *self) { g_return_val_if_fail (SP_IS_SERVICE (self), NULL); return self->id; }
const char *sp_service_get_name (SpService *self) { g_return_val_if_fail (SP_IS_SERVICE (self), NULL); return self->name; }
const char *sp_service_get_description (SpService *self) { g_return_val_if_fail (SP_IS_SERVICE (self), NULL); return self->description; }
const char *sp_service_get_status (SpService *self) { g_return_val_if_fail (SP_IS_SERVICE (self), NULL); return self->status; }
const char *sp_service_get_url (SpService *self) { g_return_val_if_fail (SP_IS_SERVICE (self), NULL); return self->url; }
const char *sp_service_get_email (SpService *self) { g_return_val_if_fail (SP_IS_SERVICE (self), NULL); return self->email; }
const char *sp_service_get_organization_name (SpService *self) { g_return_val_if_fail (SP_IS_SERVICE (self), NULL); return self->organization_name; }
const char *sp_service_get_assured_date (SpService *self) { g_return_val_if_fail (SP_IS_SERVICE (self), NULL); return self->assured_date; }
const char *sp_service_get_last_modified (SpService *self) { g_return_val_if_fail (SP_IS_SERVICE (self), NULL); return self->last_modified; }
const char *sp_service_get_feed (SpService *self) { g_return_val_if_fail (SP_IS_SERVICE (self), NULL); return self->feed; }

/**
 * sp_service_get_checked_date:
 *
 * When the information was last checked, for "Information last checked 3 March 2026": the
 * assured date when the feed gives one, else the date part of its last modification.
 *
 * Returns: (nullable): an ISO 8601 date or date-time
 */
const char *
sp_service_get_checked_date (SpService *self)
{
  g_return_val_if_fail (SP_IS_SERVICE (self), NULL);
  return self->assured_date != NULL ? self->assured_date : self->last_modified;
}

/* Runs @stmt to the end, one SpService per row, into a new list; NULL with @error set when
 * a step failed. */
static GListModel *
collect_services (SpStoreStatement *stmt,
                  GError          **error)
{
  g_autoptr (GListStore) list = g_list_store_new (SP_TYPE_SERVICE);
  SpStoreStep step;

  while ((step = sp_store_statement_step (stmt, error)) == SP_STORE_STEP_ROW)
    {
      g_autoptr (SpService) service = sp_service_new_from_row (stmt);
      g_list_store_append (list, service);
    }
  if (step == SP_STORE_STEP_ERROR)
    return NULL;
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/**
 * sp_service_list_all:
 *
 * Every service in the store, by name (case-insensitively) then id: a stable browse order.
 * Reads in one statement, so the list is one consistent snapshot.
 *
 * Returns: (transfer full): a #GListModel of #SpService, or %NULL with @error set
 */
GListModel *
sp_service_list_all (SpStore *store,
                     GError **error)
{
  g_autoptr (SpStoreStatement) stmt = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  stmt = sp_store_statement_new (store, "SELECT " SERVICE_COLUMNS SERVICE_FROM
                                        " ORDER BY s.name COLLATE NOCASE, s.id",
                                 N_("reading the services"), error);
  if (stmt == NULL)
    return NULL;
  return collect_services (stmt, error);
}

/**
 * sp_service_list_by_ids:
 * @ids: service ids, in the order wanted (a search result, a shortlist)
 *
 * The services with these ids, in the order given. Ids no longer in the store are left out.
 *
 * Returns: (transfer full): a #GListModel of #SpService, or %NULL with @error set
 */
GListModel *
sp_service_list_by_ids (SpStore            *store,
                        const char * const *ids,
                        GError            **error)
{
  g_autoptr (GListStore) list = g_list_store_new (SP_TYPE_SERVICE);

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (ids != NULL, NULL);

  for (gsize i = 0; ids[i] != NULL; i++)
    {
      g_autoptr (GError) local_error = NULL;
      g_autoptr (SpService) service = sp_service_lookup (store, ids[i], &local_error);

      if (service != NULL)
        g_list_store_append (list, service);
      else if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/**
 * sp_service_lookup:
 * @id: a service id (UUIDs are matched case-insensitively, as stored)
 *
 * Returns: (transfer full): the service, or %NULL with @error set (G_IO_ERROR_NOT_FOUND if
 *   there is no such service)
 */
SpService *
sp_service_lookup (SpStore    *store,
                   const char *id,
                   GError    **error)
{
  g_autoptr (SpStoreStatement) stmt = NULL;
  g_autofree char *lower = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = sp_store_statement_new (store, "SELECT " SERVICE_COLUMNS SERVICE_FROM " WHERE s.id = ?1",
                                 N_("reading a service"), error);
  if (stmt == NULL)
    return NULL;
  lower = g_ascii_strdown (id, -1);
  sp_store_statement_bind_text (stmt, 1, lower);
  switch (sp_store_statement_step (stmt, error))
    {
    case SP_STORE_STEP_ROW:
      return sp_service_new_from_row (stmt);
    case SP_STORE_STEP_DONE:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no service with the id “%s” in the directory."), id);
      return NULL;
    case SP_STORE_STEP_ERROR:
    default:
      return NULL;
    }
}

/**
 * sp_service_list_ids:
 *
 * Every service's id, in id order: what the search index indexes. Reads in one statement,
 * so the list is one consistent snapshot (or the caller's transaction's).
 *
 * Returns: (transfer full) (element-type utf8): the ids, or %NULL with @error set
 */
GPtrArray *
sp_service_list_ids (SpStore *store,
                     GError **error)
{
  g_autoptr (SpStoreStatement) stmt = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  stmt = sp_store_statement_new (store, "SELECT id FROM service ORDER BY id",
                                 N_("reading the services"), error);
  if (stmt == NULL)
    return NULL;
  return sp_store_statement_collect_texts (stmt, error);
}

/**
 * sp_service_list_languages:
 * @limit: at most this many
 *
 * The languages the directory's services say they are offered in, as lower-case codes
 * (or names, where a feed gave no code), those offered by the most services first: the
 * choices of a language filter. Reads in one statement and changes nothing.
 *
 * Returns: (transfer full) (element-type utf8): the codes, or %NULL with @error set
 */
GPtrArray *
sp_service_list_languages (SpStore *store,
                           guint    limit,
                           GError **error)
{
  g_autoptr (SpStoreStatement) stmt = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  stmt = sp_store_statement_new (store,
                                 "SELECT lower(coalesce(nullif(code, ''), name)) AS c, count(DISTINCT service_id) AS n"
                                 " FROM language WHERE service_id IS NOT NULL GROUP BY c ORDER BY n DESC LIMIT ?1",
                                 N_("reading the languages services are offered in"), error);
  if (stmt == NULL)
    return NULL;
  sp_store_statement_bind_int64 (stmt, 1, limit);
  return sp_store_statement_collect_texts (stmt, error);
}
