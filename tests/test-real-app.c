/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-real-app.c: the installed-style app binary as a library kiosk runs it, under the
 * display servers a kiosk has: cage (Wayland, headless here) and a bare X server with no
 * window manager; and what a screen reader finds in it, through the real AT-SPI bus.
 *
 * Each test starts its own display server and a private D-Bus session (so the
 * accessibility bus is the test's own), runs tests/kiosk-session.sh inside them and
 * reads what it wrote: the window's size, screenshots, how many results a search shows,
 * and the AT-SPI checks (every actionable object named; kiosk targets at least 48×48).
 * cage refuses to run as root: as root the session runs as nobody.
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sp-test-util.h"

typedef struct
{
  char *dir;       /* everything of this test's, owned by whoever runs the session */
  char *data;      /* the data folder, with the sample directory */
  char *out;       /* what kiosk-session.sh found */
  char **env;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *sample = sp_test_source_path ("data", "sample-directory.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { g_getenv ("SIGNPOST_CLI"), "import", "--data-dir", NULL, sample, NULL };
  int status;

  f->dir = sp_test_make_tmpdir ();
  g_chmod (f->dir, 0755);
  f->data = g_build_filename (f->dir, "data", NULL);
  f->out = g_build_filename (f->dir, "out", NULL);
  g_mkdir (f->out, 0777);
  g_chmod (f->out, 0777);
  argv[3] = f->data;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  f->env = g_get_environ ();
  /* A screen reader must see the app: not the GUI suites' GTK_A11Y=none. */
  f->env = g_environ_unsetenv (f->env, "GTK_A11Y");
  f->env = g_environ_unsetenv (f->env, "DBUS_SESSION_BUS_ADDRESS");
  f->env = g_environ_unsetenv (f->env, "WAYLAND_DISPLAY");
  f->env = g_environ_unsetenv (f->env, "DISPLAY");
  f->env = g_environ_unsetenv (f->env, "GDK_BACKEND");
  f->env = g_environ_unsetenv (f->env, "G_DEBUG");
  f->env = g_environ_setenv (f->env, "HOME", f->dir, TRUE);
  f->env = g_environ_setenv (f->env, "XDG_CONFIG_HOME", f->dir, TRUE);
  f->env = g_environ_setenv (f->env, "XDG_CACHE_HOME", f->dir, TRUE);
  f->env = g_environ_setenv (f->env, "SIGNPOST_DATA", f->data, TRUE);
  {
    g_autofree char *probe = g_strdup_printf ("%s %s", g_getenv ("SIGNPOST_PYTHON_ATSPI"),
                                              g_getenv ("SIGNPOST_ATSPI_PROBE"));
    f->env = g_environ_setenv (f->env, "PROBE", probe, TRUE);
  }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  sp_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->data);
  g_free (f->out);
  g_strfreev (f->env);
}

/* Hands the test's files to nobody, who runs the session when the test is root. */
static void
give_to_nobody (const char *path)
{
  const char *argv[] = { "chown", "-R", "65534:65534", path, NULL };
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static char *
read_out (Fixture    *f,
          const char *name)
{
  g_autofree char *path = g_build_filename (f->out, name, NULL);
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return g_strdup ("");
  return g_strstrip (text);
}

static void
log_out (Fixture    *f,
         const char *name)
{
  g_autofree char *text = read_out (f, name);
  g_test_message ("%s:\n%s", name, text);
}

/* The AT-SPI checks kiosk-session.sh ran, on the start page and the results. */
static void
assert_accessible (Fixture *f)
{
  const char *pages[] = { "a11y-start", "a11y-results", "a11y-service", "a11y-preferences" };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *status_name = g_strconcat (pages[i], ".status", NULL);
      g_autofree char *status = read_out (f, status_name);
      g_autofree char *problems = read_out (f, pages[i]);
      g_autofree char *path = g_build_filename (f->out, status_name, NULL);

      /* A service and Preferences are reached with keys through X only. */
      if (!g_file_test (path, G_FILE_TEST_EXISTS) && i >= 2)
        continue;

      if (!g_str_equal (status, "0"))
        g_error ("AT-SPI found problems (%s):\n%s", status, problems);
    }
}

/* A screen reader hears the results' count and a spelling correction as they change: the
 * status labels' names change, and AT-SPI says so. */
static void
assert_announced (Fixture *f)
{
  g_autofree char *events = read_out (f, "events");
  g_auto (GStrv) lines = g_strsplit (events, "\n", -1);
  gboolean count = FALSE, correction = FALSE;

  log_out (f, "events");
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (strstr (lines[i], "accessible-name") == NULL || strstr (lines[i], "status bar") == NULL)
        continue;
      if (strstr (lines[i], "services") != NULL)
        count = TRUE;
      if (strstr (lines[i], "Showing results for") != NULL)
        correction = TRUE;
    }
  g_assert_true (count);
  g_assert_true (correction);
}

