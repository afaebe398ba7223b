/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-slip-private.h: what the slip's layout, its QR codes, its output and its tests share. */
#pragma once

#include <pango/pangocairo.h>

#include "sp-slip.h"

G_BEGIN_DECLS

/* A QR code as modules: 1 dark, 0 light, quiet zone not included. */
typedef struct
{
  int width;          /* modules a side */
  guint8 *modules;    /* width × width */
} SpSlipQr;

SpSlipQr *sp_slip_qr_new      (const char  *content,
                               GError     **error);
void      sp_slip_qr_free     (SpSlipQr    *self);
void      sp_slip_qr_draw     (SpSlipQr    *self,
                               cairo_t     *cr,
                               double       x,
                               double       y,
                               double       size);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpSlipQr, sp_slip_qr_free)

/* Modules of light margin a QR code needs around it to be found (ISO/IEC 18004). */
#define SP_SLIP_QR_QUIET_ZONE 4

typedef enum
{
  SP_SLIP_PIECE_TEXT,   /* some lines of a layout */
  SP_SLIP_PIECE_QR,
  SP_SLIP_PIECE_RULE,   /* a thin line across the content width */
} SpSlipPieceKind;

/* Something drawn at a place on a page, in points from the paper's top left corner. */
typedef struct
{
  SpSlipPieceKind kind;
  guint page;
  double x, y, width, height;
  PangoLayout *layout;     /* TEXT: not owned */
  guint first_line;        /* TEXT: the lines drawn */
  guint n_lines;
  SpSlipQr *qr;            /* QR: not owned */
  guint service;           /* which service it belongs to; G_MAXUINT for header and footer */
} SpSlipPiece;

#define SP_SLIP_MM (72.0 / 25.4)
#define SP_SLIP_FONT_FAMILY "DejaVu Sans"

/* Sizes in points. Large print keeps body text at 16 pt or more. */
typedef struct
{
  double width, height;              /* the paper; height 0: as long as the content */
  double margin_x, margin_top, margin_bottom;
  double title, name, body, label, phone, small;
  double qr_min;                     /* the smallest QR code, quiet zone included */
  double qr_max;
  double module_min;                 /* the smallest module a phone reads from this paper */
} SpSlipStyle;

struct _SpSlip
{
  GObject parent_instance;

  SpSlipPaper paper;
  gboolean large_print;
  char *directory_name;
  char *kiosk_location;
  char *base_url;
  GDateTime *now;
  GPtrArray *services;       /* SpServiceDetail */

  /* What sp_slip_layout() made; cleared by any change. */
  gboolean laid_out;
  SpSlipStyle style;
  PangoContext *context;
  GPtrArray *layouts;        /* PangoLayout, owned */
  GPtrArray *qrs;            /* SpSlipQr per service */
  GPtrArray *qr_contents;    /* char * per service */
  GArray *pieces;            /* SpSlipPiece */
  guint n_pages;
  double page_height;
};

/* Where the layout is on its way down the pages. */
typedef struct
{
  SpSlip *slip;
  guint page;
  double y;
  double top;        /* of the content on a page */
  double bottom;     /* of the content on a page; G_MAXDOUBLE on a receipt */
  double page_top;   /* where this page's content starts, below a "continued" line */
  PangoLayout *continued;   /* (nullable) said at the top of a page a service runs onto */
  guint service;            /* the service being laid out */
} SpSlipFlow;

/* Layout helpers (sp-slip-content.c). */
int          sp_slip_markup_size     (double       points);
PangoLayout *sp_slip_make_layout     (SpSlip      *self,
                                      const char  *markup,
                                      double       width,
                                      double       size,
                                      PangoAlignment alignment);
gboolean     sp_slip_flow_service    (SpSlipFlow        *f,
                                      guint        index,
                                      GDateTime   *now,
                                      GError     **error);
PangoLayout *sp_slip_header_layout   (SpSlip      *self,
                                      GDateTime   *now,
                                      double       width);
PangoLayout *sp_slip_footer_layout   (SpSlip      *self,
                                      guint        page,
                                      guint        n_pages,
                                      double       width);

/* Flowing down the pages (sp-slip-flow.c). */
gboolean     sp_slip_flow_at_top     (SpSlipFlow        *f);
void         sp_slip_flow_new_page   (SpSlipFlow        *f);
void         sp_slip_flow_add_piece  (SpSlipFlow        *f,
                                      SpSlipPiece  piece);
double       sp_slip_layout_height   (PangoLayout *layout);
double       sp_slip_sum_heights     (GPtrArray   *layouts,
                                      double       space);
void         sp_slip_flow_text       (SpSlipFlow        *f,
                                      PangoLayout *layout,
                                      double       x,
                                      double       width,
                                      double       space,
                                      guint        service);
void         sp_slip_flow_rule       (SpSlipFlow        *f,
                                      double       space);

GArray   *sp_slip_get_pieces  (SpSlip      *self);

G_END_DECLS
