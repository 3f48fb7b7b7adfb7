// Bounded connection pool: connections are opened lazily up to max_size and
// reused LIFO, so a quiet server keeps touching the same warm connection.
#include "db/pool.hpp"

#include <string>

#include <utility>
#include "common/metrics.hpp"

namespace keycard::db {

Pool::Pool(Backend backend, Factory factory, std::size_t max_size, std::chrono::milliseconds timeout)
    : backend_(backend), factory_(std::move(factory)), max_size_(max_size == 0 ? 1 : max_size), timeout_(timeout) {
  metrics::pool_resized(static_cast<std::int64_t>(max_size_));
}

Pool::~Pool() {
  metrics::pool_opened(-static_cast<std::int64_t>(idle_.size()));
  metrics::pool_resized(-static_cast<std::int64_t>(max_size_));
}

std::unique_ptr<BackendConnection> Pool::acquire() {
  const auto started = std::chrono::steady_clock::now();
  std::unique_lock lock(mutex_);
  const auto deadline = started + timeout_;
  for (;;) {
    if (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      lock.unlock();
      metrics::observe_pool_wait(std::chrono::steady_clock::now() - started);
      metrics::pool_lent(1);
      return conn;
    }
    if (open_ < max_size_) break;
    if (available_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() && open_ >= max_size_) {
      lock.unlock();
      metrics::count_pool_timeout();
      throw UnavailableError("no database connection became free within " + std::to_string(timeout_.count()) + " ms");
    }
  }
  // Open a new connection without holding the lock: connecting is slow.
  ++open_;
  lock.unlock();
  try {
    auto conn = factory_();
    metrics::pool_opened(1);
    metrics::observe_pool_wait(std::chrono::steady_clock::now() - started);
    metrics::pool_lent(1);
    return conn;
  } catch (...) {
    lock.lock();
    --open_;
    lock.unlock();
    available_.notify_one();
    throw;
  }
}

void Pool::release(std::unique_ptr<Connection> conn) noexcept {
  if (!conn) return;
  std::unique_ptr<BackendConnection> backend(&as_backend(*conn.release()));
  metrics::pool_lent(-1);
  const bool keep = backend->reusable();
  if (!keep) {
    backend.reset();  // close outside the lock
    metrics::pool_opened(-1);
  }
  {
    const std::lock_guard lock(mutex_);
    if (keep) {
      idle_.push_back(std::move(backend));
    } else {
      --open_;
    }
  }
  available_.notify_one();
}

}  // namespace keycard::db
