#include "read_mask.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "text.h"

namespace fwmock {

using aipfilter::FieldType;

namespace {

Status MaskError(const std::string& what) {
  return aipfilter::InvalidArgumentError("invalid readMask: " + what);
}

Result<std::vector<const JobField*>> ResolvePath(std::string_view path) {
  std::vector<const JobField*> out;
  for (std::string_view segment : Split(path, '.')) {
    if (segment.empty()) return MaskError("empty field name in \"" + std::string(path) + "\"");
    const JobField* parent = out.empty() ? nullptr : out.back();
    if (parent != nullptr && parent->type != FieldType::kMessage) {
      return MaskError("cannot select inside " + std::string(FieldTypeName(parent->type)) +
                       " field \"" + parent->name + "\"");
    }
    const JobField* field = FindJobField(parent ? parent->id : 0, segment);
    if (field == nullptr) return MaskError("unknown field \"" + std::string(path) + "\"");
    out.push_back(field);
  }
  return out;
}

}  // namespace

Result<ReadMask> ParseReadMask(std::string_view text) {
  ReadMask mask;
  text = Trim(text);
  if (text.empty() || text == "*") return mask;
  mask.all = false;
  for (std::string_view item : Split(text, ',')) {
    if (item == "*") return MaskError("\"*\" cannot be combined with other paths");
    if (item.empty()) return MaskError("empty path");
    Result<std::vector<const JobField*>> path = ResolvePath(item);
    if (!path.ok()) return path.status();
    mask.paths.push_back(std::move(*path));
  }
  return mask;
}

std::string ReadMask::Canonical() const {
  std::vector<std::string> names;
  for (const auto& path : paths) {
    std::string name;
    for (const JobField* f : path) name += (name.empty() ? "" : ".") + std::string(f->name);
    names.push_back(std::move(name));
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ",") + n;
  return out;
}

nlohmann::json Project(const ReadMask& mask, const nlohmann::json& full) {
  if (mask.all) return full;
  nlohmann::json out = nlohmann::json::object();
  for (const auto& path : mask.paths) {
    const nlohmann::json* from = &full;
    nlohmann::json* to = &out;
    for (std::size_t i = 0; i < path.size(); ++i) {
      const auto it = from->find(path[i]->json_name);
      if (it == from->end()) break;  // unset timestamp or message: stays omitted
      if (i + 1 == path.size()) {
        (*to)[path[i]->json_name] = *it;
        break;
      }
      nlohmann::json& next = (*to)[path[i]->json_name];
      if (!next.is_object()) next = nlohmann::json::object();
      from = &*it;
      to = &next;
    }
  }
  return out;
}

}  // namespace fwmock
