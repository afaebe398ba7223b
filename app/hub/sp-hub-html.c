/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-html.c: the hub's pages for people: a service (where the slips' QR codes lead) and search.
 *
 * A phone that scans a slip's code opens BASE/services/ID and gets this page, not JSON: what
 * the service is, when it next meets and every session in words (the app's wording,
 * sp-service-detail.c), where (with a map link), how to get in touch (tap to call), cost,
 * access, who it is for and when it was last checked. Plus a plain search over the same
 * index, so the hub is the directory's website too.
 *
 * Served from the server, with no script: one h1, landmarks, headings in order, a lang
 * attribute, text in rem so it grows with the reader's setting, one style sheet of the
 * hub's own (the Content-Security-Policy allows nothing else). Every text from the
 * directory is escaped here, whatever a feed put in it.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sp-hub-html.h"
#include "sp-hub-html-private.h"
#include "sp-search-index.h"
#include "sp-service-detail.h"
#include "sp-settings.h"

#define RESULTS_PER_PAGE 20
#define MAX_RESULT_PAGES 25
#define DEFAULT_DIRECTORY_NAME N_("Community directory")

/* Appends @text, escaped for HTML text or a quoted attribute value. */
void
sp_hub_html_append_escaped (GString    *html,
                            const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append (html, escaped);
}

/* Appends @text escaped, a line break for each newline. */
static void
append_lines (GString    *html,
              const char *text)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (html, "<br>");
      sp_hub_html_append_escaped (html, lines[i]);
    }
}

/* Appends @text escaped, a paragraph for each blank-line-separated part. */
static void
append_paragraphs (GString    *html,
                   const char *text)
{
  g_auto (GStrv) paragraphs = g_strsplit (text, "\n\n", -1);

  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (paragraphs[i]));

      if (*stripped == '\0')
        continue;
      g_string_append (html, "<p>");
      append_lines (html, stripped);
      g_string_append (html, "</p>\n");
    }
}

/* Appends <@tag class="@class">@text</@tag>, the text escaped; @class may be NULL. */
static void
append_element (GString    *html,
                const char *tag,
                const char *class,
                const char *text)
{
  if (class != NULL)
    g_string_append_printf (html, "<%s class=\"%s\">", tag, class);
  else
    g_string_append_printf (html, "<%s>", tag);
  sp_hub_html_append_escaped (html, text);
  g_string_append_printf (html, "</%s>\n", tag);
}

/* Appends a list of @items, each escaped. */
static void
append_list (GString            *html,
             const char * const *items)
{
  g_string_append (html, "<ul>\n");
  for (guint i = 0; items[i] != NULL; i++)
    append_element (html, "li", NULL, items[i]);
  g_string_append (html, "</ul>\n");
}

/* Opens a page: its head (@title, then the directory's name), the skip link. The
 * page's own header and <main> follow. */
