/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-slip-content.c: what a slip says about each service, as Pango layouts, and its QR text.
 *
 * The order on the slip is the order a person needs: the name, what it is, when, where,
 * how to get in touch, what it costs, access. Labels are translatable; values come from
 * SpServiceDetail, already plain and bounded, and are escaped before they meet markup.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sp-occurrence.h"
#include "sp-slip-private.h"
#include "sp-ui-language.h"
#include "sp-text.h"

/* Most places a slip lists for one service; the rest are counted. */
#define MAX_PLACES 6
#define MAX_PHONES 3
/* Longest name a text card QR code carries, in characters. */
#define MAX_CARD_NAME 80
/* The longest line of a QR code's text card: four of them stay under 500 bytes, a code of
 * version 20 at most. */
#define MAX_CARD_LINE_BYTES 120
/* The longest phone number kept on one line: it fits a receipt in large print. */
#define MAX_UNBROKEN_PHONE 14

/* Pango markup text size: "size" is in 1024ths of a point. */
int
sp_slip_markup_size (double points)
{
  return (int) (points * PANGO_SCALE);
}

/* A layout of @markup at @width points, in the body size, owned by the slip. */
PangoLayout *
sp_slip_make_layout (SpSlip         *self,
                     const char     *markup,
                     double          width,
                     double          size,
                     PangoAlignment  alignment)
{
  PangoLayout *layout = pango_layout_new (self->context);
  g_autoptr (PangoFontDescription) font = pango_font_description_from_string (SP_SLIP_FONT_FAMILY);
  /* Lines break between words, or inside a long word, but no hyphen is added: a phone
   * number or a web address must stay exactly as it is. */
  g_autofree char *wrapped = g_strdup_printf ("<span insert_hyphens=\"false\">%s</span>", markup);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, width < 0 ? -1 : (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, alignment);
  /* A little more room between lines than the font's own: easier to keep one's place. */
  pango_layout_set_line_spacing (layout, 1.15);
  pango_layout_set_markup (layout, wrapped, -1);
  g_ptr_array_add (self->layouts, layout);
  return layout;
}

/* Markup for one labelled section: a small bold label above its lines. */
static void
append_label (SpSlip     *self,
              GString    *markup,
              const char *label)
{
  g_autofree char *escaped = g_markup_escape_text (label, -1);

  g_string_append_printf (markup, "<span size=\"%d\" weight=\"bold\" foreground=\"#4a4a4a\">%s</span>\n",
                          sp_slip_markup_size (self->style.label), escaped);
}

static void
append_escaped (GString    *markup,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  g_string_append (markup, escaped);
}

/* Appends @text with its opening hours ("13:30–15:30") and postcodes ("WV1 3AX") kept
 * on one line: a time range or a postcode split in two is misread. Both are short enough
 * to fit the narrowest column at the largest size. Pango 1.50 does not honour
 * allow_breaks="false" there, so word joiners and a no-break space do it. */
static void
append_unbroken (GString    *markup,
                 const char *text)
{
  static GRegex *times, *postcodes;
  g_autofree char *joined = NULL;
  g_autofree char *spaced = NULL;

  if (g_once_init_enter (&times))
    g_once_init_leave (&times, g_regex_new ("([0-9]{1,2}:[0-9]{2})–([0-9]{1,2}:[0-9]{2})", G_REGEX_OPTIMIZE, 0, NULL));
  if (g_once_init_enter (&postcodes))
    g_once_init_leave (&postcodes, g_regex_new ("\\b([A-Z]{1,2}[0-9][0-9A-Z]?) ([0-9][A-Z]{2})\\b",
                                                G_REGEX_OPTIMIZE, 0, NULL));
  joined = g_regex_replace (times, text, -1, 0, "\\1\u2060–\u2060\\2", 0, NULL);
  spaced = g_regex_replace (postcodes, joined != NULL ? joined : text, -1, 0, "\\1\u00a0\\2", 0, NULL);
  append_escaped (markup, spaced != NULL ? spaced : text);
}

/* The name, cut to fit a QR code's text or a "continued" line. */
static char *
short_name (SpServiceDetail *service)
{
  const char *name = sp_service_detail_get_name (service);
  g_autofree char *cut = NULL;

  if (g_utf8_strlen (name, -1) <= MAX_CARD_NAME)
    return g_strdup (name);
  cut = g_utf8_substring (name, 0, MAX_CARD_NAME - 1);
  return g_strconcat (cut, "…", NULL);
}

