// An event as JSON (the list's items and each server-sent event's data).
#pragma once

#include <boost/json/object.hpp>

#include "events/repository.hpp"

namespace keycard::events {

[[nodiscard]] boost::json::object to_json(const Event& e);

}  // namespace keycard::events
