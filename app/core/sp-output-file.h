/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-output-file.h: a file written whole or not at all. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _SpOutputFile SpOutputFile;

SpOutputFile  *sp_output_file_new        (const char    *path,
                                          GError       **error);
GOutputStream *sp_output_file_get_stream (SpOutputFile  *self);
gboolean       sp_output_file_commit     (SpOutputFile  *self,
                                          GError       **error);
void           sp_output_file_free       (SpOutputFile  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpOutputFile, sp_output_file_free)

G_END_DECLS
