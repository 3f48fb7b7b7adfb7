// Payments and refunds: minor units in the reservation's currency; refunds
// never exceed what the payment brought in. Audited in the same transaction.
#pragma once

#include <boost/json/object.hpp>

#include <optional>

#include "request/context.hpp"
#include "hotel/payments/repository.hpp"
#include "hotel/shared/idempotency.hpp"

namespace keycard::hotel::payments {

boost::json::object create(request::Context& ctx, const std::string& reservation_id, const boost::json::object& body,
                           const std::optional<idempotency::Key>& key);
boost::json::object of_reservation(request::Context& ctx, const std::string& reservation_id);
boost::json::object list(request::Context& ctx, const repo::ListQuery& query);
boost::json::object refund(request::Context& ctx, const std::string& payment_id, const boost::json::object& body);

}  // namespace keycard::hotel::payments
