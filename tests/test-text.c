/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-text.c: cleaning feed text for display and matching. */
#include "config.h"

#include <string.h>

#include "sp-html.h"
#include "sp-text.h"

/* A macro rather than a function so a failure names the line of the case. */
#define assert_html(html, expected)                                     \
  G_STMT_START                                                          \
  {                                                                     \
    g_autofree char *got_ = sp_html_to_text (html);                   \
    g_assert_nonnull (got_);                                            \
    g_assert_true (g_utf8_validate (got_, -1, NULL));                   \
    g_assert_cmpstr (got_, ==, (expected));                             \
  }                                                                     \
  G_STMT_END

/* What every result must be, whatever went in: valid UTF-8, with no
 * whitespace at either end or at a line end and no run of blank lines. */
static void
assert_clean (const char *html)
{
  g_autofree char *got = sp_html_to_text (html);
  gsize len;

  g_assert_nonnull (got);
  len = strlen (got);
  g_assert_true (g_utf8_validate (got, -1, NULL));
  if (len > 0)
    {
      g_assert_false (g_ascii_isspace (got[0]));
      g_assert_false (g_ascii_isspace (got[len - 1]));
    }
  g_assert_null (strstr (got, "\n\n\n"));
  g_assert_null (strstr (got, " \n"));
}

static void
test_html_paragraphs (void)
{
  assert_html ("<p>One.</p><p>Two.</p>", "One.\n\nTwo.");
  assert_html ("<P>One.</P>\n\n\n<P>Two.</P>", "One.\n\nTwo.");
  assert_html ("<h2>Title</h2><p>Body</p>", "Title\n\nBody");
  assert_html ("<div>Line one</div><div>Line two</div>", "Line one\nLine two");
  assert_html ("<p>One.</p><p></p><p> </p><p>Two.</p>", "One.\n\nTwo.");
  assert_html ("Loose text<p>para</p>more", "Loose text\n\npara\n\nmore");
  assert_html ("<blockquote>Quoted</blockquote><hr><section>After</section>", "Quoted\n\nAfter");
  /* Source newlines and tabs inside a paragraph are only spacing. */
  assert_html ("<p>Open\n  Monday\tto\r\nFriday   </p>", "Open Monday to Friday");
  assert_html ("<p><b>Bold</b> and <i>italic</i><span> text</span></p>", "Bold and italic text");
  assert_html ("<table><tr><td>Mon</td><td>9-5</td></tr><tr><th>Tue</th><td>10-4</td></tr></table>",
               "Mon 9-5\nTue 10-4");
}

static void
test_html_br (void)
{
  assert_html ("<p>12 High Street<br>Bristol<br/>BS1 1AA</p>", "12 High Street\nBristol\nBS1 1AA");
  assert_html ("a<br><br>b", "a\n\nb");
  assert_html ("a<br><br><br><br>b", "a\n\nb");
  assert_html ("<p>a<br></p><p>b</p>", "a\n\nb");
  assert_html ("<br>a<br>", "a");
  assert_html ("a<br>   b", "a\nb");
  assert_html ("a   <br>b", "a\nb");
}

static void
test_html_lists (void)
{
  assert_html ("<p>We offer:</p><ul><li>Advice</li><li>Food  parcels</li></ul><p>Call us.</p>",
               "We offer:\n\n• Advice\n• Food parcels\n\nCall us.");
  assert_html ("<ol><li>First</li><li>Second</li></ol>", "• First\n• Second");
  assert_html ("<ul><li><p>Wrapped</p></li><li><p>In paragraphs</p></li></ul>",
               "• Wrapped\n• In paragraphs");
  assert_html ("<ul><li>Outer<ul><li>Inner</li></ul></li><li>Next</li></ul>",
               "• Outer\n• Inner\n• Next");
  assert_html ("<ul><li></li><li> </li><li>Only</li></ul>", "• Only");
  assert_html ("<ul><li>Unclosed<li>Items</ul>", "• Unclosed\n• Items");
}

