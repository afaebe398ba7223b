/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-slip.c: signposting slips — QR codes that scan, text that is all there, pages that flow. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "sp-settings.h"
#include "sp-slip-private.h"
#include "sp-test-sql.h"
#include "sp-test-qr.h"
#include "sp-test-store.h"
#include "sp-test-util.h"
#include "sp-ui-language.h"

#define MEMORY_MATTERS_CLINIC "f781c303-fe4e-58ba-9d62-abc6f61021ac"
#define BILSTON_CAFE          "1c63994a-12ec-5ae3-8d9f-0e240b4ba821"
#define ASSESSMENT_CLINIC     "3a3697f6-88bf-5b16-96ee-6bead76014f2"
#define LONG_NAME_ID          "0badf00d-0000-4000-8000-000000000300"
#define BASE_URL              "https://directory.example.org"

typedef struct
{
  SpTestSampleFixture sample;
  GDateTime *now;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  sp_test_sample_fixture_set_up (&f->sample, data);
  /* Sunday 1 March 2026, 09:00 in Wolverhampton. */
  f->now = g_date_time_new_utc (2026, 3, 1, 9, 0, 0);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_date_time_unref (f->now);
  sp_test_sample_fixture_tear_down (&f->sample, data);
}

static SpServiceDetail *
load (Fixture    *f,
      const char *id)
{
  return sp_test_load_detail (f->sample.store, id);
}

/* The first @n services of the directory in browse order, with three known ones first. */
static GPtrArray *
some_ids (Fixture *f,
          guint    n)
{
  g_autoptr (GListModel) all = sp_service_list_all (f->sample.store, NULL);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  const char *known[] = { MEMORY_MATTERS_CLINIC, BILSTON_CAFE, ASSESSMENT_CLINIC };

  for (guint i = 0; i < G_N_ELEMENTS (known) && ids->len < n; i++)
    g_ptr_array_add (ids, g_strdup (known[i]));
  for (guint i = 0; ids->len < n && i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr (SpService) service = g_list_model_get_item (all, i);
      if (!g_ptr_array_find_with_equal_func (ids, sp_service_get_id (service), g_str_equal, NULL))
        g_ptr_array_add (ids, g_strdup (sp_service_get_id (service)));
    }
  return ids;
}

static SpSlip *
make_slip (Fixture    *f,
           SpSlipPaper paper,
           gboolean    large,
           const char *base_url,
           guint       n_services)
{
  SpSlip *slip = sp_slip_new (paper);
  g_autoptr (GPtrArray) ids = some_ids (f, n_services);

  sp_slip_set_large_print (slip, large);
  sp_slip_set_public_base_url (slip, base_url);
  sp_slip_set_directory_name (slip, "Wolverhampton Community Directory");
  sp_slip_set_now (slip, f->now);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (SpServiceDetail) detail = load (f, ids->pdata[i]);
      sp_slip_add_service (slip, detail);
    }
  return slip;
}

static void
assert_codes_decode (SpSlip *slip,
                     guint   n_services,
                     double  dpi)
{
  g_autoptr (GError) error = NULL;
  cairo_surface_t *surface = sp_slip_render_image (slip, dpi, &error);
  g_autoptr (GPtrArray) found = NULL;

  g_assert_no_error (error);
  found = sp_test_qr_decode_all (surface);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (found->len, ==, n_services);
  for (guint i = 0; i < n_services; i++)
    {
      g_autofree char *content = sp_slip_dup_qr_content (slip, i);
      g_assert_true (g_ptr_array_find_with_equal_func (found, content, g_str_equal, NULL));
    }
}

/* Sizes a phone camera reads from paper: 25 mm on A4 and A5, 20 mm on a receipt, quiet zone
 * included, and nothing else drawn over the code. */
static void
assert_code_sizes (SpSlip     *slip,
                   SpSlipPaper paper)
{
  GArray *pieces = sp_slip_get_pieces (slip);
  double minimum = (paper == SP_SLIP_PAPER_RECEIPT_80 ? 20 : 25) * SP_SLIP_MM;
  guint n = 0;

  for (guint i = 0; i < pieces->len; i++)
    {
      SpSlipPiece *qr = &g_array_index (pieces, SpSlipPiece, i);

      if (qr->kind != SP_SLIP_PIECE_QR)
        continue;
      n++;
      g_assert_cmpfloat (qr->width, >=, minimum);
      for (guint j = 0; j < pieces->len; j++)
        {
          SpSlipPiece *other = &g_array_index (pieces, SpSlipPiece, j);

          if (j == i || other->page != qr->page)
            continue;
          g_assert_false (other->x < qr->x + qr->width && qr->x < other->x + other->width &&
                          other->y < qr->y + qr->height && qr->y < other->y + other->height);
        }
    }
  g_assert_cmpuint (n, >, 0);
}

