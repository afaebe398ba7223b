/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-csv-reader.c: reading CSV files record by record, and saying what is wrong with them. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "sp-csv-reader.h"
#include "sp-test-util.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("signpost-csv-test-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_autoptr (GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents,
            gssize      length)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

/* The records as "L<line>:a|b|c" lines, CR and LF inside fields shown as \r
 * and \n; an error ends the dump as "ERROR <code>: <message>". */
static char *
dump_reader (SpCsvReader *reader)
{
  g_autoptr (GError) error = NULL;
  GString *out = g_string_new (NULL);
  const char * const *fields = NULL;
  guint n = 0;

  while (sp_csv_reader_next (reader, &fields, &n, &error))
    {
      g_assert_nonnull (fields);
      g_assert_cmpuint (g_strv_length ((char **) fields), ==, n);
      g_string_append_printf (out, "L%u:", sp_csv_reader_get_line (reader));
      for (guint i = 0; i < n; i++)
        {
          if (i > 0)
            g_string_append_c (out, '|');
          for (const char *p = fields[i]; *p != '\0'; p++)
            {
              if (*p == '\r')
                g_string_append (out, "\\r");
              else if (*p == '\n')
                g_string_append (out, "\\n");
              else
                g_string_append_c (out, *p);
            }
        }
      g_string_append_c (out, '\n');
    }
  g_assert_null (fields);
  g_assert_cmpuint (n, ==, 0);
  if (error != NULL)
    g_string_append_printf (out, "ERROR %d: %s\n", error->code, error->message);
  return g_string_free (out, FALSE);
}

static char *
dump_data (const char *data,
           gssize      length)
{
  g_autoptr (SpCsvReader) reader = sp_csv_reader_new_for_data (data, length, "test.csv");

  return dump_reader (reader);
}

#define assert_dump(data, expected) \
  G_STMT_START { \
    g_autofree char *dump_ = dump_data ((data), -1); \
    g_assert_cmpstr (dump_, ==, (expected)); \
  } G_STMT_END

/* Reads @data to its first error, which must be @code and start with @prefix
 * (the file and line); the reader then keeps reporting it. */
static void
assert_fails (const char *data,
              gssize      length,
              int         code,
              const char *prefix)
{
  g_autoptr (SpCsvReader) reader = sp_csv_reader_new_for_data (data, length, "test.csv");
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) again = NULL;
  const char * const *fields;

  while (sp_csv_reader_next (reader, &fields, NULL, &error))
    ;
  g_assert_error (error, SP_CSV_ERROR, code);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("“%s” does not start with “%s”", error->message, prefix);

  g_assert_false (sp_csv_reader_next (reader, &fields, NULL, &again));
  g_assert_null (fields);
  g_assert_error (again, SP_CSV_ERROR, code);
  g_assert_cmpstr (again->message, ==, error->message);
}

static void
test_simple (void)
{
  assert_dump ("id,name\n1,Alpha\n2,Beta\n", "L1:id|name\nL2:1|Alpha\nL3:2|Beta\n");
  assert_dump ("single\n", "L1:single\n");
  /* spaces are part of a field */
  assert_dump (" a , b \n", "L1: a | b \n");
}

static void
test_quoted (void)
{
  assert_dump ("a,\"b,c\",\"say \"\"hi\"\"\"\n", "L1:a|b,c|say \"hi\"\n");
  assert_dump ("\"multi\nline\",x\n", "L1:multi\\nline|x\n");
  assert_dump ("\"\"\"\"\n", "L1:\"\n");
  assert_dump ("\"a,\r\nb\"\"\",\"\",c\n", "L1:a,\\r\\nb\"||c\n");
}

static void
test_crlf (void)
{
  assert_dump ("a,b\r\nc,d\r\n\"x\r\ny\",z\r\n", "L1:a|b\nL2:c|d\nL3:x\\r\\ny|z\n");
}

/* Old Mac files end lines with CR alone. The ORUK examples end them with
 * CR CR LF: a record, then a blank line, as a text editor shows them. */
