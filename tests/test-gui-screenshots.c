/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-screenshots.c: the app's main screens rendered to PNG, for people to look at.
 *
 * Writes start page, results, service page and kiosk screens (desktop, narrow, kiosk,
 * large text, high contrast, getting the directory ready, the kiosk's dialogs) into
 * G_TEST_BUILDDIR/screenshots/. Each shot also checks what a person looking at it would
 * notice: the picture is not blank, the results list shows rows, the service's name is
 * on its page, the words of the page shown are there to read. The pictures themselves
 * are for review, not committed. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "sp-gui-test.h"
#include "sp-result-row.h"
#include "sp-slip.h"
#include "sp-ui-language.h"

#define BILSTON_MEMORY_CAFE "1c63994a-12ec-5ae3-8d9f-0e240b4ba821"
#define PUNJABI_CARERS "3c6f19ce-7b47-5702-b830-2c2ab4da8ab1"
#define BEFRIENDING "b7c4e084-deb1-514f-a4fb-4cf7f6e2be97"
/* A picture with fewer colours than this is blank, or all one flat colour: text alone,
 * smoothed, brings dozens. */
#define MIN_COLOURS 32

static char *
shot_path (const char *name)
{
  g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ?: ".", "screenshots", NULL);
  g_mkdir_with_parents (dir, 0755);
  return g_strdup_printf ("%s/%s.png", dir, name);
}

/* How many colours the picture at @path has, counting up to @most. */
static guint
count_colours (const char *path,
               guint       most)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkTexture) texture = gdk_texture_new_from_filename (path, &error);
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autofree guint32 *pixels = NULL;
  gsize n;

  g_assert_no_error (error);
  n = (gsize) gdk_texture_get_width (texture) * gdk_texture_get_height (texture);
  pixels = g_new (guint32, n);
  gdk_texture_download (texture, (guchar *) pixels, gdk_texture_get_width (texture) * 4);
  for (gsize i = 0; i < n && g_hash_table_size (seen) < most; i++)
    g_hash_table_add (seen, GUINT_TO_POINTER (pixels[i]));
  return g_hash_table_size (seen);
}

/* Writes the picture, and checks it shows something: not one flat colour. */
static void
shoot_widget (GtkWidget  *widget,
              const char *name)
{
  g_autofree char *path = shot_path (name);

  sp_gui_settle ();
  g_assert_true (sp_gui_save_png (widget, path));
  g_test_message ("wrote %s", path);
  g_assert_cmpuint (count_colours (path, MIN_COLOURS), >=, MIN_COLOURS);
}

static void
shoot (SpGuiFixture *f,
       const char   *name)
{
  shoot_widget (GTK_WIDGET (f->window), name);
}

static SpSearchPage *
page_of (SpGuiFixture *f)
{
  return sp_window_get_search_page (f->window);
}

/* Whether a label reading @text is on screen in @widget, where a person would see it. */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  GtkWidget *label = sp_gui_find_labelled (widget, GTK_TYPE_LABEL, text);

  return label != NULL && gtk_widget_is_drawable (label);
}

/* How many result rows are drawn in @widget inside their list's visible part, and whether
 * one of them is @name's. */