/* Every code on every paper, in large print too, scans back to exactly what it should hold:
 * a text card without a base URL, the service's page with one. */
static void
test_qr_decodes (Fixture      *f,
                 gconstpointer data)
{
  for (SpSlipPaper paper = SP_SLIP_PAPER_A4; paper <= SP_SLIP_PAPER_RECEIPT_80; paper++)
    for (int large = 0; large <= 1; large++)
      for (int with_url = 0; with_url <= 1; with_url++)
        {
          g_autoptr (SpSlip) slip = make_slip (f, paper, large, with_url ? BASE_URL : NULL, 3);

          g_test_message ("%s%s%s", sp_slip_paper_to_string (paper), large ? " large" : "",
                          with_url ? " url" : "");
          assert_code_sizes (slip, paper);
          assert_codes_decode (slip, 3, paper == SP_SLIP_PAPER_RECEIPT_80 ? 300 : 200);
        }
}

/* What the code holds, word for word. */
static void
test_qr_content (Fixture      *f,
                 gconstpointer data)
{
  g_autoptr (SpSlip) card = make_slip (f, SP_SLIP_PAPER_A4, FALSE, NULL, 2);
  g_autoptr (SpSlip) page = make_slip (f, SP_SLIP_PAPER_A4, FALSE, BASE_URL "/", 2);
  g_autofree char *text = sp_slip_dup_qr_content (card, 1);
  g_autofree char *url = sp_slip_dup_qr_content (page, 1);

  g_assert_cmpstr (text, ==,
                   "Bilston Memory Café\n"
                   "Phone 07700 900982\n"
                   "St Leonard's Church Centre, Church Street, Wolverhampton WV14 0AX\n"
                   "Next: Tue 10 Mar, 13:30–15:30");
  g_assert_cmpstr (url, ==, BASE_URL "/services/" BILSTON_CAFE);
}

static void assert_nothing_cut_or_overlapping (SpSlip *slip);

static double
page_width (SpSlip *slip)
{
  double width = 0, height = 0;

  sp_slip_get_page_size (slip, &width, &height);
  return width;
}

/* In Urdu, right to left, each service's code stands at the left of its text (on A4 and
 * A5), still clear of everything else and still scanning back. */
static void
test_right_to_left (Fixture      *f,
                    gconstpointer data)
{
  for (SpSlipPaper paper = SP_SLIP_PAPER_A4; paper < SP_SLIP_PAPER_RECEIPT_80; paper++)
    {
      g_autoptr (SpSlip) english = make_slip (f, paper, FALSE, BASE_URL, 2);
      g_autoptr (SpSlip) urdu = NULL;
      GArray *pieces;
      guint codes = 0;

      sp_ui_language_set ("ur");
      urdu = make_slip (f, paper, FALSE, BASE_URL, 2);
      pieces = sp_slip_get_pieces (urdu);
      for (guint i = 0; i < pieces->len; i++)
        {
          SpSlipPiece *qr = &g_array_index (pieces, SpSlipPiece, i);

          if (qr->kind != SP_SLIP_PIECE_QR)
            continue;
          codes++;
          g_assert_cmpfloat (qr->x + qr->width, <, page_width (urdu) / 2);
          /* The text beside the code starts to the right of it. */
          for (guint j = 0; j < pieces->len; j++)
            {
              SpSlipPiece *text = &g_array_index (pieces, SpSlipPiece, j);

              if (text->kind == SP_SLIP_PIECE_QR || text->page != qr->page || text->y >= qr->y + qr->height ||
                  text->y + text->height <= qr->y || text->width > page_width (urdu) * 0.7)
                continue;
              g_assert_cmpfloat (text->x, >=, qr->x + qr->width);
            }
        }
      g_assert_cmpuint (codes, ==, 2);
      assert_code_sizes (urdu, paper);
      assert_nothing_cut_or_overlapping (urdu);
      assert_codes_decode (urdu, 2, 200);
      sp_ui_language_set (NULL);
      /* And left to right, at the right as before. */
      pieces = sp_slip_get_pieces (english);
      for (guint i = 0; i < pieces->len; i++)
        if (g_array_index (pieces, SpSlipPiece, i).kind == SP_SLIP_PIECE_QR)
          g_assert_cmpfloat (g_array_index (pieces, SpSlipPiece, i).x, >, page_width (english) / 2);
    }
}

