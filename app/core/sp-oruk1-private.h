/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-oruk1-private.h: what the ORUK 1.0 converter's files share. */
#pragma once

#include <json-glib/json-glib.h>

#include "sp-oruk1.h"

G_BEGIN_DECLS

typedef struct
{
  char *service_id;             /* the record id warnings carry; NULL if unusable */
  SpImportWarnFunc warn;
  gpointer user_data;
  JsonObject *service;          /* the HSDS 3.0 service being built */
  GHashTable *attribute_ids;    /* ids already in service.attributes */

  /* eligibilitys[] fold into one age range and one text on the service */
  gboolean has_minimum_age;
  double minimum_age;
  gboolean has_maximum_age;
  double maximum_age;
  GString *eligibility;
} SpOruk1Converter;

typedef JsonObject *(*SpOruk1ItemFunc) (SpOruk1Converter *self,
                                        JsonObject       *item,
                                        const char       *path);

typedef enum
{
  SP_ORUK1_NUMBER_ABSENT,   /* absent, null or blank text */
  SP_ORUK1_NUMBER_OK,
  SP_ORUK1_NUMBER_BAD,
} SpOruk1Number;

void sp_oruk1_warn (SpOruk1Converter *self,
                    const char       *field,
                    const char       *format,
                    ...) G_GNUC_PRINTF (3, 4);
char *sp_oruk1_field_path (const char *prefix,
                           const char *key);
char *sp_oruk1_item_path (const char *prefix,
                          const char *key,
                          guint       index);
const char *sp_oruk1_node_describe (JsonNode *node);
char *sp_oruk1_node_dup_text (JsonNode *node);
gboolean sp_oruk1_text_is_blank (const char *text);
gboolean sp_oruk1_member_is_blank (JsonObject *object,
                                   const char *key);
char *sp_oruk1_read_text (SpOruk1Converter *self,
                          JsonObject       *from,
                          const char       *key,
                          const char       *prefix);
gboolean sp_oruk1_copy_text (SpOruk1Converter *self,
                             JsonObject       *from,
                             const char       *key,
                             JsonObject       *to,
                             const char       *to_key,
                             const char       *prefix);
void sp_oruk1_copy_same_texts (SpOruk1Converter   *self,
                               JsonObject         *from,
                               JsonObject         *to,
                               const char         *prefix,
                               const char * const *keys);
SpOruk1Number sp_oruk1_parse_number (JsonNode  *node,
                                     JsonNode **out);
double sp_oruk1_number_value (JsonNode *number);
void sp_oruk1_warn_not_a_number (SpOruk1Converter *self,
                                 const char       *field,
                                 JsonNode         *node);
JsonNode *sp_oruk1_read_number (SpOruk1Converter *self,
                                JsonObject       *from,
                                const char       *key,
                                const char       *prefix);
gboolean sp_oruk1_copy_number (SpOruk1Converter *self,
                               JsonObject       *from,
                               const char       *key,
                               JsonObject       *to,
                               const char       *to_key,
                               const char       *prefix);
JsonArray *sp_oruk1_ensure_array (JsonObject *object,
                                  const char *key);
void sp_oruk1_convert_list (SpOruk1Converter *self,
                            JsonObject       *from,
                            const char       *key,
                            const char       *prefix,
                            JsonObject       *to,
                            const char       *to_key,
                            SpOruk1ItemFunc   convert);
char *sp_oruk1_derived_uuid (const char *first,
                             ...) G_GNUC_NULL_TERMINATED;
void sp_oruk1_convert_schedules (SpOruk1Converter *self,
                                 JsonObject       *from,
                                 const char       *prefix,
                                 JsonObject       *to);

/* sp-oruk1-places.c */
JsonObject *sp_oruk1_convert_service_at_location (SpOruk1Converter *self,
                                                  JsonObject       *from,
                                                  const char       *path);

G_END_DECLS
