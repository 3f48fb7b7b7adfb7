// SQLite backup API: an online copy of a live WAL database, and a restore
// into a target file in one transaction of the target.
#include "db/sqlite/sqlite_backup.hpp"

#include <sqlite3.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"

namespace keycard::db::sqlite {
namespace {

constexpr int kBusyTimeoutMs = 5000;
// A step that meets SQLITE_BUSY or SQLITE_LOCKED (a checkpoint, WAL
// recovery, a writer on the destination) is tried again after kRetrySleepMs,
// up to kRetryLimit times in a row: 30 s in all.
constexpr int kRetrySleepMs = 20;
constexpr int kRetryLimit = 1500;
// restore_copy waits this long for the target's locks before it says the
// target is in use.
constexpr int kTargetBusyTimeoutMs = 2000;

struct DbCloser {
  void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
using DbHandle = std::unique_ptr<sqlite3, DbCloser>;
struct StmtFinalizer {
  void operator()(sqlite3_stmt* s) const noexcept { sqlite3_finalize(s); }
};
using StmtHandle = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

// file: URI of a path (SQLite's URI rules: %, ? and # are escaped).
std::string file_uri(const std::string& path) {
  const auto absolute = std::filesystem::absolute(path).string();
  std::string out = "file:";
  for (const char c : absolute) {
    if (c == '%' || c == '?' || c == '#') {
      std::array<char, 4> buf{};
      std::snprintf(buf.data(), buf.size(), "%%%02X", static_cast<unsigned char>(c));
      out += buf.data();
    } else {
      out.push_back(c);
    }
  }
  return out;
}

DbHandle open_db(const std::string& name, int flags, const std::string& what) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(name.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  DbHandle db(raw);
  if (rc != SQLITE_OK) {
    throw DbError("cannot open " + what + ": " + (db ? sqlite3_errmsg(db.get()) : sqlite3_errstr(rc)));
  }
  sqlite3_extended_result_codes(db.get(), 1);
  return db;
}

DbHandle open_immutable(const std::string& path) {
  return open_db(file_uri(path) + "?immutable=1", SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, path);
}

[[noreturn]] void fail(sqlite3* db, const std::string& what) { throw DbError(what + ": " + sqlite3_errmsg(db)); }

void exec(sqlite3* db, const char* sql, const std::string& what) {
  if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) fail(db, what);
}

// The first column of each row of `sql`, as text.
std::vector<std::string> column(sqlite3* db, const char* sql, const std::string& what) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &raw, nullptr) != SQLITE_OK) fail(db, what);
  const StmtHandle st(raw);
  std::vector<std::string> out;
  for (;;) {
    const int rc = sqlite3_step(st.get());
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) fail(db, what);
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st.get(), 0));
    out.emplace_back(text ? text : "");
  }
  return out;
}

FileContents contents_of(sqlite3* db, const std::string& path) {
  FileContents out;
  out.tables = column(
      db,
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
      "cannot read the tables of " + path);
  for (const auto& t : out.tables) {
    if (t != "schema_migrations") continue;
    const auto max =
        column(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", "cannot read the migrations of " + path);
    out.migration = max.empty() ? 0 : std::stoi(max.front());
  }
  return out;
}

// Runs a backup to its end: steps of `pages` pages, BUSY/LOCKED retried.
void run_backup(sqlite3* dest, sqlite3* source, int pages, const std::string& what,
                const std::function<void()>& between_steps = {}) {
  sqlite3_backup* backup = sqlite3_backup_init(dest, "main", source, "main");
  if (backup == nullptr) fail(dest, what);
  int rc = SQLITE_OK;
  int retries = 0;
  for (;;) {
    rc = sqlite3_backup_step(backup, pages);
    if (rc == SQLITE_DONE) break;
    if (rc == SQLITE_OK) {
      retries = 0;
      if (between_steps) between_steps();
      continue;
    }
    if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
      if (++retries > kRetryLimit) break;
      sqlite3_sleep(kRetrySleepMs);
      continue;
    }
    break;
  }
  sqlite3_backup_finish(backup);  // its error, if any, is the destination's errmsg
  if (rc != SQLITE_DONE) {
    throw DbError(what + ": " +
                  ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED
                       ? std::string("the database stayed locked for 30 s")
                       : std::string(sqlite3_errstr(rc)) + " (" + sqlite3_errmsg(dest) + ")"));
  }
}

}  // namespace

