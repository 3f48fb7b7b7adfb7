// The hotel dashboard: arrivals, departures, in-house, occupancy (rooms sold
// / rooms available; out-of-order rooms are not available), ADR (room revenue
// / rooms sold), RevPAR (room revenue / rooms available), open incidents
// (rules.hpp). The model out: JSON is api.cpp's (codec.hpp).
#pragma once

#include <optional>
#include <string>

#include "hotel/dashboard/model.hpp"
#include "request/context.hpp"

namespace keycard::hotel::dashboard {

// `date` nullopt: today at the property (UTC for every property).
Dashboard get(request::Context& ctx, const std::optional<std::string>& property_id,
              const std::optional<std::string>& date);

}  // namespace keycard::hotel::dashboard
