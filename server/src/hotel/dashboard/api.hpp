// Routes of /api/hotel/dashboard.
#pragma once

#include "http/router.hpp"

namespace keycard::hotel::dashboard {
void register_routes(http::Router& router);
}
