// SQLite's online backup API (sqlite3_backup_*) for keycard backup and
// keycard restore (db/backup.hpp), and what those commands need to know of a
// SQLite file before they touch it.
#pragma once

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace keycard::db::sqlite {

// What a SQLite file holds, read without creating or changing it.
struct FileContents {
  std::vector<std::string> tables;  // every table but SQLite's own (sqlite_%)
  std::optional<int> migration;     // highest schema_migrations version, if that table exists
};

// Whether `path` starts with the SQLite file header ("SQLite format 3").
[[nodiscard]] bool has_sqlite_header(const std::string& path);

// Whether the SQLite file `path` is in WAL mode (its header's write and
// read versions, bytes 18 and 19, are 2): a live database, whose latest
// commits may be in a -wal file beside it. A backup is not (online_copy
// takes it out of WAL mode).
[[nodiscard]] bool is_wal_mode(const std::string& path);

// Reads the tables and migration of an existing database file. A file that
// is not a SQLite database throws DbError. immutable: open it as a file
// nothing else writes (a backup), so no -wal or -shm file is made or read.
[[nodiscard]] FileContents read_contents(const std::string& path, bool immutable);

// PRAGMA quick_check of an existing file opened immutable; empty when it
// passes, else SQLite's first complaint.
[[nodiscard]] std::string quick_check(const std::string& path);

// Copies the live database `source` (a server may be writing to it) into
// `dest`, a new file or an empty one (the caller made it with a unique name). The copy is one consistent
// snapshot: the source connection holds a read transaction across all steps,
// which in WAL mode blocks no writer, and each step copies `pages_per_step`
// pages. SQLITE_BUSY/LOCKED are retried for a bounded time. `dest` ends as a
// rollback-journal database (no -wal file belongs with it), closed but not
// yet synced: the caller syncs and renames it. Returns the source's migration
// as read in that snapshot; throws DbError (the source is no Keycard
// database: NotKeycard).
// between_steps runs after each step that left pages to copy (tests write
// to the source there).
int online_copy(const std::string& source, const std::string& dest, int pages_per_step = 256,
                const std::function<void()>& between_steps = {});

// Replaces the content of `dest` (created if missing) with the backup file
// `source`, in one transaction of `dest`, and syncs it. Throws InUse when
// another connection has `dest` open (a server), DbError otherwise.
void restore_copy(const std::string& source, const std::string& dest);

struct InUse : std::runtime_error {
  using std::runtime_error::runtime_error;
};
struct NotKeycard : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace keycard::db::sqlite
