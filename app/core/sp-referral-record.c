/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-referral-record.c: people and referrals as the bytes the referral store encrypts.
 *
 * Record format 2: one byte of format, then every field in a fixed order, each read
 * straight after the one before: numbers little-endian (u8, u32, i64), strings as a u32
 * length and their bytes (length 0: no value), lists as a u32 count and their items.
 * Signing in reads tens of thousands of records: JSON (format 1) spent some 30 µs of CPU
 * on each, GVariant tuples 12 µs (GLib 2.74 checks a tuple's offsets again for every
 * member it hands out); reading these takes about one. The writer measures first and
 * writes into one buffer of the exact size, so no copy of a record is left behind
 * unwiped, and the reader never reads past the end: a short or overlong record is
 * refused whole.
 *
 * Any change of fields or of an enumeration's values is a new format, with its reader
 * kept. Format 1 records are read by sp-referral-json.c and written again in this one.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sp-referral-model.h"

/* ---- the codec ----------------------------------------------------------------------- */

/* Writes into @data, or with @data NULL only counts how many bytes it would write. */
typedef struct
{
  guint8 *data;
  gsize len;
} Writer;

static void
put_bytes (Writer     *w,
           const void *bytes,
           gsize       n)
{
  if (w->data != NULL && n > 0)
    memcpy (w->data + w->len, bytes, n);
  w->len += n;
}

static void
put_u8 (Writer *w,
        guint   value)
{
  guint8 byte = value;
  put_bytes (w, &byte, 1);
}

static void
put_u32 (Writer *w,
         guint32 value)
{
  guint32 le = GUINT32_TO_LE (value);
  put_bytes (w, &le, 4);
}

static void
put_i64 (Writer *w,
         gint64  value)
{
  guint64 le = GUINT64_TO_LE ((guint64) value);
  put_bytes (w, &le, 8);
}

static void
put_string (Writer     *w,
            const char *text)
{
  gsize n = text != NULL ? strlen (text) : 0;

  put_u32 (w, n);
  put_bytes (w, text, n);
}

typedef struct
{
  const guint8 *at;
  const guint8 *end;
  gboolean short_read;    /* set once anything would be read past the end */
} Reader;

static const guint8 *
take (Reader *r,
      gsize   n)
{
  const guint8 *at = r->at;

  if (r->short_read || (gsize) (r->end - r->at) < n)
    {
      r->short_read = TRUE;
      return NULL;
    }
  r->at += n;
  return at;
}

static guint
get_u8 (Reader *r)
{
  const guint8 *at = take (r, 1);
  return at != NULL ? at[0] : 0;
}

static guint32
get_u32 (Reader *r)
{
  const guint8 *at = take (r, 4);
  guint32 le;

  if (at == NULL)
    return 0;
  memcpy (&le, at, 4);
  return GUINT32_FROM_LE (le);
}

static gint64
get_i64 (Reader *r)
{
  const guint8 *at = take (r, 8);
  guint64 le;

  if (at == NULL)
    return 0;
  memcpy (&le, at, 8);
  return (gint64) GUINT64_FROM_LE (le);
}

/* A string, or %NULL for none (and for one that is not UTF-8 or holds a NUL). */
static char *
get_string (Reader *r)
{
  guint32 n = get_u32 (r);
  const guint8 *at = take (r, n);

  if (at == NULL || n == 0 || memchr (at, '\0', n) != NULL || !g_utf8_validate ((const char *) at, n, NULL))
    return NULL;
  return g_strndup ((const char *) at, n);
}

/* An enumeration's value, or @fallback when it is not below @n. */
static guint
get_enum (Reader *r,
          guint   n,
          guint   fallback)
{
  guint value = get_u8 (r);
  return value < n ? value : fallback;
}

/* A list's length, bounded by what is left (each item takes @item_min bytes at least). */
static guint
get_count (Reader *r,
           gsize   item_min)
{
  guint32 n = get_u32 (r);

  if ((gsize) (r->end - r->at) / item_min < n)
    {
      r->short_read = TRUE;
      return 0;
    }
  return n;
}

