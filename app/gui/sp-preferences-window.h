/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-preferences-window.h: Preferences: home location, order, text, and the kiosk's policy. */
#pragma once

#include <adwaita.h>

#include "sp-store.h"

G_BEGIN_DECLS

#define SP_TYPE_PREFERENCES_WINDOW (sp_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (SpPreferencesWindow, sp_preferences_window, SP, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *sp_preferences_window_new (GtkWindow *parent,
                                      GSettings *settings,
                                      SpStore   *store);

G_END_DECLS
