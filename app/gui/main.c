/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: signpost, the desktop app and library kiosk. */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "sp-ui-language.h"

#include "sp-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr (SpApplication) app = NULL;

  sp_ui_language_init ();
  g_set_application_name (_("Signpost"));

  app = sp_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
