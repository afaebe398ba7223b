/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-test-hub.h: the real signpost-hub on a free loopback port, and HTTP to it, for tests and benchmarks. */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct
{
  GSubprocess *process;
  char *url;            /* "http://127.0.0.1:PORT" */
  char *log_path;       /* its stderr: the access log */
  char *cache_dir;
} SpTestHub;

typedef struct
{
  guint status;
  SoupMessageHeaders *headers;
  GBytes *body;         /* as sent: still gzipped if it was */
} SpTestResponse;

SpTestHub      *sp_test_hub_start          (const char   *data_dir,
                                            const char   *first_arg,
                                            ...);
int             sp_test_hub_stop           (SpTestHub    *hub);
void            sp_test_hub_free           (SpTestHub    *hub);
guint           sp_test_hub_count_requests (SpTestHub    *hub,
                                            const char   *path);
guint           sp_test_hub_wait_for_requests (SpTestHub *hub,
                                            const char   *path,
                                            guint         n);
char           *sp_test_hub_read_log       (SpTestHub    *hub);

SpTestResponse *sp_test_http_get           (SoupSession  *session,
                                            const char   *url,
                                            const char   *first_header,
                                            ...);
void            sp_test_response_free      (SpTestResponse *response);
const char     *sp_test_response_header    (SpTestResponse *response,
                                            const char     *name);
char           *sp_test_response_text      (SpTestResponse *response);
SoupSession    *sp_test_http_session       (void);
GBytes         *sp_test_gunzip             (GBytes       *zipped);
char           *sp_test_http_raw           (const char   *url,
                                            const char   *request,
                                            gsize         length,
                                            guint        *status);

/* A test case's own data folder holding the sample directory, and a hub serving it. */
typedef struct
{
  char *dir;
  char *data_dir;
  SpTestHub *hub;
  SoupSession *session;
  GPtrArray *to_validate;   /* "KIND=FILE" for sp_test_oruk_check() */
} SpTestHubFixture;

void            sp_test_hub_fixture_set_up    (SpTestHubFixture *f,
                                               gconstpointer     data);
void            sp_test_hub_fixture_tear_down (SpTestHubFixture *f,
                                               gconstpointer     data);
SpTestResponse *sp_test_hub_get               (SpTestHubFixture *f,
                                               const char       *path_and_query,
                                               const char       *first_header,
                                               ...);
JsonNode       *sp_test_hub_get_json          (SpTestHubFixture *f,
                                               const char       *path_and_query,
                                               guint             status);
void            sp_test_hub_import            (SpTestHubFixture *f,
                                               const char       *json);
void            sp_test_oruk_validate         (SpTestHubFixture *f,
                                               const char       *kind,
                                               JsonNode         *answer);
void            sp_test_oruk_check            (SpTestHubFixture *f);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpTestHub, sp_test_hub_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpTestResponse, sp_test_response_free)

G_END_DECLS