static void
test_html_links (void)
{
  assert_html ("<p>See <a href=\"https://example.org/help\">our help page</a>.</p>",
               "See our help page (https://example.org/help).");
  assert_html ("<a href=\"https://example.org/\">https://example.org/</a>", "https://example.org/");
  assert_html ("<a href=\"https://www.example.org/\">www.example.org</a>", "www.example.org");
  assert_html ("<a href=\"HTTP://Example.org\">example.org</a>", "example.org");
  assert_html ("<a href='mailto:help@example.org'>help@example.org</a>", "help@example.org");
  assert_html ("<a href=mailto:help@example.org?subject=Hi>Email us</a>",
               "Email us (help@example.org)");
  assert_html ("<a href=\"https://example.org/?a=1&amp;b=2\">Search</a>",
               "Search (https://example.org/?a=1&b=2)");
  assert_html ("<a href=\"  https://example.org/x  \">X</a>", "X (https://example.org/x)");
  assert_html ("<a>No href</a>", "No href");
  assert_html ("<a href=\"/relative/page\">Relative</a>", "Relative");
  assert_html ("<a href=\"#top\">Top</a>", "Top");
  assert_html ("<a href=\"ftp://example.org/f\">File</a>", "File");
  /* A link holding only an image keeps its address. */
  assert_html ("Follow us <a href=\"https://example.org/fb\"><img src=\"fb.png\" alt=\"Facebook\"></a>",
               "Follow us https://example.org/fb");
  /* <a> cannot nest: the second ends the first. */
  assert_html ("<a href=\"https://a.example/\">A<a href=\"https://b.example/\">B</a>",
               "A (https://a.example/)B (https://b.example/)");
  /* An unclosed link still gets its address. */
  assert_html ("<p>Go <a href=\"https://example.org/\">here", "Go here (https://example.org/)");
  assert_html ("<a href=\"https://exa mple.org/\">Spaced</a>", "Spaced");
}

static void
test_html_javascript_link (void)
{
  const char *hostile[] = {
    "<a href=\"javascript:alert(1)\">Click</a>",
    "<a href=\" JavaScript:alert(1)\">Click</a>",
    "<a href=\"java&#115;cript:alert(1)\">Click</a>",
    "<a href=\"&#106;avascript:alert(1)\">Click</a>",
    "<a href=javascript:alert(1)>Click</a>",
    "<a href=\"data:text/html,<script>alert(1)</script>\">Click</a>",
    "<a href=\"vbscript:msgbox\">Click</a>",
    "<a href=\"https://ok.example/\" href=\"javascript:alert(1)\">Click</a>",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autofree char *got = sp_html_to_text (hostile[i]);

      g_assert_nonnull (got);
      g_assert_null (strstr (got, "script"));
      g_assert_null (strstr (got, "alert"));
      g_assert_true (g_str_has_prefix (got, "Click"));
    }
  assert_html ("<a href=\"javascript:alert(1)\">Click</a>", "Click");
  assert_html ("<a href=\"javascript:alert(1)\"><img src=x></a>", "");
  assert_html ("<a href=\"https://ok.example/\" href=\"javascript:alert(1)\">Click</a>",
               "Click (https://ok.example/)");
}

