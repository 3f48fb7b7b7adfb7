#include "hotel/rooms/repository.hpp"

#include "common/clock.hpp"

namespace keycard::hotel::rooms::repo {
namespace {

constexpr std::string_view kColumns = R"sql(id, tenant_id, property_id, room_type_id, room_number, floor, status,
  occupied, notes, created_by, updated_by, created_at, updated_at, version)sql";

constexpr std::string_view kFind = R"sql(
SELECT id, tenant_id, property_id, room_type_id, room_number, floor, status, occupied, notes, created_by,
  updated_by, created_at, updated_at, version
FROM rooms WHERE tenant_id = $1 AND id = $2)sql";

constexpr std::string_view kOfType = R"sql(
SELECT id, tenant_id, property_id, room_type_id, room_number, floor, status, occupied, notes, created_by,
  updated_by, created_at, updated_at, version
FROM rooms WHERE tenant_id = $1 AND room_type_id = $2 ORDER BY room_number)sql";

constexpr std::string_view kTypeInventory =
    "SELECT id, room_type_id, status FROM rooms WHERE tenant_id = $1 AND room_type_id = $2 ORDER BY room_number";
constexpr std::string_view kInventory =
    "SELECT id, room_type_id, status FROM rooms WHERE tenant_id = $1 AND property_id = $2 ORDER BY room_number";

constexpr std::string_view kInsert = R"sql(
INSERT INTO rooms (tenant_id, id, property_id, room_type_id, room_number, floor, status, occupied, notes,
  created_by, updated_by, created_at, updated_at, version)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $11, 1))sql";

constexpr std::string_view kUpdate = R"sql(
UPDATE rooms SET room_type_id = $4, room_number = $5, floor = $6, status = $7, notes = $8, updated_by = $9,
  updated_at = $10, version = version + 1
WHERE tenant_id = $1 AND id = $2 AND version = $3)sql";

constexpr std::string_view kSetState = R"sql(
UPDATE rooms SET status = $3, occupied = $4, updated_by = $5, updated_at = $6, version = version + 1
WHERE tenant_id = $1 AND id = $2)sql";

constexpr std::string_view kHeld = R"sql(
SELECT count(*) FROM reservations
WHERE tenant_id = $1 AND room_id = $2 AND status IN ('pending','confirmed','checked_in'))sql";

constexpr std::string_view kDelete = "DELETE FROM rooms WHERE tenant_id = $1 AND id = $2 AND version = $3";

// COALESCE types the optional uuid filters for PostgreSQL; NULL keeps every row.
constexpr std::string_view kWhere = R"sql(
WHERE tenant_id = $1 AND property_id = COALESCE($2, property_id) AND room_type_id = COALESCE($3, room_type_id)
  AND (CAST($4 AS TEXT) IS NULL OR status = $4)
  AND (CAST($5 AS TEXT) IS NULL OR lower(room_number) LIKE lower($5) ESCAPE '\'))sql";

Room to_room(const db::Row& r) {
  Room m;
  m.id = r.text(0);
  m.tenant_id = r.text(1);
  m.property_id = r.text(2);
  m.room_type_id = r.text(3);
  m.room_number = r.text(4);
  m.floor = r.opt_int64(5);
  m.status = r.text(6);
  m.occupied = r.boolean(7);
  m.notes = r.opt_text(8);
  m.created_by = r.opt_text(9);
  m.updated_by = r.opt_text(10);
  m.created_at = r.text(11);
  m.updated_at = r.text(12);
  m.version = r.int64(13);
  return m;
}

}  // namespace

void insert(db::Transaction& tx, const access::TenantScope& scope, const Room& r) {
  tx.exec(kInsert, {scope.tenant_id(), r.id, r.property_id, r.room_type_id, r.room_number, db::nullable(r.floor),
                    r.status, r.occupied, db::nullable(r.notes), db::nullable(r.created_by), r.created_at});
}

std::optional<Room> find(db::Transaction& tx, const access::TenantScope& scope, const std::string& id) {
  auto r = tx.one(kFind, {scope.tenant_id(), id});
  if (!r) return std::nullopt;
  return to_room(*r);
}

std::pair<std::vector<Room>, std::int64_t> list(db::Transaction& tx, const access::TenantScope& scope,
                                                const ListQuery& q) {
  const db::Params params = {scope.tenant_id(),
                             db::nullable(q.property_id),
                             db::nullable(q.room_type_id),
                             db::nullable(q.status),
                             q.q ? db::Param("%" + *q.q + "%") : db::Param(nullptr),
                             q.limit,
                             (q.page - 1) * q.limit};
  const auto total =
      tx.one("SELECT count(*) FROM rooms" + std::string(kWhere), db::Params(params.begin(), params.begin() + 5));
  const auto sql = "SELECT " + std::string(kColumns) + " FROM rooms" + std::string(kWhere) + " ORDER BY " + q.order_by +
                   ", id LIMIT $6 OFFSET $7";
  std::vector<Room> items;
  for (const auto& r : tx.exec(sql, params).rows) items.push_back(to_room(r));
  return {std::move(items), total ? total->int64(0) : 0};
}

std::vector<Room> of_type(db::Transaction& tx, const access::TenantScope& scope, const std::string& room_type_id) {
  std::vector<Room> out;
  for (const auto& r : tx.exec(kOfType, {scope.tenant_id(), room_type_id}).rows) out.push_back(to_room(r));
  return out;
}

db::Statement inventory_statement(const access::TenantScope& scope, const std::string& property_id) {
  return {kInventory, {scope.tenant_id(), property_id}};
}

db::Statement type_inventory_statement(const access::TenantScope& scope, const std::string& room_type_id) {
  return {kTypeInventory, {scope.tenant_id(), room_type_id}};
}

std::vector<Slot> read_inventory(const db::Result& result) {
  std::vector<Slot> out;
  out.reserve(result.rows.size());
  for (const auto& r : result.rows) out.push_back({r.text(0), r.text(1), r.text(2)});
  return out;
}

bool update(db::Transaction& tx, const access::TenantScope& scope, const Room& r, std::int64_t version) {
  return tx.exec(kUpdate, {scope.tenant_id(), r.id, version, r.room_type_id, r.room_number, db::nullable(r.floor),
                           r.status, db::nullable(r.notes), db::nullable(r.updated_by), r.updated_at})
             .affected == 1;
}

void set_state(db::Transaction& tx, const access::TenantScope& scope, const std::string& id, const std::string& status,
               bool occupied, const std::string& by) {
  tx.exec(kSetState, {scope.tenant_id(), id, status, occupied, by, now_text()});
}

bool held_by_active_reservation(db::Transaction& tx, const access::TenantScope& scope, const std::string& id) {
  auto r = tx.one(kHeld, {scope.tenant_id(), id});
  return r && r->int64(0) > 0;
}

bool remove(db::Transaction& tx, const access::TenantScope& scope, const std::string& id, std::int64_t version) {
  return tx.exec(kDelete, {scope.tenant_id(), id, version}).affected == 1;
}

}  // namespace keycard::hotel::rooms::repo
