/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-html.c: turning the HTML some feeds put in descriptions into clean display text. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sp-html.h"
#include "sp-text.h"

/* Turning feed HTML into display text. A single forward pass over the input
 * with no backtracking: every search (for '>', "-->", an end tag) resumes
 * past what it scanned, so hostile input costs linear time. */

typedef struct
{
  const char *name;
  gunichar    c;
} HtmlEntity;

/* The HTML 4 named references (Latin-1, symbols, special) plus &apos;,
 * sorted by strcmp () for bsearch (). Names are case-sensitive. */
static const HtmlEntity html_entities[] = {
  { "AElig", 0x00C6 }, { "Aacute", 0x00C1 }, { "Acirc", 0x00C2 }, { "Agrave", 0x00C0 },
  { "Alpha", 0x0391 }, { "Aring", 0x00C5 }, { "Atilde", 0x00C3 }, { "Auml", 0x00C4 },
  { "Beta", 0x0392 }, { "Ccedil", 0x00C7 }, { "Chi", 0x03A7 }, { "Dagger", 0x2021 },
  { "Delta", 0x0394 }, { "ETH", 0x00D0 }, { "Eacute", 0x00C9 }, { "Ecirc", 0x00CA },
  { "Egrave", 0x00C8 }, { "Epsilon", 0x0395 }, { "Eta", 0x0397 }, { "Euml", 0x00CB },
  { "Gamma", 0x0393 }, { "Iacute", 0x00CD }, { "Icirc", 0x00CE }, { "Igrave", 0x00CC },
  { "Iota", 0x0399 }, { "Iuml", 0x00CF }, { "Kappa", 0x039A }, { "Lambda", 0x039B },
  { "Mu", 0x039C }, { "Ntilde", 0x00D1 }, { "Nu", 0x039D }, { "OElig", 0x0152 },
  { "Oacute", 0x00D3 }, { "Ocirc", 0x00D4 }, { "Ograve", 0x00D2 }, { "Omega", 0x03A9 },
  { "Omicron", 0x039F }, { "Oslash", 0x00D8 }, { "Otilde", 0x00D5 }, { "Ouml", 0x00D6 },
  { "Phi", 0x03A6 }, { "Pi", 0x03A0 }, { "Prime", 0x2033 }, { "Psi", 0x03A8 }, { "Rho", 0x03A1 },
  { "Scaron", 0x0160 }, { "Sigma", 0x03A3 }, { "THORN", 0x00DE }, { "Tau", 0x03A4 },
  { "Theta", 0x0398 }, { "Uacute", 0x00DA }, { "Ucirc", 0x00DB }, { "Ugrave", 0x00D9 },
  { "Upsilon", 0x03A5 }, { "Uuml", 0x00DC }, { "Xi", 0x039E }, { "Yacute", 0x00DD },
  { "Yuml", 0x0178 }, { "Zeta", 0x0396 }, { "aacute", 0x00E1 }, { "acirc", 0x00E2 },
  { "acute", 0x00B4 }, { "aelig", 0x00E6 }, { "agrave", 0x00E0 }, { "alefsym", 0x2135 },
  { "alpha", 0x03B1 }, { "amp", 0x0026 }, { "and", 0x2227 }, { "ang", 0x2220 }, { "apos", 0x0027 },
  { "aring", 0x00E5 }, { "asymp", 0x2248 }, { "atilde", 0x00E3 }, { "auml", 0x00E4 },
  { "bdquo", 0x201E }, { "beta", 0x03B2 }, { "brvbar", 0x00A6 }, { "bull", 0x2022 },
  { "cap", 0x2229 }, { "ccedil", 0x00E7 }, { "cedil", 0x00B8 }, { "cent", 0x00A2 },
  { "chi", 0x03C7 }, { "circ", 0x02C6 }, { "clubs", 0x2663 }, { "cong", 0x2245 },
  { "copy", 0x00A9 }, { "crarr", 0x21B5 }, { "cup", 0x222A }, { "curren", 0x00A4 },
  { "dArr", 0x21D3 }, { "dagger", 0x2020 }, { "darr", 0x2193 }, { "deg", 0x00B0 },
  { "delta", 0x03B4 }, { "diams", 0x2666 }, { "divide", 0x00F7 }, { "eacute", 0x00E9 },
  { "ecirc", 0x00EA }, { "egrave", 0x00E8 }, { "empty", 0x2205 }, { "emsp", 0x2003 },
  { "ensp", 0x2002 }, { "epsilon", 0x03B5 }, { "equiv", 0x2261 }, { "eta", 0x03B7 },
  { "eth", 0x00F0 }, { "euml", 0x00EB }, { "euro", 0x20AC }, { "exist", 0x2203 },
  { "fnof", 0x0192 }, { "forall", 0x2200 }, { "frac12", 0x00BD }, { "frac14", 0x00BC },
  { "frac34", 0x00BE }, { "frasl", 0x2044 }, { "gamma", 0x03B3 }, { "ge", 0x2265 },
  { "gt", 0x003E }, { "hArr", 0x21D4 }, { "harr", 0x2194 }, { "hearts", 0x2665 },
  { "hellip", 0x2026 }, { "iacute", 0x00ED }, { "icirc", 0x00EE }, { "iexcl", 0x00A1 },
  { "igrave", 0x00EC }, { "image", 0x2111 }, { "infin", 0x221E }, { "int", 0x222B },
  { "iota", 0x03B9 }, { "iquest", 0x00BF }, { "isin", 0x2208 }, { "iuml", 0x00EF },
  { "kappa", 0x03BA }, { "lArr", 0x21D0 }, { "lambda", 0x03BB }, { "lang", 0x2329 },
  { "laquo", 0x00AB }, { "larr", 0x2190 }, { "lceil", 0x2308 }, { "ldquo", 0x201C },
  { "le", 0x2264 }, { "lfloor", 0x230A }, { "lowast", 0x2217 }, { "loz", 0x25CA },
  { "lrm", 0x200E }, { "lsaquo", 0x2039 }, { "lsquo", 0x2018 }, { "lt", 0x003C },
  { "macr", 0x00AF }, { "mdash", 0x2014 }, { "micro", 0x00B5 }, { "middot", 0x00B7 },
  { "minus", 0x2212 }, { "mu", 0x03BC }, { "nabla", 0x2207 }, { "nbsp", 0x00A0 },
  { "ndash", 0x2013 }, { "ne", 0x2260 }, { "ni", 0x220B }, { "not", 0x00AC }, { "notin", 0x2209 },
  { "nsub", 0x2284 }, { "ntilde", 0x00F1 }, { "nu", 0x03BD }, { "oacute", 0x00F3 },
  { "ocirc", 0x00F4 }, { "oelig", 0x0153 }, { "ograve", 0x00F2 }, { "oline", 0x203E },
  { "omega", 0x03C9 }, { "omicron", 0x03BF }, { "oplus", 0x2295 }, { "or", 0x2228 },
  { "ordf", 0x00AA }, { "ordm", 0x00BA }, { "oslash", 0x00F8 }, { "otilde", 0x00F5 },
  { "otimes", 0x2297 }, { "ouml", 0x00F6 }, { "para", 0x00B6 }, { "part", 0x2202 },
  { "permil", 0x2030 }, { "perp", 0x22A5 }, { "phi", 0x03C6 }, { "pi", 0x03C0 }, { "piv", 0x03D6 },
  { "plusmn", 0x00B1 }, { "pound", 0x00A3 }, { "prime", 0x2032 }, { "prod", 0x220F },
  { "prop", 0x221D }, { "psi", 0x03C8 }, { "quot", 0x0022 }, { "rArr", 0x21D2 },
  { "radic", 0x221A }, { "rang", 0x232A }, { "raquo", 0x00BB }, { "rarr", 0x2192 },
  { "rceil", 0x2309 }, { "rdquo", 0x201D }, { "real", 0x211C }, { "reg", 0x00AE },
  { "rfloor", 0x230B }, { "rho", 0x03C1 }, { "rlm", 0x200F }, { "rsaquo", 0x203A },
  { "rsquo", 0x2019 }, { "sbquo", 0x201A }, { "scaron", 0x0161 }, { "sdot", 0x22C5 },
  { "sect", 0x00A7 }, { "shy", 0x00AD }, { "sigma", 0x03C3 }, { "sigmaf", 0x03C2 },
  { "sim", 0x223C }, { "spades", 0x2660 }, { "sub", 0x2282 }, { "sube", 0x2286 },
  { "sum", 0x2211 }, { "sup", 0x2283 }, { "sup1", 0x00B9 }, { "sup2", 0x00B2 }, { "sup3", 0x00B3 },
  { "supe", 0x2287 }, { "szlig", 0x00DF }, { "tau", 0x03C4 }, { "there4", 0x2234 },
  { "theta", 0x03B8 }, { "thetasym", 0x03D1 }, { "thinsp", 0x2009 }, { "thorn", 0x00FE },
  { "tilde", 0x02DC }, { "times", 0x00D7 }, { "trade", 0x2122 }, { "uArr", 0x21D1 },
  { "uacute", 0x00FA }, { "uarr", 0x2191 }, { "ucirc", 0x00FB }, { "ugrave", 0x00F9 },
  { "uml", 0x00A8 }, { "upsih", 0x03D2 }, { "upsilon", 0x03C5 }, { "uuml", 0x00FC },
  { "weierp", 0x2118 }, { "xi", 0x03BE }, { "yacute", 0x00FD }, { "yen", 0x00A5 },
  { "yuml", 0x00FF }, { "zeta", 0x03B6 }, { "zwj", 0x200D }, { "zwnj", 0x200C },
};