static void
test_lone_cr (void)
{
  assert_dump ("a,b\rc,d\r", "L1:a|b\nL2:c|d\n");
  assert_dump ("\"x\ry\",z\rnext\r", "L1:x\\ry|z\nL3:next\n");
  assert_dump ("h1,h2\r\r\nv1,v2\r\r\n", "L1:h1|h2\nL3:v1|v2\n");
}

static void
test_bom (void)
{
  assert_dump ("\xEF\xBB\xBFid,name\n1,x\n", "L1:id|name\nL2:1|x\n");
  assert_dump ("\xEF\xBB\xBF", "");
  assert_dump ("\xEF\xBB\xBF\"q\"\n", "L1:q\n");
  /* only the very start is a byte order mark; elsewhere it is text (U+FEFF) */
  assert_dump ("a\n\xEF\xBB\xBF" "b\n", "L1:a\nL2:\xEF\xBB\xBF" "b\n");
}

static void
test_no_trailing_newline (void)
{
  assert_dump ("a,b\nc,d", "L1:a|b\nL2:c|d\n");
  assert_dump ("a,\"b\"", "L1:a|b\n");
  assert_dump ("a,b,", "L1:a|b|\n");
  assert_dump ("x", "L1:x\n");
}

static void
test_empty_fields (void)
{
  g_autoptr (SpCsvReader) reader = sp_csv_reader_new_for_data (",,\n\"\",,\"\"\n\"\"\n", -1, NULL);
  g_autoptr (GError) error = NULL;
  const char * const *fields;
  guint n;

  g_assert_true (sp_csv_reader_next (reader, &fields, &n, &error));
  g_assert_cmpuint (n, ==, 3);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (fields[i], ==, "");
  g_assert_null (fields[3]);
  g_assert_true (sp_csv_reader_next (reader, &fields, &n, &error));
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpstr (fields[2], ==, "");
  /* a line holding only "" is one empty field, not a blank line */
  g_assert_true (sp_csv_reader_next (reader, &fields, &n, &error));
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpstr (fields[0], ==, "");
  g_assert_false (sp_csv_reader_next (reader, &fields, &n, &error));
  g_assert_no_error (error);
  g_assert_null (fields);
  /* the end stays the end */
  g_assert_false (sp_csv_reader_next (reader, &fields, &n, &error));
  g_assert_no_error (error);
}

static void
test_blank_lines (void)
{
  assert_dump ("\n\na,b\n\n\r\nc,d\n\n\n", "L3:a|b\nL6:c|d\n");
  assert_dump ("", "");
  assert_dump ("\r\n\n\r", "");
}

static void
test_line_numbers (void)
{
  g_autoptr (SpCsvReader) reader = NULL;
  const char * const *fields;

  assert_dump ("h1,h2\n\"one\ntwo\nthree\",x\nnext,y\n\"a\r\nb\",c\r\nlast,z",
               "L1:h1|h2\nL2:one\\ntwo\\nthree|x\nL5:next|y\nL6:a\\r\\nb|c\nL8:last|z\n");

  reader = sp_csv_reader_new_for_data ("a\n\nb\n", -1, NULL);
  g_assert_cmpuint (sp_csv_reader_get_line (reader), ==, 0);
  g_assert_true (sp_csv_reader_next (reader, &fields, NULL, NULL));
  g_assert_cmpuint (sp_csv_reader_get_line (reader), ==, 1);
  g_assert_true (sp_csv_reader_next (reader, &fields, NULL, NULL));
  g_assert_cmpuint (sp_csv_reader_get_line (reader), ==, 3);
}

/* RFC 4180 does not allow a quote inside an unquoted field; like most
 * readers we keep it as text rather than refuse the file. */
static void
test_bare_quote (void)
{
  assert_dump ("5\" floppy,x\"y\"\n", "L1:5\" floppy|x\"y\"\n");
}

static void
test_unterminated_quote (void)
{
  assert_fails ("h\n\"ok\"\nx,\"never\nclosed\n", -1, SP_CSV_ERROR_SYNTAX,
                "test.csv line 3: a quoted field is not closed before the end of the file");
  assert_fails ("\"", -1, SP_CSV_ERROR_SYNTAX,
                "test.csv line 1: a quoted field is not closed");
}

