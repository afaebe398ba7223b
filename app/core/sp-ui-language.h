/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-ui-language.h: the language Signpost speaks: the desktop's, or one chosen on a kiosk. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *code;       /* "pl" */
  const char *own_name;   /* the language's name in itself, never translated: "Polski" */
} SpUiLanguage;

void                sp_ui_language_init    (void);
const SpUiLanguage *sp_ui_language_choices (guint      *n_choices);
void                sp_ui_language_set     (const char *code);
const char         *sp_ui_language_get     (void);
gboolean            sp_ui_language_is_rtl  (void);

G_END_DECLS
