#include "event_loop.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <thread>
#include <utility>
#include <vector>

namespace fwmock::net {
namespace {

constexpr std::uint64_t kListenerTag = 1ull << 63;
constexpr std::uint64_t kSignalTag = 1ull << 62;
constexpr std::uint64_t kTimerTag = 1ull << 61;
constexpr std::uint64_t kExitTag = 1ull << 60;
constexpr std::uint64_t kDelayTag = 1ull << 59;
constexpr std::uint32_t kGenerationMask = (1u << 28) - 1;
constexpr int kAcceptsPerTurn = 64;

std::uint64_t ConnectionTag(int fd, std::uint32_t generation) {
  return static_cast<std::uint64_t>(generation) << 32 | static_cast<std::uint32_t>(fd);
}

// A connection's events, edge-triggered: registered once, never re-armed after a turn that
// emptied its socket. EPOLLOUT joins once a send has fallen short.
std::uint32_t ConnectionEvents(const Slot& slot) {
  return EPOLLIN | EPOLLRDHUP | EPOLLET | (slot.watching_output ? EPOLLOUT : 0u);
}

// How often the timer looks for connections past their deadline: a quarter of the shortest
// timeout, between 10 ms and 250 ms.
Duration Tick(const Timeouts& t) {
  const Duration shortest = std::min({t.header, t.idle, t.io, t.linger});
  return std::clamp<Duration>(shortest / 4, std::chrono::milliseconds(10),
                              std::chrono::milliseconds(250));
}

bool SetTimer(int fd, Duration period) {
  const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(period).count();
  itimerspec spec{};
  spec.it_interval.tv_sec = static_cast<time_t>(ns / 1000000000);
  spec.it_interval.tv_nsec = static_cast<long>(ns % 1000000000);
  spec.it_value = spec.it_interval;
  return ::timerfd_settime(fd, 0, &spec, nullptr) == 0;
}

// Arms a one-shot timerfd at the monotonic instant `at` (steady_clock is CLOCK_MONOTONIC); an
// instant already past fires at once.
void SetDeadline(int fd, TimePoint at) {
  auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(at.time_since_epoch()).count();
  ns = std::max<std::int64_t>(ns, 1);  // 0 would disarm it
  itimerspec spec{};
  spec.it_value.tv_sec = static_cast<time_t>(ns / 1000000000);
  spec.it_value.tv_nsec = static_cast<long>(ns % 1000000000);
  ::timerfd_settime(fd, TFD_TIMER_ABSTIME, &spec, nullptr);
}

// Reads a timerfd's count or a signalfd's signals (a read takes at least one whole record).
void Drain(int fd) {
  signalfd_siginfo record{};
  while (::read(fd, &record, sizeof record) > 0) {
  }
}

// Whether a read would not block: input, the peer's end of the stream, or an error.
bool Readable(int fd) {
  char byte = 0;
  const ssize_t n = ::recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  return n >= 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR);
}

}  // namespace

EventLoop::EventLoop(int listen_fd, RequestHandler& handler, const ConnectionConfig& config,
                     const ThreadConfig& threads, const sigset_t& stop_signals)
    : listen_fd_(listen_fd),
      handler_(handler),
      config_(config),
      threads_(threads),
      stop_signals_(stop_signals) {
  threads_.count = std::max(threads_.count, 1);
}

EventLoop::~EventLoop() {
  CloseListener();
  for (const int fd : {epoll_fd_, signal_fd_, timer_fd_, exit_fd_, delay_fd_}) {
    if (fd >= 0) ::close(fd);
  }
}

bool EventLoop::Run(std::string* error) {
  if (!SetUp(error)) return false;
  std::vector<std::thread> others;
  for (int i = 1; i < threads_.count; ++i) others.emplace_back([this] { Work(); });
  Work();
  for (std::thread& t : others) t.join();
  return true;
}

bool EventLoop::SetUp(std::string* error) {
  epoll_fd_ = ::epoll_create1(EPOLL_CLOEXEC);
  signal_fd_ = ::signalfd(-1, &stop_signals_, SFD_NONBLOCK | SFD_CLOEXEC);
  timer_fd_ = ::timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
  exit_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  delay_fd_ = ::timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
  if (epoll_fd_ < 0 || signal_fd_ < 0 || timer_fd_ < 0 || exit_fd_ < 0 || delay_fd_ < 0 ||
      !SetTimer(timer_fd_, Tick(config_.timeouts))) {
    *error = std::string("event loop: ") + std::strerror(errno);
    return false;
  }
  Arm(listen_fd_, kListenerTag, EPOLLIN | EPOLLONESHOT, EPOLL_CTL_ADD);
  Arm(signal_fd_, kSignalTag, EPOLLIN, EPOLL_CTL_ADD);
  Arm(timer_fd_, kTimerTag, EPOLLIN | EPOLLONESHOT, EPOLL_CTL_ADD);
  Arm(exit_fd_, kExitTag, EPOLLIN, EPOLL_CTL_ADD);  // level-triggered: wakes every thread
  Arm(delay_fd_, kDelayTag, EPOLLIN | EPOLLONESHOT, EPOLL_CTL_ADD);
  return true;
}