static void
test_html_entities (void)
{
  assert_html ("<p>Fish &amp; chips &lt;b&gt; &quot;hi&quot; &apos;yo&apos;</p>",
               "Fish & chips <b> \"hi\" 'yo'");
  assert_html ("<p>&pound;5 &euro;3 &copy; &reg; &trade; &hellip;</p>",
               "\u00a35 \u20ac3 \u00a9 \u00ae \u2122 \u2026");
  assert_html ("<p>9&ndash;5 &mdash; &lsquo;a&rsquo; &ldquo;b&rdquo; &bull; &middot;</p>",
               "9\u20135 \u2014 \u2018a\u2019 \u201cb\u201d \u2022 \u00b7");
  assert_html ("<p>Caf&eacute; &Eacute;cole na&iuml;ve &ntilde; &szlig; &Aring;</p>",
               "Caf\u00e9 \u00c9cole na\u00efve \u00f1 \u00df \u00c5");
  assert_html ("<p>&#163;10 &#x20AC;5 &#X20ac;6 &#8211; &#39;</p>", "\u00a310 \u20ac5 \u20ac6 \u2013 '");
  /* Numeric references may omit the ';', as in browsers. */
  assert_html ("<p>&#163 and &#x41B</p>", "\u00a3 and \u041b");
  /* &#128;..&#159; mean Windows-1252, as in text pasted from Word. */
  assert_html ("<p>&#145;Word&#146; &#147;quotes&#148; &#150;</p>",
               "\u2018Word\u2019 \u201cquotes\u201d \u2013");
  /* Invalid or unknown references stay as typed. */
  assert_html ("<p>AT&T &foo; & more &amp &#; &#x; &#xZ1; &Amp; &aaaaaaaaaaaa;</p>",
               "AT&T &foo; & more &amp &#; &#x; &#xZ1; &Amp; &aaaaaaaaaaaa;");
  assert_html ("<p>Trailing &</p>", "Trailing &");
  assert_html ("<p>&amp;lt; is not decoded twice</p>", "&lt; is not decoded twice");
  /* Decoded '<' is text, never markup. */
  assert_html ("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", "<script>alert(1)</script>");
  /* Nothing numeric can produce a NUL, a surrogate or past U+10FFFF. */
  assert_html ("<p>a&#0;b</p>", "a\ufffdb");
  assert_html ("<p>a&#x0;b</p>", "a\ufffdb");
  assert_html ("<p>&#xD800;&#55296;&#xDFFF;</p>", "\ufffd\ufffd\ufffd");
  assert_html ("<p>&#x110000; &#1114112; &#99999999999999999999;</p>", "\ufffd \ufffd \ufffd");
  assert_html ("<p>&#x10FFFF;</p>", "\U0010ffff");
  assert_html ("<p>a&#1;b&#x7f;c</p>", "a\ufffdb\ufffdc");
  /* &#10; is whitespace like any other in a paragraph. */
  assert_html ("<p>a&#10;&#9;b</p>", "a b");
}

static void
test_html_hidden (void)
{
  assert_html ("<script>var a = '<p>x</p>' && 1 < 2;</script><p>Shown</p>", "Shown");
  assert_html ("<p>A</p><SCRIPT type=\"text/javascript\">alert(1)</SCRIPT ><p>B</p>", "A\n\nB");
  assert_html ("<style>p { color: red; } /* </p> */</style>Text", "Text");
  assert_html ("<html><head><title>Page</title><meta charset=\"utf-8\">"
               "<link rel=stylesheet href=x.css></head><body><p>Body</p></body></html>",
               "Body");
  assert_html ("<head>Never</head>Shown", "Shown");
  assert_html ("<head><meta>Never<body>Shown", "Shown");
  assert_html ("A<template><p>inert</p><template>deeper</template>still inert</template>B", "AB");
  assert_html ("A <noscript><p>Enable JavaScript</p></noscript>B", "A B");
  assert_html ("A<iframe src=x>fallback</iframe>B", "AB");
  /* A script that never closes hides the rest, as in a browser. */
  assert_html ("<p>Kept</p><script>document.write('x')", "Kept");
  /* "</scripty>" does not end a script. */
  assert_html ("<script>a</scripty>b</script>c", "c");
}

static void
test_html_comments (void)
{
  assert_html ("<p>A<!-- hidden <p>markup</p> -->B</p>", "AB");
  assert_html ("<!--[if mso]><p>Outlook</p><![endif]--><p>Shown</p>", "Shown");
  assert_html ("<!DOCTYPE html><p>Doc</p>", "Doc");
  assert_html ("<p>A<!---->B<!-->C<!--->D</p>", "ABCD");
  assert_html ("<?xml version=\"1.0\"?><p>Xml</p>", "Xml");
  assert_html ("<p>A</p><![CDATA[x]]><p>B</p>", "A\n\nB");
  /* An unclosed comment runs to the end. */
  assert_html ("<p>Kept</p><!-- never closed <p>gone</p>", "Kept");
}

static void
test_html_img (void)
{
  g_autoptr (GString) big = g_string_new ("<p>Before</p><p><img src=\"data:image/png;base64,");

  assert_html ("<p>Logo: <img src=\"logo.png\" alt=\"Our logo\"> end</p>", "Logo: end");
  assert_html ("<p><img src=\"data:image/png;base64,iVBORw0KGgo=\"></p>", "");
  /* Editors embed whole images; none of it may leak. */
  for (int i = 0; i < 20000; i++)
    g_string_append (big, "iVBORw0KGgoAAAANSUhEUg+/=");
  g_string_append (big, "\" alt=\"a > b\"></p><p>After</p>");
  assert_html (big->str, "Before\n\nAfter");
}

