// Runs every property's night audit by itself once its local time passes
// the property's night_audit_time (default 03:00) after the business date:
// one thread per instance looking every `interval`. Several instances may
// run it: the audit locks the property's row and is idempotent per date, so
// a date is closed once. An audit refused (guests still in house past their
// departure) is logged once and retried on the next look; it is never
// forced.
#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "db/database.hpp"

namespace keycard::hotel::night_audit {

class Scheduler {
 public:
  Scheduler(db::Database& db, std::chrono::seconds interval);
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // Starts the thread (nothing when the interval is 0: switched off).
  void start();
  void stop();
  // One look at every property (the thread's loop body); public for tests.
  void run_due(std::chrono::system_clock::time_point now);

 private:
  db::Database& db_;
  std::chrono::seconds interval_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::map<std::string, std::string> refused_;  // property id -> the date last refused (logged once)
};

}  // namespace keycard::hotel::night_audit
