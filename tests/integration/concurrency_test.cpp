// Writers create, cancel, delete and batch-delete jobs and move the clock while readers page
// through List: every walk sees each surviving job once, and every page is one snapshot.
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <limits>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "job_helpers.h"

namespace fwmock_test {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr int kBase = 40;     // never touched
constexpr int kPairs = 30;    // batch-deleted two by two
constexpr int kCancels = 30;  // cancelled one by one
constexpr int kCreates = 45;  // created during the run; every third deleted again
constexpr int kMaxWalks = 12;

std::string Label(const char* kind, int i, const char* suffix = "") {
  char text[40];
  std::snprintf(text, sizeof text, "%s-%03d%s", kind, i, suffix);
  return text;
}

// What the test itself knows of each job, and what it saw go wrong (Catch2 asserts only on the
// main thread: the other threads write here).
class Book {
 public:
  void Created(const std::string& name, const std::string& label, Clock::time_point at) {
    std::lock_guard<std::mutex> lock(mu_);
    jobs_[name] = {label, at, Clock::time_point::max()};
  }
  void DeleteSent(const std::string& name, Clock::time_point at) {
    std::lock_guard<std::mutex> lock(mu_);
    jobs_[name].delete_sent = at;
  }
  // The names that existed for the whole of [start, end].
  std::set<std::string> Throughout(Clock::time_point start, Clock::time_point end) {
    std::lock_guard<std::mutex> lock(mu_);
    std::set<std::string> out;
    for (const auto& [name, job] : jobs_)
      if (job.created < start && job.delete_sent > end) out.insert(name);
    return out;
  }
  void Fail(const std::string& what) {
    std::lock_guard<std::mutex> lock(mu_);
    if (failures_.size() < 25) failures_.push_back(what);
    ++failure_count_;
  }
  std::vector<std::string> failures() {
    std::lock_guard<std::mutex> lock(mu_);
    return failures_;
  }
  int failure_count() {
    std::lock_guard<std::mutex> lock(mu_);
    return failure_count_;
  }
  // A pair seen side by side on a page, both DELETING or both not.
  void SawPair(bool deleting) { ++(deleting ? deleting_pairs_ : live_pairs_); }
  int deleting_pairs() const { return deleting_pairs_; }
  int live_pairs() const { return live_pairs_; }

 private:
  struct Job {
    std::string label;
    Clock::time_point created;
    Clock::time_point delete_sent;
  };
  std::mutex mu_;
  std::map<std::string, Job> jobs_;
  std::vector<std::string> failures_;
  int failure_count_ = 0;
  std::atomic<int> deleting_pairs_{0};
  std::atomic<int> live_pairs_{0};
};

// Paces the writers by the readers' progress, so that writes fall inside walks: step i of a
// writer waits for i pages read (or for the readers to stop). Waiting, not sleeping.
class Pacer {
 public:
  void PageRead() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      ++pages_;
    }
    cv_.notify_all();
  }
  void ReadersDone() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      readers_done_ = true;
    }
    cv_.notify_all();
  }
  void WaitForPages(int pages) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return pages_ >= pages || readers_done_; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int pages_ = 0;
  bool readers_done_ = false;
};

std::string Pairing(const std::string& label) {  // "pair-007-b" -> "pair-007-a", "" if none
  if (label.rfind("pair-", 0) != 0 || label.size() != 10) return "";
  return label.substr(0, 9) + (label[9] == 'a' ? "b" : "a");
}

