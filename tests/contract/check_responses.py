#!/usr/bin/env python3
"""Checks every HTTP exchange the integration tests recorded against the OpenAPI contract.

usage: check_responses.py OPENAPI_YAML [CONTROL_YAML ...] EXCHANGES_DIR

EXCHANGES_DIR holds *.jsonl files (tests/integration/api_client.cpp writes them), one exchange
per line: {"method", "target" (path and query as sent), "status", "responseHeaders": [[name,
value], ...], "requestContentType", "requestBody" or "requestBodyBase64", "responseBody" or
"responseBodyBase64"} (absent body: empty); or {"operation", "status", "responseBody"} for a body
a test read from a raw socket, checked as that operation's answer without its headers.

An exchange belongs to the operation whose method and path template match its method (HEAD as
GET) and percent-decoded path; a template parameter matches a segment without '/' or ':', so
`{batch_job_id}:cancel` is never a `{batch_job_id}`. Then (openapi_subset.py has the body rules):
- 200: Content-Type application/json and a body valid against the operation's 200 schema as a
  response; keys in alphabetical order; without a readMask every field is present (under one, only
  a page's own fields); an EmptyObject answer is exactly {}.
- any other 1xx-3xx status of an operation is a failure; so is a 2xx or 3xx from a route the spec
  lacks, except /healthz, /openapi.yaml and /_fwmock/..., whose 2xx are not checked.
- 400 and above, on any route: Content-Type application/json and the error shape, googlerpcStatus
  with code, details and message all present, in that order or alphabetical; the HTTP status is
  grpc-gateway's for the code (413, 414 and 431 of the HTTP layer carry code 3); 401 carries
  WWW-Authenticate: Bearer.
- the request body of an exchange answered 200 (empty counts as {}) is valid against the
  operation's requestBody schema as a request; `required` holds except for PATCH, which merges.
Answers to HEAD have no body: only their status is counted.

Several documents (the public one first, then fwmock's control API) pool their operations. A
document with `x-fwmock-response-fields: required` at its root (the control API) is plain
OpenAPI: its answers must have the properties its `required` lists name, and no completeness
rule applies. A 200 whose declared content is not application/json (the control document's own
YAML) is checked by its Content-Type only. Once a document declares a /_fwmock/ path, /_fwmock/
routes are no longer unchecked: a 2xx from one no document has is a failure.

Prints the exchanges per operation and status. Exit status: 0 every exchange conforms; 1 some
exchange does not, or a line is not an exchange (each problem is printed as "FILE:LINE: METHOD
TARGET -> STATUS: problem"); 2 bad usage, unusable spec, or no exchange at all.
"""
import base64
import binascii
import collections
import copy
import pathlib
import re
import sys
import urllib.parse

import yaml

sys.dont_write_bytecode = True  # leave no __pycache__ in the source tree
from openapi_subset import (COMPLETE_ALL, COMPLETE_NONE, COMPLETE_ROOT, Checker,  # noqa: E402
                            Rules, Spec, SpecError, parse_json, show, unsorted_key_errors)

MAX_ERRORS_PER_EXCHANGE = 20
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# runtime.HTTPStatusFromCode of grpc-gateway.
HTTP_STATUS_OF_CODE = {1: 499, 2: 500, 3: 400, 4: 504, 5: 404, 6: 409, 7: 403, 8: 429, 9: 400,
                       10: 409, 11: 400, 12: 501, 13: 500, 14: 503, 15: 500, 16: 401}
HTTP_LAYER_STATUSES = (413, 414, 431)  # raised by the HTTP library, answered with code 3
UNCHECKED_ROUTES = re.compile(r"/healthz\Z|/openapi\.yaml\Z|/_fwmock/")
UNCHECKED_WITH_CONTROL = re.compile(r"/healthz\Z|/openapi\.yaml\Z")
CONTROL_PREFIX = "/_fwmock/"
JSON_MEDIA = "application/json"
RESPONSE_FIELDS_KEY = "x-fwmock-response-fields"
NO_OPERATION = "(no operation)"
ERROR_KEY_ORDERS = (["code", "details", "message"], ["code", "message", "details"])
READ_MASK_KEYS = ("readMask", "read_mask")
WHOLE_RESOURCE_MASKS = ("", "*")
PARAMETER = re.compile(r"\{[^{}/]+\}")


