// Routes of /api/hotel/guests.
#pragma once

#include "http/router.hpp"

namespace keycard::hotel::guests {
void register_routes(http::Router& router);
}
