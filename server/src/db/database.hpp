// One database interface over SQLite and PostgreSQL. SQL uses $1..$n on both
// backends; values travel as text and are read back through Row accessors.
// Timestamps come back as fixed RFC 3339 UTC text (common/clock.hpp),
// booleans as true/false whatever the backend's spelling.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "access/tenant_scope.hpp"

namespace keycard::db {

enum class Backend { sqlite, postgres };
enum class TxMode { read, write };

using Param = std::variant<std::nullptr_t, std::int64_t, double, bool, std::string>;
using Params = std::vector<Param>;

// A value that may be NULL, as a Param.
template <typename T>
Param nullable(const std::optional<T>& v) {
  if (!v) return nullptr;
  return Param(*v);
}

class Row {
 public:
  Row() = default;
  explicit Row(std::vector<std::optional<std::string>> values) : values_(std::move(values)) {}
  [[nodiscard]] std::size_t size() const { return values_.size(); }
  [[nodiscard]] bool is_null(std::size_t col) const;
  [[nodiscard]] const std::string& text(std::size_t col) const;  // throws on NULL
  [[nodiscard]] std::optional<std::string> opt_text(std::size_t col) const;
  [[nodiscard]] std::int64_t int64(std::size_t col) const;
  [[nodiscard]] std::optional<std::int64_t> opt_int64(std::size_t col) const;
  [[nodiscard]] bool boolean(std::size_t col) const;
  [[nodiscard]] double real(std::size_t col) const;

 private:
  std::vector<std::optional<std::string>> values_;
};

struct Result {
  std::vector<std::string> columns;
  std::vector<Row> rows;
  std::int64_t affected = 0;  // rows changed by INSERT/UPDATE/DELETE
  [[nodiscard]] bool empty() const { return rows.empty(); }
};

// Base of database errors; App::handle (app/app.cpp) answers 500 without internals.
struct DbError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A constraint refused the write. `constraint` is its name, the same on both
// backends for unique constraints and indexes (SQLite's column list is
// resolved to the name, db/sqlite/constraint_names.hpp), exclusion
// constraints (SQLite: the trigger's RAISE text) and not-null ("table.column");
// services map the names they know to 409/422 (db::on_constraint).
struct ConstraintError : DbError {
  enum class Kind { unique, foreign_key, check, not_null, exclusion, other };
  ConstraintError(Kind k, std::string c, const std::string& message)
      : DbError(message), kind(k), constraint(std::move(c)) {}
  Kind kind;
  std::string constraint;
};

// Serialization failure, deadlock, lock timeout: safe to retry the transaction.
struct RetryableError : DbError {
  using DbError::DbError;
};

// No connection could be had in time (pool exhausted, server down).
struct UnavailableError : DbError {
  using DbError::DbError;
};

// Receives the rows of a streamed query one at a time (Transaction::each).
using RowSink = std::function<void(const Row&)>;

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Result exec(std::string_view sql, const Params& params) = 0;
  // Runs a query and hands each row to `sink` as it arrives, holding none of
  // them: SQLite steps the statement, PostgreSQL uses libpq's single-row
  // mode. An exception from `sink` ends the query and is rethrown.
  virtual void each(std::string_view sql, const Params& params, const RowSink& sink) = 0;
  // Runs a script of several statements without parameters (migrations).
  virtual void exec_script(std::string_view sql) = 0;
  [[nodiscard]] virtual Backend backend() const = 0;
};

// One statement of a batch (Transaction::exec_batch).
struct Statement {
  std::string_view sql;
  Params params;
};

// A check that must hold before a request may use the database, run by the
// request's first transaction ahead of its own first statement and in the
// same round trip (auth: the access stamp of a cached principal). `holds`
// judges the check's result; when it does not hold the transaction throws
// CheckFailed before running anything of its own, and rolls back.
struct RequestCheck {
  std::string sql;
  Params params;
  std::function<bool(const Result&)> holds;
  bool done = false;  // it held, in this request
};

struct CheckFailed : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// While alive, every transaction this thread begins carries `check` until
// one has run it (a request runs on one worker thread from start to end).
class RequestCheckScope {
 public:
  explicit RequestCheckScope(RequestCheck& check);
  ~RequestCheckScope();
  RequestCheckScope(const RequestCheckScope&) = delete;
  RequestCheckScope& operator=(const RequestCheckScope&) = delete;

 private:
  RequestCheck* previous_;
};

class Pool;

// RAII transaction: rolls back unless commit() was called.
class Transaction {
 public:
  Transaction(Transaction&&) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  ~Transaction();