static void
test_html_nbsp (void)
{
  assert_html ("<p>a&nbsp;b</p>", "a b");
  assert_html ("<p>a&nbsp;&nbsp;&nbsp; &nbsp;b</p>", "a b");
  assert_html ("<p>&nbsp;</p><p>&nbsp;&nbsp;</p><p>Text&nbsp;</p>", "Text");
  assert_html ("<p>a\u00a0\u00a0b\u00a0</p>", "a b");
  assert_html ("<p>a&#160;&#xa0;b</p>", "a b");
  assert_html ("<p>a&ensp;&emsp;&thinsp;b</p>", "a b");
}

static void
test_html_bristol (void)
{
  assert_html ("<p>The Celestine Centre is a fully adapted property.</p><p>Items include -</p>"
               "<p>\u00b7 A through floor lift</p><p><br></p><p>See video&nbsp;"
               "<a href=\"https://www.youtube.com/watch?v=TZ01gANCe1U\" target=\"_blank\">"
               "https://www.youtube.com/watch?v=TZ01gANCe1U</a>&nbsp;</p>"
               "<p><img src=\"data:image/png;base64,iVBOR...\"></p>",
               "The Celestine Centre is a fully adapted property.\n\n"
               "Items include -\n\n"
               "\u00b7 A through floor lift\n\n"
               "See video https://www.youtube.com/watch?v=TZ01gANCe1U");
}

static void
test_html_empty (void)
{
  g_assert_null (sp_html_to_text (NULL));
  assert_html ("", "");
  assert_html ("   \n\t  ", "");
  assert_html ("<p><br></p>", "");
  assert_html ("<p>&nbsp;</p>", "");
  assert_html ("<div><p> <br/> </p></div><!-- x -->", "");
  assert_html ("<script>only()</script>", "");
}

static void
test_plain_passthrough (void)
{
  assert_html ("Fish & chips", "Fish & chips");
  assert_html ("AT&amp;T &pound;5", "AT&amp;T &pound;5");
  assert_html ("age < 65 and > 18", "age < 65 and > 18");
  assert_html ("<<<>>>", "<<<>>>");
  assert_html ("<", "<");
  assert_html ("a<5 && b>3", "a<5 && b>3");
  assert_html ("Email <info@example.org> or call", "Email <info@example.org> or call");
  assert_html ("We help.\n\nCall us & visit.", "We help.\n\nCall us & visit.");
  assert_html ("Line one\nLine two", "Line one\nLine two");
  assert_html ("  \n\nTrimmed.\n\n\n\n\nSpaced   \n \t \n\nout.  \n\n", "Trimmed.\n\nSpaced\n\nout.");
  assert_html ("Windows\r\nline\r\n\r\n\r\nends\rold Mac", "Windows\nline\n\nends\nold Mac");
  assert_html ("Keeps  inner   spacing\n    and indents", "Keeps  inner   spacing\n    and indents");
  assert_html ("Caf\u00e9 \u2014 \u00a0na\u00efve", "Caf\u00e9 \u2014 \u00a0na\u00efve");
}

static void
test_html_malformed (void)
{
  const char *inputs[] = {
    "<p>hello <b",
    "<p>hello <b class=",
    "<p>hello <b class=\"unterminated",
    "<p>hello <b class='x>y",
    "<a href=\"x>y\">link</a>",
    "<p>a < b</p>",
    "<p>x</p",
    "<p>x</ p>y",
    "<p>x</>y",
    "</",
    "<p>x<",
    "<p>x&",
    "<p>x&#",
    "<p>x&#x",
    "<p>x&amp",
    "<!",
    "<!-",
    "<!--",
    "<!-- -",
    "<?",
    "<p =x>y",
    "<p \"a\"='b' c = d e=>z</p>",
    "<a href>t</a>",
    "<a href=>t</a>",
    "<a href=\"\">t</a>",
    "<a href=\"https://\">t</a>",
    "<a href=\"mailto:\">t</a>",
    "</a></a></li></ul></ol></pre></template></head>text",
    "<li>",
    "<ul><li><a href=\"https://x.example/\">",
    "<pre>a\n\n\n\n b</pre>",
    "<script",
    "<script>",
    "<script></script",
    "<averyveryveryverylongtagnamethatisnotreal attr=1>x</averyveryveryverylongtagnamethatisnotreal>",
    "<p\x01>\x01\x02x\x7f</p>",
    "<p>\u00e9\u00e9</p\u00e9><\u00e9>",
    "&&&&;;;;<p>&#x&#;&;",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (inputs); i++)
    assert_clean (inputs[i]);

  assert_html ("<p>hello <b", "hello");
  assert_html ("<a href=\"x>y\">link</a>", "link");
  assert_html ("<p title='a>b' class=\"c>d\">text</p>", "text");
  assert_html ("<p>a < b and c<5</p>", "a < b and c<5");
  assert_html ("<p>x</ p>y", "xy");
  assert_html ("<p>x</>y", "xy");
  assert_html ("<p>Ok</p><<<>>>", "Ok\n\n<<<>>>");
  assert_html ("<p>\x01x\x7f</p>", "x");
  assert_html ("<pre>a\n\n\n\n b</pre>", "a\n\nb");
  assert_html ("<pre>line 1\nline 2</pre>", "line 1\nline 2");
}

