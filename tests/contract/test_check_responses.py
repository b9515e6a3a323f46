#!/usr/bin/env python3
"""Self-test of check_responses.py: exchanges mapped to operations, checked, counted.

Run: /usr/bin/python3 -m unittest test_openapi_subset test_check_responses (in tests/contract).
The spec comes from $OPENAPI_YAML, by default the repository's mock/spec/openapi.yaml.
"""
import base64
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import unittest

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.dont_write_bytecode = True  # leave no __pycache__ in the source tree
import check_responses as checker  # noqa: E402
from test_openapi_subset import (DELETE, SPEC_PATH, VALID_BODY, VALID_JOB,  # noqa: E402
                                 require_spec, with_value)

CHECKER = str(HERE / "check_responses.py")
JOBS = "/v1/accounts/demo/batchJobs"
JOB = JOBS + "/0f3c9a1e5b7d4c2a8e6f1b3d5a7c9e0b"
JSON_HEADERS = [["Content-Length", "2"], ["Content-Type", "application/json"]]
LOGS = {"entries": [{"logTime": "2026-03-14T09:31:10Z", "message": "step 1", "rank": 0}],
        "nextPageToken": ""}


def record(method, target, status, body, request=None, headers=None):
    """An exchange line as ApiClient writes it; `body` and `request` are JSON values or text."""
    line = {"method": method, "target": target, "status": status,
            "responseHeaders": JSON_HEADERS if headers is None else headers}
    if body is not None:
        line["responseBody"] = body if isinstance(body, str) else json.dumps(body)
    if request is not None:
        line["requestBody"] = request if isinstance(request, str) else json.dumps(request)
        line["requestContentType"] = "application/json"
    return line


def error(code, message="m"):
    return {"code": code, "details": [], "message": message}


class ExchangeTestCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        require_spec()
        cls.loaded = checker.load_spec(SPEC_PATH)

    def setUp(self):
        self.checker = checker.ExchangeChecker(*self.loaded)

    def problems(self, line):
        return self.checker.problems(checker.Exchange(line))

    def assertConforms(self, *args, **kwargs):
        self.assertEqual(self.problems(record(*args, **kwargs)), [])

    def assertProblems(self, expected, *args, **kwargs):
        self.assertEqual(self.problems(record(*args, **kwargs)), expected)


class MappingTest(ExchangeTestCase):
    def test_every_operation_of_the_spec_is_found_by_method_and_path(self):
        for method, target, name in [
                ("GET", JOBS, "ListBatchJobs"), ("POST", JOBS, "CreateBatchJob"),
                ("GET", JOB, "GetBatchJob"), ("PATCH", JOB, "UpdateBatchJob"),
                ("DELETE", JOB, "DeleteBatchJob"), ("POST", JOB + ":cancel", "CancelBatchJob"),
                ("GET", JOB + ":getLogs", "GetBatchJobLogs"), ("HEAD", JOB, "GetBatchJob"),
                ("POST", JOBS + ":batchDelete", "BatchDeleteBatchJobs"),
                ("POST", JOB + "%3Acancel", "CancelBatchJob"),
                ("GET", JOB + ":cancel", None), ("POST", JOB, None), ("GET", JOB + "/x", None),
                ("GET", JOBS + "/a:b:cancel", None), ("GET", "/v1/accounts//batchJobs", None)]:
            with self.subTest(method=method, target=target):
                path = checker.Exchange(record(method, target, 200, {})).path_and_query()[0]
                operation = self.checker.operation_for(method, path)
                self.assertEqual(operation.name if operation else None, name)

    def test_counts_per_operation_and_status(self):
        for line in [record("GET", JOBS + "?pageSize=1", 200, VALID_BODY),
                     record("GET", JOBS, 200, VALID_BODY), record("GET", JOBS, 400, error(3)),
                     record("GET", "/healthz", 200, {"status": "ok"}),
                     record("GET", "/nope", 404, error(5))]:
            self.problems(line)
        self.assertEqual(dict(self.checker.counts), {
            ("ListBatchJobs", 200): 2, ("ListBatchJobs", 400): 1, ("GET /healthz", 200): 1,
            ("(no operation)", 404): 1})