  Result exec(std::string_view sql, const Params& params = {});
  // Several statements, one result each, in one round trip on PostgreSQL
  // (pipeline mode; with BEGIN and the scope when they are the first). The
  // first failure throws, as exec would.
  std::vector<Result> exec_batch(std::vector<Statement> statements);
  // Queues a statement whose result nobody reads (an audit entry): it goes
  // out with the transaction's next statement or with its COMMIT, in the same
  // round trip, and a failure of it fails that call. Its text must outlive
  // the transaction (a constant).
  void defer(Statement statement);
  // Runs `f` once the transaction has committed (never on rollback), after
  // its connection went back to the pool; an exception from `f` is dropped.
  void on_commit(std::function<void()> f);
  // PostgreSQL: NOTIFY `channel` with `payload` once the transaction has
  // committed (each pair once per transaction), in a short transaction of
  // its own, so the commit does not hold PostgreSQL's notification lock,
  // which serializes every notifying commit of the cluster. Best effort: a
  // notification that cannot be sent is dropped. Nothing on SQLite.
  void notify_after_commit(std::string channel, std::string payload);
  // Streams a query's rows (Connection::each): reports of any size.
  void each(std::string_view sql, const Params& params, const RowSink& sink);
  // The single row of a query, or nullopt; throws DbError on more than one.
  std::optional<Row> one(std::string_view sql, const Params& params = {});
  void commit();
  [[nodiscard]] Backend backend() const;

 private:
  friend class Database;
  Transaction(std::shared_ptr<Pool> pool, std::unique_ptr<Connection> conn, TxMode mode, std::string tenant_id,
              bool platform, RequestCheck* check);
  // The connection's batch, retried on a fresh connection when the first
  // statement finds the pooled one dead.
  std::vector<Result> run_batch(const std::vector<Statement>& statements);
  std::shared_ptr<Pool> pool_;
  std::unique_ptr<Connection> conn_;
  bool done_ = false;
  bool conflict_ = false;  // a statement met a serialization failure or deadlock
  // How it was begun: a transaction whose first statement finds its pooled
  // connection dead starts again on another one.
  TxMode mode_ = TxMode::read;
  std::string tenant_id_;
  bool platform_ = false;
  RequestCheck* check_ = nullptr;  // the request's pending check, if any
  std::vector<Statement> deferred_;
  std::vector<std::function<void()>> committed_;
  std::vector<std::pair<std::string, std::string>> notifications_;
  void send_notifications() noexcept;
};

struct MigrationStatus {
  int applied = 0;  // highest applied version
  int latest = 0;   // highest version this binary carries
  // A database a newer release has migrated is current too: during a
  // rolling upgrade the old instances keep serving (migrations expand, a
  // later release contracts), so their readiness must not drop all at once.
  [[nodiscard]] bool current() const { return applied >= latest; }
};

struct Options {
  std::size_t pool_size = 8;
  int acquire_timeout_ms = 5000;
};

class Database {
 public:
  // url: "sqlite:path/to/file.db", "sqlite::memory:" or "postgresql://..."
  static std::unique_ptr<Database> open(const std::string& url, const Options& options = {});
  ~Database();

  [[nodiscard]] Backend backend() const;
  // The URL it was opened with (PostgreSQL: for a LISTEN connection of its own).
  [[nodiscard]] const std::string& url() const { return url_; }

  // Tenant-scoped: on PostgreSQL runs as keycard_app with keycard.tenant_id
  // set for this transaction only, so row-level security applies.
  [[nodiscard]] Transaction begin(TxMode mode, const access::TenantScope& scope);
  // Platform scope: work across tenants (registry, login, platform admin),
  // keycard.platform = 'on' for this transaction only.
  [[nodiscard]] Transaction begin_platform(TxMode mode);
  // One read-only statement in platform scope, in a transaction of its own:
  // a single round trip on PostgreSQL (the request path's principal check).
  [[nodiscard]] Result read_platform(std::string_view sql, const Params& params);
  // Runs a pending check on its own (a request that used no transaction),
  // in platform scope: whether it holds.
  [[nodiscard]] bool run_check(RequestCheck& check);

  // Applies pending migrations as the schema owner, each in its own
  // transaction; returns how many were applied.
  int migrate();
  [[nodiscard]] MigrationStatus migration_status();

 private:
  Database();
  [[nodiscard]] Transaction begin_with(TxMode mode, const std::string& tenant_id, bool platform);
  [[nodiscard]] Result read_once(std::string_view sql, const Params& params);
  std::shared_ptr<Pool> pool_;
  std::string url_;
  Backend backend_{Backend::sqlite};
};

}  // namespace keycard::db