/* A feed's longest fields still make a code phones read: the text card is bounded. */
static void
test_qr_hostile (Fixture      *f,
                 gconstpointer data)
{
  g_autoptr (GString) long_text = g_string_new (NULL);
  g_autofree char *sql = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SpServiceDetail) detail = NULL;
  g_autoptr (SpSlip) slip = sp_slip_new (SP_SLIP_PAPER_RECEIPT_80);
  g_autofree char *content = NULL;

  while (long_text->len < 1000)
    g_string_append (long_text, "Ŵëłłïñĝţøñ ");
  sql = g_strdup_printf ("INSERT INTO service (id, name, status) VALUES ('%s', '%s', 'active');"
                         "INSERT INTO phone (id, service_id, number) VALUES ('p-h', '%s', '%s');"
                         "INSERT INTO location (id, name) VALUES ('l-h', '%s');"
                         "INSERT INTO service_at_location (id, service_id, location_id) VALUES ('s-h', '%s', 'l-h');"
                         "INSERT INTO address (id, location_id, address_1, city, postal_code) "
                         "VALUES ('a-h', 'l-h', '%s', '%s', 'WV1 1AA')",
                         LONG_NAME_ID, long_text->str, LONG_NAME_ID, long_text->str, long_text->str,
                         LONG_NAME_ID, long_text->str, long_text->str);
  sp_store_exec (f->sample.store, sql, &error);
  g_assert_no_error (error);
  detail = load (f, LONG_NAME_ID);
  sp_slip_set_now (slip, f->now);
  sp_slip_add_service (slip, detail);
  g_assert_true (sp_slip_layout (slip, &error));
  g_assert_no_error (error);
  content = sp_slip_dup_qr_content (slip, 0);
  g_assert_cmpuint (strlen (content), <=, 500);
  assert_codes_decode (slip, 1, 300);
  assert_nothing_cut_or_overlapping (slip);
}

/* pdftotext's text of @path (one page, or all when @page is 0), with the invisible joiners
 * the slip uses removed and every run of white space made one space. */
static char *
pdf_text (const char *path,
          guint       page)
{
  g_autofree char *first = g_strdup_printf ("%u", page);
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) flat = g_string_new (NULL);
  const char *argv_all[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  const char *argv_page[] = { "pdftotext", "-enc", "UTF-8", "-f", first, "-l", first, path, "-", NULL };
  int status = 0;

  g_spawn_sync (NULL, (char **) (page == 0 ? argv_all : argv_page), NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  for (const char *p = out; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x2060)
        continue;
      if (g_unichar_isspace (c) || c == 0xa0)
        {
          if (flat->len > 0 && flat->str[flat->len - 1] != ' ')
            g_string_append_c (flat, ' ');
          continue;
        }
      g_string_append_unichar (flat, c);
    }
  return g_string_free (g_steal_pointer (&flat), FALSE);
}

/* @text without the footers, so that text running from one page onto the next reads on. */
static char *
without_footers (char *text)
{
  g_autoptr (GRegex) footer = g_regex_new ("(Information last checked [^.,]*(, more than a year ago: it may be out of date\\. "
                                           "Phone before you go)?\\. )?This slip holds no personal "
                                           "information\\.( Page [0-9]+ of [0-9]+\\.)? ?", 0, 0, NULL);
  char *stripped = g_regex_replace_literal (footer, text, -1, 0, "", 0, NULL);

  g_free (text);
  return stripped;
}

static char *
write_pdf (Fixture    *f,
           SpSlip     *slip,
           const char *name)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (f->sample.dir, name, NULL);

  sp_slip_write_pdf (slip, path, &error);
  g_assert_no_error (error);
  return path;
}

