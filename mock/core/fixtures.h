#pragma once

#include <string>
#include <vector>

#include "batch_job.h"
#include "job_store.h"

namespace fwmock {

// Loads fixture files into `store`. Each path is a JSON file or a directory, whose *.json files
// are loaded in name order, recursively. A file is {"batchJobs": [job, ...]} with an optional
// "account" that names the account of jobs without a "name" (they get an id from the account's
// generator).
// Errors are INVALID_ARGUMENT naming the file and the JSON position, or the job and the field:
//   fixtures/a.json: batchJobs[3] (accounts/acme/batchJobs/x): field "state": unknown value ...
// Files are parsed one job at a time, so memory holds the jobs, not the file's JSON tree.
Status LoadFixtures(const std::vector<std::string>& paths, JobStore* store);

}  // namespace fwmock
