#pragma once

#include <string>

#include "aipfilter/parser.h"
#include "aipfilter/printer.h"

namespace aipfilter {

// The canonical print of `filter`, or "error: <description>" so a failing row shows why.
inline std::string ParseAndPrint(const std::string& filter, const ParseOptions& options = {}) {
  Result<Ast> ast = Parse(filter, options);
  if (!ast.ok()) return "error: " + ast.status().Describe();
  return Print(*ast);
}

}  // namespace aipfilter
