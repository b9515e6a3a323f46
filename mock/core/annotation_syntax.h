#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "batch_job.h"

namespace fwmock {

// Keys and values of all annotations together, in bytes, as Kubernetes limits them.
inline constexpr std::size_t kMaxAnnotationBytes = 256 * 1024;

// What is wrong with an annotation key, or "" when nothing is. Kubernetes syntax: an optional
// prefix (a DNS subdomain of at most 253 characters: lower-case labels joined by '.', as the
// Kubernetes documentation says; Kubernetes' own code lower-cases the key first) and '/', then
// a name of 1 to 63 characters of [A-Za-z0-9._-] that begins and ends alphanumeric. The
// "fireworks.ai/" prefix is reserved.
std::string AnnotationKeyProblem(std::string_view key);

// What is wrong with a set of annotations, or "": the first bad key in key order
// (`key "a/b/c": ...`), then the total size.
std::string AnnotationsProblem(const StringMap& annotations);

}  // namespace fwmock
