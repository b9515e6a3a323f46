#!/usr/bin/env python3
"""Checks List Batch Jobs response bodies against the OpenAPI contract.

usage: check_list_responses.py OPENAPI_YAML RESPONSES_DIR

Every *.json file in RESPONSES_DIR must be a body that conforms to
components.schemas.gatewayListBatchJobsResponse: no property outside an object's declared
`properties` (an `additionalProperties` schema covers map keys), JSON types as declared
(integer means a JSON integer, within range for format int32/int64), enum values, and RFC 3339
text for format date-time. `required` is not enforced: a readMask may leave fields out.
Duplicate keys, NaN and Infinity make a body invalid JSON.

Exit status: 0 every body conforms; 1 some body does not (each problem is printed as
"FILE: $.path: problem"); 2 bad usage, unreadable spec, or no *.json file in RESPONSES_DIR.
"""
import json
import pathlib
import re
import sys

import yaml

ROOT_SCHEMA = "gatewayListBatchJobsResponse"
MAX_ERRORS_PER_FILE = 20
INT_RANGES = {"int32": (-2**31, 2**31 - 1), "int64": (-2**63, 2**63 - 1),
              "uint32": (0, 2**32 - 1), "uint64": (0, 2**64 - 1)}
TYPE_TESTS = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
}
RFC3339 = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})"
                     r"(\.[0-9]+)?([Zz]|[+-]([0-9]{2}):([0-9]{2}))\Z")
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
NAME_KEY = "x-checker-schema-name"


class SpecError(Exception):
    pass


