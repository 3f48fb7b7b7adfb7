// Room type bounds and the property a type stays in, as tables of cases.
#include "hotel/room_types/rules.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace keycard::hotel::room_types::rules {
namespace {

TEST(RoomTypeRules, CapacityAndRateStayInTheirBounds) {
  struct Case {
    Range range;
    std::int64_t value;
    bool allowed;
  };
  const std::vector<Case> cases = {
      {kCapacity, 0, false},
      {kCapacity, 1, true},
      {kCapacity, 50, true},
      {kCapacity, 51, false},
      {kCapacity, -1, false},
      {kBaseRateMinor, -1, false},
      {kBaseRateMinor, 0, true},
      {kBaseRateMinor, 12'900, true},
      {kBaseRateMinor, 1'000'000'000'000, true},
      {kBaseRateMinor, 1'000'000'000'001, false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(c.range.contains(c.value), c.allowed) << c.value << " in [" << c.range.min << ", " << c.range.max << "]";
  }
}

TEST(RoomTypeRules, ATypeStaysInItsProperty) {
  struct Case {
    std::optional<std::string> sent;
    bool moves;
  };
  const std::vector<Case> cases = {
      {std::nullopt, false},
      {"p-1", false},
      {"p-2", true},
      {"", true},
  };
  for (const auto& c : cases) EXPECT_EQ(moves_property(c.sent, "p-1"), c.moves) << c.sent.value_or("(not sent)");
}

}  // namespace
}  // namespace keycard::hotel::room_types::rules
