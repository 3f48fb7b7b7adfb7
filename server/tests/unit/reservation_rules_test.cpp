// The pure rules of reservations as tables of cases: the status machine,
// which statuses hold a room, stay length and occupancy, and the nights held
// and first full night shared by a booking's capacity check and availability.
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

TEST(ReservationRules, TheStatusMachineAllowsExactlyItsTransitions) {
  using S = Status;
  using A = Action;
  struct Case {
    S from;
    A action;
    std::optional<S> to;
  };
  const std::vector<Case> allowed = {
      {S::pending, A::confirm, S::confirmed},        {S::confirmed, A::check_in, S::checked_in},
      {S::checked_in, A::check_out, S::checked_out}, {S::pending, A::cancel, S::cancelled},
      {S::confirmed, A::cancel, S::cancelled},       {S::confirmed, A::no_show, S::no_show},
  };
  const std::vector<S> all = {S::pending, S::confirmed, S::checked_in, S::checked_out, S::cancelled, S::no_show};
  const std::vector<A> actions = {A::confirm, A::check_in, A::check_out, A::cancel, A::no_show};
  int legal = 0;
  for (const auto from : all) {
    for (const auto action : actions) {
      std::optional<S> expected;
      for (const auto& c : allowed) {
        if (c.from == from && c.action == action) expected = c.to;
      }
      legal += expected ? 1 : 0;
      EXPECT_EQ(next_status(from, action), expected) << to_string(from) << " + " << event_name(action);
    }
  }
  EXPECT_EQ(legal, 6);
  // Closed stays go nowhere.
  for (const auto action : actions) {
    EXPECT_FALSE(next_status(S::checked_out, action));
    EXPECT_FALSE(next_status(S::cancelled, action));
    EXPECT_FALSE(next_status(S::no_show, action));
  }
  EXPECT_EQ(verb(A::no_show), "marked as a no-show");
  EXPECT_EQ(event_name(A::check_in), "checked_in");
}

TEST(ReservationRules, ActiveStatusesAreWrittenOnce) {
  struct Case {
    Status status;
    bool holds, arrival, departure, room, price;
  };
  const std::vector<Case> cases = {
      {Status::pending, true, true, true, true, true},        {Status::confirmed, true, true, true, true, true},
      {Status::checked_in, true, false, true, false, true},   {Status::checked_out, false, false, false, false, false},
      {Status::cancelled, false, false, false, false, false}, {Status::no_show, false, false, false, false, false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(holds_room(c.status), c.holds) << to_string(c.status);
    EXPECT_EQ(can_change_arrival(c.status), c.arrival) << to_string(c.status);
    EXPECT_EQ(can_change_departure(c.status), c.departure) << to_string(c.status);
    EXPECT_EQ(can_change_room(c.status), c.room) << to_string(c.status);
    EXPECT_EQ(can_change_price(c.status), c.price) << to_string(c.status);
  }
  EXPECT_EQ(active_status_names(), (std::vector<std::string_view>{"pending", "confirmed", "checked_in"}));
  EXPECT_EQ(active_statuses_sql(), "('pending','confirmed','checked_in')");
}

TEST(ReservationRules, StatusNamesRoundTrip) {
  for (const auto name : status_names()) {
    const auto s = parse_status(name);
    ASSERT_TRUE(s) << name;
    EXPECT_EQ(to_string(*s), name);
  }
  EXPECT_FALSE(parse_status("checked-in"));
  EXPECT_FALSE(parse_status(""));
}

TEST(ReservationRules, StayLengthAndOccupancy) {
  struct Case {
    const char* in;
    const char* out;
    bool ok;
  };
  const std::vector<Case> cases = {
      {"2027-03-01", "2027-03-02", true},  {"2027-03-01", "2027-03-01", false},
      {"2027-03-02", "2027-03-01", false}, {"2027-01-01", "2028-01-01", true},  // 365 nights
      {"2028-01-01", "2029-01-01", false},                                      // 366 nights (a leap year)
  };
  for (const auto& c : cases) {
    EXPECT_EQ(!stay_length_error(c.in, c.out).has_value(), c.ok) << c.in << " .. " << c.out;
  }
  EXPECT_EQ(stay_length_error("2027-03-01", "2027-03-01"), "must be after check_in_date (at least one night)");
  EXPECT_TRUE(guests_fit(2, 0, 2));
  EXPECT_TRUE(guests_fit(1, 1, 2));
  EXPECT_FALSE(guests_fit(2, 1, 2));
  EXPECT_FALSE(guests_fit(1, 0, 0));
}

TEST(ReservationRules, TypeAvailabilityIsTheBusiestNight) {
  struct Case {
    std::vector<std::int64_t> held;
    std::int64_t rooms, booked, available;
  };
  const std::vector<Case> cases = {
      {{0, 1, 3}, 5, 3, 2},
      {{}, 4, 0, 4},
      {{6, 2}, 5, 6, 0},  // overbooked: never below zero
      {{0}, 0, 0, 0},
  };
  for (const auto& c : cases) {
    const auto a = type_availability(c.held, c.rooms);
    EXPECT_EQ(a.rooms, c.rooms);
    EXPECT_EQ(a.booked, c.booked);
    EXPECT_EQ(a.available, c.available);
  }
}

}  // namespace
}  // namespace keycard::hotel::reservations::rules
