/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-slip-qr.c: the QR codes on slips, made with libqrencode and drawn as crisp squares. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <qrencode.h>

#include "sp-slip-private.h"

/*
 * Level Q restores a quarter of the code: enough for a slip folded into a purse, a
 * thermal print fading or a thumb over a corner, and still small enough for a
 * compact text card to stay at a version a phone reads from 25 mm. The content goes in
 * as its UTF-8 bytes (8-bit mode), which is what phone cameras expect.
 */
#define SLIP_QR_LEVEL QR_ECLEVEL_Q

SpSlipQr *
sp_slip_qr_new (const char  *content,
                GError     **error)
{
  QRcode *code;
  SpSlipQr *self;

  g_return_val_if_fail (content != NULL, NULL);

  errno = 0;
  code = QRcode_encodeString8bit (content, 0, SLIP_QR_LEVEL);
  if (code == NULL)
    {
      g_set_error (error, SP_SLIP_ERROR, SP_SLIP_ERROR_QR,
                   _("Cannot make a QR code of %zu bytes: %s"), strlen (content),
                   errno == ERANGE ? _("it is too long") : g_strerror (errno));
      return NULL;
    }
  self = g_new0 (SpSlipQr, 1);
  self->width = code->width;
  self->modules = g_malloc ((gsize) code->width * code->width);
  /* Bit 0 of each byte of libqrencode's output is the module's colour. */
  for (int i = 0; i < code->width * code->width; i++)
    self->modules[i] = code->data[i] & 1;
  QRcode_free (code);
  return self;
}

void
sp_slip_qr_free (SpSlipQr *self)
{
  if (self == NULL)
    return;
  g_free (self->modules);
  g_free (self);
}

/* Draws the code with its quiet zone into the square at (@x, @y) of side @size. The dark
 * modules are one path filled without antialiasing, so no grey seams appear between them
 * at any scale. */
void
sp_slip_qr_draw (SpSlipQr *self,
                 cairo_t  *cr,
                 double    x,
                 double    y,
                 double    size)
{
  double module = size / (self->width + 2 * SP_SLIP_QR_QUIET_ZONE);
  double origin_x = x + SP_SLIP_QR_QUIET_ZONE * module;
  double origin_y = y + SP_SLIP_QR_QUIET_ZONE * module;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, size, size);
  cairo_fill (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int row = 0; row < self->width; row++)
    for (int col = 0; col < self->width; col++)
      {
        int run = 0;

        /* A run of dark modules on a row is one rectangle: fewer edges, smaller PDFs. */
        while (col + run < self->width && self->modules[row * self->width + col + run])
          run++;
        if (run == 0)
          continue;
        cairo_rectangle (cr, origin_x + col * module, origin_y + row * module, run * module, module);
        col += run - 1;
      }
  cairo_fill (cr);
  cairo_restore (cr);
}