/* Linear time: 1 MB of any of these must finish quickly. Quadratic work on
 * 1 MB would take minutes, so the limit is generous for slow builders. */
static void
test_html_huge (void)
{
  const char *units[] = { "<b>", "<p>", "<li>", "<a href=\"https://x.example/\">x", "<ul>",
                          "<template>", "&amp;", "&#", "<", "<!", "</", "<a b='" };

  /* Each once as it comes, which for some is plain text, and once with a
   * tag after it, which makes the whole of it HTML. */
  const char *suffixes[] = { "end", "<p>end</p>" };

  for (gsize i = 0; i < G_N_ELEMENTS (units) * G_N_ELEMENTS (suffixes); i++)
    {
      const char *unit = units[i / G_N_ELEMENTS (suffixes)];
      gsize unit_len = strlen (unit);
      GString *input = g_string_sized_new (1024 * 1024 + 64);
      g_autofree char *got = NULL;

      while (input->len < 1024 * 1024)
        g_string_append_len (input, unit, unit_len);
      g_string_append (input, suffixes[i % G_N_ELEMENTS (suffixes)]);
      /* Runaway (quadratic) parsing shows as the suite's timeout, not a timed assertion. */
      got = sp_html_to_text (input->str);
      g_assert_nonnull (got);
      g_assert_true (g_utf8_validate (got, -1, NULL));
      g_string_free (input, TRUE);
    }

  {
    GString *input = g_string_new ("<p>");
    g_autofree char *got = NULL;

    while (input->len < 1024 * 1024)
      g_string_append (input, "<b>");
    g_string_append (input, "deep</p>");
    got = sp_html_to_text (input->str);
    g_assert_cmpstr (got, ==, "deep");
    g_string_free (input, TRUE);
  }
}

static void
test_match_key (void)
{
  g_autofree char *a = sp_text_match_key ("St Peter's Carers & Friends");
  g_autofree char *b = sp_text_match_key ("  Caf\u00e9  Soci\u00e9t\u00e9 ");
  g_autofree char *c = sp_text_match_key ("ST PETER\u2019S CARERS AND FRIENDS");
  g_autofree char *d = sp_text_match_key (NULL);
  g_autofree char *e = sp_text_match_key ("&Co.");
  g_autofree char *f = sp_text_match_key ("--- !!! ---");

  g_assert_cmpstr (a, ==, "st peters carers and friends");
  g_assert_cmpstr (b, ==, "cafe societe");
  g_assert_cmpstr (c, ==, a);
  g_assert_cmpstr (d, ==, "");
  g_assert_cmpstr (e, ==, "and co");
  g_assert_cmpstr (f, ==, "");
}

