// Routes of reports in both panels: /api/{hotel,admin}/reports[/…].
#pragma once

#include "http/router.hpp"

namespace keycard::reports {
void register_routes(http::Router& router);
}