/* The name, phone and next session of each service are in the PDF's text. */
static void
test_pdf_text (Fixture      *f,
               gconstpointer data)
{
  g_autoptr (SpSlip) slip = make_slip (f, SP_SLIP_PAPER_A4, FALSE, NULL, 3);
  g_autofree char *path = write_pdf (f, slip, "three.pdf");
  g_autofree char *text = pdf_text (path, 0);
  const char *expected[] = {
    "Memory Matters pop-up memory clinic", "0121 496 0176", "Next: Mon 2 Mar, 10:00–12:30, at Tettenhall Library",
    "Bilston Memory Café", "07700 900982", "Next: Tue 10 Mar, 13:30–15:30",
    "Memory Assessment Clinic", "01632 960298", "Next: Mon 2 Mar, 09:00–16:30",
    "Wolverhampton Community Directory", "Printed on 1 March 2026",
    "This slip holds no personal information.",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    if (strstr (text, expected[i]) == NULL)
      g_error ("“%s” is not in the slip's text: %s", expected[i], text);
}

/* A 300-character name wraps onto several lines and every character of it is printed. */
static void
test_long_name (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GString) name = g_string_new (NULL);
  g_autofree char *sql = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SpServiceDetail) detail = NULL;

  while (name->len < 300)
    g_string_append (name, "Intergenerational reminiscence and befriending ");
  g_string_truncate (name, 299);
  g_string_append_c (name, 'Z');
  sql = g_strdup_printf ("INSERT INTO service (id, name, status) VALUES ('%s', '%s', 'active');"
                         "INSERT INTO phone (id, service_id, number) VALUES ('p-long', '%s', '01632 960000')",
                         LONG_NAME_ID, name->str, LONG_NAME_ID);
  sp_store_exec (f->sample.store, sql, &error);
  g_assert_no_error (error);
  detail = load (f, LONG_NAME_ID);

  for (SpSlipPaper paper = SP_SLIP_PAPER_A4; paper <= SP_SLIP_PAPER_RECEIPT_80; paper++)
    {
      g_autoptr (SpSlip) slip = sp_slip_new (paper);
      g_autofree char *file = g_strdup_printf ("long-%s.pdf", sp_slip_paper_to_string (paper));
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;
      GArray *pieces;
      guint name_lines = 0;

      sp_slip_set_large_print (slip, TRUE);
      sp_slip_set_now (slip, f->now);
      sp_slip_add_service (slip, detail);
      path = write_pdf (f, slip, file);
      text = without_footers (pdf_text (path, 0));
      if (strstr (text, name->str) == NULL)
        g_error ("The name is not whole on the %s slip: %s", sp_slip_paper_to_string (paper), text);
      pieces = sp_slip_get_pieces (slip);
      for (guint i = 0; i < pieces->len; i++)
        {
          SpSlipPiece *piece = &g_array_index (pieces, SpSlipPiece, i);
          if (piece->service == 0 && piece->kind == SP_SLIP_PIECE_TEXT && name_lines == 0)
            name_lines = piece->n_lines;
        }
      g_assert_cmpuint (name_lines, >, 2);
    }
}

/* Every piece of every page lies inside the paper and clear of every other piece. */
static void
assert_nothing_cut_or_overlapping (SpSlip *slip)
{
  GArray *pieces = sp_slip_get_pieces (slip);
  double width, height;

  sp_slip_get_page_size (slip, &width, &height);
  for (guint i = 0; i < pieces->len; i++)
    {
      SpSlipPiece *a = &g_array_index (pieces, SpSlipPiece, i);

      g_assert_cmpuint (a->page, <, sp_slip_get_n_pages (slip));
      g_assert_cmpfloat (a->x, >=, 0);
      g_assert_cmpfloat (a->y, >=, 0);
      g_assert_cmpfloat (a->x + a->width, <=, width + 0.01);
      g_assert_cmpfloat (a->y + a->height, <=, height + 0.01);
      if (a->kind == SP_SLIP_PIECE_TEXT)
        {
          PangoRectangle ink;

          /* No line is wider than its column. */
          pango_layout_get_pixel_extents (a->layout, &ink, NULL);
          g_assert_cmpfloat (ink.x + ink.width, <=, a->width + 1);
        }
      for (guint j = i + 1; j < pieces->len; j++)
        {
          SpSlipPiece *b = &g_array_index (pieces, SpSlipPiece, j);

          if (a->page == b->page && a->kind != SP_SLIP_PIECE_RULE && b->kind != SP_SLIP_PIECE_RULE)
            g_assert_false (a->x < b->x + b->width - 0.01 && b->x < a->x + a->width - 0.01 &&
                            a->y < b->y + b->height - 0.01 && b->y < a->y + a->height - 0.01);
        }
    }
}

/* Twenty services flow onto further pages; each page holds what it says, and each service's
 * name and phone appear on a page. */
