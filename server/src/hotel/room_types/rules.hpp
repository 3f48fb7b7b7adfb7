// Pure rules of room types: the bounds of a type's capacity (guests per
// room) and of its base nightly rate (minor units), and that a type stays in
// its property. Unit-tested as tables
// (server/tests/unit/room_type_rules_test.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace keycard::hotel::room_types::rules {

// An inclusive range of whole numbers.
struct Range {
  std::int64_t min, max;
  [[nodiscard]] constexpr bool contains(std::int64_t v) const { return v >= min && v <= max; }
};

// 1 to 50 guests.
inline constexpr Range kCapacity{1, 50};
// Free (0) up to 10^12 minor units a night.
inline constexpr Range kBaseRateMinor{0, 1'000'000'000'000};

// A PATCH that names a property other than the type's own would move it
// (refused: a type is created in the other property instead); naming its
// own property, or none, changes nothing.
[[nodiscard]] bool moves_property(const std::optional<std::string>& sent, std::string_view current);

}  // namespace keycard::hotel::room_types::rules
