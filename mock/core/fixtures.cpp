#include "fixtures.h"

#include "field_suggestion.h"
#include "job_decoder.h"
#include "job_validation.h"

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
#include <unordered_map>
#include <utility>

namespace fwmock {

using aipfilter::InvalidArgumentError;
using nlohmann::json;

namespace {

// A whole file, read-only: memory-mapped when it is a regular file, else (a pipe, a FIFO, a
// terminal, or when mmap fails) read into a buffer. "-" is stdin.
class MappedFile {
 public:
  explicit MappedFile(const std::string& path) {
    const bool is_stdin = path == "-";
    const int fd = is_stdin ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      error_ = std::strerror(errno);
      return;
    }
    struct stat st {};
    const bool regular = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    if (regular && st.st_size > 0) Map(fd, static_cast<std::size_t>(st.st_size));
    if (data_ == nullptr) ReadAll(fd);
    if (!is_stdin) ::close(fd);
  }
  ~MappedFile() {
    if (data_ != nullptr) ::munmap(const_cast<char*>(data_), size_);
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  const std::string& error() const { return error_; }
  const char* begin() const { return data_ ? data_ : buffer_.data(); }
  const char* end() const { return begin() + (data_ ? size_ : buffer_.size()); }
  // Whether the bytes are a map of the file, whose pages may be handed back to the kernel.
  bool mapped() const { return data_ != nullptr; }

 private:
  void Map(int fd, std::size_t size) {
    void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) return;
    data_ = static_cast<const char*>(p);
    size_ = size;
  }
  void ReadAll(int fd) {
    char chunk[1 << 16];
    for (;;) {
      const ssize_t n = ::read(fd, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        error_ = std::strerror(errno);
        return;
      }
      if (n == 0) return;
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }

  const char* data_ = nullptr;
  std::size_t size_ = 0;
  std::string buffer_;
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
  // `release`: `p` is in a file map (never a heap buffer, whose pages must stay).
  ReleasingIterator(const char* p, bool release) : p_(p), released_(p), release_(release) {}

  reference operator*() const { return *p_; }
  ReleasingIterator& operator++() {
    if (++p_ - released_ >= kChunk && release_) Release();
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
  bool release_ = false;
};

// Turns one file's parse events into stored jobs, one job at a time: no JSON tree is built.
class FileLoader : public nlohmann::json_sax<json> {
 public:
  // `account`: that of nameless jobs when the document has no "account" of its own.
  FileLoader(std::string path, FixtureSink* sink, std::string account = "")
      : path_(std::move(path)), sink_(sink), account_(std::move(account)) {}

  // One line per unknown key of the jobs loaded so far, with the first job that has it, how
  // many have it, and the field it most likely meant.
  std::vector<std::string> Warnings() const {
    std::vector<std::string> out;
    for (const auto& [key, seen] : unknown_) {
      const std::string closest = ClosestFieldName(key);
      out.push_back(Name() + ": " + seen.first_job + ": unknown field \"" + key + "\" ignored" +
                    (seen.jobs > 1 ? " (in " + std::to_string(seen.jobs) + " jobs)" : "") +
                    (closest.empty() ? "" : "; did you mean \"" + closest + "\"?"));
    }
    return out;
  }

  Status Load() {
    MappedFile file(path_);
    if (!file.error().empty()) return Error("cannot read: " + file.error());
    json::sax_parse(ReleasingIterator(file.begin(), file.mapped()),
                    ReleasingIterator(file.end(), file.mapped()), this);
    if (!status_.ok()) return status_;
    if (!seen_jobs_) return Error("expected a \"batchJobs\" array");
    return AddNameless();
  }

  // The same from a document in memory; `path_` only names it in errors.
  Status LoadText(std::string_view text) {
    json::sax_parse(text.begin(), text.end(), this);
    if (!status_.ok()) return status_;
    if (!seen_jobs_) return Error("expected a \"batchJobs\" array");
    return AddNameless();
  }

  bool null() override { return decoding_ ? Forward(decoder_.Null()) : Scalar("null"); }
  bool boolean(bool v) override {
    return decoding_ ? Forward(decoder_.Bool(v)) : Scalar("boolean");
  }
  bool number_integer(number_integer_t v) override {
    return decoding_ ? Forward(decoder_.Integer(v)) : Scalar("number");
  }
  bool number_unsigned(number_unsigned_t v) override {
    return decoding_ ? Forward(decoder_.Unsigned(v)) : Scalar("number");
  }
  bool number_float(number_float_t v, const string_t&) override {
    return decoding_ ? Forward(decoder_.Float(v)) : Scalar("number");
  }
  bool string(string_t& v) override {
    if (decoding_) return Forward(decoder_.String(v));
    if (depth_ == 1 && key_ == "account") {
      account_ = v;
      return true;
    }
    return Scalar("string");
  }
  bool binary(binary_t&) override { return Scalar("binary"); }
  bool key(string_t& k) override {
    if (decoding_) return Forward(decoder_.Key(k));
    if (depth_ == 1) key_ = k;
    return true;
  }
  bool start_object(std::size_t) override {
    if (decoding_) return Forward(decoder_.StartObject());
    if (depth_ == 2 && in_jobs_) {  // a job: the decoder has it until its closing brace
      decoding_ = true;
      decoder_.Begin();
      return Forward(decoder_.StartObject());
    }
    ++depth_;
    return depth_ != 2 || Top("an object");
  }
  bool end_object() override {
    if (decoding_) return Forward(decoder_.EndObject());
    --depth_;
    return true;
  }
  bool start_array(std::size_t) override {
    if (decoding_) return Forward(decoder_.StartArray());
    ++depth_;
    if (depth_ == 1) return Fail(Error("expected a JSON object with \"batchJobs\""));
    if (depth_ == 2 && key_ == "batchJobs") return in_jobs_ = seen_jobs_ = true;
    if (depth_ == 2) return Top("an array");
    if (depth_ == 3 && in_jobs_) return Fail(Error(Where() + ": expected an object"));
    return true;
  }
  bool end_array() override {
    if (decoding_) return Forward(decoder_.EndArray());
    if (depth_-- == 2) in_jobs_ = false;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
    return Fail(Error("invalid JSON: " + ParseErrorText(e.what())));
  }

 private:
  // A scalar outside any job: fine unless it stands where the file's structure needs more.
  bool Scalar(const char* type) {
    if (depth_ == 0) return Fail(Error("expected a JSON object with \"batchJobs\""));
    if (depth_ == 1) return Top(type);
    if (depth_ == 2 && in_jobs_) return Fail(Error(Where() + ": expected an object"));
    return true;
  }

  // A value of a top-level key: "account" must be a string, "batchJobs" an array.
  bool Top(const char* what) {
    if (depth_ == 1 || depth_ == 2) {
      if (key_ == "account")
        return Fail(Error("\"account\": expected a string, got " + std::string(what)));
      if (key_ == "batchJobs") return Fail(Error("\"batchJobs\": expected an array"));
    }
    return true;
  }

  // Passes on the decoder's verdict and stores the job once its object closes: its writable
  // fields checked as a Create's would be, its unknown keys noted.
  bool Forward(bool ok) {
    if (!ok) return Fail(Error(JobLabel(decoder_.name()) + ": " + decoder_.status().message()));
    if (!decoder_.done()) return true;
    decoding_ = false;
    if (!decoder_.unknown_keys().empty()) NoteUnknownKeys();
    BatchJob job = decoder_.Take();
    if (Status valid = ValidateJob(job, JobSource::kFixture); !valid.ok()) {
      return Fail(Error(JobLabel(job.name) + ": " + valid.message()));
    }
    const std::string where = JobLabel(job.name);
    ++index_;
    if (job.name.empty()) {
      nameless_.emplace_back(where, std::move(job));
      return true;
    }
    return Store(where, std::move(job));
  }

  // The sink's refusal keeps its code (ALREADY_EXISTS for a name already stored).
  bool Store(const std::string& where, BatchJob job, bool nameless = false) {
    const Status added = nameless ? sink_->AddNameless(where, account_, std::move(job))
                                  : sink_->Add(where, std::move(job));
    return added.ok() || Fail(Error(where + ": " + added.message(), added.code()));
  }

  Status AddNameless() {
    for (auto& [where, job] : nameless_) {
      if (account_.empty()) {
        return Error(where + ": no \"name\", and the file has no top-level \"account\"");
      }
      if (!Store(where, std::move(job), true)) return status_;
    }
    return aipfilter::OkStatus();
  }

  void NoteUnknownKeys() {
    for (const std::string& key : decoder_.unknown_keys()) {
      const auto [it, added] = unknown_index_.try_emplace(key, unknown_.size());
      if (added) unknown_.push_back({key, {JobLabel(decoder_.name()), 0}});
      ++unknown_[it->second].second.jobs;
    }
  }

  std::string Where() const { return "batchJobs[" + std::to_string(index_) + "]"; }
  // The job being decoded: its index, and its name if it has one.
  std::string JobLabel(const std::string& name) const {
    return Where() + (name.empty() ? "" : " (" + name + ")");
  }
  std::string Name() const { return path_ == "-" ? "stdin" : path_; }
  Status Error(const std::string& what,
               aipfilter::StatusCode code = aipfilter::StatusCode::kInvalidArgument) const {
    return Status(code, path_.empty() ? what : Name() + ": " + what);
  }
  bool Fail(Status status) {
    if (status_.ok()) status_ = std::move(status);
    return false;
  }

  std::string path_;
  FixtureSink* sink_;
  std::string account_;
  JobDecoder decoder_;
  bool decoding_ = false;  // inside a job object: events go to the decoder
  int depth_ = 0;          // open containers outside the decoder
  bool in_jobs_ = false;   // inside the "batchJobs" array
  bool seen_jobs_ = false;
  std::string key_;  // the last top-level key
  std::size_t index_ = 0;
  std::vector<std::pair<std::string, BatchJob>> nameless_;
  struct UnknownKey {
    std::string first_job;
    std::size_t jobs = 0;
  };
  std::vector<std::pair<std::string, UnknownKey>> unknown_;  // in the order first seen
  std::unordered_map<std::string, std::size_t> unknown_index_;
  Status status_;
};

// Fixtures at start-up: straight into the store, nameless jobs drawing ids from their account.
// Every error of a fixture file is INVALID_ARGUMENT, a duplicate name's included.
class StoreSink : public FixtureSink {
 public:
  explicit StoreSink(JobStore* store) : store_(store) {}
  Status Add(const std::string&, BatchJob job) override {
    const Status added = store_->Add(std::move(job));
    return added.ok() ? added : InvalidArgumentError(added.message());
  }
  Status AddNameless(const std::string& where, const std::string& account, BatchJob job) override {
    job.name = JobName(account, store_->NewId(account));
    return Add(where, std::move(job));
  }

 private:
  JobStore* store_;
};

void Append(std::vector<std::string> lines, std::vector<std::string>* out) {
  out->insert(out->end(), std::make_move_iterator(lines.begin()),
              std::make_move_iterator(lines.end()));
}

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
    } else if (path == "-" || fs::exists(path, ec)) {
      files.push_back(path);
    } else {
      return InvalidArgumentError(path + ": no such file or directory");
    }
  }
  return files;
}

}  // namespace

Status LoadFixtures(const std::vector<std::string>& paths, JobStore* store,
                    std::vector<std::string>* warnings) {
  Result<std::vector<std::string>> files = ExpandPaths(paths);
  if (!files.ok()) return files.status();
  StoreSink sink(store);
  for (const std::string& file : *files) {
    FileLoader loader(file, &sink);
    if (Status s = loader.Load(); !s.ok()) return s;
    if (warnings != nullptr) Append(loader.Warnings(), warnings);
  }
  return aipfilter::OkStatus();
}

Status LoadFixtureText(const std::string& name, std::string_view text, JobStore* store,
                       std::vector<std::string>* warnings) {
  StoreSink sink(store);
  FileLoader loader(name, &sink);
  Status status = loader.LoadText(text);
  if (status.ok() && warnings != nullptr) Append(loader.Warnings(), warnings);
  return status;
}

Status ReadFixtureText(std::string_view text, const std::string& account, FixtureSink* sink) {
  return FileLoader("", sink, account).LoadText(text);
}

}  // namespace fwmock
