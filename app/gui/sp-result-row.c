/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-result-row.c: how one service looks in a list of results or in the shortlist.
 *
 * Name, organisation, a line of what it is (the words searched for in bold), the next
 * session in words, the distance when a location is set, and badges: Free, Open now,
 * Wheelchair access, languages. Everything a badge says is also in the row's accessible
 * description, so a screen reader reads the row as one sentence.
 *
 * The row draws its text itself, as one Pango layout. The list is rebuilt on every
 * keystroke, and a GtkLabel that wraps lays its text out six or seven times over while it
 * is measured (its widths unwrapped and at the narrowest, then its height for a width,
 * then again to draw): with a page of rows that was most of a keystroke's time. One layout
 * laid out once at the row's width, and widths reckoned from the font's character width
 * as GtkLabel's max-width-chars does, cost a fraction of that.
 *
 * The next session and the badges are coloured as the style says (signpost.css), so that
 * they follow the dark style and high contrast: the row has a hidden node for each kind of
 * badge ("ink"), whose colour it reads, and writes its text again when that changes.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-open-now.h"
#include "sp-result-row.h"

/* Widths, in characters of the row's font: at the narrowest, and at its widest. */
#define MIN_CHARS 20
#define NATURAL_CHARS 60
/* A badge's background: its colour, this opaque. */
#define BADGE_BACKGROUND_ALPHA 0.13

/* What colours a part of the row: each has a hidden node of this style class. */
typedef enum
{
  INK_NEXT,    /* the next session */
  INK_FREE,
  INK_OPEN,
  INK_OTHER,   /* wheelchair access, languages */
  N_INKS
} Ink;

static const char *ink_classes[N_INKS] = { "sp-ink-next", "sp-ink-free", "sp-ink-open", "sp-ink-other" };

typedef struct
{
  Ink ink;
  char *text;
} Badge;

static void
badge_free (Badge *badge)
{
  g_free (badge->text);
  g_free (badge);
}

struct _SpResultRow
{
  GtkWidget parent_instance;

  PangoLayout *layout;     /* name and distance, then organisation, snippet, next
                            * session and badges, each on its own line */
  int char_width;          /* an approximate character's width (Pango units) */
  int line_height;         /* a line's height (Pango units), with the spacing between lines */
  guint n_lines;           /* lines of text before any wrap */
  guint char_width_serial; /* the Pango context's serial when char_width was reckoned */
  int width;               /* the width last allocated, 0 before the first allocation */
  SpResult *result;

  char *text_markup;       /* the lines before the next session, as Pango markup */
  char *next;              /* (nullable) the next session in words */
  GPtrArray *badges;       /* (element-type Badge) */
  GtkWidget *inks[N_INKS]; /* hidden: they carry the colours of the style */
  GdkRGBA ink_colours[N_INKS];

  /* The next session and whether it is open, kept while the row shows the same service
   * in the same minute: while someone types, a row's snippet changes on every keystroke
   * and its service seldom does, and reckoning the schedules cost more than the rest of
   * the row's text. */
  SpServiceDetail *when_detail;
  gint64 when_minute;
  char *when_next;
  gboolean when_open;
};

G_DEFINE_FINAL_TYPE (SpResultRow, sp_result_row, GTK_TYPE_WIDGET)

/* The languages community services in England most often offer, by ISO 639-1 code. */
static const struct { const char *code; const char *name; } languages[] = {
  { "en", N_("English") }, { "pa", N_("Punjabi") }, { "ur", N_("Urdu") }, { "pl", N_("Polish") },
  { "bn", N_("Bengali") }, { "gu", N_("Gujarati") }, { "hi", N_("Hindi") }, { "ar", N_("Arabic") },
  { "so", N_("Somali") }, { "ro", N_("Romanian") }, { "ku", N_("Kurdish") }, { "fa", N_("Farsi") },
  { "zh", N_("Chinese") }, { "cy", N_("Welsh") }, { "pt", N_("Portuguese") }, { "es", N_("Spanish") },
  { "fr", N_("French") }, { "ti", N_("Tigrinya") }, { "ps", N_("Pashto") }, { "ta", N_("Tamil") },
  { "lt", N_("Lithuanian") }, { "sk", N_("Slovak") }, { "cs", N_("Czech") }, { "uk", N_("Ukrainian") },
  { "ru", N_("Russian") }, { "tr", N_("Turkish") }, { "it", N_("Italian") }, { "de", N_("German") },
  { "bfi", N_("British Sign Language") }, { "sgn", N_("Sign language") },
};

/* A language's name in the person's language, or the code itself when unknown. */
const char *
sp_language_name (const char *code)
{
  for (gsize i = 0; code != NULL && i < G_N_ELEMENTS (languages); i++)
    if (g_ascii_strcasecmp (code, languages[i].code) == 0)
      return _(languages[i].name);
  return code;
}