// One page as one snapshot: the two jobs of a pair are side by side, in the same state.
void CheckPage(const json& page, Book* book, const std::string& where) {
  const json& jobs = page.at("batchJobs");
  if (page.value("totalSize", -1) < static_cast<int>(jobs.size()) ||
      page.value("totalSize", -1) < kBase + kCancels)
    book->Fail(where + ": totalSize " + std::to_string(page.value("totalSize", -1)) + " with " +
               std::to_string(jobs.size()) + " jobs");
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    const std::string label = jobs[i].value("displayName", "");
    const std::string mate = Pairing(label);
    if (mate.empty()) continue;
    const bool first = label.back() == 'a';
    if (first ? i + 1 == jobs.size() : i == 0) continue;  // the mate may be on the next page
    const json& next = jobs[first ? i + 1 : i - 1];
    if (next.value("displayName", "") != mate) {
      book->Fail(where + ": " + label + " without " + mate + " beside it");
    } else if ((jobs[i].value("state", "") == "DELETING") !=
               (next.value("state", "") == "DELETING")) {
      book->Fail(where + ": " + label + " is " + jobs[i].value("state", "") + " but " + mate +
                 " is " + next.value("state", ""));
    } else if (first) {
      book->SawPair(jobs[i].value("state", "") == "DELETING");
    }
  }
}

// One walk of the whole listing by display_name; checks every page and the walk.
void Walk(ApiClient& client, int page_size, const std::set<std::string>& base, Book* book,
          Pacer* pacer) {
  const Clock::time_point start = Clock::now();
  std::vector<std::string> names;
  std::vector<std::string> labels;
  std::string token;
  for (int i = 0; i < 1000; ++i) {
    std::string query = "orderBy=display_name&pageSize=" + std::to_string(page_size);
    if (!token.empty()) query += "&pageToken=" + UrlEncode(token);
    const HttpResult page = client.List("acme", query);
    const std::string where = "page " + std::to_string(i) + " of size " + std::to_string(page_size);
    if (page.status != 200 || !page.json.is_object() || !page.json.contains("batchJobs")) {
      return book->Fail(where + ": " + std::to_string(page.status) + " " + page.body);
    }
    CheckPage(page.json, book, where);
    if (pacer != nullptr) pacer->PageRead();
    for (const json& job : page.json.at("batchJobs")) {
      names.push_back(job.value("name", ""));
      labels.push_back(job.value("displayName", ""));
    }
    token = page.json.value("nextPageToken", "");
    if (token.empty()) break;
  }
  const Clock::time_point end = Clock::now();
  for (std::size_t i = 1; i < labels.size(); ++i)
    if (!(labels[i - 1] < labels[i]))
      book->Fail("walk: " + labels[i - 1] + " before " + labels[i] + " (repeat or disorder)");
  std::map<std::string, int> seen;
  for (const std::string& name : names) ++seen[name];
  for (const auto& [name, count] : seen)
    if (count != 1) book->Fail("walk: " + name + " seen " + std::to_string(count) + " times");
  std::set<std::string> must = book->Throughout(start, end);
  must.insert(base.begin(), base.end());
  for (const std::string& name : must)
    if (seen.count(name) == 0) book->Fail("walk: " + name + " existed throughout but is missing");
}

