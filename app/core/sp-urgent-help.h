/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-urgent-help.h: whether a search suggests someone is in danger now, and the lines to call. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *number;  /* as dialled: "999" */
  const char *what;    /* marked for translation, not translated: pass it to gettext */
} SpUrgentLine;

gboolean            sp_urgent_help_suggested (const char *text);
const SpUrgentLine *sp_urgent_help_lines     (guint      *n_lines);
char               *sp_urgent_help_text      (void);

G_END_DECLS
