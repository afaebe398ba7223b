/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-slip.c: a signposting slip — what goes on it, and how it flows onto pages.
 *
 * Text is laid out once, by sp_slip_layout(), with a Pango context of its own at 72 dpi
 * and unhinted metrics, so one unit is one point and the lines break the same way
 * whatever the slip is later drawn on: a PDF, an image at 300 dpi or a printer's cairo_t.
 * Layout cuts the content into pieces (some lines of a text, a QR code, a rule), each
 * placed on a page; drawing a page only draws its pieces.
 *
 * On A4 and A5 each service's QR code stands at the right of its details; on an 80 mm
 * receipt it comes under them. A service is kept on one page when it fits on one; a
 * text too long for a page is split between lines, never inside one, so nothing is cut.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sp-occurrence.h"
#include "sp-slip-private.h"

G_DEFINE_QUARK (sp-slip-error-quark, sp_slip_error)

G_DEFINE_FINAL_TYPE (SpSlip, sp_slip, G_TYPE_OBJECT)

static void
clear_layout (SpSlip *self)
{
  self->laid_out = FALSE;
  g_ptr_array_set_size (self->layouts, 0);
  g_ptr_array_set_size (self->qrs, 0);
  g_ptr_array_set_size (self->qr_contents, 0);
  g_array_set_size (self->pieces, 0);
  self->n_pages = 0;
}

static void
sp_slip_dispose (GObject *object)
{
  SpSlip *self = SP_SLIP (object);

  if (self->services != NULL)
    g_ptr_array_set_size (self->services, 0);
  if (self->layouts != NULL)
    clear_layout (self);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (sp_slip_parent_class)->dispose (object);
}

static void
sp_slip_finalize (GObject *object)
{
  SpSlip *self = SP_SLIP (object);

  g_free (self->directory_name);
  g_free (self->kiosk_location);
  g_free (self->base_url);
  g_clear_pointer (&self->now, g_date_time_unref);
  g_ptr_array_unref (self->services);
  g_ptr_array_unref (self->layouts);
  g_ptr_array_unref (self->qrs);
  g_ptr_array_unref (self->qr_contents);
  g_array_unref (self->pieces);
  G_OBJECT_CLASS (sp_slip_parent_class)->finalize (object);
}

static void
sp_slip_class_init (SpSlipClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sp_slip_dispose;
  G_OBJECT_CLASS (klass)->finalize = sp_slip_finalize;
}

static void
sp_slip_init (SpSlip *self)
{
  self->services = g_ptr_array_new_with_free_func (g_object_unref);
  self->layouts = g_ptr_array_new_with_free_func (g_object_unref);
  self->qrs = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_slip_qr_free);
  self->qr_contents = g_ptr_array_new_with_free_func (g_free);
  self->pieces = g_array_new (FALSE, TRUE, sizeof (SpSlipPiece));
}

/**
 * sp_slip_new:
 * @paper: what it is printed on
 *
 * An empty slip; add services, then sp_slip_layout().
 *
 * Returns: (transfer full): the slip
 */
SpSlip *
sp_slip_new (SpSlipPaper paper)
{
  SpSlip *self = g_object_new (SP_TYPE_SLIP, NULL);

  self->paper = paper;
  return self;
}

static const char * const paper_names[] = {
  [SP_SLIP_PAPER_A4] = "a4", [SP_SLIP_PAPER_A5] = "a5", [SP_SLIP_PAPER_RECEIPT_80] = "receipt80",
};

/* "a4", "a5" or "receipt80" (any case). */
gboolean
sp_slip_paper_from_string (const char  *name,
                           SpSlipPaper *paper)
{
  for (gsize i = 0; name != NULL && i < G_N_ELEMENTS (paper_names); i++)
    if (g_ascii_strcasecmp (name, paper_names[i]) == 0)
      {
        *paper = (SpSlipPaper) i;
        return TRUE;
      }
  return FALSE;
}

const char *
sp_slip_paper_to_string (SpSlipPaper paper)
{
  g_return_val_if_fail (paper <= SP_SLIP_PAPER_RECEIPT_80, NULL);
  return paper_names[paper];
}

