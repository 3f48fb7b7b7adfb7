// Housekeeping rules of rooms, as a table of every status.
#include "hotel/rooms/rules.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace keycard::hotel::rooms
