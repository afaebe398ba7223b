/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-listings-freshness.c: which listings are due a review, how fresh the directory is, and
 * the contacts of the groups to ask.
 *
 * A service's checked date is what sp_service_get_checked_date() reads: its assured date,
 * else the date of its last modification. Due a review after SP_LISTINGS_REVIEW_MONTHS;
 * the public sees "may be out of date" after twice that.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sp-listings-private.h"

#define CHECKED "coalesce(s.assured_date, substr(s.last_modified, 1, 10))"
#define SUMMARY_COLUMNS \
  "s.id, s.name, s.status, s.organization_id, o.name, " CHECKED ", " CHECKED " IS NULL OR " CHECKED " < ?1, " \
  "(SELECT count(*) FROM listing_change c WHERE c.service_id = s.id AND c.status = 'pending')"
#define SUMMARY_FROM " FROM service s LEFT JOIN organization o ON o.id = s.organization_id "
/* The most rows an editor's list of every organisation's services holds. */
#define MAX_LISTED 2000

/* @months before @today (today when %NULL), as YYYY-MM-DD. */
static char *
months_before (GDate *today,
               guint  months)
{
  GDate date;
  char text[16];

  if (today != NULL)
    date = *today;
  else
    {
      g_date_clear (&date, 1);
      g_date_set_time_t (&date, time (NULL));
    }
  g_date_subtract_months (&date, months);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
  return g_strdup (text);
}

static GPtrArray *
collect_summaries (SpStoreStatement *stmt,
                   GError          **error)
{
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_listing_summary_free);
  SpStoreStep step;

  while ((step = sp_store_statement_step (stmt, error)) == SP_STORE_STEP_ROW)
    {
      SpListingSummary *s = g_new0 (SpListingSummary, 1);

      s->service_id = sp_store_statement_dup_text (stmt, 0);
      s->name = sp_store_statement_dup_text (stmt, 1);
      s->status = sp_store_statement_dup_text (stmt, 2);
      s->organization_id = sp_store_statement_dup_text (stmt, 3);
      s->organization_name = sp_store_statement_dup_text (stmt, 4);
      s->checked_date = sp_store_statement_dup_text (stmt, 5);
      s->due_review = sp_store_statement_get_int64 (stmt, 6) != 0;
      s->pending = (guint) sp_store_statement_get_int64 (stmt, 7);
      g_ptr_array_add (list, s);
    }
  sp_store_statement_reset (stmt);
  return step == SP_STORE_STEP_DONE ? g_steal_pointer (&list) : NULL;
}

/* The services of @organization_id, or (%NULL) every one due a review, oldest first. */
static GPtrArray *
list_summaries (SpListings *self,
                const char *organization_id,
                gboolean    due_only,
                GDate      *today,
                GError    **error)
{
  g_autofree char *due_before = months_before (today, SP_LISTINGS_REVIEW_MONTHS);
#define DUE_ONLY "(NOT ?3 OR ((" CHECKED " IS NULL OR " CHECKED " < ?1) AND s.status <> 'defunct')) "
  /* Two statements: one organisation's services are found by its index (a member's page
   * at 100 000 services), not by reading them all. */
  SpStoreStatement *stmt = organization_id != NULL
    ? sp_store_statement_cached (sp_listings_store (self),
        "SELECT " SUMMARY_COLUMNS SUMMARY_FROM "WHERE s.organization_id = ?2 AND " DUE_ONLY
        "ORDER BY " CHECKED ", s.name LIMIT ?4", N_("listing services"), error)
    : sp_store_statement_cached (sp_listings_store (self),
        "SELECT " SUMMARY_COLUMNS SUMMARY_FROM "WHERE ?2 IS NULL AND " DUE_ONLY
        "ORDER BY " CHECKED ", s.name LIMIT ?4", N_("listing services"), error);
#undef DUE_ONLY

  if (stmt == NULL)
    return NULL;
  sp_store_statement_bind_text (stmt, 1, due_before);
  sp_store_statement_bind_text (stmt, 2, organization_id);
  sp_store_statement_bind_int64 (stmt, 3, due_only);
  sp_store_statement_bind_int64 (stmt, 4, MAX_LISTED);
  return collect_summaries (stmt, error);
}

/* FALSE with _FORBIDDEN unless @actor may see @organization_id's services. */
static gboolean
may_see_organization (const SpAccount *actor,
                      const char      *organization_id,
                      GError         **error)
{
  if (actor != NULL && !actor->disabled &&
      (actor->role == SP_ACCOUNT_ROLE_EDITOR || g_strcmp0 (organization_id, actor->organization_id) == 0))
    return TRUE;
  g_set_error_literal (error, SP_LISTINGS_ERROR, SP_LISTINGS_ERROR_FORBIDDEN,
                       _("These services belong to another organisation; you may not see them."));
  return FALSE;
}

/**
 * sp_listings_list_services:
 * @organization_id: (nullable): for an editor, whose services; %NULL: a member's own
 *   organisation's, or for an editor every service due a review
 *
 * Returns: (transfer full) (element-type SpListingSummary): or %NULL with @error set
 */
GPtrArray *
sp_listings_list_services (SpListings      *self,
                           const SpAccount *actor,
                           const char      *organization_id,
                           GError         **error)
{
  g_return_val_if_fail (SP_IS_LISTINGS (self), NULL);
  if (actor != NULL && actor->role == SP_ACCOUNT_ROLE_MEMBER && organization_id == NULL)
    organization_id = actor->organization_id;
  if (!may_see_organization (actor, organization_id, error))
    return NULL;
  return list_summaries (self, organization_id, organization_id == NULL, NULL, error);
}