static guint
rows_in_view (GtkWidget  *widget,
              const char *name,
              gboolean   *has_name)
{
  guint n = 0;

  if (SP_IS_RESULT_ROW (widget) && gtk_widget_is_drawable (widget))
    {
      GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
      graphene_rect_t bounds;

      if (scroller != NULL && gtk_widget_compute_bounds (widget, scroller, &bounds) &&
          bounds.origin.y < gtk_widget_get_height (scroller) && bounds.origin.y + bounds.size.height > 0)
        {
          SpResult *result = sp_result_row_get_result (SP_RESULT_ROW (widget));
          if (name != NULL && g_strcmp0 (sp_result_get_name (result), name) == 0)
            *has_name = TRUE;
          return 1;
        }
      return 0;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += rows_in_view (child, name, has_name);
  return n;
}

/* The results list shows at least @at_least rows a person can see, @name's (nullable)
 * among them. */
static void
assert_results_shown (SpGuiFixture *f,
                      guint         at_least,
                      const char   *name)
{
  gboolean has_name = name == NULL;
  guint shown = rows_in_view (GTK_WIDGET (page_of (f)), name, &has_name);

  g_test_message ("%u result rows in view", shown);
  g_assert_cmpstr (sp_search_page_get_visible_name (page_of (f)), ==, "results");
  g_assert_cmpuint (shown, >=, at_least);
  g_assert_cmpuint (shown, <=, g_list_model_get_n_items (sp_search_page_get_results (page_of (f))));
  g_assert_true (has_name);
}

/* The service page is on screen with the service's name and when it meets. */
static void
assert_service_shown (SpGuiFixture *f,
                      const char   *name,
                      const char   *when)
{
  GtkWidget *page = GTK_WIDGET (sp_window_get_service_page (f->window));
  g_autofree char *text = sp_service_page_dup_text (sp_window_get_service_page (f->window));

  g_assert_true (gtk_widget_is_drawable (page));
  g_assert_true (shows_label (page, name));
  g_assert_nonnull (strstr (text, when));
}

static void
test_desktop (void)
{
  SpGuiFixture f = { 0 };

  /* 900 high: with Noto Sans, which the fonts for Gurmukhi and Urdu bring and fontconfig
   * then prefers, five result rows need more than 800. */
  sp_gui_fixture_open (&f, FALSE, 1280, 900);
  shoot (&f, "desktop-start");
  g_assert_cmpstr (sp_search_page_get_visible_name (page_of (&f)), ==, "start");
  g_assert_true (shows_label (GTK_WIDGET (page_of (&f)), "Memory & dementia"));
  sp_gui_type (f.window, "memory cafe");
  shoot (&f, "desktop-results");
  assert_results_shown (&f, 5, "Bilston Memory Café");
  g_action_group_activate_action (G_ACTION_GROUP (f.window), "high-contrast", NULL);
  shoot (&f, "desktop-results-contrast");
  assert_results_shown (&f, 5, "Bilston Memory Café");
  g_action_group_activate_action (G_ACTION_GROUP (f.window), "high-contrast", NULL);
  sp_window_open_service (f.window, BILSTON_MEMORY_CAFE);
  shoot (&f, "desktop-service");
  assert_service_shown (&f, "Bilston Memory Café", "Every second Tuesday of the month");
  gtk_editable_set_text (sp_search_page_get_entry (page_of (&f)), "zzqqxx");
  shoot (&f, "desktop-nothing-found");
  g_assert_true (shows_label (GTK_WIDGET (page_of (&f)), "Nothing found for “zzqqxx”"));
  /* What the page shows while the index is rebuilt (after damage) in a thread. */
  sp_search_page_set_preparing (page_of (&f), TRUE);
  shoot (&f, "desktop-getting-ready");
  g_assert_true (shows_label (GTK_WIDGET (page_of (&f)), "Getting the directory ready…"));
  sp_search_page_set_preparing (page_of (&f), FALSE);
  sp_gui_fixture_close (&f);
}

static void
test_narrow (void)
{
  SpGuiFixture f = { 0 };

  sp_gui_fixture_open (&f, FALSE, 360, 720);
  shoot (&f, "narrow-start");
  g_assert_true (shows_label (GTK_WIDGET (page_of (&f)), "Memory & dementia"));
  sp_gui_type (f.window, "lonely");
  shoot (&f, "narrow-results");
  assert_results_shown (&f, 2, NULL);
  sp_window_open_service (f.window, BEFRIENDING);
  shoot (&f, "narrow-service");
  /* One pane at a time: the service, not the results beside it. */
  g_assert_false (gtk_widget_is_drawable (GTK_WIDGET (page_of (&f))));
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (sp_window_get_service_page (f.window))));
  sp_gui_fixture_close (&f);
}