/* ---- the records ------------------------------------------------------------------- */

static void
put_stamps (Writer     *w,
            gint64      created_at,
            gint64      updated_at,
            const char *created_by,
            const char *updated_by)
{
  put_i64 (w, created_at);
  put_i64 (w, updated_at);
  put_string (w, created_by);
  put_string (w, updated_by);
}

static void
get_stamps (Reader  *r,
            gint64  *created_at,
            gint64  *updated_at,
            char   **created_by,
            char   **updated_by)
{
  *created_at = get_i64 (r);
  *updated_at = get_i64 (r);
  *created_by = get_string (r);
  *updated_by = get_string (r);
}

static void
write_person (Writer         *w,
              const SpPerson *p)
{
  put_u8 (w, SP_RECORD_FORMAT);
  put_string (w, p->id);
  put_u8 (w, p->training);
  put_string (w, p->name);
  put_u32 (w, p->born);
  put_string (w, p->nhs_number);
  put_string (w, p->address);
  put_string (w, p->postcode);
  put_string (w, p->phone);
  put_string (w, p->email);
  put_u8 (w, p->preferred_contact);
  put_string (w, p->language);
  put_u8 (w, p->interpreter);
  put_u8 (w, p->carer);
  put_string (w, p->gp_practice);
  put_u8 (w, p->consent_method);
  put_string (w, p->consent_scope);
  put_u32 (w, p->consent_on);
  put_stamps (w, p->created_at, p->updated_at, p->created_by, p->updated_by);
}

static void
read_person (Reader   *r,
             SpPerson *p)
{
  p->id = get_string (r);
  p->training = get_u8 (r) != 0;
  p->name = get_string (r);
  p->born = get_u32 (r);
  p->nhs_number = get_string (r);
  p->address = get_string (r);
  p->postcode = get_string (r);
  p->phone = get_string (r);
  p->email = get_string (r);
  p->preferred_contact = get_enum (r, SP_N_CONTACT_METHODS, SP_CONTACT_METHOD_PHONE);
  p->language = get_string (r);
  p->interpreter = get_u8 (r) != 0;
  p->carer = get_enum (r, SP_N_CARER_ROLES, SP_CARER_ROLE_NONE);
  p->gp_practice = get_string (r);
  p->consent_method = get_enum (r, SP_N_CONSENT_METHODS, SP_CONSENT_NONE);
  p->consent_scope = get_string (r);
  p->consent_on = get_u32 (r);
  get_stamps (r, &p->created_at, &p->updated_at, &p->created_by, &p->updated_by);
}

static void
write_outcome (Writer          *w,
               const SpOutcome *o)
{
  put_u32 (w, o->taken_on);
  for (guint i = 0; i < SP_ONS4_N_QUESTIONS; i++)
    put_u8 (w, (guint8) o->ons4[i]);
  for (guint i = 0; i < SP_SWEMWBS_N_ITEMS; i++)
    put_u8 (w, (guint8) o->swemwbs[i]);
  put_u8 (w, o->swemwbs_raw);
}

static void
read_outcome (Reader    *r,
              SpOutcome *o)
{
  o->taken_on = get_u32 (r);
  for (guint i = 0; i < SP_ONS4_N_QUESTIONS; i++)
    {
      gint8 answer = (gint8) get_u8 (r);
      o->ons4[i] = CLAMP (answer, -1, 10);
    }
  for (guint i = 0; i < SP_SWEMWBS_N_ITEMS; i++)
    {
      guint item = get_u8 (r);
      o->swemwbs[i] = MIN (item, 5);
    }
  o->swemwbs_raw = get_u8 (r);
  if (o->swemwbs_raw > SP_SWEMWBS_RAW_MAX)
    o->swemwbs_raw = 0;
}

