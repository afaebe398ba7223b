/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-test-lsan.c: sanitizer defaults for a test program that runs many test cases. */
#include "config.h"

/*
 * tests/lsan.supp hides GLib 2.74's leak in g_set_user_dirs(), which
 * G_TEST_OPTION_ISOLATE_DIRS calls before every test case after the first.
 * A suppression matches the stack of the allocation, and Debian's GLib has no
 * frame pointers, so ASan's fast unwinder stops at g_malloc() and the leak is
 * reported anyway. The slow unwinder reaches g_set_user_dirs(). This is a
 * default for the test program alone (ASAN_OPTIONS still wins); the
 * signpost-cli processes it starts keep the fast unwinder.
 *
 * Without a sanitizer nobody calls this.
 */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}