static void
test_stray_after_quote (void)
{
  assert_fails ("h,i\n\"abc\"x,1\n", -1, SP_CSV_ERROR_SYNTAX,
                "test.csv line 2: field 1 has “x” after its closing quote");
  assert_fails ("h,i\na,\"b\nc\" d\n", -1, SP_CSV_ERROR_SYNTAX,
                "test.csv line 3: field 2 has text after its closing quote");
}

static void
test_nul_byte (void)
{
  static const char data[] = "a,b\nc,d\0e\n";
  static const char quoted[] = "a,\"b\n\0\"\n";

  assert_fails (data, sizeof data - 1, SP_CSV_ERROR_ENCODING,
                "test.csv line 2: contains a NUL byte; save it as UTF-8 text");
  assert_fails (quoted, sizeof quoted - 1, SP_CSV_ERROR_ENCODING,
                "test.csv line 2: contains a NUL byte");
  assert_fails ("\"a\"\0", 4, SP_CSV_ERROR_ENCODING, "test.csv line 1: contains a NUL byte");
}

static void
test_utf16 (void)
{
  static const char le[] = "\xFF\xFEi\0d\0\n\0";
  static const char no_bom[] = "i\0d\0\n\0";

  assert_fails (le, sizeof le - 1, SP_CSV_ERROR_ENCODING, "test.csv line 1: is UTF-16 text");
  assert_fails (no_bom, sizeof no_bom - 1, SP_CSV_ERROR_ENCODING,
                "test.csv line 1: contains a NUL byte");
}

static void
test_invalid_utf8 (void)
{
  /* "Café" saved as Latin-1 */
  assert_fails ("name\nCaf\xE9\n", -1, SP_CSV_ERROR_ENCODING,
                "test.csv line 2: field 1 is not valid UTF-8 text");
  /* the line of the bad byte, inside a multi-line field */
  assert_fails ("a,\"x\ny\xFF\"\n", -1, SP_CSV_ERROR_ENCODING,
                "test.csv line 2: field 2 is not valid UTF-8 text");
  /* a truncated character at the very end */
  assert_fails ("ok\n\xE2\x82", -1, SP_CSV_ERROR_ENCODING,
                "test.csv line 2: field 1 is not valid UTF-8 text");
}

static void
test_field_too_large (void)
{
  g_autoptr (GString) data = g_string_new ("h1,h2\nx,");
  g_autofree char *dump = NULL;

  /* exactly the limit is fine */
  while (data->len < 8 + SP_CSV_MAX_FIELD_BYTES)
    g_string_append_c (data, 'a');
  g_string_append (data, "\n");
  dump = dump_data (data->str, data->len);
  g_assert_true (g_str_has_suffix (dump, "a\n"));
  g_assert_null (strstr (dump, "ERROR"));

  g_string_truncate (data, data->len - 1);
  g_string_append (data, "a\n");
  assert_fails (data->str, data->len, SP_CSV_ERROR_TOO_LARGE,
                "test.csv line 2: field 2 is longer than 1 MiB");

  /* an unclosed quote swallowing the rest of a big file */
  g_string_assign (data, "h\n\"");
  while (data->len < 2 * SP_CSV_MAX_FIELD_BYTES)
    g_string_append (data, "text,\n");
  assert_fails (data->str, data->len, SP_CSV_ERROR_TOO_LARGE,
                "test.csv line 2: field 1 is a quoted field longer than 1 MiB; "
                "check for a quote that is not closed");
}

static void
test_record_too_large (void)
{
  g_autofree char *field = g_strnfill (SP_CSV_MAX_FIELD_BYTES, 'b');
  g_autoptr (GString) data = g_string_new ("h\n\nok\n");

  for (int i = 0; i < 17; i++)
    {
      g_string_append (data, field);
      g_string_append_c (data, ',');
    }
  assert_fails (data->str, data->len, SP_CSV_ERROR_TOO_LARGE,
                "test.csv line 4: the record starting here is longer than 16 MiB");

  /* millions of empty fields cost memory too */
  g_string_assign (data, "h\n");
  for (int i = 0; i < 4 * 1024 * 1024; i++)
    g_string_append_c (data, ',');
  assert_fails (data->str, data->len, SP_CSV_ERROR_TOO_LARGE,
                "test.csv line 2: the record starting here is longer than 16 MiB");
}

