#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# po-check.py: each translation in po/LINGUAS is well formed, says it needs a native
# speaker's review, and translates every string the public sees.
#
#   po-check.py SOURCE_ROOT
#
# Prints TAP. Per language: msgfmt --check passes (placeholders such as %s, %u and %1$s
# and the plural forms agree with the English); no entry is fuzzy; the header says a
# native speaker must review it; and every string from the files of the public's screens
# (search, service page, kiosk, slips, schedules, the crisis lines) has a translation.
# Strings that only staff see (link workers, import, the command line's admin options)
# may still fall back to English; their count is printed.

import os
import re
import subprocess
import sys

PUBLIC = ('ui/sp-search-page.ui', 'ui/sp-service-page.ui', 'ui/sp-window.ui', 'ui/sp-kiosk-shortcuts.ui',
          'app/gui/sp-search-page', 'app/gui/sp-service-page.c', 'app/gui/sp-window.c',
          'app/gui/sp-window-kiosk.c', 'app/gui/sp-kiosk-guard.c', 'app/gui/sp-print.c',
          'app/gui/sp-category-tile.c', 'app/gui/sp-result-row.c', 'app/gui/sp-text-controls.c',
          'app/core/sp-slip', 'app/core/sp-schedule-words.c', 'app/core/sp-service-detail',
          'app/core/sp-occurrence.c', 'app/core/sp-urgent-help.c', 'app/core/sp-ui-language.c',
          'app/core/sp-category-names.c')


def entries(path):
    """(references, flags, msgid, translated) for each entry but the header."""
    text = open(path, encoding='utf-8').read()
    for block in re.split(r'\n\s*\n', text):
        refs = ' '.join(l[3:] for l in block.splitlines() if l.startswith('#: '))
        flags = ' '.join(l[3:] for l in block.splitlines() if l.startswith('#, '))
        msgid = re.search(r'^msgid "(.*)"', block, re.M)
        if msgid is None or (msgid.group(1) == '' and not refs):
            continue
        strs = re.findall(r'^msgstr(?:\[\d\])? "(.*)"((?:\n".*")*)', block, re.M)
        translated = bool(strs) and all((a + b).replace('"', '').replace('\n', '') for a, b in strs)
        yield refs, flags, msgid.group(1), translated


def main():
    root = sys.argv[1]
    with open(os.path.join(root, 'po', 'LINGUAS'), encoding='utf-8') as f:
        langs = [l.strip() for l in f if l.strip() and not l.startswith('#')]
    results = [(len(langs) >= 3, f'po/LINGUAS lists the translations ({" ".join(langs)})')]
    for lang in langs:
        path = os.path.join(root, 'po', lang + '.po')
        check = subprocess.run(['msgfmt', '--check', '--statistics', '-o', os.devnull, path],
                               capture_output=True, text=True)
        results.append((check.returncode == 0, f'{lang}: msgfmt --check {check.stderr.strip().splitlines()[-1] if check.stderr.strip() else ""}'))
        header = open(path, encoding='utf-8').read(2000)
        results.append((re.search(r'native .{0,40}speaker MUST review', header) is not None, f'{lang}: the header says a native speaker must review it'))
        fuzzy, missing, staff = [], [], 0
        for refs, flags, msgid, translated in entries(path):
            if 'fuzzy' in flags:
                fuzzy.append(msgid)
            if not translated:
                if any(p in refs for p in PUBLIC):
                    missing.append(msgid)
                else:
                    staff += 1
        results.append((not fuzzy, f'{lang}: no fuzzy entries {fuzzy[:3]}'))
        results.append((not missing, f'{lang}: every string the public sees is translated {missing[:5]}'))
        print(f'# {lang}: {staff} strings only staff see are not translated yet')
    print(f'1..{len(results)}')
    for i, (ok, what) in enumerate(results, 1):
        print(f'{"ok" if ok else "not ok"} {i} - {what}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