static void
replace_text (SpSlip      *self,
              char       **slot,
              const char  *text)
{
  g_free (*slot);
  *slot = text != NULL && *text != '\0' ? g_strdup (text) : NULL;
  clear_layout (self);
}

void
sp_slip_set_large_print (SpSlip   *self,
                         gboolean  large_print)
{
  g_return_if_fail (SP_IS_SLIP (self));
  self->large_print = !!large_print;
  clear_layout (self);
}

/* The heading of the slip; the default says what it is without naming a directory. */
void
sp_slip_set_directory_name (SpSlip     *self,
                            const char *name)
{
  g_return_if_fail (SP_IS_SLIP (self));
  replace_text (self, &self->directory_name, name);
}

/* In kiosk mode, where the slip was printed: "Central Library, ground floor". */
void
sp_slip_set_kiosk_location (SpSlip     *self,
                            const char *location)
{
  g_return_if_fail (SP_IS_SLIP (self));
  replace_text (self, &self->kiosk_location, location);
}

/* When set, each QR code opens BASE/services/ID; else it holds a plain-text card. */
void
sp_slip_set_public_base_url (SpSlip     *self,
                             const char *base_url)
{
  g_return_if_fail (SP_IS_SLIP (self));
  replace_text (self, &self->base_url, base_url);
  if (self->base_url != NULL)
    while (g_str_has_suffix (self->base_url, "/"))
      self->base_url[strlen (self->base_url) - 1] = '\0';
}

/**
 * sp_slip_set_now:
 * @now: (nullable): the moment "next session" and the printed date are for; %NULL: now
 */
void
sp_slip_set_now (SpSlip    *self,
                 GDateTime *now)
{
  g_return_if_fail (SP_IS_SLIP (self));
  g_clear_pointer (&self->now, g_date_time_unref);
  self->now = now != NULL ? g_date_time_ref (now) : NULL;
  clear_layout (self);
}

/* Adds a service below those already on the slip (a shortlist keeps its order). */
void
sp_slip_add_service (SpSlip          *self,
                     SpServiceDetail *service)
{
  g_return_if_fail (SP_IS_SLIP (self));
  g_return_if_fail (SP_IS_SERVICE_DETAIL (service));
  g_ptr_array_add (self->services, g_object_ref (service));
  clear_layout (self);
}

static SpSlipStyle
style_for (SpSlipPaper paper,
           gboolean    large)
{
  SpSlipStyle s = { 0 };

  switch (paper)
    {
    case SP_SLIP_PAPER_A5:
      s.width = 148 * SP_SLIP_MM;
      s.height = 210 * SP_SLIP_MM;
      s.margin_x = 12 * SP_SLIP_MM;
      s.margin_top = s.margin_bottom = 12 * SP_SLIP_MM;
      s.qr_min = 26 * SP_SLIP_MM;
      s.qr_max = 40 * SP_SLIP_MM;
      s.module_min = 0.4 * SP_SLIP_MM;
      break;
    case SP_SLIP_PAPER_RECEIPT_80:
      /* The roll is 80 mm; its printers print the middle 72 mm. */
      s.width = 80 * SP_SLIP_MM;
      s.height = 0;
      s.margin_x = 4 * SP_SLIP_MM;
      s.margin_top = s.margin_bottom = 5 * SP_SLIP_MM;
      s.qr_min = 24 * SP_SLIP_MM;
      s.qr_max = 64 * SP_SLIP_MM;
      /* Four dots of a 203 dpi thermal head. */
      s.module_min = 0.5 * SP_SLIP_MM;
      break;
    case SP_SLIP_PAPER_A4:
    default:
      s.width = 210 * SP_SLIP_MM;
      s.height = 297 * SP_SLIP_MM;
      s.margin_x = 18 * SP_SLIP_MM;
      s.margin_top = s.margin_bottom = 15 * SP_SLIP_MM;
      s.qr_min = 30 * SP_SLIP_MM;
      s.qr_max = 45 * SP_SLIP_MM;
      s.module_min = 0.4 * SP_SLIP_MM;
      break;
    }
  /* Large print is for eyes that need it: the code grows too, so it is found on the page. */
  if (large)
    s.qr_min += 6 * SP_SLIP_MM;
  if (paper == SP_SLIP_PAPER_RECEIPT_80)
    {
      s.title = large ? 17 : 12;
      s.name = large ? 21 : 15;
      s.body = large ? 16 : 10.5;
      s.label = large ? 14 : 8.5;
      s.phone = large ? 21 : 15;
      s.small = large ? 14 : 8;
    }
  else
    {
      s.title = large ? 20 : 14;
      s.name = large ? 26 : 19;
      s.body = large ? 16 : 11.5;
      s.label = large ? 14 : 9;
      s.phone = large ? 24 : 17;
      s.small = large ? 14 : 9;
    }
  return s;
}

