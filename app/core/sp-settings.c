/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-settings.c: the directory's own settings (its name, its public base URL), kept in the store.
 *
 * They live in the directory store (schema 3, directory_setting) rather than in GSettings
 * because they describe the directory, not a user: a kiosk, the command line and the
 * desktop app on one machine all print the same slips from one store. Only the keys
 * listed here exist, so a typing mistake is an error instead of a setting nobody reads.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sp-settings.h"
#include "sp-store-statement.h"
#include "sp-text.h"

G_DEFINE_QUARK (sp-settings-error-quark, sp_settings_error)

/* Longer than this is not a name or an address but a mistake. */
#define MAX_VALUE_BYTES 512

static const struct { const char *key; const char *description; } known[] = {
  { SP_SETTING_DIRECTORY_NAME, N_("The directory's name, printed at the top of every slip") },
  { SP_SETTING_PUBLIC_BASE_URL, N_("Base URL of the directory's public pages; slips' QR codes open BASE/services/ID") },
  { SP_SETTING_KIOSK_LOCATION, N_("Where this kiosk stands, printed on slips made on it") },
};

/**
 * sp_settings_list_keys:
 *
 * Returns: (transfer none): every setting's key, %NULL-terminated
 */
const char * const *
sp_settings_list_keys ( void)
{
  static const char *keys[G_N_ELEMENTS (known) + 1];

  if (keys[0] == NULL)
    for (gsize i = 0; i < G_N_ELEMENTS (known); i++)
      keys[i] = known[i].key;
  return keys;
}

/* What a setting is for, translated; NULL for a key that does not exist. */
const char *
sp_settings_describe_key (const char *key)
{
  for (gsize i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_strcmp0 (known[i].key, key) == 0)
      return _(known[i].description);
  return NULL;
}

static gboolean
check_key (const char  *key,
           GError     **error)
{
  g_autofree char *list = NULL;

  if (sp_settings_describe_key (key) != NULL)
    return TRUE;
  list = g_strjoinv (", ", (char **) sp_settings_list_keys ());
  g_set_error (error, SP_SETTINGS_ERROR, SP_SETTINGS_ERROR_UNKNOWN_KEY,
               _("There is no setting “%s”. The settings are: %s."), key, list);
  return FALSE;
}

/**
 * sp_settings_get:
 *
 * Reads one setting, in its own read (or the caller's transaction).
 *
 * Returns: (transfer full) (nullable): the value, or %NULL when it is not set (@error
 *   unset) or cannot be read (@error set)
 */
char *
sp_settings_get (SpStore     *store,
                 const char  *key,
                 GError     **error)
{
  g_autoptr (SpStoreStatement) stmt = NULL;
  char *value = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (!check_key (key, error))
    return NULL;
  stmt = sp_store_statement_new (store, "SELECT value FROM directory_setting WHERE key = ?1",
                                 N_("reading the directory's settings"), error);
  if (stmt == NULL)
    return NULL;
  sp_store_statement_bind_text (stmt, 1, key);
  if (sp_store_statement_step (stmt, error) == SP_STORE_STEP_ROW)
    value = sp_store_statement_dup_text (stmt, 0);
  return value;
}

static gboolean
check_value (const char  *key,
             const char  *value,
             GError     **error)
{
  if (!g_utf8_validate (value, -1, NULL) || strlen (value) > MAX_VALUE_BYTES ||
      strpbrk (value, "\r\n\t") != NULL)
    {
      g_set_error (error, SP_SETTINGS_ERROR, SP_SETTINGS_ERROR_INVALID_VALUE,
                   _("The value for “%s” must be one line of text of at most %d bytes."),
                   key, MAX_VALUE_BYTES);
      return FALSE;
    }
  if (g_str_equal (key, SP_SETTING_PUBLIC_BASE_URL) &&
      (!sp_text_is_url (value) || (!g_str_has_prefix (value, "https://") && !g_str_has_prefix (value, "http://"))))
    {
      g_set_error (error, SP_SETTINGS_ERROR, SP_SETTINGS_ERROR_INVALID_VALUE,
                   _("“%s” is not a web address; %s needs one starting with https://."), value, key);
      return FALSE;
    }
  return TRUE;
}

/**
 * sp_settings_set:
 * @value: (nullable): the new value; %NULL or "" removes the setting
 *
 * Stores a setting, in a transaction of its own (or the caller's). Returns %FALSE with
 * @error set for a key that does not exist, a value that will not do, or a store that
 * could not be written; nothing is changed then.
 */
gboolean
sp_settings_set (SpStore     *store,
                 const char  *key,
                 const char  *value,
                 GError     **error)
{
  g_autoptr (SpStoreStatement) stmt = NULL;
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!check_key (key, error))
    return FALSE;
  trimmed = g_strstrip (g_strdup (value != NULL ? value : ""));
  if (*trimmed != '\0' && !check_value (key, trimmed, error))
    return FALSE;

  stmt = sp_store_statement_new (store, *trimmed != '\0'
                                   ? "INSERT INTO directory_setting (key, value) VALUES (?1, ?2) "
                                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
                                   : "DELETE FROM directory_setting WHERE key = ?1",
                                 N_("saving a setting"), error);
  if (stmt == NULL)
    return FALSE;
  sp_store_statement_bind_text (stmt, 1, key);
  if (*trimmed != '\0')
    sp_store_statement_bind_text (stmt, 2, trimmed);
  return sp_store_statement_run (stmt, error);
}
