// db/backup: the pure parts of keycard backup / restore (URLs, the secrets
// kept out of pg_dump's command line and environment, argument vectors, emptiness, archive
// listings, PATH look-up, the database's own files), and the SQLite copy on
// temporary files.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/errors.hpp"
#include "db/backup.hpp"
#include "db/database.hpp"
#include "db/sqlite/sqlite_backup.hpp"

namespace keycard::db::backup {
namespace {

namespace fs = std::filesystem;

bool any_contains(const std::vector<std::string>& args, const std::string& needle) {
  return std::any_of(args.begin(), args.end(),
                     [&](const std::string& a) { return a.find(needle) != std::string::npos; });
}

class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = fs::temp_directory_path() / ("keycard-backup-test-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(path_);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  [[nodiscard]] std::string file(const std::string& name) const { return (path_ / name).string(); }
  // The names in the folder, sorted.
  [[nodiscard]] std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(path_)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  fs::path path_;
};

TEST(BackupLocate, SqliteUrlsNameTheirFile) {
  EXPECT_EQ(locate("sqlite:var/keycard.db").path, "var/keycard.db");
  EXPECT_EQ(locate("sqlite:///abs/k.db").path, "/abs/k.db");
  EXPECT_EQ(locate("sqlite:var/keycard.db").backend, Backend::sqlite);
}

TEST(BackupLocate, PostgresUrlsAreKeptWhole) {
  const auto where = locate("postgresql://u:p@h:5432/db?sslmode=disable");
  EXPECT_EQ(where.backend, Backend::postgres);
  EXPECT_EQ(where.url, "postgresql://u:p@h:5432/db?sslmode=disable");
  EXPECT_EQ(locate("postgres://h/db").backend, Backend::postgres);
}

TEST(BackupLocate, RefusesMemoryAndOtherSchemes) {
  EXPECT_THROW((void)locate("sqlite::memory:"), ConfigError);
  EXPECT_THROW((void)locate("mysql://h/db"), ConfigError);
  EXPECT_THROW((void)locate("sqlite:"), ConfigError);
}

TEST(BackupSecrets, UserinfoPasswordLeavesTheConnectionStringDecoded) {
  const auto c = split_secrets("postgresql://keycard:s3cr%27et%20p%40ss@db.internal:6543/hotel");
  EXPECT_EQ(c.env, (std::vector<std::string>{"PGPASSWORD=s3cr'et p@ss"}));
  EXPECT_EQ(c.conninfo.find("s3cr"), std::string::npos) << c.conninfo;
  EXPECT_EQ(c.conninfo.find("password"), std::string::npos) << c.conninfo;
  EXPECT_NE(c.conninfo.find("user='keycard'"), std::string::npos) << c.conninfo;
  EXPECT_NE(c.conninfo.find("host='db.internal'"), std::string::npos) << c.conninfo;
  EXPECT_NE(c.conninfo.find("port='6543'"), std::string::npos) << c.conninfo;
  EXPECT_NE(c.conninfo.find("dbname='hotel'"), std::string::npos) << c.conninfo;
}

TEST(BackupSecrets, QueryPasswordIsTakenOutToo) {
  const auto c = split_secrets("postgresql://h/db?password=hunter2&sslmode=require");
  EXPECT_EQ(c.env, (std::vector<std::string>{"PGPASSWORD=hunter2"}));
  EXPECT_EQ(c.conninfo.find("hunter2"), std::string::npos) << c.conninfo;
  EXPECT_NE(c.conninfo.find("sslmode='require'"), std::string::npos) << c.conninfo;
}

TEST(BackupSecrets, NoPasswordNoPgpassword) {
  const auto c = split_secrets("postgresql://postgres@127.0.0.1:5432/postgres");
  EXPECT_TRUE(c.env.empty());
  EXPECT_NE(c.conninfo.find("user='postgres'"), std::string::npos);
}

// sslpassword (the client key's passphrase) is a secret libpq reads from no
// environment variable: it would have to go on the command line.
TEST(BackupSecrets, ASecretWithoutAnEnvironmentVariableIsRefused) {
  try {
    (void)split_secrets("postgresql://u:pwzz9@h/db?sslmode=verify-full&sslkey=/k.key&sslpassword=keyphrase");
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("sslpassword"), std::string::npos) << what;
    EXPECT_NE(what.find("service"), std::string::npos) << what;
    EXPECT_EQ(what.find("keyphrase"), std::string::npos) << what;
    EXPECT_EQ(what.find("pwzz9"), std::string::npos) << what;
  }
  // A service file holds it instead: the service's name is no secret.
  const auto c = split_secrets("postgresql:///db?service=keycard");
  EXPECT_NE(c.conninfo.find("service='keycard'"), std::string::npos) << c.conninfo;
}

// Every option libpq marks as a secret is out of the connection string, for
// each of them that the linked libpq knows.
TEST(BackupSecrets, EveryOptionLibpqHidesIsKeptOffTheConnectionString) {
  const std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> defaults(PQconndefaults(), &PQconninfoFree);
  ASSERT_TRUE(defaults);
  int secrets = 0;
  for (const PQconninfoOption* o = defaults.get(); o->keyword != nullptr; ++o) {
    if (o->dispchar == nullptr || std::strchr(o->dispchar, '*') == nullptr) continue;
    ++secrets;
    const std::string url = std::string("postgresql://h/db?") + o->keyword + "=zz-secret-zz";
    if (o->envvar == nullptr) {
      EXPECT_THROW((void)split_secrets(url), ConfigError) << o->keyword;
      continue;
    }
    const auto c = split_secrets(url);
    EXPECT_EQ(c.conninfo.find("zz-secret-zz"), std::string::npos) << o->keyword << ": " << c.conninfo;
    EXPECT_EQ(c.env, (std::vector<std::string>{std::string(o->envvar) + "=zz-secret-zz"})) << o->keyword;
  }
  EXPECT_GE(secrets, 2);  // password and sslpassword at least
}

TEST(BackupSecrets, AnUnparsableUrlIsRefusedWithoutRepeatingIt) {
  try {
    (void)split_secrets("postgresql://u:topsecret@h/db?nosuchoption=1");
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()).find("topsecret"), std::string::npos) << e.what();
  }
}