static void
test_bound (void)
{
  /* "aé€😀" is 1 + 2 + 3 + 4 bytes. */
  const char *text = "a\u00e9\u20ac\U0001f600";
  gboolean truncated = TRUE;
  g_autofree char *whole = sp_text_bound (text, 10, &truncated);

  g_assert_cmpstr (whole, ==, text);
  g_assert_false (truncated);

  for (gsize max = 0; max < 10; max++)
    {
      g_autofree char *cut = sp_text_bound (text, max, &truncated);

      g_assert_true (truncated);
      g_assert_cmpuint (strlen (cut), <=, max);
      g_assert_true (g_utf8_validate (cut, -1, NULL));
      /* The ellipsis shows whenever there is room for it. */
      g_assert_true (max < strlen ("\u2026") || g_str_has_suffix (cut, "\u2026"));
    }

  {
    g_autofree char *cut = sp_text_bound ("abcdefgh", 6, &truncated);

    g_assert_cmpstr (cut, ==, "abc\u2026");
    g_assert_true (truncated);
  }
  {
    /* The '€' at bytes 3-5 would straddle a cut at 7 - 3 = 4. */
    g_autofree char *cut = sp_text_bound (text, 7, NULL);

    g_assert_cmpstr (cut, ==, "a\u00e9\u2026");
  }
  {
    g_autofree char *cut = sp_text_bound (text, 2, &truncated);

    g_assert_cmpstr (cut, ==, "a");
  }
  {
    g_autofree char *cut = sp_text_bound ("", 0, &truncated);

    g_assert_cmpstr (cut, ==, "");
    g_assert_false (truncated);
  }
}

static void
test_uuid (void)
{
  g_assert_true (sp_text_is_uuid ("3f0c2b51-2a57-4d2e-9a60-91c9c3b0a1b2"));
  g_assert_true (sp_text_is_uuid ("3F0C2B51-2A57-4D2E-9A60-91C9C3B0A1B2"));
  g_assert_false (sp_text_is_uuid (NULL));
  g_assert_false (sp_text_is_uuid (""));
  g_assert_false (sp_text_is_uuid ("3f0c2b51-2a57-4d2e-9a60-91c9c3b0a1b"));
  g_assert_false (sp_text_is_uuid ("3f0c2b51-2a57-4d2e-9a60-91c9c3b0a1b2c"));
  g_assert_false (sp_text_is_uuid ("3f0c2b51x2a57-4d2e-9a60-91c9c3b0a1b2"));
  g_assert_false (sp_text_is_uuid ("3f0c2b51-2a57-4d2e-9a60-91c9c3b0a1g2"));
  g_assert_false (sp_text_is_uuid ("3f0c2b512a574d2e9a6091c9c3b0a1b2"));
}

static void
test_email (void)
{
  g_assert_true (sp_text_is_email ("help@example.org"));
  g_assert_true (sp_text_is_email ("first.last+tag@sub.example.co.uk"));
  g_assert_false (sp_text_is_email (NULL));
  g_assert_false (sp_text_is_email (""));
  g_assert_false (sp_text_is_email ("help.example.org"));
  g_assert_false (sp_text_is_email ("@example.org"));
  g_assert_false (sp_text_is_email ("help@example"));
  g_assert_false (sp_text_is_email ("help@.org"));
  g_assert_false (sp_text_is_email ("help@example."));
  g_assert_false (sp_text_is_email ("a@b@example.org"));
  g_assert_false (sp_text_is_email ("help @example.org"));
  g_assert_false (sp_text_is_email ("Help <help@example.org>"));
  g_assert_false (sp_text_is_email ("help@example.org\nBcc: x@example.org"));
  g_assert_false (sp_text_is_email ("help\t@example.org"));
}

static void
test_url (void)
{
  g_assert_true (sp_text_is_url ("http://example.org"));
  g_assert_true (sp_text_is_url ("https://example.org/path?q=1#frag"));
  g_assert_true (sp_text_is_url ("HTTPS://EXAMPLE.ORG/"));
  g_assert_true (sp_text_is_url ("https://example.org:8443/x"));
  g_assert_false (sp_text_is_url (NULL));
  g_assert_false (sp_text_is_url (""));
  g_assert_false (sp_text_is_url ("javascript:alert(1)"));
  g_assert_false (sp_text_is_url ("www.example.org"));
  g_assert_false (sp_text_is_url ("ftp://example.org/"));
  g_assert_false (sp_text_is_url ("mailto:help@example.org"));
  g_assert_false (sp_text_is_url ("http://"));
  g_assert_false (sp_text_is_url ("http:///path"));
  g_assert_false (sp_text_is_url ("http:example.org"));
  g_assert_false (sp_text_is_url ("https://exa mple.org/"));
  g_assert_false (sp_text_is_url ("https://example.org/\n"));
  g_assert_false (sp_text_is_url ("https://exa\tmple.org/"));
  g_assert_false (sp_text_is_url ("https://example.org/\"onmouseover=\"x"));
  g_assert_false (sp_text_is_url ("http://%20/"));
}

