// A payment or refund on a reservation, in minor units, and the typed
// commands and answers of the payment service. Card numbers and security
// codes are never accepted, so never stored.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace keycard::hotel::payments {

inline const std::vector<std::string_view> kMethods = {"cash", "card", "bank_transfer", "other"};
inline const std::vector<std::string_view> kKinds = {"payment", "refund"};

struct Payment {
  std::string id, tenant_id, reservation_id, kind;
  std::optional<std::string> refund_of;
  std::int64_t amount_minor = 0;
  std::string currency, method;
  std::optional<std::string> reference, reason, created_by;
  std::optional<std::string> business_date;  // the property's, when taken (absent before folios)
  std::string created_at;
  std::int64_t refunded_minor = 0;  // read only: refunds of this payment
};

// A reservation's money after a payment or refund.
struct Balance {
  std::string reservation_id, currency;
  std::int64_t total_minor = 0, paid_minor = 0;
};

// A payment or refund as answered: with the reservation's new balance.
struct Recorded {
  Payment payment;
  Balance reservation;
};

// A reservation's payments and refunds, and its balance.
struct OfReservation {
  std::vector<Payment> items;
  Balance balance;
};

// POST /api/hotel/reservations/{id}/payments.
struct RecordPayment {
  std::int64_t amount_minor = 0;
  std::string method;
  std::optional<std::string> currency, reference;
};

// POST /api/hotel/payments/{id}/refund.
struct RefundPayment {
  std::int64_t amount_minor = 0;
  std::optional<std::string> reason;
};

}  // namespace keycard::hotel::payments