// The child sees libpq's and the C library's variables, not the server's
// secrets, and the overrides win over the caller's values.
TEST(BackupSecrets, TheChildEnvironmentIsAllowListed) {
  const std::vector<const char*> parent{"PATH=/usr/bin:/bin",
                                        "HOME=/var/lib/keycard",
                                        "LANG=C.UTF-8",
                                        "LC_ALL=C",
                                        "LC_MESSAGES=en_US.UTF-8",
                                        "TZ=UTC",
                                        "TMPDIR=/tmp/k",
                                        "PGSSLMODE=require",
                                        "PGPASSFILE=/etc/keycard/pgpass",
                                        "PGPASSWORD=from-the-caller",
                                        "PGOPTIONS=-c work_mem=64MB",
                                        "KEYCARD_DATABASE=postgresql://keycard:hunter2@h/db",
                                        "KEYCARD_JWT_SECRET=0123456789abcdef0123456789abcdef",
                                        "KEYCARD_BOOTSTRAP_ADMIN_PASSWORD=very-secret-admin",
                                        "AWS_SECRET_ACCESS_KEY=cloud",
                                        "PATHOLOGICAL=1",
                                        "LC_=x",
                                        "PG=x",
                                        "NOEQUALS",
                                        nullptr};
  const auto env = child_environment(parent.data(), {"PGPASSWORD=from-the-url", "PGOPTIONS=-c keycard.platform=on"});
  EXPECT_EQ(env, (std::vector<std::string>{"PATH=/usr/bin:/bin", "HOME=/var/lib/keycard", "LANG=C.UTF-8", "LC_ALL=C",
                                           "LC_MESSAGES=en_US.UTF-8", "TZ=UTC", "TMPDIR=/tmp/k", "PGSSLMODE=require",
                                           "PGPASSFILE=/etc/keycard/pgpass", "PGPASSWORD=from-the-url",
                                           "PGOPTIONS=-c keycard.platform=on"}));
  // Without overrides the caller's PGPASSWORD is libpq's to use.
  const auto plain = child_environment(parent.data(), {});
  EXPECT_NE(std::find(plain.begin(), plain.end(), "PGPASSWORD=from-the-caller"), plain.end());
  EXPECT_FALSE(any_contains(plain, "KEYCARD_"));
  EXPECT_FALSE(any_contains(plain, "hunter2"));
  EXPECT_TRUE(child_environment(nullptr, {}).empty());
}

TEST(BackupSecrets, ConninfoValuesAreQuoted) {
  EXPECT_EQ(conninfo_quote("plain"), "'plain'");
  EXPECT_EQ(conninfo_quote("it's"), "'it\\'s'");
  EXPECT_EQ(conninfo_quote("a\\b c"), "'a\\\\b c'");
}