class Spec:
    """An OpenAPI document whose schemas are resolved ($ref followed, allOf merged) on demand."""

    def __init__(self, document):
        self.document = document
        self.cache = {}

    def schema(self, name):
        return self.resolve({"$ref": "#/components/schemas/" + name})

    def resolve(self, schema):
        key = id(schema)
        if key not in self.cache:  # the entry keeps `schema` alive, so its id stays unique
            self.cache[key] = (schema, self._resolve(schema))
        return self.cache[key][1]

    def _resolve(self, schema):
        if not isinstance(schema, dict):
            raise SpecError("a schema must be a mapping, got %r" % (schema,))
        if "$ref" in schema:  # OpenAPI 3.0: siblings of $ref are ignored
            target = dict(self.resolve(self.lookup(schema["$ref"])))
            target.setdefault(NAME_KEY, schema["$ref"].rsplit("/", 1)[-1])
            return target
        merged = {key: value for key, value in schema.items() if key != "allOf"}
        for part in schema.get("allOf", []):
            merge_into(merged, self.resolve(part))
        return merged

    def lookup(self, ref):
        if not ref.startswith("#/"):
            raise SpecError("only local $ref values are supported, got %r" % ref)
        node = self.document
        for part in ref[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(node, dict) or part not in node:
                raise SpecError("unresolvable $ref %r" % ref)
            node = node[part]
        return node


def merge_into(target, extra):
    """Merges an allOf member into `target`; what `target` already says wins."""
    for key, value in extra.items():
        if key == "properties":
            target["properties"] = {**value, **target.get("properties", {})}
        elif key == "required":
            target["required"] = sorted(set(target.get("required", [])) | set(value))
        elif key != NAME_KEY:
            target.setdefault(key, value)


def load_spec(path):
    try:
        with open(path, encoding="utf-8") as f:
            document = yaml.safe_load(f)
        spec = Spec(document)
        spec.schema(ROOT_SCHEMA)
        return spec
    except (OSError, yaml.YAMLError, SpecError) as e:
        raise SpecError("%s: cannot use as the spec: %s" % (path, e)) from e


def show(value):
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."


def child_path(path, key):
    if isinstance(key, int):
        return "%s[%d]" % (path, key)
    return "%s.%s" % (path, key) if IDENTIFIER.match(key) else "%s[%s]" % (path, show(key))


def is_rfc3339(text):
    match = RFC3339.match(text)
    if not match:
        return False
    year, month, day, hour, minute, second = (int(g) for g in match.groups()[:6])
    offset_hour, offset_minute = (int(g or 0) for g in match.groups()[8:])
    return (1 <= month <= 12 and 1 <= day <= days_in_month(year, month) and hour <= 23
            and minute <= 59 and second <= 60 and offset_hour <= 23 and offset_minute <= 59)


def days_in_month(year, month):
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def schema_type(schema):
    expected = schema.get("type")
    if expected is None and ("properties" in schema or "additionalProperties" in schema):
        return "object"
    if expected is not None and expected not in TYPE_TESTS:
        raise SpecError("unsupported schema type %r" % expected)
    return expected


class Checker:
    """Yields "$.path: problem" strings for a JSON value checked against a schema."""

    def __init__(self, spec):
        self.spec = spec

    def errors(self, value, schema, path="$"):
        schema = self.spec.resolve(schema)
        expected = schema_type(schema)
        if expected is not None and not TYPE_TESTS[expected](value):
            yield "%s: %s is not of type %s" % (path, show(value), expected)
            return
        if "enum" in schema and value not in schema["enum"]:
            yield "%s: %s is not one of [%s]" % (path, show(value), ", ".join(
                str(option) for option in schema["enum"]))
        if expected == "integer":
            yield from self.range_errors(value, schema, path)
        elif expected == "string" and schema.get("format") == "date-time":
            if not is_rfc3339(value):
                yield "%s: %s is not an RFC 3339 date-time" % (path, show(value))
        elif expected == "array" and "items" in schema:
            for index, item in enumerate(value):
                yield from self.errors(item, schema["items"], child_path(path, index))
        elif isinstance(value, dict):
            yield from self.object_errors(value, schema, path)

    @staticmethod
    def range_errors(value, schema, path):
        low, high = INT_RANGES.get(schema.get("format"), (None, None))
        if low is not None and not low <= value <= high:
            yield "%s: %d is out of %s range [%d, %d]" % (
                path, value, schema["format"], low, high)

    def object_errors(self, value, schema, path):
        properties = schema.get("properties")
        extra = schema.get("additionalProperties", properties is None)
        for key, item in value.items():
            where = child_path(path, key)
            if properties is not None and key in properties:
                yield from self.errors(item, properties[key], where)
            elif isinstance(extra, dict):
                yield from self.errors(item, extra, where)
            elif not extra:
                owner = schema.get(NAME_KEY, "the schema")
                yield "%s: unexpected property %s (not in %s)" % (where, show(key), owner)


def reject_duplicates(pairs):
    obj = {}
    for key, value in pairs:
        if key in obj:
            raise ValueError("duplicate key %s" % show(key))
        obj[key] = value
    return obj


def reject_constant(name):
    raise ValueError("%s is not JSON" % name)


def parse_body(data):
    return json.loads(data.decode("utf-8"), object_pairs_hook=reject_duplicates,
                      parse_constant=reject_constant)


def check_body(spec, body):
    """Every problem of one parsed response body, as "$.path: problem" strings."""
    return list(Checker(spec).errors(body, spec.schema(ROOT_SCHEMA)))


def check_file(spec, path):
    """(problems, number of batch jobs) for one response file."""
    try:
        body = parse_body(path.read_bytes())
    except (OSError, ValueError) as e:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        return ["not valid JSON: %s" % e], 0
    jobs = body.get("batchJobs") if isinstance(body, dict) else None
    return check_body(spec, body), len(jobs) if isinstance(jobs, list) else 0


def report(path, problems):
    for problem in problems[:MAX_ERRORS_PER_FILE]:
        print("%s: %s" % (path, problem), file=sys.stderr)
    if len(problems) > MAX_ERRORS_PER_FILE:
        print("%s: ... and %d more" % (path, len(problems) - MAX_ERRORS_PER_FILE), file=sys.stderr)


def check_files(spec, files):
    """Checks and reports each file; returns (files that fail, batch jobs seen)."""
    failed = jobs = 0
    for path in files:
        problems, count = check_file(spec, path)
        jobs += count
        if problems:
            failed += 1
            report(path, problems)
    return failed, jobs


def main(argv):
    if argv in (["-h"], ["--help"]):
        print(__doc__.strip())
        return 0
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    directory = pathlib.Path(argv[1])
    files = sorted(directory.glob("*.json")) if directory.is_dir() else []
    if not files:
        print("%s: no *.json response file to check" % directory, file=sys.stderr)
        return 2
    try:
        failed, jobs = check_files(load_spec(argv[0]), files)
    except SpecError as e:
        print(e, file=sys.stderr)
        return 2
    if failed:
        print("FAILED: %d of %d responses do not conform" % (failed, len(files)), file=sys.stderr)
        return 1
    print("checked %d responses, %d batch jobs" % (len(files), jobs))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