class Operation:
    """One method of one path template, and the schemas of its body and its 200 answer."""

    def __init__(self, spec, template, method, operation):
        self.name = operation.get("operationId", method.upper() + " " + template)
        self.name = self.name.split("_", 1)[-1] if self.name.startswith("Gateway_") else self.name
        self.method = method.upper()
        self.spec = spec
        self.template = template
        self.pattern = template_pattern(template)
        self.honours_required = spec.document.get(RESPONSE_FIELDS_KEY) == "required"
        success = operation.get("responses", {}).get("200")
        self.response_media = media_type(spec, success)
        self.response_schema = (json_schema(spec, success) if self.response_media == JSON_MEDIA
                                else None)
        self.error_schema = json_schema(spec, operation.get("responses", {}).get("default"))
        self.request_schema = json_schema(spec, operation.get("requestBody"))
        self.merges = self.method == "PATCH"
        self.masked_by_read_mask = bool(parameter_names(spec, operation) & set(READ_MASK_KEYS))
        paged = self.response_schema is not None and "nextPageToken" in spec.resolve(
            self.response_schema).get("properties", {})
        self.masked_complete = COMPLETE_ROOT if paged else COMPLETE_NONE

    def completeness(self, query):
        """Where every field must be present in the 200 answer to a request with `query`."""
        if self.honours_required:
            return COMPLETE_NONE
        if query is None:
            return self.masked_complete  # unknown request: it may have had a readMask
        masks = [v for k, v in urllib.parse.parse_qsl(query, keep_blank_values=True)
                 if k in READ_MASK_KEYS]
        masked = any(mask not in WHOLE_RESOURCE_MASKS for mask in masks)
        return self.masked_complete if masked and self.masked_by_read_mask else COMPLETE_ALL


def parameter_names(spec, operation):
    names = set()
    for parameter in operation.get("parameters", []):
        if "$ref" in parameter:
            parameter = spec.lookup(parameter["$ref"])
        names.add(parameter.get("name"))
    return names


def template_pattern(template):
    parts = PARAMETER.split(template)
    return re.compile("[^/:]+".join(re.escape(part) for part in parts) + r"\Z")


def media_type(spec, holder):
    """The first media type of a response or request body object's content, or None."""
    if holder is None:
        return None
    if "$ref" in holder:
        holder = spec.lookup(holder["$ref"])
    return next(iter(holder.get("content", {})), None)


def json_schema(spec, holder):
    """The application/json schema of a response or request body object, or None."""
    if holder is None:
        return None
    if "$ref" in holder:
        holder = spec.lookup(holder["$ref"])
    schema = holder.get("content", {}).get("application/json", {}).get("schema")
    if schema is None:
        raise SpecError("no application/json schema in %s" % show(holder))
    return schema


def load_spec(path):
    """(Spec, [Operation], the error schema of routes outside the spec)."""
    try:
        with open(path, encoding="utf-8") as f:
            spec = Spec(bundle(yaml.safe_load(f), pathlib.Path(path).parent))
        operations = [Operation(spec, template, method, operation)
                      for template, item in spec.document.get("paths", {}).items()
                      for method, operation in item.items() if method in METHODS]
        if not operations:
            raise SpecError("no operation in paths")
        error_schema = json_schema(spec, spec.lookup("#/components/responses/Error"))
        spec.resolve(error_schema)
        return spec, operations, error_schema
    except (OSError, yaml.YAMLError, SpecError, AttributeError) as e:
        raise SpecError("%s: cannot use as the spec: %s" % (path, e)) from e


def bundle(document, base):
    """`document` with the schemas it takes from another file (`$ref: FILE#/components/schemas/X`,
    FILE relative to `base`) copied into its own components, and every $ref made local."""
    if not isinstance(document, dict):
        return document
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    files, imported = {}, set()

    def take(source, pointer):
        prefix = "/components/schemas/"
        name = pointer[len(prefix):]
        if not pointer.startswith(prefix) or "/" in name:
            raise SpecError("only schemas can be taken from another file, not %r" % pointer)
        if name in imported:
            return
        if name in schemas:
            raise SpecError("schema %r is both in the document and in another file" % name)
        found = source.get("components", {}).get("schemas", {}).get(name)
        if found is None:
            raise SpecError("unresolvable $ref to %r in another file" % name)
        imported.add(name)
        schemas[name] = copy.deepcopy(found)
        visit(schemas[name], source)

    def visit(node, source):
        if isinstance(node, list):
            for item in node:
                visit(item, source)
        if not isinstance(node, dict):
            return
        ref = node.get("$ref")
        if isinstance(ref, str) and not ref.startswith("#"):
            if source is not None:
                raise SpecError("a file taken from may not refer to another: %r" % ref)
            name, _, pointer = ref.partition("#")
            if name not in files:
                with open(base / name, encoding="utf-8") as f:
                    files[name] = yaml.safe_load(f)
            node["$ref"] = "#" + pointer
            take(files[name], pointer)
        elif isinstance(ref, str) and source is not None:
            take(source, ref[1:])
        for key, value in list(node.items()):
            if key != "$ref":
                visit(value, source)

    visit(document, None)
    return document


