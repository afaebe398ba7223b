/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-print-queue.h: a kiosk's slip sent to a named print queue, followed until it printed. */
#pragma once

#include "sp-print.h"

G_BEGIN_DECLS

void sp_print_queue_send (SpSlip          *slip,
                          GtkPageSetup    *setup,
                          const char      *printer,
                          const char      *job_name,
                          guint            timeout_ms,
                          SpPrintDoneFunc  done,
                          gpointer         user_data);

G_END_DECLS
