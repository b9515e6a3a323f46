#include "annotation_syntax.h"

#include <catch2/catch.hpp>

#include <string>

using Catch::Matchers::Contains;

namespace fwmock_test {
namespace {

using fwmock::AnnotationKeyProblem;
using fwmock::AnnotationsProblem;

// `labels` DNS labels of `size` characters joined by '.'.
std::string Subdomain(std::size_t labels, std::size_t size) {
  std::string out;
  for (std::size_t i = 0; i < labels; ++i) out += (i ? "." : "") + std::string(size, 'a');
  return out;
}

TEST_CASE("annotation keys in Kubernetes syntax are accepted", "[mock][annotation_syntax]") {
  const std::string key =
      GENERATE(as<std::string>{}, "a", "A", "9", "team", "My.Name_x-1", std::string(63, 'z'),
               "example.com/owner", "example.com/MyName", "a-b.c-d/x", "fwmock.dev/outcome", "0/0",
               "api.fireworks.ai/x", "fireworks.aix/x", "xfireworks.ai/x", Subdomain(3, 83) + "/n");
  CAPTURE(key);
  CHECK(AnnotationKeyProblem(key) == "");
}

TEST_CASE("a bad annotation key says what is wrong", "[mock][annotation_syntax]") {
  const auto [key, problem] = GENERATE(table<std::string, std::string>({
      {"", "name must be non-empty"},
      {"a/", "name must be non-empty"},
      {"/a", "prefix must be non-empty"},
      {"a/b/c", "one '/'"},
      {"-a", "name must consist of alphanumeric characters, '-', '_' or '.'"},
      {"a-", "must start and end with an alphanumeric character"},
      {".a", "must start and end with an alphanumeric character"},
      {"a_", "must start and end with an alphanumeric character"},
      {"a b", "name must consist of"},
      {"a\xC3\xA9", "name must consist of"},
      {"ex.com/a:b", "name must consist of"},
      {std::string(64, 'a'), "name must be no more than 63 characters"},
      {"ex.com/" + std::string(64, 'a'), "name must be no more than 63 characters"},
      {"Example.com/x", "prefix must be a DNS subdomain"},
      {"ex_ample.com/x", "prefix must be a DNS subdomain"},
      {"ex..com/x", "prefix must be a DNS subdomain"},
      {"-ex.com/x", "prefix must be a DNS subdomain"},
      {"ex.com-/x", "prefix must be a DNS subdomain"},
      {"ex.-com/x", "prefix must be a DNS subdomain"},
      {"ex.com./x", "prefix must be a DNS subdomain"},
      {std::string(254, 'a') + "/x", "prefix must be no more than 253 characters"},
      {Subdomain(4, 63) + "/x", "prefix must be no more than 253 characters"},
      {"fireworks.ai/x", "the \"fireworks.ai/\" prefix is reserved"},
      {"fireworks.ai/", "the \"fireworks.ai/\" prefix is reserved"},
  }));
  CAPTURE(key);
  CHECK_THAT(AnnotationKeyProblem(key), Contains(problem));
}

TEST_CASE("a prefix of exactly 253 characters is accepted", "[mock][annotation_syntax]") {
  CHECK(AnnotationKeyProblem(std::string(253, 'a') + "/x") == "");
  CHECK(AnnotationKeyProblem(Subdomain(4, 61) + "/x") == "");  // 4 * 61 + 3 = 247
}

TEST_CASE("the first bad key in key order is named", "[mock][annotation_syntax]") {
  const fwmock::StringMap annotations = {{"ok", "1"}, {"z z", "2"}, {"b b", "3"}};
  CHECK(AnnotationsProblem(annotations) ==
        "key \"b b\": name must consist of alphanumeric characters, '-', '_' or '.', and must "
        "start and end with an alphanumeric character");
}

TEST_CASE("keys and values together are at most 256 KiB", "[mock][annotation_syntax]") {
  const std::size_t limit = 256 * 1024;
  fwmock::StringMap annotations = {{"k", std::string(limit - 1 - 2, 'v')}, {"j", "w"}};
  CHECK(AnnotationsProblem(annotations) == "");
  annotations["j"] = "ww";
  CHECK(AnnotationsProblem(annotations) ==
        "keys and values must total at most 262144 bytes, got 262145");
}

TEST_CASE("no annotations is no problem", "[mock][annotation_syntax]") {
  CHECK(AnnotationsProblem({}) == "");
}

}  // namespace
}  // namespace fwmock_test