typedef struct
{
  const char *name;
  gsize       len;
} HtmlEntityKey;

static int
html_entity_compare (const void *key,
                     const void *member)
{
  const HtmlEntityKey *k = key;
  const HtmlEntity *e = member;
  gsize e_len = strlen (e->name);
  int cmp = memcmp (k->name, e->name, MIN (k->len, e_len));

  if (cmp != 0)
    return cmp;
  return k->len < e_len ? -1 : k->len > e_len;
}

/* HTML reads &#128;..&#159; as Windows-1252, since text pasted from Word
 * uses them for quotes and dashes; 0 marks the five unassigned ones. */
static const guint16 html_cp1252[32] = {
  0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
  0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

/* Characters laid out as a collapsible space: HTML's own whitespace plus
 * &nbsp; and the typographic spaces, which in a description are only ever
 * spacing, never layout to preserve. */
static gboolean
html_is_space (gunichar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x00A0 ||
         c == 0x2002 || c == 0x2003 || c == 0x2009;
}

static gunichar
html_numeric_char (guint32 value)
{
  if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
    return 0xFFFD;
  if (value >= 0x80 && value <= 0x9F)
    return html_cp1252[value - 0x80] != 0 ? html_cp1252[value - 0x80] : 0xFFFD;
  if ((value < 0x20 && !html_is_space (value)) || value == 0x7F)
    return 0xFFFD;
  return value;
}

/* Decodes the character reference at @p (an '&'), reading nothing at or past
 * @end. Named references need their ';' so "AT&T" and "&copy 2024" stay as
 * typed; numeric ones, as in browsers, may omit it. Returns the bytes used,
 * or 0 when the '&' is a literal one. */
static gsize
html_decode_entity (const char *p,
                    const char *end,
                    gunichar   *out)
{
  const char *q = p + 1;

  if (q < end && *q == '#')
    {
      const char *first_digit;
      gboolean hex;
      guint32 value = 0;

      q++;
      hex = q < end && (*q == 'x' || *q == 'X');
      if (hex)
        q++;
      first_digit = q;
      for (; q < end && (hex ? g_ascii_isxdigit (*q) : g_ascii_isdigit (*q)); q++)
        {
          value = value * (hex ? 16 : 10) +
                  (guint32) (hex ? g_ascii_xdigit_value (*q) : g_ascii_digit_value (*q));
          /* Saturate, so "&#99999999999;" cannot wrap round to a real one. */
          value = MIN (value, 0x110000);
        }
      if (q == first_digit)
        return 0;
      if (q < end && *q == ';')
        q++;
      *out = html_numeric_char (value);
      return q - p;
    }
  else
    {
      HtmlEntityKey key = { q, 0 };
      const HtmlEntity *found;

      /* No known name is longer than 8; stop early on "&aaaa…". */
      for (; q < end && g_ascii_isalnum (*q) && key.len < 8; q++)
        key.len++;
      if (key.len == 0 || q >= end || *q != ';')
        return 0;
      found = bsearch (&key, html_entities, G_N_ELEMENTS (html_entities), sizeof html_entities[0],
                       html_entity_compare);
      if (found == NULL)
        return 0;
      *out = found->c;
      return q + 1 - p;
    }
}

typedef enum
{
  HTML_TAG_OTHER,      /* inline or unknown: the tag vanishes, its text stays */
  HTML_TAG_PARAGRAPH,  /* a blank line either side */
  HTML_TAG_LINE,       /* a line break either side */
  HTML_TAG_BR,
  HTML_TAG_LI,
  HTML_TAG_LIST,
  HTML_TAG_PRE,
  HTML_TAG_CELL,
  HTML_TAG_A,
  HTML_TAG_HEAD,
  HTML_TAG_BODY,
  HTML_TAG_TEMPLATE,
  HTML_TAG_RAW,        /* content never shown and not markup: script, style… */
} HtmlTagKind;

static const struct
{
  const char  *name;
  HtmlTagKind  kind;
} html_tags[] = {
  { "p", HTML_TAG_PARAGRAPH }, { "h1", HTML_TAG_PARAGRAPH }, { "h2", HTML_TAG_PARAGRAPH },
  { "h3", HTML_TAG_PARAGRAPH }, { "h4", HTML_TAG_PARAGRAPH }, { "h5", HTML_TAG_PARAGRAPH },
  { "h6", HTML_TAG_PARAGRAPH }, { "blockquote", HTML_TAG_PARAGRAPH },
  { "table", HTML_TAG_PARAGRAPH }, { "hr", HTML_TAG_PARAGRAPH }, { "figure", HTML_TAG_PARAGRAPH },
  { "div", HTML_TAG_LINE }, { "tr", HTML_TAG_LINE }, { "section", HTML_TAG_LINE },
  { "article", HTML_TAG_LINE }, { "header", HTML_TAG_LINE }, { "footer", HTML_TAG_LINE },
  { "main", HTML_TAG_LINE }, { "nav", HTML_TAG_LINE }, { "aside", HTML_TAG_LINE },
  { "address", HTML_TAG_LINE }, { "dl", HTML_TAG_LINE }, { "dt", HTML_TAG_LINE },
  { "dd", HTML_TAG_LINE }, { "caption", HTML_TAG_LINE }, { "figcaption", HTML_TAG_LINE },
  { "details", HTML_TAG_LINE }, { "summary", HTML_TAG_LINE }, { "form", HTML_TAG_LINE },
  { "fieldset", HTML_TAG_LINE }, { "legend", HTML_TAG_LINE }, { "center", HTML_TAG_LINE },
  { "br", HTML_TAG_BR }, { "li", HTML_TAG_LI }, { "ul", HTML_TAG_LIST }, { "ol", HTML_TAG_LIST },
  { "pre", HTML_TAG_PRE }, { "td", HTML_TAG_CELL }, { "th", HTML_TAG_CELL }, { "a", HTML_TAG_A },
  { "head", HTML_TAG_HEAD }, { "body", HTML_TAG_BODY }, { "template", HTML_TAG_TEMPLATE },
  { "script", HTML_TAG_RAW }, { "style", HTML_TAG_RAW }, { "title", HTML_TAG_RAW },
  { "noscript", HTML_TAG_RAW }, { "iframe", HTML_TAG_RAW }, { "noembed", HTML_TAG_RAW },
  { "noframes", HTML_TAG_RAW },
};

static HtmlTagKind
html_tag_kind (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (html_tags); i++)
    if (strcmp (name, html_tags[i].name) == 0)
      return html_tags[i].kind;
  return HTML_TAG_OTHER;
}

