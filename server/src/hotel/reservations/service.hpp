// Reservations: booking within capacity, the status machine (rules.hpp),
// room assignment and availability. Every change is audited and recorded in
// the status history in its transaction. Typed commands in, model out: the
// JSON and HTTP forms are api.cpp's.
#pragma once

#include <optional>
#include <string>

#include "common/list_page.hpp"
#include "hotel/reservations/model.hpp"
#include "hotel/reservations/repository.hpp"
#include "hotel/reservations/rules.hpp"
#include "hotel/shared/idempotency.hpp"
#include "request/context.hpp"

namespace keycard::hotel::reservations {

using rules::Action;

// A new booking, or the first answer to a repeated Idempotency-Key.
idempotency::Created<Reservation> create(request::Context& ctx, const CreateReservation& cmd,
                                         const std::optional<idempotency::Replay<Reservation>>& replay);
WithHistory get(request::Context& ctx, const std::string& id);
ListPage<Reservation> list(request::Context& ctx, const repo::ListQuery& query);
Reservation update(request::Context& ctx, const std::string& id, const PatchReservation& patch);
Reservation transition(request::Context& ctx, const std::string& id, Action action, const StatusCommand& cmd);
// The same inside the caller's write transaction (the night audit's no-shows
// and cancellations); `night_audit`, the date it closes, goes in the audit.
Reservation apply_transition(db::Transaction& tx, const access::TenantScope& scope, const Changer& who,
                             const std::string& id, Action action, const StatusCommand& cmd,
                             const std::optional<std::string>& night_audit = std::nullopt);
Reservation assign_room(request::Context& ctx, const std::string& id, const AssignRoom& cmd);
Availability availability(request::Context& ctx, const AvailabilityQuery& q);

// For other hotel modules: the reservation or 404, inside their transaction.
Reservation require(db::Transaction& tx, const access::TenantScope& scope, const std::string& id);

// For a posting to the reservation's folio or payments, inside the caller's
// write transaction: the property's business date, held with a shared lock,
// then the reservation's row locked, in the night audit's order (property,
// then reservation) so that the two never deadlock. 404 when there is no
// such reservation.
struct Posting {
  Reservation reservation;
  std::string business_date;
};
Posting lock_for_posting(db::Transaction& tx, const access::TenantScope& scope, const std::string& id);

}  // namespace keycard::hotel::reservations
