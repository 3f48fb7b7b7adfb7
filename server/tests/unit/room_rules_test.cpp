// Rules of rooms, as tables: housekeeping for every status, the floors, and
// when a room may change its property or type.
#include "hotel/rooms/rules.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace keycard::hotel::rooms {
namespace {

TEST(RoomRules, EachStatusSellsAssignsAndTurnsOverAsItShould) {
  struct Case {
    const char* status;
    bool sells, assignable, ready_when_empty;
    const char* after_check_out;
  };
  const std::vector<Case> cases = {
      {"clean", true, true, true, "dirty"},
      {"dirty", true, true, true, "dirty"},
      {"inspected", true, true, true, "dirty"},
      {"out_of_service", true, true, false, "dirty"},
      {"out_of_order", false, false, false, "out_of_order"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(counts_for_capacity(c.status), c.sells) << c.status;
    EXPECT_EQ(assignable(c.status), c.assignable) << c.status;
    EXPECT_EQ(ready_for_arrival(c.status, false), c.ready_when_empty) << c.status;
    EXPECT_FALSE(ready_for_arrival(c.status, true)) << c.status << ": an occupied room is never ready";
    EXPECT_EQ(status_after_check_out(c.status), c.after_check_out) << c.status;
  }
}

TEST(RoomRules, FloorsRunFromTheBasementsToTheTop) {
  struct Case {
    std::int64_t floor;
    bool allowed;
  };
  const std::vector<Case> cases = {{-11, false}, {-10, true}, {0, true}, {12, true}, {300, true}, {301, false}};
  for (const auto& c : cases) EXPECT_EQ(kFloors.contains(c.floor), c.allowed) << c.floor;
}

TEST(RoomRules, ARoomStaysInItsPropertyAndKeepsItsTypeWhileHeld) {
  struct PropertyCase {
    std::optional<std::string> sent;
    bool moves;
  };
  const std::vector<PropertyCase> properties = {{std::nullopt, false}, {"p-1", false}, {"p-2", true}};
  for (const auto& c : properties) {
    EXPECT_EQ(moves_property(c.sent, "p-1"), c.moves) << c.sent.value_or("(not sent)");
  }

  struct TypeCase {
    const char* after;
    bool held, refused;
  };
  const std::vector<TypeCase> types = {
      {"t-1", false, false},
      {"t-1", true, false},
      {"t-2", false, false},
      {"t-2", true, true},
  };
  for (const auto& c : types) {
    EXPECT_EQ(type_change_refused("t-1", c.after, c.held), c.refused)
        << "t-1 -> " << c.after << (c.held ? " while held" : "");
  }
}

}  // namespace
}  // namespace keycard::hotel::rooms
