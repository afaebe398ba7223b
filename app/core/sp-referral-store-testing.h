/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-referral-store-testing.h: TEST ONLY. Faults and outside changes the suites make to a referral store.
 *
 * A disk that fails half-way through a read cannot be arranged on demand, so the suites
 * ask the store to fail one step of one statement. And someone who has the file but not a
 * passphrase can still change it with any SQLite tool: the suites do so through a raw file
 * handle to check that the audit chain and the records notice. The app never calls these.
 */
#pragma once

#include "sp-referral-store.h"

G_BEGIN_DECLS

void sp_referral_store_inject_step_failure (SpReferralStore *self,
                                            const char      *sql_substring,
                                            guint            n_steps_first);

typedef struct _SpReferralRawFile SpReferralRawFile;

SpReferralRawFile *sp_referral_raw_file_open      (const char         *path,
                                                   GError            **error);
gboolean           sp_referral_raw_file_exec      (SpReferralRawFile  *self,
                                                   const char         *sql,
                                                   GError            **error);
gboolean           sp_referral_raw_file_query_int (SpReferralRawFile  *self,
                                                   const char         *sql,
                                                   const char * const *args,
                                                   gint64             *value,
                                                   GError            **error);
void               sp_referral_raw_file_close     (SpReferralRawFile  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpReferralRawFile, sp_referral_raw_file_close)

G_END_DECLS
