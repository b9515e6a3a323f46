#pragma once

#include <signal.h>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <queue>
#include <string>
#include <vector>

#include "connection_config.h"
#include "connection_table.h"
#include "request_handler.h"

namespace fwmock::net {

// fwmock's connection layer: one epoll set holding the listening socket, every accepted
// connection, the stop signals and a timer, and a few threads that all wait on it. A ready
// connection is served by the thread that got its event, which answers every complete request
// buffered and lets the connection go: an idle or slow connection owns no thread. Connections
// are edge-triggered, registered once: a turn that empties its socket costs no epoll_ctl, and
// an event for a connection another thread is serving is noted (Slot::pending) for that thread
// to look again. The timer closes connections past their deadline. A connection holding a
// delayed answer waits in a heap of deadlines behind a second timer, which hands it back to a
// thread when its answer is due: a delay owns no thread either. A thread that has just answered
// stays a little with its connection (ThreadConfig::busy_poll), one thread at a time.
class EventLoop {
 public:
  // Takes `listen_fd` (from Listen). `stop_signals` must be blocked in every thread already.
  EventLoop(int listen_fd, RequestHandler& handler, const ConnectionConfig& config,
            const ThreadConfig& threads, const sigset_t& stop_signals);
  ~EventLoop();
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  // Serves on `threads` threads, the caller's among them, until a stop signal: then it stops
  // accepting, closes idle connections, lets answers being given finish, and returns once every
  // connection is closed. False with `*error` set if the loop could not be set up.
  bool Run(std::string* error);

 private:
  bool SetUp(std::string* error);
  void Work();
  void Dispatch(std::uint64_t tag, std::uint32_t events, bool may_stay);
  void Accept();
  void Adopt(int fd);
  // `events`: what epoll reported. `due`: the delay timer's call, for a connection whose held
  // answer is due. `may_stay`: after an answer, the turn may StayWith the connection.
  void Serve(int fd, std::uint32_t generation, std::uint32_t events, bool due = false,
             bool may_stay = false);
  // After an answer, unless another thread is doing so or other events are ready: watches the
  // connection alone for ThreadConfig::busy_poll, its registration emptied, and answers what
  // comes in that time. A client that asks again at once is answered without waking a thread.
  Wait StayWith(Slot& slot, int fd, std::uint32_t generation, Connection& connection);
  // Whether the epoll set has events ready, taking none.
  bool OthersReady() const;
  // Lets `fd` wait as `wait` says, or closes it; the slot's lock is held.
  void Release(Slot& slot, int fd, Wait wait);
  void Sweep();
  // A delayed connection waits for its deadline; the slot's lock is held.
  void Delay(int fd, std::uint32_t generation, TimePoint at);
  // Serves the delayed connections that are due (all of them when stopping).
  void ReleaseDelays();
  // The delay timer fires at the earliest deadline; delays_mu_ is held.
  void ArmDelayTimer();
  void Stop();
  void CloseListener();
  void ExitIfDone();
  void Arm(int fd, std::uint64_t tag, std::uint32_t events, int op);

  int listen_fd_;
  RequestHandler& handler_;
  ConnectionConfig config_;
  ThreadConfig threads_;
  sigset_t stop_signals_;
  int epoll_fd_ = -1;
  int signal_fd_ = -1;
  int timer_fd_ = -1;
  int exit_fd_ = -1;
  int delay_fd_ = -1;
  ConnectionTable table_;
  struct Delayed {
    TimePoint at;
    int fd;
    std::uint32_t generation;
    bool operator>(const Delayed& other) const { return at > other.at; }
  };
  std::mutex delays_mu_;
  std::priority_queue<Delayed, std::vector<Delayed>, std::greater<Delayed>> delays_;
  std::mutex listener_mu_;  // accepting, or closing the listener
  std::atomic<bool> stopping_{false};
  std::atomic<bool> accept_paused_{false};  // out of file descriptors: wait for the timer
  std::atomic<bool> exit_{false};
  std::atomic<bool> staying_{false};  // a thread is in StayWith
  std::atomic<long> live_{0};         // connections open
};

}  // namespace fwmock::net
