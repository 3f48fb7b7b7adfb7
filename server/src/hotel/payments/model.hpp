// A payment or refund on a reservation, in minor units. Card numbers and
// security codes are never accepted, so never stored.
#pragma once

#include <boost/json/object.hpp>

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
  std::string created_at;
  std::int64_t refunded_minor = 0;  // read only: refunds of this payment
};

[[nodiscard]] boost::json::object to_json(const Payment& p);

}  // namespace keycard::hotel::payments
