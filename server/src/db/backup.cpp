// keycard backup / keycard restore (db/backup.hpp).
#include "db/backup.hpp"

#include <fcntl.h>
#include <libpq-fe.h>
#include <poll.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <system_error>
#include <utility>

#include "common/errors.hpp"
#include "db/migrations.hpp"
#include "db/pool.hpp"
#include "db/postgres/pg_connection.hpp"
#include "db/sqlite/sqlite_backup.hpp"
#include "db/sqlite/sqlite_connection.hpp"

namespace keycard::db::backup {
namespace fs = std::filesystem;
namespace {

constexpr const char* kPgClientPackage =
    "install PostgreSQL's client programs, of the server's major version or newer "
    "(Debian/Ubuntu: apt-get install postgresql-client)";
constexpr int kConnectTimeoutSeconds = 10;
// Lines of a child's stderr kept for the error message.
constexpr std::size_t kStderrLimit = 16 * 1024;

// Relations of Keycard's schema (public), extensions' own left out.
constexpr const char* kPgTables =
    "SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
    " WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')"
    " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::regclass"
    " AND d.objid = c.oid AND d.deptype = 'e')"
    " ORDER BY 1";
constexpr const char* kPgMigration = "SELECT COALESCE(MAX(version), 0) FROM public.schema_migrations";
// Other keycard processes on the target (their application_name, set by
// db/postgres/pg_connection.cpp).
constexpr const char* kPgKeycardSessions =
    "SELECT count(*) FROM pg_catalog.pg_stat_activity WHERE datname = current_database()"
    " AND pid <> pg_backend_pid() AND application_name = 'keycard'";

// Whether the URL's user reads every row whatever the policies.
constexpr const char* kPgBypassesRls =
    "SELECT rolsuper OR rolbypassrls FROM pg_catalog.pg_roles WHERE rolname = current_user";
// Tables of schema public whose row-level security the platform scope
// (keycard.platform = 'on') might not open to every row: no permissive
// policy for reads that names keycard.platform and applies to the current
// user (TO public, the user, or a role whose privileges it has: a policy
// TO keycard_app alone would let an owner outside it dump no rows), or a
// restrictive one. Every Keycard policy opens to the platform scope
// (server/migrations/postgres). CASE: pg_has_role is not asked about
// 'public', which is no role.
constexpr const char* kPgTablesNotOpenToPlatform =
    "SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
    " WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relrowsecurity"
    " AND (NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policies p WHERE p.schemaname = 'public'"
    " AND p.tablename = c.relname AND p.permissive = 'PERMISSIVE' AND p.cmd IN ('ALL', 'SELECT')"
    " AND p.qual LIKE '%current_setting(''keycard.platform''::text, true)%= ''on''::text%'"
    " AND EXISTS (SELECT 1 FROM pg_catalog.unnest(p.roles) AS r(name) WHERE CASE WHEN r.name = 'public' THEN true"
    " ELSE pg_catalog.pg_has_role(current_user, r.name, 'USAGE') END))"
    " OR EXISTS (SELECT 1 FROM pg_catalog.pg_policies p WHERE p.schemaname = 'public'"
    " AND p.tablename = c.relname AND p.permissive = 'RESTRICTIVE'))"
    " ORDER BY 1";

// keycard_app is cluster-wide and pg_dump does not carry roles: a restore
// into another cluster needs it before the archive's GRANTs, and the
// restoring user (the schema owner the server connects as) must be able to
// SET ROLE to it. As in migration 0001, losing a race to create it is fine.
constexpr const char* kPgEnsureAppRole = R"sql(
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'keycard_app') THEN
    BEGIN
      CREATE ROLE keycard_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL;
    END;
  END IF;
  IF NOT pg_catalog.pg_has_role(current_user, 'keycard_app', 'MEMBER') THEN
    EXECUTE format('GRANT keycard_app TO %I', current_user);
  END IF;
END
$$;
)sql";

// restore --force on PostgreSQL: every object of schema public goes, the
// schema itself (its owner and privileges) stays. Names are read before the
// first DROP, since a CASCADE takes dependent objects along (IF EXISTS).
constexpr const char* kPgDropPublic = R"sql(
BEGIN;
DO $$
DECLARE
  stmt text;
