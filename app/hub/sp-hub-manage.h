/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-manage.h: the /manage/ pages, where voluntary groups keep their listings current and the editor moderates. */
#pragma once

#include <libsoup/soup.h>

#include "sp-hub-request.h"
#include "sp-hub-worker.h"

G_BEGIN_DECLS

/* A form's body is refused above this. */
#define SP_HUB_MANAGE_MAX_FORM_BYTES (64 * 1024)
/* …and a form with more fields than this. */
#define SP_HUB_MANAGE_MAX_FORM_FIELDS 200

/* A /manage/ request as a worker sees it: copied from the message in the server's thread. */
typedef struct
{
  gboolean post;            /* POST (else GET or HEAD) */
  char *path;               /* "/manage/services/ID/edit" */
  GHashTable *form;         /* name -> value: the POST body's fields, or the query's for a GET */
  char *session;            /* (nullable) the session cookie's value */
  char *pre_session;        /* (nullable) the cookie a form before sign-in is tied to */
  char *remote;             /* (nullable) the client's address */
  gboolean secure;          /* served over TLS (or behind a proxy that is): cookies are Secure */
  GDateTime *now;
  const char *store_path;   /* the store a worker opens */
} SpHubManageRequest;

void           sp_hub_manage_request_free (SpHubManageRequest *request);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpHubManageRequest, sp_hub_manage_request_free)

gboolean       sp_hub_manage_is_path      (const char         *path);
SpHubResponse *sp_hub_manage_check_headers (SoupServerMessage *message);
SpHubResponse *sp_hub_manage_read_request (SoupServerMessage  *message,
                                           const char         *path,
                                           gboolean            secure,
                                           const char         *remote,
                                           SpHubManageRequest **request);
SpHubResponse *sp_hub_manage_answer       (SpHubWorker        *worker,
                                           SpHubManageRequest *request,
                                           GError            **error);

G_END_DECLS
