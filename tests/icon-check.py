#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# icon-check.py: every icon is an SVG GTK can use, and rsvg-convert draws it visibly and centred.
#
#   icon-check.py RSVG_CONVERT ICON.svg…
#
# Prints TAP, one test per icon. A symbolic icon (NAME-symbolic.svg) is a 16×16 canvas
# of filled path, rect and circle elements in #2e3436 only, because GTK 4.8 recolours
# exactly those and nothing else: a stroke or another colour would stay dark grey on a
# dark theme. A full-colour icon is a 128×128 canvas. Both must hold no text and no
# raster images, and render at 48 and 128 px to an image whose ink is neither a speck
# nor off to one side.

import os
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zlib

SVG = '{http://www.w3.org/2000/svg}'
SYMBOLIC_COLOUR = '#2e3436'
SYMBOLIC_SHAPES = {'path', 'rect', 'circle'}
SYMBOLIC_ALLOWED = SYMBOLIC_SHAPES | {'svg', 'g', 'title', 'desc'}
SIZES = (48, 128)
MIN_INK = 0.05          # of the canvas: less is not legible at 48 px
MAX_OFF_CENTRE = 0.12   # of the canvas, for the middle of the ink's bounding box


def read_png(path):
    """Width, height and rows of RGBA bytes of an 8-bit RGBA PNG, as rsvg-convert writes."""
    with open(path, 'rb') as png:
        data = png.read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        raise ValueError('not a PNG')
    pos, idat, header = 8, b'', None
    while pos < len(data):
        length, kind = struct.unpack('>I4s', data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b'IHDR':
            header = struct.unpack('>IIBBBBB', chunk)
        elif kind == b'IDAT':
            idat += chunk
        elif kind == b'IEND':
            break
    width, height, depth, colour, _, _, interlace = header
    if (depth, colour, interlace) != (8, 6, 0):
        raise ValueError('PNG is not 8-bit RGBA without interlacing')
    raw = zlib.decompress(idat)
    stride = width * 4
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        row = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            left = row[x - 4] if x >= 4 else 0
            up = previous[x]
            corner = previous[x - 4] if x >= 4 else 0
            if kind == 1:
                row[x] = (row[x] + left) & 0xff
            elif kind == 2:
                row[x] = (row[x] + up) & 0xff
            elif kind == 3:
                row[x] = (row[x] + (left + up) // 2) & 0xff
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                row[x] = (row[x] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 0xff
        rows.append(row)
        previous = row
    return width, height, rows


def check_svg(path, symbolic):
    """Problems with the SVG source itself."""
    problems = []
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        return ['not well-formed XML: %s' % error]
    if root.tag != SVG + 'svg':
        return ['the root element is %s, not an SVG <svg>' % root.tag]
    size = '16' if symbolic else '128'
    for attribute, wanted in (('width', size), ('height', size), ('viewBox', '0 0 %s %s' % (size, size))):
        if root.get(attribute) != wanted:
            problems.append('%s is %r, not %r' % (attribute, root.get(attribute), wanted))
    for element in root.iter():
        name = element.tag.replace(SVG, '')
        if name in ('text', 'image', 'use', 'foreignObject'):
            problems.append('has a <%s>: icons hold no text, raster images or references' % name)
        if not symbolic:
            continue
        if name not in SYMBOLIC_ALLOWED:
            problems.append('has a <%s>; GTK recolours only path, rect and circle' % name)
        if 'style' in element.attrib or any(a.startswith('stroke') for a in element.attrib):
            problems.append('<%s> has a style or a stroke, which GTK would not recolour' % name)
        if name in SYMBOLIC_SHAPES and element.get('fill', '').lower() != SYMBOLIC_COLOUR:
            problems.append('<%s> is filled %r, not %s' % (name, element.get('fill'), SYMBOLIC_COLOUR))
    return problems


def check_render(rsvg_convert, path, symbolic, size, folder):
    """Problems with the picture rsvg-convert draws of the icon at @size px."""
    png = os.path.join(folder, '%s-%d.png' % (os.path.basename(path), size))
    result = subprocess.run([rsvg_convert, '-w', str(size), '-h', str(size), '-o', png, path],
                            capture_output=True, text=True)
    if result.returncode != 0:
        return ['rsvg-convert failed at %d px: %s' % (size, result.stderr.strip())]
    try:
        width, height, rows = read_png(png)
    except (ValueError, zlib.error, struct.error, TypeError) as error:
        return ['the %d px rendering cannot be read: %s' % (size, error)]
    if (width, height) != (size, size):
        return ['rendered %d×%d, not %d×%d' % (width, height, size, size)]

    problems, ink = [], 0
    left, top, right, bottom = size, size, -1, -1
    for y, row in enumerate(rows):
        for x in range(size):
            r, g, b, a = row[4 * x:4 * x + 4]
            if a < 128:
                continue
            ink += 1
            left, top, right, bottom = min(left, x), min(top, y), max(right, x), max(bottom, y)
            # Overlapping shapes' edges blend to opaque with rounding, hence the slack.
            if symbolic and a == 255 and max(abs(r - 0x2e), abs(g - 0x34), abs(b - 0x36)) > 2:
                problems.append('a pixel at %d px is #%02x%02x%02x, not %s' % (size, r, g, b, SYMBOLIC_COLOUR))
                break
    if ink < MIN_INK * size * size:
        return problems + ['at %d px only %.1f %% of the canvas is drawn' % (size, 100.0 * ink / (size * size))]
    off_x = abs((left + right + 1) / 2 - size / 2) / size
    off_y = abs((top + bottom + 1) / 2 - size / 2) / size
    if max(off_x, off_y) > MAX_OFF_CENTRE:
        problems.append('at %d px the drawing is off centre by %.0f %% across and %.0f %% down'
                        % (size, 100 * off_x, 100 * off_y))
    return problems


def main(argv):
    if len(argv) < 3:
        print('usage: icon-check.py RSVG_CONVERT ICON.svg…', file=sys.stderr)
        return 2
    rsvg_convert, icons = argv[1], argv[2:]
    failed = 0
    print('1..%d' % len(icons))
    with tempfile.TemporaryDirectory() as folder:
        for number, path in enumerate(icons, 1):
            symbolic = path.endswith('-symbolic.svg')
            problems = check_svg(path, symbolic)
            if not problems:
                for size in SIZES:
                    problems += check_render(rsvg_convert, path, symbolic, size, folder)
            name = os.path.basename(path)
            if problems:
                failed += 1
                print('not ok %d %s' % (number, name))
                for problem in problems:
                    print('# %s: %s' % (name, problem))
            else:
                print('ok %d %s' % (number, name))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
