#!/usr/bin/env python3
"""Self-test of openapi_subset.py: bodies checked as responses and as requests.

Run: /usr/bin/python3 -m unittest test_openapi_subset test_check_responses (in tests/contract).
The spec comes from $OPENAPI_YAML, by default the repository's mock/spec/openapi.yaml.
"""
import copy
import os
import pathlib
import sys
import unittest

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.dont_write_bytecode = True  # leave no __pycache__ in the source tree
import openapi_subset as subset  # noqa: E402
import yaml  # noqa: E402

SPEC_PATH = os.environ.get("OPENAPI_YAML", str(HERE.parents[1] / "mock" / "spec" / "openapi.yaml"))

VALID_JOB = {
    "annotations": {"example.com/owner": "ana.kim@demo.example"},
    "createTime": "2026-03-14T09:26:53.589793238Z",
    "createdBy": "ana.kim@demo.example",
    "displayName": "évaluation nocturne 🚀",
    "envVars": {"NCCL_DEBUG": "INFO", "any key, even = and spaces": "1"},
    "environmentId": "",
    "imageRef": "",
    "name": "accounts/demo/batchJobs/0f3c9a1e5b7d4c2a8e6f1b3d5a7c9e0b",
    "nodePoolId": "h100-sxm-8x",
    "numRanks": 8,
    "pythonExecutor": {"args": ["--lr", "2e-05"], "target": "train.main", "targetType": "MODULE"},
    "role": "",
    "shared": False,
    "snapshotId": "",
    "startTime": "2026-03-14T09:31:07Z",
    "state": "RUNNING",
    "status": "running on 8 rank(s)",
    "updateTime": "2026-03-14T11:31:08.500Z",
}
VALID_BODY = {"batchJobs": [VALID_JOB], "nextPageToken": "x", "totalSize": 300}
ERROR = {"code": 5, "details": [], "message": "Not Found"}


def require_spec():
    """A missing spec is an error, not a skip: a contract test must not pass by doing nothing."""
    if not os.path.isfile(SPEC_PATH):
        raise FileNotFoundError("spec not found: %s (set OPENAPI_YAML)" % SPEC_PATH)


def load_spec():
    require_spec()
    with open(SPEC_PATH, encoding="utf-8") as f:
        return subset.Spec(yaml.safe_load(f))


def with_value(body, path, value):
    """A copy of `body` with the value at `path` (keys and indexes) replaced, added or, for
    `DELETE`, removed."""
    body = copy.deepcopy(body)
    node = body
    for step in path[:-1]:
        node = node[step]
    if value is DELETE:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return body


DELETE = object()


def body_with(path, value):
    return with_value(VALID_BODY, path, value)


class SpecTestCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.spec = load_spec()

    def problems(self, body, schema="gatewayListBatchJobsResponse", rules=subset.RESPONSE):
        return list(subset.Checker(self.spec, rules).errors(body, self.spec.schema(schema)))

    def assertRejected(self, body, expected, **kwargs):
        problems = self.problems(body, **kwargs)
        self.assertEqual(len(problems), 1, problems)
        self.assertEqual(problems[0], expected)


