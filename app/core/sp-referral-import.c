/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-referral-import.c: a caseload moved in from a spreadsheet (CSV), one referral a row.
 *
 * UTF-8 with a header row naming the columns name, date_of_birth, nhs_number, postcode,
 * phone, referred_on, source, reasons, status, first_contact_on, closed_on, swemwbs_first
 * and swemwbs_review, in any order. Every row is checked before anything is written; a row
 * that breaks a rule is listed by line and column, and then nothing is imported unless
 * bad rows may be skipped. The import is one transaction. A person on several rows (the
 * same NHS number) is one person; one already in the store is matched, not added again.
 * Spreadsheets hold no consent record, so people come in marked "consent recorded before
 * import" with the day of the import.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sp-csv-reader.h"
#include "sp-nhs-number.h"
#include "sp-referral-import.h"
#include "sp-referral-store-private.h"

enum
{
  COL_NAME, COL_BORN, COL_NHS, COL_POSTCODE, COL_PHONE, COL_REFERRED, COL_SOURCE, COL_REASONS,
  COL_STATUS, COL_FIRST_CONTACT, COL_CLOSED, COL_SWEMWBS_FIRST, COL_SWEMWBS_REVIEW, N_COLUMNS
};

static const char *column_names[N_COLUMNS] = {
  "name", "date_of_birth", "nhs_number", "postcode", "phone", "referred_on", "source", "reasons",
  "status", "first_contact_on", "closed_on", "swemwbs_first", "swemwbs_review",
};

/* One row, checked. */
typedef struct
{
  guint line;
  char *name;
  SpDay born;
  char *nhs_number;
  char *postcode;
  char *phone;
  SpDay referred_on;
  SpReferralSource source;
  guint reasons;
  char *other_reasons;
  SpReferralStatus status;
  SpDay first_contact_on;
  SpDay closed_on;
  int swemwbs_first;
  int swemwbs_review;
} Row;

static void
row_free (gpointer data)
{
  Row *row = data;

  sp_wipe_string (&row->name);
  sp_wipe_string (&row->nhs_number);
  sp_wipe_string (&row->postcode);
  sp_wipe_string (&row->phone);
  sp_wipe_string (&row->other_reasons);
  g_free (row);
}

static void
problem_free (gpointer data)
{
  SpReferralImportProblem *problem = data;

  g_free (problem->field);
  g_free (problem->message);
  g_free (problem);
}

void
sp_referral_import_report_free (SpReferralImportReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->problems);
  g_free (report);
}

static gboolean
problem (SpReferralImportReport *report,
         guint                   line,
         const char             *field,
         const char             *message)
{
  SpReferralImportProblem *p = g_new0 (SpReferralImportProblem, 1);

  p->line = line;
  p->field = g_strdup (field);
  p->message = g_strdup (message);
  g_ptr_array_add (report->problems, p);
  return FALSE;
}

static char *
trimmed (const char *text)
{
  return g_strstrip (g_strdup (text != NULL ? text : ""));
}

static gboolean
read_date (SpReferralImportReport *report,
           guint                   line,
           const char             *field,
           const char             *text,
           gboolean                required,
           SpDay                  *day)
{
  g_autofree char *value = trimmed (text);

  *day = 0;
  if (*value == '\0')
    return required ? problem (report, line, field, _("a date is needed here")) : TRUE;
  *day = sp_day_parse (value);
  if (*day == 0)
    return problem (report, line, field, _("not a date written YYYY-MM-DD"));
  if (*day > sp_day_today ())
    return problem (report, line, field, _("a date in the future"));
  return TRUE;
}

static gboolean
read_swemwbs (SpReferralImportReport *report,
              guint                   line,
              const char             *field,
              const char             *text,
              int                    *raw)
{
  g_autofree char *value = trimmed (text);
  guint64 number = 0;

  *raw = 0;
  if (*value == '\0')
    return TRUE;
  if (!g_ascii_string_to_unsigned (value, 10, SP_SWEMWBS_RAW_MIN, SP_SWEMWBS_RAW_MAX, &number, NULL))
    return problem (report, line, field, _("a SWEMWBS raw total is a whole number from 7 to 35"));
  *raw = number;
  return TRUE;
}

