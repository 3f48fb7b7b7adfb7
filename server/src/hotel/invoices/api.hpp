// Routes of invoices: /api/hotel/reservations/{id}/invoice(s),
// /api/hotel/invoices/{id}(.pdf), the credit note and the registration card.
#pragma once

#include "http/router.hpp"

namespace keycard::hotel::invoices {
void register_routes(http::Router& router);
}
