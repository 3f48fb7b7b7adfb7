#include "hotel/reservations/model.hpp"

#include "hotel/reservations/rules.hpp"
#include "hotel/shared/support.hpp"

namespace keycard::hotel::reservations {

const std::vector<std::string_view>& status_names() {
  static const std::vector<std::string_view> kNames = {"pending",     "confirmed", "checked_in",
                                                       "checked_out", "cancelled", "no_show"};
  return kNames;
}

std::string_view to_string(Status s) { return status_names().at(static_cast<std::size_t>(s)); }

std::optional<Status> parse_status(std::string_view name) {
  const auto& names = status_names();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<Status>(i);
  }
  return std::nullopt;
}

std::int64_t Reservation::nights() const { return days_from_date(check_out_date) - days_from_date(check_in_date); }

std::int64_t Reservation::pending_room_nights() const {
  return rules::pending_room_nights(status, nights(), room_nights_posted);
}

}  // namespace keycard::hotel::reservations
