// SQL of rooms; every statement filters tenant_id.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "access/tenant_scope.hpp"
#include "db/database.hpp"
#include "hotel/rooms/model.hpp"

namespace keycard::hotel::rooms::repo {

struct ListQuery {
  std::optional<std::string> property_id, room_type_id, status, q;
  std::int64_t page = 1, limit = 20;
  std::string order_by = "room_number ASC";  // from a fixed list, never from input
};

void insert(db::Transaction& tx, const access::TenantScope& scope, const Room& r);
std::optional<Room> find(db::Transaction& tx, const access::TenantScope& scope, const std::string& id);
std::pair<std::vector<Room>, std::int64_t> list(db::Transaction& tx, const access::TenantScope& scope,
                                                const ListQuery& q);
// Every room of a type (for availability and capacity).
std::vector<Room> of_type(db::Transaction& tx, const access::TenantScope& scope, const std::string& room_type_id);
// A property's rooms by number, as much as counting availability needs, as
// a statement of a batch (Transaction::exec_batch), and its answer.
struct Slot {
  std::string id;
  std::string room_type_id;
  std::string status;
};
// Every room of a property by number, as a statement of a batch, and its answer.
db::Statement of_property_statement(const access::TenantScope& scope, const std::string& property_id);
std::vector<Room> read_rooms(const db::Result& result);
db::Statement inventory_statement(const access::TenantScope& scope, const std::string& property_id);
db::Statement type_inventory_statement(const access::TenantScope& scope, const std::string& room_type_id);
std::vector<Slot> read_inventory(const db::Result& result);
bool update(db::Transaction& tx, const access::TenantScope& scope, const Room& r, std::int64_t version);
// Housekeeping and occupancy changes made by reservations (no version check).
void set_state(db::Transaction& tx, const access::TenantScope& scope, const std::string& id, const std::string& status,
               bool occupied, const std::optional<std::string>& by);
// Whether a pending, confirmed or checked-in reservation holds the room.
bool held_by_active_reservation(db::Transaction& tx, const access::TenantScope& scope, const std::string& id);
bool remove(db::Transaction& tx, const access::TenantScope& scope, const std::string& id, std::int64_t version);

}  // namespace keycard::hotel::rooms::repo
