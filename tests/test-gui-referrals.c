/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-referrals.c: the Link Worker window: signing in, a referral's page, its slip
 * (which carries nothing about the person), the outcome forms, locking after the idle time
 * and with the screen (a private D-Bus), and a kiosk that never opens the referral store. */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <glib/gstdio.h>

#include "sp-caseload-view.h"
#include "sp-gui-test.h"
#include "sp-link-worker-private.h"
#include "sp-link-worker-test.h"
#include "sp-nhs-number.h"
#include "sp-report-view.h"
#include "sp-store-testing.h"
#include "sp-test-util.h"

typedef SpLwFixture Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  sp_lw_fixture_set_up (f, data);
  sp_lw_open_window (f);
}

static char *
text_of (Fixture *f)
{
  return sp_lw_window_text (GTK_WIDGET (f->window));
}

/* Nothing of the known person is anywhere on the window. */
static void
assert_nothing_personal (Fixture *f)
{
  g_autofree char *text = text_of (f);
  g_autofree char *nhs = sp_nhs_number_format (f->nhs_number);

  g_assert_null (strstr (text, SP_LW_TEST_NAME));
  g_assert_null (strstr (text, f->nhs_number));
  g_assert_null (strstr (text, nhs));
  g_assert_null (strstr (text, SP_LW_TEST_PHONE));
  g_assert_null (strstr (text, SP_LW_TEST_POSTCODE));
  g_assert_null (strstr (text, "Testperson"));
  g_assert_null (strstr (text, SP_TEST_PASSPHRASE));
}

/* Signed in, the caseload lists the person with what is due; their referral shows its
 * SNOMED CT code and the SWEMWBS change against the threshold. After the idle time the
 * window locks and nothing personal is left on it. */
static void
test_idle_lock (Fixture      *f,
                gconstpointer data)
{
  g_autofree char *text = NULL;

  assert_nothing_personal (f);
  sp_lw_sign_in (f);
  text = text_of (f);
  g_assert_nonnull (strstr (text, SP_LW_TEST_NAME));
  g_assert_nonnull (strstr (text, "due today"));
  sp_link_worker_window_open_referral (f->window, f->referral_id);
  sp_gui_settle ();
  g_free (text);
  text = text_of (f);
  g_assert_nonnull (strstr (text, "871731000000106 Referral to social prescribing service"));
  g_assert_nonnull (strstr (text, "17.43 → 21.54, +4.11: a meaningful improvement (2.87 or more)"));
  g_assert_nonnull (strstr (text, "Contact due today."));

  sp_link_worker_window_set_idle_ms (f->window, 300);
  sp_gui_wait_ms (900);
  g_assert_false (sp_referral_store_is_signed_in (sp_link_worker_window_get_store (f->window)));
  assert_nothing_personal (f);
  g_free (text);
  text = text_of (f);
  g_assert_nonnull (strstr (text, "Locked after a time without use"));
}

/* The screen locking (GNOME's screensaver, or logind) locks the window too: keys wiped,
 * nothing personal on screen. The signals come over a private bus the test starts. */
