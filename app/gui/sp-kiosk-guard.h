/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-kiosk-guard.h: a kiosk's idle reset — "Are you still there?", then a fresh start —
 * and no developer tools while it guards. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SP_TYPE_KIOSK_GUARD (sp_kiosk_guard_get_type ())
G_DECLARE_FINAL_TYPE (SpKioskGuard, sp_kiosk_guard, SP, KIOSK_GUARD, GObject)

SpKioskGuard *sp_kiosk_guard_new            (GtkWindow    *window,
                                             guint         idle_ms,
                                             guint         prompt_ms);
void          sp_kiosk_guard_set_times      (SpKioskGuard *self,
                                             guint         idle_ms,
                                             guint         prompt_ms);
void          sp_kiosk_guard_poke           (SpKioskGuard *self);
gboolean      sp_kiosk_guard_is_asking      (SpKioskGuard *self);
GtkWidget    *sp_kiosk_guard_get_prompt     (SpKioskGuard *self);
void          sp_kiosk_guard_stop           (SpKioskGuard *self);
void          sp_kiosk_guard_forbid_emoji   (GtkEditable  *editable);

G_END_DECLS