/* Output is written lazily: whitespace and line breaks are only owed until
 * visible text follows, so the result never starts or ends with whitespace,
 * never has spaces at a line end and never more than one blank line. */
typedef struct
{
  GString  *out;
  guint     breaks;          /* newlines owed, at most 2 */
  gboolean  space;           /* a space owed */
  gboolean  bullet;          /* "• " owed to an <li> that has shown nothing yet */
  guint     list_depth;
  guint     pre_depth;
  guint     template_depth;
  gboolean  in_head;
  gboolean  in_link;
  gsize     link_start;      /* out->len when the <a> opened */
  GString  *link_url;        /* the <a>'s href as shown, or NULL */
} HtmlText;

static gboolean
html_hidden (HtmlText *t)
{
  return t->in_head || t->template_depth > 0;
}

static void
html_put (HtmlText   *t,
          const char *s,
          gsize       len)
{
  if (len == 0 || html_hidden (t))
    return;
  if (t->out->len == 0)
    t->breaks = 0;
  if (t->breaks > 0)
    g_string_append_len (t->out, "\n\n", t->breaks);
  else if (t->space && t->out->len > 0)
    g_string_append_c (t->out, ' ');
  if (t->bullet)
    g_string_append (t->out, "• ");
  t->breaks = 0;
  t->space = FALSE;
  t->bullet = FALSE;
  g_string_append_len (t->out, s, len);
}