/* "1.2 miles", as people in Britain reckon distance; "Under ¼ mile" when very close. */
char *
sp_distance_words (double metres)
{
  double miles = metres / 1609.344;

  if (metres < 0)
    return NULL;
  if (miles < 0.25)
    return g_strdup (_("Under ¼ mile"));
  if (miles < 10)
    return g_strdup_printf (_("%.1f miles"), miles);
  return g_strdup_printf (_("%.0f miles"), miles);
}

/* The snippet as Pango markup: its text escaped, the words in [brackets] in bold. */
char *
sp_markup_from_snippet (const char *snippet)
{
  g_autofree char *escaped = g_markup_escape_text (snippet != NULL ? snippet : "", -1);
  GString *markup = g_string_new (NULL);
  gboolean open = FALSE;

  for (const char *p = escaped; *p != '\0'; p++)
    {
      if (*p == '[' && !open)
        {
          g_string_append (markup, "<b>");
          open = TRUE;
        }
      else if (*p == ']' && open)
        {
          g_string_append (markup, "</b>");
          open = FALSE;
        }
      else
        g_string_append_c (markup, *p);
    }
  if (open)
    g_string_append (markup, "</b>");
  return g_string_free (markup, FALSE);
}

/* @colour as Pango markup attributes: "foreground='#…' fgalpha='…%'" for @which
 * "foreground" (or "background", "bgalpha"), at @alpha of its own opacity. */
static void
append_colour (GString       *markup,
               const char    *which,
               const char    *alpha_name,
               const GdkRGBA *colour,
               double         alpha)
{
  g_string_append_printf (markup, " %s='#%02x%02x%02x' %s='%d%%'", which,
                          (guint) (colour->red * 255 + 0.5), (guint) (colour->green * 255 + 0.5),
                          (guint) (colour->blue * 255 + 0.5), alpha_name,
                          MAX (1, (int) (colour->alpha * alpha * 100 + 0.5)));
}

/* A badge: a span in its ink's colour on a light wash of it, among the body's lines. */
static void
append_badge (GString       *markup,
              const char    *text,
              const GdkRGBA *colour)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  if (markup->len > 0)
    g_string_append (markup, "  ");
  g_string_append (markup, "<span weight='bold'");
  append_colour (markup, "foreground", "fgalpha", colour, 1);
  append_colour (markup, "background", "bgalpha", colour, BADGE_BACKGROUND_ALPHA);
  g_string_append_printf (markup, ">\u2009%s\u2009</span>", escaped);
}

static void
add_badge (SpResultRow *self,
           Ink          ink,
           const char  *text,
           GString     *spoken)
{
  Badge *badge = g_new0 (Badge, 1);

  badge->ink = ink;
  badge->text = g_strdup (text);
  g_ptr_array_add (self->badges, badge);
  if (spoken->len > 0)
    g_string_append (spoken, ", ");
  g_string_append (spoken, text);
}

static void
add_line (GString    *body,
          const char *markup)
{
  if (markup == NULL || *markup == '\0')
    return;
  if (body->len > 0)
    g_string_append_c (body, '\n');
  g_string_append (body, markup);
}

/* Reads the colours the style gives the inks; whether any changed. */
static gboolean
read_inks (SpResultRow *self)
{
  gboolean changed = FALSE;

  for (guint i = 0; i < N_INKS; i++)
    {
      GdkRGBA colour;

      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      gtk_style_context_get_color (gtk_widget_get_style_context (self->inks[i]), &colour);
      G_GNUC_END_IGNORE_DEPRECATIONS
      if (!gdk_rgba_equal (&colour, &self->ink_colours[i]))
        {
          self->ink_colours[i] = colour;
          changed = TRUE;
        }
    }
  return changed;
}

/* Writes the row's text into its layout: the lines, the next session and the badges in
 * the colours of the inks. */
