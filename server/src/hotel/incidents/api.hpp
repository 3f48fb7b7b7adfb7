// Routes of /api/hotel/incidents.
#pragma once

#include "http/router.hpp"

namespace keycard::hotel::incidents {
void register_routes(http::Router& router);
}
