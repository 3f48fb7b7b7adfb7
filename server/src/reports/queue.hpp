// Wakes this instance's report workers when a job is queued here; workers
// also poll, so jobs queued on other instances (or left by a dead one) run.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace keycard::reports {

class Queue {
 public:
  void notify() {
    {
      std::lock_guard lock(mutex_);
      ++pending_;
    }
    cv_.notify_one();
  }
  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    cv_.notify_all();
  }
  // Waits until notified, stopped or `timeout`; false once stopping.
  bool wait(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    cv_.wait_for(lock, timeout, [&] { return pending_ > 0 || stopping_; });
    if (pending_ > 0) --pending_;
    return !stopping_;
  }
  [[nodiscard]] bool stopping() {
    std::lock_guard lock(mutex_);
    return stopping_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  int pending_ = 0;
  bool stopping_ = false;
};

}  // namespace keycard::reports
