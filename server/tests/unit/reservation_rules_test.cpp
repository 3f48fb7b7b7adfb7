// Nights held and the first full night: the rules shared by a booking's
// capacity check and by availability, as tables of cases.
#include "hotel/reservations/rules.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace keycard::hotel::reservations::rules {
namespace {

Stay stay(std::string id, std::string type, std::string in, std::string out) {
  return Stay{std::move(id), std::nullopt, std::move(type), std::move(in), std::move(out)};
}

TEST(ReservationRules, NightsHeldCountsEachNightOfTheTypeOnly) {
  const std::vector<Stay> stays = {
      stay("a", "STD", "2027-03-01", "2027-03-04"),  // nights 1, 2, 3
      stay("b", "STD", "2027-03-03", "2027-03-05"),  // nights 3, 4
      stay("c", "DLX", "2027-03-01", "2027-03-10"),  // another type
      stay("d", "STD", "2027-02-20", "2027-03-02"),  // from before: night 1 only
      stay("e", "STD", "2027-03-05", "2027-03-08"),  // check-out day is free: starts after the range
  };
  struct Case {
    std::string in, out;
    std::optional<std::string> exclude;
    std::vector<std::int64_t> held;
  };
  const std::vector<Case> cases = {
      {"2027-03-01", "2027-03-05", std::nullopt, {2, 1, 2, 1}}, {"2027-03-01", "2027-03-05", "a", {1, 0, 1, 1}},
      {"2027-03-04", "2027-03-05", std::nullopt, {1}},          {"2027-03-10", "2027-03-12", std::nullopt, {0, 0}},
      {"2027-03-05", "2027-03-05", std::nullopt, {}},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(nights_held(stays, "STD", c.in, c.out, c.exclude), c.held) << c.in << " .. " << c.out;
  }
}

TEST(ReservationRules, FirstFullNightIsTheFirstThatCannotTakeOneMore) {
  struct Case {
    std::vector<std::int64_t> held;
    std::int64_t rooms;
    std::optional<std::string> full;
  };
  const std::vector<Case> cases = {
      {{0, 1, 1}, 2, std::nullopt}, {{0, 2, 1}, 2, "2027-12-31"},
      {{2, 2, 1}, 2, "2027-12-30"}, {{0, 0}, 0, "2027-12-30"},  // every room out of order
      {{1, 1, 3}, 2, "2028-01-01"},                             // over the new year
      {{}, 0, std::nullopt},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(first_full_night(c.held, "2027-12-30", c.rooms), c.full) << c.rooms;
  }
}

}  // namespace
}  // namespace keycard::hotel::reservations::rules
