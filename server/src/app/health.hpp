// GET /healthz (the process answers) and GET /readyz (database reachable,
// migrations current).
#pragma once

#include "http/router.hpp"

namespace keycard::app {
void register_health_routes(http::Router& router);
}