void
sp_hub_html_begin_document (GString    *html,
                            const char *title,
                            const char *directory)
{
  g_string_append (html, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
                         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
  sp_hub_html_append_escaped (html, title);
  g_string_append (html, " – ");
  sp_hub_html_append_escaped (html, directory);
  g_string_append (html, "</title>\n<link rel=\"stylesheet\" href=\"/static/hub.css\">\n</head>\n<body>\n");
  g_string_append_printf (html, "<a class=\"skip\" href=\"#main\">%s</a>\n", _("Skip to the content"));
}

static void
begin_page (GString    *html,
            const char *title,
            const char *directory,
            const char *query)
{
  sp_hub_html_begin_document (html, title, directory);
  g_string_append (html, "<header class=\"site\">\n<p class=\"site-name\"><a href=\"/\">");
  sp_hub_html_append_escaped (html, directory);
  g_string_append (html, "</a></p>\n<form class=\"search\" role=\"search\" action=\"/find\" method=\"get\">\n");
  g_string_append_printf (html, "<label for=\"q\">%s</label>\n", _("Search the directory"));
  g_string_append (html, "<div class=\"search-row\"><input id=\"q\" name=\"q\" type=\"search\" autocomplete=\"off\" value=\"");
  sp_hub_html_append_escaped (html, query);
  g_string_append_printf (html, "\"><button type=\"submit\">%s</button></div>\n</form>\n</header>\n", _("Search"));
  g_string_append (html, "<main id=\"main\">\n");
}

/* Closes <main> and the page, with the footer every page has. */
void
sp_hub_html_end_page (GString    *html,
                      const char *directory)
{
  g_string_append (html, "</main>\n<footer class=\"site\">\n<p>");
  sp_hub_html_append_escaped (html, directory);
  g_string_append_printf (html, ". %s <a href=\"/openapi.json\">%s</a>.</p>\n</footer>\n</body>\n</html>\n",
                          _("This directory is open data:"), _("its Open Referral UK API"));
}

/* @html: (transfer full) a whole page, answered with @status. */
SpHubResponse *
sp_hub_html_page_response (guint    status,
                           GString *html)
{
  gsize length = html->len;

  return sp_hub_response_new (status, SP_HUB_HTML, g_bytes_new_take (g_string_free (html, FALSE), length));
}

/* The directory's name for pages' titles: its setting, or a general one. */
char *
sp_hub_html_directory_name (SpStore *store)
{
  g_autofree char *name = store != NULL ? sp_settings_get (store, SP_SETTING_DIRECTORY_NAME, NULL) : NULL;

  if (name == NULL || *name == '\0')
    return g_strdup (_(DEFAULT_DIRECTORY_NAME));
  return g_steal_pointer (&name);
}

/* The page for an address the hub has nothing at. */
static SpHubResponse *
not_found_page (const char *directory)
{
  GString *html = g_string_new (NULL);

  begin_page (html, _("Not found"), directory, NULL);
  g_string_append_printf (html, "<h1>%s</h1>\n<p>%s</p>\n", _("We could not find that page"),
                          _("The service may have closed or moved, or the address may be mistyped. "
                            "Search the directory above, or go to its start page."));
  sp_hub_html_end_page (html, directory);
  return sp_hub_html_page_response (404, html);
}

SpHubResponse *
sp_hub_html_not_found (SpHubRequest *request)
{
  g_autofree char *directory = sp_hub_html_directory_name (NULL);

  return not_found_page (directory);
}

/* "tel:01214960176" for "0121 496 0176": what a phone dials. */
static char *
tel_uri (const char *number)
{
  GString *uri = g_string_new ("tel:");

  for (const char *p = number; *p != '\0'; p++)
    if (g_ascii_isdigit (*p) || (*p == '+' && uri->len == 4))
      g_string_append_c (uri, *p);
  return g_string_free (uri, FALSE);
}

static void
append_section_start (GString    *html,
                      const char *id,
                      const char *heading)
{
  g_string_append_printf (html, "<section aria-labelledby=\"%s\">\n<h2 id=\"%s\">%s</h2>\n", id, id, heading);
}

static void
append_when (GString         *html,
             SpServiceDetail *detail,
             GDateTime       *now)
{
  g_autofree char *next = sp_service_detail_dup_next_session (detail, now);
  g_autofree char *sessions = sp_service_detail_dup_schedule_words (detail, now);
  g_auto (GStrv) lines = NULL;

  if (next == NULL && sessions == NULL)
    return;
  append_section_start (html, "when", _("When"));
  if (next != NULL)
    append_element (html, "p", "next", next);
  if (sessions != NULL)
    {
      lines = g_strsplit (sessions, "\n", -1);
      append_list (html, (const char * const *) lines);
    }
  g_string_append (html, "</section>\n");
}

static void
append_where (GString         *html,
              SpServiceDetail *detail)
{
  GPtrArray *places = sp_service_detail_get_places (detail);

  if (places->len == 0)
    return;
  append_section_start (html, "where", _("Where"));
  for (guint i = 0; i < places->len; i++)
    {
      SpServicePlace *place = places->pdata[i];

      g_string_append (html, "<div class=\"place\">\n");
      if (place->name != NULL)
        append_element (html, "h3", NULL, place->name);
      if (place->address_lines != NULL)
        {
          const char *lines = place->address_lines;

          /* The heading already names the place. */
          if (place->name != NULL && g_str_has_prefix (lines, place->name) && lines[strlen (place->name)] == '\n')
            lines += strlen (place->name) + 1;
          g_string_append (html, "<p class=\"address\">");
          append_lines (html, lines);
          g_string_append (html, "</p>\n");
        }
      if (place->has_coordinates)
        {
          char lat[G_ASCII_DTOSTR_BUF_SIZE], lon[G_ASCII_DTOSTR_BUF_SIZE];

          g_ascii_formatd (lat, sizeof lat, "%.5f", place->latitude);
          g_ascii_formatd (lon, sizeof lon, "%.5f", place->longitude);
          g_string_append_printf (html, "<p><a href=\"https://www.openstreetmap.org/?mlat=%s&amp;mlon=%s#map=17/%s/%s\">",
                                  lat, lon, lat, lon);
          g_string_append (html, _("Show on a map"));
          g_string_append (html, "</a></p>\n");
        }
      g_string_append (html, "</div>\n");
    }
  g_string_append (html, "</section>\n");
}

static void
append_contact (GString         *html,
                SpServiceDetail *detail)
{
  GPtrArray *phones = sp_service_detail_get_phones (detail);
  const char *email = sp_service_detail_get_email (detail);
  const char *url = sp_service_detail_get_url (detail);

  if (phones->len == 0 && email == NULL && url == NULL)
    return;
  append_section_start (html, "contact", _("How to get in touch"));
  g_string_append (html, "<ul class=\"contact\">\n");
  for (guint i = 0; i < phones->len; i++)
    {
      SpServicePhone *phone = phones->pdata[i];
      g_autofree char *tel = tel_uri (phone->number);
      gboolean text = g_strcmp0 (phone->type, "text") == 0;

      if (g_strcmp0 (phone->type, "fax") == 0)
        {
          g_string_append_printf (html, "<li>%s ", _("Fax"));
          sp_hub_html_append_escaped (html, phone->number);
        }
      else
        {
          /* A text line opens the phone's messages, any other number its dialler. */
          g_string_append_printf (html, "<li>%s <a href=\"%s", text ? _("Text") : _("Call"), text ? "sms:" : "");
          sp_hub_html_append_escaped (html, text ? tel + strlen ("tel:") : tel);
          g_string_append (html, "\">");
          sp_hub_html_append_escaped (html, phone->number);
          g_string_append (html, "</a>");
        }
      if (phone->description != NULL)
        {
          g_string_append (html, " <span class=\"note\">(");
          sp_hub_html_append_escaped (html, phone->description);
          g_string_append (html, ")</span>");
        }
      g_string_append (html, "</li>\n");
    }
  if (email != NULL)
    {
      g_string_append_printf (html, "<li>%s <a href=\"mailto:", _("Email"));
      sp_hub_html_append_escaped (html, email);
      g_string_append (html, "\">");
      sp_hub_html_append_escaped (html, email);
      g_string_append (html, "</a></li>\n");
    }
  /* Only web addresses: a feed's "javascript:" is not a link. */
  if (url != NULL && (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://")))
    {
      g_string_append_printf (html, "<li>%s <a href=\"", _("Website"));
      sp_hub_html_append_escaped (html, url);
      g_string_append (html, "\">");
      sp_hub_html_append_escaped (html, url);
      g_string_append (html, "</a></li>\n");
    }
  g_string_append (html, "</ul>\n</section>\n");
}

static void
append_list_section (GString            *html,
                     const char         *id,
                     const char         *heading,
                     const char * const *items)
{
  if (items == NULL || items[0] == NULL)
    return;
  append_section_start (html, id, heading);
  append_list (html, items);
  g_string_append (html, "</section>\n");
}

static void
append_who (GString         *html,
            SpServiceDetail *detail)
{
  const char *ages = sp_service_detail_get_age_range (detail);
  const char *eligibility = sp_service_detail_get_eligibility (detail);
  const char * const *languages = sp_service_detail_get_languages (detail);

  if (ages == NULL && eligibility == NULL && (languages == NULL || languages[0] == NULL))
    return;
  append_section_start (html, "who", _("Who it is for"));
  if (ages != NULL)
    append_element (html, "p", NULL, ages);
  if (eligibility != NULL)
    append_paragraphs (html, eligibility);
  if (languages != NULL && languages[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) languages);
      g_string_append_printf (html, "<p>%s ", _("Languages:"));
      sp_hub_html_append_escaped (html, joined);
      g_string_append (html, "</p>\n");
    }
  g_string_append (html, "</section>\n");
}

static SpHubResponse *
service_page (SpHubWorker  *worker,
              SpHubRequest *request,
              GError      **error)
{
  SpStore *store = sp_hub_worker_get_store (worker);
  g_autoptr (GError) local_error = NULL;
  g_autoptr (SpServiceDetail) detail = NULL;
  g_autofree char *directory = sp_hub_html_directory_name (store);
  g_autofree char *checked = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  const char *organization, *description, *cost;
  GString *html;

  if (!sp_store_begin_read (store, error))
    return NULL;
  detail = sp_service_detail_load (store, request->id, &local_error);
  if (detail == NULL)
    {
      sp_store_end_read (store);
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return not_found_page (directory);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  html = g_string_new (NULL);
  begin_page (html, sp_service_detail_get_name (detail), directory, NULL);
  g_string_append (html, "<article>\n<h1>");
  sp_hub_html_append_escaped (html, sp_service_detail_get_name (detail));
  g_string_append (html, "</h1>\n");
  if ((organization = sp_service_detail_get_organization_name (detail)) != NULL)
    {
      g_string_append_printf (html, "<p class=\"by\">%s ", _("Run by"));
      sp_hub_html_append_escaped (html, organization);
      g_string_append (html, "</p>\n");
    }
  if ((description = sp_service_detail_get_description (detail)) != NULL)
    {
      g_string_append (html, "<div class=\"about\">\n");
      append_paragraphs (html, description);
      g_string_append (html, "</div>\n");
    }
  append_when (html, detail, request->now);
  append_where (html, detail);
  append_contact (html, detail);
  cost = sp_service_detail_get_cost (detail);
  if (cost != NULL || sp_service_detail_get_is_free (detail))
    {
      append_section_start (html, "cost", _("Cost"));
      append_element (html, "p", NULL, cost != NULL ? cost : _("Free"));
      g_string_append (html, "</section>\n");
    }
  append_list_section (html, "access", _("Access"), sp_service_detail_get_accessibility (detail));
  append_who (html, detail);
  if (sp_service_detail_is_out_of_date (detail, now))
    {
      /* The public's warning in the same words as the app and the slips. */
      g_autofree char *notice = sp_service_detail_dup_checked_notice (detail, now);
      g_string_append (html, "<p class=\"checked warning\">");
      sp_hub_html_append_escaped (html, notice);
      g_string_append (html, "</p>\n");
    }
  else if ((checked = sp_service_detail_dup_checked_words (detail)) != NULL)
    {
      g_string_append_printf (html, "<p class=\"checked\">%s ", _("Information last checked on"));
      sp_hub_html_append_escaped (html, checked);
      g_string_append (html, ".</p>\n");
    }
  g_string_append (html, "</article>\n");
  sp_hub_html_end_page (html, directory);
  sp_store_end_read (store);
  return sp_hub_html_page_response (200, html);
}

static void
append_results (GString         *html,
                SpSearchResults *results,
                guint            first,
                guint            page,
                const char      *query)
{
  g_autofree char *escaped_query = g_uri_escape_string (query, NULL, FALSE);
  guint last = MIN (results->hits->len, first + RESULTS_PER_PAGE);

  if (results->corrected != NULL)
    {
      g_string_append_printf (html, "<p class=\"corrected\">%s ", _("Showing results for"));
      sp_hub_html_append_escaped (html, results->corrected);
      g_string_append (html, "</p>\n");
    }
  g_string_append (html, "<p class=\"count\" role=\"status\">");
  if (results->total == 0)
    g_string_append (html, _("Nothing found. Try other words, or fewer."));
  else
    g_string_append_printf (html, g_dngettext (GETTEXT_PACKAGE, "%u service found", "%u services found",
                                               results->total), results->total);
  g_string_append (html, "</p>\n");
  if (first >= last)
    return;
  g_string_append_printf (html, "<ol class=\"results\" start=\"%u\">\n", first + 1);
  for (guint i = first; i < last; i++)
    {
      SpSearchHit *hit = results->hits->pdata[i];
      GString *plain = g_string_new (NULL);
      g_autofree char *snippet = NULL;

      /* The snippet marks the words found in [brackets]: plain text here. */
      for (const char *p = hit->snippet != NULL ? hit->snippet : ""; *p != '\0'; p++)
        if (*p != '[' && *p != ']')
          g_string_append_c (plain, *p);
      snippet = g_string_free (plain, FALSE);
      g_string_append (html, "<li>\n<h2><a href=\"/services/");
      sp_hub_html_append_escaped (html, hit->id);
      g_string_append (html, "\">");
      sp_hub_html_append_escaped (html, hit->name);
      g_string_append (html, "</a></h2>\n");
      if (hit->organization != NULL && *hit->organization != '\0')
        append_element (html, "p", "by", hit->organization);
      if (*g_strstrip (snippet) != '\0')
        append_element (html, "p", NULL, snippet);
      g_string_append (html, "</li>\n");
    }
  g_string_append (html, "</ol>\n");
  if (page == 1 && !(last < results->hits->len && page < MAX_RESULT_PAGES))
    return;
  g_string_append_printf (html, "<nav class=\"pages\" aria-label=\"%s\">\n", _("More results"));
  if (page > 1)
    g_string_append_printf (html, "<a href=\"/find?q=%s&amp;page=%u\" rel=\"prev\">%s</a>\n", escaped_query, page - 1,
                            _("Previous page"));
  if (last < results->hits->len && page < MAX_RESULT_PAGES)
    g_string_append_printf (html, "<a href=\"/find?q=%s&amp;page=%u\" rel=\"next\">%s</a>\n", escaped_query, page + 1,
                            _("Next page"));
  g_string_append (html, "</nav>\n");
}

static SpHubResponse *
search_page (SpHubWorker  *worker,
             SpHubRequest *request,
             GError      **error)
{
  SpStore *store = sp_hub_worker_get_store (worker);
  const char *query = g_hash_table_lookup (request->params, "q");
  const char *page_text = g_hash_table_lookup (request->params, "page");
  guint page = page_text != NULL ? CLAMP (g_ascii_strtoull (page_text, NULL, 10), 1, MAX_RESULT_PAGES) : 1;
  g_autofree char *directory = sp_hub_html_directory_name (store);
  g_autoptr (SpSearchResults) results = NULL;
  GString *html = g_string_new (NULL);

  if (query != NULL && *query == '\0')
    query = NULL;
  if (query != NULL)
    {
      SpSearchIndex *index = sp_hub_worker_get_index (worker, request->state.seq, error);
      SpSearchQuery search = SP_SEARCH_QUERY_INIT;

      search.text = query;
      search.limit = (page + 1) * RESULTS_PER_PAGE;
      if (index == NULL || (results = sp_search_index_query (index, &search, error)) == NULL)
        {
          g_string_free (html, TRUE);
          return NULL;
        }
    }
  begin_page (html, query != NULL ? query : _("Find local support"), directory, query);
  if (query != NULL)
    {
      g_string_append_printf (html, "<h1>%s ", _("Results for"));
      sp_hub_html_append_escaped (html, query);
      g_string_append (html, "</h1>\n");
      append_results (html, results, (page - 1) * RESULTS_PER_PAGE, page, query);
    }
  else
    g_string_append_printf (html, "<h1>%s</h1>\n<p>%s</p>\n", _("Find local support"),
                            _("Type what you are looking for in everyday words — “memory café”, “help with bills”, "
                              "“lunch club Tuesday” — or a place."));
  sp_hub_html_end_page (html, directory);
  return sp_hub_html_page_response (200, html);
}

/**
 * sp_hub_html_answer:
 *
 * The page for @request: a service's (404 when there is none), or the search page (the
 * start page when nothing was searched for).
 *
 * Returns: (transfer full): the answer, or %NULL with @error set when the directory could
 *   not be read
 */
SpHubResponse *
sp_hub_html_answer (SpHubWorker  *worker,
                    SpHubRequest *request,
                    GError      **error)
{
  SpHubResponse *response;

  if (request->route == SP_HUB_ROUTE_SERVICE)
    response = service_page (worker, request, error);
  else
    response = search_page (worker, request, error);
  if (response != NULL && response->status == 200)
    {
      response->etag = g_strdup (request->etag);
      response->cacheable = TRUE;
    }
  return response;
}
