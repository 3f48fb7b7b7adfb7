// Routes of folios: /api/hotel/reservations/{id}/folio...
#pragma once

#include "http/router.hpp"

namespace keycard::hotel::folios {
void register_routes(http::Router& router);
}