static void
test_flow_onto_pages (Fixture      *f,
                      gconstpointer data)
{
  for (SpSlipPaper paper = SP_SLIP_PAPER_A4; paper <= SP_SLIP_PAPER_A5; paper++)
    for (int large = 0; large <= 1; large++)
      {
        g_autoptr (SpSlip) slip = make_slip (f, paper, large, NULL, 20);
        g_autofree char *file = g_strdup_printf ("flow-%s-%d.pdf", sp_slip_paper_to_string (paper), large);
        g_autofree char *path = write_pdf (f, slip, file);
        g_autoptr (GString) pages = g_string_new (NULL);
        guint n_pages = sp_slip_get_n_pages (slip);
        g_autoptr (GPtrArray) ids = some_ids (f, 20);

        g_assert_cmpuint (n_pages, >, 3);
        assert_nothing_cut_or_overlapping (slip);
        for (guint page = 1; page <= n_pages; page++)
          {
            g_autofree char *text = pdf_text (path, page);
            g_autofree char *label = g_strdup_printf ("Page %u of %u.", page, n_pages);

            g_assert_nonnull (strstr (text, label));
            g_assert_nonnull (strstr (text, "This slip holds no personal information."));
            g_string_append (pages, text);
          }
        for (guint i = 0; i < ids->len; i++)
          {
            g_autoptr (SpServiceDetail) detail = load (f, ids->pdata[i]);
            GPtrArray *phones = sp_service_detail_get_phones (detail);

            g_assert_nonnull (strstr (pages->str, sp_service_detail_get_name (detail)));
            if (phones->len > 0)
              g_assert_nonnull (strstr (pages->str, ((SpServicePhone *) phones->pdata[0])->number));
          }
      }
}

/* A receipt is one page, as long as what it holds. */
static void
test_receipt_grows (Fixture      *f,
                    gconstpointer data)
{
  g_autoptr (SpSlip) one = make_slip (f, SP_SLIP_PAPER_RECEIPT_80, FALSE, NULL, 1);
  g_autoptr (SpSlip) ten = make_slip (f, SP_SLIP_PAPER_RECEIPT_80, FALSE, NULL, 10);
  g_autoptr (SpSlip) ten_large = make_slip (f, SP_SLIP_PAPER_RECEIPT_80, TRUE, NULL, 10);
  double width, h1, h10, h10_large;

  sp_slip_get_page_size (one, &width, &h1);
  sp_slip_get_page_size (ten, NULL, &h10);
  sp_slip_get_page_size (ten_large, NULL, &h10_large);
  g_assert_cmpfloat_with_epsilon (width, 80 * SP_SLIP_MM, 0.01);
  g_assert_cmpuint (sp_slip_get_n_pages (ten), ==, 1);
  g_assert_cmpfloat (h10, >, 5 * h1);
  g_assert_cmpfloat (h10_large, >, h10);
  assert_nothing_cut_or_overlapping (ten_large);
}

/* Large print: nothing on the slip is smaller than 14 pt, and its body text is 16 pt. */
static void
test_large_print (Fixture      *f,
                  gconstpointer data)
{
  for (SpSlipPaper paper = SP_SLIP_PAPER_A4; paper <= SP_SLIP_PAPER_RECEIPT_80; paper++)
    {
      g_autoptr (SpSlip) slip = make_slip (f, paper, TRUE, NULL, 2);
      GArray *pieces = sp_slip_get_pieces (slip);
      double largest_body = 0;

      for (guint i = 0; i < pieces->len; i++)
        {
          SpSlipPiece *piece = &g_array_index (pieces, SpSlipPiece, i);
          const PangoFontDescription *font;
          double size;

          if (piece->kind != SP_SLIP_PIECE_TEXT)
            continue;
          font = pango_layout_get_font_description (piece->layout);
          size = pango_font_description_get_size (font) / (double) PANGO_SCALE;
          g_assert_cmpfloat (size, >=, 14);
          largest_body = MAX (largest_body, size);
        }
      g_assert_cmpfloat (largest_body, >=, 16);
      assert_nothing_cut_or_overlapping (slip);
    }
}

static void
test_empty (void)
{
  g_autoptr (SpSlip) slip = sp_slip_new (SP_SLIP_PAPER_A4);
  g_autoptr (GError) error = NULL;

  g_assert_false (sp_slip_layout (slip, &error));
  g_assert_error (error, SP_SLIP_ERROR, SP_SLIP_ERROR_EMPTY);
  g_assert_cmpuint (sp_slip_get_n_pages (slip), ==, 0);
}

