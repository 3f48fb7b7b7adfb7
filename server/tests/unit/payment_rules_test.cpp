// Refund limits and card data refusal, as tables of cases.
#include "hotel/payments/rules.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace keycard::hotel::payments::rules {
namespace {

Payment paid(std::int64_t amount, std::int64_t refunded, std::string kind = "payment") {
  Payment p;
  p.kind = std::move(kind);
  p.amount_minor = amount;
  p.refunded_minor = refunded;
  return p;
}

TEST(PaymentRules, ARefundNeverExceedsWhatThePaymentBroughtIn) {
  struct Case {
    Payment payment;
    std::int64_t amount;
    std::optional<std::string_view> refusal;
  };
  const std::vector<Case> cases = {
      {paid(10000, 0), 10000, std::nullopt},
      {paid(10000, 0), 10001, "refund_exceeds_payment"},
      {paid(10000, 4000), 6000, std::nullopt},
      {paid(10000, 4000), 6001, "refund_exceeds_payment"},
      {paid(10000, 10000), 1, "refund_exceeds_payment"},
      {paid(500, 0, "refund"), 1, "not_refundable"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(refund_refusal(c.payment, c.amount), c.refusal) << c.payment.amount_minor << " - " << c.amount;
  }
  EXPECT_EQ(refundable(paid(10000, 2500)), 7500);
  EXPECT_EQ(refundable(paid(500, 0, "refund")), 0);
}

TEST(PaymentRules, CardDataIsRecognised) {
  struct Case {
    const char* text;
    bool card;
  };
  const std::vector<Case> cases = {
      {"4111 1111 1111 1111", true},
      {"4111-1111-1111-1111", true},
      {"4111111111111", true},               // 13 digits
      {"411111111111", false},               // 12 digits
      {"INV 2027-0042 / 123456789", false},  // letters and slashes break a run
      {"", false},
  };
  for (const auto& c : cases) EXPECT_EQ(looks_like_card_number(c.text), c.card) << c.text;
  for (const auto* key : {"card_number", "pan", "cvv", "cvc", "security_code", "card"}) EXPECT_TRUE(is_card_field(key));
  for (const auto* key : {"reference", "method", "cards"}) EXPECT_FALSE(is_card_field(key));
}

}  // namespace
}  // namespace keycard::hotel::payments::rules
