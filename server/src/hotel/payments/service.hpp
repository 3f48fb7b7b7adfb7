// Payments and refunds: minor units in the reservation's currency; refunds
// never exceed what the payment brought in (rules.hpp). Audited in the same
// transaction. Typed commands in, model out: JSON is api.cpp's.
#pragma once

#include <optional>
#include <string>

#include "common/list_page.hpp"
#include "hotel/payments/model.hpp"
#include "hotel/payments/repository.hpp"
#include "hotel/shared/idempotency.hpp"
#include "request/context.hpp"

namespace keycard::hotel::payments {

idempotency::Created<Recorded> create(request::Context& ctx, const std::string& reservation_id,
                                      const RecordPayment& cmd,
                                      const std::optional<idempotency::Replay<Recorded>>& replay);
OfReservation of_reservation(request::Context& ctx, const std::string& reservation_id);
ListPage<Payment> list(request::Context& ctx, const repo::ListQuery& query);
Recorded refund(request::Context& ctx, const std::string& payment_id, const RefundPayment& cmd);

}  // namespace keycard::hotel::payments