static void
test_date (void)
{
  g_assert_true (sp_text_is_date ("2026-02-28"));
  g_assert_true (sp_text_is_date ("2024-02-29"));
  g_assert_false (sp_text_is_date ("2026-02-30"));
  g_assert_false (sp_text_is_date ("2023-02-29"));
  g_assert_false (sp_text_is_date ("2026-13-01"));
  g_assert_false (sp_text_is_date ("2026-00-10"));
  g_assert_false (sp_text_is_date ("2026-1-01"));
  g_assert_false (sp_text_is_date ("2026/01/01"));
  g_assert_false (sp_text_is_date ("2026-01-01T10:00"));
  g_assert_false (sp_text_is_date (""));
  g_assert_false (sp_text_is_date (NULL));
}

static void
test_datetime (void)
{
  g_assert_true (sp_text_is_datetime ("2026-02-28"));
  g_assert_true (sp_text_is_datetime ("2026-02-28T10:00:00Z"));
  g_assert_true (sp_text_is_datetime ("2026-02-28T10:00:00+01:00"));
  g_assert_true (sp_text_is_datetime ("2026-02-28T10:00:00"));
  g_assert_false (sp_text_is_datetime ("2026-02-30T10:00:00Z"));
  g_assert_false (sp_text_is_datetime ("yesterday"));
  g_assert_false (sp_text_is_datetime (NULL));
}

static void
test_time (void)
{
  const char *good[] = { "10:00", "23:59:00", "00:00", "09:30:15", "24:00", "24:00:00",
                         "10:00Z", "10:00:00Z", "10:00:00.250", "10:00+01:00", "10:00-0500",
                         "10:00:00+01" };
  const char *bad[] = { NULL, "", "25:00", "9am", "9:00", "24:30", "24:00:01", "10:60",
                        "10:00:60", "10:00:", "10:00:5", "10:0", "10:00 ", "10:00Zjunk",
                        "10:00+", "10:00+1", "10:00+01:", "10:00+01:0", "10:00+24:00",
                        "10:00:00.", "1000", "ab:cd" };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_test_message ("good: %s", good[i]);
      g_assert_true (sp_text_is_time (good[i]));
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("bad: %s", bad[i] != NULL ? bad[i] : "(null)");
      g_assert_false (sp_text_is_time (bad[i]));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/signpost/text/html-paragraphs", test_html_paragraphs);
  g_test_add_func ("/signpost/text/html-br", test_html_br);
  g_test_add_func ("/signpost/text/html-lists", test_html_lists);
  g_test_add_func ("/signpost/text/html-links", test_html_links);
  g_test_add_func ("/signpost/text/html-javascript-link", test_html_javascript_link);
  g_test_add_func ("/signpost/text/html-entities", test_html_entities);
  g_test_add_func ("/signpost/text/html-hidden", test_html_hidden);
  g_test_add_func ("/signpost/text/html-comments", test_html_comments);
  g_test_add_func ("/signpost/text/html-img", test_html_img);
  g_test_add_func ("/signpost/text/html-nbsp", test_html_nbsp);
  g_test_add_func ("/signpost/text/html-bristol", test_html_bristol);
  g_test_add_func ("/signpost/text/html-empty", test_html_empty);
  g_test_add_func ("/signpost/text/plain-passthrough", test_plain_passthrough);
  g_test_add_func ("/signpost/text/html-malformed", test_html_malformed);
  g_test_add_func ("/signpost/text/html-huge", test_html_huge);
  g_test_add_func ("/signpost/text/match-key", test_match_key);
  g_test_add_func ("/signpost/text/bound", test_bound);
  g_test_add_func ("/signpost/text/uuid", test_uuid);
  g_test_add_func ("/signpost/text/email", test_email);
  g_test_add_func ("/signpost/text/url", test_url);
  g_test_add_func ("/signpost/text/date", test_date);
  g_test_add_func ("/signpost/text/datetime", test_datetime);
  g_test_add_func ("/signpost/text/time", test_time);
  return g_test_run ();
}