static void
test_missing_file (Fixture      *f,
                   gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "services.csv", NULL);
  g_autoptr (SpCsvReader) reader = sp_csv_reader_open (path, &error);

  g_assert_null (reader);
  g_assert_error (error, SP_CSV_ERROR, SP_CSV_ERROR_IO);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, g_strerror (ENOENT)));
  g_clear_error (&error);

  reader = sp_csv_reader_open (f->dir, &error);
  g_assert_null (reader);
  g_assert_error (error, SP_CSV_ERROR, SP_CSV_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "folder"));
}

/* /proc/self/mem opens, but reading its first page fails with EIO: an I/O
 * error in the middle of reading, as from a failing disk. */
static void
test_read_failure (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpCsvReader) reader = NULL;
  const char * const *fields;

  if (!g_file_test ("/proc/self/mem", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /proc/self/mem");
      return;
    }
  reader = sp_csv_reader_open ("/proc/self/mem", &error);
  g_assert_no_error (error);
  g_assert_false (sp_csv_reader_next (reader, &fields, NULL, &error));
  g_assert_error (error, SP_CSV_ERROR, SP_CSV_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "/proc/self/mem line 1: the file could not be read"));
}

static void
test_open_file (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = write_file (f, "services.csv", "\xEF\xBB\xBFid,name\r\n1,\"Tea, talk\"\r\n", -1);
  g_autoptr (SpCsvReader) reader = sp_csv_reader_open (path, &error);
  g_autofree char *dump = NULL;

  g_assert_no_error (error);
  dump = dump_reader (reader);
  g_assert_cmpstr (dump, ==, "L1:id|name\nL2:1|Tea, talk\n");
}

/* Appends rows so that the file is @target bytes long with a second field
 * (quoted if @quoted) begun and still open at the end. */
static void
pad_to (GString *s,
        gsize    target,
        gboolean quoted)
{
  while (s->len + 80 < target)
    g_string_append (s, "filler,abcdefghijklmnopqrstuvwxyz0123\n");
  g_string_append (s, quoted ? "split,\"" : "split,");
  g_assert_cmpuint (s->len, <=, target);
  while (s->len < target)
    g_string_append_c (s, 'y');
}

typedef struct
{
  gboolean quoted;
  gsize before;          /* bytes of @text that go before the chunk boundary */
  const char *text;      /* the rest of the record */
  const char *expected;  /* what the second field ends with */
} Straddle;

static const Straddle straddles[] = {
  { FALSE, 1, "\xC3\xA9z\n", "\xC3\xA9z" },                   /* é */
  { FALSE, 1, "\xE2\x82\xACz\n", "\xE2\x82\xACz" },           /* € split 1|2 */
  { FALSE, 2, "\xE2\x82\xACz\n", "\xE2\x82\xACz" },           /* € split 2|1 */
  { FALSE, 2, "\xF0\x9F\x98\x80z\n", "\xF0\x9F\x98\x80z" },   /* 😀 split 2|2 */
  { FALSE, 3, "\xF0\x9F\x98\x80z\n", "\xF0\x9F\x98\x80z" },   /* 😀 split 3|1 */
  { FALSE, 2, "z\r\n", "z" },                                 /* CR | LF */
  { TRUE, 1, "\"\"q\"\n", "\"q" },                            /* " | " */
  { TRUE, 1, "\"\r\n", "" },                                  /* closing quote | CR LF */
  { TRUE, 2, "\xC3\xA9\",\xC3\xA9\n", "\xC3\xA9" },           /* quoted é | closing quote */
};

