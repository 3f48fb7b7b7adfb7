// SQLite backend. Values are bound by their $n name (the same $n may appear
// several times) and read back as text; SQLite's result codes become the
// DbError hierarchy here and nowhere else.
#include "db/sqlite/sqlite_connection.hpp"

#include <sqlite3.h>

#include <atomic>
#include <charconv>
#include <filesystem>
#include <limits>
#include <random>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <utility>

#include "common/errors.hpp"
#include "db/sqlite/constraint_names.hpp"

namespace keycard::db::sqlite {
namespace {

constexpr int kBusyTimeoutMs = 5000;
// Distinct SQL texts a connection keeps prepared; the repositories' constants
// stay far below this, so it only bounds the damage of generated SQL.
constexpr std::size_t kStatementCacheLimit = 512;

struct DbCloser {
  void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
  void operator()(sqlite3_stmt* s) const noexcept { sqlite3_finalize(s); }
};
struct SqliteFree {
  void operator()(char* p) const noexcept { sqlite3_free(p); }
};
using DbHandle = std::unique_ptr<sqlite3, DbCloser>;
using StmtHandle = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

DbHandle open_handle(const Target& target) {
  sqlite3* raw = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (target.memory) flags |= SQLITE_OPEN_URI;
  const int rc = sqlite3_open_v2(target.filename.c_str(), &raw, flags, nullptr);
  DbHandle db(raw);
  if (rc != SQLITE_OK) {
    const std::string why = db ? sqlite3_errmsg(db.get()) : sqlite3_errstr(rc);
    throw UnavailableError("cannot open SQLite database " +
                           (target.memory ? std::string("in memory") : target.filename) + ": " + why);
  }
  sqlite3_extended_result_codes(db.get(), 1);
  sqlite3_busy_timeout(db.get(), kBusyTimeoutMs);
  // journal_mode first: it is the one that needs a lock on a fresh file.
  // synchronous=FULL fsyncs the WAL at every commit, so an answered write
  // (a payment above all) survives a power loss or OS crash, not only a
  // process crash as with NORMAL. It costs one fsync per write transaction,
  // 0.65 ms on an idle disk (docs/architecture.md, "Durability").
  const char* setup = target.memory ? "PRAGMA foreign_keys=ON;"
                                    : "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;";
  char* err_raw = nullptr;
  const int src = sqlite3_exec(db.get(), setup, nullptr, nullptr, &err_raw);
  const std::unique_ptr<char, SqliteFree> err(err_raw);
  if (src != SQLITE_OK) {
    throw UnavailableError("cannot set up SQLite database " + target.filename + ": " +
                           (err ? err.get() : sqlite3_errstr(src)));
  }
  return db;
}

std::string format_double(double v) {
  char buf[32];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

std::string_view trim_separators(std::string_view s) {
  const auto pos = s.find_first_not_of(" \t\r\n;");
  return pos == std::string_view::npos ? std::string_view{} : s.substr(pos);
}

class SqliteConnection final : public BackendConnection {
 public:
  explicit SqliteConnection(DbHandle db) : db_(std::move(db)) {}

  Result exec(std::string_view sql, const Params& params) override {
    Result result;
    const auto changes_before = sqlite3_total_changes64(db_.get());
    run(
        sql, params,
        [&](sqlite3_stmt* st, int ncols) {
          for (int c = 0; c < ncols; ++c) result.columns.emplace_back(sqlite3_column_name(st, c));
        },
        [&](Row row) { result.rows.push_back(std::move(row)); });
    // sqlite3_changes keeps the count of the last INSERT/UPDATE/DELETE, so
    // only trust it if this statement changed something.
    if (sqlite3_total_changes64(db_.get()) != changes_before) result.affected = sqlite3_changes64(db_.get());
    return result;
  }

  void each(std::string_view sql, const Params& params, const RowSink& sink) override {
    run(
        sql, params, [](sqlite3_stmt*, int) {}, [&](const Row& row) { sink(row); });
  }

  void exec_script(std::string_view sql) override {
    const std::string text(sql);
    char* err_raw = nullptr;
    const int rc = sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &err_raw);
    const std::unique_ptr<char, SqliteFree> err(err_raw);
    if (rc != SQLITE_OK) fail(rc);
  }

  [[nodiscard]] Backend backend() const override { return Backend::sqlite; }

  void begin(TxMode mode, std::string_view /*tenant_id*/, bool /*platform*/) override {
    // No row-level security on SQLite: the application layers filter.
    if (mode == TxMode::read) {
      // Parity with PostgreSQL's READ ONLY: a write in a read transaction
      // fails on both backends, not only in production.
      exec("PRAGMA query_only=1", {});
      query_only_ = true;
      try {
        exec("BEGIN", {});
      } catch (...) {
        end_query_only();
        throw;
      }
    } else {
      exec("BEGIN IMMEDIATE", {});
    }
  }

  void commit() override {
    if (sqlite3_get_autocommit(db_.get()) != 0) {
      throw DbError("the transaction was already rolled back by an earlier error");
    }
    exec("COMMIT", {});
    end_query_only();
  }

  void rollback() override {
    try {
      if (sqlite3_get_autocommit(db_.get()) == 0) exec("ROLLBACK", {});
    } catch (...) {
      broken_ = true;
      throw;
    }
    end_query_only();
  }

  [[nodiscard]] bool reusable() const override {
    return !broken_ && !query_only_ && sqlite3_get_autocommit(db_.get()) != 0;
  }

 private:
  // Binds, steps and resets one statement: `columns` sees the statement
  // before the first step, `on_row` each row as it is read.
  template <typename Columns, typename OnRow>
  void run(std::string_view sql, const Params& params, Columns&& columns, OnRow&& on_row) {
    sqlite3_stmt* st = statement(sql);
    // Reset and unbind whatever happens, so the statement holds no lock
    // and no pointer into params once we return.
    struct Reset {
      sqlite3_stmt* s;
      ~Reset() {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
      }
    } reset{st};
    bind(st, params);
    const int ncols = sqlite3_column_count(st);
    columns(st, ncols);
    for (;;) {
      const int rc = sqlite3_step(st);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) fail(rc);
      std::vector<std::optional<std::string>> values;
      values.reserve(static_cast<std::size_t>(ncols));
      for (int c = 0; c < ncols; ++c) values.push_back(column(st, c));
      on_row(Row(std::move(values)));
    }
  }

