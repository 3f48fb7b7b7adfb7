// The JSON form of the room rack, for api.cpp.
#pragma once

#include <boost/json/object.hpp>

#include "hotel/room_rack/model.hpp"

namespace keycard::hotel::room_rack {

[[nodiscard]] boost::json::object to_json(const Rack& rack);

}  // namespace keycard::hotel::room_rack
