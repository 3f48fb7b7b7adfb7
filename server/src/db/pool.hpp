// Internal to db/: the connection contract both backends implement, and the
// bounded pool that hands connections to transactions one at a time.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include "db/database.hpp"

namespace keycard::db {

// What a transaction needs from a backend beyond Connection. Every connection
// a Pool hands out is one of these.
class BackendConnection : public Connection {
 public:
  // Opens a transaction. tenant_id is set for it when !platform (PostgreSQL).
  virtual void begin(TxMode mode, std::string_view tenant_id, bool platform) = 0;
  virtual void commit() = 0;
  // Ends an open transaction, if any; throws if the connection could not.
  virtual void rollback() = 0;
  // Idle, outside any transaction, and not known to be broken.
  [[nodiscard]] virtual bool reusable() const = 0;
  // Whether the open transaction has sent anything yet (PostgreSQL sends
  // BEGIN with the first statement).
  [[nodiscard]] virtual bool started() const { return true; }
  // One read-only statement in a transaction of its own, scoped as begin()
  // scopes. PostgreSQL sends BEGIN, the scope, the statement and COMMIT in
  // one round trip (pipeline mode); the default runs them one by one.
  // Statements in order, one result each; PostgreSQL pipelines them (and a
  // pending BEGIN) into one round trip, the default runs them one by one.
  virtual std::vector<Result> exec_batch(const std::vector<Statement>& statements) {
    std::vector<Result> results;
    results.reserve(statements.size());
    for (const auto& s : statements) results.push_back(exec(s.sql, s.params));
    return results;
  }
  // Runs `statements`, then commits; PostgreSQL sends them and COMMIT in one
  // round trip. A failure leaves the transaction open (to be rolled back).
  virtual void commit_after(const std::vector<Statement>& statements) {
    (void)exec_batch(statements);
    commit();
  }
  virtual Result read_once(std::string_view sql, const Params& params, std::string_view tenant_id, bool platform) {
    begin(TxMode::read, tenant_id, platform);
    auto result = exec(sql, params);
    commit();
    return result;
  }
};

// Views a Connection handed out by a Pool as what it really is.
inline BackendConnection& as_backend(Connection& c) { return static_cast<BackendConnection&>(c); }

class Pool {
 public:
  using Factory = std::function<std::unique_ptr<BackendConnection>()>;

  Pool(Backend backend, Factory factory, std::size_t max_size, std::chrono::milliseconds timeout);
  ~Pool();
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // An idle connection, a new one while below max_size, or the first one
  // released within the timeout; otherwise UnavailableError.
  [[nodiscard]] std::unique_ptr<BackendConnection> acquire();
  // Takes the connection back; one that is not reusable() is closed instead.
  void release(std::unique_ptr<Connection> conn) noexcept;

  [[nodiscard]] Backend backend() const { return backend_; }
  [[nodiscard]] std::size_t max_size() const { return max_size_; }

 private:
  Backend backend_;
  Factory factory_;
  std::size_t max_size_;
  std::chrono::milliseconds timeout_;

  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<BackendConnection>> idle_;
  std::size_t open_ = 0;  // idle + lent out + being opened
};

}  // namespace keycard::db
