#include "hotel/rooms/repository.hpp"

#include "common/clock.hpp"
#include "db/rows.hpp"
#include "hotel/reservations/rules.hpp"

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

// A reservation that holds a room (reservations::rules::active_statuses_sql).
const std::string& held_sql() {
  static const std::string kHeld = "SELECT count(*) AS n FROM reservations WHERE tenant_id = $1 AND room_id = $2" +
                                   std::string(" AND status IN ") + reservations::rules::active_statuses_sql();
  return kHeld;
}

constexpr std::string_view kDelete = "DELETE FROM rooms WHERE tenant_id = $1 AND id = $2 AND version = $3";

Room to_room(const db::NamedRow& r) {
  Room m;
  m.id = r.text("id");
  m.tenant_id = r.text("tenant_id");
  m.property_id = r.text("property_id");
  m.room_type_id = r.text("room_type_id");
  m.room_number = r.text("room_number");
  m.floor = r.opt_int64("floor");
  m.status = r.text("status");
  m.occupied = r.boolean("occupied");
  m.notes = r.opt_text("notes");
  m.created_by = r.opt_text("created_by");
  m.updated_by = r.opt_text("updated_by");
  m.created_at = r.text("created_at");
  m.updated_at = r.text("updated_at");
  m.version = r.int64("version");
  return m;
}

}  // namespace

void insert(db::Transaction& tx, const access::TenantScope& scope, const Room& r) {
  tx.exec(kInsert, {scope.tenant_id(), r.id, r.property_id, r.room_type_id, r.room_number, db::nullable(r.floor),
                    r.status, r.occupied, db::nullable(r.notes), db::nullable(r.created_by), r.created_at});
}

std::optional<Room> find(db::Transaction& tx, const access::TenantScope& scope, const std::string& id) {
  return db::map_first(tx.exec(kFind, {scope.tenant_id(), id}), to_room);
}

std::pair<std::vector<Room>, std::int64_t> list(db::Transaction& tx, const access::TenantScope& scope,
                                                const ListQuery& q) {
  db::PageQuery page{"SELECT " + std::string(kColumns) + " FROM rooms",
                     "SELECT count(*) FROM rooms",
                     {},
                     q.order_by + ", id",
                     q.page,
                     q.limit};
  page.filter.add("tenant_id = ?", scope.tenant_id());
  if (q.property_id) page.filter.add("property_id = ?", *q.property_id);
  if (q.room_type_id) page.filter.add("room_type_id = ?", *q.room_type_id);
  if (q.status) page.filter.add("status = ?", *q.status);
  if (q.q) page.filter.add("lower(room_number) LIKE lower(?) ESCAPE '\\'", "%" + *q.q + "%");
  auto rows = db::fetch_page(tx, page);
  return {db::map_rows(rows.rows, to_room), rows.total};
}

std::vector<Room> of_type(db::Transaction& tx, const access::TenantScope& scope, const std::string& room_type_id) {
  return db::map_rows(tx.exec(kOfType, {scope.tenant_id(), room_type_id}), to_room);
}

db::Statement of_property_statement(const access::TenantScope& scope, const std::string& property_id) {
  static const std::string kSql = "SELECT " + std::string(kColumns) +
                                  " FROM rooms WHERE tenant_id = $1 AND property_id = $2 ORDER BY room_number, id";
  return {kSql, {scope.tenant_id(), property_id}};
}

std::vector<Room> read_rooms(const db::Result& result) { return db::map_rows(result, to_room); }

db::Statement inventory_statement(const access::TenantScope& scope, const std::string& property_id) {
  return {kInventory, {scope.tenant_id(), property_id}};
}

db::Statement type_inventory_statement(const access::TenantScope& scope, const std::string& room_type_id) {
  return {kTypeInventory, {scope.tenant_id(), room_type_id}};
}

std::vector<Slot> read_inventory(const db::Result& result) {
  return db::map_rows(result, [](const db::NamedRow& r) {
    return Slot{r.text("id"), r.text("room_type_id"), r.text("status")};
  });
}

bool update(db::Transaction& tx, const access::TenantScope& scope, const Room& r, std::int64_t version) {
  return tx.exec(kUpdate, {scope.tenant_id(), r.id, version, r.room_type_id, r.room_number, db::nullable(r.floor),
                           r.status, db::nullable(r.notes), db::nullable(r.updated_by), r.updated_at})
             .affected == 1;
}

void set_state(db::Transaction& tx, const access::TenantScope& scope, const std::string& id, const std::string& status,
               bool occupied, const std::optional<std::string>& by) {
  tx.exec(kSetState, {scope.tenant_id(), id, status, occupied, db::nullable(by), now_text()});
}

bool held_by_active_reservation(db::Transaction& tx, const access::TenantScope& scope, const std::string& id) {
  const auto n =
      db::map_first(tx.exec(held_sql(), {scope.tenant_id(), id}), [](const db::NamedRow& r) { return r.int64("n"); });
  return n.value_or(0) > 0;
}

bool remove(db::Transaction& tx, const access::TenantScope& scope, const std::string& id, std::int64_t version) {
  return tx.exec(kDelete, {scope.tenant_id(), id, version}).affected == 1;
}

}  // namespace keycard::hotel::rooms::repo
