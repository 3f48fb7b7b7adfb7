// Routes of /api/hotel/properties.
#pragma once

#include "http/router.hpp"

namespace keycard::hotel::properties {
void register_routes(http::Router& router);
}
