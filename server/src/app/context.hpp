// What a handler gets besides the request: the caller, their tenant scope,
// and the application's services.
#pragma once

#include <optional>
#include <string>

#include "access/tenant_scope.hpp"
#include "audit/audit.hpp"
#include "auth/principal.hpp"

namespace keycard::app {

class App;

struct Context {
  App& app;
  std::string request_id;
  std::string ip;
  std::string user_agent;
  std::optional<auth::Principal> principal;
  std::optional<access::TenantScope> tenant;

  // Throws Unauthorized when the route is public.
  [[nodiscard]] const auth::Principal& user() const;
  // Throws Forbidden when the caller acts in no tenant.
  [[nodiscard]] const access::TenantScope& scope() const;
  // The audit actor for this request (the admin behind an impersonation too).
  [[nodiscard]] audit::Actor actor() const;
};

}  // namespace keycard::app
