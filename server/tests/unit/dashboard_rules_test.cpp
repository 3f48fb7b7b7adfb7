// Occupancy, ADR and RevPAR arithmetic, and the one currency money adds up
// in, as tables of cases.
#include "hotel/dashboard/rules.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace keycard::hotel::dashboard::rules {
namespace {

TEST(DashboardRules, OccupancyIsRoomsSoldOverRoomsAvailableToFourDecimals) {
  struct Case {
    std::int64_t sold, available;
    double occupancy;
  };
  const std::vector<Case> cases = {
      {3, 9, 0.3333},                                          // the integration scenario: 3 of 9 rooms in service
      {2, 3, 0.6667},                                          // rounded, not cut
      {1, 8, 0.125},  {5, 5, 1.0}, {0, 10, 0.0}, {4, 0, 0.0},  // no room available: 0, not a division by zero
      {1, 3, 0.3333},
  };
  for (const auto& c : cases)
    EXPECT_DOUBLE_EQ(occupancy(c.sold, c.available), c.occupancy) << c.sold << "/" << c.available;
}

TEST(DashboardRules, AdrAndRevparRoundHalvesUpInMinorUnits) {
  struct Case {
    std::int64_t revenue, rooms;
    std::int64_t per_room;
  };
  const std::vector<Case> cases = {
      {37500, 3, 12500},                // ADR of the integration scenario
      {37500, 9, 4167},                 // its RevPAR: 4166.67
      {10001, 2, 5001},                 // 5000.5: the half goes up
      {10000, 3, 3333},                 // 3333.33 down
      {20000, 3, 6667},                 // 6666.67 up
      {0, 4, 0},         {5000, 0, 0},  // nothing sold or available: 0
  };
  for (const auto& c : cases) {
    EXPECT_EQ(ratio(c.revenue, c.rooms), c.per_room) << c.revenue << "/" << c.rooms;
    EXPECT_EQ(adr_minor(c.revenue, c.rooms), c.per_room) << c.revenue << "/" << c.rooms;
    EXPECT_EQ(revpar_minor(c.revenue, c.rooms), c.per_room) << c.revenue << "/" << c.rooms;
  }
}

TEST(DashboardRules, MoneyAddsUpOnlyWithinOneCurrency) {
  struct Case {
    std::vector<std::string> currencies;
    std::optional<std::string> single;
  };
  const std::vector<Case> cases = {
      {{}, std::nullopt},
      {{"EUR"}, "EUR"},
      {{"EUR", "USD"}, std::nullopt},
  };
  for (const auto& c : cases) EXPECT_EQ(single_currency(c.currencies), c.single) << c.currencies.size();
}

}  // namespace
}  // namespace keycard::hotel::dashboard::rules