static void
test_screen_lock (void)
{
  Fixture fixture = { 0 }, *f = &fixture;
  g_autoptr (GTestDBus) bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_autoptr (GDBusConnection) sender = NULL;
  g_autoptr (GError) error = NULL;
  SpReferralStore *store;

  g_test_dbus_up (bus);
  /* logind's signal comes on the system bus: here, the same private one. */
  g_setenv ("DBUS_SYSTEM_BUS_ADDRESS", g_test_dbus_get_bus_address (bus), TRUE);
  fixture_set_up (f, NULL);
  store = sp_link_worker_window_get_store (f->window);
  sender = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (bus),
                                                   G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                   G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION, NULL, NULL, &error);
  g_assert_no_error (error);

  sp_lw_sign_in (f);
  sp_link_worker_window_open_referral (f->window, f->referral_id);
  sp_gui_settle ();
  /* The screensaver going away is not a lock. */
  g_dbus_connection_emit_signal (sender, NULL, "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged",
                                 g_variant_new ("(b)", FALSE), &error);
  sp_gui_wait_ms (300);
  g_assert_true (sp_referral_store_is_signed_in (store));
  g_dbus_connection_emit_signal (sender, NULL, "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged",
                                 g_variant_new ("(b)", TRUE), &error);
  g_assert_no_error (error);
  sp_gui_wait_ms (300);
  g_assert_false (sp_referral_store_is_signed_in (store));
  assert_nothing_personal (f);

  /* logind's Lock, from the name logind owns. */
  sp_lw_sign_in (f);
  g_assert_cmpint (g_dbus_connection_call_sync (sender, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                "org.freedesktop.DBus", "RequestName",
                                                g_variant_new ("(su)", "org.freedesktop.login1", 0), NULL,
                                                G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error) != NULL, ==, TRUE);
  g_assert_no_error (error);
  g_dbus_connection_emit_signal (sender, NULL, "/org/freedesktop/login1/session/_31", "org.freedesktop.login1.Session",
                                 "Lock", NULL, &error);
  sp_gui_wait_ms (300);
  g_assert_false (sp_referral_store_is_signed_in (store));
  assert_nothing_personal (f);

  sp_lw_fixture_tear_down (f, NULL);
  g_clear_object (&sender);
  g_test_dbus_down (bus);
  g_unsetenv ("DBUS_SYSTEM_BUS_ADDRESS");
}

/* The @n-th (from 0) mapped button labelled @label under @widget. */
static GtkWidget *
nth_button (GtkWidget  *widget,
            const char *label,
            guint      *n)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0 && (*n)-- == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = nth_button (child, label, n);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
click_nth (Fixture    *f,
           const char *label,
           guint       n)
{
  GtkWidget *button = nth_button (GTK_WIDGET (f->window), label, &n);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  sp_gui_settle ();
}

static void
click (Fixture    *f,
       const char *label)
{
  click_nth (f, label, 0);
}

/* A referral with services found in the directory from inside it: the search starts from
 * the category of its reason, and the slip of its services, printed to a file, holds the
 * services and none of the person's details. */
static void
test_slip_without_personal_data (Fixture      *f,
                                 gconstpointer data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "slip.pdf", NULL);
  g_autofree char *uri = g_filename_to_uri (pdf, NULL, NULL);
  g_autofree char *command = g_strdup_printf ("pdftotext -layout '%s' -", pdf);
  g_autofree char *text = NULL;
  g_autofree char *slip = NULL;
  g_autofree char *nhs = sp_nhs_number_format (f->nhs_number);
  SpReferral *r;
  gint64 until;

  sp_lw_sign_in (f);
  sp_link_worker_window_open_referral (f->window, f->referral_id);
  sp_gui_settle ();
  click (f, "_Find Services…");
  text = text_of (f);
  g_assert_nonnull (strstr (text, "Money & benefits"));  /* the reason (money) is the topic */
  click (f, "Signpost");
  click_nth (f, "Refer", 1);
  r = sp_referral_store_get_referral (sp_link_worker_window_get_store (f->window), f->referral_id);
  g_assert_cmpuint (r->services->len, ==, 3);
  g_assert_cmpint (g_array_index (r->services, SpServiceLink, 1).kind, ==, SP_SERVICE_LINK_SIGNPOSTED);
  g_assert_cmpint (g_array_index (r->services, SpServiceLink, 2).kind, ==, SP_SERVICE_LINK_REFERRED);

  click (f, "_Done");
  sp_link_worker_window_set_slip_output (f->window, uri);
  click (f, "_Print Slip…");
  for (until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC; !g_file_test (pdf, G_FILE_TEST_EXISTS) &&
       g_get_monotonic_time () < until;)
    sp_gui_wait_ms (100);
  g_assert_true (g_spawn_command_line_sync (command, &slip, NULL, NULL, NULL));
  for (guint i = 0; i < r->services->len; i++)
    {
      g_auto (GStrv) words = g_strsplit (g_array_index (r->services, SpServiceLink, i).service_name, " ", 2);
      g_assert_nonnull (strstr (slip, words[0]));
    }
  g_assert_null (strstr (slip, "Testperson"));
  g_assert_null (strstr (slip, "Quokkawise"));
  g_assert_null (strstr (slip, f->nhs_number));
  g_assert_null (strstr (slip, nhs));
  g_assert_null (strstr (slip, SP_LW_TEST_PHONE));
  g_assert_null (strstr (slip, SP_LW_TEST_POSTCODE));
  g_assert_null (strstr (slip, "1930"));  /* the date of birth's year */
}