class SuccessTest(ExchangeTestCase):
    def test_accepts_valid_answers_of_every_operation(self):
        self.assertConforms("GET", JOBS + "?pageSize=1", 200, VALID_BODY)
        self.assertConforms("POST", JOBS, 200, VALID_JOB, request={"nodePoolId": "p"})
        self.assertConforms("GET", JOB, 200, VALID_JOB)
        self.assertConforms("PATCH", JOB, 200, VALID_JOB, request={"displayName": "x"})
        self.assertConforms("DELETE", JOB, 200, {})
        self.assertConforms("POST", JOB + ":cancel", 200, {}, request={})
        self.assertConforms("GET", JOB + ":getLogs?ranks=0&ranks=1", 200, LOGS)
        self.assertConforms("POST", JOBS + ":batchDelete", 200, {}, request={"names": []})

    def test_needs_one_application_json_content_type(self):
        text = [["Content-Type", "text/plain"]]
        self.assertProblems(['Content-Type "text/plain" is not application/json'],
                            "GET", JOB, 200, VALID_JOB, headers=text)
        self.assertProblems(["0 Content-Type headers, not one"], "DELETE", JOB, 200, {},
                            headers=[])
        self.assertConforms("DELETE", JOB, 200, {},
                            headers=[["content-type", "application/json; charset=utf-8"]])

    def test_empty_object_answers_are_exactly_an_empty_object(self):
        self.assertProblems(['response $.done: unexpected property "done" (not in EmptyObject)'],
                            "DELETE", JOB, 200, {"done": True})
        self.assertProblems(["response body is not valid JSON: Expecting value: line 1 column 1 "
                             "(char 0)"], "POST", JOB + ":cancel", 200, None, request={})
        self.assertProblems(["response $: [] is not of type object"],
                            "POST", JOBS + ":batchDelete", 200, [], request={"names": ["n"]})

    def test_a_job_is_checked_as_a_job(self):
        bad = with_value(VALID_JOB, ["state"], "DONE")
        self.assertEqual(len(self.problems(record("POST", JOBS, 200, bad, request={
            "nodePoolId": "p"}))), 1)
        self.assertProblems(['response $.entries[0].rank: "0" is not of type integer'],
                            "GET", JOB + ":getLogs", 200, with_value(LOGS, ["entries", 0, "rank"],
                                                                     "0"))

    def test_without_a_read_mask_every_field_is_there(self):
        partial = with_value(VALID_JOB, ["nodePoolId"], DELETE)
        missing = ('response $: property "nodePoolId" is missing (without a readMask every field '
                   'is emitted, with its default when unset)')
        self.assertProblems([missing], "GET", JOB, 200, partial)
        self.assertProblems([missing], "GET", JOB + "?readMask=*", 200, partial)
        self.assertProblems([missing], "PATCH", JOB + "?readMask=name", 200, partial,
                            request={"displayName": "x"})  # Update takes no readMask
        self.assertConforms("GET", JOB + "?readMask=name,state", 200, {"name": "n"})
        self.assertConforms("GET", JOB + "?read_mask=name", 200, {})

    def test_a_masked_page_still_has_its_own_fields(self):
        page = {"batchJobs": [{"name": "n"}], "nextPageToken": ""}
        self.assertProblems(['response $: property "totalSize" is missing (without a readMask '
                             'every field is emitted, with its default when unset)'],
                            "GET", JOBS + "?readMask=name", 200, page)
        self.assertConforms("GET", JOBS + "?readMask=name", 200, dict(page, totalSize=1))
        self.assertConforms("GET", JOB + ":getLogs?readMask=rank", 200,
                            {"entries": [{"rank": 1}], "nextPageToken": ""})

    def test_keys_are_in_alphabetical_order(self):
        job = dict(reversed(list(VALID_JOB.items())))
        self.assertEqual(len(self.problems(record("GET", JOB, 200, job))), 1)
        self.assertIn("keys are not in alphabetical order",
                      self.problems(record("GET", JOB, 200, job))[0])

    def test_other_successful_statuses_are_not_declared(self):
        self.assertProblems(["status 201 is not declared (CreateBatchJob answers 200 or an "
                             "error)"], "POST", JOBS, 201, VALID_JOB, request={"nodePoolId": "p"})
        self.assertProblems(["status 204 is not declared (DeleteBatchJob answers 200 or an "
                             "error)"], "DELETE", JOB, 204, None)

    def test_routes_outside_the_spec(self):
        self.assertProblems(["status 200 from a route the spec does not have"],
                            "GET", JOB + "/x", 200, VALID_JOB)
        self.assertConforms("GET", "/openapi.yaml", 200, "openapi: 3.0.3",
                            headers=[["Content-Type", "application/yaml"]])
        self.assertConforms("POST", "/_fwmock/clock:advance", 200, "anything", request="{")
        self.assertConforms("HEAD", JOB, 200, None, headers=[])


