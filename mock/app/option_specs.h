// The table of fwmock's options: each flag, its environment variable, its help text and how a
// value is applied to Options. options.cpp reads the command line and environment through it.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "options.h"

namespace fwmock {

// One option: its flag, its environment variable, and how a value is applied.
struct Spec {
  const char* flag;
  const char* env;
  bool takes_value;
  std::function<bool(const std::string& value, Options* o, std::string* error)> apply;
  const char* value_name;  // in the usage text: "--port PORT"; "" for a flag without a value
  const char* help;        // '\n' between the lines of the description column
  const char* env_note;    // under the variable: its list separator or accepted values
};

// The non-empty items of `text` between `sep`s.
std::vector<std::string> SplitList(const std::string& text, char sep);
// Every option, in --help order.
const std::vector<Spec>& Specs();
// The option of that flag, or nullptr.
const Spec* FindSpec(const std::string& flag);

}  // namespace fwmock
