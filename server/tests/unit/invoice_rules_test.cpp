// Invoice numbers, VAT included in prices and a credit note's lines, as tables.
#include "hotel/invoices/rules.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace keycard::hotel::invoices::rules {
namespace {

TEST(InvoiceRules, NumbersArePropertyYearAndASixDigitSequence) {
  EXPECT_EQ(number("HQ", 2027, 42), "HQ-2027-000042");
  EXPECT_EQ(number("BER-1", 2026, 1), "BER-1-2026-000001");
  EXPECT_EQ(number("HQ", 2027, 999999), "HQ-2027-999999");
  EXPECT_EQ(number("HQ", 2027, 1234567), "HQ-2027-1234567");
}

TEST(InvoiceRules, VatIsTakenOutOfTheGrossAndRoundedHalfAwayFromZero) {
  struct Case {
    std::int64_t gross, rate_bp, net, tax;
  };
  const std::vector<Case> cases = {
      {11000, 1000, 10000, 1000},     // 10 %
      {10000, 0, 10000, 0},           // no VAT
      {11900, 1900, 10000, 1900},     // 19 %
      {1000, 700, 935, 65},           // 7 %: 65.42 -> 65
      {105, 500, 100, 5},             // 5 %: exactly 5
      {1, 2000, 1, 0},                // 0.1667 -> 0
      {3, 2000, 2, 1},                // 0.5 -> 1 (half up)
      {-11000, 1000, -10000, -1000},  // a credit note mirrors its invoice
      {-3, 2000, -2, -1},
      {0, 1000, 0, 0},
      // Far past what 64 bits hold as gross × rate: 10^16 at 20 %.
      {10'000'000'000'000'000, 2000, 8'333'333'333'333'333, 1'666'666'666'666'667},
  };
  for (const auto& c : cases) {
    const auto t = vat_included(c.gross, c.rate_bp);
    EXPECT_EQ(t.tax, c.tax) << c.gross << " at " << c.rate_bp;
    EXPECT_EQ(t.net, c.net) << c.gross << " at " << c.rate_bp;
    EXPECT_EQ(t.net + t.tax, c.gross);
  }
}

TEST(InvoiceRules, ACreditNoteNegatesEveryLine) {
  const std::vector<InvoiceLine> lines = {{"2027-03-01", "Room 204, night of 2027-03-01", 1, 12000, 12000},
                                          {"2027-03-02", "Minibar", 3, 450, 1350},
                                          {"2027-03-02", "Correction: Minibar", 1, -450, -450}};
  const auto r = reversed(lines);
  ASSERT_EQ(r.size(), lines.size());
  for (std::size_t i = 0; i < r.size(); ++i) {
    EXPECT_EQ(r[i].amount_minor, -lines[i].amount_minor);
    EXPECT_EQ(r[i].unit_price_minor, -lines[i].unit_price_minor);
    EXPECT_EQ(r[i].quantity, lines[i].quantity);
    EXPECT_EQ(r[i].description, lines[i].description);
  }
}

}  // namespace
}  // namespace keycard::hotel::invoices::rules
