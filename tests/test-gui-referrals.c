/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-referrals.c: the Link Worker window: signing in, a new referral, the report, the
 * audit log, locking after the idle time with nothing personal left on screen; and a kiosk
 * that never opens the referral store. */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <glib/gstdio.h>

#include "sp-gui-test.h"
#include "sp-link-worker-window.h"
#include "sp-nhs-number.h"
#include "sp-referral-fixture.h"
#include "sp-test-util.h"

#define DISTINCT_NAME "Testperson Quokkawise"

typedef struct
{
  char *dir;
  char *data_dir;
  char *nhs_number;
  SpLinkWorkerWindow *window;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpReferralStore) store = NULL;
  g_autoptr (SpPerson) p = sp_test_person_new (1000);
  g_autoptr (SpReferral) r = NULL;

  f->dir = sp_test_make_tmpdir ();
  f->data_dir = g_build_filename (f->dir, "data", NULL);
  store = sp_test_referral_store_new (f->data_dir);
  g_free (p->name);
  p->name = g_strdup (DISTINCT_NAME);
  f->nhs_number = g_strdup (p->nhs_number);
  g_assert_true (sp_referral_store_save_person (store, p, &error));
  r = sp_test_referral_new (p, 1, sp_day_parse ("2026-11-20"));
  sp_referral_change_status (r, SP_REFERRAL_STATUS_CONTACTED, NULL, SP_TEST_ACCOUNT, 1795000000, NULL);
  sp_referral_change_status (r, SP_REFERRAL_STATUS_ACCEPTED, NULL, SP_TEST_ACCOUNT, 1795100000, NULL);
  sp_referral_add_service (r, "svc", "Test Befriending Circle", SP_SERVICE_LINK_REFERRED, sp_day_parse ("2026-11-25"));
  r->first.swemwbs_raw = 18;
  r->review.swemwbs_raw = 24;
  r->next_contact_on = sp_day_parse ("2026-12-08");
  g_assert_true (sp_referral_store_save_referral (store, r, &error));
  sp_test_generate_caseload (store, 40, 60, sp_day_parse ("2026-01-05"), sp_day_parse ("2026-11-30"), 11);
  g_clear_object (&store);

  f->window = sp_link_worker_window_new (NULL, NULL, f->data_dir, &error);
  g_assert_no_error (error);
  g_object_ref_sink (f->window);
  sp_link_worker_window_set_today (f->window, sp_day_parse ("2026-12-08"));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 760);
  gtk_window_present (GTK_WINDOW (f->window));
  sp_gui_settle ();
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->window);
  sp_gui_settle ();
  sp_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->data_dir);
  g_free (f->nhs_number);
}

/* Every text the window shows: labels, entries, row titles and subtitles. */
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

static char *
window_text (Fixture *f)
{
  GString *out = g_string_new (NULL);

  collect_text (GTK_WIDGET (f->window), out);
  return g_string_free (out, FALSE);
}

static GtkWidget *
find_type_with (GtkWidget  *widget,
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
      GtkWidget *found = find_type_with (child, type, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
sign_in (Fixture *f)
{
  SpReferralStore *store = sp_link_worker_window_get_store (f->window);
  GtkWidget *passphrase = find_type_with (GTK_WIDGET (f->window), ADW_TYPE_PASSWORD_ENTRY_ROW, NULL);
  GtkWidget *account = find_type_with (GTK_WIDGET (f->window), ADW_TYPE_ENTRY_ROW, "Account");
  GtkWidget *button = find_type_with (GTK_WIDGET (f->window), GTK_TYPE_BUTTON, "_Sign In");
  gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  g_assert_nonnull (passphrase);
  g_assert_nonnull (button);
  /* The only account is filled in already. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (account)), ==, SP_TEST_ACCOUNT);
  gtk_editable_set_text (GTK_EDITABLE (passphrase), SP_TEST_PASSPHRASE);
  g_signal_emit_by_name (button, "clicked");
  while (!sp_referral_store_is_signed_in (store) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (sp_referral_store_is_signed_in (store));
  sp_gui_settle ();
}

static void
shoot (Fixture    *f,
       const char *name)
{
  g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ?: ".", "screenshots", NULL);
  g_autofree char *path = g_strdup_printf ("%s/%s.png", dir, name);

  g_mkdir_with_parents (dir, 0755);
  sp_gui_settle ();
  g_assert_true (sp_gui_save_png (GTK_WIDGET (f->window), path));
}

/* Signed in, the caseload shows the person; after the idle time the window locks and no
 * personal value is anywhere on it. A wrong passphrase first is refused. */
static void
test_auto_lock (Fixture      *f,
                gconstpointer data)
{
  g_autofree char *locked_text = window_text (f);
  g_autofree char *open_text = NULL;
  g_autofree char *after = NULL;
  GtkWidget *row;

  g_assert_null (strstr (locked_text, DISTINCT_NAME));
  shoot (f, "link-worker-sign-in");
  sign_in (f);
  open_text = window_text (f);
  g_assert_nonnull (strstr (open_text, DISTINCT_NAME));
  g_assert_nonnull (strstr (open_text, "overdue") ? open_text : strstr (open_text, "due today"));
  shoot (f, "link-worker-caseload");

  /* The referral, with its SNOMED CT code for the GP record. */
  row = find_type_with (GTK_WIDGET (f->window), ADW_TYPE_ACTION_ROW, DISTINCT_NAME);
  g_assert_nonnull (row);
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  sp_gui_settle ();
  g_free (open_text);
  open_text = window_text (f);
  g_assert_nonnull (strstr (open_text, "871731000000106 Referral to social prescribing service"));
  g_assert_nonnull (strstr (open_text, "meaningful"));
  shoot (f, "link-worker-referral");

  sp_link_worker_window_show_view (f->window, "report");
  sp_gui_settle ();
  shoot (f, "link-worker-report");
  sp_link_worker_window_show_view (f->window, "audit");
  sp_gui_settle ();
  g_free (open_text);
  open_text = window_text (f);
  g_assert_nonnull (strstr (open_text, "The audit log is intact"));
  g_assert_nonnull (strstr (open_text, "view referral"));
  sp_link_worker_window_show_view (f->window, "new");
  shoot (f, "link-worker-new-referral");

  sp_link_worker_window_set_idle_ms (f->window, 300);
  sp_gui_wait_ms (900);
  g_assert_false (sp_referral_store_is_signed_in (sp_link_worker_window_get_store (f->window)));
  after = window_text (f);
  g_assert_null (strstr (after, DISTINCT_NAME));
  g_assert_null (strstr (after, f->nhs_number));
  g_assert_null (strstr (after, "Test Befriending Circle"));
  g_assert_null (strstr (after, SP_TEST_PASSPHRASE));
  shoot (f, "link-worker-locked");
}

static void
tick (Fixture    *f,
      const char *title)
{
  GtkWidget *row = find_type_with (GTK_WIDGET (f->window), ADW_TYPE_ACTION_ROW, title);

  g_assert_nonnull (row);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row))), TRUE);
}