/* Finding services when the directory's topics cannot be read: the page says why and
 * offers all topics, rather than quietly leave out the referral's own. */
static void
test_find_services_unreadable_topics (Fixture      *f,
                                      gconstpointer data)
{
  g_autofree char *text = NULL;

  sp_lw_sign_in (f);
  sp_link_worker_window_open_referral (f->window, f->referral_id);
  sp_gui_settle ();
  sp_store_inject_step_failure (sp_link_worker_window_get_directory (f->window),
                                "WHERE parent_id IS NULL AND name IS NOT NULL", 0, SP_STORE_FAULT_IO);
  click (f, "_Find Services…");
  text = text_of (f);
  g_assert_nonnull (strstr (text, "reading its topics"));
  g_assert_nonnull (strstr (text, "All topics"));
  g_assert_null (strstr (text, "Money & benefits"));
}

static void
set_answer (GtkWidget *form,
            const char *question,
            int         value)
{
  GtkWidget *row = sp_lw_find (form, ADW_TYPE_ACTION_ROW, question);
  GtkWidget *spin;

  g_assert_nonnull (row);
  spin = sp_lw_find (row, GTK_TYPE_SPIN_BUTTON, NULL);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
}

/* The review form keeps ONS4 answers apart and turns seven SWEMWBS answers into a metric
 * score; the referral then shows the change against the meaningful-change threshold. */
static void
test_outcome_review (Fixture      *f,
                     gconstpointer data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  g_autofree char *text = NULL;
  SpReferral *r;

  sp_lw_sign_in (f);
  sp_link_worker_window_open_referral (f->window, f->referral_id);
  sp_gui_settle ();
  click (f, "At Re_view…");
  set_answer (window, sp_ons4_question_text (SP_ONS4_HAPPY), 8);
  set_answer (window, sp_ons4_question_text (SP_ONS4_ANXIOUS), 2);
  for (guint i = 0; i < SP_SWEMWBS_N_ITEMS; i++)
    set_answer (window, sp_swemwbs_item_text (i), i < 2 ? 4 : 3);
  sp_gui_settle ();
  text = text_of (f);
  g_assert_nonnull (strstr (text, "Often"));
  g_assert_nonnull (strstr (text, "20.73 (raw 23)"));  /* 4+4+3+3+3+3+3 */
  click (f, "_Save");
  r = sp_referral_store_get_referral (sp_link_worker_window_get_store (f->window), f->referral_id);
  g_assert_cmpint (r->review.ons4[SP_ONS4_HAPPY], ==, 8);
  g_assert_cmpint (r->review.ons4[SP_ONS4_LIFE_SATISFACTION], ==, -1);
  g_assert_cmpint (sp_outcome_swemwbs_raw (&r->review), ==, 23);
  g_assert_cmpuint (r->review.taken_on, ==, sp_day_parse (SP_LW_TEST_TODAY));
  g_free (text);
  text = text_of (f);
  g_assert_nonnull (strstr (text, "17.43 → 20.73, +3.30: a meaningful improvement (2.87 or more)"));
}

/* A person and a referral made on the new-referral page are saved, consent asked first,
 * and the new referral is opened to find services for it. */
