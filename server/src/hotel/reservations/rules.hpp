// Pure rules of reservations: the status machine, which statuses hold a
// room, how long a stay may be, whether its guests fit, and how many rooms
// of a type the stays hold on each night (shared by a booking's capacity
// check and by availability). No database, no JSON: unit-tested as tables
// (server/tests/unit/reservation_rules_test.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hotel/reservations/model.hpp"

namespace keycard::hotel::reservations::rules {

// The status actions of API.md (POST .../confirm, check-in, check-out,
// cancel, no-show).
enum class Action { confirm, check_in, check_out, cancel, no_show };

// The next status for an action from a status, or nullopt when the action
// is illegal there: one transition table (rules.cpp) for the whole machine
// pending -> confirmed -> checked_in -> checked_out, pending|confirmed ->
// cancelled, confirmed -> no_show.
[[nodiscard]] std::optional<Status> next_status(Status from, Action action);
// For the audit action "reservation.<event>" and the refusal "cannot be <verb>".
[[nodiscard]] std::string_view event_name(Action action);
[[nodiscard]] std::string_view verb(Action action);

// Statuses that hold a room and count against a room type's capacity: the
// one list; SQL gets it from active_statuses_sql().
[[nodiscard]] bool holds_room(Status s);
[[nodiscard]] const std::vector<std::string_view>& active_status_names();
// "('pending','confirmed','checked_in')", for `status IN ...` in SQL.
[[nodiscard]] const std::string& active_statuses_sql();
// The arrival and the room can change while the stay has not started; the
// departure also while the guest is in house (an early departure, an
// extension); rate and guests while it holds a room.
[[nodiscard]] bool can_change_arrival(Status s);
[[nodiscard]] bool can_change_departure(Status s);
[[nodiscard]] bool can_change_room(Status s);
[[nodiscard]] bool can_change_price(Status s);

// The nights of a stay still to be charged: those without a room charge
// while it holds a room; none once it is checked out (check-out posts them),
// cancelled or a no-show (which owe only the fees posted).
[[nodiscard]] std::int64_t pending_room_nights(Status s, std::int64_t nights, std::int64_t posted);

constexpr std::int64_t kMaxNights = 365;
// The field error of a stay's dates (on check_out_date), or nullopt when
// [check_in, check_out) is 1 to kMaxNights nights. Dates are YYYY-MM-DD.
[[nodiscard]] std::optional<std::string> stay_length_error(std::string_view check_in, std::string_view check_out);
// Adults and children together sleep in a room of `capacity` guests.
[[nodiscard]] bool guests_fit(std::int64_t adults, std::int64_t children, std::int64_t capacity);

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

// A room type's figures for availability: `rooms` in service, `booked` the
// most rooms held on any one night, `available` what is left (never < 0).
struct TypeAvailability {
  std::int64_t rooms = 0, booked = 0, available = 0;
};
[[nodiscard]] TypeAvailability type_availability(const std::vector<std::int64_t>& held, std::int64_t rooms);

}  // namespace keycard::hotel::reservations::rules