static void
test_kiosk (void)
{
  SpGuiFixture f = { 0 };

  sp_gui_fixture_open (&f, TRUE, 1920, 1080);
  shoot (&f, "kiosk-attract");
  g_assert_true (shows_label (GTK_WIDGET (page_of (&f)), "Find local help and activities — touch to start"));
  sp_gui_type (f.window, "carers");
  shoot (&f, "kiosk-results");
  assert_results_shown (&f, 4, NULL);
  sp_window_open_service (f.window, PUNJABI_CARERS);
  shoot (&f, "kiosk-service");
  assert_service_shown (&f, "Sanjh Punjabi Carers' Group", "Wednesday");
  g_action_group_activate_action (G_ACTION_GROUP (f.window), "text-size", g_variant_new_uint32 (4));
  shoot (&f, "kiosk-service-200");
  assert_service_shown (&f, "Sanjh Punjabi Carers' Group", "Wednesday");
  g_action_group_activate_action (G_ACTION_GROUP (f.window), "high-contrast", NULL);
  shoot (&f, "kiosk-service-contrast");
  assert_service_shown (&f, "Sanjh Punjabi Carers' Group", "Wednesday");
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
  sp_window_open_service (f.window, PUNJABI_CARERS);
  g_action_group_activate_action (G_ACTION_GROUP (f.window), "text-size", g_variant_new_uint32 (4));
  g_action_group_activate_action (G_ACTION_GROUP (f.window), "high-contrast", NULL);
  sp_kiosk_guard_set_times (guard, 50, 600000);
  while (!sp_kiosk_guard_is_asking (guard))
    sp_gui_wait_ms (20);
  shoot_widget (sp_kiosk_guard_get_prompt (guard), "kiosk-prompt-200-contrast");
  g_assert_true (shows_label (sp_kiosk_guard_get_prompt (guard), "Are you still there?"));
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
  g_assert_true (shows_label (GTK_WIDGET (failed), "Your slip could not be printed"));
  sp_gui_fixture_close (&f);
}

typedef struct
{
  const char *code;
  const char *invitation;   /* the start page's invitation, translated */
  const char *query;        /* "loneliness" in the language */
  const char *slip_words;   /* from the slip's footer, as pdftotext reads it */
  const char *topic;        /* "Memory & dementia", a tile on the start page */
  gboolean rtl;
} Language;

static const Language languages[] = {
  { "pl", "Znajdź lokalną pomoc i zajęcia — dotknij, aby zacząć", "samotność",
    "nie zawiera żadnych danych osobowych", "Pamięć i demencja", FALSE },
  { "pa", "ਸਥਾਨਕ ਮਦਦ ਅਤੇ ਸਰਗਰਮੀਆਂ ਲੱਭੋ — ਸ਼ੁਰੂ ਕਰਨ ਲਈ ਛੂਹੋ", "ਇਕੱਲਾਪਣ", "ਨਿੱਜੀ ਜਾਣਕਾਰੀ",
    "ਯਾਦਦਾਸ਼ਤ ਅਤੇ ਡਿਮੈਂਸ਼ੀਆ", FALSE },
  { "ur", "مقامی مدد اور سرگرمیاں تلاش کریں — شروع کرنے کے لیے چھوئیں", "تنہائی", "ذاتی معلومات",
    "یادداشت اور ڈیمنشیا", TRUE },
};

static void
window_replaced (SpWindow     *old,
                 SpWindow     *fresh,
                 SpGuiFixture *f)
{
  /* The fixture holds the window it shows, as it held the first. */
  f->window = g_object_ref_sink (fresh);
  g_object_unref (old);
  g_signal_connect (fresh, "replaced", G_CALLBACK (window_replaced), f);
}

/* The slip of @id, as the kiosk makes it, written as PDF and PNG; the PDF's text as
 * pdftotext reads it back. */
