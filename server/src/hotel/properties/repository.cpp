#include "hotel/properties/repository.hpp"

namespace keycard::hotel::properties::repo {
namespace {

constexpr std::string_view kColumns = R"sql(id, tenant_id, name, code, timezone, currency, address, check_in_time,
  check_out_time, status, created_by, updated_by, created_at, updated_at, version)sql";

constexpr std::string_view kInsert = R"sql(
INSERT INTO properties (tenant_id, id, name, code, timezone, currency, address, check_in_time, check_out_time,
  status, created_by, updated_by, created_at, updated_at, version)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, $12, 1))sql";

constexpr std::string_view kFind = R"sql(
SELECT id, tenant_id, name, code, timezone, currency, address, check_in_time, check_out_time, status, created_by,
  updated_by, created_at, updated_at, version
FROM properties WHERE tenant_id = $1 AND id = $2)sql";

constexpr std::string_view kUpdate = R"sql(
UPDATE properties SET name = $4, code = $5, timezone = $6, currency = $7, address = $8, check_in_time = $9,
  check_out_time = $10, status = $11, updated_by = $12, updated_at = $13, version = version + 1
WHERE tenant_id = $1 AND id = $2 AND version = $3)sql";

constexpr std::string_view kHasReservations =
    "SELECT count(*) FROM reservations WHERE tenant_id = $1 AND property_id = $2";

constexpr std::string_view kDelete = "DELETE FROM properties WHERE tenant_id = $1 AND id = $2 AND version = $3";

// A NULL parameter disables its filter (the CAST types it for PostgreSQL).
constexpr std::string_view kWhere = R"sql(
WHERE tenant_id = $1 AND (CAST($2 AS TEXT) IS NULL OR status = $2)
  AND (CAST($3 AS TEXT) IS NULL OR lower(name) LIKE lower($3) ESCAPE '\' OR lower(code) LIKE lower($3) ESCAPE '\'))sql";

Property to_property(const db::Row& r) {
  Property p;
  p.id = r.text(0);
  p.tenant_id = r.text(1);
  p.name = r.text(2);
  p.code = r.text(3);
  p.timezone = r.text(4);
  p.currency = r.text(5);
  p.address = r.opt_text(6);
  p.check_in_time = r.text(7);
  p.check_out_time = r.text(8);
  p.status = r.text(9);
  p.created_by = r.opt_text(10);
  p.updated_by = r.opt_text(11);
  p.created_at = r.text(12);
  p.updated_at = r.text(13);
  p.version = r.int64(14);
  return p;
}

}  // namespace

void insert(db::Transaction& tx, const access::TenantScope& scope, const Property& p) {
  tx.exec(kInsert, {scope.tenant_id(), p.id, p.name, p.code, p.timezone, p.currency, db::nullable(p.address),
                    p.check_in_time, p.check_out_time, p.status, db::nullable(p.created_by), p.created_at});
}

db::Statement find_statement(const access::TenantScope& scope, const std::string& id) {
  return {kFind, {scope.tenant_id(), id}};
}

std::optional<Property> read_found(const db::Result& result) {
  if (result.rows.empty()) return std::nullopt;
  return to_property(result.rows.front());
}

std::optional<Property> find(db::Transaction& tx, const access::TenantScope& scope, const std::string& id) {
  auto s = find_statement(scope, id);
  auto r = tx.one(s.sql, s.params);
  if (!r) return std::nullopt;
  return to_property(*r);
}

std::pair<std::vector<Property>, std::int64_t> list(db::Transaction& tx, const access::TenantScope& scope,
                                                    const ListQuery& q) {
  const db::Params params = {scope.tenant_id(), db::nullable(q.status),
                             q.q ? db::Param("%" + *q.q + "%") : db::Param(nullptr), q.limit, (q.page - 1) * q.limit};
  const auto total =
      tx.one("SELECT count(*) FROM properties" + std::string(kWhere), db::Params(params.begin(), params.begin() + 3));
  const auto sql = "SELECT " + std::string(kColumns) + " FROM properties" + std::string(kWhere) + " ORDER BY " +
                   q.order_by + ", id LIMIT $4 OFFSET $5";
  std::vector<Property> items;
  for (const auto& r : tx.exec(sql, params).rows) items.push_back(to_property(r));
  return {std::move(items), total ? total->int64(0) : 0};
}

bool update(db::Transaction& tx, const access::TenantScope& scope, const Property& p, std::int64_t version) {
  return tx.exec(kUpdate,
                 {scope.tenant_id(), p.id, version, p.name, p.code, p.timezone, p.currency, db::nullable(p.address),
                  p.check_in_time, p.check_out_time, p.status, db::nullable(p.updated_by), p.updated_at})
             .affected == 1;
}

bool has_reservations(db::Transaction& tx, const access::TenantScope& scope, const std::string& id) {
  auto r = tx.one(kHasReservations, {scope.tenant_id(), id});
  return r && r->int64(0) > 0;
}

bool remove(db::Transaction& tx, const access::TenantScope& scope, const std::string& id, std::int64_t version) {
  return tx.exec(kDelete, {scope.tenant_id(), id, version}).affected == 1;
}

}  // namespace keycard::hotel::properties::repo