/* Checks one row's fields; every problem is listed, not only the first. */
static Row *
read_row (SpReferralImportReport *report,
          guint                   line,
          const char * const     *fields,
          const int              *columns,
          gboolean                training)
{
  g_autoptr (GString) other = g_string_new (NULL);
  g_auto (GStrv) reasons = NULL;
  g_autofree char *source = trimmed (fields[columns[COL_SOURCE]]);
  g_autofree char *status = trimmed (fields[columns[COL_STATUS]]);
  g_autofree char *nhs = trimmed (fields[columns[COL_NHS]]);
  g_autofree char *phone = trimmed (fields[columns[COL_PHONE]]);
  Row *row = g_new0 (Row, 1);
  gboolean ok = TRUE;

  row->line = line;
  row->name = trimmed (fields[columns[COL_NAME]]);
  if (*row->name == '\0')
    ok = problem (report, line, "name", _("a name is needed"));
  ok &= read_date (report, line, "date_of_birth", fields[columns[COL_BORN]], TRUE, &row->born);

  switch (sp_nhs_number_check (nhs, &row->nhs_number))
    {
    case SP_NHS_NUMBER_NOT_TEN_DIGITS:
      ok = problem (report, line, "nhs_number", *nhs == '\0' ? _("an NHS number is needed")
                                                             : _("not ten digits"));
      break;
    case SP_NHS_NUMBER_BAD_CHECK_DIGIT:
      ok = problem (report, line, "nhs_number", _("not a valid NHS number: the check digit is wrong"));
      break;
    case SP_NHS_NUMBER_VALID:
    default:
      if (sp_nhs_number_is_test_range (row->nhs_number) != training)
        ok = problem (report, line, "nhs_number", training
                      ? _("a training store takes only NHS numbers from the 999 test range")
                      : _("in the 999 test range, which is only for a training store"));
      break;
    }
  sodium_memzero (nhs, strlen (nhs));

  row->postcode = g_ascii_strup (fields[columns[COL_POSTCODE]], -1);
  g_strstrip (row->postcode);
  for (const char *p = phone; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && strchr (" +()-", *p) == NULL)
      {
        ok = problem (report, line, "phone", _("a phone number holds only digits, spaces, +, ( ) and -"));
        break;
      }
  row->phone = g_steal_pointer (&phone);

  ok &= read_date (report, line, "referred_on", fields[columns[COL_REFERRED]], TRUE, &row->referred_on);
  if (!sp_referral_source_from_string (source, &row->source))
    ok = problem (report, line, "source", _("not one of gp, nurse, practice, self, agency"));

  reasons = g_strsplit (fields[columns[COL_REASONS]], ";", -1);
  for (guint i = 0; reasons[i] != NULL; i++)
    {
      g_autofree char *reason_text = trimmed (reasons[i]);
      SpReason reason;

      if (*reason_text == '\0')
        continue;
      if (sp_reason_from_string (reason_text, &reason))
        row->reasons |= 1u << reason;
      else
        g_string_append_printf (other, "%s%s", other->len > 0 ? "; " : "", reason_text);
    }
  row->other_reasons = other->len > 0 ? g_strdup (other->str) : NULL;
  if (row->reasons == 0 && row->other_reasons == NULL)
    ok = problem (report, line, "reasons", _("at least one reason is needed"));

  if (!sp_referral_status_from_string (status, &row->status))
    ok = problem (report, line, "status", _("not one of new, contacted, accepted, declined, active, closed"));
  ok &= read_date (report, line, "first_contact_on", fields[columns[COL_FIRST_CONTACT]], FALSE, &row->first_contact_on);
  ok &= read_date (report, line, "closed_on", fields[columns[COL_CLOSED]],
                   row->status == SP_REFERRAL_STATUS_CLOSED, &row->closed_on);
  if (row->first_contact_on != 0 && row->referred_on != 0 && row->first_contact_on < row->referred_on)
    ok = problem (report, line, "first_contact_on", _("before the referral was received"));
  if (row->closed_on != 0 && row->referred_on != 0 && row->closed_on < row->referred_on)
    ok = problem (report, line, "closed_on", _("before the referral was received"));
  ok &= read_swemwbs (report, line, "swemwbs_first", fields[columns[COL_SWEMWBS_FIRST]], &row->swemwbs_first);
  ok &= read_swemwbs (report, line, "swemwbs_review", fields[columns[COL_SWEMWBS_REVIEW]], &row->swemwbs_review);

  if (!ok)
    {
      row_free (row);
      return NULL;
    }
  return row;
}

