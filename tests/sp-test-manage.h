/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-test-manage.h: a plain browser for the hub's /manage/ pages in tests: its cookies, its forms, its page loads. */
#pragma once

#include "sp-test-hub.h"

G_BEGIN_DECLS

/* One person's browser: the cookies it holds, the last page it loaded. */
typedef struct
{
  SoupSession *session;
  char *base;            /* the hub's URL */
  GHashTable *cookies;   /* name -> value */
  guint status;          /* of the last page */
  char *page;            /* the last page's body */
  char *location;        /* where the last page was, after redirects */
  SoupMessageHeaders *headers;
  guint page_loads;      /* pages shown to the person: a form and its redirect count once */
  guint requests;        /* HTTP requests made */
} SpTestBrowser;

SpTestBrowser *sp_test_browser_new       (const char    *base);
void           sp_test_browser_free      (SpTestBrowser *browser);
guint          sp_test_browser_get       (SpTestBrowser *browser,
                                          const char    *path);
guint          sp_test_browser_post      (SpTestBrowser *browser,
                                          const char    *path,
                                          const char    *first_field,
                                          ...) G_GNUC_NULL_TERMINATED;
guint          sp_test_browser_post_form (SpTestBrowser *browser,
                                          const char    *path,
                                          GHashTable    *form);
char          *sp_test_browser_csrf      (SpTestBrowser *browser);
GHashTable    *sp_test_browser_form_fields (SpTestBrowser *browser,
                                          const char    *action);
gboolean       sp_test_browser_shows     (SpTestBrowser *browser,
                                          const char    *text);
SpTestBrowser *sp_test_browser_sign_in   (const char    *base,
                                          const char    *email,
                                          const char    *passphrase);

char          *sp_test_hub_sync_query    (const char    *base);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpTestBrowser, sp_test_browser_free)

G_END_DECLS