static void
test_new_referral (Fixture      *f,
                   gconstpointer data)
{
  SpReferralStore *store = sp_link_worker_window_get_store (f->window);
  g_autoptr (GPtrArray) people = NULL;
  g_autofree char *nhs = NULL;
  const char *titles[] = { "Name", "Date of birth (YYYY-MM-DD)", "NHS number", "Postcode" };
  const char *texts[] = { "Testperson Newcomer", "1944-04-04", NULL, "ZZ99 3ZZ" };

  for (guint64 n = 999777777; nhs == NULL; n++)
    nhs = sp_nhs_number_make_valid (n);
  texts[2] = nhs;
  sp_lw_sign_in (f);
  sp_link_worker_window_show_view (f->window, "new");
  sp_gui_settle ();
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    gtk_editable_set_text (GTK_EDITABLE (sp_lw_find (GTK_WIDGET (f->window), ADW_TYPE_ENTRY_ROW, titles[i])), texts[i]);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (adw_action_row_get_activatable_widget (
    ADW_ACTION_ROW (sp_lw_find (GTK_WIDGET (f->window), ADW_TYPE_ACTION_ROW, "Loneliness and isolation")))), TRUE);
  click (f, "_Save Referral");
  people = sp_referral_store_find_by_name (store, "Testperson Newcomer");
  g_assert_cmpuint (people->len, ==, 0);  /* no consent yet: nothing saved */

  gtk_check_button_set_active (GTK_CHECK_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (
    sp_lw_find (GTK_WIDGET (f->window), ADW_TYPE_ACTION_ROW,
                "They agreed today to the referral and to sharing with the services chosen")))), TRUE);
  click (f, "_Save Referral");
  g_clear_pointer (&people, g_ptr_array_unref);
  people = sp_referral_store_find_by_name (store, "Testperson Newcomer");
  g_assert_cmpuint (people->len, ==, 1);
  {
    SpPerson *p = people->pdata[0];
    g_autoptr (GPtrArray) referrals = sp_referral_store_referrals_of (store, p->id);
    g_autofree char *text = text_of (f);
    SpReferral *r = referrals->pdata[0];

    g_assert_cmpuint (referrals->len, ==, 1);
    g_assert_cmpuint (r->reasons, ==, 1u << SP_REASON_LONELINESS);
    g_assert_cmpint (r->source, ==, SP_REFERRAL_SOURCE_GP);
    g_assert_cmpuint (r->received_on, ==, sp_day_parse (SP_LW_TEST_TODAY));
    g_assert_cmpint (p->consent_method, ==, SP_CONSENT_VERBAL);
    g_assert_nonnull (strstr (text, "Referral of Testperson Newcomer"));
  }
}

/* Every Link Worker screen as a picture, for a person to look at, and the report's PDF. */
static void
test_screens (Fixture      *f,
              gconstpointer data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  g_autofree char *pdf = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "screenshots", "link-worker-report.pdf", NULL);
  struct { const char *view; const char *name; } views[] = {
    { "audit", "link-worker-audit-log" }, { "manage", "link-worker-manage" }, { "report", "link-worker-report-charts" },
  };

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 1180);
  sp_gui_settle ();
  sp_lw_sign_in (f);
  sp_link_worker_window_open_referral (f->window, f->referral_id);
  sp_lw_shoot (window, "link-worker-referral-full");
  click (f, "At Re_view…");
  sp_lw_shoot (window, "link-worker-outcome-review");
  sp_link_worker_window_open_person (f->window, f->person_id);
  sp_lw_shoot (window, "link-worker-person");
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      sp_link_worker_window_show_view (f->window, views[i].view);
      sp_lw_shoot (window, views[i].name);
    }
  sp_report_view_save_to (SP_REPORT_VIEW (adw_view_stack_get_child_by_name (
    ADW_VIEW_STACK (sp_lw_find (window, ADW_TYPE_VIEW_STACK, NULL)), "report")), pdf, FALSE);
  sp_lw_wait_until_idle (f);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
  gtk_widget_activate_action (window, "referrals.lock", NULL);
  sp_gui_settle ();
  assert_nothing_personal (f);
  sp_lw_shoot (window, "link-worker-locked");
}

