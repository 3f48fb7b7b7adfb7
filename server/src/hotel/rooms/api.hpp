// Routes of /api/hotel/rooms.
#pragma once

#include "http/router.hpp"

namespace keycard::hotel::rooms {
void register_routes(http::Router& router);
}