/* A slip that cannot be written leaves no file, and does not harm one already there. */
static void
test_write_errors (Fixture      *f,
                   gconstpointer data)
{
  g_autoptr (SpSlip) slip = make_slip (f, SP_SLIP_PAPER_A5, FALSE, NULL, 1);
  g_autofree char *missing = g_build_filename (f->sample.dir, "no-such-folder", "slip.pdf", NULL);
  g_autofree char *folder = g_build_filename (f->sample.dir, "a-folder.pdf", NULL);
  g_autoptr (GError) error = NULL;

  g_assert_false (sp_slip_write_pdf (slip, missing, &error));
  g_assert_error (error, SP_SLIP_ERROR, SP_SLIP_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "no-such-folder"));
  g_clear_error (&error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  g_mkdir (folder, 0700);
  g_assert_false (sp_slip_write_png (slip, folder, 150, &error));
  g_assert_error (error, SP_SLIP_ERROR, SP_SLIP_ERROR_WRITE);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
}

/* A shortlist too long for one image is refused with a reason, not shrunk until its QR
 * codes cannot be read; as a PDF it is fine. */
static void
test_too_tall_for_an_image (Fixture      *f,
                            gconstpointer data)
{
  g_autoptr (SpSlip) slip = make_slip (f, SP_SLIP_PAPER_A4, FALSE, NULL, 60);
  g_autofree char *png = g_build_filename (f->sample.dir, "long.png", NULL);
  g_autofree char *pdf = g_build_filename (f->sample.dir, "long.pdf", NULL);
  g_autoptr (GError) error = NULL;

  g_assert_false (sp_slip_write_png (slip, png, 150, &error));
  g_assert_error (error, SP_SLIP_ERROR, SP_SLIP_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "PDF"));
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  g_assert_true (sp_slip_write_pdf (slip, pdf, &error));
  g_assert_no_error (error);
}

/* A full disk: signpost-cli fails with the reason, and leaves neither the new file half
 * written nor its temporary file. The disk is a 16 KiB tmpfs mounted in a namespace of
 * its own (unshare), as a slip is some 40 KB. */
static void
test_full_disk_leaves_nothing (Fixture      *f,
                               gconstpointer data)
{
  g_autofree char *disk = g_build_filename (f->sample.dir, "small-disk", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  const char *argv[] = {
    "unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
    "mount -t tmpfs -o size=16k tmpfs \"$0\" || exit 97; "
    "\"$1\" slip " BILSTON_CAFE " --output \"$0/new.pdf\" --data-dir \"$2\"; "
    "echo \"status=$?\"; ls -A \"$0\"",
    disk, g_getenv ("SIGNPOST_CLI"), f->sample.dir, NULL };
  int status = 0;

  g_mkdir (disk, 0700);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!WIFEXITED (status) || WEXITSTATUS (status) == 97 || g_str_has_prefix (err, "unshare:"))
    {
      g_test_skip ("This machine does not allow a mount namespace (unshare) for a small disk");
      return;
    }
  /* The listing of the disk after the failure is empty. */
  g_assert_cmpstr (out, ==, "status=1\n");
  g_assert_nonnull (strstr (err, "No space left on device"));
}

/* Sample slips for a person to look at, in the build folder: tests/slips/. */
static void
test_samples (Fixture      *f,
              gconstpointer data)
{
  const char *builddir = g_getenv ("G_TEST_BUILDDIR");
  g_autofree char *out = g_build_filename (builddir != NULL ? builddir : f->sample.dir, "slips", NULL);

  g_mkdir_with_parents (out, 0755);
  for (SpSlipPaper paper = SP_SLIP_PAPER_A4; paper <= SP_SLIP_PAPER_RECEIPT_80; paper++)
    for (int large = 0; large <= 1; large++)
      {
        g_autoptr (SpSlip) slip = make_slip (f, paper, large, NULL, 3);
        g_autofree char *base = g_strdup_printf ("%s%s", sp_slip_paper_to_string (paper), large ? "-large" : "");
        g_autofree char *png_name = g_strconcat (base, ".png", NULL);
        g_autofree char *pdf_name = g_strconcat (base, ".pdf", NULL);
        g_autofree char *png = g_build_filename (out, png_name, NULL);
        g_autofree char *pdf = g_build_filename (out, pdf_name, NULL);
        g_autoptr (GError) error = NULL;

        sp_slip_set_kiosk_location (slip, "Central Library, ground floor");
        sp_slip_write_png (slip, png, 150, &error);
        g_assert_no_error (error);
        sp_slip_write_pdf (slip, pdf, &error);
        g_assert_no_error (error);
        g_test_message ("wrote %s and %s", png, pdf);
      }
}

