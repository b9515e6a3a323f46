#include "route.h"

#include <catch2/catch.hpp>

#include <string>

namespace fwmock_test {
namespace {

using fwmock::MatchRoute;
using fwmock::Operation;
using fwmock::Route;
using fwmock::RouteStatus;

TEST_CASE("every operation has its route", "[mock][route]") {
  const auto [method, path, operation, account,
              job] = GENERATE(table<std::string, std::string, Operation, std::string, std::string>({
      {"GET", "/healthz", Operation::kHealth, "", ""},
      {"GET", "/openapi.yaml", Operation::kOpenApi, "", ""},
      {"GET", "/v1/accounts/acme/batchJobs", Operation::kListJobs, "acme", ""},
      {"POST", "/v1/accounts/acme/batchJobs", Operation::kCreateJob, "acme", ""},
      {"POST", "/v1/accounts/acme/batchJobs:batchDelete", Operation::kBatchDeleteJobs, "acme", ""},
      {"GET", "/v1/accounts/acme/batchJobs/j1", Operation::kGetJob, "acme", "j1"},
      {"PATCH", "/v1/accounts/acme/batchJobs/j1", Operation::kUpdateJob, "acme", "j1"},
      {"DELETE", "/v1/accounts/acme/batchJobs/j1", Operation::kDeleteJob, "acme", "j1"},
      {"POST", "/v1/accounts/acme/batchJobs/j1:cancel", Operation::kCancelJob, "acme", "j1"},
      {"GET", "/v1/accounts/acme/batchJobs/j1:getLogs", Operation::kGetJobLogs, "acme", "j1"},
      {"GET", "/v1/accounts/my-account/batchJobs/0f3c9a1e5b7d4c2a8e6f1b3d5a7c9e0b",
       Operation::kGetJob, "my-account", "0f3c9a1e5b7d4c2a8e6f1b3d5a7c9e0b"},
      {"GET", "/v1/accounts/\xC3\xA1\x63me/batchJobs", Operation::kListJobs, "\xC3\xA1\x63me", ""},
      {"GET", "/v1/accounts/batchJobs/batchJobs/batchJobs", Operation::kGetJob, "batchJobs",
       "batchJobs"},
  }));
  CAPTURE(method, path);
  const Route route = MatchRoute(method, path);
  REQUIRE(route.status == RouteStatus::kFound);
  CHECK(route.operation == operation);
  CHECK(route.account == account);
  CHECK(route.job_id == job);
}

TEST_CASE("the paging modes have their control routes", "[mock][route][paging]") {
  const auto [method, path, operation, account] =
      GENERATE(table<std::string, std::string, Operation, std::string>({
          {"GET", "/_fwmock/paging", Operation::kPagingGet, ""},
          {"PUT", "/_fwmock/paging", Operation::kPagingPut, ""},
          {"DELETE", "/_fwmock/paging", Operation::kPagingDelete, ""},
          {"HEAD", "/_fwmock/paging?x=1", Operation::kPagingGet, ""},
          {"GET", "/_fwmock/accounts/acme/paging", Operation::kPagingGet, "acme"},
          {"PUT", "/_fwmock/accounts/acme/paging", Operation::kPagingPut, "acme"},
          {"DELETE", "/_fwmock/accounts/a%20b/paging", Operation::kPagingDelete, "a b"},
      }));
  CAPTURE(method, path);
  const Route route = MatchRoute(method, path);
  REQUIRE(route.status == RouteStatus::kFound);
  CHECK(route.operation == operation);
  CHECK(route.account == account);
  CHECK(fwmock::IsControl(route.operation));
  CHECK(fwmock::IsPaging(route.operation));
  CHECK(MatchRoute("POST", path).status == RouteStatus::kWrongMethod);
  CHECK(MatchRoute("PATCH", path).status == RouteStatus::kWrongMethod);
}

TEST_CASE("paging paths out of shape are not found", "[mock][route][paging]") {
  const std::string path =
      GENERATE(as<std::string>{}, "/_fwmock/paging/", "/_fwmock/Paging", "/_fwmock/accounts/paging",
               "/_fwmock/accounts//paging", "/_fwmock/accounts/a:b/paging",
               "/_fwmock/accounts/a/paging/x", "/v1/accounts/acme/paging", "/_fwmock/paging:set");
  CAPTURE(path);
  CHECK(MatchRoute("GET", path).status == RouteStatus::kNoSuchPath);
}

TEST_CASE("HEAD is routed as GET", "[mock][route]") {
  const auto [path, operation] = GENERATE(table<std::string, Operation>({
      {"/healthz", Operation::kHealth},
      {"/openapi.yaml", Operation::kOpenApi},
      {"/v1/accounts/acme/batchJobs", Operation::kListJobs},
      {"/v1/accounts/acme/batchJobs/j1", Operation::kGetJob},
      {"/v1/accounts/acme/batchJobs/j1:getLogs", Operation::kGetJobLogs},
  }));
  CAPTURE(path);
  const Route route = MatchRoute("HEAD", path);
  REQUIRE(route.status == RouteStatus::kFound);
  CHECK(route.operation == operation);
}

TEST_CASE("a known path with another method is a wrong method", "[mock][route]") {
  const auto [method, path] = GENERATE(table<std::string, std::string>({
      {"POST", "/healthz"},
      {"DELETE", "/openapi.yaml"},
      {"PUT", "/v1/accounts/acme/batchJobs"},
      {"DELETE", "/v1/accounts/acme/batchJobs"},
      {"PATCH", "/v1/accounts/acme/batchJobs"},
      {"GET", "/v1/accounts/acme/batchJobs:batchDelete"},
      {"DELETE", "/v1/accounts/acme/batchJobs:batchDelete"},
      {"POST", "/v1/accounts/acme/batchJobs/j1"},
      {"PUT", "/v1/accounts/acme/batchJobs/j1"},
      {"GET", "/v1/accounts/acme/batchJobs/j1:cancel"},
      {"DELETE", "/v1/accounts/acme/batchJobs/j1:cancel"},
      {"POST", "/v1/accounts/acme/batchJobs/j1:getLogs"},
      {"HEAD", "/v1/accounts/acme/batchJobs/j1:cancel"},
      {"OPTIONS", "/v1/accounts/acme/batchJobs"},
      {"get", "/v1/accounts/acme/batchJobs"},
      {"FOO", "/v1/accounts/acme/batchJobs"},
  }));
  CAPTURE(method, path);
  CHECK(MatchRoute(method, path).status == RouteStatus::kWrongMethod);
}

TEST_CASE("the verb is not swallowed by the job id", "[mock][route]") {
  const Route cancel = MatchRoute("POST", "/v1/accounts/acme/batchJobs/j1:cancel");
  REQUIRE(cancel.status == RouteStatus::kFound);
  CHECK(cancel.operation == Operation::kCancelJob);
  CHECK(cancel.job_id == "j1");
  const Route logs = MatchRoute("GET", "/v1/accounts/acme/batchJobs/j1:getLogs");
  REQUIRE(logs.status == RouteStatus::kFound);
  CHECK(logs.operation == Operation::kGetJobLogs);
  CHECK(logs.job_id == "j1");
}

TEST_CASE("unknown paths are not found under any method", "[mock][route]") {
  const std::string path = GENERATE(
      as<std::string>{}, "", "/", "v1/accounts/acme/batchJobs", "//v1/accounts/acme/batchJobs",
      "/healthz/", "/HEALTHZ", "/openapi.json", "/v1", "/v1/accounts", "/v1/accounts/acme",
      "/v2/accounts/acme/batchJobs", "/v1/account/acme/batchJobs", "/v1/accounts/acme/jobs",
      "/v1/accounts/acme/batchjobs", "/v1/accounts//batchJobs", "/v1/accounts/acme/batchJobs/",
      "/v1/accounts/acme/batchJobs//", "/v1/accounts/acme/batchJobs//cancel",
      "/v1/accounts/acme/batchJobs/:cancel", "/v1/accounts/acme/batchJobs/j1/",
      "/v1/accounts/acme/batchJobs/j1/extra", "/v1/accounts/acme/batchJobs/j1:bogus",
      "/v1/accounts/acme/batchJobs/j1:batchDelete", "/v1/accounts/acme/batchJobs:cancel",
      "/v1/accounts/acme/batchJobs:getLogs", "/v1/accounts/acme/batchJobs:batchDelete/",
      "/v1/accounts/acme:x/batchJobs", "/v1/accounts/acme/batchJobs/a:b:cancel",
      "/v1/accounts/acme/clusters/c/batchJobs/j1", "/v1/accounts/acme/batchJobs:",
      "/v1/accounts/acme/batchJobs/j1:", "/v1/accounts/acme/batchJobs/j1::cancel",
      "/v1/accounts/acme/batchJobs:?pageSize=1");
  const std::string method = GENERATE(as<std::string>{}, "GET", "POST", "DELETE", "PUT");
  CAPTURE(method, path);
  CHECK(MatchRoute(method, path).status == RouteStatus::kNoSuchPath);
}

TEST_CASE("an encoded colon is part of the id, never a verb separator", "[mock][route]") {
  const auto [method, target, operation, job] =
      GENERATE(table<std::string, std::string, Operation, std::string>({
          {"GET", "/v1/accounts/a/batchJobs/x%3Acancel", Operation::kGetJob, "x:cancel"},
          {"GET", "/v1/accounts/a/batchJobs/x%3acancel", Operation::kGetJob, "x:cancel"},
          {"DELETE", "/v1/accounts/a/batchJobs/x%3AgetLogs", Operation::kDeleteJob, "x:getLogs"},
          {"POST", "/v1/accounts/a/batchJobs/x%3Acancel:cancel", Operation::kCancelJob, "x:cancel"},
          {"GET", "/v1/accounts/a/batchJobs/j%201:getLogs", Operation::kGetJobLogs, "j 1"},
          {"GET", "/v1/accounts/a/batchJobs/j+1", Operation::kGetJob, "j+1"},
          {"GET", "/v1/accounts/a/batchJobs/j%2F1", Operation::kGetJob, "j/1"},
          {"GET", "/v1/accounts/a/batchJobs/j%zz%4", Operation::kGetJob, "j%zz%4"},
      }));
  CAPTURE(method, target);
  const Route route = MatchRoute(method, target);
  REQUIRE(route.status == RouteStatus::kFound);
  CHECK(route.operation == operation);
  CHECK(route.account == "a");
  CHECK(route.job_id == job);
}

TEST_CASE("an encoded colon after batchJobs is not batchDelete", "[mock][route]") {
  CHECK(MatchRoute("POST", "/v1/accounts/a/batchJobs%3AbatchDelete").status ==
        RouteStatus::kNoSuchPath);
  CHECK(MatchRoute("POST", "/v1/accounts/a/batchJobs/x%3Acancel").status ==
        RouteStatus::kWrongMethod);
}

TEST_CASE("the account is decoded after matching", "[mock][route]") {
  const Route route = MatchRoute("GET", "/v1/accounts/ac%6De/batchJobs");
  REQUIRE(route.status == RouteStatus::kFound);
  CHECK(route.operation == Operation::kListJobs);
  CHECK(route.account == "acme");
}

TEST_CASE("the query of a target plays no part in the route", "[mock][route]") {
  const Route route = MatchRoute("GET", "/v1/accounts/a/batchJobs/j1:getLogs?filter=x:y/z");
  REQUIRE(route.status == RouteStatus::kFound);
  CHECK(route.operation == Operation::kGetJobLogs);
  CHECK(route.job_id == "j1");
  CHECK(MatchRoute("GET", "/healthz?x=1").status == RouteStatus::kFound);
}

}  // namespace
}  // namespace fwmock_test

