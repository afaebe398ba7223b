/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-slip-output.c: slips written as PDF (one PDF page per page) and PNG (every page, one under another).
 *
 * Both go through SpOutputFile, which writes a temporary file beside the target and
 * renames it into place once it is complete, so a full disk, a bad path or a crash never
 * leaves half a slip under the real name, nor a new file that was never finished.
 */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "sp-output-file.h"
#include "sp-slip-private.h"

/* cairo's image surfaces stop at 32 767 pixels a side. */
#define MAX_IMAGE_PIXELS 32767
/* Between pages stacked in one image. */
#define PAGE_GAP_POINTS 18.0

typedef struct
{
  GOutputStream *out;
  GError *error;
} Sink;

static cairo_status_t
sink_write (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  Sink *sink = closure;

  if (sink->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (sink->out, data, length, NULL, NULL, &sink->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static SpOutputFile *
open_output (const char  *path,
             GError     **error)
{
  g_autoptr (GError) local_error = NULL;
  SpOutputFile *file = sp_output_file_new (path, &local_error);

  if (file == NULL)
    g_set_error_literal (error, SP_SLIP_ERROR, SP_SLIP_ERROR_WRITE, local_error->message);
  return file;
}

/* Keeps what was written when it all went well, else leaves @path as it was. */
static gboolean
finish (SpOutputFile   *file,
        const char     *path,
        Sink           *sink,
        cairo_status_t  status,
        GError        **error)
{
  g_autoptr (GError) local_error = NULL;

  if (sink->error == NULL && status == CAIRO_STATUS_SUCCESS && sp_output_file_commit (file, &local_error))
    return TRUE;
  g_set_error (error, SP_SLIP_ERROR, SP_SLIP_ERROR_WRITE, "%s",
               sink->error != NULL ? sink->error->message
               : local_error != NULL ? local_error->message : cairo_status_to_string (status));
  if (sink->error != NULL && local_error == NULL)
    g_prefix_error (error, _("Cannot write %s: "), path);
  g_clear_error (&sink->error);
  return FALSE;
}

/**
 * sp_slip_write_pdf:
 * @path: the file; replaced whole or not at all
 *
 * Writes the slip as a PDF, one PDF page per slip page (a receipt is one long page).
 */
gboolean
sp_slip_write_pdf (SpSlip      *self,
                   const char  *path,
                   GError     **error)
{
  g_autoptr (SpOutputFile) file = NULL;
  Sink sink = { NULL, NULL };
  cairo_surface_t *surface;
  cairo_status_t status;
  double width, height;
  guint n_pages;

  g_return_val_if_fail (SP_IS_SLIP (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!sp_slip_layout (self, error))
    return FALSE;
  if ((file = open_output (path, error)) == NULL)
    return FALSE;
  sink.out = sp_output_file_get_stream (file);
  sp_slip_get_page_size (self, &width, &height);
  n_pages = sp_slip_get_n_pages (self);

  surface = cairo_pdf_surface_create_for_stream (sink_write, &sink, width, height);
  /* Translators: the title of a slip's PDF file. */
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Signposting slip"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Signpost " PACKAGE_VERSION);
  for (guint page = 0; page < n_pages; page++)
    {
      cairo_t *cr = cairo_create (surface);

      sp_slip_render_page (self, cr, page);
      cairo_show_page (cr);
      cairo_destroy (cr);
    }
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return finish (file, path, &sink, status, error);
}

/**
 * sp_slip_render_image:
 * @dpi: pixels per inch
 *
 * The slip as one image on white: every page, one under another with a grey gap
 * between them (a receipt is one tall strip). A slip taller than cairo's 32 767 pixels
 * at @dpi is refused (%SP_SLIP_ERROR_TOO_LARGE).
 *
 * Returns: (transfer full): an ARGB32 image surface, or %NULL with @error set
 */
cairo_surface_t *
sp_slip_render_image (SpSlip  *self,
                      double   dpi,
                      GError **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height, total, scale;
  guint n_pages;

  g_return_val_if_fail (SP_IS_SLIP (self), NULL);
  g_return_val_if_fail (dpi > 0, NULL);

  if (!sp_slip_layout (self, error))
    return NULL;
  sp_slip_get_page_size (self, &width, &height);
  n_pages = sp_slip_get_n_pages (self);
  total = n_pages * height + (n_pages - 1) * PAGE_GAP_POINTS;
  scale = dpi / 72.0;
  /* Shrinking it to fit would make its QR codes too small to read. */
  if (total * scale > MAX_IMAGE_PIXELS)
    {
      g_set_error (error, SP_SLIP_ERROR, SP_SLIP_ERROR_TOO_LARGE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "A slip of %u page is %.0f pixels tall at %.0f dpi, more than one image can "
                                "hold (%d). Make it a PDF instead, or a slip of fewer services.",
                                "A slip of %u pages is %.0f pixels tall at %.0f dpi, more than one image can "
                                "hold (%d). Make it a PDF instead, or a slip of fewer services.", n_pages),
                   n_pages, total * scale, dpi, MAX_IMAGE_PIXELS);
      return NULL;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) (width * scale + 0.5),
                                        (int) (total * scale + 0.5));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 0.8, 0.8, 0.8);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  for (guint page = 0; page < n_pages; page++)
    {
      cairo_save (cr);
      cairo_translate (cr, 0, page * (height + PAGE_GAP_POINTS));
      cairo_rectangle (cr, 0, 0, width, height);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill (cr);
      sp_slip_render_page (self, cr, page);
      cairo_restore (cr);
    }
  cairo_destroy (cr);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SP_SLIP_ERROR, SP_SLIP_ERROR_WRITE, _("Cannot draw the slip: %s"),
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return NULL;
    }
  return surface;
}

/**
 * sp_slip_write_png:
 * @path: the file; replaced whole or not at all
 * @dpi: pixels per inch (150 reads well on screen; 300 for print)
 *
 * Writes sp_slip_render_image() as a PNG: every page of an A4 or A5 slip one under
 * another, a receipt as one tall strip.
 */
gboolean
sp_slip_write_png (SpSlip      *self,
                   const char  *path,
                   double       dpi,
                   GError     **error)
{
  g_autoptr (SpOutputFile) file = NULL;
  Sink sink = { NULL, NULL };
  cairo_surface_t *surface;
  cairo_status_t status;

  g_return_val_if_fail (SP_IS_SLIP (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if ((surface = sp_slip_render_image (self, dpi, error)) == NULL)
    return FALSE;
  if ((file = open_output (path, error)) == NULL)
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }
  sink.out = sp_output_file_get_stream (file);
  status = cairo_surface_write_to_png_stream (surface, sink_write, &sink);
  cairo_surface_destroy (surface);
  return finish (file, path, &sink, status, error);
}