class RequestTest(ExchangeTestCase):
    def test_an_accepted_create_body_is_a_valid_job_with_its_node_pool(self):
        self.assertProblems(['request $: required property "nodePoolId" is missing'],
                            "POST", JOBS, 200, VALID_JOB, request={"displayName": "x"})
        self.assertProblems(['request $.numRanks: "2" is not of type integer'],
                            "POST", JOBS, 200, VALID_JOB, request={"nodePoolId": "p",
                                                                   "numRanks": "2"})
        self.assertConforms("POST", JOBS, 200, VALID_JOB, request=dict(VALID_JOB, colour="red"))

    def test_an_accepted_patch_body_may_be_partial(self):
        self.assertConforms("PATCH", JOB, 200, VALID_JOB,
                            request={"pythonExecutor": {"target": "b"}, "displayName": None})
        self.assertProblems(["request $.shared: 1 is not of type boolean"],
                            "PATCH", JOB, 200, VALID_JOB, request={"shared": 1})

    def test_an_accepted_body_that_is_not_json_fails(self):
        self.assertProblems(["request body is not valid JSON: Expecting ',' delimiter: line 1 "
                             "column 18 (char 17)"], "POST", JOBS, 200, VALID_JOB,
                            request='{"nodePoolId":"p"')

    def test_an_empty_body_counts_as_an_empty_object(self):
        self.assertConforms("POST", JOB + ":cancel", 200, {})
        self.assertProblems(['request $: required property "names" is missing'],
                            "POST", JOBS + ":batchDelete", 200, {})

    def test_rejected_requests_and_bodies_an_operation_does_not_take_are_not_checked(self):
        self.assertConforms("POST", JOBS, 400, error(3), request={"numRanks": "2"})
        self.assertConforms("DELETE", JOB, 200, {}, request="not json")
        self.assertConforms("GET", JOB, 200, VALID_JOB, request="not json")


class ErrorTest(ExchangeTestCase):
    def test_accepts_errors_of_every_route(self):
        self.assertConforms("GET", JOB, 501, error(12, "not implemented by fwmock yet"))
        self.assertConforms("GET", JOBS, 400, {"code": 3, "message": "m", "details": []})
        self.assertConforms("POST", "/_fwmock/clock:set", 400, error(9))
        self.assertConforms("FOO", JOBS, 400, error(3))
        self.assertConforms("GET", JOBS + "?filter=" + "a" * 9000, 414, error(3))
        self.assertConforms("GET", JOBS, 401, error(16),
                            headers=JSON_HEADERS + [["WWW-Authenticate", 'Bearer realm="x"']])

    def test_the_http_status_goes_with_the_code(self):
        for status, code, grpc_status in [(404, 3, 400), (400, 5, 404), (500, 12, 501),
                                          (413, 5, 404), (409, 7, 403), (501, 13, 500)]:
            with self.subTest(status=status, code=code):
                self.assertProblems(["HTTP status %d does not go with code %d (grpc-gateway "
                                     "answers %d)" % (status, code, grpc_status)],
                                    "GET", JOB, status, error(code))
        self.assertProblems(["error code 0 is not a gRPC error code"], "GET", JOB, 500, error(0))
        self.assertProblems(["error code 17 is not a gRPC error code"], "GET", JOB, 500,
                            error(17))

    def test_the_error_shape_is_code_details_message(self):
        missing = ('error $: property "details" is missing (without a readMask every field is '
                   'emitted, with its default when unset)')
        self.assertProblems([missing], "GET", JOB, 404, {"code": 5, "message": "m"})
        self.assertProblems(['error $.error: unexpected property "error" (not in googlerpcStatus)'],
                            "GET", "/nope", 404, dict(error(5), error="x"))
        self.assertProblems(['error $.code: "5" is not of type integer'],
                            "GET", JOB, 404, dict(error(5), code="5"))
        self.assertProblems(['error keys ["message", "code", "details"] are neither code, '
                             'details, message nor code, message, details'],
                            "GET", JOB, 404, {"message": "m", "code": 5, "details": []})

    def test_an_error_is_json(self):
        self.assertProblems(['Content-Type "text/plain" is not application/json',
                             "error body is not valid JSON: Expecting value: line 1 column 1 "
                             "(char 0)"], "GET", "/nope", 404, "Not Found",
                            headers=[["Content-Type", "text/plain"]])
        self.assertProblems(["error body is not valid JSON: Expecting value: line 1 column 1 "
                             "(char 0)"], "POST", "/_fwmock/clock:set", 400, None)

    def test_401_carries_www_authenticate(self):
        self.assertProblems(["401 without WWW-Authenticate: Bearer ..."], "GET", JOBS, 401,
                            error(16))


