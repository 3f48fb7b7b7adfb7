// Pure rules of bookings: how many rooms of a type the stays hold on each
// night, shared by the capacity check of a booking and by availability.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hotel/reservations/model.hpp"

namespace keycard::hotel::reservations::rules {

// For each night of [check_in, check_out): how many of `stays` of the room
// type hold a room of it that night (a stay holds the nights
// [its check-in, its check-out)); `exclude_id`, a stay being changed, is not
// counted. Dates are YYYY-MM-DD.
[[nodiscard]] std::vector<std::int64_t> nights_held(const std::vector<Stay>& stays, std::string_view room_type_id,
                                                    std::string_view check_in, std::string_view check_out,
                                                    const std::optional<std::string>& exclude_id = std::nullopt);

// The first night (YYYY-MM-DD) of [check_in, check_out) on which one more
// stay would not fit in `rooms` rooms, or nullopt when every night has room.
[[nodiscard]] std::optional<std::string> first_full_night(const std::vector<std::int64_t>& held,
                                                          std::string_view check_in, std::int64_t rooms);

}  // namespace keycard::hotel::reservations::rules