def load_specs(paths):
    """The first document's (Spec, error schema) with the operations of every document."""
    loaded = [load_spec(path) for path in paths]
    return loaded[0][0], [op for _, operations, _ in loaded for op in operations], loaded[0][2]


class Exchange:
    """One recorded line: the request as sent and the answer as received."""

    def __init__(self, record):
        if not isinstance(record, dict) or not isinstance(record.get("status"), int):
            raise ValueError("not an exchange: no integer status")
        self.status = record["status"]
        self.operation_name = record.get("operation")
        self.method = record.get("method")
        self.target = record.get("target")
        if self.operation_name is None and not (
                isinstance(self.method, str) and isinstance(self.target, str)):
            raise ValueError("not an exchange: neither method and target nor operation")
        self.headers = record.get("responseHeaders", [])
        if not all(isinstance(h, list) and len(h) == 2 for h in self.headers):
            raise ValueError("responseHeaders is not a list of [name, value] pairs")
        self.request_body = body_bytes(record, "requestBody")
        self.response_body = body_bytes(record, "responseBody")

    def path_and_query(self):
        path, _, query = self.target.partition("?")
        return urllib.parse.unquote(path), query

    def header_values(self, name):
        return [value for key, value in self.headers if key.lower() == name.lower()]

    def describe(self):
        if self.target is None:
            return "%s (a body only) -> %d" % (self.operation_name, self.status)
        return "%s %s -> %d" % (self.method, show(self.target)[1:-1], self.status)


def body_bytes(record, key):
    if key + "Base64" in record:
        try:
            return base64.b64decode(record[key + "Base64"], validate=True)
        except (binascii.Error, TypeError) as e:
            raise ValueError("%sBase64 is not base64: %s" % (key, e)) from e
    text = record.get(key, "")
    if not isinstance(text, str):
        raise ValueError("%s is not a string" % key)
    return text.encode("utf-8")


class ExchangeChecker:
    """Maps exchanges to operations and checks them; counts them per operation and status."""

    def __init__(self, spec, operations, error_schema):
        self.spec = spec
        self.operations = operations
        self.error_schema = error_schema
        self.counts = collections.Counter()
        has_control = any(o.template.startswith(CONTROL_PREFIX) for o in operations)
        self.unchecked = UNCHECKED_WITH_CONTROL if has_control else UNCHECKED_ROUTES

    def operation_for(self, method, path):
        method = "GET" if method == "HEAD" else method
        for operation in self.operations:
            if operation.method == method and operation.pattern.match(path):
                return operation
        return None

    def problems(self, exchange):
        """Every problem of one exchange; counts it."""
        if exchange.target is None:
            return self.body_only_problems(exchange)
        path, query = exchange.path_and_query()
        operation = self.operation_for(exchange.method, path)
        label = operation.name if operation else NO_OPERATION
        if operation is None and self.unchecked.match(path):
            label = "%s %s" % (exchange.method, path)
        self.counts[label, exchange.status] += 1
        if exchange.method == "HEAD":
            return []
        if exchange.status >= 400:
            if operation and operation.error_schema:
                return self.error_problems(exchange, operation.spec, operation.error_schema)
            return self.error_problems(exchange, self.spec, self.error_schema)
        if operation is None:
            if self.unchecked.match(path):
                return []
            return ["status %d from a route the spec does not have" % exchange.status]
        if exchange.status != 200:
            return ["status %d is not declared (%s answers 200 or an error)" % (
                exchange.status, operation.name)]
        return (self.success_problems(exchange, operation, query)
                + self.request_problems(exchange, operation))

    def body_only_problems(self, exchange):
        operation = next((o for o in self.operations if o.name == exchange.operation_name), None)
        if operation is None:
            return ["no operation %s in the spec" % show(exchange.operation_name)]
        self.counts[operation.name, exchange.status] += 1
        if exchange.status != 200:
            return []
        return self.body_problems(operation.spec, "response", exchange.response_body,
                                  operation.response_schema, response_rules(operation, None))

    def success_problems(self, exchange, operation, query):
        if operation.response_media != JSON_MEDIA:
            return content_type_problems(exchange, operation.response_media)
        return (content_type_problems(exchange)
                + self.body_problems(operation.spec, "response", exchange.response_body,
                                     operation.response_schema, response_rules(operation, query)))

    def request_problems(self, exchange, operation):
        if operation.request_schema is None:
            return []  # a body the operation does not take is ignored
        rules = Rules(request=True, required=not operation.merges)
        return self.body_problems(operation.spec, "request", exchange.request_body or b"{}",
                                  operation.request_schema, rules)

    @staticmethod
    def body_problems(spec, what, data, schema, rules):
        try:
            body = parse_json(data)
        except ValueError as e:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
            return ["%s body is not valid JSON: %s" % (what, e)]
        problems = list(Checker(spec, rules).errors(body, schema))
        if not rules.request:
            problems += unsorted_key_errors(body)
        return ["%s %s" % (what, problem) for problem in problems]

    @staticmethod
    def error_problems(exchange, spec, schema):
        problems = content_type_problems(exchange)
        try:
            body = parse_json(exchange.response_body)
        except ValueError as e:
            return problems + ["error body is not valid JSON: %s" % e]
        checker = Checker(spec, Rules(complete=COMPLETE_ALL))
        problems += ["error %s" % p for p in checker.errors(body, schema)]
        if isinstance(body, dict):
            problems += error_order_problems(body) + code_problems(exchange.status, body)
        if exchange.status == 401 and not any(
                v.startswith("Bearer") for v in exchange.header_values("WWW-Authenticate")):
            problems.append("401 without WWW-Authenticate: Bearer ...")
        return problems