void EventLoop::Arm(int fd, std::uint64_t tag, std::uint32_t events, int op) {
  epoll_event event{};
  event.events = events;
  event.data.u64 = tag;
  ::epoll_ctl(epoll_fd_, op, fd, &event);
}

// One event at a time: a thread never holds events that another, idle, thread could serve. An
// event that the thread had to sleep for says there is CPU to spare: its turn may stay with
// the connection (StayWith), where one that was ready at once goes back for the next.
void EventLoop::Work() {
  while (!exit_.load()) {
    epoll_event event{};
    int n = ::epoll_wait(epoll_fd_, &event, 1, 0);
    const bool slept = n == 0;
    if (slept) n = ::epoll_wait(epoll_fd_, &event, 1, 1000);
    if (n == 1) Dispatch(event.data.u64, event.events, slept);
  }
}

void EventLoop::Dispatch(std::uint64_t tag, std::uint32_t events, bool may_stay) {
  if (tag == kListenerTag) return Accept();
  if (tag == kSignalTag) {
    Drain(signal_fd_);
    return Stop();
  }
  if (tag == kTimerTag) {
    Drain(timer_fd_);
    Sweep();
    return Arm(timer_fd_, kTimerTag, EPOLLIN | EPOLLONESHOT, EPOLL_CTL_MOD);
  }
  if (tag == kExitTag) return exit_.store(true);
  if (tag == kDelayTag) return ReleaseDelays();
  Serve(static_cast<int>(tag & 0xffffffffu), static_cast<std::uint32_t>(tag >> 32), events,
        /*due=*/false, may_stay);
}

void EventLoop::Accept() {
  std::lock_guard<std::mutex> lock(listener_mu_);
  if (listen_fd_ < 0) return;
  for (int i = 0; i < kAcceptsPerTurn; ++i) {
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd >= 0) {
      Adopt(fd);
      continue;
    }
    if (errno == EINTR || errno == ECONNABORTED) continue;
    if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
      accept_paused_.store(true);  // the timer arms the listener again
      return;
    }
    break;
  }
  Arm(listen_fd_, kListenerTag, EPOLLIN | EPOLLONESHOT, EPOLL_CTL_MOD);
}

void EventLoop::Adopt(int fd) {
  Slot* slot = table_.Make(fd);
  if (slot == nullptr) {
    ::close(fd);
    return;
  }
  const int yes = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
  auto connection =
      std::make_unique<Connection>(fd, config_, handler_, std::chrono::steady_clock::now());
  std::lock_guard<std::mutex> lock(slot->mu);
  slot->generation = (slot->generation + 1) & kGenerationMask;
  slot->busy = false;
  slot->pending = false;
  slot->watching_output = false;
  slot->connection = std::move(connection);
  live_.fetch_add(1);
  Arm(fd, ConnectionTag(fd, slot->generation), ConnectionEvents(*slot), EPOLL_CTL_ADD);
}

void EventLoop::Serve(int fd, std::uint32_t generation, std::uint32_t events, bool due,
                      bool may_stay) {
  Slot* slot = table_.Find(fd);
  if (slot == nullptr) return;
  Connection* connection = nullptr;
  bool missed = false;
  {
    std::lock_guard<std::mutex> lock(slot->mu);
    if (slot->connection == nullptr || slot->generation != generation) return;
    if (slot->busy || (slot->connection->delaying() && !due)) {
      slot->pending = true;  // whoever has it, or its delay, looks again when done
      return;
    }
    slot->busy = true;
    missed = std::exchange(slot->pending, false);  // during a delay: this turn reads it all
    connection = slot->connection.get();
  }
  const bool read_to_end = missed || (events & (EPOLLRDHUP | EPOLLHUP | EPOLLERR)) != 0;
  const std::size_t answered_before = connection->answered();
  Wait wait = connection->OnReady(stopping_.load(), std::chrono::steady_clock::now(), read_to_end);
  if (may_stay && wait == Wait::kRead && connection->answered() != answered_before) {
    wait = StayWith(*slot, fd, generation, *connection);
  }
  std::lock_guard<std::mutex> lock(slot->mu);
  slot->busy = false;
  Release(*slot, fd, wait);
}

