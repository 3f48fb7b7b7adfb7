#include "events/repository.hpp"

#include <algorithm>

#include "db/rows.hpp"

namespace keycard::events {
namespace {

constexpr std::string_view kInsert = R"sql(
INSERT INTO domain_events (tenant_id, seq, type, resource_type, resource_id, occurred_at, data, permission)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8))sql";

constexpr std::string_view kLatest = "SELECT COALESCE(MAX(seq), 0) AS seq FROM domain_events WHERE tenant_id = $1";

Event from_row(const db::NamedRow& r) {
  Event e;
  e.tenant_id = r.text("tenant_id");
  e.seq = r.int64("seq");
  e.type = r.text("type");
  e.resource_type = r.text("resource_type");
  e.resource_id = r.opt_text("resource_id");
  e.occurred_at = r.text("occurred_at");
  e.data = r.text("data");
  e.permission = r.text("permission");
  return e;
}

}  // namespace

db::Statement outbox_insert(const Event& e) {
  return {
      kInsert,
      {e.tenant_id, e.seq, e.type, e.resource_type, db::nullable(e.resource_id), e.occurred_at, e.data, e.permission}};
}

Batch read_after(db::Transaction& tx, const access::TenantScope& scope, std::int64_t after, std::int64_t limit,
                 const std::vector<std::string>& permissions) {
  const auto newest = latest_seq(tx, scope);
  Batch batch;
  if (!permissions.empty() && newest > after) {
    std::string sql =
        "SELECT tenant_id, seq, type, resource_type, resource_id, occurred_at, data, permission FROM domain_events "
        "WHERE tenant_id = $1 AND seq > $2 AND seq <= $3 AND permission IN (";
    db::Params params{scope.tenant_id(), after, newest};
    for (std::size_t i = 0; i < permissions.size(); ++i) {
      sql += (i ? ", $" : "$") + std::to_string(params.size() + 1);
      params.emplace_back(permissions[i]);
    }
    sql += ") ORDER BY seq LIMIT $" + std::to_string(params.size() + 1);
    params.emplace_back(limit);
    batch.events = db::map_rows(tx.exec(sql, params), from_row);
  }
  const bool full = static_cast<std::int64_t>(batch.events.size()) == limit;
  batch.position = full ? batch.events.back().seq : std::max(after, newest);
  return batch;
}

std::int64_t latest_seq(db::Transaction& tx, const access::TenantScope& scope) {
  return tx.one(kLatest, {scope.tenant_id()})->int64(0);
}

}  // namespace keycard::events
