/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-screenshots.c: the app's main screens rendered to PNG, for people to look at.
 *
 * Writes start page, results, service page and kiosk screens (desktop, narrow, kiosk,
 * large text, high contrast, the kiosk's dialogs) into G_TEST_BUILDDIR/screenshots/. Each test also checks
 * the picture was made; the pictures themselves are for review, not committed. */
#include "config.h"

#include <glib/gstdio.h>

#include "sp-gui-test.h"

static char *
shot_path (const char *name)
{
  g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ?: ".", "screenshots", NULL);
  g_mkdir_with_parents (dir, 0755);
  return g_strdup_printf ("%s/%s.png", dir, name);
}

static void
shoot_widget (GtkWidget  *widget,
              const char *name)
{
  g_autofree char *path = shot_path (name);

  sp_gui_settle ();
  g_assert_true (sp_gui_save_png (widget, path));
  g_test_message ("wrote %s", path);
}

static void
shoot (SpGuiFixture *f,
       const char   *name)
{
  shoot_widget (GTK_WIDGET (f->window), name);
}

static void
test_desktop (void)
{
  SpGuiFixture f = { 0 };

  sp_gui_fixture_open (&f, FALSE, 1280, 800);
  shoot (&f, "desktop-start");
  sp_gui_type (f.window, "memory cafe");
  shoot (&f, "desktop-results");
  sp_window_open_service (f.window, "1c63994a-12ec-5ae3-8d9f-0e240b4ba821");
  shoot (&f, "desktop-service");
  gtk_editable_set_text (sp_search_page_get_entry (sp_window_get_search_page (f.window)), "zzqqxx");
  shoot (&f, "desktop-nothing-found");
  sp_gui_fixture_close (&f);
}

static void
test_narrow (void)
{
  SpGuiFixture f = { 0 };

  sp_gui_fixture_open (&f, FALSE, 360, 720);
  shoot (&f, "narrow-start");
  sp_gui_type (f.window, "lonely");
  shoot (&f, "narrow-results");
  sp_window_open_service (f.window, "b7c4e084-deb1-514f-a4fb-4cf7f6e2be97");
  shoot (&f, "narrow-service");
  sp_gui_fixture_close (&f);
}

static void
test_kiosk (void)
{
  SpGuiFixture f = { 0 };

  sp_gui_fixture_open (&f, TRUE, 1920, 1080);
  shoot (&f, "kiosk-attract");
  sp_gui_type (f.window, "carers");
  shoot (&f, "kiosk-results");
  sp_window_open_service (f.window, "3c6f19ce-7b47-5702-b830-2c2ab4da8ab1");
  shoot (&f, "kiosk-service");
  g_action_group_activate_action (G_ACTION_GROUP (f.window), "text-size", g_variant_new_uint32 (4));
  shoot (&f, "kiosk-service-200");
  g_action_group_activate_action (G_ACTION_GROUP (f.window), "high-contrast", NULL);
  shoot (&f, "kiosk-service-contrast");
  sp_gui_fixture_close (&f);
}

/* "Are you still there?" and a failed print, at 200 % text and high contrast. */
static void
test_kiosk_dialogs (void)
{
  SpGuiFixture f = { 0 };
  SpKioskGuard *guard;
  AdwMessageDialog *failed;

  sp_gui_fixture_open (&f, TRUE, 1920, 1080);
  guard = sp_window_get_kiosk_guard (f.window);
  sp_window_open_service (f.window, "3c6f19ce-7b47-5702-b830-2c2ab4da8ab1");
  g_action_group_activate_action (G_ACTION_GROUP (f.window), "text-size", g_variant_new_uint32 (4));
  g_action_group_activate_action (G_ACTION_GROUP (f.window), "high-contrast", NULL);
  sp_kiosk_guard_set_times (guard, 50, 600000);
  while (!sp_kiosk_guard_is_asking (guard))
    sp_gui_wait_ms (20);
  shoot_widget (sp_kiosk_guard_get_prompt (guard), "kiosk-prompt-200-contrast");
  sp_kiosk_guard_poke (guard);
  sp_kiosk_guard_set_times (guard, 600000, 600000);

  g_settings_set_string (f.settings, "kiosk-printer", "sp-screenshot-no-such-printer");
  sp_window_set_print_timeout (f.window, 200);
  g_test_expect_message ("Signpost", G_LOG_LEVEL_MESSAGE, "Kiosk slip not printed*");
  g_action_group_activate_action (G_ACTION_GROUP (f.window), "print-service", NULL);
  failed = sp_gui_wait_for_dialog ("Your slip could not be printed", 10000);
  g_assert_nonnull (failed);
  g_test_assert_expected_messages ();
  shoot_widget (GTK_WIDGET (failed), "kiosk-print-failed-200-contrast");
  sp_gui_fixture_close (&f);
}

int
main (int   argc,
      char *argv[])
{
  sp_gui_test_init (&argc, &argv);
  g_test_add_func ("/signpost/gui/screenshots/desktop", test_desktop);
  g_test_add_func ("/signpost/gui/screenshots/narrow", test_narrow);
  g_test_add_func ("/signpost/gui/screenshots/kiosk", test_kiosk);
  g_test_add_func ("/signpost/gui/screenshots/kiosk-dialogs", test_kiosk_dialogs);
  return g_test_run ();
}