TEST(BackupArgs, PgDumpWritesTheCustomFormatToTheFileWithoutThePassword) {
  const auto c = split_secrets("postgresql://keycard:hunter2@h:5432/hotel");
  const auto args = pg_dump_args(c.conninfo, "/backups/k.dump.partial", false);
  ASSERT_FALSE(args.empty());
  EXPECT_EQ(args.front(), "pg_dump");
  EXPECT_NE(std::find(args.begin(), args.end(), "--format=custom"), args.end());
  EXPECT_NE(std::find(args.begin(), args.end(), "--file=/backups/k.dump.partial"), args.end());
  EXPECT_NE(std::find(args.begin(), args.end(), "--no-password"), args.end());
  EXPECT_NE(std::find(args.begin(), args.end(), "--dbname=" + c.conninfo), args.end());
  EXPECT_FALSE(any_contains(args, "hunter2"));
  EXPECT_FALSE(any_contains(args, "--enable-row-security"));
  EXPECT_TRUE(any_contains(pg_dump_args(c.conninfo, "f", true), "--enable-row-security"));
}

TEST(BackupArgs, PgRestoreIsOneTransactionWithoutOwners) {
  const auto args = pg_restore_args("host='h' dbname='d'", "/b/k.dump");
  EXPECT_EQ(args.front(), "pg_restore");
  for (const char* flag : {"--single-transaction", "--exit-on-error", "--no-owner", "--no-password"}) {
    EXPECT_NE(std::find(args.begin(), args.end(), flag), args.end()) << flag;
  }
  EXPECT_EQ(args.back(), "/b/k.dump");
  EXPECT_EQ(pg_restore_list_args("/b/x.dump"), (std::vector<std::string>{"pg_restore", "--list", "/b/x.dump"}));
}

// A file name that starts with "-" is no option to pg_dump or pg_restore:
// every file goes by its absolute path.
TEST(BackupArgs, FilesGoByTheirAbsolutePath) {
  const auto cwd = fs::current_path();
  const auto dash = (cwd / "-h evil.dump").string();
  EXPECT_EQ(pg_restore_args("dbname='d'", "-h evil.dump").back(), dash);
  EXPECT_EQ(pg_restore_list_args("-h evil.dump"), (std::vector<std::string>{"pg_restore", "--list", dash}));
  const auto dump = pg_dump_args("dbname='d'", "-h evil.dump", false);
  EXPECT_NE(std::find(dump.begin(), dump.end(), "--file=" + dash), dump.end());
  for (const auto& args :
       {pg_restore_args("dbname='d'", "-x"), pg_restore_list_args("-x"), pg_dump_args("d", "-x", true)}) {
    for (std::size_t i = 1; i < args.size(); ++i) {
      // Options are --name[=value]; the only other argument is an absolute path.
      EXPECT_TRUE(args[i].starts_with("--") || args[i].starts_with("/")) << args[i];
      EXPECT_FALSE(args[i] == "-x");
    }
  }
}

TEST(BackupEmptiness, NothingAtAllIsEmpty) {
  EXPECT_TRUE(is_empty(Contents{}));
  EXPECT_FALSE(is_empty(Contents{{"schema_migrations"}, 0}));            // a schema without rows counts
  EXPECT_FALSE(is_empty(Contents{{"notes"}, std::nullopt}));             // another application's table counts
  EXPECT_FALSE(is_empty(Contents{{"guests", "schema_migrations"}, 8}));  // Keycard data
}

TEST(BackupEmptiness, DescribeSaysWhatWouldBeReplaced) {
  EXPECT_EQ(describe(Contents{{"guests", "schema_migrations"}, 8}), "Keycard data at migration 8 (2 tables)");
  EXPECT_EQ(describe(Contents{{"notes"}, std::nullopt}), "1 table that is not Keycard's (notes)");
  EXPECT_EQ(describe(Contents{{"a", "b", "c", "d", "e", "f"}, std::nullopt}),
            "6 tables that are not Keycard's (a, b, c, d, e, ...)");
}

TEST(BackupArchive, AKeycardListingHasTheMigrationsTable) {
  const std::string keycard =
      ";\n; Archive created at 2025-01-01\n;\n"
      "4139; 0 0 ACL - SCHEMA public pg_database_owner\n"
      "215; 1259 16390 TABLE public schema_migrations postgres\n"
      "4100; 0 16390 TABLE DATA public schema_migrations postgres\n";
  EXPECT_TRUE(archive_is_keycard(keycard));
  const std::string other =
      "215; 1259 16390 TABLE public notes postgres\n"
      "4100; 0 16390 TABLE DATA public schema_migrations postgres\n"
      "216; 1259 16391 TABLE other schema_migrations postgres\n"
      "217; 1259 16392 TABLE public schema_migrations_old postgres\n";
  EXPECT_FALSE(archive_is_keycard(other));
  EXPECT_FALSE(archive_is_keycard(""));
}