static void
compose (SpResultRow *self)
{
  g_autoptr (GString) body = g_string_new (self->text_markup);
  g_autoptr (GString) badges = g_string_new (NULL);

  if (self->next != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (self->next, -1);
      g_autoptr (GString) line = g_string_new ("<span weight='bold'");

      append_colour (line, "foreground", "fgalpha", &self->ink_colours[INK_NEXT], 1);
      g_string_append_printf (line, ">%s</span>", escaped);
      add_line (body, line->str);
    }
  for (guint i = 0; i < self->badges->len; i++)
    {
      Badge *badge = g_ptr_array_index (self->badges, i);
      append_badge (badges, badge->text, &self->ink_colours[badge->ink]);
    }
  add_line (body, badges->str);
  pango_layout_set_markup (self->layout, body->str, -1);
  self->n_lines = 1;
  for (const char *p = body->str; *p != '\0'; p++)
    self->n_lines += *p == '\n';
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * sp_result_row_set_result:
 * @details: (nullable): where the row finds the service's schedules for its next session
 *   and "Open now"; without it the row shows only what the index knows
 * @now: the time "next" and "now" are reckoned from
 */
void
sp_result_row_set_result (SpResultRow   *self,
                          SpResult      *result,
                          SpDetailCache *details,
                          GDateTime     *now)
{
  g_autoptr (GString) spoken = g_string_new (NULL);
  g_autoptr (GString) body = g_string_new (NULL);
  g_autofree char *heading = NULL;
  g_autofree char *distance = NULL;
  g_autofree char *next = NULL;
  g_autofree char *description = NULL;
  SpServiceDetail *detail = NULL;
  const char *organization = sp_result_get_organization (result);
  const char *snippet;

  g_return_if_fail (SP_IS_RESULT_ROW (self));
  g_return_if_fail (SP_IS_RESULT (result));

  g_set_object (&self->result, result);
  if (details != NULL)
    detail = sp_detail_cache_get (details, sp_result_get_id (result), NULL);

  /* The name, larger and bold, and how far it is in a quieter colour after it. */
  distance = sp_distance_words (sp_result_get_distance (result));
  if (distance != NULL)
    heading = g_markup_printf_escaped ("<span weight='bold' size='larger'>%s</span>  "
                                       "<span alpha='60%%'>%s</span>",
                                       sp_result_get_name (result), distance);
  else
    heading = g_markup_printf_escaped ("<span weight='bold' size='larger'>%s</span>",
                                       sp_result_get_name (result));
  add_line (body, heading);

  if (organization != NULL && *organization != '\0')
    {
      g_autofree char *line = g_markup_printf_escaped ("<span alpha='65%%'>%s</span>", organization);
      add_line (body, line);
    }
  snippet = sp_result_get_snippet (result);
  if ((snippet == NULL || *snippet == '\0') && detail != NULL)
    {
      g_autofree char *summary = g_markup_escape_text (sp_service_detail_get_summary (detail) ?: "", -1);
      add_line (body, summary);
    }
  else
    {
      g_autofree char *marked = sp_markup_from_snippet (snippet);
      add_line (body, marked);
    }
  if (detail != NULL && now != NULL)
    {
      gint64 minute = g_date_time_to_unix (now) / 60;

      if (detail != self->when_detail || minute != self->when_minute)
        {
          g_set_object (&self->when_detail, detail);
          self->when_minute = minute;
          g_free (self->when_next);
          self->when_next = sp_service_detail_dup_next_session (detail, now);
          self->when_open = sp_open_now_is_open (detail, now);
        }
      next = g_strdup (self->when_next);
    }
  g_free (self->text_markup);
  self->text_markup = g_string_free (g_steal_pointer (&body), FALSE);
  g_free (self->next);
  self->next = g_strdup (next);

  g_ptr_array_set_size (self->badges, 0);
  if (sp_result_get_free (result) || (detail != NULL && sp_service_detail_get_is_free (detail)))
    add_badge (self, INK_FREE, _("Free"), spoken);
  if (detail != NULL && now != NULL && self->when_open)
    add_badge (self, INK_OPEN, _("Open now"), spoken);
  if (sp_result_get_wheelchair (result))
    add_badge (self, INK_OTHER, _("Wheelchair access"), spoken);
  for (const char * const *code = sp_result_get_languages (result); *code != NULL; code++)
    if (g_ascii_strcasecmp (*code, "en") != 0)
      add_badge (self, INK_OTHER, sp_language_name (*code), spoken);
  read_inks (self);
  compose (self);

  /* One sentence for a screen reader: name, organisation, when, where, badges. */
  description = g_strjoin (". ", organization ?: "", next ?: "", distance ?: "", spoken->str, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, sp_result_get_name (result),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

SpResult *
sp_result_row_get_result (SpResultRow *self)
{
  g_return_val_if_fail (SP_IS_RESULT_ROW (self), NULL);
  return self->result;
}

/**
 * sp_result_row_get_layout:
 *
 * Returns: (transfer none): the row's text as it is drawn, colours and all (tests)
 */
PangoLayout *
sp_result_row_get_layout (SpResultRow *self)
{
  g_return_val_if_fail (SP_IS_RESULT_ROW (self), NULL);
  return self->layout;
}

/* Dark style, high contrast or another theme: the inks may have changed colour. */
static void
sp_result_row_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  SpResultRow *self = SP_RESULT_ROW (widget);

  GTK_WIDGET_CLASS (sp_result_row_parent_class)->css_changed (widget, change);
  if (read_inks (self) && self->text_markup != NULL)
    compose (self);
}

/* The width of a typical character, as GtkLabel reckons its width-chars: the wider of the
 * font's average character and digit. */
static int
char_width (SpResultRow *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));

  /* The context's serial changes with its font: a text size step, the kiosk's larger text. */
  if (self->char_width == 0 || self->char_width_serial != pango_context_get_serial (context))
    {
      PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);

      self->char_width = MAX (pango_font_metrics_get_approximate_char_width (metrics),
                              pango_font_metrics_get_approximate_digit_width (metrics));
      self->line_height = pango_font_metrics_get_height (metrics) + pango_layout_get_spacing (self->layout);
      self->char_width_serial = pango_context_get_serial (context);
      pango_font_metrics_unref (metrics);
    }
  return self->char_width;
}

