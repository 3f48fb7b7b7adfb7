// Routes of /api/auth.
#pragma once

#include "http/router.hpp"

namespace keycard::auth {
void register_routes(http::Router& router);
}
