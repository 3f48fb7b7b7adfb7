// Routes of /api/admin/hotels.
#pragma once

#include "http/router.hpp"

namespace keycard::platform::hotels {
void register_routes(http::Router& router);
}
