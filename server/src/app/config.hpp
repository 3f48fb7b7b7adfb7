// Configuration from the environment (ARCHITECTURE.md fixed names); command
// line flags may override. Invalid values throw ConfigError (exit code 2).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/client_address.hpp"

namespace keycard::app {

struct Config {
  std::string listen_host = "127.0.0.1";
  std::uint16_t listen_port = 8080;
  // GET /metrics (Prometheus) on a listener of its own; none by default.
  std::optional<std::pair<std::string, std::uint16_t>> metrics_listen;
  std::string database = "sqlite:var/keycard.db";
  std::string data_dir = "var/";
  std::optional<std::string> jwt_secret;
  // Keys of a rotation window: tokens they signed still verify (by `kid`);
  // new tokens are signed with jwt_secret only.
  std::vector<std::string> jwt_previous_secrets;
  std::optional<std::string> bootstrap_admin_email;
  std::optional<std::string> bootstrap_admin_password;
  std::string web_root;  // empty: no web app is served
  std::string log_level = "info";
  int workers = 8;
  std::size_t db_pool = 8;
  std::size_t body_limit = 1024 * 1024;
  int read_timeout_seconds = 15;             // a request's head, then its body, must arrive within this
  int idle_timeout_seconds = 60;             // an idle keep-alive connection is closed after this
  std::size_t max_connections = 1024;        // open connections in all (0: no cap); more get 503
  std::size_t max_connections_per_ip = 128;  // open connections from one client address (0: no cap)
  int access_token_ttl_seconds = 15 * 60;
  int refresh_token_ttl_seconds = 14 * 24 * 3600;
  // Peers whose X-Forwarded-For is believed (KEYCARD_TRUSTED_PROXIES); empty: none.
  std::vector<IpNetwork> trusted_proxies;
  // Reports: more rows than this answer 202 and run as a background job.
  std::int64_t report_sync_rows = 5000;
  int report_retention_days = 7;  // finished files are deleted after this
  int report_workers = 1;         // background job threads per instance (0: this instance runs none)
  // Open live-update streams (GET /api/hotel/events as server-sent events)
  // on this instance in all, and of one user; 0: no cap.
  std::size_t event_streams_max = 1000;
  std::size_t event_streams_per_user = 5;
  int event_stream_heartbeat_seconds = 15;  // a keep-alive after this much silence
  int report_lease_seconds = 30;            // a running job whose worker stops renewing is taken up after this
  // How often the night-audit scheduler looks for properties to close
  // (KEYCARD_NIGHT_AUDIT_INTERVAL, seconds); 0 switches it off.
  int night_audit_interval_seconds = 60;
};

// Looks a setting up by its environment name (KEYCARD_LISTEN ...).
using Lookup = std::function<std::optional<std::string>(std::string_view name)>;

[[nodiscard]] Config load_config(const Lookup& lookup);
[[nodiscard]] Lookup environment_lookup();

// "host:port", "[v6]:port" -> (host, port); throws ConfigError.
std::pair<std::string, std::uint16_t> parse_listen(std::string_view text, std::string_view name = "KEYCARD_LISTEN");

}  // namespace keycard::app
