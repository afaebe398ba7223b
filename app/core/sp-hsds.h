/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hsds.h: the HSDS 3.0 tables as data, driving import, export and the schema check. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SP_FIELD_TEXT,        /* a short text: names, codes (bounded, single line kept as is) */
  SP_FIELD_PROSE,       /* descriptions: HTML made plain, longer bound */
  SP_FIELD_REF,         /* the id (UUID) of another record */
  SP_FIELD_EMAIL,
  SP_FIELD_URL,
  SP_FIELD_DATE,        /* YYYY-MM-DD */
  SP_FIELD_DATETIME,    /* ISO 8601 */
  SP_FIELD_TIME,        /* HH:MM[:SS] */
  SP_FIELD_INTEGER,
  SP_FIELD_NUMBER,
  SP_FIELD_AGE,         /* 0–130; -1 means absent */
  SP_FIELD_LATITUDE,
  SP_FIELD_LONGITUDE,
  SP_FIELD_CHOICE,      /* one of SpField.choices, compared without case */
} SpFieldKind;

typedef struct
{
  const char *name;              /* HSDS field name = SQL column */
  SpFieldKind kind;
  const char * const *choices;   /* SP_FIELD_CHOICE only */
  gboolean required;             /* HSDS requires it */
} SpField;

typedef struct _SpTable SpTable;

typedef enum
{
  SP_LINK_CHILDREN,  /* "phones": [ … ]; each child's @column holds the parent's id */
  SP_LINK_OBJECT,    /* "organization": { … }; the parent's @column holds the child's id */
  SP_LINK_ATTACHED,  /* attributes / metadata: link_id + link_entity name the parent */
} SpLinkKind;

typedef struct
{
  const char *key;        /* JSON key in the parent */
  const SpTable *table;
  SpLinkKind kind;
  const char *column;     /* see SpLinkKind */
} SpLink;

struct _SpTable
{
  const char *name;        /* SQL table and HSDS object name */
  const SpField *fields;   /* all columns but id, in HSDS order, NULL-terminated */
  const SpLink *links;     /* nested arrays and objects, in HSDS order, NULL-terminated */
  gboolean shared;         /* referred to by many parents; outlives them */
  gboolean has_source;     /* carries feed_id, source_id, imported_at */
};

extern const SpTable sp_hsds_service, sp_hsds_organization, sp_hsds_location,
  sp_hsds_taxonomy_term, sp_hsds_taxonomy, sp_hsds_metadata, sp_hsds_attribute, sp_hsds_language,
  sp_hsds_phone, sp_hsds_contact, sp_hsds_schedule, sp_hsds_address, sp_hsds_accessibility,
  sp_hsds_service_at_location, sp_hsds_funding, sp_hsds_program, sp_hsds_organization_identifier,
  sp_hsds_cost_option, sp_hsds_service_area, sp_hsds_required_document;

const SpTable * const *sp_hsds_all_tables (void);
const SpTable         *sp_hsds_table_by_name (const char *name);
const SpField         *sp_hsds_table_field (const SpTable *table,
                                            const char    *name);
const char            *sp_hsds_field_choice (const SpField *field,
                                            const char    *text);

G_END_DECLS
