// Validation of Create and Update bodies: every rule, its boundary, and the field it names.
#include <catch2/catch.hpp>
#include <regex>
#include <sstream>

#include "job_helpers.h"

namespace fwmock_test {
namespace {

using Catch::Matchers::Contains;
using nlohmann::json;

std::string Repeat(const std::string& piece, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += piece;
  return out;
}

// A DNS subdomain of exactly `length` characters made of labels of at most 63.
std::string Subdomain(int length) {
  std::string out;
  while (static_cast<int>(out.size()) < length) {
    if (!out.empty()) out += '.';
    const int left = length - static_cast<int>(out.size());
    out += std::string(static_cast<std::size_t>(std::min(63, left)), 'a');
  }
  return out;
}

// `{"nodePoolId":"p", <extra>}`.
std::string WithPool(const std::string& extra) { return R"({"nodePoolId":"p",)" + extra + "}"; }

std::string Annotation(const std::string& key, const std::string& value = "v") {
  return WithPool(R"("annotations":)" + json{{key, value}}.dump());
}

// Whether `message` names one of the `|`-separated alternatives of `fields`.
bool NamesOneOf(const std::string& message, const std::string& fields) {
  std::istringstream in(fields);
  for (std::string field; std::getline(in, field, '|');) {
    if (message.find(field) != std::string::npos) return true;
  }
  return false;
}

struct Bad {
  std::string body;
  std::string fields;  // the message names one of these (`|`-separated)
  bool on_update;      // the body merged into {"nodePoolId":"p"} is invalid too
};

std::vector<Bad> BadBodies() {
  const std::string e64 = Repeat("\xC3\xA9", 64);  // é
  return {
      {"{}", "nodePoolId", false},
      {R"({"displayName":"x"})", "nodePoolId", false},
      {R"({"nodePoolId":""})", "nodePoolId", true},
      {WithPool(R"("imageRef":"i","environmentId":"e")"), "imageRef|environmentId", true},
      {WithPool(R"("imageRef":"i","environmentId":"e","snapshotId":"s")"),
       "imageRef|environmentId|snapshotId", true},
      {WithPool(R"("imageRef":"i","snapshotId":"s")"), "imageRef|snapshotId", true},
      {WithPool(R"("snapshotId":"s")"), "snapshotId|environmentId", true},
      {WithPool(R"("displayName":")" + std::string(64, 'x') + "\""), "displayName", true},
      {WithPool(R"("displayName":")" + e64 + "\""), "displayName", true},
      {WithPool(R"("displayName":")" + std::string(300, 'x') + "\""), "displayName", true},
      {WithPool(R"("pythonExecutor":{"targetType":"MODULE","target":"m"},)"
                R"("shellExecutor":{"command":"c"})"),
       "pythonExecutor|shellExecutor", true},
      {WithPool(R"("notebookExecutor":{"notebookFilename":"n"},"shellExecutor":{"command":"c"})"),
       "notebookExecutor|shellExecutor", true},
      {WithPool(R"("pythonExecutor":{"target":"m"})"), "targetType", true},
      {WithPool(R"("pythonExecutor":{"targetType":"TARGET_TYPE_UNSPECIFIED","target":"m"})"),
       "targetType", true},
      {WithPool(R"("pythonExecutor":{"targetType":"MODULE"})"), "pythonExecutor.target", true},
      {WithPool(R"("pythonExecutor":{"targetType":"MODULE","target":""})"), "pythonExecutor.target",
       true},
      {WithPool(R"("notebookExecutor":{})"), "notebookFilename", true},
      {WithPool(R"("notebookExecutor":{"notebookFilename":""})"), "notebookFilename", true},
      {WithPool(R"("shellExecutor":{})"), "command", true},
      {WithPool(R"("shellExecutor":{"command":""})"), "command", true},
      {WithPool(R"("numRanks":-1)"), "numRanks", true},
      {Annotation(""), "annotations", true},
      {Annotation("-a"), "annotations", true},
      {Annotation("a-"), "annotations", true},
      {Annotation(".a"), "annotations", true},
      {Annotation("a b"), "annotations", true},
      {Annotation("a/b/c"), "annotations", true},
      {Annotation("/a"), "annotations", true},
      {Annotation("a/"), "annotations", true},
      {Annotation("Example.com/x"), "annotations", true},
      {Annotation("ex_ample.com/x"), "annotations", true},
      {Annotation("a\xC3\xA9"), "annotations", true},
      {Annotation(std::string(64, 'a')), "annotations", true},
      {Annotation(Subdomain(254) + "/a"), "annotations", true},
      {Annotation("fireworks.ai/x"), "annotations|fireworks.ai", true},
      {Annotation("k", std::string(256 * 1024, 'v')), "annotations", true},
      {Annotation("fwmock.dev/outcome", "SUCCEEDED"), "fwmock.dev/outcome", true},
      {Annotation("fwmock.dev/outcome", ""), "fwmock.dev/outcome", true},
      {Annotation("fwmock.dev/run-seconds", "abc"), "fwmock.dev/run-seconds", true},
      {Annotation("fwmock.dev/run-seconds", ""), "fwmock.dev/run-seconds", true},
      {WithPool(R"("numRanks":"two")"), "numRanks", true},
      {WithPool(R"("numRanks":true)"), "numRanks", true},
      {WithPool(R"("numRanks":1.5)"), "numRanks", true},
      {WithPool(R"("numRanks":3000000000)"), "numRanks", true},
      {WithPool(R"("envVars":[])"), "envVars", true},
      {WithPool(R"("envVars":{"A":1})"), "envVars", true},
      {WithPool(R"("annotations":[])"), "annotations", true},
      {WithPool(R"("pythonExecutor":{"targetType":"MODULE","target":"m","args":["a","b",3]})"),
       "pythonExecutor.args[2]", true},
      {WithPool(R"("pythonExecutor":"x")"), "pythonExecutor", true},
      {WithPool(R"("pythonExecutor":{"targetType":"JAR","target":"m"})"), "targetType", true},
      {WithPool(R"("displayName":5)"), "displayName", true},
      {WithPool(R"("shared":"yes")"), "shared", true},
      {R"({"nodePoolId":7})", "nodePoolId", true},
  };
}

