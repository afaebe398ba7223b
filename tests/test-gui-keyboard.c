/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-keyboard.c: the Link Worker window from the keyboard alone.
 *
 * Real key presses (xdotool, through the X server) and nothing else: Tab, Shift+Tab,
 * arrows, Enter, Space, Escape and typing. A link worker signs in, makes a person and a
 * referral, finds two services for it in the directory, records wellbeing at first
 * contact, and reads the report back; at every step the focus must be on screen and
 * drawn as focused. The screens are saved as pictures on the way, to be looked at.
 */
#include "config.h"

#include <string.h>

#include "sp-gui-test.h"
#include "sp-link-worker-private.h"
#include "sp-link-worker-test.h"
#include "sp-nhs-number.h"
#include "sp-referral-report.h"

#define NEW_NAME "Testperson Alpha"

/* ---- where the focus is ------------------------------------------------------------------- */

static gboolean
focus_titled (GtkWidget *focus,
              gpointer   title)
{
  GtkWidget *row = gtk_widget_get_ancestor (focus, ADW_TYPE_PREFERENCES_ROW);

  if (GTK_IS_BUTTON (focus) && gtk_button_get_label (GTK_BUTTON (focus)) != NULL)
    return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (focus)), title) == 0;
  return row != NULL && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0;
}

/* A check box, a spin button or an entry in the row titled @title. */
static gboolean
focus_in_row (GtkWidget *focus,
              gpointer   title)
{
  return !GTK_IS_BUTTON (focus) && !GTK_IS_LIST_BOX_ROW (focus) && focus_titled (focus, title);
}

/* The view switcher's button for @title ("New Referral", "Report"). */
static gboolean
focus_on_view (GtkWidget *focus,
               gpointer   title)
{
  g_autofree char *label = NULL;

  if (!GTK_IS_TOGGLE_BUTTON (focus) || g_object_class_find_property (G_OBJECT_GET_CLASS (focus), "label") == NULL)
    return FALSE;
  g_object_get (focus, "label", &label, NULL);
  return g_strcmp0 (label, title) == 0;
}

static void
assert_focus_in_row (GtkWindow  *window,
                     const char *title)
{
  if (!focus_in_row (gtk_window_get_focus (window), (gpointer) title))
    g_error ("The focus should be on “%s”, and is on %s", title, sp_lw_focus_title (window));
}

/* A Refer button of a service not on the referral yet (its neighbour is still "Signpost"). */
static gboolean
focus_on_new_refer (GtkWidget *focus,
                    gpointer   data)
{
  GtkWidget *before = focus != NULL ? gtk_widget_get_prev_sibling (focus) : NULL;

  return focus_titled (focus, (gpointer) "Refer") && GTK_IS_BUTTON (before) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (before)), "Signpost") == 0;
}

static void
tab_to (GtkWindow  *window,
        gboolean  (*is_there) (GtkWidget *, gpointer),
        const char *what)
{
  if (!sp_lw_tab_to (window, "Tab", is_there, (gpointer) what, 80))
    g_error ("Tab never reached “%s”; the focus is on %s", what, sp_lw_focus_title (window));
}

static void
switch_view (GtkWindow  *window,
             const char *title)
{
  if (!sp_lw_tab_to (window, "shift+Tab", focus_on_view, (gpointer) title, 80))
    g_error ("Shift+Tab never reached the view “%s”; the focus is on %s", title, sp_lw_focus_title (window));
  sp_lw_key (window, "Return");
}

/* Types @text into the field titled @title, Tab-ing to it first. */
static void
fill (GtkWindow  *window,
      const char *title,
      const char *text)
{
  tab_to (window, focus_in_row, title);
  sp_lw_type (window, text);
}

static void
press (GtkWindow  *window,
       const char *button)
{
  tab_to (window, focus_titled, button);
  sp_lw_key (window, "Return");
  sp_gui_settle ();
}

/* ---- the steps ------------------------------------------------------------------------------ */

static void
sign_in (SpLwFixture *f)
{
  GtkWindow *window = GTK_WINDOW (f->window);

  sp_lw_keyboard_focus (window);
  sp_lw_shoot (GTK_WIDGET (window), "link-worker-sign-in");
  /* The only account is filled in; the passphrase has focus. */
  assert_focus_in_row (window, "Passphrase");
  sp_lw_type (window, SP_TEST_PASSPHRASE);
  sp_lw_key (window, "Return");
  sp_lw_wait_until_idle (f);
  g_assert_true (sp_referral_store_is_signed_in (sp_link_worker_window_get_store (f->window)));
  sp_lw_assert_focus_shown (window);
  sp_lw_shoot (GTK_WIDGET (window), "link-worker-caseload");
}

