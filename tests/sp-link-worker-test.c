/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-link-worker-test.c: what the Link Worker window's GUI tests share.
 *
 * Every fixture has its own data folder: a training referral store (NHS numbers from the
 * 999 range, names "Testperson …", postcodes in ZZ99) with one person the tests look for
 * and a generated caseload around them, and the sample directory with its search index.
 * Key presses are real X events (xdotool, XTEST) sent to the window's X window, since
 * GTK 4 has no way to inject them.
 */
#include "config.h"

#include <string.h>
#include <adwaita.h>
#include <gdk/x11/gdkx.h>

#include "sp-gui-test.h"
#include "sp-link-worker-test.h"
#include "sp-nhs-number.h"
#include "sp-search-index.h"
#include "sp-test-sql.h"
#include "sp-test-store.h"
#include "sp-test-util.h"

/* The person every test looks for, with a referral in the sample directory's services. */
static void
add_known_person (SpLwFixture     *f,
                  SpReferralStore *store,
                  SpStore         *directory)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpPerson) p = sp_test_person_new (1000);
  g_autoptr (SpReferral) r = NULL;
  g_autofree char *service_id = sp_test_sql_text (directory, "SELECT id FROM service ORDER BY name, id LIMIT 1", NULL);
  g_autofree char *service_name = sp_test_sql_text (directory, "SELECT name FROM service WHERE id = ?1", service_id);

  g_free (p->name);
  p->name = g_strdup (SP_LW_TEST_NAME);
  g_free (p->phone);
  p->phone = g_strdup (SP_LW_TEST_PHONE);
  g_free (p->postcode);
  p->postcode = g_strdup (SP_LW_TEST_POSTCODE);
  f->nhs_number = g_strdup (p->nhs_number);
  g_assert_true (sp_referral_store_save_person (store, p, &error));
  f->person_id = g_strdup (p->id);
  r = sp_test_referral_new (p, 1, sp_day_parse ("2026-11-20"));
  sp_referral_change_status (r, SP_REFERRAL_STATUS_CONTACTED, NULL, SP_TEST_ACCOUNT, 1795000000, NULL);
  sp_referral_change_status (r, SP_REFERRAL_STATUS_ACCEPTED, NULL, SP_TEST_ACCOUNT, 1795100000, NULL);
  g_assert_nonnull (service_id);
  sp_referral_add_service (r, service_id, service_name, SP_SERVICE_LINK_REFERRED, sp_day_parse ("2026-11-25"));
  r->first.swemwbs_raw = 18;
  r->review.swemwbs_raw = 24;
  r->next_contact_on = sp_day_parse (SP_LW_TEST_TODAY);
  g_assert_true (sp_referral_store_save_referral (store, r, &error));
  f->referral_id = g_strdup (r->id);
}

void
sp_lw_fixture_set_up (SpLwFixture  *f,
                      gconstpointer data)
{
  g_autoptr (SpReferralStore) store = NULL;
  g_autoptr (SpStore) directory = NULL;

  f->dir = sp_test_make_tmpdir ();
  f->data_dir = g_build_filename (f->dir, "data", NULL);
  store = sp_test_referral_store_new (f->data_dir);
  directory = sp_test_open_sample_store (f->data_dir);
  add_known_person (f, store, directory);
  sp_test_generate_caseload (store, 40, 60, sp_day_parse ("2026-01-05"), sp_day_parse ("2026-11-30"), 11);
}

/* The window on the fixture's data folder, at its sign-in page, with the directory open. */
void
sp_lw_open_window (SpLwFixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *db = g_build_filename (f->data_dir, "directory.sqlite", NULL);
  g_autoptr (SpStore) directory = sp_store_open (db, &error);
  SpSearchIndex *index;

  g_assert_no_error (error);
  index = sp_search_index_open (directory, NULL, &error);
  g_assert_no_error (error);
  f->window = sp_link_worker_window_new (NULL, NULL, f->data_dir, &error);
  g_assert_no_error (error);
  g_object_ref_sink (f->window);
  sp_link_worker_window_set_directory (f->window, directory, index);
  sp_link_worker_window_set_today (f->window, sp_day_parse (SP_LW_TEST_TODAY));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 820);
  gtk_window_present (GTK_WINDOW (f->window));
  sp_gui_settle ();
}

