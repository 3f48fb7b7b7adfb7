// The JSON form of the hotel dashboard, for api.cpp.
#pragma once

#include <boost/json/object.hpp>

#include "hotel/dashboard/model.hpp"

namespace keycard::hotel::dashboard {

[[nodiscard]] boost::json::object to_json(const Dashboard& d);

}  // namespace keycard::hotel::dashboard