class ResponseTest(SpecTestCase):
    def test_accepts_valid_body(self):
        self.assertEqual(self.problems(VALID_BODY), [])

    def test_accepts_arbitrary_map_keys_and_omitted_fields(self):
        body = {"batchJobs": [{"envVars": {"x.y/z": "", "ÜBER": "ü"}, "annotations": {}}]}
        self.assertEqual(self.problems(body), [])
        self.assertEqual(self.problems({}), [])

    def test_rejects_unknown_property(self):
        self.assertRejected(body_with(["batchJobs", 0, "colour"], "red"),
                            '$.batchJobs[0].colour: unexpected property "colour" '
                            '(not in gatewayBatchJob)')
        self.assertRejected(body_with(["batchJobs", 0, "pythonExecutor", "module"], "m"),
                            '$.batchJobs[0].pythonExecutor.module: unexpected property "module" '
                            '(not in gatewayPythonExecutor)')
        self.assertRejected({"deleted": True}, '$.deleted: unexpected property "deleted" '
                            '(not in EmptyObject)', schema="EmptyObject")
        self.assertEqual(self.problems({}, schema="EmptyObject"), [])

    def test_rejects_snake_case_spelling(self):
        self.assertRejected(body_with(["batchJobs", 0, "num_ranks"], 8),
                            '$.batchJobs[0].num_ranks: unexpected property "num_ranks" '
                            '(not in gatewayBatchJob)')

    def test_rejects_wrong_type(self):
        self.assertRejected(body_with(["batchJobs", 0, "shared"], "false"),
                            '$.batchJobs[0].shared: "false" is not of type boolean')
        self.assertRejected(body_with(["batchJobs", 0, "envVars", "N"], 1),
                            "$.batchJobs[0].envVars.N: 1 is not of type string")
        self.assertRejected(body_with(["nextPageToken"], None),
                            "$.nextPageToken: null is not of type string")
        self.assertRejected(body_with(["batchJobs", 0, "numRanks"], "8"),
                            '$.batchJobs[0].numRanks: "8" is not of type integer')

    def test_rejects_null_where_the_schema_allows_anything(self):
        error = dict(ERROR, details=[{"@type": "t", "fieldViolations": None}])
        self.assertRejected(error, "$.details[0].fieldViolations: null is not allowed (an unset "
                            "field is omitted or has its default)", schema="googlerpcStatus")

    def test_rejects_keys_that_are_not_camel_case_outside_maps(self):
        error = dict(ERROR, details=[{"@type": "t", "field_violations": []}])
        self.assertRejected(error, '$.details[0].field_violations: key "field_violations" is not '
                            'camelCase', schema="googlerpcStatus")

    def test_rejects_bad_enum(self):
        problems = self.problems(body_with(["batchJobs", 0, "state"], "RUNING"))
        self.assertEqual(len(problems), 1, problems)
        self.assertTrue(problems[0].startswith(
            '$.batchJobs[0].state: "RUNING" is not one of [STATE_UNSPECIFIED, CREATING,'), problems)

    def test_rejects_bad_date_time(self):
        for text in ["2026-03-14 09:26:53Z", "2026-02-29T00:00:00Z", "2026-03-14T24:00:00Z",
                     "2026-03-14T09:26:53", "2026-03-14T09:26:53.Z", "1710408413"]:
            with self.subTest(text=text):
                self.assertRejected(body_with(["batchJobs", 0, "createTime"], text),
                                    '$.batchJobs[0].createTime: "%s" is not an RFC 3339 '
                                    'date-time' % text)

    def test_rejects_date_time_not_in_utc_with_z(self):
        for text in ["2026-03-14T11:31:08+02:00", "2026-03-14T09:31:08+00:00",
                     "2026-03-14T09:31:08z", "2026-03-14t09:31:08Z"]:
            with self.subTest(text=text):
                self.assertRejected(body_with(["batchJobs", 0, "updateTime"], text),
                                    '$.batchJobs[0].updateTime: "%s" is not in UTC with an '
                                    'upper-case T and Z' % text)

    def test_date_time_has_0_3_6_or_9_fractional_digits(self):
        for digits in range(1, 11):
            text = "2026-03-14T09:31:08.%sZ" % ("1" * digits)
            with self.subTest(text=text):
                problems = self.problems(body_with(["batchJobs", 0, "startTime"], text))
                if digits in (3, 6, 9):
                    self.assertEqual(problems, [])
                else:
                    self.assertEqual(problems, ['$.batchJobs[0].startTime: "%s" has %d '
                                                'fractional digits, not 0, 3, 6 or 9'
                                                % (text, digits)])

    def test_rejects_int_out_of_int32_range(self):
        self.assertRejected(body_with(["totalSize"], 2**31),
                            "$.totalSize: 2147483648 is out of int32 range "
                            "[-2147483648, 2147483647]")
        self.assertEqual(self.problems(body_with(["totalSize"], -2**31)), [])

    def test_rejects_non_integer_number(self):
        self.assertRejected(body_with(["batchJobs", 0, "numRanks"], 8.0),
                            "$.batchJobs[0].numRanks: 8.0 is not of type integer")
        self.assertRejected(body_with(["totalSize"], True),
                            "$.totalSize: true is not of type integer")


class CompleteTest(SpecTestCase):
    """Without a readMask every field is emitted, except unset timestamps and messages."""

    def complete(self, body, complete, schema="gatewayListBatchJobsResponse"):
        return self.problems(body, schema=schema, rules=subset.Rules(complete=complete))

    def test_a_full_body_is_complete(self):
        self.assertEqual(self.complete(VALID_BODY, subset.COMPLETE_ALL), [])
        self.assertEqual(self.complete(ERROR, subset.COMPLETE_ALL, "googlerpcStatus"), [])

    def test_unset_timestamps_and_executors_may_be_left_out(self):
        job = {key: value for key, value in VALID_JOB.items()
               if not key.endswith("Time") and key != "pythonExecutor"}
        self.assertEqual(self.complete(job, subset.COMPLETE_ALL, "gatewayBatchJob"), [])

    def test_a_missing_field_is_reported_where_completeness_applies(self):
        missing = ('%s: property %s is missing (without a readMask every field is emitted, '
                   'with its default when unset)')
        no_pool = body_with(["batchJobs", 0, "nodePoolId"], DELETE)
        self.assertEqual(self.complete(no_pool, subset.COMPLETE_ALL),
                         [missing % ("$.batchJobs[0]", '"nodePoolId"')])
        self.assertEqual(self.complete(no_pool, subset.COMPLETE_ROOT), [])
        no_target = body_with(["batchJobs", 0, "pythonExecutor", "target"], DELETE)
        self.assertEqual(self.complete(no_target, subset.COMPLETE_ALL),
                         [missing % ("$.batchJobs[0].pythonExecutor", '"target"')])
        no_total = body_with(["totalSize"], DELETE)
        self.assertEqual(self.complete(no_total, subset.COMPLETE_ROOT), [missing % ("$",
                                                                                    '"totalSize"')])
        self.assertEqual(self.complete(no_total, subset.COMPLETE_NONE), [])
        self.assertEqual(self.complete({"code": 5}, subset.COMPLETE_ALL, "googlerpcStatus"),
                         [missing % ("$", '"message"'), missing % ("$", '"details"')])