/* A web address as a person types it from paper: without "https://" (browsers add it) and
 * without a closing "/". Other schemes stay, so nothing changes what the address opens. */
static char *
url_for_print (const char *url)
{
  char *shown = g_strdup (g_str_has_prefix (url, "https://") ? url + strlen ("https://") : url);
  gsize length = strlen (shown);

  if (length > 1 && shown[length - 1] == '/' && strchr (shown, '/') == shown + length - 1)
    shown[length - 1] = '\0';
  return shown;
}

/* Adds a line to a text card, bounded so that the whole card stays a QR code of a size
 * phones read from paper, whatever a feed put in the field. */
static void
card_line (GString    *card,
           const char *prefix,
           const char *text)
{
  g_autofree char *line = prefix != NULL ? g_strdup_printf ("%s %s", prefix, text) : g_strdup (text);
  g_autofree char *bounded = sp_text_bound (line, MAX_CARD_LINE_BYTES, NULL);

  if (card->len > 0)
    g_string_append_c (card, '\n');
  g_string_append (card, bounded);
}

/* The text card a QR code holds when there is no public page to open: what a phone shows
 * as text when its camera reads it. */
static char *
text_card (SpSlip          *self,
           SpServiceDetail *service,
           GDateTime       *now)
{
  GString *card = g_string_new (NULL);
  GPtrArray *phones = sp_service_detail_get_phones (service);
  GPtrArray *places = sp_service_detail_get_places (service);
  g_autofree char *next = sp_service_detail_dup_next_session (service, now);
  g_autofree char *name = short_name (service);

  card_line (card, NULL, name);
  if (phones->len > 0)
    /* Translators: a phone number on the text a QR code holds. */
    card_line (card, _("Phone"), ((SpServicePhone *) phones->pdata[0])->number);
  if (places->len > 0 && ((SpServicePlace *) places->pdata[0])->address_line != NULL)
    card_line (card, NULL, ((SpServicePlace *) places->pdata[0])->address_line);
  else if (sp_service_detail_get_url (service) != NULL)
    card_line (card, NULL, sp_service_detail_get_url (service));
  if (next != NULL)
    card_line (card, NULL, next);
  return g_string_free (card, FALSE);
}

static char *
qr_content (SpSlip          *self,
            SpServiceDetail *service,
            GDateTime       *now)
{
  if (self->base_url != NULL)
    {
      g_autofree char *id = g_uri_escape_string (sp_service_detail_get_id (service), NULL, FALSE);
      return g_strdup_printf ("%s/services/%s", self->base_url, id);
    }
  return text_card (self, service, now);
}

/* The QR code's side: at least the paper's minimum, large enough for phones to read its
 * modules from this paper, no wider than the room for it. */
static double
qr_side (SpSlip   *self,
         SpSlipQr *qr)
{
  double side = (qr->width + 2 * SP_SLIP_QR_QUIET_ZONE) * self->style.module_min;

  return CLAMP (side, self->style.qr_min, MAX (self->style.qr_max, self->style.qr_min));
}

/* "Memory Matters pop-up memory clinic (continued)", at the top of a page it runs onto. */
static PangoLayout *
continued_layout (SpSlip          *self,
                  SpServiceDetail *service,
                  double           width)
{
  /* Translators: at the top of a page a service's details run onto. */
  g_autofree char *name = short_name (service);
  g_autofree char *text = g_strdup_printf (_("%s (continued)"), name);
  g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>", text);

  return sp_slip_make_layout (self, markup, width, self->style.body, PANGO_ALIGN_LEFT);
}

/* "When": the next session in bold, then each rule in words. */
static char *
when_markup (SpSlip     *self,
             const char *next,
             const char *rules)
{
  GString *m = g_string_new (NULL);

  append_label (self, m, _("When"));
  if (next != NULL)
    {
      g_string_append (m, "<b>");
      append_unbroken (m, next);
      g_string_append (m, "</b>");
    }
  if (rules != NULL)
    {
      g_auto (GStrv) lines = g_strsplit (rules, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_string_append (m, next != NULL || i > 0 ? "\n" : "");
          if (lines[1] != NULL)
            g_string_append (m, "• ");
          append_unbroken (m, lines[i]);
        }
    }
  return g_string_free (m, FALSE);
}

