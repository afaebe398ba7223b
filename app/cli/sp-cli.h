/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-cli.h: the commands of signpost-cli, one function each. */
#pragma once

#include <glib.h>

#include "sp-directory.h"
#include "sp-store.h"

G_BEGIN_DECLS

typedef struct
{
  const char *name;
  const char *summary;
  int (*run) (int argc, char **argv);
} SpCliCommand;

int       sp_cli_import      (int argc, char **argv);
int       sp_cli_sync        (int argc, char **argv);
int       sp_cli_export      (int argc, char **argv);
int       sp_cli_show        (int argc, char **argv);
int       sp_cli_list        (int argc, char **argv);
int       sp_cli_stats       (int argc, char **argv);
int       sp_cli_search      (int argc, char **argv);
int       sp_cli_index       (int argc, char **argv);
int       sp_cli_slip        (int argc, char **argv);
int       sp_cli_settings    (int argc, char **argv);
int       sp_cli_referrals   (int argc, char **argv);

gboolean  sp_cli_parse       (GOptionContext *context,
                              int            *argc,
                              char         ***argv);
gboolean  sp_cli_parse_command (int                *argc,
                                char             ***argv,
                                const char         *parameter,
                                const char         *summary,
                                const char         *description,
                                const GOptionEntry *entries,
                                char              **data_dir);
SpStore  *sp_cli_open_store  (const char     *data_dir,
                              gboolean        for_reading);
SpDirectory *sp_cli_open_directory (const char *data_dir);
int       sp_cli_fail        (const char     *format,
                              ...) G_GNUC_PRINTF (1, 2);

G_END_DECLS