Wait EventLoop::StayWith(Slot& slot, int fd, std::uint32_t generation, Connection& connection) {
  // Another thread staying is seen without a system call; the exchange settles a race for it.
  if (threads_.busy_poll <= Duration::zero() || staying_.load() || OthersReady() ||
      staying_.exchange(true)) {
    return Wait::kRead;
  }
  const std::uint64_t tag = ConnectionTag(fd, generation);
  Arm(fd, tag, 0, EPOLL_CTL_MOD);  // its input wakes no thread meanwhile
  Wait wait = Wait::kRead;
  auto now = std::chrono::steady_clock::now();
  auto until = now + threads_.busy_poll;
  while (wait == Wait::kRead && now < until) {
    if (stopping_.load() || OthersReady()) break;
    if (Readable(fd)) {
      const std::size_t answered = connection.answered();
      wait = connection.OnReady(false, now);
      if (connection.answered() != answered) until = now + threads_.busy_poll;
    }
    now = std::chrono::steady_clock::now();
  }
  staying_.store(false);
  // Registered again, which also looks at the socket: input that came since queues an event.
  if (wait != Wait::kClose) {
    std::lock_guard<std::mutex> lock(slot.mu);
    Arm(fd, tag, ConnectionEvents(slot), EPOLL_CTL_MOD);
  }
  return wait;
}

bool EventLoop::OthersReady() const {
  pollfd set{epoll_fd_, POLLIN, 0};
  return ::poll(&set, 1, 0) != 0;
}

void EventLoop::Release(Slot& slot, int fd, Wait wait) {
  if (wait == Wait::kRead && stopping_.load()) wait = Wait::kClose;  // nothing in flight
  if (wait == Wait::kDelay) return Delay(fd, slot.generation, slot.connection->deadline());
  if (wait != Wait::kClose) {
    // An edge may have been missed: one that came during the turn, input the turn left unread,
    // or room to send before EPOLLOUT was watched. Modifying the registration looks at the
    // socket's state again, and queues an event if it is ready.
    bool look_again = std::exchange(slot.pending, false);
    if (wait == Wait::kRead) look_again |= slot.connection->input_left();
    if (wait == Wait::kWrite && !slot.watching_output) {
      slot.watching_output = true;
      look_again = true;
    }
    if (!look_again) return;
    return Arm(fd, ConnectionTag(fd, slot.generation), ConnectionEvents(slot), EPOLL_CTL_MOD);
  }
  slot.connection.reset();  // closes the socket, which leaves the epoll set
  slot.generation = (slot.generation + 1) & kGenerationMask;
  if (live_.fetch_sub(1) == 1) ExitIfDone();
}

// Closes the connections past their deadline; when stopping, every one not sending an answer.
void EventLoop::Sweep() {
  const auto now = std::chrono::steady_clock::now();
  const bool stopping = stopping_.load();
  for (int fd = 0, highest = table_.highest(); fd <= highest; ++fd) {
    Slot* slot = table_.Find(fd);
    if (slot == nullptr) continue;
    std::lock_guard<std::mutex> lock(slot->mu);
    Connection* connection = slot->connection.get();
    if (connection == nullptr || slot->busy || connection->delaying()) continue;
    const bool late = now >= connection->deadline();
    if (!late && !(stopping && !connection->sending())) continue;
    if (late) connection->OnTimeout();
    Release(*slot, fd, Wait::kClose);
  }
  if (accept_paused_.exchange(false) && !stopping) {
    std::lock_guard<std::mutex> lock(listener_mu_);
    if (listen_fd_ >= 0) Arm(listen_fd_, kListenerTag, EPOLLIN | EPOLLONESHOT, EPOLL_CTL_MOD);
  }
}

void EventLoop::Delay(int fd, std::uint32_t generation, TimePoint at) {
  std::lock_guard<std::mutex> lock(delays_mu_);
  delays_.push({at, fd, generation});
  ArmDelayTimer();
}

void EventLoop::ArmDelayTimer() {
  if (delays_.empty()) return;
  SetDeadline(delay_fd_, stopping_.load() ? TimePoint() : delays_.top().at);
}

void EventLoop::ReleaseDelays() {
  Drain(delay_fd_);
  std::vector<Delayed> due;
  {
    std::lock_guard<std::mutex> lock(delays_mu_);
    const auto now = std::chrono::steady_clock::now();
    const bool stopping = stopping_.load();
    while (!delays_.empty() && (stopping || delays_.top().at <= now)) {
      due.push_back(delays_.top());
      delays_.pop();
    }
    ArmDelayTimer();
  }
  Arm(delay_fd_, kDelayTag, EPOLLIN | EPOLLONESHOT, EPOLL_CTL_MOD);
  for (const Delayed& d : due) Serve(d.fd, d.generation, 0, /*due=*/true);
}

void EventLoop::Stop() {
  if (stopping_.exchange(true)) return;
  CloseListener();
  {
    std::lock_guard<std::mutex> lock(delays_mu_);
    ArmDelayTimer();  // held answers go now
  }
  Sweep();
  ExitIfDone();
}

void EventLoop::CloseListener() {
  std::lock_guard<std::mutex> lock(listener_mu_);
  if (listen_fd_ < 0) return;
  ::close(listen_fd_);
  listen_fd_ = -1;
}

void EventLoop::ExitIfDone() {
  if (!stopping_.load() || live_.load() > 0) return;
  const std::uint64_t one = 1;
  [[maybe_unused]] const ssize_t n = ::write(exit_fd_, &one, sizeof one);
}

}  // namespace fwmock::net
