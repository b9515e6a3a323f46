// The default fixtures read independently of the server, and the rules to order them.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace fwmock_test {

// A point in time to the nanosecond.
struct Instant {
  std::int64_t seconds = 0;  // since 1970-01-01T00:00:00Z
  std::int32_t nanos = 0;
  bool operator<(const Instant& o) const {
    return seconds != o.seconds ? seconds < o.seconds : nanos < o.nanos;
  }
  bool operator==(const Instant& o) const { return seconds == o.seconds && nanos == o.nanos; }
};

// Parses RFC 3339 (`Z` or a `+hh:mm` offset, any number of fractional digits up to 9).
std::optional<Instant> ParseRfc3339(const std::string& text);

// A path in the source tree, e.g. SourcePath("tests/data/one_job.json").
std::string SourcePath(const std::string& relative);

// Reads a JSON file; throws on failure.
nlohmann::json ReadJsonFile(const std::string& path);

// The jobs of fixtures/batch_jobs.json, as the file gives them.
const std::vector<nlohmann::json>& DefaultJobs();

// "acme" for "accounts/acme/batchJobs/x".
std::string AccountOf(const std::string& name);

// The default jobs of `account`, in file order.
std::vector<nlohmann::json> JobsOf(const std::string& account);

// The names of `jobs` sorted by `create_time desc` then name ascending (unset times last).
std::vector<std::string> NamesByCreateTimeDesc(std::vector<nlohmann::json> jobs);

// The names of `jobs`, sorted bytewise.
std::vector<std::string> SortedNames(const std::vector<nlohmann::json>& jobs);

// A fresh directory under $TMPDIR (or /tmp), removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  // Writes `text` to `name` inside the directory; returns the file's path.
  std::string Write(const std::string& name, const std::string& text) const;

 private:
  std::string path_;
};

// Every field of BatchJob in the API's JSON form, in schema order.
const std::vector<std::string>& BatchJobFields();

// How the API must render `fixture_job` (unset fields get their defaults; unset timestamps and
// executors stay omitted) compared with `actual`: one line per difference, empty if none.
// Timestamps compare as instants and must be RFC 3339 UTC ending in "Z".
std::vector<std::string> JobDifferences(const nlohmann::json& actual,
                                        const nlohmann::json& fixture_job);

}  // namespace fwmock_test
