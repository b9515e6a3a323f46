#include "options.h"

#include <algorithm>
#include <charconv>
#include <functional>

#include "option_specs.h"

namespace fwmock {
namespace {

bool Fail(std::string* error, const std::string& what) {
  *error = what;
  return false;
}

// One flag of the command line with its value.
struct FlagValue {
  const Spec* spec;
  std::string value;
};

// Splits the command line into flags and values; checks only the syntax.
bool ReadCommandLine(int argc, const char* const* argv, std::vector<FlagValue>* flags,
                     std::string* error) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "-h") arg = "--help";
    std::string value;
    bool has_value = false;
    if (const std::size_t eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = arg.substr(eq + 1);
      arg.resize(eq);
      has_value = true;
    }
    const Spec* spec = FindSpec(arg);
    if (spec == nullptr) return Fail(error, "unknown option \"" + arg + "\" (see --help)");
    if (spec->takes_value && !has_value) {
      if (i + 1 >= argc) return Fail(error, arg + ": missing value");
      value = argv[++i];
    } else if (!spec->takes_value && has_value) {
      return Fail(error, arg + ": takes no value");
    }
    flags->push_back({spec, std::move(value)});
  }
  return true;
}

bool GivenAsFlag(const Spec& spec, const std::vector<FlagValue>& flags) {
  for (const FlagValue& f : flags) {
    if (f.spec == &spec) return true;
  }
  return false;
}

}  // namespace

bool ParseOptions(int argc, const char* const* argv, const std::map<std::string, std::string>& env,
                  Options* options, std::string* error) {
  std::vector<FlagValue> flags;
  if (!ReadCommandLine(argc, argv, &flags, error)) return false;
  // A variable whose flag is given is not read at all: the flag replaces it, even a bad one.
  for (const Spec& s : Specs()) {
    if (s.env == nullptr || GivenAsFlag(s, flags)) continue;
    const auto it = env.find(s.env);
    if (it != env.end() && !s.apply(it->second, options, error)) {
      *error = std::string(s.env) + ": " + *error;
      return false;
    }
  }
  for (const FlagValue& f : flags) {
    if (!f.spec->apply(f.value, options, error)) return false;
  }
  return true;
}

namespace {

constexpr std::size_t kIndent = 2;
constexpr std::size_t kGap = 2;

std::string PadTo(std::string line, std::size_t column) {
  if (line.size() < column) line.resize(column, ' ');
  return line;
}

std::string FlagText(const Spec& s) {
  if (std::string(s.flag) == "--help") return "-h, --help";
  return std::string(s.flag) + (*s.value_name ? " " : "") + s.value_name;
}

// Where the descriptions and the variables start: after the widest flag and description.
struct Columns {
  std::size_t help = 0;
  std::size_t env = 0;
};

Columns UsageColumns() {
  std::size_t flag_width = 0;
  std::size_t help_width = 0;
  for (const Spec& s : Specs()) {
    flag_width = std::max(flag_width, FlagText(s).size());
    for (const std::string& line : SplitList(s.help, '\n')) {
      help_width = std::max(help_width, line.size());
    }
  }
  const std::size_t help = kIndent + flag_width + kGap;
  return {help, help + help_width + kGap};
}

// One flag's rows: flag, description and variable on the first, the rest below.
std::string UsageRows(const Spec& s, const Columns& at) {
  const std::vector<std::string> help = SplitList(s.help, '\n');
  std::string rows;
  for (std::size_t i = 0; i < help.size() || (i < 2 && *s.env_note); ++i) {
    std::string row = PadTo(i == 0 ? std::string(kIndent, ' ') + FlagText(s) : "", at.help);
    if (i < help.size()) row += help[i];
    const char* env = i == 0 ? (s.env ? s.env : "") : i == 1 ? s.env_note : "";
    if (*env) row = PadTo(row, at.env) + env;
    rows += row.substr(0, row.find_last_not_of(' ') + 1) + "\n";
  }
  return rows;
}

}  // namespace

std::string Usage() {
  const Columns at = UsageColumns();
  std::string text =
      "usage: fwmock [options]\n\nA local fake of the Fireworks AI batch jobs API.\n\n" +
      PadTo("  flag", at.help) + PadTo("what it does", at.env - at.help) +
      "environment variable\n\n";
  for (const Spec& s : Specs()) text += UsageRows(s, at);
  return text +
         "\nFlags win over their variables; a variable whose flag is given is not read.\n"
         "Once ready it prints \"fwmock listening on http://HOST:PORT\" on stdout.\n";
}

}  // namespace fwmock
