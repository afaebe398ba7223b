#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# oruk-api-validate.py: checks Open Referral UK 3.0 API answers against the ORUK validator's schemas
# and DOMAIN.md's checklist; run by test-hub.
#
#   oruk-api-validate.py FIXTURES_DIR KIND[:PER_PAGE]=FILE…
#
# KIND names what FILE holds: api_details, service_list, service, organization_list,
# organization, taxonomy_list, taxonomy, taxonomy_term_list, taxonomy_term,
# service_at_location_list, service_at_location, error. Each answer is validated against its
# schema in FIXTURES_DIR/openreferral/oruk-validator/Schemas/V3.0-UK/ with format checks (uuid, uri, email,
# date, date-time; uri and date-time checked here, as Debian's jsonschema leaves them out),
# and against the checklist: GET / is exactly {version, profile, openapi_url}; a page has every
# page field with its type, pages start at 1, size == len(contents), total_pages ==
# ceil(total_items / PER_PAGE), first_page, last_page and empty agree; no value anywhere is
# null, "", [] or {}. The page fields are checked here because the validator's list schemas
# put them under an unknown keyword, which enforces nothing. Prints one line per problem,
# "FILE: …"; exit status 1 if any.
import datetime
import json
import math
import re
import sys
import urllib.parse

import jsonschema

PAGE_FIELDS = {"total_items": int, "total_pages": int, "page_number": int, "size": int,
               "first_page": bool, "last_page": bool, "empty": bool, "contents": list}

# KIND -> (schema file, whether the schema is of the whole answer or of each item of a page)
KINDS = {
    "api_details": ("api_details.json", "whole"),
    "service_list": ("service_list.json", "whole"),
    "service": ("service.json", "whole"),
    "organization_list": ("organization_list.json", "items"),
    "organization": ("organization.json", "whole"),
    "taxonomy_list": ("taxonomy_list.json", "whole"),
    "taxonomy": ("taxonomy.json", "whole"),
    "taxonomy_term_list": ("taxonomy_term_list.json", "whole"),
    "taxonomy_term": ("taxonomy_term.json", "whole"),
    "service_at_location_list": ("service_at_location_list.json", "whole"),
    "service_at_location": ("service_at_location.json", "whole"),
}

DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")


def format_checker():
    checker = jsonschema.FormatChecker()

    @checker.checks("uri")
    def is_uri(value):
        if not isinstance(value, str):
            return True
        parts = urllib.parse.urlsplit(value)
        return bool(parts.scheme) and bool(parts.netloc or parts.path) and " " not in value and ":" in value

    @checker.checks("date-time")
    def is_date_time(value):
        if not isinstance(value, str):
            return True
        if not DATE_TIME.match(value):
            return False
        try:
            datetime.datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            return False
        return True

    @checker.checks("email")
    def is_email(value):
        return not isinstance(value, str) or re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", value) is not None

    return checker