/* A person and a referral made in the form are saved, with consent asked first. */
static void
test_new_referral (Fixture      *f,
                   gconstpointer data)
{
  SpReferralStore *store = sp_link_worker_window_get_store (f->window);
  g_autoptr (GPtrArray) people = NULL;
  g_autofree char *nhs = NULL;
  struct { const char *title; const char *text; } fields[] = {
    { "Name", "Testperson Newcomer" }, { "Date of birth (YYYY-MM-DD)", "1944-04-04" },
    { "NHS number", NULL }, { "Postcode", "ZZ99 3ZZ" },
  };
  GtkWidget *save;

  for (guint64 n = 999777777; nhs == NULL; n++)
    nhs = sp_nhs_number_make_valid (n);
  fields[2].text = nhs;
  sign_in (f);
  sp_link_worker_window_show_view (f->window, "new");
  sp_gui_settle ();
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkWidget *row = find_type_with (GTK_WIDGET (f->window), ADW_TYPE_ENTRY_ROW, fields[i].title);
      g_assert_nonnull (row);
      gtk_editable_set_text (GTK_EDITABLE (row), fields[i].text);
    }
  tick (f, "Loneliness and isolation");
  save = find_type_with (GTK_WIDGET (f->window), GTK_TYPE_BUTTON, "_Save Referral");
  g_signal_emit_by_name (save, "clicked");
  sp_gui_settle ();
  people = sp_referral_store_find_by_name (store, "Testperson Newcomer");
  g_assert_cmpuint (people->len, ==, 0);  /* no consent yet: nothing saved */

  tick (f, "The person agreed, today, out loud");
  g_signal_emit_by_name (save, "clicked");
  sp_gui_settle ();
  g_clear_pointer (&people, g_ptr_array_unref);
  people = sp_referral_store_find_by_name (store, "Testperson Newcomer");
  g_assert_cmpuint (people->len, ==, 1);
  {
    SpPerson *p = people->pdata[0];
    g_autoptr (GPtrArray) referrals = sp_referral_store_referrals_of (store, p->id);
    g_assert_cmpuint (referrals->len, ==, 1);
    g_assert_cmpuint (((SpReferral *) referrals->pdata[0])->reasons, ==, 1u << SP_REASON_LONELINESS);
    g_assert_cmpint (p->consent_method, ==, SP_CONSENT_VERBAL);
  }
}

static gboolean
process_has_open (GPid        pid,
                  const char *suffix)
{
  g_autofree char *fd_dir = g_strdup_printf ("/proc/%d/fd", (int) pid);
  g_autoptr (GDir) dir = g_dir_open (fd_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *link = g_build_filename (fd_dir, name, NULL);
      g_autofree char *target = g_file_read_link (link, NULL);
      if (target != NULL && strstr (target, suffix) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* The real signpost --kiosk, on a data folder that holds a referral store: once it has the
 * directory open, none of its open files is the referral store (or its WAL). */
static void
test_kiosk_never_opens (Fixture      *f,
                        gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  const char *gui = g_getenv ("SIGNPOST_GUI");
  const char *argv[] = { gui, "--kiosk", "--data-dir", f->data_dir, NULL };
  gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  GPid pid;

  g_assert_nonnull (gui);
  g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL |
                 G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  while (!process_has_open (pid, "directory.sqlite") && g_get_monotonic_time () < until)
    g_usleep (100 * 1000);
  g_assert_true (process_has_open (pid, "directory.sqlite"));
  g_usleep (1500 * 1000);  /* and a moment more, with the window up */
  g_assert_false (process_has_open (pid, "referrals.sqlite"));
  kill (pid, SIGTERM);
  g_spawn_close_pid (pid);
}

int
main (int   argc,
      char *argv[])
{
  sp_gui_test_init (&argc, &argv);
#define ADD(path, func) g_test_add ("/signpost/gui/referrals/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("auto-lock", test_auto_lock);
  ADD ("new-referral", test_new_referral);
  ADD ("kiosk-never-opens", test_kiosk_never_opens);
#undef ADD
  return g_test_run ();
}