static int
results_shown (Fixture *f)
{
  g_autofree char *results = read_out (f, "results");
  return atoi (results);
}

/* Runs @argv (a display server wrapped round kiosk-session.sh) and waits for it. */
static void
run_session (Fixture     *f,
             const char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  int status;

  if (!g_spawn_sync (f->dir, (char **) argv, f->env, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     &out, NULL, &status, &error))
    g_error ("could not start %s: %s", argv[0], error->message);
  log_out (f, "app.log");
  log_out (f, "probe.log");
  log_out (f, "window");
  log_out (f, "results");
}

/* ---- cage ------------------------------------------------------------------------------ */

/* Whether column @x (or row @y, when @x is -1) of @pixbuf has any pixel that is not the
 * compositor's black background. */
static gboolean
line_has_app (GdkPixbuf *pixbuf,
              int        x,
              int        y)
{
  int width = gdk_pixbuf_get_width (pixbuf), height = gdk_pixbuf_get_height (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf), channels = gdk_pixbuf_get_n_channels (pixbuf);
  const guchar *pixels = gdk_pixbuf_read_pixels (pixbuf);
  int n = x >= 0 ? height : width;

  for (int i = 0; i < n; i++)
    {
      const guchar *p = pixels + (x >= 0 ? i * stride + x * channels : y * stride + i * channels);
      if (p[0] > 40 || p[1] > 40 || p[2] > 40)
        return TRUE;
    }
  return FALSE;
}