static void
check_straddles (SpCsvReader *reader)
{
  g_autoptr (GError) error = NULL;
  const char * const *fields;
  guint n;
  guint records = 0;
  guint found = 0;

  while (sp_csv_reader_next (reader, &fields, &n, &error))
    {
      records++;
      /* every record is one line */
      g_assert_cmpuint (sp_csv_reader_get_line (reader), ==, records);
      if (g_strcmp0 (fields[0], "split") != 0)
        continue;
      g_assert_cmpuint (found, <, G_N_ELEMENTS (straddles));
      g_assert_true (g_str_has_suffix (fields[1], straddles[found].expected));
      g_assert_cmpuint (strspn (fields[1], "y"), ==,
                        strlen (fields[1]) - strlen (straddles[found].expected));
      found++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (found, ==, G_N_ELEMENTS (straddles));
}

/* Multi-byte characters, CR LF and quotes split between two 64 KiB reads
 * must read as if they were whole. */
static void
test_chunk_boundary (Fixture      *f,
                     gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) s = g_string_new ("\xEF\xBB\xBFid,text\n");
  g_autoptr (SpCsvReader) reader = NULL;
  g_autofree char *path = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (straddles); i++)
    {
      gsize boundary = (i + 1) * SP_CSV_READ_CHUNK_BYTES;

      pad_to (s, boundary - straddles[i].before, straddles[i].quoted);
      g_string_append (s, straddles[i].text);
      g_assert_cmpuint ((guchar) s->str[boundary - 1], ==,
                        (guchar) straddles[i].text[straddles[i].before - 1]);
    }
  g_string_append (s, "last,row\n");

  path = write_file (f, "straddle.csv", s->str, s->len);
  reader = sp_csv_reader_open (path, &error);
  g_assert_no_error (error);
  check_straddles (reader);
  g_clear_pointer (&reader, sp_csv_reader_free);

  reader = sp_csv_reader_new_for_data (s->str, s->len, "straddle.csv");
  check_straddles (reader);
}

/* 20 MB streams through in bounded memory and every row arrives. */
static void
test_large_file (Fixture      *f,
                 gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "large.csv", NULL);
  g_autoptr (SpCsvReader) reader = NULL;
  const char * const *fields;
  FILE *out = fopen (path, "w");
  guint rows = 0;
  guint written = 0;
  guint n;

  g_assert_nonnull (out);
  fputs ("id,name,description,updated\r\n", out);
  while (ftell (out) < 20 * 1000 * 1000)
    {
      fprintf (out, "%u,Service %u,\"Drop-in, advice and \"\"help\"\"\nline two\",2024-01-01\r\n",
               written, written);
      written++;
    }
  g_assert_cmpint (fclose (out), ==, 0);

  reader = sp_csv_reader_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (sp_csv_reader_next (reader, &fields, &n, &error));
  g_assert_cmpuint (n, ==, 4);
  while (sp_csv_reader_next (reader, &fields, &n, &error))
    {
      g_assert_cmpuint (n, ==, 4);
      if (rows == written - 1)
        {
          g_autofree char *id = g_strdup_printf ("%u", rows);

          g_assert_cmpstr (fields[0], ==, id);
          g_assert_cmpstr (fields[2], ==, "Drop-in, advice and \"help\"\nline two");
          g_assert_cmpuint (sp_csv_reader_get_line (reader), ==, 2 + 2 * rows);
        }
      rows++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, written);
  g_assert_cmpuint (written, >, 250000);
}

