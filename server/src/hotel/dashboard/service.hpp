// The hotel dashboard: arrivals, departures, in-house, occupancy (rooms sold
// / rooms available; out-of-order rooms are not available), ADR (room revenue
// / rooms sold), RevPAR (room revenue / rooms available), open incidents.
#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <string>

#include "request/context.hpp"

namespace keycard::hotel::dashboard {

boost::json::object get(request::Context& ctx, const std::optional<std::string>& property_id,
                        const std::optional<std::string>& date);

}  // namespace keycard::hotel::dashboard
