// Database, Transaction and Row: the backend-neutral half of db/. Opens the
// right backend for a URL and lends pooled connections to transactions.
#include "db/database.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <string>
#include <utility>

#include "common/errors.hpp"
#include "common/log.hpp"
#include "common/metrics.hpp"
#include "db/pool.hpp"
#include "db/postgres/pg_connection.hpp"
#include "db/sqlite/sqlite_connection.hpp"

namespace keycard::db {
namespace {

const std::optional<std::string>& value_at(const std::vector<std::optional<std::string>>& values, std::size_t col) {
  if (col >= values.size()) {
    throw DbError("column " + std::to_string(col) + " out of range (the row has " + std::to_string(values.size()) +
                  ")");
  }
  return values[col];
}

const std::string& non_null(const std::optional<std::string>& v, std::size_t col) {
  if (!v) throw DbError("column " + std::to_string(col) + " is NULL");
  return *v;
}

std::string excerpt(const std::string& s) { return s.size() > 40 ? s.substr(0, 40) + "..." : s; }

double parse_double(const std::string& s, std::size_t col) {
  double d = 0;
  const auto res = std::from_chars(s.data(), s.data() + s.size(), d);
  if (res.ec != std::errc() || res.ptr != s.data() + s.size()) {
    throw DbError("column " + std::to_string(col) + " is not a number: '" + excerpt(s) + "'");
  }
  return d;
}

std::int64_t parse_int64(const std::string& s, std::size_t col) {
  std::int64_t n = 0;
  const auto res = std::from_chars(s.data(), s.data() + s.size(), n);
  if (res.ec == std::errc() && res.ptr == s.data() + s.size()) return n;
  // A whole number computed as a real (SQLite arithmetic, PostgreSQL numeric).
  try {
    const double d = parse_double(s, col);
    if (std::trunc(d) == d && std::fabs(d) < 9.0e15) return static_cast<std::int64_t>(d);
  } catch (const DbError&) {
  }
  throw DbError("column " + std::to_string(col) + " is not an integer: '" + excerpt(s) + "'");
}

std::string scheme_of(const std::string& url) {
  const auto colon = url.find(':');
  if (colon == std::string::npos || colon > 20) return {};
  return url.substr(0, colon);
}

}  // namespace

// --- Row ---------------------------------------------------------------------

bool Row::is_null(std::size_t col) const { return !value_at(values_, col); }

const std::string& Row::text(std::size_t col) const { return non_null(value_at(values_, col), col); }

std::optional<std::string> Row::opt_text(std::size_t col) const { return value_at(values_, col); }

std::int64_t Row::int64(std::size_t col) const { return parse_int64(text(col), col); }

std::optional<std::int64_t> Row::opt_int64(std::size_t col) const {
  const auto& v = value_at(values_, col);
  if (!v) return std::nullopt;
  return parse_int64(*v, col);
}

bool Row::boolean(std::size_t col) const {
  const auto& s = text(col);
  if (s == "true" || s == "1" || s == "t") return true;
  if (s == "false" || s == "0" || s == "f") return false;
  throw DbError("column " + std::to_string(col) + " is not a boolean: '" + excerpt(s) + "'");
}

double Row::real(std::size_t col) const { return parse_double(text(col), col); }

// --- Transaction ---------------------------------------------------------------

namespace {
thread_local RequestCheck* pending_check = nullptr;

// Ends a one-statement transaction that threw: rolled back, the connection
// back to the pool (closed there when broken), the outcome counted.
void abandon(Pool& pool, std::unique_ptr<BackendConnection> conn, metrics::TxOutcome outcome) {
  try {
    conn->rollback();
  } catch (...) {
    // The connection marked itself broken; release() closes it.
  }
  pool.release(std::move(conn));
  metrics::count_transaction(outcome);
}

RequestCheck* current_check() { return pending_check && !pending_check->done ? pending_check : nullptr; }
}  // namespace

RequestCheckScope::RequestCheckScope(RequestCheck& check) : previous_(pending_check) { pending_check = &check; }
RequestCheckScope::~RequestCheckScope() { pending_check = previous_; }

Transaction::Transaction(std::shared_ptr<Pool> pool, std::unique_ptr<Connection> conn, TxMode mode,
                         std::string tenant_id, bool platform, RequestCheck* check)
    : pool_(std::move(pool)),
      conn_(std::move(conn)),
      mode_(mode),
      tenant_id_(std::move(tenant_id)),
      platform_(platform),
      check_(check) {}

Transaction::Transaction(Transaction&& other) noexcept
    : pool_(std::move(other.pool_)),
      conn_(std::move(other.conn_)),
      done_(other.done_),
      conflict_(other.conflict_),
      mode_(other.mode_),
      tenant_id_(std::move(other.tenant_id_)),
      platform_(other.platform_),
      check_(other.check_),
      deferred_(std::move(other.deferred_)),
      committed_(std::move(other.committed_)),
      notifications_(std::move(other.notifications_)) {
  other.done_ = true;
}

Transaction::~Transaction() {
  if (!conn_) {
    // A reconnect that found no connection ended this transaction
    // (a moved-from one is done).
    if (!done_) metrics::count_transaction(conflict_ ? metrics::TxOutcome::retry : metrics::TxOutcome::rollback);
    return;
  }
  if (!done_) {
    try {
      as_backend(*conn_).rollback();
    } catch (...) {
      // The connection marked itself broken; release() closes it.
    }
    metrics::count_transaction(conflict_ ? metrics::TxOutcome::retry : metrics::TxOutcome::rollback);
  }
  pool_->release(std::move(conn_));
}

Result Transaction::exec(std::string_view sql, const Params& params) {
  if (!conn_) throw DbError("the transaction has already ended");
  if ((check_ && !check_->done) || !deferred_.empty()) {
    std::vector<Statement> one;
    one.push_back(Statement{sql, params});
    return std::move(exec_batch(std::move(one)).front());
  }
  for (std::size_t attempt = 0;; ++attempt) {
    const bool first = !as_backend(*conn_).started();
    try {
      return conn_->exec(sql, params);
    } catch (const RetryableError&) {
      conflict_ = true;
      throw;
    } catch (const UnavailableError&) {
      // The first statement found the pooled connection dead (a server
      // restart, an idle timeout): nothing of this transaction has run, so
      // it starts again on another connection, as begin() would have.
      if (!first || attempt >= pool_->max_size()) throw;
      pool_->release(std::move(conn_));
      conn_ = pool_->acquire();
      as_backend(*conn_).begin(mode_, tenant_id_, platform_);
    }
  }
}

std::vector<Result> Transaction::exec_batch(std::vector<Statement> statements) {
  if (!conn_) throw DbError("the transaction has already ended");
  const bool checking = check_ && !check_->done;
  // In order: the request's check, the deferred statements, these.
  const std::size_t deferred = deferred_.size();
  if (deferred) {
    statements.insert(statements.begin(), std::make_move_iterator(deferred_.begin()),
                      std::make_move_iterator(deferred_.end()));
    deferred_.clear();
  }
  if (checking) statements.insert(statements.begin(), Statement{check_->sql, check_->params});
  auto results = run_batch(statements);
  if (checking) {
    // Nothing of the transaction's own has run yet when the check fails: the
    // statements after it read only, or are rolled back with it.
    if (!check_->holds(results.front())) throw CheckFailed("the request's check did not hold");
    check_->done = true;
  }
  results.erase(results.begin(), results.begin() + static_cast<std::ptrdiff_t>((checking ? 1 : 0) + deferred));
  return results;
}

void Transaction::defer(Statement statement) {
  if (!conn_) throw DbError("the transaction has already ended");
  deferred_.push_back(std::move(statement));
}

std::vector<Result> Transaction::run_batch(const std::vector<Statement>& statements) {
  for (std::size_t attempt = 0;; ++attempt) {
    const bool first = !as_backend(*conn_).started();
    try {
      return as_backend(*conn_).exec_batch(statements);
    } catch (const RetryableError&) {
      conflict_ = true;
      throw;
    } catch (const UnavailableError&) {
      // As in exec: nothing of this transaction has run yet.
      if (!first || attempt >= pool_->max_size()) throw;
      pool_->release(std::move(conn_));
      conn_ = pool_->acquire();
      as_backend(*conn_).begin(mode_, tenant_id_, platform_);
    }
  }
}

void Transaction::each(std::string_view sql, const Params& params, const RowSink& sink) {
  if (!conn_) throw DbError("the transaction has already ended");
  if ((check_ && !check_->done) || !deferred_.empty()) exec_batch({});  // these first, in their own round trip
  try {
    conn_->each(sql, params, sink);
  } catch (const RetryableError&) {
    conflict_ = true;
    throw;
  }
}

std::optional<Row> Transaction::one(std::string_view sql, const Params& params) {
  Result r = exec(sql, params);
  if (r.rows.size() > 1) {
    throw DbError("expected at most one row, got " + std::to_string(r.rows.size()));
  }
  if (r.rows.empty()) return std::nullopt;
  return std::move(r.rows.front());
}

void Transaction::commit() {
  if (!conn_) throw DbError("the transaction has already ended");
  // On failure the transaction stays open here and the destructor rolls back.
  // Nothing deferred may commit before the request's check held (a
  // transaction that ran nothing leaves the check to App::run_checked).
  if (!deferred_.empty() && check_ && !check_->done) (void)exec_batch({});
  // The deferred statements and COMMIT in one round trip (PostgreSQL).
  std::vector<Statement> last;
  last.swap(deferred_);
  try {
    as_backend(*conn_).commit_after(last);
  } catch (const RetryableError&) {
    conflict_ = true;
    throw;
  }
  done_ = true;
  metrics::count_transaction(metrics::TxOutcome::commit);
  pool_->release(std::move(conn_));
  if (!notifications_.empty()) send_notifications();
  for (auto& f : committed_) {
    try {
      f();
    } catch (...) {
      // The commit stands; a hook's failure is its own.
    }
  }
  committed_.clear();
}

void Transaction::notify_after_commit(std::string channel, std::string payload) {
  if (!conn_) throw DbError("the transaction has already ended");
  if (pool_->backend() != Backend::postgres) return;
  std::pair<std::string, std::string> n{std::move(channel), std::move(payload)};
  if (std::find(notifications_.begin(), notifications_.end(), n) == notifications_.end()) {
    notifications_.push_back(std::move(n));
  }
}

void Transaction::send_notifications() noexcept {
  constexpr std::string_view kNotify = "SELECT pg_notify($1, $2)";
  try {
    auto conn = pool_->acquire();
    try {
      std::vector<Statement> statements;
      statements.reserve(notifications_.size());
      for (const auto& [channel, payload] : notifications_) statements.push_back({kNotify, {channel, payload}});
      conn->begin(TxMode::write, "", true);
      conn->commit_after(statements);
      pool_->release(std::move(conn));
    } catch (...) {
      abandon(*pool_, std::move(conn), metrics::TxOutcome::rollback);
      throw;
    }
  } catch (const std::exception& e) {
    log::warn({{"event", "notification_not_sent"}, {"error", e.what()}});
  }
  notifications_.clear();
}

void Transaction::on_commit(std::function<void()> f) {
  if (!conn_) throw DbError("the transaction has already ended");
  committed_.push_back(std::move(f));
}

Backend Transaction::backend() const {
  if (!pool_) throw DbError("the transaction was moved from");
  return pool_->backend();
}

// --- Database ------------------------------------------------------------------

Database::Database() = default;
Database::~Database() = default;

std::unique_ptr<Database> Database::open(const std::string& url, const Options& options) {
  // The constructor is private, so make_unique cannot reach it.
  std::unique_ptr<Database> db(new Database());
  db->url_ = url;
  const auto timeout = std::chrono::milliseconds(std::max(options.acquire_timeout_ms, 0));
  if (url.starts_with("sqlite:")) {
    db->backend_ = Backend::sqlite;
    const auto target = sqlite::target_from_url(std::string_view(url).substr(7));
    db->pool_ = std::make_shared<Pool>(Backend::sqlite, sqlite::make_factory(target), options.pool_size, timeout);
  } else if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    db->backend_ = Backend::postgres;
    const int connect_timeout = (std::max(options.acquire_timeout_ms, 0) + 999) / 1000;
    db->pool_ = std::make_shared<Pool>(
        Backend::postgres, [url, connect_timeout] { return postgres::connect(url, true, connect_timeout); },
        options.pool_size, timeout);
  } else {
    const auto scheme = scheme_of(url);
    throw ConfigError("unsupported database URL" + (scheme.empty() ? "" : " scheme '" + scheme + "'") +
                      ": use sqlite:path/to/file.db, sqlite::memory: or postgresql://...");
  }
  // Connect once now: a wrong URL fails at start, not at the first request.
  db->pool_->release(db->pool_->acquire());
  return db;
}