TEST(BackupPath, FindsTheFirstExecutableOnPath) {
  const TempDir a;
  const TempDir b;
  const auto not_exec = a.file("pg_dump");
  std::ofstream(not_exec) << "#!/bin/sh\n";
  const auto exec = b.file("pg_dump");
  std::ofstream(exec) << "#!/bin/sh\n";
  ::chmod(exec.c_str(), 0755);
  const auto dir_a = fs::path(not_exec).parent_path().string();
  const auto dir_b = fs::path(exec).parent_path().string();
  EXPECT_EQ(find_program("pg_dump", dir_a + "::" + dir_b), exec);
  ::chmod(not_exec.c_str(), 0755);
  EXPECT_EQ(find_program("pg_dump", dir_a + ":" + dir_b), not_exec);
  EXPECT_FALSE(find_program("pg_restore", dir_a + ":" + dir_b).has_value());
  EXPECT_FALSE(find_program("pg_dump", "").has_value());
  EXPECT_FALSE(find_program("../pg_dump", dir_a).has_value());
}

TEST(BackupPath, TheDatabaseAndItsCompanionsAreTheDatabase) {
  const TempDir d;
  const auto db = d.file("keycard.db");
  std::ofstream(db) << "x";
  EXPECT_TRUE(is_database_file(db, db));
  EXPECT_TRUE(is_database_file(db + "-wal", db));
  EXPECT_TRUE(is_database_file(db + "-shm", db));
  EXPECT_TRUE(is_database_file(d.file("sub/../keycard.db"), db));
  fs::create_symlink(db, d.file("link.db"));
  EXPECT_TRUE(is_database_file(d.file("link.db"), db));
  EXPECT_FALSE(is_database_file(d.file("backup.db"), db));
  EXPECT_FALSE(is_database_file(db + ".bak", db));
}

