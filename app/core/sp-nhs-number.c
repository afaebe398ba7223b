/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-nhs-number.c: the NHS number's modulus 11 check, its 3-3-4 form and the 999 test range.
 *
 * Digits 1 to 9 are weighted 10 down to 2 and summed; the check digit is 11 minus the sum
 * modulo 11, where 11 becomes 0 and 10 means no valid number has these nine digits.
 * Numbers that start 999 are a test range the NHS never issues.
 */
#include "config.h"

#include <string.h>

#include "sp-nhs-number.h"

/* The check digit for the first nine of @digits, or -1 when none can be valid. */
static int
check_digit (const char *digits)
{
  int sum = 0;
  int check;

  for (int i = 0; i < 9; i++)
    sum += (digits[i] - '0') * (10 - i);
  check = 11 - sum % 11;
  if (check == 11)
    return 0;
  return check == 10 ? -1 : check;
}

/**
 * sp_nhs_number_check:
 * @text: what was typed: ten digits, spaces and dashes allowed between them
 * @digits: (out) (optional) (transfer full): the ten digits alone, when they are ten
 *
 * Returns: whether @text is a valid NHS number, and if not, why
 */
SpNhsNumberCheck
sp_nhs_number_check (const char  *text,
                     char       **digits)
{
  char found[11] = { 0 };
  guint n = 0;

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '-')
        continue;
      if (!g_ascii_isdigit (*p) || n == 10)
        return SP_NHS_NUMBER_NOT_TEN_DIGITS;
      found[n++] = *p;
    }
  if (n != 10)
    return SP_NHS_NUMBER_NOT_TEN_DIGITS;
  if (digits != NULL)
    *digits = g_strdup (found);
  if (check_digit (found) != found[9] - '0')
    return SP_NHS_NUMBER_BAD_CHECK_DIGIT;
  return SP_NHS_NUMBER_VALID;
}

/* Whether @digits (ten digits) is in the 999 range, which is never issued to a person. */
gboolean
sp_nhs_number_is_test_range (const char *digits)
{
  return digits != NULL && g_str_has_prefix (digits, "999");
}

/* "943 476 5919", the way the NHS shows it; @digits as it is when not ten digits. */
char *
sp_nhs_number_format (const char *digits)
{
  if (digits == NULL || strlen (digits) != 10)
    return g_strdup (digits != NULL ? digits : "");
  return g_strdup_printf ("%.3s %.3s %.4s", digits, digits + 3, digits + 6);
}

/**
 * sp_nhs_number_make_valid:
 * @nine_digits: the first nine digits as a number (below 10⁹)
 *
 * For test data: the valid NHS number that starts with @nine_digits, or %NULL when no
 * check digit makes one (about one in eleven).
 *
 * Returns: (transfer full) (nullable): ten digits
 */
char *
sp_nhs_number_make_valid (guint64 nine_digits)
{
  char digits[11];
  int check;

  g_return_val_if_fail (nine_digits < 1000000000, NULL);

  g_snprintf (digits, sizeof digits, "%09" G_GUINT64_FORMAT "0", nine_digits);
  check = check_digit (digits);
  if (check < 0)
    return NULL;
  digits[9] = '0' + check;
  return g_strdup (digits);
}
