// Folio arithmetic: charge amounts, what a correction may take back, and the
// totals (and so the reservation's total, paid and balance), as tables.
#include "hotel/folios/rules.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "hotel/reservations/rules.hpp"

namespace keycard::hotel::folios::rules {
namespace {

Line line(std::string kind, std::int64_t amount, std::int64_t corrected = 0) {
  Line l;
  l.kind = std::move(kind);
  l.amount_minor = amount;
  l.corrected_minor = corrected;
  return l;
}

TEST(FolioRules, AChargeIsQuantityTimesUnitPrice) {
  EXPECT_EQ(charge_amount(1, 450), 450);
  EXPECT_EQ(charge_amount(3, 450), 1350);
  EXPECT_EQ(charge_amount(kMaxQuantity, kMaxUnitPrice), 99'900'000'000'000);
}

TEST(FolioRules, ACorrectionTakesBackAtMostWhatIsLeftOfACharge) {
  struct Case {
    Line line;
    std::optional<std::int64_t> amount;
    std::optional<std::string_view> refusal;
  };
  const std::vector<Case> cases = {
      {line("charge", 1000), std::nullopt, std::nullopt},
      {line("charge", 1000), 1000, std::nullopt},
      {line("charge", 1000), 1001, "too_much"},
      {line("charge", 1000, 400), 600, std::nullopt},
      {line("charge", 1000, 400), 601, "too_much"},
      {line("charge", 1000, 1000), std::nullopt, "already_corrected"},
      {line("charge", 1000), 0, "not_positive"},
      {line("payment", -5000), std::nullopt, "not_correctable"},
      {line("refund", 500), std::nullopt, "not_correctable"},
      {line("correction", -300), std::nullopt, "not_correctable"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(correction_refusal(c.line, c.amount), c.refusal)
        << c.line.kind << " " << c.line.amount_minor << " corrected " << c.line.corrected_minor;
  }
  EXPECT_EQ(correctable(line("charge", 1000, 250)), 750);
  EXPECT_EQ(correctable(line("charge", 1000, 1000)), 0);
  EXPECT_EQ(correctable(line("payment", -1000)), 0);
}

TEST(FolioRules, TotalsFollowTheLinesAndThePendingRoomNights) {
  // Two room nights posted at 12000, a minibar 900 corrected by 300, a
  // payment of 20000 and a refund of 1000; one night of 12000 still to post.
  const std::vector<Line> lines = {line("charge", 12000),    line("charge", 12000),   line("charge", 900),
                                   line("correction", -300), line("payment", -20000), line("refund", 1000)};
  const auto t = totals(lines, 1, 12000);
  EXPECT_EQ(t.charges, 24900);
  EXPECT_EQ(t.corrections, -300);
  EXPECT_EQ(t.payments, 20000);
  EXPECT_EQ(t.refunds, 1000);
  EXPECT_EQ(t.posted_balance, 24900 - 300 - 20000 + 1000);
  EXPECT_EQ(t.pending_room_nights, 1);
  EXPECT_EQ(t.pending_room_charges, 12000);
  EXPECT_EQ(t.total, 24900 - 300 + 12000);
  EXPECT_EQ(t.paid, 19000);
  EXPECT_EQ(t.balance, t.total - t.paid);
  EXPECT_EQ(t.balance, t.posted_balance + t.pending_room_charges);
}

TEST(FolioRules, AStayNeverAuditedCostsRateTimesNights) {
  const std::vector<Line> none;
  const auto t = totals(none, 3, 10000);
  EXPECT_EQ(t.total, 30000);
  EXPECT_EQ(t.balance, 30000);
  const auto paid = totals({line("payment", -30000)}, 3, 10000);
  EXPECT_EQ(paid.balance, 0);
}

TEST(FolioRules, PendingRoomNightsCountOnlyForStaysThatHoldARoom) {
  using reservations::Status;
  using reservations::rules::pending_room_nights;
  struct Case {
    Status status;
    std::int64_t nights, posted, pending;
  };
  const std::vector<Case> cases = {
      {Status::pending, 3, 0, 3},    {Status::confirmed, 3, 0, 3},  {Status::checked_in, 3, 2, 1},
      {Status::checked_in, 3, 3, 0}, {Status::checked_in, 2, 3, 0}, {Status::checked_out, 3, 1, 0},
      {Status::cancelled, 3, 0, 0},  {Status::no_show, 3, 0, 0},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(pending_room_nights(c.status, c.nights, c.posted), c.pending)
        << reservations::to_string(c.status) << " " << c.nights << "/" << c.posted;
  }
}

TEST(FolioRules, DescriptionsNameTheTypeAndTheRoomNight) {
  EXPECT_EQ(default_description("late_checkout"), "Late check-out");
  EXPECT_EQ(default_description("minibar"), "Minibar");
  EXPECT_EQ(room_night_description(std::string("204"), "2027-03-01"), "Room 204, night of 2027-03-01");
  EXPECT_EQ(room_night_description(std::nullopt, "2027-03-01"), "Room, night of 2027-03-01");
}

}  // namespace
}  // namespace keycard::hotel::folios::rules
