/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-test-qr.c: reading QR codes back with zbar, as a phone camera would. */
#include "config.h"

#include <zbar.h>

#include "sp-test-qr.h"

/* Every QR code zbar finds in @surface (an ARGB32 or RGB24 image), as text. */
GPtrArray *
sp_test_qr_decode_all (cairo_surface_t *surface)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *pixels;
  g_autofree guint8 *gray = g_malloc ((gsize) width * height);
  zbar_image_scanner_t *scanner = zbar_image_scanner_create ();
  zbar_image_t *image = zbar_image_create ();

  cairo_surface_flush (surface);
  pixels = cairo_image_surface_get_data (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 argb = *(const guint32 *) (pixels + y * stride + 4 * x);
        gray[y * width + x] = (guint8) ((((argb >> 16) & 0xff) * 30 + ((argb >> 8) & 0xff) * 59 + (argb & 0xff) * 11) / 100);
      }
  zbar_image_scanner_set_config (scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
  zbar_image_scanner_set_config (scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
  zbar_image_set_format (image, zbar_fourcc ('Y', '8', '0', '0'));
  zbar_image_set_size (image, width, height);
  zbar_image_set_data (image, gray, (unsigned long) width * height, NULL);
  zbar_scan_image (scanner, image);
  for (const zbar_symbol_t *symbol = zbar_image_first_symbol (image); symbol != NULL;
       symbol = zbar_symbol_next (symbol))
    g_ptr_array_add (found, g_strndup (zbar_symbol_get_data (symbol), zbar_symbol_get_data_length (symbol)));
  zbar_image_destroy (image);
  zbar_image_scanner_destroy (scanner);
  return found;
}
