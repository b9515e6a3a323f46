#pragma once

#include <string_view>

#include "aipfilter/ast.h"
#include "aipfilter/parser.h"
#include "aipfilter/program.h"
#include "aipfilter/schema.h"
#include "aipfilter/status.h"

namespace aipfilter {

// Checks a parsed filter against `schema` and compiles it. Every field must resolve (snake or
// camel spelling), every literal must parse as the field's type, every comparator must be
// defined for it; there are no functions. Errors are INVALID_ARGUMENT with the offset of the
// offending token. Whether a filter is valid never depends on data.
Result<Program> Check(const Ast& ast, const Schema& schema);

// Parse, then Check.
Result<Program> Compile(std::string_view filter, const Schema& schema,
                        const ParseOptions& options = {});

}  // namespace aipfilter