static void
test_cage_kiosk (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *cage = g_find_program_in_path ("cage");
  g_autofree char *script = sp_test_source_path ("tests", "kiosk-session.sh", NULL);
  g_autofree char *runtime = g_build_filename (f->dir, "run", NULL);
  g_autofree char *start = g_build_filename (f->out, "start.png", NULL);
  g_autofree char *results = g_build_filename (f->out, "results.png", NULL);
  g_autoptr (GdkPixbuf) pixbuf = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *screenshots = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "screenshots", NULL);
  const char *as_nobody[] = { "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                              "dbus-run-session", "--", "cage", "--", "sh", script, f->out, NULL };

  g_assert_nonnull (cage);
  g_mkdir (runtime, 0700);
  f->env = g_environ_setenv (f->env, "XDG_RUNTIME_DIR", runtime, TRUE);
  f->env = g_environ_setenv (f->env, "SIGNPOST_ARGS", "--kiosk", TRUE);
  f->env = g_environ_setenv (f->env, "SCREENSHOT", "grim", TRUE);
  /* The headless output, in software. */
  f->env = g_environ_setenv (f->env, "WLR_BACKENDS", "headless", TRUE);
  f->env = g_environ_setenv (f->env, "WLR_RENDERER", "pixman", TRUE);
  f->env = g_environ_setenv (f->env, "WLR_LIBINPUT_NO_DEVICES", "1", TRUE);
  /* wlroots 0.15's headless output fails every commit while it has a "hardware" cursor
   * plane: it stops showing new frames after the first few (the window stuck at its first
   * size, on "Getting the directory ready…"). A software cursor is what a real kiosk's
   * screen gets anyway. See README, "A library kiosk". */
  f->env = g_environ_setenv (f->env, "WLR_NO_HARDWARE_CURSORS", "1", TRUE);
  if (getuid () == 0)
    give_to_nobody (f->dir);
  run_session (f, getuid () == 0 ? as_nobody : as_nobody + 4);

  /* The later picture: the output has had the whole session to show the window's size. */
  pixbuf = gdk_pixbuf_new_from_file (results, &error);
  g_assert_no_error (error);
  g_mkdir_with_parents (screenshots, 0755);
  {
    g_autofree char *keep = g_build_filename (screenshots, "kiosk-cage-start.png", NULL);
    g_autofree char *keep_results = g_build_filename (screenshots, "kiosk-cage-results.png", NULL);
    g_autofree char *bytes = NULL;
    gsize length;
    if (g_file_get_contents (start, &bytes, &length, NULL))
      g_file_set_contents (keep, bytes, length, NULL);
    g_clear_pointer (&bytes, g_free);
    if (g_file_get_contents (results, &bytes, &length, NULL))
      g_file_set_contents (keep_results, bytes, length, NULL);
  }
  /* The app covers the output: its last column and row are the app's, not cage's black. */
  g_assert_true (line_has_app (pixbuf, gdk_pixbuf_get_width (pixbuf) - 1, -1));
  g_assert_true (line_has_app (pixbuf, -1, gdk_pixbuf_get_height (pixbuf) - 1));
  {
    g_autofree char *window = read_out (f, "window");
    g_autofree char *expected = g_strdup_printf ("%d %d", gdk_pixbuf_get_width (pixbuf), gdk_pixbuf_get_height (pixbuf));
    /* "x y width height": the size is the output's */
    g_assert_true (g_str_has_suffix (window, expected));
  }
  g_assert_cmpint (results_shown (f), >, 0);
  assert_accessible (f);
  assert_announced (f);
}

/* ---- a bare X server --------------------------------------------------------------------- */

typedef struct
{
  int x, y, width, height;
} Geometry;

/* Reads xdotool's --shell geometries from @text. */
static GArray *
parse_geometries (const char *text)
{
  GArray *all = g_array_new (FALSE, TRUE, sizeof (Geometry));
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  Geometry g = { 0 };

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (sscanf (lines[i], "X=%d", &g.x) == 1 || sscanf (lines[i], "Y=%d", &g.y) == 1 ||
          sscanf (lines[i], "WIDTH=%d", &g.width) == 1)
        continue;
      if (sscanf (lines[i], "HEIGHT=%d", &g.height) == 1)
        g_array_append_val (all, g);
    }
  return all;
}

/* Starts an X server of its own on a free display, with no window manager. */
static GPid
start_xvfb (char **display,
            int   *out_fd)
{
  g_autoptr (GError) error = NULL;
  GPid pid;
  char buffer[32] = { 0 };
  ssize_t n;
  const char *argv[] = { "Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp", NULL };

  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                 G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL | G_SPAWN_DO_NOT_REAP_CHILD,
                                 NULL, NULL, &pid, NULL, out_fd, NULL, &error))
    g_error ("Xvfb: %s", error->message);
  /* It writes its display's number once it takes connections. The pipe stays open while
   * it runs: a write to a closed one would end it. */
  n = read (*out_fd, buffer, sizeof buffer - 1);
  g_assert_cmpint (n, >, 0);
  *display = g_strdup_printf (":%d", atoi (buffer));
  return pid;
}

static void
stop (GPid pid)
{
  kill (pid, SIGTERM);
  waitpid (pid, NULL, 0);
  g_spawn_close_pid (pid);
}

