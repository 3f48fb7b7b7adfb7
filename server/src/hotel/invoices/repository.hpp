// Invoices in the database: the per-property, per-year number sequence,
// the invoice row with its lines, and reads with `credited_by`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/tenant_scope.hpp"
#include "db/database.hpp"
#include "hotel/invoices/model.hpp"

namespace keycard::hotel::invoices::repo {

// The next number of the property's year, held (row lock) until the
// transaction ends: concurrent issuers queue, and a rollback gives it back.
std::int64_t next_number(db::Transaction& tx, const access::TenantScope& scope, const std::string& property_id,
                         std::int64_t year);
void insert(db::Transaction& tx, const access::TenantScope& scope, const Invoice& invoice);
std::optional<Invoice> find(db::Transaction& tx, const access::TenantScope& scope, const std::string& id);
// A reservation's invoices and credit notes, oldest first (with their lines).
std::vector<Invoice> of_reservation(db::Transaction& tx, const access::TenantScope& scope,
                                    const std::string& reservation_id);

}  // namespace keycard::hotel::invoices::repo
