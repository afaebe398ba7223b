/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-pin.h: the kiosk's exit PIN, kept only as an Argon2id hash. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SP_PIN_ERROR (sp_pin_error_quark ())
GQuark sp_pin_error_quark (void);

typedef enum
{
  SP_PIN_ERROR_UNACCEPTABLE,   /* not 4 to 12 digits */
  SP_PIN_ERROR_FAILED,         /* libsodium could not start, or had too little memory */
} SpPinError;

/* The shortest and longest PIN a directory editor may choose. */
#define SP_PIN_MIN_DIGITS 4
#define SP_PIN_MAX_DIGITS 12

gboolean  sp_pin_is_acceptable  (const char  *pin,
                                 char       **reason);
char     *sp_pin_hash           (const char  *pin,
                                 GError     **error);
gboolean  sp_pin_verify         (const char  *hash,
                                 const char  *pin);
void      sp_pin_hash_async     (const char          *pin,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
char     *sp_pin_hash_finish    (GAsyncResult        *result,
                                 GError             **error);
void      sp_pin_verify_async   (const char          *hash,
                                 const char          *pin,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
gboolean  sp_pin_verify_finish  (GAsyncResult        *result,
                                 GError             **error);

G_END_DECLS
