#include "app/config.hpp"

#include <charconv>
#include <cstdlib>

#include "common/errors.hpp"
#include "common/validation.hpp"

namespace keycard::app {
namespace {

long parse_number(std::string_view name, std::string_view text, long min, long max) {
  long value = 0;
  const auto* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || p != end || value < min || value > max) {
    throw ConfigError(std::string(name) + " must be a number from " + std::to_string(min) + " to " +
                      std::to_string(max) + ", got '" + std::string(text) + "'");
  }
  return value;
}

}  // namespace

std::pair<std::string, std::uint16_t> parse_listen(std::string_view text, std::string_view name) {
  const std::string var(name);
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) {
    throw ConfigError(var + " must be host:port (e.g. 127.0.0.1:8080), got '" + std::string(text) + "'");
  }
  std::string host(text.substr(0, colon));
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host == "localhost") host = "127.0.0.1";
  const bool plausible = std::all_of(host.begin(), host.end(), [](char c) {
    return std::isxdigit(static_cast<unsigned char>(c)) || c == '.' || c == ':';
  });
  if (host.empty() || !plausible) {
    throw ConfigError(var + " must name an IP address, got '" + std::string(text) + "'");
  }
  const auto port = parse_number(var + " port", text.substr(colon + 1), 0, 65535);
  return {host, static_cast<std::uint16_t>(port)};
}

