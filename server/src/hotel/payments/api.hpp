// Routes of payments: /api/hotel/reservations/{id}/payments, /api/hotel/payments.
#pragma once

#include "http/router.hpp"

namespace keycard::hotel::payments {
void register_routes(http::Router& router);
}