static void
write_lists (Writer           *w,
             const SpReferral *r)
{
  put_u32 (w, r->history->len);
  for (guint i = 0; i < r->history->len; i++)
    {
      const SpStatusChange *c = &g_array_index (r->history, SpStatusChange, i);
      put_u8 (w, c->status);
      put_i64 (w, c->at);
      put_string (w, c->by);
      put_string (w, c->note);
    }
  put_u32 (w, r->services->len);
  for (guint i = 0; i < r->services->len; i++)
    {
      const SpServiceLink *l = &g_array_index (r->services, SpServiceLink, i);
      put_string (w, l->service_id);
      put_string (w, l->service_name);
      put_u8 (w, l->kind);
      put_u8 (w, l->attended);
      put_u32 (w, l->added_on);
    }
  put_u32 (w, r->contacts->len);
  for (guint i = 0; i < r->contacts->len; i++)
    {
      const SpContactNote *c = &g_array_index (r->contacts, SpContactNote, i);
      put_u32 (w, c->on);
      put_u8 (w, c->how);
      put_string (w, c->note);
      put_string (w, c->by);
    }
}

static void
read_lists (Reader     *r,
            SpReferral *referral)
{
  guint n = get_count (r, 1 + 8 + 4 + 4);

  for (guint i = 0; i < n; i++)
    {
      SpStatusChange c = { get_enum (r, SP_REFERRAL_N_STATUSES, SP_REFERRAL_STATUS_NEW) };
      c.at = get_i64 (r);
      c.by = get_string (r);
      c.note = get_string (r);
      g_array_append_val (referral->history, c);
    }
  n = get_count (r, 4 + 4 + 1 + 1 + 4);
  for (guint i = 0; i < n; i++)
    {
      SpServiceLink l = { get_string (r) };
      l.service_name = get_string (r);
      l.kind = get_u8 (r) == SP_SERVICE_LINK_REFERRED ? SP_SERVICE_LINK_REFERRED : SP_SERVICE_LINK_SIGNPOSTED;
      l.attended = get_enum (r, SP_ATTENDED_NO + 1, SP_ATTENDED_UNKNOWN);
      l.added_on = get_u32 (r);
      g_array_append_val (referral->services, l);
    }
  n = get_count (r, 4 + 1 + 4 + 4);
  for (guint i = 0; i < n; i++)
    {
      SpContactNote c = { get_u32 (r) };
      c.how = get_enum (r, SP_N_CONTACT_METHODS, SP_CONTACT_METHOD_PHONE);
      c.note = get_string (r);
      c.by = get_string (r);
      g_array_append_val (referral->contacts, c);
    }
}

static void
write_referral (Writer           *w,
                const SpReferral *r)
{
  put_u8 (w, SP_RECORD_FORMAT);
  put_string (w, r->id);
  put_string (w, r->person_id);
  put_u8 (w, r->training);
  put_u8 (w, r->source);
  put_u32 (w, r->received_on);
  put_u32 (w, r->reasons);
  put_string (w, r->other_reasons);
  put_u8 (w, r->status);
  put_u8 (w, r->accepted);
  put_string (w, r->declined_reason);
  put_string (w, r->closing_outcome);
  put_u32 (w, r->first_contact_on);
  put_u32 (w, r->last_contact_on);
  put_u32 (w, r->next_contact_on);
  put_u32 (w, r->closed_on);
  write_lists (w, r);
  write_outcome (w, &r->first);
  write_outcome (w, &r->review);
  put_string (w, r->notes);
  put_stamps (w, r->created_at, r->updated_at, r->created_by, r->updated_by);
}

static void
read_referral (Reader     *r,
               SpReferral *p)
{
  p->id = get_string (r);
  p->person_id = get_string (r);
  p->training = get_u8 (r) != 0;
  p->source = get_enum (r, SP_REFERRAL_N_SOURCES, SP_REFERRAL_SOURCE_GP);
  p->received_on = get_u32 (r);
  p->reasons = get_u32 (r) & ((1u << SP_N_REASONS) - 1);
  p->other_reasons = get_string (r);
  p->status = get_enum (r, SP_REFERRAL_N_STATUSES, SP_REFERRAL_STATUS_NEW);
  p->accepted = get_u8 (r) != 0;
  p->declined_reason = get_string (r);
  p->closing_outcome = get_string (r);
  p->first_contact_on = get_u32 (r);
  p->last_contact_on = get_u32 (r);
  p->next_contact_on = get_u32 (r);
  p->closed_on = get_u32 (r);
  read_lists (r, p);
  read_outcome (r, &p->first);
  read_outcome (r, &p->review);
  p->notes = get_string (r);
  get_stamps (r, &p->created_at, &p->updated_at, &p->created_by, &p->updated_by);
}