static char *
new_referral (SpLwFixture *f)
{
  GtkWindow *window = GTK_WINDOW (f->window);
  g_autofree char *nhs = NULL;

  for (guint64 n = 999555000; nhs == NULL; n++)
    nhs = sp_nhs_number_make_valid (n);
  switch_view (window, "New Referral");
  assert_focus_in_row (window, "Name");
  sp_lw_type (window, NEW_NAME);
  fill (window, "Date of birth (YYYY-MM-DD)", "1951-05-06");
  fill (window, "NHS number", nhs);
  fill (window, "Postcode", "ZZ99 9ZZ");
  tab_to (window, focus_in_row, "They agreed today to the referral and to sharing with the services chosen");
  sp_lw_key (window, "space");
  tab_to (window, focus_in_row, "Loneliness and isolation");
  sp_lw_key (window, "space");
  sp_lw_shoot (GTK_WIDGET (window), "link-worker-new-referral");
  press (window, "_Save Referral");
  return g_steal_pointer (&nhs);
}

/* In the new referral's page: the directory, narrowed to friendship; two services. */
static void
find_two_services (SpLwFixture *f)
{
  GtkWindow *window = GTK_WINDOW (f->window);
  g_autofree char *text = NULL;

  press (window, "_Find Services…");
  text = sp_lw_window_text (GTK_WIDGET (window));
  g_assert_nonnull (strstr (text, "Loneliness & friendship"));
  sp_lw_type (window, "lunch");
  sp_gui_wait_ms (200);
  sp_lw_key (window, "Return");   /* to the first service found */
  tab_to (window, focus_titled, "Signpost");
  sp_lw_key (window, "Return");
  tab_to (window, focus_on_new_refer, "Refer, for the next service");
  sp_lw_key (window, "Return");
  sp_lw_shoot (GTK_WIDGET (window), "link-worker-find-services");
  sp_lw_key (window, "Escape");
}

static void
first_outcome (SpLwFixture *f)
{
  GtkWindow *window = GTK_WINDOW (f->window);
  const char *ons4[] = { "6", "7", "5", "3" };

  press (window, "At F_irst Contact…");
  for (guint q = 0; q < G_N_ELEMENTS (ons4); q++)
    {
      assert_focus_in_row (window, sp_ons4_question_text (q));
      sp_lw_type (window, ons4[q]);
      sp_lw_key (window, "Tab");
    }
  for (guint i = 0; i < SP_SWEMWBS_N_ITEMS; i++)
    {
      tab_to (window, focus_in_row, sp_swemwbs_item_text (i));
      sp_lw_type (window, i % 2 == 0 ? "3" : "4");
      sp_lw_key (window, "Tab");
    }
  sp_lw_shoot (GTK_WIDGET (window), "link-worker-outcome-form");
  press (window, "_Save");
}

/* The report, read from the screen, says what the store's referrals add up to. */
static void
read_report (SpLwFixture *f)
{
  GtkWindow *window = GTK_WINDOW (f->window);
  g_autoptr (GPtrArray) referrals = sp_referral_store_dup_referrals (sp_link_worker_window_get_store (f->window));
  SpDay today = sp_day_parse (SP_LW_TEST_TODAY);
  g_autoptr (SpReferralReport) report = sp_referral_report_new (referrals, today - 364, today);
  g_autofree char *received = sp_report_figure_format (sp_referral_report_lookup (report, "referrals_received", NULL));
  g_autofree char *rate = sp_report_figure_format (sp_referral_report_lookup (report, "accepted_rate", NULL));
  GtkWidget *row;

  switch_view (window, "Report");
  sp_gui_settle ();
  row = sp_lw_find (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, "Referrals received");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, received);
  g_assert_cmpuint (g_ascii_strtoull (received, NULL, 10), ==, 62);   /* 61 made up, and today's */
  row = sp_lw_find (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, "Accepted ÷ received");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, rate);
  sp_lw_shoot (GTK_WIDGET (window), "link-worker-report");
}