/* Where each named column is; every one must be there. */
static gboolean
read_header (const char * const *fields,
             guint               n_fields,
             int                *columns,
             const char         *path,
             GError            **error)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      columns[c] = -1;
      for (guint i = 0; i < n_fields; i++)
        {
          g_autofree char *name = trimmed (fields[i]);
          /* A spreadsheet's UTF-8 byte order mark sits on the first name. */
          const char *bare = g_str_has_prefix (name, "\xef\xbb\xbf") ? name + 3 : name;
          if (g_ascii_strcasecmp (bare, column_names[c]) == 0)
            columns[c] = i;
        }
      if (columns[c] < 0)
        {
          g_set_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_INVALID,
                       _("%s has no column “%s” in its header row. The columns are: %s."), path,
                       column_names[c], "name, date_of_birth, nhs_number, postcode, phone, referred_on, "
                       "source, reasons, status, first_contact_on, closed_on, swemwbs_first, swemwbs_review");
          return FALSE;
        }
    }
  return TRUE;
}

static SpPerson *
person_of_row (const Row *row,
               SpDay      today)
{
  SpPerson *p = sp_person_new ();

  p->name = g_strdup (row->name);
  p->born = row->born;
  p->nhs_number = g_strdup (row->nhs_number);
  p->postcode = *row->postcode != '\0' ? g_strdup (row->postcode) : NULL;
  p->phone = *row->phone != '\0' ? g_strdup (row->phone) : NULL;
  p->consent_method = SP_CONSENT_BEFORE_IMPORT;
  p->consent_scope = g_strdup ("consent recorded before import");
  p->consent_on = today;
  return p;
}

static SpReferral *
referral_of_row (const Row      *row,
                 const SpPerson *person)
{
  SpReferral *r = sp_referral_new ();
  g_autofree char *imported = g_strdup_printf ("imported as %s", sp_referral_status_to_string (row->status));
  SpStatusChange change = { row->status, g_get_real_time () / G_USEC_PER_SEC, NULL, g_strdup (imported) };

  r->person_id = g_strdup (person->id);
  r->source = row->source;
  r->received_on = row->referred_on;
  r->reasons = row->reasons;
  r->other_reasons = g_strdup (row->other_reasons);
  r->status = row->status;
  /* A spreadsheet that says active or closed says the person took it up. */
  r->accepted = row->status == SP_REFERRAL_STATUS_ACCEPTED || row->status == SP_REFERRAL_STATUS_ACTIVE ||
                row->status == SP_REFERRAL_STATUS_CLOSED;
  if (row->status == SP_REFERRAL_STATUS_DECLINED)
    r->declined_reason = g_strdup ("recorded before import");
  if (row->status == SP_REFERRAL_STATUS_CLOSED)
    r->closing_outcome = g_strdup ("recorded before import");
  r->first_contact_on = row->first_contact_on;
  r->last_contact_on = row->first_contact_on;
  r->closed_on = row->closed_on;
  r->first.swemwbs_raw = row->swemwbs_first;
  r->review.swemwbs_raw = row->swemwbs_review;
  g_array_append_val (r->history, change);
  return r;
}

/* Reads and checks every row after the header into @rows; bad ones go to @out's problems.
 * FALSE only when the file itself cannot be read on. */
static gboolean
read_rows (SpCsvReader            *reader,
           const int              *columns,
           gboolean                training,
           SpReferralImportReport *out,
           GPtrArray              *rows,
           GError                **error)
{
  g_autoptr (GHashTable) first_row = g_hash_table_new (g_str_hash, g_str_equal);  /* NHS → Row */
  const char * const *fields;
  guint n_fields;

  for (;;)
    {
      g_autoptr (GError) read_error = NULL;
      guint line;
      Row *row;
      Row *earlier;

      if (!sp_csv_reader_next (reader, &fields, &n_fields, &read_error))
        {
          if (read_error == NULL)
            return TRUE;
          g_propagate_error (error, g_steal_pointer (&read_error));
          return FALSE;
        }
      line = sp_csv_reader_get_line (reader);
      if (n_fields == 1 && *fields[0] == '\0')
        continue;  /* a blank line */
      out->rows++;
      if (n_fields < N_COLUMNS || n_fields <= (guint) MAX (columns[COL_SWEMWBS_REVIEW], columns[COL_NAME]))
        {
          g_autofree char *message = g_strdup_printf (_("%u fields where the header has %d or more"),
                                                      n_fields, N_COLUMNS);
          problem (out, line, "row", message);
          continue;
        }
      if ((row = read_row (out, line, fields, columns, training)) == NULL)
        continue;
      earlier = g_hash_table_lookup (first_row, row->nhs_number);
      if (earlier != NULL && (g_strcmp0 (earlier->name, row->name) != 0 || earlier->born != row->born))
        {
          g_autofree char *message = g_strdup_printf (_("the same NHS number as line %u with another name or "
                                                        "date of birth"), earlier->line);
          problem (out, line, "nhs_number", message);
          row_free (row);
          continue;
        }
      if (earlier == NULL)
        g_hash_table_insert (first_row, row->nhs_number, row);
      g_ptr_array_add (rows, row);
    }
}

