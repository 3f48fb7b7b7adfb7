// Routes of the night audit: /api/hotel/properties/{id}/night-audit(s).
#pragma once

#include "http/router.hpp"

namespace keycard::hotel::night_audit {
void register_routes(http::Router& router);
}
