// Background report jobs: worker threads that claim queued jobs (on any
// instance: the database is the queue), write their files with progress and
// a renewed lease, and delete files past their retention.
#pragma once

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "db/database.hpp"
#include "reports/queue.hpp"

namespace keycard::reports {

struct WorkerOptions {
  std::string data_dir;
  int threads = 1;
  std::chrono::seconds lease{30};
  int retention_days = 7;
  std::chrono::milliseconds poll{1000};  // how often idle workers look for others' jobs
};

class Worker {
 public:
  Worker(db::Database& db, Queue& queue, WorkerOptions options);
  ~Worker();
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  void start();
  // Stops taking jobs and joins the threads; a job being written is left to
  // its lease (another instance, or this one after a restart, takes it up).
  void stop();

 private:
  void loop(int index);
  bool run_one(const std::string& owner);
  void sweep();

  db::Database& db_;
  Queue& queue_;
  WorkerOptions options_;
  std::vector<std::thread> threads_;
  std::atomic<bool> stopping_{false};
};

}  // namespace keycard::reports
