#include "logs_lines.h"

#include <algorithm>
#include <charconv>
#include <optional>

namespace fwmock {
namespace {

constexpr auto kPeriod = static_cast<std::uint64_t>(kLogPeriod);

// When the job stopped writing, as seen at `now`; none when nothing says.
std::optional<std::int64_t> RunEnd(const BatchJob& job, std::int64_t now) {
  std::optional<std::int64_t> end = job.end_time;
  if (!end && (job.state == JobState::kRunning || job.state == JobState::kCancelling)) end = now;
  if (!end) end = job.update_time;
  if (!end) return std::nullopt;
  return std::min(*end, now);
}

// The finalizer of splitmix64: a good 64-bit mix.
std::uint64_t Mix(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::uint64_t Fnv1a(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

// A per-job constant in [0, n), the `salt`-th of the job.
std::uint64_t JobConstant(std::uint64_t seed, std::uint64_t salt, std::uint64_t n) {
  return Mix(seed + salt * 0x9e3779b97f4a7c15ULL) % n;
}

const char* const kLearningRates[] = {"1.0e-04", "2.0e-04", "3.0e-04", "5.0e-05", "6.0e-04"};
constexpr std::uint64_t kRankSalt = 0x632be59bd9b4e019;
constexpr std::int64_t kEvalEvery = 720;  // lines: one hour of a run

// Appends to a message without the cost of printf.
class Line {
 public:
  Line& operator<<(std::string_view text) {
    out_.append(text);
    return *this;
  }
  Line& operator<<(std::uint64_t n) {
    char digits[20];
    const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, n);
    out_.append(digits, end);
    return *this;
  }
  // n × 10⁻⁴ with four decimals: 8123 is "0.8123".
  Line& Fixed4(std::uint64_t n) {
    *this << n / 10000;
    const std::uint64_t fraction = n % 10000;
    out_.push_back('.');
    for (std::uint64_t div = 1000; div > 0; div /= 10) out_.push_back(Digit(fraction / div % 10));
    return *this;
  }
  std::string Take() { return std::move(out_); }

 private:
  static char Digit(std::uint64_t d) { return static_cast<char>('0' + d); }
  std::string out_;
};

}  // namespace

std::int32_t LogRankCount(const BatchJob& job) { return std::max(job.num_ranks, 1); }

std::int64_t LogLinesPerRank(const BatchJob& job, std::int64_t now) {
  if (!job.start_time) return 0;
  const std::optional<std::int64_t> end = RunEnd(job, now);
  if (!end || *end <= *job.start_time) return 0;
  // Unsigned, so that no span between two int64 instants overflows.
  const std::uint64_t span =
      static_cast<std::uint64_t>(*end) - static_cast<std::uint64_t>(*job.start_time);
  return static_cast<std::int64_t>((span - 1) / kPeriod + 1);
}

std::int64_t LogLineTime(const BatchJob& job, std::int64_t index) {
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(job.start_time.value_or(0)) +
                                   static_cast<std::uint64_t>(index) * kPeriod);
}

std::int64_t FirstLogLineAtOrAfter(const BatchJob& job, std::int64_t time) {
  const std::int64_t start = job.start_time.value_or(0);
  if (time <= start) return 0;
  const std::uint64_t span = static_cast<std::uint64_t>(time) - static_cast<std::uint64_t>(start);
  return static_cast<std::int64_t>(span / kPeriod + (span % kPeriod != 0 ? 1 : 0));
}

LogWriter::LogWriter(std::string_view job_name) {
  const std::uint64_t seed = Mix(Fnv1a(job_name));
  job_ = {seed,
          1 + JobConstant(seed, 1, 8),
          kLearningRates[JobConstant(seed, 2, std::size(kLearningRates))],
          18000 + JobConstant(seed, 3, 60000),
          1500 + JobConstant(seed, 4, 2000),
          20000 + JobConstant(seed, 5, 15000),
          500 + JobConstant(seed, 6, 1500)};
}

std::string LogWriter::Message(std::int32_t rank, std::int64_t index) const {
  const auto i = static_cast<std::uint64_t>(index);
  const auto r = static_cast<std::uint64_t>(static_cast<std::uint32_t>(rank));
  const std::uint64_t step = i * job_.steps_per_line;
  Line line;
  line << "step " << step << " rank " << r << ": ";
  if (index == 0) return (line << "training started lr=" << job_.learning_rate).Take();
  // The loss ×10⁴: a hyperbolic decay from the initial loss to the floor, ±2% of noise.
  const std::uint64_t noise = Mix(job_.seed ^ Mix(r + kRankSalt) ^ Mix(i));
  const std::uint64_t curve =
      job_.loss_floor + (job_.loss_initial - job_.loss_floor) * job_.decay / (job_.decay + step);
  const std::uint64_t loss = curve - curve / 50 + (noise % 10007) * (curve / 25) / 10007;
  if (index % kEvalEvery == kEvalEvery - 1)
    return (line << "eval loss=").Fixed4(loss + loss / 20).Take();
  line << "loss=";
  line.Fixed4(loss) << " lr=" << job_.learning_rate
                    << " tokens/s=" << job_.tokens_per_second + (noise >> 20) % 4001;
  return line.Take();
}

std::string LogMessage(std::string_view job_name, std::int32_t rank, std::int64_t index) {
  return LogWriter(job_name).Message(rank, index);
}

}  // namespace fwmock