static GtkSizeRequestMode
sp_result_row_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
sp_result_row_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  SpResultRow *self = SP_RESULT_ROW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = PANGO_PIXELS_CEIL (MIN_CHARS * char_width (self));
      *natural = PANGO_PIXELS_CEIL (NATURAL_CHARS * char_width (self));
    }
  else
    {
      int height;

      /* At the width it is drawn at, as Pango keeps the lines until the width changes.
       * Asked for any width, the width it has (rows of a list keep theirs), or before it
       * has one its lines unwrapped, reckoned rather than laid out: a list asks that of a
       * new row just before it asks for its height at the list's width, and laying the
       * text out for both cost twice the time. The heading's larger line counts as one
       * and a quarter. */
      if (for_size < 0 && self->width > 0)
        for_size = self->width;
      if (for_size >= 0)
        {
          pango_layout_set_width (self->layout, for_size * PANGO_SCALE);
          pango_layout_get_pixel_size (self->layout, NULL, &height);
        }
      else
        {
          char_width (self);
          height = PANGO_PIXELS_CEIL ((self->n_lines + 0.25) * self->line_height);
        }
      *minimum = *natural = height;
    }
}

static void
sp_result_row_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  SpResultRow *self = SP_RESULT_ROW (widget);

  self->width = width;
  pango_layout_set_width (self->layout, width * PANGO_SCALE);
}

static void
sp_result_row_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  SpResultRow *self = SP_RESULT_ROW (widget);
  GdkRGBA colour;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &colour);
  G_GNUC_END_IGNORE_DEPRECATIONS
  gtk_snapshot_append_layout (snapshot, self->layout, &colour);
}

static void
sp_result_row_dispose (GObject *object)
{
  SpResultRow *self = SP_RESULT_ROW (object);

  g_clear_object (&self->result);
  g_clear_object (&self->layout);
  g_clear_object (&self->when_detail);
  g_clear_pointer (&self->when_next, g_free);
  for (guint i = 0; i < N_INKS; i++)
    g_clear_pointer (&self->inks[i], gtk_widget_unparent);
  G_OBJECT_CLASS (sp_result_row_parent_class)->dispose (object);
}

static void
sp_result_row_finalize (GObject *object)
{
  SpResultRow *self = SP_RESULT_ROW (object);

  g_free (self->text_markup);
  g_free (self->next);
  g_ptr_array_unref (self->badges);
  G_OBJECT_CLASS (sp_result_row_parent_class)->finalize (object);
}

static void
sp_result_row_class_init (SpResultRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_result_row_dispose;
  object_class->finalize = sp_result_row_finalize;
  widget_class->css_changed = sp_result_row_css_changed;
  widget_class->get_request_mode = sp_result_row_get_request_mode;
  widget_class->measure = sp_result_row_measure;
  widget_class->size_allocate = sp_result_row_size_allocate;
  widget_class->snapshot = sp_result_row_snapshot;
  gtk_widget_class_set_css_name (widget_class, "sp-result-row");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sp_result_row_init (SpResultRow *self)
{
  self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  self->badges = g_ptr_array_new_with_free_func ((GDestroyNotify) badge_free);
  for (guint i = 0; i < N_INKS; i++)
    {
      self->inks[i] = gtk_label_new (NULL);
      gtk_widget_add_css_class (self->inks[i], "sp-ink");
      gtk_widget_add_css_class (self->inks[i], ink_classes[i]);
      gtk_widget_set_visible (self->inks[i], FALSE);
      gtk_widget_set_parent (self->inks[i], GTK_WIDGET (self));
    }
  pango_layout_set_wrap (self->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_spacing (self->layout, 2 * PANGO_SCALE);
}

GtkWidget *
sp_result_row_new (void)
{
  return g_object_new (SP_TYPE_RESULT_ROW, NULL);
}
