// Routes of staff and roles in both panels: /api/admin/{users,roles,permissions}
// for the platform and /api/hotel/{users,roles,permissions} for one tenant.
#pragma once

#include "http/router.hpp"

namespace keycard::staff {
void register_routes(http::Router& router);
}