/* ---- in and out ---------------------------------------------------------------------- */

typedef void (*WriteFunc) (Writer *w, gconstpointer record);

/* Measures, then writes into a buffer of exactly that size. */
static guint8 *
serialize (WriteFunc     write,
           gconstpointer record,
           gsize        *length)
{
  Writer w = { NULL, 0 };
  gsize size;

  write (&w, record);
  size = w.len;
  w = (Writer) { g_malloc (size), 0 };
  write (&w, record);
  g_assert (w.len == size);
  *length = size;
  return w.data;
}

/**
 * sp_person_serialize:
 * @length: (out): the number of bytes
 *
 * Returns: (transfer full): @person in the current record format; the caller wipes it
 *   (sodium_memzero) before freeing it with g_free()
 */
guint8 *
sp_person_serialize (const SpPerson *person,
                     gsize          *length)
{
  g_return_val_if_fail (person != NULL, NULL);
  return serialize ((WriteFunc) write_person, person, length);
}

guint8 *
sp_referral_serialize (const SpReferral *referral,
                       gsize            *length)
{
  g_return_val_if_fail (referral != NULL, NULL);
  return serialize ((WriteFunc) write_referral, referral, length);
}

/**
 * sp_referral_record_format:
 *
 * Returns: which format the serialised record @data is in: %SP_RECORD_FORMAT (the
 *   current one), %SP_RECORD_FORMAT_JSON, or 0 for one this build cannot read
 */
guint
sp_referral_record_format (const guint8 *data,
                           gsize         length)
{
  if (length > 0 && data[0] == '{')
    return SP_RECORD_FORMAT_JSON;
  if (length > 0 && data[0] == SP_RECORD_FORMAT)
    return SP_RECORD_FORMAT;
  return 0;
}

/* Whether @r read all of its record and no more. */
static gboolean
check_read (Reader  *r,
            GError **error)
{
  if (r->short_read || r->at != r->end)
    {
      g_set_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_CORRUPT,
                   _("A record is damaged: it is not as long as its format says."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_format (const guint8 *data,
              gsize         length,
              GError      **error)
{
  if (sp_referral_record_format (data, length) == SP_RECORD_FORMAT)
    return TRUE;
  g_set_error (error, SP_REFERRAL_ERROR, SP_REFERRAL_ERROR_TOO_NEW,
               _("A record was written by a newer version of Signpost (record format %u); update Signpost to "
                 "read it."), length > 0 ? data[0] : 0);
  return FALSE;
}

/**
 * sp_person_deserialize:
 * @data: a person record in the current format or an older one
 *
 * Returns: (transfer full) (nullable): the person, or %NULL with @error set
 */
SpPerson *
sp_person_deserialize (const guint8 *data,
                       gsize         length,
                       GError      **error)
{
  Reader r = { data + 1, data + length, FALSE };
  SpPerson *p;

  if (sp_referral_record_format (data, length) == SP_RECORD_FORMAT_JSON)
    return sp_person_from_json ((const char *) data, length, error);
  if (!check_format (data, length, error))
    return NULL;
  p = sp_person_new ();
  read_person (&r, p);
  if (!check_read (&r, error))
    g_clear_pointer (&p, sp_person_unref);
  return p;
}

SpReferral *
sp_referral_deserialize (const guint8 *data,
                         gsize         length,
                         GError      **error)
{
  Reader r = { data + 1, data + length, FALSE };
  SpReferral *p;

  if (sp_referral_record_format (data, length) == SP_RECORD_FORMAT_JSON)
    return sp_referral_from_json ((const char *) data, length, error);
  if (!check_format (data, length, error))
    return NULL;
  p = sp_referral_new ();
  read_referral (&r, p);
  if (!check_read (&r, error))
    g_clear_pointer (&p, sp_referral_unref);
  return p;
}