bool has_sqlite_header(const std::string& path) {
  static constexpr std::string_view kMagic("SQLite format 3\0", 16);
  std::ifstream in(path, std::ios::binary);
  std::array<char, 16> head{};
  if (!in.read(head.data(), head.size())) return false;
  return std::string_view(head.data(), head.size()) == kMagic;
}

bool is_wal_mode(const std::string& path) {
  static constexpr std::streamoff kVersionsOffset = 18;
  static constexpr char kWal = 2;
  std::ifstream in(path, std::ios::binary);
  std::array<char, 2> versions{};
  if (!in.seekg(kVersionsOffset) || !in.read(versions.data(), versions.size())) return false;
  return versions[0] == kWal || versions[1] == kWal;
}

FileContents read_contents(const std::string& path, bool immutable) {
  auto db = immutable ? open_immutable(path) : open_db(path, SQLITE_OPEN_READONLY, path);
  sqlite3_busy_timeout(db.get(), kBusyTimeoutMs);
  return contents_of(db.get(), path);
}

std::string quick_check(const std::string& path) {
  auto db = open_immutable(path);
  const auto rows = column(db.get(), "PRAGMA quick_check", "cannot check " + path);
  if (rows.size() == 1 && rows.front() == "ok") return {};
  return rows.empty() ? std::string("no answer") : rows.front();
}

int online_copy(const std::string& source, const std::string& dest, int pages_per_step,
                const std::function<void()>& between_steps) {
  // Read-write without CREATE: a WAL reader writes the -shm file, and a
  // missing database must not be created.
  auto src = open_db(source, SQLITE_OPEN_READWRITE, source);
  sqlite3_busy_timeout(src.get(), kBusyTimeoutMs);
  // The read transaction opened here is the one every step uses (a step
  // only opens its own when none is open), so the copy is this snapshot:
  // writers of other connections go on in the WAL meanwhile and, unlike
  // between steps of their own transactions, do not restart the copy.
  exec(src.get(), "BEGIN", "cannot start reading " + source);
  const auto contents = contents_of(src.get(), source);
  if (!contents.migration) {
    throw NotKeycard(source + " is not a Keycard database (it has no schema_migrations table)");
  }

  auto out = open_db(dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, dest);
  // The file is synced once, whole, by the caller before it gets its name.
  exec(out.get(), "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF", "cannot set up " + dest);
  run_backup(out.get(), src.get(), pages_per_step, "cannot copy " + source + " to " + dest, between_steps);
  exec(src.get(), "COMMIT", "cannot end reading " + source);
  out.reset();
  // The copied header says WAL, the source's mode. A backup is one
  // self-contained file: a new connection reads the header (entering WAL
  // mode) and leaves WAL for a rollback journal, which rewrites it.
  out = open_db(dest, SQLITE_OPEN_READWRITE, dest);
  exec(out.get(), "SELECT count(*) FROM sqlite_schema", "cannot read " + dest);
  const auto mode = column(out.get(), "PRAGMA journal_mode=DELETE", "cannot finish " + dest);
  if (mode.empty() || mode.front() != "delete") throw DbError("cannot take " + dest + " out of WAL mode");
  out.reset();
  return *contents.migration;
}

void restore_copy(const std::string& source, const std::string& dest) {
  auto src = open_immutable(source);
  auto out = open_db(dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, dest);
  sqlite3_busy_timeout(out.get(), kTargetBusyTimeoutMs);
  // Leaving WAL mode needs every other connection closed: a server that has
  // the target open holds it in WAL mode, and so is seen here.
  const auto in_use = [&dest] {
    return InUse(dest + " is in use by another process (a keycard server?): stop it before restoring");
  };
  std::vector<std::string> mode;
  try {
    mode = column(out.get(), "PRAGMA journal_mode=DELETE", "cannot prepare " + dest);
  } catch (const DbError&) {
    const int code = sqlite3_errcode(out.get()) & 0xff;
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED) throw in_use();
    throw;
  }
  if (mode.empty() || mode.front() != "delete") throw in_use();
  // One transaction of the target, with its rollback journal: a crash
  // during the restore leaves the target as it was.
  exec(out.get(), "PRAGMA synchronous=FULL", "cannot set up " + dest);
  run_backup(out.get(), src.get(), -1, "cannot restore " + source + " into " + dest);
}

}  // namespace keycard::db::sqlite