/* Saves @rows, people matched by NHS number, in one batch: all or nothing. */
static gboolean
write_rows (SpReferralStore        *store,
            GPtrArray              *rows,
            SpReferralImportReport *out,
            GError                **error)
{
  g_autoptr (GHashTable) people = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) sp_person_unref);
  SpDay today = sp_day_today ();

  if (!sp_referral_store_begin_batch (store, "import", error))
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = rows->pdata[i];
      SpPerson *person = g_hash_table_lookup (people, row->nhs_number);
      g_autoptr (SpReferral) referral = NULL;

      if (person == NULL && (person = sp_referral_store_find_by_nhs_number (store, row->nhs_number)) != NULL)
        {
          g_hash_table_insert (people, row->nhs_number, sp_person_ref (person));
          out->people_matched++;
        }
      else if (person == NULL)
        {
          person = person_of_row (row, today);
          g_hash_table_insert (people, row->nhs_number, person);
          if (!sp_referral_store_save_person (store, person, error))
            {
              sp_referral_store_rollback_batch (store);
              g_prefix_error (error, _("Line %u: "), row->line);
              return FALSE;
            }
          out->people_added++;
        }
      else
        out->people_matched++;
      referral = referral_of_row (row, person);
      if (!sp_referral_store_save_referral (store, referral, error))
        {
          sp_referral_store_rollback_batch (store);
          g_prefix_error (error, _("Line %u: "), row->line);
          return FALSE;
        }
      out->referrals_added++;
    }
  return sp_referral_store_commit_batch (store, error);
}

/**
 * sp_referral_import_csv:
 * @store: a signed-in referral store
 * @skip_bad_rows: import the good rows even when some break a rule
 * @report: (out) (transfer full): what was read, added and found wrong; set even when the
 *   import fails because of bad rows
 *
 * Returns: whether anything was imported; %FALSE with @error set when the file cannot be
 *   read, lacks a column, or has bad rows and @skip_bad_rows is not set (then nothing is)
 */
gboolean
sp_referral_import_csv (SpReferralStore         *store,
                        const char              *path,
                        gboolean                 skip_bad_rows,
                        SpReferralImportReport **report,
                        GError                 **error)
{
  g_autoptr (SpReferralImportReport) out = g_new0 (SpReferralImportReport, 1);
  g_autoptr (SpCsvReader) reader = NULL;
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (row_free);
  const char * const *fields;
  guint n_fields;
  int columns[N_COLUMNS];

  g_return_val_if_fail (SP_IS_REFERRAL_STORE (store), FALSE);

  out->problems = g_ptr_array_new_with_free_func (problem_free);
  if (!sp_referral_store_require_signed_in (store, error) || (reader = sp_csv_reader_open (path, error)) == NULL)
    return FALSE;
  if (!sp_csv_reader_next (reader, &fields, &n_fields, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_INVALID, _("%s is empty."), path);
      return FALSE;
    }
  if (!read_header (fields, n_fields, columns, path, error) ||
      !read_rows (reader, columns, sp_referral_store_get_training (store), out, rows, error))
    return FALSE;

  out->rows_skipped = out->rows - rows->len;
  if (out->problems->len > 0 && !skip_bad_rows)
    {
      g_set_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "%u row of %s breaks a rule; nothing was imported.",
                                "%u rows of %s break a rule; nothing was imported.", out->rows_skipped),
                   out->rows_skipped, path);
      *report = g_steal_pointer (&out);
      return FALSE;
    }
  if (!write_rows (store, rows, out, error))
    return FALSE;
  *report = g_steal_pointer (&out);
  return TRUE;
}
