/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-referral-json.c: reading people and referrals sealed in record format 1, JSON.
 *
 * The first stores held each record as one JSON object, members left out when they had no
 * value, dates "YYYY-MM-DD", moments Unix seconds, enumerations by name, "v" the format.
 * Nothing writes it any more (sp-referral-record.c writes format 2); a store's records in
 * it are read at sign-in and written again in the current format.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "sp-referral-model.h"

/* ---- reading ----------------------------------------------------------------------- */

static const char *
peek_string (JsonObject *o,
             const char *key)
{
  JsonNode *node = json_object_get_member (o, key);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static char *
get_string (JsonObject *o,
            const char *key)
{
  return g_strdup (peek_string (o, key));
}

static gint64
get_int (JsonObject *o,
         const char *key)
{
  JsonNode *node = json_object_get_member (o, key);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  return json_node_get_int (node);
}

static SpDay
get_day (JsonObject *o,
         const char *key)
{
  return sp_day_parse (peek_string (o, key));
}

static gboolean
get_flag (JsonObject *o,
          const char *key)
{
  JsonNode *node = json_object_get_member (o, key);

  return node != NULL && json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

static guint
get_enum (JsonObject *o,
          const char *key,
          guint       n)
{
  gint64 value = get_int (o, key);

  return value >= 0 && value < n ? (guint) value : 0;
}

static JsonArray *
get_array (JsonObject *o,
           const char *key)
{
  JsonNode *node = json_object_get_member (o, key);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* Parses @json into its top object; @parser keeps it alive. */
static JsonObject *
parse_object (JsonParser  *parser,
              const char  *json,
              gsize        length,
              GError     **error)
{
  JsonNode *root;

  if (!json_parser_load_from_data (parser, json, length, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      get_int (json_node_get_object (root), "v") > SP_RECORD_FORMAT_JSON)
    {
      g_set_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_TOO_NEW,
                   _("A record was written by a newer version of Signpost; update Signpost to read it."));
      return NULL;
    }
  return json_node_get_object (root);
}

static void
get_stamps (JsonObject *o,
            gint64     *created_at,
            gint64     *updated_at,
            char      **created_by,
            char      **updated_by)
{
  *created_at = get_int (o, "created_at");
  *updated_at = get_int (o, "updated_at");
  *created_by = get_string (o, "created_by");
  *updated_by = get_string (o, "updated_by");
}

SpPerson *
sp_person_from_json (const char *json,
                     gsize       length,
                     GError    **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *o = parse_object (parser, json, length, error);
  SpPerson *p;
  guint contact = 0;

  if (o == NULL)
    return NULL;
  p = sp_person_new ();
  p->id = get_string (o, "id");
  p->training = get_flag (o, "training");
  p->name = get_string (o, "name");
  p->born = get_day (o, "born");
  p->nhs_number = get_string (o, "nhs_number");
  p->address = get_string (o, "address");
  p->postcode = get_string (o, "postcode");
  p->phone = get_string (o, "phone");
  p->email = get_string (o, "email");
  for (SpContactMethod m = 0; m < SP_N_CONTACT_METHODS; m++)
    if (g_strcmp0 (peek_string (o, "preferred_contact"), sp_contact_method_to_string (m)) == 0)
      contact = m;
  p->preferred_contact = contact;
  p->language = get_string (o, "language");
  p->interpreter = get_flag (o, "interpreter");
  p->carer = get_enum (o, "carer", SP_N_CARER_ROLES);
  p->gp_practice = get_string (o, "gp_practice");
  p->consent_method = get_enum (o, "consent_method", SP_N_CONSENT_METHODS);
  p->consent_scope = get_string (o, "consent_scope");
  p->consent_on = get_day (o, "consent_on");
  get_stamps (o, &p->created_at, &p->updated_at, &p->created_by, &p->updated_by);
  return p;
}

static void
get_outcome (JsonObject *parent,
             const char *key,
             SpOutcome  *out)
{
  JsonNode *node = json_object_get_member (parent, key);
  JsonObject *o;
  JsonArray *ons4, *swemwbs;

  sp_outcome_clear (out);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;
  o = json_node_get_object (node);
  out->taken_on = get_day (o, "on");
  if ((ons4 = get_array (o, "ons4")) != NULL)
    for (guint i = 0; i < MIN (json_array_get_length (ons4), SP_ONS4_N_QUESTIONS); i++)
      out->ons4[i] = CLAMP (json_array_get_int_element (ons4, i), -1, 10);
  if ((swemwbs = get_array (o, "swemwbs")) != NULL)
    for (guint i = 0; i < MIN (json_array_get_length (swemwbs), SP_SWEMWBS_N_ITEMS); i++)
      out->swemwbs[i] = CLAMP (json_array_get_int_element (swemwbs, i), 0, 5);
  out->swemwbs_raw = CLAMP (get_int (o, "swemwbs_raw"), 0, SP_SWEMWBS_RAW_MAX);
}

static SpContactMethod
contact_method_of (const char *name)
{
  for (SpContactMethod m = 0; m < SP_N_CONTACT_METHODS; m++)
    if (g_strcmp0 (name, sp_contact_method_to_string (m)) == 0)
      return m;
  return SP_CONTACT_METHOD_PHONE;
}

SpReferral *
sp_referral_from_json (const char *json,
                       gsize       length,
                       GError    **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *o = parse_object (parser, json, length, error);
  SpReferral *r;
  JsonArray *array;
  SpReferralSource source = SP_REFERRAL_SOURCE_GP;
  SpReferralStatus status = SP_REFERRAL_STATUS_NEW;

  if (o == NULL)
    return NULL;
  r = sp_referral_new ();
  r->id = get_string (o, "id");
  r->person_id = get_string (o, "person");
  r->training = get_flag (o, "training");
  sp_referral_source_from_string (peek_string (o, "source"), &source);
  r->source = source;
  r->received_on = get_day (o, "received_on");
  if ((array = get_array (o, "reasons")) != NULL)
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        SpReason reason;
        if (sp_reason_from_string (json_array_get_string_element (array, i), &reason))
          r->reasons |= 1u << reason;
      }
  r->other_reasons = get_string (o, "other_reasons");
  sp_referral_status_from_string (peek_string (o, "status"), &status);
  r->status = status;
  r->accepted = get_flag (o, "accepted");
  r->declined_reason = get_string (o, "declined_reason");
  r->closing_outcome = get_string (o, "closing_outcome");
  r->first_contact_on = get_day (o, "first_contact_on");
  r->last_contact_on = get_day (o, "last_contact_on");
  r->next_contact_on = get_day (o, "next_contact_on");
  r->closed_on = get_day (o, "closed_on");

  if ((array = get_array (o, "history")) != NULL)
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonObject *c = json_array_get_object_element (array, i);
        SpStatusChange change = { SP_REFERRAL_STATUS_NEW, get_int (c, "at"), get_string (c, "by"),
                                  get_string (c, "note") };
        sp_referral_status_from_string (peek_string (c, "status"), &change.status);
        g_array_append_val (r->history, change);
      }
  if ((array = get_array (o, "services")) != NULL)
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonObject *s = json_array_get_object_element (array, i);
        SpServiceLink link = {
          get_string (s, "id"), get_string (s, "name"),
          g_strcmp0 (peek_string (s, "kind"), "referred") == 0 ? SP_SERVICE_LINK_REFERRED
                                                               : SP_SERVICE_LINK_SIGNPOSTED,
          get_enum (s, "attended", SP_ATTENDED_NO + 1), get_day (s, "on"),
        };
        g_array_append_val (r->services, link);
      }
  if ((array = get_array (o, "contacts")) != NULL)
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonObject *c = json_array_get_object_element (array, i);
        SpContactNote contact = { get_day (c, "on"), contact_method_of (peek_string (c, "how")),
                                  get_string (c, "note"), get_string (c, "by") };
        g_array_append_val (r->contacts, contact);
      }
  get_outcome (o, "first", &r->first);
  get_outcome (o, "review", &r->review);
  r->notes = get_string (o, "notes");
  get_stamps (o, &r->created_at, &r->updated_at, &r->created_by, &r->updated_by);
  return r;
}
