#include "hotel/room_types/repository.hpp"

namespace keycard::hotel::room_types::repo {
namespace {

constexpr std::string_view kSelect = R"sql(
SELECT t.id, t.tenant_id, t.property_id, t.code, t.name, t.description, t.capacity, t.base_rate_minor, p.currency,
  t.created_by, t.updated_by, t.created_at, t.updated_at, t.version
FROM room_types t JOIN properties p ON p.tenant_id = t.tenant_id AND p.id = t.property_id)sql";

constexpr std::string_view kFind = R"sql(
SELECT t.id, t.tenant_id, t.property_id, t.code, t.name, t.description, t.capacity, t.base_rate_minor, p.currency,
  t.created_by, t.updated_by, t.created_at, t.updated_at, t.version
FROM room_types t JOIN properties p ON p.tenant_id = t.tenant_id AND p.id = t.property_id
WHERE t.tenant_id = $1 AND t.id = $2)sql";

// Both forms side by side: PostgreSQL locks the row; SQLite has no FOR
// UPDATE and needs none (BEGIN IMMEDIATE serializes writers).
constexpr std::string_view kLockPostgres = "SELECT id FROM room_types WHERE tenant_id = $1 AND id = $2 FOR UPDATE";
constexpr std::string_view kLockSqlite = "SELECT id FROM room_types WHERE tenant_id = $1 AND id = $2";

constexpr std::string_view kInsert = R"sql(
INSERT INTO room_types (tenant_id, id, property_id, code, name, description, capacity, base_rate_minor, created_by,
  updated_by, created_at, updated_at, version)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $10, 1))sql";

constexpr std::string_view kUpdate = R"sql(
UPDATE room_types SET code = $4, name = $5, description = $6, capacity = $7, base_rate_minor = $8,
  updated_by = $9, updated_at = $10, version = version + 1
WHERE tenant_id = $1 AND id = $2 AND version = $3)sql";

constexpr std::string_view kDelete = "DELETE FROM room_types WHERE tenant_id = $1 AND id = $2 AND version = $3";

// COALESCE types the optional uuid filter for PostgreSQL; NULL keeps every row.
constexpr std::string_view kWhere = R"sql(
WHERE t.tenant_id = $1 AND t.property_id = COALESCE($2, t.property_id)
  AND (CAST($3 AS TEXT) IS NULL OR lower(t.name) LIKE lower($3) ESCAPE '\' OR lower(t.code) LIKE lower($3) ESCAPE '\'))sql";

RoomType to_type(const db::Row& r) {
  RoomType t;
  t.id = r.text(0);
  t.tenant_id = r.text(1);
  t.property_id = r.text(2);
  t.code = r.text(3);
  t.name = r.text(4);
  t.description = r.opt_text(5);
  t.capacity = r.int64(6);
  t.base_rate_minor = r.int64(7);
  t.currency = r.text(8);
  t.created_by = r.opt_text(9);
  t.updated_by = r.opt_text(10);
  t.created_at = r.text(11);
  t.updated_at = r.text(12);
  t.version = r.int64(13);
  return t;
}

}  // namespace

void insert(db::Transaction& tx, const access::TenantScope& scope, const RoomType& t) {
  tx.exec(kInsert, {scope.tenant_id(), t.id, t.property_id, t.code, t.name, db::nullable(t.description), t.capacity,
                    t.base_rate_minor, db::nullable(t.created_by), t.created_at});
}

db::Statement find_statement(const access::TenantScope& scope, const std::string& id) {
  return {kFind, {scope.tenant_id(), id}};
}

db::Statement of_property_statement(const access::TenantScope& scope, const std::string& property_id) {
  static const std::string sql =
      std::string(kSelect) + " WHERE t.tenant_id = $1 AND t.property_id = $2 ORDER BY t.code, t.id";
  return {sql, {scope.tenant_id(), property_id}};
}

std::vector<RoomType> read_types(const db::Result& result) {
  std::vector<RoomType> out;
  out.reserve(result.rows.size());
  for (const auto& r : result.rows) out.push_back(to_type(r));
  return out;
}

std::optional<RoomType> find(db::Transaction& tx, const access::TenantScope& scope, const std::string& id) {
  auto s = find_statement(scope, id);
  auto r = tx.one(s.sql, s.params);
  if (!r) return std::nullopt;
  return to_type(*r);
}

db::Statement lock_statement(db::Backend backend, const access::TenantScope& scope, const std::string& id) {
  return {backend == db::Backend::postgres ? kLockPostgres : kLockSqlite, {scope.tenant_id(), id}};
}

std::optional<RoomType> find_for_update(db::Transaction& tx, const access::TenantScope& scope, const std::string& id) {
  auto lock = lock_statement(tx.backend(), scope, id);
  if (!tx.one(lock.sql, lock.params)) return std::nullopt;
  return find(tx, scope, id);
}

std::pair<std::vector<RoomType>, std::int64_t> list(db::Transaction& tx, const access::TenantScope& scope,
                                                    const ListQuery& q) {
  const db::Params params = {scope.tenant_id(), db::nullable(q.property_id),
                             q.q ? db::Param("%" + *q.q + "%") : db::Param(nullptr), q.limit, (q.page - 1) * q.limit};
  const auto total =
      tx.one("SELECT count(*) FROM room_types t" + std::string(kWhere), db::Params(params.begin(), params.begin() + 3));
  const auto sql = std::string(kSelect) + std::string(kWhere) + " ORDER BY " + q.order_by + ", t.id LIMIT $4 OFFSET $5";
  std::vector<RoomType> items;
  for (const auto& r : tx.exec(sql, params).rows) items.push_back(to_type(r));
  return {std::move(items), total ? total->int64(0) : 0};
}

bool update(db::Transaction& tx, const access::TenantScope& scope, const RoomType& t, std::int64_t version) {
  return tx.exec(kUpdate, {scope.tenant_id(), t.id, version, t.code, t.name, db::nullable(t.description), t.capacity,
                           t.base_rate_minor, db::nullable(t.updated_by), t.updated_at})
             .affected == 1;
}

bool remove(db::Transaction& tx, const access::TenantScope& scope, const std::string& id, std::int64_t version) {
  return tx.exec(kDelete, {scope.tenant_id(), id, version}).affected == 1;
}

}  // namespace keycard::hotel::room_types::repo
