#include "body_json.h"

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "job_decoder.h"

namespace fwmock {

using nlohmann::json;

namespace {

Status JsonError(const std::string& what) {
  return aipfilter::InvalidArgumentError("invalid JSON: " + what);
}

// The offset of the bracket that opens level max_depth + 1, or npos. Brackets inside strings do
// not count; malformed text is scanned as far as it goes (the parser reports it).
std::size_t TooDeepAt(std::string_view text, std::size_t max_depth) {
  std::size_t depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > max_depth) return i;
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return std::string_view::npos;
}

// nlohmann's message without its prefixes and without the text it last read, which can be as
// long as the body.
std::string ParserMessage(const std::string& what) {
  std::string out = ParseErrorText(what);
  const std::size_t last_read = out.find("; last read: ");
  if (last_read != std::string::npos) out.resize(last_read);
  const std::string kPrefix = "parse error at line ";
  const std::size_t colon = out.find(": ");
  if (out.rfind(kPrefix, 0) == 0 && colon != std::string::npos) out.erase(0, colon + 2);
  return out;
}

std::string Quote(const std::string& s) {
  return json(s).dump(-1, ' ', false, json::error_handler_t::replace);
}

// Builds the JSON tree from parse events, as nlohmann's own DOM parser does, and stops at the
// first key that its object already holds.
class DomBuilder : public nlohmann::json_sax<json> {
 public:
  bool null() override { return Put(json(nullptr)); }
  bool boolean(bool v) override { return Put(json(v)); }
  bool number_integer(number_integer_t v) override { return Put(json(v)); }
  bool number_unsigned(number_unsigned_t v) override { return Put(json(v)); }
  bool number_float(number_float_t v, const string_t&) override { return Put(json(v)); }
  bool string(string_t& v) override { return Put(json(std::move(v))); }
  bool binary(binary_t&) override { return false; }
  bool start_object(std::size_t) override { return Open(json::object()); }
  bool start_array(std::size_t) override { return Open(json::array()); }
  bool end_object() override { return Close(); }
  bool end_array() override { return Close(); }
  bool key(string_t& k) override;
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& e) override;

  json& root() { return root_; }
  const Status& status() const { return status_; }

 private:
  json* Slot();
  bool Put(json value) { return *Slot() = std::move(value), true; }
  bool Open(json value);
  bool Close();
  std::string Path() const;

  json root_;
  std::vector<json*> open_;        // the containers being filled, outermost first
  std::vector<std::string> keys_;  // per open container: its current key ("" in arrays)
  Status status_;
};

// Where the next value goes: the root, the end of the open array or the current key's place.
json* DomBuilder::Slot() {
  if (open_.empty()) return &root_;
  json& top = *open_.back();
  if (top.is_array()) return &top.emplace_back();
  return &top[keys_.back()];
}

bool DomBuilder::Open(json value) {
  json* slot = Slot();
  *slot = std::move(value);
  open_.push_back(slot);
  keys_.emplace_back();
  return true;
}

bool DomBuilder::Close() {
  open_.pop_back();
  keys_.pop_back();
  return true;
}

bool DomBuilder::key(string_t& k) {
  if (open_.back()->contains(k)) {
    keys_.back() = k;
    status_ = JsonError("key " + Quote(Path()) + " given twice");
    return false;
  }
  keys_.back() = std::move(k);
  return true;
}

// The current key as a path: keys joined by '.', array elements as [i].
std::string DomBuilder::Path() const {
  std::string out;
  for (std::size_t i = 0; i < open_.size(); ++i) {
    if (open_[i]->is_array()) {
      out += "[" + std::to_string(open_[i]->size() - 1) + "]";
    } else {
      out += (out.empty() ? "" : ".") + keys_[i];
    }
  }
  return out;
}

bool DomBuilder::parse_error(std::size_t position, const std::string&,
                             const nlohmann::detail::exception& e) {
  const std::size_t offset = position > 0 ? position - 1 : 0;
  status_ = JsonError(ParserMessage(e.what()) + " at offset " + std::to_string(offset));
  return false;
}

}  // namespace

Result<json> ParseBoundedJson(std::string_view text, std::size_t max_depth) {
  const std::size_t deep = TooDeepAt(text, max_depth);
  if (deep != std::string_view::npos) {
    return JsonError("nesting deeper than " + std::to_string(max_depth) + " levels at offset " +
                     std::to_string(deep));
  }
  DomBuilder builder;
  json::sax_parse(text.begin(), text.end(), &builder);
  if (!builder.status().ok()) return builder.status();
  return std::move(builder.root());
}

Result<json> ParseBodyObject(std::string_view text, std::size_t max_depth) {
  if (text.find_first_not_of(" \t\n\r") == std::string_view::npos) return json::object();
  Result<json> parsed = ParseBoundedJson(text, max_depth);
  if (parsed.ok() && !parsed->is_object()) {
    return aipfilter::InvalidArgumentError(std::string("expected a JSON object, got ") +
                                           parsed->type_name());
  }
  return parsed;
}

}  // namespace fwmock
