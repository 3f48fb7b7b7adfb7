// keycard backup and keycard restore: an online, consistent copy of a
// Keycard database into one file, and such a file back into a database.
//
// SQLite: the backup API (db/sqlite/sqlite_backup.hpp), while a server runs.
// PostgreSQL: pg_dump in its custom format and pg_restore, run without a
// shell from an argument vector. The URL's password never reaches a command
// line (ps shows those): the child gets the connection as a libpq
// connection string without it (--dbname) and the password as PGPASSWORD in
// an environment of its own, which holds only what libpq and the C library
// read (child_environment), not the caller's KEYCARD_* secrets. A URL
// without a password leaves libpq its own ways (PGPASSWORD of the caller,
// ~/.pgpass, peer authentication).
//
// A backup is written to a new file of a unique name beside FILE
// (FILE.XXXXXX.partial), synced, and renamed to FILE, so FILE is always a
// whole backup (an older FILE is replaced only by a complete new one), and
// backups to one FILE at once each write their own file.
// Refusals (a missing file, a PostgreSQL database that does not exist, a
// target that is not empty, the database itself as FILE, a missing pg_dump)
// throw ConfigError: exit status 2. Failures of the copy throw BackupError,
// a PostgreSQL server that cannot be reached UnavailableError (exit 1).
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"

namespace keycard::db::backup {

struct BackupError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// What a database URL designates. Throws ConfigError for an in-memory
// SQLite database and for other schemes.
struct Location {
  Backend backend = Backend::sqlite;
  std::string path;  // SQLite: the database file
  std::string url;   // PostgreSQL: the URL as given
};
[[nodiscard]] Location locate(const std::string& database_url);

// A PostgreSQL URL split for a child process (pg_dump, pg_restore): a libpq
// connection string of every parameter that is no secret, and each secret
// (libpq's options shown as '*' by PQconndefaults: password, sslpassword,
// ...) as the environment variable libpq reads it from (PGPASSWORD=...,
// percent-decoded), if the URL has it. A secret libpq reads from no
// variable (sslpassword) could reach the child only on its command line:
// refused (ConfigError), as is a URL libpq cannot parse (without repeating
// the URL, which may hold a secret).
struct PgChildConnection {
  std::string conninfo;
  std::vector<std::string> env;  // NAME=value
};
[[nodiscard]] PgChildConnection split_secrets(const std::string& url);
// A value quoted for a libpq connection string: 'it''s' as 'it\'s'.
[[nodiscard]] std::string conninfo_quote(std::string_view value);

// The environment of pg_dump / pg_restore: of `parent` (a null-terminated
// NAME=value list, environ), only PATH, HOME, LANG, LC_*, TZ, TMPDIR,
// KRB5CCNAME, KRB5_CONFIG and libpq's PG* variables, never the caller's
// KEYCARD_DATABASE, KEYCARD_JWT_SECRET and the like; then `overrides`
// (NAME=value) in place of the parent's variables of those names.
[[nodiscard]] std::vector<std::string> child_environment(const char* const* parent,
                                                         const std::vector<std::string>& overrides);

// Argument vectors, program name first. Files are given by their absolute
// path (fs::absolute), so no name is read as an option ("-x.dump"). row_security: dump what the
// policies let the user see (--enable-row-security), for a user without
// BYPASSRLS; backup() then runs pg_dump in the platform scope
// (PGOPTIONS=-c keycard.platform=on), which every Keycard policy opens to
// all rows, and refuses a table whose policies do not.
[[nodiscard]] std::vector<std::string> pg_dump_args(const std::string& conninfo, const std::string& file,
                                                    bool row_security);
[[nodiscard]] std::vector<std::string> pg_restore_args(const std::string& conninfo, const std::string& file);
[[nodiscard]] std::vector<std::string> pg_restore_list_args(const std::string& file);

// What a target database holds: its tables (SQLite: every table but
// SQLite's own; PostgreSQL: tables, views and sequences of schema public,
// Keycard's schema) and, when it has schema_migrations, its migration.
struct Contents {
  std::vector<std::string> tables;
  std::optional<int> migration;
};
// Empty: nothing a restore would overwrite. Anything at all counts, a
// Keycard schema without rows as much as tables that are not Keycard's.
[[nodiscard]] bool is_empty(const Contents& contents);
// "Keycard data at migration 8 (31 tables)", "2 tables that are not
// Keycard's (a, b)": for the refusal's message.
[[nodiscard]] std::string describe(const Contents& contents);

// Whether `pg_restore --list` of an archive shows Keycard's migrations table.
[[nodiscard]] bool archive_is_keycard(std::string_view listing);

// The first executable `name` in a PATH-style list of folders.
[[nodiscard]] std::optional<std::string> find_program(std::string_view name, std::string_view path_variable);

// Whether `file` is the SQLite database `database` or one of its companion
// files (-wal, -shm, -journal): the same path, or the same file reached
// through another (a link).
[[nodiscard]] bool is_database_file(const std::string& file, const std::string& database);

struct BackupReport {
  std::string file;
  std::uintmax_t bytes = 0;
  int migration = 0;  // the database's migration when it was copied
};
// Copies the database at `database_url` into `file`, online.
BackupReport backup(const std::string& database_url, const std::string& file);

struct RestoreReport {
  int migration = 0;  // the restored database's migration
  int latest = 0;     // the highest this binary carries: migrate applies the rest
};
// Restores the backup `file` into `database_url`. Refuses a target that is
// not empty unless `force` (which then drops what is there: the whole file
// on SQLite, every object of schema public on PostgreSQL), and a target a
// keycard server is connected to.
RestoreReport restore(const std::string& database_url, const std::string& file, bool force);

}  // namespace keycard::db::backup