/* A contact recorded on a new referral moves it to contacted; declining then needs the
 * person's reason, and shows the SNOMED CT code for a declined referral. */
static void
test_contact_and_status (Fixture      *f,
                         gconstpointer data)
{
  SpReferralStore *store = sp_link_worker_window_get_store (f->window);
  g_autoptr (GPtrArray) referrals = NULL;
  AdwMessageDialog *dialog;
  g_autofree char *text = NULL;
  g_autofree char *id = NULL;
  SpReferral *r = NULL;

  sp_lw_sign_in (f);
  referrals = sp_referral_store_dup_referrals (store);
  for (guint i = 0; i < referrals->len && r == NULL; i++)
    if (((SpReferral *) referrals->pdata[i])->status == SP_REFERRAL_STATUS_NEW)
      r = referrals->pdata[i];
  g_assert_nonnull (r);
  id = g_strdup (r->id);   /* a save replaces the record the store holds */
  sp_link_worker_window_open_referral (f->window, id);
  sp_gui_settle ();
  click (f, "Record a _Contact…");
  dialog = ADW_MESSAGE_DIALOG (sp_lw_find_dialog (ADW_TYPE_MESSAGE_DIALOG));
  gtk_editable_set_text (GTK_EDITABLE (sp_lw_find (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Note (optional)")),
                         "Left a message");
  adw_message_dialog_response (dialog, "record");
  gtk_window_close (GTK_WINDOW (dialog));
  sp_gui_settle ();
  r = sp_referral_store_get_referral (store, id);
  g_assert_cmpint (r->status, ==, SP_REFERRAL_STATUS_CONTACTED);
  g_assert_cmpuint (r->last_contact_on, ==, sp_day_parse (SP_LW_TEST_TODAY));

  click (f, "C_hange…");
  dialog = ADW_MESSAGE_DIALOG (sp_lw_find_dialog (ADW_TYPE_MESSAGE_DIALOG));
  adw_combo_row_set_selected (ADW_COMBO_ROW (sp_lw_find (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "New status")), 1);
  adw_message_dialog_response (dialog, "change");   /* declined, with no reason */
  gtk_window_close (GTK_WINDOW (dialog));
  sp_gui_settle ();
  g_assert_cmpint (sp_referral_store_get_referral (store, id)->status, ==, SP_REFERRAL_STATUS_CONTACTED);
  click (f, "C_hange…");
  dialog = ADW_MESSAGE_DIALOG (sp_lw_find_dialog (ADW_TYPE_MESSAGE_DIALOG));
  adw_combo_row_set_selected (ADW_COMBO_ROW (sp_lw_find (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "New status")), 1);
  gtk_editable_set_text (GTK_EDITABLE (sp_lw_find (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW,
                                                   "Why declined, or the outcome when closing")), "Not for now");
  adw_message_dialog_response (dialog, "change");
  gtk_window_close (GTK_WINDOW (dialog));
  sp_gui_settle ();
  r = sp_referral_store_get_referral (store, id);
  g_assert_cmpint (r->status, ==, SP_REFERRAL_STATUS_DECLINED);
  g_assert_cmpstr (r->declined_reason, ==, "Not for now");
  text = text_of (f);
  g_assert_nonnull (strstr (text, "871711000000103 Social prescribing declined"));
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
#define ADD(path, func) g_test_add ("/signpost/gui/referrals/" path, Fixture, NULL, fixture_set_up, func, \
                                    sp_lw_fixture_tear_down)
  ADD ("idle-lock", test_idle_lock);
  ADD ("slip-without-personal-data", test_slip_without_personal_data);
  ADD ("find-services-unreadable-topics", test_find_services_unreadable_topics);
  ADD ("outcome-review", test_outcome_review);
  ADD ("new-referral", test_new_referral);
  ADD ("kiosk-never-opens", test_kiosk_never_opens);
  ADD ("screens", test_screens);
  ADD ("contact-and-status", test_contact_and_status);
#undef ADD
  g_test_add_func ("/signpost/gui/referrals/screen-lock", test_screen_lock);
  return g_test_run ();
}
