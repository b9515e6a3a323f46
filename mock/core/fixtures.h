#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "batch_job.h"
#include "job_store.h"

namespace fwmock {

// Loads fixture files into `store`. Each path is a JSON file or a directory, whose *.json files
// are loaded in name order, recursively; "-" is stdin, and pipes and FIFOs (/dev/stdin,
// /dev/fd/N) are read like files. A file is {"batchJobs": [job, ...]} with an optional
// "account" that names the account of jobs without a "name" (they get an id from the account's
// generator).
// Errors are INVALID_ARGUMENT naming the file and the JSON position, or the job and the field:
//   fixtures/a.json: batchJobs[3] (accounts/acme/batchJobs/x): field "state": unknown value ...
// A job's writable fields are checked by a Create body's rules (ValidateJob, JobSource::kFixture:
// not those on what a request must choose); output-only fields (name, state, times) are kept as
// given.
// Unknown keys are ignored, and each adds one line to `warnings` (when given), per file:
//   a.json: batchJobs[0] (accounts/acme/batchJobs/x): unknown field "numRank" ignored
//   (in 3 jobs); did you mean "numRanks"?
// Files are parsed one job at a time, so memory holds the jobs, not the file's JSON tree.
Status LoadFixtures(const std::vector<std::string>& paths, JobStore* store,
                    std::vector<std::string>* warnings = nullptr);

// Loads one fixture document held in memory (the bundled data compiled into the binary), as
// LoadFixtures loads a file; `name` stands for the file in errors and warnings.
Status LoadFixtureText(const std::string& name, std::string_view text, JobStore* store,
                       std::vector<std::string>* warnings = nullptr);

// Where the jobs of a fixture document go as they are read, each checked as LoadFixtures checks
// it. A refusal stops the reading; its message follows the job's place ("batchJobs[3]: ...")
// and its code is kept.
class FixtureSink {
 public:
  virtual ~FixtureSink() = default;
  // A job that has a name, in document order.
  virtual Status Add(const std::string& where, BatchJob job) = 0;
  // A job without one, of `account`, once every named job is added, in document order.
  virtual Status AddNameless(const std::string& where, const std::string& account,
                             BatchJob job) = 0;
};

// Reads one fixture document (an :import body) into `sink`; nameless jobs belong to the
// document's "account", else to `account`. Errors name the job and the field, without a file:
//   batchJobs[3] (accounts/acme/batchJobs/x): field "state": unknown value ...
// Unknown keys are ignored.
Status ReadFixtureText(std::string_view text, const std::string& account, FixtureSink* sink);

}  // namespace fwmock