static GDateTime *
slip_now (SpSlip *self)
{
  if (self->now != NULL)
    return g_date_time_to_timezone (self->now, sp_occurrence_get_time_zone ());
  return g_date_time_new_now (sp_occurrence_get_time_zone ());
}

static void
ensure_context (SpSlip *self)
{
  cairo_font_options_t *options;

  if (self->context != NULL)
    return;
  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (self->context, 72);
  /* Unhinted metrics: the same line breaks at every scale and on every surface. */
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (self->context, FALSE);
}

/**
 * sp_slip_layout:
 *
 * Lays the slip out on its paper. Drawing and writing call it when needed; call it
 * yourself to learn the number of pages or a receipt's length.
 *
 * Returns: %FALSE with @error set when there is no service or a QR code cannot be made
 */
gboolean
sp_slip_layout (SpSlip  *self,
                GError **error)
{
  g_autoptr (GDateTime) now = NULL;
  PangoLayout *header, *footer;
  double content, footer_height;
  SpSlipFlow f = { self, 0 };

  g_return_val_if_fail (SP_IS_SLIP (self), FALSE);

  if (self->laid_out)
    return TRUE;
  clear_layout (self);
  if (self->services->len == 0)
    {
      g_set_error_literal (error, SP_SLIP_ERROR, SP_SLIP_ERROR_EMPTY, _("There is no service on the slip."));
      return FALSE;
    }
  ensure_context (self);
  self->style = style_for (self->paper, self->large_print);
  now = slip_now (self);
  content = self->style.width - 2 * self->style.margin_x;

  /* The footer's room is kept on every page; it is measured with the longest page number. */
  footer = sp_slip_footer_layout (self, 98, 99, content);
  footer_height = sp_slip_layout_height (footer) + 3 * SP_SLIP_MM;

  f.top = self->style.margin_top;
  f.bottom = self->paper == SP_SLIP_PAPER_RECEIPT_80
               ? G_MAXDOUBLE : self->style.height - self->style.margin_bottom - footer_height;
  f.y = f.page_top = f.top;
  header = sp_slip_header_layout (self, now, content);
  sp_slip_flow_text (&f, header, self->style.margin_x, content, 0, G_MAXUINT);
  f.y += self->style.body * 0.5;
  sp_slip_flow_rule (&f, self->style.body * 0.5);

  for (guint i = 0; i < self->services->len; i++)
    {
      if (i > 0)
        sp_slip_flow_rule (&f, self->style.body * 1.1);
      if (!sp_slip_flow_service (&f, i, now, error))
        {
          clear_layout (self);
          return FALSE;
        }
    }

  self->n_pages = f.page + 1;
  if (self->paper == SP_SLIP_PAPER_RECEIPT_80)
    {
      f.y += 3 * SP_SLIP_MM;
      sp_slip_flow_rule (&f, 0);
      f.y += 2 * SP_SLIP_MM;
      sp_slip_flow_text (&f, sp_slip_footer_layout (self, 0, 1, content), self->style.margin_x, content, 0, G_MAXUINT);
      self->page_height = f.y + self->style.margin_bottom;
    }
  else
    {
      self->page_height = self->style.height;
      for (guint page = 0; page < self->n_pages; page++)
        {
          SpSlipPiece piece = { SP_SLIP_PIECE_TEXT };

          piece.layout = sp_slip_footer_layout (self, page, self->n_pages, content);
          piece.page = page;
          piece.x = self->style.margin_x;
          piece.height = sp_slip_layout_height (piece.layout);
          piece.y = self->style.height - self->style.margin_bottom - piece.height;
          piece.width = content;
          piece.n_lines = pango_layout_get_line_count (piece.layout);
          piece.service = G_MAXUINT;
          g_array_append_val (self->pieces, piece);
        }
    }
  self->laid_out = TRUE;
  return TRUE;
}