/* Runs signpost-cli on the fixture's store; returns its exit status. */
static int
cli (Fixture     *f,
     char       **err,
     const char  *first,
     ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  va_list args;
  int status;

  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  /* sp_test_run_cli takes a NULL-terminated list; at most ten words are used here. */
  g_assert_cmpuint (argv->len, <=, 11);
#define A(i) (i < argv->len ? (const char *) argv->pdata[i] : NULL)
  status = sp_test_run_cli (&out, err, "--data-dir", f->sample.dir, A (0), A (1), A (2), A (3), A (4), A (5),
                            A (6), A (7), A (8), A (9), NULL);
#undef A
  return status;
}

/* A failure is one line on stderr, from signpost-cli, saying why. */
static void
assert_one_line (const char *err,
                 const char *mentions)
{
  g_assert_true (g_str_has_prefix (err, "signpost-cli: "));
  g_assert_true (g_str_has_suffix (err, "\n"));
  g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
  if (mentions != NULL && strstr (err, mentions) == NULL)
    g_error ("“%s” does not mention “%s”", err, mentions);
}

static GPtrArray *
decode_png (const char *path)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);
  GPtrArray *found;

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  found = sp_test_qr_decode_all (surface);
  cairo_surface_destroy (surface);
  return found;
}

/* signpost-cli slip writes a PDF and a PNG; the directory's settings reach the slip, and
 * --base-url wins over them. */
