// Reading the audit trail: filtered, paginated lists for both panels.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/tenant_scope.hpp"
#include "db/database.hpp"

namespace keycard::audit::repo {

struct ListQuery {
  // Admin panel: nullopt = every chain, "platform" = the platform chain only.
  std::optional<std::string> tenant_id;
  std::optional<std::string> user_id, action, resource_type, resource_id, from, to;
  std::int64_t page = 1, limit = 20;
  bool ascending = false;
};

struct EntryRow {
  std::vector<std::optional<std::string>> columns;  // in kColumns order
};

// Platform scope (admin panel).
std::pair<std::vector<EntryRow>, std::int64_t> list_platform(db::Transaction& tx, const ListQuery& q);
// One tenant's entries (hotel panel); the scope decides the tenant.
std::pair<std::vector<EntryRow>, std::int64_t> list_tenant(db::Transaction& tx, const access::TenantScope& scope,
                                                           const ListQuery& q);

}  // namespace keycard::audit::repo
