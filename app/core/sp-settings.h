/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-settings.h: the directory's own settings (its name, its public base URL), kept in the store. */
#pragma once

#include "sp-store.h"

G_BEGIN_DECLS

#define SP_SETTINGS_ERROR (sp_settings_error_quark ())
GQuark sp_settings_error_quark (void);

typedef enum
{
  SP_SETTINGS_ERROR_UNKNOWN_KEY,
  SP_SETTINGS_ERROR_INVALID_VALUE,
} SpSettingsError;

/* The name printed at the top of every slip: "Wolverhampton Community Directory". */
#define SP_SETTING_DIRECTORY_NAME  "directory-name"
/* Where the directory's public pages are; a service's page is BASE/services/ID. */
#define SP_SETTING_PUBLIC_BASE_URL "public-base-url"
/* Where this kiosk stands, for slips printed on it: "Central Library, ground floor". */
#define SP_SETTING_KIOSK_LOCATION  "kiosk-location"

const char * const *sp_settings_list_keys     (void);
const char         *sp_settings_describe_key  (const char  *key);
char               *sp_settings_get           (SpStore     *store,
                                               const char  *key,
                                               GError     **error);
gboolean            sp_settings_set           (SpStore     *store,
                                               const char  *key,
                                               const char  *value,
                                               GError     **error);

G_END_DECLS
