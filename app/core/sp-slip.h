/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-slip.h: a signposting slip — services, when and where, how to get in touch, a QR code.
 *
 * GTK-free so the desktop app, the kiosk and signpost-cli print the same slips. From a
 * GtkPrintOperation: set the unit to points and use_full_page (the slip keeps its own
 * margins), make the GtkPageSetup's paper from sp_slip_get_page_size(), tell it
 * sp_slip_get_n_pages() in begin-print and call sp_slip_render_page() in draw-page with
 * the print context's cairo_t. Everything is laid out on first use. A slip is not
 * thread-safe: use each from one thread at a time.
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "sp-service-detail.h"

G_BEGIN_DECLS

#define SP_SLIP_ERROR (sp_slip_error_quark ())
GQuark sp_slip_error_quark (void);

typedef enum
{
  SP_SLIP_ERROR_EMPTY,       /* no service on the slip */
  SP_SLIP_ERROR_QR,          /* a QR code could not be made (content too long) */
  SP_SLIP_ERROR_WRITE,       /* the output file could not be written */
  SP_SLIP_ERROR_TOO_LARGE,   /* too many pages for one image */
} SpSlipError;

typedef enum
{
  SP_SLIP_PAPER_A4,
  SP_SLIP_PAPER_A5,
  SP_SLIP_PAPER_RECEIPT_80,  /* 80 mm thermal roll: one page as long as its content */
} SpSlipPaper;

#define SP_TYPE_SLIP (sp_slip_get_type ())
G_DECLARE_FINAL_TYPE (SpSlip, sp_slip, SP, SLIP, GObject)

SpSlip     *sp_slip_new                 (SpSlipPaper       paper);
gboolean    sp_slip_paper_from_string   (const char       *name,
                                         SpSlipPaper      *paper);
const char *sp_slip_paper_to_string     (SpSlipPaper       paper);

void        sp_slip_set_large_print     (SpSlip           *self,
                                         gboolean          large_print);
void        sp_slip_set_directory_name  (SpSlip           *self,
                                         const char       *name);
void        sp_slip_set_kiosk_location  (SpSlip           *self,
                                         const char       *location);
void        sp_slip_set_public_base_url (SpSlip           *self,
                                         const char       *base_url);
void        sp_slip_set_now             (SpSlip           *self,
                                         GDateTime        *now);
void        sp_slip_add_service         (SpSlip           *self,
                                         SpServiceDetail  *service);

gboolean    sp_slip_layout              (SpSlip           *self,
                                         GError          **error);
guint       sp_slip_get_n_pages         (SpSlip           *self);
void        sp_slip_get_page_size       (SpSlip           *self,
                                         double           *width,
                                         double           *height);
void        sp_slip_render_page         (SpSlip           *self,
                                         cairo_t          *cr,
                                         guint             page);
char       *sp_slip_dup_qr_content      (SpSlip           *self,
                                         guint             index);

gboolean    sp_slip_write_pdf           (SpSlip           *self,
                                         const char       *path,
                                         GError          **error);
gboolean    sp_slip_write_png           (SpSlip           *self,
                                         const char       *path,
                                         double            dpi,
                                         GError          **error);
cairo_surface_t *sp_slip_render_image   (SpSlip           *self,
                                         double            dpi,
                                         GError          **error);

G_END_DECLS
