#include "hotel/room_types/repository.hpp"

#include "db/rows.hpp"

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

RoomType to_type(const db::NamedRow& r) {
  RoomType t;
  t.id = r.text("id");
  t.tenant_id = r.text("tenant_id");
  t.property_id = r.text("property_id");
  t.code = r.text("code");
  t.name = r.text("name");
  t.description = r.opt_text("description");
  t.capacity = r.int64("capacity");
  t.base_rate_minor = r.int64("base_rate_minor");
  t.currency = r.text("currency");
  t.created_by = r.opt_text("created_by");
  t.updated_by = r.opt_text("updated_by");
  t.created_at = r.text("created_at");
  t.updated_at = r.text("updated_at");
  t.version = r.int64("version");
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

std::vector<RoomType> read_types(const db::Result& result) { return db::map_rows(result, to_type); }

std::optional<RoomType> find(db::Transaction& tx, const access::TenantScope& scope, const std::string& id) {
  auto s = find_statement(scope, id);
  return db::map_first(tx.exec(s.sql, s.params), to_type);
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
  db::PageQuery page{
      std::string(kSelect), "SELECT count(*) FROM room_types t", {}, q.order_by + ", t.id", q.page, q.limit};
  page.filter.add("t.tenant_id = ?", scope.tenant_id());
  if (q.property_id) page.filter.add("t.property_id = ?", *q.property_id);
  if (q.q) {
    page.filter.add("(lower(t.name) LIKE lower(?) ESCAPE '\\' OR lower(t.code) LIKE lower(?) ESCAPE '\\')",
                    "%" + *q.q + "%");
  }
  auto rows = db::fetch_page(tx, page);
  return {db::map_rows(rows.rows, to_type), rows.total};
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