class RecordTest(ExchangeTestCase):
    def test_a_body_only_record_is_checked_as_the_operation_answer(self):
        line = {"operation": "ListBatchJobs", "status": 200, "responseBody": json.dumps(
            {"batchJobs": [{"name": "n"}], "nextPageToken": "", "totalSize": 1})}
        self.assertEqual(self.problems(line), [])
        line["responseBody"] = "{}"
        self.assertEqual(len(self.problems(line)), 3)  # the page's own fields are missing
        self.assertEqual(self.problems(dict(line, operation="Nope")), ['no operation "Nope" in '
                                                                       'the spec'])

    def test_bodies_that_are_not_utf_8_come_in_base64(self):
        line = record("DELETE", JOB, 200, None)
        line["responseBodyBase64"] = base64.b64encode(b'{"\xff": 1}').decode()
        self.assertEqual(len(self.problems(line)), 1)
        self.assertIn("response body is not valid JSON: 'utf-8' codec", self.problems(line)[0])

    def test_malformed_records_are_rejected(self):
        for line in [[], {}, {"status": "200", "method": "GET", "target": "/"}, {"status": 200},
                     {"status": 200, "method": "GET", "target": "/", "responseHeaders": [["a"]]},
                     dict(record("GET", "/", 200, None), responseBodyBase64="!!")]:
            with self.subTest(line=line):
                self.assertRaises(ValueError, checker.Exchange, line)


CONTROL_SPEC_PATH = os.environ.get(
    "CONTROL_OPENAPI_YAML", str(HERE.parents[1] / "mock" / "spec" / "_fwmock" / "openapi.yaml"))
YAML_HEADERS = [["Content-Type", "application/yaml"]]


class ControlTest(unittest.TestCase):
    """The control API's document, pooled with the public one."""

    @classmethod
    def setUpClass(cls):
        require_spec()
        cls.loaded = checker.load_specs([SPEC_PATH, CONTROL_SPEC_PATH])

    def setUp(self):
        self.checker = checker.ExchangeChecker(*self.loaded)

    def problems(self, *args, **kwargs):
        return self.checker.problems(checker.Exchange(record(*args, **kwargs)))

    def test_every_state_route_is_an_operation(self):
        for method, target, name in [
                ("POST", "/_fwmock/reset", "Reset"),
                ("POST", "/_fwmock/accounts/acme:reset", "ResetAccount"),
                ("DELETE", "/_fwmock/accounts/acme/batchJobs", "ClearAccountJobs"),
                ("POST", "/_fwmock/accounts/acme/batchJobs:import", "ImportJobs"),
                ("GET", "/_fwmock/accounts/acme/batchJobs:export", "ExportJobs"),
                ("GET", "/_fwmock/clock", "GetClock"), ("GET", "/_fwmock/requests", "ListRequests"),
                ("DELETE", "/_fwmock/faults/f1", "DeleteFault"),
                ("PUT", "/_fwmock/accounts/acme/paging", "SetAccountPaging"),
                ("GET", "/_fwmock/openapi.yaml", "GetControlOpenApi"), ("GET", JOBS, "ListBatchJobs")]:
            with self.subTest(method=method, target=target):
                operation = self.checker.operation_for(method, target)
                self.assertEqual(operation.name if operation else None, name)

    def test_valid_answers_conform(self):
        self.assertEqual(self.problems("POST", "/_fwmock/reset", 200, {}, request={}), [])
        self.assertEqual(self.problems("POST", "/_fwmock/accounts/a/batchJobs:import", 200,
                                       {"imported": 2}, request={"batchJobs": [{}, {}]}), [])
        self.assertEqual(self.problems("GET", "/_fwmock/accounts/a/batchJobs:export", 200,
                                       {"account": "a", "batchJobs": [VALID_JOB]}), [])
        self.assertEqual(self.problems("GET", "/_fwmock/openapi.yaml", 200, "openapi: 3.0.3\n",
                                       headers=YAML_HEADERS), [])
        self.assertEqual(self.problems("GET", "/_fwmock/clock", 401, error(16),
                                       headers=JSON_HEADERS + [["WWW-Authenticate", "Bearer"]]), [])

    def test_required_properties_hold_in_answers_and_optional_ones_may_be_absent(self):
        self.assertEqual(self.problems("GET", "/_fwmock/accounts/a/batchJobs:export", 200,
                                       {"account": "a"}),
                         ['response $: required property "batchJobs" is missing'])
        fault = {"fired": 0, "id": "f1", "response": {"code": 14}}
        self.assertEqual(self.problems("GET", "/_fwmock/faults", 200, {"faults": [fault]}), [])
        self.assertEqual(self.problems("GET", "/_fwmock/accounts/a/batchJobs:export", 200,
                                       {"account": "a", "batchJobs": [{"name": "x"}]}),
                         ['response $.batchJobs[0]: required property "nodePoolId" is missing'])
        self.assertEqual(self.problems("POST", "/_fwmock/accounts/a/batchJobs:import", 200,
                                       {"imported": "2"}, request={"batchJobs": []}),
                         ['response $.imported: "2" is not of type integer'])

    def test_unknown_control_routes_and_wrong_media_types_fail(self):
        self.assertEqual(self.problems("GET", "/_fwmock/nope", 200, {}),
                         ["status 200 from a route the spec does not have"])
        self.assertEqual(self.problems("GET", "/_fwmock/openapi.yaml", 200, "x"),
                         ['Content-Type "application/json" is not application/yaml'])
        self.assertEqual(self.problems("POST", "/_fwmock/reset", 200, {"done": True}),
                         ['response $.done: unexpected property "done" (not in EmptyObject)'])


class CommandLineTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        require_spec()

    def run_checker(self, files, spec=SPEC_PATH):
        with tempfile.TemporaryDirectory() as directory:
            for name, lines in files.items():
                text = "".join(line if isinstance(line, str) else json.dumps(line) + "\n"
                               for line in lines)
                pathlib.Path(directory, name).write_text(text, encoding="utf-8")
            return subprocess.run([sys.executable, CHECKER, spec, directory],
                                  capture_output=True, text=True, encoding="utf-8")

    def test_success_prints_counts(self):
        result = self.run_checker({
            "a.jsonl": [record("GET", JOBS, 200, VALID_BODY), record("GET", JOBS, 200, VALID_BODY)],
            "b.jsonl": [record("DELETE", JOB, 501, error(12))], "c.jsonl": [],
            "notes.txt": ["not an exchange\n"]})
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, "DeleteBatchJob 501: 1\nListBatchJobs 200: 2\n"
                         "checked 3 exchanges in 3 files\n")

    def test_failure_names_file_line_and_exchange(self):
        bad = record("GET", JOBS + "?pageSize=1", 200, with_value(VALID_BODY, ["batchJobs", 0,
                                                                             "state"], "RUNING"))
        result = self.run_checker({"ok.jsonl": [record("GET", JOBS, 200, VALID_BODY)],
                                   "x.jsonl": [record("GET", JOBS, 200, VALID_BODY), bad]})
        self.assertEqual(result.returncode, 1)
        self.assertRegex(result.stderr, r'x\.jsonl:2: GET /v1/accounts/demo/batchJobs\?pageSize=1 '
                         r'-> 200: response \$\.batchJobs\[0\]\.state: "RUNING" is not')
        self.assertNotIn("ok.jsonl", result.stderr)
        self.assertIn("FAILED: 1 of 3 exchanges do not conform", result.stderr)
        self.assertIn("ListBatchJobs 200: 3\n", result.stdout)

    def test_a_line_that_is_not_an_exchange_fails(self):
        for text in ['{"status": 200, "status": 200}\n', '{"method": "GET", "tar\n', "\n",
                     '{"status": 200, "method": "GET", "target": "/", "responseBody": NaN}\n']:
            with self.subTest(text=text):
                result = self.run_checker({"r.jsonl": [record("GET", JOBS, 200, VALID_BODY),
                                                       text]})
                self.assertEqual(result.returncode, 1)
                self.assertIn("r.jsonl:2: line: not an exchange record", result.stderr)

    def test_no_exchange_is_exit_2(self):
        for files in [{"readme.txt": ["nothing here\n"]}, {"empty.jsonl": []}, {}]:
            with self.subTest(files=files):
                result = self.run_checker(files)
                self.assertEqual(result.returncode, 2)
                self.assertIn("no exchange to check", result.stderr)

    def test_an_unusable_spec_is_exit_2(self):
        with tempfile.NamedTemporaryFile("w", suffix=".yaml") as spec:
            spec.write("openapi: 3.0.3\npaths: {}\n")
            spec.flush()
            result = self.run_checker({"a.jsonl": [record("GET", JOBS, 200, {})]}, spec.name)
        self.assertEqual(result.returncode, 2)
        self.assertIn("cannot use as the spec: no operation in paths", result.stderr)


if __name__ == "__main__":
    unittest.main()
