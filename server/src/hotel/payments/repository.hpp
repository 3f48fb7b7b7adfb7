// SQL of payments and refunds; every statement filters tenant_id.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "access/tenant_scope.hpp"
#include "db/database.hpp"
#include "hotel/payments/model.hpp"

namespace keycard::hotel::payments::repo {

struct ListQuery {
  std::optional<std::string> reservation_id, method, kind;
  std::int64_t page = 1, limit = 20;
  std::string order_by = "created_at DESC";  // from a fixed list, never from input
};

void insert(db::Transaction& tx, const access::TenantScope& scope, const Payment& p);
std::optional<Payment> find(db::Transaction& tx, const access::TenantScope& scope, const std::string& id);
// The same, locking the payment until commit (PostgreSQL FOR UPDATE), so
// concurrent refunds of one payment are checked one after the other.
std::optional<Payment> find_for_update(db::Transaction& tx, const access::TenantScope& scope, const std::string& id);
std::pair<std::vector<Payment>, std::int64_t> list(db::Transaction& tx, const access::TenantScope& scope,
                                                   const ListQuery& q);
std::vector<Payment> of_reservation(db::Transaction& tx, const access::TenantScope& scope,
                                    const std::string& reservation_id);

}  // namespace keycard::hotel::payments::repo
