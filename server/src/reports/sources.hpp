// Where each report's rows come from: its columns, how many rows to expect
// (for a job's progress) and the queries that stream them. Hotel reports
// read one tenant (the scope is in every statement, and row-level security
// applies on PostgreSQL); platform reports read across tenants.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "access/tenant_scope.hpp"
#include "db/database.hpp"
#include "reports/catalog.hpp"
#include "reports/table.hpp"

namespace keycard::reports {

using EmitRow = std::function<void(const Row&)>;

struct Source {
  std::vector<Column> columns;
  // Rows the report will have, for progress (an estimate is fine).
  std::function<std::int64_t(db::Transaction&)> count;
  // Streams the rows to `emit`, then fills `totals` (possibly none).
  std::function<void(db::Transaction&, const EmitRow& emit, std::vector<Row>& totals)> produce;
};

[[nodiscard]] Source hotel_source(const Definition& def, const Parameters& p, const access::TenantScope& scope);
[[nodiscard]] Source admin_source(const Definition& def, const Parameters& p);

}  // namespace keycard::reports
