/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-print.h: printing signposting slips and saving them as PDF, from the app. */
#pragma once

#include <gtk/gtk.h>

#include "sp-slip.h"

G_BEGIN_DECLS

/* Called once a print or save is over: @error is NULL on success, and for a person
 * cancelling. */
typedef void (*SpPrintDoneFunc) (GError   *error,
                                 gpointer  user_data);

typedef struct
{
  SpStore *store;
  GPtrArray *details;          /* (element-type SpServiceDetail) the services on the slip */
  gboolean large_print;
  const char *kiosk_location;  /* (nullable) */
  GDateTime *now;              /* (nullable) for the next session; %NULL for the clock */
} SpSlipContent;

SpSlip  *sp_print_make_slip    (const SpSlipContent *content,
                                SpSlipPaper          paper,
                                GError             **error);
void     sp_print_with_dialog  (GtkWindow           *parent,
                                const SpSlipContent *content,
                                SpPrintDoneFunc      done,
                                gpointer             user_data);
void     sp_print_direct       (GtkWindow           *parent,
                                const SpSlipContent *content,
                                SpSlipPaper          paper,
                                const char          *printer,
                                const char          *output_uri,
                                guint                timeout_ms,
                                SpPrintDoneFunc      done,
                                gpointer             user_data);
void     sp_print_save_pdf     (GtkWindow           *parent,
                                const SpSlipContent *content,
                                const char          *suggested_name,
                                SpPrintDoneFunc      done,
                                gpointer             user_data);
void     sp_print_save_pdf_to  (GtkWindow           *parent,
                                const SpSlipContent *content,
                                const char          *path,
                                SpPrintDoneFunc      done,
                                gpointer             user_data);

G_END_DECLS
