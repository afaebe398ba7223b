/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-working-days.h: weekdays that are not England and Wales bank holidays. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Days are GDate Julian day numbers (1 is 1 January of year 1); 0 is "no date". */
typedef guint32 SpDay;

#define SP_WORKING_DAYS_ERROR (sp_working_days_error_quark ())
GQuark sp_working_days_error_quark (void);

typedef enum
{
  SP_WORKING_DAYS_ERROR_PARSE,   /* a line of the one-off table is not "YYYY-MM-DD +|- note" */
} SpWorkingDaysError;

typedef struct _SpWorkingDays SpWorkingDays;

SpDay          sp_day_from_ymd               (int                year,
                                              int                month,
                                              int                day);
SpDay          sp_day_parse                  (const char        *text);
char          *sp_day_format                 (SpDay              day);
SpDay          sp_day_from_unix              (gint64             seconds);
SpDay          sp_day_today                  (void);

SpDay          sp_easter_sunday              (int                year);
guint          sp_bank_holidays_of_year      (int                year,
                                              SpDay             *days);

SpWorkingDays *sp_working_days_new           (void);
void           sp_working_days_free          (SpWorkingDays     *self);
const char    *sp_working_days_default_changes (void);
gboolean       sp_working_days_set_changes   (SpWorkingDays     *self,
                                              const char        *table,
                                              GError           **error);
gboolean       sp_working_days_is_holiday    (SpWorkingDays     *self,
                                              SpDay              day);
gboolean       sp_working_days_is_working    (SpWorkingDays     *self,
                                              SpDay              day);
guint          sp_working_days_between       (SpWorkingDays     *self,
                                              SpDay              from,
                                              SpDay              to);
SpDay          sp_working_days_add           (SpWorkingDays     *self,
                                              SpDay              from,
                                              guint              n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpWorkingDays, sp_working_days_free)

G_END_DECLS