TEST_CASE("Each invalid Create body is 400 code 3 naming the field", "[jobs][create][validation]") {
  ManualServer server;
  ApiClient client(server.process());
  for (const Bad& bad : BadBodies()) {
    CAPTURE(bad.body.size() > 300 ? bad.body.substr(0, 300) + "..." : bad.body, bad.fields);
    const HttpResult r = client.Send("POST", ListPath("acme"), {}, bad.body, "application/json");
    CheckApiError(r, 400, 3);
    CAPTURE(r.Message());
    CHECK(NamesOneOf(r.Message(), bad.fields));
  }
  CHECK(client.List("acme").json.value("totalSize", -1) == 0);
}

TEST_CASE("The required nodePoolId has the documented message", "[jobs][create][validation]") {
  ManualServer server;
  ApiClient client(server.process());
  const HttpResult r = CreateJob(client, "acme", {{"displayName", "x"}});
  CheckApiError(r, 400, 3);
  CHECK_THAT(r.Message(), Contains("field \"nodePoolId\"") && Contains("required"));
}

TEST_CASE("Each invalid Update body is 400 code 3 naming the field and changes nothing",
          "[jobs][update][validation]") {
  ManualServer server;
  ApiClient client(server.process());
  const json job = MustCreate(client, "acme", {{"nodePoolId", "p"}});
  Advance(client, 5);
  const json before = MustGet(client, job.at("name"));
  for (const Bad& bad : BadBodies()) {
    if (!bad.on_update) continue;
    CAPTURE(bad.body.size() > 300 ? bad.body.substr(0, 300) + "..." : bad.body, bad.fields);
    const HttpResult r =
        client.Send("PATCH", JobPath(job.at("name")), {}, bad.body, "application/json");
    CheckApiError(r, 400, 3);
    CAPTURE(r.Message());
    CHECK(NamesOneOf(r.Message(), bad.fields));
  }
  CHECK(MustGet(client, job.at("name")) == before);
}

TEST_CASE("Bodies at the edge of each rule are accepted", "[jobs][create][validation]") {
  ManualServer server;
  ApiClient client(server.process());
  for (const std::string& body : std::vector<std::string>{
           WithPool(R"("displayName":")" + std::string(63, 'x') + "\""),
           WithPool(R"("displayName":")" + Repeat("\xC3\xA9", 63) + "\""),
           WithPool(R"("displayName":")" + Repeat("\xE6\x97\xA5", 63) + "\""),
           WithPool(R"("displayName":")" + Repeat("\xF0\x9F\x9A\x80", 63) + "\""),
           WithPool(R"("numRanks":0)"),
           WithPool(R"("numRanks":2147483647)"),
           WithPool(R"("imageRef":"i")"),
           WithPool(R"("environmentId":"e")"),
           WithPool(R"("environmentId":"e","snapshotId":"s")"),
           WithPool(R"("displayName":null)"),
           Annotation("a"),
           Annotation("a.b_c-d"),
           Annotation("A9"),
           Annotation("example.com/owner"),
           Annotation("a/b"),
           Annotation("x-y.example/z", ""),
           Annotation(std::string(63, 'a')),
           Annotation(Subdomain(253) + "/" + std::string(63, 'b')),
           Annotation("k", std::string(256 * 1024 - 1, 'v')),
           Annotation("fwmock.dev/outcome", "FAILED"),
           Annotation("fwmock.dev/outcome", "RUNNING"),
           Annotation("fwmock.dev/outcome", "COMPLETED"),
           Annotation("fwmock.dev/run-seconds", "30"),
           Annotation("fwmock.dev/run-seconds", "2.5"),
           Annotation("fwmock.dev/status", "oom"),
           WithPool(
               R"("unknown":{"a":[1,2,3]},"pythonExecutor":{"targetType":"FILENAME","target":"f",)"
               R"("args":[]})")}) {
    CAPTURE(body.size() > 300 ? body.substr(0, 300) + "..." : body);
    const HttpResult r = client.Send("POST", ListPath("acme"), {}, body, "application/json");
    INFO("answer: " << r.body.substr(0, 500));
    CHECK(r.status == 200);
  }
}