TEST_CASE("Concurrent writers never make a List walk skip repeat or mix versions of jobs",
          "[jobs][concurrency]") {
  ManualServer server({"--lifecycle",
                       "creating=1s,pending=2s,running=10s,cancelling=5s,"
                       "deleting=30s",
                       "--threads", "8"});
  ApiClient setup(server.process());
  Book book;
  std::set<std::string> base;
  std::vector<std::pair<std::string, std::string>> pairs;
  std::vector<std::string> cancels;
  const auto create = [&](const std::string& label) {
    const std::string name =
        MustCreate(setup, "acme", {{"nodePoolId", "p"}, {"displayName", label}}).at("name");
    book.Created(name, label, Clock::time_point::min());
    return name;
  };
  for (int i = 0; i < kBase; ++i) base.insert(create(Label("base", i)));
  for (int i = 0; i < kPairs; ++i)
    pairs.emplace_back(create(Label("pair", i, "-a")), create(Label("pair", i, "-b")));
  for (int i = 0; i < kCancels; ++i) cancels.push_back(create(Label("cancel", i)));

  Pacer pacer;
  std::atomic<int> readers_left{2};
  std::atomic<int> writers_left{4};
  std::vector<std::thread> threads;
  threads.emplace_back([&] {  // batch-deletes the pairs
    ApiClient client(server.process());
    for (std::size_t i = 0; i < pairs.size(); ++i) {
      pacer.WaitForPages(static_cast<int>(4 * i));
      const auto& [a, b] = pairs[i];
      book.DeleteSent(a, Clock::now());
      book.DeleteSent(b, Clock::now());
      const HttpResult r = BatchDelete(client, "acme", {{"names", {a, b}}});
      if (r.status != 200) book.Fail("batchDelete: " + std::to_string(r.status) + " " + r.body);
    }
    --writers_left;
  });
  threads.emplace_back([&] {  // creates jobs and deletes every third
    ApiClient client(server.process());
    std::vector<std::string> mine;
    for (int i = 0; i < kCreates; ++i) {
      pacer.WaitForPages(i);
      const std::string label = Label("new", i);
      const HttpResult r = CreateJob(client, "acme", {{"nodePoolId", "p"}, {"displayName", label}});
      if (r.status != 200) {
        book.Fail("create: " + std::to_string(r.status) + " " + r.body);
        continue;
      }
      book.Created(r.json.value("name", ""), label, Clock::now());
      mine.push_back(r.json.value("name", ""));
      if (i % 3 == 2) {
        book.DeleteSent(mine[mine.size() - 2], Clock::now());
        const HttpResult d = DeleteJob(client, mine[mine.size() - 2]);
        if (d.status != 200) book.Fail("delete: " + std::to_string(d.status) + " " + d.body);
      }
    }
    --writers_left;
  });
  threads.emplace_back([&] {  // cancels
    ApiClient client(server.process());
    for (std::size_t i = 0; i < cancels.size(); ++i) {
      pacer.WaitForPages(static_cast<int>(2 * i));
      const std::string& name = cancels[i];
      const HttpResult r = CancelJob(client, name);
      if (r.status != 200 && !(r.status == 400 && r.Code() == 9))
        book.Fail("cancel: " + std::to_string(r.status) + " " + r.body);
    }
    --writers_left;
  });
  threads.emplace_back([&] {  // moves the clock: deleted jobs go, others change state
    ApiClient client(server.process());
    for (int i = 0; i < 60; ++i) {
      pacer.WaitForPages(i);
      const HttpResult r = ClockAdvanceRequest(client, R"({"seconds": 1})");
      if (r.status != 200) book.Fail("advance: " + std::to_string(r.status) + " " + r.body);
    }
    --writers_left;
  });
  std::atomic<int> walks{0};
  for (const int first_size : {3, 4}) {
    threads.emplace_back([&, first_size] {
      ApiClient client(server.process());
      for (int i = 0; i < kMaxWalks && (i < 2 || writers_left > 0); ++i) {
        Walk(client, first_size + 2 * (i % 3), base, &book, &pacer);
        ++walks;
      }
      if (--readers_left == 0) pacer.ReadersDone();
    });
  }
  for (std::thread& t : threads) t.join();

  INFO(book.failure_count() << " failures; the first: " << json(book.failures()).dump(1));
  CHECK(book.failure_count() == 0);
  CHECK(walks >= 4);
  // The walks ran while the pairs went: some pages showed pairs still there, some deleting.
  CHECK(book.live_pairs() > 0);
  CHECK(book.deleting_pairs() > 0);
  Walk(setup, 50, base, &book, nullptr);
  CHECK(book.failure_count() == 0);
  for (const auto& [a, b] : pairs) {
    CHECK(StateOf(setup, a) == StateOf(setup, b));
    CHECK((StateOf(setup, a) == "DELETING" || StateOf(setup, a) == "<gone>"));
  }
  Advance(setup, 30);
  const int left = kBase + kCancels + kCreates - kCreates / 3;
  CHECK(setup.List("acme").json.value("totalSize", -1) == left);
  for (const std::string& name : cancels)
    CHECK((StateOf(setup, name) == "CANCELLED" || StateOf(setup, name) == "COMPLETED"));
}

}  // namespace
}  // namespace fwmock_test
