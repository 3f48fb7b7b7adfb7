// SQL of properties. Every function takes the caller's TenantScope and every
// statement filters tenant_id (isolation layers 1 and 2).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "access/tenant_scope.hpp"
#include "db/database.hpp"
#include "hotel/properties/model.hpp"

namespace keycard::hotel::properties::repo {

struct ListQuery {
  std::optional<std::string> status, q;
  std::int64_t page = 1, limit = 20;
  std::string order_by = "created_at DESC";  // from a fixed list, never from input
};

void insert(db::Transaction& tx, const access::TenantScope& scope, const Property& p);
std::optional<Property> find(db::Transaction& tx, const access::TenantScope& scope, const std::string& id);
// find as a statement of a batch (Transaction::exec_batch), and its answer.
db::Statement find_statement(const access::TenantScope& scope, const std::string& id);
std::optional<Property> read_found(const db::Result& result);
std::pair<std::vector<Property>, std::int64_t> list(db::Transaction& tx, const access::TenantScope& scope,
                                                    const ListQuery& q);
// Optimistic update of every mutable field; false when the version did not match.
bool update(db::Transaction& tx, const access::TenantScope& scope, const Property& p, std::int64_t version);
// Whether any reservation (in any status) belongs to the property.
bool has_reservations(db::Transaction& tx, const access::TenantScope& scope, const std::string& id);
bool remove(db::Transaction& tx, const access::TenantScope& scope, const std::string& id, std::int64_t version);

// Locks the property's row until the transaction ends (PostgreSQL; SQLite's
// writers are serialized already): `exclusive` for the night audit, which
// moves the business date; shared for a folio posting, which must not post
// on a date the audit is closing. False when there is no such property.
bool lock(db::Transaction& tx, const access::TenantScope& scope, const std::string& id, bool exclusive);
// The night audit closed `closed`: the business date moves to `next`.
void close_day(db::Transaction& tx, const access::TenantScope& scope, const std::string& id, const std::string& closed,
               const std::string& next);

}  // namespace keycard::hotel::properties::repo
