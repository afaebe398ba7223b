/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-referral-fixture.h: referral stores and caseloads made up for tests and benchmarks.
 *
 * Everything here is fake on its face: names "Testperson …", NHS numbers from the 999 range
 * (a training store), postcodes in ZZ99. */
#pragma once

#include "sp-referral-store.h"

G_BEGIN_DECLS

#define SP_TEST_ACCOUNT "Test Worker One"
#define SP_TEST_PASSPHRASE "correct horse battery staple"

SpReferralStore *sp_test_referral_store_new   (const char      *data_dir);
SpPerson        *sp_test_person_new           (guint            n);
SpReferral      *sp_test_referral_new         (const SpPerson  *person,
                                               guint            n,
                                               SpDay            received_on);
void             sp_test_generate_caseload    (SpReferralStore *store,
                                               guint            n_people,
                                               guint            n_referrals,
                                               SpDay            first_day,
                                               SpDay            last_day,
                                               guint32          seed);
char            *sp_test_person_describe      (const SpPerson  *person);
char            *sp_test_referral_describe    (const SpReferral *referral);

G_END_DECLS
