// Night audits in the database (night_audits: one row per property and
// closed date), and the properties the scheduler looks at across tenants.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "access/tenant_scope.hpp"
#include "db/database.hpp"
#include "hotel/night_audit/model.hpp"

namespace keycard::hotel::night_audit::repo {

void insert(db::Transaction& tx, const access::TenantScope& scope, const Summary& s);
std::optional<Summary> find(db::Transaction& tx, const access::TenantScope& scope, const std::string& property_id,
                            const std::string& business_date);
// A page of a property's audits, and how many there are.
struct PageOf {
  std::int64_t page = 1, limit = 20;
  std::string order_by = "business_date DESC";  // from a fixed list, never from input
};
std::pair<std::vector<Summary>, std::int64_t> of_property(db::Transaction& tx, const access::TenantScope& scope,
                                                          const std::string& property_id, const PageOf& page);

// What the scheduler needs of every active property of a live tenant (read
// in a platform transaction: it spans tenants).
struct ScheduledProperty {
  std::string tenant_id, property_id, timezone, business_date, night_audit_time;
};
std::vector<ScheduledProperty> scheduled_properties(db::Transaction& platform_tx);

}  // namespace keycard::hotel::night_audit::repo
