/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-manage-edit.c: editing a service, proposing a new one, or marking one closed: each saved as a pending change.
 *
 * The form carries the service's version when it was shown (a hash): a change to a
 * service that changed meanwhile is refused, never applied over the other. The document
 * is checked by the import's rules (sp_listings_propose_edit()); what is wrong comes back
 * beside its field, and nothing is saved.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-hub-manage-private.h"

/* A text area tall enough for its lines, and one more. */
static guint
rows_for (const char *text)
{
  guint lines = 1;

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    lines += *p == '\n';
  return CLAMP (lines + 1, 3, 20);
}

/* A check box named @name, ticked when @values has it. */
static void
append_check_box (SpHubManagePage *page,
                  const char      *name,
                  const char      *label,
                  GHashTable      *values)
{
  const char *value = g_hash_table_lookup (values, name);

  g_string_append (page->html, "<div class=\"field checkbox\">\n<input type=\"checkbox\" id=\"");
  sp_hub_manage_append_escaped (page, name);
  g_string_append (page->html, "\" name=\"");
  sp_hub_manage_append_escaped (page, name);
  g_string_append (page->html, "\" value=\"yes\"");
  if (value != NULL && *value != '\0')
    g_string_append (page->html, " checked");
  g_string_append (page->html, ">\n<label for=\"");
  sp_hub_manage_append_escaped (page, name);
  g_string_append (page->html, "\">");
  sp_hub_manage_append_escaped (page, label);
  g_string_append (page->html, "</label>\n</div>\n");
}

/* One place's fields, named by @field_name (the numbered fields of a place the service has,
 * or the "new-" ones). */
static void
append_place_fields (SpHubManagePage *page,
                     char *(*field_name) (const char *name, guint index),
                     guint            index,
                     GHashTable      *values,
                     GPtrArray       *problems)
{
  g_autofree char *name = field_name ("location_name", index);
  g_autofree char *address = field_name ("address", index);
  g_autofree char *town = field_name ("town", index);
  g_autofree char *postcode = field_name ("postcode", index);
  g_autofree char *access = field_name ("access", index);

  sp_hub_manage_append_field (page, name, _("Name of the place"), _("For example, Bilston Library"), "text",
                              g_hash_table_lookup (values, name), problems);
  sp_hub_manage_append_field (page, address, _("Address"), NULL, "text", g_hash_table_lookup (values, address),
                              problems);
  sp_hub_manage_append_field (page, town, _("Town or city"), NULL, "text", g_hash_table_lookup (values, town),
                              problems);
  sp_hub_manage_append_field (page, postcode, _("Postcode"), NULL, "text", g_hash_table_lookup (values, postcode),
                              problems);
  sp_hub_manage_append_text_area (page, access, _("Access"), _("One a line, for example “Step-free access”"),
                                  g_hash_table_lookup (values, access), 3, problems);
}

static char *
new_place_field (const char *name,
                 guint       index)
{
  return g_strconcat ("new-", name, NULL);
}

/* Each place's fields, numbered, each in a fieldset of its own with a box to remove it;
 * then a place to add. */
static void
append_places (SpHubManagePage *page,
               GHashTable      *values,
               GPtrArray       *problems)
{
  g_autofree char *first = sp_hub_manage_form_place_field ("address", 0);
  g_autofree char *second = sp_hub_manage_form_place_field ("address", 1);
  gboolean any = g_hash_table_contains (values, first);
  gboolean several = g_hash_table_contains (values, second);

  for (guint i = 0; any; i++)
    {
      g_autofree char *address = sp_hub_manage_form_place_field ("address", i);
      g_autofree char *remove = sp_hub_manage_form_place_field ("remove", i);
      g_autofree char *heading = several ? g_strdup_printf (_("Place %u"), i + 1) : g_strdup (_("Place"));

      if (i > 0 && !g_hash_table_contains (values, address))
        break;
      /* A fieldset, so a screen reader says which place each "Address" is. */
      g_string_append (page->html, "<fieldset class=\"place\">\n<legend>");
      sp_hub_manage_append_escaped (page, heading);
      g_string_append (page->html, "</legend>\n");
      append_place_fields (page, sp_hub_manage_form_place_field, i, values, problems);
      append_check_box (page, remove, _("The service no longer meets here (its sessions stay, without this place)"),
                        values);
      g_string_append (page->html, "</fieldset>\n");
    }
  g_string_append_printf (page->html, "<fieldset class=\"place\">\n<legend>%s</legend>\n<p class=\"hint\">%s</p>\n",
                          any ? _("Another place") : _("A place"),
                          any ? _("Only if the service also meets somewhere else: leave it empty otherwise.")
                              : _("Where the service meets, if it meets somewhere: leave it empty otherwise."));
  append_place_fields (page, new_place_field, 0, values, problems);
  g_string_append (page->html, "</fieldset>\n");
}