def empties(node, path):
    if node is None or node == "" or node == [] or node == {}:
        yield path
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from empties(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from empties(value, f"{path}[{i}]")


# The kind of record an object is, from the member that holds it.
RECORD_KINDS = {
    "organization": "organization", "services": "service", "service": "service",
    "location": "location", "locations": "location", "service_at_locations": "service_at_location",
    "schedules": "schedule", "phones": "phone", "contacts": "contact", "addresses": "address",
    "accessibility": "accessibility", "languages": "language", "cost_options": "cost_option",
    "service_areas": "service_area", "funding": "funding", "attributes": "attribute",
    "taxonomy_term": "taxonomy_term", "taxonomy_terms": "taxonomy_term", "taxonomy_detail": "taxonomy",
    "organization_identifiers": "organization_identifier", "programs": "program", "program": "program",
    "required_documents": "required_document", "metadata": "metadata",
}
ROOT_KINDS = {
    "service_list": "service", "service": "service", "organization_list": "organization",
    "organization": "organization", "taxonomy_list": "taxonomy", "taxonomy": "taxonomy",
    "taxonomy_term_list": "taxonomy_term", "taxonomy_term": "taxonomy_term",
    "service_at_location_list": "service_at_location", "service_at_location": "service_at_location",
}


def records(node, kind):
    """Every object with an id in the answer, wherever it is nested, with its kind."""
    if isinstance(node, dict):
        if isinstance(node.get("id"), str):
            yield node, kind
        for key, value in node.items():
            if key != "contents":
                yield from records(value, RECORD_KINDS.get(key, key))
            else:
                yield from records(value, kind)
    elif isinstance(node, list):
        for value in node:
            yield from records(value, kind)


def check_records(answer, kind):
    """An id names one record: wherever it appears it is the same kind of record, and what
    two views of it both say agrees. Coordinates are on the Earth. A term is not its own
    parent."""
    problems = []
    seen = {}
    for record, record_kind in records(answer, ROOT_KINDS.get(kind, kind)):
        first, first_kind = seen.setdefault(record["id"], (record, record_kind))
        if first is not record:
            if first_kind != record_kind:
                problems.append(f"id {record['id']} names a {first_kind} and a {record_kind}")
            for key, value in record.items():
                if not isinstance(value, (dict, list)) and key in first and first[key] != value:
                    problems.append(f"id {record['id']}: {key} is {first[key]!r} in one place, {value!r} in another")
        if record.get("parent_id") == record["id"]:
            problems.append(f"record {record['id']} is its own parent")
        latitude, longitude = record.get("latitude"), record.get("longitude")
        if isinstance(latitude, (int, float)) and not -90 <= latitude <= 90:
            problems.append(f"record {record['id']}: latitude {latitude} is off the Earth")
        if isinstance(longitude, (int, float)) and not -180 <= longitude <= 180:
            problems.append(f"record {record['id']}: longitude {longitude} is off the Earth")
    return problems


def check_page(page, per_page):
    problems = []
    for field, kind in PAGE_FIELDS.items():
        if field not in page:
            problems.append(f"page: no {field}")
        elif not isinstance(page[field], kind) or (kind is int and isinstance(page[field], bool)):
            problems.append(f"page: {field} is not {kind.__name__}")
    if problems:
        return problems
    contents = page["contents"]
    if page["size"] != len(contents):
        problems.append(f"page: size {page['size']} but {len(contents)} items in contents")
    if page["page_number"] < 1:
        problems.append("page: page_number below 1")
    if page["empty"] != (len(contents) == 0):
        problems.append("page: empty disagrees with contents")
    if page["first_page"] != (page["page_number"] == 1):
        problems.append("page: first_page disagrees with page_number")
    if page["last_page"] != (page["page_number"] >= page["total_pages"]):
        problems.append("page: last_page disagrees with page_number and total_pages")
    if page["total_items"] < 0 or page["total_pages"] < 0:
        problems.append("page: negative totals")
    if per_page is not None:
        if page["total_pages"] != math.ceil(page["total_items"] / per_page):
            problems.append(f"page: total_pages {page['total_pages']} is not ceil({page['total_items']} / {per_page})")
        if len(contents) > per_page:
            problems.append(f"page: {len(contents)} items, more than per_page {per_page}")
        if page["page_number"] <= page["total_pages"]:
            expected = min(per_page, page["total_items"] - (page["page_number"] - 1) * per_page)
            if len(contents) != expected:
                problems.append(f"page: {len(contents)} items where page {page['page_number']} should hold {expected}")
        elif contents:
            problems.append("page: items on a page past the last")
    return problems


def validate(fixtures, kind, per_page, answer, checker, schemas):
    problems = []
    if kind == "error":
        if not isinstance(answer, dict) or not isinstance(answer.get("status"), int) or \
                not isinstance(answer.get("message"), str) or not answer["message"]:
            problems.append("error: not {status, message}")
        return problems
    if kind not in KINDS:
        return [f"unknown kind {kind}"]
    schema_file, scope = KINDS[kind]
    if schema_file not in schemas:
        with open(f"{fixtures}/openreferral/oruk-validator/Schemas/V3.0-UK/{schema_file}", encoding="utf-8") as f:
            schema = json.load(f)
        schemas[schema_file] = jsonschema.validators.validator_for(schema)(schema, format_checker=checker)
    validator = schemas[schema_file]

    if kind == "api_details" and isinstance(answer, dict) and \
            sorted(answer) != ["openapi_url", "profile", "version"]:
        problems.append(f"api_details: members {sorted(answer)}, not exactly version, profile, openapi_url")
    if kind == "api_details" and isinstance(answer, dict) and answer.get("version") != "HSDS-UK-3.0":
        problems.append(f"api_details: version {answer.get('version')!r}, not HSDS-UK-3.0")
    is_page = kind.endswith("_list")
    if is_page:
        if not isinstance(answer, dict):
            return ["page: not an object"]
        problems += check_page(answer, per_page)
    targets = answer.get("contents", []) if scope == "items" and isinstance(answer, dict) else [answer]
    for i, target in enumerate(targets):
        for error in validator.iter_errors(target):
            where = "/".join(str(p) for p in error.absolute_path)
            problems.append(f"schema {schema_file}: item {i} at {where}: {error.message[:160]}")
    # An empty page's contents is [] by rule; anything else empty is a value left in.
    inside = answer["contents"] if is_page and isinstance(answer.get("contents"), list) else answer
    for where in empties(inside, "contents" if inside is not answer else "answer"):
        if where != "contents":
            problems.append(f"empty value at {where}")
    problems += check_records(answer, kind)
    return problems


def main():
    fixtures = sys.argv[1]
    checker = format_checker()
    schemas = {}
    failed = False
    for argument in sys.argv[2:]:
        spec, _, path = argument.partition("=")
        kind, _, per_page = spec.partition(":")
        try:
            with open(path, encoding="utf-8") as f:
                answer = json.load(f)
        except (OSError, ValueError) as error:
            print(f"{path}: not JSON: {error}")
            failed = True
            continue
        problems = validate(fixtures, kind, int(per_page) if per_page else None, answer, checker, schemas)
        for problem in problems[:20]:
            print(f"{path}: {problem}")
        if len(problems) > 20:
            print(f"{path}: … and {len(problems) - 20} more")
        failed = failed or bool(problems)
    sys.exit(1 if failed else 0)


main()