static void
html_break (HtmlText *t,
            guint     n)
{
  t->breaks = MAX (t->breaks, n);
}

/* <br> adds to what is owed, so "<br><br>" is a blank line, yet a <br> at
 * the end of a paragraph does not add a second one. */
static void
html_line_break (HtmlText *t)
{
  t->breaks = MIN (t->breaks + 1, 2);
}

static void
html_space (HtmlText *t,
            gunichar  c)
{
  if (html_hidden (t))
    return;
  if (c == '\n' && t->pre_depth > 0)
    html_line_break (t);
  else
    t->space = TRUE;
}

static void
html_put_char (HtmlText *t,
               gunichar  c)
{
  char buf[6];

  if (html_is_space (c))
    html_space (t, c);
  else
    html_put (t, buf, g_unichar_to_utf8 (c, buf));
}

/* The href of an <a>, as it would be shown after the link text, or NULL for
 * anything but a well-formed http(s) or mailto URL: javascript:, data: and
 * the like must never reach the output, however they are spelled. */
static GString *
html_link_url (const char *value,
               gsize       len)
{
  const char *end = value + len;
  g_autoptr (GString) url = g_string_sized_new (len);
  gsize lead = 0;

  for (const char *p = value; p < end;)
    {
      gunichar c;
      gsize n = *p == '&' ? html_decode_entity (p, end, &c) : 0;

      if (n > 0)
        g_string_append_unichar (url, c);
      else
        g_string_append_c (url, *p);
      p += n > 0 ? n : 1;
    }
  /* Browsers ignore spaces around an href. */
  while (lead < url->len && g_ascii_isspace (url->str[lead]))
    lead++;
  g_string_erase (url, 0, lead);
  while (url->len > 0 && g_ascii_isspace (url->str[url->len - 1]))
    g_string_truncate (url, url->len - 1);

  if (g_ascii_strncasecmp (url->str, "mailto:", strlen ("mailto:")) == 0)
    {
      /* Show the address alone; a ?subject= is not for reading. */
      g_string_erase (url, 0, strlen ("mailto:"));
      if (strchr (url->str, '?') != NULL)
        g_string_truncate (url, strchr (url->str, '?') - url->str);
      return sp_text_is_email (url->str) ? g_steal_pointer (&url) : NULL;
    }
  return sp_text_is_url (url->str) ? g_steal_pointer (&url) : NULL;
}

