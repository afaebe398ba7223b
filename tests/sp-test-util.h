/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-test-util.h: fixtures shared by the test suites. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *sp_test_make_tmpdir    (void);
void      sp_test_remove_tree    (const char  *path);
char     *sp_test_fixture_path   (const char  *first,
                                  ...) G_GNUC_NULL_TERMINATED;
char     *sp_test_source_path    (const char  *first,
                                  ...) G_GNUC_NULL_TERMINATED;
int       sp_test_run_cli        (char       **out,
                                  char       **err,
                                  const char  *first_arg,
                                  ...) G_GNUC_NULL_TERMINATED;
char     *sp_test_write_tmp      (const char  *dir,
                                  const char  *name,
                                  const char  *contents,
                                  gssize       length);
char     *sp_test_damage_index   (const char  *index_folder);
double    sp_test_percentile     (GArray      *samples,
                                  double       p);

G_END_DECLS