static void
test_keyboard_only (SpLwFixture  *f,
                    gconstpointer data)
{
  SpReferralStore *store;
  g_autofree char *nhs = NULL;
  SpPerson *p;
  SpReferral *r;
  g_autoptr (GPtrArray) referrals = NULL;

  sp_lw_open_window (f);
  store = sp_link_worker_window_get_store (f->window);
  sign_in (f);
  nhs = new_referral (f);
  p = sp_referral_store_find_by_nhs_number (store, nhs);
  g_assert_nonnull (p);
  g_assert_cmpstr (p->name, ==, NEW_NAME);
  g_assert_cmpint (p->consent_method, ==, SP_CONSENT_VERBAL);
  find_two_services (f);
  first_outcome (f);
  sp_lw_shoot (GTK_WIDGET (f->window), "link-worker-referral");

  referrals = sp_referral_store_referrals_of (store, p->id);
  g_assert_cmpuint (referrals->len, ==, 1);
  r = referrals->pdata[0];
  g_assert_cmpuint (r->reasons, ==, 1u << SP_REASON_LONELINESS);
  g_assert_cmpuint (r->services->len, ==, 2);
  g_assert_cmpint (g_array_index (r->services, SpServiceLink, 0).kind, ==, SP_SERVICE_LINK_SIGNPOSTED);
  g_assert_cmpint (g_array_index (r->services, SpServiceLink, 1).kind, ==, SP_SERVICE_LINK_REFERRED);
  g_assert_cmpint (r->first.ons4[SP_ONS4_LIFE_SATISFACTION], ==, 6);
  g_assert_cmpint (r->first.ons4[SP_ONS4_ANXIOUS], ==, 3);
  g_assert_cmpint (sp_outcome_swemwbs_raw (&r->first), ==, 3 + 4 + 3 + 4 + 3 + 4 + 3);
  read_report (f);
}

/* A button whose content (an AdwButtonContent) reads @text. */
static gboolean
focus_on_content (GtkWidget *focus,
                  gpointer   text)
{
  GtkWidget *child = GTK_IS_BUTTON (focus) ? gtk_button_get_child (GTK_BUTTON (focus)) : NULL;

  return ADW_IS_BUTTON_CONTENT (child) && g_strcmp0 (adw_button_content_get_label (ADW_BUTTON_CONTENT (child)), text) == 0;
}

/* The directory's own window from the keyboard alone: type, Down to the first result,
 * Enter opens it, Tab to Save and Enter saves it to the shortlist, Alt+Left goes back;
 * the focus drawn at every step. */
static void
test_directory_from_the_keyboard (void)
{
  SpGuiFixture f = { 0 };
  GtkWindow *window;

  sp_gui_fixture_open (&f, FALSE, 1280, 900);
  window = GTK_WINDOW (f.window);
  sp_lw_keyboard_focus (window);
  sp_lw_type (window, "memory");
  sp_gui_wait_ms (300);
  sp_lw_key (window, "Down");
  sp_lw_assert_focus_shown (window);
  sp_lw_key (window, "Return");
  sp_gui_wait_ms (300);
  g_assert_nonnull (sp_service_page_get_detail (sp_window_get_service_page (f.window)));
  tab_to (window, focus_on_content, "_Save");
  sp_lw_assert_focus_shown (window);
  sp_lw_key (window, "Return");
  sp_gui_settle ();
  g_assert_cmpuint (sp_shortlist_get_count (sp_window_get_shortlist (f.window)), ==, 1);
  sp_lw_shoot (GTK_WIDGET (window), "keyboard-saved");

  /* Back to the results, the focus still drawn. (Preferences is the application's, which
   * this in-process window has not: test-real-app opens it with Ctrl+comma.) */
  sp_lw_key (window, "alt+Left");
  sp_gui_wait_ms (300);
  sp_lw_assert_focus_shown (window);
  sp_gui_fixture_close (&f);
}

int
main (int   argc,
      char *argv[])
{
  sp_gui_test_init (&argc, &argv);
  g_test_add ("/signpost/gui/keyboard/referral-from-the-keyboard", SpLwFixture, NULL, sp_lw_fixture_set_up,
              test_keyboard_only, sp_lw_fixture_tear_down);
  g_test_add_func ("/signpost/gui/keyboard/directory-from-the-keyboard", test_directory_from_the_keyboard);
  return g_test_run ();
}