guint
sp_slip_get_n_pages (SpSlip *self)
{
  g_return_val_if_fail (SP_IS_SLIP (self), 0);
  if (!sp_slip_layout (self, NULL))
    return 0;
  return self->n_pages;
}

/**
 * sp_slip_get_page_size:
 * @width: (out) (optional): in points
 * @height: (out) (optional): in points; a receipt's is the length of its content
 *
 * The paper, for a GtkPageSetup (gtk_paper_size_new_custom() in points for a receipt).
 */
void
sp_slip_get_page_size (SpSlip *self,
                       double *width,
                       double *height)
{
  SpSlipStyle style;

  g_return_if_fail (SP_IS_SLIP (self));

  style = style_for (self->paper, self->large_print);
  if (width != NULL)
    *width = style.width;
  if (height != NULL)
    *height = sp_slip_layout (self, NULL) ? self->page_height : style.height;
}

/**
 * sp_slip_dup_qr_content:
 * @index: the service's position on the slip
 *
 * Returns: (transfer full) (nullable): what the service's QR code holds
 */
char *
sp_slip_dup_qr_content (SpSlip *self,
                        guint   index)
{
  g_return_val_if_fail (SP_IS_SLIP (self), NULL);
  if (!sp_slip_layout (self, NULL) || index >= self->qr_contents->len)
    return NULL;
  return g_strdup (self->qr_contents->pdata[index]);
}

/* For tests: where everything went. (transfer none) (element-type SpSlipPiece) */
GArray *
sp_slip_get_pieces (SpSlip *self)
{
  g_return_val_if_fail (SP_IS_SLIP (self), NULL);
  sp_slip_layout (self, NULL);
  return self->pieces;
}

static void
draw_text (cairo_t           *cr,
           const SpSlipPiece *piece)
{
  PangoLayoutIter *iter = pango_layout_get_iter (piece->layout);
  double origin = 0;
  guint i = 0;

  do
    {
      PangoRectangle logical;
      int y0, y1;

      if (i < piece->first_line)
        continue;
      if (i >= piece->first_line + piece->n_lines)
        break;
      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      if (i == piece->first_line)
        origin = (double) y0 / PANGO_SCALE;
      cairo_move_to (cr, piece->x + (double) logical.x / PANGO_SCALE,
                     piece->y + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE - origin);
      pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
    }
  while ((i++, pango_layout_iter_next_line (iter)));
  pango_layout_iter_free (iter);
}

/**
 * sp_slip_render_page:
 * @cr: in points, origin at the paper's top left corner (scale it for pixels)
 * @page: from 0
 *
 * Draws one page. The background is left as it is: paint it first for an image.
 */
void
sp_slip_render_page (SpSlip  *self,
                     cairo_t *cr,
                     guint    page)
{
  g_return_if_fail (SP_IS_SLIP (self));
  g_return_if_fail (cr != NULL);

  if (!sp_slip_layout (self, NULL))
    return;
  cairo_save (cr);
  for (guint i = 0; i < self->pieces->len; i++)
    {
      const SpSlipPiece *piece = &g_array_index (self->pieces, SpSlipPiece, i);

      if (piece->page != page)
        continue;
      switch (piece->kind)
        {
        case SP_SLIP_PIECE_TEXT:
          cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
          draw_text (cr, piece);
          break;
        case SP_SLIP_PIECE_QR:
          sp_slip_qr_draw (piece->qr, cr, piece->x, piece->y, piece->width);
          break;
        case SP_SLIP_PIECE_RULE:
          cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
          cairo_set_line_width (cr, piece->height);
          cairo_move_to (cr, piece->x, piece->y);
          cairo_line_to (cr, piece->x + piece->width, piece->y);
          cairo_stroke (cr);
          break;
        default:
          break;
        }
    }
  cairo_restore (cr);
}
