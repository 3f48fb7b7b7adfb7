// Reservations: booking within capacity, the status machine
// pending -> confirmed -> checked_in -> checked_out, pending|confirmed ->
// cancelled, confirmed -> no_show; room assignment; availability. Every
// change is audited and recorded in the status history in its transaction.
#pragma once

#include <boost/json/object.hpp>

#include <optional>

#include "request/context.hpp"
#include "hotel/reservations/repository.hpp"
#include "hotel/shared/idempotency.hpp"
#include "http/message.hpp"

namespace keycard::hotel::reservations {

enum class Action { confirm, check_in, check_out, cancel, no_show };

boost::json::object create(request::Context& ctx, const boost::json::object& body,
                           const std::optional<idempotency::Key>& key);
boost::json::object get(request::Context& ctx, const std::string& id);
boost::json::object list(request::Context& ctx, const repo::ListQuery& query);
boost::json::object update(request::Context& ctx, const http::Request& req, const std::string& id,
                           const boost::json::object& body);
boost::json::object transition(request::Context& ctx, const std::string& id, Action action,
                               const boost::json::object& body);
boost::json::object assign_room(request::Context& ctx, const std::string& id, const boost::json::object& body);

struct AvailabilityQuery {
  std::string property_id, check_in, check_out;
  std::optional<std::string> room_type_id;
};
boost::json::object availability(request::Context& ctx, const AvailabilityQuery& q);

// The next legal status for an action from a status, or nullopt.
[[nodiscard]] std::optional<std::string> next_status(std::string_view from, Action action);

}  // namespace keycard::hotel::reservations
