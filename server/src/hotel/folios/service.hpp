// Folios: a reservation's lines (charges, corrections, and its payments and
// refunds) with their totals; posting an extra; correcting a charge by a new
// line that references it (lines are never edited). Room nights are posted
// by the night audit and at check-out (post_room_nights). Every posting is
// audited in its transaction. Typed commands in, model out: the JSON and
// HTTP forms are api.cpp's.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/audit.hpp"
#include "hotel/folios/model.hpp"
#include "hotel/reservations/model.hpp"
#include "hotel/shared/idempotency.hpp"
#include "request/context.hpp"

namespace keycard::hotel::folios {

Folio get(request::Context& ctx, const std::string& reservation_id);
idempotency::Created<Posted> post_charge(request::Context& ctx, const std::string& reservation_id,
                                         const PostCharge& cmd,
                                         const std::optional<idempotency::Replay<Posted>>& replay);
Posted correct(request::Context& ctx, const std::string& reservation_id, const std::string& line_id,
               const CorrectLine& cmd);

// For the night audit and check-out, inside their write transaction: posts
// a room charge at the reservation's rate for each of `nights` that has none
// yet (a night is charged once), on `business_date`, audited as `actor`
// (`posted_by` the user, or nullopt for the scheduled audit). Returns the
// lines posted.
std::vector<Line> post_room_nights(db::Transaction& tx, const access::TenantScope& scope, const audit::Actor& actor,
                                   const reservations::Reservation& r, const std::vector<std::string>& nights,
                                   const std::string& business_date, const std::optional<std::string>& posted_by);
// Every night of the stay, [check-in, check-out).
std::vector<std::string> stay_nights(const reservations::Reservation& r);

}  // namespace keycard::hotel::folios