static void
run_under_bare_x (Fixture    *f,
                  const char *app_args)
{
  g_autofree char *script = sp_test_source_path ("tests", "kiosk-session.sh", NULL);
  g_autofree char *display = NULL;
  const char *argv[] = { "dbus-run-session", "--", "sh", script, f->out, NULL };
  int xvfb_out;
  GPid xvfb = start_xvfb (&display, &xvfb_out);

  f->env = g_environ_setenv (f->env, "DISPLAY", display, TRUE);
  f->env = g_environ_setenv (f->env, "GDK_BACKEND", "x11", TRUE);
  f->env = g_environ_setenv (f->env, "SIGNPOST_ARGS", app_args, TRUE);
  run_session (f, argv);
  stop (xvfb);
  close (xvfb_out);
}

static void
test_bare_x_kiosk (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *window = NULL;
  g_autofree char *windows = NULL;
  g_autoptr (GArray) main_window = NULL;
  g_autoptr (GArray) shown = NULL;
  g_autofree char *settings_dir = g_build_filename (f->dir, "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (settings_dir, "keyfile", NULL);
  gboolean prompt_seen = FALSE;

  /* The shortest quiet time there is, to see "Are you still there?" placed. */
  g_mkdir_with_parents (settings_dir, 0755);
  g_assert_true (g_file_set_contents (keyfile, "[org/signpost/Signpost]\nkiosk-idle-seconds=uint32 30\n", -1, NULL));
  f->env = g_environ_setenv (f->env, "GSETTINGS_BACKEND", "keyfile", TRUE);
  f->env = g_environ_setenv (f->env, "WAIT_FOR_PROMPT", "30", TRUE);
  run_under_bare_x (f, "--kiosk");

  window = read_out (f, "x-window");
  log_out (f, "x-window");
  log_out (f, "x-windows");
  main_window = parse_geometries (window);
  g_assert_cmpuint (main_window->len, ==, 1);
  /* The whole screen, with no window manager to make it so. */
  g_assert_cmpint (g_array_index (main_window, Geometry, 0).x, ==, 0);
  g_assert_cmpint (g_array_index (main_window, Geometry, 0).y, ==, 0);
  g_assert_cmpint (g_array_index (main_window, Geometry, 0).width, ==, 1280);
  g_assert_cmpint (g_array_index (main_window, Geometry, 0).height, ==, 800);
  g_assert_cmpint (results_shown (f), >, 0);

  /* The prompt, over the middle of the screen. */
  windows = read_out (f, "x-windows");
  shown = parse_geometries (windows);
  for (guint i = 0; i < shown->len; i++)
    {
      Geometry *g = &g_array_index (shown, Geometry, i);
      if (g->width == 1280 && g->height == 800)
        continue;
      if (g->width <= 1)
        continue;
      prompt_seen = TRUE;
      g_assert_cmpint (ABS (g->x + g->width / 2 - 640), <=, 2);
      g_assert_cmpint (ABS (g->y + g->height / 2 - 400), <=, 2);
    }
  g_assert_true (prompt_seen);
  assert_accessible (f);
}

static void
test_bare_x_desktop_accessible (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *preferences = g_build_filename (f->out, "a11y-preferences.status", NULL);
  g_autofree char *service = g_build_filename (f->out, "a11y-service.status", NULL);

  run_under_bare_x (f, "");
  g_assert_true (g_file_test (preferences, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (service, G_FILE_TEST_EXISTS));
  assert_announced (f);
  g_assert_cmpint (results_shown (f), >, 0);
  assert_accessible (f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/signpost/real-app/cage-kiosk", Fixture, NULL, fixture_set_up, test_cage_kiosk, fixture_tear_down);
  g_test_add ("/signpost/real-app/bare-x-kiosk", Fixture, NULL, fixture_set_up, test_bare_x_kiosk, fixture_tear_down);
  g_test_add ("/signpost/real-app/desktop-accessible", Fixture, NULL, fixture_set_up,
              test_bare_x_desktop_accessible, fixture_tear_down);
  return g_test_run ();
}