/* Narrows a link or its text to the part a reader would compare, so that
 * "www.example.org" and "https://www.example.org/" count as the same. */
static void
html_link_core (const char **s,
                gsize       *len)
{
  static const char *const prefixes[] = { "https://", "http://", "mailto:", "www." };

  for (gsize i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      gsize n = strlen (prefixes[i]);

      if (*len >= n && g_ascii_strncasecmp (*s, prefixes[i], n) == 0)
        {
          *s += n;
          *len -= n;
        }
    }
  while (*len > 0 && (*s)[*len - 1] == '/')
    (*len)--;
}

static void
html_finish_link (HtmlText *t)
{
  const char *text = t->out->str + t->link_start;
  gsize text_len;

  /* The link text begins with whatever spacing or bullet was owed when it
   * was written. */
  for (;;)
    {
      if (*text == ' ' || *text == '\n')
        text++;
      else if (g_str_has_prefix (text, "• "))
        text += strlen ("• ");
      else
        break;
    }
  text_len = t->out->str + t->out->len - text;

  if (t->link_url != NULL && text_len == 0)
    {
      /* A link with only an image: the address is all that is left of it. */
      html_put (t, t->link_url->str, t->link_url->len);
    }
  else if (t->link_url != NULL)
    {
      const char *url = t->link_url->str;
      gsize url_len = t->link_url->len;

      html_link_core (&text, &text_len);
      html_link_core (&url, &url_len);
      if (text_len != url_len || g_ascii_strncasecmp (text, url, url_len) != 0)
        g_string_append_printf (t->out, " (%s)", t->link_url->str);
    }
  if (t->link_url != NULL)
    g_string_free (t->link_url, TRUE);
  t->link_url = NULL;
  t->in_link = FALSE;
}

