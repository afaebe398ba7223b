/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-html.c: turning the HTML some feeds put in descriptions into clean display text. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sp-html.h"
#include "sp-html-private.h"
#include "sp-text.h"

/* Turning feed HTML into display text. A single forward pass over the input
 * with no backtracking: every search (for '>', "-->", an end tag) resumes
 * past what it scanned, so hostile input costs linear time.
 *
 * Not libxml2's HTML parser (2.9.14, Debian 12): it stops at 256 nested
 * elements and drops all the text after them (a description of unclosed <b>
 * from a WYSIWYG editor loses its end) unless XML_PARSE_HUGE, which then builds
 * a tree of every element (42 MB for 1 MB of nested <div>, to be walked without
 * recursion); it reads &#128;-&#159; as control characters, not Windows-1252
 * quotes and dashes; and what it would replace (the tokenizer and the entity
 * table, sp-html-entities.c) is the smaller part: what each tag means for the
 * text, the lists, links and their safety rules, stays here either way. */

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

  if (sp_html_is_space (c))
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
      gsize n = *p == '&' ? sp_html_decode_entity (p, end, &c) : 0;

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

/* Reads a tag's attributes from @p, only to find its href and to know which '>' ends the
 * tag: one inside quotes does not. Returns where text resumes, past the '>', or %NULL when
 * the input stops inside the tag. */
static const char *
html_attributes (const char  *p,
                 const char  *end,
                 const char **href,
                 gsize       *href_len)
{
  for (;;)
    {
      const char *attr;
      gsize attr_len;

      while (p < end && (g_ascii_isspace (*p) || *p == '/'))
        p++;
      if (p >= end)
        return NULL;
      if (*p == '>')
        return p + 1;
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
                return NULL;
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
          if (*href == NULL && attr_len == 4 && g_ascii_strncasecmp (attr, "href", 4) == 0)
            {
              *href = value;
              *href_len = value_len;
            }
        }
    }
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

  p = html_attributes (p, end, &href, &href_len);
  if (p == NULL)
    return end;

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
          gsize n = sp_html_decode_entity (p, end, &decoded);

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
