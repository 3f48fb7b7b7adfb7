#include "hotel/rooms/rules.hpp"

namespace keycard::hotel::rooms {

bool counts_for_capacity(std::string_view status) { return status != "out_of_order"; }

bool assignable(std::string_view status) { return status != "out_of_order"; }

bool ready_for_arrival(std::string_view status, bool occupied) {
  return !occupied && status != "out_of_order" && status != "out_of_service";
}

std::string status_after_check_out(std::string_view status) {
  return status == "out_of_order" ? std::string(status) : "dirty";
}

bool moves_property(const std::optional<std::string>& sent, std::string_view current) {
  return sent && *sent != current;
}

bool type_change_refused(std::string_view type_before, std::string_view type_after, bool held_by_active_reservation) {
  return type_before != type_after && held_by_active_reservation;
}

}  // namespace keycard::hotel::rooms