Backend Database::backend() const { return backend_; }

Transaction Database::begin(TxMode mode, const access::TenantScope& scope) {
  return begin_with(mode, scope.tenant_id(), false);
}

Transaction Database::begin_platform(TxMode mode) { return begin_with(mode, std::string(), true); }

Result Database::read_platform(std::string_view sql, const Params& params) {
  if (current_check()) {
    // A request's pending check goes first: through a transaction, which
    // carries it in the same round trip.
    auto tx = begin_platform(TxMode::read);
    auto result = tx.exec(sql, params);
    tx.commit();
    return result;
  }
  return read_once(sql, params);
}

bool Database::run_check(RequestCheck& check) {
  if (check.done) return true;
  if (!check.holds(read_once(check.sql, check.params))) return false;
  check.done = true;
  return true;
}

Result Database::read_once(std::string_view sql, const Params& params) {
  for (std::size_t attempt = 0;; ++attempt) {
    auto conn = pool_->acquire();
    try {
      auto result = conn->read_once(sql, params, {}, true);
      pool_->release(std::move(conn));
      metrics::count_transaction(metrics::TxOutcome::commit);
      return result;
    } catch (const UnavailableError&) {
      // As in begin_with: a pooled connection the server dropped; the
      // statement only reads, so the next connection may run it again.
      const bool stale = !conn->reusable();
      pool_->release(std::move(conn));
      if (!stale || attempt >= pool_->max_size()) {
        metrics::count_transaction(metrics::TxOutcome::rollback);
        throw;
      }
    } catch (const RetryableError&) {
      abandon(*pool_, std::move(conn), metrics::TxOutcome::retry);
      throw;
    } catch (...) {
      abandon(*pool_, std::move(conn), metrics::TxOutcome::rollback);
      throw;
    }
  }
}

Transaction Database::begin_with(TxMode mode, const std::string& tenant_id, bool platform) {
  for (std::size_t attempt = 0;; ++attempt) {
    auto conn = pool_->acquire();
    try {
      conn->begin(mode, tenant_id, platform);
    } catch (const UnavailableError&) {
      // An idle pooled connection the server dropped (restart, idle
      // timeout): nothing has run yet, so try the next one.
      const bool stale = !conn->reusable();
      pool_->release(std::move(conn));
      if (!stale || attempt >= pool_->max_size()) throw;
      continue;
    } catch (...) {
      try {
        conn->rollback();
      } catch (...) {
        // marked broken; release() closes it
      }
      pool_->release(std::move(conn));
      throw;
    }
    return Transaction(pool_, std::move(conn), mode, tenant_id, platform, current_check());
  }
}

}  // namespace keycard::db
