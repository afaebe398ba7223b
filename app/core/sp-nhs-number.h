/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-nhs-number.h: the NHS number's modulus 11 check, its 3-3-4 form and the 999 test range. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SP_NHS_NUMBER_VALID,
  SP_NHS_NUMBER_NOT_TEN_DIGITS,   /* after spaces and dashes are taken out */
  SP_NHS_NUMBER_BAD_CHECK_DIGIT,  /* the tenth digit does not match (or the check is 10) */
} SpNhsNumberCheck;

SpNhsNumberCheck sp_nhs_number_check         (const char *text,
                                              char      **digits);
gboolean         sp_nhs_number_is_test_range (const char *digits);
char            *sp_nhs_number_format        (const char *digits);
char            *sp_nhs_number_make_valid    (guint64     nine_digits);

G_END_DECLS
