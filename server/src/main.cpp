// keycard: the one binary. Sub-commands: serve, migrate, create-admin,
// audit verify, backup, restore, demo, routes. Wiring only; the work lives
// in the modules.
#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>

#include "app/app.hpp"
#include "app/client_address.hpp"
#include "app/config.hpp"
#include "app/demo.hpp"
#include "app/routes.hpp"
#include "audit/audit.hpp"
#include "auth/password.hpp"
#include "common/errors.hpp"
#include "common/log.hpp"
#include "common/validation.hpp"
#include "db/backup.hpp"
#include "db/database.hpp"
#include "db/listener.hpp"
#include "events/hub.hpp"
#include "hotel/night_audit/scheduler.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "platform/catalogue.hpp"
#include "platform/users.hpp"
#include "reports/worker.hpp"

namespace {

using keycard::app::Config;

// Flags given on the command line win over the environment.
Config load(const std::map<std::string, std::string>& flags) {
  auto env = keycard::app::environment_lookup();
  return keycard::app::load_config([&](std::string_view name) -> std::optional<std::string> {
    if (auto it = flags.find(std::string(name)); it != flags.end() && !it->second.empty()) return it->second;
    return env(name);
  });
}

std::unique_ptr<keycard::db::Database> open_and_migrate(const Config& config) {
  // Each report worker holds up to two connections (the report's read, its progress writes).
  const auto pool = config.db_pool + 2 * static_cast<std::size_t>(config.report_workers);
  auto db = keycard::db::Database::open(config.database, {pool, 5000});
  const int applied = db->migrate();
  if (applied > 0) keycard::log::info({{"event", "migrations_applied"}, {"count", applied}});
  keycard::platform::sync_catalogue(*db);
  return db;
}

int run_serve(const Config& config) {
  auto db = open_and_migrate(config);
  keycard::platform::bootstrap_admin(*db, config.bootstrap_admin_email, config.bootstrap_admin_password);
  auto jwt = keycard::app::make_jwt(config);
  keycard::app::App app(config, std::move(db), std::move(jwt));
  keycard::reports::Worker reports(app.db(), app.report_queue(),
                                   {config.data_dir, config.report_workers,
                                    std::chrono::seconds(config.report_lease_seconds), config.report_retention_days});
  reports.start();
  keycard::hotel::night_audit::Scheduler night_audit(app.db(),
                                                     std::chrono::seconds(config.night_audit_interval_seconds));
  night_audit.start();
  // Live updates: this instance's streams wake when a tenant's event commits
  // here, and on PostgreSQL when one commits on any instance.
  keycard::events::Hub::instance().set_limits(config.event_streams_max, config.event_streams_per_user);
  keycard::events::Hub::instance().set_heartbeat(std::chrono::seconds(config.event_stream_heartbeat_seconds));
  std::unique_ptr<keycard::db::Listener> event_listener;
  if (app.db().backend() == keycard::db::Backend::postgres) {
    event_listener = keycard::db::listen_postgres(
        app.db().url(), "keycard_events",
        [](const std::string& tenant_id) { keycard::events::Hub::instance().notify(tenant_id); },
        [] { keycard::events::Hub::instance().notify_all(); });
  }
  keycard::http::ServerOptions options;
  options.host = config.listen_host;
  options.port = config.listen_port;
  options.body_limit = config.body_limit;
  options.worker_threads = config.workers;
  options.read_timeout = std::chrono::seconds(config.read_timeout_seconds);
  options.idle_timeout = std::chrono::seconds(config.idle_timeout_seconds);
  options.max_connections = config.max_connections;
  options.max_connections_per_address = config.max_connections_per_ip;
  if (config.metrics_listen) {
    options.side = keycard::http::SideListener{
        config.metrics_listen->first, config.metrics_listen->second,
        [](keycard::http::Request& req) { return keycard::app::App::handle_metrics(req); },
        [](const std::string& address) {
          keycard::log::info(
              {{"event", "metrics_listening"}, {"address", address}, {"url", "http://" + address + "/metrics"}});
        }};
  }
  options.uncapped_address = [&config](const std::string& address) {
    const auto ip = keycard::app::parse_address(address);
    return ip && std::any_of(config.trusted_proxies.begin(), config.trusted_proxies.end(),
                             [&](const keycard::app::IpNetwork& n) { return n.contains(*ip); });
  };
  keycard::http::serve(
      options, [&app](keycard::http::Request& req) { return app.handle(req); },
      [&](const std::string& address) {
        keycard::log::info({{"event", "listening"},
                            {"address", address},
                            {"url", "http://" + address},
                            {"database", config.database.rfind("sqlite:", 0) == 0 ? config.database : "postgresql"},
                            {"web_root", config.web_root}});
      });
  event_listener.reset();
  night_audit.stop();
  reports.stop();
  keycard::log::info({{"event", "stopped"}});
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{
      "Keycard: multi-tenant hotel management server.\n"
      "Configuration comes from KEYCARD_* environment variables; flags override them."};
  cli.require_subcommand(1);
  std::map<std::string, std::string> flags;

  auto* serve = cli.add_subcommand("serve", "Apply pending migrations and run the HTTP server");
  serve->add_option("--listen", flags["KEYCARD_LISTEN"],
                    "host:port to listen on (KEYCARD_LISTEN, default 127.0.0.1:8080)");
  serve->add_option("--database", flags["KEYCARD_DATABASE"],
                    "sqlite:<path> or postgresql:// URL (KEYCARD_DATABASE, default sqlite:var/keycard.db)");
  serve->add_option("--data-dir", flags["KEYCARD_DATA_DIR"],
                    "generated secrets and report files (KEYCARD_DATA_DIR, default var/)");
  serve->add_option("--web-root", flags["KEYCARD_WEB_ROOT"], "folder of the built web app (KEYCARD_WEB_ROOT)");
  serve->add_option("--log-level", flags["KEYCARD_LOG_LEVEL"], "trace, debug, info, warn, error (KEYCARD_LOG_LEVEL)");
  serve->add_option("--workers", flags["KEYCARD_WORKERS"], "request worker threads (KEYCARD_WORKERS, default 8)");
  serve->footer(
      "Also: KEYCARD_JWT_SECRET, KEYCARD_BOOTSTRAP_ADMIN_EMAIL, KEYCARD_BOOTSTRAP_ADMIN_PASSWORD,\n"
      "KEYCARD_DB_POOL, KEYCARD_BODY_LIMIT, KEYCARD_READ_TIMEOUT, KEYCARD_IDLE_TIMEOUT, KEYCARD_ACCESS_TOKEN_TTL,\n"
      "KEYCARD_MAX_CONNECTIONS, KEYCARD_MAX_CONNECTIONS_PER_IP,\n"
      "KEYCARD_METRICS_LISTEN (host:port of a listener serving only GET /metrics; off by default),\n"
      "KEYCARD_EVENT_STREAMS_MAX, KEYCARD_EVENT_STREAMS_PER_USER (open live-update streams; default 1000, 5),\n"
      "KEYCARD_EVENT_STREAM_HEARTBEAT (seconds of silence before a keep-alive; default 15).");

  auto* migrate = cli.add_subcommand("migrate", "Apply pending database migrations and exit");
  migrate->add_option("--database", flags["KEYCARD_DATABASE"], "sqlite:<path> or postgresql:// URL");

  std::string admin_email, admin_password, first_name = "Platform", last_name = "Admin";
  auto* create_admin = cli.add_subcommand("create-admin", "Create a platform SuperAdmin");
  create_admin->add_option("--email", admin_email, "email address")->required();
  create_admin->add_option("--password", admin_password, "password (at least 10 characters)")->required();
  create_admin->add_option("--first-name", first_name, "first name");
  create_admin->add_option("--last-name", last_name, "last name");
  create_admin->add_option("--database", flags["KEYCARD_DATABASE"], "sqlite:<path> or postgresql:// URL");

  std::string audit_chain;
  auto* audit = cli.add_subcommand("audit", "Audit trail tools");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand("verify", "Recompute the audit hash chains and name the first broken entry");
  verify->add_option("--tenant", audit_chain, "a tenant id, or 'platform' (default: every chain)");
  verify->add_option("--database", flags["KEYCARD_DATABASE"], "sqlite:<path> or postgresql:// URL");

  std::string backup_file;
  auto* backup = cli.add_subcommand("backup", "Copy the database into one file, online: a server may keep running");
  backup->add_option("--to", backup_file, "the backup file to write (FILE.XXXXXX.partial until it is complete)")
      ->required();
  backup->add_option("--database", flags["KEYCARD_DATABASE"],
                     "sqlite:<path> or postgresql:// URL (KEYCARD_DATABASE, default sqlite:var/keycard.db)");
  backup->footer(
      "SQLite: SQLite's online backup API copies one consistent snapshot while the server goes on\n"
      "writing (WAL mode); FILE is a self-contained SQLite database.\n"
      "PostgreSQL: runs pg_dump from PATH (custom format, one consistent snapshot); it needs\n"
      "PostgreSQL's client programs of the server's major version or newer (Debian: postgresql-client).\n"
      "The URL's password goes to pg_dump as PGPASSWORD in its environment, never on its command line.\n"
      "A user without BYPASSRLS (the schema owner, under FORCE ROW LEVEL SECURITY) dumps in Keycard's\n"
      "platform scope (--enable-row-security, keycard.platform=on), which every Keycard policy opens.\n"
      "The copy is written to a new FILE.XXXXXX.partial (mode 0600), synced to disk, then renamed to\n"
      "FILE: FILE is always a whole backup, and an existing FILE is replaced only by a complete new one.\n"
      "Exit status: 0 written; 1 the copy failed (pg_dump's exit status and message are shown) or the\n"
      "PostgreSQL server could not be reached or refused the login; 2 refused: no database there\n"
      "(PostgreSQL: the server says it does not exist), not a Keycard database, FILE is the database\n"
      "or its folder is missing, pg_dump not found, a URL with sslpassword.");

  std::string restore_file;
  bool restore_force = false;
  auto* restore = cli.add_subcommand(
      "restore", "Restore a file of keycard backup into a database; stop every server using that database first");
  restore->add_option("--from", restore_file, "the backup file to read")->required();
  restore->add_option(
      "--database", flags["KEYCARD_DATABASE"],
      "the target: sqlite:<path> or postgresql:// URL (KEYCARD_DATABASE, default sqlite:var/keycard.db)");
  restore->add_flag("--force", restore_force, "replace a target that is not empty");
  restore->footer(
      "Never run it while a keycard server uses the target: stop them all first. It refuses when it\n"
      "sees one (SQLite: another process has the file open; PostgreSQL: a keycard connection).\n"
      "FILE is checked first: a SQLite database, or a pg_dump custom archive, holding Keycard's\n"
      "schema_migrations at a migration this keycard knows.\n"
      "A target that is not empty (any table, Keycard's or not; PostgreSQL: in schema public) is\n"
      "refused unless --force, which replaces everything in it. SQLite: the target file gets the\n"
      "backup's content through the backup API, in one transaction (created if missing).\n"
      "PostgreSQL: the database must exist; --force drops every object of its schema public, then\n"
      "pg_restore --single-transaction --no-owner restores as the URL's user, who then owns the\n"
      "objects (the schema owner keycard migrates as). The role keycard_app is created if the cluster\n"
      "has none and granted to that user; the archive brings its GRANTs and row-level security policies.\n"
      "A backup older than this keycard is restored as it was: the next keycard migrate or keycard\n"
      "serve applies the newer migrations.\n"
      "Exit status: 0 restored; 1 the restore failed (pg_restore's exit status and message are shown)\n"
      "or the PostgreSQL server could not be reached or refused the login; 2 refused: FILE missing or\n"
      "not a Keycard backup (a live SQLite file in WAL mode), the target database does not exist\n"
      "(PostgreSQL), the target not empty without --force, the target in use, FILE is the target\n"
      "itself, pg_restore not found, a URL with sslpassword.");

  auto* demo =
      cli.add_subcommand("demo", "Fill the database with a demo hotel (rooms, guests, stays) made through the API");
  std::string demo_password;
  demo->add_option("--password", demo_password, "password of the demo hotel's staff (default: generated and printed)");
  auto* routes = cli.add_subcommand("routes", "Print the route table as JSON: [{method, path, scope, permission}]");

  CLI11_PARSE(cli, argc, argv);

  if (routes->parsed()) {
    // The route table alone: no configuration or database needed (tests
    // generate their cross-tenant suite from it).
    keycard::http::Router router;
    keycard::app::register_all_routes(router);
    boost::json::array out;
    for (const auto& r : router.routes()) {
      out.push_back({{"method", r.method},
                     {"path", r.path},
                     {"scope", std::string(keycard::http::scope_name(r.scope))},
                     {"permission", r.permission}});
    }
    std::cout << boost::json::serialize(out) << '\n';
    return 0;
  }

  Config config;
  try {
    config = load(flags);
  } catch (const keycard::ConfigError& e) {
    std::cerr << "keycard: " << e.what() << '\n';
    return 2;
  }
  keycard::log::setup(config.log_level);
  try {
    if (serve->parsed()) return run_serve(config);
    if (migrate->parsed()) {
      auto db = open_and_migrate(config);
      const auto status = db->migration_status();
      std::cout << "database is at migration " << status.applied << " of " << status.latest << '\n';
      return 0;
    }
    if (create_admin->parsed()) {
      const auto email = keycard::to_lower(keycard::trim(admin_email));
      if (!keycard::is_valid_email(email)) throw keycard::ConfigError("--email is not a valid email address");
      if (auto problems = keycard::auth::password_problems(admin_password); !problems.empty()) {
        throw keycard::ConfigError("--password " + problems.begin()->second);
      }
      auto db = open_and_migrate(config);
      auto tx = db->begin_platform(keycard::db::TxMode::write);
      const auto id =
          keycard::platform::create_user(tx, {email, first_name, last_name, admin_password, "admin"}, std::nullopt);
      keycard::platform::grant_platform_roles(tx, id, {"super-admin"}, std::nullopt);
      keycard::audit::Actor actor;
      actor.email = "cli";
      keycard::audit::record(tx, actor, {std::nullopt, "platform.admin_created", "user", id, {{"email", email}}});
      tx.commit();
      std::cout << "created platform admin " << email << " (" << id << ")\n";
      return 0;
    }
    if (backup->parsed()) {
      const auto report = keycard::db::backup::backup(config.database, backup_file);
      std::cout << "backup written to " << report.file << " (" << report.bytes << " bytes, migration "
                << report.migration << ")\n";
      return 0;
    }
    if (restore->parsed()) {
      const auto report = keycard::db::backup::restore(config.database, restore_file, restore_force);
      std::cout << "restored " << restore_file << " (migration " << report.migration << " of " << report.latest
                << (report.migration < report.latest ? "; keycard migrate or serve applies the rest" : "") << ")\n";
      return 0;
    }
    if (demo->parsed()) {
      auto db = open_and_migrate(config);
      keycard::platform::bootstrap_admin(*db, config.bootstrap_admin_email, config.bootstrap_admin_password);
      keycard::app::App app(config, std::move(db), keycard::app::make_jwt(config));
      keycard::app::DemoOptions options;
      if (!demo_password.empty()) {
        if (auto problems = keycard::auth::password_problems(demo_password); !problems.empty()) {
          throw keycard::ConfigError("--password " + problems.begin()->second);
        }
        options.password = demo_password;
      }
      (void)keycard::app::run_demo(app, options, std::cout);
      return 0;
    }
    if (verify->parsed()) {
      auto db = open_and_migrate(config);
      auto tx = db->begin_platform(keycard::db::TxMode::read);
      auto result =
          keycard::audit::verify(tx, audit_chain.empty() ? std::nullopt : std::optional<std::string>(audit_chain));
      tx.commit();
      if (result.ok) {
        std::cout << "audit trail intact: " << result.checked << " entries checked\n";
        return 0;
      }
      std::cout << "audit trail BROKEN in chain " << result.chain.value_or("?") << " at entry "
                << result.first_broken_id.value_or("?") << " (" << result.checked << " entries checked)\n";
      return 3;
    }
  } catch (const keycard::ConfigError& e) {
    std::cerr << "keycard: " << e.what() << '\n';
    return 2;
  } catch (const keycard::ApiError& e) {
    std::cerr << "keycard: " << e.detail();
    for (const auto& [field, message] : e.field_errors()) std::cerr << " (" << field << " " << message << ")";
    std::cerr << '\n';
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "keycard: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
