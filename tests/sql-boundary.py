#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# sql-boundary.py: SQLite and SQL stay behind the directory store.
#
#   sql-boundary.py SOURCE_ROOT
#
# Prints TAP, one test per rule, over every C and C++ source in the tree (not the build
# folders, _*, nor test fixtures):
#
# 1. Only the stores' files use SQLite itself: its header, handles and functions. They
#    are the directory store's (app/core/sp-store*) and the referral store's
#    (app/core/sp-referral-store*), a database of its own. The FTS5 baseline of the search
#    benchmark is another database of its own and the one other file allowed.
# 2. Only app/core runs statements on the store: the statement header is included by
#    app/core and, for the test suites, by their one SQL helper (tests/sp-test-sql.h).
# 3. No SQL text in the front ends or the search index (app/gui, app/cli, app/hub, hub/,
#    search/): they call named operations of app/core.
# 4. Every loop over the rows of a statement keeps what its step came to, so that an
#    error is told from the end of the rows: no `while (sqlite3_step (…) == SQLITE_ROW)`,
#    nor the same on the stores' statements (sp_store_statement_step,
#    sp_referral_statement_step), anywhere.

import os
import re
import sys

SOURCE_SUFFIXES = ('.c', '.h', '.cc', '.hh')
SKIPPED = ('fixtures', 'subprojects')

SQLITE = re.compile(r'\bsqlite3(_\w+|\.h\b|\s*\*)')
SQLITE_ALLOWED = re.compile(r'^(app/core/sp-store[\w-]*\.[ch]|app/core/sp-referral-store[\w-]*\.[ch]|tests/sp-bench-fts5\.c)$')

STATEMENT_HEADER = re.compile(r'#\s*include\s+"sp-store-statement\.h"')
STATEMENT_HEADER_ALLOWED = re.compile(r'^(app/core/[\w-]+\.[ch]|tests/sp-test-sql\.h)$')

SQL_TEXT = re.compile(r'"\s*(SELECT|INSERT|UPDATE|DELETE|REPLACE|WITH|PRAGMA|CREATE|DROP|ALTER|BEGIN|COMMIT|ROLLBACK)\s')
SQL_FREE = re.compile(r'^(app/gui|app/cli|app/hub|hub|search)/')

# A step whose result is compared and dropped, not assigned: `while (step (…) == ROW)`.
STEP_LOOP = re.compile(r'\bwhile\b.*\b(sqlite3_step|sp_store_statement_step|sp_referral_statement_step)\s*\(')
ASSIGNED_STEP = re.compile(r'\(\s*\w+\s*=\s*(sqlite3_step|sp_store_statement_step|sp_referral_statement_step)\s*\(')


def sources(root):
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(('.', '_')) and d not in SKIPPED)
        for name in sorted(files):
            if name.endswith(SOURCE_SUFFIXES):
                path = os.path.join(folder, name)
                yield os.path.relpath(path, root), path


def offences(root, pattern, applies):
    found = []
    for relative, path in sources(root):
        if not applies(relative):
            continue
        with open(path, encoding='utf-8', errors='replace') as source:
            for number, line in enumerate(source, 1):
                if pattern.search(line):
                    found.append(f'{relative}:{number}: {line.strip()}')
    return found


def step_loop_drops_result(line):
    return STEP_LOOP.search(line) is not None and ASSIGNED_STEP.search(line) is None


class Pattern:
    def __init__(self, test):
        self.search = test


def main():
    root = sys.argv[1]
    rules = [
        ('only the stores\' files use SQLite',
         offences(root, SQLITE, lambda path: not SQLITE_ALLOWED.match(path))),
        ('only app/core and the tests\' SQL helper include sp-store-statement.h',
         offences(root, STATEMENT_HEADER, lambda path: not STATEMENT_HEADER_ALLOWED.match(path))),
        ('no SQL text in app/gui, app/cli, app/hub, hub/ or search/',
         offences(root, SQL_TEXT, lambda path: SQL_FREE.match(path) is not None)),
        ('every step loop tells an error from the end of the rows',
         offences(root, Pattern(step_loop_drops_result), lambda path: True)),
    ]
    print(f'1..{len(rules)}')
    failed = 0
    for number, (name, found) in enumerate(rules, 1):
        if found:
            failed += 1
            print(f'not ok {number} - {name}')
            for offence in found:
                print(f'# {offence}')
        else:
            print(f'ok {number} - {name}')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