BEGIN
  FOREACH stmt IN ARRAY coalesce((
    SELECT array_agg(format('DROP EXTENSION IF EXISTS %I CASCADE', e.extname))
    FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
    WHERE n.nspname = 'public'), '{}') LOOP
    EXECUTE stmt;
  END LOOP;
  FOREACH stmt IN ARRAY coalesce((
    SELECT array_agg(format('DROP %s IF EXISTS public.%I CASCADE',
      CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
        WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, c.relname))
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')), '{}') LOOP
    EXECUTE stmt;
  END LOOP;
  FOREACH stmt IN ARRAY coalesce((
    SELECT array_agg(format('DROP %s IF EXISTS %s CASCADE',
      CASE p.prokind WHEN 'a' THEN 'AGGREGATE' WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END,
      p.oid::pg_catalog.regprocedure::text))
    FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'public'), '{}') LOOP
    EXECUTE stmt;
  END LOOP;
  FOREACH stmt IN ARRAY coalesce((
    SELECT array_agg(format('DROP %s IF EXISTS public.%I CASCADE',
      CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, t.typname))
    FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname = 'public' AND t.typtype IN ('d', 'e', 'r')
       OR (n.nspname = 'public' AND t.typtype = 'c'
           AND (SELECT c.relkind FROM pg_catalog.pg_class c WHERE c.oid = t.typrelid) = 'c')), '{}') LOOP
    EXECUTE stmt;
  END LOOP;
END
$$;
COMMIT;
)sql";

struct ProcessResult {
  int exit_code = 0;  // 128 + the signal when a signal ended it
  std::string out;
  std::string err;
};

std::string trim_end(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

struct Fd {
  int fd = -1;
  Fd() = default;
  explicit Fd(int f) : fd(f) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  void reset() {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
};

// Runs `program` with `args` (args[0] its name) and no shell, stdin from
// /dev/null, in child_environment(environ, env_override). Collects stdout
// and stderr.
ProcessResult run_program(const std::string& program, const std::vector<std::string>& args,
                          const std::vector<std::string>& env_override) {
  auto env_store = child_environment(environ, env_override);
  std::vector<char*> envp;
  envp.reserve(env_store.size() + 1);
  for (auto& s : env_store) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::vector<std::string> arg_store(args);
  std::vector<char*> argv;
  argv.reserve(arg_store.size() + 1);
  for (auto& s : arg_store) argv.push_back(s.data());
  argv.push_back(nullptr);

  std::array<int, 2> out_pipe{-1, -1};
  std::array<int, 2> err_pipe{-1, -1};
  if (::pipe2(out_pipe.data(), O_CLOEXEC) != 0)
    throw BackupError("cannot create a pipe: " + std::string(strerror(errno)));
  Fd out_read(out_pipe[0]);
  Fd out_write(out_pipe[1]);
  if (::pipe2(err_pipe.data(), O_CLOEXEC) != 0)
    throw BackupError("cannot create a pipe: " + std::string(strerror(errno)));
  Fd err_read(err_pipe[0]);
  Fd err_write(err_pipe[1]);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_write.fd, 1);
  posix_spawn_file_actions_adddup2(&actions, err_write.fd, 2);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw BackupError("cannot run " + program + ": " + std::string(strerror(rc)));
  out_write.reset();
  err_write.reset();

  ProcessResult result;
  std::array<pollfd, 2> fds{pollfd{out_read.fd, POLLIN, 0}, pollfd{err_read.fd, POLLIN, 0}};
  std::array<char, 8192> buf{};
  int open_streams = 2;
  while (open_streams > 0) {
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (std::size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      const auto n = ::read(fds[i].fd, buf.data(), buf.size());
      if (n > 0) {
        auto& sink = i == 0 ? result.out : result.err;
        sink.append(buf.data(), static_cast<std::size_t>(n));
        if (i == 1 && sink.size() > kStderrLimit) sink.erase(0, sink.size() - kStderrLimit);
      } else if (n == 0 || errno != EINTR) {
        fds[i].fd = -1;
        --open_streams;
      }
    }
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

std::string child_failure(const std::string& what, const ProcessResult& r) {
  const auto err = trim_end(r.err);
  return what + " failed (exit status " + std::to_string(r.exit_code) + ")" + (err.empty() ? "" : ": " + err);
}

std::string require_program(const char* name) {
  const char* path = std::getenv("PATH");
  auto found = find_program(name, path ? path : "/usr/local/bin:/usr/bin:/bin");
  if (!found) throw ConfigError(std::string(name) + " was not found on PATH: " + kPgClientPackage);
  return *found;
}

void sync_path(const std::string& path, bool directory) {
  const Fd f(::open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC));
  if (f.fd < 0 || ::fsync(f.fd) != 0) {
    throw BackupError("cannot sync " + path + " to disk: " + std::string(strerror(errno)));
  }
}

// The temporary file, synced, becomes FILE; then the folder's entry is
// synced.
void publish(const std::string& partial, const std::string& file) {
  sync_path(partial, false);
  std::error_code ec;
  fs::rename(partial, file, ec);
  if (ec) throw BackupError("cannot rename " + partial + " to " + file + ": " + ec.message());
  const auto parent = fs::absolute(file).parent_path();
  sync_path(parent.string(), true);
}

// The temporary file of a backup: removed unless the backup got through
// (renamed to FILE), and its SQLite companions (-wal, -shm, -journal, which
// leaving WAL mode makes and a failure may leave) removed whatever happens.
struct PartialGuard {
  explicit PartialGuard(std::string p) : path(std::move(p)) {}
  std::string path;
  bool keep = false;
  PartialGuard(const PartialGuard&) = delete;
  PartialGuard& operator=(const PartialGuard&) = delete;
  ~PartialGuard() {
    std::error_code ec;
    if (!keep) fs::remove(path, ec);
    for (const char* suffix : {"-wal", "-shm", "-journal"}) fs::remove(path + suffix, ec);
  }
};

// Where a backup goes: its folder exists, it is no folder itself. Returns
// a new empty file beside it, FILE.XXXXXX.partial (mkstemps: a unique name,
// O_EXCL, mode 0600), so two backups to one FILE never write to one file.
std::string prepare_output(const std::string& file) {
  if (file.empty()) throw ConfigError("--to names no file");
  std::error_code ec;
  if (fs::is_directory(file, ec)) throw ConfigError("--to " + file + " is a folder; name the backup file");
  const auto parent = fs::absolute(file).parent_path();
  if (!fs::is_directory(parent, ec)) throw ConfigError("the folder of --to " + file + " does not exist");
  static constexpr std::string_view kSuffix = ".partial";
  std::string partial = file + ".XXXXXX" + std::string(kSuffix);
  const Fd fd(::mkstemps(partial.data(), static_cast<int>(kSuffix.size())));
  if (fd.fd < 0) {
    throw ConfigError("cannot create a file in the folder of --to " + file + ": " + std::string(strerror(errno)));
  }
  return partial;
}

void require_input(const std::string& file) {
  std::error_code ec;
  if (file.empty()) throw ConfigError("--from names no file");
  if (!fs::exists(file, ec)) throw ConfigError("no backup file at " + file);
  if (!fs::is_regular_file(file, ec)) throw ConfigError(file + " is not a regular file");
}

bool starts_with_bytes(const std::string& path, std::string_view magic) {
  std::ifstream in(path, std::ios::binary);
  std::string head(magic.size(), '\0');
  return static_cast<bool>(in.read(head.data(), static_cast<std::streamsize>(head.size()))) && head == magic;
}

int latest_migration(Backend backend) {
  const auto& list = backend == Backend::sqlite ? embedded_migrations_sqlite() : embedded_migrations_postgres();
  int latest = 0;
  for (const auto& m : list) latest = std::max(latest, m.version);
  return latest;
}

void refuse_newer(int migration, Backend backend) {
  const int latest = latest_migration(backend);
  if (migration > latest) {
    throw ConfigError("the backup is at migration " + std::to_string(migration) + ", newer than this keycard (" +
                      std::to_string(latest) + "): restore it with the keycard that made it, or a newer one");
  }
}

Contents pg_contents(Connection& conn) {
  Contents out;
  for (const auto& row : conn.exec(kPgTables, {}).rows) out.tables.push_back(row.text(0));
  if (std::find(out.tables.begin(), out.tables.end(), "schema_migrations") != out.tables.end()) {
    out.migration = static_cast<int>(conn.exec(kPgMigration, {}).rows.front().int64(0));
  }
  return out;
}

// Whether the PostgreSQL server at `url` says that the URL's database does
// not exist (SQLSTATE 3D000); then its name. libpq tells it only in its
// message, which names the SQLSTATE in verbose mode, set here before the
// connection is made (PQconnectStart): no locale's wording is matched.
// A server that does not answer in kConnectTimeoutSeconds throws
// UnavailableError; any other failure returns nullopt, for
// postgres::connect to report as it does.
std::optional<std::string> missing_database(const std::string& url) {
  const char* const keys[] = {"dbname", "fallback_application_name", nullptr};
  const char* const values[] = {url.c_str(), "keycard-backup", nullptr};
  const std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectStartParams(keys, values, 1), &PQfinish);
  if (!conn || PQstatus(conn.get()) == CONNECTION_BAD) return std::nullopt;
  PQsetErrorVerbosity(conn.get(), PQERRORS_VERBOSE);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(kConnectTimeoutSeconds);
  auto state = PGRES_POLLING_WRITING;
  while (state != PGRES_POLLING_OK && state != PGRES_POLLING_FAILED) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0) {
      throw UnavailableError("cannot connect to PostgreSQL: no answer within " +
                             std::to_string(kConnectTimeoutSeconds) + " s");
    }
    pollfd p{PQsocket(conn.get()), static_cast<short>(state == PGRES_POLLING_READING ? POLLIN : POLLOUT), 0};
    if (::poll(&p, 1, static_cast<int>(left)) < 0 && errno != EINTR) return std::nullopt;
    if (p.revents == 0) continue;
    state = PQconnectPoll(conn.get());
  }
  if (state == PGRES_POLLING_OK) return std::nullopt;
  if (std::string_view(PQerrorMessage(conn.get())).find("FATAL:  3D000: ") == std::string_view::npos) {
    return std::nullopt;
  }
  const char* name = PQdb(conn.get());
  return std::string(name ? name : "");
}