static void
html_block (HtmlText    *t,
            HtmlTagKind  kind,
            gboolean     closing,
            const char  *href,
            gsize        href_len)
{
  switch (kind)
    {
    case HTML_TAG_PARAGRAPH:
      /* Editors wrap each list item in a <p>; a blank line there would
       * split one list into many. */
      html_break (t, t->list_depth > 0 ? 1 : 2);
      break;
    case HTML_TAG_PRE:
      html_break (t, 2);
      if (closing && t->pre_depth > 0)
        t->pre_depth--;
      else if (!closing && t->pre_depth < G_MAXUINT)
        t->pre_depth++;
      break;
    case HTML_TAG_LINE:
      html_break (t, 1);
      break;
    case HTML_TAG_BR:
      html_line_break (t);
      break;
    case HTML_TAG_LI:
      html_break (t, 1);
      t->bullet = !closing;
      break;
    case HTML_TAG_LIST:
      /* A blank line around a whole list, but not around one nested in it. */
      if (closing && t->list_depth > 0)
        t->list_depth--;
      html_break (t, t->list_depth == 0 ? 2 : 1);
      if (!closing && t->list_depth < G_MAXUINT)
        t->list_depth++;
      break;
    case HTML_TAG_CELL:
      t->space = TRUE;
      break;
    case HTML_TAG_A:
      /* <a> cannot nest; a new one ends the last, as in a browser. */
      if (t->in_link)
        html_finish_link (t);
      if (!closing)
        {
          t->in_link = TRUE;
          t->link_start = t->out->len;
          t->link_url = href != NULL ? html_link_url (href, href_len) : NULL;
        }
      break;
    case HTML_TAG_OTHER:
    case HTML_TAG_HEAD:
    case HTML_TAG_BODY:
    case HTML_TAG_TEMPLATE:
    case HTML_TAG_RAW:
    default:
      break;
    }
}

/* Skips the content of a raw-text element such as <script>, which may hold
 * "<" and "&" freely, up to its end tag (left for the caller to read) or to
 * @end if it never closes. */
static const char *
html_skip_raw (const char *p,
               const char *end,
               const char *name)
{
  gsize len = strlen (name);

  for (const char *q = p; (q = memchr (q, '<', end - q)) != NULL; q++)
    if ((gsize) (end - q) > len + 2 && q[1] == '/' && g_ascii_strncasecmp (q + 2, name, len) == 0 &&
        (g_ascii_isspace (q[2 + len]) || q[2 + len] == '/' || q[2 + len] == '>'))
      return q;
  return end;
}

static const char *
html_skip_past (const char *p,
                const char *end,
                char        c)
{
  const char *found = memchr (p, c, end - p);

  return found != NULL ? found + 1 : end;
}

/* Reads the tag whose name starts at @p (past the '<' and any '/') and acts
 * on it. Returns where text resumes: past the '>', or @end when the input
 * stops inside the tag, which then counts for nothing, as in a browser. */