static void
test_cli_slip (Fixture      *f,
               gconstpointer data)
{
  g_autofree char *pdf = g_build_filename (f->sample.dir, "slip.pdf", NULL);
  g_autofree char *png = g_build_filename (f->sample.dir, "slip.png", NULL);
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autoptr (GPtrArray) codes = NULL;

  g_assert_cmpint (cli (f, &err, "settings", "directory-name", "Wolverhampton Connect", NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (f, &err, "settings", "public-base-url", "https://connect.example.org/", NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (f, &err, "slip", BILSTON_CAFE, ASSESSMENT_CLINIC, "--paper", "a5", "--now",
                        "2026-03-01T09:00:00Z", "--output", pdf, NULL), ==, 0);
  g_assert_nonnull (strstr (err, "Wrote a slip of"));
  text = pdf_text (pdf, 0);
  g_assert_nonnull (strstr (text, "Wolverhampton Connect"));
  g_assert_nonnull (strstr (text, "Bilston Memory Café"));
  g_assert_nonnull (strstr (text, "Next: Tue 10 Mar, 13:30–15:30"));
  g_assert_nonnull (strstr (text, "Memory Assessment Clinic"));

  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (f, &err, "slip", BILSTON_CAFE, "--paper", "receipt80", "--large-print",
                        "--output", png, NULL), ==, 0);
  codes = decode_png (png);
  g_assert_cmpuint (codes->len, ==, 1);
  g_assert_cmpstr (codes->pdata[0], ==, "https://connect.example.org/services/" BILSTON_CAFE);

  g_clear_pointer (&err, g_free);
  g_clear_pointer (&codes, g_ptr_array_unref);
  g_assert_cmpint (cli (f, &err, "slip", BILSTON_CAFE, "--base-url", "https://other.example.org",
                        "--output", png, NULL), ==, 0);
  codes = decode_png (png);
  g_assert_cmpstr (codes->pdata[0], ==, "https://other.example.org/services/" BILSTON_CAFE);
}

/* A description whose feed escaped a '<' prints it: the HTML was read once, at the import,
 * and the slip prints the text it left ("Bring your <NHS card>", not "Bring your and…"). */
static void
test_cli_slip_escaped_text (Fixture      *f,
                            gconstpointer data)
{
  static const char feed[] =
    "{\"id\": \"0badf00d-0000-4000-8000-000000000301\", \"name\": \"Flu jabs\", \"status\": \"active\","
    " \"description\": \"<p>Bring your &lt;NHS card&gt; and ask for the nurse.</p>\"}";
  g_autofree char *path = sp_test_write_tmp (f->sample.dir, "escaped.json", feed, -1);
  g_autofree char *pdf = g_build_filename (f->sample.dir, "escaped.pdf", NULL);
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpint (cli (f, &err, "import", path, NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (f, &err, "slip", "0badf00d-0000-4000-8000-000000000301", "--output", pdf, NULL), ==, 0);
  text = pdf_text (pdf, 0);
  if (strstr (text, "Bring your <NHS card> and ask for the nurse.") == NULL)
    g_error ("The escaped text is not on the slip: %s", text);
}

/* signpost-cli settings lists, reads, sets and removes; it refuses what it does not know. */
static void
test_cli_settings (Fixture      *f,
                   gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (sp_test_run_cli (&out, &err, "settings", "kiosk-location", "Central Library",
                                    "--data-dir", f->sample.dir, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (sp_test_run_cli (&out, &err, "settings", "--data-dir", f->sample.dir, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "kiosk-location\tCentral Library\n"));
  g_assert_nonnull (strstr (out, "directory-name\t\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (sp_test_run_cli (&out, &err, "settings", "kiosk-location", "--data-dir", f->sample.dir, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Central Library\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (sp_test_run_cli (&out, &err, "settings", "kiosk-location", "", "--data-dir", f->sample.dir, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (sp_test_run_cli (&out, &err, "settings", "kiosk-location", "--data-dir", f->sample.dir, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");

  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (f, &err, "settings", "colour", "blue", NULL), ==, 1);
  assert_one_line (err, "colour");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (f, &err, "settings", "public-base-url", "not a url", NULL), ==, 1);
  assert_one_line (err, "not a url");
}

/* Bad ids, paper, names and paths: one line on stderr, a failing status, and no file —
 * nor any harm to the file already there. */
static void
test_cli_slip_errors (Fixture      *f,
                      gconstpointer data)
{
  g_autofree char *pdf = g_build_filename (f->sample.dir, "kept.pdf", NULL);
  g_autofree char *unwritable = g_build_filename (f->sample.dir, "no-such-folder", "slip.pdf", NULL);
  g_autofree char *contents = NULL;
  struct { const char *args[4]; const char *mentions; int status; } cases[] = {
    { { BILSTON_CAFE, "00000000-0000-4000-8000-000000000000", NULL }, "00000000-0000-4000-8000-000000000000", 1 },
    { { BILSTON_CAFE, "--paper", "letter", NULL }, "letter", 1 },
    { { BILSTON_CAFE, "--now", "soon", NULL }, "soon", 1 },
    { { NULL }, "service id", 1 },
  };

  g_file_set_contents (pdf, "the slip printed yesterday", -1, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;
      int status = cli (f, &err, "slip", "--output", pdf, cases[i].args[0], cases[i].args[1],
                        cases[i].args[2], NULL);

      g_assert_cmpint (status, ==, cases[i].status);
      assert_one_line (err, cases[i].mentions);
      g_file_get_contents (pdf, &contents, NULL, NULL);
      g_assert_cmpstr (contents, ==, "the slip printed yesterday");
      g_clear_pointer (&contents, g_free);
    }

  {
    g_autofree char *err = NULL;
    g_autofree char *txt = g_build_filename (f->sample.dir, "slip.txt", NULL);

    g_assert_cmpint (cli (f, &err, "slip", BILSTON_CAFE, "--output", txt, NULL), ==, 1);
    assert_one_line (err, ".pdf or .png");
    g_assert_false (g_file_test (txt, G_FILE_TEST_EXISTS));
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (cli (f, &err, "slip", BILSTON_CAFE, "--output", unwritable, NULL), ==, 1);
    assert_one_line (err, "no-such-folder");
    g_assert_false (g_file_test (unwritable, G_FILE_TEST_EXISTS));
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (cli (f, &err, "slip", BILSTON_CAFE, NULL), ==, 1);
    assert_one_line (err, "--output");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  sp_ui_language_init ();

#define ADD(path, func) g_test_add ("/signpost/slip/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("qr-decodes", test_qr_decodes);
  ADD ("qr-content", test_qr_content);
  ADD ("qr-hostile", test_qr_hostile);
  ADD ("pdf-text", test_pdf_text);
  ADD ("long-name", test_long_name);
  ADD ("right-to-left", test_right_to_left);
  ADD ("flow-onto-pages", test_flow_onto_pages);
  ADD ("receipt-grows", test_receipt_grows);
  ADD ("large-print", test_large_print);
  ADD ("write-errors", test_write_errors);
  ADD ("too-tall-for-an-image", test_too_tall_for_an_image);
  ADD ("full-disk-leaves-nothing", test_full_disk_leaves_nothing);
  ADD ("samples", test_samples);
  ADD ("cli-slip", test_cli_slip);
  ADD ("cli-slip-escaped-text", test_cli_slip_escaped_text);
  ADD ("cli-settings", test_cli_settings);
  ADD ("cli-slip-errors", test_cli_slip_errors);
#undef ADD
  g_test_add_func ("/signpost/slip/empty", test_empty);

  return g_test_run ();
}