  void end_query_only() {
    if (!query_only_) return;
    try {
      exec("PRAGMA query_only=0", {});
      query_only_ = false;
    } catch (...) {
      broken_ = true;
      throw;
    }
  }

  sqlite3_stmt* statement(std::string_view sql) {
    if (const auto it = cache_.find(sql); it != cache_.end()) return it->second.get();
    if (sql.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
      throw DbError("SQL text too long");
    }
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    const int rc =
        sqlite3_prepare_v3(db_.get(), sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &raw, &tail);
    StmtHandle st(raw);
    if (rc != SQLITE_OK) fail(rc);
    if (!st) throw DbError("empty SQL statement");
    const std::string_view rest = trim_separators(sql.substr(static_cast<std::size_t>(tail - sql.data())));
    if (!rest.empty()) {
      // Whatever follows must be comments only.
      sqlite3_stmt* extra_raw = nullptr;
      const int rc2 = sqlite3_prepare_v2(db_.get(), rest.data(), static_cast<int>(rest.size()), &extra_raw, nullptr);
      const StmtHandle extra(extra_raw);
      if (rc2 != SQLITE_OK || extra) {
        throw DbError("exec() takes one SQL statement; use exec_script() for several");
      }
    }
    if (cache_.size() >= kStatementCacheLimit) cache_.clear();  // none is in use between calls
    auto* out = st.get();
    cache_.emplace(std::string(sql), std::move(st));
    return out;
  }

  void bind(sqlite3_stmt* st, const Params& params) {
    const int count = sqlite3_bind_parameter_count(st);
    if (count != static_cast<int>(params.size())) {
      throw DbError("SQL has " + std::to_string(count) + " distinct parameters but " + std::to_string(params.size()) +
                    " values were given (SQL uses $1..$n)");
    }
    for (std::size_t i = 0; i < params.size(); ++i) {
      const std::string name = "$" + std::to_string(i + 1);
      const int idx = sqlite3_bind_parameter_index(st, name.c_str());
      if (idx == 0) throw DbError("SQL does not use parameter " + name);
      int rc = SQLITE_OK;
      const Param& p = params[i];
      if (std::holds_alternative<std::nullptr_t>(p)) {
        rc = sqlite3_bind_null(st, idx);
      } else if (const auto* n = std::get_if<std::int64_t>(&p)) {
        rc = sqlite3_bind_int64(st, idx, *n);
      } else if (const auto* d = std::get_if<double>(&p)) {
        rc = sqlite3_bind_double(st, idx, *d);
      } else if (const auto* b = std::get_if<bool>(&p)) {
        rc = sqlite3_bind_int(st, idx, *b ? 1 : 0);
      } else {
        const auto& s = std::get<std::string>(p);
        // The params outlive the step; the Reset guard unbinds before return.
        rc = sqlite3_bind_text64(st, idx, s.data(), s.size(), SQLITE_STATIC, SQLITE_UTF8);
      }
      if (rc != SQLITE_OK) fail(rc);
    }
  }

