"""The subset of OpenAPI 3.0 schemas the contract check needs, and the JSON rules of FIDELITY.md.

A Spec resolves schemas ($ref followed, allOf merged). A Checker yields "$.path: problem" strings
for a JSON value against a schema under Rules, which say whether the value is a response the
server wrote or a request body it accepted:

- responses: no property outside an object's declared `properties` (an `additionalProperties`
  schema covers map keys); no null anywhere; camelCase keys; date-times RFC 3339 in UTC with `Z`
  and 0, 3, 6 or 9 fractional digits (as protojson writes them). `required` is enforced only if
  the rules say so (the control API's answers): a readMask may leave fields out. Instead `complete` says where every field must be present (the
  server emits unset fields with their defaults), except date-times and messages (objects with
  `properties`), which are omitted when unset.
- requests: unknown properties are allowed (JSON Schema's default; grpc-gateway discards them),
  the proto (snake_case) spelling of a property is read as the property, null means unset (proto3
  JSON), date-times may carry any offset, and `required` is enforced if the rules say so.

Both: JSON types as declared (integer means a JSON integer, within range for format int32/int64),
enum values, RFC 3339 text for format date-time. parse_json rejects duplicate keys, NaN,
Infinity and text that is not UTF-8.
"""
import json
import re

MAX_SHOWN = 80
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
PROTOJSON_FRACTION_DIGITS = (0, 3, 6, 9)
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
CAMEL_CASE = re.compile(r"[a-z][A-Za-z0-9]*\Z")
ANY_TYPE_KEY = "@type"
NAME_KEY = "x-checker-schema-name"
ANY_SCHEMA = {}  # one object: Spec caches resolved schemas by identity

COMPLETE_ALL = "all"    # every object must have all its fields
COMPLETE_ROOT = "root"  # only the top-level object (a page under a readMask)
COMPLETE_NONE = "none"  # none (a resource under a readMask)


class SpecError(Exception):
    pass


class Spec:
    """An OpenAPI document whose schemas are resolved ($ref followed, allOf merged) on demand."""

    def __init__(self, document):
        if not isinstance(document, dict):
            raise SpecError("the document is not a mapping")
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


class Rules:
    """Whether a body is a `request` (else a response), whether `required` holds (requests), and
    where every field must be present (`complete`, responses)."""

    def __init__(self, request=False, required=False, complete=COMPLETE_NONE):
        self.request = request
        self.required = required
        self.complete = complete


RESPONSE = Rules()


def show(value):
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN - 3] + "..."


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


def protojson_time_problem(text):
    """Why a valid RFC 3339 text is not as protojson writes a Timestamp, or None."""
    match = RFC3339.match(text)
    if match.group(8) != "Z" or text[10] != "T":
        return "is not in UTC with an upper-case T and Z"
    digits = len(match.group(7) or ".") - 1
    if digits not in PROTOJSON_FRACTION_DIGITS:
        return "has %d fractional digits, not 0, 3, 6 or 9" % digits
    return None


def schema_type(schema):
    expected = schema.get("type")
    if expected is None and ("properties" in schema or "additionalProperties" in schema):
        return "object"
    if expected is not None and expected not in TYPE_TESTS:
        raise SpecError("unsupported schema type %r" % expected)
    return expected


def omitted_when_unset(schema):
    """Unset timestamps and unset messages are left out even without a readMask (FIDELITY.md)."""
    if schema.get("format") == "date-time":
        return True
    return schema_type(schema) == "object" and "properties" in schema and not isinstance(
        schema.get("additionalProperties"), dict)


def snake_to_camel(name):
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


