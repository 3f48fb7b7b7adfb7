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
Reservation assign_room(request::Context& ctx, const std::string& id, const AssignRoom& cmd);
Availability availability(request::Context& ctx, const AvailabilityQuery& q);

}  // namespace keycard::hotel::reservations
