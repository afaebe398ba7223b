/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-accounts.h: the hub's account commands from the terminal (add-editor). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int sp_hub_add_editor (const char *data_dir,
                       const char *email);

G_END_DECLS