// postgres::connect, after a look whether the database exists: a missing
// one is a refusal (`what` says what to do), not a failed copy.
std::unique_ptr<BackendConnection> connect_existing(const std::string& url, const std::string& what) {
  if (auto name = missing_database(url)) {
    throw ConfigError("no database \"" + *name + "\" on the PostgreSQL server: " + what);
  }
  return postgres::connect(url, false, kConnectTimeoutSeconds);
}

Contents from_sqlite(const sqlite::FileContents& c) { return Contents{c.tables, c.migration}; }

BackupReport backup_sqlite(const std::string& path, const std::string& file) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) throw ConfigError("no SQLite database at " + path);
  if (is_database_file(file, path)) {
    throw ConfigError("--to " + file + " is the database itself (or one of its -wal, -shm files)");
  }
  PartialGuard partial{prepare_output(file)};
  int migration = 0;
  try {
    migration = sqlite::online_copy(path, partial.path);
  } catch (const sqlite::NotKeycard& e) {
    throw ConfigError(e.what());
  } catch (const DbError& e) {
    throw BackupError(e.what());
  }
  if (auto problem = sqlite::quick_check(partial.path); !problem.empty()) {
    throw BackupError("the copy of " + path + " does not pass SQLite's quick_check: " + problem);
  }
  publish(partial.path, file);
  partial.keep = true;
  return {file, fs::file_size(file), migration};
}

