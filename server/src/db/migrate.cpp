// Applies the migrations embedded in the binary, each in its own transaction
// with its schema_migrations row, as the schema owner (PostgreSQL: the URL's
// user, without SET ROLE).
#include <algorithm>
#include <cstdio>
#include <map>
#include <string>

#include "common/clock.hpp"
#include "common/ids.hpp"
#include "db/database.hpp"
#include "db/migrations.hpp"
#include "db/pool.hpp"
#include "db/postgres/pg_connection.hpp"

namespace keycard::db {
namespace {

constexpr const char* kCreateTableSqlite =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL,"
    " applied_at TEXT NOT NULL)";
constexpr const char* kCreateTablePostgres =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,"
    " applied_at timestamptz NOT NULL)";
constexpr const char* kTableExistsSqlite =
    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";
constexpr const char* kTableExistsPostgres =
    "SELECT count(*) FROM pg_catalog.pg_class c"
    " WHERE c.oid = to_regclass('schema_migrations') AND c.relkind = 'r'";
constexpr const char* kSelectApplied = "SELECT version, checksum FROM schema_migrations ORDER BY version";
constexpr const char* kSelectMax = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
constexpr const char* kIsApplied = "SELECT count(*) FROM schema_migrations WHERE version = $1";
constexpr const char* kInsertApplied =
    "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)";
// Session advisory lock held for the whole run, so two instances starting
// together migrate one after the other ("KEYCARD" in ASCII).
constexpr std::int64_t kMigrationLockKey = 0x4B455943415244;

std::string version_text(int version) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d", version);
  return buf;
}

std::vector<EmbeddedMigration> sorted(const std::vector<EmbeddedMigration>& list) {
  std::vector<EmbeddedMigration> out(list);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
  return out;
}

// A connection for migration work: the schema owner's own connection on
// PostgreSQL, a pooled one on SQLite (returned to the pool afterwards).
class OwnerConnection {
 public:
  OwnerConnection(Backend backend, const std::shared_ptr<Pool>& pool, const std::string& url) {
    if (backend == Backend::sqlite) {
      pool_ = pool;
      conn_ = pool->acquire();
    } else {
      conn_ = postgres::connect(url, false, 10);
    }
  }
  OwnerConnection(const OwnerConnection&) = delete;
  OwnerConnection& operator=(const OwnerConnection&) = delete;
  ~OwnerConnection() {
    if (pool_ && conn_) pool_->release(std::move(conn_));
  }
  BackendConnection* operator->() { return conn_.get(); }
  BackendConnection* get() { return conn_.get(); }

 private:
  std::shared_ptr<Pool> pool_;
  std::unique_ptr<BackendConnection> conn_;
};

std::int64_t count_of(BackendConnection* conn, const char* sql, const Params& params = {}) {
  const auto r = conn->exec(sql, params);
  return r.rows.empty() ? 0 : r.rows.front().int64(0);
}

}  // namespace

int Database::migrate() {
  const auto list = sorted(backend_ == Backend::sqlite ? embedded_migrations_sqlite() : embedded_migrations_postgres());
  OwnerConnection conn(backend_, pool_, url_);
  if (backend_ == Backend::postgres) {
    conn->exec("SELECT pg_advisory_lock($1)", {kMigrationLockKey});  // released when conn closes
    conn->exec_script(kCreateTablePostgres);
  } else {
    conn->exec_script(kCreateTableSqlite);
  }

  std::map<int, std::string> applied;
  for (const auto& row : conn->exec(kSelectApplied, {}).rows) {
    applied.emplace(static_cast<int>(row.int64(0)), row.text(1));
  }
  for (const auto& m : list) {
    const auto it = applied.find(m.version);
    if (it != applied.end() && it->second != sha256_hex(m.sql)) {
      throw DbError("migration " + version_text(m.version) + " was changed after it was applied");
    }
  }
  const int max_applied = applied.empty() ? 0 : applied.rbegin()->first;

  int count = 0;
  for (const auto& m : list) {
    if (m.version <= max_applied) continue;
    // SQLite: BEGIN IMMEDIATE takes the write lock, which serialises
    // instances there; PostgreSQL DDL is transactional too.
    conn->exec_script(backend_ == Backend::sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
    try {
      // Another process may have applied it since we looked (SQLite).
      if (count_of(conn.get(), kIsApplied, {std::int64_t{m.version}}) > 0) {
        conn->rollback();
        continue;
      }
      conn->exec_script(m.sql);
      conn->exec(kInsertApplied, {std::int64_t{m.version}, std::string(m.name), sha256_hex(m.sql), now_text()});
      conn->commit();
    } catch (const std::exception& e) {
      try {
        conn->rollback();
      } catch (...) {
        // the connection is discarded either way
      }
      throw DbError("migration " + std::string(m.name) + " failed: " + e.what());
    }
    ++count;
  }
  return count;
}

MigrationStatus Database::migration_status() {
  const auto& list = backend_ == Backend::sqlite ? embedded_migrations_sqlite() : embedded_migrations_postgres();
  MigrationStatus status;
  for (const auto& m : list) status.latest = std::max(status.latest, m.version);
  OwnerConnection conn(backend_, pool_, url_);
  const bool postgres = backend_ == Backend::postgres;
  if (count_of(conn.get(), postgres ? kTableExistsPostgres : kTableExistsSqlite) > 0) {
    status.applied = static_cast<int>(count_of(conn.get(), kSelectMax));
  }
  return status;
}

}  // namespace keycard::db
