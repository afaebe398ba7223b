/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-hub-manage-csrf.c: the token a form before sign-in carries, tied to a cookie of its own.
 *
 * Before sign-in there is no session to tie a form's token to: the sign-in and join pages
 * give the browser a random cookie (HttpOnly, SameSite=Strict) and their form a token made
 * from it with a keyed hash. A POST whose token is not the one its cookie makes is refused;
 * another site can neither read the cookie nor make the token. After sign-in, forms carry
 * the session's own token (the core's, sp-listings.h).
 */
#include "config.h"

#include <sodium.h>
#include <string.h>

#include "sp-hub-manage-private.h"

#define PRE_SESSION_BYTES 32

/* A new cookie value: 32 random bytes in hex. */
char *
sp_hub_manage_new_pre_session (void)
{
  guint8 bytes[PRE_SESSION_BYTES];
  char hex[PRE_SESSION_BYTES * 2 + 1];

  randombytes_buf (bytes, sizeof bytes);
  sodium_bin2hex (hex, sizeof hex, bytes, sizeof bytes);
  return g_strdup (hex);
}

/* The token the forms of a browser holding @pre_session carry; NULL if @pre_session is not
 * one of ours. */
char *
sp_hub_manage_pre_session_token (const char *pre_session)
{
  static const char purpose[] = "signpost-hub manage pre-session form";
  guint8 key[crypto_auth_KEYBYTES];
  guint8 mac[crypto_auth_BYTES];
  char hex[crypto_auth_BYTES * 2 + 1];
  size_t length = 0;

  G_STATIC_ASSERT (crypto_auth_KEYBYTES == PRE_SESSION_BYTES);
  if (pre_session == NULL || strlen (pre_session) != PRE_SESSION_BYTES * 2 ||
      sodium_hex2bin (key, sizeof key, pre_session, strlen (pre_session), NULL, &length, NULL) != 0 ||
      length != sizeof key)
    return NULL;
  crypto_auth (mac, (const guint8 *) purpose, sizeof purpose - 1, key);
  sodium_memzero (key, sizeof key);
  sodium_bin2hex (hex, sizeof hex, mac, sizeof mac);
  return g_strdup (hex);
}

/* Whether @token is the one @pre_session makes (compared in constant time). */
gboolean
sp_hub_manage_pre_session_token_matches (const char *pre_session,
                                         const char *token)
{
  g_autofree char *expected = sp_hub_manage_pre_session_token (pre_session);

  return expected != NULL && token != NULL && strlen (token) == strlen (expected) &&
         sodium_memcmp (expected, token, strlen (expected)) == 0;
}