namespace fwmock_test {
namespace {

TEST_CASE("the control API's state routes carry their account", "[mock][route][control]") {
  const auto [method, path, operation, account] =
      GENERATE(table<std::string, std::string, Operation, std::string>({
          {"POST", "/_fwmock/reset", Operation::kResetAll, ""},
          {"GET", "/_fwmock/openapi.yaml", Operation::kControlOpenApi, ""},
          {"POST", "/_fwmock/accounts/acme:reset", Operation::kResetAccount, "acme"},
          {"DELETE", "/_fwmock/accounts/acme/batchJobs", Operation::kClearJobs, "acme"},
          {"POST", "/_fwmock/accounts/acme/batchJobs:import", Operation::kImportJobs, "acme"},
          {"GET", "/_fwmock/accounts/acme/batchJobs:export", Operation::kExportJobs, "acme"},
          {"GET", "/_fwmock/accounts/a%2Fb/batchJobs:export?x=1", Operation::kExportJobs, "a/b"},
      }));
  CAPTURE(method, path);
  const Route route = MatchRoute(method, path);
  REQUIRE(route.status == RouteStatus::kFound);
  CHECK(route.operation == operation);
  CHECK(route.account == account);
  CHECK(fwmock::IsControl(operation));
}

TEST_CASE("malformed control account routes are not found", "[mock][route][control]") {
  const std::string path =
      GENERATE("/_fwmock/accounts/:reset", "/_fwmock/accounts/acme", "/_fwmock/accounts/acme:nope",
               "/_fwmock/accounts/a:b:reset", "/_fwmock/accounts/acme/batchJobs/x",
               "/_fwmock/accounts/a:b/batchJobs", "/_fwmock/accounts/");
  CAPTURE(path);
  CHECK(MatchRoute("POST", path).status == RouteStatus::kNoSuchPath);
  CHECK(MatchRoute("GET", "/_fwmock/reset").status == RouteStatus::kWrongMethod);
}

}  // namespace
}  // namespace fwmock_test
