// The JSON forms of payments, for api.cpp: bodies decoded into commands,
// answers encoded, and the audit log's changes.
#pragma once

#include <boost/json/object.hpp>

#include "audit/audit.hpp"
#include "hotel/payments/model.hpp"

namespace keycard::hotel::payments {

[[nodiscard]] boost::json::object to_json(const Payment& p);
[[nodiscard]] boost::json::object to_json(const Recorded& r);
[[nodiscard]] boost::json::object to_json(const OfReservation& r);

[[nodiscard]] RecordPayment decode_payment(const boost::json::object& body);
[[nodiscard]] RefundPayment decode_refund(const boost::json::object& body);

// A new payment or refund's fields (without the derived ones), and the
// money it moved: the reservation's paid total, and for a refund the
// payment's refunded total, as before/after pairs.
struct Moved {
  std::int64_t paid_before = 0, paid_after = 0;
  std::optional<std::int64_t> refunded_before, refunded_after;
};
[[nodiscard]] audit::Changes audit_changes(const Payment& p, const Moved& moved);

}  // namespace keycard::hotel::payments