def response_rules(operation, query):
    """How a 200 answer of `operation` to a request with `query` is checked."""
    return Rules(required=operation.honours_required, complete=operation.completeness(query))


def content_type_problems(exchange, media=JSON_MEDIA):
    values = exchange.header_values("Content-Type")
    if len(values) != 1:
        return ["%d Content-Type headers, not one" % len(values)]
    if values[0].split(";")[0].strip().lower() != media:
        return ["Content-Type %s is not %s" % (show(values[0]), media)]
    return []


def error_order_problems(body):
    problems = []
    if list(body) not in ERROR_KEY_ORDERS and set(body) == set(ERROR_KEY_ORDERS[0]):
        problems.append("error keys %s are neither code, details, message nor code, message, "
                        "details" % show(list(body)))
    for index, detail in enumerate(body.get("details") or []):
        problems += ["error %s" % p for p in unsorted_key_errors(detail, "$.details[%d]" % index)]
    return problems


def code_problems(status, body):
    code = body.get("code")
    if not isinstance(code, int) or isinstance(code, bool):
        return []  # the schema check has said so
    if code not in HTTP_STATUS_OF_CODE:
        return ["error code %d is not a gRPC error code" % code]
    if status == HTTP_STATUS_OF_CODE[code] or (status in HTTP_LAYER_STATUSES and code == 3):
        return []
    return ["HTTP status %d does not go with code %d (grpc-gateway answers %d)" % (
        status, code, HTTP_STATUS_OF_CODE[code])]


def read_exchanges(path):
    """Yields (line number, Exchange or the ValueError that the line is not one)."""
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            try:
                yield number, Exchange(parse_json(line.encode("utf-8")))
            except ValueError as e:
                yield number, e


def check_files(checker, files):
    """Checks and reports each exchange; returns (exchanges, failed exchanges or lines)."""
    seen = failed = 0
    for path in files:
        try:
            for number, exchange in read_exchanges(path):
                seen += 1
                if isinstance(exchange, ValueError):
                    problems, where = ["not an exchange record: %s" % exchange], "line"
                else:
                    problems, where = checker.problems(exchange), exchange.describe()
                if problems:
                    failed += 1
                    report("%s:%d: %s" % (path, number, where), problems)
        except (OSError, UnicodeDecodeError) as e:
            failed += 1
            print("%s: cannot read: %s" % (path, e), file=sys.stderr)
    return seen, failed


def report(where, problems):
    for problem in problems[:MAX_ERRORS_PER_EXCHANGE]:
        print("%s: %s" % (where, problem), file=sys.stderr)
    if len(problems) > MAX_ERRORS_PER_EXCHANGE:
        print("%s: ... and %d more" % (where, len(problems) - MAX_ERRORS_PER_EXCHANGE),
              file=sys.stderr)


def print_counts(counts):
    for (label, status), count in sorted(counts.items()):
        print("%s %d: %d" % (label, status, count))


def main(argv):
    if argv in (["-h"], ["--help"]):
        print(__doc__.strip())
        return 0
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    directory = pathlib.Path(argv[-1])
    files = sorted(directory.glob("*.jsonl")) if directory.is_dir() else []
    try:
        checker = ExchangeChecker(*load_specs(argv[:-1]))
    except SpecError as e:
        print(e, file=sys.stderr)
        return 2
    seen, failed = check_files(checker, files)
    print_counts(checker.counts)
    if seen == 0:
        print("%s: no exchange to check in %d *.jsonl files" % (directory, len(files)),
              file=sys.stderr)
        return 2
    if failed:
        print("FAILED: %d of %d exchanges do not conform" % (failed, seen), file=sys.stderr)
        return 1
    print("checked %d exchanges in %d files" % (seen, len(files)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
