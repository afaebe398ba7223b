#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# potfiles-check.py: every source file with a translatable string is listed in po/POTFILES.in.
#
#   potfiles-check.py SOURCE_ROOT
#
# Prints TAP, one test per source file (C, C++, and the .ui and data files xgettext reads)
# that marks a string with _(), N_(), C_(), NC_() or translatable="yes": a file missing from
# POTFILES.in has strings no translator ever sees. Listed files that no longer exist fail too.

import os
import re
import sys

MARKED = {
    '.c': re.compile(r'\b(?:N?C?_)\s*\('),
    '.cc': re.compile(r'\b(?:N?C?_)\s*\('),
    '.h': re.compile(r'\b(?:N?C?_)\s*\('),
    '.ui': re.compile(r'translatable="yes"'),
}
FOLDERS = ('app', 'search', 'ui')


def listed(root):
    with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        return {line.strip() for line in f if line.strip() and not line.startswith('#')}


def sources(root):
    for folder in FOLDERS:
        for top, _dirs, files in os.walk(os.path.join(root, folder)):
            for name in sorted(files):
                if os.path.splitext(name)[1] in MARKED:
                    yield os.path.relpath(os.path.join(top, name), root)


def main():
    root = sys.argv[1]
    names = listed(root)
    results = []
    for path in sorted(sources(root)):
        with open(os.path.join(root, path), encoding='utf-8') as f:
            text = f.read()
        if MARKED[os.path.splitext(path)[1]].search(text):
            results.append((path in names, f'{path} is in po/POTFILES.in'))
    for name in sorted(names):
        results.append((os.path.exists(os.path.join(root, name)), f'{name}, listed in po/POTFILES.in, exists'))
    print(f'1..{len(results)}')
    for i, (ok, what) in enumerate(results, 1):
        print(f'{"ok" if ok else "not ok"} {i} - {what}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