static const char *
html_tag (HtmlText   *t,
          const char *p,
          const char *end,
          gboolean    closing)
{
  char name[16];
  gsize name_len = 0;
  gboolean name_fits = TRUE;
  const char *href = NULL;
  gsize href_len = 0;
  HtmlTagKind kind;

  for (; p < end && !g_ascii_isspace (*p) && *p != '/' && *p != '>'; p++)
    {
      if (name_len < sizeof name - 1)
        name[name_len++] = g_ascii_tolower (*p);
      else
        name_fits = FALSE;
    }
  name[name_len] = '\0';

  /* Attributes, read only to find the href and to know which '>' ends the
   * tag: one inside quotes does not. */
  for (;;)
    {
      const char *attr;
      gsize attr_len;

      while (p < end && (g_ascii_isspace (*p) || *p == '/'))
        p++;
      if (p >= end)
        return end;
      if (*p == '>')
        {
          p++;
          break;
        }
      /* The first character always belongs to the name, even '=', so every
       * turn of the loop moves on. */
      attr = p++;
      while (p < end && !g_ascii_isspace (*p) && *p != '/' && *p != '>' && *p != '=')
        p++;
      attr_len = p - attr;
      while (p < end && g_ascii_isspace (*p))
        p++;
      if (p < end && *p == '=')
        {
          const char *value;
          gsize value_len;

          p++;
          while (p < end && g_ascii_isspace (*p))
            p++;
          if (p < end && (*p == '"' || *p == '\''))
            {
              const char *close = memchr (p + 1, *p, end - p - 1);

              if (close == NULL)
                return end;
              value = p + 1;
              value_len = close - value;
              p = close + 1;
            }
          else
            {
              value = p;
              while (p < end && !g_ascii_isspace (*p) && *p != '>')
                p++;
              value_len = p - value;
            }
          if (href == NULL && attr_len == 4 && g_ascii_strncasecmp (attr, "href", 4) == 0)
            {
              href = value;
              href_len = value_len;
            }
        }
    }

  kind = name_fits ? html_tag_kind (name) : HTML_TAG_OTHER;
  switch (kind)
    {
    case HTML_TAG_HEAD:
      t->in_head = !closing;
      break;
    case HTML_TAG_BODY:
      if (!closing)
        t->in_head = FALSE;
      break;
    case HTML_TAG_TEMPLATE:
      if (closing && t->template_depth > 0)
        t->template_depth--;
      else if (!closing && t->template_depth < G_MAXUINT)
        t->template_depth++;
      break;
    case HTML_TAG_RAW:
      if (!closing)
        p = html_skip_raw (p, end, name);
      break;
    case HTML_TAG_OTHER:
    case HTML_TAG_PARAGRAPH:
    case HTML_TAG_LINE:
    case HTML_TAG_BR:
    case HTML_TAG_LI:
    case HTML_TAG_LIST:
    case HTML_TAG_PRE:
    case HTML_TAG_CELL:
    case HTML_TAG_A:
    default:
      if (!html_hidden (t))
        html_block (t, kind, closing, href, href_len);
      break;
    }
  return p;
}

/* Reads the markup starting at @p, a '<', and returns where text resumes. */
static const char *
html_markup (HtmlText   *t,
             const char *p,
             const char *end)
{
  const char *q = p + 1;

  if (q < end && *q == '!')
    {
      q++;
      if (end - q >= 2 && q[0] == '-' && q[1] == '-')
        {
          const char *close;

          /* "<!-->" and "<!--->" are complete, empty comments. */
          q += 2;
          if (q < end && *q == '>')
            return q + 1;
          if (end - q >= 2 && q[0] == '-' && q[1] == '>')
            return q + 2;
          close = strstr (q, "-->");
          return close != NULL ? close + 3 : end;
        }
      /* <!DOCTYPE>, <![CDATA[…]]> and the like: gone up to the next '>'. */
      return html_skip_past (q, end, '>');
    }
  if (q < end && *q == '?')
    return html_skip_past (q, end, '>');
  if (q < end && *q == '/')
    {
      if (q + 1 < end && g_ascii_isalpha (q[1]))
        return html_tag (t, q + 1, end, TRUE);
      /* "</>" or "</ 3": a browser drops it up to the next '>'. */
      return html_skip_past (q, end, '>');
    }
  if (q < end && g_ascii_isalpha (*q))
    return html_tag (t, q, end, FALSE);
  /* "a < b": a '<' that starts no tag is text. */
  html_put (t, "<", 1);
  return q;
}

/* Whether the byte at @p ends a run of ordinary text. */
static gboolean
html_is_special (const char *p)
{
  guchar c = *p;

  return c == '<' || c == '&' || c < 0x20 || c == 0x7f || c == ' ' ||
         (c == 0xc2 && (guchar) p[1] == 0xa0);
}