BackupReport backup_postgres(const std::string& url, const std::string& file) {
  const auto pg_dump = require_program("pg_dump");
  const auto child = split_secrets(url);
  int migration = 0;
  bool platform_scope = false;
  {
    auto conn = connect_existing(url, "check the database name of the URL");
    const auto contents = pg_contents(*conn);
    if (!contents.migration) {
      throw ConfigError("the PostgreSQL database is not a Keycard database (it has no schema_migrations table)");
    }
    migration = *contents.migration;
    // pg_dump refuses a table whose row-level security applies to its
    // user (the schema owner, under FORCE ROW LEVEL SECURITY) unless asked
    // to dump what the policies show: the platform scope shows every row.
    platform_scope = !conn->exec(kPgBypassesRls, {}).rows.front().boolean(0);
    if (platform_scope) {
      const auto closed = conn->exec(kPgTablesNotOpenToPlatform, {});
      if (!closed.empty()) {
        throw ConfigError("table " + closed.rows.front().text(0) +
                          " has a row-level security policy that Keycard's platform scope does not open to every "
                          "row: run keycard backup as a superuser or a role with BYPASSRLS");
      }
    }
  }
  PartialGuard partial{prepare_output(file)};
  auto env = child.env;
  if (platform_scope) {
    const char* options = std::getenv("PGOPTIONS");
    env.push_back("PGOPTIONS=" + std::string(options ? options : "") + (options ? " " : "") + "-c keycard.platform=on");
  }
  const auto r = run_program(pg_dump, pg_dump_args(child.conninfo, partial.path, platform_scope), env);
  if (r.exit_code != 0) throw BackupError(child_failure("pg_dump", r));
  if (!starts_with_bytes(partial.path, "PGDMP")) {
    throw BackupError("pg_dump ended without writing an archive to " + partial.path);
  }
  publish(partial.path, file);
  partial.keep = true;
  return {file, fs::file_size(file), migration};
}