/* "Where": each place's address, a few at most; NULL when none has one. */
static char *
where_markup (SpSlip    *self,
              GPtrArray *places)
{
  g_autoptr (GString) m = g_string_new (NULL);
  guint shown = 0;

  append_label (self, m, places->len > 1 ? _("Where (any of these)") : _("Where"));
  for (guint i = 0; i < places->len && shown < MAX_PLACES; i++)
    {
      SpServicePlace *place = places->pdata[i];
      const char *text = places->len > 1 ? place->address_line : place->address_lines;

      if (text == NULL)
        text = place->name;
      if (text == NULL)
        continue;
      g_string_append (m, shown > 0 ? "\n" : "");
      /* Several places wrap onto several lines each: a bullet shows where one starts. */
      if (places->len > 1)
        g_string_append (m, "• ");
      append_unbroken (m, text);
      shown++;
    }
  if (shown < places->len && shown == MAX_PLACES)
    g_string_append_printf (m, "\n%s", _("and more places: ask the service"));
  return shown > 0 ? g_string_free (g_steal_pointer (&m), FALSE) : NULL;
}

/* "Phone": each number large and bold, a short one kept on one line, with what it is for. */
static char *
phones_markup (SpSlip    *self,
               GPtrArray *phones)
{
  GString *m = g_string_new (NULL);

  append_label (self, m, phones->len > 1 ? _("Phone numbers") : _("Phone"));
  for (guint i = 0; i < phones->len && i < MAX_PHONES; i++)
    {
      SpServicePhone *phone = phones->pdata[i];

      g_string_append_printf (m, "%s<span size=\"%d\" weight=\"bold\">", i > 0 ? "\n" : "",
                              sp_slip_markup_size (self->style.phone));
      if (g_strcmp0 (phone->type, "text") == 0 || g_strcmp0 (phone->type, "sms") == 0)
        /* Translators: before a number to send a text message to. */
        g_string_append_printf (m, "%s ", _("Text"));
      if (strlen (phone->number) <= MAX_UNBROKEN_PHONE)
        {
          /* A short number stays on one line; a long one may wrap rather than be cut. */
          g_auto (GStrv) groups = g_strsplit (phone->number, " ", -1);
          g_autofree char *unbroken = g_strjoinv ("\u00a0", groups);

          append_escaped (m, unbroken);
        }
      else
        append_escaped (m, phone->number);
      g_string_append (m, "</span>");
      if (phone->description != NULL)
        {
          g_string_append (m, "\n");
          append_escaped (m, phone->description);
        }
    }
  return g_string_free (m, FALSE);
}

/* "Online": the web address as printed, then the email address. */
static char *
online_markup (SpSlip          *self,
               SpServiceDetail *service)
{
  GString *m = g_string_new (NULL);

  append_label (self, m, _("Online"));
  if (sp_service_detail_get_url (service) != NULL)
    {
      g_autofree char *shown = url_for_print (sp_service_detail_get_url (service));
      append_escaped (m, shown);
    }
  if (sp_service_detail_get_email (service) != NULL)
    {
      g_string_append (m, sp_service_detail_get_url (service) != NULL ? "\n" : "");
      append_escaped (m, sp_service_detail_get_email (service));
    }
  return g_string_free (m, FALSE);
}

/* A section that is a label and one text: "Cost", "Access". */
static char *
labelled_markup (SpSlip     *self,
                 const char *label,
                 const char *text)
{
  GString *m = g_string_new (NULL);

  append_label (self, m, label);
  append_escaped (m, text);
  return g_string_free (m, FALSE);
}

/* Adds a layout of @markup (taken; nothing when NULL) to @sections. */
static void
add_section (SpSlip    *self,
             GPtrArray *sections,
             char      *markup,
             double     width)
{
  g_autofree char *owned = markup;

  if (owned != NULL)
    g_ptr_array_add (sections, sp_slip_make_layout (self, owned, width, self->style.body, PANGO_ALIGN_LEFT));
}

