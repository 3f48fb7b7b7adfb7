// SQL of room types; every statement filters tenant_id.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "access/tenant_scope.hpp"
#include "db/database.hpp"
#include "hotel/room_types/model.hpp"

namespace keycard::hotel::room_types::repo {

struct ListQuery {
  std::optional<std::string> property_id, q;
  std::int64_t page = 1, limit = 20;
  std::string order_by = "t.code ASC";  // from a fixed list, never from input
};

void insert(db::Transaction& tx, const access::TenantScope& scope, const RoomType& t);
std::optional<RoomType> find(db::Transaction& tx, const access::TenantScope& scope, const std::string& id);
// For batches (Transaction::exec_batch): find, or every room type of a
// property by code, and reading either answer back.
db::Statement find_statement(const access::TenantScope& scope, const std::string& id);
// find_for_update's lock alone (no rows when there is no such type).
db::Statement lock_statement(db::Backend backend, const access::TenantScope& scope, const std::string& id);
db::Statement of_property_statement(const access::TenantScope& scope, const std::string& property_id);
std::vector<RoomType> read_types(const db::Result& result);
// The same, locking the row until commit (PostgreSQL SELECT ... FOR UPDATE;
// SQLite's write transactions are serialized already).
std::optional<RoomType> find_for_update(db::Transaction& tx, const access::TenantScope& scope, const std::string& id);
std::pair<std::vector<RoomType>, std::int64_t> list(db::Transaction& tx, const access::TenantScope& scope,
                                                    const ListQuery& q);
bool update(db::Transaction& tx, const access::TenantScope& scope, const RoomType& t, std::int64_t version);
bool remove(db::Transaction& tx, const access::TenantScope& scope, const std::string& id, std::int64_t version);

}  // namespace keycard::hotel::room_types::repo