RestoreReport restore_sqlite(const std::string& path, const std::string& file, bool force) {
  require_input(file);
  if (is_database_file(file, path)) {
    throw ConfigError("--from " + file + " is the target database itself (or one of its -wal, -shm files)");
  }
  if (!sqlite::has_sqlite_header(file)) throw ConfigError(file + " is not a SQLite database (a keycard backup)");
  // The file is read as one that nothing writes (immutable): a live
  // database's -wal, which may hold its latest commits, would be ignored.
  if (sqlite::is_wal_mode(file)) {
    throw ConfigError(file +
                      " is a live database file in WAL mode, not a keycard backup; make one with keycard backup");
  }
  sqlite::FileContents source;
  try {
    if (auto problem = sqlite::quick_check(file); !problem.empty()) {
      throw ConfigError(file + " is damaged: SQLite's quick_check says " + problem);
    }
    source = sqlite::read_contents(file, true);
  } catch (const DbError& e) {
    throw ConfigError(file + " cannot be read as a SQLite database: " + e.what());
  }
  if (!source.migration) throw ConfigError(file + " is not a Keycard backup (it has no schema_migrations table)");
  refuse_newer(*source.migration, Backend::sqlite);

  std::error_code ec;
  if (fs::exists(path, ec) && fs::file_size(path, ec) > 0) {
    Contents target;
    if (!sqlite::has_sqlite_header(path)) {
      target.tables.emplace_back("(not a SQLite database)");
    } else {
      try {
        target = from_sqlite(sqlite::read_contents(path, false));
      } catch (const DbError& e) {
        throw ConfigError("cannot read the target " + path + ": " + e.what());
      }
    }
    if (!is_empty(target) && !force) {
      throw ConfigError("the target " + path + " is not empty: it holds " + describe(target) +
                        ". Restoring replaces all of it; add --force to do so");
    }
    if (!sqlite::has_sqlite_header(path)) {
      // --force over a file that is no database: SQLite cannot open it as
      // a target, so it goes first.
      fs::remove(path, ec);
      if (ec) throw BackupError("cannot remove " + path + ": " + ec.message());
    }
  } else {
    const auto parent = fs::absolute(path).parent_path();
    fs::create_directories(parent, ec);
    if (ec) throw ConfigError("cannot create the folder " + parent.string() + ": " + ec.message());
  }
  try {
    sqlite::restore_copy(file, path);
  } catch (const sqlite::InUse& e) {
    throw ConfigError(e.what());
  } catch (const DbError& e) {
    throw BackupError(e.what());
  }
  return {*source.migration, latest_migration(Backend::sqlite)};
}