// Whether `message` holds a decimal number equal to `offset` or `offset + 1`.
bool HasOffset(const std::string& message, std::size_t offset) {
  static const std::regex kNumber("[0-9]+");
  for (auto it = std::sregex_iterator(message.begin(), message.end(), kNumber);
       it != std::sregex_iterator(); ++it) {
    const std::string n = it->str();
    if (n == std::to_string(offset) || n == std::to_string(offset + 1)) return true;
  }
  return false;
}

TEST_CASE("Malformed JSON is 400 code 3 with the byte offset", "[jobs][create][validation]") {
  ManualServer server;
  ApiClient client(server.process());
  const std::string job = JobPath(MustCreate(client, "acme").at("name"));
  for (const auto& [body, at] : std::vector<std::pair<std::string, std::string>>{
           {R"({"nodePoolId": "pool", "displayName": ])", "]"},
           {R"({"nodePoolId": "pool-number-one" : "x"})", ": \"x"},
           {R"({"nodePoolId": "pool", "displayName": "x", "numRanks": 1 2})", "2}"}}) {
    for (const std::string& target : {ListPath("acme"), job}) {
      CAPTURE(body, target);
      const HttpResult r =
          client.Send(target == job ? "PATCH" : "POST", target, {}, body, "application/json");
      CheckApiError(r, 400, 3);
      CAPTURE(r.Message(), body.find(at));
      CHECK(HasOffset(r.Message(), body.find(at)));
    }
  }
  CHECK(client.List("acme").json.value("totalSize", -1) == 1);
}

TEST_CASE("A body that is not a JSON object is 400 code 3", "[jobs][create][validation]") {
  ManualServer server;
  ApiClient client(server.process());
  for (const std::string body : {"[]", R"("job")", "12", "{", "nope"}) {
    CAPTURE(body);
    CheckApiError(client.Send("POST", ListPath("acme"), {}, body, "application/json"), 400, 3);
  }
  CHECK(client.List("acme").json.value("totalSize", -1) == 0);
}

TEST_CASE("Bodies over 4 MiB are refused in the error shape", "[jobs][create][validation]") {
  ManualServer server;
  ApiClient client(server.process());
  const auto body_of = [](std::size_t size) {
    const std::string head = R"({"nodePoolId":"p","envVars":{"BIG":")";
    const std::string tail = "\"}}";
    return head + std::string(size - head.size() - tail.size(), 'x') + tail;
  };
  const HttpResult big =
      client.Send("POST", ListPath("acme"), {}, body_of(4 * 1024 * 1024 + 1), "application/json");
  INFO("answer: " << big.status << " " << big.body.substr(0, 300));
  CHECK(big.status == 413);
  CHECK(big.Code() == 3);
  CHECK(big.json.value("details", json()) == json::array());
  CHECK(client.List("acme").json.value("totalSize", -1) == 0);
  const HttpResult fits = client.Send("POST", ListPath("acme"), {}, body_of(4 * 1024 * 1024 - 1024),
                                      "application/json");
  CHECK(fits.status == 200);
}

TEST_CASE("Deeply nested bodies are refused even in unknown fields", "[jobs][create][validation]") {
  ManualServer server;
  ApiClient client(server.process());
  const auto nested = [](int depth) {
    return WithPool(R"("unknown":)" + std::string(static_cast<std::size_t>(depth), '[') +
                    std::string(static_cast<std::size_t>(depth), ']'));
  };
  CheckApiError(client.Send("POST", ListPath("acme"), {}, nested(100), "application/json"), 400, 3);
  CheckApiError(client.Send("POST", ListPath("acme"), {}, nested(100000), "application/json"), 400,
                3);
  CHECK(client.Send("POST", ListPath("acme"), {}, nested(20), "application/json").status == 200);
}

}  // namespace
}  // namespace fwmock_test
