// Pure rules of rooms: housekeeping (which statuses count as rooms to sell,
// which room may take an arriving guest, and what a check-out leaves
// behind), the floors a room may be on, and when a room may move to
// another property or type. Unit-tested as tables
// (server/tests/unit/room_rules_test.cpp).
#pragma once

#include <cstdint>
#include <optional>
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

// An inclusive range of whole numbers.
struct Range {
  std::int64_t min, max;
  [[nodiscard]] constexpr bool contains(std::int64_t v) const { return v >= min && v <= max; }
};
// Floors -10 (basements) to 300.
inline constexpr Range kFloors{-10, 300};

// A PATCH that names a property other than the room's own would move it
// (refused: the room is created in the other property instead); naming its
// own property, or none, changes nothing.
[[nodiscard]] bool moves_property(const std::optional<std::string>& sent, std::string_view current);
// A room keeps its type while an active reservation holds it: its bookings
// were counted against the old type's rooms.
[[nodiscard]] bool type_change_refused(std::string_view type_before, std::string_view type_after,
                                       bool held_by_active_reservation);

}  // namespace keycard::hotel::rooms
