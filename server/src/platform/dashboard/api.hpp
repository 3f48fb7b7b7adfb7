// GET /api/admin/dashboard: the platform at a glance.
#pragma once

#include "http/router.hpp"

namespace keycard::platform::dashboard {
void register_routes(http::Router& router);
}