static char *
shoot_slip (SpGuiFixture *f,
            const char   *id,
            const char   *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpSlip) slip = sp_slip_new (SP_SLIP_PAPER_A5);
  g_autoptr (SpServiceDetail) detail = sp_service_detail_load (f->store, id, &error);
  g_autofree char *png = shot_path (name);
  g_autofree char *pdf = g_strdup_printf ("%.*s.pdf", (int) strlen (png) - 4, png);
  g_autofree char *command = g_strdup_printf ("pdftotext -enc UTF-8 '%s' -", pdf);
  g_autofree char *text = NULL;
  int status;

  g_assert_no_error (error);
  sp_slip_add_service (slip, detail);
  g_assert_true (sp_slip_layout (slip, &error));
  g_assert_no_error (error);
  g_assert_true (sp_slip_write_png (slip, png, 110, &error));
  g_assert_true (sp_slip_write_pdf (slip, pdf, &error));
  g_assert_no_error (error);
  g_test_message ("wrote %s and %s", png, pdf);
  g_assert_cmpuint (count_colours (png, MIN_COLOURS), >=, 2);
  g_assert_true (g_spawn_command_line_sync (command, &text, NULL, &status, &error));
  g_assert_no_error (error);
  /* Words a line break split are read as one line. */
  return g_strdelimit (g_steal_pointer (&text), "\n", ' ');
}

/* A kiosk visitor chooses each language on the start page: every page changes at once,
 * Urdu mirrors, a search in the language finds, the service page and the slip speak it;
 * silence then brings the kiosk back to English, left to right. */
static void
test_kiosk_languages (void)
{
  SpGuiFixture f = { 0 };

  sp_gui_fixture_open (&f, TRUE, 1920, 1080);
  g_signal_connect (f.window, "replaced", G_CALLBACK (window_replaced), &f);
  for (gsize i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      const Language *l = &languages[i];
      g_autofree char *start = g_strdup_printf ("kiosk-start-%s", l->code);
      g_autofree char *results = g_strdup_printf ("kiosk-results-%s", l->code);
      g_autofree char *service = g_strdup_printf ("kiosk-service-%s", l->code);
      g_autofree char *slip = g_strdup_printf ("slip-%s", l->code);
      g_autofree char *slip_text = NULL;
      SpWindow *before = f.window;

      g_action_group_activate_action (G_ACTION_GROUP (f.window), "choose-language", g_variant_new_string (l->code));
      sp_gui_settle ();
      g_assert_true (f.window != before);
      g_assert_cmpstr (sp_ui_language_get (), ==, l->code);
      shoot (&f, start);
      g_assert_true (shows_label (GTK_WIDGET (page_of (&f)), l->invitation));
      g_assert_true (shows_label (GTK_WIDGET (page_of (&f)), l->topic));
      g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (f.window)), ==,
                       l->rtl ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);

      sp_gui_type (f.window, l->query);
      shoot (&f, results);
      assert_results_shown (&f, 2, NULL);

      sp_window_open_service (f.window, BEFRIENDING);
      shoot (&f, service);
      g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (sp_window_get_service_page (f.window))));

      slip_text = shoot_slip (&f, BEFRIENDING, slip);
      g_test_message ("%s slip reads: %s", l->code, slip_text);
      g_assert_nonnull (strstr (slip_text, l->slip_words));
    }

  /* Quiet: the next person starts in English, left to right. */
  sp_kiosk_guard_set_times (sp_window_get_kiosk_guard (f.window), 50, 50);
  for (guint waited = 0; sp_ui_language_get () != NULL && waited < 5000; waited += 20)
    sp_gui_wait_ms (20);
  sp_gui_settle ();
  g_assert_null (sp_ui_language_get ());
  g_assert_cmpint (gtk_widget_get_default_direction (), ==, GTK_TEXT_DIR_LTR);
  g_assert_true (shows_label (GTK_WIDGET (page_of (&f)), "Find local help and activities — touch to start"));
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
  g_test_add_func ("/signpost/gui/screenshots/kiosk-languages", test_kiosk_languages);
  return g_test_run ();
}
