#!/usr/bin/env python3
"""Self-test of check_list_responses.py.

Run: /usr/bin/python3 -m unittest discover -s tests/contract   (or run this file directly).
The spec comes from $OPENAPI_YAML, by default the repository's mock/spec/openapi.yaml.
"""
import copy
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
import check_list_responses as checker  # noqa: E402

SPEC_PATH = os.environ.get("OPENAPI_YAML", str(HERE.parents[1] / "mock" / "spec" / "openapi.yaml"))
CHECKER = str(HERE / "check_list_responses.py")

VALID_JOB = {
    "name": "accounts/demo/batchJobs/0f3c9a1e5b7d4c2a8e6f1b3d5a7c9e0b",
    "displayName": "évaluation nocturne 🚀",
    "createTime": "2026-03-14T09:26:53.589793238Z",
    "startTime": "2026-03-14T09:31:07Z",
    "createdBy": "ana.kim@demo.example",
    "nodePoolId": "h100-sxm-8x",
    "numRanks": 8,
    "envVars": {"NCCL_DEBUG": "INFO", "any key, even = and spaces": "1"},
    "pythonExecutor": {"targetType": "MODULE", "target": "train.main", "args": ["--lr", "2e-05"]},
    "annotations": {"example.com/owner": "ana.kim@demo.example"},
    "state": "RUNNING",
    "status": "running on 8 rank(s)",
    "shared": False,
    "updateTime": "2026-03-14T11:31:08.5+02:00",
}
VALID_BODY = {"batchJobs": [VALID_JOB], "nextPageToken": "x", "totalSize": 300}


def require_spec():
    """A missing spec is an error, not a skip: a contract test must not pass by doing nothing."""
    if not os.path.isfile(SPEC_PATH):
        raise FileNotFoundError("spec not found: %s (set OPENAPI_YAML)" % SPEC_PATH)


def body_with(path, value):
    """VALID_BODY with the value at `path` (keys and indexes) replaced, or added."""
    body = copy.deepcopy(VALID_BODY)
    node = body
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return body


class CheckBodyTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        require_spec()
        cls.spec = checker.load_spec(SPEC_PATH)

    def problems(self, body):
        return checker.check_body(self.spec, body)

    def assertRejected(self, body, expected):
        problems = self.problems(body)
        self.assertEqual(len(problems), 1, problems)
        self.assertEqual(problems[0], expected)

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

    def test_rejects_wrong_type(self):
        self.assertRejected(body_with(["batchJobs", 0, "shared"], "false"),
                            '$.batchJobs[0].shared: "false" is not of type boolean')
        self.assertRejected(body_with(["batchJobs", 0, "envVars", "N"], 1),
                            "$.batchJobs[0].envVars.N: 1 is not of type string")
        self.assertRejected(body_with(["nextPageToken"], None),
                            "$.nextPageToken: null is not of type string")

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


class CommandLineTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        require_spec()

    def run_checker(self, files):
        with tempfile.TemporaryDirectory() as directory:
            for name, text in files.items():
                pathlib.Path(directory, name).write_text(text, encoding="utf-8")
            return subprocess.run([sys.executable, CHECKER, SPEC_PATH, directory],
                                  capture_output=True, text=True, encoding="utf-8")

    def test_success_prints_counts(self):
        result = self.run_checker({"a.json": json.dumps(VALID_BODY), "b.json": "{}",
                                   "notes.txt": "not a response"})
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, "checked 2 responses, 1 batch jobs\n")

    def test_failure_names_file_and_path(self):
        bad = json.dumps(body_with(["batchJobs", 0, "state"], "RUNING"))
        result = self.run_checker({"ok.json": json.dumps(VALID_BODY), "page2.json": bad})
        self.assertEqual(result.returncode, 1)
        self.assertRegex(result.stderr, r'page2\.json: \$\.batchJobs\[0\]\.state: "RUNING" is not')
        self.assertNotIn("ok.json", result.stderr)

    def test_invalid_json_fails(self):
        for text in ['{"totalSize": 1, "totalSize": 2}', '{"totalSize": NaN}', '{"batchJobs": [']:
            with self.subTest(text=text):
                result = self.run_checker({"r.json": text})
                self.assertEqual(result.returncode, 1)
                self.assertIn("not valid JSON", result.stderr)

    def test_no_json_file_is_exit_2(self):
        result = self.run_checker({"readme.txt": "nothing here"})
        self.assertEqual(result.returncode, 2)
        self.assertIn("no *.json response file", result.stderr)


if __name__ == "__main__":
    unittest.main()
