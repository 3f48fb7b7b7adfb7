// What a handler gets besides the request: the caller, their tenant scope,
// and the few application services that features reach. It sits below the
// features and below app/ (which fills it in), so no feature includes app/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "access/tenant_scope.hpp"
#include "audit/audit.hpp"
#include "auth/principal.hpp"
#include "db/database.hpp"

namespace keycard::auth {
class TokenIssuer;
}
namespace keycard::reports {
class Queue;
}

namespace keycard::request {

// The application's parts that requests use, owned by app::App.
struct Services {
  db::Database& db;
  const auth::TokenIssuer& tokens;
  // Wakes this instance's report workers when a request queues a job.
  reports::Queue& report_queue;
  std::string data_dir;
  // Report rows a synchronous export may write (KEYCARD_REPORT_SYNC_ROWS).
  std::int64_t report_sync_rows;
};

struct Context {
  Services& services;
  std::string request_id;
  std::string ip;
  std::string user_agent;
  std::optional<auth::Principal> principal;
  std::optional<access::TenantScope> tenant;
  // The matched route's template (/api/hotel/rooms/{id}), "static" for the
  // web app's files, empty when no route matched: for logs and metrics.
  std::string route;

  [[nodiscard]] db::Database& db() const { return services.db; }
  // Throws Unauthorized when the route is public.
  [[nodiscard]] const auth::Principal& user() const;
  // Throws Forbidden when the caller acts in no tenant.
  [[nodiscard]] const access::TenantScope& scope() const;
  // The audit actor for this request (the admin behind an impersonation too).
  [[nodiscard]] audit::Actor actor() const;
};

}  // namespace keycard::request
