// GET /api/hotel/events: the tenant's domain events as JSON pages.
#pragma once

#include "http/router.hpp"

namespace keycard::events {

void register_routes(http::Router& router);

}  // namespace keycard::events
