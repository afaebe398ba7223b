#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# oruk-validate.py: checks Signpost's export against the Open Referral schemas; run by test-export.
#
#   oruk-validate.py FIXTURES_DIR EXPORT.json   (FIXTURES_DIR: tests/fixtures)
#
# Validates the page's services against the ORUK 3.0 validator's service schema and the HSDS 3.0
# compiled service schema (with format checks), checks the page fields, and that no value is
# null or "". Prints one line per problem; exit status 1 if any.
import json
import sys

import jsonschema

fixtures, export_path = sys.argv[1], sys.argv[2]
schemas = {
    "ORUK 3.0": f"{fixtures}/openreferral/oruk-validator/Schemas/V3.0-UK/service.json",
    "HSDS 3.0": f"{fixtures}/openreferral/hsds-3.0/schema/compiled/service.json",
}
problems = []

with open(export_path, encoding="utf-8") as f:
    page = json.load(f)

for key in ("total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"):
    if key not in page:
        problems.append(f"page: missing {key}")
if page.get("size") != len(page.get("contents", [])):
    problems.append("page: size differs from the number of contents")


def empties(node, path):
    if node is None or node == "" or node == [] or node == {}:
        yield path
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from empties(v, f"{path}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from empties(v, f"{path}[{i}]")


checker = jsonschema.FormatChecker()
for name, path in schemas.items():
    with open(path, encoding="utf-8") as f:
        schema = json.load(f)
    validator_class = jsonschema.validators.validator_for(schema)
    validator = validator_class(schema, format_checker=checker)
    for i, service in enumerate(page.get("contents", [])):
        for error in validator.iter_errors(service):
            where = "/".join(str(p) for p in error.absolute_path)
            problems.append(f"{name}: service {i} ({service.get('id')}) at {where}: {error.message[:200]}")

for i, service in enumerate(page.get("contents", [])):
    for where in empties(service, f"service {i}"):
        problems.append(f"empty value at {where}")

for p in problems[:50]:
    print(p)
if len(problems) > 50:
    print(f"... and {len(problems) - 50} more")
sys.exit(1 if problems else 0)