static void
append_fields (SpHubManagePage *page,
               GHashTable      *values,
               GPtrArray       *terms,
               GPtrArray       *problems)
{
#define VALUE(name) ((const char *) g_hash_table_lookup (values, name))
  sp_hub_manage_append_field (page, "name", _("Name of the service"), NULL, "text", VALUE ("name"), problems);
  sp_hub_manage_append_text_area (page, "description", _("What it is and who it is for"), NULL, VALUE ("description"), 6,
                                  problems);
  sp_hub_manage_append_text_area (page, "schedule", _("When it runs"),
                                  _("One session a line, for example “every 2nd Tuesday, 10:00–12:00” or "
                                    "“every Monday and Thursday 9:30–11:00”. A closure: “closed 24 December 2026 "
                                    "to 2 January 2027”."), VALUE ("schedule"), rows_for (VALUE ("schedule")), problems);
  g_string_append_printf (page->html, "<h2>%s</h2>\n", _("Where"));
  append_places (page, values, problems);
  g_string_append_printf (page->html, "<h2>%s</h2>\n", _("How to get in touch"));
  sp_hub_manage_append_field (page, "phone", _("Phone"), NULL, "tel", VALUE ("phone"), problems);
  sp_hub_manage_append_field (page, "email", _("Email address"), NULL, "email", VALUE ("email"), problems);
  sp_hub_manage_append_field (page, "website", _("Website"), _("Starting https://"), "url", VALUE ("website"), problems);
  g_string_append_printf (page->html, "<h2>%s</h2>\n", _("More"));
  sp_hub_manage_append_field (page, "cost", _("Cost"), _("For example “Free” or “£2 a session”"), "text", VALUE ("cost"),
                              problems);
  sp_hub_manage_append_field (page, "languages", _("Languages spoken"), _("Separated by commas"), "text",
                              VALUE ("languages"), problems);
  g_string_append (page->html, "<div class=\"field checkbox\">\n<input type=\"checkbox\" id=\"closed\" name=\"closed\" value=\"yes\"");
  if (VALUE ("closed") != NULL && *VALUE ("closed") != '\0')
    g_string_append (page->html, " checked");
  g_string_append_printf (page->html, ">\n<label for=\"closed\">%s</label>\n</div>\n",
                          _("This service has closed for good (the editor removes it from the directory)"));
  sp_hub_manage_categories_append (page, terms, values, problems);
#undef VALUE
}

static SpHubResponse *
edit_page (SpHubManageContext *context,
           const char         *name,
           const char         *hash,
           GHashTable         *values,
           GPtrArray          *terms,
           GPtrArray          *problems,
           guint               status)
{
  SpHubManagePage *page = &context->page;
  g_autofree char *action = context->id != NULL ? g_strdup_printf ("/manage/services/%s/edit", context->id)
                                                : g_strdup ("/manage/services/new");
  g_autofree char *title = context->id != NULL ? g_strdup_printf (_("Edit %s"), name) : g_strdup (_("A new service"));

  sp_hub_manage_begin (page, title, problems);
  g_string_append_printf (page->html, "<p>%s</p>\n",
                          _("Change what is out of date, then save. The directory’s editor checks each change before "
                            "the public sees it."));
  sp_hub_manage_open_form (page, action);
  if (hash != NULL)
    {
      g_string_append (page->html, "<input type=\"hidden\" name=\"version\" value=\"");
      sp_hub_manage_append_escaped (page, hash);
      g_string_append (page->html, "\">\n");
    }
  if (context->id == NULL && sp_hub_manage_actor (context)->organization_id == NULL)
    {
      g_autoptr (GPtrArray) choices = sp_hub_manage_organization_choices (context);

      sp_hub_manage_append_organization_select (page, "organization", _("The organisation that runs it"),
                                                _("Choose an organisation"), choices,
                                                g_hash_table_lookup (context->request->form, "organization"), problems);
    }
  append_fields (page, values, terms, problems);
  sp_hub_manage_close_form (page, _("Save for the editor to check"));
  return sp_hub_manage_finish (page, status);
}

static JsonObject *
parse_object (const char *json,
              GError    **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, json, -1, error))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_FAILED, "A service is not a JSON object.");
      return NULL;
    }
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static char *
object_to_json (JsonObject *object)
{
  g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return json_to_string (node, FALSE);
}

/* The core's per-field problems beside the form's fields. */
static void
add_core_problems (GPtrArray *problems,
                   GError    *error)
{
  GPtrArray *found = sp_listings_error_get_problems (error);

  for (guint i = 0; found != NULL && i < found->len; i++)
    {
      SpFieldProblem *problem = found->pdata[i];

      sp_hub_manage_add_problem (problems, sp_hub_manage_form_field_for (problem->field), problem->message);
    }
}

/* Whose a new service is: a member's own organisation's, whatever the form says; for an
 * editor, the organisation the form names. */
