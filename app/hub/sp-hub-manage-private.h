/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-manage-private.h: what the files of the /manage/ pages (sp-hub-manage*.c) share. */
#pragma once

#include <json-glib/json-glib.h>

#include "sp-hub-manage.h"
#include "sp-listings.h"

G_BEGIN_DECLS

/* What a page says is wrong with one field of its form. */
typedef struct
{
  char *field;     /* the input's id and name */
  char *message;   /* what to do about it, in words */
} SpHubManageProblem;

/* A page being written: its markup, and what the frame around it needs. */
typedef struct
{
  GString *html;
  char *directory;          /* the directory's name */
  const char *csrf;         /* (nullable) the token every form carries */
  const char *signed_in;    /* (nullable) who is signed in, for the header */
  gboolean editor;          /* the editor's links in the header */
} SpHubManagePage;

typedef enum
{
  SP_HUB_MANAGE_ROUTE_NONE,
  SP_HUB_MANAGE_ROUTE_SIGN_IN,        /* /manage/sign-in */
  SP_HUB_MANAGE_ROUTE_SIGN_OUT,       /* POST /manage/sign-out */
  SP_HUB_MANAGE_ROUTE_LISTINGS,       /* /manage/: the account's listings */
  SP_HUB_MANAGE_ROUTE_EDIT,           /* /manage/services/{id}/edit */
  SP_HUB_MANAGE_ROUTE_CONFIRM,        /* POST /manage/services/{id}/confirm */
  SP_HUB_MANAGE_ROUTE_NEW,            /* /manage/services/new */
  SP_HUB_MANAGE_ROUTE_CHANGES,        /* /manage/changes */
  SP_HUB_MANAGE_ROUTE_CHANGE,         /* /manage/changes/{id} */
  SP_HUB_MANAGE_ROUTE_HISTORY,        /* /manage/services/{id}/history */
  SP_HUB_MANAGE_ROUTE_FRESHNESS,      /* /manage/freshness */
  SP_HUB_MANAGE_ROUTE_FRESHNESS_CSV,  /* /manage/freshness/contacts.csv */
  SP_HUB_MANAGE_ROUTE_MEMBERS,        /* /manage/members */
  SP_HUB_MANAGE_ROUTE_JOIN,           /* /manage/join/{token} */
} SpHubManageRoute;

/* One request being answered: who asked (read from the session cookie alone), and the
 * page being written. */
typedef struct
{
  SpHubWorker *worker;
  SpHubManageRequest *request;
  SpHubManageRoute route;
  char *id;                  /* (nullable) the {id} or {token} of the path */
  char *csrf;                /* (nullable) the token this session's forms carry */
  SpListings *listings;      /* (unowned) the worker's */
  SpSession *session;        /* (nullable) the signed-in session */
  SpHubManagePage page;
} SpHubManageContext;

const char    *sp_hub_manage_session_cookie     (gboolean secure);
const char    *sp_hub_manage_pre_session_cookie (gboolean secure);
char          *sp_hub_manage_cookie             (const char *name,
                                                 const char *value,
                                                 gboolean    secure,
                                                 gint64      max_age);

char          *sp_hub_manage_new_pre_session    (void);
char          *sp_hub_manage_pre_session_token  (const char *pre_session);
gboolean       sp_hub_manage_pre_session_token_matches (const char *pre_session,
                                                 const char *token);

void           sp_hub_manage_begin              (SpHubManagePage *page,
                                                 const char      *title,
                                                 GPtrArray       *problems);
SpHubResponse *sp_hub_manage_finish             (SpHubManagePage *page,
                                                 guint            status);
SpHubResponse *sp_hub_manage_redirect           (const char      *location);
void           sp_hub_manage_append_escaped     (SpHubManagePage *page,
                                                 const char      *text);
void           sp_hub_manage_append_notice      (SpHubManagePage *page,
                                                 const char      *text);
void           sp_hub_manage_open_form          (SpHubManagePage *page,
                                                 const char      *action);
void           sp_hub_manage_close_form         (SpHubManagePage *page,
                                                 const char      *button);
void           sp_hub_manage_append_field       (SpHubManagePage *page,
                                                 const char      *name,
                                                 const char      *label,
                                                 const char      *hint,
                                                 const char      *type,
                                                 const char      *value,
                                                 GPtrArray       *problems);