/**
 * sp_listings_list_due_review:
 * @today: (nullable): the day to count from; today when %NULL
 *
 * Returns: (transfer full) (element-type SpListingSummary): a member's own organisation's
 *   services due a review, or every one for an editor (at most 2000), oldest first
 */
GPtrArray *
sp_listings_list_due_review (SpListings      *self,
                             const SpAccount *actor,
                             GDate           *today,
                             GError         **error)
{
  const char *organization_id;

  g_return_val_if_fail (SP_IS_LISTINGS (self), NULL);
  organization_id = actor != NULL && actor->role == SP_ACCOUNT_ROLE_MEMBER ? actor->organization_id : NULL;
  if (!may_see_organization (actor, organization_id, error))
    return NULL;
  return list_summaries (self, organization_id, TRUE, today, error);
}

/**
 * sp_listings_get_freshness:
 * @today: (nullable): the day to count from; today when %NULL
 *
 * Counts the services not closed (status other than defunct) and those checked within 6
 * and within 12 months.
 */
gboolean
sp_listings_get_freshness (SpListings      *self,
                           const SpAccount *actor,
                           GDate           *today,
                           SpFreshness     *freshness,
                           GError         **error)
{
  g_autofree char *six = months_before (today, 6);
  g_autofree char *twelve = months_before (today, 12);
  SpStoreStatement *stmt;
  SpStoreStep step;

  g_return_val_if_fail (SP_IS_LISTINGS (self), FALSE);
  g_return_val_if_fail (freshness != NULL, FALSE);
  memset (freshness, 0, sizeof *freshness);
  if (!sp_listings_require_editor (actor, error))
    return FALSE;
  stmt = sp_store_statement_cached (sp_listings_store (self),
    "SELECT count(*), coalesce(sum(" CHECKED " >= ?1), 0), coalesce(sum(" CHECKED " >= ?2), 0) "
    "FROM service s WHERE s.status <> 'defunct'", N_("counting fresh listings"), error);
  if (stmt == NULL)
    return FALSE;
  sp_store_statement_bind_text (stmt, 1, six);
  sp_store_statement_bind_text (stmt, 2, twelve);
  if ((step = sp_store_statement_step (stmt, error)) == SP_STORE_STEP_ROW)
    {
      freshness->services = (guint) sp_store_statement_get_int64 (stmt, 0);
      freshness->within_6_months = (guint) sp_store_statement_get_int64 (stmt, 1);
      freshness->within_12_months = (guint) sp_store_statement_get_int64 (stmt, 2);
    }
  sp_store_statement_reset (stmt);
  return step == SP_STORE_STEP_ROW;
}

/* One CSV field (RFC 4180), with a leading = + - @ defused so a spreadsheet shows it as text. */
static void
append_csv_field (GString    *csv,
                  const char *value,
                  gboolean    last)
{
  const char *text = value != NULL ? value : "";

  g_string_append_c (csv, '"');
  if (strchr ("=+-@\t\r", text[0]) != NULL && text[0] != '\0')
    g_string_append_c (csv, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  g_string_append (csv, last ? "\"\r\n" : "\",");
}

/**
 * sp_listings_export_due_review_csv:
 * @today: (nullable): the day to count from; today when %NULL
 *
 * Returns: (transfer full): one row per organisation with services due a review: its
 *   name, email, website, phone, its members' emails, how many are due and the oldest
 *   checked date; or %NULL with @error set
 */
char *
sp_listings_export_due_review_csv (SpListings      *self,
                                   const SpAccount *actor,
                                   GDate           *today,
                                   GError         **error)
{
  g_autofree char *due_before = months_before (today, SP_LISTINGS_REVIEW_MONTHS);
  g_autoptr (GString) csv = g_string_new (NULL);
  SpStoreStatement *stmt;
  SpStoreStep step;

  g_return_val_if_fail (SP_IS_LISTINGS (self), NULL);
  if (!sp_listings_require_editor (actor, error))
    return NULL;
  stmt = sp_store_statement_cached (sp_listings_store (self),
    "SELECT o.id, o.name, o.email, o.website, "
    "(SELECT p.number FROM phone p WHERE p.organization_id = o.id ORDER BY p.id LIMIT 1), "
    "(SELECT group_concat(a.email, ' ') FROM hub_account a WHERE a.organization_id = o.id AND NOT a.disabled), "
    "count(*), min(" CHECKED ") "
    "FROM service s JOIN organization o ON o.id = s.organization_id "
    "WHERE s.status <> 'defunct' AND (" CHECKED " IS NULL OR " CHECKED " < ?1) "
    "GROUP BY o.id ORDER BY o.name", N_("listing groups due a review"), error);
  if (stmt == NULL)
    return NULL;
  sp_store_statement_bind_text (stmt, 1, due_before);
  g_string_append (csv, "organization_id,organization,email,website,phone,member_emails,services_due,"
                        "oldest_checked\r\n");
  while ((step = sp_store_statement_step (stmt, error)) == SP_STORE_STEP_ROW)
    for (int column = 0; column < 8; column++)
      append_csv_field (csv, sp_store_statement_get_text (stmt, column), column == 7);
  sp_store_statement_reset (stmt);
  if (step != SP_STORE_STEP_DONE)
    return NULL;
  return g_string_free (g_steal_pointer (&csv), FALSE);
}
