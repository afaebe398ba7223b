/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-ui-language.c: the language Signpost speaks: the desktop's, or one chosen on a kiosk.
 *
 * Signpost follows the desktop's language (setlocale and the LANGUAGE, LC_ALL, LC_MESSAGES
 * and LANG variables, as every gettext program does). A kiosk lets a person choose another
 * for their visit: sp_ui_language_set() puts it first in LANGUAGE and re-binds the text
 * domain, which makes glibc's gettext forget the translations it had looked up, so every
 * string asked for afterwards comes in the new language. Strings already on screen do not
 * change by themselves: the front end builds its pages again (see sp-window-kiosk.c).
 * Dates keep the LC_TIME locale's month and day names: LANGUAGE does not reach strftime.
 *
 * The catalogue is bound to LOCALEDIR, or to SIGNPOST_LOCALEDIR when that is set, so an
 * uninstalled build and the tests use the translations the build made.
 */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "sp-ui-language.h"

#ifdef __GLIBC__
/* glibc's count of catalogue changes: raising it makes gettext look translations up afresh,
 * as the GNU gettext manual says to do when LANGUAGE changes in a running program. */
extern int _nl_msg_cat_cntr;
#endif

static const SpUiLanguage choices[] = {
  { "en", "English" },
  { "pl", "Polski" },
  { "pa", "ਪੰਜਾਬੀ" },
  { "ur", "اردو" },
};

static char *desktop_language;   /* LANGUAGE as the desktop gave it, or NULL */
static char *chosen;             /* the code chosen, or NULL for the desktop's */
static gboolean initialised;

static void
bind_domain (void)
{
  const char *dir = g_getenv ("SIGNPOST_LOCALEDIR");

  bindtextdomain (GETTEXT_PACKAGE, dir != NULL && *dir != '\0' ? dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

static void
catalogues_changed (void)
{
#ifdef __GLIBC__
  ++_nl_msg_cat_cntr;
#endif
}

/* GLib's g_dgettext(), which GtkBuilder and gi18n-lib.h's _() use, decides once in a
 * process whether to translate at all, and decides against it when the language first
 * asked for has no catalogue and the locale is neither C nor en_* (an English kiosk under
 * C.UTF-8). A kiosk that starts in English must still be able to switch, so that decision
 * is taken while a language Signpost has a catalogue for is asked for. */
static void
settle_whether_glib_translates (void)
{
  g_autofree char *was = g_strdup (g_getenv ("LANGUAGE"));
  /* The catalogue's header is the translation of "": a variable, so that xgettext does
   * not take it for a string to translate. */
  const char *header = "";

  for (gsize i = 1; i < G_N_ELEMENTS (choices); i++)
    {
      g_setenv ("LANGUAGE", choices[i].code, TRUE);
      catalogues_changed ();
      if (*dgettext (GETTEXT_PACKAGE, header) != '\0')
        {
          (void) g_dgettext (GETTEXT_PACKAGE, header);
          break;
        }
    }
  if (was != NULL)
    g_setenv ("LANGUAGE", was, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  catalogues_changed ();
}

/**
 * sp_ui_language_init:
 *
 * Takes the desktop's language and binds Signpost's translations. Call once, first thing
 * in main(), before any string is translated.
 */
void
sp_ui_language_init (void)
{
  setlocale (LC_ALL, "");
  bind_domain ();
  if (!initialised)
    {
      desktop_language = g_strdup (g_getenv ("LANGUAGE"));
      settle_whether_glib_translates ();
    }
  initialised = TRUE;
}

/**
 * sp_ui_language_choices:
 * @n_choices: (out): how many
 *
 * Returns: (transfer none) (array length=n_choices): the languages Signpost has
 *   translations for, English first, each named in itself
 */
const SpUiLanguage *
sp_ui_language_choices (guint *n_choices)
{
  g_return_val_if_fail (n_choices != NULL, NULL);
  *n_choices = G_N_ELEMENTS (choices);
  return choices;
}

/**
 * sp_ui_language_set:
 * @code: (nullable): a language code such as "pl", or %NULL for the desktop's language
 *
 * Makes every string translated from now on come in @code's language.
 */
void
sp_ui_language_set (const char *code)
{
  if (!initialised)
    sp_ui_language_init ();
  if (code != NULL && *code == '\0')
    code = NULL;
  g_free (chosen);
  chosen = g_strdup (code);
  if (code != NULL)
    g_setenv ("LANGUAGE", code, TRUE);
  else if (desktop_language != NULL)
    g_setenv ("LANGUAGE", desktop_language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  bind_domain ();
  catalogues_changed ();
}

/**
 * sp_ui_language_get:
 *
 * Returns: (nullable): the code chosen with sp_ui_language_set(), or %NULL when Signpost
 *   follows the desktop
 */
const char *
sp_ui_language_get (void)
{
  return chosen;
}

/**
 * sp_ui_language_is_rtl:
 *
 * Returns: whether the language in use is written right to left (Urdu), as its translators
 *   say by translating "default:LTR" as "default:RTL", the convention GTK itself uses
 */
gboolean
sp_ui_language_is_rtl (void)
{
  /* Translators: "default:RTL" for a language written right to left, else leave it as
   * "default:LTR". Do not translate it into your language. */
  return g_str_equal (C_("text direction", "default:LTR"), "default:RTL");
}