static char *
html_to_text (const char *html)
{
  gsize len = strlen (html);
  const char *end = html + len;
  const char *p = html;
  HtmlText t = { 0 };

  t.out = g_string_sized_new (len / 2);
  while (p < end)
    {
      guchar c = *p;

      if (c == '<')
        {
          p = html_markup (&t, p, end);
        }
      else if (c == '&')
        {
          gunichar decoded;
          gsize n = html_decode_entity (p, end, &decoded);

          if (n > 0)
            html_put_char (&t, decoded);
          else
            html_put (&t, "&", 1);
          p += n > 0 ? n : 1;
        }
      else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')
        {
          html_space (&t, c);
          p++;
        }
      else if (c == 0xc2 && (guchar) p[1] == 0xa0)
        {
          html_space (&t, 0xa0);
          p += 2;
        }
      else if (c < 0x20 || c == 0x7f)
        {
          p++;  /* a stray control character shows as nothing, or as a box */
        }
      else
        {
          /* Copy a run of plain text at once. It stops only at ASCII or at a
           * lead byte, so never inside a character. */
          const char *run = p;

          for (p++; p < end && !html_is_special (p); p++)
            ;
          html_put (&t, run, p - run);
        }
    }
  if (t.in_link)
    html_finish_link (&t);
  return g_string_free (t.out, FALSE);
}

/* Whether @text is meant as HTML: it has a tag, a '<' then a name (or a
 * '/' or '!'), closed by a '>' somewhere after. "age < 65 and > 18" and
 * "Email <info@example.org>" are plain text. */
static gboolean
looks_like_html (const char *text)
{
  for (const char *p = strchr (text, '<'); p != NULL; p = strchr (p + 1, '<'))
    {
      const char *q = p + 1;

      if (*q == '!')
        return strchr (q, '>') != NULL;
      if (*q == '/')
        q++;
      if (!g_ascii_isalpha (*q))
        continue;
      while (g_ascii_isalnum (*q) || *q == '-' || *q == ':')
        q++;
      if (*q == '>' || *q == '/' || g_ascii_isspace (*q))
        return strchr (q, '>') != NULL;
    }
  return FALSE;
}

/* Plain text keeps its layout and its every character, '&' and '<'
 * included: only line ends are unified, spaces at line ends dropped, blank
 * lines limited to one and the whole trimmed. */
static char *
plain_text_tidy (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));
  const char *blank = text;  /* spaces and tabs owed before the next text */
  gsize blank_len = 0;
  guint newlines = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '\t')
        {
          if (blank_len == 0)
            blank = p;
          blank_len++;
        }
      else if (*p == '\n' || *p == '\r')
        {
          if (*p == '\r' && p[1] == '\n')
            p++;
          newlines++;
          blank_len = 0;
        }
      else
        {
          if (out->len > 0)
            {
              g_string_append_len (out, "\n\n", MIN (newlines, 2));
              g_string_append_len (out, blank, blank_len);
            }
          newlines = 0;
          blank_len = 0;
          g_string_append_c (out, *p);
        }
    }
  return g_string_free (out, FALSE);
}

/**
 * sp_html_to_text:
 * @html: (nullable): a description from a feed, as HTML or plain text
 *
 * Turns a description written in a WYSIWYG editor into text for display.
 * Paragraphs and other blocks become lines, separated by at most one blank
 * line; list items start with "• "; tags, comments, images and the content
 * of scripts, styles and the document head vanish; character references are
 * decoded; a link keeps its text and, when it differs, its http(s) or mailto
 * address in brackets. Other addresses (javascript: above all) never appear.
 *
 * Text with no tags in it is taken as plain text and kept as typed, so
 * "Fish & chips" and "age < 65" survive: only line ends are tidied and the
 * whole trimmed.
 *
 * Malformed markup is read as a browser would, in time linear in its length.
 *
 * Returns: (transfer full) (nullable): the text, "" when nothing visible is
 *   left, or %NULL when @html is %NULL
 */
char *
sp_html_to_text (const char *html)
{
  g_autofree char *valid = NULL;

  if (html == NULL)
    return NULL;
  /* Callers validate, but valid output must not rest on that. */
  if (!g_utf8_validate (html, -1, NULL))
    html = valid = g_utf8_make_valid (html, -1);
  if (!looks_like_html (html))
    return plain_text_tidy (html);
  return html_to_text (html);
}
