// Folio lines in the database: charges and corrections (folio_lines), read
// with how much of each charge was corrected. Payments and refunds stay in
// payments (payments::repo) and join a folio as lines in the service.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/tenant_scope.hpp"
#include "db/database.hpp"
#include "hotel/folios/model.hpp"

namespace keycard::hotel::folios::repo {

// `property_id`: the reservation's; the line's business date must be open
// (the folio_lines_date_closed trigger refuses a closed one).
void insert(db::Transaction& tx, const access::TenantScope& scope, const std::string& property_id, const Line& line);
// A reservation's charges and corrections, oldest first.
std::vector<Line> of_reservation(db::Transaction& tx, const access::TenantScope& scope,
                                 const std::string& reservation_id);
std::optional<Line> find(db::Transaction& tx, const access::TenantScope& scope, const std::string& reservation_id,
                         const std::string& line_id);
// The nights of a reservation that have a room charge.
std::vector<std::string> posted_nights(db::Transaction& tx, const access::TenantScope& scope,
                                       const std::string& reservation_id);

}  // namespace keycard::hotel::folios::repo