class Checker:
    """Yields "$.path: problem" strings for a JSON value checked against a schema."""

    def __init__(self, spec, rules=RESPONSE):
        self.spec = spec
        self.rules = rules

    def errors(self, value, schema, path="$"):
        schema = self.spec.resolve(schema)
        if value is None and self.rules.request:
            return  # proto3 JSON: null is the field's default, i.e. unset
        expected = schema_type(schema)
        if expected is not None and not TYPE_TESTS[expected](value):
            yield "%s: %s is not of type %s" % (path, show(value), expected)
            return
        if value is None:
            yield "%s: null is not allowed (an unset field is omitted or has its default)" % path
        if "enum" in schema and value not in schema["enum"]:
            yield "%s: %s is not one of [%s]" % (path, show(value), ", ".join(
                str(option) for option in schema["enum"]))
        if expected == "integer":
            yield from self.range_errors(value, schema, path)
        elif expected == "string" and schema.get("format") == "date-time":
            yield from self.time_errors(value, path)
        elif expected == "array" and "items" in schema:
            for index, item in enumerate(value):
                yield from self.errors(item, schema["items"], child_path(path, index))
        if isinstance(value, dict):
            yield from self.object_errors(value, schema, path)
        elif isinstance(value, list) and "items" not in schema:
            for index, item in enumerate(value):
                yield from self.errors(item, ANY_SCHEMA, child_path(path, index))

    @staticmethod
    def range_errors(value, schema, path):
        low, high = INT_RANGES.get(schema.get("format"), (None, None))
        if low is not None and not low <= value <= high:
            yield "%s: %d is out of %s range [%d, %d]" % (
                path, value, schema["format"], low, high)

    def time_errors(self, value, path):
        if not is_rfc3339(value):
            yield "%s: %s is not an RFC 3339 date-time" % (path, show(value))
        elif not self.rules.request:
            problem = protojson_time_problem(value)
            if problem:
                yield "%s: %s %s" % (path, show(value), problem)

    def object_errors(self, value, schema, path):
        properties = schema.get("properties")
        extra = schema.get("additionalProperties", properties is None or self.rules.request)
        for key, item in value.items():
            where = child_path(path, key)
            name = self.property_name(key, properties)
            if name is not None:
                yield from self.key_errors(key, where)
                yield from self.errors(item, properties[name], where)
            elif isinstance(extra, dict):
                if not schema_type(self.spec.resolve(extra)) and key != ANY_TYPE_KEY:
                    yield from self.key_errors(key, where)  # a field of an Any, not a map key
                yield from self.errors(item, extra, where)
            elif not extra:
                owner = schema.get(NAME_KEY, "the schema")
                yield "%s: unexpected property %s (not in %s)" % (where, show(key), owner)
            else:
                yield from self.key_errors(key, where)
                yield from self.errors(item, ANY_SCHEMA, where)
        yield from self.missing_errors(value, schema, path)

    def property_name(self, key, properties):
        """The declared property `key` stands for, or None."""
        if properties is None:
            return None
        if key in properties:
            return key
        camel = snake_to_camel(key)
        return camel if self.rules.request and camel in properties else None

    def key_errors(self, key, where):
        if not self.rules.request and key != ANY_TYPE_KEY and not CAMEL_CASE.match(key):
            yield "%s: key %s is not camelCase" % (where, show(key))

    def missing_errors(self, value, schema, path):
        present = {self.property_name(key, schema.get("properties")) for key, item in
                   value.items() if item is not None or not self.rules.request}
        names = schema.get("required", []) if self.rules.required else []
        for name in names:
            if name not in present:
                yield "%s: required property %s is missing" % (path, show(name))
        if self.rules.request:
            return
        complete = self.rules.complete
        if complete == COMPLETE_ALL or (complete == COMPLETE_ROOT and path == "$"):
            for name, prop in schema.get("properties", {}).items():
                if name not in present and not omitted_when_unset(self.spec.resolve(prop)):
                    yield ("%s: property %s is missing (without a readMask every field is "
                           "emitted, with its default when unset)" % (path, show(name)))


def unsorted_key_errors(value, path="$"):
    """Objects whose keys are not in alphabetical order, at any depth (FIDELITY.md)."""
    if isinstance(value, dict):
        keys = list(value)
        if keys != sorted(keys):
            yield "%s: keys are not in alphabetical order: %s" % (path, show(keys))
        for key, item in value.items():
            yield from unsorted_key_errors(item, child_path(path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from unsorted_key_errors(item, child_path(path, index))


def reject_duplicates(pairs):
    obj = {}
    for key, value in pairs:
        if key in obj:
            raise ValueError("duplicate key %s" % show(key))
        obj[key] = value
    return obj


def reject_constant(name):
    raise ValueError("%s is not JSON" % name)


def parse_json(data):
    """The value of JSON text given as bytes; ValueError if it is not strictly JSON."""
    return json.loads(data.decode("utf-8"), object_pairs_hook=reject_duplicates,
                      parse_constant=reject_constant)
