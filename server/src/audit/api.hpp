// Routes of the audit trail: /api/admin/audit-logs (+ verify) and
// /api/hotel/audit-logs (one tenant).
#pragma once

#include "http/router.hpp"

namespace keycard::audit {
void register_routes(http::Router& router);
}