void
sp_lw_fixture_tear_down (SpLwFixture  *f,
                         gconstpointer data)
{
  if (f->window != NULL)
    {
      sp_lw_wait_until_idle (f);
      gtk_window_destroy (GTK_WINDOW (f->window));
      g_clear_object (&f->window);
    }
  sp_gui_settle ();
  sp_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->data_dir);
  g_free (f->nhs_number);
  g_free (f->person_id);
  g_free (f->referral_id);
}

/* Every text under @widget: labels, entries, rows' titles and subtitles. */
static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  if (GTK_IS_EDITABLE (widget))
    g_string_append_printf (out, "%s\n", gtk_editable_get_text (GTK_EDITABLE (widget)));
  if (ADW_IS_PREFERENCES_ROW (widget))
    g_string_append_printf (out, "%s\n", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  if (ADW_IS_ACTION_ROW (widget))
    g_string_append_printf (out, "%s\n", adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)) ?: "");
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, out);
}

char *
sp_lw_window_text (GtkWidget *widget)
{
  GString *out = g_string_new (NULL);

  collect_text (widget, out);
  return g_string_free (out, FALSE);
}

/* The first mapped widget of @type under @widget whose title (a row's) or label (a
 * button's) is @title; any of that type when @title is NULL. */
GtkWidget *
sp_lw_find (GtkWidget  *widget,
            GType       type,
            const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget))
    {
      const char *text = ADW_IS_PREFERENCES_ROW (widget) ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget))
                         : GTK_IS_BUTTON (widget) ? gtk_button_get_label (GTK_BUTTON (widget)) : NULL;
      if (title == NULL || g_strcmp0 (text, title) == 0)
        return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = sp_lw_find (child, type, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The visible top-level window of @type (a dialog), if there is one. */
GtkWindow *
sp_lw_find_dialog (GType type)
{
  g_autoptr (GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

void
sp_lw_sign_in (SpLwFixture *f)
{
  SpReferralStore *store = sp_link_worker_window_get_store (f->window);
  GtkWidget *passphrase = sp_lw_find (GTK_WIDGET (f->window), ADW_TYPE_PASSWORD_ENTRY_ROW, NULL);
  GtkWidget *account = sp_lw_find (GTK_WIDGET (f->window), ADW_TYPE_ENTRY_ROW, "Account");
  GtkWidget *button = sp_lw_find (GTK_WIDGET (f->window), GTK_TYPE_BUTTON, "_Sign In");

  g_assert_nonnull (passphrase);
  g_assert_nonnull (button);
  /* The only account is filled in already. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (account)), ==, SP_TEST_ACCOUNT);
  gtk_editable_set_text (GTK_EDITABLE (passphrase), SP_TEST_PASSPHRASE);
  g_signal_emit_by_name (button, "clicked");
  sp_lw_wait_until_idle (f);
  g_assert_true (sp_referral_store_is_signed_in (store));
  sp_gui_settle ();
}

/* Until the thread the window runs (sign-in, a backup …) is over. */
void
sp_lw_wait_until_idle (SpLwFixture *f)
{
  gint64 until = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (sp_link_worker_window_is_busy (f->window) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (sp_link_worker_window_is_busy (f->window));
  sp_gui_settle ();
}

/* A picture of @widget as it is now, in the build folder's screenshots, to look at. */
void
sp_lw_shoot (GtkWidget  *widget,
             const char *name)
{
  g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ?: ".", "screenshots", NULL);
  g_autofree char *path = g_strdup_printf ("%s/%s.png", dir, name);

  g_mkdir_with_parents (dir, 0755);
  sp_gui_settle ();
  g_assert_true (sp_gui_save_png (widget, path));
}

/* ---- real key presses -------------------------------------------------------------------- */

/* Runs xdotool on @window's X window: "key KEYS" or "type TEXT". Focus goes to the window
 * first: with no window manager (Xvfb), a dialog does not get it by itself. */
static void
xdotool (GtkWindow  *window,
         gboolean    typing,
         const char *what)
{
  g_autoptr (GError) error = NULL;
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));
  const char *key[] = { "xdotool", "windowfocus", "--sync", xid, "key", "--clearmodifiers", what, NULL };
  const char *type[] = { "xdotool", "windowfocus", "--sync", xid, "type", "--delay", "30", what, NULL };
  int status = 0;

  g_spawn_sync (NULL, (char **) (typing ? type : key), NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  sp_gui_wait_ms (60);
}

/* Gives @window the X server's keyboard focus, as a window manager would when it shows. */
void
sp_lw_keyboard_focus (GtkWindow *window)
{
  xdotool (window, FALSE, "shift");
}

/* Presses @keys ("Tab", "shift+Tab", "Return", "Down"…) in @window. */
void
sp_lw_key (GtkWindow  *window,
           const char *keys)
{
  xdotool (window, FALSE, keys);
}

/* Types @text in @window, a key at a time. */
void
sp_lw_type (GtkWindow  *window,
            const char *text)
{
  xdotool (window, TRUE, text);
}

/* What has focus, for a failing test to say: its row's title, or its label, or its type. */
const char *
sp_lw_focus_title (GtkWindow *window)
{
  GtkWidget *focus = gtk_window_get_focus (window);
  GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, ADW_TYPE_PREFERENCES_ROW) : NULL;

  if (row != NULL)
    return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  if (focus != NULL && GTK_IS_BUTTON (focus) && gtk_button_get_label (GTK_BUTTON (focus)) != NULL)
    return gtk_button_get_label (GTK_BUTTON (focus));
  return focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "(nothing)";
}

/* Someone at the keyboard can see where they are: the window shows focus, and the focused
 * widget is drawn as focused (GTK's :focus-visible). */
void
sp_lw_assert_focus_shown (GtkWindow *window)
{
  GtkWidget *focus = gtk_window_get_focus (window);

  /* The X server's focus events may come a little after the key press's. */
  for (guint i = 0; i < 20 && !(focus != NULL && gtk_window_get_focus_visible (window) &&
                                (gtk_widget_get_state_flags (focus) & GTK_STATE_FLAG_FOCUS_VISIBLE)); i++)
    {
      sp_gui_wait_ms (50);
      focus = gtk_window_get_focus (window);
    }
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_get_mapped (focus));
  g_assert_true (gtk_window_get_focus_visible (window));
  if (!(gtk_widget_get_state_flags (focus) & GTK_STATE_FLAG_FOCUS_VISIBLE))
    g_error ("The focus on %s (%s) is not shown", G_OBJECT_TYPE_NAME (focus), sp_lw_focus_title (window));
}

/* Presses @key until @is_there says the focus is where the test wants it, at most @most
 * times, checking at every step that the focus can be seen. */
gboolean
sp_lw_tab_to (GtkWindow  *window,
              const char *key,
              gboolean  (*is_there) (GtkWidget *focus, gpointer data),
              gpointer    data,
              guint       most)
{
  for (guint i = 0; i < most; i++)
    {
      GtkWidget *focus = gtk_window_get_focus (window);

      if (focus != NULL && is_there (focus, data))
        return TRUE;
      sp_lw_key (window, key);
      sp_lw_assert_focus_shown (window);
    }
  return gtk_window_get_focus (window) != NULL && is_there (gtk_window_get_focus (window), data);
}
