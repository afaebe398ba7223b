/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-slip-flow.c: flowing a slip's pieces down its pages, splitting texts between lines.
 *
 * Pieces are placed from the top of the content down; a piece that does not fit goes to the
 * next page, and a text taller than what is left is split between two lines, keeping two
 * lines or more on each side. A receipt's page has no bottom.
 */
#include "config.h"

#include "sp-slip-private.h"

gboolean
sp_slip_flow_at_top (SpSlipFlow *f)
{
  return f->y <= f->page_top + 0.01;
}

/* Starts the next page; when a service runs onto it, its name comes first, so a page read
 * alone still says whose details these are. */
void
sp_slip_flow_new_page (SpSlipFlow *f)
{
  f->page++;
  f->y = f->top;
  if (f->continued != NULL)
    {
      SpSlipPiece piece = { SP_SLIP_PIECE_TEXT };

      piece.x = f->slip->style.margin_x;
      piece.y = f->y;
      piece.width = pango_layout_get_width (f->continued) / (double) PANGO_SCALE;
      piece.height = sp_slip_layout_height (f->continued);
      piece.layout = f->continued;
      piece.n_lines = pango_layout_get_line_count (f->continued);
      piece.service = f->service;
      sp_slip_flow_add_piece (f, piece);
      f->y += piece.height + f->slip->style.body * 0.5;
    }
  f->page_top = f->y;
}

void
sp_slip_flow_add_piece (SpSlipFlow  *f,
                        SpSlipPiece  piece)
{
  piece.page = f->page;
  g_array_append_val (f->slip->pieces, piece);
}

double
sp_slip_layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

/* The top and bottom of line @index of @layout, in points. */
static void
line_span (PangoLayout *layout,
           guint        index,
           double      *top,
           double      *bottom)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  int y0, y1;

  for (guint i = 0; i < index; i++)
    pango_layout_iter_next_line (iter);
  pango_layout_iter_get_line_yrange (iter, &y0, &y1);
  pango_layout_iter_free (iter);
  *top = (double) y0 / PANGO_SCALE;
  *bottom = (double) y1 / PANGO_SCALE;
}

/* How many of @layout's first lines fit in @room points. */
static guint
lines_that_fit (PangoLayout *layout,
                double       room)
{
  guint n_lines = pango_layout_get_line_count (layout);
  guint fit = 0;

  while (fit < n_lines)
    {
      double top, bottom;

      line_span (layout, fit, &top, &bottom);
      if (bottom > room)
        break;
      fit++;
    }
  return fit;
}

/* Places @layout at @x after @space points, on this page if it fits, on the next if it
 * fits there, else split between lines over as many pages as it needs. */
void
sp_slip_flow_text (SpSlipFlow  *f,
                   PangoLayout *layout,
                   double       x,
                   double       width,
                   double       space,
                   guint        service)
{
  double height = sp_slip_layout_height (layout);
  guint n_lines = pango_layout_get_line_count (layout);
  guint first = 0;

  if (!sp_slip_flow_at_top (f))
    f->y += space;
  /* A text that does not fit is split only when two lines or more stay on each side;
   * else it starts the next page (a label is never left alone at the foot of a page). */
  if (f->y + height > f->bottom && !sp_slip_flow_at_top (f))
    {
      guint fit = lines_that_fit (layout, f->bottom - f->y);

      if (fit < 2 || n_lines - fit < 2)
        sp_slip_flow_new_page (f);
    }
  while (first < n_lines)
    {
      double first_top, top, bottom;
      guint last = first;
      SpSlipPiece piece = { SP_SLIP_PIECE_TEXT };

      line_span (layout, first, &first_top, &bottom);
      /* As many lines as fit; at least one, even on a page too short for it. */
      while (last + 1 < n_lines)
        {
          line_span (layout, last + 1, &top, &bottom);
          if (f->y + (bottom - first_top) > f->bottom)
            break;
          last++;
        }
      line_span (layout, last, &top, &bottom);
      if (f->y + (bottom - first_top) > f->bottom && !sp_slip_flow_at_top (f))
        {
          sp_slip_flow_new_page (f);
          continue;
        }
      piece.x = x;
      piece.y = f->y;
      piece.width = width;
      piece.height = bottom - first_top;
      piece.layout = layout;
      piece.first_line = first;
      piece.n_lines = last - first + 1;
      piece.service = service;
      sp_slip_flow_add_piece (f, piece);
      f->y += piece.height;
      first = last + 1;
      if (first < n_lines)
        sp_slip_flow_new_page (f);
    }
}

void
sp_slip_flow_rule (SpSlipFlow *f,
                   double      space)
{
  SpSlipPiece piece = { SP_SLIP_PIECE_RULE };

  if (sp_slip_flow_at_top (f))
    return;
  if (f->y + 2 * space > f->bottom)
    {
      sp_slip_flow_new_page (f);
      return;
    }
  f->y += space;
  piece.x = f->slip->style.margin_x;
  piece.y = f->y;
  piece.width = f->slip->style.width - 2 * f->slip->style.margin_x;
  piece.height = 0.75;
  piece.service = G_MAXUINT;
  sp_slip_flow_add_piece (f, piece);
  f->y += space;
}

