/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-referral-import.h: a caseload moved in from a spreadsheet (CSV), one referral a row. */
#pragma once

#include "sp-referral-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint line;               /* in the file, the header being line 1 */
  char *field;              /* the column */
  char *message;            /* what is wrong, never the value itself */
} SpReferralImportProblem;

typedef struct
{
  guint rows;               /* data rows read */
  guint people_added;
  guint people_matched;     /* already in the store, or on an earlier row */
  guint referrals_added;
  guint rows_skipped;
  GPtrArray *problems;      /* (element-type SpReferralImportProblem) */
} SpReferralImportReport;

gboolean sp_referral_import_csv           (SpReferralStore          *store,
                                           const char               *path,
                                           gboolean                  skip_bad_rows,
                                           SpReferralImportReport  **report,
                                           GError                  **error);
void     sp_referral_import_report_free   (SpReferralImportReport   *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpReferralImportReport, sp_referral_import_report_free)

G_END_DECLS
