/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-urgent-help.c: whether a search suggests someone is in danger now, and the lines to call.
 *
 * Someone who types "i want to kill myself" or "he hits me" into a library kiosk needs the
 * emergency and crisis numbers before any list of groups that meet next Tuesday. The app
 * and signpost-cli both ask sp_urgent_help_suggested() of what was typed and, when it says
 * yes, show sp_urgent_help_lines() above the results, however many results there are.
 *
 * The phrases are whole words or phrases, matched after the text is folded the same way
 * (case folded, NFKC, apostrophes dropped, other punctuation a space), so "Self-harm",
 * "self harm" and "I can't go on" all match. They say danger *now* — a wish to die, harm
 * to oneself, violence at home — not a need such as "domestic abuse advice", which the
 * directory answers by itself. Polish is listed with and without its diacritics, Punjabi
 * in Gurmukhi and romanised, Urdu in Urdu script and romanised: the languages of the
 * people this directory serves. A false alarm costs a few lines of text; a miss is worse,
 * so the list leans towards showing them.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "sp-ui-language.h"
#include "sp-urgent-help.h"

static const char * const danger_phrases[] = {
  /* English */
  "suicide", "suicidal", "kill myself", "killing myself", "end my life", "ending my life",
  "end it all", "take my own life", "want to die", "wanna die", "dont want to live",
  "dont want to be alive", "better off dead", "cant go on", "overdose", "overdosed",
  "self harm", "selfharm", "self harming", "harm myself", "harming myself", "hurt myself",
  "hurting myself", "cut myself", "cutting myself", "in danger", "not safe at home",
  "im not safe", "i am not safe", "feel unsafe", "scared for my life", "afraid for my life",
  "going to kill me", "threatening to kill", "threatened to kill", "hits me", "hitting me",
  "beats me", "beating me", "attacked me", "he hurts me", "she hurts me", "strangled me",
  "choked me",
  /* Polish */
  "samobójstwo", "samobojstwo", "myśli samobójcze", "mysli samobojcze", "zabić się",
  "zabic sie", "zabije się", "zabije sie", "odebrać sobie życie", "odebrac sobie zycie",
  "chcę umrzeć", "chce umrzec", "nie chcę żyć", "nie chce zyc", "samookaleczenie",
  "okaleczam się", "okaleczam sie", "tnę się", "tne sie", "bije mnie", "mnie bije", "grozi mi",
  "w niebezpieczeństwie", "w niebezpieczenstwie",
  /* Punjabi, Gurmukhi and romanised */
  "ਖੁਦਕੁਸ਼ੀ", "ਖ਼ੁਦਕੁਸ਼ੀ", "ਆਤਮਹੱਤਿਆ", "ਮਰਨਾ ਚਾਹੁੰਦਾ", "ਮਰਨਾ ਚਾਹੁੰਦੀ", "ਮੈਨੂੰ ਮਾਰਦਾ",
  "ਮੈਨੂੰ ਕੁੱਟਦਾ", "ਖ਼ਤਰੇ ਵਿੱਚ", "ਖਤਰੇ ਵਿੱਚ", "khudkushi", "khudkhushi", "marna chahunda",
  "marna chahundi", "mainu marda", "mainu kutda",
  /* Urdu, and romanised */
  "خودکشی", "خود کشی", "مرنا چاہتا", "مرنا چاہتی", "مجھے مارتا", "خطرے میں",
  "اپنے آپ کو نقصان", "khud kushi", "marna chahta", "marna chahti", "mujhe marta",
  "khatre mein",
};

static const SpUrgentLine lines[] = {
  { "999", N_("Emergency: if someone is in danger now or has taken an overdose") },
  { "111", N_("NHS 111: urgent help, and choose the mental health option") },
  { "116 123", N_("Samaritans: free, day or night, to talk about anything") },
};

/* @text folded for matching, with a space before and after every word. */
static char *
fold (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_autofree char *normal = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKC);
  GString *out = g_string_new (" ");

  for (const char *p = normal; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (c == '\'' || c == 0x2019 || type == G_UNICODE_FORMAT)
        continue;  /* "can't" is "cant"; a zero-width joiner is nothing */
      if (c == 0x064A)
        c = 0x06CC;  /* Arabic yeh typed for Urdu's */
      else if (c == 0x0643)
        c = 0x06A9;  /* Arabic kaf typed for Urdu's keheh */
      if (g_unichar_isalnum (c) || g_unichar_ismark (c))
        g_string_append_unichar (out, c);
      else if (out->str[out->len - 1] != ' ')
        g_string_append_c (out, ' ');
    }
  if (out->str[out->len - 1] != ' ')
    g_string_append_c (out, ' ');
  return g_string_free (out, FALSE);
}

/**
 * sp_urgent_help_suggested:
 * @text: what a person typed into search
 *
 * Returns: whether @text suggests that someone is in danger now, so that the emergency
 *   and crisis lines are shown above any results
 */
gboolean
sp_urgent_help_suggested (const char *text)
{
  g_autofree char *folded = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  folded = fold (text);
  for (gsize i = 0; i < G_N_ELEMENTS (danger_phrases); i++)
    {
      g_autofree char *phrase = fold (danger_phrases[i]);
      if (strstr (folded, phrase) != NULL)
        return TRUE;
    }
  return FALSE;
}

/**
 * sp_urgent_help_lines:
 * @n_lines: (out): how many
 *
 * Returns: (transfer none) (array length=n_lines): the emergency and crisis lines, most
 *   urgent first
 */
const SpUrgentLine *
sp_urgent_help_lines (guint *n_lines)
{
  g_return_val_if_fail (n_lines != NULL, NULL);
  *n_lines = G_N_ELEMENTS (lines);
  return lines;
}

/**
 * sp_urgent_help_text:
 *
 * Returns: (transfer full): the lines as text, a heading and one line each, in the
 *   current language
 */
char *
sp_urgent_help_text (void)
{
  GString *out = g_string_new (_("If you or someone else is in danger now, call:"));
  /* In a right-to-left language "116 123" would show as "123 116" unless isolated. */
  gboolean rtl = sp_ui_language_is_rtl ();

  for (gsize i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autofree char *number = rtl ? g_strconcat ("\u2066", lines[i].number, "\u2069", NULL)
                                    : g_strdup (lines[i].number);
      g_string_append_c (out, '\n');
      /* Translators: a telephone number, then what it is for. */
      g_string_append_printf (out, _("%s — %s"), number, _(lines[i].what));
    }
  return g_string_free (out, FALSE);
}
