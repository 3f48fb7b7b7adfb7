// Pure rules of payments: how much of a payment can still be refunded, and
// the card data that is refused wherever it appears. Unit-tested as tables
// (server/tests/unit/payment_rules_test.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "hotel/payments/model.hpp"

namespace keycard::hotel::payments::rules {

// What of `payment` is still refundable; 0 for a refund (a refund is never
// refunded).
[[nodiscard]] std::int64_t refundable(const Payment& payment);
// The 409 code refusing a refund of `amount`, or nullopt when it may be made:
// "not_refundable" (a refund) or "refund_exceeds_payment".
[[nodiscard]] std::optional<std::string_view> refund_refusal(const Payment& payment, std::int64_t amount);
// A body member that names card data (card_number, pan, cvv, ...).
[[nodiscard]] bool is_card_field(std::string_view key);
// A card-number-like run of 13 or more digits (spaces and dashes allowed).
[[nodiscard]] bool looks_like_card_number(std::string_view text);

}  // namespace keycard::hotel::payments::rules
