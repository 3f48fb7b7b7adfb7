// Routes of /api/hotel/room-types.
#pragma once

#include "http/router.hpp"

namespace keycard::hotel::room_types {
void register_routes(http::Router& router);
}