class RequestTest(SpecTestCase):
    CREATE = subset.Rules(request=True, required=True)
    PATCH = subset.Rules(request=True, required=False)

    def request(self, body, rules=CREATE, schema="gatewayBatchJob"):
        return self.problems(body, schema=schema, rules=rules)

    def test_accepts_a_full_job_read_only_fields_included(self):
        self.assertEqual(self.request(VALID_JOB), [])
        self.assertEqual(self.request({"nodePoolId": "p"}), [])

    def test_unknown_properties_and_proto_spellings_are_accepted(self):
        self.assertEqual(self.request({"nodePoolId": "p", "colour": {"any": [None]}}), [])
        self.assertEqual(self.request({"node_pool_id": "p", "num_ranks": 2}), [])

    def test_proto_spellings_are_checked_as_their_property(self):
        self.assertEqual(self.request({"nodePoolId": "p", "num_ranks": "2"}),
                         ['$.num_ranks: "2" is not of type integer'])
        self.assertEqual(self.request({"nodePoolId": "p", "python_executor": {"target_type": "X",
                                                                              "target": "t"}}),
                         ['$.python_executor.target_type: "X" is not one of '
                          '[TARGET_TYPE_UNSPECIFIED, MODULE, FILENAME]'])

    def test_null_means_unset(self):
        self.assertEqual(self.request({"nodePoolId": "p", "displayName": None}), [])
        self.assertEqual(self.request({"nodePoolId": None}),
                         ['$: required property "nodePoolId" is missing'])

    def test_required_holds_when_the_rules_say_so(self):
        self.assertEqual(self.request({}), ['$: required property "nodePoolId" is missing'])
        self.assertEqual(self.request({"nodePoolId": "p", "pythonExecutor": {"target": "t"}}),
                         ['$.pythonExecutor: required property "targetType" is missing'])
        self.assertEqual(self.request({"pythonExecutor": {"target": "t"}}, self.PATCH), [])
        self.assertEqual(self.request({}, schema="GatewayBatchDeleteBatchJobsBody"),
                         ['$: required property "names" is missing'])

    def test_rejects_wrong_types_enums_and_ranges_read_only_fields_included(self):
        self.assertEqual(self.request({"displayName": 1}, self.PATCH),
                         ["$.displayName: 1 is not of type string"])
        self.assertEqual(self.request({"state": "RUNING"}, self.PATCH)[0][:38],
                         '$.state: "RUNING" is not one of [STATE')
        self.assertEqual(self.request({"numRanks": 2**31}, self.PATCH),
                         ["$.numRanks: 2147483648 is out of int32 range [-2147483648, 2147483647]"])
        self.assertEqual(self.request({"createTime": "yesterday"}, self.PATCH),
                         ['$.createTime: "yesterday" is not an RFC 3339 date-time'])
        self.assertEqual(self.request({"names": "accounts/a/batchJobs/x"},
                                      schema="GatewayBatchDeleteBatchJobsBody"),
                         ['$.names: "accounts/a/batchJobs/x" is not of type array'])

    def test_date_times_may_carry_an_offset(self):
        self.assertEqual(self.request({"createTime": "2026-03-14T11:31:08.5+02:00"}, self.PATCH),
                         [])


class KeyOrderTest(unittest.TestCase):
    def test_finds_unsorted_keys_at_any_depth(self):
        self.assertEqual(list(subset.unsorted_key_errors(VALID_BODY)), [])
        body = {"a": [{"envVars": {"B": "", "A": ""}}], "b": 1}
        self.assertEqual(list(subset.unsorted_key_errors(body)),
                         ['$.a[0].envVars: keys are not in alphabetical order: ["B", "A"]'])


class ParseJsonTest(unittest.TestCase):
    def test_rejects_what_is_not_strictly_json(self):
        for data in [b'{"a": 1, "a": 2}', b'{"a": NaN}', b'[Infinity]', b'"\xff"', b'{"a": ',
                     b'']:
            with self.subTest(data=data):
                self.assertRaises(ValueError, subset.parse_json, data)
        self.assertEqual(subset.parse_json('{"é": [1, 2.5]}'.encode()), {"é": [1, 2.5]})


if __name__ == "__main__":
    unittest.main()