// The SQLite copy end to end on files: a backup is a Keycard database with
// every row, a restore refuses a non-empty target without force.
TEST(BackupSqlite, BackupAndRestoreThroughTheBackupApi) {
  const TempDir d;
  const auto source = d.file("live.db");
  {
    auto db = Database::open("sqlite:" + source);
    db->migrate();
    auto tx = db->begin_platform(TxMode::write);
    tx.exec("CREATE TABLE backup_probe (n INTEGER)");
    for (int i = 0; i < 500; ++i) tx.exec("INSERT INTO backup_probe (n) VALUES ($1)", {std::int64_t{i}});
    tx.commit();
  }
  const auto file = d.file("copy.db");
  const auto report = backup("sqlite:" + source, file);
  EXPECT_EQ(report.file, file);
  EXPECT_GT(report.bytes, 0U);
  EXPECT_GT(report.migration, 0);
  // No temporary file, none of its -wal, -shm, -journal: the source's own
  // files and the backup only.
  for (const auto& name : d.names()) {
    EXPECT_TRUE(name == "copy.db" || name.starts_with("live.db")) << name;
  }
  EXPECT_FALSE(fs::exists(file + "-wal"));
  EXPECT_EQ(fs::status(file).permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
  EXPECT_EQ(sqlite::quick_check(file), "");
  EXPECT_FALSE(sqlite::is_wal_mode(file));  // a backup is not in WAL mode
  const auto copied = sqlite::read_contents(file, true);
  EXPECT_EQ(copied.migration, report.migration);

  const auto target = d.file("restored/k.db");
  const auto restored = restore("sqlite:" + target, file, false);
  EXPECT_EQ(restored.migration, report.migration);
  {
    auto db = Database::open("sqlite:" + target);
    auto tx = db->begin_platform(TxMode::read);
    EXPECT_EQ(tx.one("SELECT count(*), sum(n) FROM backup_probe")->int64(1), 499 * 500 / 2);
    tx.commit();
  }
  EXPECT_THROW((void)restore("sqlite:" + target, file, false), ConfigError);
  EXPECT_EQ(restore("sqlite:" + target, file, true).migration, report.migration);
  EXPECT_THROW((void)restore("sqlite:" + target, d.file("missing.db"), true), ConfigError);
  EXPECT_THROW((void)restore("sqlite:" + target, target, true), ConfigError);
  EXPECT_THROW((void)backup("sqlite:" + source, source), ConfigError);
  EXPECT_THROW((void)backup("sqlite:" + d.file("none.db"), d.file("x.db")), ConfigError);
  EXPECT_FALSE(fs::exists(d.file("none.db")));
}

// Writes between the steps of a copy, through another connection, neither
// restart it (it would never end: one write after each step) nor get into
// it: the copy is the snapshot of its start.
TEST(BackupSqlite, WritesBetweenStepsLeaveTheCopyItsSnapshot) {
  const TempDir d;
  const auto source = d.file("live.db");
  auto db = Database::open("sqlite:" + source);
  db->migrate();
  {
    auto tx = db->begin_platform(TxMode::write);
    tx.exec("CREATE TABLE backup_probe (n INTEGER PRIMARY KEY, pad TEXT)");
    for (int i = 1; i <= 2000; ++i) {
      tx.exec("INSERT INTO backup_probe (n, pad) VALUES ($1, $2)", {std::int64_t{i}, std::string(200, 'x')});
    }
    tx.commit();
  }
  int steps = 0;
  std::int64_t next = 2001;
  const auto copy = d.file("copy.db");
  (void)sqlite::online_copy(source, copy, 4, [&] {
    // A copy that restarts after each write never ends: fail instead.
    if (++steps > 5000) throw std::runtime_error("the copy keeps restarting");
    auto tx = db->begin_platform(TxMode::write);
    tx.exec("INSERT INTO backup_probe (n, pad) VALUES ($1, 'later')", {next++});
    tx.commit();
  });
  EXPECT_GT(steps, 50);  // many steps, each followed by a committed write
  EXPECT_EQ(sqlite::quick_check(copy), "");
  auto restored = Database::open("sqlite:" + copy);
  auto tx = restored->begin_platform(TxMode::read);
  const auto row = tx.one("SELECT count(*), max(n) FROM backup_probe");
  EXPECT_EQ(row->int64(0), 2000);
  EXPECT_EQ(row->int64(1), 2000);
  tx.commit();
  auto live = db->begin_platform(TxMode::read);
  EXPECT_EQ(live.one("SELECT count(*) FROM backup_probe")->int64(0), 2000 + steps);
  live.commit();
}

// A copy of a live database file (cp keycard.db) is in WAL mode, its latest
// commits perhaps in the -wal beside it, which a restore would not read.
TEST(BackupSqlite, ALiveDatabaseFileInWalModeIsNoBackup) {
  const TempDir d;
  const auto live = d.file("keycard.db");
  auto db = Database::open("sqlite:" + live);
  db->migrate();
  ASSERT_TRUE(sqlite::is_wal_mode(live));
  for (const auto& from : {live, d.file("copied.db")}) {
    if (from != live) fs::copy_file(live, from);
    try {
      (void)restore("sqlite:" + d.file("t.db"), from, false);
      FAIL() << "expected ConfigError for " << from;
    } catch (const ConfigError& e) {
      EXPECT_EQ(std::string(e.what()), from +
                                           " is a live database file in WAL mode, not a keycard backup; make one "
                                           "with keycard backup");
    }
  }
  EXPECT_FALSE(fs::exists(d.file("t.db")));
}

TEST(BackupSqlite, AFileThatIsNotAKeycardDatabaseIsRefused) {
  const TempDir d;
  const auto junk = d.file("junk.db");
  std::ofstream(junk) << "not a database at all";
  EXPECT_THROW((void)restore("sqlite:" + d.file("t.db"), junk, false), ConfigError);
  const auto plain = d.file("plain.db");
  {
    auto db = Database::open("sqlite:" + plain);
    auto tx = db->begin_platform(TxMode::write);
    tx.exec("CREATE TABLE notes (n INTEGER)");
    tx.commit();
  }
  EXPECT_THROW((void)restore("sqlite:" + d.file("t.db"), plain, false), ConfigError);
  // The same out of WAL mode, as a backup is: refused for what it holds.
  const auto rollback = d.file("rollback.db");
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(rollback.c_str(), &raw), SQLITE_OK);
    const std::unique_ptr<sqlite3, decltype(&sqlite3_close)> handle(raw, &sqlite3_close);
    ASSERT_EQ(sqlite3_exec(raw, "CREATE TABLE notes (n INTEGER)", nullptr, nullptr, nullptr), SQLITE_OK);
  }
  ASSERT_FALSE(sqlite::is_wal_mode(rollback));
  try {
    (void)restore("sqlite:" + d.file("t.db"), rollback, false);
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("no schema_migrations table"), std::string::npos) << e.what();
  }
  const auto before = d.names();
  EXPECT_THROW((void)backup("sqlite:" + plain, d.file("b.db")), ConfigError);
  EXPECT_EQ(d.names(), before);  // no b.db, no temporary file left
}

}  // namespace
}  // namespace keycard::db::backup