void           sp_hub_manage_append_organization_select (SpHubManagePage *page,
                                                         const char      *name,
                                                         const char      *label,
                                                         const char      *none,
                                                         GPtrArray       *choices,
                                                         const char      *value,
                                                         GPtrArray       *problems);
void           sp_hub_manage_append_text_area   (SpHubManagePage *page,
                                                 const char      *name,
                                                 const char      *label,
                                                 const char      *hint,
                                                 const char      *value,
                                                 guint            rows,
                                                 GPtrArray       *problems);
void           sp_hub_manage_append_button_form (SpHubManagePage *page,
                                                 const char      *action,
                                                 const char      *button,
                                                 const char      *class);
void           sp_hub_manage_page_clear         (SpHubManagePage *page);

GPtrArray     *sp_hub_manage_problems_new       (void);
void           sp_hub_manage_add_problem        (GPtrArray       *problems,
                                                 const char      *field,
                                                 const char      *message);

/* sp-hub-manage.c */
gboolean       sp_hub_manage_context_read_session (SpHubManageContext *context,
                                                 GError            **error);
SpHubResponse *sp_hub_manage_not_found          (SpHubManageContext *context);
SpHubResponse *sp_hub_manage_forbidden          (SpHubManageContext *context,
                                                 const char         *why);
SpHubResponse *sp_hub_manage_refused            (SpHubManageContext *context,
                                                 GError             *error);
gboolean       sp_hub_manage_is_editor          (SpHubManageContext *context);
GPtrArray     *sp_hub_manage_organization_choices (SpHubManageContext *context);
gboolean       sp_hub_manage_organization_known (GPtrArray          *choices,
                                                 const char         *id);
const SpAccount *sp_hub_manage_actor            (SpHubManageContext *context);
const char    *sp_hub_manage_done               (SpHubManageContext *context);

/* The pages: each answers its route, GET and POST (sp-hub-manage-account.c, -listings.c,
 * -edit.c, -changes.c, -editor.c). */
SpHubResponse *sp_hub_manage_sign_in            (SpHubManageContext *context,
                                                 GError            **error);
SpHubResponse *sp_hub_manage_sign_out           (SpHubManageContext *context,
                                                 GError            **error);
SpHubResponse *sp_hub_manage_join               (SpHubManageContext *context,
                                                 GError            **error);
SpHubResponse *sp_hub_manage_listings           (SpHubManageContext *context,
                                                 GError            **error);
SpHubResponse *sp_hub_manage_confirm            (SpHubManageContext *context,
                                                 GError            **error);
SpHubResponse *sp_hub_manage_edit               (SpHubManageContext *context,
                                                 GError            **error);
SpHubResponse *sp_hub_manage_changes            (SpHubManageContext *context,
                                                 GError            **error);
SpHubResponse *sp_hub_manage_change             (SpHubManageContext *context,
                                                 GError            **error);
SpHubResponse *sp_hub_manage_history            (SpHubManageContext *context,
                                                 GError            **error);
SpHubResponse *sp_hub_manage_freshness          (SpHubManageContext *context,
                                                 GError            **error);
SpHubResponse *sp_hub_manage_members            (SpHubManageContext *context,
                                                 GError            **error);

/* sp-hub-manage-form.c */
GHashTable    *sp_hub_manage_form_from_service  (JsonObject *service);
void           sp_hub_manage_form_apply         (JsonObject *service,
                                                 GHashTable *form,
                                                 GDate      *today,
                                                 GPtrArray  *terms,
                                                 SpStore    *store,
                                                 GPtrArray  *problems);
const char    *sp_hub_manage_form_field_for     (const char *path);
char          *sp_hub_manage_form_place_field   (const char *name,
                                                 guint       index);

/* sp-hub-manage-categories.c */
GPtrArray     *sp_hub_manage_categories_list    (SpListings      *listings,
                                                 GError         **error);
void           sp_hub_manage_categories_to_form (JsonObject      *service,
                                                 GHashTable      *form);
void           sp_hub_manage_categories_apply   (JsonObject      *service,
                                                 GHashTable      *form,
                                                 GPtrArray       *terms,
                                                 GPtrArray       *problems);
void           sp_hub_manage_categories_append_difference (SpHubManagePage *page,
                                                           GPtrArray       *terms,
                                                           const char      *before_json,
                                                           const char      *after_json);
void           sp_hub_manage_categories_append  (SpHubManagePage *page,
                                                 GPtrArray       *terms,
                                                 GHashTable      *values,
                                                 GPtrArray       *problems);

G_END_DECLS
