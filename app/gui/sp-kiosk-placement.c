/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-kiosk-placement.c: a kiosk window that covers the screen, and its dialogs over its
 * middle, whether or not a window manager is there to do it.
 *
 * Under a Wayland compositor (cage) or an X11 window manager, asking for full screen is
 * enough: the compositor sizes the window and places its dialogs. A library PC may run a
 * bare X server with nothing else, though, and there nobody answers
 * _NET_WM_STATE_FULLSCREEN: the window keeps its default size in the top-left corner and
 * every dialog appears at the origin. There the kiosk sizes itself to the monitor and
 * moves its dialogs to the middle of the screen itself. GTK 4 can no longer place a
 * window, so that last step is Xlib's.
 */
#include "config.h"

#include "sp-kiosk-placement.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#ifdef GDK_WINDOWING_X11
/* Whether @display is an X server without a window manager that makes windows full
 * screen (a bare Xvfb, an X session started with only the kiosk). */
static gboolean
x11_without_window_manager (GdkDisplay *display)
{
  if (!GDK_IS_X11_DISPLAY (display))
    return FALSE;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  return !gdk_x11_screen_supports_net_wm_hint (gdk_x11_display_get_screen (display),
                                               "_NET_WM_STATE_FULLSCREEN");
  G_GNUC_END_IGNORE_DEPRECATIONS
}

/* The first monitor's geometry: a kiosk has one screen. */
static gboolean
first_monitor (GdkDisplay   *display,
               GdkRectangle *geometry)
{
  g_autoptr (GdkMonitor) monitor = g_list_model_get_item (gdk_display_get_monitors (display), 0);

  if (monitor == NULL)
    return FALSE;
  gdk_monitor_get_geometry (monitor, geometry);
  return geometry->width > 0 && geometry->height > 0;
}
#endif

/**
 * sp_kiosk_fill_screen:
 *
 * Makes @window full screen; with no window manager to do that, sizes it to the monitor.
 * Call before it is first shown.
 */
void
sp_kiosk_fill_screen (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  gtk_window_fullscreen (window);
#ifdef GDK_WINDOWING_X11
  {
    GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));
    GdkRectangle geometry;

    /* Undecorated, at the origin where X puts a window nobody moves: the whole screen. */
    if (x11_without_window_manager (display) && first_monitor (display, &geometry))
      gtk_window_set_default_size (window, geometry.width, geometry.height);
  }
#endif
}

#ifdef GDK_WINDOWING_X11
/* Moves @surface to the middle of the screen, for its size now. */
static void
centre_surface (GdkSurface *surface,
                int         width,
                int         height)
{
  GdkDisplay *display = gdk_surface_get_display (surface);
  GdkRectangle geometry;

  if (width <= 1 || height <= 1 || !first_monitor (display, &geometry))
    return;
  XMoveWindow (gdk_x11_display_get_xdisplay (display), gdk_x11_surface_get_xid (surface),
               geometry.x + MAX (0, (geometry.width - width) / 2),
               geometry.y + MAX (0, (geometry.height - height) / 2));
}

/* The dialog's size is known only once its surface is laid out, and it changes with the
 * text size: centred each time. */
static void
dialog_realized (GtkWidget *dialog)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (dialog));

  if (surface == NULL || !GDK_IS_X11_SURFACE (surface))
    return;
  g_signal_connect (surface, "layout", G_CALLBACK (centre_surface), NULL);
}
#endif

/**
 * sp_kiosk_centre_dialog:
 *
 * Sees that @dialog, transient for a kiosk, shows over the middle of the screen; with no
 * window manager to place it, moves it there as it is shown. Call before it is shown.
 */
void
sp_kiosk_centre_dialog (GtkWindow *dialog)
{
  g_return_if_fail (GTK_IS_WINDOW (dialog));

#ifdef GDK_WINDOWING_X11
  if (x11_without_window_manager (gtk_widget_get_display (GTK_WIDGET (dialog))))
    g_signal_connect (dialog, "realize", G_CALLBACK (dialog_realized), NULL);
#endif
}