RestoreReport restore_postgres(const std::string& url, const std::string& file, bool force) {
  require_input(file);
  const auto pg_restore = require_program("pg_restore");
  if (!starts_with_bytes(file, "PGDMP")) {
    throw ConfigError(file + " is not a pg_dump archive in the custom format (a keycard backup of PostgreSQL)");
  }
  const auto listing = run_program(pg_restore, pg_restore_list_args(file), {});
  if (listing.exit_code != 0) throw ConfigError(child_failure("pg_restore --list " + file, listing));
  if (!archive_is_keycard(listing.out)) {
    throw ConfigError(file + " is not a Keycard backup (its archive has no schema_migrations table)");
  }
  const auto child = split_secrets(url);
  auto conn = connect_existing(url, "create it first (createdb, owned by the URL's user), or check the URL");
  if (const auto sessions = conn->exec(kPgKeycardSessions, {}).rows.front().int64(0); sessions > 0) {
    throw ConfigError("the target database is in use by " + std::to_string(sessions) +
                      " keycard connection(s): stop every keycard server on it before restoring");
  }
  const auto target = pg_contents(*conn);
  if (!is_empty(target) && !force) {
    throw ConfigError("the target database is not empty: it holds " + describe(target) +
                      ". Restoring replaces all of it; add --force to do so");
  }
  try {
    conn->exec_script(kPgEnsureAppRole);
  } catch (const DbError& e) {
    throw ConfigError(std::string("the role keycard_app is missing or the URL's user is not a member of it (") +
                      e.what() + "): a superuser runs GRANT keycard_app TO <that user> once, as migration 0001 does");
  }
  if (!is_empty(target)) conn->exec_script(kPgDropPublic);
  const auto r = run_program(pg_restore, pg_restore_args(child.conninfo, file), child.env);
  if (r.exit_code != 0) {
    throw BackupError(child_failure("pg_restore", r) +
                      (is_empty(target) ? "" : " (--force had emptied the target's schema public first)"));
  }
  const auto restored = pg_contents(*conn);
  if (!restored.migration) throw BackupError("pg_restore ended but the target has no schema_migrations table");
  return {*restored.migration, latest_migration(Backend::postgres)};
}

}  // namespace

Location locate(const std::string& database_url) {
  if (database_url.starts_with("sqlite:")) {
    const auto target = sqlite::target_from_url(std::string_view(database_url).substr(7));
    if (target.memory) throw ConfigError("an in-memory SQLite database has nothing to back up or restore");
    return {Backend::sqlite, target.filename, {}};
  }
  if (database_url.starts_with("postgresql://") || database_url.starts_with("postgres://")) {
    return {Backend::postgres, {}, database_url};
  }
  throw ConfigError("unsupported database URL: use sqlite:path/to/file.db or postgresql://...");
}

