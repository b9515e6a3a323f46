#include "fixtures.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <iterator>
#include <nlohmann/json.hpp>
#include <utility>

namespace fwmock {

using aipfilter::InvalidArgumentError;
using nlohmann::json;

namespace {

// A read-only memory map of a whole file.
class MappedFile {
 public:
  explicit MappedFile(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      error_ = std::strerror(errno);
      return;
    }
    struct stat st {};
    if (::fstat(fd, &st) == 0 && st.st_size > 0) {
      size_ = static_cast<std::size_t>(st.st_size);
      void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
      if (p == MAP_FAILED) {
        error_ = std::strerror(errno);
        size_ = 0;
      } else {
        data_ = static_cast<const char*>(p);
      }
    }
    ::close(fd);
  }
  ~MappedFile() {
    if (data_ != nullptr) ::munmap(const_cast<char*>(data_), size_);
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  const std::string& error() const { return error_; }
  const char* begin() const { return data_ ? data_ : ""; }
  const char* end() const { return begin() + size_; }

 private:
  const char* data_ = nullptr;
  std::size_t size_ = 0;
  std::string error_;
};

// Walks a mapped file for the JSON parser and hands the pages it has passed back to the kernel,
// so that loading a 700 MB file does not keep 700 MB of it resident.
class ReleasingIterator {
 public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  ReleasingIterator() = default;
  explicit ReleasingIterator(const char* p) : p_(p), released_(p) {}

  reference operator*() const { return *p_; }
  ReleasingIterator& operator++() {
    if (++p_ - released_ >= kChunk) Release();
    return *this;
  }
  ReleasingIterator operator++(int) {
    ReleasingIterator before = *this;
    ++*this;
    return before;
  }
  bool operator==(const ReleasingIterator& o) const { return p_ == o.p_; }
  bool operator!=(const ReleasingIterator& o) const { return p_ != o.p_; }

 private:
  static constexpr std::ptrdiff_t kChunk = 32 << 20;
  void Release() {
    const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
    const auto from = reinterpret_cast<std::uintptr_t>(released_) & ~(page - 1);
    const auto to = reinterpret_cast<std::uintptr_t>(p_) & ~(page - 1);
    if (to > from) ::madvise(reinterpret_cast<void*>(from), to - from, MADV_DONTNEED);
    released_ = p_;
  }

  const char* p_ = nullptr;
  const char* released_ = nullptr;
};

struct Abort {};  // unwinds the JSON parser after the first error; never leaves this file

// Turns one file's parse events into stored jobs.
class FileLoader {
 public:
  FileLoader(std::string path, IdGenerator* ids, JobStore* store)
      : path_(std::move(path)), ids_(ids), store_(store) {}

  Status Load() {
    MappedFile file(path_);
    if (!file.error().empty()) return Error("cannot read: " + file.error());
    try {
      json::parser_callback_t callback = [this](int depth, json::parse_event_t event, json& v) {
        return OnEvent(depth, event, v);
      };
      const json top =
          json::parse(ReleasingIterator(file.begin()), ReleasingIterator(file.end()), callback);
      if (!top.is_object()) return Error("expected a JSON object with \"batchJobs\"");
      if (!seen_jobs_) return Error("expected a \"batchJobs\" array");
      return AddNameless();
    } catch (const json::parse_error& e) {
      return Error("invalid JSON: " + StripPrefix(e.what()));
    } catch (const Abort&) {
      return status_;
    }
  }

 private:
  using Event = json::parse_event_t;

  bool OnEvent(int depth, Event event, json& value) {
    if (depth == 1 && event == Event::key) {
      key_ = value.get<std::string>();
      return true;
    }
    if (depth == 1 && key_ == "account" && event == Event::value) {
      if (!value.is_string()) Fail(Error("\"account\": expected a string"));
      account_ = value.get<std::string>();
    }
    if (key_ != "batchJobs") return true;
    if (depth == 1 && event == Event::array_start) seen_jobs_ = true;
    if (depth == 1 && (event == Event::value || event == Event::object_start)) {
      Fail(Error("\"batchJobs\": expected an array"));
    }
    if (depth == 2 && (event == Event::value || event == Event::array_start)) {
      Fail(Error(Where() + ": expected an object"));
    }
    if (depth == 2 && event == Event::object_end) {
      AddJob(value);
      return false;  // drop the job's JSON from the tree: it is stored now
    }
    return true;
  }

  void AddJob(const json& value) {
    const std::string where = Where();
    ++index_;
    Result<BatchJob> job = JobFromJson(value);
    if (!job.ok()) {
      const auto name = value.find("name");
      const std::string label =
          name != value.end() && name->is_string() ? " (" + name->get<std::string>() + ")" : "";
      Fail(Error(where + label + ": " + job.status().message()));
    }
    if (job->name.empty()) {
      nameless_.emplace_back(where, std::move(*job));
      return;
    }
    Store(where, std::move(*job));
  }

  void Store(const std::string& where, BatchJob job) {
    const Status added = store_->Add(std::move(job));
    if (!added.ok()) Fail(Error(where + ": " + added.message()));
  }

  Status AddNameless() {
    try {
      for (auto& [where, job] : nameless_) {
        if (account_.empty()) {
          return Error(where + ": no \"name\", and the file has no top-level \"account\"");
        }
        job.name = JobName(account_, ids_->Next());
        Store(where, std::move(job));
      }
    } catch (const Abort&) {
      return status_;
    }
    return aipfilter::OkStatus();
  }

  std::string Where() const { return "batchJobs[" + std::to_string(index_) + "]"; }

  Status Error(const std::string& what) const { return InvalidArgumentError(path_ + ": " + what); }

  [[noreturn]] void Fail(Status status) {
    status_ = std::move(status);
    throw Abort{};
  }

  static std::string StripPrefix(std::string what) {
    const std::size_t close = what.find("] ");
    return what.rfind("[json.exception", 0) == 0 && close != std::string::npos
               ? what.substr(close + 2)
               : what;
  }

  std::string path_;
  IdGenerator* ids_;
  JobStore* store_;
  std::string key_;
  std::string account_;
  bool seen_jobs_ = false;
  std::size_t index_ = 0;
  std::vector<std::pair<std::string, BatchJob>> nameless_;
  Status status_;
};

Result<std::vector<std::string>> ExpandPaths(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<std::string> found;
      for (const auto& entry : fs::recursive_directory_iterator(path, ec)) {
        if (entry.is_regular_file(ec) && entry.path().extension() == ".json") {
          found.push_back(entry.path().string());
        }
      }
      if (ec) return InvalidArgumentError(path + ": cannot list: " + ec.message());
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(path, ec)) {
      files.push_back(path);
    } else {
      return InvalidArgumentError(path + ": no such file or directory");
    }
  }
  return files;
}

}  // namespace

Status LoadFixtures(const std::vector<std::string>& paths, IdGenerator* ids, JobStore* store) {
  Result<std::vector<std::string>> files = ExpandPaths(paths);
  if (!files.ok()) return files.status();
  for (const std::string& file : *files) {
    if (Status s = FileLoader(file, ids, store).Load(); !s.ok()) return s;
  }
  return aipfilter::OkStatus();
}

}  // namespace fwmock
