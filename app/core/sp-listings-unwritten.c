/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-listings-unwritten.c: what is not written yet answers with an error. */
#include "config.h"

#include "sp-listings-private.h"





























JsonObject *
sp_schedule_parse_words (const char *text, GDate *today, GError **error)
{
  (void) text;
  (void) today;
  if (error != NULL) sp_listings_not_written (error);
  return NULL;
}

char       *
sp_schedule_words_for_form (JsonObject *schedule)
{
  (void) schedule;
  return NULL;
}
