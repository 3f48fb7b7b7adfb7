// Routes of /api/admin/impersonation.
#pragma once

#include "http/router.hpp"

namespace keycard::platform::impersonation {
void register_routes(http::Router& router);
}