  static std::optional<std::string> column(sqlite3_stmt* st, int c) {
    switch (sqlite3_column_type(st, c)) {
      case SQLITE_NULL:
        return std::nullopt;
      case SQLITE_INTEGER:
        return std::to_string(sqlite3_column_int64(st, c));
      case SQLITE_FLOAT:
        return format_double(sqlite3_column_double(st, c));
      case SQLITE_BLOB: {
        const auto* p = static_cast<const char*>(sqlite3_column_blob(st, c));
        return std::string(p ? p : "", static_cast<std::size_t>(sqlite3_column_bytes(st, c)));
      }
      default: {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, c));
        return std::string(p ? p : "", static_cast<std::size_t>(sqlite3_column_bytes(st, c)));
      }
    }
  }

  [[noreturn]] void fail(int rc) {
    const int ext = sqlite3_extended_errcode(db_.get());
    const int code = (ext & 0xff) == (rc & 0xff) ? ext : rc;
    std::string message = sqlite3_errmsg(db_.get());
    switch (code & 0xff) {
      case SQLITE_CONSTRAINT: {
        using Kind = ConstraintError::Kind;
        Kind kind = Kind::other;
        switch (code) {
          case SQLITE_CONSTRAINT_UNIQUE:
          case SQLITE_CONSTRAINT_PRIMARYKEY:
          case SQLITE_CONSTRAINT_ROWID:
            kind = Kind::unique;
            break;
          case SQLITE_CONSTRAINT_FOREIGNKEY:
            kind = Kind::foreign_key;
            break;
          case SQLITE_CONSTRAINT_CHECK:
            kind = Kind::check;
            break;
          case SQLITE_CONSTRAINT_NOTNULL:
            kind = Kind::not_null;
            break;
          default:
            break;
        }
        std::string constraint;
        if (code == SQLITE_CONSTRAINT_TRIGGER) {
          constraint = message;  // RAISE(ABORT, '...') text: the constraint's name
        } else if (const auto pos = message.find("constraint failed: "); pos != std::string::npos) {
          constraint = message.substr(pos + std::string_view("constraint failed: ").size());
          if (kind == Kind::unique) constraint = unique_name(constraint, code == SQLITE_CONSTRAINT_PRIMARYKEY);
        }
        throw ConstraintError(kind, std::move(constraint), message);
      }
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
        throw RetryableError(message);
      case SQLITE_IOERR:
      case SQLITE_CORRUPT:
      case SQLITE_NOTADB:
      case SQLITE_CANTOPEN:
      case SQLITE_NOMEM:
        broken_ = true;
        throw DbError(message);
      default:
        throw DbError(message);
    }
  }

  // PostgreSQL's name of the unique constraint SQLite reports by columns,
  // read from the table's schema once per connection (constraint_names.hpp).
  std::string unique_name(const std::string& detail, bool primary_key) {
    if (auto it = unique_names_.find(detail); it != unique_names_.end()) return it->second;
    std::vector<std::string> schema;
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db_.get(), "SELECT sql FROM sqlite_schema WHERE tbl_name = ?1 AND sql IS NOT NULL", -1, &raw,
                           nullptr) == SQLITE_OK) {
      StmtHandle st(raw);
      const auto table = detail_table(detail);
      sqlite3_bind_text(st.get(), 1, table.c_str(), static_cast<int>(table.size()), SQLITE_TRANSIENT);
      while (sqlite3_step(st.get()) == SQLITE_ROW) {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st.get(), 0));
        if (text) schema.emplace_back(text);
      }
    }
    auto name = unique_constraint_name(detail, schema, primary_key);
    unique_names_.emplace(detail, name);
    return name;
  }

  DbHandle db_;  // declared first: closed after the statements are finalized
  std::unordered_map<std::string, std::string> unique_names_;
  std::unordered_map<std::string, StmtHandle, StringHash, std::equal_to<>> cache_;
  bool broken_ = false;
  bool query_only_ = false;
};

std::string memory_name() {
  static std::atomic<unsigned> counter{0};
  std::random_device rd;
  const auto r = (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
  char buf[17];
  const auto res = std::to_chars(buf, buf + sizeof buf, r, 16);
  // A name starting with "/" makes the memdb database shared by every
  // connection of this process that opens the same name.
  return "file:/keycard-" + std::string(buf, res.ptr) + "-" + std::to_string(++counter) + "?vfs=memdb";
}

}  // namespace

Target target_from_url(std::string_view rest) {
  if (rest.starts_with("//")) rest.remove_prefix(2);  // sqlite:///abs/path, sqlite://rel/path
  if (rest.empty()) throw ConfigError("the SQLite database URL names no file (use sqlite:path/to/file.db)");
  if (rest == ":memory:") return Target{memory_name(), true};
  return Target{std::string(rest), false};
}

Pool::Factory make_factory(const Target& target) {
  if (target.memory) {
    // The memdb database disappears with its last connection: keep one.
    std::shared_ptr<sqlite3> keeper(open_handle(target).release(), DbCloser{});
    return [target, keeper]() -> std::unique_ptr<BackendConnection> {
      return std::make_unique<SqliteConnection>(open_handle(target));
    };
  }
  const auto parent = std::filesystem::path(target.filename).parent_path();
  if (!parent.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(parent, ec);
    if (ec) {
      throw UnavailableError("cannot create directory " + parent.string() +
                             " for the SQLite database: " + ec.message());
    }
  }
  return [target]() -> std::unique_ptr<BackendConnection> {
    return std::make_unique<SqliteConnection>(open_handle(target));
  };
}

}  // namespace keycard::db::sqlite
