#pragma once

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "list.h"

// Jobs, stores and paging helpers shared by list_test.cpp and list_paging_test.cpp.
namespace fwmock_test {

using fwmock::BatchJob;
using fwmock::JobStore;
using fwmock::ListPage;
using fwmock::ListRequest;
using fwmock::TokenCodec;

constexpr std::int64_t kBase = std::int64_t{1773480413} * 1000000000;
constexpr std::int64_t kSecond = 1000000000;

inline std::string Name(const std::string& account, const std::string& id) {
  return "accounts/" + account + "/batchJobs/" + id;
}

inline std::string Id(int i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "job-%04d", i);
  return buf;
}

// Job i: created i seconds after kBase (every 11th has no create_time), num_ranks i % 5,
// state i % 10, one of 7 display names, a python executor on every third.
inline BatchJob MakeJob(const std::string& account, int i) {
  BatchJob job;
  job.name = Name(account, Id(i));
  if (i % 11 != 10) job.create_time = kBase + i * kSecond;
  job.num_ranks = i % 5;
  job.state = static_cast<fwmock::JobState>(i % 10);
  job.display_name = "job " + std::to_string(i % 7);
  if (i % 3 == 0)
    job.python_executor =
        fwmock::PythonExecutor{fwmock::TargetType::kModule, "t" + std::to_string(i % 4), {}};
  return job;
}

inline void Fill(JobStore* store, const std::string& account, int n) {
  for (int i = 0; i < n; ++i) REQUIRE(store->Add(MakeJob(account, i)).ok());
}

inline ListPage MustList(const ListRequest& request, const JobStore& store,
                         const TokenCodec& codec) {
  fwmock::Result<ListPage> page = fwmock::ListJobs(request, store, codec);
  INFO(page.status().message());
  REQUIRE(page.ok());
  return std::move(*page);
}

inline std::vector<std::string> Names(const ListPage& page) {
  std::vector<std::string> out;
  for (const fwmock::JobPtr& j : page.jobs) out.push_back(j->job.name);
  return out;
}

// Every job of the listing, page by page, checking totalSize and tokens on the way.
inline std::vector<std::string> PageAll(ListRequest request, const JobStore& store,
                                        const TokenCodec& codec, std::int32_t expected_total) {
  std::vector<std::string> all;
  for (int pages = 0; pages < 10000; ++pages) {
    const ListPage page = MustList(request, store, codec);
    CHECK(page.total_size == expected_total);
    const std::vector<std::string> names = Names(page);
    all.insert(all.end(), names.begin(), names.end());
    if (page.next_page_token.empty()) return all;
    CHECK_FALSE(page.jobs.empty());
    request.page_token = page.next_page_token;
  }
  FAIL("paging did not end");
  return all;
}

inline ListRequest Request(const std::string& account, std::int32_t page_size) {
  ListRequest r;
  r.account = account;
  r.page_size = page_size;
  return r;
}

inline void CheckListError(const ListRequest& request, const JobStore& store,
                           const TokenCodec& codec, const std::string& fragment) {
  const fwmock::Result<ListPage> page = fwmock::ListJobs(request, store, codec);
  REQUIRE_FALSE(page.ok());
  CHECK(page.status().code() == aipfilter::StatusCode::kInvalidArgument);
  CHECK_THAT(page.status().message(), Catch::Matchers::Contains(fragment));
}

}  // namespace fwmock_test
