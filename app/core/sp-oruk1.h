/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-oruk1.h: reshaping Open Referral UK 1.0 services into HSDS 3.0 shape. */
#pragma once

#include <json-glib/json-glib.h>

#include "sp-import.h"

G_BEGIN_DECLS

/* The taxonomies of the categories made from v1's fixed-list fields; a term's
 * id depends only on the taxonomy and the value, so every service shares it. */
#define SP_ORUK1_TAXONOMY_DELIVERABLE_TYPE "oruk1-deliverable-type"
#define SP_ORUK1_TAXONOMY_ATTENDING_TYPE   "oruk1-attending-type"
#define SP_ORUK1_TAXONOMY_ATTENDING_ACCESS "oruk1-attending-access"
#define SP_ORUK1_TAXONOMY_TARGET_AUDIENCE  "oruk1-target-audience"

gboolean    sp_oruk1_looks_like_service (JsonObject       *object);
gboolean    sp_oruk1_is_page            (JsonObject       *object);
JsonObject *sp_oruk1_service_to_hsds3   (JsonObject       *v1,
                                         SpImportWarnFunc  warn,
                                         gpointer          user_data);

G_END_DECLS