std::string conninfo_quote(std::string_view value) {
  std::string out = "'";
  for (const char c : value) {
    if (c == '\'' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

PgChildConnection split_secrets(const std::string& url) {
  char* err_raw = nullptr;
  PQconninfoOption* raw = PQconninfoParse(url.c_str(), &err_raw);
  const std::unique_ptr<char, decltype(&PQfreemem)> err(err_raw, &PQfreemem);
  const std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(raw, &PQconninfoFree);
  if (!options) {
    // libpq's message quotes the offending part, which may be a secret.
    throw ConfigError("the PostgreSQL URL cannot be parsed (libpq refuses it)");
  }
  PgChildConnection out;
  for (const PQconninfoOption* o = options.get(); o->keyword != nullptr; ++o) {
    if (o->val == nullptr) continue;
    // dispchar "*": libpq's own mark of a secret ("hide the value").
    if (o->dispchar != nullptr && std::strchr(o->dispchar, '*') != nullptr) {
      if (o->envvar == nullptr) {
        throw ConfigError(std::string("the PostgreSQL URL has ") + o->keyword +
                          ", which pg_dump and pg_restore could only be given on their command line (libpq reads "
                          "it from no environment variable): put it in a connection service file (PGSERVICEFILE) "
                          "and name the service in the URL (service=NAME) instead");
      }
      out.env.push_back(std::string(o->envvar) + "=" + o->val);
      continue;
    }
    if (!out.conninfo.empty()) out.conninfo.push_back(' ');
    out.conninfo += std::string(o->keyword) + "=" + conninfo_quote(o->val);
  }
  return out;
}

std::vector<std::string> child_environment(const char* const* parent, const std::vector<std::string>& overrides) {
  static constexpr std::array<std::string_view, 7> kNames{"PATH",   "HOME",       "LANG",       "TZ",
                                                          "TMPDIR", "KRB5CCNAME", "KRB5_CONFIG"};
  const auto name_of = [](std::string_view entry) { return entry.substr(0, entry.find('=')); };
  std::vector<std::string> out;
  for (const char* const* e = parent; e != nullptr && *e != nullptr; ++e) {
    const std::string_view entry(*e);
    if (entry.find('=') == std::string_view::npos) continue;
    const auto name = name_of(entry);
    const bool allowed = std::find(kNames.begin(), kNames.end(), name) != kNames.end() ||
                         (name.size() > 3 && name.starts_with("LC_")) || (name.size() > 2 && name.starts_with("PG"));
    if (!allowed) continue;
    const bool overridden = std::any_of(overrides.begin(), overrides.end(),
                                        [&name_of, name](const std::string& o) { return name_of(o) == name; });
    if (!overridden) out.emplace_back(entry);
  }
  out.insert(out.end(), overrides.begin(), overrides.end());
  return out;
}

std::vector<std::string> pg_dump_args(const std::string& conninfo, const std::string& file, bool row_security) {
  // --no-password: never prompt (no terminal here); a password comes with
  // the environment. The custom format is compressed and what pg_restore
  // reads selectively.
  std::vector<std::string> args{"pg_dump", "--format=custom", "--no-password"};
  if (row_security) args.emplace_back("--enable-row-security");
  args.push_back("--file=" + fs::absolute(file).string());
  args.push_back("--dbname=" + conninfo);
  return args;
}

std::vector<std::string> pg_restore_args(const std::string& conninfo, const std::string& file) {
  // One transaction: a failed restore leaves the target as it was (emptied,
  // with --force). --no-owner: the objects belong to the restoring user,
  // the schema owner the server migrates as, whoever owned them before; the
  // archive's GRANTs to keycard_app and its row-level security policies are
  // restored as they were.
  // The archive is named by its absolute path: a name starting with "-"
  // would be read as an option.
  return {"pg_restore",    "--single-transaction", "--exit-on-error",          "--no-owner",
          "--no-password", "--dbname=" + conninfo, fs::absolute(file).string()};
}

std::vector<std::string> pg_restore_list_args(const std::string& file) {
  return {"pg_restore", "--list", fs::absolute(file).string()};
}

bool is_empty(const Contents& contents) { return contents.tables.empty(); }

std::string describe(const Contents& contents) {
  const auto n = contents.tables.size();
  const std::string tables = std::to_string(n) + (n == 1 ? " table" : " tables");
  if (contents.migration)
    return "Keycard data at migration " + std::to_string(*contents.migration) + " (" + tables + ")";
  std::string names;
  for (std::size_t i = 0; i < n && i < 5; ++i) names += (i ? ", " : "") + contents.tables[i];
  if (n > 5) names += ", ...";
  return tables + " that " + (n == 1 ? "is" : "are") + " not Keycard's (" + names + ")";
}

bool archive_is_keycard(std::string_view listing) {
  // A table's entry: "215; 1259 16390 TABLE public schema_migrations owner".
  static const std::regex entry(R"(^\d+; \d+ \d+ TABLE public schema_migrations( |$))", std::regex::multiline);
  return std::regex_search(listing.begin(), listing.end(), entry);
}

std::optional<std::string> find_program(std::string_view name, std::string_view path_variable) {
  if (name.find('/') != std::string_view::npos) return std::nullopt;
  while (true) {
    const auto colon = path_variable.find(':');
    const auto dir = path_variable.substr(0, colon);
    if (!dir.empty()) {
      const auto candidate = (fs::path(dir) / name).string();
      std::error_code ec;
      if (fs::is_regular_file(candidate, ec) && ::access(candidate.c_str(), X_OK) == 0) return candidate;
    }
    if (colon == std::string_view::npos) return std::nullopt;
    path_variable.remove_prefix(colon + 1);
  }
}

bool is_database_file(const std::string& file, const std::string& database) {
  std::error_code ec;
  const auto canonical_file = fs::weakly_canonical(fs::absolute(file), ec);
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    const std::string candidate = database + suffix;
    std::error_code ec2;
    if (fs::weakly_canonical(fs::absolute(candidate), ec2) == canonical_file && !ec && !ec2) return true;
    std::error_code ec3;
    if (fs::exists(file, ec3) && fs::exists(candidate, ec3) && fs::equivalent(file, candidate, ec3)) return true;
  }
  return false;
}

BackupReport backup(const std::string& database_url, const std::string& file) {
  const auto where = locate(database_url);
  return where.backend == Backend::sqlite ? backup_sqlite(where.path, file) : backup_postgres(where.url, file);
}

RestoreReport restore(const std::string& database_url, const std::string& file, bool force) {
  const auto where = locate(database_url);
  return where.backend == Backend::sqlite ? restore_sqlite(where.path, file, force)
                                          : restore_postgres(where.url, file, force);
}

}  // namespace keycard::db::backup