/* Every example CSV reads cleanly, each row as wide as its header. */
static void
check_example_dir (const char *subdir,
                   guint      *n_files)
{
  g_autofree char *dir_path = sp_test_fixture_path ("openreferral", subdir, "examples", "csv", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, &error);
  const char *name;

  g_assert_no_error (error);
  *n_files = 0;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr (SpCsvReader) reader = NULL;
      const char * const *fields;
      guint header = 0;
      guint n = 0;
      guint rows = 0;

      if (!g_str_has_suffix (name, ".csv"))
        continue;
      path = g_build_filename (dir_path, name, NULL);
      reader = sp_csv_reader_open (path, &error);
      g_assert_no_error (error);

      g_assert_true (sp_csv_reader_next (reader, &fields, &header, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (fields[0], ==, "id");
      while (sp_csv_reader_next (reader, &fields, &n, &error))
        {
          if (n != header)
            g_error ("%s line %u: %u fields under a header of %u", path,
                     sp_csv_reader_get_line (reader), n, header);
          rows++;
        }
      g_assert_no_error (error);
      g_assert_cmpuint (rows, >, 0);
      (*n_files)++;
    }
  g_assert_cmpuint (*n_files, >, 0);
}

/* The first data row's field @column of an example file. */
static char *
example_field (const char *subdir,
               const char *file,
               guint       column,
               guint      *line)
{
  g_autofree char *path = sp_test_fixture_path ("openreferral", subdir, "examples", "csv", file, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (SpCsvReader) reader = sp_csv_reader_open (path, &error);
  const char * const *fields;
  guint n;

  g_assert_no_error (error);
  g_assert_true (sp_csv_reader_next (reader, &fields, &n, &error));
  g_assert_true (sp_csv_reader_next (reader, &fields, &n, &error));
  g_assert_cmpuint (column, <, n);
  *line = sp_csv_reader_get_line (reader);
  return g_strdup (fields[column]);
}

static void
test_hsds_examples (void)
{
  g_autofree char *number = NULL;
  g_autofree char *fees = NULL;
  guint n_files;
  guint line;

  check_example_dir ("hsds-3.0", &n_files);
  g_test_message ("%u HSDS example files", n_files);

  /* phones.csv writes the number with literal quotes: """+44 1234 234567""" */
  number = example_field ("hsds-3.0", "phones.csv", 6, &line);
  g_assert_cmpstr (number, ==, "\"+44 1234 234567\"");
  fees = example_field ("hsds-3.0", "services.csv", 11, &line);
  g_assert_nonnull (strstr (fees, "\xC2\xA3" "50 per hour"));
  g_assert_cmpuint (line, ==, 2);
}

static void
test_oruk_examples (void)
{
  g_autofree char *city = NULL;
  guint n_files;
  guint line;

  check_example_dir ("oruk-3.0-uk-profile", &n_files);
  g_test_message ("%u ORUK example files", n_files);

  /* address.csv ends its lines with CR CR LF, so its data row is on line 3 */
  city = example_field ("oruk-3.0-uk-profile", "address.csv", 4, &line);
  g_assert_cmpstr (city, ==, "MyCity");
  g_assert_cmpuint (line, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/signpost/csv/simple", test_simple);
  g_test_add_func ("/signpost/csv/quoted", test_quoted);
  g_test_add_func ("/signpost/csv/crlf", test_crlf);
  g_test_add_func ("/signpost/csv/lone-cr", test_lone_cr);
  g_test_add_func ("/signpost/csv/bom", test_bom);
  g_test_add_func ("/signpost/csv/no-trailing-newline", test_no_trailing_newline);
  g_test_add_func ("/signpost/csv/empty-fields", test_empty_fields);
  g_test_add_func ("/signpost/csv/blank-lines", test_blank_lines);
  g_test_add_func ("/signpost/csv/line-numbers", test_line_numbers);
  g_test_add_func ("/signpost/csv/bare-quote", test_bare_quote);
  g_test_add_func ("/signpost/csv/error/unterminated-quote", test_unterminated_quote);
  g_test_add_func ("/signpost/csv/error/stray-after-quote", test_stray_after_quote);
  g_test_add_func ("/signpost/csv/error/nul-byte", test_nul_byte);
  g_test_add_func ("/signpost/csv/error/utf16", test_utf16);
  g_test_add_func ("/signpost/csv/error/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/signpost/csv/error/field-too-large", test_field_too_large);
  g_test_add_func ("/signpost/csv/error/record-too-large", test_record_too_large);
  g_test_add ("/signpost/csv/error/missing-file", Fixture, NULL, fixture_set_up, test_missing_file,
              fixture_tear_down);
  g_test_add_func ("/signpost/csv/error/read-failure", test_read_failure);
  g_test_add ("/signpost/csv/open-file", Fixture, NULL, fixture_set_up, test_open_file,
              fixture_tear_down);
  g_test_add ("/signpost/csv/chunk-boundary", Fixture, NULL, fixture_set_up, test_chunk_boundary,
              fixture_tear_down);
  g_test_add ("/signpost/csv/large-file", Fixture, NULL, fixture_set_up, test_large_file,
              fixture_tear_down);
  g_test_add_func ("/signpost/csv/hsds-examples", test_hsds_examples);
  g_test_add_func ("/signpost/csv/oruk-examples", test_oruk_examples);
  return g_test_run ();
}
