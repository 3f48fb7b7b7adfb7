// Routes of /api/hotel/reservations and /api/hotel/availability.
#pragma once

#include "http/router.hpp"

namespace keycard::hotel::reservations {
void register_routes(http::Router& router);
}
