/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-place.h: a home location typed as a place, a postcode or coordinates, found in the directory. */
#pragma once

#include <glib.h>

#include "sp-store.h"

G_BEGIN_DECLS

#define SP_PLACE_ERROR (sp_place_error_quark ())
GQuark sp_place_error_quark (void);

typedef enum
{
  SP_PLACE_ERROR_EMPTY,       /* nothing typed */
  SP_PLACE_ERROR_INVALID,     /* too long, unreadable, or coordinates off the Earth */
  SP_PLACE_ERROR_NOT_FOUND,   /* no place of that name or postcode in the directory */
} SpPlaceError;

/* Where a person is, as far as distances go. */
typedef struct
{
  char *label;        /* for display: "WV6", "Tettenhall", "52.586, -2.129" */
  double latitude;    /* degrees, WGS 84 */
  double longitude;
} SpPlace;

gboolean sp_place_lookup (SpStore     *store,
                          const char  *text,
                          SpPlace     *place,
                          GError     **error);
void     sp_place_clear  (SpPlace     *place);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SpPlace, sp_place_clear)

G_END_DECLS
