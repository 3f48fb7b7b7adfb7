// The JSON forms of reservations, for api.cpp (and the api of guests, which
// lists a guest's stays): request bodies decoded and validated into the
// commands of model.hpp, the model encoded as API.md answers, and the
// before/after changes that the service writes to the audit log.
#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <string>

#include "audit/audit.hpp"
#include "hotel/reservations/model.hpp"
#include "hotel/reservations/rules.hpp"
#include "http/message.hpp"

namespace keycard::hotel::reservations {

[[nodiscard]] boost::json::object to_json(const Reservation& r);
[[nodiscard]] boost::json::object to_json(const WithHistory& r);
[[nodiscard]] boost::json::object to_json(const Availability& a);

// 422 with every field error of the body at once.
[[nodiscard]] CreateReservation decode_create(const boost::json::object& body);
// The version comes from the body's `version` or If-Match.
[[nodiscard]] PatchReservation decode_patch(const boost::json::object& body, const http::Request& req);
[[nodiscard]] StatusCommand decode_status(const boost::json::object& body, rules::Action action);
[[nodiscard]] AssignRoom decode_assign(const boost::json::object& body);

// The room's housekeeping change made by a check-in or check-out, for the
// request's one audit entry.
struct RoomChange {
  std::string room_id;
  std::optional<std::string> status_before, status_after;  // set when the status changed
  bool occupied_before = false, occupied_after = false;
};

// The audit log's changes: every field that differs between the two forms
// (none before a creation), without the guest's name, which the append-only
// log must not keep past the guest's erasure (guest_id stays); a status
// action adds its notes: the reason, the room's change, a balance left open
// at check-out, the night audit that made the change.
struct TransitionNotes {
  std::optional<std::string> reason;
  std::optional<RoomChange> room;
  std::optional<std::int64_t> balance_override;
  std::optional<std::string> night_audit;  // the business date it closed
};
[[nodiscard]] audit::Changes audit_changes(const std::optional<Reservation>& before, const Reservation& after);
[[nodiscard]] audit::Changes audit_changes(const Reservation& before, const Reservation& after,
                                           const TransitionNotes& notes);

}  // namespace keycard::hotel::reservations
