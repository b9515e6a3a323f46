#include "fixture_data.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <stdexcept>

namespace fwmock_test {
namespace {

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
std::int64_t DaysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::optional<Instant> CreateTime(const nlohmann::json& job) {
  const auto it = job.find("createTime");
  if (it == job.end() || !it->is_string()) return std::nullopt;
  return ParseRfc3339(it->get<std::string>());
}

}  // namespace

std::optional<Instant> ParseRfc3339(const std::string& text) {
  static const std::regex kTime(
      R"(([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]{1,9})?)"
      R"((Z|([+-])([0-9]{2}):([0-9]{2})))");
  std::smatch m;
  if (!std::regex_match(text, m, kTime)) return std::nullopt;
  const auto num = [&m](std::size_t i) { return std::stoll(m[i].str()); };
  Instant t;
  t.seconds =
      DaysFromCivil(num(1), static_cast<unsigned>(num(2)), static_cast<unsigned>(num(3))) * 86400 +
      num(4) * 3600 + num(5) * 60 + num(6);
  if (m[7].matched) {
    std::string digits = m[7].str().substr(1);
    digits.resize(9, '0');
    t.nanos = static_cast<std::int32_t>(std::stol(digits));
  }
  if (m[9].matched) {
    const std::int64_t offset = num(10) * 3600 + num(11) * 60;
    t.seconds -= m[9].str() == "+" ? offset : -offset;
  }
  return t;
}

std::string SourcePath(const std::string& relative) {
  return std::string(FWMOCK_SOURCE_DIR) + "/" + relative;
}

nlohmann::json ReadJsonFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  return nlohmann::json::parse(in);
}

const std::vector<nlohmann::json>& DefaultJobs() {
  static const std::vector<nlohmann::json> kJobs =
      ReadJsonFile(SourcePath("fixtures/batch_jobs.json"))
          .at("batchJobs")
          .get<std::vector<nlohmann::json>>();
  return kJobs;
}

std::string AccountOf(const std::string& name) {
  const std::string prefix = "accounts/";
  if (name.rfind(prefix, 0) != 0) return "";
  return name.substr(prefix.size(), name.find('/', prefix.size()) - prefix.size());
}

std::vector<nlohmann::json> JobsOf(const std::string& account) {
  std::vector<nlohmann::json> out;
  for (const nlohmann::json& job : DefaultJobs()) {
    if (AccountOf(job.value("name", "")) == account) out.push_back(job);
  }
  return out;
}

std::vector<std::string> NamesByCreateTimeDesc(std::vector<nlohmann::json> jobs) {
  std::stable_sort(jobs.begin(), jobs.end(), [](const nlohmann::json& a, const nlohmann::json& b) {
    const std::optional<Instant> ta = CreateTime(a);
    const std::optional<Instant> tb = CreateTime(b);
    if (ta.has_value() != tb.has_value()) return ta.has_value();  // unset last when descending
    if (ta && !(*ta == *tb)) return *tb < *ta;
    return a.value("name", "") < b.value("name", "");
  });
  std::vector<std::string> names;
  for (const nlohmann::json& job : jobs) names.push_back(job.value("name", ""));
  return names;
}

std::vector<std::string> SortedNames(const std::vector<nlohmann::json>& jobs) {
  std::vector<std::string> names;
  for (const nlohmann::json& job : jobs) names.push_back(job.value("name", ""));
  std::sort(names.begin(), names.end());
  return names;
}

namespace {

const std::vector<std::string> kTimestampFields = {"createTime", "startTime", "endTime",
                                                   "updateTime"};
const std::vector<std::string> kExecutorFields = {"pythonExecutor", "notebookExecutor",
                                                  "shellExecutor"};

bool Contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// The proto3 JSON default of each non-timestamp, non-executor field.
nlohmann::json DefaultOf(const std::string& field) {
  if (field == "numRanks") return 0;
  if (field == "shared") return false;
  if (field == "envVars" || field == "annotations") return nlohmann::json::object();
  if (field == "state") return "STATE_UNSPECIFIED";
  return "";
}

nlohmann::json ExecutorWithDefaults(const std::string& field, nlohmann::json executor) {
  if (field == "pythonExecutor") {
    if (!executor.contains("targetType")) executor["targetType"] = "TARGET_TYPE_UNSPECIFIED";
    if (!executor.contains("target")) executor["target"] = "";
    if (!executor.contains("args")) executor["args"] = nlohmann::json::array();
  } else if (field == "notebookExecutor") {
    if (!executor.contains("notebookFilename")) executor["notebookFilename"] = "";
  } else if (!executor.contains("command")) {
    executor["command"] = "";
  }
  return executor;
}

void CompareTimestamp(const std::string& field, const nlohmann::json& actual,
                      const nlohmann::json& expected, std::vector<std::string>* diffs) {
  const std::string text = actual.is_string() ? actual.get<std::string>() : actual.dump();
  const std::optional<Instant> a = actual.is_string() ? ParseRfc3339(text) : std::nullopt;
  const std::optional<Instant> e = ParseRfc3339(expected.get<std::string>());
  if (!a || text.back() != 'Z' || !(e && *a == *e)) {
    diffs->push_back(field + ": got " + text + ", want the instant " + expected.dump());
  }
}

}  // namespace

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern =
      std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/fwmock-it-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string TempDir::Write(const std::string& name, const std::string& text) const {
  const std::string file = path_ + "/" + name;
  std::filesystem::create_directories(std::filesystem::path(file).parent_path());
  std::ofstream(file, std::ios::binary) << text;
  return file;
}

const std::vector<std::string>& BatchJobFields() {
  static const std::vector<std::string> kFields = {
      "name",      "displayName", "createTime",     "startTime",        "endTime",
      "createdBy", "nodePoolId",  "environmentId",  "snapshotId",       "numRanks",
      "envVars",   "role",        "pythonExecutor", "notebookExecutor", "shellExecutor",
      "imageRef",  "annotations", "state",          "status",           "shared",
      "updateTime"};
  return kFields;
}

std::vector<std::string> JobDifferences(const nlohmann::json& actual,
                                        const nlohmann::json& fixture_job) {
  std::vector<std::string> diffs;
  if (!actual.is_object()) return {"not an object: " + actual.dump()};
  for (const auto& [key, value] : actual.items()) {
    if (!Contains(BatchJobFields(), key)) diffs.push_back(key + ": not a BatchJob field");
  }
  for (const std::string& field : BatchJobFields()) {
    const bool in_fixture = fixture_job.contains(field);
    const bool optional = Contains(kTimestampFields, field) || Contains(kExecutorFields, field);
    if (!actual.contains(field)) {
      if (in_fixture || !optional) diffs.push_back(field + ": missing");
      continue;
    }
    if (!in_fixture && optional) {
      diffs.push_back(field + ": unset in the fixture but emitted as " + actual[field].dump());
    } else if (Contains(kTimestampFields, field)) {
      CompareTimestamp(field, actual[field], fixture_job[field], &diffs);
    } else {
      const nlohmann::json want = Contains(kExecutorFields, field)
                                      ? ExecutorWithDefaults(field, fixture_job[field])
                                      : fixture_job.value(field, DefaultOf(field));
      if (actual[field] != want) {
        diffs.push_back(field + ": got " + actual[field].dump() + ", want " + want.dump());
      }
    }
  }
  return diffs;
}

}  // namespace fwmock_test