static const char *
new_service_organization (SpHubManageContext *context)
{
  const SpAccount *actor = sp_hub_manage_actor (context);
  const char *named = g_hash_table_lookup (context->request->form, "organization");

  if (actor->organization_id != NULL)
    return actor->organization_id;
  return named != NULL && *named != '\0' ? named : NULL;
}

/* A new service: a document of its own. */
static JsonObject *
new_service (SpHubManageContext *context)
{
  JsonObject *service = json_object_new ();
  g_autofree char *id = g_uuid_string_random ();
  const char *organization = new_service_organization (context);

  json_object_set_string_member (service, "id", id);
  json_object_set_string_member (service, "status", "active");
  if (organization != NULL)
    json_object_set_string_member (service, "organization_id", organization);
  return service;
}

/* Sends the form: the document proposed, or the page again with what is wrong. */
static SpHubResponse *
save (SpHubManageContext *context,
      JsonObject         *service,
      const char         *name,
      const char         *hash,
      GPtrArray          *terms,
      GError            **error)
{
  GHashTable *form = context->request->form;
  const char *version = g_hash_table_lookup (form, "version");
  g_autoptr (GPtrArray) problems = sp_hub_manage_problems_new ();
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GDate) today = g_date_new_dmy (g_date_time_get_day_of_month (context->request->now),
                                            g_date_time_get_month (context->request->now),
                                            g_date_time_get_year (context->request->now));
  g_autofree char *json = NULL;
  g_autofree char *location = NULL;
  const SpAccount *actor = sp_hub_manage_actor (context);
  gint64 change;
  SpHubResponse *response;

  if (context->id == NULL && actor->organization_id == NULL)
    {
      /* The editor's picker: an id not in the directory is refused beside it. */
      g_autoptr (GPtrArray) choices = sp_hub_manage_organization_choices (context);

      if (!sp_hub_manage_organization_known (choices, g_hash_table_lookup (form, "organization")))
        sp_hub_manage_add_problem (problems, "organization", _("There is no organisation with this id in the directory"));
    }
  sp_hub_manage_form_apply (service, form, today, terms,
                            sp_directory_get_store (sp_listings_get_directory (context->listings)), problems);
  json = object_to_json (service);
  if (problems->len > 0)
    {
      /* Every problem at once: the import's rules on the rest of the form too. */
      g_autoptr (GPtrArray) others = sp_listings_check_document (context->listings, json, NULL);

      for (guint i = 0; others != NULL && i < others->len; i++)
        {
          SpFieldProblem *problem = others->pdata[i];
          const char *field = sp_hub_manage_form_field_for (problem->field);

          if (!g_str_equal (field, "schedule"))
            sp_hub_manage_add_problem (problems, field, problem->message);
        }
      return edit_page (context, name, version != NULL ? version : hash, form, terms, problems, 200);
    }
  if (context->id == NULL)
    change = sp_listings_propose_new (context->listings, actor, new_service_organization (context), json, &local_error);
  else if (g_hash_table_contains (form, "closed"))
    change = sp_listings_propose_close (context->listings, actor, context->id, version, &local_error);
  else
    change = sp_listings_propose_edit (context->listings, actor, context->id, version, json, &local_error);
  if (change == 0)
    {
      if (g_error_matches (local_error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_INVALID))
        {
          add_core_problems (problems, local_error);
          if (problems->len == 0)
            sp_hub_manage_add_problem (problems, "name", local_error->message);
          return edit_page (context, name, version != NULL ? version : hash, form, terms, problems, 200);
        }
      if ((response = sp_hub_manage_refused (context, local_error)) == NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return response;
    }
  /* To the change itself: what the editor will see, and that it waits. */
  location = g_strdup_printf ("/manage/changes/%" G_GINT64_FORMAT "?done=saved", change);
  return sp_hub_manage_redirect (location);
}

SpHubResponse *
sp_hub_manage_edit (SpHubManageContext *context,
                    GError            **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (JsonObject) service = NULL;
  g_autoptr (GHashTable) values = NULL;
  g_autofree char *json = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;
  g_autoptr (GPtrArray) terms = NULL;
  SpHubResponse *response;

  if ((terms = sp_hub_manage_categories_list (context->listings, error)) == NULL)
    return NULL;
  if (context->id == NULL)
    {
      service = new_service (context);
    }
  else
    {
      /* Read as the signed-in account: the core refuses another group's service. */
      json = sp_listings_get_service_json (context->listings, sp_hub_manage_actor (context), context->id, &hash,
                                           &local_error);
      if (json == NULL || (service = parse_object (json, &local_error)) == NULL)
        {
          if ((response = sp_hub_manage_refused (context, local_error)) == NULL)
            g_propagate_error (error, g_steal_pointer (&local_error));
          return response;
        }
      name = g_strdup (json_object_get_string_member_with_default (service, "name", ""));
    }
  if (context->request->post)
    return save (context, service, name, hash, terms, error);
  values = sp_hub_manage_form_from_service (service);
  return edit_page (context, name, hash, values, terms, NULL, 200);
}
