/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-urgent-help.c: which searches bring the emergency and crisis lines above the results. */
#include "config.h"

#include <string.h>

#include "sp-urgent-help.h"

/* What people type when they, or someone with them, may be in danger now, in the ways they
 * type it: punctuation, capitals, Polish without its letters, Punjabi and Urdu in their
 * scripts and romanised, Urdu typed on an Arabic keyboard. */
static const char * const danger[] = {
  "i want to kill myself", "Suicidal thoughts", "self-harm", "Self Harm help", "I can't go on",
  "my husband hits me", "scared for my life", "took an overdose", "he said he is going to kill me",
  "chcę umrzeć", "chce umrzec", "myśli samobójcze", "mąż mnie bije",
  "ਖੁਦਕੁਸ਼ੀ", "marna chahundi", "خودکشی", "خود کشی کے خیالات", "خودكشي", "mujhe marta hai",
};

/* Needs the directory answers by itself, and words that only look like danger. */
static const char * const not_danger[] = {
  "", "memory cafe", "domestic abuse advice", "lunch club", "harmony singing", "dangerous stairs",
  "killing time", "selfie help", "die casting", "bereavement after suicide of", "pamięć",
};

static void
test_danger (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (danger); i++)
    if (!sp_urgent_help_suggested (danger[i]))
      g_test_fail_printf ("“%s” should bring the crisis lines", danger[i]);
}

static void
test_not_danger (void)
{
  /* The last but one is danger after all: a bereaved relative may be at risk too. */
  for (gsize i = 0; i < G_N_ELEMENTS (not_danger); i++)
    {
      gboolean expected = g_str_has_prefix (not_danger[i], "bereavement after suicide");
      if (sp_urgent_help_suggested (not_danger[i]) != expected)
        g_test_fail_printf ("“%s” should %sbring the crisis lines", not_danger[i], expected ? "" : "not ");
    }
  g_assert_false (sp_urgent_help_suggested (NULL));
}

/* The lines are 999, NHS 111 and Samaritans, in that order, each said in the text. */
static void
test_lines (void)
{
  guint n;
  const SpUrgentLine *lines = sp_urgent_help_lines (&n);
  g_autofree char *text = sp_urgent_help_text ();

  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpstr (lines[0].number, ==, "999");
  g_assert_cmpstr (lines[1].number, ==, "111");
  g_assert_cmpstr (lines[2].number, ==, "116 123");
  for (guint i = 0; i < n; i++)
    g_assert_nonnull (strstr (text, lines[i].number));
  g_assert_nonnull (strstr (text, "Samaritans"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/signpost/urgent-help/danger", test_danger);
  g_test_add_func ("/signpost/urgent-help/not-danger", test_not_danger);
  g_test_add_func ("/signpost/urgent-help/lines", test_lines);
  return g_test_run ();
}
