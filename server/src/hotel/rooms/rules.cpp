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

}  // namespace keycard::hotel::rooms
