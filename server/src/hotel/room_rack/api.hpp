// Route of the room rack: GET /api/hotel/room-rack.
#pragma once

#include "http/router.hpp"

namespace keycard::hotel::room_rack {
void register_routes(http::Router& router);
}