Config load_config(const Lookup& lookup) {
  Config c;
  if (auto v = lookup("KEYCARD_LISTEN")) std::tie(c.listen_host, c.listen_port) = parse_listen(*v);
  if (auto v = lookup("KEYCARD_METRICS_LISTEN"); v && !v->empty()) {
    c.metrics_listen = parse_listen(*v, "KEYCARD_METRICS_LISTEN");
  }
  if (auto v = lookup("KEYCARD_DATABASE")) {
    if (!(v->rfind("sqlite:", 0) == 0 || v->rfind("postgresql://", 0) == 0 || v->rfind("postgres://", 0) == 0)) {
      throw ConfigError("KEYCARD_DATABASE must be sqlite:<path> or a postgresql:// URL");
    }
    if (*v == "sqlite:") throw ConfigError("KEYCARD_DATABASE sqlite: needs a file path");
    c.database = *v;
  }
  if (auto v = lookup("KEYCARD_DATA_DIR")) {
    if (v->empty()) throw ConfigError("KEYCARD_DATA_DIR must not be empty");
    c.data_dir = *v;
  }
  if (auto v = lookup("KEYCARD_JWT_SECRET"); v && !v->empty()) {
    if (v->size() < 32) throw ConfigError("KEYCARD_JWT_SECRET must be at least 32 characters");
    c.jwt_secret = *v;
  }
  if (auto v = lookup("KEYCARD_JWT_PREVIOUS_SECRETS"); v && !v->empty()) {
    std::string_view rest = *v;
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      const auto item = trim(rest.substr(0, comma));
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      if (item.empty()) continue;
      if (item.size() < 32) throw ConfigError("each KEYCARD_JWT_PREVIOUS_SECRETS entry must be at least 32 characters");
      c.jwt_previous_secrets.push_back(item);
    }
  }
  if (auto v = lookup("KEYCARD_BOOTSTRAP_ADMIN_EMAIL"); v && !v->empty()) {
    if (!is_valid_email(*v)) throw ConfigError("KEYCARD_BOOTSTRAP_ADMIN_EMAIL is not a valid email address");
    c.bootstrap_admin_email = to_lower(*v);
  }
  if (auto v = lookup("KEYCARD_BOOTSTRAP_ADMIN_PASSWORD"); v && !v->empty()) {
    if (v->size() < 10) throw ConfigError("KEYCARD_BOOTSTRAP_ADMIN_PASSWORD must be at least 10 characters");
    c.bootstrap_admin_password = *v;
  }
  if (auto v = lookup("KEYCARD_WEB_ROOT")) c.web_root = *v;
  if (auto v = lookup("KEYCARD_LOG_LEVEL"); v && !v->empty()) {
    static const std::vector<std::string> kLevels = {"trace", "debug", "info", "warn", "error", "critical", "off"};
    if (std::find(kLevels.begin(), kLevels.end(), *v) == kLevels.end()) {
      throw ConfigError("KEYCARD_LOG_LEVEL must be one of trace, debug, info, warn, error, critical, off");
    }
    c.log_level = *v;
  }
  if (auto v = lookup("KEYCARD_WORKERS")) c.workers = static_cast<int>(parse_number("KEYCARD_WORKERS", *v, 1, 256));
  c.db_pool = static_cast<std::size_t>(c.workers);
  if (auto v = lookup("KEYCARD_DB_POOL"))
    c.db_pool = static_cast<std::size_t>(parse_number("KEYCARD_DB_POOL", *v, 1, 512));
  if (auto v = lookup("KEYCARD_BODY_LIMIT")) {
    c.body_limit = static_cast<std::size_t>(parse_number("KEYCARD_BODY_LIMIT", *v, 1024, 64L * 1024 * 1024));
  }
  if (auto v = lookup("KEYCARD_READ_TIMEOUT")) {
    c.read_timeout_seconds = static_cast<int>(parse_number("KEYCARD_READ_TIMEOUT", *v, 1, 600));
  }
  if (auto v = lookup("KEYCARD_IDLE_TIMEOUT")) {
    c.idle_timeout_seconds = static_cast<int>(parse_number("KEYCARD_IDLE_TIMEOUT", *v, 1, 3600));
  }
  if (auto v = lookup("KEYCARD_MAX_CONNECTIONS")) {
    c.max_connections = static_cast<std::size_t>(parse_number("KEYCARD_MAX_CONNECTIONS", *v, 0, 1000000));
  }
  if (auto v = lookup("KEYCARD_MAX_CONNECTIONS_PER_IP")) {
    c.max_connections_per_ip = static_cast<std::size_t>(parse_number("KEYCARD_MAX_CONNECTIONS_PER_IP", *v, 0, 1000000));
  }
  if (auto v = lookup("KEYCARD_ACCESS_TOKEN_TTL")) {
    c.access_token_ttl_seconds = static_cast<int>(parse_number("KEYCARD_ACCESS_TOKEN_TTL", *v, 10, 3600));
  }
  if (auto v = lookup("KEYCARD_TRUSTED_PROXIES")) c.trusted_proxies = parse_trusted_proxies(*v);
  if (auto v = lookup("KEYCARD_REPORT_SYNC_ROWS")) {
    c.report_sync_rows = parse_number("KEYCARD_REPORT_SYNC_ROWS", *v, 1, 1000000);
  }
  if (auto v = lookup("KEYCARD_REPORT_RETENTION_DAYS")) {
    c.report_retention_days = static_cast<int>(parse_number("KEYCARD_REPORT_RETENTION_DAYS", *v, 1, 3650));
  }
  if (auto v = lookup("KEYCARD_REPORT_WORKERS")) {
    c.report_workers = static_cast<int>(parse_number("KEYCARD_REPORT_WORKERS", *v, 0, 16));
  }
  if (auto v = lookup("KEYCARD_NIGHT_AUDIT_INTERVAL")) {
    c.night_audit_interval_seconds = static_cast<int>(parse_number("KEYCARD_NIGHT_AUDIT_INTERVAL", *v, 0, 86400));
  }
  if (auto v = lookup("KEYCARD_EVENT_STREAMS_MAX")) {
    c.event_streams_max = static_cast<std::size_t>(parse_number("KEYCARD_EVENT_STREAMS_MAX", *v, 0, 100000));
  }
  if (auto v = lookup("KEYCARD_EVENT_STREAMS_PER_USER")) {
    c.event_streams_per_user = static_cast<std::size_t>(parse_number("KEYCARD_EVENT_STREAMS_PER_USER", *v, 0, 100));
  }
  if (auto v = lookup("KEYCARD_EVENT_STREAM_HEARTBEAT")) {
    c.event_stream_heartbeat_seconds = static_cast<int>(parse_number("KEYCARD_EVENT_STREAM_HEARTBEAT", *v, 1, 60));
  }
  if (auto v = lookup("KEYCARD_REPORT_LEASE_SECONDS")) {
    c.report_lease_seconds = static_cast<int>(parse_number("KEYCARD_REPORT_LEASE_SECONDS", *v, 2, 3600));
  }
  return c;
}

Lookup environment_lookup() {
  return [](std::string_view name) -> std::optional<std::string> {
    if (const char* v = std::getenv(std::string(name).c_str())) return std::string(v);
    return std::nullopt;
  };
}

}  // namespace keycard::app
