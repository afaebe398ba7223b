/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-test-manage-fixture.h: a hub with an editor and a member of each of two groups (sp-test-manage-fixture.c). */
#pragma once

#include "sp-listings.h"
#include "sp-test-hub.h"
#include "sp-test-manage.h"

G_BEGIN_DECLS

#define GROUP_A "1dd5c06e-1e43-58ce-a937-3a2c1877dc92"
#define GROUP_B "451ff7e4-c44c-556e-859c-72702f29b573"
/* Group A's: checked 9 February 2026 (due a review), its first session "10:00". */
#define CLINIC "f781c303-fe4e-58ba-9d62-abc6f61021ac"
#define CLINIC_EDIT "/manage/services/" CLINIC "/edit"
/* Group B's. */
#define CAFE "1c63994a-12ec-5ae3-8d9f-0e240b4ba821"
#define CAFE_EDIT "/manage/services/" CAFE "/edit"

#define EDITOR "editor@example.org"
#define MEMBER_A "a@memorymatters.example.org"
#define MEMBER_B "b@bilstoncafe.example.org"
#define PASSPHRASE "correct horse battery staple"

typedef struct
{
  SpTestHubFixture hub;
  SpDirectory *directory;
  SpListings *listings;
} SpTestManageFixture;

void            sp_test_manage_fixture_set_up     (SpTestManageFixture   *f,
                                                   gconstpointer         data);
void            sp_test_manage_fixture_tear_down  (SpTestManageFixture   *f,
                                                   gconstpointer         data);
guint           sp_test_manage_count_of           (const char            *text,
                                                   const char            *needle);
SpTestBrowser  *sp_test_manage_signed_in          (SpTestManageFixture   *f,
                                                   const char            *email);
JsonObject     *sp_test_manage_public_service     (SpTestManageFixture   *f,
                                                   const char            *id);
char           *sp_test_manage_public_description (SpTestManageFixture   *f,
                                                   const char            *id);
gboolean        sp_test_manage_has_session_at     (SpTestManageFixture   *f,
                                                   const char            *id,
                                                   const char            *time);
guint           sp_test_manage_pending_changes    (SpTestManageFixture   *f);
guint           sp_test_manage_edit_first_session (SpTestBrowser         *browser,
                                                   const char            *path,
                                                   const char            *time);
char           *sp_test_manage_newest_change      (SpTestBrowser         *editor);
guint           sp_test_manage_decide             (SpTestBrowser         *editor,
                                                   const char            *change,
                                                   const char            *decision,
                                                   const char            *note);

G_END_DECLS
