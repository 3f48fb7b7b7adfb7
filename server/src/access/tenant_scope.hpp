// Isolation layer 1 (type): every repository function on tenant-owned data
// takes a TenantScope, and only the authentication layer can make one.
#pragma once

#include <string>

namespace keycard::auth {
class Authenticator;
}
namespace keycard::reports {
struct JobScope;
}

namespace keycard::access {

struct TenantScopeTestAccess;  // defined only by unit tests
struct NightAuditScope;        // hotel/night_audit/scheduler.cpp

class TenantScope {
 public:
  [[nodiscard]] const std::string& tenant_id() const { return tenant_id_; }

 private:
  explicit TenantScope(std::string tenant_id) : tenant_id_(std::move(tenant_id)) {}
  std::string tenant_id_;

  friend class keycard::auth::Authenticator;
  // A background report job runs in the tenant of the request that queued it
  // (read back from its own tenant-owned row).
  friend struct keycard::reports::JobScope;
  // The night-audit scheduler acts in the tenant of the property it closes.
  friend struct NightAuditScope;
  friend struct TenantScopeTestAccess;
};

}  // namespace keycard::access
