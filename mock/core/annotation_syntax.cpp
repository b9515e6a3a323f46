#include "annotation_syntax.h"

#include <nlohmann/json.hpp>

namespace fwmock {

namespace {

constexpr std::size_t kMaxPrefix = 253;
constexpr std::size_t kMaxName = 63;
constexpr std::string_view kReserved = "fireworks.ai";

bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool IsLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// A DNS-1123 label: [a-z0-9]([-a-z0-9]*[a-z0-9])?
bool IsLabel(std::string_view label) {
  if (label.empty() || !IsLowerAlnum(label.front()) || !IsLowerAlnum(label.back())) return false;
  for (char c : label) {
    if (!IsLowerAlnum(c) && c != '-') return false;
  }
  return true;
}

// A DNS-1123 subdomain: labels joined by '.'.
bool IsSubdomain(std::string_view s) {
  for (;;) {
    const std::size_t dot = s.find('.');
    if (!IsLabel(s.substr(0, dot))) return false;
    if (dot == std::string_view::npos) return true;
    s.remove_prefix(dot + 1);
  }
}

// A qualified name: ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9].
bool IsQualifiedName(std::string_view name) {
  if (name.empty() || !IsAlnum(name.front()) || !IsAlnum(name.back())) return false;
  for (char c : name) {
    if (!IsAlnum(c) && c != '-' && c != '_' && c != '.') return false;
  }
  return true;
}

std::string PrefixProblem(std::string_view prefix) {
  if (prefix.empty()) return "prefix must be non-empty";
  if (prefix.size() > kMaxPrefix) return "prefix must be no more than 253 characters";
  if (!IsSubdomain(prefix)) {
    return "prefix must be a DNS subdomain: lower case alphanumeric characters, '-' or '.', "
           "each label starting and ending with an alphanumeric character";
  }
  if (prefix == kReserved) return "the \"fireworks.ai/\" prefix is reserved";
  return "";
}

std::string NameProblem(std::string_view name) {
  if (name.empty()) return "name must be non-empty";
  if (name.size() > kMaxName) return "name must be no more than 63 characters";
  if (!IsQualifiedName(name)) {
    return "name must consist of alphanumeric characters, '-', '_' or '.', and must start and "
           "end with an alphanumeric character";
  }
  return "";
}

}  // namespace

std::string AnnotationKeyProblem(std::string_view key) {
  const std::size_t slash = key.find('/');
  if (slash == std::string_view::npos) return NameProblem(key);
  if (key.find('/', slash + 1) != std::string_view::npos) {
    return "must be a name with an optional DNS subdomain prefix and one '/' "
           "(e.g. \"example.com/MyName\")";
  }
  std::string problem = PrefixProblem(key.substr(0, slash));
  return problem.empty() ? NameProblem(key.substr(slash + 1)) : problem;
}

std::string AnnotationsProblem(const StringMap& annotations) {
  std::size_t bytes = 0;
  for (const auto& [key, value] : annotations) {
    const std::string problem = AnnotationKeyProblem(key);
    if (!problem.empty()) {
      return "key " +
             nlohmann::json(key).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) +
             ": " + problem;
    }
    bytes += key.size() + value.size();
  }
  if (bytes > kMaxAnnotationBytes) {
    return "keys and values must total at most " + std::to_string(kMaxAnnotationBytes) +
           " bytes, got " + std::to_string(bytes);
  }
  return "";
}

}  // namespace fwmock
