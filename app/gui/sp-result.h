/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-result.h: one search result, as the result list shows it. */
#pragma once

#include <glib-object.h>

#include "sp-search-index.h"

G_BEGIN_DECLS

#define SP_TYPE_RESULT (sp_result_get_type ())
G_DECLARE_FINAL_TYPE (SpResult, sp_result, SP, RESULT, GObject)

SpResult           *sp_result_new_from_hit      (const SpSearchHit *hit);
void                sp_result_set_hit           (SpResult          *self,
                                                 const SpSearchHit *hit);
SpResult           *sp_result_new               (const char        *id,
                                                 const char        *name,
                                                 const char        *organization);
const char         *sp_result_get_id            (SpResult *self);
const char         *sp_result_get_name          (SpResult *self);
const char         *sp_result_get_organization  (SpResult *self);
const char         *sp_result_get_snippet       (SpResult *self);
double              sp_result_get_distance      (SpResult *self);
gboolean            sp_result_get_free          (SpResult *self);
gboolean            sp_result_get_wheelchair    (SpResult *self);
const char * const *sp_result_get_languages     (SpResult *self);

G_END_DECLS
