// SQL of the dashboard: counts and sums over one tenant's rooms,
// reservations and incidents for one date (every statement filters tenant_id).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/tenant_scope.hpp"
#include "db/database.hpp"
#include "hotel/dashboard/model.hpp"

namespace keycard::hotel::dashboard::repo {

// property_id nullopt: every property of the tenant.
Figures figures(db::Transaction& tx, const access::TenantScope& scope, const std::optional<std::string>& property_id,
                const std::string& date);
// The distinct currencies of the properties counted.
std::vector<std::string> currencies(db::Transaction& tx, const access::TenantScope& scope,
                                    const std::optional<std::string>& property_id);

}  // namespace keycard::hotel::dashboard::repo
