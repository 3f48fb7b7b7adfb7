#include "hotel/payments/rules.hpp"

#include <array>
#include <cctype>

namespace keycard::hotel::payments::rules {

std::int64_t refundable(const Payment& payment) {
  return payment.kind == "payment" ? payment.amount_minor - payment.refunded_minor : 0;
}

std::optional<std::string_view> refund_refusal(const Payment& payment, std::int64_t amount) {
  if (payment.kind != "payment") return "not_refundable";
  if (amount > refundable(payment)) return "refund_exceeds_payment";
  return std::nullopt;
}

bool is_card_field(std::string_view key) {
  constexpr std::array<std::string_view, 6> kCardFields = {"card_number", "pan", "cvv", "cvc", "security_code", "card"};
  for (const auto k : kCardFields) {
    if (k == key) return true;
  }
  return false;
}

bool looks_like_card_number(std::string_view text) {
  int run = 0;
  for (char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      if (++run >= 13) return true;
    } else if (c != ' ' && c != '-') {
      run = 0;
    }
  }
  return false;
}

}  // namespace keycard::hotel::payments::rules
