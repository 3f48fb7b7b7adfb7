// SQL of guests; every statement filters tenant_id.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "access/tenant_scope.hpp"
#include "db/database.hpp"
#include "hotel/guests/model.hpp"

namespace keycard::hotel::guests::repo {

struct ListQuery {
  std::optional<std::string> q;  // lower-case; matches name, email, phone
  std::int64_t page = 1, limit = 20;
  std::string order_by = "last_name ASC";  // from a fixed list, never from input
};

void insert(db::Transaction& tx, const access::TenantScope& scope, const Guest& g);
std::optional<Guest> find(db::Transaction& tx, const access::TenantScope& scope, const std::string& id);
// find as a statement of a batch (Transaction::exec_batch), and its answer.
db::Statement find_statement(const access::TenantScope& scope, const std::string& id);
std::optional<Guest> read_found(const db::Result& result);
std::pair<std::vector<Guest>, std::int64_t> list(db::Transaction& tx, const access::TenantScope& scope,
                                                 const ListQuery& q);
bool update(db::Transaction& tx, const access::TenantScope& scope, const Guest& g, std::int64_t version);
bool remove(db::Transaction& tx, const access::TenantScope& scope, const std::string& id, std::int64_t version);

}  // namespace keycard::hotel::guests::repo