/* The sections of one service below its name, in reading order, as layouts at @width. */
static GPtrArray *
service_sections (SpSlip          *self,
                  SpServiceDetail *service,
                  GDateTime       *now,
                  double           width)
{
  GPtrArray *sections = g_ptr_array_new ();
  GPtrArray *places = sp_service_detail_get_places (service);
  GPtrArray *phones = sp_service_detail_get_phones (service);
  g_autofree char *next = sp_service_detail_dup_next_session (service, now);
  g_autofree char *rules = sp_service_detail_dup_schedule_words (service, now);
  g_autofree char *checked = sp_service_detail_dup_checked_words (service);
  const char * const *access = sp_service_detail_get_accessibility (service);

  if (sp_service_detail_get_summary (service) != NULL)
    add_section (self, sections, g_markup_escape_text (sp_service_detail_get_summary (service), -1), width);
  if (next != NULL || rules != NULL)
    add_section (self, sections, when_markup (self, next, rules), width);
  if (places->len > 0)
    add_section (self, sections, where_markup (self, places), width);
  if (phones->len > 0)
    add_section (self, sections, phones_markup (self, phones), width);
  if (sp_service_detail_get_url (service) != NULL || sp_service_detail_get_email (service) != NULL)
    add_section (self, sections, online_markup (self, service), width);
  if (sp_service_detail_get_cost (service) != NULL)
    add_section (self, sections, labelled_markup (self, _("Cost"), sp_service_detail_get_cost (service)), width);
  if (access != NULL && access[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv ("; ", (char **) access);
      add_section (self, sections, labelled_markup (self, _("Access"), joined), width);
    }
  /* With one service the footer says it already. */
  if (checked != NULL && self->services->len > 1)
    {
      /* Translators: %s is a date, "9 February 2026". */
      g_autofree char *line = g_strdup_printf (_("Details checked %s"), checked);
      g_autofree char *escaped = g_markup_escape_text (line, -1);
      g_autofree char *muted = g_strdup_printf ("<span foreground=\"#4a4a4a\">%s</span>", escaped);

      g_ptr_array_add (sections, sp_slip_make_layout (self, muted, width, self->style.small, PANGO_ALIGN_LEFT));
    }
  return sections;
}

double
sp_slip_sum_heights (GPtrArray *layouts,
                     double     space)
{
  double total = 0;

  for (guint i = 0; i < layouts->len; i++)
    total += sp_slip_layout_height (layouts->pdata[i]) + (i > 0 ? space : 0);
  return total;
}

/* The size, from @size down to @smallest, at which the widest word of @markup fits @width:
 * a long word in a heading on a receipt is made smaller rather than broken in two. */
static double
fitting_size (SpSlip     *self,
              const char *markup,
              double      width,
              double      size,
              double      smallest)
{
  PangoLayout *probe = sp_slip_make_layout (self, markup, -1, size, PANGO_ALIGN_LEFT);
  PangoLogAttr *attrs;
  const char *text = pango_layout_get_text (probe);
  int n_attrs, start = 0;
  double widest = 0;

  /* Measure each word as the unwrapped layout places it. */
  attrs = (PangoLogAttr *) pango_layout_get_log_attrs_readonly (probe, &n_attrs);
  for (int i = 1; i < n_attrs; i++)
    {
      if (!attrs[i].is_line_break && i < n_attrs - 1)
        continue;
      {
        PangoRectangle a, b;
        int from = g_utf8_offset_to_pointer (text, start) - text;
        int to = g_utf8_offset_to_pointer (text, i) - text;

        pango_layout_index_to_pos (probe, from, &a);
        pango_layout_index_to_pos (probe, to, &b);
        widest = MAX (widest, (double) (b.x - a.x) / PANGO_SCALE);
        start = i;
      }
    }
  if (widest <= width)
    return size;
  return MAX (smallest, size * width / widest * 0.98);
}

/* A service's name, fitted to @width, and who runs it when that says something more. */
static GPtrArray *
service_head (SpSlip          *self,
              SpServiceDetail *service,
              double           width)
{
  const SpSlipStyle *st = &self->style;
  GPtrArray *head = g_ptr_array_new ();
  g_autofree char *name = g_markup_escape_text (sp_service_detail_get_name (service), -1);
  g_autofree char *name_markup = g_strdup_printf ("<b>%s</b>", name);
  const char *organization = sp_service_detail_get_organization_name (service);

  g_ptr_array_add (head, sp_slip_make_layout (self, name_markup, width,
                                              fitting_size (self, name_markup, width, st->name, st->body),
                                              PANGO_ALIGN_LEFT));
  if (organization != NULL && g_strcmp0 (organization, sp_service_detail_get_name (service)) != 0)
    {
      /* Translators: the organisation behind a service, "Run by Age UK Wolverhampton". */
      g_autofree char *by = g_strdup_printf (_("Run by %s"), organization);
      g_autofree char *escaped = g_markup_escape_text (by, -1);
      g_autofree char *muted = g_strdup_printf ("<span foreground=\"#4a4a4a\">%s</span>", escaped);

      g_ptr_array_add (head, sp_slip_make_layout (self, muted, width, st->body, PANGO_ALIGN_LEFT));
    }
  return head;
}

/* Puts @qr, @side wide, at @x on the line the flow is at, and @caption under it from
 * @caption_x, @caption_width wide. */
static void
flow_qr (SpSlipFlow  *f,
         SpSlipQr    *qr,
         double       x,
         double       side,
         PangoLayout *caption,
         double       caption_x,
         double       caption_width,
         guint        index)
{
  SpSlipPiece piece = { SP_SLIP_PIECE_QR };

  piece.x = x;
  piece.y = f->y;
  piece.width = piece.height = side;
  piece.qr = qr;
  piece.service = index;
  sp_slip_flow_add_piece (f, piece);
  f->y += side + 1.5 * SP_SLIP_MM;
  sp_slip_flow_text (f, caption, caption_x, caption_width, 0, index);
}

/* One service: its name across the width, then its sections beside (or, on a receipt,
 * above) its QR code. */
gboolean
sp_slip_flow_service (SpSlipFlow  *f,
                      guint        index,
                      GDateTime   *now,
                      GError     **error)
{
  SpSlip *self = f->slip;
  const SpSlipStyle *st = &self->style;
  SpServiceDetail *service = self->services->pdata[index];
  gboolean receipt = self->paper == SP_SLIP_PAPER_RECEIPT_80;
  double content = st->width - 2 * st->margin_x;
  double space = st->body * 0.7;
  g_autoptr (SpSlipQr) qr = NULL;
  g_autoptr (GPtrArray) sections = NULL;
  g_autoptr (GPtrArray) head = service_head (self, service, content);
  char *content_text = qr_content (self, service, now);
  PangoLayout *caption;
  double side, column, qr_block, block, qr_x, text_x;
  /* Right to left (Urdu), the code stands at the left of the text, as a reader of the
   * language expects it at the line's end. */
  gboolean rtl = sp_ui_language_is_rtl ();
  double anchor_y = 0;
  guint anchor_page = 0;

  g_ptr_array_add (self->qr_contents, content_text);
  if ((qr = sp_slip_qr_new (content_text, error)) == NULL)
    return FALSE;
  side = qr_side (self, qr);
  if (!receipt && side > content * 0.4)
    side = content * 0.4;
  column = receipt ? content : content - side - 5 * SP_SLIP_MM;
  qr_x = rtl ? st->margin_x : st->width - st->margin_x - side;
  text_x = rtl && !receipt ? st->width - st->margin_x - column : st->margin_x;

  sections = service_sections (self, service, now, column);
  caption = sp_slip_make_layout (self, self->base_url != NULL
                                 /* Translators: under a QR code that opens the service's web page. */
                                 ? _("Scan with a phone camera to open the page")
                                 /* Translators: under a QR code holding the service's details as text. */
                                 : _("Scan with a phone camera"),
                         receipt ? content : side, st->small, PANGO_ALIGN_CENTER);
  qr_block = side + 1.5 * SP_SLIP_MM + sp_slip_layout_height (caption);

  /* Keep the service on one page when a page can hold it. */
  block = sp_slip_sum_heights (head, space * 0.3) + space +
          (receipt ? sp_slip_sum_heights (sections, space) + space + qr_block
                   : MAX (sp_slip_sum_heights (sections, space), qr_block));
  if (!sp_slip_flow_at_top (f) && f->y + block > f->bottom && block <= f->bottom - f->top)
    sp_slip_flow_new_page (f);

  for (guint i = 0; i < head->len; i++)
    sp_slip_flow_text (f, head->pdata[i], st->margin_x, content, i == 0 ? 0 : space * 0.3, index);
  f->service = index;
  f->continued = continued_layout (self, service, content);

  if (!receipt)
    {
      /* The code stands beside the first sections; it needs its whole height here. */
      f->y += space;
      if (f->y + qr_block > f->bottom)
        sp_slip_flow_new_page (f);
      anchor_y = f->y;
      anchor_page = f->page;
      flow_qr (f, qr, qr_x, side, caption, qr_x, side, index);
      f->page = anchor_page;
      f->y = anchor_y;
    }
  for (guint i = 0; i < sections->len; i++)
    sp_slip_flow_text (f, sections->pdata[i], text_x, column, i == 0 && !receipt ? 0 : space, index);
  if (!receipt)
    {
      if (f->page == anchor_page)
        f->y = MAX (f->y, anchor_y + qr_block);
    }
  else
    {
      f->y += space;
      flow_qr (f, qr, (st->width - side) / 2, side, caption, st->margin_x, content, index);
    }
  f->continued = NULL;
  g_ptr_array_add (self->qrs, g_steal_pointer (&qr));
  return TRUE;
}

/* "Information last checked 9 February 2026", or the span of dates of several services;
 * with the public's warning when the oldest was checked more than a year ago. */
static char *
checked_words (SpSlip *self)
{
  SpServiceDetail *oldest = NULL, *newest = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  for (guint i = 0; i < self->services->len; i++)
    {
      SpServiceDetail *s = self->services->pdata[i];
      const char *date = sp_service_detail_get_checked_date (s);

      if (date == NULL)
        continue;
      if (oldest == NULL || g_strcmp0 (date, sp_service_detail_get_checked_date (oldest)) < 0)
        oldest = s;
      if (newest == NULL || g_strcmp0 (date, sp_service_detail_get_checked_date (newest)) > 0)
        newest = s;
    }
  if (oldest != NULL)
    from = sp_service_detail_dup_checked_words (oldest);
  if (newest != NULL)
    to = sp_service_detail_dup_checked_words (newest);
  if (from == NULL || to == NULL)
    return g_strdup (_("This slip holds no personal information."));
  if (sp_service_detail_is_out_of_date (oldest, now))
    {
      /* The public's warning in the same words as the app and the hub, for the oldest. */
      g_autofree char *notice = sp_service_detail_dup_checked_notice (oldest, now);
      return g_strdup_printf ("%s %s", notice, _("This slip holds no personal information."));
    }
  if (g_str_equal (from, to))
    /* Translators: the slip's footer; %s is a date. */
    return g_strdup_printf (_("Information last checked %s. This slip holds no personal information."), from);
  /* Translators: the slip's footer for several services checked on different dates. */
  return g_strdup_printf (_("Information last checked between %s and %s. This slip holds no personal information."),
                          from, to);
}

/* The foot of page @page: when the information was checked, that the slip holds nothing
 * personal, and the page number when there are several. */
PangoLayout *
sp_slip_footer_layout (SpSlip *self,
                       guint   page,
                       guint   n_pages,
                       double  width)
{
  g_autofree char *text = checked_words (self);
  g_autofree char *markup = NULL;

  if (n_pages > 1)
    {
      /* Translators: the page number at the foot of a slip. */
      g_autofree char *number = g_strdup_printf (_("Page %u of %u."), page + 1, n_pages);
      char *with_number = g_strconcat (text, " ", number, NULL);

      g_free (text);
      text = with_number;
    }
  markup = g_markup_printf_escaped ("<span foreground=\"#4a4a4a\">%s</span>", text);
  return sp_slip_make_layout (self, markup, width, self->style.small, PANGO_ALIGN_LEFT);
}

PangoLayout *
sp_slip_header_layout (SpSlip    *self,
                       GDateTime *now,
                       double     width)
{
  const SpSlipStyle *st = &self->style;
  g_autoptr (GString) m = g_string_new (NULL);
  /* Translators: the date a slip was printed, see g_date_time_format(). */
  g_autofree char *date = g_date_time_format (now, C_("long date", "%-d %B %Y"));
  g_autofree char *printed = self->kiosk_location != NULL
                               /* Translators: "Printed on 1 March 2026 at Central Library". */
                               ? g_strdup_printf (_("Printed on %s at %s"), date, self->kiosk_location)
                               : g_strdup_printf (_("Printed on %s"), date);

  g_string_append_printf (m, "<span size=\"%d\" weight=\"bold\">", sp_slip_markup_size (st->title));
  append_escaped (m, self->directory_name != NULL ? self->directory_name : _("Local support near you"));
  g_string_append_printf (m, "</span>\n<span foreground=\"#4a4a4a\" size=\"%d\">", sp_slip_markup_size (st->small));
  append_escaped (m, printed);
  g_string_append (m, "</span>");
  return sp_slip_make_layout (self, m->str, width, st->body, PANGO_ALIGN_LEFT);
}

