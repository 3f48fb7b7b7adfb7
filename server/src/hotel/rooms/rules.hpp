// Pure housekeeping rules of rooms: which statuses count as rooms to sell,
// which room may take an arriving guest, and what a check-out leaves
// behind. Unit-tested as a table (server/tests/unit/room_rules_test.cpp).
#pragma once

#include <string>
#include <string_view>

namespace keycard::hotel::rooms {

// A room out of order is not sold: it does not count in a room type's
// capacity. Out of service (a short block) still counts.
[[nodiscard]] bool counts_for_capacity(std::string_view status);
// A room may be given to a booking (assign-room, a named room at check-in)
// unless it is out of order.
[[nodiscard]] bool assignable(std::string_view status);
// The room the front desk picks at check-in: in service and empty.
[[nodiscard]] bool ready_for_arrival(std::string_view status, bool occupied);
// A check-out leaves the room dirty, unless it is out of order (which stays).
[[nodiscard]] std::string status_after_check_out(std::string_view status);

}  // namespace keycard::hotel::rooms
