/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-test-qr.h: reading QR codes back with zbar, as a phone camera would. */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

GPtrArray *sp_test_qr_decode_all (cairo_surface_t *surface);

G_END_DECLS
